// Fuzzes the data-file reader: footer, index, block frames, zstd, entries; then point
// lookups, cursors and the full verification walk over whatever opened.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "data_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aokit::store;
  static auto env = NewMemEnv();
  static bool init = env->CreateDir("/f").ok();
  (void)init;
  env->PutFileContents("/f/x.sst", std::string_view(reinterpret_cast<const char*>(data), size));
  auto df = DataFile::Open(env.get(), "/f/x.sst");
  if (!df) {
    if (!df.error().IsCorruption() && df.error().code() != Status::Code::kNotSupported) __builtin_trap();
    return 0;
  }
  (void)(*df)->ForEach([](const DataEntry&) { return true; });
  std::string v;
  bool deleted;
  for (const char* k : {"", "a", "key/00000001", "k0005", "\xff"}) {
    (void)(*df)->Get(k, ~0ull, &v, &deleted);
    (void)(*df)->LatestSeq(k);
  }
  DataFile::Cursor c(df->get());
  int n = 0;
  for (c.Seek("k"); c.Valid() && n < 1000; c.Next()) ++n;
  return 0;
}
