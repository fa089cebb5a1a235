// engine/scene: transforms, model import, Sweet Home 3D catalogs, room shell, de-duplication.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "outside_package.h"
#include "scene/catalog.h"
#include "scene/importer.h"
#include "scene/properties.h"
#include "scene/room_shell.h"
#include "scene/scene_loader.h"
#include "temp_dir.h"
#include "test_scene_util.h"

using namespace meeloop;
using namespace meeloop::scene;
using Catch::Matchers::Contains;

TEST_CASE("import transform converts units, rotates, then fits the box", "[scene]") {
  Mesh m;
  m.vertices = {{{0, 0, 0}, {0, 0, 1}, {}}, {{200, 100, 50}, {0, 0, 1}, {}}};
  ImportOptions cm;
  cm.unit_scale = 0.01f;
  Mesh a = m;
  apply_import_transform(a, cm);
  CHECK(a.bounds_max.x == Approx(2.0f));
  CHECK(a.bounds_max.y == Approx(1.0f));
  CHECK(a.bounds_max.z == Approx(0.5f));

  // Sweet Home 3D: rotate (here z-up to y-up), then scale the box to the catalog size with the
  // origin at the centre of the footprint, at the bottom.
  ImportOptions sh3d;
  sh3d.rotation = glm::transpose(glm::mat3(1, 0, 0, 0, 0, 1, 0, -1, 0));  // rows as in the catalog
  sh3d.fit_size = glm::vec3(0.5f, 1.0f, 0.25f);
  Mesh b = m;
  apply_import_transform(b, sh3d);
  CHECK(b.bounds_min.x == Approx(-0.25f));
  CHECK(b.bounds_max.x == Approx(0.25f));
  CHECK(b.bounds_min.y == Approx(0.0f).margin(1e-6));
  CHECK(b.bounds_max.y == Approx(1.0f));
  CHECK(b.bounds_max.z - b.bounds_min.z == Approx(0.25f));
  CHECK(b.bounds_min.z == Approx(-0.125f));
  // The normal (0,0,1) of a z-up model points up (+y) after the rotation.
  CHECK(b.vertices[0].normal.y == Approx(1.0f));
}

TEST_CASE("OBJ+MTL import: centimetres to metres, counts, Blinn-Phong conversion", "[scene]") {
  Log log(LogLevel::Off);
  WorldBuilder b;
  ImportOptions o;
  o.unit_scale = 0.01f;
  auto mesh = import_model(b, test_data() / "models/cube_cm.obj", "cube", o, log);
  REQUIRE(mesh.ok());
  const World& w = b.world();
  const Mesh& m = w.meshes.at(size_t(*mesh));
  CHECK(m.bounds_min.x == Approx(0.0f).margin(1e-6));
  CHECK(m.bounds_max.x == Approx(1.0f));
  CHECK(m.bounds_max.y == Approx(1.0f));
  CHECK(m.vertices.size() == 24);  // 6 faces x 4 corners, shared corners differ in normal
  CHECK(m.indices.size() == 36);
  REQUIRE(m.primitives.size() == 2);
  CHECK(w.materials.size() == 2);
  REQUIRE(w.images.size() == 1);
  CHECK(w.images[0].width == 4);
  CHECK(w.images[0].rgba.size() == 4 * 4 * 4);
  const Material* wood = nullptr;
  const Material* paint = nullptr;
  for (const Material& mat : w.materials) (mat.name == "wood" ? wood : paint) = &mat;
  REQUIRE(wood);
  REQUIRE(paint);
  CHECK(wood->base_color_texture == 0);
  CHECK(wood->base_color.r == Approx(1.0f));  // the texture replaces Kd
  CHECK(wood->roughness == Approx(1.0f));     // no specular: fully rough
  CHECK(paint->base_color_texture == -1);
  CHECK(paint->base_color.a == Approx(0.5f));                   // d
  CHECK(paint->base_color.r == Approx(0.214f).margin(0.002));   // Kd 0.5 sRGB, linearised
  CHECK(paint->roughness == Approx(std::sqrt(2.0f / 100.0f)).margin(0.01));  // Ns 98, Ks 0.5
  CHECK(paint->metallic == 0.0f);
}

