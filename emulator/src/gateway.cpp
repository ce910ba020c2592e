#include "aokit/emu/gateway.h"

#include <httplib.h>

#include "gateway_routes.h"

namespace aokit::emu {

Gateway::Gateway(World& world, GatewayOptions options)
    : world_(world), options_(std::move(options)), server_(std::make_unique<httplib::Server>()) {}

Gateway::~Gateway() { Stop(); }

std::string Gateway::Url(const std::string& path) const {
  return "http://" + options_.host + ":" + std::to_string(port_) + path;
}

Result<nlohmann::json> Gateway::Bind() {
  server_->set_payload_max_length(options_.max_body_bytes);
  // One worker per open connection: aoconnect clients keep connections alive, and a pool
  // smaller than the number of clients leaves the rest queued until a keep-alive times out.
  server_->new_task_queue = [] { return new httplib::ThreadPool(64); };
  server_->set_tcp_nodelay(true);  // small JSON answers: no Nagle / delayed-ACK stalls
  Routes();
  port_ = options_.port == 0 ? server_->bind_to_any_port(options_.host)
                             : (server_->bind_to_port(options_.host, options_.port) ? options_.port : -1);
  if (port_ <= 0)
    return Fail("serve: cannot listen on " + options_.host + ":" + std::to_string(options_.port));
  return nlohmann::json{{"mu", Url("/mu")},        {"cu", Url("/cu")},
                        {"su", Url("/su")},        {"gateway", Url("")},
                        {"graphql", Url("/graphql")}, {"module", world_.DefaultModuleId()},
                        {"scheduler", world_.SchedulerAddress()}, {"authority", world_.MuAddress()}};
}

void Gateway::Serve() { server_->listen_after_bind(); }

void Gateway::Stop() {
  if (server_) server_->stop();
}

// Every request goes through one router (gateway_routes.cpp), which first collapses repeated
// slashes: aoconnect joins base URLs and paths without care.
void Gateway::Routes() {
  auto route = [this](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(world_mutex_);
    Route(world_, req, res);
  };
  server_->Get(".*", route);
  server_->Post(".*", route);
  server_->Delete(".*", route);
}

}  // namespace aokit::emu
