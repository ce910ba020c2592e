// `aokit trace <message-id> --gateway URL [--format text|mermaid|dot|json]` and
// `aokit msg export <message-id> --gateway URL -o file.ans104`: ask a running `aokit serve`.
#include <httplib.h>

#include <fstream>
#include <iostream>

#include "commands.h"

namespace aokit::cli {
namespace {

// GET path from the gateway at url ("http://host:port"); exits with a clear message on failure.
std::string FetchOrExit(const std::string& url, const std::string& path, const char* what) {
  httplib::Client client(url);
  client.set_connection_timeout(5);
  auto res = client.Get(path.c_str());
  if (!res) {
    std::cerr << "aokit " << what << ": cannot reach " << url << " (is `aokit serve` running?)\n";
    ExitWith(2);
  }
  if (res->status != 200) {
    std::cerr << "aokit " << what << ": " << res->status << " " << res->body << "\n";
    ExitWith(1);
  }
  return res->body;
}

}  // namespace

void SetupTrace(CLI::App& app) {
  struct Options {
    std::string id, gateway, format = "text", out;
  };
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("trace", "Print the causal tree of a message from a running `aokit serve`");
  cmd->add_option("message-id", o->id, "Message id")->required();
  cmd->add_option("--gateway,-g", o->gateway, "The gateway URL `aokit serve` printed")->required();
  cmd->add_option("--format,-f", o->format, "text, mermaid, dot or json")->check(CLI::IsMember({"text", "mermaid", "dot", "json"}));
  cmd->callback([o] { std::cout << FetchOrExit(o->gateway, "/aokit/trace/" + o->id + "?format=" + o->format, "trace"); });

  auto e = std::make_shared<Options>();
  CLI::App* msg = app.get_subcommand("msg");
  auto* exp = msg->add_subcommand("export", "Save a message of a running `aokit serve` as a binary data item");
  exp->add_option("message-id", e->id, "Message id")->required();
  exp->add_option("--gateway,-g", e->gateway, "The gateway URL `aokit serve` printed")->required();
  exp->add_option("--out,-o", e->out, "Output file (.ans104)")->required();
  exp->callback([e] {
    std::string bytes = FetchOrExit(e->gateway, "/aokit/item/" + e->id, "msg export");
    std::ofstream out(e->out, std::ios::binary);
    if (!out || !(out << bytes)) {
      std::cerr << "aokit msg export: cannot write '" << e->out << "'\n";
      ExitWith(2);
    }
    std::cout << e->id << " -> " << e->out << " (" << bytes.size() << " bytes)\n";
  });
}

}  // namespace aokit::cli
