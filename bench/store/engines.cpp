#include "engines.h"

#include <lmdb.h>
#include <sqlite3.h>

#include <cstdio>
#include <cstring>
#include <filesystem>

#include "aokit/store/store.h"

namespace st = aokit::store;

std::string BenchKey(int i) {
  char b[32];
  std::snprintf(b, sizeof b, "key/%08d", i);
  return b;
}

long long CounterOf(const char* data, size_t n) {
  if (n < 20) return 0;
  return std::strtoll(std::string(data, 20).c_str(), nullptr, 10);
}

std::string BumpCounter(const std::string& v) {
  char num[24];
  std::snprintf(num, sizeof num, "%020lld", CounterOf(v.data(), v.size()) + 1);
  std::string out = v;
  if (out.size() < 20) out.resize(200, 'v');
  out.replace(0, 20, num, 20);
  return out;
}

static std::string InitialValue() { return std::string(20, '0') + std::string(180, 'v'); }

// ---- aokit -------------------------------------------------------------------------------
namespace {

class AokitEngine final : public Engine {
 public:
  explicit AokitEngine(std::unique_ptr<st::Store> s) : s_(std::move(s)) {}
  EngineResult ReadWrite(int r1, int r2, int w1, int w2) override {
    auto t = s_->BeginWrite();
    if (!t) return {false, t.error().IsBusy()};
    std::string v;
    (*t)->Get(BenchKey(r1), &v);
    (*t)->Get(BenchKey(r2), &v);
    for (int k : {w1, w2}) {
      if (!(*t)->Get(BenchKey(k), &v).ok()) return {false, false};
      (*t)->Put(BenchKey(k), BumpCounter(v));
    }
    st::Status c = (*t)->Commit();
    return {c.ok(), c.IsConflict() || c.IsBusy()};
  }
  EngineResult ReadOnly(int r1, int r2, int r3, int r4) override {
    auto t = s_->BeginRead();
    if (!t) return {false, true};
    std::string v;
    for (int k : {r1, r2, r3, r4}) (*t)->Get(BenchKey(k), &v);
    return {true, false};
  }
  long long SumCounters(int) override {
    auto t = s_->BeginRead();
    long long sum = 0;
    for (auto it = (*t)->ScanPrefix("key/"); it->Valid(); it->Next()) sum += CounterOf(it->value().data(), it->value().size());
    return sum;
  }

