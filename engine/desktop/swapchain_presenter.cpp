#include "desktop/swapchain_presenter.h"

#include <algorithm>
#include <cstring>

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>
#include <imgui.h>

#include "gpu/check.h"
#include "gpu/commands.h"
#include "gpu/sync.h"
#include "render/readback.h"
#include "ui/fonts.h"

namespace meeloop::desktop {
namespace {

using gpu::vk_struct;

VkSurfaceFormatKHR pick_format(VkPhysicalDevice pd, VkSurfaceKHR surface, const std::string& name) {
  uint32_t n = 0;
  MEELOOP_VK_CHECK(vkGetPhysicalDeviceSurfaceFormatsKHR(pd, surface, &n, nullptr));
  std::vector<VkSurfaceFormatKHR> formats(n);
  MEELOOP_VK_CHECK(vkGetPhysicalDeviceSurfaceFormatsKHR(pd, surface, &n, formats.data()));
  if (formats.empty()) gpu::throw_gpu_failure("the " + name + "'s surface offers no formats");
  // UNORM, not SRGB: Dear ImGui's colours are already sRGB-encoded, and so are the bytes the
  // callers copy in raw, so no stage may convert.
  for (VkFormat want : {VK_FORMAT_B8G8R8A8_UNORM, VK_FORMAT_R8G8B8A8_UNORM})
    for (auto& f : formats)
      if (f.format == want && f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR) return f;
  return formats[0];
}

// never_wait: not FIFO when something else is offered (a 60 Hz monitor must not hold back a
// 90 Hz headset). FIFO is always available and never tears.
VkPresentModeKHR pick_present_mode(VkPhysicalDevice pd, VkSurfaceKHR surface, bool never_wait) {
  if (!never_wait) return VK_PRESENT_MODE_FIFO_KHR;
  uint32_t n = 0;
  MEELOOP_VK_CHECK(vkGetPhysicalDeviceSurfacePresentModesKHR(pd, surface, &n, nullptr));
  std::vector<VkPresentModeKHR> modes(n);
  MEELOOP_VK_CHECK(vkGetPhysicalDeviceSurfacePresentModesKHR(pd, surface, &n, modes.data()));
  for (VkPresentModeKHR want : {VK_PRESENT_MODE_MAILBOX_KHR, VK_PRESENT_MODE_IMMEDIATE_KHR})
    if (std::find(modes.begin(), modes.end(), want) != modes.end()) return want;
  return VK_PRESENT_MODE_FIFO_KHR;
}

}  // namespace

void SwapchainFrame::blit(VkImage src, VkExtent2D size, VkRect2D to, VkFilter filter) const {
  VkImageBlit b{};
  b.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  b.dstSubresource = b.srcSubresource;
  b.srcOffsets[1] = {int32_t(size.width), int32_t(size.height), 1};
  b.dstOffsets[0] = {to.offset.x, to.offset.y, 0};
  b.dstOffsets[1] = {to.offset.x + int32_t(to.extent.width), to.offset.y + int32_t(to.extent.height), 1};
  vkCmdBlitImage(cmd, src, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &b,
                 filter);
}

Result<std::unique_ptr<SwapchainPresenter>> SwapchainPresenter::create(const gpu::Context& context,
                                                                      GLFWwindow* window,
                                                                      const SwapchainOptions& options) {
  using Out = std::unique_ptr<SwapchainPresenter>;
  return gpu::catch_gpu<Out>([&]() -> Result<Out> {
    auto p = Out(new SwapchainPresenter(context, options));
    const gpu::Device& dev = context.device();
    VkInstance instance = context.instance().get();
    p->window_ = window;
    VkSurfaceKHR surface = VK_NULL_HANDLE;
    MEELOOP_VK_CHECK(glfwCreateWindowSurface(instance, window, nullptr, &surface));
    p->surface_ = gpu::Handle<VkSurfaceKHR>(instance, surface);
    VkBool32 can_present = VK_FALSE;
    MEELOOP_VK_CHECK(vkGetPhysicalDeviceSurfaceSupportKHR(dev.physical(), dev.queue_family(), surface, &can_present));
    if (!can_present)
      return failure(std::string("the Vulkan device ") + dev.properties().deviceName + " cannot present to the " +
                     options.name + " from its graphics queue");
    p->format_ = pick_format(dev.physical(), surface, options.name);
    p->present_mode_ = pick_present_mode(dev.physical(), surface, options.never_wait);
    p->command_pool_ = gpu::create_command_pool(dev, true, options.name + " commands");
    p->cmd_ = gpu::allocate_command_buffer(dev, p->command_pool_, options.name + " frame");
    p->frame_done_ = gpu::create_fence(dev, true, options.name + " frame done");
    p->acquired_ = gpu::create_semaphore(dev, options.name + " image acquired");
    p->create_swapchain();
    p->imgui_ = std::make_unique<ImGuiRenderer>(dev, p->format_.format, options.name + " interface");
    return p;
  });
}

SwapchainPresenter::~SwapchainPresenter() { vkDeviceWaitIdle(context_.device().get()); }

Status SwapchainPresenter::fit_fonts(const std::filesystem::path& font_dir, float pixels, float content_scale) {
  if (content_scale == font_scale_) return Ok{};
  ImGuiIO& io = ImGui::GetIO();
  MEELOOP_RETURN_IF_ERROR(ui::load_fonts(io, pixels * content_scale, font_dir));
  io.FontGlobalScale = 1.0f / content_scale;
  font_scale_ = content_scale;
  return gpu::catch_gpu<Ok>([&]() -> Result<Ok> {
    MEELOOP_VK_CHECK(vkDeviceWaitIdle(context_.device().get()));  // the last frame drew with the old atlas
    imgui_->upload_fonts();
    return Ok{};
  });
}

void SwapchainPresenter::wait_last_frame() { gpu::wait_fence(context_.device(), frame_done_); }

void SwapchainPresenter::create_swapchain() {
  const gpu::Device& dev = context_.device();
  VkSurfaceCapabilitiesKHR caps{};
  MEELOOP_VK_CHECK(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(dev.physical(), surface_, &caps));
  VkExtent2D extent = caps.currentExtent;
  if (extent.width == 0xFFFFFFFFu) {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    extent.width = std::clamp(uint32_t(std::max(w, 0)), caps.minImageExtent.width, caps.maxImageExtent.width);
    extent.height = std::clamp(uint32_t(std::max(h, 0)), caps.minImageExtent.height, caps.maxImageExtent.height);
  }
  views_.clear();
  rendered_.clear();
  images_.clear();
  extent_ = extent;
  if (extent.width == 0 || extent.height == 0) {  // minimised: nothing to draw into
    swapchain_.reset();
    return;
  }
  const VkImageUsageFlags needed = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  if ((caps.supportedUsageFlags & needed) != needed)
    gpu::throw_gpu_failure("the " + options_.name + "'s surface cannot be a transfer destination and colour attachment");
  // never_wait: one more image, so one is free more often.
  uint32_t count = std::max(caps.minImageCount + 1, options_.never_wait ? 3u : 2u);
  if (caps.maxImageCount) count = std::min(count, caps.maxImageCount);

  auto ci = vk_struct<VkSwapchainCreateInfoKHR>(VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR);
  ci.surface = surface_;
  ci.minImageCount = count;
  ci.imageFormat = format_.format;
  ci.imageColorSpace = format_.colorSpace;
  ci.imageExtent = extent;
  ci.imageArrayLayers = 1;
  // TRANSFER_SRC for screenshots of exactly what the window shows, where the surface allows.
  ci.imageUsage = needed | (caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_SRC_BIT);
  capture_supported_ = caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
  ci.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
  ci.preTransform = caps.currentTransform;
  ci.compositeAlpha = (caps.supportedCompositeAlpha & VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR)
                          ? VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR
                          : VkCompositeAlphaFlagBitsKHR(caps.supportedCompositeAlpha & -caps.supportedCompositeAlpha);
  ci.presentMode = present_mode_;
  ci.clipped = VK_TRUE;
  ci.oldSwapchain = swapchain_;
  VkSwapchainKHR raw = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkCreateSwapchainKHR(dev.get(), &ci, nullptr, &raw));
  swapchain_ = gpu::Handle<VkSwapchainKHR>(dev.get(), raw);  // destroys the old one

