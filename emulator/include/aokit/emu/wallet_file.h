// Wallet files: load a key from disk (Arweave RSA JWK, ed25519 OKP JWK, or an Ethereum
// {"privateKeyHex": …} file — the formats of ../shared/ao/vectors/keys), create new ones, and
// sign data items with whichever was loaded. Used by `aokit wallet` and `aokit msg sign`.
#pragma once

#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "aokit/emu/ans104.h"
#include "aokit/emu/arweave.h"
#include "aokit/emu/error.h"
#include "aokit/emu/ethereum.h"
#include "aokit/emu/keys.h"

namespace aokit::emu {

using WalletKey = std::variant<Ed25519Key, ArweaveKey, EthereumKey>;

// Parses wallet file text; says which format it expected when it fails.
Result<WalletKey> ParseWallet(const std::string& text);
Result<WalletKey> LoadWallet(const std::string& path);
std::string WalletAddress(const WalletKey& key);
const char* WalletType(const WalletKey& key);  // "ed25519", "arweave", "ethereum"
void SignWithWallet(DataItem& item, const WalletKey& key);

// A new ed25519 wallet as OKP JWK text (seed from the OS's random source).
Result<std::string> NewEd25519WalletJwk();
// A new Arweave RSA-4096 wallet as JWK text (takes a few seconds).
Result<std::string> NewArweaveWalletJwk();

// A readable description of an item: id, signature type, owner address, target, anchor,
// tags, data length and the data itself when it is valid UTF-8 text.
nlohmann::json DescribeItem(const DataItem& item);

}  // namespace aokit::emu
