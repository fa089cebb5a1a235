#pragma once
// Timed input for tests and demos (`--input-script FILE`), one action a line:
//   wait 0.5          let 0.5 s pass (at least one frame)
//   key Enter         press and release a key (names: A-Z, 0-9, F1-F12, Enter, Escape, Tab,
//                     Space, Backspace, Delete, Up, Down, Left, Right, Home, End, PageUp, PageDown)
//   text 1234         type characters
//   click X Y         left click at window coordinates X, Y
//   rclick X Y        right click
//   screenshot P.png  save the next presented frame (3D and UI) as a PNG
//   resize W H        resize the window (as a person dragging its border would)
//   quit              close the window
// Empty lines and lines starting with # are ignored. Events go into the window's input queue,
// the same queue GLFW's callbacks fill.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include <glm/glm.hpp>

#include "desktop/input_event.h"

namespace meeloop::desktop {

struct ScriptAction {
  enum class Kind { Wait, Key, Text, Click, Screenshot, Resize, Quit } kind = Kind::Wait;
  double seconds = 0;
  int code = 0;  // GLFW key or mouse button
  std::string text;  // Text: UTF-8; Screenshot: path
  double x = 0, y = 0;  // Click position; Resize size
  int line = 0;
};

struct InputScript {
  std::filesystem::path file;
  std::vector<ScriptAction> actions;
};

// Reads and checks the whole script; a bad line is BadInput naming file:line.
Result<InputScript> read_input_script(const std::filesystem::path& file);
// GLFW key code for a name above, or nullopt.
std::optional<int> key_from_name(const std::string& name);

// Plays a script against the clock, one action at a time.
class ScriptPlayer {
 public:
  explicit ScriptPlayer(InputScript script) : script_(std::move(script)) {}
  struct Step {
    std::vector<InputEvent> events;          // to push into the window's queue now
    std::optional<std::filesystem::path> screenshot;  // capture the frame about to be drawn
    std::optional<glm::ivec2> resize;
    bool quit = false;
  };
  // Called once per frame with the current time in seconds.
  Step advance(double now);
  bool done() const { return next_ >= script_.actions.size() && !release_; }

 private:
  InputScript script_;
  size_t next_ = 0;
  double wait_until_ = -1;
  std::optional<InputEvent> release_;  // sent the frame after its press
};

}  // namespace meeloop::desktop
