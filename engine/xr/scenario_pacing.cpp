#include "xr/scenario_pacing.h"

namespace meeloop::xr {

ScenarioPacing::ScenarioPacing(scenario::Runtime& rt, Session& session, const OperatorScript& script,
                               double ending_seconds, Log& log)
    : rt_(rt), session_(session), log_(log), ending_seconds_(ending_seconds) {
  if (!script.lines.empty()) script_.emplace(script);
  rt_.pause();  // the clock starts with the first focused frame
}

void ScenarioPacing::begin_frame(double seconds, bool focused) {
  on_focus(focused);
  if (ever_focused_ && !focused) paused_seconds_ += seconds;
  if (operator_paused_) operator_paused_seconds_ += seconds;
}

void ScenarioPacing::on_focus(bool focused) {
  if (focused == focused_) return;
  focused_ = focused;
  if (focused) {
    ever_focused_ = true;
    if (!operator_paused_) rt_.resume();
    log_.info("xr: focused; scenario clock runs");
  } else {
    rt_.pause();
    ++focus_losses_;
    log_.info("xr: focus lost; scenario clock paused");
  }
}

void ScenarioPacing::run_script(double elapsed) {
  if (script_) script_->apply_due(elapsed, control_);
}

bool ScenarioPacing::apply_operator_pause() {
  if (control_.paused() == operator_paused_) return false;
  operator_paused_ = control_.paused();
  if (operator_paused_) {
    ++operator_pauses_;
    rt_.pause();
    log_.info("xr: the operator paused the session (fade to black)");
    return true;
  }
  if (focused_ && !exit_requested_) rt_.resume();
  log_.info("xr: the operator resumed the session");
  return false;
}

void ScenarioPacing::operator_stop() {
  if (exit_requested_) return;
  log_.info("xr: the operator stopped the session");
  operator_stopped_ = true;
  rt_.pause();  // nothing more happens to the visitor while the session winds down
  request_exit();
}

void ScenarioPacing::request_exit() {
  if (exit_requested_) return;
  exit_requested_ = true;
  session_.request_exit();
}

void ScenarioPacing::wait_for_ending(double seconds) {
  if (!rt_.finished() || exit_requested_) return;
  ending_seconds_shown_ += seconds;
  if (ending_seconds_shown_ < ending_seconds_) return;
  log_.info("xr: ending \"" + rt_.ending()->id + "\" shown; ending the session");
  request_exit();
}

}  // namespace meeloop::xr
