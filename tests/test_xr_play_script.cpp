#include "test_xr_play_script.h"

#include <algorithm>
#include <cmath>

#include "scenario/runtime.h"
#include "xr/panel.h"
#include "xr/panel_ui.h"
#include "test_settings.h"
#include "xr/pose_math.h"

namespace meeloop::xrtest {
namespace {

nlohmann::json vec(const glm::vec3& v) { return {v.x, v.y, v.z}; }

template <class T>
T take(Result<T> r) {
  if (!r) throw ErrorException(r.error());
  return std::move(r.value());
}

}  // namespace

nlohmann::json xr_script_for_choices(const scenario::Scenario& sc, const scenario::Script& choices,
                                     const ScriptTiming& timing) {
  scenario::Runtime rt(sc, [](store::Event&) -> Status { return Ok{}; });
  std::unique_ptr<xr::PanelUi> ui = take(xr::PanelUi::create(timing.language, test::settings().paths));
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
  // Points at the row for `want` and clicks: the trigger goes down at `frame` and the panel
  // chooses on the next frame (ImGui's click is a press and a release).
  auto press = [&](int64_t frame, const ui::DialogueAction& want, const std::string& what) {
    // A few frames as the player has between clicks: the text settles at its size.
    for (int i = 0; i < 3; ++i) ui->frame(rt, std::nullopt, false, 1.0 / hz);
    const auto& rows = ui->rows();
    const auto row = std::find_if(rows.begin(), rows.end(), [&](const xr::PanelRow& r) {
      return r.action.kind == want.kind && r.action.id == want.id;
    });
    if (row == rows.end()) throw ErrorException(failure("the panel shows no row for " + what));
    const glm::vec2 c = ui->canvas().to_panel(row->centre());
    const glm::vec3 target = glm::vec3(stage_from_panel * glm::vec4(c.x, c.y, 0.0f, 1.0f));
    const glm::quat q = xr::look_rotation(target - hand);
    const nlohmann::json aim = {{"position", vec(hand)}, {"orientation", {q.x, q.y, q.z, q.w}}};
    timeline.push_back({{"frame", frame - 1}, {"comment", what}, {"right", {{"aim", aim}}}});
    timeline.push_back({{"frame", frame}, {"right", {{"aim", aim}, {"select", true}}}});
    timeline.push_back({{"frame", frame + 1}, {"right", {{"aim", aim}, {"select", false}}}});
    // The same click on the panel here, so a row that does not answer fails now, not in play.
    ui->frame(rt, row->centre(), false, 1.0 / hz);
    ui->frame(rt, row->centre(), true, 1.0 / hz);
    const auto got = ui->frame(rt, row->centre(), false, 1.0 / hz);
    if (!got || got->kind != want.kind || got->id != want.id)
      throw ErrorException(failure("clicking the panel's row for " + what + " chose something else"));
    if (auto st = ui::apply_dialogue_action(rt, *got, ui->state()); !st) throw ErrorException(st.error());
    next_free = frame + 4;
  };
  for (const auto& line : choices.lines) {
    if (rt.finished()) throw ErrorException(failure(choices.file + ":" + std::to_string(line.line) + ": after the ending"));
    const scenario::Step* step = rt.step();
    const std::vector<std::string> ids = rt.option_ids();
    switch (line.kind) {
      case scenario::ScriptLine::Kind::Help: {
        const int64_t f = std::max<int64_t>(next_free, step_start + 3);
        press(f, {ui::DialogueAction::Kind::AskSupervisor, {}}, "@help at " + step->id);
        break;
      }
      case scenario::ScriptLine::Kind::Wait: {
        if (!step->timer) throw ErrorException(failure("@wait at a step without a timer: " + step->id));
        // The timer fires within a frame of its time; one frame of slack after it.
        const int64_t fire = step_start + int64_t(std::ceil(step->timer->seconds * hz));
        if (auto st = rt.tick(*line.seconds); !st) throw ErrorException(st.error());
        step_start = fire + 1;
        next_free = std::max(next_free, step_start + 3);
        break;
      }
      case scenario::ScriptLine::Kind::Choose: {
        const auto it = std::find(ids.begin(), ids.end(), line.id);
        if (it == ids.end()) throw ErrorException(failure(choices.file + ":" + std::to_string(line.line) + ": " + line.id + " not offered"));
        int64_t f = step_start + std::max<int64_t>(3, std::llround(line.seconds.value_or(1.0) * hz));
        f = std::max(f, next_free);
        press(f, {ui::DialogueAction::Kind::Choose, line.id}, line.id + " at " + step->id);
        if (rt.step() != step) step_start = f + 1;  // chosen on the release frame
        break;
      }
    }
  }
  return {{"comment", "A visitor plays " + choices.file + " by pointing at the in-world panel. Generated; do not edit."},
          {"display", {{"width", timing.width}, {"height", timing.height}, {"refresh_hz", timing.refresh_hz}}},
          {"timeline", timeline}};
}

}  // namespace meeloop::xrtest
