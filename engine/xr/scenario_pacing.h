#pragma once
// When the scenario's clock runs in the headset and when play ends. The clock starts paused and
// runs from the first focused frame; focus loss and the operator's pause (OperatorControl: the
// mirror's keys or --operator-script) stop it; an ending stays `ending_seconds`, or until the
// visitor continues, before the session is asked to end. Asking to end happens once, whoever asks.
#include <optional>

#include "core/log.h"
#include "scenario/runtime.h"
#include "xr/operator_control.h"
#include "xr/session.h"

namespace meeloop::xr {

class ScenarioPacing {
 public:
  // Pauses `rt`. Everything must outlive the object.
  ScenarioPacing(scenario::Runtime& rt, Session& session, const OperatorScript& script, double ending_seconds,
                 Log& log);

  // A frame of `seconds` display time begins; `focused`: the session has input focus.
  void begin_frame(double seconds, bool focused);

  OperatorControl& control() { return control_; }
  // The script's commands due `elapsed` seconds after the first frame.
  void run_script(double elapsed);
  // Acts on the operator's pause or resume: the clock stops or runs again. True when a pause
  // began this call (the caller drops the visitor's half-made input).
  bool apply_operator_pause();
  bool operator_paused() const { return operator_paused_; }
  // The operator stopped the session (Esc, or closed the mirror window).
  void operator_stop();

  // Asks the runtime to end the session, once.
  void request_exit();
  bool exit_requested() const { return exit_requested_; }
  // The visitor has read the ending (its "continue"): end without waiting.
  void ending_read() { ending_seconds_shown_ = ending_seconds_; }
  // After the frame's input: an ending shown long enough ends the session.
  void wait_for_ending(double seconds);

  int focus_losses() const { return focus_losses_; }
  double paused_seconds() const { return paused_seconds_; }
  int operator_pauses() const { return operator_pauses_; }
  double operator_paused_seconds() const { return operator_paused_seconds_; }
  bool operator_stopped() const { return operator_stopped_; }

 private:
  void on_focus(bool focused);

  scenario::Runtime& rt_;
  Session& session_;
  Log& log_;
  double ending_seconds_;
  OperatorControl control_;
  std::optional<OperatorScriptPlayer> script_;
  bool ever_focused_ = false, focused_ = false;
  bool operator_paused_ = false;  // what the pacing last acted on
  bool exit_requested_ = false;
  double ending_seconds_shown_ = 0;
  int focus_losses_ = 0, operator_pauses_ = 0;
  double paused_seconds_ = 0, operator_paused_seconds_ = 0;
  bool operator_stopped_ = false;
};

}  // namespace meeloop::xr
