#include "ui/ui_text.h"

namespace meeloop::ui {

Result<UiText> UiText::load(const std::filesystem::path& dir) {
  MEELOOP_ASSIGN_OR_RETURN(auto table, profile::TextTable::load(dir, "interface texts"));
  return UiText(std::move(table));
}

}  // namespace meeloop::ui
