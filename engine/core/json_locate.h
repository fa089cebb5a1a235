#pragma once
// Maps JSON pointers to line:column in the text they came from, so an error about
// "/steps/3/choices/1/next" can also say "scene.json:42:17". Used only when reporting.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace meeloop {

struct TextPosition {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in bytes
};

// Position of the value at `pointer` in valid JSON `text` (the key's position for a missing
// member is not known; the nearest existing parent is returned instead). nullopt if not found.
// Scans from the start on every call: for many lookups in one text, use JsonPositions.
std::optional<TextPosition> locate_json_pointer(std::string_view text, std::string_view pointer);

// Every value's position in one JSON text, found in one scan, so that reporting N problems
// costs one scan and N lookups instead of N scans. Keeps no reference to the text.
class JsonPositions {
 public:
  explicit JsonPositions(std::string_view text);
  // The same answer as locate_json_pointer(text, pointer), except that values nested deeper
  // than 512 levels (far beyond JsonLimits) are not indexed, so their nearest parent is
  // returned, and a text of 4 GiB or more is not indexed at all (nullopt).
  std::optional<TextPosition> locate(std::string_view pointer) const;

 private:
  struct Builder;
  static constexpr uint32_t kNotArray = UINT32_MAX;
  struct Value {  // 12 bytes: a 16 MB array of zeros has 8 million values
    uint32_t offset = 0;
    uint32_t first_element = kNotArray;  // arrays: their elements are elements_[first, first + count)
    uint32_t element_count = 0;
  };
  std::optional<uint32_t> child(uint32_t parent, const std::string& token) const;
  static std::string member_key(uint32_t parent, std::string_view key);

  size_t size_ = 0;
  std::vector<Value> values_;                            // values_[0] is the root
  std::vector<uint32_t> elements_;
  std::unordered_map<std::string, uint32_t> members_;    // member_key(object, key) -> value
  std::vector<uint32_t> line_starts_;                    // offset of each line's first byte
};

// Line and column of a byte offset in text.
TextPosition position_of_offset(std::string_view text, size_t offset);

// Escapes one reference token for a JSON pointer ("a/b" -> "a~1b").
std::string escape_pointer_token(std::string_view token);

}  // namespace meeloop
