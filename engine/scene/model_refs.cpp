#include "scene/model_refs.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <utility>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/files.h"
#include "core/json_locate.h"

namespace meeloop::scene {
namespace fs = std::filesystem;
namespace {

// One OBJ/MTL statement. Assimp ends statements at \r, \n, \f and \0; lines for messages are
// counted at \n only, as an editor counts them.
struct Statement {
  std::string_view text;
  int line;
  int column;  // 1-based byte column where `text` starts
};

std::vector<Statement> statements(std::string_view text) {
  std::vector<Statement> out;
  int line = 1;
  size_t line_start = 0, start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '\r' && text[i] != '\n' && text[i] != '\f' && text[i] != '\0') continue;
    out.push_back({text.substr(start, i - start), line, int(start - line_start) + 1});
    if (i < text.size() && text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
    start = i + 1;
  }
  return out;
}

bool blank(char c) { return c == ' ' || c == '\t'; }

// Splits off the next blank-separated word of `s` from `at`; returns its start (npos at the end).
size_t next_word(std::string_view s, size_t& at, std::string& word) {
  while (at < s.size() && blank(s[at])) ++at;
  if (at >= s.size()) return std::string_view::npos;
  size_t begin = at;
  while (at < s.size() && !blank(s[at])) ++at;
  word.assign(s.substr(begin, at - begin));
  for (char& c : word) c = char(std::tolower(static_cast<unsigned char>(c)));
  return begin;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

// MTL statements that name an image, and the texture options before the name with how many
// words each takes (the option itself included), as Assimp 5.2.5 skips them.
bool names_texture(const std::string& word) {
  return word.rfind("map_", 0) == 0 || word == "bump" || word == "disp" || word == "decal" || word == "refl" ||
         word == "norm";
}
int option_words(const std::string& word) {
  if (word == "-mm") return 3;
  if (word == "-o" || word == "-s" || word == "-t") return 4;
  for (const char* o : {"-blendu", "-blendv", "-boost", "-cc", "-clamp", "-texres", "-bm", "-imfchan", "-type"})
    if (word == o) return 2;
  return 0;
}

class Scanner {
 public:
  Scanner(const AllowedRoots& roots, uintmax_t max_bytes, ModelScan& out)
      : roots_(roots), max_bytes_(max_bytes), out_(out) {}

  // Checks `name`, written in `file` at line:col (or `pointer`), resolved from folder `base`.
  // Returns its resolved path when it is inside.
  std::optional<fs::path> check(const fs::path& file, const fs::path& base, std::string_view name,
                                const std::string& what, int line, int column, const std::string& pointer = {}) {
    auto r = resolve_inside(roots_, base, name);
    if (r) return *r;
    Error e = bad_input(file.string(), pointer, what + " " + r.error().message);
    if (line > 0) e.location = std::to_string(line) + ":" + std::to_string(column);
    const bool texture = what.rfind("texture", 0) == 0 || what == "image";
    (texture ? out_.outside_textures : out_.outside).push_back(std::move(e));
    return std::nullopt;
  }

  std::optional<std::string> read(const fs::path& file, std::string_view what) {
    auto text = read_regular_file(file, size_t(max_bytes_), what);
    if (!text) return std::nullopt;
    return std::move(text.value());
  }

  void obj(const fs::path& model) {
    const fs::path dir = model.parent_path();
    std::vector<std::pair<fs::path, fs::path>> mtls;  // as reached from the model, canonical
    // Assimp falls back to <model>.mtl; a link there pointing out is refused like a named one.
    const fs::path fallback = fs::path(model).replace_extension(".mtl");
    std::error_code ec;
    if (fs::exists(fs::symlink_status(fallback, ec)))
      if (auto p = check(model, dir, fallback.filename().string(), "material library (read for an OBJ of the same name)", 0, 0))
        mtls.emplace_back(fallback, *p);
    auto text = read(model, "an OBJ file");
    if (!text) return;
    std::string word;
    for (const Statement& s : statements(*text)) {
      size_t at = 0;
      if (next_word(s.text, at, word) == std::string_view::npos || word != "mtllib") continue;
      std::string_view rest = s.text.substr(at);
      std::string_view name = trim(rest);
      if (name.empty()) continue;
      int column = s.column + int(at + size_t(name.data() - rest.data()));
      if (auto p = check(model, dir, name, "mtllib", s.line, column))
        mtls.emplace_back((dir / fs::path(name)).lexically_normal(), *p);
    }
    std::vector<fs::path> seen;
    for (const auto& [reached, canonical] : mtls) {
      if (std::find(seen.begin(), seen.end(), canonical) != seen.end()) continue;
      seen.push_back(canonical);
      if (!fs::is_regular_file(canonical, ec)) continue;
      out_.materials.push_back(reached);
      this->mtl(reached, dir);
    }
  }

  // Texture names are resolved from the OBJ's folder, as the importer loads them.
  void mtl(const fs::path& file, const fs::path& obj_dir) {
    auto text = read(file, "an MTL file");
    if (!text) return;
    std::string keyword, word;
    for (const Statement& s : statements(*text)) {
      size_t at = 0;
      const size_t keyword_at = next_word(s.text, at, keyword);
      if (keyword_at == std::string_view::npos || !names_texture(keyword)) continue;
      const std::string_view as_written = s.text.substr(keyword_at, at - keyword_at);
      size_t name_at = std::string_view::npos;
      for (;;) {
        size_t before = at;
        size_t begin = next_word(s.text, at, word);
        if (begin == std::string_view::npos) break;
        int skip = option_words(word);
        if (skip == 0) {
          name_at = begin;
          break;
        }
        at = before;
        for (int k = 0; k < skip; ++k) next_word(s.text, at, word);
      }
      if (name_at == std::string_view::npos) continue;
      std::string_view name = trim(s.text.substr(name_at));
      check(file, obj_dir, name, "texture (" + std::string(as_written) + ")", s.line, s.column + int(name_at));
    }
  }

  void gltf(const fs::path& model) {
    auto bytes = read(model, "a glTF file");
    if (!bytes) return;
    std::string_view json = *bytes;
    const bool binary = json.substr(0, 4) == "glTF";
    if (binary) {  // the JSON chunk follows the 12-byte header and its own 8-byte chunk header
      if (json.size() < 20) return;
      auto u32 = [&](size_t at) {
        return uint32_t(uint8_t(json[at])) | uint32_t(uint8_t(json[at + 1])) << 8 |
               uint32_t(uint8_t(json[at + 2])) << 16 | uint32_t(uint8_t(json[at + 3])) << 24;
      };
      const size_t length = std::min<size_t>(u32(12), json.size() - 20);
      json = json.substr(20, length);
    }
    nlohmann::json doc = nlohmann::json::parse(json.begin(), json.end(), nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object()) return;  // Assimp reports a broken glTF itself
    const fs::path dir = model.parent_path();
    for (const char* list : {"buffers", "images"}) {
      auto it = doc.find(list);
      if (it == doc.end() || !it->is_array()) continue;
      for (size_t i = 0; i < it->size(); ++i) {
        const nlohmann::json& item = (*it)[i];
        if (!item.is_object() || !item.contains("uri") || !item["uri"].is_string()) continue;
        const std::string uri = item["uri"].get<std::string>();
        if (is_data_uri(uri)) continue;
        const std::string pointer = "/" + std::string(list) + "/" + std::to_string(i) + "/uri";
        int line = 0, column = 0;
        if (!binary)
          if (auto pos = locate_json_pointer(json, pointer)) line = pos->line, column = pos->column;
        const std::string what = std::string(list) == "buffers" ? "buffer" : "image";
        // A URI may spell "../" as "..%2F"; both spellings must stay inside.
        if (check(model, dir, uri, what, line, column, pointer))
          if (std::string plain = percent_decoded(uri); plain != uri) check(model, dir, plain, what, line, column, pointer);
      }
    }
  }

 private:
  static bool is_data_uri(const std::string& uri) {
    return uri.size() >= 5 && std::equal(uri.begin(), uri.begin() + 5, "data:",
                                         [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
  }
  static std::string percent_decoded(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
          std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
        out += char(std::stoi(s.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        out += s[i];
      }
    }
    return out;
  }

  const AllowedRoots& roots_;
  uintmax_t max_bytes_;
  ModelScan& out_;
};

std::string lower_ext(const fs::path& p) {
  std::string e = p.extension().string();
  for (char& c : e) c = char(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

}  // namespace

ModelScan scan_model_references(const fs::path& model, const AllowedRoots& roots, uintmax_t max_bytes) {
  ModelScan out;
  Scanner scanner(roots, max_bytes, out);
  const std::string ext = lower_ext(model);
  if (ext == ".obj") scanner.obj(model);
  else if (ext == ".gltf" || ext == ".glb") scanner.gltf(model);
  return out;
}

}  // namespace meeloop::scene
