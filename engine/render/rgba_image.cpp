#include "render/rgba_image.h"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include <stb_image.h>
#include <stb_image_write.h>

#include "core/files.h"

namespace meeloop::render {

Status write_png(const RgbaImage& image, const std::filesystem::path& path) {
  if (image.width == 0 || image.height == 0)
    return failure("cannot write an empty image", path.string());
  // Encoded in memory, then written through the one safe writer (temp file, fsync, rename).
  std::string png;
  auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), size_t(size));
  };
  const int ok = stbi_write_png_to_func(append, &png, int(image.width), int(image.height), 4,
                                        image.rgba.data(), int(image.width * 4));
  if (!ok) return failure("could not encode the PNG", path.string());
  return write_file_atomically(path, png);
}

Result<RgbaImage> read_png(const std::filesystem::path& path) {
  int w = 0, h = 0, channels = 0;
  stbi_uc* data = stbi_load(path.c_str(), &w, &h, &channels, 4);
  if (!data) {
    const char* why = stbi_failure_reason();
    return bad_input(path.string(), "", std::string("cannot read image: ") + (why ? why : "unknown"));
  }
  RgbaImage img{uint32_t(w), uint32_t(h), std::vector<uint8_t>(data, data + size_t(w) * h * 4)};
  stbi_image_free(data);
  return img;
}

Result<ImageDifference> compare_images(const RgbaImage& a, const RgbaImage& b) {
  if (a.width != b.width || a.height != b.height)
    return failure("image sizes differ: " + std::to_string(a.width) + "x" + std::to_string(a.height) +
                   " vs " + std::to_string(b.width) + "x" + std::to_string(b.height));
  ImageDifference d;
  double sum = 0.0, sum_sq = 0.0;
  size_t differing = 0;
  const size_t pixels = size_t(a.width) * a.height;
  for (size_t p = 0; p < pixels; ++p) {
    int worst = 0;
    for (int c = 0; c < 3; ++c) {
      const int diff = std::abs(int(a.rgba[p * 4 + c]) - int(b.rgba[p * 4 + c]));
      sum += diff;
      sum_sq += double(diff) * diff;
      worst = std::max(worst, diff);
    }
    d.max_abs = std::max(d.max_abs, worst);
    if (worst > 16) ++differing;
  }
  const double n = double(pixels) * 3.0;
  d.mean_abs = pixels ? sum / n : 0.0;
  const double mse = pixels ? sum_sq / n : 0.0;
  d.psnr_db = mse > 0.0 ? 10.0 * std::log10(255.0 * 255.0 / mse)
                        : std::numeric_limits<double>::infinity();
  d.differing_fraction = pixels ? double(differing) / double(pixels) : 0.0;
  return d;
}

double luma_variance(const RgbaImage& image) {
  const size_t pixels = size_t(image.width) * image.height;
  if (pixels == 0) return 0.0;
  double sum = 0.0, sum_sq = 0.0;
  for (size_t p = 0; p < pixels; ++p) {
    const uint8_t* px = &image.rgba[p * 4];
    const double y = 0.2126 * px[0] + 0.7152 * px[1] + 0.0722 * px[2];
    sum += y;
    sum_sq += y * y;
  }
  const double mean = sum / double(pixels);
  return sum_sq / double(pixels) - mean * mean;
}

}  // namespace meeloop::render
