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
#include <memory>
#include <random>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "core/files.h"
#include "core/paths.h"
#include "core/settings.h"
#include "temp_dir.h"

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

// The early-return macros of core/error.h, used by functions shaped like the engine's.
namespace try_macros {

Result<int> digit(char c, int& calls) {
  ++calls;
  if (c < '0' || c > '9') return bad_input("digits.txt", "/0", std::string("expected a digit, found ") + c);
  return c - '0';
}

Result<int> two_digits(char a, char b, int& calls, int& reached) {
  MEELOOP_ASSIGN_OR_RETURN(int tens, digit(a, calls));
  ++reached;
  MEELOOP_ASSIGN_OR_RETURN(int ones, digit(b, calls));
  ++reached;
  return tens * 10 + ones;
}

// Counts its copies through a pointer the test owns (no global state); moves are free.
struct Tracked {
  int* copies;
  int value;
  Tracked(int* c, int v) : copies(c), value(v) {}
  Tracked(const Tracked& o) : copies(o.copies), value(o.value) { ++*copies; }
  Tracked(Tracked&&) = default;
  Tracked& operator=(const Tracked& o) {
    copies = o.copies;
    value = o.value;
    ++*copies;
    return *this;
  }
  Tracked& operator=(Tracked&&) = default;
};

Result<Tracked> make_tracked(int* copies, int v) { return Tracked(copies, v); }

Status take_tracked(int* copies, Tracked& member, int& declared) {
  MEELOOP_ASSIGN_OR_RETURN(member, make_tracked(copies, 1));  // assigns an existing object
  MEELOOP_ASSIGN_OR_RETURN(Tracked fresh, make_tracked(copies, 2));  // declares one
  declared = fresh.value;
  return Ok{};
}

Result<std::unique_ptr<int>> boxed(int v) { return std::make_unique<int>(v); }

Result<int> unboxed(int v) {
  MEELOOP_ASSIGN_OR_RETURN(std::unique_ptr<int> box, boxed(v));  // would not build as a copy
  return *box;
}

Status both(Status first, Result<int> second, int& reached) {
  MEELOOP_RETURN_IF_ERROR(std::move(first));
  ++reached;
  MEELOOP_RETURN_IF_ERROR(std::move(second));  // a Result whose value is not wanted
  ++reached;
  return Ok{};
}

template <class To, class From>
Result<To> widen(From v) {
  return To(v);
}

template <class Out, class In>
Out passed_through(In in) {
  return in;
}

// Two declarations expanded on one line: their hidden temporaries must not collide.
#define MEELOOP_TEST_TWO_DIGITS(a, b, calls) \
  MEELOOP_ASSIGN_OR_RETURN(int first, digit(a, calls)); MEELOOP_ASSIGN_OR_RETURN(int second, digit(b, calls))

Result<long> with_commas(char a, char b, int& calls) {
  MEELOOP_ASSIGN_OR_RETURN(long wide, widen<long, int>(40));
  MEELOOP_RETURN_IF_ERROR(passed_through<Status, Status>(Ok{}));
  MEELOOP_ASSIGN_OR_RETURN(auto pair, Result<std::pair<int, int>>(std::pair<int, int>{1, 1}));
  MEELOOP_TEST_TWO_DIGITS(a, b, calls);
  return wide + pair.first + pair.second + first * 10 + second;
}

}  // namespace try_macros

TEST_CASE("MEELOOP_ASSIGN_OR_RETURN returns the first error unchanged and runs nothing after it", "[core]") {
  using namespace try_macros;
  int calls = 0, reached = 0;
  auto ok = two_digits('4', '2', calls, reached);
  REQUIRE(ok);
  CHECK(ok.value() == 42);
  CHECK(reached == 2);

  calls = reached = 0;
  auto first = two_digits('x', '2', calls, reached);
  REQUIRE_FALSE(first);
  CHECK(first.error().kind == ErrorKind::BadInput);
  CHECK(first.error().to_string() == "digits.txt: /0: expected a digit, found x");
  CHECK(calls == 1);
  CHECK(reached == 0);

  calls = reached = 0;
  auto second = two_digits('4', 'y', calls, reached);
  REQUIRE_FALSE(second);
  CHECK(second.error().message == "expected a digit, found y");
  CHECK(calls == 2);
  CHECK(reached == 1);
}

