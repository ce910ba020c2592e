// The emulated CU: result, results (with the CU's cursor format) and dry-run.
#include <algorithm>

#include "aokit/emu/gateway.h"
#include "gateway_routes.h"

namespace aokit::emu {
namespace {

void Result1(World& world, const httplib::Request& req, httplib::Response& res, const std::string& id) {
  std::string pid = req.get_param_value("process-id");
  if (pid.empty()) return JsonError(res, 400, "result needs the process-id query parameter");
  const EvalResult* result = world.FindResult(id, pid);
  if (result == nullptr) return JsonError(res, 404, "no result for message " + id + " in process " + pid);
  Json(res, 200, ResultJson(*result));
}

void Results(World& world, const httplib::Request& req, httplib::Response& res, const std::string& pid) {
  if (!world.HasProcess(pid)) return JsonError(res, 404, "unknown process '" + pid + "'");
  std::string sort = req.has_param("sort") ? req.get_param_value("sort") : "ASC";
  if (sort != "ASC" && sort != "DESC") return JsonError(res, 400, "sort must be ASC or DESC");
  std::size_t limit = 25;
  if (req.has_param("limit")) {
    try {
      limit = static_cast<std::size_t>(std::stoul(req.get_param_value("limit")));
    } catch (const std::exception&) {
      return JsonError(res, 400, "limit must be a number");
    }
  }
  std::int64_t from_ts = -1, from_ord = -1, to_ts = -1, to_ord = -1;
  if (req.has_param("from") && !DecodeCursor(req.get_param_value("from"), &from_ts, &from_ord))
    return JsonError(res, 400, "from is neither a cursor nor a timestamp");
  if (req.has_param("to") && !DecodeCursor(req.get_param_value("to"), &to_ts, &to_ord))
    return JsonError(res, 400, "to is neither a cursor nor a timestamp");
  auto after = [&](const SlotEntry& e) { return from_ord >= 0 ? e.slot > from_ord : (from_ts < 0 || e.timestamp > from_ts); };
  auto before = [&](const SlotEntry& e) { return to_ord >= 0 ? e.slot < to_ord : (to_ts < 0 || e.timestamp <= to_ts); };
  std::vector<SlotEntry> log = world.SlotLog(pid);
  if (sort == "DESC") std::reverse(log.begin(), log.end());
  nlohmann::json edges = nlohmann::json::array();
  bool more = false;
  for (const auto& e : log) {
    if (!after(e) || !before(e)) continue;
    const EvalResult* result = world.FindResult(e.message_id, pid);
    if (result == nullptr) continue;
    if (edges.size() == limit) {
      more = true;
      break;
    }
    edges.push_back({{"cursor", EncodeCursor(e.timestamp, e.slot, e.cron, sort)}, {"node", ResultJson(*result)}});
  }
  Json(res, 200, {{"pageInfo", {{"hasNextPage", more}}}, {"edges", edges}});
}

void DryRun(World& world, const httplib::Request& req, httplib::Response& res) {
  std::string pid = req.get_param_value("process-id");
  if (pid.empty()) return JsonError(res, 400, "dry-run needs the process-id query parameter");
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return JsonError(res, 400, "dry-run body is not a JSON object");
  std::vector<Tag> tags;
  if (body.contains("Tags")) {
    if (!body["Tags"].is_array()) return JsonError(res, 400, "dry-run: Tags must be a list of {name, value}");
    for (const auto& t : body["Tags"]) {
      if (!t.is_object() || !t.contains("name") || !t.contains("value") || !t["name"].is_string() || !t["value"].is_string())
        return JsonError(res, 400, "dry-run: every tag needs string name and value");
      tags.push_back({t["name"].get<std::string>(), t["value"].get<std::string>()});
    }
  }
  std::string owner = body.value("Owner", std::string("1234"));
  std::string data = body.contains("Data") && body["Data"].is_string() ? body["Data"].get<std::string>() : "";
  auto result = world.DryRunAs(pid, owner, tags, data);
  if (!result) return JsonError(res, 400, result.error().message);
  Json(res, 200, ResultJson(*result));
}

}  // namespace

void HandleCu(World& world, const httplib::Request& req, httplib::Response& res, const std::string& rest) {
  if (req.method == "GET" && rest.rfind("result/", 0) == 0) return Result1(world, req, res, rest.substr(7));
  if (req.method == "GET" && rest.rfind("results/", 0) == 0) return Results(world, req, res, rest.substr(8));
  if (req.method == "POST" && rest == "dry-run") return DryRun(world, req, res);
  JsonError(res, 404, "no CU endpoint " + req.method + " /cu/" + rest);
}

}  // namespace aokit::emu
