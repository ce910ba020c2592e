// Lua 5.3 parser. Each rule function opens with its production from the Lua manual.
#include "aokit/bundle/parser.h"

#include <utility>

#include "aokit/bundle/lexer.h"
#include "priority.h"

namespace aokit::bundle {
namespace {

constexpr int kMaxLevels = 200;  // LUAI_MAXCCALLS: nesting limit of the C parser

struct ParseError {
  Diagnostic diag;
};

class Parser {
 public:
  Parser(std::string_view file, std::string_view src, Chunk& chunk) : lex_(file, src), chunk_(chunk) {}

  // chunk ::= block
  void ParseChunk() {
    Advance();
    funcs_.push_back({true, 0});
    chunk_.body = Block(0);
    if (cur_.kind != Tok::Eof) ErrorExpected(Tok::Eof);
  }

 private:
  struct FuncState {
    bool vararg;
    int loops;
  };

  [[noreturn]] void Error(const std::string& msg, const Token& at) {
    Diagnostic d;
    d.file = chunk_.file;
    d.line = at.line;
    d.col = at.col;
    d.message = msg;
    if (at.kind == Tok::Eof) {
      d.message += " near <eof>";
    } else {
      std::string_view near = at.raw;
      if (near.size() > 40) near = near.substr(0, 40);
      std::string shown(near);
      if (at.raw.size() > 40) shown += "...";
      d.message += " near '" + shown + "'";
    }
    d.source_line = LineOf(lex_.source(), at.line);
    throw ParseError{d};
  }
  [[noreturn]] void ErrorExpected(Tok t) { Error(std::string(TokenText(t)) + " expected", cur_); }

  void Advance() {
    if (has_ahead_) {
      cur_ = std::move(ahead_);
      has_ahead_ = false;
      return;
    }
    if (!lex_.Next(cur_)) throw ParseError{lex_.error()};
  }
  const Token& Lookahead() {
    if (!has_ahead_) {
      if (!lex_.Next(ahead_)) throw ParseError{lex_.error()};
      has_ahead_ = true;
    }
    return ahead_;
  }
  bool TestNext(Tok t) {
    if (cur_.kind != t) return false;
    Advance();
    return true;
  }
  void Check(Tok t) {
    if (cur_.kind != t) ErrorExpected(t);
  }
  void CheckNext(Tok t) {
    Check(t);
    Advance();
  }
  // `what` closes `who` opened at `line`
  void CheckMatch(Tok what, Tok who, int line) {
    if (TestNext(what)) return;
    if (line == cur_.line) ErrorExpected(what);
    Error(std::string(TokenText(what)) + " expected (to close " + std::string(TokenText(who)) + " at line " +
              std::to_string(line) + ")",
          cur_);
  }
  std::string CheckName() {
    Check(Tok::Name);
    std::string n = std::move(cur_.value);
    Advance();
    return n;
  }
  Node* New(Kind k, const Token& at) { return chunk_.New(k, at.line, at.col); }

  struct Level {
    Parser& p;
    explicit Level(Parser& parser) : p(parser) {
      if (++p.depth_ > kMaxLevels) p.Error("chunk has too many syntax levels", p.cur_);
    }
    ~Level() { --p.depth_; }
  };

  static bool BlockFollow(Tok t, bool with_until) {
    switch (t) {
      case Tok::Else: case Tok::Elseif: case Tok::End: case Tok::Eof: return true;
      case Tok::Until: return with_until;
      default: return false;
    }
  }

  // block ::= {stat} [retstat]
  aokit::bundle::Block Block(int) {
    Level guard(*this);
    aokit::bundle::Block out;
    while (!BlockFollow(cur_.kind, true)) {
      if (cur_.kind == Tok::Return) {
        out.push_back(RetStat());
        break;
      }
      if (Node* s = Statement()) out.push_back(s);
    }
    return out;
  }

  // retstat ::= return [explist] [';']
  Node* RetStat() {
    Node* n = New(Kind::Return, cur_);
    Advance();
    if (!BlockFollow(cur_.kind, true) && cur_.kind != Tok::Semi) n->list = ExprList();
    TestNext(Tok::Semi);
    if (!BlockFollow(cur_.kind, true)) ErrorExpected(Tok::Eof);
    return n;
  }

