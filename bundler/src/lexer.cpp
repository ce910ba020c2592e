// Lua 5.3 lexer, following llex.c: same token set, same escapes, same error wording.
#include "aokit/bundle/lexer.h"

#include <cctype>
#include <cstring>
#include <unordered_map>

namespace aokit::bundle {
namespace {

bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsXDigit(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
int HexValue(char c) { return IsDigit(c) ? c - '0' : (std::tolower(static_cast<unsigned char>(c)) - 'a') + 10; }

const std::unordered_map<std::string_view, Tok>& Reserved() {
  static const std::unordered_map<std::string_view, Tok> map = [] {
    std::unordered_map<std::string_view, Tok> m;
    for (int i = 0; i <= static_cast<int>(Tok::While); ++i) {
      std::string_view t = TokenText(static_cast<Tok>(i));
      m.emplace(t.substr(1, t.size() - 2), static_cast<Tok>(i));
    }
    return m;
  }();
  return map;
}

void Utf8Encode(unsigned long x, std::string& out) {
  if (x < 0x80) { out += static_cast<char>(x); return; }
  char buf[8];
  int n = 1;
  unsigned int mfb = 0x3f;  // maximum that fits in the first byte
  do {
    buf[8 - (n++)] = static_cast<char>(0x80 | (x & 0x3f));
    x >>= 6;
    mfb >>= 1;
  } while (x > mfb);
  buf[8 - n] = static_cast<char>((~mfb << 1) | x);
  out.append(buf + 8 - n, n);
}

}  // namespace

Lexer::Lexer(std::string_view file, std::string_view source) : file_(file), src_(source) {
  // a first line starting with '#' is skipped by loadfile (the line break is kept)
  if (src_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  if (Cur() == '#') {
    while (!AtEnd() && Cur() != '\n' && Cur() != '\r') ++pos_;
  }
  line_start_ = 0;
}

bool Lexer::Fail(const std::string& msg, std::string_view near, int line, int col) {
  error_.severity = Severity::Error;
  error_.file = file_;
  error_.line = line;
  error_.col = col;
  error_.message = msg;
  if (near == "<eof>") error_.message += " near <eof>";
  else if (!near.empty()) error_.message += " near '" + std::string(near) + "'";
  error_.source_line = LineOf(src_, line);
  return false;
}

void Lexer::Newline() {
  char old = Cur();
  ++pos_;
  if ((Cur() == '\n' || Cur() == '\r') && Cur() != old) ++pos_;  // \n\r or \r\n
  ++line_;
  line_start_ = pos_;
}

int Lexer::LongBracketLevel() {
  std::size_t p = pos_ + 1;
  int level = 0;
  while (p < src_.size() && src_[p] == '=') { ++p; ++level; }
  return p < src_.size() && src_[p] == '[' ? level : (level == 0 ? -1 : -2);
}

bool Lexer::SkipLongBracket(int level, std::string* out, int start_line, int start_col, bool is_comment) {
  pos_ += static_cast<std::size_t>(level) + 2;  // [==[
  if (Cur() == '\n' || Cur() == '\r') Newline();  // first line break is skipped
  for (;;) {
    if (AtEnd()) {
      std::string what = is_comment ? "unfinished long comment" : "unfinished long string";
      (void)start_col;
      return Fail(what + " (starting at line " + std::to_string(start_line) + ")", "<eof>", line_,
                  static_cast<int>(pos_ - line_start_) + 1);
    }
    char c = Cur();
    if (c == ']') {
      std::size_t p = pos_ + 1;
      int l = 0;
      while (p < src_.size() && src_[p] == '=') { ++p; ++l; }
      if (l == level && p < src_.size() && src_[p] == ']') {
        pos_ = p + 1;
        return true;
      }
      if (out) *out += ']';
      ++pos_;
    } else if (c == '\n' || c == '\r') {
      if (out) *out += '\n';
      Newline();
    } else {
      if (out) *out += c;
      ++pos_;
    }
  }
}

bool Lexer::ReadString(char quote, Token& t) {
  std::size_t start = pos_;
  ++pos_;
  std::string& v = t.value;
  auto near = [&] { return src_.substr(start, pos_ - start); };
  auto col = [&] { return static_cast<int>(pos_ - line_start_) + 1; };
  while (Cur() != quote) {
    if (AtEnd()) return Fail("unfinished string", "<eof>", line_, col());
    char c = Cur();
    if (c == '\n' || c == '\r') return Fail("unfinished string", near(), line_, col());
    if (c != '\\') { v += c; ++pos_; continue; }
    std::size_t esc = pos_;
    ++pos_;  // skip '\'
    auto esc_near = [&] { return src_.substr(esc, pos_ - esc + (AtEnd() ? 0 : 1)); };
    switch (Cur()) {
      case 'a': v += '\a'; ++pos_; break;
      case 'b': v += '\b'; ++pos_; break;
      case 'f': v += '\f'; ++pos_; break;
      case 'n': v += '\n'; ++pos_; break;
      case 'r': v += '\r'; ++pos_; break;
      case 't': v += '\t'; ++pos_; break;
      case 'v': v += '\v'; ++pos_; break;
      case '\\': v += '\\'; ++pos_; break;
      case '"': v += '"'; ++pos_; break;
      case '\'': v += '\''; ++pos_; break;
      case '\n': case '\r': v += '\n'; Newline(); break;
      case 'x': {
        ++pos_;
        int r = 0;
        for (int i = 0; i < 2; ++i) {
          if (!IsXDigit(Cur())) return Fail("hexadecimal digit expected", esc_near(), line_, col());
          r = r * 16 + HexValue(Cur());
          ++pos_;
        }
        v += static_cast<char>(r);
        break;
      }
      case 'u': {
        ++pos_;
        if (Cur() != '{') return Fail("missing '{'", esc_near(), line_, col());
        ++pos_;
        unsigned long r = 0;
        if (!IsXDigit(Cur())) return Fail("hexadecimal digit expected", esc_near(), line_, col());
        while (IsXDigit(Cur())) {
          r = r * 16 + static_cast<unsigned long>(HexValue(Cur()));
          if (r > 0x10FFFFUL) return Fail("UTF-8 value too large", esc_near(), line_, col());
          ++pos_;
        }
        if (Cur() != '}') return Fail("missing '}'", esc_near(), line_, col());
        ++pos_;
        Utf8Encode(r, v);
        break;
      }
      case 'z': {
        ++pos_;
        while (!AtEnd() && std::isspace(static_cast<unsigned char>(Cur()))) {
          if (Cur() == '\n' || Cur() == '\r') Newline(); else ++pos_;
        }
        break;
      }
      default: {
        if (AtEnd()) return Fail("unfinished string", "<eof>", line_, col());
        if (!IsDigit(Cur())) return Fail("invalid escape sequence", esc_near(), line_, col());
        int r = 0;
        for (int i = 0; i < 3 && IsDigit(Cur()); ++i) { r = r * 10 + (Cur() - '0'); ++pos_; }
        if (r > 255) return Fail("decimal escape too large", src_.substr(esc, pos_ - esc), line_, col());
        v += static_cast<char>(r);
      }
    }
  }
  ++pos_;
  return true;
}

bool Lexer::ReadNumber(Token& t) {
  // as read_numeral: digits, exponent marks with optional sign, '.', then any alnum
  std::size_t start = pos_;
  const char* expo = "Ee";
  if (Cur() == '0' && (Peek() == 'x' || Peek() == 'X')) { expo = "Pp"; pos_ += 2; }
  for (;;) {
    char c = Cur();
    if (c != '\0' && std::strchr(expo, c) && (Peek() == '+' || Peek() == '-')) { pos_ += 2; continue; }
    if (IsXDigit(c) || c == '.') { ++pos_; continue; }
    break;
  }
  while (IsAlnum(Cur())) ++pos_;  // Lua reads trailing alnum into the numeral, then rejects it
  std::string_view lex = src_.substr(start, pos_ - start);
  // validate like lua_stringtonumber: decimal int/float or hex int/float
  bool ok = false;
  std::size_t i = 0;
  auto digits = [&](bool hex) {
    std::size_t n = 0;
    while (i < lex.size() && (hex ? IsXDigit(lex[i]) : IsDigit(lex[i]))) { ++i; ++n; }
    return n;
  };
  if (lex.size() > 1 && lex[0] == '0' && (lex[1] == 'x' || lex[1] == 'X')) {
    i = 2;
    std::size_t n = digits(true);
    if (i < lex.size() && lex[i] == '.') { ++i; n += digits(true); }
    if (n > 0) {
      if (i < lex.size() && (lex[i] == 'p' || lex[i] == 'P')) {
        ++i;
        if (i < lex.size() && (lex[i] == '+' || lex[i] == '-')) ++i;
        ok = digits(false) > 0 && i == lex.size();
      } else {
        ok = i == lex.size();
      }
    }
  } else {
    std::size_t n = digits(false);
    if (i < lex.size() && lex[i] == '.') { ++i; n += digits(false); }
    if (n > 0) {
      if (i < lex.size() && (lex[i] == 'e' || lex[i] == 'E')) {
        ++i;
        if (i < lex.size() && (lex[i] == '+' || lex[i] == '-')) ++i;
        ok = digits(false) > 0 && i == lex.size();
      } else {
        ok = i == lex.size();
      }
    }
  }
  if (!ok) return Fail("malformed number", lex, line_, static_cast<int>(start - line_start_) + 1);
  t.value = std::string(lex);
  return true;
}

bool Lexer::Next(Token& t) {
  t.value.clear();
  for (;;) {
    if (AtEnd()) {
      t.kind = Tok::Eof;
      t.line = line_;
      t.col = static_cast<int>(pos_ - line_start_) + 1;
      t.raw = {};
      return true;
    }
    char c = Cur();
    if (c == '\n' || c == '\r') { Newline(); continue; }
    if (c == ' ' || c == '\t' || c == '\f' || c == '\v') { ++pos_; continue; }
    if (c == '-' && Peek() == '-') {
      int l = line_;
      int col = static_cast<int>(pos_ - line_start_) + 1;
      pos_ += 2;
      if (Cur() == '[') {
        int level = LongBracketLevel();
        if (level >= 0) {
          if (!SkipLongBracket(level, nullptr, l, col, true)) return false;
          continue;
        }
      }
      while (!AtEnd() && Cur() != '\n' && Cur() != '\r') ++pos_;
      continue;
    }
    break;
  }
  std::size_t start = pos_;
  t.line = line_;
  t.col = static_cast<int>(pos_ - line_start_) + 1;
  char c = Cur();
  auto one = [&](Tok k) { ++pos_; t.kind = k; };
  auto two = [&](Tok k) { pos_ += 2; t.kind = k; };
  switch (c) {
    case '[': {
      int level = LongBracketLevel();
      if (level >= 0) {
        if (!SkipLongBracket(level, &t.value, t.line, t.col, false)) return false;
        t.kind = Tok::String;
      } else if (level == -2) {
        return Fail("invalid long string delimiter", src_.substr(start, 2), t.line, t.col);
      } else {
        one(Tok::LBracket);
      }
      break;
    }
    case '=': if (Peek() == '=') two(Tok::Eq); else one(Tok::Assign); break;
    case '<':
      if (Peek() == '=') two(Tok::Le); else if (Peek() == '<') two(Tok::Shl); else one(Tok::Lt);
      break;
    case '>':
      if (Peek() == '=') two(Tok::Ge); else if (Peek() == '>') two(Tok::Shr); else one(Tok::Gt);
      break;
    case '/': if (Peek() == '/') two(Tok::IDiv); else one(Tok::Slash); break;
    case '~': if (Peek() == '=') two(Tok::Ne); else one(Tok::Tilde); break;
    case ':': if (Peek() == ':') two(Tok::DbColon); else one(Tok::Colon); break;
    case '"': case '\'':
      if (!ReadString(c, t)) return false;
      t.kind = Tok::String;
      break;
    case '.':
      if (Peek() == '.') {
        if (Peek(2) == '.') { pos_ += 3; t.kind = Tok::Dots; } else two(Tok::Concat);
      } else if (IsDigit(Peek())) {
        if (!ReadNumber(t)) return false;
        t.kind = Tok::Number;
      } else {
        one(Tok::Dot);
      }
      break;
    case '+': one(Tok::Plus); break;
    case '-': one(Tok::Minus); break;
    case '*': one(Tok::Star); break;
    case '%': one(Tok::Percent); break;
    case '^': one(Tok::Caret); break;
    case '#': one(Tok::Hash); break;
    case '&': one(Tok::Amp); break;
    case '|': one(Tok::Pipe); break;
    case '(': one(Tok::LParen); break;
    case ')': one(Tok::RParen); break;
    case '{': one(Tok::LBrace); break;
    case '}': one(Tok::RBrace); break;
    case ']': one(Tok::RBracket); break;
    case ';': one(Tok::Semi); break;
    case ',': one(Tok::Comma); break;
    default:
      if (IsDigit(c)) {
        if (!ReadNumber(t)) return false;
        t.kind = Tok::Number;
      } else if (IsAlpha(c)) {
        while (IsAlnum(Cur())) ++pos_;
        std::string_view word = src_.substr(start, pos_ - start);
        auto it = Reserved().find(word);
        if (it != Reserved().end()) {
          t.kind = it->second;
        } else {
          t.kind = Tok::Name;
          t.value = std::string(word);
        }
      } else {
        unsigned char uc = static_cast<unsigned char>(c);
        std::string shown = uc < 0x20 || uc >= 0x7f ? "<\\" + std::to_string(uc) + ">" : std::string(1, c);
        error_.file = file_;
        return Fail("unexpected symbol", shown, t.line, t.col);
      }
  }
  t.raw = src_.substr(start, pos_ - start);
  return true;
}

}  // namespace aokit::bundle
