#include "profile/text_table.h"

#include <algorithm>

#include "core/json_file.h"

namespace meeloop::profile {

Result<TextTable> TextTable::load(const std::filesystem::path& dir, const std::string& what) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return bad_input(dir.string(), "", "the " + what + " folder is missing (expected <lang>.json files such as nl.json)");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) return bad_input(dir.string(), "", "no " + what + " here (expected nl.json and en.json)");

  TextTable out;
  for (const auto& file : files) {
    MEELOOP_ASSIGN_OR_RETURN(auto doc, read_json_file(file));
    try {
      JsonView root = JsonView::root(doc);
      root.expect_object();
      std::string lang = file.stem().string();
      auto& texts = out.by_lang_[lang];
      for (auto& [key, value] : root.members()) {
        if (key == "$comment") continue;  // a note for translators
        if (!value.is_string())
          value.fail("expected the text of \"" + key + "\" as a string, found " + json_type_name(value.raw()));
        std::string text = value.as_string();
        if (text.empty()) value.fail("the text of \"" + key + "\" is empty");
        texts.emplace(key, std::move(text));
      }
      out.file_of_[lang] = file.string();
    } catch (const ErrorException& e) {
      return e.error();
    }
  }
  // Every language must have every key any language has: a missing text would show a raw key.
  for (const auto& [lang, texts] : out.by_lang_)
    for (const auto& [other, other_texts] : out.by_lang_)
      for (const auto& [key, _] : other_texts)
        if (!texts.count(key))
          return bad_input(out.file_of_[lang], "/" + key,
                           "the text \"" + key + "\" is missing here (it is in " + out.file_of_[other] + ")");
  return out;
}

const std::string& TextTable::get(const std::string& lang, const std::string& key) const {
  auto l = by_lang_.find(lang);
  if (l == by_lang_.end()) return key;
  auto it = l->second.find(key);
  return it == l->second.end() ? key : it->second;
}

bool TextTable::has(const std::string& lang, const std::string& key) const {
  auto l = by_lang_.find(lang);
  return l != by_lang_.end() && l->second.count(key);
}

std::vector<std::string> TextTable::languages() const {
  std::vector<std::string> out;
  for (const auto& [lang, _] : by_lang_) out.push_back(lang);
  return out;
}

const std::map<std::string, std::string>& TextTable::all(const std::string& lang) const {
  static const std::map<std::string, std::string> kNone;
  auto l = by_lang_.find(lang);
  return l == by_lang_.end() ? kNone : l->second;
}

const std::string& TextTable::language(const std::string& lang) const {
  static const std::string kDefault = "nl";
  return by_lang_.count(lang) ? lang : kDefault;
}

Status TextTable::require(const std::vector<std::string>& keys) const {
  if (by_lang_.empty()) return bad_input("", "", "no texts loaded");
  // load() made the key sets equal, so one language answers for all.
  const auto& [lang, texts] = *by_lang_.begin();
  for (const auto& key : keys)
    if (!texts.count(key))
      return bad_input(file_of_.at(lang), "/" + key, "the text \"" + key + "\" is missing (the code uses it)");
  return Ok{};
}

std::string fill(const std::string& text, const std::vector<std::pair<std::string, std::string>>& values) {
  std::string out;
  out.reserve(text.size());
  size_t at = 0;
  while (at < text.size()) {
    size_t open = text.find('{', at);
    size_t close = open == std::string::npos ? open : text.find('}', open);
    if (close == std::string::npos) break;
    out.append(text, at, open - at);
    std::string_view name(text.data() + open + 1, close - open - 1);
    auto it = std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == name; });
    if (it != values.end()) out += it->second;
    else out.append(text, open, close - open + 1);
    at = close + 1;
  }
  out.append(text, std::min(at, text.size()), std::string::npos);
  return out;
}

}  // namespace meeloop::profile