  // stat ::= ';' | varlist '=' explist | functioncall | label | break | goto Name | do block end |
  //          while exp do block end | repeat block until exp | if ... | for ... | function funcname funcbody |
  //          local function Name funcbody | local namelist ['=' explist]
  Node* Statement() {
    Level guard(*this);
    Token at = cur_;
    switch (cur_.kind) {
      case Tok::Semi: Advance(); return nullptr;
      case Tok::If: return IfStat();
      case Tok::While: {
        Advance();
        Node* n = New(Kind::While, at);
        n->a = Expr();
        CheckNext(Tok::Do);
        n->body = LoopBody();
        CheckMatch(Tok::End, Tok::While, at.line);
        return n;
      }
      case Tok::Do: {
        Advance();
        Node* n = New(Kind::Do, at);
        n->body = Block(0);
        CheckMatch(Tok::End, Tok::Do, at.line);
        return n;
      }
      case Tok::For: return ForStat();
      case Tok::Repeat: {
        Advance();
        Node* n = New(Kind::Repeat, at);
        n->body = LoopBody();
        CheckMatch(Tok::Until, Tok::Repeat, at.line);
        n->a = Expr();
        return n;
      }
      case Tok::Function: return FuncStat();
      case Tok::Local: {
        Advance();
        if (TestNext(Tok::Function)) {
          Node* n = New(Kind::LocalFunc, at);
          n->names.push_back(CheckName());
          n->b = FuncBody(at, false);
          return n;
        }
        return LocalStat(at);
      }
      case Tok::DbColon: {
        Advance();
        Node* n = New(Kind::Label, at);
        n->str = CheckName();
        CheckNext(Tok::DbColon);
        return n;
      }
      case Tok::Return: Error("'return' must be the last statement of a block", cur_);
      case Tok::Break: {
        if (funcs_.back().loops == 0) Error("<break> at line " + std::to_string(at.line) + " not inside a loop", cur_);
        Advance();
        return New(Kind::Break, at);
      }
      case Tok::Goto: {
        Advance();
        Node* n = New(Kind::Goto, at);
        n->str = CheckName();
        return n;
      }
      default: return ExprStat();
    }
  }

  aokit::bundle::Block LoopBody() {
    ++funcs_.back().loops;
    aokit::bundle::Block b = Block(0);
    --funcs_.back().loops;
    return b;
  }

  // if exp then block {elseif exp then block} [else block] end
  Node* IfStat() {
    Token at = cur_;
    Node* n = New(Kind::If, at);
    do {
      Advance();  // 'if' or 'elseif'
      n->list.push_back(Expr());
      CheckNext(Tok::Then);
      n->blocks.push_back(Block(0));
    } while (cur_.kind == Tok::Elseif);
    if (TestNext(Tok::Else)) n->blocks.push_back(Block(0));
    CheckMatch(Tok::End, Tok::If, at.line);
    return n;
  }

  // for Name '=' exp ',' exp [',' exp] do block end | for namelist in explist do block end
  Node* ForStat() {
    Token at = cur_;
    Advance();
    std::string first = CheckName();
    Node* n;
    if (cur_.kind == Tok::Assign) {
      Advance();
      n = New(Kind::NumFor, at);
      n->names.push_back(std::move(first));
      n->a = Expr();
      CheckNext(Tok::Comma);
      n->b = Expr();
      if (TestNext(Tok::Comma)) n->c = Expr();
    } else if (cur_.kind == Tok::Comma || cur_.kind == Tok::In) {
      n = New(Kind::GenFor, at);
      n->names.push_back(std::move(first));
      while (TestNext(Tok::Comma)) n->names.push_back(CheckName());
      CheckNext(Tok::In);
      n->list = ExprList();
    } else {
      Error("'=' or 'in' expected", cur_);
    }
    CheckNext(Tok::Do);
    n->body = LoopBody();
    CheckMatch(Tok::End, Tok::For, at.line);
    return n;
  }

  // function funcname funcbody;  funcname ::= Name {'.' Name} [':' Name]
  Node* FuncStat() {
    Token at = cur_;
    Advance();
    Node* n = New(Kind::FuncStat, at);
    Node* target = New(Kind::Name, cur_);
    target->str = CheckName();
    while (cur_.kind == Tok::Dot || cur_.kind == Tok::Colon) {
      bool colon = cur_.kind == Tok::Colon;
      Advance();
      Node* key = New(Kind::String, cur_);
      key->str = CheckName();
      Node* idx = New(Kind::Index, at);
      idx->a = target;
      idx->b = key;
      target = idx;
      if (colon) {
        n->method = true;
        break;
      }
    }
    n->a = target;
    n->b = FuncBody(at, n->method);
    return n;
  }

