#include "desktop/imgui_renderer.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>

#include <imgui.h>

#include "gpu/check.h"
#include "gpu/descriptors.h"
#include "gpu/pipeline.h"
#include "gpu/sync.h"
#include "gpu/upload.h"

namespace meeloop::desktop {
namespace {

using gpu::vk_struct;

// SPIR-V of shaders/imgui.{vert,frag}, compiled into the program by glslc (shaders/CMakeLists.txt).
constexpr uint32_t kVertexSpirv[] = {
#include "imgui.vert.inc"
};
constexpr uint32_t kFragmentSpirv[] = {
#include "imgui.frag.inc"
};

gpu::Handle<VkShaderModule> shader_module(const gpu::Device& device, std::span<const uint32_t> words,
                                          const std::string& name) {
  auto ci = vk_struct<VkShaderModuleCreateInfo>(VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO);
  ci.codeSize = words.size_bytes();
  ci.pCode = words.data();
  VkShaderModule raw = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkCreateShaderModule(device.get(), &ci, nullptr, &raw));
  device.name(raw, name);
  return {device.get(), raw};
}

// The sampler 1.86's backend used: bilinear, so glyphs drawn at their atlas size stay exact.
gpu::Handle<VkSampler> font_sampler(const gpu::Device& device, const std::string& name) {
  auto ci = vk_struct<VkSamplerCreateInfo>(VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO);
  ci.magFilter = VK_FILTER_LINEAR;
  ci.minFilter = VK_FILTER_LINEAR;
  ci.mipmapMode = VK_SAMPLER_MIPMAP_MODE_LINEAR;
  ci.addressModeU = ci.addressModeV = ci.addressModeW = VK_SAMPLER_ADDRESS_MODE_REPEAT;
  ci.minLod = -1000.0f;
  ci.maxLod = 1000.0f;
  ci.maxAnisotropy = 1.0f;
  VkSampler raw = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkCreateSampler(device.get(), &ci, nullptr, &raw));
  device.name(raw, name);
  return {device.get(), raw};
}

struct Transform {
  float scale[2];
  float translate[2];
};

}  // namespace

VkRect2D imgui_scissor(const float clip[4], const float display_pos[2], const float scale[2], VkExtent2D target) {
  const float x0 = std::max((clip[0] - display_pos[0]) * scale[0], 0.0f);
  const float y0 = std::max((clip[1] - display_pos[1]) * scale[1], 0.0f);
  const float x1 = std::min((clip[2] - display_pos[0]) * scale[0], float(target.width));
  const float y1 = std::min((clip[3] - display_pos[1]) * scale[1], float(target.height));
  if (x1 <= x0 || y1 <= y0) return {};
  return {{int32_t(x0), int32_t(y0)}, {uint32_t(x1 - x0), uint32_t(y1 - y0)}};
}

void imgui_target_barrier(VkCommandBuffer cmd, VkImage image, VkImageLayout old_layout,
                          VkPipelineStageFlags2 src_stage, VkAccessFlags2 src_access) {
  gpu::image_barriers(cmd, {{.image = image,
                             .old_layout = old_layout,
                             .new_layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                             .src_stage = src_stage,
                             .src_access = src_access,
                             .dst_stage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                             .dst_access = VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT |
                                           VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT}});
}

