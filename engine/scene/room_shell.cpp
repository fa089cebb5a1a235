#include "scene/room_shell.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "scene/importer.h"
#include "scene/mesh_builder.h"
#include "scene/procedural.h"

namespace meeloop::scene {
namespace {

glm::vec3 linear(glm::vec3 srgb) {
  auto f = [](float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); };
  return {f(srgb.r), f(srgb.g), f(srgb.b)};
}

struct WallFrame {
  glm::vec3 origin, along, inward;
  float length;
};

WallFrame frame_of(const RoomShell& r, Wall w) {
  const float W = r.size.x, D = r.size.z;
  switch (w) {
    case Wall::North: return {{0, 0, 0}, {1, 0, 0}, {0, 0, 1}, W};
    case Wall::South: return {{0, 0, D}, {1, 0, 0}, {0, 0, -1}, W};
    case Wall::West: return {{0, 0, 0}, {0, 0, 1}, {1, 0, 0}, D};
    case Wall::East: return {{W, 0, 0}, {0, 0, 1}, {-1, 0, 0}, D};
  }
  return {};
}

struct Materials {
  int floor, ceiling, skirting, frame, glass, sill, door, ground, facade;
  std::array<int, 4> walls;
};

Result<int> surface_material(WorldBuilder& b, const std::string& name, const Surface& s,
                             std::optional<glm::vec3> color, Log& log) {
  Material m;
  m.name = name;
  m.base_color = glm::vec4(linear(color.value_or(s.color)), 1.0f);
  m.roughness = s.roughness;
  if (!s.texture.empty()) {
    ImportLimits limits;
    MEELOOP_ASSIGN_OR_RETURN(m.base_color_texture, load_texture_file(b, s.texture, limits));
  } else if (s.pattern != "plain") {
    std::string key = "procedural:" + s.pattern;
    auto known = b.find_image(key);
    m.base_color_texture = known ? *known : b.add_image(make_pattern(s.pattern), key);
  }
  (void)log;
  return b.add_material(m);
}

int plain_material(WorldBuilder& b, const std::string& name, glm::vec3 srgb, float alpha,
                   float roughness, bool double_sided = false) {
  Material m;
  m.name = name;
  m.base_color = glm::vec4(linear(srgb), alpha);
  m.roughness = roughness;
  m.double_sided = double_sided;
  return b.add_material(m);
}

// Wall face with rectangular holes: split into a grid at every hole edge and keep the cells
// outside all holes. `offset` moves the face along the inward normal (negative = outside).
void wall_face(MeshBuilder& mb, int material, const WallFrame& f, float height, float begin,
               float end, const std::vector<Opening>& holes, float offset, float tile, bool outside) {
  std::set<float> us{begin, end}, vs{0.0f, height};
  for (const Opening& h : holes) {
    us.insert(h.center - h.width / 2);
    us.insert(h.center + h.width / 2);
    vs.insert(h.sill);
    vs.insert(h.sill + h.height);
  }
  std::vector<float> u(us.begin(), us.end()), v(vs.begin(), vs.end());
  glm::vec3 normal = outside ? -f.inward : f.inward;
  for (size_t i = 0; i + 1 < u.size(); ++i) {
    if (u[i] < begin || u[i + 1] > end) continue;
    for (size_t j = 0; j + 1 < v.size(); ++j) {
      float cu = 0.5f * (u[i] + u[i + 1]), cv = 0.5f * (v[j] + v[j + 1]);
      bool in_hole = std::any_of(holes.begin(), holes.end(), [&](const Opening& h) {
        return std::abs(cu - h.center) < h.width / 2 && cv > h.sill && cv < h.sill + h.height;
      });
      if (in_hole) continue;
      glm::vec3 p = f.origin + f.along * u[i] + glm::vec3(0, v[j], 0) + f.inward * offset;
      mb.quad(material, p, f.along * (u[i + 1] - u[i]), glm::vec3(0, v[j + 1] - v[j], 0), normal,
              tile, glm::vec2(u[i], v[j]) / tile);
    }
  }
}

// Box given in wall coordinates: u along the wall, y up, n along the inward normal.
void wall_box(MeshBuilder& mb, int material, const WallFrame& f, float u0, float u1, float y0,
              float y1, float n0, float n1) {
  glm::vec3 a = f.origin + f.along * u0 + glm::vec3(0, y0, 0) + f.inward * n0;
  glm::vec3 b = f.origin + f.along * u1 + glm::vec3(0, y1, 0) + f.inward * n1;
  mb.box(material, glm::min(a, b), glm::max(a, b));
}

void build_opening(MeshBuilder& mb, MeshBuilder& glass, const Materials& m, const WallFrame& f,
                   const Opening& o, float t, int wall_material, float wall_tile) {
  const float u0 = o.center - o.width / 2, u1 = o.center + o.width / 2;
  const float y0 = o.sill, y1 = o.sill + o.height;
  // Reveals: the wall's thickness seen inside the hole.
  mb.quad(wall_material, f.origin + f.along * u0 + glm::vec3(0, y0, 0), -f.inward * t,
          glm::vec3(0, o.height, 0), f.along, wall_tile);
  mb.quad(wall_material, f.origin + f.along * u1 + glm::vec3(0, y0, 0), -f.inward * t,
          glm::vec3(0, o.height, 0), -f.along, wall_tile);
  mb.quad(wall_material, f.origin + f.along * u0 + glm::vec3(0, y1, 0), -f.inward * t,
          f.along * o.width, glm::vec3(0, -1, 0), wall_tile);
  if (y0 > 0) mb.quad(wall_material, f.origin + f.along * u0 + glm::vec3(0, y0, 0), -f.inward * t,
                      f.along * o.width, glm::vec3(0, 1, 0), wall_tile);
  if (o.kind == Opening::Kind::Window) {
    const float fw = 0.06f, mid = -t * 0.5f;  // frame profile, centred in the wall
    wall_box(mb, m.frame, f, u0, u1, y0, y0 + fw, mid - 0.035f, mid + 0.035f);
    wall_box(mb, m.frame, f, u0, u1, y1 - fw, y1, mid - 0.035f, mid + 0.035f);
    wall_box(mb, m.frame, f, u0, u0 + fw, y0, y1, mid - 0.035f, mid + 0.035f);
    wall_box(mb, m.frame, f, u1 - fw, u1, y0, y1, mid - 0.035f, mid + 0.035f);
    if (o.width > 1.1f) wall_box(mb, m.frame, f, o.center - fw / 2, o.center + fw / 2, y0, y1, mid - 0.035f, mid + 0.035f);
    if (o.height > 1.3f) wall_box(mb, m.frame, f, u0, u1, y1 - 0.4f, y1 - 0.4f + fw, mid - 0.035f, mid + 0.035f);
    // Window board (vensterbank) on the inside.
    wall_box(mb, m.sill, f, u0 - 0.05f, u1 + 0.05f, y0 - 0.025f, y0, mid, 0.06f);
    glm::vec3 p = f.origin + f.along * u0 + glm::vec3(0, y0, 0) + f.inward * mid;
    glass.quad(m.glass, p, f.along * o.width, glm::vec3(0, o.height, 0), f.inward, 1.0f);
  } else {
    const float aw = 0.07f;  // architrave around the door, on both faces
    for (float n : {0.0f, -t - 0.012f}) {
      wall_box(mb, m.frame, f, u0 - aw, u0, 0, y1 + aw, n, n + 0.012f);
      wall_box(mb, m.frame, f, u1, u1 + aw, 0, y1 + aw, n, n + 0.012f);
      wall_box(mb, m.frame, f, u0 - aw, u1 + aw, y1, y1 + aw, n, n + 0.012f);
    }
    if (!o.open) {
      wall_box(mb, m.door, f, u0, u1, 0.005f, y1 - 0.005f, -t * 0.5f - 0.02f, -t * 0.5f + 0.02f);
      wall_box(mb, m.frame, f, u1 - 0.12f, u1 - 0.06f, 1.03f, 1.06f, -t * 0.5f + 0.02f, -t * 0.5f + 0.07f);
    }
  }
}

}  // namespace

