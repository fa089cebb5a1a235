#pragma once
// Maps JSON pointers to line:column in the text they came from, so an error about
// "/steps/3/choices/1/next" can also say "scene.json:42:17". Used only when reporting.
#include <optional>
#include <string>
#include <string_view>

namespace meeloop {

struct TextPosition {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in bytes
};

// Position of the value at `pointer` in valid JSON `text` (the key's position for a missing
// member is not known; the nearest existing parent is returned instead). nullopt if not found.
std::optional<TextPosition> locate_json_pointer(std::string_view text, std::string_view pointer);

// Line and column of a byte offset in text.
TextPosition position_of_offset(std::string_view text, size_t offset);

// Escapes one reference token for a JSON pointer ("a/b" -> "a~1b").
std::string escape_pointer_token(std::string_view token);

}  // namespace meeloop
