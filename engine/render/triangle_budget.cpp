#include "render/triangle_budget.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include <meshoptimizer.h>

#include "core/files.h"
#include "core/hash.h"

namespace meeloop::render {
namespace {

// Meshes at or below this many triangles are drawn whole: they are cheap, and boxes and walls
// have nothing to give.
constexpr size_t kKeepWhole = 600;
// At most this many triangles per square metre of a mesh's (largest placed) bounding box
// surface: about what a seated person carries, so people keep their faces while a 30 cm radio
// or clock gives up detail no one sees from across the room.
constexpr double kTrianglesPerSquareMetre = 1800.0;
// Simplification stops where a surface would move more than this (metres, model space).
constexpr float kMaxErrorMetres = 0.008f;
// The same for the clustering fallback (meshopt_simplifySloppy), which is only used on untextured
// parts the topology-keeping simplifier cannot reduce (thin open parts: spokes, wires).
constexpr float kMaxSloppyErrorMetres = 0.02f;
// Faces meeting at a sharper angle than this (cosine; about 45 degrees) keep their own normals
// when normals are rebuilt, so boxes stay boxes and round things stay smooth.
constexpr float kCreaseCos = 0.7f;

size_t triangles(const scene::Mesh& m) { return m.indices.size() / 3; }

MeshLod whole(const scene::Mesh& m) { return {{}, m.indices, m.primitives}; }

// Catalog OBJs split vertices wherever normals or texture coordinates change (many are flat
// shaded, so every corner is split), and the simplifier cannot move a split vertex. Welding by
// position (and by texture coordinates where a texture is drawn, so it stays on its seams)
// lets it reduce them; normals are rebuilt afterwards (rebuild_vertices).
std::vector<uint32_t> welded(const scene::Mesh& m, const scene::Primitive& p, bool textured) {
  const meshopt_Stream streams[2] = {{&m.vertices[0].position, sizeof(glm::vec3), sizeof(scene::Vertex)},
                                     {&m.vertices[0].uv, sizeof(glm::vec2), sizeof(scene::Vertex)}};
  std::vector<uint32_t> out(p.index_count);
  meshopt_generateShadowIndexBufferMulti(out.data(), m.indices.data() + p.first_index, p.index_count,
                                         m.vertices.size(), streams, textured ? 2 : 1);
  return out;
}

// New vertices for simplified triangles that index the welded mesh: position and texture
// coordinates of the vertex kept, and a normal averaged over the faces around that position
// that meet the corner's face at less than the crease angle. Face orientation follows the
// model's own normals, since catalog models mix winding orders.
void rebuild_vertices(const scene::Mesh& mesh, MeshLod& lod) {
  const size_t corners = lod.indices.size();
  const size_t n_tris = corners / 3;
  std::vector<uint32_t> at(corners);  // one vertex per position: corners sharing a point
  meshopt_generateShadowIndexBuffer(at.data(), lod.indices.data(), corners, &mesh.vertices[0].position,
                                    mesh.vertices.size(), sizeof(glm::vec3), sizeof(scene::Vertex));
  std::vector<glm::vec3> face(n_tris);
  for (size_t t = 0; t < n_tris; ++t) {
    const scene::Vertex& a = mesh.vertices[lod.indices[3 * t]];
    const scene::Vertex& b = mesh.vertices[lod.indices[3 * t + 1]];
    const scene::Vertex& c = mesh.vertices[lod.indices[3 * t + 2]];
    glm::vec3 f = glm::cross(b.position - a.position, c.position - a.position);  // area-weighted
    if (glm::dot(f, a.normal + b.normal + c.normal) < 0.0f) f = -f;
    face[t] = f;
  }
  // Faces around each position (compressed rows keyed by the position's vertex).
  std::vector<uint32_t> start(mesh.vertices.size() + 1, 0), around(corners);
  for (uint32_t v : at) ++start[v + 1];
  for (size_t v = 0; v < mesh.vertices.size(); ++v) start[v + 1] += start[v];
  std::vector<uint32_t> fill(start.begin(), start.end() - 1);
  for (size_t i = 0; i < corners; ++i) around[fill[at[i]]++] = uint32_t(i / 3);

  std::vector<scene::Vertex> expanded(corners);
  for (size_t i = 0; i < corners; ++i) {
    const scene::Vertex& src = mesh.vertices[lod.indices[i]];
    const float own_len = glm::length(face[i / 3]);
    glm::vec3 n(0.0f);
    for (uint32_t k = start[at[i]]; k < start[at[i] + 1]; ++k) {
      const glm::vec3& f = face[around[k]];
      const float len = glm::length(f);
      if (len > 0.0f && own_len > 0.0f && glm::dot(f, face[i / 3]) >= kCreaseCos * len * own_len) n += f;
    }
    const float n_len = glm::length(n);
    expanded[i] = {src.position, n_len > 0.0f ? n / n_len : src.normal, src.uv};
  }
  std::vector<uint32_t> remap(corners);
  const size_t unique = meshopt_generateVertexRemap(remap.data(), nullptr, corners, expanded.data(), corners,
                                                    sizeof(scene::Vertex));
  lod.vertices.resize(unique);
  meshopt_remapVertexBuffer(lod.vertices.data(), expanded.data(), corners, sizeof(scene::Vertex), remap.data());
  lod.indices = std::move(remap);  // corner i now uses vertex remap[i]
  for (const scene::Primitive& p : lod.primitives) {
    uint32_t* range = lod.indices.data() + p.first_index;
    // Lavapipe shades each vertex once per cache window: ordering helps it as it helps GPUs.
    meshopt_optimizeVertexCache(range, range, p.index_count, unique);
  }
}

// `target` triangles of `mesh` at most; textured[i] says whether primitive i draws a texture;
// `scale` is the largest scale the mesh is placed at (errors are measured in the world).
MeshLod simplified(const scene::Mesh& mesh, size_t target, const std::vector<bool>& textured, float scale) {
  MeshLod out;
  const double keep = double(target) / double(triangles(mesh));
  out.indices.reserve(target * 3 + 3);
  std::vector<uint32_t> scratch, original;
  std::vector<glm::vec3> positions;
  std::vector<uint32_t> local(mesh.vertices.size());
  for (size_t i = 0; i < mesh.primitives.size(); ++i) {
    const scene::Primitive& p = mesh.primitives[i];
    std::vector<uint32_t> src = welded(mesh, p, textured[i]);
    // Only the vertices the welded primitive uses: the simplifier takes any other vertex at
    // the same position for a seam and would not move either.
    positions.clear();
    original.clear();
    std::fill(local.begin(), local.end(), UINT32_MAX);
    for (uint32_t& v : src) {
      if (local[v] == UINT32_MAX) {
        local[v] = uint32_t(positions.size());
        positions.push_back(mesh.vertices[v].position);
        original.push_back(v);
      }
      v = local[v];
    }
    const float extent = meshopt_simplifyScale(&positions[0].x, positions.size(), sizeof(glm::vec3)) * scale;
    const float error = kMaxErrorMetres / extent, sloppy_error = kMaxSloppyErrorMetres / extent;
    scratch.resize(p.index_count);
    const size_t prim_target = size_t(double(p.index_count / 3) * keep) * 3;
    size_t kept = meshopt_simplify(scratch.data(), src.data(), p.index_count, &positions[0].x, positions.size(),
                                   sizeof(glm::vec3), prim_target, error, 0, nullptr);
    // Models built from many small open parts (spokes, wires, fringes) have borders everywhere,
    // which the topology-keeping simplifier will not move. Without a texture to keep on its
    // seams, clustering vertices within the same error does reduce them.
    if (!textured[i] && kept > prim_target + prim_target / 2) {
      std::vector<uint32_t> sloppy(p.index_count);
      const size_t n = meshopt_simplifySloppy(sloppy.data(), src.data(), p.index_count, &positions[0].x,
                                              positions.size(), sizeof(glm::vec3), prim_target, sloppy_error, nullptr);
      if (n > 0 && n < kept) {
        scratch.swap(sloppy);
        kept = n;
      }
    }
    if (kept == 0) continue;
    out.primitives.push_back({uint32_t(out.indices.size()), uint32_t(kept), p.material});
    for (size_t k = 0; k < kept; ++k) out.indices.push_back(original[scratch[k]]);
  }
  rebuild_vertices(mesh, out);
  return out;
}

// Simplifying huiskamer takes a few hundred milliseconds, so results are kept on disk
// (<cache dir>/lod), keyed by the mesh's content, which primitives are textured, the target
// and the simplifier's settings.
constexpr char kLodMagic[8] = {'M', 'L', 'L', 'O', 'D', '0', '0', '3'};

std::filesystem::path lod_cache_file(const std::filesystem::path& cache_dir, const scene::Mesh& m, size_t target,
                                     const std::vector<bool>& textured, float scale) {
  Fnv1a h;
  h.update(m.vertices.data(), m.vertices.size() * sizeof(scene::Vertex));
  h.update(m.indices.data(), m.indices.size() * sizeof(uint32_t));
  h.update(m.primitives.data(), m.primitives.size() * sizeof(scene::Primitive));
  for (bool t : textured) h.update_value(t);
  h.update_value(uint64_t(target)).update_value(scale);
  h.update_value(kMaxErrorMetres).update_value(kMaxSloppyErrorMetres).update_value(kCreaseCos);
  return cache_dir / "lod" / (hex16(h.value()) + ".lod");
}

std::optional<MeshLod> read_lod(const std::filesystem::path& file, const scene::Mesh& mesh) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  uint64_t n_prims = 0, n_indices = 0, n_vertices = 0;
  const size_t head = sizeof kLodMagic + 3 * sizeof(uint64_t);
  if (data.size() < head || std::memcmp(data.data(), kLodMagic, sizeof kLodMagic) != 0) return std::nullopt;
  std::memcpy(&n_prims, data.data() + 8, 8);
  std::memcpy(&n_indices, data.data() + 16, 8);
  std::memcpy(&n_vertices, data.data() + 24, 8);
  // Welding never makes more corners than the mesh had, so neither more vertices.
  if (n_prims > mesh.primitives.size() || n_indices > mesh.indices.size() || n_vertices > mesh.indices.size() ||
      data.size() != head + n_prims * sizeof(scene::Primitive) + n_indices * sizeof(uint32_t) +
                         n_vertices * sizeof(scene::Vertex))
    return std::nullopt;
  MeshLod lod;
  lod.primitives.resize(n_prims);
  lod.indices.resize(n_indices);
  lod.vertices.resize(n_vertices);
  const char* at = data.data() + head;
  std::memcpy(lod.primitives.data(), at, n_prims * sizeof(scene::Primitive));
  at += n_prims * sizeof(scene::Primitive);
  std::memcpy(lod.indices.data(), at, n_indices * sizeof(uint32_t));
  at += n_indices * sizeof(uint32_t);
  std::memcpy(lod.vertices.data(), at, n_vertices * sizeof(scene::Vertex));
  // A damaged entry must not make the GPU read out of bounds.
  const size_t vertex_count = lod.vertices.empty() ? mesh.vertices.size() : lod.vertices.size();
  for (uint32_t i : lod.indices)
    if (i >= vertex_count) return std::nullopt;
  for (const auto& p : lod.primitives)
    if (size_t(p.first_index) + p.index_count > n_indices) return std::nullopt;
  return lod;
}

// Written through the one safe writer (temp file and rename), so readers never see half an
// entry; a shared cache, so 0644; failures are ignored (it is only a cache).
void write_lod(const std::filesystem::path& file, const MeshLod& lod) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  const uint64_t n_prims = lod.primitives.size(), n_indices = lod.indices.size(), n_vertices = lod.vertices.size();
  std::string out;
  auto put = [&out](const void* data, size_t size) {
    if (size) out.append(static_cast<const char*>(data), size);
  };
  put(kLodMagic, sizeof kLodMagic);
  put(&n_prims, sizeof n_prims);
  put(&n_indices, sizeof n_indices);
  put(&n_vertices, sizeof n_vertices);
  put(lod.primitives.data(), n_prims * sizeof(scene::Primitive));
  put(lod.indices.data(), n_indices * sizeof(uint32_t));
  put(lod.vertices.data(), n_vertices * sizeof(scene::Vertex));
  (void)write_file_atomically(file, out, 0644);
}

