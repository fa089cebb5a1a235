#include "lint/lint.h"

namespace meeloop::lint {

std::string format_problem(const Problem& p) {
  std::string out = p.file;
  if (p.line > 0) out += ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
  out += ": " + std::string(severity_name(p.severity)) + ": ";
  if (!p.pointer.empty()) out += p.pointer + ": ";
  return out + p.message + " [" + p.check + "]";
}

Json problems_to_json(const std::vector<Problem>& problems) {
  Json arr = Json::array();
  for (const Problem& p : problems)
    arr.push_back({{"file", p.file}, {"line", p.line}, {"column", p.column}, {"pointer", p.pointer},
                   {"severity", std::string(severity_name(p.severity))}, {"check", p.check},
                   {"message", p.message}});
  return arr;
}

}  // namespace meeloop::lint
