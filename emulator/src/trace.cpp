#include "aokit/emu/trace.h"

#include <functional>
#include <set>

#include "world_internal.h"

namespace aokit::emu {
namespace {

std::string FirstLine(const std::string& text) {
  std::string clean = StripAnsi(text);
  std::size_t start = clean.find_first_not_of("\n ");
  if (start == std::string::npos) return "";
  clean = clean.substr(start);
  return clean.substr(0, clean.find('\n'));
}

TraceNode Visit(const World& world, const MessageRecord& m, std::set<std::string>& seen, int depth) {
  TraceNode node;
  node.id = m.id;
  node.from = world.DisplayName(m.from);
  node.to = world.DisplayName(m.target);
  if (const std::string* action = FindTag(m.item.tags, "Action")) node.action = *action;
  else if (m.is_spawn) node.action = "(process message)";
  node.time_ms = m.timestamp == 0 ? 0 : m.timestamp - world.options().start_time_ms;
  if (!m.delivery_error.empty()) {
    node.delivered = false;
    node.note = m.delivery_error;
  } else if (world.IsWallet(m.target)) {
    node.delivered = false;
    node.note = "wallet";
  }
  if (const EvalResult* r = world.FindResult(m.id, m.target)) {
    node.output = FirstLine(r->OutputText());
    if (r->error) node.error = FirstLine(*r->error);
  }
  if (depth > 200 || !seen.insert(m.id).second) return node;  // cycles cannot happen; be safe
  for (const auto& child_id : world.OutgoingIds(m.id, m.target))
    if (const MessageRecord* child = world.FindMessage(child_id)) node.children.push_back(Visit(world, *child, seen, depth + 1));
  return node;
}

std::string Label(const TraceNode& n) {
  std::string label = n.from + " -> " + n.to;
  if (!n.action.empty()) label += " " + n.action;
  return label;
}

std::string Escape(const std::string& s, char quote) {
  std::string out;
  for (char c : s) {
    if (c == quote || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

Result<TraceNode> BuildTrace(const World& world, const std::string& message_id) {
  const MessageRecord* root = world.FindMessage(message_id);
  if (root == nullptr) return Fail("trace: no retained message with id '" + message_id + "'");
  std::set<std::string> seen;
  return Visit(world, *root, seen, 0);
}

std::string TraceText(const TraceNode& root) {
  std::string out;
  std::function<void(const TraceNode&, const std::string&, bool, bool)> walk =
      [&](const TraceNode& n, const std::string& prefix, bool last, bool top) {
        out += prefix + (top ? "" : (last ? "└─ " : "├─ ")) + "[" + std::to_string(n.time_ms) + "ms] " + Label(n) +
               " (" + n.id.substr(0, 8) + ")";
        if (!n.note.empty()) out += "  [" + n.note + "]";
        if (!n.output.empty()) out += "  → " + n.output;
        if (!n.error.empty()) out += "  ERROR: " + n.error;
        out += "\n";
        std::string next = top ? "" : prefix + (last ? "   " : "│  ");
        for (std::size_t i = 0; i < n.children.size(); ++i) walk(n.children[i], next, i + 1 == n.children.size(), false);
      };
  walk(root, "", true, true);
  return out;
}

// Mermaid node ids: "m" + the first 8 id characters with '-' made '_' (a '-' could read as an edge).
std::string MermaidId(const std::string& id) {
  std::string out = "m" + id.substr(0, 8);
  for (char& c : out)
    if (c == '-') c = '_';
  return out;
}

std::string TraceMermaid(const TraceNode& root) {
  std::string out = "flowchart TD\n";
  std::function<void(const TraceNode&)> walk = [&](const TraceNode& n) {
    std::string text = Label(n);
    if (!n.error.empty()) text += "<br/>ERROR: " + n.error;
    else if (!n.output.empty()) text += "<br/>" + n.output;
    out += "  " + MermaidId(n.id) + "[\"" + Escape(text, '"') + "\"]\n";
    for (const auto& c : n.children) {
      walk(c);
      out += "  " + MermaidId(n.id) + " --> " + MermaidId(c.id) + "\n";
    }
  };
  walk(root);
  return out;
}

std::string TraceDot(const TraceNode& root) {
  std::string out = "digraph trace {\n  node [shape=box, fontname=\"monospace\"];\n";
  std::function<void(const TraceNode&)> walk = [&](const TraceNode& n) {
    std::string text = Escape("[" + std::to_string(n.time_ms) + "ms] " + Label(n), '"');
    if (!n.error.empty()) text += "\\nERROR: " + Escape(n.error, '"');
    else if (!n.output.empty()) text += "\\n" + Escape(n.output, '"');
    out += "  \"" + n.id + "\" [label=\"" + text + "\"" + (n.error.empty() ? "" : ", color=red") + "];\n";
    for (const auto& c : n.children) {
      walk(c);
      out += "  \"" + n.id + "\" -> \"" + c.id + "\";\n";
    }
  };
  walk(root);
  return out + "}\n";
}

nlohmann::json TraceJson(const TraceNode& n) {
  nlohmann::json j = {{"id", n.id},         {"from", n.from},     {"to", n.to},
                      {"action", n.action}, {"timeMs", n.time_ms}, {"output", n.output},
                      {"error", n.error},   {"delivered", n.delivered}, {"note", n.note}};
  j["children"] = nlohmann::json::array();
  for (const auto& c : n.children) j["children"].push_back(TraceJson(c));
  return j;
}

}  // namespace aokit::emu
