#include "lint/lint.h"

#include <cstdlib>

namespace meeloop::lint {

std::string format_problem(const Problem& p) {
  std::string out = p.file;
  if (p.line > 0) out += ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
  out += ": " + std::string(severity_name(p.severity)) + ": ";
  if (!p.pointer.empty()) out += p.pointer + ": ";
  return out + p.message + " [" + p.check + "]";
}

Problem problem_from_error(const Error& e, std::string check, std::string fallback_file) {
  Problem p;
  p.file = e.file.empty() ? std::move(fallback_file) : e.file;
  p.pointer = e.pointer;
  p.check = std::move(check);
  p.message = e.message;
  if (auto colon = e.location.find(':'); colon != std::string::npos) {
    p.line = std::atoi(e.location.substr(0, colon).c_str());
    p.column = std::atoi(e.location.substr(colon + 1).c_str());
  }
  return p;
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
