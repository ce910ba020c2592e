#include "memtable.h"

namespace aokit::store {

void MemTable::Add(uint64_t seq, bool deleted, std::string_view key, std::string_view value) {
  std::unique_lock l(mu_);
  auto hit = index_.find(key);
  std::vector<Version>* vs;
  if (hit != index_.end()) {
    vs = hit->second;
  } else {
    auto it = map_.emplace(std::string(key), std::vector<Version>{}).first;
    vs = &it->second;
    index_.emplace(std::string_view(it->first), vs);
  }
  vs->push_back(Version{seq, deleted, std::string(value)});
}

static const Version* Visible(const std::vector<Version>& vs, uint64_t snapshot) {
  for (auto it = vs.rbegin(); it != vs.rend(); ++it)
    if (it->seq <= snapshot) return &*it;
  return nullptr;
}

MemTable::Lookup MemTable::Get(std::string_view key, uint64_t snapshot, std::string* value) const {
  std::shared_lock l(mu_);
  const auto* vs = Find(key);
  if (!vs) return Lookup::kMissing;
  const Version* v = Visible(*vs, snapshot);
  if (!v) return Lookup::kMissing;
  if (v->deleted) return Lookup::kDeleted;
  value->assign(v->value);
  return Lookup::kFound;
}

uint64_t MemTable::LatestSeq(std::string_view key) const {
  std::shared_lock l(mu_);
  const auto* vs = Find(key);
  return !vs || vs->empty() ? 0 : vs->back().seq;
}

bool MemTable::ChangedInRange(std::string_view start, std::string_view end, uint64_t snapshot) const {
  std::shared_lock l(mu_);
  for (auto it = map_.lower_bound(start); it != map_.end(); ++it) {
    if (!end.empty() && std::string_view(it->first) >= end) break;
    if (!it->second.empty() && it->second.back().seq > snapshot) return true;
  }
  return false;
}

bool MemTable::SeekVisible(std::string_view from, bool exclusive, uint64_t snapshot,
                           std::string* key, std::string* value, bool* deleted) const {
  std::shared_lock l(mu_);
  auto it = exclusive ? map_.upper_bound(from) : map_.lower_bound(from);
  for (; it != map_.end(); ++it) {
    if (const Version* v = Visible(it->second, snapshot)) {
      key->assign(it->first);
      *deleted = v->deleted;
      value->assign(v->value);
      return true;
    }
  }
  return false;
}

size_t MemTable::key_count() const {
  std::shared_lock l(mu_);
  return map_.size();
}

}  // namespace aokit::store
