#include "aokit/store/status.h"

namespace aokit::store {

std::string_view CodeName(Status::Code code) {
  switch (code) {
    case Status::Code::kOk: return "ok";
    case Status::Code::kNotFound: return "not-found";
    case Status::Code::kConflict: return "conflict";
    case Status::Code::kBusy: return "busy";
    case Status::Code::kIOError: return "io-error";
    case Status::Code::kCorruption: return "corruption";
    case Status::Code::kInvalidArgument: return "invalid-argument";
    case Status::Code::kNotSupported: return "not-supported";
  }
  return "unknown";
}

std::string Status::ToString() const {
  std::string s(CodeName(code_));
  if (!msg_.empty()) s += ": " + msg_;
  return s;
}

}  // namespace aokit::store