  // local namelist ['=' explist]   (5.4 attribs `<const>` are a syntax error here)
  Node* LocalStat(const Token& at) {
    Node* n = New(Kind::Local, at);
    do {
      n->names.push_back(CheckName());
      if (cur_.kind == Tok::Lt)
        Error("unexpected symbol (attribs like <const> and <close> are Lua 5.4, not Lua 5.3)", cur_);
    } while (TestNext(Tok::Comma));
    if (TestNext(Tok::Assign)) n->list = ExprList();
    return n;
  }

  // exprstat ::= functioncall | varlist '=' explist
  Node* ExprStat() {
    Token at = cur_;
    Node* e = SuffixedExpr();
    if (cur_.kind == Tok::Assign || cur_.kind == Tok::Comma) {
      Node* n = New(Kind::Assign, at);
      n->targets.push_back(e);
      while (TestNext(Tok::Comma)) n->targets.push_back(SuffixedExpr());
      for (Node* t : n->targets)
        if (t->kind != Kind::Name && t->kind != Kind::Index) Error("syntax error", cur_);
      CheckNext(Tok::Assign);
      n->list = ExprList();
      return n;
    }
    if (e->kind != Kind::Call && e->kind != Kind::Method) Error("syntax error", cur_);
    Node* n = New(Kind::CallStat, at);
    n->a = e;
    return n;
  }

  std::vector<Node*> ExprList() {
    std::vector<Node*> out;
    out.push_back(Expr());
    while (TestNext(Tok::Comma)) out.push_back(Expr());
    return out;
  }

  // funcbody ::= '(' [parlist] ')' block end;  parlist ::= namelist [',' '...'] | '...'
  Node* FuncBody(const Token& at, bool method) {
    Node* f = New(Kind::Function, at);
    (void)method;
    ++chunk_.functions;
    CheckNext(Tok::LParen);
    if (cur_.kind != Tok::RParen) {
      do {
        if (cur_.kind == Tok::Name) {
          f->names.push_back(CheckName());
        } else if (cur_.kind == Tok::Dots) {
          Advance();
          f->vararg = true;
          break;
        } else {
          Error("<name> expected", cur_);
        }
      } while (TestNext(Tok::Comma));
    }
    CheckNext(Tok::RParen);
    funcs_.push_back({f->vararg, 0});
    f->body = Block(0);
    funcs_.pop_back();
    CheckMatch(Tok::End, Tok::Function, at.line);
    return f;
  }

  // exp ::= subexpr(0);  subexpr ::= (simpleexp | unop subexpr) {binop subexpr}
  Node* Expr(int limit = 0) {
    Level guard(*this);
    Node* e;
    Token at = cur_;
    if (IsUnaryOp(cur_.kind)) {
      Tok op = cur_.kind;
      Advance();
      e = New(Kind::Unary, at);
      e->op = op;
      e->a = Expr(kUnaryPriority);
    } else {
      e = SimpleExpr();
    }
    for (;;) {
      Tok op = cur_.kind;
      Priority p = BinaryPriority(op);
      if (p.left <= limit) break;
      Token opat = cur_;
      Advance();
      Node* b = New(Kind::Binary, opat);
      b->op = op;
      b->a = e;
      b->b = Expr(p.right);
      e = b;
    }
    return e;
  }

  // simpleexp ::= Number | String | nil | true | false | '...' | constructor | function funcbody | suffixedexp
  Node* SimpleExpr() {
    Token at = cur_;
    Node* n;
    switch (cur_.kind) {
      case Tok::Number: n = New(Kind::Number, at); n->str = std::move(cur_.value); break;
      case Tok::String: n = New(Kind::String, at); n->str = std::move(cur_.value); break;
      case Tok::Nil: n = New(Kind::Nil, at); break;
      case Tok::True: n = New(Kind::True, at); break;
      case Tok::False: n = New(Kind::False, at); break;
      case Tok::Dots:
        if (!funcs_.back().vararg) Error("cannot use '...' outside a vararg function", cur_);
        n = New(Kind::Vararg, at);
        break;
      case Tok::LBrace: return Constructor();
      case Tok::Function: Advance(); return FuncBody(at, false);
      default: return SuffixedExpr();
    }
    Advance();
    return n;
  }

