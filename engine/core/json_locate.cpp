#include "core/json_locate.h"

#include <cctype>
#include <cstring>
#include <vector>

namespace meeloop {
namespace {

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
      size_t want = 0;
      for (char c : token) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        want = want * 10 + size_t(c - '0');
      }
      if (token.empty()) return false;
      ++i_;
      for (size_t k = 0;; ++k) {
        skip_ws();
        if (i_ >= t_.size() || t_[i_] == ']') return false;
        if (k == want) return true;
        skip_value();
        skip_ws();
        if (i_ < t_.size() && t_[i_] == ',') ++i_;
      }
    }
    return false;
  }
  size_t pos() const { return i_; }

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

}  // namespace

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
