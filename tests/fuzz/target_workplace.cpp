// The profile's data files: every input goes through the dimensions, workplace and
// intro-rules parsers (each refuses the others' "format" early, so one corpus serves all three).
#include "fuzz/targets.h"
#include "profile/dimensions.h"
#include "profile/plan.h"
#include "profile/workplace.h"
#include "test_settings.h"

namespace meeloop::fuzz {

Outcome fuzz_workplace(const uint8_t* data, size_t size) {
  static const profile::DimensionSet dims = profile::load_dimensions(
      profile::default_dimensions_path(test::settings().paths.data_root)).value();
  const std::string text(reinterpret_cast<const char*>(data), size);
  Outcome results[] = {
      outcome(profile::parse_dimensions(text, "fuzz/dimensions.json")),
      outcome(profile::parse_workplace(text, "fuzz/ward.json", dims)),
      outcome(profile::parse_intro_rules(text, "fuzz/intro_rules.json", dims)),
  };
  Outcome worst = Outcome::Refused;
  for (Outcome o : results) {
    if (o == Outcome::UnclearError) return o;
    if (o == Outcome::Accepted) worst = o;
  }
  return worst;
}

}  // namespace meeloop::fuzz
