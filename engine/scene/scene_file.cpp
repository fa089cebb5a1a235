#include "scene/scene_file.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "core/package_path.h"
#include "scene/procedural.h"

namespace meeloop::scene {
namespace fs = std::filesystem;
namespace {

// What one scene.json may ask for, far above a real room (huiskamer: 52 models), so that a
// hostile or broken file cannot make loading, placing and drawing take without bound.
constexpr size_t kMaxModels = 1000;
constexpr size_t kMaxOpenings = 32;      // openings are checked against each other
constexpr size_t kMaxPointLights = 64;
constexpr size_t kMaxViewpoints = 64;

// The elements of an array member, refused with the count when there are more than `max`.
std::vector<JsonView> elements_at_most(const JsonView& array, size_t max, const char* what) {
  if (array.is_array() && array.raw().size() > max)
    array.fail("too many " + std::string(what) + ": " + std::to_string(array.raw().size()) + " (at most " +
               std::to_string(max) + " are allowed)");
  return array.elements();
}

glm::vec3 vec3_of(const JsonView& v) {
  auto n = v.as_numbers(3);
  return {float(n[0]), float(n[1]), float(n[2])};
}

// [x, y, z] with each number at most `max` either way; `unit` ends the message.
glm::vec3 vec3_within(const JsonView& v, double max, const char* unit) {
  auto n = v.as_numbers(3);
  for (double x : n)
    if (std::abs(x) > max) {
      std::ostringstream ss;
      ss << "expected [x, y, z] with numbers from " << -max << " to " << max << unit << ", found " << x;
      v.fail(ss.str());
    }
  return {float(n[0]), float(n[1]), float(n[2])};
}
constexpr const char* kFromCorner = " metres from the room's corner";

// "#RRGGBB" or [r, g, b] with components 0..1, both sRGB as picked in a paint program.
glm::vec3 colour_of(const JsonView& v) {
  if (v.is_string()) {
    std::string s = v.as_string();
    bool ok = s.size() == 7 && s[0] == '#' &&
              std::all_of(s.begin() + 1, s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
    if (!ok) v.fail("expected a colour like \"#a0b0c0\" or [r, g, b] with numbers from 0 to 1");
    auto byte = [&](int i) { return float(std::stoi(s.substr(size_t(i), 2), nullptr, 16)) / 255.0f; };
    return {byte(1), byte(3), byte(5)};
  }
  if (!v.is_array()) v.fail("expected a colour like \"#a0b0c0\" or [r, g, b] with numbers from 0 to 1");
  auto e = v.elements();
  if (e.size() != 3) v.fail("expected a colour [r, g, b] of 3 numbers from 0 to 1");
  return {float(e[0].as_number(0, 1)), float(e[1].as_number(0, 1)), float(e[2].as_number(0, 1))};
}

glm::vec3 linear(glm::vec3 c) {
  auto f = [](float x) { return x <= 0.04045f ? x / 12.92f : std::pow((x + 0.055f) / 1.055f, 2.4f); };
  return {f(c.r), f(c.g), f(c.b)};
}

Surface surface_of(const JsonView& v, Surface s, const fs::path& dir) {
  v.expect_only({"color", "pattern", "texture", "roughness"});
  if (auto c = v.find("color")) s.color = colour_of(*c);
  if (auto p = v.find("pattern")) {
    s.pattern = p->as_string();
    const auto& names = pattern_names();
    if (std::find(names.begin(), names.end(), s.pattern) == names.end()) {
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      p->fail("unknown pattern \"" + s.pattern + "\" (expected one of: " + list + ")");
    }
  }
  if (auto t = v.find("texture")) {
    const std::string name = t->as_string();
    auto file = resolve_inside(AllowedRoots({dir}, "the scene folder"), dir, name);
    if (!file) t->fail(file.error().message);
    std::error_code ec;
    if (!fs::is_regular_file(*file, ec)) t->fail("texture file not found: " + (dir / name).string());
    s.texture = file->string();
  }
  if (auto r = v.find("roughness")) s.roughness = float(r->as_number(0, 1));
  return s;
}

Wall wall_of(const JsonView& v) {
  std::string s = v.as_string();
  if (s == "north") return Wall::North;
  if (s == "east") return Wall::East;
  if (s == "south") return Wall::South;
  if (s == "west") return Wall::West;
  v.fail("unknown wall \"" + s + "\" (expected one of: north (z = 0), east (x = width), south (z = depth), west (x = 0))");
}

RoomShell shell_of(const JsonView& v, const fs::path& dir) {
  v.expect_only({"size", "wall_thickness", "floor", "walls", "ceiling", "wall_colors", "openings"});
  RoomShell r;
  auto size = v.at("size");
  r.size = vec3_of(size);
  if (r.size.x < 1.5f || r.size.z < 1.5f || r.size.x > 40 || r.size.z > 40 || r.size.y < 2.0f || r.size.y > 6)
    size.fail("expected [width, height, depth] in metres: width and depth from 1.5 to 40, height from 2 to 6");
  if (auto t = v.find("wall_thickness")) r.wall_thickness = float(t->as_number(0.05, 1.0));
  if (auto f = v.find("floor")) r.floor = surface_of(*f, r.floor, dir);
  if (auto w = v.find("walls")) r.walls = surface_of(*w, r.walls, dir);
  if (auto c = v.find("ceiling")) r.ceiling = surface_of(*c, r.ceiling, dir);
  if (auto wc = v.find("wall_colors")) {
    wc->expect_only({"north", "east", "south", "west"});
    for (auto& [name, value] : wc->members()) {
      const char* names[] = {"north", "east", "south", "west"};
      for (size_t w = 0; w < 4; ++w)
        if (name == names[w]) r.wall_colors[w] = colour_of(value);
    }
  }
  if (auto ops = v.find("openings")) {
    const std::vector<JsonView> elements = elements_at_most(*ops, kMaxOpenings, "openings");
    for (const JsonView& o : elements) {
      o.expect_only({"id", "type", "wall", "center", "width", "height", "sill", "open"});
      Opening op;
      std::string type = o.at("type").as_string();
      if (type == "door") op.kind = Opening::Kind::Door;
      else if (type == "window") op.kind = Opening::Kind::Window;
      else o.at("type").fail("unknown opening type \"" + type + "\" (expected door or window)");
      op.wall = wall_of(o.at("wall"));
      op.center = float(o.at("center").as_number(0, 40));
      op.width = float(o.at("width").as_number(0.3, 40));
      op.height = float(o.number_or("height", op.kind == Opening::Kind::Door ? 2.1 : 1.3));
      op.sill = float(o.number_or("sill", op.kind == Opening::Kind::Door ? 0.0 : 0.9));
      if (op.height < 0.3f || op.sill < 0) o.fail("expected height of at least 0.3 m and a sill of at least 0 m");
      if (op.kind == Opening::Kind::Door && op.sill != 0) o.at("sill").fail("doors start at the floor: leave \"sill\" out");
      op.open = o.bool_or("open", false);
      if (auto id = o.find("id")) id->as_id();
      r.openings.push_back(op);
    }
    for (size_t i = 0; i < r.openings.size(); ++i)
      if (auto why = check_opening(r, i)) elements[i].fail(*why);
  }
  return r;
}

Placement placement_of(const JsonView& v, bool room) {
  if (room) v.expect_only({"model", "unit", "scale", "position", "rotation_y"});
  else v.expect_only({"id", "model", "position", "rotation_y", "scale", "size", "unit", "on", "title"});
  Placement p;
  p.pointer = v.pointer();
  p.id = room ? "room" : v.at("id").as_id();
  auto model = v.at("model");
  p.model = model.as_string();
  if (p.model.empty()) model.fail("expected a model: \"sh3d:<catalog>#<piece>\" or a file such as \"models/chair.glb\"");
  if (room || v.has("position"))
    p.position = room && !v.has("position") ? glm::vec3(0) : vec3_within(v.at("position"), kMaxCoordinate, kFromCorner);
  if (auto r = v.find("rotation_y")) p.rotation_y = float(r->as_number(-kMaxTurn, kMaxTurn));
  if (auto s = v.find("scale")) p.scale = float(s->as_number(0.01, 100));
  if (auto s = v.find("size")) {
    if (p.model.rfind("sh3d:", 0) != 0) s->fail("\"size\" only applies to Sweet Home 3D catalog pieces; use \"scale\" for model files");
    p.size = vec3_within(*s, kMaxSize, " metres");
    if (glm::any(glm::lessThanEqual(*p.size, glm::vec3(0)))) s->fail("expected [width, height, depth] in metres, all above 0");
  }
  if (auto u = v.find("unit")) {
    std::string unit = u->as_string();
    if (p.model.rfind("sh3d:", 0) == 0) u->fail("catalog pieces take their size from the catalog; \"unit\" is for model files");
    if (unit == "m") p.unit = 1.0f;
    else if (unit == "cm") p.unit = 0.01f;
    else if (unit == "mm") p.unit = 0.001f;
    else if (unit == "in") p.unit = 0.0254f;
    else u->fail("unknown unit \"" + unit + "\" (expected one of: m, cm, mm, in)");
  }
  if (auto on = v.find("on")) p.on = on->as_id();
  if (auto t = v.find("title")) p.title = t->as_string();
  return p;
}

void lights_of(const JsonView& v, SceneFile& s) {
  v.expect_only({"sun", "ambient", "background", "points"});
  Lighting& l = s.lighting;
  if (auto sun = v.find("sun")) {
    sun->expect_only({"direction", "color", "intensity"});
    if (auto d = sun->find("direction")) {
      glm::vec3 dir = vec3_within(*d, kMaxCoordinate, " (only the direction counts)");
      if (glm::length(dir) < 1e-6f) d->fail("expected a direction that is not [0, 0, 0]");
      l.sun_direction = glm::normalize(dir);
    }
    if (auto c = sun->find("color")) l.sun_color = linear(colour_of(*c));
    if (auto i = sun->find("intensity")) l.sun_intensity = float(i->as_number(0, 100));
  }
  if (auto a = v.find("ambient")) {
    a->expect_only({"sky", "ground", "intensity"});
    if (auto c = a->find("sky")) l.sky_color = linear(colour_of(*c));
    if (auto c = a->find("ground")) l.ground_color = linear(colour_of(*c));
    if (auto i = a->find("intensity")) l.ambient_intensity = float(i->as_number(0, 100));
  }
  if (auto b = v.find("background")) s.background = linear(colour_of(*b));
  if (auto pts = v.find("points")) {
    for (const JsonView& p : elements_at_most(*pts, kMaxPointLights, "point lights")) {
      p.expect_only({"id", "position", "color", "intensity", "range"});
      PointLight pl;
      pl.position = vec3_within(p.at("position"), kMaxCoordinate, kFromCorner);
      if (auto c = p.find("color")) pl.color = linear(colour_of(*c));
      if (auto i = p.find("intensity")) pl.intensity = float(i->as_number(0, 1000));
      if (auto r = p.find("range")) pl.range = float(r->as_number(0.1, 100));
      if (auto id = p.find("id")) id->as_id();
      l.points.push_back(pl);
    }
  }
}

}  // namespace

Result<SceneFile> parse_scene_file(std::shared_ptr<const JsonDocument> doc, const fs::path& dir) {
  try {
    SceneFile s;
    s.doc = doc;
    JsonView root = JsonView::root(doc);
    root.expect_only({"format", "id", "title", "description", "room", "models", "lights", "viewpoints", "scenario"});
    auto format = root.at("format");
    if (format.as_string() != kSceneFormat)
      format.fail("unsupported format \"" + format.as_string() + "\" (expected \"" + kSceneFormat + "\")");
    s.id = root.at("id").as_id();
    s.title = root.string_or("title", s.id);
    if (auto d = root.find("description")) d->as_string();
    auto room = root.at("room");
    room.expect_object();
    if (room.has("model")) s.room_model = placement_of(room, true);
    else s.shell = shell_of(room, dir);
    std::set<std::string> ids{"room", "room_glass"};
    std::set<std::string> placed;  // models listed so far, for "on" (a set: no quadratic scan)
    if (auto models = root.find("models")) {
      for (const JsonView& m : elements_at_most(*models, kMaxModels, "models")) {
        Placement p = placement_of(m, false);
        if (!ids.insert(p.id).second) m.at("id").fail("duplicate model id \"" + p.id + "\" (ids must be unique; \"room\" and \"room_glass\" are taken by the room)");
        if (!p.on.empty() && !placed.count(p.on))
          m.at("on").fail("\"on\" must name a model listed earlier, found \"" + p.on + "\"");
        placed.insert(p.id);
        s.models.push_back(std::move(p));
      }
    }
    if (auto l = root.find("lights")) lights_of(*l, s);
    if (auto vps = root.find("viewpoints")) {
      std::set<std::string> vp_ids;
      for (const JsonView& v : elements_at_most(*vps, kMaxViewpoints, "viewpoints")) {
        v.expect_only({"id", "position", "target", "fov"});
        Viewpoint vp;
        vp.id = v.at("id").as_id();
        if (!vp_ids.insert(vp.id).second) v.at("id").fail("duplicate viewpoint id \"" + vp.id + "\"");
        vp.position = vec3_within(v.at("position"), kMaxCoordinate, kFromCorner);
        vp.target = vec3_within(v.at("target"), kMaxCoordinate, kFromCorner);
        if (glm::length(vp.target - vp.position) < 1e-3f) v.at("target").fail("target must differ from position");
        if (auto f = v.find("fov")) vp.fov_y_degrees = float(f->as_number(20, 120));
        s.viewpoints.push_back(vp);
      }
    }
    // The "scenario" member belongs to the scenario runtime; only its presence is allowed here.
    return s;
  } catch (const ErrorException& e) {
    return e.error();
  }
}

Result<SceneFile> read_scene_file(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return bad_input(dir.string(), "", "scene package folder not found (expected a folder holding scene.json)");
  // A scene.json that is a link out of the folder would have its target's text quoted in errors.
  if (auto inside = resolve_inside(AllowedRoots({dir}, "the scene folder"), dir, "scene.json"); !inside)
    return bad_input((dir / "scene.json").string(), "", inside.error().message);
  MEELOOP_ASSIGN_OR_RETURN(auto doc, read_json_file(dir / "scene.json"));
  return parse_scene_file(doc, dir);
}

}  // namespace meeloop::scene
