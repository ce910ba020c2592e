#include "runtime_files.h"

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace aokit::emu {
namespace embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& RuntimeFiles();
}

std::optional<std::string_view> FindRuntimeFile(std::string_view relative_path) {
  static const auto* index = [] {
    auto* map = new std::unordered_map<std::string_view, std::string_view>();
    for (const auto& [path, bytes] : embedded::RuntimeFiles()) map->emplace(path, bytes);
    return map;
  }();
  auto it = index->find(relative_path);
  if (it == index->end()) return std::nullopt;
  return it->second;
}

}  // namespace aokit::emu
