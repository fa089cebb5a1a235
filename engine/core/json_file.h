#pragma once
// Reading trainer-edited JSON (scenes, locales, data files) with errors that say where:
// "scenes/x/scene.json:12:7: /models/2/position: expected an array of 3 numbers".
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace meeloop {

using Json = nlohmann::json;

struct JsonLimits {
  size_t max_bytes = 16u << 20;      // whole file
  int max_depth = 64;                // nesting of objects/arrays
  size_t max_string = 64u << 10;     // one string value or key
};

// A parsed document that remembers its file and text, so later errors can name line:col.
struct JsonDocument {
  std::string file;  // as given, for messages
  std::string text;
  Json root;

  // BadInput error at `pointer`, with line:col looked up in the text.
  Error error_at(std::string_view pointer, std::string message) const;
};

// Reads and parses a file. Missing file, size/depth/string limits, syntax errors and a key
// repeated in one object (which would silently drop the first value) come back as BadInput
// with line:col (and, for a repeated key, the pointer of the second).
Result<std::shared_ptr<const JsonDocument>> read_json_file(const std::filesystem::path& path,
                                                           const JsonLimits& limits = {});
// Same for text already in memory; `file` is only used in messages.
Result<std::shared_ptr<const JsonDocument>> parse_json_text(std::string text, std::string file,
                                                            const JsonLimits& limits = {});

// Typed, pointer-tracking access into a JsonDocument. Accessors throw ErrorException
// (BadInput, with file, line:col and pointer) when the value is missing or of the wrong type;
// a loader catches it once and returns it as a Result.
class JsonView {
 public:
  JsonView(std::shared_ptr<const JsonDocument> doc, const Json* value, std::string pointer);
  static JsonView root(std::shared_ptr<const JsonDocument> doc);

  const std::string& pointer() const { return pointer_; }
  const Json& raw() const { return *value_; }
  const JsonDocument& document() const { return *doc_; }

  bool is_object() const { return value_->is_object(); }
  bool is_array() const { return value_->is_array(); }
  bool is_string() const { return value_->is_string(); }
  bool is_number() const { return value_->is_number(); }
  bool has(std::string_view key) const;

  JsonView at(std::string_view key) const;              // required member of an object
  std::optional<JsonView> find(std::string_view key) const;  // optional member
  std::vector<JsonView> elements() const;                // array elements (requires an array)
  std::vector<std::pair<std::string, JsonView>> members() const;  // object members

  std::string as_string() const;                         // non-empty not required
  std::string as_id() const;                             // [A-Za-z0-9_.-:#]+, non-empty
  double as_number() const;                              // finite
  double as_number(double min, double max) const;        // finite and within [min, max]
  int as_int(int min, int max) const;
  bool as_bool() const;
  std::vector<double> as_numbers(size_t count) const;    // array of exactly `count` numbers

  std::string string_or(std::string_view key, std::string fallback) const;
  double number_or(std::string_view key, double fallback) const;
  bool bool_or(std::string_view key, bool fallback) const;

  // Fails on any member not in `allowed`, naming the unknown key and the allowed ones
  // (catches typos such as "postion" that would otherwise be ignored silently).
  void expect_only(std::initializer_list<std::string_view> allowed) const;
  void expect_object() const;
  void expect_array() const;

  [[noreturn]] void fail(std::string message) const;
  Error error(std::string message) const;

 private:
  std::shared_ptr<const JsonDocument> doc_;
  const Json* value_;
  std::string pointer_;
};

// Name of a JSON value's type for messages: "a string", "an object", ...
std::string json_type_name(const Json& j);

}  // namespace meeloop