ImGuiRenderer::ImGuiRenderer(const gpu::Device& device, VkFormat color_format, std::string name)
    : device_(device), name_(std::move(name)) {
  sampler_ = font_sampler(device, name_ + ": font sampler");
  const VkSampler sampler = sampler_;
  const VkDescriptorSetLayoutBinding binding{0, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1,
                                             VK_SHADER_STAGE_FRAGMENT_BIT, &sampler};
  set_layout_ = gpu::create_set_layout(device, {&binding, 1}, name_ + ": font set layout");
  const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1};
  pool_ = gpu::create_descriptor_pool(device, {&size, 1}, 1, name_ + ": font descriptors");
  set_ = gpu::allocate_set(device, pool_, set_layout_, name_ + ": font set");
  const VkDescriptorSetLayout set_layout = set_layout_;
  const VkPushConstantRange push{VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(Transform)};
  layout_ = gpu::create_pipeline_layout(device, {&set_layout, 1}, {&push, 1}, name_ + ": pipeline layout");

  auto vertex = shader_module(device, kVertexSpirv, "imgui.vert");
  auto fragment = shader_module(device, kFragmentSpirv, "imgui.frag");
  gpu::GraphicsPipelineDesc d;
  d.vertex = vertex;
  d.fragment = fragment;
  d.layout = layout_;
  d.bindings = {{0, sizeof(ImDrawVert), VK_VERTEX_INPUT_RATE_VERTEX}};
  d.attributes = {{0, 0, VK_FORMAT_R32G32_SFLOAT, uint32_t(offsetof(ImDrawVert, pos))},
                  {1, 0, VK_FORMAT_R32G32_SFLOAT, uint32_t(offsetof(ImDrawVert, uv))},
                  {2, 0, VK_FORMAT_R8G8B8A8_UNORM, uint32_t(offsetof(ImDrawVert, col))}};
  d.color_format = color_format;
  d.depth_format = VK_FORMAT_UNDEFINED;  // over the picture: no depth
  d.alpha_blend = true;                  // the factors 1.86's backend blends with
  d.depth_write = false;
  pipeline_ = gpu::create_graphics_pipeline(device, d, name_ + ": pipeline");
}

void ImGuiRenderer::upload_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
  gpu::ImageDesc desc;
  desc.format = VK_FORMAT_R8G8B8A8_UNORM;
  desc.width = uint32_t(width);
  desc.height = uint32_t(height);
  desc.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
  gpu::Image font = gpu::create_image(device_, desc, name_ + ": font atlas");
  gpu::Uploader up(device_);
  up.image_rgba8(font, pixels);
  up.flush();
  font_ = std::move(font);  // the old atlas goes: the caller made sure nothing reads it
  gpu::write_image(device_, set_, 0, font_.view, sampler_);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(set_));
  // Draw lists past 64k vertices split into commands with a vertex offset, which record() honours.
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
}

void ImGuiRenderer::setup(VkCommandBuffer cmd, const ImDrawData& data, VkExtent2D target) const {
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline_);
  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layout_, 0, 1, &set_, 0, nullptr);
  if (data.TotalVtxCount > 0) {
    const VkBuffer vb = vertices_.buffer;
    const VkDeviceSize offset = 0;
    vkCmdBindVertexBuffers(cmd, 0, 1, &vb, &offset);
    vkCmdBindIndexBuffer(cmd, indices_.buffer, 0, sizeof(ImDrawIdx) == 2 ? VK_INDEX_TYPE_UINT16 : VK_INDEX_TYPE_UINT32);
  }
  const VkViewport viewport{0.0f, 0.0f, float(target.width), float(target.height), 0.0f, 1.0f};
  vkCmdSetViewport(cmd, 0, 1, &viewport);
  vkCmdSetCullMode(cmd, VK_CULL_MODE_NONE);
  // ImGui's display rectangle onto clip space [-1, 1].
  Transform t{};
  t.scale[0] = 2.0f / data.DisplaySize.x;
  t.scale[1] = 2.0f / data.DisplaySize.y;
  t.translate[0] = -1.0f - data.DisplayPos.x * t.scale[0];
  t.translate[1] = -1.0f - data.DisplayPos.y * t.scale[1];
  vkCmdPushConstants(cmd, layout_, VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof t, &t);
}

