#pragma once
// Shader modules, pipeline layouts and graphics pipelines for dynamic rendering.
#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

#include <vulkan/vulkan.h>

#include "gpu/device.h"
#include "gpu/handle.h"

namespace meeloop::gpu {

// Loads a SPIR-V file (e.g. RendererOptions::shader_dir / "mesh.vert.spv": the caller names the
// folder, from Settings::paths.shader_dir); throws GpuException naming the path when it is
// missing or malformed.
Handle<VkShaderModule> load_shader(const Device& device, const std::filesystem::path& spv);

Handle<VkPipelineLayout> create_pipeline_layout(const Device& device,
                                                std::span<const VkDescriptorSetLayout> sets,
                                                std::span<const VkPushConstantRange> push,
                                                std::string_view name);

struct GraphicsPipelineDesc {
  VkShaderModule vertex = VK_NULL_HANDLE;
  VkShaderModule fragment = VK_NULL_HANDLE;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  std::vector<VkVertexInputBindingDescription> bindings;
  std::vector<VkVertexInputAttributeDescription> attributes;
  VkFormat color_format = VK_FORMAT_R8G8B8A8_SRGB;
  VkFormat depth_format = VK_FORMAT_D32_SFLOAT;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  uint32_t view_mask = 0;     // multiview: bit i renders array layer i
  bool alpha_blend = false;   // src-alpha over; default off (opaque)
  bool depth_write = true;    // default on
  bool alpha_cutout = false;  // fragment specialization constant 0 (the mesh shaders' discard)
  // Dynamic state always includes viewport, scissor and cull mode (set per draw for
  // double-sided materials); front face too where this is set (mirrored instances).
  bool dynamic_front_face = false;
};

// Creates a triangle-list pipeline for vkCmdBeginRendering. Throws GpuException.
Handle<VkPipeline> create_graphics_pipeline(const Device& device, const GraphicsPipelineDesc& desc,
                                            std::string_view name);

}  // namespace meeloop::gpu
