#pragma once
// The IRIs Meeloop's statements use: ADL verbs and activity types, and Meeloop's own activities
// and extensions under kBase. Written by statements.cpp and read back by read_statements.cpp,
// so both sides name one constant. Changing any of them changes what every LRS has stored.
#include <string>

namespace meeloop::xapi {

// Every Meeloop activity, extension and account lives under this IRI.
inline constexpr const char* kBase = "https://meeloop.example/xapi";

inline constexpr const char* kAdlVerbs = "http://adlnet.gov/expapi/verbs/";
inline constexpr const char* kSimulation = "http://adlnet.gov/expapi/activities/simulation";
inline constexpr const char* kInteraction = "http://adlnet.gov/expapi/activities/interaction";
inline constexpr const char* kCmiInteraction = "http://adlnet.gov/expapi/activities/cmi.interaction";

// Meeloop's extension keys: kBase + "/extensions/" + name.
inline std::string extension(const char* name) { return std::string(kBase) + "/extensions/" + name; }

// The names of the extensions (context.extensions unless marked result).
namespace ext {
inline constexpr const char* kSessionId = "session-id";           // the kiosk's session number
inline constexpr const char* kSceneVersion = "scene-version";
inline constexpr const char* kSceneId = "scene-id";             // the session's scene
inline constexpr const char* kEventSceneId = "event-scene-id";  // only where an event's differs
inline constexpr const char* kSessionLanguage = "session-language";      // "nl" | "en"
inline constexpr const char* kSessionStartedAt = "session-started-at";  // ISO 8601 UTC
inline constexpr const char* kConsentScope = "consent-scope";  // "none" | "organisation" | "region"
// {"language", "background": {"care_experience", "situation", "levels_of_interest", "route"}}
inline constexpr const char* kParticipant = "participant";
inline constexpr const char* kEventId = "event-id";
inline constexpr const char* kEventSeq = "event-seq";
inline constexpr const char* kEventKind = "event-kind";
inline constexpr const char* kStepId = "step-id";
inline constexpr const char* kEvidence = "evidence";                  // result: [{dimension, weight, reason}]
inline constexpr const char* kHelpAsked = "help-asked";               // result
inline constexpr const char* kDecisionSeconds = "decision-seconds";   // result, exact
inline constexpr const char* kEnding = "ending";                      // result of a session's end
}  // namespace ext

}  // namespace meeloop::xapi
