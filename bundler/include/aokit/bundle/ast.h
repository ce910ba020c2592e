// The Lua 5.3 AST. One Node type with a kind and a few slots keeps passes short; every node
// carries its source position. Nodes live in the Chunk's arena and are referenced by pointer.
//
// Slot use per kind (unused slots stay empty):
//   Nil True False Vararg          -
//   Number                         str = lexeme as written (e.g. "0x1p-20")
//   String                         str = decoded bytes
//   Name                           str = identifier; binding = resolved local (nullptr: global)
//   Function                       names = parameters, vararg, body
//   Table                          fields (kind Field*: key/value)
//   FieldPos / FieldKeyed          a = key (`x = v` is `["x"] = v`), b = value
//   Binary                         op, a, b          Unary   op, a
//   Index                          a = object, b = key (a.b is a["b"])
//   Call                           a = function, list = arguments
//   Method                         a = object, str = method name, list = arguments
//   Paren                          a (kept only around calls and `...`, where it truncates)
//   Local                          names (+ bindings), list = values
//   Assign                         targets, list = values
//   CallStat                       a = Call or Method
//   Do                             body        While  a = condition, body
//   Repeat                         body, a = condition
//   If                             list = conditions, blocks = bodies (one more when `else`)
//   NumFor                         names[0] = variable, a = start, b = limit, c = step?, body
//   GenFor                         names = variables, list = expressions, body
//   FuncStat                       a = target (Name/Index chain), b = Function, method (a:b form)
//   LocalFunc                      names[0], b = Function
//   Return                         list        Break  -    Goto / Label  str = label
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "aokit/bundle/token.h"

namespace aokit::bundle {

enum class Kind : std::uint8_t {
  Nil, True, False, Vararg, Number, String, Name, Function, Table, FieldPos, FieldKeyed,
  Binary, Unary, Index, Call, Method, Paren,
  Local, Assign, CallStat, Do, While, Repeat, If, NumFor, GenFor, FuncStat, LocalFunc, Return,
  Break, Goto, Label,
};

struct Binding;
struct Node;
using Block = std::vector<Node*>;

struct Node {
  Kind kind;
  int line = 0;
  int col = 0;
  Tok op = Tok::Eof;
  bool vararg = false;  // Function: has `...`
  bool method = false;  // FuncStat: `function a:b()` (the Function gets an implicit `self`)
  std::string str;
  Node* a = nullptr;
  Node* b = nullptr;
  Node* c = nullptr;
  std::vector<Node*> list;
  std::vector<Node*> targets;
  std::vector<std::string> names;
  std::vector<Binding*> bindings;  // parallel to names once scopes are resolved
  Block body;
  std::vector<Block> blocks;
  Binding* binding = nullptr;  // Name
};

// A local variable declaration (set by ResolveScopes).
struct Binding {
  std::string name;
  int ordinal = 0;  // declaration order within the chunk, 0-based
  int references = 0;
};

// Stable-address storage in blocks of 256 (std::deque's 512-byte blocks would hold two Nodes).
template <class T>
class Arena {
 public:
  T& emplace_back() {
    if (used_ == kBlock) {
      blocks_.push_back(std::make_unique<T[]>(kBlock));
      used_ = 0;
    }
    return blocks_.back()[used_++];
  }
  void clear() {
    blocks_.clear();
    used_ = kBlock;
  }

 private:
  static constexpr std::size_t kBlock = 256;  // blocks stay below malloc's mmap threshold
  std::vector<std::unique_ptr<T[]>> blocks_;
  std::size_t used_ = kBlock;
};

struct Chunk {
  std::string file;
  Block body;
  int functions = 0;  // function bodies (the main chunk not counted)
  Arena<Node> arena;
  Arena<Binding> binding_arena;
  Node* New(Kind k, int line, int col) {
    Node& n = arena.emplace_back();
    n.kind = k;
    n.line = line;
    n.col = col;
    return &n;
  }
};

bool IsExpression(Kind k);

}  // namespace aokit::bundle