  uint32_t n = 0;
  MEELOOP_VK_CHECK(vkGetSwapchainImagesKHR(dev.get(), raw, &n, nullptr));
  images_.resize(n);
  MEELOOP_VK_CHECK(vkGetSwapchainImagesKHR(dev.get(), raw, &n, images_.data()));
  for (uint32_t i = 0; i < n; ++i) {
    auto vci = vk_struct<VkImageViewCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO);
    vci.image = images_[i];
    vci.viewType = VK_IMAGE_VIEW_TYPE_2D;
    vci.format = format_.format;
    vci.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    VkImageView view = VK_NULL_HANDLE;
    MEELOOP_VK_CHECK(vkCreateImageView(dev.get(), &vci, nullptr, &view));
    views_.emplace_back(dev.get(), view);
    rendered_.push_back(gpu::create_semaphore(dev, options_.name + " image rendered"));
  }
}

Result<std::optional<render::RgbaImage>> SwapchainPresenter::present(const Fill& fill, ImDrawData* ui, bool capture) {
  using Out = std::optional<render::RgbaImage>;
  return gpu::catch_gpu<Out>([&]() -> Result<Out> {
    const gpu::Device& dev = context_.device();
    gpu::wait_fence(dev, frame_done_);
    int fw = 0, fh = 0;
    glfwGetFramebufferSize(window_, &fw, &fh);
    if (fw == 0 || fh == 0) return Out{};  // minimised
    if (!swapchain_ || uint32_t(fw) != extent_.width || uint32_t(fh) != extent_.height) {
      MEELOOP_VK_CHECK(vkDeviceWaitIdle(dev.get()));
      create_swapchain();
      if (!swapchain_) return Out{};
    }
    uint32_t index = 0;
    // never_wait: timeout 0, so when the window system holds every image this frame is
    // skipped rather than delay the caller. A screenshot waits (tests and demos only).
    const uint64_t timeout = !options_.never_wait ? UINT64_MAX : capture ? 2'000'000'000ull : 0;
    const VkResult acq = vkAcquireNextImageKHR(dev.get(), swapchain_, timeout, acquired_, VK_NULL_HANDLE, &index);
    if (acq == VK_NOT_READY || acq == VK_TIMEOUT) return Out{};
    if (acq == VK_ERROR_OUT_OF_DATE_KHR) {
      MEELOOP_VK_CHECK(vkDeviceWaitIdle(dev.get()));
      create_swapchain();
      return Out{};
    }
    if (acq != VK_SUBOPTIMAL_KHR) MEELOOP_VK_CHECK(acq);
    VkFence fence = frame_done_;
    MEELOOP_VK_CHECK(vkResetFences(dev.get(), 1, &fence));
    const VkImage target = images_[index];
    capture = capture && capture_supported_;
    const VkExtent2D extent = extent_;

    MEELOOP_VK_CHECK(vkResetCommandBuffer(cmd_, 0));
    gpu::begin_one_time(cmd_);
    gpu::image_barriers(cmd_, {{.image = target,
                                .old_layout = VK_IMAGE_LAYOUT_UNDEFINED,
                                .new_layout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                .src_stage = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
                                .dst_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                                .dst_access = VK_ACCESS_2_TRANSFER_WRITE_BIT}});
    fill(SwapchainFrame{cmd_, target, extent});
    imgui_target_barrier(cmd_, target, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                         VK_ACCESS_2_TRANSFER_WRITE_BIT);
    record_ui(views_[index], ui);
    if (capture) record_capture(target);
    else
      gpu::image_barriers(cmd_, {{.image = target,
                                  .old_layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                                  .new_layout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR,
                                  .src_stage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                                  .src_access = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                                  .dst_stage = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT}});
    MEELOOP_VK_CHECK(vkEndCommandBuffer(cmd_));

    // The acquired image may still be read by the presentation engine until the semaphore
    // signals: every command of this frame waits for it, as the first barrier assumes.
    auto wait = vk_struct<VkSemaphoreSubmitInfo>(VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO);
    wait.semaphore = acquired_;
    wait.stageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;
    auto signal = vk_struct<VkSemaphoreSubmitInfo>(VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO);
    signal.semaphore = rendered_[index];
    signal.stageMask = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT;
    auto cb = vk_struct<VkCommandBufferSubmitInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO);
    cb.commandBuffer = cmd_;
    auto si = vk_struct<VkSubmitInfo2>(VK_STRUCTURE_TYPE_SUBMIT_INFO_2);
    si.waitSemaphoreInfoCount = 1;
    si.pWaitSemaphoreInfos = &wait;
    si.commandBufferInfoCount = 1;
    si.pCommandBufferInfos = &cb;
    si.signalSemaphoreInfoCount = 1;
    si.pSignalSemaphoreInfos = &signal;
    MEELOOP_VK_CHECK(vkQueueSubmit2(dev.queue(), 1, &si, frame_done_));

    VkSwapchainKHR sc = swapchain_;
    auto pi = vk_struct<VkPresentInfoKHR>(VK_STRUCTURE_TYPE_PRESENT_INFO_KHR);
    pi.waitSemaphoreCount = 1;
    VkSemaphore done = rendered_[index];
    pi.pWaitSemaphores = &done;
    pi.swapchainCount = 1;
    pi.pSwapchains = &sc;
    pi.pImageIndices = &index;
    const VkResult pr = vkQueuePresentKHR(dev.queue(), &pi);
    if (pr == VK_ERROR_OUT_OF_DATE_KHR || pr == VK_SUBOPTIMAL_KHR) extent_ = {};  // rebuilt next frame
    else MEELOOP_VK_CHECK(pr);

    if (!capture) return Out{};
    gpu::wait_fence(dev, frame_done_);
    return Out{read_capture(extent)};
  });
}

