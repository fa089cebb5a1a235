#pragma once
// The interface's own words (buttons, consent text, screen titles), per language, from
// data/ui/<lang>.json, so a trainer or the privacy officer can change them without a programmer.
// The table itself is the one the profile's texts use (profile/text_table.h).
#include <filesystem>
#include <utility>

#include "core/error.h"
#include "profile/text_table.h"

namespace meeloop::ui {

class UiText : public profile::TextTable {
 public:
  UiText() = default;
  explicit UiText(profile::TextTable table) : profile::TextTable(std::move(table)) {}
  // Reads every data/ui/*.json under `dir`; all languages must have the same keys (BadInput
  // naming the file and the missing key otherwise).
  static Result<UiText> load(const std::filesystem::path& dir);
};

using profile::fill;

}  // namespace meeloop::ui