  // primaryexp ::= Name | '(' exp ')'
  Node* PrimaryExpr() {
    Token at = cur_;
    if (cur_.kind == Tok::Name) {
      Node* n = New(Kind::Name, at);
      n->str = CheckName();
      return n;
    }
    if (cur_.kind == Tok::LParen) {
      Advance();
      Node* inner = Expr();
      CheckMatch(Tok::RParen, Tok::LParen, at.line);
      // parentheses only mean something around multi-valued expressions (they truncate)
      if (inner->kind == Kind::Call || inner->kind == Kind::Method || inner->kind == Kind::Vararg) {
        Node* p = New(Kind::Paren, at);
        p->a = inner;
        return p;
      }
      return inner;
    }
    Error("unexpected symbol", cur_);
  }

  // suffixedexp ::= primaryexp { '.' Name | '[' exp ']' | ':' Name funcargs | funcargs }
  Node* SuffixedExpr() {
    Level guard(*this);
    Node* e = PrimaryExpr();
    for (;;) {
      Token at = cur_;
      switch (cur_.kind) {
        case Tok::Dot: {
          Advance();
          Node* key = New(Kind::String, cur_);
          key->str = CheckName();
          Node* n = New(Kind::Index, at);
          n->a = e;
          n->b = key;
          e = n;
          break;
        }
        case Tok::LBracket: {
          Advance();
          Node* n = New(Kind::Index, at);
          n->a = e;
          n->b = Expr();
          CheckNext(Tok::RBracket);
          e = n;
          break;
        }
        case Tok::Colon: {
          Advance();
          Node* n = New(Kind::Method, at);
          n->a = e;
          n->str = CheckName();
          n->list = Args();
          e = n;
          break;
        }
        case Tok::LParen: case Tok::String: case Tok::LBrace: {
          Node* n = New(Kind::Call, at);
          n->a = e;
          n->list = Args();
          e = n;
          break;
        }
        default: return e;
      }
    }
  }

  // funcargs ::= '(' [explist] ')' | constructor | String
  std::vector<Node*> Args() {
    Token at = cur_;
    std::vector<Node*> out;
    if (cur_.kind == Tok::String) {
      Node* s = New(Kind::String, at);
      s->str = std::move(cur_.value);
      Advance();
      out.push_back(s);
    } else if (cur_.kind == Tok::LBrace) {
      out.push_back(Constructor());
    } else if (cur_.kind == Tok::LParen) {
      Advance();
      if (cur_.kind != Tok::RParen) out = ExprList();
      CheckMatch(Tok::RParen, Tok::LParen, at.line);
    } else {
      Error("function arguments expected", cur_);
    }
    return out;
  }

  // constructor ::= '{' [field {sep field} [sep]] '}';  field ::= '[' exp ']' '=' exp | Name '=' exp | exp
  Node* Constructor() {
    Token at = cur_;
    Node* t = New(Kind::Table, at);
    CheckNext(Tok::LBrace);
    while (cur_.kind != Tok::RBrace) {
      Token fat = cur_;
      Node* f;
      if (cur_.kind == Tok::Name && Lookahead().kind == Tok::Assign) {
        f = New(Kind::FieldKeyed, fat);  // `name = v` is `["name"] = v`
        f->a = New(Kind::String, fat);
        f->a->str = CheckName();
        CheckNext(Tok::Assign);
        f->b = Expr();
      } else if (cur_.kind == Tok::LBracket) {
        Advance();
        f = New(Kind::FieldKeyed, fat);
        f->a = Expr();
        CheckNext(Tok::RBracket);
        CheckNext(Tok::Assign);
        f->b = Expr();
      } else {
        f = New(Kind::FieldPos, fat);
        f->b = Expr();
      }
      t->list.push_back(f);
      if (!TestNext(Tok::Comma) && !TestNext(Tok::Semi)) break;
    }
    CheckMatch(Tok::RBrace, Tok::LBrace, at.line);
    return t;
  }

  Lexer lex_;
  Chunk& chunk_;
  Token cur_;
  Token ahead_;
  bool has_ahead_ = false;
  int depth_ = 0;
  std::vector<FuncState> funcs_;
};

}  // namespace

bool IsExpression(Kind k) { return k <= Kind::Paren; }

tl::expected<std::unique_ptr<Chunk>, Diagnostic> Parse(std::string_view file, std::string_view source) {
  auto chunk = std::make_unique<Chunk>();
  chunk->file = std::string(file);
  try {
    Parser p(file, source, *chunk);
    p.ParseChunk();
  } catch (const ParseError& e) {
    return tl::unexpected(e.diag);
  }
  return chunk;
}

}  // namespace aokit::bundle
