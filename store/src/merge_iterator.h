// Ordered iteration over a transaction's view: its own buffered writes over the memtable
// over the data file, newest visible version per key, deletions hidden.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "aokit/store/store.h"

namespace aokit::store {

struct View;
using WriteMap = std::map<std::string, std::optional<std::string>, std::less<>>;

// `writes` may be null; it must outlive the iterator (the transaction owns it).
std::unique_ptr<Iterator> NewMergeIterator(std::shared_ptr<View> view, uint64_t snapshot, const WriteMap* writes,
                                           std::string_view start, std::string_view end);

}  // namespace aokit::store
