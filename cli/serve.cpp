// `aokit serve`: the HTTP gateway (MU, CU, SU, GraphQL) over one emulated world. Prints one
// JSON line with the URLs and ids clients need, then serves until SIGINT/SIGTERM.
#include <csignal>
#include <iostream>

#include "aokit/emu/gateway.h"
#include "commands.h"

namespace aokit::cli {
namespace {

aokit::emu::Gateway* running_gateway = nullptr;

void StopOnSignal(int) {
  if (running_gateway != nullptr) running_gateway->Stop();
}

}  // namespace

void SetupServe(CLI::App& app) {
  struct Options {
    std::string host = "127.0.0.1";
    int port = 0;
    std::string seed = "aokit";
    std::string runtime_dir;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("serve", "Serve an emulated AO world over HTTP (MU, CU, SU, GraphQL) for aoconnect");
  cmd->add_option("--host", o->host, "Address to listen on (loopback by default)");
  cmd->add_option("--port", o->port, "Port (0: any free port)")->check(CLI::Range(0, 65535));
  cmd->add_option("--seed", o->seed, "World seed (fixes every key and id)");
  cmd->add_option("--runtime-dir", o->runtime_dir, "Load the process runtime from this directory (e.g. aos's process/)");
  cmd->callback([o] {
    aokit::emu::WorldOptions options;
    options.seed = o->seed;
    options.runtime_dir = o->runtime_dir;
    aokit::emu::World world(options);
    aokit::emu::Gateway gateway(world, {o->host, o->port});
    auto info = gateway.Bind();
    if (!info) {
      std::cerr << "aokit serve: " << info.error().message << "\n";
      ExitWith(1);
    }
    std::cout << info->dump() << std::endl;
    running_gateway = &gateway;
    std::signal(SIGINT, StopOnSignal);
    std::signal(SIGTERM, StopOnSignal);
    gateway.Serve();
    running_gateway = nullptr;
  });
}

}  // namespace aokit::cli
