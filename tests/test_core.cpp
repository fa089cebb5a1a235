#include <catch2/catch.hpp>

#include "core/error.h"
#include "core/json_file.h"
#include "core/json_locate.h"
#include "meeloop/args.h"

using namespace meeloop;

TEST_CASE("json pointers are located at line and column", "[core]") {
  std::string text = "{\n  \"a\": [1,\n    {\"b\": \"x\"}],\n  \"c/d\": true\n}";
  auto pos = locate_json_pointer(text, "/a/1/b");
  REQUIRE(pos);
  CHECK(pos->line == 3);
  CHECK(pos->column == 11);
  auto slash = locate_json_pointer(text, "/c~1d");
  REQUIRE(slash);
  CHECK(slash->line == 4);
  CHECK(slash->column == 10);
  // A missing member falls back to the nearest existing parent.
  auto parent = locate_json_pointer(text, "/a/1/zzz");
  REQUIRE(parent);
  CHECK(parent->line == 3);
  CHECK(parent->column == 5);
}

TEST_CASE("syntax errors name file, line and column", "[core]") {
  auto r = parse_json_text("{\n  \"a\": 1,\n  \"b\": ]\n}", "x.json");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::BadInput);
  CHECK(r.error().to_string().rfind("x.json:3:", 0) == 0);
}

TEST_CASE("JSON limits reject deep nesting and huge strings", "[core]") {
  JsonLimits limits;
  limits.max_depth = 8;
  limits.max_string = 16;
  auto deep = parse_json_text(std::string(20, '[') + std::string(20, ']'), "deep.json", limits);
  REQUIRE_FALSE(deep.ok());
  CHECK(deep.error().message.find("nesting deeper than 8") != std::string::npos);
  auto longs = parse_json_text("{\"k\": \"" + std::string(40, 'x') + "\"}", "long.json", limits);
  REQUIRE_FALSE(longs.ok());
  CHECK(longs.error().message.find("string longer than 16") != std::string::npos);
}

TEST_CASE("JsonView errors carry pointer and position", "[core]") {
  auto doc = parse_json_text("{\n \"models\": [ {\"postion\": [1, 2]} ]\n}", "scene.json");
  REQUIRE(doc.ok());
  JsonView root = JsonView::root(doc.value());
  auto model = root.at("models").elements().at(0);
  try {
    model.expect_only({"id", "position"});
    FAIL("expected an error");
  } catch (const ErrorException& e) {
    CHECK(e.error().pointer == "/models/0/postion");
    CHECK(e.error().location == "2:26");
    CHECK(std::string(e.what()).find("unknown field \"postion\"") != std::string::npos);
  }
  try {
    model.at("postion").as_numbers(3);
    FAIL("expected an error");
  } catch (const ErrorException& e) {
    CHECK(std::string(e.what()) ==
          "scene.json:2:26: /models/0/postion: expected an array of 3 numbers, found an array of 2");
  }
}

TEST_CASE("command-line options are parsed and typos rejected", "[core]") {
  cli::Args args({"scenes/x", "--out", "a.png", "--width=640", "--headless"}, {"--headless"});
  CHECK(args.positional(0, "scene") == "scenes/x");
  CHECK(args.option_or("--out", "") == "a.png");
  CHECK(args.int_option_or("--width", 1, 1, 8192) == 640);
  CHECK(args.flag("--headless"));
  CHECK_NOTHROW(args.expect_consumed());

  cli::Args typo({"--widht", "5"}, {});
  typo.option("--width");
  CHECK_THROWS_WITH(typo.expect_consumed(), Catch::Contains("unknown option --widht"));
  cli::Args bad({"--width", "huge"}, {});
  CHECK_THROWS_WITH(bad.int_option_or("--width", 1, 1, 10), Catch::Contains("whole number"));
}
