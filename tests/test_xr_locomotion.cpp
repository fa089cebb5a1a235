// Headset comfort as pure math (xr/locomotion.h, xr/operator_control.h): the teleport arc and
// where it may land, the thumbstick's gestures, snap turns, teleports, recentring, the seated
// height, the operator's fade and script; and the player's parts that need no headset: the
// head pose, the play space (xr/play_space.h) and where the hands point (xr/pointing.h).
#include <algorithm>
#include <cmath>
#include <tuple>

#include <catch2/catch.hpp>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>

#include "core/log.h"
#include "test_settings.h"
#include "scene/scene_loader.h"
#include "xr/head_pose.h"
#include "xr/locomotion.h"
#include "xr/operator_control.h"
#include "xr/play_space.h"
#include "xr/pointing.h"

namespace meeloop::xr {
namespace {

glm::vec3 apply(const glm::mat4& m, glm::vec3 p) { return glm::vec3(m * glm::vec4(p, 1.0f)); }
float yaw_after(const glm::mat4& m, glm::vec3 forward) {
  return glm::degrees(yaw_of_direction(glm::vec3(m * glm::vec4(forward, 0.0f))));
}

scene::World room_world(glm::vec3 lo, glm::vec3 hi) {
  scene::World w;
  scene::Mesh m;
  m.bounds_min = lo;
  m.bounds_max = hi;
  w.meshes.push_back(m);
  w.instances.push_back({"room", 0, glm::mat4(1.0f)});
  w.viewpoints.push_back({"start", {1.0f, 1.6f, 5.0f}, {1.0f, 1.6f, 0.0f}, 60.0f});
  return w;
}

// Adds a box-shaped piece of furniture (its mesh's bounds are all locomotion looks at).
void add_piece(scene::World& w, const std::string& id, glm::vec3 lo, glm::vec3 hi) {
  scene::Mesh m;
  m.bounds_min = -(hi - lo) * 0.5f;
  m.bounds_max = (hi - lo) * 0.5f;
  w.meshes.push_back(m);
  w.instances.push_back({id, int(w.meshes.size()) - 1, glm::translate(glm::mat4(1.0f), (lo + hi) * 0.5f)});
}

bool inside_or_on(const Box& b, glm::vec3 p, float eps = 1e-4f) {
  return p.x >= b.min.x - eps && p.x <= b.max.x + eps && p.y >= b.min.y - eps && p.y <= b.max.y + eps &&
         p.z >= b.min.z - eps && p.z <= b.max.z + eps;
}

}  // namespace

TEST_CASE("xr locomotion: a level throw lands where ballistics says, on the floor, with the arc ending there", "[xr]") {
  // From 1.5 m, horizontally at 7 m/s: t = sqrt(2 h / g), distance = 7 t.
  const Arc arc = sample_arc({0, 1.5f, 0}, {0, 0, -1}, 0.0f);
  REQUIRE(arc.landing);
  const float t = std::sqrt(2.0f * 1.5f / 9.81f);
  CHECK(arc.landing->y == 0.0f);
  CHECK(arc.landing->x == Approx(0.0f).margin(1e-5));
  // Linear interpolation between 1/30 s samples: well under a centimetre off.
  CHECK(-arc.landing->z == Approx(7.0f * t).margin(0.01));
  CHECK(arc.points.front() == glm::vec3(0, 1.5f, 0));
  CHECK(arc.points.back().y == Approx(0.0f).margin(1e-5));
  for (size_t i = 1; i < arc.points.size(); ++i) CHECK(arc.points[i].z < arc.points[i - 1].z);
}

TEST_CASE("xr locomotion: a throw at 45 degrees goes further than a level one, at the sky it never lands", "[xr]") {
  const Arc level = sample_arc({0, 1.2f, 0}, {0, 0, -1});
  const Arc up = sample_arc({0, 1.2f, 0}, {0, 1, -1});
  REQUIRE(level.landing);
  REQUIRE(up.landing);
  CHECK(-up.landing->z > -level.landing->z + 2.0f);
  // Straight up at 7 m/s: peaks at 2.5 m and comes down to the floor after about 1.6 s.
  const Arc vertical = sample_arc({0, 1.2f, 0}, {0, 1, 0});
  REQUIRE(vertical.landing);
  // Thrown up from below the floor plane (a lifted seated floor): no landing on the way up,
  // only on the way down.
  const Arc from_below = sample_arc({0, -0.3f, 0}, {0, 1, -1}, 0.0f);
  REQUIRE(from_below.landing);
  CHECK(-from_below.landing->z > 3.0f);
  // The flight ends after max_seconds: a strong launch that is still rising then never lands.
  ArcParams strong;
  strong.launch_speed = 40.0f;
  const Arc sky = sample_arc({0, 1.2f, 0}, {0, 1, -0.2f}, 0.0f, strong);
  CHECK_FALSE(sky.landing);
  CHECK(sky.points.size() == 91);  // 3 s at 30 samples a second, plus the start
}

TEST_CASE("xr locomotion: the walkable area is the room's floor less a margin, else a circle round the start view", "[xr]") {
  const WalkableArea room = walkable_area(room_world({-0.2f, 0, -0.2f}, {8.6f, 2.7f, 6.8f}), 0.3f);
  CHECK(room.rectangle);
  CHECK(room.contains({4.0f, 0, 3.0f}));
  CHECK(room.contains({0.15f, 0, 0.15f}));
  CHECK_FALSE(room.contains({-0.15f, 0, 3.0f}));  // inside the wall's margin
  CHECK_FALSE(room.contains({4.0f, 0, 6.6f}));
  CHECK_FALSE(room.contains({12.0f, 0, 3.0f}));   // outside the room

  scene::World open = room_world({0, 0, 0}, {1, 1, 1});
  open.instances.clear();
  const WalkableArea circle = walkable_area(open, 0.3f, 4.0f);
  CHECK_FALSE(circle.rectangle);
  CHECK(circle.contains({1.0f, 0, 1.5f}));   // 3.5 m from the start view at (1, 5)
  CHECK_FALSE(circle.contains({1.0f, 0, 0.5f}));  // 4.5 m
}

TEST_CASE("xr locomotion: the thumbstick: sideways turns once per push, forward aims and letting go teleports", "[xr]") {
  using E = StickGestures::Event;
  StickGestures g;
  CHECK(g.update({0.9f, 0}) == E::TurnRight);
  CHECK(g.update({1.0f, 0}) == E::None);  // held: no second turn
  CHECK(g.update({0.5f, 0}) == E::None);  // not back to rest yet
  CHECK(g.update({0.9f, 0}) == E::None);
  CHECK(g.update({0.1f, 0}) == E::None);
  CHECK(g.update({-0.8f, 0.1f}) == E::TurnLeft);
  CHECK(g.update({0, 0}) == E::None);

  // Forward: aims for as long as it is held, then teleports on release; no turn on the way.
  CHECK(g.update({0.2f, 0.9f}) == E::None);
  CHECK(g.aiming());
  CHECK(g.update({0.8f, 0.75f}) == E::None);  // drifting sideways while aiming never turns
  CHECK(g.update({0.9f, 0.5f}) == E::None);
  CHECK(g.aiming());
  CHECK(g.update({0.1f, 0.1f}) == E::TeleportRelease);
  CHECK_FALSE(g.aiming());
  // A diagonal that is more forward than sideways aims instead of turning.
  CHECK(g.update({0.72f, 0.75f}) == E::None);
  CHECK(g.aiming());
  g.cancel();
  CHECK_FALSE(g.aiming());
  CHECK(g.update({0, 0}) == E::None);  // cancelled: letting go does not teleport
}

TEST_CASE("xr locomotion: snap turns of 30 and 45 degrees add up, turning on the spot about the head", "[xr]") {
  const float step = GENERATE(30.0f, 45.0f);
  glm::mat4 m = glm::translate(glm::mat4(1.0f), glm::vec3(2.0f, 0.0f, 3.0f));
  const glm::vec3 head{0.4f, 1.7f, -0.2f};
  const glm::vec3 head_before = apply(m, head);
  for (int i = 0; i < 3; ++i) m = snap_turn(m, head, step);
  CHECK(yaw_after(m, {0, 0, -1}) == Approx(3 * step).margin(1e-3));
  const glm::vec3 head_after = apply(m, head);
  CHECK(glm::length(head_after - head_before) < 1e-5f);
  m = snap_turn(m, head, -step);  // turning right takes one back
  CHECK(yaw_after(m, {0, 0, -1}) == Approx(2 * step).margin(1e-3));
  // A full circle of 30s or 45s comes back where it started.
  for (int i = 0; i < int(360.0f / step) - 2; ++i) m = snap_turn(m, head, step);
  CHECK(std::abs(std::remainder(yaw_after(m, {0, 0, -1}), 360.0f)) < 1e-2f);
}

TEST_CASE("xr locomotion: a teleport puts the head above the target and keeps its height and the view's yaw", "[xr]") {
  const glm::mat4 m = glm::rotate(glm::translate(glm::mat4(1.0f), glm::vec3(1, 0, 2)), glm::radians(30.0f), glm::vec3(0, 1, 0));
  const glm::vec3 head{0.5f, 1.65f, 0.8f};  // the visitor is not at the play space's origin
  const glm::mat4 t = teleport(m, head, {4.0f, 0.0f, -1.0f});
  const glm::vec3 h = apply(t, head);
  CHECK(h.x == Approx(4.0f));
  CHECK(h.z == Approx(-1.0f));
  CHECK(h.y == Approx(apply(m, head).y));
  CHECK(yaw_after(t, {0, 0, -1}) == Approx(30.0f).margin(1e-3));
}

TEST_CASE("xr locomotion: recentre puts the head at the start view facing its target, whatever the play space did", "[xr]") {
  const scene::Viewpoint vp{"start", {4.3f, 1.6f, 4.4f}, {4.3f, 0.8f, 2.0f}, 65.0f};  // looks along -Z
  const scene::Viewpoint side{"side", {1.0f, 1.6f, 1.0f}, {3.0f, 1.6f, 1.0f}, 65.0f};  // along +X
  const glm::vec3 head{1.2f, 1.7f, -0.6f};
  const float head_yaw = glm::radians(100.0f);
  const glm::vec3 forward = glm::vec3(glm::rotate(glm::mat4(1.0f), head_yaw, glm::vec3(0, 1, 0)) * glm::vec4(0, 0, -1, 0));
  const glm::mat4 m = recentre(vp, head, head_yaw, 0.0f);
  const glm::vec3 h = apply(m, head);
  CHECK(h.x == Approx(4.3f));
  CHECK(h.z == Approx(4.4f));
  CHECK(h.y == Approx(1.7f));  // standing on a stage: the real height
  CHECK(std::abs(std::remainder(yaw_after(m, forward), 360.0f)) < 1e-3f);
  const glm::mat4 s = recentre(side, head, head_yaw, 0.3f);
  CHECK(std::abs(std::remainder(yaw_after(s, forward) + 90.0f, 360.0f)) < 1e-3f);
  CHECK(apply(s, head).y == Approx(2.0f));
}

TEST_CASE("xr locomotion: seated visitors' eyes are lifted to standing height, standing on a stage keeps the floor", "[xr]") {
  CHECK(floor_lift(true, true, 1.15f, 1.6f) == Approx(0.45f));
  CHECK(floor_lift(true, false, 0.0f, 1.6f) == Approx(1.6f));  // local space: origin at the head
  CHECK(floor_lift(false, true, 1.82f, 1.6f) == 0.0f);         // a tall visitor stays tall
  CHECK(floor_lift(false, false, 0.05f, 1.6f) == Approx(1.55f));  // standing, floor unknown
}

TEST_CASE("xr locomotion: the operator's pause fades to black in 0.4 s and back, recentre is taken once", "[xr]") {
  OperatorControl c;
  CHECK(c.advance_fade(0.1) == 0.0f);
  c.pause();
  CHECK(c.paused());
  CHECK(c.advance_fade(0.1) == Approx(0.25f));
  CHECK(c.advance_fade(0.2) == Approx(0.75f));
  CHECK(c.advance_fade(1.0) == 1.0f);
  c.resume();
  CHECK(c.advance_fade(0.2) == Approx(0.5f));
  CHECK(c.advance_fade(0.3) == 0.0f);
  c.toggle_pause();
  CHECK(c.paused());
  CHECK_FALSE(c.take_recentre());
  c.recentre();
  CHECK(c.take_recentre());
  CHECK_FALSE(c.take_recentre());
}

TEST_CASE("xr locomotion: operator scripts: timed commands in order, bad lines name the file and line", "[xr]") {
  auto s = parse_operator_script("# open day demo\n2.0 pause\n\n4.5 resume  # back\n  6 recentre\n", "ops.txt");
  REQUIRE(s);
  REQUIRE(s->lines.size() == 3);
  CHECK(s->lines[1].seconds == 4.5);
  CHECK(s->lines[2].command == OperatorScript::Command::Recentre);
  OperatorScriptPlayer player(*s);
  OperatorControl c;
  player.apply_due(1.9, c);
  CHECK_FALSE(c.paused());
  player.apply_due(2.0, c);
  CHECK(c.paused());
  player.apply_due(7.0, c);
  CHECK_FALSE(c.paused());
  CHECK(c.take_recentre());
  CHECK(player.done());

  for (const auto& [text, line, words] :
       {std::tuple{"1 pause\nabc resume\n", "2", "seconds"}, std::tuple{"1 pause\n2 jump\n", "2", "\"jump\""},
        std::tuple{"3 pause\n2 resume\n", "2", "time order"}, std::tuple{"-1 pause\n", "1", "seconds"},
        std::tuple{"1\n", "1", "pause, resume or recentre"}, std::tuple{"1 pause now\n", "1", "\"pause now\""}}) {
    auto bad = parse_operator_script(text, "ops.txt");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().kind == ErrorKind::BadInput);
    CHECK(bad.error().file == "ops.txt");
    CHECK(bad.error().location == line);
    CHECK(bad.error().message.find(words) != std::string::npos);
  }
  auto missing = load_operator_script("/nonexistent/ops.txt");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().exit_code() == 2);
}

}  // namespace meeloop::xr

