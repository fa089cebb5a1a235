#pragma once
// Command-line arguments of one subcommand: positionals and --options, with errors that
// exit with code 2 and say what was expected.
#include <optional>
#include <string>
#include <vector>

namespace meeloop::cli {

class Args {
 public:
  // `flags` are options that take no value (e.g. "--headless"); all other --options take one.
  Args(std::vector<std::string> argv, std::vector<std::string> flags);

  const std::vector<std::string>& positionals() const { return positionals_; }
  std::string positional(size_t i, const char* what) const;  // required; throws BadInput
  bool flag(const std::string& name) const;
  std::optional<std::string> option(const std::string& name) const;
  std::string option_or(const std::string& name, std::string fallback) const;
  int int_option_or(const std::string& name, int fallback, int min, int max) const;
  // Fails on any --option that none of the accessors above asked about (catches typos).
  void expect_consumed() const;

 private:
  std::vector<std::string> positionals_;
  std::vector<std::pair<std::string, std::string>> options_;
  std::vector<std::string> flags_seen_;
  std::vector<std::string> known_flags_;
  mutable std::vector<std::string> asked_;
};

}  // namespace meeloop::cli
