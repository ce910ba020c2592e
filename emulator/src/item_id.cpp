// Ids and owner addresses (ANS104.md §4-5).
#include "aokit/emu/ans104.h"
#include "aokit/emu/ethereum.h"
#include "aokit/emu/keys.h"

namespace aokit::emu {

std::string ItemId(const DataItem& item) { return Base64UrlEncode(Sha256(item.signature)); }

std::string OwnerAddress(const DataItem& item) {
  switch (static_cast<SignatureType>(item.signature_type)) {
    case SignatureType::kEthereum: return EthereumAddress(item.owner);
    case SignatureType::kTypedEthereum: return item.owner;  // the owner is the address text
    default: return Base64UrlEncode(Sha256(item.owner));
  }
}

}  // namespace aokit::emu
