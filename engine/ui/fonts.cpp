#include "ui/fonts.h"

#include <fstream>
#include <iterator>
#include <string>
#include <vector>


namespace meeloop::ui {
namespace {

constexpr ImWchar kRanges[] = {
    0x0020, 0x00FF,  // Basic Latin + Latin-1 Supplement (ë é ï ü ç ...)
    0x0100, 0x017F,  // Latin Extended-A (ĳ Ĳ and the rest)
    0x2010, 0x205E,  // General Punctuation (– — ‘ ’ “ ” … •)
    0x20AC, 0x20AC,  // €
    0x2190, 0x2193,  // arrows, for keyboard hints (← ↑ → ↓)
    0x2713, 0x2713,  // ✓
    0,
};

// Reads a font into memory ImGui owns (the atlas frees it), so a missing file is our error
// message instead of an assertion inside ImGui.
Result<std::pair<void*, int>> read_font(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return failure("cannot read the font " + file.string() +
                       " (install Debian's fonts-dejavu-core, or set MEELOOP_FONT_DIR)",
                   file.string());
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() < 1024) return failure("the font " + file.string() + " is empty or truncated", file.string());
  void* mem = IM_ALLOC(bytes.size());
  std::copy(bytes.begin(), bytes.end(), static_cast<char*>(mem));
  return std::pair<void*, int>{mem, static_cast<int>(bytes.size())};
}

Status add_font(ImGuiIO& io, const std::filesystem::path& file, float size, const char* name) {
  MEELOOP_ASSIGN_OR_RETURN(const auto data, read_font(file));
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = true;
  // Oversampling keeps large text smooth when the host scales the UI slightly.
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  std::snprintf(cfg.Name, sizeof(cfg.Name), "%s", name);
  if (!io.Fonts->AddFontFromMemoryTTF(data.first, data.second, size, &cfg, kRanges)) {
    IM_FREE(data.first);
    return failure("Dear ImGui could not add the font " + file.string(), file.string());
  }
  return Ok{};
}

}  // namespace

const ImWchar* glyph_ranges() { return kRanges; }

Status load_fonts(ImGuiIO& io, float pixel_size, const std::filesystem::path& font_dir) {
  if (!(pixel_size >= 6 && pixel_size <= 200))
    return bad_input("", "", "font size " + std::to_string(pixel_size) + " px is outside 6..200");
  // Check both files before touching the atlas, so a failure leaves the host's fonts alone.
  for (const char* f : {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"})
    if (!std::filesystem::is_regular_file(font_dir / f))
      return failure("the font " + (font_dir / f).string() +
                         " is missing (install Debian's fonts-dejavu-core, or set MEELOOP_FONT_DIR)",
                     (font_dir / f).string());
  io.Fonts->Clear();
  MEELOOP_RETURN_IF_ERROR(add_font(io, font_dir / "DejaVuSans.ttf", pixel_size, "DejaVu Sans"));
  MEELOOP_RETURN_IF_ERROR(add_font(io, font_dir / "DejaVuSans-Bold.ttf", pixel_size, "DejaVu Sans Bold"));
  MEELOOP_RETURN_IF_ERROR(add_font(io, font_dir / "DejaVuSans-Bold.ttf", pixel_size * 1.5f, "DejaVu Sans Bold Title"));
  io.FontDefault = io.Fonts->Fonts[0];
  return Ok{};
}

ImFont* font(FontRole role) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  int i = static_cast<int>(role);
  if (i < atlas->Fonts.Size) return atlas->Fonts[i];
  return ImGui::GetFont();
}

}  // namespace meeloop::ui
