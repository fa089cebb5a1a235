#include <catch2/catch.hpp>

#include "core/error.h"
#include "core/json_file.h"
#include "core/json_locate.h"
#include "meeloop/args.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <set>

#include "core/files.h"

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

// core/files.h: the one safe writer and the one bounded reader (issue 16 items 4 and 7).
namespace {

namespace fs = std::filesystem;

struct FilesDir {
  fs::path path = fs::temp_directory_path() / ("meeloop-files-" + std::to_string(std::random_device{}()));
  FilesDir() { fs::create_directories(path); }
  ~FilesDir() {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path, ec);
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void put(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::lstat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

}  // namespace

TEST_CASE("write_file_atomically writes mode 0600 and replaces an existing file whole", "[core]") {
  FilesDir dir;
  const fs::path target = dir.path / "profile.json";
  const mode_t old_umask = ::umask(0);  // a careless umask must not widen the file
  auto first = write_file_atomically(target, "one\n");
  ::umask(old_umask);
  REQUIRE(first.ok());
  CHECK(slurp(target) == "one\n");
  CHECK(mode_of(target) == 0600);

  struct stat before {};
  REQUIRE(::stat(target.c_str(), &before) == 0);
  REQUIRE(write_file_atomically(target, std::string(100000, 'x')).ok());
  struct stat after {};
  REQUIRE(::stat(target.c_str(), &after) == 0);
  CHECK(slurp(target) == std::string(100000, 'x'));
  CHECK(before.st_ino != after.st_ino);  // a new file renamed into place, not rewritten in place
  CHECK(mode_of(target) == 0600);
  CHECK(names_in(dir.path) == std::set<std::string>{"profile.json"});

  // Caches ask for 0644 and get exactly that.
  REQUIRE(write_file_atomically(dir.path / "cache.bin", "c", 0644).ok());
  CHECK(mode_of(dir.path / "cache.bin") == 0644);
}

TEST_CASE("write_file_atomically refuses a folder, a FIFO or a symlink as the target and leaves it untouched", "[core]") {
  FilesDir dir;
  const fs::path folder = dir.path / "out";
  fs::create_directories(folder);
  put(folder / "inside.txt", "keep");
  const fs::path fifo = dir.path / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const fs::path victim = dir.path / "victim.txt";
  put(victim, "victim");
  const fs::path link = dir.path / "link.json";
  fs::create_symlink(victim, link);

  for (const fs::path& target : {folder, fifo, link}) {
    INFO(target);
    auto st = write_file_atomically(target, "profile data");
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().exit_code() == 2);
    CHECK(st.error().file == target.string());
    CHECK(st.error().message.find("not a regular file") != std::string::npos);
  }
  CHECK(fs::is_directory(folder));
  CHECK(slurp(folder / "inside.txt") == "keep");
  CHECK(fs::is_fifo(fs::symlink_status(fifo)));
  CHECK(fs::is_symlink(fs::symlink_status(link)));
  CHECK(slurp(victim) == "victim");
  CHECK(names_in(dir.path) == std::set<std::string>{"out", "pipe", "victim.txt", "link.json"});

  auto no_name = write_file_atomically(dir.path / "", "x");
  REQUIRE_FALSE(no_name.ok());
  CHECK(no_name.error().exit_code() == 2);
}

TEST_CASE("write_file_atomically does not follow a symlink planted at the old temp name", "[core]") {
  FilesDir dir;
  const fs::path victim = dir.path / "victim.txt";
  put(victim, "victim");
  const fs::path target = dir.path / "report.html";
  fs::create_symlink(victim, dir.path / "report.html.tmp");
  REQUIRE(write_file_atomically(target, "<html>").ok());
  CHECK(slurp(target) == "<html>");
  CHECK(slurp(victim) == "victim");
  CHECK(fs::is_symlink(fs::symlink_status(dir.path / "report.html.tmp")));
}

TEST_CASE("a failed write_file_atomically leaves no temp file and the old target whole", "[core]") {
  FilesDir dir;
  // A folder that does not exist: the person's path, so BadInput, and nothing is created.
  auto missing = write_file_atomically(dir.path / "no" / "x.json", "data");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().exit_code() == 2);
  CHECK_FALSE(fs::exists(dir.path / "no"));

