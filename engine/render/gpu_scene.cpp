#include "render/gpu_scene.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <tuple>

#include "gpu/check.h"
#include "gpu/commands.h"
#include "gpu/descriptors.h"
#include "gpu/sync.h"
#include "gpu/upload.h"
#include "render/baked_light.h"
#include "render/closed_surfaces.h"
#include "render/texture_mips.h"
#include "render/triangle_budget.h"
#include "render/vertex_light_grid.h"

namespace meeloop::render {
namespace {

Error world_error(const scene::World& world, const std::string& what) {
  return failure("scene \"" + world.name + "\" cannot be drawn: " + what);
}

// References a loader could get wrong; the GPU would read out of bounds instead of failing.
std::optional<Error> check_world(const scene::World& w) {
  const auto n = [](size_t v) { return std::to_string(v); };
  for (size_t i = 0; i < w.images.size(); ++i) {
    const auto& img = w.images[i];
    if (img.width == 0 || img.height == 0 || img.rgba.size() != size_t(img.width) * img.height * 4)
      return world_error(w, "image " + n(i) + " (" + img.source + ") has " + n(img.rgba.size()) +
                                " bytes for " + n(img.width) + "x" + n(img.height) + " RGBA pixels");
  }
  for (size_t i = 0; i < w.materials.size(); ++i) {
    int t = w.materials[i].base_color_texture;
    if (t >= int(w.images.size()))
      return world_error(w, "material " + n(i) + " uses texture " + std::to_string(t) + " of " +
                                n(w.images.size()));
  }
  for (size_t m = 0; m < w.meshes.size(); ++m) {
    const auto& mesh = w.meshes[m];
    for (uint32_t idx : mesh.indices)
      if (idx >= mesh.vertices.size())
        return world_error(w, "mesh " + n(m) + " (" + mesh.source + ") has index " + n(idx) +
                                  " past its " + n(mesh.vertices.size()) + " vertices");
    for (const auto& p : mesh.primitives) {
      if (size_t(p.first_index) + p.index_count > mesh.indices.size() || p.index_count % 3 != 0)
        return world_error(w, "mesh " + n(m) + " (" + mesh.source + ") has a primitive outside its indices");
      if (p.material < 0 || p.material >= int(w.materials.size()))
        return world_error(w, "mesh " + n(m) + " uses material " + std::to_string(p.material) +
                                  " of " + n(w.materials.size()));
    }
  }
  for (const auto& inst : w.instances)
    if (inst.mesh < 0 || inst.mesh >= int(w.meshes.size()))
      return world_error(w, "instance \"" + inst.id + "\" uses mesh " + std::to_string(inst.mesh) +
                                " of " + n(w.meshes.size()));
  return std::nullopt;
}

// At most this many triangles are added to one mesh for lighting at its vertices.
constexpr size_t kMaxVertexLightTriangles = 6000;
// Meshes whose triangles average more than this (square metres of placed bounding-box
// surface) are too coarse to be lit at their vertices as they are: the room shell, a table top.
// Finer meshes (people, cushions) have vertices every few centimetres already.
constexpr double kMaxVertexLitTriangleArea = 0.05;


// Splits a coarse mesh's long edges, down to a tenth of `grid` beside a lamp (a ceiling lamp's
// pool of light on the ceiling is a few centimetres across where it is brightest).
void split_for_vertex_light(const scene::World& world, size_t m, MeshLod& lod, float grid) {
  std::vector<glm::mat4> placements;
  float scale = 0.0f;      // largest of any placement
  double surface = 0.0;    // of the largest placed bounding box
  for (const auto& inst : world.instances)
    if (size_t(inst.mesh) == m) {
      placements.push_back(inst.transform);
      scale = std::max(scale, placement_scale(inst.transform));
      surface = std::max(surface, placed_surface(world.meshes[m], inst.transform));
    }
  const bool coarse = double(lod.indices.size() / 3) * kMaxVertexLitTriangleArea < surface;
  if (scale <= 0.0f || !coarse) return;
  const auto& lamps = world.lighting.points;
  // Beyond every lamp's range only the sun and the sky light a surface, evenly where it is flat.
  const EdgeLimit limit = [&](const glm::vec3& a, const glm::vec3& b) {
    float metres = std::numeric_limits<float>::infinity();
    for (const glm::mat4& t : placements) {
      const glm::vec3 wa(t * glm::vec4(a, 1.0f)), wb(t * glm::vec4(b, 1.0f));
      const glm::vec3 ab = wb - wa;
      for (const auto& lamp : lamps) {
        // Distance from the lamp to the nearest point of the edge.
        const float along =
            glm::clamp(glm::dot(lamp.position - wa, ab) / std::max(glm::dot(ab, ab), 1e-12f), 0.0f, 1.0f);
        const float d = glm::distance(wa + ab * along, lamp.position);
        if (d < lamp.range + grid) metres = std::min(metres, std::clamp(0.5f * d, grid * 0.1f, grid));
      }
    }
    return metres / scale;
  };
  split_long_edges(lod, limit, kMaxVertexLightTriangles);
}

// The geometry to draw per world mesh: all of it, or fewer triangles to fit the budget; long
// edges split where light is taken at the vertices.
std::vector<MeshLod> drawn_geometry(const scene::World& world, const UploadDetail& detail) {
  std::vector<MeshLod> lods;
  if (detail.triangle_budget > 0) lods = fit_triangle_budget(world, detail.triangle_budget, detail.cache_dir);
  if (lods.empty())
    for (const auto& m : world.meshes) lods.push_back({{}, m.indices, m.primitives});
  for (size_t m = 0; m < lods.size(); ++m)
    if (lods[m].vertices.empty()) lods[m].vertices = world.meshes[m].vertices;
  if (detail.vertex_light_grid > 0.0f)
    for (size_t m = 0; m < lods.size(); ++m)
      split_for_vertex_light(world, m, lods[m], detail.vertex_light_grid);
  return lods;
}

bool has_transparent_pixels(const scene::Image& img) {
  for (size_t i = 3; i < img.rgba.size(); i += 4)
    if (img.rgba[i] < 250) return true;
  return false;
}

// Device-local buffer holding `bytes` (at least 4, so empty worlds still bind something).
gpu::Buffer device_buffer(const gpu::Device& device, gpu::Uploader& up, const void* data,
                          size_t bytes, VkBufferUsageFlags usage, const char* name) {
  auto b = gpu::create_buffer(device, std::max<size_t>(bytes, 4),
                              usage | VK_BUFFER_USAGE_TRANSFER_DST_BIT, gpu::MemoryUse::DeviceLocal,
                              name);
  up.buffer(b, data, bytes);
  return b;
}

}  // namespace

Result<std::unique_ptr<GpuScene>> upload_world(const gpu::Device& device, VkDescriptorSetLayout texture_layout,
                                               const scene::World& world, Log& log,
                                               const UploadDetail& detail) {
  if (auto err = check_world(world)) return *err;
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  const std::vector<MeshLod> drawn = drawn_geometry(world, detail);
  const auto t_lod = Clock::now();
  return gpu::catch_gpu<std::unique_ptr<GpuScene>>([&]() -> Result<std::unique_ptr<GpuScene>> {
    auto s = std::unique_ptr<GpuScene>(new GpuScene());
    s->lighting_ = world.lighting;
    s->clear_color_ = world.clear_color;
    gpu::Uploader up(device);

    // Geometry: meshes concatenated; each remembers where its vertices and indices start.
    std::vector<scene::Vertex> vertices;
    std::vector<uint32_t> indices;
    std::vector<std::pair<int32_t, uint32_t>> mesh_base;  // vertex offset, first index
    for (size_t m = 0; m < world.meshes.size(); ++m) {
      mesh_base.emplace_back(int32_t(vertices.size()), uint32_t(indices.size()));
      vertices.insert(vertices.end(), drawn[m].vertices.begin(), drawn[m].vertices.end());
      indices.insert(indices.end(), drawn[m].indices.begin(), drawn[m].indices.end());
    }
    s->vertices_ = device_buffer(device, up, vertices.data(), vertices.size() * sizeof(scene::Vertex),
                                 VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, "scene vertices");
    s->indices_ = device_buffer(device, up, indices.data(), indices.size() * sizeof(uint32_t),
                                VK_BUFFER_USAGE_INDEX_BUFFER_BIT, "scene indices");
    if (detail.bake_vertex_light) {
      std::vector<LitVertex> light;
      for (const auto& inst : world.instances) {
        s->light_offsets_.push_back(light.size() * sizeof(LitVertex));
        const auto baked = bake_vertex_light(drawn[size_t(inst.mesh)].vertices, inst.transform,
                                             world.lighting, kMaxPointLights);
        light.insert(light.end(), baked.begin(), baked.end());
      }
      s->light_ = device_buffer(device, up, light.data(), light.size() * sizeof(LitVertex),
                                VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, "scene light");
      s->stats_.lit_vertices = light.size();
    }

    for (const auto& inst : world.instances) {
      s->models_.push_back(inst.transform);
      const auto& mesh = world.meshes[size_t(inst.mesh)];
      s->centres_.push_back(glm::vec3(inst.transform * glm::vec4((mesh.bounds_min + mesh.bounds_max) * 0.5f, 1.0f)));
      glm::vec3 lo(std::numeric_limits<float>::max()), hi(-std::numeric_limits<float>::max());
      for (int corner = 0; corner < 8; ++corner) {
        const glm::vec3 local{(corner & 1) ? mesh.bounds_max.x : mesh.bounds_min.x,
                              (corner & 2) ? mesh.bounds_max.y : mesh.bounds_min.y,
                              (corner & 4) ? mesh.bounds_max.z : mesh.bounds_min.z};
        const glm::vec3 w = glm::vec3(inst.transform * glm::vec4(local, 1.0f));
        lo = glm::min(lo, w);
        hi = glm::max(hi, w);
      }
      s->bounds_min_.push_back(lo);
      s->bounds_max_.push_back(hi);
      s->mirrored_.push_back(glm::determinant(glm::mat3(inst.transform)) < 0.0f);
    }

    // Textures, then a 1x1 white one for untextured materials (the binding must stay valid).
    // Every level of every texture goes through one staging buffer and one submission.
    std::vector<bool> cutout(world.images.size());
    std::vector<std::vector<scene::Image>> chains;
    size_t texel_bytes = 0;
    for (size_t i = 0; i < world.images.size(); ++i) {
      chains.push_back(mip_chain(world.images[i], detail.max_texture_size));
      cutout[i] = has_transparent_pixels(world.images[i]);
    }
    chains.push_back({scene::Image{"white", 1, 1, {255, 255, 255, 255}}});
    for (const auto& chain : chains)
      for (const auto& level : chain) texel_bytes += level.rgba.size();
    gpu::Buffer staging = gpu::create_buffer(device, texel_bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                             gpu::MemoryUse::Upload, "texture staging");
    std::vector<std::vector<VkBufferImageCopy>> regions;
    size_t offset = 0;
    for (const auto& chain : chains) {
      gpu::ImageDesc d;
      // Colour textures hold sRGB-encoded values; as UNORM the shader decodes them.
      d.format = detail.srgb_textures ? VK_FORMAT_R8G8B8A8_SRGB : VK_FORMAT_R8G8B8A8_UNORM;
      d.width = chain[0].width;
      d.height = chain[0].height;
      d.mip_levels = uint32_t(chain.size());
      d.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
      s->textures_.push_back({gpu::create_image(device, d, "texture " + chain[0].source), VK_NULL_HANDLE});
      auto& r = regions.emplace_back();
      for (uint32_t level = 0; level < chain.size(); ++level) {
        std::memcpy(static_cast<char*>(staging.mapped) + offset, chain[level].rgba.data(),
                    chain[level].rgba.size());
        VkBufferImageCopy c{};
        c.bufferOffset = offset;
        c.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level, 0, 1};
        c.imageExtent = {chain[level].width, chain[level].height, 1};
        r.push_back(c);
        offset += chain[level].rgba.size();
      }
    }
    const uint32_t white = uint32_t(s->textures_.size() - 1);
    gpu::run_once(device, [&](VkCommandBuffer cmd) {
      for (size_t t = 0; t < s->textures_.size(); ++t) {
        const VkImage image = s->textures_[t].image.image;
        gpu::image_barriers(cmd, {{.image = image,
                                   .new_layout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                   .dst_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                                   .dst_access = VK_ACCESS_2_TRANSFER_WRITE_BIT}});
        vkCmdCopyBufferToImage(cmd, staging.buffer, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                               uint32_t(regions[t].size()), regions[t].data());
        gpu::image_barriers(cmd, {{.image = image,
                                   .old_layout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                   .new_layout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                                   .src_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                                   .src_access = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                                   .dst_stage = VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                                   .dst_access = VK_ACCESS_2_SHADER_SAMPLED_READ_BIT}});
      }
    });
    const auto t_staged = Clock::now();
    up.flush();
    const auto t_flushed = Clock::now();
    s->stats_.uploaded_bytes = up.total_bytes() + texel_bytes;

    s->sampler_ = gpu::create_sampler(device, 16, "scene sampler", detail.blend_mip_levels);
    const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, uint32_t(s->textures_.size())};
    s->pool_ = gpu::create_descriptor_pool(device, {&size, 1}, uint32_t(s->textures_.size()), "scene descriptors");
    for (auto& t : s->textures_) {
      t.set = gpu::allocate_set(device, s->pool_, texture_layout, "texture set");
      gpu::write_image(device, t.set, 0, t.image.view, s->sampler_);
    }

    for (const auto& m : world.materials) {
      GpuMaterial g;
      const bool textured = m.base_color_texture >= 0;
      g.texture = textured ? uint32_t(m.base_color_texture) : white;
      g.blend = m.base_color.a < 0.999f;
      g.double_sided = m.double_sided;
      // Textures with holes (leaves, lace curtains) are cut out rather than sorted and blended.
      g.cutout = !g.blend && textured && cutout[size_t(m.base_color_texture)];
      const float cutoff = g.cutout ? 0.5f : 0.0f;
      g.push.base_color = m.base_color;
      g.push.emissive_metallic = glm::vec4(m.emissive, m.metallic);
      g.push.params = glm::vec4(m.roughness, cutoff, textured ? 1.0f : 0.0f, 0.0f);
      s->materials_.push_back(g);
    }

    std::vector<std::vector<bool>> closed;
    for (const MeshLod& m : drawn) closed.push_back(closed_primitives(m.vertices, m.indices, m.primitives));
    for (uint32_t i = 0; i < world.instances.size(); ++i) {
      const size_t mi = size_t(world.instances[i].mesh);
      for (size_t k = 0; k < drawn[mi].primitives.size(); ++k) {
        const auto& p = drawn[mi].primitives[k];
        if (p.index_count == 0) continue;
        const GpuMaterial& mat = s->materials_[size_t(p.material)];
        DrawItem d{i, mesh_base[mi].second + p.first_index, p.index_count, mesh_base[mi].first,
                   uint32_t(p.material)};
        // Through a blended or cut-out closed surface its far side shows.
        d.cull_back = !mat.double_sided || (closed[mi][k] && !mat.blend && !mat.cutout);
        (mat.blend ? s->blended_ : s->opaque_).push_back(d);
      }
    }
    // Fewer state changes: group opaque draws by texture, then culling mode.
    std::stable_sort(s->opaque_.begin(), s->opaque_.end(), [&](const DrawItem& a, const DrawItem& b) {
      return std::tie(s->materials_[a.material].texture, a.cull_back) <
             std::tie(s->materials_[b.material].texture, b.cull_back);
    });

    auto& st = s->stats_;
    st.meshes = world.meshes.size();
    st.instances = world.instances.size();
    st.draws = s->opaque_.size() + s->blended_.size();
    st.textures = world.images.size();
    st.vertices = vertices.size();
    st.triangles = indices.size() / 3;
    for (const auto* list : {&s->opaque_, &s->blended_})
      for (const DrawItem& d : *list) st.placed_triangles += d.index_count / 3;
    const auto ms = [](Clock::time_point a, Clock::time_point b) {
      return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count());
    };
    log.debug("render: uploaded " + std::to_string(st.meshes) + " meshes, " +
              std::to_string(st.instances) + " instances, " + std::to_string(st.textures) +
              " textures, " + std::to_string(st.uploaded_bytes >> 10) + " KiB, " +
              std::to_string(st.placed_triangles) + " placed triangles (simplify " + ms(t0, t_lod) +
              " ms, textures " + ms(t_lod, t_staged) + " ms, geometry " +
              ms(t_staged, t_flushed) + " ms)");
    return s;
  });
}

}  // namespace meeloop::render
