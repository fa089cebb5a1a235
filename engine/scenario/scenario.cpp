#include "scenario/scenario.h"

namespace meeloop::scenario {

std::string_view verb_name(Verb v) {
  switch (v) {
    case Verb::LookAt: return "look_at";
    case Verb::PickUp: return "pick_up";
    case Verb::Use: return "use";
  }
  return "use";
}

const Step* Scenario::find_step(std::string_view id) const {
  for (const auto& s : steps)
    if (s.id == id) return &s;
  return nullptr;
}

const Ending* Scenario::find_ending(std::string_view id) const {
  for (const auto& e : endings)
    if (e.id == id) return &e;
  return nullptr;
}

const Character* Scenario::find_character(std::string_view id) const {
  for (const auto& c : characters)
    if (c.id == id) return &c;
  return nullptr;
}

const std::string& Scenario::text(std::string_view language, const std::string& key) const {
  auto it = locales.find(std::string(language));
  if (it == locales.end()) return key;
  const std::string* t = it->second.find(key);
  return t ? *t : key;
}

}  // namespace meeloop::scenario
