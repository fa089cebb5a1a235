#pragma once
// A scene::World uploaded to the GPU once: every mesh in one shared vertex/index buffer (a mesh
// placed ten times is stored once; instances refer to it), base-colour textures with mipmaps,
// instance transforms (pushed with each draw), and a pre-sorted draw list.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include <vulkan/vulkan.h>

#include "core/error.h"
#include "core/log.h"
#include "gpu/buffer.h"
#include "gpu/device.h"
#include "gpu/image.h"
#include "render/shader_types.h"
#include "scene/world.h"

namespace meeloop::render {

// One indexed draw: a primitive of a mesh as placed by one instance.
struct DrawItem {
  uint32_t instance = 0;  // World instance index
  uint32_t first_index = 0;
  uint32_t index_count = 0;
  int32_t vertex_offset = 0;
  uint32_t material = 0;
  // Back faces culled: the material is single-sided, or this primitive is a closed surface
  // (render/closed_surfaces.h).
  bool cull_back = false;
};

struct GpuMaterial {
  MaterialPush push;
  uint32_t texture = 0;  // index into GpuScene::textures (the last one is plain white)
  bool blend = false;         // drawn after opaque geometry, sorted back to front
  bool double_sided = false;  // drawn without back-face culling unless the surface is closed
  bool cutout = false;        // opaque, with texels below the alpha cut-off (discarded)
};

struct GpuTexture {
  gpu::Image image;
  VkDescriptorSet set = VK_NULL_HANDLE;  // set 1 of the mesh pipeline layout
};

// Figures for logs and benchmarks.
struct SceneStats {
  size_t meshes = 0, instances = 0, draws = 0, textures = 0;
  size_t vertices = 0, triangles = 0;  // stored once per mesh, not per instance
  size_t lit_vertices = 0;             // light stream entries, one per placed vertex (Budget)
  size_t placed_triangles = 0;         // summed over instances: what a frame seeing all draws
  size_t uploaded_bytes = 0;
};

// What an upload may leave out to make frames cheaper (0 = nothing).
struct UploadDetail {
  size_t triangle_budget = 0;     // placed triangles (see triangle_budget.h)
  std::filesystem::path cache_dir;  // where simplified meshes are kept (empty: not kept)
  uint32_t max_texture_size = 0;  // larger textures are halved until they fit
  float vertex_light_grid = 0.0f;  // metres: longer edges are split (render/vertex_light_grid.h)
  bool blend_mip_levels = true;    // trilinear; false: the nearest level only (gpu::create_sampler)
  bool bake_vertex_light = false;  // a light stream per placement (render/baked_light.h)
  // false: textures are UNORM images of the same sRGB-encoded bytes, filtered as they are
  // (between texels in sRGB terms, a slight error) and decoded by the shader (mesh_budget.frag).
  // Lavapipe samples those markedly faster: ~7 ms of a 1280x720 huiskamer frame.
  bool srgb_textures = true;
};

class GpuScene {
 public:
  const SceneStats& stats() const { return stats_; }
  const std::vector<DrawItem>& opaque() const { return opaque_; }
  const std::vector<DrawItem>& blended() const { return blended_; }
  const std::vector<GpuMaterial>& materials() const { return materials_; }
  const std::vector<GpuTexture>& textures() const { return textures_; }
  const scene::Lighting& lighting() const { return lighting_; }
  const glm::vec3& clear_color() const { return clear_color_; }
  // World-space centre of an instance's bounds (for sorting draws by distance).
  const glm::vec3& instance_centre(uint32_t i) const { return centres_[i]; }
  // World-space axis-aligned bounds of an instance (for frustum culling).
  const glm::vec3& instance_min(uint32_t i) const { return bounds_min_[i]; }
  const glm::vec3& instance_max(uint32_t i) const { return bounds_max_[i]; }
  size_t instance_count() const { return centres_.size(); }
  // Whether an instance's transform mirrors it (its triangles wind the other way on screen).
  bool mirrored(uint32_t i) const { return mirrored_[i]; }
  VkBuffer vertex_buffer() const { return vertices_.buffer; }
  // The light stream of UploadDetail::bake_vertex_light (VK_NULL_HANDLE without), and where
  // an instance's part of it starts (bytes). Vertex i of a draw's mesh is entry i from there.
  VkBuffer light_buffer() const { return light_.buffer; }
  VkDeviceSize light_offset(uint32_t instance) const { return light_offsets_[instance]; }
  VkBuffer index_buffer() const { return indices_.buffer; }
  // Model -> world matrix of an instance (pushed with each draw).
  const glm::mat4& instance_model(uint32_t i) const { return models_[i]; }

 private:
  friend Result<std::unique_ptr<GpuScene>> upload_world(const gpu::Device&, VkDescriptorSetLayout,
                                                        const scene::World&, Log&, const UploadDetail&);
  gpu::Buffer vertices_, indices_, light_;
  std::vector<VkDeviceSize> light_offsets_;
  gpu::Handle<VkSampler> sampler_;
  std::vector<GpuTexture> textures_;
  gpu::Handle<VkDescriptorPool> pool_;  // after textures/buffers: sets die before them anyway
  std::vector<GpuMaterial> materials_;
  std::vector<DrawItem> opaque_, blended_;
  std::vector<glm::mat4> models_;
  std::vector<glm::vec3> centres_, bounds_min_, bounds_max_;
  std::vector<bool> mirrored_;
  scene::Lighting lighting_;
  glm::vec3 clear_color_{0.0f};
  SceneStats stats_;
};

// Checks `world` for out-of-range references (Failure naming the offender), then uploads it
// (geometry, and textures with mipmaps made on the CPU) reduced as `detail` says. The caller
// owns the result; it must not outlive `device`.
Result<std::unique_ptr<GpuScene>> upload_world(const gpu::Device& device, VkDescriptorSetLayout texture_layout,
                                               const scene::World& world, Log& log,
                                               const UploadDetail& detail = {});

}  // namespace meeloop::render
