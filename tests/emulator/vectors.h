// Test helpers: the shared ANS-104 vectors (AOKIT_VECTORS_DIR).
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

namespace aokit::emu::testing {

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

inline std::string VectorPath(const std::string& name) { return std::string(AOKIT_VECTORS_DIR) + "/" + name; }
inline std::string VectorBytes(const std::string& name) { return ReadFile(VectorPath(name + ".bin")); }
inline nlohmann::json VectorJson(const std::string& name) {
  return nlohmann::json::parse(ReadFile(VectorPath(name + ".json")));
}

inline std::string Hex(const std::string& raw) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

inline std::string Unhex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

}  // namespace aokit::emu::testing
