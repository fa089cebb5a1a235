// Swapchains as VkImages on the application's device (XR_KHR_vulkan_enable2), with the
// acquire -> wait -> release order of spec 10.1 enforced.
#include <algorithm>

#include "api.h"
#include "dump.h"
#include "session.h"
#include "swapchain_usage.h"

namespace meeloop::xrrt {
namespace {

// Preference order: sRGB colour first (what an app should render into), then depth.
const VkFormat kColorFormats[] = {VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB, VK_FORMAT_R8G8B8A8_UNORM,
                                  VK_FORMAT_B8G8R8A8_UNORM, VK_FORMAT_R16G16B16A16_SFLOAT};
const VkFormat kDepthFormats[] = {VK_FORMAT_D32_SFLOAT, VK_FORMAT_D16_UNORM, VK_FORMAT_D24_UNORM_S8_UINT,
                                  VK_FORMAT_D32_SFLOAT_S8_UINT};
constexpr uint32_t kImageCount = 3;

bool is_depth(VkFormat f) { return std::count(std::begin(kDepthFormats), std::end(kDepthFormats), f) > 0; }

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : "|") + n;
  return out.empty() ? "none" : out;
}

// Exactly the usage the table maps the application's flags to. The one exception is the
// runtime's own read-back while dumping (MEELOOP_XR_DUMP_DIR): copying an image out needs
// TRANSFER_SRC, and Vulkan has no way to read an image without some usage flag, so a dumping
// runtime adds it and says so in the trace. Tests of what an application may do with its
// images therefore run without a dump.
void choose_usage(const Instance& inst, Swapchain& sc) {
  const VkImageUsageFlags asked = vk_image_usage(sc.info.usageFlags);
  sc.runtime_usage = 0;
  if (!inst.config.dump_dir.empty() && dump_reads(VkFormat(sc.info.format), sc.depth))
    sc.runtime_usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT & ~asked;
  sc.image_usage = asked | sc.runtime_usage;
}

void trace_created(Instance& inst, const Swapchain& sc) {
  nlohmann::json line{{"event", "swapchain"},
                      {"format", sc.info.format},
                      {"usage_flags", sc.info.usageFlags},
                      {"image_usage", sc.image_usage},
                      {"image_usage_names", usage_names(sc.image_usage)},
                      {"image_create_flags", vk_image_create_flags(sc.info.usageFlags)},
                      {"runtime_usage", sc.runtime_usage},
                      {"array_size", sc.info.arraySize},
                      {"images", sc.images.size()}};
  if (sc.runtime_usage) line["runtime_usage_why"] = "MEELOOP_XR_DUMP_DIR: the runtime copies submitted images out";
  inst.trace.write(line);
}

std::vector<int64_t> supported_formats(VkPhysicalDevice pd) {
  std::vector<int64_t> out;
  for (VkFormat f : kColorFormats) {
    VkFormatProperties p{};
    vkGetPhysicalDeviceFormatProperties(pd, f, &p);
    // Transfer source: MEELOOP_XR_DUMP_DIR reads submitted images back.
    const auto need = VK_FORMAT_FEATURE_COLOR_ATTACHMENT_BIT | VK_FORMAT_FEATURE_TRANSFER_SRC_BIT;
    if ((p.optimalTilingFeatures & need) == need) out.push_back(f);
  }
  for (VkFormat f : kDepthFormats) {
    VkFormatProperties p{};
    vkGetPhysicalDeviceFormatProperties(pd, f, &p);
    // Transfer source: MEELOOP_XR_DUMP_DIR reads submitted depth back.
    const auto need = VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_FORMAT_FEATURE_TRANSFER_SRC_BIT;
    if ((p.optimalTilingFeatures & need) == need) out.push_back(f);
  }
  return out;
}

VkImageAspectFlags aspect(VkFormat f) {
  if (f == VK_FORMAT_D24_UNORM_S8_UINT || f == VK_FORMAT_D32_SFLOAT_S8_UINT)
    return VK_IMAGE_ASPECT_DEPTH_BIT | VK_IMAGE_ASPECT_STENCIL_BIT;
  return is_depth(f) ? VK_IMAGE_ASPECT_DEPTH_BIT : VK_IMAGE_ASPECT_COLOR_BIT;
}

