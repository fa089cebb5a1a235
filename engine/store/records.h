#pragma once
// Plain records of the evidence log: what the event store writes and the profile builder reads.
// No SQLite or scenario types here, so profile/ depends only on this header and store's API.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/share_scope.h"

namespace meeloop::store {

// Self-reported background; every field optional (a visitor may skip the questions).
struct Background {
  std::string care_experience;  // "none" | "informal_carer" | "some" | "diploma" | ""
  std::string situation;        // "pupil" | "student" | "side_entrant" | "returner" | ""
  std::vector<std::string> levels_of_interest;  // "mbo2" | "mbo3" | "mbo4" | "hbo"
  std::string route;            // "bol" | "bbl" | ""
};

struct Participant {
  std::string code;             // pseudonymous, e.g. "MEE-7KQ2-XD"; never a name or e-mail
  bool consent = false;
  std::string consent_at;       // ISO 8601 UTC
  std::string language;         // "nl" | "en"
  Background background;
  std::string created_at;       // ISO 8601 UTC
  ShareScope share = ShareScope::None;  // chosen with the consent: who else may see the profile
};

// One piece of evidence attached to an event: copied from the scene at the time it happened,
// so a profile stays explainable even after the scene file is edited.
struct Evidence {
  std::string dimension;  // id from data/dimensions.json
  double weight = 0.0;    // signed: + supports the dimension's "high" pole, - its "low" pole
  std::string reason;     // locale key or plain text explaining why this counts
};

struct Session {
  int64_t id = 0;
  std::string participant_code;
  std::string scene_id;
  std::string scene_version;
  std::string language;
  std::string started_at;
  std::string ended_at;   // empty while running or when interrupted
  std::string ending_id;  // which ending was reached, empty if none
};

struct Event {
  int64_t id = 0;
  int64_t session_id = 0;
  int seq = 0;                 // order within the session
  std::string at;              // ISO 8601 UTC wall time
  std::string scene_id;
  std::string step_id;
  std::string kind;            // "choice" | "interaction" | "timeout" | "help" | "ending" | ...
  std::string item_id;         // choice or interaction id
  double decision_seconds = 0; // time from the step showing to the decision
  bool help_asked = false;     // whether the work supervisor was asked during this step
  std::vector<Evidence> evidence;
};

}  // namespace meeloop::store
