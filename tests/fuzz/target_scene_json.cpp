// scene.json: core JSON parsing with its limits, scene::parse_scene_file, and building the
// generated room shell (the only geometry a scene.json makes without model files).
#include "core/json_file.h"
#include "fuzz/targets.h"
#include "scene/room_shell.h"
#include "scene/scene_file.h"

namespace meeloop::fuzz {

Outcome fuzz_scene_json(const uint8_t* data, size_t size) {
  auto doc = parse_json_text(std::string(reinterpret_cast<const char*>(data), size), "fuzz/scene.json");
  if (!doc) return outcome(doc);
  // An empty folder: texture paths in the scene resolve to nothing and are refused.
  auto file = scene::parse_scene_file(*doc, scratch_dir());
  if (!file || !file->shell) return outcome(file);
  Log log(LogLevel::Off);
  scene::WorldBuilder builder;
  return outcome(scene::build_room_shell(builder, *file->shell, log));
}

}  // namespace meeloop::fuzz
