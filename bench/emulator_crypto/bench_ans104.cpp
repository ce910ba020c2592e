// Micro-benchmarks for ANS-104 data items (see README.md).
#include <fstream>
#include <sstream>
#include <string>

#include <benchmark/benchmark.h>

#include "aokit/emu/ans104.h"
#include "aokit/emu/keys.h"

namespace {

using namespace aokit::emu;

std::string ReadVector(const std::string& name) {
  std::ifstream in(std::string(AOKIT_VECTORS_DIR) + "/" + name + ".bin", std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

const Ed25519Key& Key() {
  static const Ed25519Key key = Ed25519Key::FromSeed("bench");
  return key;
}

// A typical emulator message: target, counter anchor, the ao protocol tags, short data.
DataItem SmallMessage() {
  DataItem item;
  item.target = std::string(32, 'T');
  item.anchor = "00000000000000000000000000000042";
  item.tags = {{"Data-Protocol", "ao"}, {"Variant", "ao.TN.1"}, {"Type", "Message"},
               {"Action", "Transfer"}, {"Recipient", std::string(43, 'r')}, {"Quantity", "1000"}};
  item.data = "ping";
  SignEd25519(item, Key());
  return item;
}

void Ed25519SignBare(benchmark::State& state) {
  std::string hash = DeepHash(SmallMessage());
  for (auto _ : state) benchmark::DoNotOptimize(Key().Sign(hash));
}
BENCHMARK(Ed25519SignBare);

void DeepHashSmall(benchmark::State& state) {
  DataItem item = SmallMessage();
  for (auto _ : state) benchmark::DoNotOptimize(DeepHash(item));
}
BENCHMARK(DeepHashSmall)->Name("DeepHash");

void EncodeSmall(benchmark::State& state) {
  DataItem item = SmallMessage();
  for (auto _ : state) benchmark::DoNotOptimize(EncodeDataItem(item));
}
BENCHMARK(EncodeSmall)->Name("EncodeDataItem");

void DecodeSmall(benchmark::State& state) {
  std::string bytes = *EncodeDataItem(SmallMessage());
  for (auto _ : state) benchmark::DoNotOptimize(DecodeDataItem(bytes));
}
BENCHMARK(DecodeSmall)->Name("DecodeDataItem");

void SignMessage(benchmark::State& state) {
  DataItem item = SmallMessage();
  for (auto _ : state) {
    SignEd25519(item, Key());
    benchmark::DoNotOptimize(ItemId(item));
  }
}
BENCHMARK(SignMessage);

void SealMessage(benchmark::State& state) {
  DataItem item = SmallMessage();
  for (auto _ : state) {
    SealUnsigned(item, Key());
    benchmark::DoNotOptimize(ItemId(item));
  }
}
BENCHMARK(SealMessage)->Name("SealUnsigned");

void Verify(benchmark::State& state, const char* vector) {
  DataItem item = *DecodeDataItem(ReadVector(vector));
  if (!VerifyDataItem(item)) state.SkipWithError("vector does not verify");
  for (auto _ : state) benchmark::DoNotOptimize(VerifyDataItem(item));
}
BENCHMARK_CAPTURE(Verify, Ed25519, "ed25519-full")->Name("VerifyEd25519");
BENCHMARK_CAPTURE(Verify, RsaPss, "arweave-rsa-pss-maxsalt")->Name("VerifyRsaPss");
BENCHMARK_CAPTURE(Verify, Secp256k1, "ethereum-secp256k1")->Name("VerifySecp256k1");

}  // namespace

BENCHMARK_MAIN();
