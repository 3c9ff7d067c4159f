// signature.cpp - a recursive-descent parser for the signature grammar in irtk_abi.h.
//
// The grammar is tiny, so a hand-written parser with one function per rule is shorter and gives
// better messages than a regular expression: each error says what was expected and where.
#include "signature.hpp"

#include <cctype>
#include <cstdint>
#include <stdexcept>

#include "irtk_abi.h"

namespace irtk {
namespace {

const char* const kDtypes[] = {"i1",   "i8",   "i16", "i32", "i64", "ui8", "ui16",
                               "ui32", "ui64", "f32", "f64", "c64", "c128"};

class Parser {
 public:
  explicit Parser(const std::string& text) : text_(text) {}

  Signature signature() {
    Signature sig;
    sig.args = list();
    expect("->");
    sig.results = list();
    if (pos_ != text_.size()) fail("unexpected trailing text");
    return sig;
  }

 private:
  // list := (type ("," type)*)?  -- empty when the next token cannot start a type.
  std::vector<TensorType> list() {
    std::vector<TensorType> types;
    if (at_end() || peek() == '-') return types;
    types.push_back(type());
    while (!at_end() && peek() == ',') {
      ++pos_;
      types.push_back(type());
    }
    return types;
  }

  // type := dtype "[" (dim ("x" dim)*)? "]"
  TensorType type() {
    TensorType t;
    size_t start = pos_;
    while (!at_end() && (std::isalnum(static_cast<unsigned char>(peek())))) ++pos_;
    t.dtype = text_.substr(start, pos_ - start);
    if (!is_known_dtype(t.dtype)) {
      pos_ = start;
      fail("expected a dtype (i1, i8, i16, i32, i64, ui8, ui16, ui32, ui64, f32, f64, c64, c128)");
    }
    expect("[");
    if (!at_end() && peek() != ']') {
      t.dims.push_back(dim());
      while (!at_end() && peek() == 'x') {
        ++pos_;
        t.dims.push_back(dim());
      }
    }
    expect("]");
    if (t.dims.size() > IRTK_MAX_RANK) {
      fail("rank " + std::to_string(t.dims.size()) + " exceeds IRTK_MAX_RANK (" +
           std::to_string(IRTK_MAX_RANK) + ")");
    }
    return t;
  }

  // dim := "?" | integer
  int64_t dim() {
    if (!at_end() && peek() == '?') {
      ++pos_;
      return TensorType::kDynamic;
    }
    size_t start = pos_;
    int64_t value = 0;
    while (!at_end() && std::isdigit(static_cast<unsigned char>(peek()))) {
      if (value > (INT64_MAX - 9) / 10) fail("dimension too large");
      value = value * 10 + (peek() - '0');
      ++pos_;
    }
    if (pos_ == start) fail("expected a dimension ('?' or an integer)");
    return value;
  }

  void expect(const char* token) {
    std::string t(token);
    if (text_.compare(pos_, t.size(), t) != 0) fail("expected '" + t + "'");
    pos_ += t.size();
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw std::invalid_argument("malformed signature \"" + text_ + "\" at offset " +
                                std::to_string(pos_) + ": " + what);
  }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }

  const std::string& text_;
  size_t pos_ = 0;
};

}  // namespace

bool is_known_dtype(const std::string& code) {
  for (const char* d : kDtypes) {
    if (code == d) return true;
  }
  return false;
}

std::string TensorType::str() const {
  std::string s = dtype + "[";
  for (size_t i = 0; i < dims.size(); ++i) {
    if (i) s += "x";
    s += dims[i] == kDynamic ? std::string("?") : std::to_string(dims[i]);
  }
  return s + "]";
}

Signature parse_signature(const std::string& text) { return Parser(text).signature(); }

}  // namespace irtk
