// `meeloop lint`: each check caught by its own small bad fixture (tests/data/lint/<check-id>/),
// all problems of a scene reported at once, and the CLI's exit codes and JSON output.
#include <catch2/catch.hpp>

#include "outside_package.h"
#include "scenario/scenario_loader.h"
#include "test_lint_util.h"

using namespace meeloop;
namespace fs = std::filesystem;

namespace {

std::vector<lint::Problem> lint_fixture(const std::string& name) {
  auto report = lint::lint_scene(test::lint_data() / name, test::lint_options());
  if (!report) FAIL(report.error().to_string());
  return report.value().problems;
}

const lint::Problem* find(const std::vector<lint::Problem>& ps, const std::string& check) {
  for (const auto& p : ps)
    if (p.check == check) return &p;
  return nullptr;
}

struct Expect {
  const char* check;
  const char* file;  // relative to the fixture folder
  const char* pointer;
  int line, column;
  lint::Severity severity;
  const char* words;  // part of the message
};

using S = lint::Severity;
const Expect kExpected[] = {
    {"catalog-id", "scene.json", "/models/0/model", 7, 30, S::Error, "sh3d:BlendSwap-CC-BY#table,"},
    {"model-file", "scene.json", "/models/1/model", 8, 31, S::Error, "model file not found"},
    {"model-outside-room", "scene.json", "/models/0/position", 7, 72, S::Warning, "x 3.80 to 5.40"},
    {"interaction-object", "scene.json", "/scenario/steps/0/interactions/0/object", 33, 42, S::Error, "\"tafel\""},
    {"character-model", "scene.json", "/scenario/characters/0/model", 16, 52, S::Error, "is not the id of a model"},
    {"unknown-speaker", "scene.json", "/scenario/steps/0/lines/0/speaker", 26, 31, S::Error, "\"anna\""},
    {"unknown-next", "scene.json", "/scenario/steps/1/choices/0/next", 40, 55, S::Error, "\"end_goed\""},
    {"unknown-dimension", "scene.json", "/scenario/steps/0/choices/0/evidence/0/dimension", 29, 103, S::Error,
     "\"communicatie\""},
    {"choice-no-evidence", "scene.json", "/scenario/steps/0/choices/1", 30, 11, S::Warning, "choice \"wait\""},
    {"unreachable-step", "scene.json", "/scenario/steps/1/id", 37, 15, S::Error, "\"coffee\" can never be reached"},
    {"dead-end", "scene.json", "/scenario/steps/1/id", 37, 15, S::Error, "stuck"},
    {"no-way-out", "scene.json", "/scenario/steps/0/id", 25, 15, S::Error, "greet, coffee"},
    {"unreachable-ending", "scene.json", "/scenario/endings/1/id", 47, 14, S::Warning, "\"end_other\""},
    {"missing-locale-key", "scene.json", "/scenario/steps/1/prompt", 38, 19, S::Error, "\"coffee.vraag\""},
    {"locale-mismatch", "locale/nl.json", "/greet.wait", 12, 17, S::Error, "not in locale/en.json"},
    {"unused-locale-key", "locale/nl.json", "/greet.old", 21, 16, S::Warning, "\"greet.old\""},
    {"text-too-long", "locale/nl.json", "/greet.prompt", 9, 19, S::Warning, "a prompt fits about 120"},
    {"locale-file", "locale/en.json", "", 0, 0, S::Error, "the en texts are missing"},
    {"no-scenario", "scene.json", "", 1, 1, S::Warning, "no \"scenario\""},
    {"schema", "scene.json", "/scenario/versoin", 12, 16, S::Error, "versoin"},
};

}  // namespace

TEST_CASE("the clean lint fixture has no problems", "[lint]") {
  auto ps = lint_fixture("clean");
  INFO(test::describe(ps));
  CHECK(ps.empty());
}

