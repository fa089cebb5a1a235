#include "scenario/runtime.h"

#include <sstream>

namespace meeloop::scenario {

Runtime::Runtime(const Scenario& sc, EventSink sink) : sc_(sc), sink_(std::move(sink)) {
  step_ = sc_.find_step(sc_.start);  // the loader guarantees the start step exists
}

std::vector<Option> Runtime::options() const {
  std::vector<Option> out;
  if (!step_) return out;
  for (const auto& c : step_->choices) out.push_back(Option{c.id, c.text, nullptr});
  for (const auto& i : step_->interactions)
    if (!done_interactions_.count(i.id)) out.push_back(Option{i.id, i.text, &i});
  return out;
}

std::vector<std::string> Runtime::option_ids() const {
  std::vector<std::string> ids;
  for (const auto& o : options()) ids.push_back(o.id);
  return ids;
}

store::Event Runtime::make_event(std::string kind, std::string item, double seconds,
                                 std::vector<store::Evidence> evidence) const {
  store::Event e;
  e.seq = seq_ + 1;
  e.scene_id = sc_.scene_id;
  e.step_id = step_ ? step_->id : (ending_ ? ending_->id : "");
  e.kind = std::move(kind);
  e.item_id = std::move(item);
  e.decision_seconds = seconds;
  e.help_asked = help_asked_;
  e.evidence = std::move(evidence);
  return e;
}

// A scenario may loop (a cycle with an exit is legal), so a session is bounded here instead:
// far more decisions than any real session, but the evidence log cannot grow without end.
constexpr int kMaxEvents = 5000;

Status Runtime::emit(store::Event e) {
  if (seq_ >= kMaxEvents)
    return bad_input("", "", "this session has logged " + std::to_string(seq_) + " events, the most one session "
                             "may log; the scenario seems to go round in a loop");
  Status st = sink_(e);
  if (st) seq_ = e.seq;
  return st;
}

Status Runtime::enter(const std::string& id) {
  clock_ = 0;
  help_asked_ = false;
  done_interactions_.clear();
  if (const Step* s = sc_.find_step(id)) {
    step_ = s;
    return Ok{};
  }
  step_ = nullptr;
  ending_ = sc_.find_ending(id);
  return emit(make_event("ending", ending_->id, 0, ending_->evidence));
}

Error Runtime::not_available(std::string_view id) const {
  std::ostringstream ss;
  if (!step_) {
    ss << "\"" << id << "\" is not available: the scenario has ended (" << ending_->id << ")";
  } else {
    ss << "\"" << id << "\" is not available at step \"" << step_->id << "\" (available: ";
    auto ids = option_ids();
    for (size_t i = 0; i < ids.size(); ++i) ss << (i ? ", " : "") << ids[i];
    ss << (ids.empty() ? "none" : "") << "; or @help";
    if (step_->timer) ss << ", @wait";
    ss << ")";
  }
  return bad_input("", "", ss.str());
}

Status Runtime::choose(std::string_view id, std::optional<double> decision_seconds) {
  if (!step_) return not_available(id);
  double seconds = decision_seconds.value_or(clock_);
  for (const auto& c : step_->choices) {
    if (c.id != id) continue;
    MEELOOP_RETURN_IF_ERROR(emit(make_event("choice", c.id, seconds, c.evidence)));
    return enter(c.next);
  }
  for (const auto& i : step_->interactions) {
    if (i.id != id || done_interactions_.count(i.id)) continue;
    MEELOOP_RETURN_IF_ERROR(emit(make_event("interaction", i.id, seconds, i.evidence)));
    if (!i.next.empty()) return enter(i.next);
    done_interactions_.insert(i.id);
    return Ok{};
  }
  return not_available(id);
}

Result<std::string> Runtime::ask_supervisor() {
  if (!step_) return bad_input("", "", "the work supervisor cannot be asked: the scenario has ended");
  std::vector<store::Evidence> evidence;
  if (!help_asked_) evidence = sc_.supervisor.evidence;  // repeated questions are logged, not re-counted
  store::Event e = make_event("help", "supervisor", clock_, std::move(evidence));
  e.help_asked = true;
  MEELOOP_RETURN_IF_ERROR(emit(std::move(e)));
  help_asked_ = true;
  return step_->supervisor_hint.empty() ? sc_.supervisor.hint : step_->supervisor_hint;
}

Status Runtime::tick(double seconds) {
  if (paused_ || !step_ || seconds <= 0) return Ok{};
  clock_ += seconds;
  if (!step_->timer || clock_ < step_->timer->seconds) return Ok{};
  const Timer& t = *step_->timer;
  if (Status st = emit(make_event("timeout", "timer", t.seconds, t.evidence)); !st) {
    clock_ -= seconds;  // not logged, so it did not happen: the step stays as it was
    return st;
  }
  return enter(t.next);
}

}  // namespace meeloop::scenario
