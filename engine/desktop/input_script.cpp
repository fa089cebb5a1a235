#include "desktop/input_script.h"

#include <charconv>
#include <map>
#include <sstream>

#include <GLFW/glfw3.h>

#include "core/files.h"

namespace meeloop::desktop {
namespace {

Error at(const std::filesystem::path& file, int line, std::string message) {
  Error e = bad_input(file.string(), "", std::move(message));
  e.location = std::to_string(line);
  return e;
}

bool parse_number(const std::string& s, double& out) {
  if (s.empty()) return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// UTF-8 to code points; false on a malformed sequence.
bool decode_utf8(const std::string& s, std::vector<unsigned>& out) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (!len || i + len > s.size()) return false;
    unsigned cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len; ++k) {
      unsigned char d = s[i + k];
      if ((d >> 6) != 2) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    out.push_back(cp);
    i += len;
  }
  return true;
}

}  // namespace

std::optional<int> key_from_name(const std::string& name) {
  static const std::map<std::string, int> named{
      {"Enter", GLFW_KEY_ENTER},       {"Escape", GLFW_KEY_ESCAPE},   {"Tab", GLFW_KEY_TAB},
      {"Space", GLFW_KEY_SPACE},       {"Backspace", GLFW_KEY_BACKSPACE}, {"Delete", GLFW_KEY_DELETE},
      {"Up", GLFW_KEY_UP},             {"Down", GLFW_KEY_DOWN},       {"Left", GLFW_KEY_LEFT},
      {"Right", GLFW_KEY_RIGHT},       {"Home", GLFW_KEY_HOME},       {"End", GLFW_KEY_END},
      {"PageUp", GLFW_KEY_PAGE_UP},    {"PageDown", GLFW_KEY_PAGE_DOWN}};
  if (auto it = named.find(name); it != named.end()) return it->second;
  if (name.size() == 1) {
    char c = name[0];
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
    if (c >= 'A' && c <= 'Z') return GLFW_KEY_A + (c - 'A');
    if (c >= '0' && c <= '9') return GLFW_KEY_0 + (c - '0');
  }
  if (name.size() >= 2 && name.size() <= 3 && name[0] == 'F') {
    int n = 0;
    auto r = std::from_chars(name.data() + 1, name.data() + name.size(), n);
    if (r.ec == std::errc() && r.ptr == name.data() + name.size() && n >= 1 && n <= 12)
      return GLFW_KEY_F1 + (n - 1);
  }
  return std::nullopt;
}

