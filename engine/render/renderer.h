#pragma once
// The offscreen forward renderer. One frame: fill the frame uniforms, record every view at once
// with multiview (one array layer per View), submit, wait. Mono passes one View; OpenXR stereo
// passes two to the same call.
#include <map>
#include <filesystem>
#include <memory>
#include <span>

#include "core/error.h"
#include "gpu/context.h"
#include "gpu/handle.h"
#include "render/camera.h"
#include "render/gpu_scene.h"
#include "render/rgba_image.h"
#include "render/target.h"

namespace meeloop::render {

enum class MultiviewMode {
  Auto,  // multiview, except on lavapipe (see renderer.cpp: its clipper drops view > 0)
  On,    // all views in one pass with VK_KHR_multiview
  Off,   // one pass per view into that view's layer; same pictures, more CPU work
};

// How much a frame carries. Lavapipe transforms and bins vertices on one thread and shades
// every MSAA sample, so on a software rasteriser the default trades detail for frame time.
enum class Detail {
  Auto,    // Budget on a software rasteriser, Full on hardware
  Full,    // every triangle, 4x MSAA
  Budget,  // a scene-wide triangle budget (see triangle_budget.h), textures of at most
           // kBudgetMaxTextureSize sampled from their nearest mip level, diffuse light per
           // vertex, baked at upload (baked_light.h, shaders/mesh_budget.*), 1x MSAA
};

// Placed triangles a Budget scene is simplified towards. Quality guards (triangle_budget.cpp)
// may leave more: huiskamer keeps about 62,500 of 216,000, and its room shell gains about 3,400
// for light at the vertices (meeloop bench render).
inline constexpr size_t kDefaultTriangleBudget = 60'000;
// Largest texture side at Detail::Budget: a 1280x720 frame rarely shows more texels than this,
// and fewer texels load faster and stay in the CPU's caches.
inline constexpr uint32_t kBudgetMaxTextureSize = 1024;
// Longest triangle edge (metres) at Detail::Budget, where light is taken at the vertices: a
// lamp's pool of light on the floor spans a few of them.
inline constexpr float kBudgetVertexLightGrid = 0.4f;

// Points in each pass at which a software rasteriser starts on what it has binned so far.
// Lavapipe bins a whole pass on one thread (vertex shading, triangle setup) before its
// rasteriser threads start; split in three, they rasterise one part while the next is binned.
// Pictures are the same (tests/test_render_fixture.cpp).
inline constexpr uint32_t kSoftwareFlushPoints = 2;
inline constexpr uint32_t kMaxFlushPoints = 8;

struct RendererOptions {
  std::filesystem::path shader_dir;  // the compiled *.spv files (Settings::paths.shader_dir)
  std::filesystem::path cache_dir;   // simplified meshes at Detail::Budget (empty: not kept)
  // MSAA samples wanted, lowered to what the device supports; 0 = by detail (Full 4, Budget 1).
  uint32_t samples = 0;
  MultiviewMode multiview = MultiviewMode::Auto;  // default Auto
  Detail detail = Detail::Auto;
  size_t triangle_budget = kDefaultTriangleBudget;  // used at Detail::Budget
  // Flush points per pass, at most kMaxFlushPoints; -1 = kSoftwareFlushPoints on a software
  // rasteriser, none on a GPU (whose rasteriser starts at once anyway).
  int flush_points = -1;
};

// Detail::Auto made concrete for a device (exposed for tests).
Detail resolve_detail(Detail wanted, bool software_device);

struct FrameStats {
  double cpu_ms = 0.0;  // recording + submission
  double total_ms = 0.0;  // until the GPU finished
  size_t draws = 0;      // indexed draws recorded after culling (all passes)
  size_t triangles = 0;  // triangles of those draws
  size_t flushes = 0;    // flush points recorded (all passes)
};

class Renderer {
 public:
  // Loads shaders from options.shader_dir and builds layouts. Failure when shaders are
  // missing. `context` must outlive the Renderer; the caller owns the result.
  static Result<std::unique_ptr<Renderer>> create(const gpu::Context& context,
                                                  const RendererOptions& options = {});

