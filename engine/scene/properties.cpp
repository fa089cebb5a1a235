#include "scene/properties.h"

#include <vector>

namespace meeloop::scene {
namespace {

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\f'; }

// Joins continuation lines into logical lines (a line ending in an odd number of backslashes
// continues on the next one, whose leading blanks are dropped).
std::vector<std::string> logical_lines(std::string_view text) {
  std::vector<std::string> out;
  std::string current;
  bool continuing = false;
  size_t i = 0;
  while (i <= text.size()) {
    size_t end = text.find_first_of("\r\n", i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(i, end - i);
    if (continuing) {
      size_t k = 0;
      while (k < line.size() && is_space(line[k])) ++k;
      line.remove_prefix(k);
    } else {
      size_t k = 0;
      while (k < line.size() && is_space(line[k])) ++k;
      if (k == line.size() || line[k] == '#' || line[k] == '!') line = {};
    }
    size_t slashes = 0;
    while (slashes < line.size() && line[line.size() - 1 - slashes] == '\\') ++slashes;
    continuing = slashes % 2 == 1;
    current.append(line.substr(0, continuing ? line.size() - 1 : line.size()));
    if (!continuing) {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    }
    if (end == text.size()) break;
    i = end + 1;
    if (text[end] == '\r' && i < text.size() && text[i] == '\n') ++i;
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

// Decodes escapes and Latin-1 bytes of [begin, end) to UTF-8.
std::string decode(const std::string& s, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c != '\\' || i + 1 >= end) {
      append_utf8(out, c);  // ISO-8859-1 maps bytes to code points one to one
      continue;
    }
    char e = s[++i];
    if (e == 'u' && i + 4 < end) {
      uint32_t cp = 0;
      bool ok = true;
      for (int k = 1; ok && k <= 4; ++k) {
        int h = hex_value(s[i + k]);
        ok = h >= 0;
        cp = cp * 16 + uint32_t(h);
      }
      if (ok) {
        append_utf8(out, cp);
        i += 4;
        continue;
      }
    }
    switch (e) {
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 'f': out += '\f'; break;
      default: append_utf8(out, static_cast<unsigned char>(e));
    }
  }
  return out;
}

}  // namespace

std::map<std::string, std::string> parse_properties(std::string_view text) {
  std::map<std::string, std::string> out;
  for (const std::string& line : logical_lines(text)) {
    size_t i = 0;
    while (i < line.size() && is_space(line[i])) ++i;
    size_t key_begin = i;
    while (i < line.size() && line[i] != '=' && line[i] != ':' && !is_space(line[i])) {
      if (line[i] == '\\') ++i;
      ++i;
    }
    size_t key_end = std::min(i, line.size());
    while (i < line.size() && is_space(line[i])) ++i;
    if (i < line.size() && (line[i] == '=' || line[i] == ':')) ++i;
    while (i < line.size() && is_space(line[i])) ++i;
    out[decode(line, key_begin, key_end)] = decode(line, std::min(i, line.size()), line.size());
  }
  return out;
}

}  // namespace meeloop::scene
