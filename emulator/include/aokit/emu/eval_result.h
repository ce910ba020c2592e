// What evaluating one message yields: the CU's result shape
// { Messages, Spawns, Assignments, Output, Error, GasUsed }.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "aokit/emu/ans104.h"

namespace aokit::emu {

// One entry of the outbox (Messages or Spawns) as the process produced it.
struct OutboxEntry {
  std::string target;  // empty for spawns
  std::string data;
  std::string anchor;
  std::vector<Tag> tags;
  std::string error;  // why the MU cannot send it (e.g. a tag whose value is a table)
};

struct OutboxAssignment {
  std::vector<std::string> processes;
  std::string message;
};

struct EvalResult {
  std::vector<OutboxEntry> messages;
  std::vector<OutboxEntry> spawns;
  std::vector<OutboxAssignment> assignments;
  std::string output_json = "\"\"";   // Output, as JSON (aos returns a table or a string)
  std::optional<std::string> error;   // Error, when evaluation failed
  std::uint64_t gas_used = 0;         // Lua VM instructions (counted in steps of kGasStep)

  // The result in the CU's JSON shape; ids of the messages the MU made from the outbox are
  // not part of it (see World::OutgoingIds).
  std::string ToJson() const;
  // Plain text of Output: Output.data when Output is a table, else the string itself.
  std::string OutputText() const;
};

}  // namespace aokit::emu