  // Uploads a World (see gpu_scene.h). The result must not outlive the Renderer.
  Result<std::unique_ptr<GpuScene>> upload(const scene::World& world);
  // A target of width x height with one layer per view (1..kMaxViews); `keep_depth`: each
  // view's depth stays readable (RenderTarget::kept_depth, for an OpenXR depth layer).
  Result<RenderTarget> create_target(uint32_t width, uint32_t height, uint32_t views = 1, bool keep_depth = false);
  // Draws `scene` once per view into the matching layer of `target` and waits for the GPU.
  // views.size() must equal target.views(). The resolved image ends in TRANSFER_SRC_OPTIMAL.
  Status render(const GpuScene& scene, std::span<const View> views, RenderTarget& target);
  // Copies one layer of the last frame to the CPU (sRGB-encoded RGBA8).
  Result<RgbaImage> read_back(RenderTarget& target, uint32_t layer = 0);

  VkSampleCountFlagBits samples() const { return samples_; }
  Detail detail() const { return detail_; }  // Full or Budget, never Auto
  bool uses_multiview() const { return multiview_; }
  uint32_t flush_points() const { return flush_points_; }  // per pass, see RendererOptions
  const FrameStats& last_frame() const { return last_frame_; }
  const gpu::Context& context() const { return context_; }

 private:
  explicit Renderer(const gpu::Context& context) : context_(context) {}
  struct Pipelines {
    // `cutout` for opaque materials whose texture has holes (GpuMaterial::cutout).
    gpu::Handle<VkPipeline> opaque, cutout, blend;
  };
  const Pipelines& pipelines_for(uint32_t view_mask);
  // One vkCmdBeginRendering..End drawing every item; `first_view` is the View that
  // gl_ViewIndex 0 stands for.
  void record_pass(VkCommandBuffer cmd, const GpuScene& scene, std::span<const View> views,
                   RenderTarget& target, uint32_t view_mask, uint32_t first_view);
  void record(VkCommandBuffer cmd, const GpuScene& scene, std::span<const View> views,
              RenderTarget& target);
  void write_frame_uniforms(const GpuScene& scene, std::span<const View> views);

  const gpu::Context& context_;
  VkSampleCountFlagBits samples_ = VK_SAMPLE_COUNT_1_BIT;
  Detail detail_ = Detail::Full;
  size_t triangle_budget_ = 0;
  std::filesystem::path cache_dir_;
  gpu::Handle<VkShaderModule> vert_, frag_;
  gpu::Handle<VkDescriptorSetLayout> frame_layout_, texture_layout_;
  gpu::Handle<VkPipelineLayout> layout_;
  bool multiview_ = true;
  std::map<uint32_t, Pipelines> pipelines_;  // by viewMask (part of the pipeline)
  gpu::Buffer frame_ubo_;
  gpu::Handle<VkDescriptorPool> pool_;
  VkDescriptorSet frame_set_ = VK_NULL_HANDLE;
  gpu::Handle<VkCommandPool> command_pool_;
  VkCommandBuffer cmd_ = VK_NULL_HANDLE;
  gpu::Handle<VkFence> fence_;
  // A flush point is a timestamp write: lavapipe hands its binned triangles to the rasteriser
  // threads first (Mesa 22.3 lvp_execute.c, handle_write_timestamp2). One query per flush point,
  // pass and view (a multiview pass writes one per view).
  uint32_t flush_points_ = 0;
  gpu::Handle<VkQueryPool> flush_queries_;
  uint32_t flush_query_count() const { return flush_points_ * kMaxViews * kMaxViews; }
  FrameStats last_frame_;
};

}  // namespace meeloop::render