TEST_CASE("each lint check is caught by its own fixture, at the right file, pointer and line:col", "[lint]") {
  for (const Expect& e : kExpected) {
    DYNAMIC_SECTION(e.check) {
      auto ps = lint_fixture(e.check);
      INFO(test::describe(ps));
      const lint::Problem* p = find(ps, e.check);
      REQUIRE(p);
      CHECK(p->file == (test::lint_data() / e.check / e.file).string());
      CHECK(p->pointer == e.pointer);
      CHECK(p->line == e.line);
      CHECK(p->column == e.column);
      CHECK(p->severity == e.severity);
      CHECK_THAT(p->message, Catch::Contains(e.words));
    }
  }
}

TEST_CASE("lint reports every problem of a scene at once", "[lint]") {
  auto ps = lint_fixture("several");
  INFO(test::describe(ps));
  for (const char* check : {"catalog-id", "interaction-object", "unknown-dimension", "missing-locale-key",
                            "unused-locale-key"})
    CHECK(find(ps, check));
  // Sorted by file and position, so a trainer can work through them top to bottom.
  for (size_t i = 1; i < ps.size(); ++i)
    if (ps[i].file == ps[i - 1].file) CHECK(ps[i - 1].line <= ps[i].line);
}

TEST_CASE("lint refuses unusable input: no scene.json, or invalid JSON", "[lint]") {
  auto none = lint::lint_scene(test::lint_data() / "unusable/no-scene-json", test::lint_options());
  REQUIRE_FALSE(none);
  CHECK_THAT(none.error().message, Catch::Contains("file not found"));
  auto bad = lint::lint_scene(test::lint_data() / "unusable/invalid-json", test::lint_options());
  REQUIRE_FALSE(bad);
  CHECK(bad.error().kind == ErrorKind::BadInput);
  CHECK_FALSE(bad.error().location.empty());
}

TEST_CASE("meeloop lint prints one line per problem and exits 0, 1 or 2", "[lint]") {
  auto clean = test::run_meeloop("lint " + (test::lint_data() / "clean").string());
  CHECK(clean.code == 0);
  CHECK_THAT(clean.out, Catch::Contains("no problems found"));

  auto several = test::run_meeloop("lint " + (test::lint_data() / "several").string());
  CHECK(several.code == 1);
  auto expected = lint_fixture("several");
  for (const auto& p : expected) CHECK_THAT(several.out, Catch::Contains(lint::format_problem(p)));
  CHECK_THAT(several.out, Catch::Contains("error(s)"));
  CHECK_THAT(several.out, Catch::Contains(":" + std::to_string(expected.front().line) + ":"));

  auto unusable = test::run_meeloop("lint " + (test::lint_data() / "unusable/invalid-json").string() + " 2>/dev/null");
  CHECK(unusable.code == 2);
  auto missing = test::run_meeloop("lint " + (test::lint_data() / "unusable/no-scene-json").string() + " 2>/dev/null");
  CHECK(missing.code == 2);
}

TEST_CASE("meeloop lint --format json prints an array editors can parse", "[lint]") {
  auto run = test::run_meeloop("lint --format json " + (test::lint_data() / "several").string() + " 2>/dev/null");
  CHECK(run.code == 1);
  Json arr = Json::parse(run.out);  // throws (and fails the test) when it is not JSON
  auto expected = lint_fixture("several");
  REQUIRE(arr.is_array());
  REQUIRE(arr.size() == expected.size());
  for (size_t i = 0; i < arr.size(); ++i) {
    const Json& j = arr[i];
    for (const char* key : {"file", "line", "column", "pointer", "severity", "check", "message"})
      CHECK(j.contains(key));
    CHECK(j["check"] == expected[i].check);
    CHECK(j["pointer"] == expected[i].pointer);
    CHECK(j["line"] == expected[i].line);
    CHECK(j["column"] == expected[i].column);
  }
  auto clean = test::run_meeloop("lint --format json " + (test::lint_data() / "clean").string() + " 2>/dev/null");
  CHECK(clean.code == 0);
  CHECK(Json::parse(clean.out) == Json::array());
}

