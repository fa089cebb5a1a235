// Faults between the kiosk and the hub beyond those of test_sync.cpp (a hub out of reach, stopped
// or killed with kill -9 between batches, duplicate delivery): the network cut inside a request
// (tcp_cut_proxy.h), PostgreSQL restarted under a running sync, the hub's disk full, and kiosk
// clocks hours away from the hub's. Each time: a clear failure, nothing lost on the kiosk,
// everything delivered by a later sync and stored once.
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "hub_fixtures.h"
#include "pg_cluster.h"
#include "profile_fixtures.h"
#include "store/event_store.h"
#include "store/participant_code.h"
#include "tcp_cut_proxy.h"

using namespace meeloop;
using test::HubAndKiosk;
using test::KioskDb;
using test::sync_db;
using test::sync_options;
namespace fs = std::filesystem;
using Clock = std::chrono::system_clock;
using std::chrono::hours;
using std::chrono::seconds;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// One sync at `now` through `proxy`, which cuts it: a failure saying `said`, nothing sent, and
// every one of the `queued` rows kept, held back by its backoff.
void require_cut_sync(const fs::path& db, test::TcpCutProxy& proxy, const fs::path& ca, int queued,
                      Clock::time_point now, const std::string& said) {
  sync::SyncSummary cut = sync_db(db, sync_options(proxy.url(), ca), now);
  REQUIRE(proxy.did_cut());
  INFO(cut.last_error);
  CHECK_FALSE(cut.reached);
  CHECK(cut.sent == 0);
  CHECK(cut.failed == queued);
  CHECK(contains(cut.last_error, said));
  KioskDb k(db);
  CHECK(k.counts().failed == queued);
  auto due = k.store->pending_outbox(1000, now + seconds(10));
  REQUIRE(due);
  CHECK(due->empty());
}

}  // namespace

TEST_CASE_METHOD(HubAndKiosk, "a network cut inside the request body loses nothing and the next sync delivers each statement once",
                 "[sync][faults]") {
  const std::string code = record(store::ShareScope::Region, 21);
  const int queued = pending();
  REQUIRE(queued > 20);  // one batch of them is a request body of many kilobytes

  test::TcpCutProxy proxy(hub.port());
  proxy.cut_request_after(4096);
  const auto now = Clock::now();
  require_cut_sync(db, proxy, hub.ca(), queued, now, "the connection to the hub broke");
  CHECK(hub.stored_ids(code).empty());  // half a request stores nothing

  sync::SyncSummary next = run_sync(200, now + std::chrono::minutes(2));
  INFO(next.last_error);
  CHECK(next.all_delivered());
  CHECK(next.sent == queued);
  test::check_stored_once(hub, {code}, queued);
}

TEST_CASE_METHOD(HubAndKiosk, "a network cut after the hub stored a batch, before the kiosk heard, stores it once when sent again",
                 "[sync][faults]") {
  const std::string code = record(store::ShareScope::Region, 22);
  const int queued = pending();
  REQUIRE(queued > 10);

  test::TcpCutProxy proxy(hub.port());
  // httplib logs a request after its answer is on the wire: the hub has committed and answered.
  proxy.cut_answer_when([this] { return contains(hub.log_text(), "POST /xapi/statements 200"); });
  const auto now = Clock::now();
  require_cut_sync(db, proxy, hub.ca(), queued, now, "the connection to the hub broke while reading its answer");
  test::check_stored_once(hub, {code}, queued);  // stored on the hub, unknown to the kiosk

  sync::SyncSummary again = run_sync(200, now + std::chrono::minutes(2));
  INFO(again.last_error);
  CHECK(again.all_delivered());
  CHECK(again.sent == queued);  // acknowledged this time ...
  test::check_stored_once(hub, {code}, queued);  // ... and still one copy each
  CHECK(KioskDb(db).counts().pending == 0);
}