MeshLod cached_simplified(const std::filesystem::path& cache_dir, const scene::Mesh& mesh, size_t target,
                          const std::vector<bool>& textured, float scale) {
  if (cache_dir.empty()) return simplified(mesh, target, textured, scale);
  const auto file = lod_cache_file(cache_dir, mesh, target, textured, scale);
  if (auto lod = read_lod(file, mesh)) return std::move(*lod);
  MeshLod lod = simplified(mesh, target, textured, scale);
  write_lod(file, lod);
  return lod;
}

// Surface of the bounding box of the largest placement of a mesh (square metres, world units).

}  // namespace

double placed_surface(const scene::Mesh& m, const glm::mat4& transform) {
  const glm::vec3 e = m.bounds_max - m.bounds_min;
  const glm::mat3 r(transform);
  const glm::vec3 w = glm::abs(r[0]) * e.x + glm::abs(r[1]) * e.y + glm::abs(r[2]) * e.z;
  return 2.0 * double(w.x * w.y + w.y * w.z + w.z * w.x);
}

float placement_scale(const glm::mat4& transform) {
  const glm::mat3 r(transform);
  return std::max({glm::length(r[0]), glm::length(r[1]), glm::length(r[2])});
}

size_t placed_triangles(const scene::World& world) {
  size_t n = 0;
  for (const scene::Instance& inst : world.instances)
    if (inst.mesh >= 0 && size_t(inst.mesh) < world.meshes.size())
      n += triangles(world.meshes[size_t(inst.mesh)]);
  return n;
}

