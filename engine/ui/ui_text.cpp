#include "ui/ui_text.h"

#include <algorithm>

#include "core/json_file.h"

namespace meeloop::ui {

Result<UiText> UiText::load(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return bad_input(dir.string(), "", "the interface texts folder is missing (expected data/ui/<lang>.json)");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) return bad_input(dir.string(), "", "no interface texts here (expected nl.json and en.json)");

  UiText out;
  std::map<std::string, std::string> file_of;  // language -> file, for messages
  for (const auto& file : files) {
    auto doc = read_json_file(file);
    if (!doc) return doc.error();
    try {
      JsonView root = JsonView::root(doc.value());
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
      file_of[lang] = file.string();
    } catch (const ErrorException& e) {
      return e.error();
    }
  }
  // Every language must have every key any language has: a missing text would show a raw key.
  for (const auto& [lang, texts] : out.by_lang_)
    for (const auto& [other, other_texts] : out.by_lang_)
      for (const auto& [key, _] : other_texts)
        if (!texts.count(key))
          return bad_input(file_of[lang], "/" + key,
                           "the text \"" + key + "\" is missing here (it is in " + file_of[other] + ")");
  return out;
}

const std::string& UiText::get(const std::string& lang, const std::string& key) const {
  auto l = by_lang_.find(lang);
  if (l == by_lang_.end()) return key;
  auto it = l->second.find(key);
  return it == l->second.end() ? key : it->second;
}

bool UiText::has(const std::string& lang, const std::string& key) const {
  auto l = by_lang_.find(lang);
  return l != by_lang_.end() && l->second.count(key);
}

std::vector<std::string> UiText::languages() const {
  std::vector<std::string> out;
  for (const auto& [lang, _] : by_lang_) out.push_back(lang);
  return out;
}

std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& values) {
  for (const auto& [name, value] : values) {
    const std::string tag = "{" + name + "}";
    for (size_t at = text.find(tag); at != std::string::npos; at = text.find(tag, at + value.size()))
      text.replace(at, tag.size(), value);
  }
  return text;
}

}  // namespace meeloop::ui
