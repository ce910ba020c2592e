#include "aokit/bundle/normalize.h"

#include <unordered_map>

#include "aokit/bundle/emitter.h"
#include "numbers.h"

namespace aokit::bundle {
namespace {

const char* KindName(Kind k) {
  static const char* const names[] = {
      "nil", "true", "false", "...", "num", "str", "name", "function", "table", "pos", "keyed",
      "bin", "un", "index", "call", "method", "paren",
      "local", "assign", "callstat", "do", "while", "repeat", "if", "numfor", "genfor", "funcstat",
      "localfunc", "return", "break", "goto", "label"};
  return names[static_cast<int>(k)];
}

class Writer {
 public:
  std::string out;

  void WriteBlock(const aokit::bundle::Block& b) {
    out += '[';
    for (const aokit::bundle::Node* s : b) WriteNode(*s);
    out += ']';
  }

  // locals are numbered by first appearance, so a renamed or re-wrapped copy compares equal
  void Local(const std::string& name, const Binding* b) {
    if (b) {
      auto [it, fresh] = numbers_.try_emplace(b, static_cast<int>(numbers_.size()));
      out += "$" + std::to_string(it->second);
    }
    else out += name;
    out += ' ';
  }

  void WriteNode(const aokit::bundle::Node& n) {
    out += '(';
    out += KindName(n.kind);
    out += ' ';
    switch (n.kind) {
      case Kind::Number: out += CanonicalNumber(n.str); break;
      case Kind::Label: case Kind::Goto: out += n.str; break;
      case Kind::String: out += QuoteString(n.str); break;
      case Kind::Name: Local(n.str, n.binding); break;
      case Kind::Method: out += n.str; break;
      case Kind::Binary: case Kind::Unary: out += TokenText(n.op); break;
      default: break;
    }
    if (n.method) out += " :";
    if (n.vararg) out += " ...";
    for (std::size_t i = 0; i < n.names.size(); ++i) Local(n.names[i], i < n.bindings.size() ? n.bindings[i] : nullptr);
    if (n.a) WriteNode(*n.a);
    if (n.b) WriteNode(*n.b);
    if (n.c) WriteNode(*n.c);
    for (const auto* x : n.targets) WriteNode(*x);
    out += '|';
    for (const auto* x : n.list) WriteNode(*x);
    if (!n.body.empty() || n.kind == Kind::Function || n.kind == Kind::Do || n.kind == Kind::While ||
        n.kind == Kind::Repeat || n.kind == Kind::NumFor || n.kind == Kind::GenFor)
      WriteBlock(n.body);
    for (const auto& b : n.blocks) WriteBlock(b);
    out += ')';
  }

 private:
  std::unordered_map<const Binding*, int> numbers_;
};

}  // namespace

std::string NormalForm(const Block& block) {
  Writer w;
  w.WriteBlock(block);
  return w.out;
}

}  // namespace aokit::bundle
