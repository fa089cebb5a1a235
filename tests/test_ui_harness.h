#pragma once
// Dear ImGui without a window: a context with a display size, the real fonts in a built atlas,
// and keys/characters injected through ImGuiIO the way ImGui 1.86's GLFW backend does it
// (io.KeysDown[] indexed by GLFW key codes, io.KeyMap[] pointing into it, typed characters queued).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <imgui.h>
#include <unistd.h>

#include "temp_dir.h"
#include "test_settings.h"
#include "ui/fonts.h"

namespace meeloop::test {

// GLFW's key codes, which imgui_impl_glfw (1.86) writes into io.KeysDown.
enum GlfwKey : int {
  kSpace = 32, kEscape = 256, kEnter = 257, kTab = 258, kBackspace = 259, kRight = 262,
  kLeft = 263, kDown = 264, kUp = 265, kF2 = 291, kF3 = 292, kKeypadEnter = 335,
};

inline std::string drawn_text();  // below: the visible text of this frame

class ImGuiHarness {
 public:
  explicit ImGuiHarness(float width = 1280, float height = 800, float font_px = 24) {
    ctx_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60.0f;
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.KeyMap[ImGuiKey_Tab] = kTab;
    io.KeyMap[ImGuiKey_LeftArrow] = kLeft;
    io.KeyMap[ImGuiKey_RightArrow] = kRight;
    io.KeyMap[ImGuiKey_UpArrow] = kUp;
    io.KeyMap[ImGuiKey_DownArrow] = kDown;
    io.KeyMap[ImGuiKey_Space] = kSpace;
    io.KeyMap[ImGuiKey_Enter] = kEnter;
    io.KeyMap[ImGuiKey_Escape] = kEscape;
    io.KeyMap[ImGuiKey_Backspace] = kBackspace;
    io.KeyMap[ImGuiKey_KeyPadEnter] = kKeypadEnter;
    auto st = ui::load_fonts(io, font_px, settings().paths.font_dir);
    if (!st) FAIL(st.error().to_string());
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas, as a backend would
    REQUIRE(pixels != nullptr);
  }
  ~ImGuiHarness() { ImGui::DestroyContext(ctx_); }
  ImGuiHarness(const ImGuiHarness&) = delete;
  ImGuiHarness& operator=(const ImGuiHarness&) = delete;

  // One frame: the pending key presses and characters are seen by `draw`, then released.
  void frame(const std::function<void()>& draw) {
    ImGuiIO& io = ImGui::GetIO();
    for (int k : pending_keys_) io.KeysDown[k] = true;
    pending_keys_.clear();
    ImGui::NewFrame();
    draw();
    ImGui::Render();
    // Release every key between frames. ImGui 1.86 only sees a press when a key's duration
    // goes from -1 (up) to 0, so mark the release as already seen: a press in the very next
    // frame is then a new press, as when a person taps the same key twice.
    for (int k = 0; k < 512; ++k) {
      io.KeysDown[k] = false;
      io.KeysDownDuration[k] = -1.0f;
    }
  }
  // One frame like frame(), returning the text it drew, read back from the draw data (see
  // drawn_glyphs): what is really on screen, clipping included.
  std::string frame_text(const std::function<void()>& draw) {
    frame(draw);
    return drawn_text();
  }
  void frames(int n, const std::function<void()>& draw) {
    for (int i = 0; i < n; ++i) frame(draw);
  }
  // Queues a key press for the next frame (released after it).
  void press(int glfw_key) { pending_keys_.push_back(glfw_key); }
  // Queues typed text (UTF-8) for the next frame (ImGui clears the queue at the frame's end).
  void type(const std::string& utf8) {
    ImGui::GetIO().AddInputCharactersUTF8(utf8.c_str());
  }

 private:
  ImGuiContext* ctx_ = nullptr;
  std::vector<int> pending_keys_;
};

// One glyph as drawn: its character, its quad and the window (draw list) it belongs to.
struct DrawnGlyph {
  unsigned codepoint = 0;
  ImVec2 min, max;  // the glyph's quad
  ImVec4 clip;      // the clip rectangle it was drawn with
  float line = 0;   // the top of its text line (glyph quads of one line differ in height)
  std::string window;
};

// Every glyph in this frame's draw data, recognised by its texture coordinates in the font
// atlas, in the order of the draw lists (back to front) and, within one, line by line, left to
// right. Glyphs entirely outside their clip rectangle (not visible) are left out.
inline std::vector<DrawnGlyph> drawn_glyphs() {
  std::map<std::pair<float, float>, const ImFontGlyph*> by_uv;
  for (ImFont* f : ImGui::GetIO().Fonts->Fonts)
    for (const ImFontGlyph& g : f->Glyphs)
      if (g.Visible) by_uv[{g.U0, g.V0}] = &g;
  std::vector<DrawnGlyph> out;
  const ImDrawData* dd = ImGui::GetDrawData();
  for (int n = 0; n < dd->CmdListsCount; ++n) {
    const ImDrawList* cl = dd->CmdLists[n];
    std::vector<DrawnGlyph> list;
    for (const ImDrawCmd& cmd : cl->CmdBuffer) {
      // A glyph is a quad of 4 vertices and 6 indices whose first vertex has the glyph's U0,V0.
      for (unsigned i = 0; i + 5 < cmd.ElemCount; i += 6) {
        const ImDrawVert& v = cl->VtxBuffer[cmd.VtxOffset + cl->IdxBuffer[cmd.IdxOffset + i]];
        auto it = by_uv.find({v.uv.x, v.uv.y});
        if (it == by_uv.end()) continue;
        const ImFontGlyph& g = *it->second;
        DrawnGlyph d;
        d.codepoint = g.Codepoint;
        d.min = v.pos;
        d.max = ImVec2(v.pos.x + (g.X1 - g.X0), v.pos.y + (g.Y1 - g.Y0));
        d.clip = cmd.ClipRect;
        d.line = std::round(v.pos.y - g.Y0);
        d.window = cl->_OwnerName ? cl->_OwnerName : "";
        if (d.max.x <= d.clip.x || d.min.x >= d.clip.z || d.max.y <= d.clip.y || d.min.y >= d.clip.w) continue;
        list.push_back(d);
      }
    }
    std::stable_sort(list.begin(), list.end(), [](const DrawnGlyph& a, const DrawnGlyph& b) {
      return a.line != b.line ? a.line < b.line : a.min.x < b.min.x;
    });
    out.insert(out.end(), list.begin(), list.end());
  }
  return out;
}

// The visible characters of this frame as UTF-8, without any spaces (a space has no glyph);
// compare with shows().
inline std::string drawn_text() {
  std::string s;
  for (const DrawnGlyph& g : drawn_glyphs()) {
    unsigned c = g.codepoint;
    if (c < 0x80) {
      s += static_cast<char>(c);
    } else if (c < 0x800) {
      s += static_cast<char>(0xC0 | (c >> 6));
      s += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      s += static_cast<char>(0xE0 | (c >> 12));
      s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return s;
}

// Whether `text` (spaces ignored) is among what drawn_text() returned.
inline bool shows(const std::string& drawn, const std::string& text) {
  std::string t;
  for (char c : text)
    if (c != ' ' && c != '\n') t += c;
  return drawn.find(t) != std::string::npos;
}

inline std::filesystem::path source_dir() { return MEELOOP_SOURCE_DIR; }

}  // namespace meeloop::test