namespace meeloop::xr {

TEST_CASE("xr locomotion: an arc that would pass through a cabinet or land under a table ends at the furniture, blocked", "[xr]") {
  scene::World w = room_world({-0.2f, 0, -8.0f}, {8.0f, 2.7f, 6.8f});
  add_piece(w, "cabinet", {-1.0f, 0.0f, -2.5f}, {1.0f, 1.2f, -1.5f});
  const std::vector<Box> boxes = furniture_boxes(w);
  REQUIRE(boxes.size() == 1);  // the room shell is no obstacle
  CHECK(boxes[0].min.z == Approx(-2.5f));
  CHECK(boxes[0].max.y == Approx(1.2f));

  // Level from 1.5 m the flight lands 3.9 m ahead, behind the cabinet, which it crosses at
  // about 1.1 m high: through the cabinet.
  const Arc free = sample_arc({0, 1.5f, 0}, {0, 0, -1}, 0.0f);
  REQUIRE(free.landing);
  CHECK(free.landing->z < -3.5f);
  const Arc arc = sample_arc({0, 1.5f, 0}, {0, 0, -1}, 0.0f, boxes);
  CHECK(arc.blocked);
  CHECK_FALSE(arc.landing);
  // It ends on the cabinet's top, and nothing before that is inside it.
  CHECK(inside_or_on(boxes[0], arc.points.back()));
  CHECK(arc.points.back().y == Approx(1.2f).margin(1e-3));
  for (size_t i = 0; i + 1 < arc.points.size(); ++i) CHECK_FALSE(boxes[0].contains(arc.points[i]));

  // A table whose top is lower than where the flight passes, but whose legs stand where it
  // lands: the arc enters the table's box through its side and ends there.
  scene::World t = w;
  t.instances.pop_back();
  add_piece(t, "table", {-1.0f, 0.0f, -4.5f}, {1.0f, 0.75f, -3.2f});
  REQUIRE((free.landing->z > -4.5f && free.landing->z < -3.2f));  // today's landing: under the table
  const Arc under = sample_arc({0, 1.5f, 0}, {0, 0, -1}, 0.0f, furniture_boxes(t));
  CHECK(under.blocked);
  CHECK_FALSE(under.landing);
  CHECK(under.points.back().z == Approx(-3.2f).margin(1e-3));

  // A box round the controller itself (a hand held over a table) does not stop the arc.
  scene::World hand = w;
  hand.instances.pop_back();
  add_piece(hand, "table", {-0.5f, 0.0f, -0.5f}, {0.5f, 1.8f, 0.5f});
  const Arc out = sample_arc({0, 1.5f, 0}, {0, 0, -1}, 0.0f, furniture_boxes(hand));
  CHECK_FALSE(out.blocked);
  REQUIRE(out.landing);
  CHECK(out.landing->z == Approx(free.landing->z));
}

TEST_CASE("xr locomotion: a floor laid as its own piece or a rug is no obstacle, the arc lands on it and may be walked", "[xr]") {
  // A scene without a room shell whose floor is a flat piece at y = 0 (the render fixture's):
  // every arc reaches that piece's box where it lands, so as an obstacle it blocked them all.
  scene::World open;
  open.viewpoints.push_back({"start", {0.0f, 1.6f, 4.0f}, {0.0f, 0.7f, 0.0f}, 60.0f});
  add_piece(open, "floor", {-6.0f, 0.0f, -6.0f}, {6.0f, 0.0f, 6.0f});
  add_piece(open, "cabinet", {-1.0f, 0.0f, -2.5f}, {1.0f, 1.2f, -1.5f});
  const std::vector<Box> boxes = furniture_boxes(open);
  REQUIRE(boxes.size() == 1);  // the cabinet only
  CHECK(boxes[0].max.y == Approx(1.2f));
  const WalkableArea a = walkable_area(open);
  REQUIRE_FALSE(a.rectangle);  // the circle round the start view
  const Arc free = sample_arc({0.2f, 1.2f, 3.8f}, {0.0f, -0.2f, -1.0f}, 0.0f);
  REQUIRE(free.landing);
  const Arc arc = sample_arc({0.2f, 1.2f, 3.8f}, {0.0f, -0.2f, -1.0f}, 0.0f, boxes);
  CHECK_FALSE(arc.blocked);
  REQUIRE(arc.landing);
  CHECK(arc.landing->z == Approx(free.landing->z));
  CHECK(arc.points.back().y == Approx(0.0f).margin(1e-5));
  CHECK(a.contains(*arc.landing));
  // The cabinet on that floor still stops a throw through it.
  CHECK(sample_arc({0, 1.5f, 0}, {0, 0, -1}, 0.0f, boxes).blocked);

  // A rug 1 cm high in a room: the arc lands on the floor through it, where a visitor may stand.
  scene::World room = room_world({-0.2f, 0, -0.2f}, {8.6f, 2.7f, 6.8f});
  add_piece(room, "rug", {0.5f, 0.0f, 1.0f}, {2.5f, 0.01f, 3.5f});
  CHECK(furniture_boxes(room).empty());
  const Arc rug = sample_arc({1.5f, 1.2f, 5.0f}, {0.0f, -0.2f, -1.0f}, 0.0f, furniture_boxes(room));
  CHECK_FALSE(rug.blocked);
  REQUIRE(rug.landing);
  REQUIRE((rug.landing->z > 1.0f && rug.landing->z < 3.5f));  // on the rug
  CHECK(walkable_area(room).contains(*rug.landing));
}

TEST_CASE("xr locomotion: furniture footprints, grown by a margin, are not walkable, free floor and ceiling lamps' floor are", "[xr]") {
  scene::World w = room_world({-0.2f, 0, -0.2f}, {8.6f, 2.7f, 6.8f});
  add_piece(w, "table", {3.4f, 0.0f, 2.0f}, {5.8f, 0.75f, 3.0f});
  add_piece(w, "ceiling_lamp", {1.3f, 2.4f, 2.0f}, {1.9f, 2.7f, 2.6f});
  add_piece(w, "rug", {0.5f, 0.0f, 4.0f}, {2.5f, 0.01f, 5.5f});
  const WalkableArea a = walkable_area(w, 0.3f, 4.0f, 0.2f);
  REQUIRE(a.rectangle);
  CHECK(a.blocked.size() == 1);  // the table; the lamp hangs above head height, the rug is flat
  CHECK_FALSE(a.contains({4.6f, 0, 2.5f}));   // under the table
  CHECK_FALSE(a.contains({3.3f, 0, 2.5f}));   // 0.1 m from its edge: within the margin
  CHECK_FALSE(a.contains({4.6f, 0, 3.15f}));
  CHECK(a.contains({3.1f, 0, 2.5f}));         // 0.3 m from its edge
  CHECK(a.contains({1.6f, 0, 2.3f}));         // under the ceiling lamp
  CHECK(a.contains({1.5f, 0, 4.5f}));         // on the rug
  CHECK(a.contains({6.5f, 0, 5.0f}));         // open floor
  CHECK_FALSE(a.contains({-0.15f, 0, 3.0f}));  // the walls' margin still holds
}

TEST_CASE("xr locomotion: huiskamer: the table and chairs block teleports, the floor between them does not", "[xr]") {
  Log log(LogLevel::Warn);
  const Paths& paths = test::settings().paths;
  auto world = scene::load_scene_package(paths.data_root / "scenes" / "huiskamer", paths, log);
  REQUIRE(world);
  const WalkableArea a = walkable_area(*world);
  REQUIRE(a.rectangle);
  CHECK(a.blocked.size() >= 20);
  CHECK_FALSE(a.contains({4.6f, 0, 2.5f}));   // the dining table's centre
  CHECK_FALSE(a.contains({3.8f, 0, 1.78f}));  // chair_1
  CHECK_FALSE(a.contains({6.05f, 0, 2.5f}));  // chair_6, at the head of the table
  CHECK_FALSE(a.contains({2.0f, 0, 1.6f}));   // armchair_1
  CHECK(a.contains({4.3f, 0, 4.6f}));         // the open floor before the table
  CHECK(a.contains({1.0f, 0, 5.6f}));         // by the entrance

  // Aimed down at the table from the open floor: without furniture the arc lands in the
  // table's or a chair's footprint (refused); with it, the arc ends in that furniture.
  const std::vector<Box> boxes = furniture_boxes(*world);
  const glm::vec3 origin{4.6f, 1.1f, 4.0f}, dir{0.0f, -0.3f, -1.0f};
  const Arc today = sample_arc(origin, dir, 0.0f);
  REQUIRE(today.landing);
  CHECK_FALSE(a.contains(*today.landing));
  const Arc arc = sample_arc(origin, dir, 0.0f, boxes);
  CHECK(arc.blocked);
  CHECK_FALSE(arc.landing);
  CHECK(std::any_of(boxes.begin(), boxes.end(), [&](const Box& b) { return inside_or_on(b, arc.points.back()); }));
  // Aimed the other way, into the open floor towards the entrance, it lands and may be walked.
  const Arc back = sample_arc({4.3f, 1.1f, 4.4f}, {-0.6f, -0.6f, 1.0f}, 0.0f, boxes);
  REQUIRE(back.landing);
  CHECK_FALSE(back.blocked);
  CHECK(a.contains(*back.landing));
}

TEST_CASE("xr head pose: halfway between the eyes, looking and turned where the left eye looks", "[xr]") {
  Frame f;
  const glm::quat left_90 = glm::angleAxis(glm::radians(90.0f), glm::vec3(0, 1, 0));
  f.eyes[0].pose.position = {1.0f, 1.6f, -0.032f};
  f.eyes[1].pose.position = {1.0f, 1.6f, 0.032f};
  for (auto& e : f.eyes) e.pose.orientation = {left_90.x, left_90.y, left_90.z, left_90.w};
  const HeadPose h = head_pose(f);
  CHECK(h.position.x == Approx(1.0f));
  CHECK(h.position.y == Approx(1.6f));
  CHECK(h.position.z == Approx(0.0f).margin(1e-6));
  CHECK(h.forward.x == Approx(-1.0f));
  CHECK(h.forward.z == Approx(0.0f).margin(1e-6));
  CHECK(glm::degrees(h.yaw) == Approx(90.0f));
}

TEST_CASE("xr play space: the thumbstick aims, letting go teleports, sideways turns about the head, a pause drops the aim",
          "[xr]") {
  Log log(LogLevel::Warn);
  const scene::World w = room_world({-5, 0, -5}, {5, 3, 5});
  ComfortOptions comfort;
  comfort.vignette = true;
  PlaySpace space(w, comfort, true, log);
  HeadPose head;
  head.position = {0.0f, 1.6f, 0.0f};
  // Under the start view (1, 5), facing its target along -Z.
  CHECK(apply(space.world_from_space(), head.position).x == Approx(1.0f));
  CHECK(apply(space.world_from_space(), head.position).z == Approx(5.0f));

  HandState hand;
  hand.active = true;
  hand.aim_origin = {0.0f, 1.2f, -0.2f};
  hand.aim_direction = {0.0f, 0.0f, -1.0f};
  hand.thumbstick = {0.0f, 1.0f};
  space.update_hand(1, hand, head);
  ComfortView aimed = space.comfort_view();
  REQUIRE(aimed.arc);
  REQUIRE(aimed.arc->landing);
  CHECK(aimed.arc_valid);
  const glm::vec3 landing = *aimed.arc->landing;
  hand.thumbstick = {0.0f, 0.0f};
  space.update_hand(1, hand, head);
  CHECK(space.teleports() == 1);
  CHECK_FALSE(space.comfort_view().arc);
  const glm::vec3 there = apply(space.world_from_space(), head.position);
  CHECK(there.x == Approx(landing.x));
  CHECK(there.y == Approx(1.6f));
  CHECK(there.z == Approx(landing.z));
  CHECK(space.comfort_view().vignette == Approx(1.0f));
  space.advance(1.0);
  CHECK(space.comfort_view().vignette == 0.0f);

  // Sideways on the left hand: 30 degrees to the right, on the spot.
  hand.thumbstick = {1.0f, 0.0f};
  space.update_hand(0, hand, head);
  CHECK(space.snap_turns() == 1);
  CHECK(yaw_after(space.world_from_space(), {0, 0, -1}) == Approx(-30.0f));
  CHECK(glm::length(apply(space.world_from_space(), head.position) - there) == Approx(0.0f).margin(1e-5));

  // Aiming again, the operator pauses: the arc goes and letting go jumps nowhere.
  hand.thumbstick = {0.0f, 0.0f};
  space.update_hand(0, hand, head);
  hand.thumbstick = {0.0f, 1.0f};
  space.update_hand(0, hand, head);
  REQUIRE(space.comfort_view().arc);
  space.cancel();
  CHECK_FALSE(space.comfort_view().arc);
  hand.thumbstick = {0.0f, 0.0f};
  space.update_hand(0, hand, head);
  CHECK(space.teleports() == 1);
}

TEST_CASE("xr play space: recentre and height resets lift a seated visitor's eyes to standing height once", "[xr]") {
  Log log(LogLevel::Warn);
  const scene::World w = room_world({-5, 0, -5}, {5, 3, 5});
  ComfortOptions comfort;
  comfort.seated = true;
  comfort.seated_eye_height = 1.6f;
  PlaySpace space(w, comfort, true, log);
  HeadPose head;
  head.position = {0.4f, 1.1f, -0.3f};
  head.yaw = glm::radians(60.0f);
  space.reset_height(head);
  CHECK(apply(space.world_from_space(), head.position).y == Approx(1.6f));
  space.reset_height(head);  // again: no higher
  CHECK(apply(space.world_from_space(), head.position).y == Approx(1.6f));
  space.recentre(head);
  const glm::vec3 at = apply(space.world_from_space(), head.position);
  CHECK(at.x == Approx(1.0f));
  CHECK(at.y == Approx(1.6f));
  CHECK(at.z == Approx(5.0f));
  space.reset_height(head);
  CHECK(apply(space.world_from_space(), head.position).y == Approx(1.6f));

  // Standing in a stage space the real floor is the scene's: nothing is lifted.
  comfort.seated = false;
  PlaySpace standing(w, comfort, true, log);
  standing.reset_height(head);
  CHECK(apply(standing.world_from_space(), head.position).y == Approx(1.1f));
}

TEST_CASE("xr pointing: a ray hits the panel before a hotspot behind it, else the hotspot, else nothing 3 m on", "[xr]") {
  const PanelCanvas canvas;
  // The panel 0.9 m ahead of a head at the origin, centre 1.3 m up, facing it.
  const glm::mat4 world_from_panel = place_panel({0.0f, 1.6f, 0.0f}, 0.0f, 0.9f, 1.3f);
  const std::vector<Hotspot> spots{{"kast", {-0.5f, 1.0f, -2.5f}, {0.5f, 1.6f, -2.0f}},
                                   {"raam", {1.5f, 0.5f, -3.0f}, {2.5f, 2.0f, -2.0f}}};
  // The play space is 1 m to the right of the scene's origin.
  const glm::mat4 world_from_space = glm::translate(glm::mat4(1.0f), glm::vec3(1.0f, 0.0f, 0.0f));
  HandState hand;
  hand.active = true;
  hand.aim_direction = {0.0f, 0.0f, -1.0f};

  hand.aim_origin = {-1.0f, 1.3f, 0.0f};  // scene (0, 1.3, 0): the panel's centre, "kast" behind it
  const HandPoint on_panel = point_hand(hand, world_from_space, world_from_panel, canvas, spots);
  REQUIRE(on_panel.canvas_point);
  CHECK(on_panel.canvas_point->x == Approx(512.0f));
  CHECK(on_panel.canvas_point->y == Approx(360.0f));
  CHECK_FALSE(on_panel.spot);
  CHECK(on_panel.to.z == Approx(-0.9f));

  hand.aim_origin = {1.0f, 1.0f, 0.0f};  // scene (2, 1, 0): past the panel's edge, at "raam"
  const HandPoint on_spot = point_hand(hand, world_from_space, world_from_panel, canvas, spots);
  CHECK_FALSE(on_spot.canvas_point);
  REQUIRE(on_spot.spot);
  CHECK(*on_spot.spot == 1);
  CHECK(on_spot.to.z == Approx(-2.0f));
  CHECK(on_spot.from.x == Approx(2.0f));

  hand.aim_origin = {4.0f, 1.0f, 0.0f};  // at nothing
  const HandPoint none = point_hand(hand, world_from_space, world_from_panel, canvas, spots);
  CHECK_FALSE(none.canvas_point);
  CHECK_FALSE(none.spot);
  CHECK(glm::length(none.to - none.from) == Approx(kRayLength));
}

TEST_CASE("xr pointing: the panel's one mouse is the hand that pulls the trigger, else the right hand, else the left",
          "[xr]") {
  PanelMouse neither;
  CHECK_FALSE(neither.pointer());
  CHECK_FALSE(neither.pressed());

  PanelMouse both;
  both.add(0, {10, 10}, false);
  both.add(1, {20, 20}, false);
  CHECK(*both.pointer() == glm::vec2(20, 20));
  CHECK_FALSE(both.pressed());

  PanelMouse left_pulls;
  left_pulls.add(0, {10, 10}, true);
  left_pulls.add(1, {20, 20}, true);
  CHECK(*left_pulls.pointer() == glm::vec2(10, 10));
  CHECK(left_pulls.pressing_hand() == 0);

  PanelMouse right_pulls;
  right_pulls.add(0, {10, 10}, false);
  right_pulls.add(1, {20, 20}, true);
  CHECK(*right_pulls.pointer() == glm::vec2(20, 20));
  CHECK(right_pulls.pressing_hand() == 1);

  PanelMouse left_only;
  left_only.add(0, {10, 10}, false);
  CHECK(*left_only.pointer() == glm::vec2(10, 10));
  CHECK(left_only.pressing_hand() == -1);
}

}  // namespace meeloop::xr