TEST_CASE("PostgreSQL stopped and restarted under a running sync: the kiosk keeps what got 503, a later sync delivers each once",
          "[sync][faults]") {
  test::PgCluster pg;  // private: this case stops and restarts it
  test::HubConfigSpec spec;
  spec.database_url = pg.fresh_database();
  HubAndKiosk rig(spec);
  const std::string code = rig.record(store::ShareScope::Region, 23);
  const int queued = rig.pending();
  REQUIRE(queued > 12);

  // Down after the second of many small batches: the third gets the hub's 503 and the run stops.
  sync::SyncOptions o = sync_options(rig.hub.url(), rig.hub.ca(), 2);
  o.on_batch_sent = [&](int sent) {
    if (sent == 4) pg.stop();
  };
  const auto now = Clock::now();
  sync::SyncSummary down = sync_db(rig.db, o, now);
  INFO(down.last_error);
  CHECK(down.sent == 4);
  CHECK(down.failed == 2);
  CHECK_FALSE(down.reached);
  CHECK(contains(down.last_error, "the hub answered 503"));
  CHECK(contains(down.last_error, "try again"));
  CHECK(contains(rig.hub.log_text(), "storing statements failed"));
  {
    KioskDb k(rig.db);
    CHECK(k.counts().sent == 4);
    CHECK(k.counts().failed == 2);
    CHECK(k.counts().pending == queued - 6);
  }

  // Back, then restarted between two batches of the next sync: the hub's connection pool finds
  // its connections cut and opens new ones, so that sync goes on.
  pg.start();
  sync::SyncOptions o2 = sync_options(rig.hub.url(), rig.hub.ca(), 2);
  o2.on_batch_sent = [&](int sent) {
    if (sent == 4) pg.restart();
  };
  sync::SyncSummary rest = sync_db(rig.db, o2, now + hours(2));
  INFO(rest.last_error);
  CHECK(rest.all_delivered());
  CHECK(rest.sent == queued - 4);
  test::check_stored_once(rig.hub, {code}, queued);
  CHECK(KioskDb(rig.db).counts().pending == 0);
}

namespace {

// A small tmpfs mounted at `dir`, unmounted (lazily, so a server's open file cannot keep it)
// when the object goes. Mounting needs root (CAP_SYS_ADMIN), as the CI runs.
struct SmallDisk {
  SmallDisk(const fs::path& dir, const std::string& size) : dir(dir) {
    fs::create_directory(dir);
    if (::mount("tmpfs", dir.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, ("size=" + size + ",mode=0700").c_str()) != 0)
      FAIL("cannot mount a " << size << " tmpfs at " << dir << " (" << std::strerror(errno)
                             << "): this case needs root, as the CI runs the tests");
  }
  ~SmallDisk() { ::umount2(dir.c_str(), MNT_DETACH); }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;

  // Writes `file` until the disk has no byte left.
  void fill(const fs::path& file) const {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    REQUIRE(fd >= 0);
    std::vector<char> zeros(1 << 16);
    for (size_t chunk = zeros.size(); chunk > 0; chunk /= 2)
      while (::write(fd, zeros.data(), chunk) == ssize_t(chunk)) {
      }
    const int full = errno;
    ::close(fd);
    REQUIRE(full == ENOSPC);
  }

  fs::path dir;
};

}  // namespace

