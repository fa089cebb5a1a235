// Resource limits on untrusted input (scene packages, locale and data files, models, textures):
// each limit refuses the input with a message that names the limit, instead of letting a file
// make Meeloop allocate without bound or loop forever.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/json_file.h"
#include "scenario/choices_file.h"
#include "scenario/scenario_loader.h"
#include "scene/importer.h"
#include "temp_dir.h"

using namespace meeloop;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

fs::path models_dir() { return fs::path(MEELOOP_LIMITS_TEST_DATA) / "models"; }

// A fresh folder, removed at the end of the test, that the test writes its files into.
struct ScratchDir : meeloop::test::TempDir {
  ScratchDir() : TempDir("meeloop-limits") {}
  fs::path write(const std::string& name, const std::string& text) const {
    fs::path p = path / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
};

// Imports with the mesh cache off (no cache_dir): a cache hit would skip the checks made on a
// fresh import.
Result<int> import_with(const fs::path& file, const scene::ImportLimits& limits) {
  scene::ImportOptions o;
  o.limits = limits;
  Log log(LogLevel::Off);
  scene::WorldBuilder builder;
  return scene::import_model(builder, file, "limits", o, log);
}

}  // namespace

TEST_CASE("JSON text over the byte limit is refused", "[limits]") {
  JsonLimits limits;
  limits.max_bytes = 16;
  auto r = parse_json_text(R"({"title": "more than sixteen bytes"})", "big.json", limits);
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::BadInput);
  CHECK_THAT(r.error().to_string(), Contains("big.json") && Contains("bytes; at most 16 are allowed"));
}

TEST_CASE("a JSON file over the byte limit is refused before it is read", "[limits]") {
  ScratchDir tmp;
  auto file = tmp.write("scene.json", std::string(100, ' ') + "{}");
  JsonLimits limits;
  limits.max_bytes = 64;
  auto r = read_json_file(file, limits);
  REQUIRE_FALSE(r);
  CHECK_THAT(r.error().message, Contains("file is 102 bytes; at most 64 are allowed"));
}

TEST_CASE("JSON nested deeper than the depth limit is refused", "[limits]") {
  // The default limit (64) applies to every scene, locale and data file.
  std::string deep = std::string(65, '[') + std::string(65, ']');
  auto r = parse_json_text(deep, "deep.json");
  REQUIRE_FALSE(r);
  CHECK_THAT(r.error().message, Contains("JSON too large: nesting deeper than 64 levels"));
  std::string ok = std::string(64, '[') + std::string(64, ']');
  CHECK(parse_json_text(ok, "ok.json"));
}

TEST_CASE("a JSON string or key over the length limit is refused", "[limits]") {
  JsonLimits limits;
  limits.max_string = 8;
  auto value = parse_json_text(R"({"k": "123456789"})", "s.json", limits);
  REQUIRE_FALSE(value);
  CHECK_THAT(value.error().message, Contains("a string longer than 8 bytes"));
  auto key = parse_json_text(R"({"123456789": 1})", "s.json", limits);
  REQUIRE_FALSE(key);
  CHECK_THAT(key.error().message, Contains("a string longer than 8 bytes"));
}

TEST_CASE("a model file over the size limit is refused", "[limits]") {
  scene::ImportLimits limits;
  limits.max_file_bytes = 10;
  auto r = import_with(models_dir() / "cube_cm.obj", limits);
  REQUIRE_FALSE(r);
  CHECK_THAT(r.error().to_string(), Contains("cube_cm.obj") && Contains("bytes; at most 10 are allowed"));
}

TEST_CASE("a model over the triangle limit is refused", "[limits]") {
  scene::ImportLimits limits;
  limits.max_triangles = 1;
  auto r = import_with(models_dir() / "cube_cm.obj", limits);
  REQUIRE_FALSE(r);
  CHECK_THAT(r.error().message, Contains("model has") && Contains("at most 1 are allowed"));
}

TEST_CASE("a model over the node limit is refused", "[limits]") {
  scene::ImportLimits limits;
  limits.max_nodes = 1;
  auto r = import_with(models_dir() / "two_triangles.gltf", limits);
  REQUIRE_FALSE(r);
  CHECK_THAT(r.error().message, Contains("nodes; at most 1 are allowed"));
}

TEST_CASE("a texture over the pixel-size limit is refused", "[limits]") {
  scene::ImportLimits limits;
  limits.max_texture_size = 1;
  scene::WorldBuilder builder;
  auto r = scene::load_texture_file(builder, models_dir() / "checker.png", limits);
  REQUIRE_FALSE(r);
  CHECK_THAT(r.error().message, Contains("pixels; at most 1 in each direction are allowed"));
}

TEST_CASE("a texture file over the byte limit is refused", "[limits]") {
  scene::ImportLimits limits;
  limits.max_texture_bytes = 10;
  scene::WorldBuilder builder;
  auto r = scene::load_texture_file(builder, models_dir() / "checker.png", limits);
  REQUIRE_FALSE(r);
  CHECK_THAT(r.error().message, Contains("bytes; at most 10 are allowed"));
}

TEST_CASE("a step-graph cycle with no way out to an ending is refused", "[limits]") {
  // a -> b -> a forever: a player could never finish, so lint (the loader) refuses it.
  ScratchDir tmp;
  tmp.write("scene.json", R"({"scenario": {
    "id": "loop", "version": "1", "title": "t", "start": "a",
    "supervisor": {"name": "t", "hint": "t",
                   "evidence": [{"dimension": "daring_to_ask", "weight": 1, "reason": "t"}]},
    "steps": [{"id": "a", "choices": [{"id": "go", "text": "t", "next": "b"}]},
              {"id": "b", "choices": [{"id": "back", "text": "t", "next": "a"}]}],
    "endings": [{"id": "end", "title": "t", "debrief": "t"}]}})");
  tmp.write("locale/nl.json", R"({"t": "tekst"})");
  scenario::LoadOptions opt;
  opt.dimensions = {"daring_to_ask"};
  opt.languages = {"nl"};
  auto r = scenario::load_scenario(tmp.path, opt);
  REQUIRE_FALSE(r);
  CHECK(r.error().pointer == "/scenario/steps/0/id");
  CHECK_THAT(r.error().message, Contains("no ending can be reached from step \"a\""));
}

TEST_CASE("a choices file's decision time is limited to an hour", "[limits]") {
  auto r = scenario::parse_choices("knock 3601\n", "c.txt");
  REQUIRE_FALSE(r);
  CHECK_THAT(r.error().to_string(), Contains("c.txt:1") && Contains("from 0 to 3600"));
  auto w = scenario::parse_choices("@wait 1e9\n", "c.txt");
  REQUIRE_FALSE(w);
  CHECK_THAT(w.error().message, Contains("at most 3600"));
}