// Creates the images and moves them to the layout the spec promises on acquire.
XrResult create_images(Session& s, Swapchain& sc, uint32_t count) {
  const XrSwapchainCreateInfo& ci = sc.info;
  const VkFormat format = VkFormat(ci.format);
  VkImageCreateInfo ii{};
  ii.sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO;
  ii.flags = vk_image_create_flags(ci.usageFlags);
  ii.imageType = VK_IMAGE_TYPE_2D;
  ii.format = format;
  ii.extent = {ci.width, ci.height, 1};
  ii.mipLevels = ci.mipCount;
  ii.arrayLayers = ci.arraySize;
  ii.samples = VK_SAMPLE_COUNT_1_BIT;
  ii.tiling = VK_IMAGE_TILING_OPTIMAL;
  ii.usage = sc.image_usage;
  ii.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  ii.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  VkImageFormatProperties fp{};
  if (vkGetPhysicalDeviceImageFormatProperties(s.binding.physical_device, format, ii.imageType, ii.tiling, ii.usage,
                                               ii.flags, &fp) != VK_SUCCESS ||
      fp.maxArrayLayers < ci.arraySize || fp.maxMipLevels < ci.mipCount || fp.maxExtent.width < ci.width ||
      fp.maxExtent.height < ci.height)
    return s.instance->fail(XR_ERROR_FEATURE_UNSUPPORTED, "xrCreateSwapchain",
                            "the device cannot make such an image (usage " + join(usage_names(ii.usage)) +
                                ", size or layers)");
  const VkDevice dev = s.binding.device;
  for (uint32_t i = 0; i < count; ++i) {
    VkImage image = VK_NULL_HANDLE;
    if (VkResult r = vkCreateImage(dev, &ii, nullptr, &image); r != VK_SUCCESS)
      return s.instance->fail(XR_ERROR_RUNTIME_FAILURE, "xrCreateSwapchain", std::string("vkCreateImage: ") + vk_result_name(r));
    SwapchainImage img;
    img.image = VkImageOwner(dev, image);
    VkMemoryRequirements req{};
    vkGetImageMemoryRequirements(dev, image, &req);
    VkMemoryAllocateInfo ai{};
    ai.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
    ai.allocationSize = req.size;
    ai.memoryTypeIndex = s.gpu->memory_type(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    if (ai.memoryTypeIndex == UINT32_MAX) ai.memoryTypeIndex = s.gpu->memory_type(req.memoryTypeBits, 0);
    VkDeviceMemory mem = VK_NULL_HANDLE;
    if (VkResult r = vkAllocateMemory(dev, &ai, nullptr, &mem); r != VK_SUCCESS)
      return s.instance->fail(XR_ERROR_OUT_OF_MEMORY, "xrCreateSwapchain", std::string("vkAllocateMemory: ") + vk_result_name(r));
    img.memory = VkMemoryOwner(dev, mem);
    vkBindImageMemory(dev, image, mem, 0);
    sc.images.push_back(std::move(img));
  }
  const VkResult r = s.gpu->submit_and_wait([&](VkCommandBuffer cmd) {
    std::vector<VkImageMemoryBarrier> barriers;
    for (const SwapchainImage& img : sc.images) {
      VkImageMemoryBarrier b{};
      b.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
      b.dstAccessMask = sc.depth ? VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT : VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
      b.oldLayout = VK_IMAGE_LAYOUT_UNDEFINED;
      b.newLayout = sc.depth ? VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL : VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
      b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
      b.image = img.image.get();
      b.subresourceRange = {aspect(format), 0, ci.mipCount, 0, ci.arraySize};
      barriers.push_back(b);
    }
    vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, 0, 0, nullptr, 0,
                         nullptr, uint32_t(barriers.size()), barriers.data());
  });
  if (r != VK_SUCCESS) return s.instance->fail(XR_ERROR_RUNTIME_FAILURE, "xrCreateSwapchain", std::string("layout transition: ") + vk_result_name(r));
  return XR_SUCCESS;
}

}  // namespace

