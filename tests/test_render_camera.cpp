// Camera math: Vulkan clip conventions (Y down, depth 0..1), right-handed +Y-up world.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <unistd.h>

#include "render/camera.h"
#include "render/culling.h"
#include "fixtures/render_world.h"

using namespace meeloop;

namespace {
glm::vec4 clip_of(const render::View& v, glm::vec3 p) { return v.proj * v.view * glm::vec4(p, 1.0f); }
bool in_clip_volume(glm::vec4 c) {
  return c.w > 0 && std::abs(c.x) <= c.w && std::abs(c.y) <= c.w && c.z >= 0 && c.z <= c.w;
}
}  // namespace

TEST_CASE("perspective maps the near plane to depth 0 and the far plane to depth 1", "[render][camera]") {
  const glm::mat4 p = render::perspective(glm::radians(60.0f), 16.0f / 9.0f, 0.1f, 50.0f);
  glm::vec4 near_c = p * glm::vec4(0, 0, -0.1f, 1);
  glm::vec4 far_c = p * glm::vec4(0, 0, -50.0f, 1);
  CHECK(near_c.z / near_c.w == Approx(0.0f).margin(1e-6));
  CHECK(far_c.z / far_c.w == Approx(1.0f).margin(1e-5));
  // Half the vertical field of view up lands on the top edge, which is y = -1 in Vulkan.
  const float t = std::tan(glm::radians(30.0f));
  glm::vec4 top = p * glm::vec4(0, t * 2.0f, -2.0f, 1);
  CHECK(top.y / top.w == Approx(-1.0f));
  glm::vec4 right = p * glm::vec4(t * 16.0f / 9.0f * 2.0f, 0, -2.0f, 1);
  CHECK(right.x / right.w == Approx(1.0f));
}

TEST_CASE("asymmetric per-eye projection matches the symmetric one when the angles are equal", "[render][camera]") {
  const float half = glm::radians(40.0f);
  const glm::mat4 a = render::perspective_fov(-half, half, half, -half);
  const glm::mat4 b = render::perspective(2.0f * half, 1.0f);
  for (int c = 0; c < 4; ++c)
    for (int r = 0; r < 4; ++r) CHECK(a[c][r] == Approx(b[c][r]).margin(1e-6));
  // A wider left angle moves the centre of projection right of the image centre.
  const glm::mat4 off = render::perspective_fov(glm::radians(-50.0f), glm::radians(40.0f), half, -half);
  glm::vec4 ahead = off * glm::vec4(0, 0, -1, 1);
  CHECK(ahead.x / ahead.w > 0.0f);
}

TEST_CASE("look_at puts the eye at the origin looking down -Z with +Y up", "[render][camera]") {
  const glm::vec3 eye{1, 2, 3}, target{1, 2, -7};
  const glm::mat4 v = render::look_at(eye, target);
  glm::vec4 e = v * glm::vec4(eye, 1);
  CHECK(glm::length(glm::vec3(e)) == Approx(0.0f).margin(1e-5));
  glm::vec4 t = v * glm::vec4(target, 1);
  CHECK(t.x == Approx(0.0f).margin(1e-5));
  CHECK(t.y == Approx(0.0f).margin(1e-5));
  CHECK(t.z == Approx(-10.0f));
  glm::vec4 above = v * glm::vec4(eye + glm::vec3(0, 1, -1), 1);
  CHECK(above.y > 0.0f);
  glm::vec4 right = v * glm::vec4(eye + glm::vec3(1, 0, -1), 1);  // +X is right when looking down -Z
  CHECK(right.x > 0.0f);
  CHECK(render::eye_position(v).x == Approx(1.0f));
  CHECK(render::eye_position(v).z == Approx(3.0f));
  // Looking straight down still gives a valid, finite matrix.
  const glm::mat4 down = render::look_at({0, 5, 0}, {0, 0, 0});
  glm::vec4 floor = down * glm::vec4(0, 0, 0, 1);
  CHECK(floor.z == Approx(-5.0f));
}

TEST_CASE("a point in front of a viewpoint lands in the clip volume, one behind does not", "[render][camera]") {
  scene::Viewpoint vp{"door", {0.0f, 1.6f, 2.0f}, {0.0f, 1.2f, -1.0f}, 60.0f};
  const render::View view = render::view_from_viewpoint(vp, 16.0f / 9.0f);
  glm::vec4 c = clip_of(view, vp.target);
  REQUIRE(in_clip_volume(c));
  CHECK(c.x / c.w == Approx(0.0f).margin(1e-5));  // the target is at the image centre
  CHECK(c.y / c.w == Approx(0.0f).margin(1e-5));
  CHECK(in_clip_volume(clip_of(view, {0.5f, 1.0f, -3.0f})));
  CHECK_FALSE(in_clip_volume(clip_of(view, {0.0f, 1.6f, 5.0f})));   // behind the eye
  CHECK_FALSE(in_clip_volume(clip_of(view, {30.0f, 1.2f, -1.0f})));  // far off to the right
  // A higher point appears higher in the image: smaller (more negative) NDC y in Vulkan.
  glm::vec4 hi = clip_of(view, vp.target + glm::vec3(0, 0.3f, 0));
  CHECK(hi.y / hi.w < 0.0f);
}

TEST_CASE("frustum culling keeps boxes in view and drops boxes behind or beside the camera", "[render][camera]") {
  scene::Viewpoint vp{"door", {0.0f, 1.6f, 2.0f}, {0.0f, 1.6f, -1.0f}, 60.0f};
  const render::View v = render::view_from_viewpoint(vp, 16.0f / 9.0f);
  const glm::mat4 m = v.proj * v.view;
  CHECK(render::box_in_frustum(m, {-0.5f, 1.0f, -3.0f}, {0.5f, 2.0f, -2.0f}));   // straight ahead
  CHECK(render::box_in_frustum(m, {-10.0f, 0.0f, -10.0f}, {10.0f, 3.0f, 10.0f})); // around the eye
  CHECK_FALSE(render::box_in_frustum(m, {-0.5f, 1.0f, 4.0f}, {0.5f, 2.0f, 5.0f}));  // behind
  CHECK_FALSE(render::box_in_frustum(m, {20.0f, 1.0f, -3.0f}, {21.0f, 2.0f, -2.0f}));  // far right
  CHECK_FALSE(render::box_in_frustum(m, {-0.5f, 1.0f, -300.0f}, {0.5f, 2.0f, -250.0f}));  // past far
}

TEST_CASE("pictures tests write go under the build folder whatever the working folder is", "[render]") {
  namespace fs = std::filesystem;
  const fs::path before = fs::current_path();
  const fs::path elsewhere = fs::temp_directory_path() / ("meeloop-cwd-" + std::to_string(::getpid()));
  fs::create_directories(elsewhere);
  fs::current_path(elsewhere);
  const fs::path dir = test::output_dir();
  fs::current_path(before);
  const bool left_empty = fs::is_empty(elsewhere);
  fs::remove_all(elsewhere);
  CHECK(left_empty);
  CHECK(dir.string().rfind(MEELOOP_TEST_OUTPUT_DIR, 0) == 0);
}