TEST_CASE("glTF import flattens the node hierarchy with transforms baked", "[scene]") {
  Log log(LogLevel::Off);
  WorldBuilder b;
  auto mesh = import_model(b, test_data() / "models/two_triangles.gltf", "tri", {}, log);
  REQUIRE(mesh.ok());
  const World& w = b.world();
  const Mesh& m = w.meshes.at(size_t(*mesh));
  CHECK(m.indices.size() == 6);  // the parent's and the child's copy of one triangle
  CHECK(m.bounds_max.x == Approx(2.0f));
  CHECK(m.bounds_max.y == Approx(4.0f));  // child: scale 2 x (y + 1 m)
  REQUIRE(w.materials.size() == 1);
  CHECK(w.materials[0].base_color.r == Approx(1.0f));
  CHECK(w.materials[0].base_color.g == Approx(0.0f));
  CHECK(w.materials[0].metallic == Approx(0.25f));
  CHECK(w.materials[0].roughness == Approx(0.5f));
  CHECK(w.materials[0].double_sided);
}

TEST_CASE("importer limits give clear errors", "[scene]") {
  Log log(LogLevel::Off);
  WorldBuilder b;
  ImportOptions o;
  o.limits.max_triangles = 5;
  auto many = import_model(b, test_data() / "models/cube_cm.obj", "a", o, log);
  REQUIRE_FALSE(many.ok());
  CHECK_THAT(many.error().to_string(), Contains("cube_cm.obj") && Contains("at most 5 are allowed"));
  ImportOptions big;
  big.limits.max_file_bytes = 100;
  auto large = import_model(b, test_data() / "models/cube_cm.obj", "b", big, log);
  REQUIRE_FALSE(large.ok());
  CHECK_THAT(large.error().message, Contains("bytes; at most 100"));
  ImportLimits tex;
  tex.max_texture_size = 2;
  auto image = load_texture_file(b, test_data() / "models/checker.png", tex);
  REQUIRE_FALSE(image.ok());
  CHECK_THAT(image.error().message, Contains("4x4 pixels; at most 2"));
  auto format = import_model(b, test_data() / "models/checker.png", "c", {}, log);
  REQUIRE_FALSE(format.ok());
  CHECK_THAT(format.error().message, Contains("unsupported model format"));
}

TEST_CASE("Java properties: escapes, Latin-1 and continuation lines", "[scene]") {
  std::string text = "# comment\nid#1=Cat#a\nname#1=Caf\xe9 \\u20ac\\\n   10\nwidth#1 : 46.6\n! other\n";
  auto p = parse_properties(text);
  CHECK(p["id#1"] == "Cat#a");
  CHECK(p["name#1"] == "Caf\xc3\xa9 \xe2\x82\xac" "10");
  CHECK(p["width#1"] == "46.6");
  CHECK(p.size() == 3);
}

TEST_CASE("room shell: openings are checked and built", "[scene]") {
  RoomShell room;
  room.size = {4, 2.6f, 5};
  room.openings.push_back({Opening::Kind::Door, Wall::South, 2.0f, 5.0f, 2.1f, 0, false});
  auto why = check_opening(room, 0);
  REQUIRE(why);
  CHECK_THAT(*why, Contains("5.00 m wide but the wall is only 4.00 m long"));
  room.openings[0] = {Opening::Kind::Window, Wall::West, 2.5f, 1.2f, 1.2f, 0.9f, false};
  CHECK_FALSE(check_opening(room, 0));
  Log log(LogLevel::Off);
  WorldBuilder b;
  REQUIRE(build_room_shell(b, room, log).ok());
  const World& w = b.world();
  REQUIRE(w.instances.size() == 2);  // the shell and the window glass
  CHECK(w.instances[0].id == "room");
  CHECK(w.instances[1].id == "room_glass");
  const Mesh& glass = w.meshes.at(size_t(w.instances[1].mesh));
  CHECK(glass.bounds_min.y == Approx(0.9f));
  CHECK(glass.bounds_max.y == Approx(2.1f));
  CHECK(glass.bounds_max.z - glass.bounds_min.z == Approx(1.2f));
  bool transparent = false;
  for (const Material& m : w.materials) transparent = transparent || m.base_color.a < 0.5f;
  CHECK(transparent);
  CHECK_FALSE(w.images.empty());  // procedural floor, wall and ceiling patterns
}

