// Fuzz target for the Lua 5.3 parser. Properties: no crash or sanitizer report on any input;
// when the input parses, parse → emit (dense and readable, and renamed) → parse gives the same
// normalised AST.
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string>

#include "aokit/bundle/emitter.h"
#include "aokit/bundle/normalize.h"
#include "aokit/bundle/parser.h"
#include "aokit/bundle/scopes.h"

namespace {

void Fail(const char* what, const std::string& text) {
  std::fprintf(stderr, "lua_parser_fuzz: %s\n--- emitted ---\n%s\n", what, text.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aokit::bundle;
  std::string src(reinterpret_cast<const char*>(data), size);
  auto first = Parse("fuzz.lua", src);
  if (!first) {
    (void)Render(first.error());
    return 0;
  }
  ResolveScopes(**first);
  const std::string want = NormalForm((*first)->body);
  for (EmitStyle style : {EmitStyle::Dense, EmitStyle::Readable}) {
    std::string text = EmitBlock((*first)->body, style);
    auto again = Parse("emitted.lua", text);
    if (!again) Fail("emitted code does not parse", text);
    ResolveScopes(**again);
    if (NormalForm((*again)->body) != want) Fail("round trip changed the AST", text);
  }
  RenameLocals(**first);
  std::string renamed = EmitBlock((*first)->body, EmitStyle::Dense);
  auto third = Parse("renamed.lua", renamed);
  if (!third) Fail("renamed code does not parse", renamed);
  ResolveScopes(**third);
  if (NormalForm((*third)->body) != want) Fail("renaming changed the AST", renamed);
  return 0;
}
