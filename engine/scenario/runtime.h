#pragma once
// The scenario state machine: deterministic, clock driven only by tick(), no GPU or I/O.
// Every decision becomes a store::Event handed to the sink; the runtime moves on only when
// the sink returns Ok, so the player can commit each event before showing the next step.
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "scenario/scenario.h"
#include "store/records.h"

namespace meeloop::scenario {

// Makes an event durable (or discards it, without consent). session_id is the sink's to set.
using EventSink = std::function<Status(store::Event&)>;

// Something the player can do at the current step.
struct Option {
  std::string id;
  std::string text;                         // locale key
  const Interaction* interaction = nullptr;  // set for object interactions, null for choices
};

class Runtime {
 public:
  // Starts at the scenario's start step with the clock at 0. `sc` must outlive the runtime.
  Runtime(const Scenario& sc, EventSink sink);

  const Scenario& scenario() const { return sc_; }
  const Step* step() const { return step_; }        // null once an ending is reached
  const Ending* ending() const { return ending_; }  // set once an ending is reached
  bool finished() const { return ending_ != nullptr; }

  // Choices (in file order), then interactions not yet done during this visit.
  std::vector<Option> options() const;
  std::vector<std::string> option_ids() const;

  // Takes a choice or does an interaction. decision_seconds defaults to the step clock.
  // An id not available here is BadInput naming the step and the available ids.
  Status choose(std::string_view id, std::optional<double> decision_seconds = {});
  // Asks the work supervisor; returns the hint's locale key. Logged as a "help" event whose
  // evidence (daring_to_ask) counts once per visit of a step.
  Result<std::string> ask_supervisor();
  // Advances the step clock (not while paused). When the step's timer runs out, a "timeout"
  // event is logged and the timer's next step shown; leftover time does not carry over.
  Status tick(double seconds);
  // Focus loss (headset off, window hidden) stops the clock; resume restarts it.
  void pause() { paused_ = true; }
  void resume() { paused_ = false; }
  bool paused() const { return paused_; }

  double step_seconds() const { return clock_; }  // time since the current step was shown
  bool help_asked() const { return help_asked_; }  // during the current step visit
  int events_logged() const { return seq_; }

 private:
  store::Event make_event(std::string kind, std::string item, double seconds,
                          std::vector<store::Evidence> evidence) const;
  Status emit(store::Event e);
  Status enter(const std::string& id);  // a step, or an ending (logs an "ending" event)
  Error not_available(std::string_view id) const;

  const Scenario& sc_;
  EventSink sink_;
  const Step* step_ = nullptr;
  const Ending* ending_ = nullptr;
  double clock_ = 0;
  bool paused_ = false;
  bool help_asked_ = false;
  std::set<std::string> done_interactions_;
  int seq_ = 0;
};

}  // namespace meeloop::scenario
