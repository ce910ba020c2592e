#include "aokit/bundle/token.h"

#include <array>

namespace aokit::bundle {
namespace {
constexpr std::array<std::string_view, static_cast<int>(Tok::Eof) + 1> kTokenText = {
    "'and'", "'break'", "'do'", "'else'", "'elseif'", "'end'", "'false'", "'for'", "'function'",
    "'goto'", "'if'", "'in'", "'local'", "'nil'", "'not'", "'or'", "'repeat'", "'return'",
    "'then'", "'true'", "'until'", "'while'",
    "'//'", "'..'", "'...'", "'=='", "'>='", "'<='", "'~='", "'<<'", "'>>'", "'::'",
    "'+'", "'-'", "'*'", "'/'", "'%'", "'^'", "'#'", "'&'", "'~'", "'|'", "'<'", "'>'", "'='",
    "'('", "')'", "'{'", "'}'", "'['", "']'", "';'", "':'", "','", "'.'",
    "<number>", "<string>", "<name>", "<eof>"};
}  // namespace

std::string_view TokenText(Tok t) { return kTokenText[static_cast<int>(t)]; }

bool IsReserved(std::string_view w) {
  for (int i = 0; i <= static_cast<int>(Tok::While); ++i) {
    std::string_view t = kTokenText[i];
    if (t.substr(1, t.size() - 2) == w) return true;
  }
  return false;
}

}  // namespace aokit::bundle
