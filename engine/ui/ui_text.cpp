#include "ui/ui_text.h"

namespace meeloop::ui {

Result<UiText> UiText::load(const std::filesystem::path& dir) {
  auto table = profile::TextTable::load(dir, "interface texts");
  if (!table) return table.error();
  return UiText(std::move(table).value());
}

}  // namespace meeloop::ui
