#include "xr/panel_texture.h"

#include "gpu/buffer.h"
#include "gpu/check.h"
#include "gpu/sync.h"
#include "ui/context_scope.h"

namespace meeloop::xr {
namespace {

using gpu::vk_struct;

constexpr VkFormat kUnorm = VK_FORMAT_R8G8B8A8_UNORM;  // ImGui blends sRGB-encoded values
constexpr VkFormat kSrgb = VK_FORMAT_R8G8B8A8_SRGB;    // the quad decodes them to linear

gpu::Handle<VkImageView> make_view(const gpu::Device& dev, VkImage image, VkFormat format, const char* name) {
  auto ci = vk_struct<VkImageViewCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO);
  ci.image = image;
  ci.viewType = VK_IMAGE_VIEW_TYPE_2D;
  ci.format = format;
  ci.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
  VkImageView raw = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkCreateImageView(dev.get(), &ci, nullptr, &raw));
  dev.name(raw, name);
  return {dev.get(), raw};
}

}  // namespace

Result<std::unique_ptr<PanelTexture>> PanelTexture::create(const gpu::Context& context, PanelUi& ui) {
  return gpu::catch_gpu<std::unique_ptr<PanelTexture>>([&]() -> Result<std::unique_ptr<PanelTexture>> {
    const gpu::Device& dev = context.device();
    auto t = std::unique_ptr<PanelTexture>(new PanelTexture(context, ui));
    const PanelCanvas& canvas = ui.canvas();
    // One image, two formats: MUTABLE_FORMAT with both listed.
    const VkFormat formats[2] = {kUnorm, kSrgb};
    auto list = vk_struct<VkImageFormatListCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_FORMAT_LIST_CREATE_INFO);
    list.viewFormatCount = 2;
    list.pViewFormats = formats;
    auto ci = vk_struct<VkImageCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO);
    ci.pNext = &list;
    ci.flags = VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT;
    ci.imageType = VK_IMAGE_TYPE_2D;
    ci.format = kUnorm;
    ci.extent = {uint32_t(canvas.width), uint32_t(canvas.height), 1};
    ci.mipLevels = 1;
    ci.arrayLayers = 1;
    ci.samples = VK_SAMPLE_COUNT_1_BIT;
    ci.tiling = VK_IMAGE_TILING_OPTIMAL;
    ci.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT;
    ci.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    ci.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
    VkImage raw = VK_NULL_HANDLE;
    MEELOOP_VK_CHECK(vkCreateImage(dev.get(), &ci, nullptr, &raw));
    t->image_ = {dev.get(), raw};
    dev.name(raw, "xr panel texture");
    VkMemoryRequirements req;
    vkGetImageMemoryRequirements(dev.get(), raw, &req);
    t->memory_ = gpu::allocate_memory(dev, req, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
    MEELOOP_VK_CHECK(vkBindImageMemory(dev.get(), raw, t->memory_, 0));
    t->unorm_view_ = make_view(dev, raw, kUnorm, "xr panel texture (ImGui target)");
    t->srgb_view_ = make_view(dev, raw, kSrgb, "xr panel texture (sampled)");
    t->imgui_ = std::make_unique<desktop::ImGuiRenderer>(dev, kUnorm, "xr panel");
    ui::ContextScope scope(ui.context());  // the atlas and its texture id are the panel context's
    t->imgui_->upload_fonts();
    return t;
  });
}

// The renderer's buffers and atlas go after this: nothing may still draw with them.
PanelTexture::~PanelTexture() { vkDeviceWaitIdle(context_.device().get()); }

void PanelTexture::record(VkCommandBuffer cmd) {
  ImDrawData* data = ui_.draw_data();
  // Before PanelUi's first frame the board is cleared only, so it is always sampleable.
  if (data ? drawn_ && ui_.drawn_hash() == drawn_hash_ : cleared_) return;
  const PanelCanvas& canvas = ui_.canvas();
  const VkExtent2D extent{uint32_t(canvas.width), uint32_t(canvas.height)};
  // Cleared whole, so the old contents may go (UNDEFINED); the clear waits for last frame's sampling.
  desktop::imgui_target_barrier(cmd, image_, VK_IMAGE_LAYOUT_UNDEFINED, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                                VK_ACCESS_2_NONE);
  const glm::vec4 bg = ui_.background();
  imgui_->record_pass(cmd, unorm_view_, extent, VkClearColorValue{{bg.r, bg.g, bg.b, 1.0f}}, data);
  gpu::image_barriers(cmd, {{.image = image_,
                             .old_layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                             .new_layout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                             .src_stage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                             .src_access = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                             .dst_stage = VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                             .dst_access = VK_ACCESS_2_SHADER_SAMPLED_READ_BIT}});
  cleared_ = true;
  if (!data) return;
  drawn_ = true;
  drawn_hash_ = ui_.drawn_hash();
  ++redraws_;
}

}  // namespace meeloop::xr
