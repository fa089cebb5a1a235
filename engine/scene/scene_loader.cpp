#include "scene/scene_loader.h"

#include <chrono>
#include <cstdio>
#include <optional>

#include <glm/gtc/matrix_transform.hpp>

#include "scene/catalog.h"
#include "scene/importer.h"
#include "core/package_path.h"
#include "scene/scene_file.h"

namespace meeloop::scene {
namespace fs = std::filesystem;
namespace {

glm::mat4 placement_transform(const Placement& p, float lift) {
  glm::mat4 m = glm::translate(glm::mat4(1.0f), p.position + glm::vec3(0, lift, 0));
  m = glm::rotate(m, glm::radians(p.rotation_y), glm::vec3(0, 1, 0));
  return glm::scale(m, glm::vec3(p.scale));
}

// Highest point of an instance in world space (for "on": a cup on the table).
float top_of(const World& w, const Instance& inst) {
  const Mesh& m = w.meshes.at(size_t(inst.mesh));
  float top = -1e30f;
  for (int c = 0; c < 8; ++c) {
    glm::vec3 corner((c & 1) ? m.bounds_max.x : m.bounds_min.x, (c & 2) ? m.bounds_max.y : m.bounds_min.y,
                     (c & 4) ? m.bounds_max.z : m.bounds_min.z);
    top = std::max(top, glm::vec3(inst.transform * glm::vec4(corner, 1.0f)).y);
  }
  return top;
}

std::string size_key(glm::vec3 s) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4f,%.4f,%.4f", double(s.x), double(s.y), double(s.z));
  return buf;
}

class Loader {
 public:
  Loader(const fs::path& dir, const SceneFile& file, const Paths& paths, Log& log)
      : dir_(dir), package_({dir}, "the scene folder"), file_(file), paths_(paths), log_(log) {}

  // Mesh index for a placement's model, importing it on first use.
  Result<int> mesh_for(const Placement& p) {
    const std::string ptr = p.pointer + "/model";
    if (p.model.rfind("sh3d:", 0) == 0) {
      if (!catalog_) catalog_ = Catalog::open(paths_.furniture_dirs, log_);
      if (catalog_->entries().empty())
        return file_.doc->error_at(ptr, "no Sweet Home 3D furniture catalogs found (install the Debian package "
                                        "sweethome3d-furniture, or set MEELOOP_FURNITURE_DIRS)");
      const CatalogEntry* e = catalog_->find(p.model);
      if (!e) {
        std::string msg = "unknown catalog id \"" + p.model + "\"";
        auto near = catalog_->near_matches(p.model);
        for (size_t i = 0; i < near.size(); ++i) msg += (i == 0 ? "; did you mean " : ", ") + near[i]->id;
        return file_.doc->error_at(ptr, msg + (near.empty() ? "" : "?") + " (search with: meeloop catalog <words>)");
      }
      glm::vec3 size = p.size.value_or(e->size);
      std::string key = e->id + "|" + size_key(size);
      if (auto known = builder_.find_mesh(key)) return *known;
      auto model = catalog_->extract_model(*e, paths_.cache_dir, log_);
      if (!model) return file_.doc->error_at(ptr, "cannot extract " + e->id + ": " + model.error().to_string());
      ImportOptions o;
      o.roots = AllowedRoots({Catalog::extraction_root(*e, paths_.cache_dir)}, "the furniture catalog's folder");
      o.cache_dir = paths_.cache_dir;
      o.rotation = e->model_rotation;
      o.fit_size = size;
      o.texture_problems = LogLevel::Debug;
      o.skip_outside_textures = true;
      auto mesh = import_model(builder_, *model, key, o, log_);
      if (!mesh) return file_.doc->error_at(ptr, "cannot load " + e->id + ": " + mesh.error().to_string());
      return mesh;
    }
    fs::path path = dir_ / p.model;
    std::error_code ec;
    if (fs::path(p.model).is_absolute())
      return file_.doc->error_at(ptr, "expected a path relative to the scene folder, found \"" + p.model + "\"");
    auto canonical = resolve_inside(package_, dir_, p.model);
    if (!canonical) return file_.doc->error_at(ptr, canonical.error().message);
    if (!fs::is_regular_file(*canonical, ec))
      return file_.doc->error_at(ptr, "model file not found: " + path.string() +
                                          " (paths are relative to the scene folder; catalog pieces start with \"sh3d:\")");
    ImportOptions o;
    o.unit_scale = p.unit;
    o.roots = package_;
    o.cache_dir = paths_.cache_dir;
    auto mesh = import_model(builder_, path, canonical->string() + "|" + std::to_string(p.unit), o, log_);
    if (!mesh) return file_.doc->error_at(ptr, "cannot load model: " + mesh.error().to_string());
    return mesh;
  }

  Status place(const Placement& p) {
    MEELOOP_ASSIGN_OR_RETURN(int mesh, mesh_for(p));
    float lift = 0.0f;
    if (!p.on.empty()) {
      for (const Instance& inst : builder_.world().instances)
        if (inst.id == p.on) lift = top_of(builder_.world(), inst);
    }
    builder_.world().instances.push_back({p.id, mesh, placement_transform(p, lift)});
    return Ok{};
  }

  Result<World> run() {
    if (file_.shell) {
      auto st = build_room_shell(builder_, *file_.shell, log_);
      if (!st) return file_.doc->error_at("/room", "cannot build the room: " + st.error().to_string());
    } else {
      MEELOOP_RETURN_IF_ERROR(place(*file_.room_model));
    }
    for (const Placement& p : file_.models) MEELOOP_RETURN_IF_ERROR(place(p));
    World& w = builder_.world();
    w.name = file_.title;
    w.lighting = file_.lighting;
    w.clear_color = file_.background;
    w.viewpoints = file_.viewpoints;
    if (w.viewpoints.empty()) {
      glm::vec3 size = file_.shell ? file_.shell->size : glm::vec3(4, 2.6f, 4);
      w.viewpoints.push_back({"default", {size.x * 0.5f, 1.6f, size.z - 0.4f}, {size.x * 0.5f, 1.2f, 0}, 60});
    }
    return builder_.take();
  }

 private:
  fs::path dir_;
  AllowedRoots package_;  // every file a package model names must lie in here
  const SceneFile& file_;
  const Paths& paths_;
  Log& log_;
  WorldBuilder builder_;
  std::optional<Catalog> catalog_;
};

}  // namespace

Result<World> load_scene_package(const fs::path& dir, const Paths& paths, Log& log) {
  auto start = std::chrono::steady_clock::now();
  MEELOOP_ASSIGN_OR_RETURN(SceneFile file, read_scene_file(dir));
  Loader loader(dir, file, paths, log);
  MEELOOP_ASSIGN_OR_RETURN(World world, loader.run());
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  size_t tris = 0;
  for (const Mesh& m : world.meshes) tris += m.indices.size() / 3;
  char buf[256];
  std::snprintf(buf, sizeof buf, "scene %s: %zu meshes (%zu triangles), %zu instances, %zu materials, %zu images, loaded in %.0f ms",
                file.id.c_str(), world.meshes.size(), tris, world.instances.size(), world.materials.size(),
                world.images.size(), ms);
  log.info(buf);
  return world;
}

}  // namespace meeloop::scene