float wall_length(const RoomShell& room, Wall wall) {
  return (wall == Wall::North || wall == Wall::South) ? room.size.x : room.size.z;
}

std::optional<std::string> check_opening(const RoomShell& room, size_t i) {
  const Opening& o = room.openings.at(i);
  const float len = wall_length(room, o.wall);
  auto num = [](float v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", double(v));
    return std::string(buf);
  };
  if (o.width > len - 0.1f)
    return "opening is " + num(o.width) + " m wide but the wall is only " + num(len) + " m long";
  if (o.center - o.width / 2 < 0.05f || o.center + o.width / 2 > len - 0.05f)
    return "opening runs off the wall: its centre must lie between " + num(o.width / 2 + 0.05f) +
           " and " + num(len - o.width / 2 - 0.05f) + " m along a wall " + num(len) + " m long";
  if (o.sill + o.height > room.size.y - 0.05f)
    return "opening reaches " + num(o.sill + o.height) + " m but the ceiling is at " + num(room.size.y) + " m";
  for (size_t j = 0; j < room.openings.size(); ++j) {
    const Opening& p = room.openings[j];
    if (j == i || p.wall != o.wall) continue;
    if (std::abs(p.center - o.center) < (p.width + o.width) / 2 + 0.1f)
      return "opening overlaps opening " + std::to_string(j) + " on the same wall (keep 10 cm between them)";
  }
  return std::nullopt;
}

