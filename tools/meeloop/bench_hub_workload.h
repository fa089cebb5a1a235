#pragma once
// Made-up kiosk sessions for `meeloop bench hub`: xAPI statements as a kiosk sends them
// (xapi/statements.h), on the real dimensions and scenes, spread over organisations, consent
// scopes and installations. No real participant is touched.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/json_file.h"

namespace meeloop::cli::hub_bench {

// What the made-up sessions draw from: dimension ids of data/dimensions.json, scene ids.
struct Vocabulary {
  std::vector<std::string> dimensions;
  std::vector<std::string> scenes;
};

// A made-up person the hub has statements of, and who may see them.
struct KnownPerson {
  std::string code;
  std::string organisation;  // whose kiosks recorded them
  std::string scope;         // "organisation" | "region"
};

// The statements of one made-up session, what the hub learns with them, and its participant.
struct MadeUpSession {
  std::string code;
  std::string organisation;
  std::string scope;  // "organisation" | "region"
  std::vector<Json> statements;  // start, events, end: in the order a kiosk sends them
  std::vector<std::string> stored;  // when the hub "stored" each (seeding only): ISO 8601, ms
};

// The region the bench pretends to serve: 18 care organisations, as in ../shared/DOMAIN.md.
inline constexpr int kOrganisations = 18;
std::string organisation_id(int index);

class SessionMaker {
 public:
  // Session ids from `first_session_id` up, so two makers with far-apart starts (one per kiosk,
  // one for seeding) never make one statement id twice.
  SessionMaker(const Vocabulary& vocabulary, uint64_t seed, int64_t first_session_id);

  // A new participant code; with `organisation` >= 0 one whose person belongs to that
  // organisation. Everything about a person (organisation, installation, consent scope,
  // language, background) follows from the code, so their sessions from any maker agree.
  std::string new_code(int organisation = -1);
  // A session of `statements` statements (at least 2: start and end) of `code`.
  MadeUpSession session(const std::string& code, int statements);

 private:
  const Vocabulary& vocabulary_;
  std::mt19937_64 rng_;
  int64_t next_session_;
};

}  // namespace meeloop::cli::hub_bench
