#include "ui/visitor.h"

namespace meeloop::ui {

Result<std::unique_ptr<Visitor>> Visitor::open(const play::RecordingOptions& o, Log& log) {
  MEELOOP_ASSIGN_OR_RETURN(auto rec, play::Recorder::open(o, log));
  return std::unique_ptr<Visitor>(new Visitor(std::move(rec), log));
}

Visitor::Visitor(std::unique_ptr<play::Recorder> recorder, Log& log)
    : log_(log), recorder_(std::move(recorder)) {}

Visitor::~Visitor() {
  if (auto st = end_scene(); !st) log_.warn("closing the visitor's session: " + st.error().to_string());
}

Status Visitor::begin_scene(const scenario::Scenario& sc) {
  MEELOOP_RETURN_IF_ERROR(end_scene());
  MEELOOP_RETURN_IF_ERROR(recorder_->begin_session(sc.scene_id, sc.id + "@" + sc.version));
  session_open_ = true;
  ++scene_number_;
  scenario::EventSink store = recorder_->sink();
  const int scene = scene_number_;
  runtime_ = std::make_unique<scenario::Runtime>(sc, [this, store, scene](store::Event& e) -> Status {
    MEELOOP_RETURN_IF_ERROR(store(e));
    store::Event copy = e;
    // Without consent (or while the write waits) there is no database id; number the scenes
    // so the profile builder still keeps each scene's events in order.
    if (copy.session_id == 0) copy.session_id = scene;
    events_.push_back(std::move(copy));
    return Ok{};
  });
  return Ok{};
}

Status Visitor::end_scene() {
  if (!session_open_) return Ok{};
  session_open_ = false;
  std::string ending = runtime_ && runtime_->ending() ? runtime_->ending()->id : "";
  return recorder_->end_session(ending);
}

profile::Profile Visitor::profile(const profile::DimensionSet& dims, const store::Background& bg) const {
  store::Participant who;
  who.code = code();
  who.consent = recorder_->consent();
  who.language = recorder_->language();
  who.background = bg;
  return profile::build_profile(who, events_, dims);
}

}  // namespace meeloop::ui
