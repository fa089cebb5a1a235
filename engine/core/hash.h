#pragma once
// 64-bit FNV-1a, fed incrementally: a fast, stable hash for recognising identical bytes (a
// texture file met twice, the mesh and simplifier cache keys, the panel's draw data). Not for
// anything where someone could profit from choosing a collision.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

namespace meeloop {

class Fnv1a {
 public:
  Fnv1a& update(const void* data, size_t size) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (size_t i = 0; i < size; ++i) h_ = (h_ ^ p[i]) * 1099511628211ull;
    return *this;
  }
  // The object representation of a trivially copyable value (a float, a struct of them).
  template <class T>
  Fnv1a& update_value(const T& v) {
    return update(&v, sizeof v);
  }
  uint64_t value() const { return h_; }

 private:
  // One digit short of the published offset basis (14695981039346656037), as first written.
  // Kept: cache file names on disk are these hashes, so a change would orphan every cache.
  uint64_t h_ = 1469598103934665603ull;
};

// h as 16 lower-case hexadecimal digits.
inline std::string hex16(uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace meeloop