namespace api {

XrResult XRAPI_CALL EnumerateSwapchainFormats(XrSession session, uint32_t capacity, uint32_t* count, int64_t* formats) {
  std::lock_guard lock(Registry::get().mutex);
  Session* s = Registry::get().session(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  return two_call(capacity, count, formats, supported_formats(s->binding.physical_device), [](int64_t& o, int64_t f) { o = f; });
}

XrResult XRAPI_CALL CreateSwapchain(XrSession session, const XrSwapchainCreateInfo* info, XrSwapchain* out) {
  Registry& reg = Registry::get();
  std::lock_guard lock(reg.mutex);
  Session* s = reg.session(session);
  if (!s) return XR_ERROR_HANDLE_INVALID;
  if (!info || !out || info->type != XR_TYPE_SWAPCHAIN_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
  Instance& inst = *s->instance;
  if (XrResult r = loss_result(inst, *s); r != XR_SUCCESS) return r;
  const char* fn = "xrCreateSwapchain";
  const auto formats = supported_formats(s->binding.physical_device);
  if (!std::count(formats.begin(), formats.end(), info->format))
    return inst.fail(XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED, fn, "format " + std::to_string(info->format) + " is not in xrEnumerateSwapchainFormats");
  if (info->createFlags & ~XrSwapchainCreateFlags(XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT))
    return inst.fail(XR_ERROR_FEATURE_UNSUPPORTED, fn, "only XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT is supported (no protected content)");
  if (info->sampleCount != 1) return inst.fail(XR_ERROR_FEATURE_UNSUPPORTED, fn, "sampleCount must be 1 (maxSwapchainSampleCount)");
  if (info->faceCount != 1) return inst.fail(XR_ERROR_FEATURE_UNSUPPORTED, fn, "cube swapchains (faceCount 6) are not supported");
  if (info->width == 0 || info->height == 0 || info->arraySize == 0 || info->mipCount == 0 ||
      info->width > kMaxImageSize || info->height > kMaxImageSize)
    return inst.fail(XR_ERROR_VALIDATION_FAILURE, fn, "width/height must be 1..4096, arraySize and mipCount at least 1");
  auto sc = std::make_unique<Swapchain>();
  sc->info = *info;
  sc->info.next = nullptr;
  sc->depth = is_depth(VkFormat(info->format));
  if (auto why = unsupported_usage(info->usageFlags, sc->depth)) return inst.fail(XR_ERROR_FEATURE_UNSUPPORTED, fn, *why);
  choose_usage(inst, *sc);
  const bool is_static = info->createFlags & XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT;
  if (XrResult r = create_images(*s, *sc, is_static ? 1 : kImageCount); r != XR_SUCCESS) return r;
  trace_created(inst, *sc);
  const uint64_t h = reg.new_handle();
  s->swapchains.emplace(h, std::move(sc));
  *out = to_handle<XrSwapchain>(h);
  return XR_SUCCESS;
}

XrResult XRAPI_CALL DestroySwapchain(XrSwapchain swapchain) {
  std::lock_guard lock(Registry::get().mutex);
  auto [s, sc] = Registry::get().swapchain(swapchain);
  if (!sc) return XR_ERROR_HANDLE_INVALID;
  s->swapchains.erase(from_handle(swapchain));
  return XR_SUCCESS;
}

XrResult XRAPI_CALL EnumerateSwapchainImages(XrSwapchain swapchain, uint32_t capacity, uint32_t* count,
                                             XrSwapchainImageBaseHeader* images) {
  std::lock_guard lock(Registry::get().mutex);
  auto [s, sc] = Registry::get().swapchain(swapchain);
  if (!sc) return XR_ERROR_HANDLE_INVALID;
  if (capacity > 0 && images && images->type != XR_TYPE_SWAPCHAIN_IMAGE_VULKAN2_KHR)
    return s->instance->fail(XR_ERROR_VALIDATION_FAILURE, "xrEnumerateSwapchainImages", "expected XrSwapchainImageVulkan2KHR structs");
  auto* vk = reinterpret_cast<XrSwapchainImageVulkan2KHR*>(images);
  std::vector<VkImage> list;
  for (const auto& img : sc->images) list.push_back(img.image.get());
  return two_call(capacity, count, vk, list, [](XrSwapchainImageVulkan2KHR& o, VkImage i) { o.image = i; });
}

XrResult XRAPI_CALL AcquireSwapchainImage(XrSwapchain swapchain, const XrSwapchainImageAcquireInfo* info, uint32_t* index) {
  std::lock_guard lock(Registry::get().mutex);
  auto [s, sc] = Registry::get().swapchain(swapchain);
  if (!sc) return XR_ERROR_HANDLE_INVALID;
  if (!index || (info && info->type != XR_TYPE_SWAPCHAIN_IMAGE_ACQUIRE_INFO)) return XR_ERROR_VALIDATION_FAILURE;
  Instance& inst = *s->instance;
  if (XrResult r = loss_result(inst, *s); r != XR_SUCCESS) return r;
  const char* fn = "xrAcquireSwapchainImage";
  if (sc->static_acquired) return inst.fail(XR_ERROR_CALL_ORDER_INVALID, fn, "a static swapchain's image can be acquired once");
  if (sc->acquired.size() + (sc->waited ? 1 : 0) >= sc->images.size())
    return inst.fail(XR_ERROR_CALL_ORDER_INVALID, fn, "every image is already acquired; release one first");
  *index = sc->next;
  sc->acquired.push_back(sc->next);
  sc->next = (sc->next + 1) % uint32_t(sc->images.size());
  if (sc->info.createFlags & XR_SWAPCHAIN_CREATE_STATIC_IMAGE_BIT) sc->static_acquired = true;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL WaitSwapchainImage(XrSwapchain swapchain, const XrSwapchainImageWaitInfo* info) {
  std::lock_guard lock(Registry::get().mutex);
  auto [s, sc] = Registry::get().swapchain(swapchain);
  if (!sc) return XR_ERROR_HANDLE_INVALID;
  if (!info || info->type != XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO) return XR_ERROR_VALIDATION_FAILURE;
  Instance& inst = *s->instance;
  if (XrResult r = loss_result(inst, *s); r != XR_SUCCESS) return r;
  const char* fn = "xrWaitSwapchainImage";
  if (sc->waited) return inst.fail(XR_ERROR_CALL_ORDER_INVALID, fn, "the waited image has not been released yet");
  if (sc->acquired.empty()) return inst.fail(XR_ERROR_CALL_ORDER_INVALID, fn, "no acquired image to wait for");
  // The runtime never holds an image (its copies finish inside xrEndFrame), so no waiting.
  sc->waited = sc->acquired.front();
  sc->acquired.pop_front();
  return XR_SUCCESS;
}

XrResult XRAPI_CALL ReleaseSwapchainImage(XrSwapchain swapchain, const XrSwapchainImageReleaseInfo* info) {
  std::lock_guard lock(Registry::get().mutex);
  auto [s, sc] = Registry::get().swapchain(swapchain);
  if (!sc) return XR_ERROR_HANDLE_INVALID;
  if (info && info->type != XR_TYPE_SWAPCHAIN_IMAGE_RELEASE_INFO) return XR_ERROR_VALIDATION_FAILURE;
  Instance& inst = *s->instance;
  if (XrResult r = loss_result(inst, *s); r != XR_SUCCESS) return r;
  if (!sc->waited) return inst.fail(XR_ERROR_CALL_ORDER_INVALID, "xrReleaseSwapchainImage", "no image has been waited for");
  sc->last_released = sc->waited;
  sc->waited.reset();
  return XR_SUCCESS;
}

}  // namespace api
}  // namespace meeloop::xrrt
