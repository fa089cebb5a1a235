#include "lint/lint_context.h"

namespace meeloop::lint {

void Context::add(const JsonDocument& doc, const std::string& pointer, Severity severity, std::string check,
                  std::string message) const {
  Problem p;
  p.file = doc.file;
  p.pointer = pointer;
  p.severity = severity;
  p.check = std::move(check);
  p.message = std::move(message);
  auto index = positions.find(&doc);
  if (index == positions.end()) index = positions.emplace(&doc, JsonPositions(doc.text)).first;
  if (auto pos = index->second.locate(pointer)) {
    p.line = pos->line;
    p.column = pos->column;
  }
  out.push_back(std::move(p));
}

const Json* member(const Json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

std::string string_member(const Json& j, const char* key) {
  const Json* m = member(j, key);
  return m && m->is_string() ? m->get<std::string>() : std::string();
}

const Json& array_member(const Json& j, const char* key) {
  static const Json empty = Json::array();
  const Json* m = member(j, key);
  return m && m->is_array() ? *m : empty;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? "none" : out;
}

size_t char_count(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;  // count lead bytes, not continuation bytes
  return n;
}

}  // namespace meeloop::lint
