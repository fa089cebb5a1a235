// engine/scene: scene.json errors (file, line:col, JSON pointer), catalog resolution, models
// naming a material that is not there, `meeloop render` refusing a broken scene (exit 2), and
// packages naming files outside themselves.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>

#include "outside_package.h"
#include "run_meeloop.h"
#include "scene/catalog.h"
#include "scene/contained_io.h"
#include "scene/importer.h"
#include "scene/scene_loader.h"
#include "temp_dir.h"
#include "test_scene_util.h"

using namespace meeloop;
using namespace meeloop::scene;
using Catch::Matchers::Contains;

namespace {

struct BadScene {
  const char* folder;
  const char* pointer;   // expected JSON pointer ("" = none)
  const char* location;  // expected "line:col" prefix ("" = none)
  const char* message;   // expected part of the message
};

// Each folder under tests/data/bad_scenes holds one mistake a trainer could make.
const BadScene kBadScenes[] = {
    {"missing_scene_json", "", "", "file not found (expected a JSON file here)"},
    {"invalid_json", "", "4:33", "invalid JSON"},
    {"wrong_type", "/models/0/position", "15:19", "expected an array of 3 numbers, found a string"},
    {"unknown_field", "/models/0/postion", "15:18",
     "unknown field \"postion\" (expected one of: id, model, position, rotation_y, scale, size, unit, on, title)"},
    {"unknown_catalog_id", "/models/0/model", "14:16",
     "unknown catalog id \"sh3d:Reallusion#sitFemale09\"; did you mean sh3d:Reallusion#sitFemale01"},
    {"missing_model_file", "/models/0/model", "14:16", "model file not found"},
    {"bad_vector_length", "/models/0/position", "15:19", "expected an array of 3 numbers, found an array of 2"},
    {"duplicate_viewpoint", "/viewpoints/1/id", "", "duplicate viewpoint id \"entrance\""},
    {"door_wider_than_wall", "/room/openings/0", "", "opening is 5.00 m wide but the wall is only 4.00 m long"},
    {"wrong_format", "/format", "2:13", "unsupported format \"meeloop.scene/9\" (expected \"meeloop.scene/0\")"},
    {"duplicate_model_id", "/models/1/id", "", "duplicate model id \"chair\""},
    {"bad_color", "/room/walls/color", "", "expected a colour like \"#a0b0c0\""},
    {"on_unknown_model", "/models/0/on", "", "\"on\" must name a model listed earlier, found \"table\""},
    {"window_above_ceiling", "/room/openings/0", "", "opening reaches 3.00 m but the ceiling is at 2.60 m"},
};

bool have_catalogs() {
  static Log log(LogLevel::Off);
  static bool have = !Catalog::open(test_paths().furniture_dirs, log).entries().empty();
  return have;
}

}  // namespace

TEST_CASE("bad scene packages give file, line:col, pointer and what was expected", "[scene]") {
  for (const BadScene& bad : kBadScenes) {
    DYNAMIC_SECTION(bad.folder) {
      Log log(LogLevel::Off);
      auto r = load_scene_package(test_data() / "bad_scenes" / bad.folder, test_paths(), log);
      REQUIRE_FALSE(r.ok());
      const Error& e = r.error();
      INFO(e.to_string());
      CHECK(e.kind == ErrorKind::BadInput);
      CHECK(e.exit_code() == 2);
      CHECK_THAT(e.file, Contains(std::string(bad.folder) + "/scene.json"));
      CHECK(e.pointer == bad.pointer);
      if (*bad.location) CHECK(e.location == bad.location);
      if (*bad.pointer) CHECK_FALSE(e.location.empty());
      CHECK_THAT(e.message, Contains(bad.message));
    }
  }
}

TEST_CASE("a folder that is not there is reported as such", "[scene]") {
  Log log(LogLevel::Off);
  auto r = load_scene_package(test_data() / "bad_scenes/no_such_folder", test_paths(), log);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error().message, Contains("scene package folder not found"));
}

