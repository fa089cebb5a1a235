// Layout checks of scene.json: every model must exist (catalog id or file) and stand inside
// the room, and no file the scene names (models, room textures, and inside a model its MTL
// files, textures and glTF buffers and images) may lie outside the scene folder. The scene
// loader would stop at the first problem; these report them all without importing any mesh, so
// lint stays fast.
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "lint/lint_context.h"
#include "scene/importer.h"
#include "scene/model_refs.h"
#include "core/package_path.h"

namespace meeloop::lint {
namespace fs = std::filesystem;
namespace {

// A piece may touch the wall: skirting boards and rounding in catalog sizes are a few cm.
constexpr double kWallTolerance = 0.05;

std::optional<std::array<double, 3>> vec3(const Json* j) {
  if (!j || !j->is_array() || j->size() != 3) return std::nullopt;
  std::array<double, 3> v{};
  for (size_t i = 0; i < 3; ++i) {
    if (!(*j)[i].is_number()) return std::nullopt;
    v[i] = (*j)[i].get<double>();
  }
  return v;
}

double number_or(const Json& j, const char* key, double fallback) {
  const Json* m = member(j, key);
  return m && m->is_number() ? m->get<double>() : fallback;
}

std::string metres(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// A name inside a model file (OBJ/MTL line:col, glTF pointer) that leaves the scene folder.
void add_model_problem(const Context& ctx, const Error& e) {
  Problem p;
  p.file = e.file;
  p.pointer = e.pointer;
  p.check = "outside-package";
  p.message = e.message;
  if (auto colon = e.location.find(':'); colon != std::string::npos) {
    p.line = std::atoi(e.location.substr(0, colon).c_str());
    p.column = std::atoi(e.location.substr(colon + 1).c_str());
  }
  ctx.out.push_back(std::move(p));
}

// Reports a model file that is absolute, outside the scene folder or missing, and every file
// the model itself names outside the folder.
void check_model_file(const Context& ctx, const AllowedRoots& package, const std::string& pointer,
                      const std::string& model) {
  if (model.empty()) return;  // the loader's own error covers an empty model
  if (fs::path(model).is_absolute()) {
    ctx.add(pointer, Severity::Error, "model-file",
            "expected a path relative to the scene folder, found \"" + model +
                "\" (copy the file into the scene folder, e.g. models/chair.glb)");
    return;
  }
  auto inside = resolve_inside(package, ctx.dir, model);
  if (!inside) {
    ctx.add(pointer, Severity::Error, "outside-package", inside.error().message);
    return;
  }
  std::error_code ec;
  if (!fs::is_regular_file(*inside, ec)) {
    ctx.add(pointer, Severity::Error, "model-file",
            "model file not found: " + (ctx.dir / model).string() +
                " (paths are relative to the scene folder; catalog pieces start with \"sh3d:\")");
    return;
  }
  const auto scan = scene::scan_model_references(ctx.dir / model, package, scene::ImportLimits{}.max_file_bytes);
  for (const auto* list : {&scan.outside, &scan.outside_textures})
    for (const Error& e : *list) add_model_problem(ctx, e);
}

// The room's floor, walls and ceiling may each name an image file.
void check_room_textures(const Context& ctx, const AllowedRoots& package, const Json& room) {
  for (const char* surface : {"floor", "walls", "ceiling"}) {
    const Json* s = member(room, surface);
    const Json* t = s ? member(*s, "texture") : nullptr;
    if (!t || !t->is_string()) continue;
    if (auto inside = resolve_inside(package, ctx.dir, t->get<std::string>()); !inside)
      ctx.add("/room/" + std::string(surface) + "/texture", Severity::Error, "outside-package",
              inside.error().message);
  }
}

// The footprint of a catalog piece (its size, scaled and turned) must lie inside the floor.
void check_inside(const Context& ctx, const std::string& pointer, const Json& m, const scene::CatalogEntry& e,
                  double width, double depth) {
  auto pos = vec3(member(m, "position"));
  if (!pos) return;
  auto size = vec3(member(m, "size")).value_or(std::array<double, 3>{e.size.x, e.size.y, e.size.z});
  double scale = number_or(m, "scale", 1.0);
  double turn = number_or(m, "rotation_y", 0.0) * M_PI / 180.0;
  double c = std::abs(std::cos(turn)), s = std::abs(std::sin(turn));
  double hx = 0.5 * scale * (c * size[0] + s * size[2]);
  double hz = 0.5 * scale * (s * size[0] + c * size[2]);
  double x0 = (*pos)[0] - hx, x1 = (*pos)[0] + hx, z0 = (*pos)[2] - hz, z1 = (*pos)[2] + hz;
  double t = kWallTolerance;
  if (x0 >= -t && x1 <= width + t && z0 >= -t && z1 <= depth + t) return;
  ctx.add(pointer + "/position", Severity::Warning, "model-outside-room",
          "\"" + string_member(m, "id") + "\" (" + e.id + ") covers x " + metres(x0) + " to " + metres(x1) +
              ", z " + metres(z0) + " to " + metres(z1) + ", but the room's floor runs from x 0 to " +
              metres(width) + " and z 0 to " + metres(depth) +
              ": move it so it stands inside the walls (position is the middle of its footprint)");
}

}  // namespace

void check_layout(const Context& ctx, std::vector<std::string>& notes) {
  const Json& root = ctx.scene->root;
  const scene::Catalog* cat = ctx.options.catalog;
  bool catalog_ok = cat && !cat->entries().empty();
  const AllowedRoots package({ctx.dir}, "the scene folder");
  const Json* room = member(root, "room");
  std::optional<std::array<double, 3>> room_size;
  if (room && member(*room, "model")) {
    if (member(*room, "model")->is_string())
      check_model_file(ctx, package, "/room/model", string_member(*room, "model"));
  } else if (room) {
    room_size = vec3(member(*room, "size"));
    check_room_textures(ctx, package, *room);
  }
  bool any_catalog = false;
  const Json& models = array_member(root, "models");
  for (size_t i = 0; i < models.size(); ++i) {
    const Json& m = models[i];
    std::string pointer = "/models/" + std::to_string(i);
    std::string model = string_member(m, "model");
    if (model.rfind("sh3d:", 0) != 0) {
      check_model_file(ctx, package, pointer + "/model", model);
      continue;
    }
    any_catalog = true;
    if (!catalog_ok) continue;
    const scene::CatalogEntry* e = cat->find(model);
    if (!e) {
      std::string msg = "unknown catalog id \"" + model + "\"";
      auto near = cat->near_matches(model);
      for (size_t k = 0; k < near.size(); ++k) msg += (k == 0 ? "; did you mean " : ", ") + near[k]->id;
      ctx.add(pointer + "/model", Severity::Error, "catalog-id",
              msg + (near.empty() ? "" : "?") + " (search with: meeloop catalog <words>)");
      continue;
    }
    if (room_size) check_inside(ctx, pointer, m, *e, (*room_size)[0], (*room_size)[2]);
  }
  if (any_catalog && !catalog_ok)
    notes.push_back("no Sweet Home 3D furniture catalogs found, so catalog ids and room bounds were not "
                    "checked (install the Debian package sweethome3d-furniture, or set MEELOOP_FURNITURE_DIRS)");
}

}  // namespace meeloop::lint
