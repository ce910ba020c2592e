// `aokit serve`: an HTTP gateway real AO clients (aoconnect in legacy mode) talk to. One port
// serves the emulated MU (/mu), CU (/cu), SU (/su) and the Arweave gateway's GraphQL
// (/graphql) over one World, with the request and response shapes of AOCONNECT-WIRE.md.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "aokit/emu/error.h"
#include "aokit/emu/world.h"

namespace httplib {
class Server;
}

namespace aokit::emu {

struct GatewayOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port
  std::size_t max_body_bytes = 16u << 20;
};

class Gateway {
 public:
  Gateway(World& world, GatewayOptions options);
  ~Gateway();

  // Binds the port; the URLs and ids clients need, as one JSON object.
  Result<nlohmann::json> Bind();
  // Serves until Stop() (blocking).
  void Serve();
  void Stop();

 private:
  void Routes();
  std::string Url(const std::string& path) const;

  World& world_;
  GatewayOptions options_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
  std::mutex world_mutex_;  // guards world_: HTTP handlers run on several threads
};

// Helpers shared by the gateway's files (exposed for tests).
// The CU's results cursor: base64(JSON {timestamp, ordinate, cron?, sort}).
std::string EncodeCursor(std::int64_t timestamp, std::int64_t ordinate, bool cron, const std::string& sort);
// The ordinate (slot) of a cursor, or of a plain millisecond timestamp (as -1 with *timestamp).
bool DecodeCursor(const std::string& cursor, std::int64_t* timestamp, std::int64_t* ordinate);

}  // namespace aokit::emu
