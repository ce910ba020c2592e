#include "tag_bytes.h"

namespace aokit::emu::detail {

std::string_view TagBytes(const DataItem& item, std::string& scratch) {
  if (!item.raw_tags.empty()) {
    // Bytes behind a zero tag count are never parsed (arbundles ignores them too).
    if (item.tags.empty()) return item.raw_tags;
    auto decoded = DecodeAvroTags(item.raw_tags, item.tags.size());
    if (decoded && *decoded == item.tags) return item.raw_tags;
  }
  scratch = EncodeAvroTags(item.tags);
  return scratch;
}

}  // namespace aokit::emu::detail
