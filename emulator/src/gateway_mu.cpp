// The emulated MU: POST a signed data item (spawn, message), assign, monitor/unmonitor.
#include "gateway_routes.h"

namespace aokit::emu {
namespace {

bool IsOctetStreamOrAbsent(const httplib::Request& req) {
  std::string type = req.get_header_value("Content-Type");
  return type.empty() || type.rfind("application/octet-stream", 0) == 0;
}

void Assign(World& world, const httplib::Request& req, httplib::Response& res) {
  std::string pid = req.get_param_value("process-id");
  std::string message = req.get_param_value("assign");
  if (pid.empty() || message.empty())
    return JsonError(res, 400, "assign needs both process-id and assign query parameters");
  auto id = world.AssignExisting(message, pid);
  if (!id) return JsonError(res, 400, id.error().message);
  world.Run();
  Json(res, 202, {{"message", "Processing Assignment"}, {"id", *id}});
}

}  // namespace

void HandleMuPost(World& world, const httplib::Request& req, httplib::Response& res, const std::string& rest) {
  if (rest.empty() && req.has_param("process-id") && req.has_param("assign")) return Assign(world, req, res);
  if (!IsOctetStreamOrAbsent(req))
    return JsonError(res, 415, "the MU takes a binary ANS-104 data item (Content-Type: application/octet-stream), not " +
                                   req.get_header_value("Content-Type"));
  auto item = DecodeDataItem(req.body);
  if (!item) return JsonError(res, 400, "malformed data item: " + item.error().message);
  if (auto valid = VerifyDataItem(*item); !valid)
    return JsonError(res, 400, "data item " + ItemId(*item) + " does not verify: " + valid.error().message);
  if (rest.rfind("monitor/", 0) == 0) {  // cron runs with virtual time; monitoring is implicit
    std::string pid = rest.substr(8);
    if (!world.HasProcess(pid)) return JsonError(res, 400, "unknown process '" + pid + "'");
    res.status = 200;
    res.set_content(req.method == "DELETE" ? "Process deleted" : "Monitoring process", "text/plain");
    return;
  }
  if (!rest.empty() || req.method != "POST") return JsonError(res, 404, "no MU endpoint " + req.method + " /mu/" + rest);
  auto id = world.SubmitItem(req.body, /*add_mu_authority=*/true);
  if (!id) return JsonError(res, 400, id.error().message);
  world.Run();
  Json(res, 202, {{"message", "Processing DataItem"}, {"id", *id}});
}

}  // namespace aokit::emu
