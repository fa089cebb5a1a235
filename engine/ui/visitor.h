#pragma once
// One kiosk visitor: their recorder (consent or not), the scene they are in and a copy of
// their own events in memory for the end-screen summary. No ImGui: the kiosk drives it and
// tests can too. Destroying it closes a running session properly.
#include <filesystem>
#include <memory>
#include <vector>

#include "core/log.h"
#include "play/recorder.h"
#include "profile/dimensions.h"
#include "profile/profile.h"
#include "scenario/runtime.h"
#include "scenario/scenario.h"

namespace meeloop::ui {

class Visitor {
 public:
  // Opens the recorder: with o.consent a new participant is registered (with o.background);
  // without it nothing at all is stored.
  static Result<std::unique_ptr<Visitor>> open(const play::RecordingOptions& o, Log& log);
  ~Visitor();

  // Starts `sc` (which must outlive the visitor's time in it) as a new session.
  Status begin_scene(const scenario::Scenario& sc);
  scenario::Runtime* runtime() { return runtime_.get(); }
  // Ends the running session with the ending reached ("" when stopped early); idempotent.
  Status end_scene();

  play::Recorder& recorder() { return *recorder_; }
  const std::string& code() const { return recorder_->participant_code(); }  // empty without consent
  // Every event of this visit (all scenes), stored or not.
  const std::vector<store::Event>& events() const { return events_; }
  // The visitor's profile from events(), for the summary. Nothing here touches the database.
  profile::Profile profile(const profile::DimensionSet& dims, const store::Background& bg) const;

 private:
  Visitor(std::unique_ptr<play::Recorder> recorder, Log& log);

  Log& log_;
  std::unique_ptr<play::Recorder> recorder_;
  std::unique_ptr<scenario::Runtime> runtime_;
  bool session_open_ = false;
  int scene_number_ = 0;
  std::vector<store::Event> events_;
};

}  // namespace meeloop::ui
