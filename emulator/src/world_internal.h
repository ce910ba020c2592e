// Private parts of World shared by its implementation files.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "aokit/emu/world.h"

namespace aokit::emu {

struct World::ProcessSlot {
  std::unique_ptr<Process> process;
  std::string id;
  std::string module_tag;          // the process's Module tag (From-Module of what it sends)
  std::int64_t next_slot = 0;
  std::string hash_chain;
  std::deque<Delivery> mailbox;    // parallel mode only
  bool running = false;            // parallel mode: a worker is evaluating it
  bool ready = false;              // parallel mode: waiting in World::ready_
  std::uint64_t mu_anchors = 0;    // anchors the MU gives this process's anchor-less messages
  std::int64_t cron_interval_ms = 0;  // 0: no Cron-Interval
  std::int64_t next_cron_ms = 0;
  std::uint64_t cron_count = 0;
  std::vector<Tag> cron_tags;      // Cron-Tag-<Name> tags, with the prefix removed
  std::string owner;               // the process owner's address (cron messages come from it)
  ProcessConfig config;            // how it was created (dry-runs build replicas from it)
  std::vector<AssignedMessage> history;  // every evaluated message, when retain = 0
};


// One evaluation and what it produced, before it is committed to the world.
struct World::Evaluated {
  Delivery delivery;
  // The delivered message, in messages_. Stable while evaluated: a message still pending
  // delivery is never dropped by retention, and node-based maps keep elements in place.
  const MessageRecord* message = nullptr;
  bool delivered = false;          // false when the target process does not exist
  std::int64_t slot = 0;
  std::int64_t timestamp = 0;
  EvalResult result;
  std::vector<MessageRecord> outgoing;  // signed outbox messages
  std::vector<MessageRecord> spawns;    // signed spawn items
};

// A 32-digit zero-padded counter: the anchor format aos uses for its outbox.
std::string PaddedCounter(std::uint64_t n);

// Removes ANSI colour sequences (aos colours its output).
std::string StripAnsi(const std::string& text);

// Tag helpers.
const std::string* FindTag(const std::vector<Tag>& tags, const std::string& name);
void SetTag(std::vector<Tag>& tags, const std::string& name, const std::string& value);
void RemoveTags(std::vector<Tag>& tags, std::initializer_list<const char*> names);

}  // namespace aokit::emu