TEST_CASE("catalog ids resolve to pieces with the catalog's size in metres", "[scene]") {
  REQUIRE(have_catalogs());  // tools/install-deps.sh installs sweethome3d-furniture
  Log log(LogLevel::Off);
  Catalog catalog = Catalog::open(test_paths().furniture_dirs, log);
  const CatalogEntry* e = catalog.find("sh3d:Reallusion#sitFemale01");
  REQUIRE(e);
  CHECK(e->name == "Sitting female");
  CHECK(e->category == "Characters");
  CHECK(e->size.x == Approx(0.562f));  // width#15=56.2 (cm)
  CHECK(e->size.y == Approx(0.758f));
  CHECK(e->size.z == Approx(0.817f));
  CHECK(short_license(e->license) == "CC-BY-3.0");
  // The catalog's own spelling (with spaces) names the same piece as ours.
  CHECK(catalog.find("sh3d:Blend Swap CC-0#oakTable") == catalog.find("sh3d:BlendSwap-CC-0#oakTable"));
  CHECK(short_license(catalog.find("sh3d:BlendSwap-CC-0#oakTable")->license) == "CC0");
  CHECK_FALSE(catalog.search({"sitting", "female"}).empty());
  auto near = catalog.near_matches("sh3d:Reallusion#sitFemale09");
  REQUIRE_FALSE(near.empty());
  CHECK(near[0]->id.find("sitFemale0") != std::string::npos);
}

// Issue 17, item 4: the scene library reads no environment; the folders it is handed are the
// only ones it writes to (ctest's MEELOOP_CACHE_DIR names another folder, so a call that still
// read the environment would leave these empty).
TEST_CASE("the mesh cache and the extracted catalog pieces land in the cache folder passed in", "[scene]") {
  REQUIRE(have_catalogs());
  namespace fs = std::filesystem;
  TempPackage pkg;
  pkg.copy_model("cube_cm");
  pkg.write_scene(
      "\"room\": {\"size\": [4, 2.6, 4]}, \"models\": ["
      "{\"id\": \"cube\", \"model\": \"models/cube_cm.obj\", \"unit\": \"cm\", \"position\": [1, 0, 1]},"
      "{\"id\": \"table\", \"model\": \"sh3d:BlendSwap-CC-0#oakTable\", \"position\": [2, 0, 2]}]");
  meeloop::test::TempDir folder("meeloop-scene-cache");
  Paths paths = test_paths();
  paths.cache_dir = folder.path / "cache";
  Log log(LogLevel::Off);
  auto w = load_scene_package(pkg.dir, paths, log);
  INFO((w ? std::string() : w.error().to_string()));
  REQUIRE(w);

  std::vector<fs::path> meshes;
  for (const auto& e : fs::directory_iterator(paths.cache_dir / "meshes")) meshes.push_back(e.path());
  CHECK(meshes.size() == 2);  // the package's cube and the catalog's table
  for (const fs::path& m : meshes) CHECK(m.extension() == ".bin");

  Catalog catalog = Catalog::open(paths.furniture_dirs, log);
  const CatalogEntry* table = catalog.find("sh3d:BlendSwap-CC-0#oakTable");
  REQUIRE(table);
  const fs::path root = Catalog::extraction_root(*table, paths.cache_dir);
  CHECK(root.parent_path() == paths.cache_dir / "sh3d");
  CHECK(fs::is_regular_file(root / table->model));
  CHECK(std::distance(fs::directory_iterator(paths.cache_dir / "sh3d"), fs::directory_iterator()) == 1);

  // Without a cache folder a catalog piece has nowhere to be extracted: an error, not the
  // working folder.
  paths.cache_dir.clear();
  auto none = load_scene_package(pkg.dir, paths, log);
  REQUIRE_FALSE(none);
  CHECK_THAT(none.error().to_string(), Contains("/models/1/model") && Contains("no cache folder"));
}

