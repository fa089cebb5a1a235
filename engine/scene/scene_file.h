#pragma once
// scene.json v0 ("format": "meeloop.scene/0") parsed into plain structs, with every error
// pointing at file:line:col and the JSON pointer. Files and catalog ids are checked later by
// the loader, which uses the pointers kept here.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/json_file.h"
#include "scene/room_shell.h"
#include "scene/world.h"

namespace meeloop::scene {

// Bounds of scene.json's numbers, refused when loaded and reported by lint: far beyond any room
// (at most 40 m across) yet small enough that a float keeps millimetres, so a typo such as 1e308
// (infinity on the GPU, nothing drawn) is caught.
inline constexpr double kMaxCoordinate = 1000;  // metres from the room's corner, each axis
inline constexpr double kMaxSize = 100;         // metres: a catalog piece's width, height or depth
inline constexpr double kMaxTurn = 360;         // degrees either way

inline constexpr const char* kSceneFormat = "meeloop.scene/0";

struct Placement {
  std::string pointer;  // e.g. "/models/3", for later errors
  std::string id;
  std::string model;    // "sh3d:<catalog>#<piece>" or a path relative to the package
  glm::vec3 position{0.0f};  // metres; for catalog pieces the centre of the footprint at its bottom
  float rotation_y = 0.0f;   // degrees, counter-clockwise seen from above; 0 = front faces +z
  float scale = 1.0f;
  std::optional<glm::vec3> size;  // catalog pieces: width, height, depth in metres instead of the catalog's
  float unit = 1.0f;              // model files: metres per file unit
  std::string on;                 // id of an earlier model to stand on (position.y is then added to its top)
  std::string title;
};

struct SceneFile {
  std::shared_ptr<const JsonDocument> doc;
  std::string id;
  std::string title;
  std::optional<RoomShell> shell;        // generated room ...
  std::optional<Placement> room_model;   // ... or the package's own room model
  std::vector<Placement> models;
  Lighting lighting;
  glm::vec3 background{0.55f, 0.62f, 0.70f};  // linear
  std::vector<Viewpoint> viewpoints;
};

// Reads <dir>/scene.json. Syntax, type, range and unknown-field errors come back as BadInput.
Result<SceneFile> read_scene_file(const std::filesystem::path& dir);
// Same, for a document already parsed; `dir` resolves relative texture paths.
Result<SceneFile> parse_scene_file(std::shared_ptr<const JsonDocument> doc,
                                   const std::filesystem::path& dir);

}  // namespace meeloop::scene
