// The runtime-lua/ files embedded in the binary at build time (cmake/EmbedFiles.cmake).
#pragma once

#include <optional>
#include <string_view>

namespace aokit::emu {

// The embedded file with this path relative to runtime-lua/ (e.g. "process.lua").
std::optional<std::string_view> FindRuntimeFile(std::string_view relative_path);

}  // namespace aokit::emu
