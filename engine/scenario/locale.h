#pragma once
// One language's texts of a scene package: scenes/<id>/locale/<lang>.json, a flat JSON object
// of key -> text, edited by trainers.
#include <filesystem>
#include <map>
#include <string>

#include "core/error.h"

namespace meeloop::scenario {

class Locale {
 public:
  // Reads a locale file; errors name file:line:col and the key.
  static Result<Locale> load(const std::filesystem::path& file);

  bool has(const std::string& key) const { return texts_.count(key) != 0; }
  // The text for `key`, or nullptr.
  const std::string* find(const std::string& key) const;
  const std::string& file() const { return file_; }
  const std::map<std::string, std::string>& texts() const { return texts_; }

 private:
  std::string file_;
  std::map<std::string, std::string> texts_;
};

}  // namespace meeloop::scenario
