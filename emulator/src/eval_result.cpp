#include "aokit/emu/eval_result.h"

#include <nlohmann/json.hpp>

#include "lua_values.h"

namespace aokit::emu {
namespace {

nlohmann::json TagsJson(const std::vector<Tag>& tags) {
  auto out = nlohmann::json::array();
  for (const auto& t : tags) out.push_back({{"name", t.name}, {"value", t.value}});
  return out;
}

nlohmann::json OutboxJson(const std::vector<OutboxEntry>& entries, bool with_target) {
  auto out = nlohmann::json::array();
  for (const auto& e : entries) {
    nlohmann::json j = {{"Data", e.data}, {"Anchor", e.anchor}, {"Tags", TagsJson(e.tags)}};
    if (with_target) j["Target"] = e.target;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

std::string EvalResult::ToJson() const {
  nlohmann::json j;
  j["Messages"] = OutboxJson(messages, true);
  j["Spawns"] = OutboxJson(spawns, false);
  auto assigns = nlohmann::json::array();
  for (const auto& a : assignments) assigns.push_back({{"Processes", a.processes}, {"Message", a.message}});
  j["Assignments"] = std::move(assigns);
  j["Output"] = nlohmann::json::parse(output_json, nullptr, false);
  if (error) j["Error"] = *error;
  j["GasUsed"] = gas_used;
  return DumpJson(j);
}

std::string EvalResult::OutputText() const {
  auto output = nlohmann::json::parse(output_json, nullptr, false);
  if (output.is_string()) return output.get<std::string>();
  if (output.is_object() && output.contains("data")) {
    const auto& data = output["data"];
    return data.is_string() ? data.get<std::string>() : DumpJson(data);
  }
  return output.is_null() || output.is_discarded() ? std::string() : DumpJson(output);
}

}  // namespace aokit::emu