 private:
  std::unique_ptr<st::Store> s_;
};

st::Options AokitOptions(bool durable) {
  st::Options o;
  o.sync = durable ? st::SyncMode::kFull : st::SyncMode::kNormal;
  o.lock_timeout_ms = 30000;
  return o;
}

// ---- SQLite ------------------------------------------------------------------------------
class SqliteEngine final : public Engine {
 public:
  ~SqliteEngine() override {
    for (auto* s : {get_, put_, begin_, begin_ro_, commit_, rollback_}) sqlite3_finalize(s);
    sqlite3_close(db_);
  }
  bool Open(const std::string& path, bool durable, std::string* err) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) return Fail(err);
    sqlite3_busy_timeout(db_, 30000);
    std::string pragmas = std::string("PRAGMA journal_mode=WAL; PRAGMA synchronous=") + (durable ? "FULL" : "NORMAL") +
                          "; CREATE TABLE IF NOT EXISTS kv(k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID;";
    if (sqlite3_exec(db_, pragmas.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) return Fail(err);
    return Prep("SELECT v FROM kv WHERE k=?", &get_, err) && Prep("INSERT OR REPLACE INTO kv VALUES(?,?)", &put_, err) &&
           Prep("BEGIN IMMEDIATE", &begin_, err) && Prep("BEGIN", &begin_ro_, err) && Prep("COMMIT", &commit_, err) &&
           Prep("ROLLBACK", &rollback_, err);
  }
  EngineResult ReadWrite(int r1, int r2, int w1, int w2) override {
    if (Step(begin_) != SQLITE_DONE) return {false, true};
    std::string v;
    bool ok = Get(r1, &v) != SQLITE_ERROR && Get(r2, &v) != SQLITE_ERROR;
    for (int k : {w1, w2}) {
      ok = ok && Get(k, &v) == SQLITE_ROW;
      if (ok) ok = Put(k, BumpCounter(v));
    }
    if (ok && Step(commit_) == SQLITE_DONE) return {true, false};
    Step(rollback_);
    return {false, true};
  }
  EngineResult ReadOnly(int r1, int r2, int r3, int r4) override {
    if (Step(begin_ro_) != SQLITE_DONE) return {false, true};
    std::string v;
    for (int k : {r1, r2, r3, r4}) Get(k, &v);
    return {Step(commit_) == SQLITE_DONE, true};
  }
  long long SumCounters(int keys) override {
    long long sum = 0;
    std::string v;
    for (int i = 0; i < keys; ++i)
      if (Get(i, &v) == SQLITE_ROW) sum += CounterOf(v.data(), v.size());
    return sum;
  }
  bool Load(int keys, std::string* err) {
    sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr);
    for (int i = 0; i < keys; ++i)
      if (!Put(i, InitialValue())) return Fail(err);
    return sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK || Fail(err);
  }

 private:
  bool Fail(std::string* err) {
    *err = db_ ? sqlite3_errmsg(db_) : "sqlite3_open failed";
    return false;
  }
  bool Prep(const char* sql, sqlite3_stmt** s, std::string* err) {
    return sqlite3_prepare_v2(db_, sql, -1, s, nullptr) == SQLITE_OK || Fail(err);
  }
  int Step(sqlite3_stmt* s) {
    int r = sqlite3_step(s);
    sqlite3_reset(s);
    return r;
  }
  int Get(int k, std::string* v) {
    std::string key = BenchKey(k);
    sqlite3_bind_text(get_, 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
    int r = sqlite3_step(get_);
    if (r == SQLITE_ROW)
      v->assign(static_cast<const char*>(sqlite3_column_blob(get_, 0)), sqlite3_column_bytes(get_, 0));
    sqlite3_reset(get_);
    return r == SQLITE_ROW || r == SQLITE_DONE ? r : SQLITE_ERROR;
  }
  bool Put(int k, const std::string& v) {
    std::string key = BenchKey(k);
    sqlite3_bind_text(put_, 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
    sqlite3_bind_blob(put_, 2, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return Step(put_) == SQLITE_DONE;
  }
  sqlite3* db_ = nullptr;
  sqlite3_stmt *get_ = nullptr, *put_ = nullptr, *begin_ = nullptr, *begin_ro_ = nullptr, *commit_ = nullptr,
               *rollback_ = nullptr;
};

// ---- LMDB --------------------------------------------------------------------------------
class LmdbEngine final : public Engine {
 public:
  ~LmdbEngine() override {
    if (ro_) mdb_txn_abort(ro_);
    if (env_) mdb_env_close(env_);
  }
  bool Open(const std::string& dir, bool durable, std::string* err) {
    int rc = mdb_env_create(&env_);
    if (!rc) rc = mdb_env_set_mapsize(env_, size_t{1} << 30);
    if (!rc) rc = mdb_env_set_maxreaders(env_, 256);
    if (!rc) rc = mdb_env_open(env_, dir.c_str(), durable ? 0 : MDB_NOSYNC, 0644);
    MDB_txn* t = nullptr;
    if (!rc) rc = mdb_txn_begin(env_, nullptr, 0, &t);
    if (!rc) rc = mdb_dbi_open(t, nullptr, 0, &dbi_);
    if (!rc) rc = mdb_txn_commit(t);
    if (rc) *err = mdb_strerror(rc);
    return rc == 0;
  }
  EngineResult ReadWrite(int r1, int r2, int w1, int w2) override {
    MDB_txn* t;
    if (mdb_txn_begin(env_, nullptr, 0, &t)) return {false, true};
    std::string v;
    Get(t, r1, &v);
    Get(t, r2, &v);
    for (int k : {w1, w2}) {
      if (!Get(t, k, &v) || !Put(t, k, BumpCounter(v))) {
        mdb_txn_abort(t);
        return {false, false};
      }
    }
    return {mdb_txn_commit(t) == 0, false};
  }
  EngineResult ReadOnly(int r1, int r2, int r3, int r4) override {
    if (!ro_) {
      if (mdb_txn_begin(env_, nullptr, MDB_RDONLY, &ro_)) return {false, true};
    } else if (mdb_txn_renew(ro_)) {
      return {false, true};
    }
    std::string v;
    for (int k : {r1, r2, r3, r4}) Get(ro_, k, &v);
    mdb_txn_reset(ro_);
    return {true, false};
  }
  long long SumCounters(int keys) override {
    MDB_txn* t;
    mdb_txn_begin(env_, nullptr, MDB_RDONLY, &t);
    long long sum = 0;
    std::string v;
    for (int i = 0; i < keys; ++i)
      if (Get(t, i, &v)) sum += CounterOf(v.data(), v.size());
    mdb_txn_abort(t);
    return sum;
  }
  bool Load(int keys, std::string* err) {
    MDB_txn* t;
    int rc = mdb_txn_begin(env_, nullptr, 0, &t);
    for (int i = 0; !rc && i < keys; ++i) rc = Put(t, i, InitialValue()) ? 0 : 1;
    if (!rc) rc = mdb_txn_commit(t);
    if (rc) *err = "lmdb load failed";
    return rc == 0;
  }

 private:
  bool Get(MDB_txn* t, int k, std::string* v) {
    std::string key = BenchKey(k);
    MDB_val kv{key.size(), key.data()}, dv;
    if (mdb_get(t, dbi_, &kv, &dv)) return false;
    v->assign(static_cast<const char*>(dv.mv_data), dv.mv_size);
    return true;
  }
  bool Put(MDB_txn* t, int k, const std::string& v) {
    std::string key = BenchKey(k);
    MDB_val kv{key.size(), key.data()}, dv{v.size(), const_cast<char*>(v.data())};
    return mdb_put(t, dbi_, &kv, &dv, 0) == 0;
  }
  MDB_env* env_ = nullptr;
  MDB_dbi dbi_ = 0;
  MDB_txn* ro_ = nullptr;
};

}  // namespace

std::unique_ptr<Engine> OpenEngine(const std::string& name, const std::string& dir, bool durable, std::string* err) {
  if (name == "aokit") {
    auto s = st::Store::Open(dir, AokitOptions(durable));
    if (!s) {
      *err = s.error().ToString();
      return nullptr;
    }
    return std::make_unique<AokitEngine>(std::move(*s));
  }
  if (name == "sqlite") {
    auto e = std::make_unique<SqliteEngine>();
    if (!e->Open(dir + "/db.sqlite", durable, err)) return nullptr;
    return e;
  }
  if (name == "lmdb") {
    auto e = std::make_unique<LmdbEngine>();
    if (!e->Open(dir, durable, err)) return nullptr;
    return e;
  }
  *err = "unknown engine " + name;
  return nullptr;
}

bool LoadEngine(const std::string& name, const std::string& dir, bool durable, int keys, std::string* err) {
  std::filesystem::create_directories(dir);
  if (name == "aokit") {
    auto s = st::Store::Open(dir, AokitOptions(durable));
    if (!s) return *err = s.error().ToString(), false;
    for (int base = 0; base < keys; base += 1000) {
      auto t = (*s)->BeginWrite();
      for (int i = base; i < std::min(keys, base + 1000); ++i) (*t)->Put(BenchKey(i), InitialValue());
      if (auto c = (*t)->Commit(); !c.ok()) return *err = c.ToString(), false;
    }
    return (*s)->Checkpoint().ok();
  }
  if (name == "sqlite") {
    SqliteEngine e;
    return e.Open(dir + "/db.sqlite", durable, err) && e.Load(keys, err);
  }
  LmdbEngine e;
  return e.Open(dir, durable, err) && e.Load(keys, err);
}
