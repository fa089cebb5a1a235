#include "core/json_locate.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <limits>
#include <vector>

namespace meeloop {
namespace {

// The element a pointer token names: digits only (a leading zero is tolerated), else nothing.
std::optional<size_t> array_index(const std::string& token) {
  if (token.empty()) return std::nullopt;
  size_t index = 0;
  for (char c : token) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    index = index * 10 + size_t(c - '0');
  }
  return index;
}

// A small scanner over already-validated JSON: it walks to the value the pointer names
// instead of building a tree, so it costs one pass and no allocation per value.
class Scanner {
 public:
  explicit Scanner(std::string_view t) : t_(t) {}

  void skip_ws() {
    while (i_ < t_.size() && std::isspace(static_cast<unsigned char>(t_[i_]))) ++i_;
  }
  std::string read_string() {  // at '"'
    std::string out;
    ++i_;
    while (i_ < t_.size() && t_[i_] != '"') {
      if (t_[i_] == '\\' && i_ + 1 < t_.size()) {
        char c = t_[++i_];
        switch (c) {
          case 'n': out += '\n'; break;
          case 't': out += '\t'; break;
          case 'r': out += '\r'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'u': out += "?"; i_ += 4; break;  // keys with \u escapes only need to not match
          default: out += c;
        }
        ++i_;
      } else {
        out += t_[i_++];
      }
    }
    ++i_;
    return out;
  }
  void skip_value(int depth = 0) {
    skip_ws();
    if (i_ >= t_.size() || depth > 512) return;
    char c = t_[i_];
    if (c == '"') { read_string(); return; }
    if (c == '{' || c == '[') {
      char close = c == '{' ? '}' : ']';
      ++i_;
      skip_ws();
      if (i_ < t_.size() && t_[i_] == close) { ++i_; return; }
      while (i_ < t_.size()) {
        skip_ws();
        if (c == '{') { read_string(); skip_ws(); ++i_; /* ':' */ }
        skip_value(depth + 1);
        skip_ws();
        if (i_ < t_.size() && t_[i_] == ',') { ++i_; continue; }
        ++i_;  // close
        return;
      }
      return;
    }
    while (i_ < t_.size() && !std::strchr(",]} \t\r\n", t_[i_])) ++i_;
  }
  // Positions the scanner at the member/element `token` of the container at i_.
  bool enter(const std::string& token) {
    skip_ws();
    if (i_ >= t_.size()) return false;
    if (t_[i_] == '{') {
      ++i_;
      while (true) {
        skip_ws();
        if (i_ >= t_.size() || t_[i_] == '}') return false;
        std::string key = read_string();
        skip_ws();
        ++i_;  // ':'
        skip_ws();
        if (key == token) return true;
        skip_value();
        skip_ws();
        if (i_ < t_.size() && t_[i_] == ',') ++i_;
      }
    }
    if (t_[i_] == '[') {
      const std::optional<size_t> want = array_index(token);
      if (!want) return false;
      ++i_;
      for (size_t k = 0;; ++k) {
        skip_ws();
        if (i_ >= t_.size() || t_[i_] == ']') return false;
        if (k == *want) return true;
        skip_value();
        skip_ws();
        if (i_ < t_.size() && t_[i_] == ',') ++i_;
      }
    }
    return false;
  }
  size_t pos() const { return i_; }
  bool at(char c) const { return i_ < t_.size() && t_[i_] == c; }
  bool done() const { return i_ >= t_.size(); }
  void advance() { ++i_; }

 private:
  std::string_view t_;
  size_t i_ = 0;
};

std::vector<std::string> split_pointer(std::string_view p) {
  std::vector<std::string> out;
  if (p.empty()) return out;
  size_t i = p[0] == '/' ? 1 : 0;
  std::string cur;
  for (; i <= p.size(); ++i) {
    if (i == p.size() || p[i] == '/') {
      out.push_back(cur);
      cur.clear();
    } else if (p[i] == '~' && i + 1 < p.size()) {
      cur += p[i + 1] == '1' ? '/' : '~';
      ++i;
    } else {
      cur += p[i];
    }
  }
  return out;
}

constexpr int kMaxIndexDepth = 512;

}  // namespace

