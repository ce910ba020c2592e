#include "aokit/bundle/diagnostic.h"

#include <string_view>

namespace aokit::bundle {

std::string LineOf(std::string_view text, int line) {
  std::size_t pos = 0;
  for (int l = 1; l < line; ++l) {
    std::size_t nl = text.find_first_of("\n\r", pos);
    if (nl == std::string_view::npos) return "";
    // "\r\n" and "\n\r" count as one line break, as in Lua's lexer
    if (nl + 1 < text.size() && (text[nl + 1] == '\n' || text[nl + 1] == '\r') && text[nl + 1] != text[nl]) ++nl;
    pos = nl + 1;
  }
  std::size_t end = text.find_first_of("\n\r", pos);
  return std::string(text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
}

std::string Render(const Diagnostic& d) {
  std::string out = d.file;
  if (d.line > 0) {
    out += ":" + std::to_string(d.line);
    if (d.col > 0) out += ":" + std::to_string(d.col);
  }
  out += d.severity == Severity::Warning ? ": warning: " : ": ";
  out += d.message;
  out += "\n";
  if (!d.source_line.empty()) {
    out += d.source_line + "\n";
    std::string caret;
    for (int i = 1; i < d.col && i <= static_cast<int>(d.source_line.size()); ++i)
      caret += d.source_line[i - 1] == '\t' ? '\t' : ' ';
    out += caret + "^\n";
  }
  return out;
}

std::string RenderAll(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) out += Render(d);
  return out;
}

}  // namespace aokit::bundle
