// bench_gateway [CLIENTS] [PAIRS_PER_CLIENT]
// Drives `aokit serve`'s gateway (in this process, on loopback) with concurrent clients, each
// posting ed25519-signed messages to the MU and fetching their results from the CU, as
// aoconnect does. Prints message+result pairs/s and p50/p99/max latency of a pair.
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "aokit/emu/gateway.h"
#include "aokit/emu/keys.h"

using namespace aokit::emu;
using Clock = std::chrono::steady_clock;

namespace {

std::string Padded(std::uint64_t n) {
  std::string s = std::to_string(n);
  return std::string(32 - s.size(), '0') + s;
}

std::string SignedItem(const Ed25519Key& key, const std::string& target, std::uint64_t n,
                       std::vector<Tag> tags, const std::string& data) {
  DataItem item;
  if (!target.empty()) item.target = *Base64UrlDecode(target);
  item.anchor = Padded(n);
  item.tags = std::move(tags);
  item.data = data;
  SignEd25519(item, key);
  return *EncodeDataItem(item);
}

}  // namespace

int main(int argc, char** argv) {
  int clients = argc > 1 ? std::atoi(argv[1]) : 16;
  int pairs = argc > 2 ? std::atoi(argv[2]) : 250;
  WorldOptions options;
  options.retain_messages = 0;
  options.keep_log = false;
  World world(options);
  Gateway gateway(world, {"127.0.0.1", 0});
  auto info = gateway.Bind();
  if (!info) return std::fprintf(stderr, "%s\n", info.error().message.c_str()), 1;
  std::thread server([&] { gateway.Serve(); });
  std::string base = (*info)["gateway"];
  std::string host = "127.0.0.1";
  int port = std::stoi(base.substr(base.rfind(':') + 1));

  httplib::Client setup(host, port);
  auto owner = Ed25519Key::FromSeed("bench owner");
  std::string spawn = SignedItem(owner, "", 0, {{"Data-Protocol", "ao"}, {"Type", "Process"}, {"Module", (*info)["module"]},
                                                {"Scheduler", (*info)["scheduler"]}, {"On-Boot", "Data"}},
                                 "Count = 0\nHandlers.add('n', 'N', function(m) Count = Count + 1; m.reply({ Data = tostring(Count) }) end)");
  auto r = setup.Post("/mu", spawn, "application/octet-stream");
  std::string pid = nlohmann::json::parse(r->body)["id"];

  // Pre-sign every client's messages (clients are wallets of their own).
  std::vector<std::vector<std::pair<std::string, std::string>>> items(clients);
  for (int c = 0; c < clients; ++c) {
    auto key = Ed25519Key::FromSeed("bench client " + std::to_string(c));
    for (int i = 0; i < pairs; ++i) {
      DataItem probe;
      std::string bytes = SignedItem(key, pid, static_cast<std::uint64_t>(i + 1), {{"Data-Protocol", "ao"}, {"Type", "Message"}, {"Action", "N"}}, "x");
      items[c].push_back({bytes, ItemId(*DecodeDataItem(bytes))});
    }
  }
  std::vector<std::vector<double>> latencies(clients);
  std::vector<std::thread> threads;
  auto start = Clock::now();
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client(host, port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      for (const auto& [bytes, id] : items[c]) {
        auto t0 = Clock::now();
        auto post = client.Post("/mu", bytes, "application/octet-stream");
        auto get = client.Get(("/cu/result/" + id + "?process-id=" + pid).c_str());
        if (!post || post->status != 202 || !get || get->status != 200) std::fprintf(stderr, "request failed\n");
        latencies[c].push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      }
    });
  }
  for (auto& t : threads) t.join();
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) { return all[std::min(all.size() - 1, static_cast<std::size_t>(p * static_cast<double>(all.size())))]; };
  auto count = world.Eval(pid, "Count");
  std::printf("gateway  clients %d  pairs %zu  %.0f message+result pairs/s  p50 %.2f ms  p99 %.2f ms  max %.2f ms  (process counted %s)\n",
              clients, all.size(), static_cast<double>(all.size()) / seconds, pct(0.50), pct(0.99), all.back(),
              count ? count->dump().c_str() : "?");
  gateway.Stop();
  server.join();
  return 0;
}