  // A write that fails half way (the file-size limit stands in for a full disk).
  const fs::path target = dir.path / "export.csv";
  put(target, "old");
  struct rlimit saved {};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
  auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = saved;
  small.rlim_cur = 4096;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
  auto half = write_file_atomically(target, std::string(1 << 16, 'p'));
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, old_handler);
  REQUIRE_FALSE(half.ok());
  CHECK(half.error().exit_code() == 1);
  CHECK(slurp(target) == "old");
  CHECK(names_in(dir.path) == std::set<std::string>{"export.csv"});

  // A read-only folder (root could write there anyway, so only checked as a user).
  if (::geteuid() != 0) {
    const fs::path locked = dir.path / "locked";
    fs::create_directories(locked);
    fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
    auto denied = write_file_atomically(locked / "x.json", "data");
    fs::permissions(locked, fs::perms::owner_all);
    REQUIRE_FALSE(denied.ok());
    CHECK(names_in(locked).empty());
  }
}

TEST_CASE("read_regular_file refuses folders, devices, FIFOs and files over the limit before reading", "[core]") {
  FilesDir dir;
  const fs::path text = dir.path / "choices.txt";
  put(text, "knock\n");
  auto ok = read_regular_file(text, 100, "a choices file");
  REQUIRE(ok.ok());
  CHECK(ok.value() == "knock\n");

  const fs::path fifo = dir.path / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);  // no writer: opening it must not wait
  struct Case {
    fs::path path;
    const char* says;
  };
  for (const Case& c : {Case{dir.path, "a folder"}, Case{"/dev/zero", "a device"}, Case{fifo, "a pipe"},
                        Case{dir.path / "missing.txt", "cannot open"}}) {
    INFO(c.path);
    auto r = read_regular_file(c.path, 100, "a choices file");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().exit_code() == 2);
    CHECK(r.error().file == c.path.string());
    CHECK(r.error().message.find(c.says) != std::string::npos);
    CHECK(r.error().message.find("a choices file") != std::string::npos);
  }

  // 1 GiB that takes no disk: refused from its size alone (the message gives it), unread.
  const fs::path huge = dir.path / "huge.txt";
  put(huge, "");
  fs::resize_file(huge, uint64_t(1) << 30);
  const auto t0 = std::chrono::steady_clock::now();
  auto big = read_regular_file(huge, 1 << 20, "a choices file");
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(1));
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().exit_code() == 2);
  CHECK(big.error().message.find("1073741824 bytes") != std::string::npos);
  CHECK(big.error().message.find("at most 1048576") != std::string::npos);
}

TEST_CASE("create_private_file makes a 0600 file, keeps an existing one and never follows a link", "[core]") {
  FilesDir dir;
  const fs::path log = dir.path / "kiosk-operator-log.jsonl";
  const mode_t old_umask = ::umask(0);
  auto made = create_private_file(log);
  ::umask(old_umask);
  REQUIRE(made.ok());
  CHECK(mode_of(log) == 0600);
  put(log, "line\n");
  REQUIRE(create_private_file(log).ok());
  CHECK(slurp(log) == "line\n");

  const fs::path victim = dir.path / "victim.txt";
  put(victim, "victim");
  fs::create_symlink(victim, dir.path / "planted.jsonl");
  CHECK(create_private_file(dir.path / "planted.jsonl").ok());
  CHECK(slurp(victim) == "victim");
  CHECK(fs::is_symlink(fs::symlink_status(dir.path / "planted.jsonl")));
}

TEST_CASE("a JSON key repeated in one object is refused at the second key's line:col and pointer", "[core]") {
  // nlohmann keeps only the last value of a repeated key: the first would vanish without a word.
  auto nested = parse_json_text("{\"a\": [1, {\"b\": 1,\n  \"c\": {\"b\": 2},\n   \"b\": 3}]}", "x.json");
  REQUIRE_FALSE(nested);
  CHECK(nested.error().kind == ErrorKind::BadInput);
  CHECK(nested.error().file == "x.json");
  CHECK(nested.error().pointer == "/a/1/b");
  CHECK(nested.error().location == "3:4");
  CHECK_THAT(nested.error().message, Catch::Contains("\"b\" appears twice"));
  // Escaped quotes and slashes in the key: the position is still the key's opening quote.
  auto escaped = parse_json_text("{\"x\": {\"q\\\"/k\": 1, \"q\\\"/k\": 2}}", "y.json");
  REQUIRE_FALSE(escaped);
  CHECK(escaped.error().pointer == "/x/q\"~1k");
  CHECK(escaped.error().location == "1:20");
  // The same key in sibling objects, and after a closed inner object, is no repeat.
  CHECK(parse_json_text(R"({"a": {"k": 1}, "b": {"k": 1}, "c": [{"k": 1}, {"k": 2}], "k": {"k": {"k": 0}}})", "z.json"));
}

