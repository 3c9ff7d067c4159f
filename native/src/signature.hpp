// signature.hpp - the parsed form of a kernel's `irtk_signature()` string.
//
// The runtime checks every call against this description before it enters the kernel, so a wrong
// dtype, rank or static size becomes a Python exception instead of an out-of-bounds read.
// Kept free of Python so the grammar lives in one small, plain C++ file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace irtk {

// One argument or result: "f64[?x4]" -> dtype "f64", dims {-1, 4}.
struct TensorType {
  static constexpr int64_t kDynamic = -1;

  std::string dtype;          // one of the dtype codes of irtk_abi.h, e.g. "f64", "ui8", "i1"
  std::vector<int64_t> dims;  // static size, or kDynamic for "?"; empty for a rank-0 array

  std::string str() const;  // back to the signature spelling, for error messages
};

struct Signature {
  std::vector<TensorType> args;
  std::vector<TensorType> results;
};

// Parses the grammar documented in irtk_abi.h. Throws std::invalid_argument naming the offending
// position when the text does not follow it, or when a rank exceeds IRTK_MAX_RANK.
Signature parse_signature(const std::string& text);

// True for the dtype codes irtk_abi.h defines.
bool is_known_dtype(const std::string& code);

}  // namespace irtk
