// SHA-256 content hashes (hex) for content-addressed files and the manifest.
#pragma once

#include <string>
#include <string_view>

namespace aokit::bundle {

std::string Sha256Hex(std::string_view data);

}  // namespace aokit::bundle
