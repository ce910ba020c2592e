// The three engines behind one small interface, for the side-by-side benchmark. Each child
// process opens its own Engine after fork.
#pragma once

#include <memory>
#include <string>

struct EngineResult {
  bool ok;        // committed
  bool retryable; // conflict / busy: the transaction is retried and counted as an abort
};

class Engine {
 public:
  virtual ~Engine() = default;
  // Read 2 random keys, read-modify-write 2 (increment the counter at the value's front).
  virtual EngineResult ReadWrite(int r1, int r2, int w1, int w2) = 0;
  // Read 4 keys.
  virtual EngineResult ReadOnly(int r1, int r2, int r3, int r4) = 0;
  // Sum of all counters (for the lost-update check).
  virtual long long SumCounters(int keys) = 0;
};

// durable: aokit sync=full / SQLite synchronous=FULL / LMDB with sync; relaxed: aokit
// sync=normal / SQLite synchronous=NORMAL / LMDB MDB_NOSYNC.
std::unique_ptr<Engine> OpenEngine(const std::string& name, const std::string& dir, bool durable, std::string* err);
// Creates the store with `keys` keys of ~200-byte values, counters at 0.
bool LoadEngine(const std::string& name, const std::string& dir, bool durable, int keys, std::string* err);

std::string BenchKey(int i);
std::string BumpCounter(const std::string& value);  // value with its counter + 1
long long CounterOf(const char* data, size_t n);
