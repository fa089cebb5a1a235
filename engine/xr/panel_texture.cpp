#include "xr/panel_texture.h"

#include <imgui.h>
#include <backends/imgui_impl_vulkan.h>

#include "gpu/buffer.h"
#include "gpu/check.h"
#include "gpu/commands.h"
#include "ui/context_scope.h"

namespace meeloop::xr {
namespace {

using gpu::vk_struct;

constexpr VkFormat kUnorm = VK_FORMAT_R8G8B8A8_UNORM;  // ImGui blends sRGB-encoded values
constexpr VkFormat kSrgb = VK_FORMAT_R8G8B8A8_SRGB;    // the quad decodes them to linear

void check_imgui_vk(VkResult r) {
  if (r != VK_SUCCESS) gpu::throw_vk_error(r, "Dear ImGui Vulkan backend (headset panel)", __FILE__, __LINE__);
}

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

// Cleared, drawn, then left ready for sampling; the dependencies order it after last frame's
// sampling and before this frame's.
gpu::Handle<VkRenderPass> create_pass(VkDevice dev) {
  VkAttachmentDescription color{};
  color.format = kUnorm;
  color.samples = VK_SAMPLE_COUNT_1_BIT;
  color.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  color.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  color.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  color.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  color.finalLayout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL;
  VkAttachmentReference ref{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
  VkSubpassDescription sub{};
  sub.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
  sub.colorAttachmentCount = 1;
  sub.pColorAttachments = &ref;
  VkSubpassDependency deps[2]{};
  deps[0].srcSubpass = VK_SUBPASS_EXTERNAL;
  deps[0].dstSubpass = 0;
  deps[0].srcStageMask = VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT;
  deps[0].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  deps[0].dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  deps[1].srcSubpass = 0;
  deps[1].dstSubpass = VK_SUBPASS_EXTERNAL;
  deps[1].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  deps[1].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  deps[1].dstStageMask = VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT;
  deps[1].dstAccessMask = VK_ACCESS_SHADER_READ_BIT;
  auto ci = vk_struct<VkRenderPassCreateInfo>(VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO);
  ci.attachmentCount = 1;
  ci.pAttachments = &color;
  ci.subpassCount = 1;
  ci.pSubpasses = &sub;
  ci.dependencyCount = 2;
  ci.pDependencies = deps;
  VkRenderPass raw = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkCreateRenderPass(dev, &ci, nullptr, &raw));
  return {dev, raw};
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
    t->render_pass_ = create_pass(dev.get());
    auto fb = vk_struct<VkFramebufferCreateInfo>(VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO);
    fb.renderPass = t->render_pass_;
    fb.attachmentCount = 1;
    const VkImageView att = t->unorm_view_;
    fb.pAttachments = &att;
    fb.width = uint32_t(canvas.width);
    fb.height = uint32_t(canvas.height);
    fb.layers = 1;
    VkFramebuffer fbr = VK_NULL_HANDLE;
    MEELOOP_VK_CHECK(vkCreateFramebuffer(dev.get(), &fb, nullptr, &fbr));
    t->framebuffer_ = {dev.get(), fbr};

    const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 2};
    auto pool_ci = vk_struct<VkDescriptorPoolCreateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO);
    pool_ci.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
    pool_ci.maxSets = 2;
    pool_ci.poolSizeCount = 1;
    pool_ci.pPoolSizes = &size;
    VkDescriptorPool pool = VK_NULL_HANDLE;
    MEELOOP_VK_CHECK(vkCreateDescriptorPool(dev.get(), &pool_ci, nullptr, &pool));
    t->imgui_pool_ = {dev.get(), pool};

    ui::ContextScope scope(ui.context());  // the backend lives in the panel's context
    ImGui_ImplVulkan_InitInfo info{};
    info.Instance = context.instance().get();
    info.PhysicalDevice = dev.physical();
    info.Device = dev.get();
    info.QueueFamily = dev.queue_family();
    info.Queue = dev.queue();
    info.DescriptorPool = t->imgui_pool_;
    info.Subpass = 0;
    info.MinImageCount = 2;
    info.ImageCount = 2;
    info.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
    info.CheckVkResultFn = &check_imgui_vk;
    if (!ImGui_ImplVulkan_Init(&info, t->render_pass_))
      return failure("Dear ImGui's Vulkan backend did not start for the headset panel");
    t->backend_ = true;
    gpu::run_once(dev, [](VkCommandBuffer cmd) { ImGui_ImplVulkan_CreateFontsTexture(cmd); });
    ImGui_ImplVulkan_DestroyFontUploadObjects();
    return t;
  });
}

PanelTexture::~PanelTexture() {
  vkDeviceWaitIdle(context_.device().get());
  if (backend_) {
    ui::ContextScope scope(ui_.context());
    ImGui_ImplVulkan_Shutdown();
  }
}

void PanelTexture::record(VkCommandBuffer cmd) {
  ImDrawData* data = ui_.draw_data();
  // Before PanelUi's first frame the board is cleared only, so it is always sampleable.
  if (data ? drawn_ && ui_.drawn_hash() == drawn_hash_ : cleared_) return;
  const PanelCanvas& canvas = ui_.canvas();
  const glm::vec4 bg = ui_.background();
  VkClearValue clear{};
  clear.color = {{bg.r, bg.g, bg.b, 1.0f}};
  auto rp = vk_struct<VkRenderPassBeginInfo>(VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO);
  rp.renderPass = render_pass_;
  rp.framebuffer = framebuffer_;
  rp.renderArea = {{0, 0}, {uint32_t(canvas.width), uint32_t(canvas.height)}};
  rp.clearValueCount = 1;
  rp.pClearValues = &clear;
  vkCmdBeginRenderPass(cmd, &rp, VK_SUBPASS_CONTENTS_INLINE);
  if (data) {
    ui::ContextScope scope(ui_.context());
    ImGui_ImplVulkan_RenderDrawData(data, cmd);
  }
  vkCmdEndRenderPass(cmd);
  cleared_ = true;
  if (!data) return;
  drawn_ = true;
  drawn_hash_ = ui_.drawn_hash();
  ++redraws_;
}

}  // namespace meeloop::xr
