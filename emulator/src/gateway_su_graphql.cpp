// The emulated SU (a message's assignment, a process's message listing) and the gateway's
// GraphQL lookup aoconnect makes before spawning (module and process tags).
#include "aokit/emu/gateway.h"
#include "gateway_routes.h"

namespace aokit::emu {
namespace {

nlohmann::json TagsJson(const std::vector<Tag>& tags) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& t : tags) out.push_back({{"name", t.name}, {"value", t.value}});
  return out;
}

nlohmann::json Edge(World& world, const std::string& pid, const SlotEntry& e) {
  const MessageRecord* m = world.FindMessage(e.message_id);
  nlohmann::json message = {{"id", e.message_id}};
  if (m != nullptr) {
    message["owner"] = {{"address", m->owner}};
    message["tags"] = TagsJson(m->item.tags);
    message["data"] = m->item.data;
    message["target"] = m->target;
  }
  nlohmann::json assignment = {{"tags", TagsJson({{"Process", pid},
                                                  {"Nonce", std::to_string(e.slot)},
                                                  {"Timestamp", std::to_string(e.timestamp)},
                                                  {"Message", e.message_id}})}};
  return {{"cursor", EncodeCursor(e.timestamp, e.slot, e.cron, "ASC")},
          {"node", {{"message", message}, {"assignment", assignment}}}};
}

}  // namespace

void HandleSu(World& world, const httplib::Request& req, httplib::Response& res, const std::string& rest) {
  if (rest.empty()) return Json(res, 200, {{"Unit", "Scheduler"}, {"Address", world.SchedulerAddress()}});
  if (req.has_param("process-id")) {  // one message's assignment
    std::string pid = req.get_param_value("process-id");
    for (const auto& e : world.SlotLog(pid))
      if (e.message_id == rest) return Json(res, 200, Edge(world, pid, e)["node"]);
    return JsonError(res, 404, "message " + rest + " is not assigned to process " + pid);
  }
  if (!world.HasProcess(rest)) return JsonError(res, 404, "unknown process '" + rest + "'");
  nlohmann::json edges = nlohmann::json::array();
  for (const auto& e : world.SlotLog(rest)) edges.push_back(Edge(world, rest, e));
  Json(res, 200, {{"page_info", {{"has_next_page", false}}}, {"edges", edges}});
}

void HandleGraphql(World& world, const httplib::Request& req, httplib::Response& res) {
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return JsonError(res, 400, "GraphQL body is not a JSON object");
  nlohmann::json ids = nlohmann::json::array();
  if (body.contains("variables") && body["variables"].is_object()) {
    for (const char* key : {"transactionIds", "ids"})
      if (body["variables"].contains(key) && body["variables"][key].is_array()) ids = body["variables"][key];
  }
  nlohmann::json edges = nlohmann::json::array();
  for (const auto& id : ids) {
    if (!id.is_string()) continue;
    std::string tx = id.get<std::string>();
    std::optional<std::vector<Tag>> tags;
    if (tx == world.DefaultModuleId()) tags = World::ModuleTags();
    else tags = world.ProcessTags(tx);
    if (!tags) continue;
    edges.push_back({{"node", {{"id", tx}, {"owner", {{"address", world.MuAddress()}}}, {"tags", TagsJson(*tags)},
                               {"block", {{"id", "aokit"}, {"height", 0}, {"timestamp", 0}}}}}});
  }
  Json(res, 200, {{"data", {{"transactions", {{"pageInfo", {{"hasNextPage", false}}}, {"edges", edges}}}}}});
}

}  // namespace aokit::emu
