#include "aokit/bundle/scopes.h"

#include <unordered_map>
#include <vector>

namespace aokit::bundle {
namespace {

class Resolver {
 public:
  Resolver(Chunk& c, const std::set<std::string>* rename_avoiding) : chunk_(c), avoid_(rename_avoiding) {}

  ScopeInfo Run() {
    Open();
    Block(chunk_.body);
    Close();
    info_.locals = next_ordinal_;
    return info_;
  }

 private:
  void Open() {
    scopes_.emplace_back();
    counters_.push_back(counters_.empty() ? 0 : counters_.back());
  }
  void Close() {
    counters_.pop_back();
    for (auto it = scopes_.back().rbegin(); it != scopes_.back().rend(); ++it) {
      auto& stack = visible_[it->first];
      stack.pop_back();
    }
    scopes_.pop_back();
  }
  // Short names in declaration order; a nested scope continues its parent's count, so a new
  // name never shadows a visible local, and free names (globals) are never produced.
  std::string NextName() {
    for (;;) {
      int n = counters_.back()++;
      std::string name = NameFor(n);
      if (!IsReserved(name) && !avoid_->count(name) && name != "self" && name != "_ENV") return name;
    }
  }
  static std::string NameFor(int n) {
    static const std::string first = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
    static const std::string rest = first + "0123456789";
    std::string s(1, first[static_cast<std::size_t>(n) % first.size()]);
    n /= static_cast<int>(first.size());
    while (n > 0) {
      --n;
      s += rest[static_cast<std::size_t>(n) % rest.size()];
      n /= static_cast<int>(rest.size());
    }
    return s;
  }

  Binding* Declare(const std::string& name, bool renamable = true) {
    Binding& b = chunk_.binding_arena.emplace_back();
    b.name = (avoid_ && renamable && name != "_ENV") ? NextName() : name;
    b.ordinal = next_ordinal_++;
    visible_[name].push_back(&b);
    scopes_.back().emplace_back(name, &b);
    return &b;
  }
  void DeclareAll(Node& n) {
    n.bindings.clear();
    for (auto& name : n.names) {
      n.bindings.push_back(Declare(name));
      name = n.bindings.back()->name;
    }
  }

  void Block(const aokit::bundle::Block& b) {
    for (Node* s : b) Stat(*s);
  }
  void ScopedBlock(const aokit::bundle::Block& b) {
    Open();
    Block(b);
    Close();
  }

  void Function(Node& f, bool method) {
    Open();
    f.bindings.clear();
    if (method) Declare("self", false);  // implicit parameter: its name is fixed
    for (auto& name : f.names) {
      f.bindings.push_back(Declare(name));
      name = f.bindings.back()->name;
    }
    Block(f.body);
    Close();
  }

  void Stat(Node& s) {
    switch (s.kind) {
      case Kind::Local:
        for (Node* e : s.list) Expr(*e);
        DeclareAll(s);
        break;
      case Kind::Assign:
        for (Node* e : s.list) Expr(*e);
        for (Node* t : s.targets) Expr(*t);
        break;
      case Kind::CallStat: Expr(*s.a); break;
      case Kind::Do: ScopedBlock(s.body); break;
      case Kind::While:
        Expr(*s.a);
        ScopedBlock(s.body);
        break;
      case Kind::Repeat:
        Open();
        Block(s.body);
        Expr(*s.a);  // the condition sees the body's locals
        Close();
        break;
      case Kind::If:
        for (std::size_t i = 0; i < s.blocks.size(); ++i) {
          if (i < s.list.size()) Expr(*s.list[i]);
          ScopedBlock(s.blocks[i]);
        }
        break;
      case Kind::NumFor:
        Expr(*s.a);
        Expr(*s.b);
        if (s.c) Expr(*s.c);
        Open();
        DeclareAll(s);
        Block(s.body);
        Close();
        break;
      case Kind::GenFor:
        for (Node* e : s.list) Expr(*e);
        Open();
        DeclareAll(s);
        Block(s.body);
        Close();
        break;
      case Kind::FuncStat:
        Expr(*s.a);
        Function(*s.b, s.method);
        break;
      case Kind::LocalFunc:
        DeclareAll(s);  // visible inside its own body
        Function(*s.b, false);
        break;
      case Kind::Return:
        for (Node* e : s.list) Expr(*e);
        break;
      default: break;
    }
  }

  void Expr(Node& e) {
    switch (e.kind) {
      case Kind::Name: {
        auto it = visible_.find(e.str);
        if (it != visible_.end() && !it->second.empty()) {
          e.binding = it->second.back();
          ++e.binding->references;
          e.str = e.binding->name;
        } else {
          e.binding = nullptr;
          info_.free_names.insert(e.str);
        }
        break;
      }
      case Kind::Function: Function(e, false); break;
      default:
        if (e.a) Expr(*e.a);
        if (e.b) Expr(*e.b);
        if (e.c) Expr(*e.c);
        for (Node* x : e.list) Expr(*x);
    }
  }

  Chunk& chunk_;
  const std::set<std::string>* avoid_;
  std::vector<int> counters_;
  ScopeInfo info_;
  int next_ordinal_ = 0;
  std::unordered_map<std::string, std::vector<Binding*>> visible_;
  std::vector<std::vector<std::pair<std::string, Binding*>>> scopes_;
};

}  // namespace

ScopeInfo ResolveScopes(Chunk& chunk) {
  chunk.binding_arena.clear();
  return Resolver(chunk, nullptr).Run();
}

void RenameLocals(Chunk& chunk) {
  ScopeInfo info = ResolveScopes(chunk);
  chunk.binding_arena.clear();
  Resolver(chunk, &info.free_names).Run();
}

}  // namespace aokit::bundle
