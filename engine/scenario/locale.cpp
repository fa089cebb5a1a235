#include "scenario/locale.h"

#include "core/json_file.h"

namespace meeloop::scenario {

Result<Locale> Locale::load(const std::filesystem::path& file) {
  MEELOOP_ASSIGN_OR_RETURN(auto doc, read_json_file(file));
  try {
    Locale loc;
    loc.file_ = file.string();
    JsonView root = JsonView::root(doc);
    root.expect_object();
    for (auto& [key, value] : root.members()) {
      if (key == "$comment") continue;  // a note for translators, not a text
      if (!value.is_string())
        value.fail("expected the text of \"" + key + "\" as a string, found " +
                   json_type_name(value.raw()));
      std::string text = value.as_string();
      if (text.empty()) value.fail("the text of \"" + key + "\" is empty");
      loc.texts_.emplace(key, std::move(text));
    }
    return loc;
  } catch (const ErrorException& e) {
    return e.error();
  }
}

const std::string* Locale::find(const std::string& key) const {
  auto it = texts_.find(key);
  return it == texts_.end() ? nullptr : &it->second;
}

}  // namespace meeloop::scenario
