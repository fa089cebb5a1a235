#pragma once
// A scenario as loaded from the "scenario" member of scene.json: steps joined by choices,
// object interactions and timers, ending in one of several endings. All visible text is a
// locale key; evidence is copied into each logged event. Plain data, no GPU types.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/locale.h"
#include "store/records.h"

namespace meeloop::scenario {

using store::Evidence;

// A character who speaks; `model` is the layout model that stands for them, if any.
struct Character {
  std::string id;
  std::string name;   // locale key
  std::string model;  // models[].id in scene.json, or empty
};

struct Line {
  std::string speaker;  // character id; empty for narration
  std::string text;     // locale key
};

struct Choice {
  std::string id;
  std::string text;  // locale key
  std::string next;  // step or ending id
  std::vector<Evidence> evidence;
};

enum class Verb { LookAt, PickUp, Use };
std::string_view verb_name(Verb v);  // "look_at" | "pick_up" | "use"

// Doing something with an object in the room (gloves, call bell, curtain...).
struct Interaction {
  std::string id;
  std::string object;  // models[].id in scene.json
  Verb verb = Verb::Use;
  std::string text;    // locale key: what the player sees as the option
  std::string next;    // step or ending id; empty = stay in this step (once per visit)
  std::vector<Evidence> evidence;
};

// Not deciding within `seconds` is itself an event with its own outcome.
struct Timer {
  double seconds = 0;
  std::string text;  // locale key: what happens when the time runs out
  std::string next;
  std::vector<Evidence> evidence;
};

struct Step {
  std::string id;
  std::vector<Line> lines;
  std::string prompt;           // locale key, may be empty
  std::string supervisor_hint;  // locale key, empty = the supervisor's general hint
  std::vector<Choice> choices;
  std::vector<Interaction> interactions;
  std::optional<Timer> timer;
};

struct Ending {
  std::string id;
  std::string title;    // locale key
  std::string debrief;  // locale key: a short reflection shown at the end
  std::vector<Evidence> evidence;
};

// The work supervisor (werkbegeleider) who can be asked at every step.
struct Supervisor {
  std::string name;  // locale key
  std::string hint;  // locale key: the answer at steps without their own hint
  std::vector<Evidence> evidence;  // logged on the first question per step; has daring_to_ask
};

struct Scenario {
  std::string scene_id;  // the scene package's folder name
  std::string id;
  std::string version;
  std::string title;  // locale key
  std::string start;  // step id
  std::vector<Character> characters;
  Supervisor supervisor;
  std::vector<Step> steps;
  std::vector<Ending> endings;
  std::map<std::string, Locale> locales;  // by language: "nl", "en"

  const Step* find_step(std::string_view id) const;
  const Ending* find_ending(std::string_view id) const;
  const Character* find_character(std::string_view id) const;
  // Text of `key` in `language`; the key itself if missing (the loader has checked them all).
  const std::string& text(std::string_view language, const std::string& key) const;
};

}  // namespace meeloop::scenario
