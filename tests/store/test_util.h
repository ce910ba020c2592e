// Helpers shared by the store tests: temporary directories and small store wrappers.
#pragma once

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "aokit/store/store.h"

namespace aokit::store::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "aokit-store-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline std::unique_ptr<Store> MustOpen(const std::string& dir, const Options& o) {
  auto s = Store::Open(dir, o);
  EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().ToString());
  return s ? std::move(*s) : nullptr;
}

inline Status PutOne(Store& st, const std::string& k, const std::string& v) {
  auto t = st.BeginWrite();
  if (!t) return t.error();
  (*t)->Put(k, v);
  return (*t)->Commit();
}

inline std::string GetOne(Store& st, const std::string& k) {
  auto t = st.BeginRead();
  if (!t) return "<" + t.error().ToString() + ">";
  std::string v;
  Status s = (*t)->Get(k, &v);
  if (s.IsNotFound()) return "<none>";
  if (!s.ok()) return "<" + s.ToString() + ">";
  return v;
}

inline int EnvInt(const char* name, int def) {
  const char* v = std::getenv(name);
  return v ? std::atoi(v) : def;
}

}  // namespace aokit::store::testing
