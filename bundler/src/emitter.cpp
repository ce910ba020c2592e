#include "aokit/bundle/emitter.h"

#include <cctype>
#include <cstdio>

#include "numbers.h"
#include "priority.h"

namespace aokit::bundle {
namespace {

bool WordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string_view OpText(Tok t) {
  std::string_view s = TokenText(t);
  return s.substr(1, s.size() - 2);
}

class Printer {
 public:
  explicit Printer(EmitStyle style) : dense_(style == EmitStyle::Dense) {}
  std::string Take() { return std::move(out_); }

  void Block(const aokit::bundle::Block& b) {
    ++indent_;
    for (const Node* s : b) Statement(*s);
    --indent_;
  }
  void TopBlock(const aokit::bundle::Block& b) {
    for (const Node* s : b) Statement(*s);
    if (!dense_ && !out_.empty() && out_.back() != '\n') out_ += '\n';
  }

  void Expr(const Node& e) {
    switch (e.kind) {
      case Kind::Nil: Word("nil"); break;
      case Kind::True: Word("true"); break;
      case Kind::False: Word("false"); break;
      case Kind::Vararg: Sym("..."); break;
      case Kind::Number: Number(dense_ ? ShortestNumber(e.str) : e.str); break;
      case Kind::String: Sym(QuoteString(e.str)); break;
      case Kind::Name: Word(e.str); break;
      case Kind::Function:
        Word("function");
        FuncBody(e, false);
        break;
      case Kind::Table: Table(e); break;
      case Kind::Binary: {
        Priority p = BinaryPriority(e.op);
        const Node& l = *e.a;
        bool lp = (l.kind == Kind::Binary && BinaryPriority(l.op).right < p.left) ||
                  (l.kind == Kind::Unary && p.left > kUnaryPriority);
        Wrapped(l, lp);
        Op(OpText(e.op));
        const Node& r = *e.b;
        Wrapped(r, r.kind == Kind::Binary && BinaryPriority(r.op).left <= p.right);
        break;
      }
      case Kind::Unary: {
        if (e.op == Tok::Not) Word("not"); else Sym(OpText(e.op));
        const Node& x = *e.a;
        Wrapped(x, x.kind == Kind::Binary && BinaryPriority(x.op).left <= kUnaryPriority);
        break;
      }
      case Kind::Index: {
        Prefix(*e.a);
        if (e.b->kind == Kind::String && IsIdentifier(e.b->str)) {
          Sym(".");
          Word(e.b->str);
        } else {
          Sym("[");
          Expr(*e.b);
          Sym("]");
        }
        break;
      }
      case Kind::Call:
        Prefix(*e.a);
        Args(e.list);
        break;
      case Kind::Method:
        Prefix(*e.a);
        Sym(":");
        Word(e.str);
        Args(e.list);
        break;
      case Kind::Paren:
        Sym("(");
        Expr(*e.a);
        Sym(")");
        break;
      default: break;
    }
  }

 private:
  void Statement(const Node& s) {
    std::size_t start = out_.size();
    Line();
    std::size_t text_start = out_.size();
    switch (s.kind) {
      case Kind::Local:
        Word("local");
        NameList(s.names);
        if (!s.list.empty()) {
          Op("=");
          ExprList(s.list);
        }
        break;
      case Kind::Assign:
        for (std::size_t i = 0; i < s.targets.size(); ++i) {
          if (i) Comma();
          Expr(*s.targets[i]);
        }
        Op("=");
        ExprList(s.list);
        break;
      case Kind::CallStat: Expr(*s.a); break;
      case Kind::Do:
        Word("do");
        Block(s.body);
        End();
        break;
      case Kind::While:
        Word("while");
        Expr(*s.a);
        Word("do");
        Block(s.body);
        End();
        break;
      case Kind::Repeat:
        Word("repeat");
        Block(s.body);
        Line();
        Word("until");
        Expr(*s.a);
        break;
      case Kind::If:
        for (std::size_t i = 0; i < s.list.size(); ++i) {
          if (i) Line();
          Word(i ? "elseif" : "if");
          Expr(*s.list[i]);
          Word("then");
          Block(s.blocks[i]);
        }
        if (s.blocks.size() > s.list.size()) {
          Line();
          Word("else");
          Block(s.blocks.back());
        }
        End();
        break;
      case Kind::NumFor:
        Word("for");
        Word(s.names[0]);
        Op("=");
        Expr(*s.a);
        Comma();
        Expr(*s.b);
        if (s.c) {
          Comma();
          Expr(*s.c);
        }
        Word("do");
        Block(s.body);
        End();
        break;
      case Kind::GenFor:
        Word("for");
        NameList(s.names);
        Word("in");
        ExprList(s.list);
        Word("do");
        Block(s.body);
        End();
        break;
      case Kind::FuncStat:
        Word("function");
        FuncName(*s.a, s.method);
        FuncBody(*s.b, false);
        break;
      case Kind::LocalFunc:
        Word("local");
        Word("function");
        Word(s.names[0]);
        FuncBody(*s.b, false);
        break;
      case Kind::Return:
        Word("return");
        if (!s.list.empty()) ExprList(s.list);
        break;
      case Kind::Break: Word("break"); break;
      case Kind::Goto:
        Word("goto");
        Word(s.str);
        break;
      case Kind::Label:
        Sym("::");
        Word(s.str);
        Sym("::");
        break;
      default: break;
    }
    // `a = b (f)()` would read as a call of b: separate a statement that opens with '('
    if (text_start < out_.size() && out_[text_start] == '(' && start > 0) {
      out_.insert(out_.begin() + static_cast<std::ptrdiff_t>(text_start), ';');
    }
  }

