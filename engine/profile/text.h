#pragma once
// Text shown to people in both product languages. Dutch is the default; English is second.
#include <string>
#include <string_view>

#include "core/json_file.h"

namespace meeloop::profile {

struct LocalText {
  std::string nl;
  std::string en;
  // The text in `lang` ("nl" or "en"); any other value gives Dutch.
  const std::string& in(std::string_view lang) const { return lang == "en" ? en : nl; }
};

// Reads {"nl": "...", "en": "..."} with both languages required and non-empty.
LocalText read_local_text(const JsonView& v);

// "nl" or "en" from user input; anything else is a BadInput error naming `what`.
std::string checked_language(const std::string& lang, const char* what);

}  // namespace meeloop::profile