TEST_CASE("MEELOOP_ASSIGN_OR_RETURN declares or assigns the value, moved and never copied", "[core]") {
  using namespace try_macros;
  int copies = 0, declared = 0;
  Tracked member(&copies, 0);
  REQUIRE(take_tracked(&copies, member, declared));
  CHECK(member.value == 1);
  CHECK(declared == 2);
  CHECK(copies == 0);
  auto v = unboxed(7);
  REQUIRE(v);
  CHECK(v.value() == 7);
}

TEST_CASE("MEELOOP_RETURN_IF_ERROR returns a Status's or a Result's error and goes on when it holds", "[core]") {
  using namespace try_macros;
  int reached = 0;
  CHECK(both(Ok{}, 3, reached));
  CHECK(reached == 2);

  reached = 0;
  auto st = both(failure("the disk is full", "events.db"), 3, reached);
  REQUIRE_FALSE(st);
  CHECK(st.error().kind == ErrorKind::Failure);
  CHECK(st.error().to_string() == "events.db: the disk is full");
  CHECK(reached == 0);

  reached = 0;
  auto second = both(Ok{}, bad_input("x.json", "/a", "expected a number"), reached);
  REQUIRE_FALSE(second);
  CHECK(second.error().to_string() == "x.json: /a: expected a number");
  CHECK(reached == 1);
}

TEST_CASE("the early-return macros take expressions with commas, and two fit on one line", "[core]") {
  using namespace try_macros;
  int calls = 0;
  auto ok = with_commas('1', '2', calls);
  REQUIRE(ok);
  CHECK(ok.value() == 40 + 2 + 12);
  auto bad = with_commas('1', 'z', calls);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message == "expected a digit, found z");
}

TEST_CASE("an Error says which API failed and with what code, and errors of our own say none", "[core]") {
  CHECK(failure("the disk is full").api_result.api == Api::None);
  CHECK(bad_input("x.json", "/a", "expected a number").api_result.api == Api::None);
  Error e = failure("vkQueueSubmit(...) failed");
  e.api_result = {Api::Vulkan, -4};
  // It travels with the Error: through a Result, a copy and an exception.
  Result<int> r = e;
  CHECK(r.error().api_result.api == Api::Vulkan);
  CHECK(r.error().api_result.code == -4);
  ErrorException thrown(r.error());
  CHECK(thrown.error().api_result.api == Api::Vulkan);
  CHECK(thrown.error().api_result.code == -4);
  // The text a person reads is unchanged by it.
  CHECK(e.to_string() == "vkQueueSubmit(...) failed");
}

namespace {
// An environment of exactly `vars`, recording every name asked for.
struct FakeEnvironment {
  std::map<std::string, std::string> vars;
  std::shared_ptr<std::set<std::string>> asked = std::make_shared<std::set<std::string>>();
  EnvironmentLookup lookup() const {
    return [vars = vars, asked = asked](const std::string& name) -> std::optional<std::string> {
      asked->insert(name);
      auto it = vars.find(name);
      if (it == vars.end()) return std::nullopt;
      return it->second;
    };
  }
};
}  // namespace

TEST_CASE("settings from an environment with only HOME are the documented defaults", "[core][settings]") {
  FakeEnvironment env{{{"HOME", "/home/anna"}}};
  auto s = settings_from_environment(env.lookup());
  REQUIRE(s);
  CHECK(s->log_level == LogLevel::Info);
  CHECK(s->gpu == GpuPreference::Auto);
  CHECK_FALSE(s->validation);
  CHECK(s->home_page.empty());
  CHECK_FALSE(s->display);
  CHECK(s->paths.cache_dir == "/home/anna/.cache/meeloop");
  CHECK(s->paths.database == "/home/anna/.local/share/meeloop/meeloop.db");
  CHECK(s->paths.font_dir == "/usr/share/fonts/truetype/dejavu");
  REQUIRE(s->paths.furniture_dirs.size() == 1);
  CHECK(s->paths.furniture_dirs[0] == "/usr/share/sweethome3d/furniture");
  CHECK(std::filesystem::is_directory(s->paths.data_root / "scenes"));  // this build's source tree
  CHECK(s->paths.shader_dir.filename() == "shaders");
}