TEST_CASE("a catalog piece is scaled to exactly its catalog size, standing on the floor", "[scene]") {
  REQUIRE(have_catalogs());
  TempPackage pkg;
  pkg.write_scene(
      "\"room\": {\"size\": [5, 2.6, 5]}, \"models\": ["
      "{\"id\": \"table\", \"model\": \"sh3d:BlendSwap-CC-0#oakTable\", \"position\": [2, 0, 2]},"
      "{\"id\": \"chair\", \"model\": \"sh3d:BlendSwap-CC-0#oakChair\", \"position\": [2, 0, 1.3], \"size\": [0.5, 1.0, 0.5]},"
      "{\"id\": \"cup\", \"model\": \"sh3d:BlendSwap-CC-0#caffe_final\", \"position\": [2, 0, 2], \"on\": \"table\"}]");
  Log log(LogLevel::Off);
  auto w = load_scene_package(pkg.dir, test_paths(), log);
  REQUIRE(w.ok());
  auto mesh_of = [&](const std::string& id) -> const Mesh& {
    for (const Instance& i : w->instances)
      if (i.id == id) return w->meshes.at(size_t(i.mesh));
    FAIL("no instance " << id);
    return w->meshes.front();
  };
  const Mesh& table = mesh_of("table");
  glm::vec3 extent = table.bounds_max - table.bounds_min;
  CHECK(extent.x == Approx(1.24f).epsilon(1e-3));  // width#=124, height#=74.1, depth#=124
  CHECK(extent.y == Approx(0.741f).epsilon(1e-3));
  CHECK(extent.z == Approx(1.24f).epsilon(1e-3));
  CHECK(table.bounds_min.y == Approx(0.0f).margin(1e-5));                    // elevation = bottom
  CHECK(table.bounds_min.x + table.bounds_max.x == Approx(0.0f).margin(1e-4));  // centred footprint
  const Mesh& chair = mesh_of("chair");
  CHECK(chair.bounds_max.y - chair.bounds_min.y == Approx(1.0f).epsilon(1e-3));
  for (const Instance& i : w->instances)
    if (i.id == "cup") CHECK(i.transform[3].y == Approx(0.741f).epsilon(1e-3));  // on the table top
}

TEST_CASE("meeloop render refuses a broken scene with exit code 2, file and pointer", "[scene]") {
  std::string cmd = "\"" + meeloop_bin() + "\" render \"" +
                    (test_data() / "bad_scenes/wrong_type").string() + "\" --out /tmp/meeloop-bad-scene.png 2>&1";
  std::string output;
  const int code = meeloop::test::run_captured(cmd, output);
  INFO(output);
  REQUIRE(code >= 0);  // it exited
  CHECK(code == 2);
  CHECK_THAT(output, Contains("wrong_type/scene.json:15:19") && Contains("/models/0/position"));
}

namespace {

// Copies a test model into a fresh folder with one text replacement; returns the new path.
struct ModelCopy {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("meeloop-material-" + std::to_string(std::random_device{}()));
  ModelCopy() { std::filesystem::create_directories(dir); }
  ~ModelCopy() { std::filesystem::remove_all(dir); }
  std::filesystem::path copy(const std::string& name, const std::string& from, const std::string& to) {
    std::ifstream in(test_data() / "models" / name, std::ios::binary);
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    std::ofstream(dir / name, std::ios::binary) << text;
    return dir / name;
  }
};

// Without a cache_dir in its options the importer has no mesh cache to answer from.
Result<int> import_fresh(const std::filesystem::path& file, Log& log) {
  WorldBuilder builder;
  return import_model(builder, file, file.string(), ImportOptions{}, log);
}

}  // namespace

TEST_CASE("a glTF primitive naming a material past the list is a clear error, not a crash", "[scene]") {
  ModelCopy m;
  auto file = m.copy("two_triangles.gltf", "\"material\": 0", "\"material\": 7");
  Log log(LogLevel::Off);
  auto r = import_fresh(file, log);
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::BadInput);
  CHECK_THAT(r.error().to_string(), Contains("two_triangles.gltf") && Contains("7") && Contains("materials"));
}

TEST_CASE("an OBJ using a material its MTL does not define still imports, with a default material",
          "[scene]") {
  ModelCopy m;
  m.copy("cube_cm.mtl", "newmtl paint", "newmtl paint");
  auto file = m.copy("cube_cm.obj", "usemtl paint", "usemtl nosuchpaint");
  Log log(LogLevel::Off);
  auto r = import_fresh(file, log);
  REQUIRE(r);
  CHECK(r.value() >= 0);
}

