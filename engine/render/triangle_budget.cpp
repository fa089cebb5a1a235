#include "render/triangle_budget.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include <unistd.h>

#include <meshoptimizer.h>

#include "core/paths.h"

namespace meeloop::render {
namespace {

// Meshes at or below this many triangles are drawn whole: they are cheap, and boxes and walls
// have nothing to give.
constexpr size_t kKeepWhole = 600;
// Simplification stops where the geometric error would pass this fraction of the mesh's size
// (1 cm on a seated person), so people keep their faces and textures stay on their seams.
constexpr float kMaxError = 0.006f;

// No mesh keeps less than this share of its triangles: below it, textured people tear.
constexpr double kMinKeep = 0.3;

size_t triangles(const scene::Mesh& m) { return m.indices.size() / 3; }

MeshLod whole(const scene::Mesh& m) { return {m.indices, m.primitives}; }

MeshLod simplified(const scene::Mesh& mesh, double keep) {
  MeshLod out;
  out.indices.reserve(size_t(double(mesh.indices.size()) * keep) + 3);
  std::vector<uint32_t> scratch;
  for (const scene::Primitive& p : mesh.primitives) {
    const uint32_t* src = mesh.indices.data() + p.first_index;
    scratch.resize(p.index_count);
    const size_t target = size_t(double(p.index_count / 3) * keep) * 3;
    const float* positions = &mesh.vertices[0].position.x;
    const size_t kept = meshopt_simplify(scratch.data(), src, p.index_count, positions, mesh.vertices.size(),
                                         sizeof(scene::Vertex), target, kMaxError, 0, nullptr);
    if (kept == 0) continue;
    // Lavapipe shades each vertex once per cache window: ordering helps it as it helps GPUs.
    meshopt_optimizeVertexCache(scratch.data(), scratch.data(), kept, mesh.vertices.size());
    out.primitives.push_back({uint32_t(out.indices.size()), uint32_t(kept), p.material});
    out.indices.insert(out.indices.end(), scratch.begin(), scratch.begin() + long(kept));
  }
  return out;
}

// Simplifying huiskamer takes a few hundred milliseconds, so results are kept on disk
// (cache_dir()/lod), keyed by the mesh's content and the share it keeps.
constexpr char kLodMagic[8] = {'M', 'L', 'L', 'O', 'D', '0', '0', '1'};

uint64_t fnv(uint64_t h, const void* data, size_t bytes) {
  auto* p = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < bytes; ++i) h = (h ^ p[i]) * 1099511628211ull;
  return h;
}

std::filesystem::path lod_cache_file(const scene::Mesh& m, double keep) {
  uint64_t h = 1469598103934665603ull;
  h = fnv(h, m.vertices.data(), m.vertices.size() * sizeof(scene::Vertex));
  h = fnv(h, m.indices.data(), m.indices.size() * sizeof(uint32_t));
  h = fnv(h, m.primitives.data(), m.primitives.size() * sizeof(scene::Primitive));
  const long keep_permille = std::lround(keep * 10000.0);
  h = fnv(h, &keep_permille, sizeof keep_permille);
  h = fnv(h, &kMaxError, sizeof kMaxError);
  char name[64];
  std::snprintf(name, sizeof name, "%016llx.lod", static_cast<unsigned long long>(h));
  return cache_dir() / "lod" / name;
}

std::optional<MeshLod> read_lod(const std::filesystem::path& file, const scene::Mesh& mesh) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  uint64_t n_prims = 0, n_indices = 0;
  const size_t head = sizeof kLodMagic + 2 * sizeof(uint64_t);
  if (data.size() < head || std::memcmp(data.data(), kLodMagic, sizeof kLodMagic) != 0) return std::nullopt;
  std::memcpy(&n_prims, data.data() + 8, 8);
  std::memcpy(&n_indices, data.data() + 16, 8);
  if (n_prims > mesh.primitives.size() || n_indices > mesh.indices.size() ||
      data.size() != head + n_prims * sizeof(scene::Primitive) + n_indices * sizeof(uint32_t))
    return std::nullopt;
  MeshLod lod;
  lod.primitives.resize(n_prims);
  lod.indices.resize(n_indices);
  std::memcpy(lod.primitives.data(), data.data() + head, n_prims * sizeof(scene::Primitive));
  std::memcpy(lod.indices.data(), data.data() + head + n_prims * sizeof(scene::Primitive),
              n_indices * sizeof(uint32_t));
  // A damaged entry must not make the GPU read out of bounds.
  for (uint32_t i : lod.indices)
    if (i >= mesh.vertices.size()) return std::nullopt;
  for (const auto& p : lod.primitives)
    if (size_t(p.first_index) + p.index_count > n_indices) return std::nullopt;
  return lod;
}

