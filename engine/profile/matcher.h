#pragma once
// Ranks every learning workplace for one profile. It never rejects or hides anyone: every ward
// is listed with a fit score (0-100) and the reasons behind it, and low confidence is said out
// loud. Scoring is numbers only (fast: 1,000 wards in well under a millisecond); the plain
// language reasons and talking points are written afterwards for the wards someone looks at.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "profile/profile.h"
#include "profile/workplace.h"

namespace meeloop::profile {

enum class ReasonKind {
  ClientGroup,   // the person's affinity with the ward's client group
  Expectation,   // a profile signal the ward expects (detail = index into expectations)
  Support,       // background and guidance need vs. the ward's supervision and welcome
  LevelRoute,    // the person's level / route vs. what the ward trains
};

struct Reason {
  ReasonKind kind = ReasonKind::ClientGroup;
  double contribution = 0;  // points this part adds to (or takes from) the fit, -50..50
  int detail = -1;
};

struct Match {
  size_t workplace = 0;  // index into the workplaces given to match()
  int fit = 0;           // 0..100, 50 = neutral
  double raw = 0;        // unrounded fit, for stable ordering
  std::array<Reason, 6> reasons{};  // strongest first
  int reason_count = 0;
};

struct MatchResult {
  std::vector<Match> ranked;  // every workplace, best fit first (ties: by id)
  bool low_confidence = false;
  double confidence = 0;
  std::shared_ptr<const TextTable> texts;  // the dimensions' texts, for confidence_notice()
};

// Scores and ranks all `workplaces` for profile `p` (dimensions in `dims` order). Client groups
// are the dimensions' (dims.client_groups()), and every sentence below comes from dims.texts().
MatchResult match(const Profile& p, const std::vector<Workplace>& workplaces,
                  const DimensionSet& dims);

// The match's strongest reasons in plain language (B1), at most `max`.
std::vector<std::string> reason_texts(const Match& m, const Workplace& w, const Profile& p,
                                      const DimensionSet& dims, const std::string& lang,
                                      int max = 3);
// Questions for the intake conversation about this ward.
std::vector<std::string> talking_points(const Match& m, const Workplace& w, const Profile& p,
                                        const DimensionSet& dims, const std::string& lang);
// The sentence shown above a list when confidence is low (empty when it is not).
std::string confidence_notice(const MatchResult& r, const std::string& lang);
// Name of a client group in `lang` ("pg" -> "psychogeriatrie (dementie)"); the id when unnamed.
std::string client_group_name(const std::string& group, const TextTable& texts, const std::string& lang);

}  // namespace meeloop::profile