TEST_CASE("an MTL statement before the first newmtl is refused with file and line, a harmless one is not",
          "[scene]") {
  Log log(LogLevel::Off);
  {
    ModelCopy m;
    // Assimp 5.2.5 crashes on such a line (tests/fuzz/regressions/fuzz_obj/segv-anisotropy-*).
    m.copy("cube_cm.mtl", "newmtl wood", "a0 x.png\nnewmtl wood");
    auto r = import_fresh(m.copy("cube_cm.obj", "usemtl paint", "usemtl paint"), log);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::BadInput);
    CHECK_THAT(r.error().to_string(), Contains("cube_cm.mtl") && Contains("\"a0\"") && Contains("newmtl"));
  }
  {
    ModelCopy m;
    m.copy("cube_cm.mtl", "newmtl wood", "# exported\nNs 20\nnewmtl wood");  // as in a catalog model
    auto r = import_fresh(m.copy("cube_cm.obj", "usemtl paint", "usemtl paint"), log);
    CHECK(r);
  }
}

TEST_CASE("a glTF image whose mimeType has no '/' is refused with a clear message, not a crash", "[scene]") {
  // Assimp 5.2.5 crashes on it (tests/fuzz/regressions/fuzz_gltf/segv-mime-type-without-slash.glb).
  ModelCopy m;
  auto file = m.copy("two_triangles.gltf", "\"asset\"", "\"images\": [{\"mimeType\": \"image+png\", \"bufferView\": 0}], \"asset\"");
  Log log(LogLevel::Off);
  auto r = import_fresh(file, log);
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::BadInput);
  CHECK_THAT(r.error().to_string(), Contains("two_triangles.gltf") && Contains("\"image+png\"") && Contains("image/png"));
}

// Issue 16, item 1: a scene package may only use its own files. Each case (outside_package.h)
// is refused as BadInput naming scene.json and the model's pointer (and, for a name inside a
// model, the OBJ/MTL/glTF with its line:col), and no message ever quotes a file outside.
TEST_CASE("a scene package that names a file outside itself is refused as bad input, quoting nothing outside",
          "[scene]") {
  using test::Outside;
  for (Outside c : {Outside::ModelPath, Outside::Symlink, Outside::Mtllib, Outside::GltfBuffer,
                    Outside::MtlAbsoluteTexture, Outside::FloorTexture}) {
    DYNAMIC_SECTION(test::outside_name(c)) {
      test::OutsidePackage p(c, test_data() / "models");
      Log log(LogLevel::Off);
      auto w = load_scene_package(p.pkg, test_paths(), log);
      REQUIRE_FALSE(w);
      const Error& e = w.error();
      INFO(e.to_string());
      CHECK(e.kind == ErrorKind::BadInput);
      CHECK(e.file == (p.pkg / "scene.json").string());
      CHECK(e.pointer == (c == Outside::FloorTexture ? "/room/floor/texture" : "/models/0/model"));
      CHECK_FALSE(e.location.empty());
      CHECK_THAT(e.message, Contains(p.expect.words));
      if (p.expect.file != "scene.json") {
        std::string where = p.expect.file;
        if (p.expect.line > 0) where += ":" + std::to_string(p.expect.line) + ":" + std::to_string(p.expect.column);
        CHECK_THAT(e.message, Contains(where));
      }
      CHECK_THAT(e.to_string(), !Contains("topsecret"));
    }
  }
}

TEST_CASE("the importer refuses a model whose MTL or glTF reaches outside, before Assimp opens anything",
          "[scene]") {
  Log log(LogLevel::Off);
  {
    test::OutsidePackage p(test::Outside::Mtllib, test_data() / "models");
    ImportOptions o;
    o.roots = AllowedRoots({p.pkg}, "the scene folder");
    WorldBuilder b;
    auto r = import_model(b, p.pkg / "models/cube_cm.obj", "k", o, log);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::BadInput);
    CHECK(r.error().location == "2:8");
    CHECK_THAT(r.error().to_string(), !Contains("topsecret"));
  }
  {
    // The default roots are the model's own folder.
    test::OutsidePackage p(test::Outside::MtlAbsoluteTexture, test_data() / "models");
    WorldBuilder b;
    auto r = import_model(b, p.pkg / "models/cube_cm.obj", "k", ImportOptions{}, log);
    REQUIRE_FALSE(r);
    CHECK(r.error().location == "7:8");
    CHECK_THAT(r.error().file, Contains("cube_cm.mtl"));
    CHECK(b.world().images.empty());
  }
}