// Written to a temporary file and renamed, so readers never see half an entry; failures are
// ignored (it is only a cache).
void write_lod(const std::filesystem::path& file, const MeshLod& lod) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  const auto tmp = file.string() + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary);
    const uint64_t n_prims = lod.primitives.size(), n_indices = lod.indices.size();
    out.write(kLodMagic, sizeof kLodMagic);
    out.write(reinterpret_cast<const char*>(&n_prims), sizeof n_prims);
    out.write(reinterpret_cast<const char*>(&n_indices), sizeof n_indices);
    out.write(reinterpret_cast<const char*>(lod.primitives.data()), std::streamsize(n_prims * sizeof(scene::Primitive)));
    out.write(reinterpret_cast<const char*>(lod.indices.data()), std::streamsize(n_indices * sizeof(uint32_t)));
    if (!out) {
      std::filesystem::remove(tmp, ec);
      return;
    }
  }
  std::filesystem::rename(tmp, file, ec);
  if (ec) std::filesystem::remove(tmp, ec);
}

MeshLod cached_simplified(const scene::Mesh& mesh, double keep) {
  const auto file = lod_cache_file(mesh, keep);
  if (auto lod = read_lod(file, mesh)) return std::move(*lod);
  MeshLod lod = simplified(mesh, keep);
  write_lod(file, lod);
  return lod;
}

}  // namespace

size_t placed_triangles(const scene::World& world) {
  size_t n = 0;
  for (const scene::Instance& inst : world.instances)
    if (inst.mesh >= 0 && size_t(inst.mesh) < world.meshes.size())
      n += triangles(world.meshes[size_t(inst.mesh)]);
  return n;
}

std::vector<MeshLod> fit_triangle_budget(const scene::World& world, size_t budget) {
  std::vector<MeshLod> out;
  out.reserve(world.meshes.size());
  std::vector<size_t> uses(world.meshes.size(), 0);
  for (const scene::Instance& inst : world.instances)
    if (inst.mesh >= 0 && size_t(inst.mesh) < uses.size()) ++uses[size_t(inst.mesh)];

  // The share every reducible mesh keeps. Meshes whose share would fall below kKeepWhole keep
  // that many instead, which leaves less for the others: repeat until nothing changes.
  std::vector<bool> reducible(world.meshes.size());
  for (size_t i = 0; i < world.meshes.size(); ++i)
    reducible[i] = uses[i] > 0 && triangles(world.meshes[i]) > kKeepWhole;
  double keep = 1.0;
  for (int round = 0; round < 8; ++round) {
    double fixed = 0.0, flexible = 0.0;
    for (size_t i = 0; i < world.meshes.size(); ++i) {
      const double placed = double(triangles(world.meshes[i]) * uses[i]);
      if (!reducible[i]) fixed += placed;
      else if (double(triangles(world.meshes[i])) * keep < double(kKeepWhole)) fixed += double(kKeepWhole * uses[i]);
      else flexible += placed;
    }
    const double next = flexible > 0.0 ? std::clamp((double(budget) - fixed) / flexible, kMinKeep, 1.0) : 1.0;
    if (std::abs(next - keep) < 1e-4) break;
    keep = next;
  }

  for (size_t i = 0; i < world.meshes.size(); ++i) {
    const scene::Mesh& m = world.meshes[i];
    if (keep >= 1.0 || !reducible[i] || m.vertices.empty()) {
      out.push_back(whole(m));
      continue;
    }
    const double mesh_keep = std::max(keep, double(kKeepWhole) / double(triangles(m)));
    out.push_back(cached_simplified(m, mesh_keep));
  }
  return out;
}

}  // namespace meeloop::render
