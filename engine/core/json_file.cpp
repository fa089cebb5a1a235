#include "core/json_file.h"

#include <cmath>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "core/json_locate.h"

namespace meeloop {
namespace fs = std::filesystem;
namespace {

// Hands nlohmann the text byte by byte and records how far it has read: its parser callback
// gets no position, but a key's callback comes right after the key's closing quote was read.
class ReadPosition {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  ReadPosition(const char* at, const char** read) : at_(at), read_(read) {}
  reference operator*() const { return *at_; }
  ReadPosition& operator++() {
    *read_ = ++at_;
    return *this;
  }
  ReadPosition operator++(int) {
    ReadPosition before = *this;
    ++*this;
    return before;
  }
  bool operator==(const ReadPosition& o) const { return at_ == o.at_; }
  bool operator!=(const ReadPosition& o) const { return at_ != o.at_; }

 private:
  const char* at_;
  const char** read_;
};

// Finds the first key that appears twice in one object. nlohmann keeps only the last value of
// a repeated key, so a trainer's first "title" would vanish without a word. Tracks the open
// containers (their keys, or the index of the element being read) to name the JSON pointer.
class DuplicateKeys {
 public:
  explicit DuplicateKeys(std::string_view text) : text_(text) {}

  bool found() const { return !pointer_.empty(); }

  // `read` is how many bytes of the text the parser has consumed so far.
  void see(Json::parse_event_t event, const Json& parsed, size_t read) {
    using E = Json::parse_event_t;
    switch (event) {
      case E::object_start:
      case E::array_start:
        open_.push_back(Open{event == E::object_start, {}, {}, 0});
        break;
      case E::object_end:
      case E::array_end:
        if (!open_.empty()) open_.pop_back();
        element_done();
        break;
      case E::value:
        element_done();
        break;
      case E::key:
        if (open_.empty() || !parsed.is_string()) break;
        open_.back().key = parsed.get<std::string>();
        if (!open_.back().keys.insert(open_.back().key).second) found_at(read);
        break;
    }
  }

  Error error(const std::string& file) const {
    Error e = bad_input(file, pointer_, "the key \"" + key_ + "\" appears twice in this object, and the second "
                                        "would silently replace the first: remove or rename one of them");
    e.location = location_;
    return e;
  }

 private:
  struct Open {
    bool object;
    std::set<std::string> keys;
    std::string key;   // object: the member being read
    size_t index;      // array: the element being read
  };

  void element_done() {
    if (!open_.empty() && !open_.back().object) ++open_.back().index;
  }

  void found_at(size_t read) {
    key_ = open_.back().key;
    for (const Open& o : open_)
      pointer_ += "/" + (o.object ? escape_pointer_token(o.key) : std::to_string(o.index));
    // `read` is just past the key's closing quote; its opening quote is the last one before it
    // that no backslash escapes.
    size_t quote = read >= 2 ? read - 2 : 0;
    while (quote > 0) {
      if (text_[quote] == '"') {
        size_t slashes = 0;
        while (quote > slashes && text_[quote - slashes - 1] == '\\') ++slashes;
        if (slashes % 2 == 0) break;
      }
      --quote;
    }
    auto pos = position_of_offset(text_, quote);
    location_ = std::to_string(pos.line) + ":" + std::to_string(pos.column);
  }

  std::string_view text_;
  std::vector<Open> open_;
  std::string key_, pointer_, location_;
};

}  // namespace

Error JsonDocument::error_at(std::string_view pointer, std::string message) const {
  Error e = bad_input(file, std::string(pointer), std::move(message));
  if (auto pos = locate_json_pointer(text, pointer))
    e.location = std::to_string(pos->line) + ":" + std::to_string(pos->column);
  return e;
}

Result<std::shared_ptr<const JsonDocument>> read_json_file(const fs::path& path,
                                                           const JsonLimits& limits) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    return bad_input(path.string(), "", "file not found (expected a JSON file here)");
  auto size = fs::file_size(path, ec);
  if (ec) return bad_input(path.string(), "", "cannot read file: " + ec.message());
  if (size > limits.max_bytes)
    return bad_input(path.string(), "", "file is " + std::to_string(size) + " bytes; at most " +
                                            std::to_string(limits.max_bytes) + " are allowed");
  std::ifstream in(path, std::ios::binary);
  if (!in) return bad_input(path.string(), "", "cannot open file for reading");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_json_text(ss.str(), path.string(), limits);
}

