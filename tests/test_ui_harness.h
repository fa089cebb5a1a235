#pragma once
// Dear ImGui without a window: a context with a display size, the real fonts in a built atlas,
// and keys/characters injected through ImGuiIO the way ImGui 1.86's GLFW backend does it
// (io.KeysDown[] indexed by GLFW key codes, io.KeyMap[] pointing into it, typed characters queued).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <imgui.h>
#include <unistd.h>

#include "ui/fonts.h"

namespace meeloop::test {

// GLFW's key codes, which imgui_impl_glfw (1.86) writes into io.KeysDown.
enum GlfwKey : int {
  kSpace = 32, kEscape = 256, kEnter = 257, kTab = 258, kBackspace = 259, kRight = 262,
  kLeft = 263, kDown = 264, kUp = 265, kF2 = 291, kF3 = 292, kKeypadEnter = 335,
};

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
    auto st = ui::load_fonts(io, font_px);
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

inline std::filesystem::path source_dir() { return MEELOOP_SOURCE_DIR; }

// A fresh folder under the temp dir, removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name) {
    path = std::filesystem::temp_directory_path() /
           (name + "-" + std::to_string(std::rand()) + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

}  // namespace meeloop::test
