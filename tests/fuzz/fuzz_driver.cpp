// Stand-in for libFuzzer's main when aokit is built with gcc: replays every seed file (or
// every file in a seed directory), then feeds a fixed number of deterministic mutations of the
// seeds (bit flips, byte overwrites, truncations, insertions, splices). Deterministic, so a
// failure reproduces; the crashing input is written to fuzz-crash-<target>.bin first.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::string> LoadSeeds(const std::vector<std::string>& paths) {
  std::vector<std::string> seeds;
  auto add = [&](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    seeds.push_back(buf.str());
  };
  for (const auto& path : paths) {
    if (std::filesystem::is_directory(path)) {
      std::vector<std::filesystem::path> files;
      for (const auto& e : std::filesystem::recursive_directory_iterator(path))
        if (e.is_regular_file()) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) add(f);
    } else if (std::filesystem::exists(path)) {
      add(path);
    }
  }
  if (seeds.empty()) seeds.emplace_back();
  return seeds;
}

std::string Mutate(const std::vector<std::string>& seeds, std::mt19937_64& rng) {
  std::string s = seeds[rng() % seeds.size()];
  int rounds = 1 + static_cast<int>(rng() % 4);
  for (int r = 0; r < rounds; ++r) {
    switch (rng() % 6) {
      case 0:
        if (!s.empty()) s[rng() % s.size()] ^= static_cast<char>(1u << (rng() % 8));
        break;
      case 1:
        if (!s.empty()) s[rng() % s.size()] = static_cast<char>(rng());
        break;
      case 2:
        if (!s.empty()) s.resize(rng() % s.size());
        break;
      case 3:
        s.insert(s.begin() + static_cast<long>(s.empty() ? 0 : rng() % s.size()),
                 static_cast<char>(rng()));
        break;
      case 4: {
        const std::string& other = seeds[rng() % seeds.size()];
        if (!other.empty()) s += other.substr(rng() % other.size());
        break;
      }
      default:
        if (s.size() > 1) {
          std::size_t a = rng() % s.size(), b = rng() % s.size();
          std::swap(s[a], s[b]);
        }
    }
  }
  return s;
}

void Run(const std::string& input, const char* self) {
  std::string crash = std::string("fuzz-crash-") +
                      std::filesystem::path(self).filename().string() + ".bin";
  {
    std::ofstream out(crash, std::ios::binary);
    out << input;
  }
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
  std::remove(crash.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  long iterations = 10000;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--iterations=", 0) == 0) iterations = std::stol(arg.substr(13));
    else paths.push_back(arg);
  }
  auto seeds = LoadSeeds(paths);
  for (const auto& s : seeds) Run(s, argv[0]);
  std::mt19937_64 rng(0x616f6b6974ULL);
  for (long i = 0; i < iterations; ++i) Run(Mutate(seeds, rng), argv[0]);
  std::cout << "fuzz: " << seeds.size() << " seeds + " << iterations << " mutations, no crash\n";
  return 0;
}
