#include "gateway_routes.h"

#include "aokit/emu/gateway.h"
#include "lua_values.h"

namespace aokit::emu {

void Json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(DumpJson(body), "application/json");
}

void JsonError(httplib::Response& res, int status, const std::string& message) {
  Json(res, status, {{"error", message}});
}

nlohmann::json ResultJson(const EvalResult& result) { return nlohmann::json::parse(result.ToJson()); }

namespace {

std::string Collapse(std::string path) {
  while (path.find("//") != std::string::npos) path.replace(path.find("//"), 2, "/");
  if (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

bool StartsWith(const std::string& s, const std::string& prefix, std::string* rest) {
  if (s == prefix) {
    *rest = "";
    return true;
  }
  if (s.rfind(prefix + "/", 0) != 0) return false;
  *rest = s.substr(prefix.size() + 1);
  return true;
}

}  // namespace

void Route(World& world, const httplib::Request& req, httplib::Response& res) {
  std::string path = Collapse(req.path);
  std::string rest;
  try {
    if (StartsWith(path, "/mu", &rest) && (req.method == "POST" || req.method == "DELETE"))
      return HandleMuPost(world, req, res, rest);
    if (StartsWith(path, "/cu", &rest)) return HandleCu(world, req, res, rest);
    if (StartsWith(path, "/su", &rest) && req.method == "GET") return HandleSu(world, req, res, rest);
    if (path == "/graphql" && req.method == "POST") return HandleGraphql(world, req, res);
    if (StartsWith(path, "/aokit", &rest)) return HandleAokit(world, req, res, rest);
    if (path == "/" && req.method == "GET")
      return Json(res, 200, {{"name", "aokit"}, {"module", world.DefaultModuleId()},
                             {"scheduler", world.SchedulerAddress()}, {"authority", world.MuAddress()}});
    JsonError(res, 404, "no endpoint " + req.method + " " + path);
  } catch (const std::exception& e) {  // nothing a client sends may crash the server
    JsonError(res, 500, std::string("internal error: ") + e.what());
  }
}

}  // namespace aokit::emu
