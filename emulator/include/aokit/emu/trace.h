// Traces: what a message caused. Every message records the message whose evaluation sent it
// (Parent) and the user message that started the chain (Pushed-For); a trace walks those links
// from one message down: which process handled what, with its output, error and virtual time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "aokit/emu/world.h"

namespace aokit::emu {

struct TraceNode {
  std::string id;
  std::string from;        // display names
  std::string to;
  std::string action;
  std::int64_t time_ms = 0;  // virtual time since the world's start
  std::string output;      // first line of the output text (ANSI colours removed)
  std::string error;       // first line of the error
  bool delivered = true;   // false for wallet targets and undeliverable messages
  std::string note;        // "wallet", or the delivery error
  std::vector<TraceNode> children;
};

// The causal tree below `message_id` (messages no longer retained are left out).
Result<TraceNode> BuildTrace(const World& world, const std::string& message_id);

std::string TraceText(const TraceNode& root);      // an indented tree
std::string TraceMermaid(const TraceNode& root);   // `sequenceDiagram`-free flowchart
std::string TraceDot(const TraceNode& root);       // Graphviz digraph
nlohmann::json TraceJson(const TraceNode& root);

}  // namespace aokit::emu
