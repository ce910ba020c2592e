// Lua 5.3 tokens: one enum drives the lexer, the parser and the text of error messages
// (as Lua's llex.h RESERVED enum and luaX_tokens do).
#pragma once

#include <cstdint>
#include <string_view>

namespace aokit::bundle {

enum class Tok : std::uint8_t {
  // reserved words (keep in this order: kTokenText mirrors it)
  And, Break, Do, Else, Elseif, End, False, For, Function, Goto, If, In, Local, Nil, Not, Or,
  Repeat, Return, Then, True, Until, While,
  // multi-character symbols
  IDiv, Concat, Dots, Eq, Ge, Le, Ne, Shl, Shr, DbColon,
  // single-character symbols
  Plus, Minus, Star, Slash, Percent, Caret, Hash, Amp, Tilde, Pipe, Lt, Gt, Assign,
  LParen, RParen, LBrace, RBrace, LBracket, RBracket, Semi, Colon, Comma, Dot,
  // literals and the end
  Number, String, Name, Eof,
};

// The text Lua prints for a token kind ("'end'", "<eof>", "<name>").
std::string_view TokenText(Tok t);
bool IsReserved(std::string_view word);

}  // namespace aokit::bundle