// Walks the text the way Scanner::enter does, so every value lands at the offset
// locate_json_pointer would stop at.
struct JsonPositions::Builder {
  Scanner s;
  JsonPositions& out;

  uint32_t value(int depth) {
    s.skip_ws();
    const auto id = static_cast<uint32_t>(out.values_.size());
    out.values_.emplace_back().offset = static_cast<uint32_t>(std::min(s.pos(), out.size_));
    if (depth > kMaxIndexDepth) s.skip_value();
    else if (s.at('{')) members(id, depth);
    else if (s.at('[')) elements(id, depth);
    else s.skip_value();
    return id;
  }

  void members(uint32_t object, int depth) {
    s.advance();
    while (true) {
      s.skip_ws();
      if (s.done() || s.at('}')) break;
      std::string key = member_key(object, s.read_string());
      s.skip_ws();
      s.advance();  // ':'
      if (out.members_.count(key)) {
        s.skip_value();  // a repeated key: locate_json_pointer only ever enters the first
      } else {
        uint32_t v = value(depth + 1);
        out.members_.emplace(std::move(key), v);
      }
      s.skip_ws();
      if (s.at(',')) s.advance();
    }
    s.advance();
  }

  void elements(uint32_t array, int depth) {
    s.advance();
    std::vector<uint32_t> ids;
    while (true) {
      s.skip_ws();
      if (s.done() || s.at(']')) break;
      const size_t before = s.pos();
      ids.push_back(value(depth + 1));
      s.skip_ws();
      if (s.at(',')) s.advance();
      else if (s.pos() == before) break;  // stuck on a stray character: only in invalid JSON
    }
    s.advance();
    Value& a = out.values_[array];
    a.first_element = static_cast<uint32_t>(out.elements_.size());
    a.element_count = static_cast<uint32_t>(ids.size());
    out.elements_.insert(out.elements_.end(), ids.begin(), ids.end());
  }
};

JsonPositions::JsonPositions(std::string_view text) : size_(text.size()) {
  // Offsets, and ids (a value takes at least one byte), fit in 32 bits below 4 GiB.
  if (text.size() >= std::numeric_limits<uint32_t>::max()) return;
  line_starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts_.push_back(static_cast<uint32_t>(i + 1));
  Builder b{Scanner(text), *this};
  b.value(0);
}

std::string JsonPositions::member_key(uint32_t parent, std::string_view key) {
  std::string k(sizeof parent, '\0');
  std::memcpy(k.data(), &parent, sizeof parent);
  k += key;
  return k;
}

std::optional<uint32_t> JsonPositions::child(uint32_t parent, const std::string& token) const {
  const Value& v = values_[parent];
  if (v.first_element == kNotArray) {
    auto it = members_.find(member_key(parent, token));
    return it == members_.end() ? std::nullopt : std::optional<uint32_t>(it->second);
  }
  const std::optional<size_t> want = array_index(token);
  if (!want || *want >= v.element_count) return std::nullopt;
  return elements_[v.first_element + *want];
}

std::optional<TextPosition> JsonPositions::locate(std::string_view pointer) const {
  if (values_.empty()) return std::nullopt;
  uint32_t at = 0;
  for (const std::string& token : split_pointer(pointer)) {
    auto next = child(at, token);
    if (!next) break;
    at = *next;
  }
  const size_t offset = values_[at].offset;
  if (offset >= size_) return std::nullopt;
  const auto line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - line_starts_.begin();
  return TextPosition{static_cast<int>(line), static_cast<int>(offset - line_starts_[line - 1] + 1)};
}

TextPosition position_of_offset(std::string_view text, size_t offset) {
  TextPosition pos{1, 1};
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') { ++pos.line; pos.column = 1; }
    else ++pos.column;
  }
  return pos;
}

std::optional<TextPosition> locate_json_pointer(std::string_view text, std::string_view pointer) {
  Scanner s(text);
  s.skip_ws();
  size_t best = s.pos();
  for (const std::string& token : split_pointer(pointer)) {
    if (!s.enter(token)) break;
    s.skip_ws();
    best = s.pos();
  }
  if (best >= text.size()) return std::nullopt;
  return position_of_offset(text, best);
}

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

}  // namespace meeloop