  void FuncName(const Node& t, bool method) {
    if (t.kind == Kind::Name) {
      Word(t.str);
      return;
    }
    FuncName(*t.a, false);
    Sym(method ? ":" : ".");
    Word(t.b->str);
  }
  void FuncBody(const Node& f, bool) {
    Sym("(");
    for (std::size_t i = 0; i < f.names.size(); ++i) {
      if (i) Comma();
      Word(f.names[i]);
    }
    if (f.vararg) {
      if (!f.names.empty()) Comma();
      Sym("...");
    }
    Sym(")");
    Block(f.body);
    End();
  }
  void Table(const Node& t) {
    Sym("{");
    for (std::size_t i = 0; i < t.list.size(); ++i) {
      if (i) Comma();
      const Node& f = *t.list[i];
      if (f.kind == Kind::FieldKeyed) {
        if (f.a->kind == Kind::String && IsIdentifier(f.a->str)) {
          Word(f.a->str);
        } else {
          Sym("[");
          Expr(*f.a);
          Sym("]");
        }
        Op("=");
      }
      Expr(*f.b);
    }
    Sym("}");
  }
  void Args(const std::vector<Node*>& args) {
    if (dense_ && args.size() == 1 && (args[0]->kind == Kind::String || args[0]->kind == Kind::Table)) {
      Expr(*args[0]);  // f"x" and f{...}
      return;
    }
    Sym("(");
    ExprList(args);
    Sym(")");
  }
  void Prefix(const Node& e) {
    bool ok = e.kind == Kind::Name || e.kind == Kind::Index || e.kind == Kind::Call || e.kind == Kind::Method ||
              e.kind == Kind::Paren;
    Wrapped(e, !ok);
  }
  void Wrapped(const Node& e, bool parens) {
    if (parens) Sym("(");
    Expr(e);
    if (parens) Sym(")");
  }
  void ExprList(const std::vector<Node*>& es) {
    for (std::size_t i = 0; i < es.size(); ++i) {
      if (i) Comma();
      Expr(*es[i]);
    }
  }
  void NameList(const std::vector<std::string>& ns) {
    for (std::size_t i = 0; i < ns.size(); ++i) {
      if (i) Comma();
      Word(ns[i]);
    }
  }
  void End() {
    Line();
    Word("end");
  }
  void Line() {
    if (dense_ || out_.empty()) return;
    last_number_ = false;
    out_ += '\n';
    out_.append(static_cast<std::size_t>(indent_) * 2, ' ');
  }
  void Comma() {
    last_number_ = false;
    out_ += ',';
    if (!dense_) out_ += ' ';
  }
  void Op(std::string_view op) {
    if (!dense_) {
      if (!out_.empty() && out_.back() != ' ') out_ += ' ';
      out_ += op;
      out_ += ' ';
      last_number_ = false;
      return;
    }
    Sym(op);
  }
  void Word(std::string_view w) { Append(w, false); }
  void Number(std::string_view n) { Append(n, true); }
  void Sym(std::string_view s) { Append(s, false); }
  void Append(std::string_view t, bool number) {
    if (!out_.empty() && !t.empty()) {
      char p = out_.back();
      char n = t.front();
      bool space = (WordChar(p) && WordChar(n)) || (p == '-' && n == '-') || (p == '[' && (n == '[' || n == '=')) ||
                   (p == '.' && (n == '.' || std::isdigit(static_cast<unsigned char>(n)))) ||
                   (last_number_ && (n == '.' || WordChar(n)));
      if (!dense_ && (t == "then" || t == "do" || t == "in" || t == "end" || t == "until" || t == "else" ||
                      t == "elseif" || t == "and" || t == "or") && p != ' ' && p != '\n')
        space = true;
      if (space) out_ += ' ';
    }
    out_ += t;
    last_number_ = number;
  }

  bool dense_;
  int indent_ = 0;
  bool last_number_ = false;
  std::string out_;
};

}  // namespace

bool IsIdentifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return !IsReserved(s);
}

std::string QuoteString(std::string_view bytes) {
  std::size_t dq = 0, sq = 0;
  for (char c : bytes) {
    dq += c == '"';
    sq += c == '\'';
  }
  char q = dq > sq ? '\'' : '"';
  std::string out(1, q);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\0': {
        bool digit_next = i + 1 < bytes.size() && std::isdigit(static_cast<unsigned char>(bytes[i + 1]));
        out += digit_next ? "\\000" : "\\0";
        break;
      }
      default:
        if (c == static_cast<unsigned char>(q)) {
          out += '\\';
          out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7f) {
          char buf[8];
          bool digit_next = i + 1 < bytes.size() && std::isdigit(static_cast<unsigned char>(bytes[i + 1]));
          std::snprintf(buf, sizeof buf, digit_next ? "\\%03u" : "\\%u", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += q;
  return out;
}

std::string EmitBlock(const Block& block, EmitStyle style) {
  Printer p(style);
  p.TopBlock(block);
  return p.Take();
}

std::string EmitExpression(const Node& expr, EmitStyle style) {
  Printer p(style);
  p.Expr(expr);
  return p.Take();
}

}  // namespace aokit::bundle
