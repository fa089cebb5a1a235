// `meeloop hub --demo` end to end, as a person tries it: the real executable as a child process
// with a private TMPDIR, its printed URL, certificate and kiosk key used by httplib's SSLClient
// to store and read back a statement, then SIGTERM or SIGINT: exit 0, its folder gone and no
// PostgreSQL process of it left.
#include <httplib.h>
#include <signal.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "hub_fixtures.h"
#include "run_meeloop.h"
#include "temp_dir.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::vector<std::string> demo_command(const fs::path& tmp) {
  // As root the cluster runs as `postgres`, which must pass through this folder to reach its own.
  fs::permissions(tmp, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  return {meeloop::test::meeloop_path(MEELOOP_BIN_FALLBACK), "hub", "--demo", "--port", "0"};
}

// `meeloop hub --demo --port 0` with TMPDIR set to `tmp`, its stdout read through a pipe.
struct DemoProcess : meeloop::test::ChildProcess {
  explicit DemoProcess(const fs::path& tmp) : ChildProcess(demo_command(tmp), {"TMPDIR=" + tmp.string()}) {}

  // The first word after "  <label>" in the printed block ("" when there is none).
  std::string field(const std::string& label) const {
    const std::string& text = output();
    const size_t at = text.find("  " + label);
    if (at == std::string::npos) return "";
    const size_t start = text.find_first_not_of(' ', at + 2 + label.size());
    const size_t stop = text.find_first_of(" \n", start);
    return start == std::string::npos ? "" : text.substr(start, stop - start);
  }
};

bool is_empty_folder(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir, ec) && fs::directory_iterator(dir, ec) == fs::directory_iterator();
}

// Processes whose command line or working folder lies under `folder`: postgres is started with
// -D <folder>/data and every backend works in that folder, so this finds each one it left.
std::vector<std::string> processes_under(const fs::path& folder) {
  std::vector<std::string> found;
  const std::string prefix = folder.string();
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    const std::string pid = entry.path().filename().string();
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "cmdline", std::ios::binary);
    std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
    std::error_code link_ec;
    const std::string cwd = fs::read_symlink(entry.path() / "cwd", link_ec).string();
    if (cmdline.find(prefix) != std::string::npos || (!link_ec && cwd.rfind(prefix, 0) == 0))
      found.push_back(pid + ": " + cmdline);
  }
  return found;
}

const httplib::Headers kXapi = {{"X-Experience-API-Version", "1.0.3"}};
const char* kId = "3c1d7c1e-5b0a-4f7e-8d2a-6a9f0b1c2d3e";

std::string statement() {
  nlohmann::json s = {
      {"id", kId},
      {"actor", {{"objectType", "Agent"}, {"account", {{"homePage", "https://meeloop.example/xapi"}, {"name", "MEE-DEMO"}}}}},
      {"verb", {{"id", "http://adlnet.gov/expapi/verbs/answered"}}},
      {"object", {{"objectType", "Activity"}, {"id", "https://meeloop.example/xapi/scenes/huiskamer"}}}};
  return s.dump();
}

}  // namespace

TEST_CASE("meeloop hub --demo serves statements to its printed kiosk key over TLS and removes its cluster on SIGTERM",
          "[hub][cli]") {
  meeloop::test::TempDir tmp("meeloop-hub-demo-test");
  fs::path folder;
  {
    DemoProcess demo(tmp.path);
    const bool ready = demo.read_until("Ctrl-C stops", std::chrono::seconds(180));
    INFO(demo.output());
    REQUIRE(ready);
    const std::string url = demo.field("URL:");
    const std::string ca = demo.field("Trust:");
    const std::string kiosk = demo.field("Kiosk id:");
    const std::string key = demo.field("Kiosk key:");
    folder = demo.field("Folder:");
    const std::string prefix = "https://127.0.0.1:";
    REQUIRE(url.rfind(prefix, 0) == 0);
    const int port = std::stoi(url.substr(prefix.size()));
    CHECK(port > 0);
    CHECK(key.size() >= 16);
    CHECK(folder.parent_path() == tmp.path);
    CHECK(fs::exists(folder / "data"));
    CHECK(fs::path(ca).parent_path() == folder);
    CHECK(demo.output().find("Demo Zorg (fictief)") != std::string::npos);
    // The demo recruiter's printed name and password open the recruiters' API.
    const std::string recruiter = demo.field("Recruiter:");
    const std::string password = demo.field("Password:");
    CHECK(recruiter == "demo-recruiter");
    CHECK(password.size() >= 12);
    CHECK(demo.output().find("meeloop sync --hub " + url + " --key " + kiosk + ":" + key + " --ca " + ca) !=
          std::string::npos);

    auto client = [&](const std::string& secret) { return meeloop::test::verified_client(port, ca, kiosk, secret); };
    const std::string path = std::string("/xapi/statements?statementId=") + kId;
    auto people = meeloop::test::verified_client(port, ca, recruiter, password)->Get("/meeloop/v1/people");
    REQUIRE(people);
    CHECK(people->status == 200);
    auto put = client(key)->Put(path, kXapi, statement(), "application/json");
    REQUIRE(put);
    CHECK(put->status == 204);
    auto got = client(key)->Get(path, kXapi);
    REQUIRE(got);
    REQUIRE(got->status == 200);
    const auto body = nlohmann::json::parse(got->body);
    CHECK(body["id"] == kId);
    CHECK(body["actor"]["account"]["name"] == "MEE-DEMO");
    // The key is what lets a kiosk in, not any key.
    auto wrong = client(key + "x")->Get(path, kXapi);
    REQUIRE(wrong);
    CHECK(wrong->status == 401);

    CHECK(demo.stop(SIGTERM) == 0);
  }
  CHECK_FALSE(fs::exists(folder));
  CHECK(is_empty_folder(tmp.path));
  const auto left = processes_under(folder);
  INFO((left.empty() ? std::string() : left.front()));
  CHECK(left.empty());
}

TEST_CASE("meeloop hub --demo stopped by Ctrl-C while it is still setting up cleans up and exits 0", "[hub][cli]") {
  meeloop::test::TempDir tmp("meeloop-hub-demo-test");
  DemoProcess demo(tmp.path);
  // The cluster's folder appears after the demo has taken over SIGINT, while initdb still runs.
  const auto end = Clock::now() + std::chrono::seconds(60);
  while (is_empty_folder(tmp.path) && Clock::now() < end) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  REQUIRE_FALSE(is_empty_folder(tmp.path));
  const fs::path folder = fs::directory_iterator(tmp.path)->path();
  CHECK(demo.stop(SIGINT) == 0);
  CHECK(is_empty_folder(tmp.path));
  CHECK(processes_under(folder).empty());
}

TEST_CASE("meeloop hub --port without --demo is refused as bad input", "[hub][cli]") {
  std::string out;
  const int code =
      meeloop::test::run_captured(meeloop::test::meeloop_path(MEELOOP_BIN_FALLBACK) + " hub --port 9000 2>&1", out);
  INFO(out);
  CHECK(code == 2);
  CHECK(out.find("--port goes with --demo") != std::string::npos);
}
