#include "scene/mesh_cache.h"

#include <cstring>
#include <fstream>
#include <iterator>

#include "core/files.h"
#include "scene/world_builder.h"

namespace meeloop::scene {
namespace fs = std::filesystem;
namespace {

constexpr char kMagic[8] = {'M', 'L', 'M', 'E', 'S', 'H', '0', '2'};

struct Writer {
  std::string out;
  template <class T>
  void pod(const T& v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void str(const std::string& s) {
    pod(uint32_t(s.size()));
    out += s;
  }
  template <class T>
  void vec(const std::vector<T>& v) {
    pod(uint64_t(v.size()));
    out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
};

struct Reader {
  const std::string& in;
  size_t pos = 0;
  bool ok = true;
  template <class T>
  void pod(T& v) {
    if (pos + sizeof v > in.size()) { ok = false; return; }
    std::memcpy(&v, in.data() + pos, sizeof v);
    pos += sizeof v;
  }
  void str(std::string& s) {
    uint32_t n = 0;
    pod(n);
    if (!ok || pos + n > in.size()) { ok = false; return; }
    s.assign(in.data() + pos, n);
    pos += n;
  }
  template <class T>
  void vec(std::vector<T>& v) {
    uint64_t n = 0;
    pod(n);
    if (!ok || n > (in.size() - pos) / sizeof(T)) { ok = false; return; }
    v.resize(n);
    std::memcpy(v.data(), in.data() + pos, n * sizeof(T));
    pos += n * sizeof(T);
  }
};

void material_io(Writer& w, const Material& m) {
  w.str(m.name);
  w.pod(m.base_color);
  w.pod(m.base_color_texture);
  w.pod(m.metallic);
  w.pod(m.roughness);
  w.pod(m.emissive);
  w.pod(uint8_t(m.double_sided));
}

void material_io(Reader& r, Material& m) {
  r.str(m.name);
  r.pod(m.base_color);
  r.pod(m.base_color_texture);
  r.pod(m.metallic);
  r.pod(m.roughness);
  r.pod(m.emissive);
  uint8_t two = 0;
  r.pod(two);
  m.double_sided = two != 0;
}

}  // namespace

std::optional<fs::path> mesh_cache_path(const fs::path& cache_dir, const fs::path& model,
                                        const std::string& options_text) {
  if (cache_dir.empty()) return std::nullopt;
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(model, ec);
  auto size = fs::file_size(model, ec);
  if (ec) return std::nullopt;
  auto time = fs::last_write_time(model, ec).time_since_epoch().count();
  if (ec) return std::nullopt;
  std::string key = canonical.string() + "|" + std::to_string(size) + "|" + std::to_string(time) +
                    "|" + options_text + "|" + std::string(kMagic, sizeof kMagic);
  std::string name = content_hash(key.data(), key.size());
  for (char& c : name)
    if (c == ':') c = '-';
  return cache_dir / "meshes" / (name + ".bin");
}

std::optional<CachedModel> read_mesh_cache(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (data.size() < sizeof kMagic || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0)
    return std::nullopt;
  Reader r{data, sizeof kMagic};
  CachedModel m;
  r.str(m.mesh.source);
  r.vec(m.mesh.vertices);
  r.vec(m.mesh.indices);
  r.vec(m.mesh.primitives);
  uint32_t n = 0;
  r.pod(n);
  for (uint32_t i = 0; r.ok && i < n && i < 100000; ++i) material_io(r, m.materials.emplace_back());
  r.pod(n);
  for (uint32_t i = 0; r.ok && i < n && i < 100000; ++i) r.str(m.texture_files.emplace_back());
  if (!r.ok || r.pos != data.size()) return std::nullopt;
  // Never trust an index read from disk.
  for (uint32_t idx : m.mesh.indices)
    if (idx >= m.mesh.vertices.size()) return std::nullopt;
  for (const Primitive& p : m.mesh.primitives)
    if (p.material < 0 || size_t(p.material) >= m.materials.size() ||
        uint64_t(p.first_index) + p.index_count > m.mesh.indices.size())
      return std::nullopt;
  for (const Material& mat : m.materials)
    if (mat.base_color_texture >= int(m.texture_files.size())) return std::nullopt;
  return m;
}

void write_mesh_cache(const fs::path& file, const CachedModel& m) {
  Writer w;
  w.out.append(kMagic, sizeof kMagic);
  w.str(m.mesh.source);
  w.vec(m.mesh.vertices);
  w.vec(m.mesh.indices);
  w.vec(m.mesh.primitives);
  w.pod(uint32_t(m.materials.size()));
  for (const Material& mat : m.materials) material_io(w, mat);
  w.pod(uint32_t(m.texture_files.size()));
  for (const std::string& t : m.texture_files) w.str(t);
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  // A shared cache, so 0644; failures are ignored (the next load imports again).
  (void)write_file_atomically(file, w.out, 0644);
}

}  // namespace meeloop::scene