Result<std::shared_ptr<const JsonDocument>> parse_json_text(std::string text, std::string file,
                                                            const JsonLimits& limits) {
  if (text.size() > limits.max_bytes)
    return bad_input(file, "", "text is " + std::to_string(text.size()) + " bytes; at most " +
                                   std::to_string(limits.max_bytes) + " are allowed");
  auto doc = std::make_shared<JsonDocument>();
  doc->file = std::move(file);
  doc->text = std::move(text);
  std::string limit_error;
  DuplicateKeys duplicates(doc->text);
  const char* read = doc->text.data();
  auto guard = [&](int depth, Json::parse_event_t event, Json& parsed) {
    if (!limit_error.empty() || duplicates.found()) return false;
    // nlohmann reports a container's start at the depth of its parent: the outermost is 0.
    bool opens = event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start;
    if (opens && depth >= limits.max_depth)
      limit_error = "nesting deeper than " + std::to_string(limits.max_depth) + " levels";
    if ((event == Json::parse_event_t::value || event == Json::parse_event_t::key) &&
        parsed.is_string() && parsed.get_ref<const std::string&>().size() > limits.max_string)
      limit_error = "a string longer than " + std::to_string(limits.max_string) + " bytes";
    if (limit_error.empty()) duplicates.see(event, parsed, size_t(read - doc->text.data()));
    return limit_error.empty() && !duplicates.found();
  };
  try {
    const char* begin = doc->text.data();
    doc->root = Json::parse(ReadPosition(begin, &read), ReadPosition(begin + doc->text.size(), &read), guard,
                            /*allow_exceptions=*/true, /*ignore_comments=*/false);
  } catch (const Json::parse_error& e) {
    Error err = bad_input(doc->file, "", "");
    auto pos = position_of_offset(doc->text, e.byte > 0 ? e.byte - 1 : 0);
    err.location = std::to_string(pos.line) + ":" + std::to_string(pos.column);
    std::string what = e.what();
    // nlohmann's text is "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
    auto colon = what.find(": ", what.find("parse error"));
    err.message = "invalid JSON: " + (colon == std::string::npos ? what : what.substr(colon + 2));
    return err;
  } catch (const Json::out_of_range& e) {
    // A number beyond double range (e.g. 2e308) has no position in nlohmann's exception.
    std::string what = e.what();
    auto tail = what.find("] ");
    return bad_input(doc->file, "", "invalid JSON: " + (tail == std::string::npos ? what : what.substr(tail + 2)));
  }
  if (duplicates.found()) return duplicates.error(doc->file);
  if (!limit_error.empty())
    return bad_input(doc->file, "", "JSON too large: " + limit_error);
  return std::shared_ptr<const JsonDocument>(std::move(doc));
}

std::string json_type_name(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "true/false";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}

JsonView::JsonView(std::shared_ptr<const JsonDocument> doc, const Json* value, std::string pointer)
    : doc_(std::move(doc)), value_(value), pointer_(std::move(pointer)) {}

JsonView JsonView::root(std::shared_ptr<const JsonDocument> doc) {
  const Json* r = &doc->root;
  return JsonView(std::move(doc), r, "");
}

Error JsonView::error(std::string message) const {
  return doc_->error_at(pointer_.empty() ? "/" : pointer_, std::move(message));
}

void JsonView::fail(std::string message) const { throw ErrorException(error(std::move(message))); }

void JsonView::expect_object() const {
  if (!value_->is_object()) fail("expected an object, found " + json_type_name(*value_));
}
void JsonView::expect_array() const {
  if (!value_->is_array()) fail("expected an array, found " + json_type_name(*value_));
}

