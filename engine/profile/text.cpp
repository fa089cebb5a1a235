#include "profile/text.h"

namespace meeloop::profile {

LocalText read_local_text(const JsonView& v) {
  v.expect_object();
  v.expect_only({"nl", "en"});
  LocalText t{v.at("nl").as_string(), v.at("en").as_string()};
  if (t.nl.empty()) v.at("nl").fail("expected Dutch text, found an empty string");
  if (t.en.empty()) v.at("en").fail("expected English text, found an empty string");
  return t;
}

std::string checked_language(const std::string& lang, const char* what) {
  if (lang == "nl" || lang == "en") return lang;
  throw ErrorException(
      bad_input("", "", std::string(what) + " must be nl or en, got \"" + lang + "\""));
}

}  // namespace meeloop::profile
