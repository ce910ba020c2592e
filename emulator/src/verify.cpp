// Signature verification of data items: dispatch on the signature type (ANS104.md §4).
#include "aokit/emu/ans104.h"
#include "sodium_init.h"
#include "verifiers.h"

namespace aokit::emu {
namespace {

const char* TypeName(std::uint16_t type) {
  switch (static_cast<SignatureType>(type)) {
    case SignatureType::kArweave: return "Arweave";
    case SignatureType::kEd25519: return "ed25519";
    case SignatureType::kEthereum: return "Ethereum";
    case SignatureType::kSolana: return "Solana";
    case SignatureType::kInjectedAptos: return "injected Aptos";
    case SignatureType::kMultiAptos: return "multi-Aptos";
    case SignatureType::kTypedEthereum: return "typed Ethereum";
  }
  return "unknown";
}

}  // namespace

namespace detail {

tl::expected<void, ItemError> VerifyEd25519(std::string_view signature, std::string_view owner,
                                            std::string_view message) {
  EnsureSodium();
  if (crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                  reinterpret_cast<const unsigned char*>(message.data()),
                                  message.size(),
                                  reinterpret_cast<const unsigned char*>(owner.data())) != 0) {
    return tl::unexpected(ItemError{"ed25519 signature does not verify"});
  }
  return {};
}

}  // namespace detail

tl::expected<void, ItemError> VerifyDataItem(const DataItem& item) {
  auto layout = LayoutOf(item.signature_type);
  if (!layout) {
    return tl::unexpected(ItemError{"unknown signature type " + std::to_string(item.signature_type)});
  }
  if (item.signature.size() != layout->signature_bytes || item.owner.size() != layout->owner_bytes) {
    return tl::unexpected(ItemError{"signature or owner length does not match signature type " +
                                    std::to_string(item.signature_type)});
  }
  switch (static_cast<SignatureType>(item.signature_type)) {
    case SignatureType::kEd25519:
      return detail::VerifyEd25519(item.signature, item.owner, DeepHash(item));
    case SignatureType::kArweave:
      return detail::VerifyArweave(item.signature, item.owner, DeepHash(item));
    case SignatureType::kEthereum:
      return detail::VerifyEthereum(item.signature, item.owner, DeepHash(item));
    default:
      return tl::unexpected(ItemError{"signature type " + std::to_string(item.signature_type) + " (" +
                                      TypeName(item.signature_type) + ") is not supported"});
  }
}

}  // namespace aokit::emu
