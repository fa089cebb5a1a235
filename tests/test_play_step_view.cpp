// play::frame_step and instance_centre on a small hand-made room (no files, no GPU).
#include <catch2/catch.hpp>

#include <glm/gtc/matrix_transform.hpp>

#include "play/step_view.h"

using namespace meeloop;

namespace {

scene::Mesh box_mesh(glm::vec3 lo, glm::vec3 hi) {
  scene::Mesh m;
  m.bounds_min = lo;
  m.bounds_max = hi;
  return m;
}

// A 6 x 2.6 x 5 m room; a resident (1.7 m) standing at (4.5, 0, 1); a wardrobe at (2, 0, 4);
// a cup on the table at (1, 0.8, 1).
scene::World room() {
  scene::World w;
  w.meshes = {box_mesh({0, 0, 0}, {6, 2.6f, 5}), box_mesh({-0.25f, 0, -0.2f}, {0.25f, 1.7f, 0.2f}),
              box_mesh({-0.5f, 0, -0.3f}, {0.5f, 2.0f, 0.3f}), box_mesh({-0.05f, 0, -0.05f}, {0.05f, 0.1f, 0.05f})};
  w.instances = {{"room", 0, glm::mat4(1.0f)},
                 {"resident", 1, glm::translate(glm::mat4(1.0f), {4.5f, 0, 1})},
                 {"wardrobe", 2, glm::translate(glm::mat4(1.0f), {2, 0, 4})},
                 {"cup", 3, glm::translate(glm::mat4(1.0f), {1, 0.8f, 1})}};
  scene::Viewpoint vp;
  vp.id = "entrance";
  vp.position = {3, 1.6f, 3.5f};
  vp.target = {3.5f, 1.4f, 0};  // looking north, towards z = 0
  w.viewpoints = {vp};
  return w;
}

scenario::Scenario scenario_with(scenario::Step step) {
  scenario::Scenario sc;
  sc.characters = {{"mrs_jansen", "n", "resident"}, {"narrator_no_model", "n", ""}};
  sc.steps = {std::move(step)};
  return sc;
}

scenario::Step speaking(std::string who) {
  scenario::Step s;
  s.id = "talk";
  s.lines = {{"", "intro"}, {std::move(who), "hello"}};
  return s;
}

// Whether `vp` shows `p` inside the middle third of a 16:9 frame horizontally.
bool centred(const scene::Viewpoint& vp, glm::vec3 p) {
  glm::vec3 f = glm::normalize(vp.target - vp.position);
  glm::vec3 d = glm::normalize(p - vp.position);
  return glm::dot(f, d) > std::cos(glm::radians(15.0f));
}

float horizontal(glm::vec3 a, glm::vec3 b) { return glm::length(glm::vec2(a.x - b.x, a.z - b.z)); }

}  // namespace

TEST_CASE("instance_centre is the world-space centre of the placed model", "[play]") {
  scene::World w = room();
  auto c = play::instance_centre(w, "resident");
  REQUIRE(c);
  CHECK(c->x == Approx(4.5f));
  CHECK(c->y == Approx(0.85f));
  CHECK(c->z == Approx(1.0f));
  // Rotation is applied to the bounds, not just the origin.
  w.instances[2].transform = glm::rotate(glm::translate(glm::mat4(1.0f), {2, 0, 4}), glm::radians(90.0f), {0, 1, 0});
  auto r = play::instance_centre(w, "wardrobe");
  REQUIRE(r);
  CHECK(r->x == Approx(2.0f));
  CHECK(r->z == Approx(4.0f));
  CHECK_FALSE(play::instance_centre(w, "nobody"));
}

TEST_CASE("a step is framed on its first speaker that has a model", "[play]") {
  scene::World w = room();
  scenario::Scenario sc = scenario_with(speaking("mrs_jansen"));
  const glm::vec3 resident = *play::instance_centre(w, "resident");

  SECTION("the default view already sees her from 3 m: stand still and turn to her") {
    scene::Viewpoint from = w.viewpoints[0];
    scene::Viewpoint vp = play::frame_step(w, sc, sc.steps[0], from);
    CHECK(vp.position == from.position);
    CHECK(centred(vp, resident));
    CHECK(vp.target.y > resident.y);  // chest height: the face stays in frame
    CHECK(vp.fov_y_degrees == from.fov_y_degrees);
  }
  SECTION("looking away, or too far away: step to a spot 1.5-2.5 m from her, inside the room") {
    scene::Viewpoint from = w.viewpoints[0];
    if (GENERATE(0, 1) == 0) {
      from.target = {3, 1.6f, 10};  // facing the south wall
    } else {
      from.position = {1, 1.6f, 4.5f};  // sees her, but from 4.7 m: her face would be tiny
      from.target = {4.5f, 1.0f, 1.0f};
    }
    scene::Viewpoint vp = play::frame_step(w, sc, sc.steps[0], from);
    CHECK(vp.position != from.position);
    CHECK(vp.position.y == Approx(1.6f));
    const float d = horizontal(vp.position, resident);
    CHECK(d >= 1.49f);
    CHECK(d <= 2.51f);
    CHECK(vp.position.x > 0.3f);
    CHECK(vp.position.x < 5.7f);
    CHECK(vp.position.z > 0.3f);
    CHECK(vp.position.z < 4.7f);
    CHECK(centred(vp, resident));
  }
}

TEST_CASE("a new spot is not behind a tall piece of furniture", "[play]") {
  scene::World w = room();
  // The resident stands right behind the wardrobe as seen from the door.
  w.instances[1].transform = glm::translate(glm::mat4(1.0f), {2, 0, 2.5f});
  scenario::Scenario sc = scenario_with(speaking("mrs_jansen"));
  scene::Viewpoint from;
  from.position = {2, 1.6f, 4.8f};
  from.target = {2, 1.6f, 10};  // looking away, so a new spot is needed
  scene::Viewpoint vp = play::frame_step(w, sc, sc.steps[0], from);
  const glm::vec3 wardrobe_lo{1.5f, 0, 3.7f}, wardrobe_hi{2.5f, 2.0f, 4.3f};
  // Sample the line of sight: no point of it is inside the wardrobe.
  for (int i = 0; i <= 50; ++i) {
    glm::vec3 p = glm::mix(vp.position, vp.target, float(i) / 50.0f);
    bool inside = glm::all(glm::greaterThan(p, wardrobe_lo)) && glm::all(glm::lessThan(p, wardrobe_hi));
    CHECK_FALSE(inside);
  }
}

TEST_CASE("without a speaker the first interaction's object is framed, else the view stays", "[play]") {
  scene::World w = room();
  scenario::Step s;
  s.id = "table";
  s.lines = {{"narrator_no_model", "x"}};
  scenario::Interaction cup;
  cup.id = "take_cup";
  cup.object = "cup";
  s.interactions = {cup};
  scenario::Scenario sc = scenario_with(s);
  scene::Viewpoint from = w.viewpoints[0];
  scene::Viewpoint vp = play::frame_step(w, sc, sc.steps[0], from);
  CHECK(centred(vp, *play::instance_centre(w, "cup")));

  sc.steps[0].interactions.clear();
  scene::Viewpoint same = play::frame_step(w, sc, sc.steps[0], from);
  CHECK(same.position == from.position);
  CHECK(same.target == from.target);
  // A speaker whose model is not placed in the world also leaves the view as it was.
  sc = scenario_with(speaking("mrs_jansen"));
  w.instances.erase(w.instances.begin() + 1);
  CHECK(play::frame_step(w, sc, sc.steps[0], from).target == from.target);
}
