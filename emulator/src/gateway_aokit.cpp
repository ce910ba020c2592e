// aokit's own endpoints beside AO's (under /aokit): what AO clients cannot ask but developers
// want from an emulator — traces, exported items, virtual time.
#include "aokit/emu/trace.h"
#include "gateway_routes.h"

namespace aokit::emu {

void HandleAokit(World& world, const httplib::Request& req, httplib::Response& res, const std::string& rest) {
  if (req.method == "GET" && rest.rfind("trace/", 0) == 0) {
    auto trace = BuildTrace(world, rest.substr(6));
    if (!trace) return JsonError(res, 404, trace.error().message);
    std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
    if (format == "json") return Json(res, 200, TraceJson(*trace));
    res.status = 200;
    if (format == "text") return res.set_content(TraceText(*trace), "text/plain; charset=utf-8");
    if (format == "mermaid") return res.set_content(TraceMermaid(*trace), "text/plain; charset=utf-8");
    if (format == "dot") return res.set_content(TraceDot(*trace), "text/vnd.graphviz");
    return JsonError(res, 400, "format must be json, text, mermaid or dot");
  }
  if (req.method == "GET" && rest.rfind("item/", 0) == 0) {
    auto bytes = world.ExportItem(rest.substr(5));
    if (!bytes) return JsonError(res, 404, bytes.error().message);
    res.status = 200;
    return res.set_content(*bytes, "application/octet-stream");
  }
  if (req.method == "POST" && rest == "advance") {
    std::int64_t ms = 0;
    try {
      ms = std::stoll(req.get_param_value("ms"));
    } catch (const std::exception&) {
      return JsonError(res, 400, "advance needs ?ms=<milliseconds>");
    }
    if (ms < 0) return JsonError(res, 400, "advance: ms must not be negative");
    world.AdvanceTime(ms);
    return Json(res, 200, {{"now", world.Now()}});
  }
  JsonError(res, 404, "no aokit endpoint " + req.method + " /aokit/" + rest);
}

}  // namespace aokit::emu
