#include "gpu/pipeline.h"

#include <array>
#include <fstream>

#include "gpu/check.h"

namespace meeloop::gpu {

Handle<VkShaderModule> load_shader(const Device& device, const std::filesystem::path& spv) {
  std::ifstream in(spv, std::ios::binary | std::ios::ate);
  if (!in)
    throw_gpu_failure("shader " + spv.string() +
                      " not found (build the meeloop_shaders target or set MEELOOP_SHADER_DIR)");
  const auto size = size_t(in.tellg());
  if (size == 0 || size % 4 != 0) throw_gpu_failure("shader " + spv.string() + " is not SPIR-V");
  std::vector<uint32_t> words(size / 4);
  in.seekg(0);
  in.read(reinterpret_cast<char*>(words.data()), std::streamsize(size));
  auto ci = vk_struct<VkShaderModuleCreateInfo>(VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO);
  ci.codeSize = size;
  ci.pCode = words.data();
  VkShaderModule raw = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkCreateShaderModule(device.get(), &ci, nullptr, &raw));
  device.name(raw, spv.filename().string());
  return {device.get(), raw};
}

Handle<VkPipelineLayout> create_pipeline_layout(const Device& device,
                                                std::span<const VkDescriptorSetLayout> sets,
                                                std::span<const VkPushConstantRange> push,
                                                std::string_view name) {
  auto ci = vk_struct<VkPipelineLayoutCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO);
  ci.setLayoutCount = uint32_t(sets.size());
  ci.pSetLayouts = sets.data();
  ci.pushConstantRangeCount = uint32_t(push.size());
  ci.pPushConstantRanges = push.data();
  VkPipelineLayout raw = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkCreatePipelineLayout(device.get(), &ci, nullptr, &raw));
  device.name(raw, name);
  return {device.get(), raw};
}

Handle<VkPipeline> create_graphics_pipeline(const Device& device, const GraphicsPipelineDesc& d,
                                            std::string_view name) {
  std::array<VkPipelineShaderStageCreateInfo, 2> stages{};
  stages[0] = vk_struct<VkPipelineShaderStageCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO);
  stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
  stages[0].module = d.vertex;
  stages[0].pName = "main";
  stages[1] = vk_struct<VkPipelineShaderStageCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO);
  stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
  stages[1].module = d.fragment;
  stages[1].pName = "main";
  const VkBool32 cutout = d.alpha_cutout ? VK_TRUE : VK_FALSE;
  const VkSpecializationMapEntry cutout_entry{0, 0, sizeof cutout};
  const VkSpecializationInfo spec{1, &cutout_entry, sizeof cutout, &cutout};
  stages[1].pSpecializationInfo = &spec;

  auto vi = vk_struct<VkPipelineVertexInputStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO);
  vi.vertexBindingDescriptionCount = uint32_t(d.bindings.size());
  vi.pVertexBindingDescriptions = d.bindings.data();
  vi.vertexAttributeDescriptionCount = uint32_t(d.attributes.size());
  vi.pVertexAttributeDescriptions = d.attributes.data();

  auto ia = vk_struct<VkPipelineInputAssemblyStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO);
  ia.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;

  auto vp = vk_struct<VkPipelineViewportStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO);
  vp.viewportCount = 1;
  vp.scissorCount = 1;

  auto rs = vk_struct<VkPipelineRasterizationStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO);
  rs.polygonMode = VK_POLYGON_MODE_FILL;
  rs.cullMode = VK_CULL_MODE_BACK_BIT;  // dynamic; this is only the documented default
  rs.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
  rs.lineWidth = 1.0f;

  auto ms = vk_struct<VkPipelineMultisampleStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO);
  ms.rasterizationSamples = d.samples;

  auto ds = vk_struct<VkPipelineDepthStencilStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO);
  ds.depthTestEnable = VK_TRUE;
  ds.depthWriteEnable = d.depth_write ? VK_TRUE : VK_FALSE;
  ds.depthCompareOp = VK_COMPARE_OP_LESS_OR_EQUAL;

  VkPipelineColorBlendAttachmentState att{};
  att.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT |
                       VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
  if (d.alpha_blend) {
    att.blendEnable = VK_TRUE;
    att.srcColorBlendFactor = VK_BLEND_FACTOR_SRC_ALPHA;
    att.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    att.colorBlendOp = VK_BLEND_OP_ADD;
    att.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
    att.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    att.alphaBlendOp = VK_BLEND_OP_ADD;
  }
  auto cb = vk_struct<VkPipelineColorBlendStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO);
  cb.attachmentCount = 1;
  cb.pAttachments = &att;

  const std::array<VkDynamicState, 4> dyn{VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR,
                                          VK_DYNAMIC_STATE_CULL_MODE, VK_DYNAMIC_STATE_FRONT_FACE};
  auto dy = vk_struct<VkPipelineDynamicStateCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO);
  dy.dynamicStateCount = uint32_t(dyn.size()) - (d.dynamic_front_face ? 0 : 1);
  dy.pDynamicStates = dyn.data();

  auto rendering = vk_struct<VkPipelineRenderingCreateInfo>(VK_STRUCTURE_TYPE_PIPELINE_RENDERING_CREATE_INFO);
  rendering.viewMask = d.view_mask;
  rendering.colorAttachmentCount = 1;
  rendering.pColorAttachmentFormats = &d.color_format;
  rendering.depthAttachmentFormat = d.depth_format;

  auto ci = vk_struct<VkGraphicsPipelineCreateInfo>(VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO);
  ci.pNext = &rendering;
  ci.stageCount = uint32_t(stages.size());
  ci.pStages = stages.data();
  ci.pVertexInputState = &vi;
  ci.pInputAssemblyState = &ia;
  ci.pViewportState = &vp;
  ci.pRasterizationState = &rs;
  ci.pMultisampleState = &ms;
  ci.pDepthStencilState = &ds;
  ci.pColorBlendState = &cb;
  ci.pDynamicState = &dy;
  ci.layout = d.layout;
  VkPipeline raw = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkCreateGraphicsPipelines(device.get(), VK_NULL_HANDLE, 1, &ci, nullptr, &raw));
  device.name(raw, name);
  return {device.get(), raw};
}

}  // namespace meeloop::gpu
