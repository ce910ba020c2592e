#include "aokit/bundle/module_code.h"

#include "aokit/bundle/emitter.h"
#include "aokit/bundle/scopes.h"

namespace aokit::bundle {

std::string LoadableSource(const std::string& source) {
  std::string s = source.compare(0, 3, "\xEF\xBB\xBF") == 0 ? source.substr(3) : source;
  if (!s.empty() && s[0] == '#') {
    std::size_t nl = s.find_first_of("\r\n");
    s = nl == std::string::npos ? "" : s.substr(nl);  // keep the line break: lines stay put
  }
  return s;
}

std::string LongLiteral(const std::string& text) {
  if (text.find('\r') != std::string::npos) return QuoteString(text);  // long brackets rewrite \r
  // the smallest level whose closing bracket does not occur in the text
  for (int level = 0;; ++level) {
    std::string close = "]" + std::string(static_cast<std::size_t>(level), '=') + "]";
    std::string tail = "]" + std::string(static_cast<std::size_t>(level), '=');
    bool ends_badly = text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
    if (text.find(close) == std::string::npos && !ends_badly) {
      std::string eq(static_cast<std::size_t>(level), '=');
      return "[" + eq + "[\n" + text + "]" + eq + "]";
    }
  }
}

const std::string& ModuleCode::Body(const std::string& name) {
  auto it = cache_.find(name);
  if (it != cache_.end()) return it->second;
  Module& m = *graph_.modules.at(name);
  std::string body;
  if (mode_ == Mode::Debug) {
    body = LoadableSource(m.source);
  } else if (m.ast) {
    RenameLocals(*m.ast);
    body = EmitBlock(m.ast->body, EmitStyle::Dense);
  } else {
    body = m.minified;  // BuildModuleGraph ran with minify
  }
  return cache_.emplace(name, std::move(body)).first->second;
}

}  // namespace aokit::bundle
