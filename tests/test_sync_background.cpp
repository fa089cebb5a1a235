// The kiosk's background sync (sync/background_sync.h) against a real hub over loopback TLS on
// PostgreSQL (hub_fixtures.h): shared sessions arrive with nothing but waiting, notify() sends a
// new one long before the interval, a stopped hub makes it fail quietly while the kiosk goes on
// recording and everything arrives once when the hub is back, and stopping it is prompt. Then
// `meeloop kiosk --hub` under Xvfb: a scripted visitor who shares with the region reaches the hub.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <fstream>
#include <set>
#include <thread>

#include "hub_fixtures.h"
#include "hub_store/local_cluster.h"
#include "sync/background_sync.h"
#include "test_desktop_util.h"

using namespace meeloop;
using namespace meeloop::test;
namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::system_clock;

namespace {

// A loopback port free now, so a hub can stop and come back on the same one (the kiosk keeps
// its URL). The kernel hands out ephemeral ports in turn, so nobody takes it meanwhile.
int free_port() {
  auto port = hub_store::free_loopback_port();
  REQUIRE(port);
  return *port;
}

HubConfigSpec on_port(int port) {
  HubConfigSpec spec;
  spec.extra = {{"listen", {{"address", "127.0.0.1"}, {"port", port}}}};
  return spec;
}

// `url`: the hub's, also while it is stopped.
sync::BackgroundSyncOptions background(const HubAndKiosk& hk, std::chrono::milliseconds every,
                                       const std::string& url = "") {
  sync::BackgroundSyncOptions o;
  o.sync = sync_options(url.empty() ? hk.hub.url() : url, hk.hub.ca());
  o.database = hk.db;
  o.interval = every;
  return o;
}

std::unique_ptr<sync::BackgroundSync> start(sync::BackgroundSyncOptions o, Log& log) {
  auto b = sync::BackgroundSync::start(std::move(o), log);
  if (!b) FAIL(b.error().to_string());
  return std::move(b).value();
}

// Rows the kiosk has sent for everyone, as the hub should hold them.
int sent_rows(const fs::path& db) { return KioskDb(db).counts().sent; }

}  // namespace

TEST_CASE("the background sync delivers a shared session with no call but waiting", "[sync][background]") {
  HubAndKiosk hk;
  Log log(LogLevel::Off);
  // Started before anyone played: the first passes find no database and nothing to send.
  auto b = start(background(hk, 300ms), log);
  REQUIRE(eventually([&] { return b->snapshot().passes >= 1; }));
  const std::string code = hk.record(store::ShareScope::Region, 41, false);
  REQUIRE(eventually([&] { return KioskDb(hk.db).counts().pending == 0 && !hk.hub.stored_ids(code).empty(); }));
  const int sent = sent_rows(hk.db);
  CHECK(hk.hub.stored_ids(code).size() == size_t(sent));
  const sync::BackgroundSyncState s = b->snapshot();
  CHECK(s.sent_total == sent);
  CHECK(s.reached);
  CHECK(s.last_error.empty());
  CHECK(s.pending == 0);
  CHECK(s.last_delivered);
}

TEST_CASE("notify after a session sends it long before the interval would have", "[sync][background]") {
  HubAndKiosk hk;
  const std::string first = hk.record(store::ShareScope::Region, 42, false);
  Log log(LogLevel::Off);
  auto b = start(background(hk, 1h), log);
  // The pass at start takes what was recorded while the kiosk was closed.
  REQUIRE(eventually([&] { return !hk.hub.stored_ids(first).empty() && b->snapshot().passes >= 1; }));
  const std::string second = hk.record(store::ShareScope::Region, 43, false);
  std::this_thread::sleep_for(500ms);
  CHECK(hk.hub.stored_ids(second).empty());  // no pass of its own before the hour is up
  const auto poked = std::chrono::steady_clock::now();
  b->notify();
  REQUIRE(eventually([&] { return !hk.hub.stored_ids(second).empty(); }, 20s));
  CHECK(std::chrono::steady_clock::now() - poked < 20s);
  REQUIRE(eventually([&] { return KioskDb(hk.db).counts().pending == 0; }));
  CHECK(hk.hub.stored_ids(first).size() + hk.hub.stored_ids(second).size() == size_t(sent_rows(hk.db)));
  CHECK(b->snapshot().passes == 2);
}

TEST_CASE("with the hub stopped the background sync fails quietly, the kiosk records on, and everything arrives once when the hub is back", "[sync][background]") {
  HubAndKiosk hk(on_port(free_port()));
  const std::string url = hk.hub.url();
  const std::string before = hk.record(store::ShareScope::Region, 44, false);
  hk.hub.stop();

  // The kiosk's clock for the outbox's backoff, moved past it by the test instead of waiting.
  auto skew = std::make_shared<std::atomic<int>>(0);  // hours
  sync::BackgroundSyncOptions o = background(hk, 200ms, url);
  o.clock = [skew] { return Clock::now() + std::chrono::hours(skew->load()); };
  Log log(LogLevel::Off);
  auto b = start(std::move(o), log);
  REQUIRE(eventually([&] { return b->snapshot().passes >= 3; }));
  sync::BackgroundSyncState down = b->snapshot();
  INFO(down.last_error);
  CHECK_FALSE(down.reached);
  CHECK(down.last_error.find("could not be reached") != std::string::npos);
  CHECK(down.sent_total == 0);
  CHECK(down.pending > 0);
  CHECK_FALSE(down.last_delivered);

  // Recording goes on meanwhile: another visitor lands in the kiosk's database.
  const std::string during = hk.record(store::ShareScope::Region, 45, false);
  skew->store(2);  // their backoff has passed: the passes try (and fail) again
  const int passes = b->snapshot().passes;
  REQUIRE(eventually([&] { return b->snapshot().passes >= passes + 2; }));
  CHECK_FALSE(b->snapshot().reached);
  {
    KioskDb k(hk.db);
    CHECK(k.counts().sent == 0);
    CHECK(k.counts().failed > 0);
  }

  hk.hub.start();
  REQUIRE(hk.hub.url() == url);
  skew->store(4);  // past any backoff again
  REQUIRE(eventually([&] { return KioskDb(hk.db).counts().pending + KioskDb(hk.db).counts().failed == 0; }));
  const auto a = hk.hub.stored_ids(before), c = hk.hub.stored_ids(during);
  CHECK_FALSE(a.empty());
  CHECK_FALSE(c.empty());
  CHECK(a.size() + c.size() == size_t(sent_rows(hk.db)));  // every row once, nothing doubled
  CHECK(std::set<std::string>(a.begin(), a.end()).size() == a.size());
  REQUIRE(eventually([&] { return b->snapshot().reached && b->snapshot().last_error.empty(); }));
  CHECK(b->snapshot().sent_total == sent_rows(hk.db));
}