Status build_room_shell(WorldBuilder& b, const RoomShell& room, Log& log) {
  Materials m{};
  MEELOOP_ASSIGN_OR_RETURN(m.floor, surface_material(b, "room.floor", room.floor, {}, log));
  MEELOOP_ASSIGN_OR_RETURN(m.ceiling, surface_material(b, "room.ceiling", room.ceiling, {}, log));
  for (int w = 0; w < 4; ++w) {
    MEELOOP_ASSIGN_OR_RETURN(m.walls[size_t(w)],
                             surface_material(b, "room.wall", room.walls, room.wall_colors[size_t(w)], log));
  }
  m.skirting = plain_material(b, "room.skirting", {0.93f, 0.93f, 0.91f}, 1, 0.5f);
  m.frame = plain_material(b, "room.frame", {0.95f, 0.95f, 0.94f}, 1, 0.4f);
  m.sill = plain_material(b, "room.window_board", {0.88f, 0.87f, 0.84f}, 1, 0.3f);
  m.door = plain_material(b, "room.door", {0.78f, 0.66f, 0.50f}, 1, 0.6f);
  m.glass = plain_material(b, "room.glass", {0.80f, 0.88f, 0.92f}, 0.18f, 0.05f, true);
  auto ground = surface_material(b, "room.garden", Surface{{0.42f, 0.58f, 0.30f}, "grass", {}, 1.0f}, {}, log);
  auto facade = surface_material(b, "room.facade", Surface{{0.62f, 0.32f, 0.24f}, "brick", {}, 0.9f}, {}, log);
  m.ground = *ground;
  m.facade = *facade;

  const float W = room.size.x, H = room.size.y, D = room.size.z, t = room.wall_thickness;
  MeshBuilder mb, glass;
  float ft = pattern_tile_metres(room.floor.pattern), ct = pattern_tile_metres(room.ceiling.pattern);
  float wt = pattern_tile_metres(room.walls.pattern);
  mb.quad(m.floor, {0, 0, 0}, {W, 0, 0}, {0, 0, D}, {0, 1, 0}, ft);
  mb.quad(m.ceiling, {0, H, 0}, {W, 0, 0}, {0, 0, D}, {0, -1, 0}, ct);
  // Garden outside, a little below the floor so the two never fight for the same pixels.
  const float G = 40.0f;
  mb.quad(m.ground, {-G, -0.03f, -G}, {W + 2 * G, 0, 0}, {0, 0, D + 2 * G}, {0, 1, 0}, 4.0f);
  for (int w = 0; w < 4; ++w) {
    WallFrame f = frame_of(room, Wall(w));
    std::vector<Opening> holes;
    for (const Opening& o : room.openings)
      if (int(o.wall) == w) holes.push_back(o);
    wall_face(mb, m.walls[size_t(w)], f, H, 0, f.length, holes, 0.0f, wt, false);
    wall_face(mb, m.facade, f, H + 0.3f, -t, f.length + t, holes, -t, 0.45f, true);
    // Skirting boards, interrupted by doors.
    std::vector<std::pair<float, float>> runs{{0.0f, f.length}};
    for (const Opening& o : holes) {
      if (o.kind != Opening::Kind::Door) continue;
      std::vector<std::pair<float, float>> next;
      for (auto [a, c] : runs) {
        float d0 = o.center - o.width / 2 - 0.07f, d1 = o.center + o.width / 2 + 0.07f;
        if (d0 > a) next.emplace_back(a, std::min(c, d0));
        if (d1 < c) next.emplace_back(std::max(a, d1), c);
      }
      runs = next;
    }
    for (auto [a, c] : runs) wall_box(mb, m.skirting, f, a, c, 0.0f, 0.07f, 0.0f, 0.012f);
    for (const Opening& o : holes) build_opening(mb, glass, m, f, o, t, m.walls[size_t(w)], wt);
  }
  World& world = b.world();
  int shell = b.add_mesh("room:shell", mb.finish("room shell"));
  world.instances.push_back({"room", shell, glm::mat4(1.0f)});
  Mesh glass_mesh = glass.finish("room glass");
  if (!glass_mesh.indices.empty()) {
    int g = b.add_mesh("room:glass", std::move(glass_mesh));
    world.instances.push_back({"room_glass", g, glm::mat4(1.0f)});
  }
  return Ok{};
}

}  // namespace meeloop::scene
