#include "xr/swapchain.h"

#include <algorithm>

#include "xr/xr_check.h"
#include "xr/xr_struct.h"

namespace meeloop::xr {

Result<std::vector<int64_t>> offered_swapchain_formats(const Session& session) {
  return catch_xr<std::vector<int64_t>>([&]() -> Result<std::vector<int64_t>> {
    uint32_t n = 0;
    MEELOOP_XR_CHECK(xrEnumerateSwapchainFormats(session.get(), 0, &n, nullptr));
    std::vector<int64_t> formats(n);
    MEELOOP_XR_CHECK(xrEnumerateSwapchainFormats(session.get(), n, &n, formats.data()));
    formats.resize(n);
    return formats;
  });
}

namespace {

XrSwapchainUsageFlags usage_for(SwapchainKind kind, SwapchainUse use) {
  // Transfer destination: the renderer resolves into its own target and the frame is copied in
  // (see render/external_image.h). Colour attachment: overlays are drawn straight into it. Depth
  // is only copied in, but needs the attachment usage for the layout OpenXR hands it over in.
  XrSwapchainUsageFlags usage = (kind == SwapchainKind::Depth ? XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT
                                                              : XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT) |
                                XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT;
  if (use.copied_out) usage |= XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT;
  return usage;
}

}  // namespace

Result<std::unique_ptr<StereoSwapchain>> StereoSwapchain::create(const Session& session, uint32_t width,
                                                                 uint32_t height, VkFormat format, SwapchainKind kind,
                                                                 SwapchainUse use) {
  MEELOOP_ASSIGN_OR_RETURN(const std::vector<int64_t> formats, offered_swapchain_formats(session));
  return catch_xr<std::unique_ptr<StereoSwapchain>>([&]() -> Result<std::unique_ptr<StereoSwapchain>> {
    uint32_t n = 0;
    if (std::find(formats.begin(), formats.end(), int64_t(format)) == formats.end()) {
      std::string offered;
      for (int64_t f : formats) offered += (offered.empty() ? "" : ", ") + std::to_string(f);
      return failure("the OpenXR runtime offers no swapchain of VkFormat " + std::to_string(int(format)) +
                     " (offered: " + offered + ")");
    }
    auto s = std::make_unique<StereoSwapchain>();
    auto ci = xr_struct<XrSwapchainCreateInfo>(XR_TYPE_SWAPCHAIN_CREATE_INFO);
    ci.usageFlags = usage_for(kind, use);
    ci.format = int64_t(format);
    ci.sampleCount = 1;
    ci.width = width;
    ci.height = height;
    ci.faceCount = 1;
    ci.arraySize = 2;
    ci.mipCount = 1;
    XrSwapchain raw = XR_NULL_HANDLE;
    MEELOOP_XR_CHECK(xrCreateSwapchain(session.get(), &ci, &raw));
    s->swapchain_ = XrHandle<XrSwapchain>(raw);
    MEELOOP_XR_CHECK(xrEnumerateSwapchainImages(raw, 0, &n, nullptr));
    s->images_.assign(n, xr_struct<XrSwapchainImageVulkan2KHR>(XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR));
    MEELOOP_XR_CHECK(xrEnumerateSwapchainImages(raw, n, &n,
                                                reinterpret_cast<XrSwapchainImageBaseHeader*>(s->images_.data())));
    s->width_ = width;
    s->height_ = height;
    s->format_ = format;
    return s;
  });
}

VkImage StereoSwapchain::acquire() {
  auto ai = xr_struct<XrSwapchainImageAcquireInfo>(XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO);
  uint32_t index = 0;
  MEELOOP_XR_CHECK(xrAcquireSwapchainImage(swapchain_, &ai, &index));
  auto wi = xr_struct<XrSwapchainImageWaitInfo>(XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO);
  wi.timeout = XR_INFINITE_DURATION;
  MEELOOP_XR_CHECK(xrWaitSwapchainImage(swapchain_, &wi));
  return images_.at(index).image;
}

void StereoSwapchain::release() {
  auto ri = xr_struct<XrSwapchainImageReleaseInfo>(XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO);
  MEELOOP_XR_CHECK(xrReleaseSwapchainImage(swapchain_, &ri));
}

}  // namespace meeloop::xr