TEST_CASE("every Meeloop variable reaches its settings field", "[core][settings]") {
  FakeEnvironment env{{{"MEELOOP_LOG", "debug"},
                       {"MEELOOP_GPU", "lavapipe"},
                       {"MEELOOP_VALIDATION", "1"},
                       {"MEELOOP_DATA_DIR", "/opt/meeloop"},
                       {"MEELOOP_SHADER_DIR", "/opt/meeloop/spv"},
                       {"MEELOOP_CACHE_DIR", "/var/cache/m"},
                       {"MEELOOP_DB", "/srv/evidence.db"},
                       {"MEELOOP_FONT_DIR", "/opt/fonts"},
                       {"MEELOOP_FURNITURE_DIRS", "/a:/b::/c"},
                       {"MEELOOP_HOME_PAGE", "https://zorg.example.nl"},
                       {"WAYLAND_DISPLAY", "wayland-0"}}};
  auto s = settings_from_environment(env.lookup());
  REQUIRE(s);
  CHECK(s->log_level == LogLevel::Debug);
  CHECK(s->gpu == GpuPreference::Lavapipe);
  CHECK(s->validation);
  CHECK(s->paths.data_root == "/opt/meeloop");
  CHECK(s->paths.shader_dir == "/opt/meeloop/spv");
  CHECK(s->paths.cache_dir == "/var/cache/m");
  CHECK(s->paths.database == "/srv/evidence.db");
  CHECK(s->paths.font_dir == "/opt/fonts");
  CHECK(s->paths.furniture_dirs == std::vector<std::filesystem::path>{"/a", "/b", "/c"});
  CHECK(s->home_page == "https://zorg.example.nl");
  CHECK(s->display);
  for (const char* on : {"1", "on", "true"}) {
    env.vars["MEELOOP_VALIDATION"] = on;
    CHECK(settings_from_environment(env.lookup())->validation);
  }
  for (const char* off : {"0", "off", "false"}) {
    env.vars["MEELOOP_VALIDATION"] = off;
    CHECK_FALSE(settings_from_environment(env.lookup())->validation);
  }
  env.vars["MEELOOP_LOG"] = "warning";
  CHECK(settings_from_environment(env.lookup())->log_level == LogLevel::Warn);
}

TEST_CASE("a variable set to a value it cannot hold is bad input naming the variable and what it takes", "[core][settings]") {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"MEELOOP_GPU", "nvidia", "auto, hardware or lavapipe"},
      {"MEELOOP_VALIDATION", "yes please", "1, on, true, 0, off or false"},
      {"MEELOOP_LOG", "loud", "debug, info, warn, error or off"}};
  for (const auto& [name, value, accepted] : cases) {
    FakeEnvironment env{{{name, value}}};
    auto s = settings_from_environment(env.lookup());
    INFO(name);
    REQUIRE_FALSE(s);
    CHECK(s.error().kind == ErrorKind::BadInput);
    CHECK(s.error().exit_code() == 2);
    CHECK(s.error().message == name + " must be " + accepted + ", got \"" + value + "\"");
  }
}

TEST_CASE("an empty variable counts as unset and the XDG folders come before HOME", "[core][settings]") {
  FakeEnvironment env{{{"HOME", "/home/anna"},
                       {"MEELOOP_GPU", ""},
                       {"MEELOOP_VALIDATION", ""},
                       {"MEELOOP_DB", ""},
                       {"MEELOOP_CACHE_DIR", ""},
                       {"XDG_CACHE_HOME", "/xdg/cache"},
                       {"XDG_DATA_HOME", "/xdg/data"},
                       {"DISPLAY", ""}}};
  auto s = settings_from_environment(env.lookup());
  REQUIRE(s);
  CHECK(s->gpu == GpuPreference::Auto);
  CHECK_FALSE(s->validation);
  CHECK_FALSE(s->display);
  CHECK(s->paths.cache_dir == "/xdg/cache/meeloop");
  CHECK(s->paths.database == "/xdg/data/meeloop/meeloop.db");
}

TEST_CASE("meeloop --help lists every variable the settings read", "[core][settings]") {
  FakeEnvironment env{{{"HOME", "/home/anna"}}};
  REQUIRE(settings_from_environment(env.lookup()));
  const std::string help = settings_help();
  CHECK(env.asked->size() >= 12);
  for (const std::string& name : *env.asked) {
    if (name == "HOME" || name == "TMPDIR" || name.rfind("XDG_", 0) == 0) {
      continue;  // the platform's own, named in the defaults where they matter
    }
    INFO(name);
    CHECK(help.find(name) != std::string::npos);
  }
}

TEST_CASE("the database folder made from the settings' path is private to its owner (0700)", "[core][settings]") {
  test::TempDir dir;
  Paths paths;
  paths.database = dir.path / "data" / "meeloop" / "meeloop.db";
  const mode_t old = ::umask(022);
  const auto db = ensure_database_folder(paths);
  ::umask(old);
  CHECK(db == paths.database);
  struct stat st {};
  REQUIRE(::stat((dir.path / "data" / "meeloop").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  REQUIRE(::stat((dir.path / "data").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
}