TEST_CASE("Assimp's file access refuses any file outside the allowed roots, and any write", "[scene]") {
  test::OutsidePackage p(test::Outside::ModelPath, test_data() / "models");
  std::filesystem::create_symlink(p.root / "secret.txt", p.pkg / "models" / "link.mtl");
  ContainedIOSystem io(AllowedRoots({p.pkg}, "the scene folder"));
  CHECK(io.Exists((p.pkg / "scene.json").c_str()));
  Assimp::IOStream* inside = io.Open((p.pkg / "scene.json").c_str(), "rb");
  CHECK(inside);
  if (inside) io.Close(inside);
  CHECK_FALSE(io.refused());
  CHECK_FALSE(io.Exists((p.root / "secret.txt").c_str()));
  CHECK(io.refused() == (p.root / "secret.txt").string());
  ContainedIOSystem io2(AllowedRoots({p.pkg}, "the scene folder"));
  CHECK_FALSE(io2.Open((p.pkg / "models/../../secret.txt").c_str(), "rb"));
  CHECK_FALSE(io2.Open((p.pkg / "models/link.mtl").c_str(), "rb"));
  CHECK_FALSE(io2.Open((p.pkg / "models/new.obj").c_str(), "wb"));
  CHECK(io2.refused());
}

TEST_CASE("meeloop render refuses a package reaching outside itself with exit code 2 and quotes nothing outside",
          "[scene]") {
  for (test::Outside c : {test::Outside::ModelPath, test::Outside::Mtllib}) {
    DYNAMIC_SECTION(test::outside_name(c)) {
      test::OutsidePackage p(c, test_data() / "models");
      std::string cmd = "\"" + meeloop_bin() + "\" render \"" + p.pkg.string() + "\" --out \"" +
                        (p.root / "out.png").string() + "\" 2>&1";
      std::string output;
      const int code = meeloop::test::run_captured(cmd, output);
      INFO(output);
      CHECK(code == 2);
      CHECK_THAT(output, Contains("scene.json:3:") && Contains("/models/0/model") && Contains("outside"));
      CHECK_THAT(output, !Contains("topsecret"));
      CHECK_FALSE(std::filesystem::exists(p.root / "out.png"));
    }
  }
}

TEST_CASE("files inside the package are still found through relative paths and links that stay inside", "[scene]") {
  test::OutsidePackage p(test::Outside::ModelPath, test_data() / "models");
  namespace fs = std::filesystem;
  fs::create_directories(p.pkg / "shared");
  for (const char* f : {"cube_cm.obj", "cube_cm.mtl", "checker.png"}) fs::copy_file(p.root / "other" / f, p.pkg / "shared" / f);
  fs::create_directory_symlink(p.pkg / "shared", p.pkg / "models" / "linked");
  std::ofstream(p.pkg / "scene.json")
      << "{\"format\": \"meeloop.scene/0\", \"id\": \"pkg\", \"room\": {\"size\": [4, 2.6, 4], "
         "\"floor\": {\"texture\": \"models/../shared/checker.png\"}}, \"models\": ["
         "{\"id\": \"a\", \"model\": \"models/../shared/cube_cm.obj\", \"position\": [1, 0, 1]},"
         "{\"id\": \"b\", \"model\": \"models/linked/cube_cm.obj\", \"position\": [2, 0, 2], \"unit\": \"mm\"}]}";
  Log log(LogLevel::Off);
  auto w = load_scene_package(p.pkg, test_paths(), log);
  INFO((w ? std::string() : w.error().to_string()));
  REQUIRE(w);
  int placed = 0;
  for (const Instance& i : w->instances) placed += i.id == "a" || i.id == "b";
  CHECK(placed == 2);
}

TEST_CASE("a scene.json that is a link out of its folder is refused without quoting its target", "[scene]") {
  test::OutsidePackage p(test::Outside::ModelPath, test_data() / "models");
  std::filesystem::remove(p.pkg / "scene.json");
  std::filesystem::create_symlink(p.root / "secret.txt", p.pkg / "scene.json");
  Log log(LogLevel::Off);
  auto w = load_scene_package(p.pkg, test_paths(), log);
  REQUIRE_FALSE(w);
  CHECK(w.error().kind == ErrorKind::BadInput);
  CHECK_THAT(w.error().to_string(), Contains("scene.json") && Contains("symbolic link") && !Contains("topsecret"));
}