// Issue 16, item 1: every file a scene names, directly or inside a model, must lie inside the
// scene folder; lint reports each one that does not at its file:line:col (outside_package.h).
TEST_CASE("lint reports every file a scene names outside its folder at file, line:col and pointer", "[lint]") {
  using test::Outside;
  const fs::path models = test::lint_data().parent_path() / "models";
  for (Outside c : {Outside::ModelPath, Outside::Symlink, Outside::Mtllib, Outside::GltfBuffer,
                    Outside::MtlAbsoluteTexture, Outside::FloorTexture}) {
    DYNAMIC_SECTION(test::outside_name(c)) {
      test::OutsidePackage p(c, models);
      auto report = lint::lint_scene(p.pkg, test::lint_options());
      REQUIRE(report);
      const auto& ps = report.value().problems;
      INFO(test::describe(ps));
      const lint::Problem* found = find(ps, "outside-package");
      REQUIRE(found);
      CHECK(found->severity == lint::Severity::Error);
      CHECK(found->file == (p.pkg / p.expect.file).string());
      CHECK(found->line == p.expect.line);
      CHECK(found->column == p.expect.column);
      CHECK(found->pointer == p.expect.pointer);
      CHECK_THAT(found->message, Catch::Contains(p.expect.words));
      for (const auto& problem : ps) CHECK_THAT(problem.message, !Catch::Contains("topsecret"));
      CHECK(find(ps, "model-import") == nullptr);  // said once, where it is, not again at scene.json
    }
  }
}

TEST_CASE("meeloop lint prints the line:col inside the model of an mtllib outside the scene folder", "[lint]") {
  test::OutsidePackage p(test::Outside::Mtllib, test::lint_data().parent_path() / "models");
  auto run = test::run_meeloop("lint \"" + p.pkg.string() + "\" 2>&1");
  INFO(run.out);
  CHECK(run.code == 1);
  CHECK_THAT(run.out, Catch::Contains((p.pkg / "models/cube_cm.obj").string() + ":2:8: error:") &&
                          Catch::Contains("[outside-package]"));
  CHECK_THAT(run.out, !Catch::Contains("topsecret"));
}

TEST_CASE("a locale file that is a link out of its package is refused by play and lint, quoting nothing", "[lint]") {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / ("meeloop-locale-link-" + std::to_string(std::random_device{}()));
  const fs::path pkg = root / "clean";  // the folder's name is the scene's id
  fs::create_directories(root);
  fs::copy(test::lint_data() / "clean", pkg, fs::copy_options::recursive);
  std::ofstream(root / "secret.json") << "{\"" << test::kSecret << "\": ";  // broken: a parser would quote it
  fs::remove(pkg / "locale" / "nl.json");
  fs::create_symlink(root / "secret.json", pkg / "locale" / "nl.json");

  auto report = lint::lint_scene(pkg, test::lint_options());
  REQUIRE(report);
  INFO(test::describe(report.value().problems));
  const lint::Problem* found = find(report.value().problems, "outside-package");
  REQUIRE(found);
  CHECK(found->file == (pkg / "locale" / "nl.json").string());
  CHECK_THAT(found->message, Catch::Contains("symbolic link"));
  for (const auto& p : report.value().problems) CHECK_THAT(p.message, !Catch::Contains("topsecret"));

  scenario::LoadOptions lo;
  lo.dimensions = test::lint_options().dimensions;
  auto sc = scenario::load_scenario(pkg, lo);
  REQUIRE_FALSE(sc);
  CHECK(sc.error().kind == ErrorKind::BadInput);
  CHECK(sc.error().file == (pkg / "locale" / "nl.json").string());
  CHECK_THAT(sc.error().to_string(), !Catch::Contains("topsecret"));
  fs::remove_all(root);
}
