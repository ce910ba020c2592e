// Status: the result of every store operation that can fail. Errors are values; the store
// never throws. A Status names what went wrong and, for corruption, the file and offset.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace aokit::store {

class Status {
 public:
  // Never renumber: codes are printed by tools and compared by callers.
  enum class Code : int {
    kOk = 0,
    kNotFound = 1,
    kConflict = 2,         // another transaction committed a key this one wrote (or read, serializable)
    kBusy = 3,             // a lock wait timed out, or the transaction table is full / slot expired
    kIOError = 4,          // the OS refused (includes full disk, read-only file system)
    kCorruption = 5,       // a checksum or invariant failed; message names file and offset
    kInvalidArgument = 6,  // bad input: not a store, incompatible options, closed transaction
    kNotSupported = 7,     // e.g. a store written by a newer format version
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status NotFound(std::string msg = {}) { return Status(Code::kNotFound, std::move(msg)); }
  static Status Conflict(std::string msg) { return Status(Code::kConflict, std::move(msg)); }
  static Status Busy(std::string msg) { return Status(Code::kBusy, std::move(msg)); }
  static Status IOError(std::string msg) { return Status(Code::kIOError, std::move(msg)); }
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }
  static Status InvalidArgument(std::string msg) {
    return Status(Code::kInvalidArgument, std::move(msg));
  }
  static Status NotSupported(std::string msg) { return Status(Code::kNotSupported, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsConflict() const { return code_ == Code::kConflict; }
  bool IsBusy() const { return code_ == Code::kBusy; }
  bool IsIOError() const { return code_ == Code::kIOError; }
  bool IsCorruption() const { return code_ == Code::kCorruption; }
  Code code() const { return code_; }
  const std::string& message() const { return msg_; }
  std::string ToString() const;

 private:
  Status(Code c, std::string msg) : code_(c), msg_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string msg_;
};

std::string_view CodeName(Status::Code code);

template <class T>
using Result = tl::expected<T, Status>;

}  // namespace aokit::store
