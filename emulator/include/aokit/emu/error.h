// Errors crossing the emulator's boundary are values: Result<T> = tl::expected<T, Error>.
#pragma once

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace aokit::emu {

struct Error {
  std::string message;  // says what was wrong and where (process, message id, file:line)
};

template <typename T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> Fail(std::string message) {
  return tl::unexpected<Error>(Error{std::move(message)});
}

}  // namespace aokit::emu
