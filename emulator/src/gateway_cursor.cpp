// The CU's results cursor: standard base64 of JSON {timestamp, ordinate, cron?, sort}, which
// the aos CLI decodes (`JSON.parse(atob(cursor)).ordinate`); a plain millisecond timestamp is
// accepted in its place, as the CU does.
#include <openssl/evp.h>

#include <nlohmann/json.hpp>

#include "aokit/emu/gateway.h"

namespace aokit::emu {

std::string EncodeCursor(std::int64_t timestamp, std::int64_t ordinate, bool cron, const std::string& sort) {
  nlohmann::json j = {{"timestamp", timestamp}, {"ordinate", std::to_string(ordinate)}, {"sort", sort}};
  if (cron) j["cron"] = true;
  std::string text = j.dump();
  std::string out(4 * ((text.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

bool DecodeCursor(const std::string& cursor, std::int64_t* timestamp, std::int64_t* ordinate) {
  *timestamp = -1;
  *ordinate = -1;
  if (!cursor.empty() && cursor.find_first_not_of("0123456789") == std::string::npos && cursor.size() < 19) {
    *timestamp = std::stoll(cursor);
    return true;
  }
  std::string raw(cursor.size(), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(raw.data()),
                          reinterpret_cast<const unsigned char*>(cursor.data()), static_cast<int>(cursor.size()));
  if (n < 0) return false;
  raw.resize(static_cast<std::size_t>(n));
  while (!raw.empty() && raw.back() == '\0') raw.pop_back();  // padding decodes to zero bytes
  auto j = nlohmann::json::parse(raw, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("ordinate")) return false;
  try {
    *ordinate = j["ordinate"].is_string() ? std::stoll(j["ordinate"].get<std::string>()) : j["ordinate"].get<std::int64_t>();
    if (j.contains("timestamp") && j["timestamp"].is_number_integer()) *timestamp = j["timestamp"].get<std::int64_t>();
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

}  // namespace aokit::emu
