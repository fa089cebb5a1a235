#pragma once
// Words shown to people, one data file per language (data/ui/<lang>.json for the interface,
// data/text/<lang>.json for the profile's sentences and report), so a third language is a file
// and a translator never touches code. Every language must have the same keys.
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"

namespace meeloop::profile {

class TextTable {
 public:
  // Reads every <lang>.json under `dir` (an object of key -> non-empty string; "$comment" is a
  // note for translators). A language missing a key another has is BadInput naming the file
  // and the key. `what` names the texts in messages ("interface texts").
  static Result<TextTable> load(const std::filesystem::path& dir, const std::string& what = "texts");
  // The text of `key` in `lang`; the key itself when missing (load() has checked them).
  const std::string& get(const std::string& lang, const std::string& key) const;
  bool has(const std::string& lang, const std::string& key) const;
  std::vector<std::string> languages() const;  // sorted: "en", "nl"
  // Every key -> text of `lang` (empty for an unknown language): what a template may show.
  const std::map<std::string, std::string>& all(const std::string& lang) const;
  // `lang` when there are texts in it, else the default language ("nl").
  const std::string& language(const std::string& lang) const;
  // BadInput naming the first of `keys` that is missing (the code's own keys, checked once at
  // load so a text never shows as its key).
  Status require(const std::vector<std::string>& keys) const;

 private:
  std::map<std::string, std::map<std::string, std::string>> by_lang_;
  std::map<std::string, std::string> file_of_;  // language -> file, for messages
};

// `text` with every "{name}" replaced by its value in one pass (a value is never re-read, so
// data cannot inject a placeholder), e.g. fill(t, {{"code", "MEE-..."}}). Unknown tags stay.
std::string fill(const std::string& text, const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace meeloop::profile
