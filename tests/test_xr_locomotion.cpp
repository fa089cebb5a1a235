// Headset comfort as pure math (xr/locomotion.h, xr/operator_control.h): the teleport arc and
// where it may land, the thumbstick's gestures, snap turns, teleports, recentring, the seated
// height, the operator's fade and script.
#include <cmath>
#include <tuple>

#include <catch2/catch.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include "xr/locomotion.h"
#include "xr/operator_control.h"

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

TEST_CASE("xr locomotion: a throw at 45 degrees goes further than a level one; at the sky it never lands", "[xr]") {
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

TEST_CASE("xr locomotion: seated visitors' eyes are lifted to standing height; standing on a stage keeps the floor", "[xr]") {
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

TEST_CASE("xr locomotion: operator scripts: timed commands in order; bad lines name the file and line", "[xr]") {
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
