// Private: one signature check per supported type. `message` is the 48-byte deep hash; the
// signature and owner have the type's lengths (VerifyDataItem checks them first).
#pragma once

#include <string_view>

#include <tl/expected.hpp>

#include "aokit/emu/ans104.h"

namespace aokit::emu::detail {

tl::expected<void, ItemError> VerifyEd25519(std::string_view signature, std::string_view owner,
                                            std::string_view message);
tl::expected<void, ItemError> VerifyArweave(std::string_view signature, std::string_view owner,
                                            std::string_view message);
tl::expected<void, ItemError> VerifyEthereum(std::string_view signature, std::string_view owner,
                                             std::string_view message);

}  // namespace aokit::emu::detail
