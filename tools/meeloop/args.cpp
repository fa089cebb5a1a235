#include "args.h"

#include <algorithm>
#include <stdexcept>

#include "core/error.h"

namespace meeloop::cli {
namespace {
[[noreturn]] void usage_error(std::string message) {
  throw ErrorException(bad_input("", "", std::move(message)));
}
}  // namespace

Args::Args(std::vector<std::string> argv, std::vector<std::string> flags)
    : known_flags_(std::move(flags)) {
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.rfind("--", 0) != 0 || a == "--") {
      positionals_.push_back(a);
      continue;
    }
    auto eq = a.find('=');
    std::string name = a.substr(0, eq);
    if (std::find(known_flags_.begin(), known_flags_.end(), name) != known_flags_.end()) {
      if (eq != std::string::npos) usage_error(name + " takes no value");
      flags_seen_.push_back(name);
    } else if (eq != std::string::npos) {
      options_.emplace_back(name, a.substr(eq + 1));
    } else {
      if (i + 1 >= argv.size()) usage_error(name + " needs a value");
      options_.emplace_back(name, argv[++i]);
    }
  }
}

std::string Args::positional(size_t i, const char* what) const {
  if (i >= positionals_.size()) usage_error(std::string("missing argument: ") + what);
  return positionals_[i];
}

bool Args::flag(const std::string& name) const {
  asked_.push_back(name);
  return std::find(flags_seen_.begin(), flags_seen_.end(), name) != flags_seen_.end();
}

std::optional<std::string> Args::option(const std::string& name) const {
  asked_.push_back(name);
  std::optional<std::string> out;
  for (auto& [k, v] : options_)
    if (k == name) out = v;  // the last one wins, as in most tools
  return out;
}

std::string Args::option_or(const std::string& name, std::string fallback) const {
  auto v = option(name);
  return v ? *v : std::move(fallback);
}

int Args::int_option_or(const std::string& name, int fallback, int min, int max) const {
  auto v = option(name);
  if (!v) return fallback;
  try {
    size_t used = 0;
    long n = std::stol(*v, &used);
    if (used != v->size() || n < min || n > max) throw std::out_of_range("");
    return int(n);
  } catch (const std::exception&) {
    usage_error(name + " expects a whole number from " + std::to_string(min) + " to " +
                std::to_string(max) + ", got \"" + *v + "\"");
  }
}

void Args::expect_consumed() const {
  for (auto& [k, v] : options_)
    if (std::find(asked_.begin(), asked_.end(), k) == asked_.end())
      usage_error("unknown option " + k);
  for (auto& f : flags_seen_)
    if (std::find(asked_.begin(), asked_.end(), f) == asked_.end())
      usage_error("unknown option " + f);
}

}  // namespace meeloop::cli