std::vector<MeshLod> fit_triangle_budget(const scene::World& world, size_t budget,
                                         const std::filesystem::path& cache_dir) {
  std::vector<MeshLod> out;
  out.reserve(world.meshes.size());
  std::vector<size_t> uses(world.meshes.size(), 0);
  std::vector<double> surface(world.meshes.size(), 0.0);
  std::vector<float> scale(world.meshes.size(), 0.0f);
  for (const scene::Instance& inst : world.instances)
    if (inst.mesh >= 0 && size_t(inst.mesh) < uses.size()) {
      ++uses[size_t(inst.mesh)];
      surface[size_t(inst.mesh)] = std::max(surface[size_t(inst.mesh)],
                                            placed_surface(world.meshes[size_t(inst.mesh)], inst.transform));
      scale[size_t(inst.mesh)] = std::max(scale[size_t(inst.mesh)], placement_scale(inst.transform));
    }
  if (placed_triangles(world) <= budget) {
    for (const scene::Mesh& m : world.meshes) out.push_back(whole(m));
    return out;
  }

  // What each mesh may keep by its size; meshes at or below kKeepWhole are not reduced.
  std::vector<double> cap(world.meshes.size());
  for (size_t i = 0; i < world.meshes.size(); ++i) {
    const double n = double(triangles(world.meshes[i]));
    cap[i] = n <= double(kKeepWhole) || uses[i] == 0
                 ? n
                 : std::clamp(surface[i] * kTrianglesPerSquareMetre, double(kKeepWhole), n);
  }
  // The share of its cap every reducible mesh keeps. Meshes whose share would fall below
  // kKeepWhole keep that many instead, which leaves less for the others: repeat until nothing
  // changes.
  double keep = 1.0;
  for (int round = 0; round < 8; ++round) {
    double fixed = 0.0, flexible = 0.0;
    for (size_t i = 0; i < world.meshes.size(); ++i) {
      const double n = double(triangles(world.meshes[i]));
      if (n <= double(kKeepWhole)) fixed += n * double(uses[i]);
      else if (cap[i] * keep < double(kKeepWhole)) fixed += double(kKeepWhole * uses[i]);
      else flexible += cap[i] * double(uses[i]);
    }
    // With every mesh at kKeepWhole (flexible 0) nothing is left to share out: stay.
    const double next = flexible > 0.0 ? std::clamp((double(budget) - fixed) / flexible, 0.0, 1.0) : keep;
    if (std::abs(next - keep) < 1e-4) break;
    keep = next;
  }

  for (size_t i = 0; i < world.meshes.size(); ++i) {
    const scene::Mesh& m = world.meshes[i];
    const size_t target = size_t(std::max(cap[i] * keep, double(kKeepWhole)));
    if (target >= triangles(m) || uses[i] == 0 || m.vertices.empty()) {
      out.push_back(whole(m));
      continue;
    }
    std::vector<bool> textured;
    for (const scene::Primitive& p : m.primitives)
      textured.push_back(p.material >= 0 && size_t(p.material) < world.materials.size() &&
                         world.materials[size_t(p.material)].base_color_texture >= 0);
    out.push_back(cached_simplified(cache_dir, m, target, textured, std::max(scale[i], 1e-3f)));
  }
  return out;
}

}  // namespace meeloop::render
