// Lua 5.3 lexer (as llex.c): long brackets of any level, every escape (\z \x \u{} \ddd),
// integer, float and hex-float numerals, and every 5.3 operator.
#pragma once

#include <string>
#include <string_view>

#include "aokit/bundle/diagnostic.h"
#include "aokit/bundle/token.h"

namespace aokit::bundle {

struct Token {
  Tok kind = Tok::Eof;
  int line = 1;
  int col = 1;
  std::string_view raw;  // the token's text in the source
  std::string value;     // Name: identifier; String: decoded bytes; Number: lexeme
};

// Raised (as a value) through Lexer::error(); the parser stops at the first one, like Lua.
class Lexer {
 public:
  Lexer(std::string_view file, std::string_view source);
  // Advances to the next token. Returns false (and fills error()) on a lexical error.
  bool Next(Token& out);
  const Diagnostic& error() const { return error_; }
  std::string_view source() const { return src_; }

 private:
  bool Fail(const std::string& msg, std::string_view near, int line, int col);
  void Newline();
  bool SkipLongBracket(int level, std::string* out, int start_line, int start_col, bool is_comment);
  int LongBracketLevel();  // at '[': level when `[=*[`, -1 otherwise (position unchanged)
  bool ReadString(char quote, Token& t);
  bool ReadNumber(Token& t);
  char Cur() const { return pos_ < src_.size() ? src_[pos_] : '\0'; }
  char Peek(std::size_t k = 1) const { return pos_ + k < src_.size() ? src_[pos_ + k] : '\0'; }
  bool AtEnd() const { return pos_ >= src_.size(); }

  std::string file_;
  std::string_view src_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
  Diagnostic error_;
};

}  // namespace aokit::bundle
