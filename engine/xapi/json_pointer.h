#pragma once
// Building the JSON pointers (RFC 6901) that xAPI errors name: extension keys are IRIs, whose
// "/" must be written "~1" (and "~" "~0") inside one reference token.
#include <string>
#include <string_view>

namespace meeloop::xapi {

// `pointer` followed by the reference token `key`, escaped.
inline std::string pointer_append(std::string_view pointer, std::string_view key) {
  std::string out(pointer);
  out += '/';
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

}  // namespace meeloop::xapi
