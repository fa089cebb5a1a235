#pragma once
// What the operator at the open day can do to a headset session from outside it: pause (the
// view fades to black over 0.4 s, the scenario clock stops, the visitor's input is ignored),
// resume (it fades back in) and recentre (the visitor faces the scene's start view where they
// stand). The desktop mirror's keys and `--operator-script` both call this; the player owns one
// and reads it every frame. Single-threaded: call it from the player's thread (FrameHook,
// mirror poll).
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace meeloop::xr {

class OperatorControl {
 public:
  static constexpr double kFadeSeconds = 0.4;

  void pause() { paused_ = true; }
  void resume() { paused_ = false; }
  void toggle_pause() { paused_ = !paused_; }
  void recentre() { recentre_ = true; }
  bool paused() const { return paused_; }

  // The player's side. True once per recentre request.
  bool take_recentre() { return std::exchange(recentre_, false); }
  // Moves the fade towards black (paused) or clear by `seconds`; returns how black the view
  // is now, 0 (clear) to 1 (black).
  float advance_fade(double seconds);
  float black() const { return black_; }

 private:
  bool paused_ = false;
  bool recentre_ = false;
  float black_ = 0.0f;
};

// `--operator-script`: one command per line, "<seconds> pause|resume|recentre", seconds of
// display time since the first headset frame, in order; blank lines and "#" comments allowed.
struct OperatorScript {
  enum class Command { Pause, Resume, Recentre };
  struct Line {
    double seconds = 0;
    Command command = Command::Pause;
  };
  std::string file;
  std::vector<Line> lines;
};

// Bad lines are BadInput naming the file and line.
Result<OperatorScript> parse_operator_script(std::string_view text, const std::string& file);
Result<OperatorScript> load_operator_script(const std::filesystem::path& path);

// Plays a script into a control as display time passes.
class OperatorScriptPlayer {
 public:
  explicit OperatorScriptPlayer(OperatorScript script) : script_(std::move(script)) {}
  // Applies every line due at `seconds` that was not applied yet.
  void apply_due(double seconds, OperatorControl& control);
  bool done() const { return next_ >= script_.lines.size(); }

 private:
  OperatorScript script_;
  size_t next_ = 0;
};

}  // namespace meeloop::xr
