#pragma once
// Comfortable movement in the headset, as pure math (no OpenXR calls): the teleport arc and
// where it may land, the thumbstick gestures (snap turn left/right, teleport forward), and the
// play-space transforms for a snap turn, a teleport and a recentre. There is no smooth
// locomotion: moving the view without moving the body makes many visitors sick.
#include <optional>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "scene/world.h"

namespace meeloop::xr {

// A thrown ball's path from the controller: launch speed along the aim, gravity down.
struct ArcParams {
  float launch_speed = 7.0f;  // m/s
  float gravity = 9.81f;      // m/s^2
  float max_seconds = 3.0f;   // longer flights never land (pointing at the sky)
  int samples_per_second = 30;
};

struct Arc {
  std::vector<glm::vec3> points;    // from the origin to the landing point (or the flight's end)
  std::optional<glm::vec3> landing;  // where it crosses the floor going down
  bool blocked = false;              // it ended in a piece of furniture (no landing then)
};

// An axis-aligned box in scene coordinates (metres).
struct Box {
  glm::vec3 min{0.0f}, max{0.0f};
  bool contains(glm::vec3 p) const;
};

// Furniture whose lowest point is above this (a ceiling lamp) leaves the floor under it free.
inline constexpr float kHeadroom = 2.0f;
// Lower than this (a rug) can be stood on.
inline constexpr float kStepOver = 0.03f;

// Every placed piece but the room shell ("room") and pieces lower than kStepOver (a floor or a
// rug, which an arc lands on): its mesh's bounds through its transform.
std::vector<Box> furniture_boxes(const scene::World& world);

// Samples the flight from `origin` along `direction` (scene coordinates) until it crosses the
// floor plane y = floor_y going down; the landing point is interpolated on that plane. When the
// flight first enters one of `obstacles` (a box holding the origin does not count: the hand may
// be over a table) the arc ends on that box's surface, blocked, with no landing.
Arc sample_arc(glm::vec3 origin, glm::vec3 direction, float floor_y = 0.0f, const ArcParams& params = {});
Arc sample_arc(glm::vec3 origin, glm::vec3 direction, float floor_y, std::span<const Box> obstacles,
               const ArcParams& params = {});

// Where a visitor may stand: the room's floor less a margin along the walls, or without a
// room a circle round the start view; less the furniture's footprints.
struct WalkableArea {
  bool rectangle = false;
  glm::vec2 min{0.0f}, max{0.0f};  // x/z, when rectangle
  glm::vec2 centre{0.0f};          // x/z, when a circle
  float radius = 0.0f;
  struct Footprint {
    glm::vec2 min{0.0f}, max{0.0f};  // x/z
  };
  std::vector<Footprint> blocked;  // furniture, grown by a margin
  bool contains(glm::vec3 p) const;
};

// The "room" instance's floor (room shell or the package's room model) shrunk by `margin`;
// else a circle of `radius` round the first viewpoint. Every other piece within kStepOver..
// kHeadroom above the floor blocks its footprint grown by `furniture_margin` (about a body's
// half-width, so a visitor never lands with their legs in a chair).
WalkableArea walkable_area(const scene::World& world, float margin = 0.3f, float radius = 4.0f,
                           float furniture_margin = 0.2f);

// One controller's thumbstick read as gestures. Sideways past 0.7 turns once (then the stick
// must come back under 0.3 before it turns again); forward past 0.7 aims a teleport for as long
// as it is held, and letting go (under 0.3) fires it. While aiming, sideways does not turn.
class StickGestures {
 public:
  enum class Event { None, TurnLeft, TurnRight, TeleportRelease };
  Event update(glm::vec2 stick);
  bool aiming() const { return aiming_; }
  void cancel() { aiming_ = false; armed_ = false; }  // e.g. the operator paused

 private:
  bool armed_ = true;  // a sideways push may turn
  bool aiming_ = false;
};

// Turns the play space about the head (scene coordinates) by `degrees` (positive: to the left,
// counter-clockwise seen from above), so the visitor turns on the spot.
glm::mat4 snap_turn(const glm::mat4& world_from_space, glm::vec3 head_in_space, float degrees);
// Moves the play space so the head lands above `target` (its height above the floor kept).
glm::mat4 teleport(const glm::mat4& world_from_space, glm::vec3 head_in_space, glm::vec3 target);
// A play space that puts the head above the view's position, looking where the view looks
// (yaw only), and lifted by `lift` metres (seated, or a local space with no floor).
glm::mat4 recentre(const scene::Viewpoint& view, glm::vec3 head_in_space, float head_yaw_in_space, float lift);
// How far the play space is lifted: seated visitors' eyes go to `eye_height`; standing in a
// stage space the real floor is the scene's floor (0); standing in a local space (origin at
// the head, floor unknown) the head goes to `eye_height` as well.
float floor_lift(bool seated, bool stage_space, float head_height, float eye_height);

// Yaw of an orientation (radians, counter-clockwise seen from above, 0 looking down -Z).
float yaw_of_direction(glm::vec3 forward);

}  // namespace meeloop::xr