namespace {

// Every pointer into `j` below `at`, plus ones that name nothing there (a missing member, an
// element past the end, a leading zero, "-", a token into a scalar), which fall back to a parent.
void pointers_into(const Json& j, const std::string& at, std::vector<std::string>& out) {
  out.push_back(at);
  for (const char* missing : {"/zzz", "/", "/-", "/01", "/0", "/1x", "/~0", "/~1", "/?"}) out.push_back(at + missing);
  if (j.is_object())
    for (const auto& [key, value] : j.items()) pointers_into(value, at + "/" + escape_pointer_token(key), out);
  if (j.is_array()) {
    out.push_back(at + "/" + std::to_string(j.size()));
    for (size_t i = 0; i < j.size(); ++i) pointers_into(j[i], at + "/" + std::to_string(i), out);
  }
}

}  // namespace

TEST_CASE("the one-scan position index answers what locate_json_pointer answers for every pointer", "[core]") {
  // Lint used to rescan the whole file per problem (50,000 problems: minutes); the index must not
  // change a single answer, including the nearest parent for what is missing.
  std::string deep = "0";
  for (int i = 0; i < 40; ++i) deep = (i % 2 ? "{\"d\": " : "[") + deep + (i % 2 ? "}" : "]");
  const std::vector<std::string> texts = {
      "{\n  \"a\": [1,\n    {\"b\": \"x\"}],\n  \"c/d\": true\n}",
      "{\"steps\": [{\"id\": \"s0\", \"choices\": [{\"next\": \"s1\"}, {\"next\": \"end\"}]},\n"
      "  {\"id\": \"s1\", \"choices\": []}, {}, [], [[], [1, [2, {\"x\": null}]]]],\n"
      "\t\"empty\": {}, \"n\": -1.5e3, \"t\": false, \"list\": [0,1,2,3,4,5,6,7,8,9,10,11]}",
      // Escapes in keys and values: ~ and / in keys, quotes, backslashes, \u (the scanner reads it
      // as '?', so "/caf\u00e9" falls back to the parent while the literal "/caf?" key is found).
      "{\"m~n\": 1, \"a/b\": {\"~1\": [true]}, \"q\\\"uote\": \"v\\\"}\", \"back\\\\slash\": {\"k\": 2},\r\n"
      " \"caf\\u00e9\": 3, \"caf?\": 4, \"x\\ny\": \"\\u0041]\", \"\": {\"\": 5}, \"sp ace\" : [ \"s,}\" , 6 ]}",
      "[[], {}, \"only\", 1, [{\"a\": [{}]}]]",
      deep,
      "  42  ",
      "\"a string\"",
  };
  for (const std::string& text : texts) {
    INFO(text);
    JsonPositions index(text);
    std::vector<std::string> pointers;
    pointers_into(Json::parse(text), "", pointers);
    pointers.insert(pointers.end(), {"a", "a/1", "/a/01", "/caf\xc3\xa9", "/caf?", "/x\ny", "//", "~", "/~", "/~x"});
    for (const std::string& p : pointers) {
      INFO("pointer " << p);
      auto want = locate_json_pointer(text, p);
      auto got = index.locate(p);
      REQUIRE(got.has_value() == want.has_value());
      if (want) {
        CHECK(got->line == want->line);
        CHECK(got->column == want->column);
      }
    }
  }
  // A repeated key (read_json_file refuses it, the scanner does not): both enter the first.
  const std::string repeated = "{\"a\": {},\n \"a\": {\"b\": 1}, \"c\": [1]}";
  for (const char* p : {"/a", "/a/b", "/c/0"}) {
    INFO(p);
    CHECK(JsonPositions(repeated).locate(p)->line == locate_json_pointer(repeated, p)->line);
    CHECK(JsonPositions(repeated).locate(p)->column == locate_json_pointer(repeated, p)->column);
  }
  // Nothing to point at.
  for (const char* text : {"", "  \n "}) {
    CHECK_FALSE(JsonPositions(text).locate(""));
    CHECK_FALSE(locate_json_pointer(text, ""));
  }
  // The first example's positions, spelled out.
  JsonPositions first(texts[0]);
  CHECK(first.locate("/a/1/b")->line == 3);
  CHECK(first.locate("/a/1/b")->column == 11);
  CHECK(first.locate("/a/1/zzz")->column == 5);
}
