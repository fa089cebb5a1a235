#include "scene/procedural.h"

#include <algorithm>
#include <cmath>

namespace meeloop::scene {
namespace {

// Deterministic hash noise: the same scene must look the same on every machine and run.
float hash2(int x, int y, int seed) {
  uint32_t h = uint32_t(x) * 374761393u + uint32_t(y) * 668265263u + uint32_t(seed) * 2246822519u;
  h = (h ^ (h >> 13)) * 1274126177u;
  h ^= h >> 16;
  return float(h & 0xFFFFFF) / float(0xFFFFFF);
}

// Smooth value noise in [0,1], periodic with `period` cells so the texture tiles seamlessly.
float value_noise(float x, float y, int period, int seed) {
  int xi = int(std::floor(x)), yi = int(std::floor(y));
  float fx = x - float(xi), fy = y - float(yi);
  auto wrap = [period](int v) { return ((v % period) + period) % period; };
  float a = hash2(wrap(xi), wrap(yi), seed), b = hash2(wrap(xi + 1), wrap(yi), seed);
  float c = hash2(wrap(xi), wrap(yi + 1), seed), d = hash2(wrap(xi + 1), wrap(yi + 1), seed);
  fx = fx * fx * (3 - 2 * fx);
  fy = fy * fy * (3 - 2 * fy);
  return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
}

Image blank(const char* name, uint32_t size) {
  Image img;
  img.source = std::string("procedural:") + name;
  img.width = img.height = size;
  img.rgba.resize(size_t(size) * size * 4);
  return img;
}

void put(Image& img, uint32_t x, uint32_t y, float r, float g, float b) {
  uint8_t* p = &img.rgba[(size_t(y) * img.width + x) * 4];
  p[0] = uint8_t(std::clamp(r, 0.0f, 1.0f) * 255.0f + 0.5f);
  p[1] = uint8_t(std::clamp(g, 0.0f, 1.0f) * 255.0f + 0.5f);
  p[2] = uint8_t(std::clamp(b, 0.0f, 1.0f) * 255.0f + 0.5f);
  p[3] = 255;
}

// Vinyl/laminate floor of the kind Dutch care homes use: 8 rows of planks per tile with staggered
// joints, a tone per plank and grain streaks along its length.
Image planks() {
  const uint32_t n = 1024;
  const int rows = 8;
  Image img = blank("planks", n);
  for (uint32_t y = 0; y < n; ++y) {
    float fy = float(y) / n * rows;
    int row = int(fy);
    float in_row = fy - float(row);
    for (uint32_t x = 0; x < n; ++x) {
      float fx = float(x) / n;
      float shift = hash2(row, 0, 7) ;  // joints at a random place per row, two planks per tile
      float along = fx + shift;
      along -= std::floor(along);
      int plank = int(along * 2.0f);
      float in_plank = along * 2.0f - float(plank);
      float tone = 0.86f + 0.14f * hash2(row, plank, 3);
      float grain = value_noise(float(x) / n * 6.0f, fy * 24.0f, 6 * 1, 11) * 0.5f +
                    value_noise(float(x) / n * 24.0f, fy * 96.0f, 24, 12) * 0.5f;
      float streak = 0.92f + 0.08f * std::sin(fy * 140.0f + grain * 9.0f);
      float v = tone * streak * (0.94f + 0.06f * grain);
      bool joint = in_row < 0.012f || in_plank < 0.003f;
      if (joint) v *= 0.55f;
      put(img, x, y, v, v * 0.985f, v * 0.97f);
    }
  }
  return img;
}

// Painted plaster: faint, soft unevenness.
Image plaster() {
  const uint32_t n = 256;
  Image img = blank("plaster", n);
  for (uint32_t y = 0; y < n; ++y)
    for (uint32_t x = 0; x < n; ++x) {
      float a = value_noise(x / 16.0f, y / 16.0f, int(n / 16), 21);
      float b = value_noise(x / 3.0f, y / 3.0f, int((n + 2) / 3), 22);
      float v = 0.95f + 0.03f * a + 0.02f * b;
      put(img, x, y, v, v, v);
    }
  return img;
}

// A 60 x 60 cm suspended-ceiling tile (systeemplafond) with its grid bar and fibre speckles.
Image ceiling_tiles() {
  const uint32_t n = 256;
  Image img = blank("ceiling_tiles", n);
  for (uint32_t y = 0; y < n; ++y)
    for (uint32_t x = 0; x < n; ++x) {
      uint32_t e = std::min({x, y, n - 1 - x, n - 1 - y});
      float v = 0.97f - 0.05f * hash2(int(x), int(y), 31) * (hash2(int(x), int(y), 32) > 0.8f);
      if (e < 3) v = 0.90f;          // the painted T-bar
      else if (e < 5) v = 0.82f;     // its shadow line
      put(img, x, y, v, v, v * 0.99f);
    }
  return img;
}

// 30 x 30 cm floor tiles with grout lines (kitchen corner).
Image tiles() {
  const uint32_t n = 256;
  Image img = blank("tiles", n);
  for (uint32_t y = 0; y < n; ++y)
    for (uint32_t x = 0; x < n; ++x) {
      uint32_t e = std::min({x % 128, y % 128, 127 - x % 128, 127 - y % 128});
      float v = 0.93f + 0.05f * value_noise(x / 8.0f, y / 8.0f, 32, 41);
      if (e < 2) v = 0.7f;
      put(img, x, y, v, v, v);
    }
  return img;
}

Image grass() {
  const uint32_t n = 256;
  Image img = blank("grass", n);
  for (uint32_t y = 0; y < n; ++y)
    for (uint32_t x = 0; x < n; ++x) {
      float a = value_noise(x / 32.0f, y / 32.0f, 8, 51);
      float b = hash2(int(x), int(y), 52);
      float v = 0.75f + 0.15f * a + 0.1f * b;
      put(img, x, y, v * 0.95f, v, v * 0.9f);
    }
  return img;
}

// Dutch stretcher-bond brick, 4 courses per tile.
Image brick() {
  const uint32_t n = 256;
  Image img = blank("brick", n);
  for (uint32_t y = 0; y < n; ++y) {
    int course = int(y / 64);
    for (uint32_t x = 0; x < n; ++x) {
      uint32_t bx = (x + (course % 2) * 64) % n;
      int brick_i = int(bx / 128);
      bool mortar = y % 64 < 6 || bx % 128 < 6;
      float v = mortar ? 1.6f : (0.8f + 0.2f * hash2(course, brick_i, 61)) *
                                    (0.9f + 0.1f * value_noise(x / 4.0f, y / 4.0f, 64, 62));
      put(img, x, y, std::min(v, 1.0f), std::min(v * (mortar ? 1.0f : 0.97f), 1.0f),
          std::min(v * (mortar ? 0.95f : 0.95f), 1.0f));
    }
  }
  return img;
}

}  // namespace

const std::vector<std::string>& pattern_names() {
  static const std::vector<std::string> names{"plain", "planks", "plaster", "ceiling_tiles",
                                              "tiles", "grass", "brick"};
  return names;
}

Image make_pattern(std::string_view name) {
  if (name == "planks") return planks();
  if (name == "plaster") return plaster();
  if (name == "ceiling_tiles") return ceiling_tiles();
  if (name == "tiles") return tiles();
  if (name == "grass") return grass();
  if (name == "brick") return brick();
  return {};
}

float pattern_tile_metres(std::string_view name) {
  if (name == "planks") return 1.6f;        // 20 cm wide planks, 80 cm long
  if (name == "ceiling_tiles") return 0.6f;
  if (name == "tiles") return 0.6f;
  if (name == "grass") return 4.0f;
  if (name == "brick") return 0.45f;        // 4 courses of 11 cm
  return 2.0f;
}

}  // namespace meeloop::scene
