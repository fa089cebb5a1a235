#pragma once
// Java .properties files as Sweet Home 3D writes them (ISO-8859-1 bytes, \uXXXX escapes,
// backslash line continuations), decoded to UTF-8.
#include <map>
#include <string>
#include <string_view>

namespace meeloop::scene {

// Parses the whole text; later duplicates of a key win, as in java.util.Properties.
std::map<std::string, std::string> parse_properties(std::string_view latin1_text);

}  // namespace meeloop::scene
