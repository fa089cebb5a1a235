#pragma once
// CPU-side 8-bit RGBA images: what a read-back returns, PNG files, and tolerant comparison for
// golden-image tests.
#include <cstdint>
#include <filesystem>
#include <vector>

#include <glm/glm.hpp>

#include "core/error.h"

namespace meeloop::render {

// Row-major, top row first, sRGB-encoded 8-bit RGBA.
struct RgbaImage {
  uint32_t width = 0, height = 0;
  std::vector<uint8_t> rgba;

  glm::u8vec4 at(uint32_t x, uint32_t y) const {
    const uint8_t* p = &rgba[(size_t(y) * width + x) * 4];
    return {p[0], p[1], p[2], p[3]};
  }
};

// Writes a PNG through core/files.h write_file_atomically (0600, all or nothing; a device,
// folder or link at `path` is refused); an error naming the path when it cannot be written.
Status write_png(const RgbaImage& image, const std::filesystem::path& path);
// Reads a PNG as RGBA; BadInput naming the path when missing or not a PNG.
Result<RgbaImage> read_png(const std::filesystem::path& path);

struct ImageDifference {
  double mean_abs = 0.0;  // mean |a-b| over all RGB channel values, 0..255
  int max_abs = 0;        // largest single-channel difference
  double psnr_db = 0.0;   // over RGB; +inf for identical images
  double differing_fraction = 0.0;  // pixels with any channel off by more than 16
};
// Compares the RGB of two equally sized images (alpha ignored). Failure if sizes differ.
Result<ImageDifference> compare_images(const RgbaImage& a, const RgbaImage& b);

// Variance of luma over the image, 0 for a flat (e.g. blank) image.
double luma_variance(const RgbaImage& image);

}  // namespace meeloop::render
