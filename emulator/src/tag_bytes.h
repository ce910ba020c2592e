// Private: the Avro tag bytes an item is encoded and hashed with.
#pragma once

#include <string>
#include <string_view>

#include "aokit/emu/ans104.h"

namespace aokit::emu::detail {

// item.raw_tags when set and still describing item.tags, else EncodeAvroTags(item.tags)
// (written into `scratch`, which the returned view may point into).
std::string_view TagBytes(const DataItem& item, std::string& scratch);

}  // namespace aokit::emu::detail
