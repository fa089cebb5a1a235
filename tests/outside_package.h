#pragma once
// Scene packages that reach for a file outside themselves (issue 16, item 1), built in a fresh
// temporary folder for the scene and lint tests: <root>/pkg is the package; <root>/other and
// the "secret" files lie outside it. Symbolic links are made here, never committed.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

namespace meeloop::test {

enum class Outside { ModelPath, Symlink, Mtllib, GltfBuffer, MtlAbsoluteTexture, FloorTexture };

inline const char* outside_name(Outside c) {
  switch (c) {
    case Outside::ModelPath: return "model path ../other/x.obj";
    case Outside::Symlink: return "symbolic link in the package pointing out";
    case Outside::Mtllib: return "OBJ mtllib outside";
    case Outside::GltfBuffer: return "glTF buffer uri outside";
    case Outside::MtlAbsoluteTexture: return "MTL texture with an absolute path";
    case Outside::FloorTexture: return "floor texture outside";
  }
  return "";
}

// The first line of every file outside the package: it must never appear in a message.
inline constexpr const char* kSecret = "topsecret:x:0:0:root:/root:/bin/bash";

class OutsidePackage {
 public:
  // Where the problem is expected: the file (relative to the package), its line:col (0 when
  // not known) and JSON pointer, and words the message holds.
  struct Expect {
    std::string file;
    int line = 0, column = 0;
    std::string pointer;
    std::string words;
  };

  OutsidePackage(Outside c, const std::filesystem::path& models) : models_(models) {
    namespace fs = std::filesystem;
    root = fs::temp_directory_path() / ("meeloop-outside-" + std::to_string(std::random_device{}()));
    pkg = root / "pkg";
    fs::create_directories(pkg / "models");
    fs::create_directories(root / "other");
    write(root / "secret.txt", std::string(kSecret) + "\nsecond line\n");
    write(root / "secret.bin", std::string(kSecret) + std::string(80, 'x'));
    fs::copy_file(models / "checker.png", root / "secret.png");
    std::string room = "{\"size\": [4, 2.6, 4]}";
    std::string model;
    switch (c) {
      case Outside::ModelPath:
        copy_cube(root / "other");
        model = "../other/cube_cm.obj";
        expect = {"scene.json", 3, 0, "/models/0/model", "outside the scene folder"};
        break;
      case Outside::Symlink:
        copy_cube(root / "other");
        fs::create_symlink(root / "other" / "cube_cm.obj", pkg / "models" / "cube_cm.obj");
        model = "models/cube_cm.obj";
        expect = {"scene.json", 3, 0, "/models/0/model", "symbolic link"};
        break;
      case Outside::Mtllib:
        copy_cube(pkg / "models", "mtllib cube_cm.mtl", "mtllib ../../secret.txt");
        model = "models/cube_cm.obj";
        expect = {"models/cube_cm.obj", 2, 8, "", "\"../../secret.txt\" is outside the scene folder"};
        break;
      case Outside::GltfBuffer: {
        std::string text = read(models / "two_triangles.gltf");
        const size_t at = text.find("\"data:application/octet-stream");
        text.replace(at, text.find('"', at + 1) + 1 - at, "\"../../secret.bin\"");
        write(pkg / "models" / "two_triangles.gltf", text);
        model = "models/two_triangles.gltf";
        expect = {"models/two_triangles.gltf", 0, 0, "/buffers/0/uri", "buffer \"../../secret.bin\" is outside"};
        set_position(expect, text, "\"../../secret.bin\"");
        break;
      }
      case Outside::MtlAbsoluteTexture:
        copy_cube(pkg / "models", "map_Kd checker.png", "map_Kd " + (root / "secret.png").string());
        model = "models/cube_cm.obj";
        expect = {"models/cube_cm.mtl", 7, 8, "", "texture (map_Kd) \"" + (root / "secret.png").string() + "\" is outside"};
        break;
      case Outside::FloorTexture:
        room = "{\"size\": [4, 2.6, 4], \"floor\": {\"texture\": \"../secret.png\"}}";
        copy_cube(pkg / "models");
        model = "models/cube_cm.obj";
        expect = {"scene.json", 2, 0, "/room/floor/texture", "\"../secret.png\" is outside the scene folder"};
        break;
    }
    const std::string scene = "{\"format\": \"meeloop.scene/0\", \"id\": \"pkg\",\n \"room\": " + room +
                              ",\n \"models\": [{\"id\": \"box\", \"model\": \"" + model +
                              "\", \"position\": [1, 0, 1]}]}\n";
    write(pkg / "scene.json", scene);
    if (expect.file == "scene.json")
      set_position(expect, scene, c == Outside::FloorTexture ? "\"../secret.png\"" : "\"" + model + "\"");
  }
  ~OutsidePackage() {
    std::error_code ec;
    std::filesystem::remove_all(root, ec);
  }
  OutsidePackage(const OutsidePackage&) = delete;
  OutsidePackage& operator=(const OutsidePackage&) = delete;

  std::filesystem::path root, pkg;
  Expect expect;

 private:
  static std::string read(const std::filesystem::path& f) {
    std::ifstream in(f, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  static void write(const std::filesystem::path& f, const std::string& text) {
    std::ofstream(f, std::ios::binary) << text;
  }
  // Line and column of `needle` in `text` (where a JSON value starts: its opening quote).
  static void set_position(Expect& e, const std::string& text, const std::string& needle) {
    const size_t at = text.find(needle);
    e.line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < at; ++i)
      if (text[i] == '\n') ++e.line, line_start = i + 1;
    e.column = int(at - line_start) + 1;
  }
  // cube_cm.obj, .mtl and checker.png into `dir`, with one replacement in the OBJ or the MTL.
  void copy_cube(const std::filesystem::path& dir, const std::string& from = {}, const std::string& to = {}) {
    for (const char* name : {"cube_cm.obj", "cube_cm.mtl"}) {
      std::string text = read(models_ / name);
      if (!from.empty())
        if (size_t at = text.find(from); at != std::string::npos) text.replace(at, from.size(), to);
      write(dir / name, text);
    }
    std::filesystem::copy_file(models_ / "checker.png", dir / "checker.png");
  }
  std::filesystem::path models_;
};

}  // namespace meeloop::test
