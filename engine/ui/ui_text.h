#pragma once
// The interface's own words (buttons, consent text, screen titles), per language, from
// data/ui/<lang>.json, so a trainer or the privacy officer can change them without a programmer.
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"

namespace meeloop::ui {

class UiText {
 public:
  // Reads every data/ui/*.json under `dir`; all languages must have the same keys (BadInput
  // naming the file and the missing key otherwise).
  static Result<UiText> load(const std::filesystem::path& dir);
  // The text of `key` in `lang`; the key itself when missing (load() has checked them).
  const std::string& get(const std::string& lang, const std::string& key) const;
  bool has(const std::string& lang, const std::string& key) const;
  std::vector<std::string> languages() const;  // sorted: "en", "nl"

 private:
  std::map<std::string, std::map<std::string, std::string>> by_lang_;
};

// `text` with every "{name}" replaced by its value, e.g. fill(t, {{"code", "MEE-..."}}).
std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace meeloop::ui