Result<InputScript> read_input_script(const std::filesystem::path& file) {
  // A test script is at most a few thousand lines; the limit keeps a device or an endless file
  // from being read into memory.
  constexpr size_t kMaxBytes = 1u << 20;
  auto text = read_regular_file(file, kMaxBytes, "an input script");
  if (!text) return text.error();
  std::istringstream in(text.value());
  InputScript script{file, {}};
  std::string raw;
  int n = 0;
  while (std::getline(in, raw)) {
    ++n;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    std::istringstream ls(raw);
    std::string verb;
    ls >> verb;
    if (verb.empty() || verb[0] == '#') continue;
    std::string rest;
    std::getline(ls >> std::ws, rest);
    ScriptAction a;
    a.line = n;
    std::istringstream rs(rest);
    std::vector<std::string> words;
    for (std::string w; rs >> w;) words.push_back(w);
    if (verb == "wait") {
      a.kind = ScriptAction::Kind::Wait;
      if (words.size() != 1 || !parse_number(words[0], a.seconds) || a.seconds < 0 || a.seconds > 3600)
        return at(file, n, "\"wait\" expects one number of seconds (0-3600), e.g. wait 0.5");
    } else if (verb == "key") {
      a.kind = ScriptAction::Kind::Key;
      std::optional<int> k = words.size() == 1 ? key_from_name(words[0]) : std::nullopt;
      if (!k)
        return at(file, n, "\"key\" expects one key name (A-Z, 0-9, F1-F12, Enter, Escape, Tab, Space, "
                           "Backspace, Delete, Up, Down, Left, Right, Home, End, PageUp, PageDown), got \"" +
                               rest + "\"");
      a.code = *k;
    } else if (verb == "text") {
      a.kind = ScriptAction::Kind::Text;
      std::vector<unsigned> cps;
      if (rest.empty() || !decode_utf8(rest, cps)) return at(file, n, "\"text\" expects UTF-8 text to type");
      a.text = rest;
    } else if (verb == "click" || verb == "rclick") {
      a.kind = ScriptAction::Kind::Click;
      a.code = verb == "click" ? GLFW_MOUSE_BUTTON_LEFT : GLFW_MOUSE_BUTTON_RIGHT;
      if (words.size() != 2 || !parse_number(words[0], a.x) || !parse_number(words[1], a.y) || a.x < 0 || a.y < 0)
        return at(file, n, "\"" + verb + "\" expects two window coordinates, e.g. click 640 360");
    } else if (verb == "screenshot") {
      a.kind = ScriptAction::Kind::Screenshot;
      if (rest.empty() || std::filesystem::path(rest).extension() != ".png")
        return at(file, n, "\"screenshot\" expects a path ending in .png");
      a.text = rest;
    } else if (verb == "resize") {
      a.kind = ScriptAction::Kind::Resize;
      if (words.size() != 2 || !parse_number(words[0], a.x) || !parse_number(words[1], a.y) || a.x < 64 ||
          a.y < 64 || a.x > 7680 || a.y > 4320)
        return at(file, n, "\"resize\" expects a width and height in screen coordinates, e.g. resize 800 500");
    } else if (verb == "quit") {
      a.kind = ScriptAction::Kind::Quit;
      if (!words.empty()) return at(file, n, "\"quit\" takes nothing after it");
    } else {
      return at(file, n, "unknown action \"" + verb + "\" (expected wait, key, text, click, rclick, "
                         "screenshot or quit)");
    }
    script.actions.push_back(std::move(a));
  }
  return script;
}

ScriptPlayer::Step ScriptPlayer::advance(double now) {
  using K = InputEvent::Kind;
  Step out;
  if (release_) {
    out.events.push_back(*release_);
    release_.reset();
    return out;
  }
  if (wait_until_ >= 0) {
    if (now < wait_until_) return out;
    wait_until_ = -1;
  }
  if (next_ >= script_.actions.size()) return out;
  const ScriptAction& a = script_.actions[next_++];
  switch (a.kind) {
    case ScriptAction::Kind::Wait: wait_until_ = now + a.seconds; break;
    case ScriptAction::Kind::Key:
      out.events.push_back({K::Key, a.code, GLFW_PRESS, 0, glfwGetKeyScancode(a.code), {}});
      // A real keyboard also types the character of a printable key (GLFW's char callback).
      if (a.code >= GLFW_KEY_A && a.code <= GLFW_KEY_Z)
        out.events.push_back({K::Char, 'a' + (a.code - GLFW_KEY_A), 0, 0, 0, {}});
      else if (a.code >= GLFW_KEY_0 && a.code <= GLFW_KEY_9)
        out.events.push_back({K::Char, '0' + (a.code - GLFW_KEY_0), 0, 0, 0, {}});
      else if (a.code == GLFW_KEY_SPACE)
        out.events.push_back({K::Char, ' ', 0, 0, 0, {}});
      release_ = InputEvent{K::Key, a.code, GLFW_RELEASE, 0, glfwGetKeyScancode(a.code), {}};
      break;
    case ScriptAction::Kind::Text: {
      std::vector<unsigned> cps;
      decode_utf8(a.text, cps);
      for (unsigned c : cps) out.events.push_back({K::Char, int(c), 0, 0, 0, {}});
      break;
    }
    case ScriptAction::Kind::Click:
      out.events.push_back({K::CursorPos, 0, 0, 0, 0, {a.x, a.y}});
      out.events.push_back({K::MouseButton, a.code, GLFW_PRESS, 0, 0, {}});
      release_ = InputEvent{K::MouseButton, a.code, GLFW_RELEASE, 0, 0, {}};
      break;
    case ScriptAction::Kind::Screenshot: out.screenshot = a.text; break;
    case ScriptAction::Kind::Resize: out.resize = glm::ivec2(int(a.x), int(a.y)); break;
    case ScriptAction::Kind::Quit: out.quit = true; break;
  }
  return out;
}

}  // namespace meeloop::desktop
