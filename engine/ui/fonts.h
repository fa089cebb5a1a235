#pragma once
// The interface's fonts: DejaVu Sans from Debian's fonts-dejavu-core, with every glyph Dutch
// (and English) text needs: Latin-1, Latin Extended-A (the ĳ ligature U+0133), the general
// punctuation of typeset text (– — ‘ ’ “ ” …) and €. Pure Dear ImGui: no window needed.
#include <filesystem>

#include <imgui.h>

#include "core/error.h"

namespace meeloop::ui {

// The order load_fonts() adds them to io.Fonts; index 0 is ImGui's default font.
enum class FontRole { Regular = 0, Bold = 1, Title = 2 };

// Clears io.Fonts and adds Regular and Bold at `pixel_size` and a Title (bold, 1.5x). Pass
// pixel_size in framebuffer pixels (logical size x content scale) so text stays crisp on
// HiDPI screens; the host then sets io.FontGlobalScale = 1 / scale. A missing or unreadable
// font file is a Failure naming the file and the Debian package. Does not build the atlas.
// `font_dir` holds DejaVuSans.ttf and DejaVuSans-Bold.ttf (Settings::paths.font_dir).
Status load_fonts(ImGuiIO& io, float pixel_size, const std::filesystem::path& font_dir);

// The glyph ranges load_fonts() uses (zero-terminated pairs), for tests and other atlases.
const ImWchar* glyph_ranges();

// The font for `role`, or the default font when load_fonts() has not run.
ImFont* font(FontRole role);

}  // namespace meeloop::ui