TEST_CASE("a model placed ten times is stored once", "[scene]") {
  TempPackage pkg;
  pkg.copy_model("cube_cm");
  std::string models;
  for (int i = 0; i < 10; ++i)
    models += std::string(i ? "," : "") + "{\"id\": \"cube" + std::to_string(i) +
              "\", \"model\": \"models/cube_cm.obj\", \"unit\": \"cm\", \"position\": [" +
              std::to_string(0.2 * i) + ", 0, 1], \"rotation_y\": " + std::to_string(9 * i) + "}";
  pkg.write_scene("\"room\": {\"size\": [4, 2.6, 4]}, \"models\": [" + models + "]");
  Log log(LogLevel::Off);
  auto w = load_scene_package(pkg.dir, test_paths(), log);
  REQUIRE(w.ok());
  int cubes = 0, cube_mesh = -1;
  for (const Instance& inst : w->instances) {
    if (inst.id.rfind("cube", 0) != 0) continue;
    ++cubes;
    if (cube_mesh < 0) cube_mesh = inst.mesh;
    CHECK(inst.mesh == cube_mesh);
  }
  CHECK(cubes == 10);
  CHECK(w->meshes.size() == 2);  // the room shell and the cube
  CHECK(w->instances[3].transform[3].x == Approx(0.4f));
}

TEST_CASE("a cached import gives the same mesh, materials and textures", "[scene]") {
  Log log(LogLevel::Off);
  test::TempDir cache("meeloop-mesh-cache");
  ImportOptions o;
  o.unit_scale = 0.01f;
  o.cache_dir = cache.path;
  WorldBuilder first, second;
  // The first import writes the cache entry into the empty folder; the second one reads it.
  REQUIRE(import_model(first, test_data() / "models/cube_cm.obj", "cube", o, log).ok());
  REQUIRE(std::distance(std::filesystem::directory_iterator(cache.path / "meshes"),
                        std::filesystem::directory_iterator()) == 1);
  REQUIRE(import_model(second, test_data() / "models/cube_cm.obj", "cube", o, log).ok());
  const World& a = first.world();
  const World& b = second.world();
  REQUIRE(a.meshes.size() == b.meshes.size());
  CHECK(a.meshes[0].indices == b.meshes[0].indices);
  CHECK(a.meshes[0].vertices.size() == b.meshes[0].vertices.size());
  CHECK(a.meshes[0].bounds_max == b.meshes[0].bounds_max);
  REQUIRE(a.materials.size() == b.materials.size());
  for (size_t i = 0; i < a.materials.size(); ++i) {
    CHECK(a.materials[i].name == b.materials[i].name);
    CHECK(a.materials[i].base_color == b.materials[i].base_color);
    CHECK(a.materials[i].base_color_texture == b.materials[i].base_color_texture);
  }
  CHECK(a.images.size() == b.images.size());
}

// Sweet Home 3D's own catalogs hold MTL files exported on their author's machine, naming a
// texture by an absolute path there (BlendSwap-CC-BY#luckyBamboo): the piece still loads, and
// the texture is skipped without being opened, as a missing one always was.
TEST_CASE("a catalog piece may skip a texture outside its folder, unread, where a scene's model may not",
          "[scene]") {
  test::OutsidePackage p(test::Outside::MtlAbsoluteTexture, test_data() / "models");
  Log log(LogLevel::Off);
  ImportOptions o;
  o.roots = AllowedRoots({p.pkg / "models"}, "the furniture catalog's folder");
  o.skip_outside_textures = true;
  WorldBuilder b;
  auto r = import_model(b, p.pkg / "models/cube_cm.obj", "catalog", o, log);
  INFO((r ? std::string() : r.error().to_string()));
  REQUIRE(r);
  CHECK(b.world().images.empty());  // the only texture named lies outside
  o.skip_outside_textures = false;
  WorldBuilder strict;
  CHECK_FALSE(import_model(strict, p.pkg / "models/cube_cm.obj", "scene", o, log));
}

TEST_CASE("content hashes keep their value, so mesh and simplifier caches on disk stay valid", "[scene]") {
  CHECK(content_hash("", 0) == "fnv:14650fb0739d0383:0");
  CHECK(content_hash("a", 1) != content_hash("b", 1));
  CHECK(content_hash("ab", 2).rfind("fnv:", 0) == 0);
}
