// Finds require calls in a scope-resolved AST: global `require`, locals initialised from it
// (aliases), `pcall(require, "x")`, and concatenations with a literal prefix (dynamic).
#include <set>

#include "aokit/bundle/module_graph.h"

namespace aokit::bundle {
namespace {

class Finder {
 public:
  Finder(const Chunk& c, std::vector<Diagnostic>* w) : chunk_(c), warnings_(w) {}

  std::vector<RequireSite> Run() {
    Block(chunk_.body);
    return sites_;
  }

 private:
  bool IsRequire(const Node* e) const {
    if (!e || e->kind != Kind::Name) return false;
    if (!e->binding) return e->str == "require";
    return aliases_.count(e->binding) > 0;
  }

  void Block(const aokit::bundle::Block& b) {
    for (const Node* s : b) Visit(*s);
  }

  void Visit(const Node& n) {
    if (n.kind == Kind::Function) {
      ++depth_;
      Block(n.body);
      --depth_;
      return;
    }
    if (n.kind == Kind::Local) {
      for (std::size_t i = 0; i < n.names.size() && i < n.list.size(); ++i)
        if (IsRequire(n.list[i]) && i < n.bindings.size()) aliases_.insert(n.bindings[i]);
    }
    if (n.kind == Kind::Call) {
      if (IsRequire(n.a)) {
        Call(n);
        for (const Node* x : n.list) Visit(*x);
        return;
      }
      if (n.a->kind == Kind::Name && !n.a->binding && n.a->str == "pcall" && n.list.size() >= 2 &&
          IsRequire(n.list[0])) {
        const Node& arg = *n.list[1];
        if (arg.kind == Kind::String) {
          sites_.push_back({RequireKind::Optional, arg.str, n.a->line, n.a->col, depth_ == 0});
        } else {
          Warn(n, "pcall(require, <computed name>) cannot be resolved statically; the module is not bundled");
        }
        for (std::size_t i = 1; i < n.list.size(); ++i) Visit(*n.list[i]);
        return;
      }
    }
    if (n.kind == Kind::Name && IsRequire(&n)) {
      // `require` as a value (not called, not aliased by `local x = require`)
      if (!aliasing_) Warn(n, "require used as a value; calls through it are not resolved");
    }
    bool aliasing = n.kind == Kind::Local;
    if (n.a) Child(*n.a, false);
    if (n.b) Child(*n.b, false);
    if (n.c) Child(*n.c, false);
    for (const Node* x : n.targets) Child(*x, false);
    for (const Node* x : n.list) Child(*x, aliasing && x->kind == Kind::Name);
    Block(n.body);
    for (const auto& b : n.blocks) Block(b);
  }
  void Child(const Node& n, bool aliasing) {
    bool saved = aliasing_;
    aliasing_ = aliasing;
    Visit(n);
    aliasing_ = saved;
  }

  void Call(const Node& n) {
    if (n.list.empty()) {
      Warn(n, "require() without a module name");
      return;
    }
    const Node& arg = *n.list[0];
    if (arg.kind == Kind::String) {
      sites_.push_back({RequireKind::Static, arg.str, n.a->line, n.a->col, depth_ == 0});
      return;
    }
    // leftmost literal of a concatenation: require("a.b." .. x)
    const Node* left = &arg;
    while (left->kind == Kind::Binary && left->op == Tok::Concat) left = left->a;
    std::string prefix = left->kind == Kind::String && left != &arg ? left->str : "";
    sites_.push_back({RequireKind::Dynamic, prefix, n.a->line, n.a->col, depth_ == 0});
  }

  void Warn(const Node& n, const std::string& msg) {
    if (!warnings_) return;
    Diagnostic d;
    d.severity = Severity::Warning;
    d.file = chunk_.file;
    d.line = n.line;
    d.col = n.col;
    d.message = msg;
    warnings_->push_back(d);
  }

  const Chunk& chunk_;
  std::vector<Diagnostic>* warnings_;
  std::set<const Binding*> aliases_;
  bool aliasing_ = false;
  int depth_ = 0;  // enclosing function bodies
  std::vector<RequireSite> sites_;
};

}  // namespace

std::vector<RequireSite> FindRequires(const Chunk& chunk, std::vector<Diagnostic>* warnings) {
  return Finder(chunk, warnings).Run();
}

}  // namespace aokit::bundle
