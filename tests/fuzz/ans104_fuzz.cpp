// Fuzz target for ANS-104 parsing: any input either fails to decode with a reason, or decodes
// to an item that re-encodes to the same bytes and can be hashed, identified and verified
// without crashing. Also exercises the Avro tag reader and base64url on the raw input.
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string_view>

#include "aokit/emu/ans104.h"

namespace {

[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "ans104_fuzz: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aokit::emu;
  std::string_view input(reinterpret_cast<const char*>(data), size);

  auto item = DecodeDataItem(input);
  if (item) {
    auto bytes = EncodeDataItem(*item);
    if (!bytes) Die(("decoded item does not re-encode: " + bytes.error().message).c_str());
    if (*bytes != input) Die("re-encoded bytes differ from the input");
    auto again = DecodeDataItem(*bytes);
    if (!again || again->tags != item->tags || again->raw_tags != item->raw_tags) Die("decode is not stable");
    if (DeepHash(*item).size() != 48) Die("deep hash is not 48 bytes");
    if (ItemId(*item).size() != 43) Die("id is not 43 characters");
    (void)OwnerAddress(*item);
    auto verified = VerifyDataItem(*item);
    if (!verified && verified.error().message.empty()) Die("rejection without a reason");
  } else if (item.error().message.empty()) {
    Die("decode error without a reason");
  }

  if (size <= 4096) {
    auto tags = DecodeAvroTags(input, size > 0 ? data[0] % 8 : 0);
    if (tags) {
      auto round = DecodeAvroTags(EncodeAvroTags(*tags), tags->size());
      if (!round || *round != *tags) Die("Avro tags do not round-trip");
    }
    auto raw = Base64UrlDecode(input);
    if (raw && Base64UrlDecode(Base64UrlEncode(*raw)).value_or("") != *raw) Die("base64url does not round-trip");
  }
  return 0;
}
