// A diagnostic with place and context: `file:line:col: message`, the source line and a caret.
#pragma once

#include <string>
#include <vector>

namespace aokit::bundle {

enum class Severity { Error, Warning };

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string file;
  int line = 0;  // 1-based; 0 when the message is about a file as a whole
  int col = 0;   // 1-based byte column
  std::string message;      // includes Lua's `near 'tok'` when there is a token
  std::string source_line;  // the offending line, without its newline ("" when unknown)
};

// `file:line:col: message` plus the source line and a caret under the column.
std::string Render(const Diagnostic& d);
std::string RenderAll(const std::vector<Diagnostic>& ds);

// The 1-based line `line` of `text`, without its end-of-line characters.
std::string LineOf(std::string_view text, int line);

}  // namespace aokit::bundle
