// Binary operator priorities, left and right (lparser.c `priority[]`), shared by the parser
// (precedence climbing) and the emitters (fewest parentheses).
#pragma once

#include "aokit/bundle/token.h"

namespace aokit::bundle {

struct Priority {
  int left;
  int right;
};

constexpr int kUnaryPriority = 12;

// {0,0} when `t` is not a binary operator.
constexpr Priority BinaryPriority(Tok t) {
  switch (t) {
    case Tok::Or: return {1, 1};
    case Tok::And: return {2, 2};
    case Tok::Lt: case Tok::Gt: case Tok::Le: case Tok::Ge: case Tok::Ne: case Tok::Eq: return {3, 3};
    case Tok::Pipe: return {4, 4};
    case Tok::Tilde: return {5, 5};
    case Tok::Amp: return {6, 6};
    case Tok::Shl: case Tok::Shr: return {7, 7};
    case Tok::Concat: return {9, 8};  // right associative
    case Tok::Plus: case Tok::Minus: return {10, 10};
    case Tok::Star: case Tok::Slash: case Tok::IDiv: case Tok::Percent: return {11, 11};
    case Tok::Caret: return {14, 13};  // right associative
    default: return {0, 0};
  }
}

constexpr bool IsUnaryOp(Tok t) { return t == Tok::Not || t == Tok::Minus || t == Tok::Hash || t == Tok::Tilde; }

}  // namespace aokit::bundle