TEST_CASE("the hub's disk full: 503 and a log line, the kiosk keeps its rows and goes on recording, a later sync delivers each once",
          "[sync][faults]") {
  // The hub's tables in a tablespace on a small disk of their own; PostgreSQL's write-ahead log
  // stays on the big one, so the server refuses writes (could not extend file) rather than stop.
  test::TempDir outer("meeloop-full-disk");
  fs::permissions(outer.path, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  SmallDisk disk(outer.path / "disk", "16m");
  test::PgCluster pg;
  struct stat server{};
  REQUIRE(::stat(pg.folder().c_str(), &server) == 0);
  const fs::path tablespace = disk.dir / "tablespace";
  fs::create_directory(tablespace);
  // The server runs as `postgres` when the tests run as root: the tablespace must be its own.
  REQUIRE(::chown(disk.dir.c_str(), server.st_uid, server.st_gid) == 0);
  REQUIRE(::chown(tablespace.c_str(), server.st_uid, server.st_gid) == 0);
  {
    pqxx::connection c(pg.url());
    pqxx::nontransaction sql(c);
    sql.exec("CREATE TABLESPACE small_disk LOCATION " + sql.quote(tablespace.string()));
    sql.exec("CREATE DATABASE hub_on_small_disk TABLESPACE small_disk");
  }
  test::HubConfigSpec spec;
  spec.database_url = pg.url("hub_on_small_disk");
  HubAndKiosk rig(spec);
  const std::string first = rig.record(store::ShareScope::Region, 24, false);

  disk.fill(disk.dir / "filler");
  const auto now = Clock::now();
  sync::SyncSummary full = rig.run_sync(200, now);
  INFO(full.last_error);
  CHECK_FALSE(full.reached);
  CHECK(full.sent == 0);
  CHECK(full.failed > 0);
  CHECK(contains(full.last_error, "the hub answered 503"));
  CHECK(contains(full.last_error, "out of space"));  // the kiosk's operator is not told "unreachable" only
  CHECK(rig.hub.stored_ids(first).empty());
  const std::string log = rig.hub.log_text();
  INFO(log);
  CHECK(contains(log, "storing statements failed"));
  CHECK(contains(log, "No space left on device"));

  // The kiosk goes on: another visitor is recorded while the hub is full.
  const std::string second = rig.record(store::ShareScope::Region, 25, false);
  const int queued = rig.pending() + KioskDb(rig.db).counts().failed;
  CHECK(queued > full.failed);

  fs::remove(disk.dir / "filler");  // space again
  sync::SyncSummary later = rig.run_sync(200, now + hours(2));
  INFO(later.last_error);
  CHECK(later.all_delivered());
  CHECK(later.sent == queued);
  test::check_stored_once(rig.hub, {first, second}, queued);
}

namespace {

// A kiosk whose clock reads `offset` from the hub's: a visitor and one ended session recorded
// with its times, as its recorder would write them. Returns the person's code.
std::string record_with_clock(const fs::path& db, uint64_t seed, Clock::duration offset) {
  std::mt19937_64 rng(seed);
  const std::string code = store::generate_participant_code(rng);
  Log log(LogLevel::Off);
  auto opened = store::EventStore::open(db, log);
  REQUIRE(opened);
  store::EventStore& st = **opened;
  store::Participant p = test::person("none");
  p.code = code;
  p.share = store::ShareScope::Organisation;
  REQUIRE(st.add_participant(p));
  const auto start = Clock::now() + offset;
  store::Session s{0, code, "huiskamer", "1", "nl", store::utc_text(start), "", ""};
  auto id = st.begin_session(s);
  REQUIRE(id);
  for (int seq = 1; seq <= 3; ++seq) {
    store::Event e = test::choice(*id, seq, "step" + std::to_string(seq), {{"communication", 0.5}}, "huiskamer");
    e.id = 0;
    e.at = store::utc_text(start + seconds(10 * seq));
    REQUIRE(st.append_event(e));
  }
  REQUIRE(st.end_session(*id, "calm_morning", store::utc_text(start + seconds(40))));
  return code;
}

// "2026-12-07T19:30:00.123Z" and the like, compared to the second.
std::string second_of(const std::string& utc) { return utc.substr(0, 19); }

}  // namespace

TEST_CASE("kiosk clocks hours away from the hub's: stored is the hub's time, a pull by since misses none, backoff follows the kiosk's clock",
          "[sync][faults]") {
  test::InProcessHub hub;
  test::TempDir kiosks("meeloop-clocks");
  struct Kiosk {
    fs::path db;
    Clock::duration offset;
    std::string code;
    int queued = 0;
  };
  std::vector<Kiosk> all = {{kiosks.path / "ahead.db", hours(5), "", 0}, {kiosks.path / "behind.db", -hours(3), "", 0}};
  for (size_t i = 0; i < all.size(); ++i) {
    Kiosk& k = all[i];
    k.code = record_with_clock(k.db, 26 + i, k.offset);
    k.queued = KioskDb(k.db).counts().pending;
    REQUIRE(k.queued == 4);
  }

  // The hub out of reach: each kiosk's failed rows wait 30 s by its own clock.
  const std::string url = hub.url();
  hub.stop();
  const auto now = Clock::now();
  for (Kiosk& k : all) {
    sync::SyncSummary down = sync_db(k.db, sync_options(url, hub.ca()), now + k.offset);
    CHECK(down.failed == k.queued);
  }
  hub.start();
  const std::string before = store::utc_text(Clock::now() - seconds(1));
  for (Kiosk& k : all) {
    INFO(k.db);
    CHECK(sync_db(k.db, sync_options(hub.url(), hub.ca()), now + k.offset + seconds(10)).sent == 0);
    sync::SyncSummary due = sync_db(k.db, sync_options(hub.url(), hub.ca()), now + k.offset + seconds(31));
    INFO(due.last_error);
    CHECK(due.all_delivered());
    CHECK(due.sent == k.queued);
  }
  const std::string after = store::utc_text(Clock::now() + seconds(1));

  // An LMS pulling everything stored since `before` (the hub's clock) gets both kiosks' statements.
  Json pulled = hub.all_statements({{"since", before}});
  REQUIRE(pulled.size() == size_t(all[0].queued + all[1].queued));
  for (const Json& s : pulled) {
    INFO(s.dump());
    const std::string stored = s["stored"].get<std::string>();
    CHECK(second_of(stored) >= second_of(before));
    CHECK(second_of(stored) <= second_of(after));
    const std::string code = s["actor"]["account"]["name"].get<std::string>();
    const std::string timestamp = s["timestamp"].get<std::string>();
    if (code == all[0].code) CHECK(timestamp > store::utc_text(Clock::now() + hours(4)));  // the kiosk's own time
    else CHECK(timestamp < store::utc_text(Clock::now() - hours(2)));
  }
}
