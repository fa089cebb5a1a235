#pragma once
// What every evidence-store test needs: a log that says nothing, a store opened or the test
// failed with the reason, and people with sessions and events to work on.
#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <string>

#include "core/log.h"
#include "store/event_store.h"

namespace meeloop::test {

inline Log& quiet() {
  static Log log(LogLevel::Off);
  return log;
}

inline std::unique_ptr<store::EventStore> open_ok(const std::filesystem::path& p) {
  auto s = store::EventStore::open(p, quiet());
  if (!s) FAIL(s.error().to_string());
  return std::move(s).value();
}

// How add_person fills the store for one person.
struct PersonSetup {
  int sessions = 1;  // each with 5 choice events
  std::string at = "";  // every timestamp, so a person can be made old; "" is now
  store::ShareScope share = store::ShareScope::None;
  bool end_sessions = false;  // a shared session's end is an outbox row of its own
};

// One consenting participant `code` with `setup.sessions` sessions in huiskamer; the code is in
// every event's step id too, so a search of the file for it finds the event data as well.
inline void add_person(store::EventStore& store, const std::string& code, const PersonSetup& setup = {}) {
  store::Participant p;
  p.code = code;
  p.consent = true;
  p.language = "nl";
  p.share = setup.share;
  p.created_at = setup.at;
  p.consent_at = setup.at;
  REQUIRE(store.add_participant(p));
  for (int s = 0; s < setup.sessions; ++s) {
    store::Session session;
    session.participant_code = code;
    session.scene_id = "huiskamer";
    session.started_at = setup.at;
    auto sid = store.begin_session(session);
    REQUIRE(sid);
    for (int i = 0; i < 5; ++i) {
      store::Event e;
      e.session_id = sid.value();
      e.at = setup.at;
      e.scene_id = "huiskamer";
      e.step_id = "step_" + code;
      e.kind = "choice";
      e.item_id = "item";
      e.evidence = {{"teamwork", 1.0, "reason"}};
      REQUIRE(store.append_event(e));
    }
    if (setup.end_sessions) REQUIRE(store.end_session(sid.value(), "end", setup.at));
  }
}

}  // namespace meeloop::test
