// `aokit msg show|verify|sign` and `aokit wallet new|address`: ANS-104 data items and keys
// as files (.ans104), checked and made exactly as AO's MU and clients do.
#include <fstream>
#include <iostream>
#include <sstream>

#include "aokit/emu/wallet_file.h"
#include "commands.h"

namespace aokit::cli {
namespace {

std::string ReadFileOrExit(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "aokit msg: cannot read '" << path << "'\n";
    ExitWith(2);
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void WriteFileOrExit(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  if (!out || !(out << bytes)) {
    std::cerr << "aokit: cannot write '" << path << "'\n";
    ExitWith(2);
  }
}

emu::DataItem DecodeOrExit(const std::string& path) {
  auto item = emu::DecodeDataItem(ReadFileOrExit(path));
  if (!item) {
    std::cerr << path << ": malformed data item: " << item.error().message << "\n";
    ExitWith(1);
  }
  return std::move(*item);
}

void SetupShowVerify(CLI::App& msg) {
  auto file = std::make_shared<std::string>();
  auto* show = msg.add_subcommand("show", "Print a data item as JSON (id, signer, tags, data)");
  show->add_option("file", *file, "Binary data item (.ans104)")->required();
  show->callback([file] {
    emu::DataItem item = DecodeOrExit(*file);
    auto json = emu::DescribeItem(item);
    json["valid"] = static_cast<bool>(emu::VerifyDataItem(item));
    std::cout << json.dump(2) << "\n";
  });
  auto vfile = std::make_shared<std::string>();
  auto* verify = msg.add_subcommand("verify", "Verify a data item's structure and signature (exit 1 if invalid)");
  verify->add_option("file", *vfile, "Binary data item (.ans104)")->required();
  verify->callback([vfile] {
    emu::DataItem item = DecodeOrExit(*vfile);
    auto valid = emu::VerifyDataItem(item);
    if (!valid) {
      std::cout << "invalid " << emu::ItemId(item) << ": " << valid.error().message << "\n";
      ExitWith(1);
    }
    std::cout << "valid " << emu::ItemId(item) << " (signature type " << item.signature_type << ", owner "
              << emu::OwnerAddress(item) << ")\n";
  });
}

void SetupSign(CLI::App& msg) {
  struct Options {
    std::string wallet, target, anchor, data, data_file, out;
    std::vector<std::string> tags;
  };
  auto o = std::make_shared<Options>();
  auto* sign = msg.add_subcommand("sign", "Build and sign a data item with a wallet file");
  sign->add_option("--wallet,-w", o->wallet, "Wallet file (Arweave JWK, ed25519 JWK, ethereum)")->required();
  sign->add_option("--target", o->target, "Target process id (43 characters)");
  sign->add_option("--anchor", o->anchor, "Anchor (exactly 32 bytes)");
  sign->add_option("--tag", o->tags, "Tag NAME=VALUE (repeatable, in order)");
  sign->add_option("--data", o->data, "Data");
  sign->add_option("--data-file", o->data_file, "Read the data from a file");
  sign->add_option("--out,-o", o->out, "Output file (.ans104)")->required();
  sign->callback([o] {
    auto wallet = emu::LoadWallet(o->wallet);
    if (!wallet) {
      std::cerr << "aokit msg sign: " << wallet.error().message << "\n";
      ExitWith(2);
    }
    emu::DataItem item;
    if (!o->target.empty()) {
      auto raw = emu::Base64UrlDecode(o->target);
      if (!raw || raw->size() != 32) {
        std::cerr << "aokit msg sign: --target must be a 43-character base64url id\n";
        ExitWith(2);
      }
      item.target = *raw;
    }
    if (!o->anchor.empty()) {
      if (o->anchor.size() != 32) {
        std::cerr << "aokit msg sign: --anchor must be exactly 32 bytes\n";
        ExitWith(2);
      }
      item.anchor = o->anchor;
    }
    for (const auto& t : o->tags) {
      auto eq = t.find('=');
      if (eq == std::string::npos || eq == 0) {
        std::cerr << "aokit msg sign: --tag '" << t << "' is not NAME=VALUE\n";
        ExitWith(2);
      }
      item.tags.push_back({t.substr(0, eq), t.substr(eq + 1)});
    }
    item.data = o->data_file.empty() ? o->data : ReadFileOrExit(o->data_file);
    emu::SignWithWallet(item, *wallet);
    auto bytes = emu::EncodeDataItem(item);
    if (!bytes) {
      std::cerr << "aokit msg sign: " << bytes.error().message << "\n";
      ExitWith(1);
    }
    WriteFileOrExit(o->out, *bytes);
    std::cout << emu::ItemId(item) << "\n";
  });
}

void SetupWallet(CLI::App& app) {
  auto* wallet = app.add_subcommand("wallet", "Create wallet files and show their addresses");
  wallet->require_subcommand(1);
  struct Options {
    std::string type = "ed25519", out;
  };
  auto o = std::make_shared<Options>();
  auto* made = wallet->add_subcommand("new", "Create a wallet file");
  made->add_option("--type", o->type, "ed25519 or arweave (RSA 4096)")->check(CLI::IsMember({"ed25519", "arweave"}));
  made->add_option("--out,-o", o->out, "Output JWK file")->required();
  made->callback([o] {
    auto jwk = o->type == "arweave" ? emu::NewArweaveWalletJwk() : emu::NewEd25519WalletJwk();
    if (!jwk) {
      std::cerr << "aokit wallet new: " << jwk.error().message << "\n";
      ExitWith(1);
    }
    WriteFileOrExit(o->out, *jwk);
    std::cout << emu::WalletAddress(*emu::ParseWallet(*jwk)) << "\n";
  });
  auto file = std::make_shared<std::string>();
  auto* address = wallet->add_subcommand("address", "Print a wallet file's address");
  address->add_option("file", *file, "Wallet file")->required();
  address->callback([file] {
    auto key = emu::LoadWallet(*file);
    if (!key) {
      std::cerr << "aokit wallet address: " << key.error().message << "\n";
      ExitWith(2);
    }
    std::cout << emu::WalletAddress(*key) << " (" << emu::WalletType(*key) << ")\n";
  });
}

}  // namespace

void SetupMsg(CLI::App& app) {
  auto* msg = app.add_subcommand("msg", "Inspect, verify and sign ANS-104 data items (.ans104 files)");
  msg->require_subcommand(1);
  SetupShowVerify(*msg);
  SetupSign(*msg);
  SetupWallet(app);
}

}  // namespace aokit::cli
