#include "depth_capture.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <string>

#include <stb_image_write.h>  // implementation lives in Debian's libstb

#include "dump.h"

namespace meeloop::xrrt {
namespace {

// Bytes per texel of the depth aspect in a buffer copy, and every aspect of the format.
uint32_t depth_texel_size(VkFormat f) { return f == VK_FORMAT_D16_UNORM ? 2 : 4; }
VkImageAspectFlags all_aspects(VkFormat f) {
  return f == VK_FORMAT_D24_UNORM_S8_UINT || f == VK_FORMAT_D32_SFLOAT_S8_UINT
             ? VK_IMAGE_ASPECT_DEPTH_BIT | VK_IMAGE_ASPECT_STENCIL_BIT
             : VK_IMAGE_ASPECT_DEPTH_BIT;
}

double texel_depth(VkFormat f, const unsigned char* p) {
  if (f == VK_FORMAT_D16_UNORM) {
    uint16_t v = 0;
    std::memcpy(&v, p, 2);
    return v / 65535.0;
  }
  if (f == VK_FORMAT_D24_UNORM_S8_UINT) {  // 24 bits of depth in the low bits of 32
    uint32_t v = 0;
    std::memcpy(&v, p, 4);
    return (v & 0xFFFFFFu) / 16777215.0;
  }
  float v = 0;  // D32_SFLOAT and the depth aspect of D32_SFLOAT_S8_UINT
  std::memcpy(&v, p, 4);
  return v;
}

void capture_one(Session& s, int64_t frame, const SubmittedView& v) {
  const SubmittedDepth& d = *v.depth;
  const VkFormat format = VkFormat(d.swapchain->info.format);
  const uint32_t texel = depth_texel_size(format);
  const ReadBack what{d.swapchain->images[d.image].image.get(), VK_IMAGE_ASPECT_DEPTH_BIT, all_aspects(format),
                      d.array_index, d.rect, texel};
  std::vector<unsigned char> raw;
  const char* eye = v.eye == 0 ? "left" : "right";
  if (!read_back(s, what, raw)) {
    s.instance->log.warn("meeloop-xr: could not read back the depth of frame " + std::to_string(frame));
    return;
  }
  const int w = d.rect.extent.width, h = d.rect.extent.height;
  const double far_m = std::max(depth_to_metres(d.min_depth, d), depth_to_metres(d.max_depth, d));
  std::vector<unsigned char> grey(size_t(w) * size_t(h));
  size_t covered = 0;
  for (size_t i = 0; i < grey.size(); ++i) {
    const double m = depth_to_metres(texel_depth(format, raw.data() + i * texel), d);
    if (m < far_m * (1.0 - 1e-4)) ++covered;
    const double t = std::isfinite(m) ? std::clamp(m / kDepthGreyRange, 0.0, 1.0) : 1.0;
    grey[i] = static_cast<unsigned char>(std::lround(255.0 * (1.0 - t)));
  }
  const double centre = texel_depth(format, raw.data() + (size_t(h / 2) * size_t(w) + size_t(w / 2)) * texel);
  nlohmann::json line{{"event", "depth"}, {"frame", frame}, {"eye", eye}, {"format", int64_t(format)},
                      {"array_index", d.array_index}, {"centre_depth", centre},
                      {"centre_m", depth_to_metres(centre, d)}, {"covered", double(covered) / double(grey.size())},
                      {"min_depth", d.min_depth}, {"max_depth", d.max_depth}, {"near_z", d.near_z}, {"far_z", d.far_z}};
  const std::filesystem::path dir = s.instance->config.dump_dir;
  if (!dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    char name[64];
    std::snprintf(name, sizeof name, "frame_%06lld_%s_depth.png", static_cast<long long>(frame), eye);
    const std::filesystem::path file = dir / name;
    const bool ok = stbi_write_png(file.c_str(), w, h, 1, grey.data(), w) != 0;
    if (!ok) s.instance->log.warn("meeloop-xr: could not dump " + file.string());
    line["file"] = file.string();
    line["ok"] = ok;
  }
  s.instance->trace.write(line);
}

}  // namespace

double depth_to_metres(double d, const SubmittedDepth& info) {
  const double n = (d - info.min_depth) / (double(info.max_depth) - info.min_depth);
  const double inv_near = 1.0 / double(info.near_z), inv_far = 1.0 / double(info.far_z);  // 1/inf = 0
  const double inv = inv_near - n * (inv_near - inv_far);
  return inv > 0 ? 1.0 / inv : INFINITY;
}

void capture_depth(Session& s, int64_t frame, const std::vector<SubmittedView>& views) {
  // Only while dumping: reading back needs TRANSFER_SRC, which the runtime adds to the
  // application's images only then (see swapchain.cpp).
  if (s.instance->config.dump_dir.empty()) return;
  for (const SubmittedView& v : views)
    if (v.depth && (v.depth->swapchain->image_usage & VK_IMAGE_USAGE_TRANSFER_SRC_BIT)) capture_one(s, frame, v);
}

}  // namespace meeloop::xrrt
