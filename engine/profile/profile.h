#pragma once
// The profile builder: turns a person's logged events (all sessions) into a score, a
// confidence and an evidence trail per dimension. A pure function of its inputs, so it is
// tested without SQLite and a profile can always be rebuilt from the log.
#include <cstdint>
#include <string>
#include <vector>

#include "profile/dimensions.h"
#include "store/records.h"

namespace meeloop::profile {

// One step of the evidence trail: which choice moved a dimension, by how much and why.
struct TrailEntry {
  int64_t session_id = 0;
  int64_t event_id = 0;
  std::string at;
  std::string scene_id;
  std::string step_id;
  std::string item_id;
  std::string kind;
  double weight = 0;   // signed, as logged
  std::string reason;  // as logged (a locale key or plain text from the scene)
};

struct DimensionScore {
  std::string id;
  double score = 0;        // -1 (low pole) .. +1 (high pole); 0 without evidence
  double confidence = 0;   // 0..1: grows with the amount of evidence, shrinks when it disagrees
  double consistency = 0;  // 0..1: |sum of weights| / sum of |weights|
  double amount = 0;       // sum of |weights|
  int evidence_count = 0;
  std::vector<TrailEntry> trail;  // oldest first
};

struct Profile {
  std::string code;
  std::string language;
  store::Background background;
  int sessions = 0;
  int events = 0;
  int help_asked = 0;               // steps in which the work supervisor was asked
  double mean_decision_seconds = 0;
  double confidence = 0;            // mean of the dimensions' confidence
  std::vector<DimensionScore> dimensions;  // same order as the DimensionSet
  std::vector<TrailEntry> unknown_evidence;  // evidence naming a dimension not in the set
};

// The constants of the scoring rule; the defaults are what the product uses.
struct ScoringRule {
  double prior = 1.0;       // pulls scores toward 0 until enough evidence arrives
  double saturation = 3.0;  // amount of evidence at which confidence reaches ~63% of its top
  double disagreement_floor = 0.3;  // share of confidence kept when evidence fully disagrees
};

// Builds the profile of `who` from events of any number of sessions (any order; sorted by
// session, then seq). Evidence for an unknown dimension is kept aside, not dropped silently.
Profile build_profile(const store::Participant& who, const std::vector<store::Event>& events,
                      const DimensionSet& dims, const ScoringRule& rule = {});

// Below this overall confidence the matcher and the report say plainly that we know little yet.
constexpr double kLowConfidence = 0.35;

}  // namespace meeloop::profile