TEST_CASE("stopping the background sync returns promptly even while the hub is down", "[sync][background]") {
  HubAndKiosk hk;
  hk.record(store::ShareScope::Region, 46, false);
  hk.hub.stop();
  Log log(LogLevel::Off);
  sync::BackgroundSyncOptions o;
  o.sync = sync_options("https://127.0.0.1:" + std::to_string(free_port()), hk.hub.ca());
  o.database = hk.db;
  o.interval = 100ms;
  auto b = start(std::move(o), log);
  REQUIRE(eventually([&] { return b->snapshot().passes >= 2; }));
  const auto t0 = std::chrono::steady_clock::now();
  b.reset();
  CHECK(std::chrono::steady_clock::now() - t0 < 2s);
}

TEST_CASE("the background sync refuses a wrong hub URL or interval before it starts", "[sync][background]") {
  Log log(LogLevel::Off);
  sync::BackgroundSyncOptions o;
  o.sync.hub_url = "http://127.0.0.1:1";
  o.sync.device_id = kKioskId;
  o.sync.device_key = kKioskKey;
  o.database = "/tmp/none.db";
  auto plain = sync::BackgroundSync::start(o, log);
  REQUIRE_FALSE(plain);
  CHECK(plain.error().pointer == "--hub");
  o.sync.hub_url = "https://127.0.0.1:1";
  o.interval = 10ms;
  auto fast = sync::BackgroundSync::start(o, log);
  REQUIRE_FALSE(fast);
  CHECK(fast.error().kind == ErrorKind::BadInput);
}

TEST_CASE("meeloop kiosk --hub sends a scripted visitor who shares with the region to the hub", "[sync][background][desktop][xvfb][kiosk]") {
  if (!xvfb_available()) {
    WARN("xvfb-run is missing (Debian: xvfb xauth): kiosk window test skipped");
    return;
  }
  HubAndKiosk hk;
  const fs::path script = hk.kiosk.path / "visitor.txt", key = hk.kiosk.path / "hub.key";
  {
    std::ofstream(key) << kKioskId << ":" << kKioskKey << "\n";
  }
  fs::permissions(key, fs::perms::owner_read | fs::perms::owner_write);
  std::string s = "wait 2\nkey Enter\nwait 0.5\nkey Enter\nwait 0.8\nkey J\nwait 0.5\nkey 3\nwait 0.3\nkey S\nwait 3\n";
  for (int i = 0; i < 9; ++i) s += "key 1\nwait 0.2\nkey Enter\nwait 0.5\n";  // huiskamer's first options
  // The ending's Continue ends the session: the kiosk pokes its sync, whose interval is an hour.
  s += "wait 1\nkey Enter\nwait 6\nquit\n";
  std::ofstream(script) << s;
  // A key on the command line is refused with a key file that others may read.
  fs::permissions(key, fs::perms::group_read, fs::perm_options::add);
  Run open = run_plain("kiosk --db " + hk.db.string() + " --hub " + hk.hub.url() + " --hub-key-file " + key.string());
  CHECK(open.code == 2);
  CHECK(open.out.find("chmod 600") != std::string::npos);
  fs::permissions(key, fs::perms::group_read, fs::perm_options::remove);
  Run lone = run_plain("kiosk --db " + hk.db.string() + " --hub-key " + kKioskId + ":" + kKioskKey);
  CHECK(lone.code == 2);  // a key without --hub is a mistake, not ignored
  CHECK(lone.out.find("goes with --hub") != std::string::npos);

  Run r = run_windowed("kiosk --db " + hk.db.string() + " --size 1280x720 --input-script " + script.string() +
                       " --home-page " + kHomePage + " --hub " + hk.hub.url() + " --hub-key-file " + key.string() +
                       " --hub-ca " + hk.hub.ca().string() + " --sync-every 3600");
  INFO(r.out);
  REQUIRE(r.code == 0);
  CHECK(r.out.find(kKioskKey) == std::string::npos);
  KioskDb k(hk.db);
  auto people = k.store->participants();
  REQUIRE(people);
  REQUIRE(people->size() == 1);
  const std::string code = people->front().code;
  CHECK(people->front().share == store::ShareScope::Region);
  CHECK(k.counts().pending == 0);
  CHECK(k.counts().failed == 0);
  REQUIRE(k.counts().sent > 0);
  CHECK(hk.hub.stored_ids(code).size() == size_t(k.counts().sent));
  CHECK(hk.hub.statements_by_agent(code).size() == size_t(k.counts().sent));
}