// The caller's picture is loaded, not cleared: the interface goes on top of it.
void SwapchainPresenter::record_ui(VkImageView view, ImDrawData* ui) {
  imgui_->record_pass(cmd_, view, extent_, std::nullopt, ui);
}

// After the interface (the image is COLOR_ATTACHMENT_OPTIMAL): a copy into capture_buf_, made
// visible to the host, and the image handed on for presenting.
void SwapchainPresenter::record_capture(VkImage target) {
  const VkDeviceSize bytes = VkDeviceSize(extent_.width) * extent_.height * 4;
  if (!capture_buf_.buffer || capture_buf_.size < bytes)
    capture_buf_ = gpu::create_buffer(context_.device(), bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                      gpu::MemoryUse::Readback, options_.name + " capture");
  render::record_readback(cmd_, target, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, extent_, 0, capture_buf_.buffer);
  gpu::image_barriers(cmd_, {{.image = target,
                              .old_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                              .new_layout = VK_IMAGE_LAYOUT_PRESENT_SRC_KHR,
                              .src_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                              .src_access = VK_ACCESS_2_TRANSFER_READ_BIT,
                              .dst_stage = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT}});
}

render::RgbaImage SwapchainPresenter::read_capture(VkExtent2D extent) const {
  render::RgbaImage img{extent.width, extent.height, {}};
  img.rgba.resize(size_t(extent.width) * extent.height * 4);
  std::memcpy(img.rgba.data(), capture_buf_.mapped, img.rgba.size());
  const bool bgra = format_.format == VK_FORMAT_B8G8R8A8_UNORM || format_.format == VK_FORMAT_B8G8R8A8_SRGB;
  for (size_t i = 0; i < img.rgba.size(); i += 4) {
    if (bgra) std::swap(img.rgba[i], img.rgba[i + 2]);
    img.rgba[i + 3] = 255;
  }
  return img;
}

}  // namespace meeloop::desktop
