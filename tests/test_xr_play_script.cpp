#include "test_xr_play_script.h"

#include <algorithm>
#include <cmath>

#include "scenario/runtime.h"
#include "xr/panel.h"
#include "xr/pose_math.h"

namespace meeloop::xrtest {
namespace {

nlohmann::json vec(const glm::vec3& v) { return {v.x, v.y, v.z}; }

}  // namespace

nlohmann::json xr_script_for_choices(const scenario::Scenario& sc, const scenario::Script& choices,
                                     const ScriptTiming& timing) {
  scenario::Runtime rt(sc, [](store::Event&) -> Status { return Ok{}; });
  const double hz = timing.refresh_hz;
  // The player puts the panel in front of the head at the first rendered frame; the script's
  // head stands still at the stage origin, looking down -Z.
  const glm::vec3 head{0.0f, 1.6f, 0.0f};
  const glm::mat4 stage_from_panel = xr::place_panel(head, 0.0f);
  const glm::vec3 hand{0.22f, 1.15f, -0.15f};

  nlohmann::json timeline = nlohmann::json::array();
  timeline.push_back({{"frame", 0},
                      {"comment", "generated from " + choices.file + " by tests/test_xr_play_script.cpp"},
                      {"head", {{"position", vec(head)}, {"yaw_pitch_roll_deg", {0, 0, 0}}}}});
  // The scenario clock starts at the first focused frame (1): at frame n of a step that began
  // at frame P it reads about (n - P) / hz.
  int64_t step_start = 0, next_free = 2;
  auto press = [&](int64_t frame, int row, size_t rows_total, const std::string& what) {
    std::vector<std::string> ids(rows_total - 1);
    const xr::PanelLayout layout = xr::layout_panel(ids, true);
    const glm::vec2 c = layout.rows.at(size_t(row)).centre();
    const glm::vec3 target = glm::vec3(stage_from_panel * glm::vec4(c.x, c.y, 0.0f, 1.0f));
    const glm::quat q = xr::look_rotation(target - hand);
    const nlohmann::json aim = {{"position", vec(hand)}, {"orientation", {q.x, q.y, q.z, q.w}}};
    timeline.push_back({{"frame", frame - 1}, {"comment", what}, {"right", {{"aim", aim}}}});
    timeline.push_back({{"frame", frame}, {"right", {{"aim", aim}, {"select", true}}}});
    timeline.push_back({{"frame", frame + 1}, {"right", {{"select", false}}}});
    next_free = frame + 3;
  };
  for (const auto& line : choices.lines) {
    if (rt.finished()) throw ErrorException(failure(choices.file + ":" + std::to_string(line.line) + ": after the ending"));
    const scenario::Step* step = rt.step();
    const std::vector<std::string> ids = rt.option_ids();
    switch (line.kind) {
      case scenario::ScriptLine::Kind::Help: {
        const int64_t f = std::max<int64_t>(next_free, step_start + 2);
        press(f, int(ids.size()), ids.size() + 1, "@help at " + step->id);
        if (auto h = rt.ask_supervisor(); !h) throw ErrorException(h.error());
        break;
      }
      case scenario::ScriptLine::Kind::Wait: {
        if (!step->timer) throw ErrorException(failure("@wait at a step without a timer: " + step->id));
        // The timer fires within a frame of its time; one frame of slack after it.
        const int64_t fire = step_start + int64_t(std::ceil(step->timer->seconds * hz));
        if (auto st = rt.tick(*line.seconds); !st) throw ErrorException(st.error());
        step_start = fire + 1;
        next_free = std::max(next_free, step_start + 2);
        break;
      }
      case scenario::ScriptLine::Kind::Choose: {
        const auto it = std::find(ids.begin(), ids.end(), line.id);
        if (it == ids.end()) throw ErrorException(failure(choices.file + ":" + std::to_string(line.line) + ": " + line.id + " not offered"));
        int64_t f = step_start + std::max<int64_t>(2, std::llround(line.seconds.value_or(1.0) * hz));
        f = std::max(f, next_free);
        press(f, int(it - ids.begin()), ids.size() + 1, line.id + " at " + step->id);
        if (auto st = rt.choose(line.id); !st) throw ErrorException(st.error());
        if (rt.step() != step) step_start = f;
        break;
      }
    }
  }
  return {{"comment", "A visitor plays " + choices.file + " by pointing at the in-world panel. Generated; do not edit."},
          {"display", {{"width", timing.width}, {"height", timing.height}, {"refresh_hz", timing.refresh_hz}}},
          {"timeline", timeline}};
}

}  // namespace meeloop::xrtest
