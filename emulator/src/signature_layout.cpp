// Signature and owner lengths per signature type (ANS104.md §4).
#include "aokit/emu/ans104.h"

namespace aokit::emu {

std::optional<SignatureLayout> LayoutOf(std::uint16_t signature_type) {
  switch (static_cast<SignatureType>(signature_type)) {
    case SignatureType::kArweave: return SignatureLayout{512, 512};
    case SignatureType::kEd25519: return SignatureLayout{64, 32};
    case SignatureType::kEthereum: return SignatureLayout{65, 65};
    case SignatureType::kSolana: return SignatureLayout{64, 32};
    case SignatureType::kInjectedAptos: return SignatureLayout{64, 32};
    case SignatureType::kMultiAptos: return SignatureLayout{2052, 1025};
    case SignatureType::kTypedEthereum: return SignatureLayout{65, 42};
  }
  return std::nullopt;
}

}  // namespace aokit::emu
