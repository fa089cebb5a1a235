#include "render/texture_mips.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace meeloop::render {
namespace {

// 8-bit sRGB to 12-bit linear and back: four texels sum to at most 16380, so the average
// stays in integers.
struct SrgbTables {
  std::array<uint16_t, 256> to_linear{};
  std::array<uint8_t, 4096> to_srgb{};
  SrgbTables() {
    for (int i = 0; i < 256; ++i) {
      const float c = float(i) / 255.0f;
      const float l = c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
      to_linear[size_t(i)] = uint16_t(std::lround(l * 4095.0f));
    }
    for (int i = 0; i < 4096; ++i) {
      const float l = float(i) / 4095.0f;
      const float s = l <= 0.0031308f ? l * 12.92f : 1.055f * std::pow(l, 1.0f / 2.4f) - 0.055f;
      to_srgb[size_t(i)] = uint8_t(std::lround(std::clamp(s, 0.0f, 1.0f) * 255.0f));
    }
  }
};

const SrgbTables& tables() {
  static const SrgbTables t;  // immutable after construction
  return t;
}

scene::Image half(const scene::Image& src) {
  const SrgbTables& t = tables();
  scene::Image dst;
  dst.source = src.source;
  dst.width = std::max(1u, src.width / 2);
  dst.height = std::max(1u, src.height / 2);
  dst.rgba.resize(size_t(dst.width) * dst.height * 4);
  // Odd sizes: the last row/column of the source is dropped, as a linear blit would.
  const size_t dx = src.width > 1 ? 4 : 0, dy = src.height > 1 ? size_t(src.width) * 4 : 0;
  for (uint32_t y = 0; y < dst.height; ++y) {
    const uint8_t* row = &src.rgba[size_t(y) * (dy ? 2 : 1) * src.width * 4];
    uint8_t* q = &dst.rgba[size_t(y) * dst.width * 4];
    for (uint32_t x = 0; x < dst.width; ++x, q += 4) {
      const uint8_t* p = row + size_t(x) * (dx ? 8 : 4);
      for (size_t c = 0; c < 3; ++c) {
        const uint32_t sum = uint32_t(t.to_linear[p[c]]) + t.to_linear[p[c + dx]] +
                             t.to_linear[p[c + dy]] + t.to_linear[p[c + dx + dy]];
        q[c] = t.to_srgb[(sum + 2) / 4];
      }
      q[3] = uint8_t((uint32_t(p[3]) + p[3 + dx] + p[3 + dy] + p[3 + dx + dy] + 2) / 4);
    }
  }
  return dst;
}

}  // namespace

std::vector<scene::Image> mip_chain(const scene::Image& image, uint32_t max_size) {
  std::vector<scene::Image> chain;
  chain.push_back(image);
  while (max_size > 0 && (chain.back().width > max_size || chain.back().height > max_size))
    chain.back() = half(chain.back());
  while (chain.back().width > 1 || chain.back().height > 1) chain.push_back(half(chain.back()));
  return chain;
}

}  // namespace meeloop::render
