#include "lint/lint_package.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include "scene/importer.h"
#include "scene/scene_file.h"
#include "core/package_path.h"

namespace meeloop::lint {
namespace fs = std::filesystem;
namespace {

using scene::kMaxCoordinate;
using scene::kMaxSize;
using scene::kMaxTurn;

struct Bound {
  const char* member;
  double max;
  const char* unit;  // after the limit in the message
};
constexpr Bound kPosition{"position", kMaxCoordinate, " metres from the room's corner"};
constexpr Bound kTarget{"target", kMaxCoordinate, " metres from the room's corner"};
constexpr Bound kDirection{"direction", kMaxCoordinate, " (only the direction counts, not the length)"};
constexpr Bound kSize{"size", kMaxSize, " metres"};
constexpr Bound kTurn{"rotation_y", kMaxTurn, " degrees"};

// The first number of `j` (a number or an array of numbers) beyond `max`, if any.
std::optional<double> beyond(const Json& j, double max) {
  if (j.is_number()) {
    double v = j.get<double>();
    return std::isfinite(v) && std::abs(v) <= max ? std::nullopt : std::optional(v);
  }
  if (j.is_array())
    for (const Json& e : j)
      if (auto v = beyond(e, max)) return v;
  return std::nullopt;
}

void check_bound(const Context& ctx, const Json& owner, const std::string& pointer, const Bound& b) {
  const Json* value = member(owner, b.member);
  if (!value) return;
  auto v = beyond(*value, b.max);
  if (!v) return;
  char max[32];
  std::snprintf(max, sizeof max, "%g", b.max);
  ctx.add(pointer + "/" + b.member, Severity::Error, "out-of-range",
          std::string(b.member) + " holds " + Json(*v).dump() + "; the most allowed either way is " + max + b.unit +
              ": check it for a typo");
}

// The package's own model files, each imported once; the result is kept per file.
class ModelImports {
 public:
  explicit ModelImports(const Context& ctx)
      : ctx_(ctx), roots_({ctx.dir}, "the scene folder"), log_(LogLevel::Off) {}

  void check(const Json& placement, const std::string& pointer) {
    std::string model = string_member(placement, "model");
    if (model.empty() || model.rfind("sh3d:", 0) == 0) return;
    auto file = resolve_inside(roots_, ctx_.dir, model);
    std::error_code ec;
    if (!file || !fs::is_regular_file(*file, ec)) return;  // the layout checks report it
    // Imported by the name lint reports files under (reached from the scene folder), so its
    // errors name the same file as the layout checks' problems; keyed by the resolved file.
    const fs::path named = ctx_.dir / model;
    auto [known, fresh] = errors_.try_emplace(*file);
    if (fresh) known->second = import(named);
    const std::optional<Error>& e = known->second;
    if (!e || reported_inside_model(*e)) return;
    // The model's own name is already in the message; a file it names (an MTL) is spelt out.
    std::string why = e->file == named.string() && e->location.empty() ? e->message : e->to_string();
    ctx_.add(pointer + "/model", Severity::Error, "model-import",
             "cannot import " + model + ": " + why + " (export it again as OBJ with its MTL, or as glTF 2.0 .gltf/.glb)");
  }

 private:
  std::optional<Error> import(const fs::path& file) {
    scene::WorldBuilder builder;  // thrown away: only whether it imports matters
    scene::ImportOptions o;
    o.simplify_above_triangles = 0;
    o.texture_problems = LogLevel::Debug;
    o.roots = roots_;
    // No cache_dir: a cached mesh would skip the checks a fresh import makes.
    MEELOOP_RETURN_IF_ERROR(scene::import_model(builder, file, file.string(), o, log_));
    return std::nullopt;
  }

  // A name in the model that leaves the package is reported by the layout checks at its own
  // file:line:col; saying it again at scene.json would only repeat it.
  bool reported_inside_model(const Error& e) const {
    for (const Problem& p : ctx_.out)
      if (!e.file.empty() && p.file == e.file &&
          (e.location.empty() || e.location == std::to_string(p.line) + ":" + std::to_string(p.column)))
        return true;
    return false;
  }

  const Context& ctx_;
  AllowedRoots roots_;
  Log log_;
  std::map<fs::path, std::optional<Error>> errors_;
};

}  // namespace

void check_scene_id(const Context& ctx) {
  std::string id = string_member(ctx.scene->root, "id");
  if (id.empty()) return;  // missing or not a string: the loader's error says so
  std::error_code ec;
  fs::path dir = fs::absolute(ctx.dir, ec).lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();  // "scenes/huiskamer/"
  std::string folder = dir.filename().string();
  if (folder == id) return;
  ctx.add("/id", Severity::Error, "scene-id",
          "the scene's id is \"" + id + "\" but its folder is named \"" + folder +
              "\": play records sessions under the folder's name, so rename the folder or change the id to match");
}

void check_bounds(const Context& ctx) {
  const Json& root = ctx.scene->root;
  if (const Json* room = member(root, "room")) {
    check_bound(ctx, *room, "/room", kPosition);
    check_bound(ctx, *room, "/room", kTurn);
  }
  const Json& models = array_member(root, "models");
  for (size_t i = 0; i < models.size(); ++i)
    for (const Bound& b : {kPosition, kTurn, kSize}) check_bound(ctx, models[i], "/models/" + std::to_string(i), b);
  if (const Json* lights = member(root, "lights")) {
    if (const Json* sun = member(*lights, "sun")) check_bound(ctx, *sun, "/lights/sun", kDirection);
    const Json& points = array_member(*lights, "points");
    for (size_t i = 0; i < points.size(); ++i)
      check_bound(ctx, points[i], "/lights/points/" + std::to_string(i), kPosition);
  }
  const Json& views = array_member(root, "viewpoints");
  for (size_t i = 0; i < views.size(); ++i)
    for (const Bound& b : {kPosition, kTarget}) check_bound(ctx, views[i], "/viewpoints/" + std::to_string(i), b);
}

void check_model_imports(const Context& ctx) {
  ModelImports imports(ctx);
  if (const Json* room = member(ctx.scene->root, "room")) imports.check(*room, "/room");
  const Json& models = array_member(ctx.scene->root, "models");
  for (size_t i = 0; i < models.size(); ++i) imports.check(models[i], "/models/" + std::to_string(i));
}

}  // namespace meeloop::lint