void ImGuiRenderer::record(VkCommandBuffer cmd, const ImDrawData& data, VkExtent2D target) {
  // ImGui's own framebuffer size (display size times scale) sets the viewport, as in 1.86's
  // backend; scissors are also kept inside the image drawn into.
  const float fw = data.DisplaySize.x * data.FramebufferScale.x, fh = data.DisplaySize.y * data.FramebufferScale.y;
  if (fw < 1.0f || fh < 1.0f || !has_fonts()) return;
  const VkExtent2D fb{uint32_t(fw), uint32_t(fh)};
  const VkExtent2D clip_area{std::min(fb.width, target.width), std::min(fb.height, target.height)};

  if (data.TotalVtxCount > 0) {
    const VkDeviceSize vbytes = VkDeviceSize(data.TotalVtxCount) * sizeof(ImDrawVert);
    const VkDeviceSize ibytes = VkDeviceSize(data.TotalIdxCount) * sizeof(ImDrawIdx);
    // Grown, never shrunk: the last frame using them has finished (one frame in flight).
    if (vertices_.size < vbytes)
      vertices_ = gpu::create_buffer(device_, std::max(vbytes, 2 * vertices_.size), VK_BUFFER_USAGE_VERTEX_BUFFER_BIT,
                                     gpu::MemoryUse::Upload, name_ + ": vertices");
    if (indices_.size < ibytes)
      indices_ = gpu::create_buffer(device_, std::max(ibytes, 2 * indices_.size), VK_BUFFER_USAGE_INDEX_BUFFER_BIT,
                                    gpu::MemoryUse::Upload, name_ + ": indices");
    auto* vdst = static_cast<ImDrawVert*>(vertices_.mapped);
    auto* idst = static_cast<ImDrawIdx*>(indices_.mapped);
    for (int n = 0; n < data.CmdListsCount; ++n) {
      const ImDrawList& list = *data.CmdLists[n];
      std::memcpy(vdst, list.VtxBuffer.Data, size_t(list.VtxBuffer.Size) * sizeof(ImDrawVert));
      std::memcpy(idst, list.IdxBuffer.Data, size_t(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
      vdst += list.VtxBuffer.Size;
      idst += list.IdxBuffer.Size;
    }
  }

  setup(cmd, data, fb);
  const float pos[2] = {data.DisplayPos.x, data.DisplayPos.y};
  const float scale[2] = {data.FramebufferScale.x, data.FramebufferScale.y};
  uint32_t vertex_base = 0, index_base = 0;
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList& list = *data.CmdLists[n];
    for (const ImDrawCmd& c : list.CmdBuffer) {
      if (c.UserCallback) {
        if (c.UserCallback == ImDrawCallback_ResetRenderState) setup(cmd, data, fb);
        else c.UserCallback(&list, &c);
        continue;
      }
      if (c.ElemCount == 0) continue;
      const float clip[4] = {c.ClipRect.x, c.ClipRect.y, c.ClipRect.z, c.ClipRect.w};
      const VkRect2D scissor = imgui_scissor(clip, pos, scale, clip_area);
      if (scissor.extent.width == 0 || scissor.extent.height == 0) continue;
      vkCmdSetScissor(cmd, 0, 1, &scissor);
      vkCmdDrawIndexed(cmd, c.ElemCount, 1, c.IdxOffset + index_base, int32_t(c.VtxOffset + vertex_base), 0);
    }
    vertex_base += uint32_t(list.VtxBuffer.Size);
    index_base += uint32_t(list.IdxBuffer.Size);
  }
}

void ImGuiRenderer::record_pass(VkCommandBuffer cmd, VkImageView view, VkExtent2D target,
                                std::optional<VkClearColorValue> clear, const ImDrawData* data) {
  auto att = vk_struct<VkRenderingAttachmentInfo>(VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO);
  att.imageView = view;
  att.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  att.loadOp = clear ? VK_ATTACHMENT_LOAD_OP_CLEAR : VK_ATTACHMENT_LOAD_OP_LOAD;
  att.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  if (clear) att.clearValue.color = *clear;
  auto info = vk_struct<VkRenderingInfo>(VK_STRUCTURE_TYPE_RENDERING_INFO);
  info.renderArea = {{0, 0}, target};
  info.layerCount = 1;
  info.colorAttachmentCount = 1;
  info.pColorAttachments = &att;
  vkCmdBeginRendering(cmd, &info);
  if (data) record(cmd, *data, target);
  vkCmdEndRendering(cmd);
}

}  // namespace meeloop::desktop