bool JsonView::has(std::string_view key) const {
  return value_->is_object() && value_->contains(key);
}

JsonView JsonView::at(std::string_view key) const {
  expect_object();
  auto it = value_->find(key);
  if (it == value_->end()) fail("missing required field \"" + std::string(key) + "\"");
  return JsonView(doc_, &*it, pointer_ + "/" + escape_pointer_token(key));
}

std::optional<JsonView> JsonView::find(std::string_view key) const {
  expect_object();
  auto it = value_->find(key);
  if (it == value_->end()) return std::nullopt;
  return JsonView(doc_, &*it, pointer_ + "/" + escape_pointer_token(key));
}

std::vector<JsonView> JsonView::elements() const {
  expect_array();
  std::vector<JsonView> out;
  out.reserve(value_->size());
  for (size_t i = 0; i < value_->size(); ++i)
    out.emplace_back(doc_, &(*value_)[i], pointer_ + "/" + std::to_string(i));
  return out;
}

std::vector<std::pair<std::string, JsonView>> JsonView::members() const {
  expect_object();
  std::vector<std::pair<std::string, JsonView>> out;
  for (auto it = value_->begin(); it != value_->end(); ++it)
    out.emplace_back(it.key(), JsonView(doc_, &it.value(), pointer_ + "/" + escape_pointer_token(it.key())));
  return out;
}

std::string JsonView::as_string() const {
  if (!value_->is_string()) fail("expected a string, found " + json_type_name(*value_));
  return value_->get<std::string>();
}

std::string JsonView::as_id() const {
  std::string s = as_string();
  if (s.empty()) fail("expected a non-empty id");
  for (unsigned char c : s)
    if (!(std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '#'))
      fail("id \"" + s + "\" may only use letters, digits and _ - . : #");
  return s;
}

double JsonView::as_number() const {
  if (!value_->is_number()) fail("expected a number, found " + json_type_name(*value_));
  double v = value_->get<double>();
  if (!std::isfinite(v)) fail("expected a finite number");
  return v;
}

double JsonView::as_number(double min, double max) const {
  double v = as_number();
  if (v < min || v > max) {
    std::ostringstream ss;
    ss << "expected a number from " << min << " to " << max << ", found " << v;
    fail(ss.str());
  }
  return v;
}

int JsonView::as_int(int min, int max) const {
  double v = as_number(min, max);
  if (v != std::floor(v)) fail("expected a whole number");
  return int(v);
}

bool JsonView::as_bool() const {
  if (!value_->is_boolean()) fail("expected true or false, found " + json_type_name(*value_));
  return value_->get<bool>();
}

std::vector<double> JsonView::as_numbers(size_t count) const {
  if (!value_->is_array() || value_->size() != count)
    fail("expected an array of " + std::to_string(count) + " numbers, found " +
         (value_->is_array() ? "an array of " + std::to_string(value_->size())
                             : json_type_name(*value_)));
  std::vector<double> out;
  for (const JsonView& e : elements()) out.push_back(e.as_number());
  return out;
}

std::string JsonView::string_or(std::string_view key, std::string fallback) const {
  auto v = find(key);
  return v ? v->as_string() : std::move(fallback);
}
double JsonView::number_or(std::string_view key, double fallback) const {
  auto v = find(key);
  return v ? v->as_number() : fallback;
}
bool JsonView::bool_or(std::string_view key, bool fallback) const {
  auto v = find(key);
  return v ? v->as_bool() : fallback;
}

void JsonView::expect_only(std::initializer_list<std::string_view> allowed) const {
  expect_object();
  for (auto it = value_->begin(); it != value_->end(); ++it) {
    bool known = false;
    for (auto a : allowed) known = known || a == it.key();
    if (known) continue;
    std::string list;
    for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    JsonView(doc_, &it.value(), pointer_ + "/" + escape_pointer_token(it.key()))
        .fail("unknown field \"" + it.key() + "\" (expected one of: " + list + ")");
  }
}

}  // namespace meeloop
