// The kiosk's sync client (engine/sync) against a real hub: sessions recorded by headless play
// into a kiosk database, a real HubServer over loopback TLS (a test CA made here with the
// openssl command) on a real PostgreSQL (pg_cluster.h, a fresh database per test), and the
// erasure route (hub/erasure_routes.h). Faults: a hub out of reach, a hub stopped after the first
// batch, a `meeloop hub` process killed with kill -9 between batches, duplicate delivery, a person
// erased on the hub; forget on the kiosk travels; `meeloop sync`'s exit codes.
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "core/log.h"
#include "core/password_hash.h"
#include "export_tools.h"
#include "hub/erasure_routes.h"
#include "hub/hub_config.h"
#include "hub/hub_server.h"
#include "pg_cluster.h"
#include "profile/exports.h"
#include "profile/report_store.h"
#include "profile_fixtures.h"
#include "store/event_store.h"
#include "store/participant_code.h"
#include "sync/sync_client.h"
#include "temp_dir.h"
#include "test_pki.h"
#include "xapi/read_statements.h"

using namespace meeloop;
namespace fs = std::filesystem;
using Clock = std::chrono::system_clock;

namespace {

const std::string kHome = "https://zorg-a.example.nl/meeloop";
const char* kKioskKey = "kiosk-a-device-key-0123456789";

void write_text(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

// The region's hub: one PostgreSQL database, and a HubServer on a free loopback port that can be
// stopped and started again on the same database (a new port each time).
struct Hub {
  test::TempDir dir{"meeloop-sync-hub"};
  Log log{LogLevel::Off};
  hub::HubConfig config;
  std::string database_url;
  std::string key_hash;
  std::optional<hub_store::HubStore> store;
  std::unique_ptr<hub::HubServer> server;
  std::thread thread;

  Hub() {
    test::make_test_pki(dir.path);
    auto hash = hash_password(kKioskKey);
    REQUIRE(hash);
    key_hash = *hash;
    write_text(dir.path / "hub.json", R"({
      "listen": {"address": "127.0.0.1", "port": 0},
      "database_url": "postgresql://hub@127.0.0.1:5432/meeloop",
      "tls": {"certificate": "hub.crt", "key": "hub.key"},
      "organisations": [{"id": "zorg-a", "name": "Zorggroep A"}],
      "kiosks": [{"id": "kiosk-a", "organisation": "zorg-a", "key_hash": ")" + *hash + R"("}],
      "workplaces": "workplaces",
      "limits": {"page_size": 7}
    })");
    auto c = hub::load_hub_config(dir.path / "hub.json");
    if (!c) FAIL(c.error().to_string());
    config = std::move(c).value();
    database_url = test::shared_pg_cluster().fresh_database();
    auto opened = hub_store::HubStore::open(database_url);
    if (!opened) FAIL(opened.error().to_string());
    store.emplace(std::move(opened).value());
    start();
  }
  ~Hub() { stop(); }

  void start() {
    auto s = hub::HubServer::create(config, *store, log);
    if (!s) FAIL(s.error().to_string());
    server = std::move(s).value();
    REQUIRE(server->bind());
    thread = std::thread([this] { (void)server->serve(); });
    // Serving before anything can stop it: httplib's stop() before its loop starts is lost.
    auto about = client(port())->Get("/xapi/about");
    REQUIRE(about);
  }
  // Stops serving and joins the serving thread (the database stays).
  void stop() {
    if (!server) return;
    server->stop();
    if (thread.joinable()) thread.join();
    server.reset();
  }
  std::string url() const { return server->url(); }
  fs::path ca() const { return dir.path / "ca.pem"; }

  std::unique_ptr<httplib::SSLClient> client(int port) {
    auto c = std::make_unique<httplib::SSLClient>("127.0.0.1", port);
    c->set_ca_cert_path(ca().c_str());
    c->enable_server_certificate_verification(true);
    c->set_basic_auth("kiosk-a", kKioskKey);
    c->set_connection_timeout(5);
    c->set_read_timeout(20);
    return c;
  }
  int port() const { return std::stoi(url().substr(url().rfind(':') + 1)); }

  std::vector<std::string> stored_ids(const std::string& code) {
    auto all = store->statements_of(code);
    REQUIRE(all);
    std::vector<std::string> ids;
    for (const auto& s : *all) ids.push_back(s.id);
    return ids;
  }

  // Every statement of `code` through GET /xapi/statements?agent=..., following "more".
  Json statements_by_agent(const std::string& code) {
    Json agent = {{"objectType", "Agent"}, {"account", {{"homePage", kHome}, {"name", code}}}};
    const httplib::Headers xapi = {{"X-Experience-API-Version", "1.0.3"}};
    auto c = client(port());
    Json all = Json::array();
    auto r = c->Get("/xapi/statements", httplib::Params{{"agent", agent.dump()}, {"ascending", "true"}}, xapi);
    for (int pages = 0; pages < 100; ++pages) {
      REQUIRE(r);
      INFO(r->body);
      REQUIRE(r->status == 200);
      Json page = Json::parse(r->body);
      for (auto& s : page["statements"]) all.push_back(s);
      const std::string more = page["more"].get<std::string>();
      if (more.empty()) return all;
      r = c->Get(more.c_str(), xapi);
    }
    FAIL("GET /xapi/statements never ended its pages");
    return all;
  }
};

// `meeloop hub` as a process of its own on `hub`'s database and TLS files, for kill -9.
struct HubProcess {
  pid_t pid = -1;
  std::string url;

  explicit HubProcess(const Hub& hub) {
    const fs::path config = hub.dir.path / "hub-process.json";
    write_text(config, R"({
      "listen": {"address": "127.0.0.1", "port": 0},
      "database_url": ")" + hub.database_url + R"(",
      "tls": {"certificate": "hub.crt", "key": "hub.key"},
      "organisations": [{"id": "zorg-a", "name": "Zorggroep A"}],
      "kiosks": [{"id": "kiosk-a", "organisation": "zorg-a", "key_hash": ")" + hub.key_hash + R"("}],
      "workplaces": "workplaces"
    })");
    int out[2];
    REQUIRE(::pipe(out) == 0);
    pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      const std::string bin = test::meeloop_path(MEELOOP_BIN_FALLBACK);
      ::execl(bin.c_str(), bin.c_str(), "hub", "--config", config.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(out[1]);
    // "Meeloop hub: xAPI at https://127.0.0.1:PORT/xapi/ (TLS), ..." once it listens.
    FILE* f = ::fdopen(out[0], "r");
    REQUIRE(f);
    char line[512] = {};
    const bool got = std::fgets(line, sizeof line, f) != nullptr;
    std::fclose(f);
    INFO(line);
    REQUIRE(got);
    const std::string text = line;
    const size_t at = text.find("https://");
    const size_t end = text.find("/xapi/");
    REQUIRE(at != std::string::npos);
    REQUIRE(end != std::string::npos);
    url = text.substr(at, end - at);
  }
  void kill9() {
    if (pid <= 0) return;
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    pid = -1;
  }
  ~HubProcess() { kill9(); }
};

fs::path source_dir() { return fs::path(MEELOOP_SOURCE_DIR); }

// One person with `share` who played huiskamer (and ochtendzorg when `two`) headless, as a
// visitor at the kiosk would; returns their code.
std::string record(const fs::path& db, store::ShareScope share, uint64_t seed, bool two = true) {
  std::mt19937_64 rng(seed);
  store::Participant p;
  p.code = store::generate_participant_code(rng);
  p.consent = true;
  p.language = "nl";
  p.background = {"none", "side_entrant", {"mbo3"}, "bbl"};
  p.share = share;
  {
    Log log(LogLevel::Off);
    auto st = store::EventStore::open(db, log);
    REQUIRE(st);
    REQUIRE(st.value()->add_participant(p));
  }
  auto play = [&](const std::string& scene, const fs::path& choices) {
    auto run = test::run_command(test::sh(test::meeloop_path(MEELOOP_BIN_FALLBACK)) + " play " +
                                 test::sh(source_dir() / "scenes" / scene) + " --headless --choices " + test::sh(choices) +
                                 " --participant " + p.code + " --db " + test::sh(db));
    INFO(run.output);
    REQUIRE(run.code == 0);
  };
  play("huiskamer", source_dir() / "scenes" / "huiskamer" / "demo-visitor.txt");
  if (two) play("ochtendzorg", source_dir() / "tests" / "data" / "choices" / "ochtendzorg_somatic.txt");
  return p.code;
}

// The kiosk's evidence database, opened for one sync and closed again.
struct Kiosk {
  Log log{LogLevel::Off};
  std::unique_ptr<store::EventStore> store;
  explicit Kiosk(const fs::path& db) {
    auto s = store::EventStore::open(db, log);
    REQUIRE(s);
    store = std::move(s).value();
  }
  store::OutboxCounts counts() {
    auto c = store->outbox_counts();
    REQUIRE(c);
    return *c;
  }
};

sync::SyncOptions options_for(const std::string& url, const fs::path& ca, int batch = 200) {
  sync::SyncOptions o;
  o.hub_url = url;
  o.device_id = "kiosk-a";
  o.device_key = kKioskKey;
  o.ca_file = ca;
  o.xapi.home_page = kHome;
  o.batch_size = batch;
  o.connect_timeout = std::chrono::seconds(3);
  o.read_timeout = std::chrono::seconds(20);
  return o;
}

sync::SyncSummary sync_db(const fs::path& db, sync::SyncOptions o, Clock::time_point now = Clock::now()) {
  auto client = sync::SyncClient::create(std::move(o));
  if (!client) FAIL(client.error().to_string());
  Kiosk k(db);
  auto s = client->sync_once(*k.store, now);
  if (!s) FAIL(s.error().to_string());
  return *s;
}

// A copy of a closed kiosk database (SQLite leaves no WAL behind on the last close).
void copy_db(const fs::path& from, const fs::path& to) {
  fs::copy_file(from, to);
  for (const char* ext : {"-wal", "-shm"})
    if (fs::exists(from.string() + ext)) fs::copy_file(from.string() + ext, to.string() + ext);
}

size_t unique_count(const std::vector<std::string>& ids) { return std::set<std::string>(ids.begin(), ids.end()).size(); }

}  // namespace

TEST_CASE("sync sends every shared statement once and a second sync sends nothing new", "[sync]") {
  Hub hub;
  test::TempDir kiosk("meeloop-sync");
  const fs::path db = kiosk.path / "evidence.db";
  const std::string code = record(db, store::ShareScope::Region, 18);
  const int queued = Kiosk(db).counts().pending;
  REQUIRE(queued > 10);

  sync::SyncSummary first = sync_db(db, options_for(hub.url(), hub.ca(), 8));
  INFO(first.last_error);
  CHECK(first.all_delivered());
  CHECK(first.sent == queued);
  CHECK(first.pending == 0);
  CHECK(Kiosk(db).counts().sent == queued);
  auto ids = hub.stored_ids(code);
  CHECK(ids.size() == size_t(queued));
  CHECK(unique_count(ids) == ids.size());

  sync::SyncSummary second = sync_db(db, options_for(hub.url(), hub.ca(), 8));
  CHECK(second.all_delivered());
  CHECK(second.sent == 0);
  CHECK(hub.stored_ids(code).size() == size_t(queued));

  // A college's LMS (here the kiosk's own key) reads them back by agent, page by page.
  Json got = hub.statements_by_agent(code);
  CHECK(got.size() == size_t(queued));
  std::set<std::string> got_ids;
  for (const Json& s : got) got_ids.insert(s["id"].get<std::string>());
  CHECK(got_ids == std::set<std::string>(ids.begin(), ids.end()));
}

TEST_CASE("a person who keeps their profile on the kiosk never reaches the hub", "[sync]") {
  Hub hub;
  test::TempDir kiosk("meeloop-sync");
  const fs::path db = kiosk.path / "evidence.db";
  const std::string local = record(db, store::ShareScope::None, 1, false);
  const std::string shared = record(db, store::ShareScope::Organisation, 2, false);
  sync::SyncSummary s = sync_db(db, options_for(hub.url(), hub.ca()));
  CHECK(s.all_delivered());
  CHECK(s.sent > 0);
  CHECK(hub.stored_ids(local).empty());
  CHECK(hub.stored_ids(shared).size() == size_t(s.sent));
  CHECK(hub.statements_by_agent(local).empty());
}

TEST_CASE("a hub out of reach loses nothing: the rows wait for their backoff and a later sync delivers them", "[sync]") {
  Hub hub;
  test::TempDir kiosk("meeloop-sync");
  const fs::path db = kiosk.path / "evidence.db";
  const std::string code = record(db, store::ShareScope::Region, 3, false);
  const int queued = Kiosk(db).counts().pending;
  const std::string url = hub.url();
  hub.stop();  // nothing listens on that port now

  const auto now = Clock::now();
  sync::SyncSummary down = sync_db(db, options_for(url, hub.ca(), 5), now);
  CHECK_FALSE(down.reached);
  CHECK_FALSE(down.all_delivered());
  CHECK(down.sent == 0);
  CHECK(down.failed == 5);  // the first batch; the run stops there
  CHECK(down.pending == queued);
  CHECK(down.last_error.find("could not be reached") != std::string::npos);
  CHECK(down.last_error.find(code) == std::string::npos);
  {
    Kiosk k(db);
    CHECK(k.counts().failed == 5);
    CHECK(k.counts().pending == queued - 5);
    // The session waits whole for its backoff (30 s after a first failure), so its order holds.
    auto due = k.store->pending_outbox(1000, now + std::chrono::seconds(10));
    REQUIRE(due);
    CHECK(due->empty());
  }

  hub.start();
  sync::SyncSummary early = sync_db(db, options_for(hub.url(), hub.ca(), 5), now + std::chrono::seconds(10));
  CHECK(early.sent == 0);
  CHECK(hub.stored_ids(code).empty());

  sync::SyncSummary later = sync_db(db, options_for(hub.url(), hub.ca(), 5), now + std::chrono::minutes(2));
  INFO(later.last_error);
  CHECK(later.all_delivered());
  CHECK(later.sent == queued);
  CHECK(later.pending == 0);
  CHECK(hub.stored_ids(code).size() == size_t(queued));
}

TEST_CASE("a hub stopped after the first batch gets the rest on the next sync, nothing doubled", "[sync]") {
  Hub hub;
  test::TempDir kiosk("meeloop-sync");
  const fs::path db = kiosk.path / "evidence.db";
  const std::string code = record(db, store::ShareScope::Region, 4);
  const int queued = Kiosk(db).counts().pending;
  REQUIRE(queued > 12);

  sync::SyncOptions o = options_for(hub.url(), hub.ca(), 6);
  o.on_batch_sent = [&](int sent) {
    if (sent == 6) hub.server->stop();  // the hub goes away between two batches
  };
  const auto now = Clock::now();
  sync::SyncSummary cut = sync_db(db, o, now);
  CHECK(cut.sent == 6);
  CHECK(cut.failed == 6);
  CHECK_FALSE(cut.reached);
  CHECK(hub.stored_ids(code).size() == 6);

  hub.stop();
  hub.start();
  sync::SyncSummary rest = sync_db(db, options_for(hub.url(), hub.ca(), 6), now + std::chrono::hours(2));
  INFO(rest.last_error);
  CHECK(rest.all_delivered());
  CHECK(rest.sent == queued - 6);
  auto ids = hub.stored_ids(code);
  CHECK(ids.size() == size_t(queued));
  CHECK(unique_count(ids) == ids.size());
}

TEST_CASE("a hub process killed with kill -9 between two batches gets the rest from the next sync, nothing doubled", "[sync]") {
  Hub hub;  // its database and TLS files; the sync talks only to the process
  test::TempDir kiosk("meeloop-sync");
  const fs::path db = kiosk.path / "evidence.db";
  const std::string code = record(db, store::ShareScope::Region, 12);
  const int queued = Kiosk(db).counts().pending;
  REQUIRE(queued > 12);

  std::optional<HubProcess> process;
  process.emplace(hub);
  sync::SyncOptions o = options_for(process->url, hub.ca(), 6);
  o.on_batch_sent = [&](int sent) {
    if (sent == 6) process->kill9();
  };
  const auto now = Clock::now();
  sync::SyncSummary cut = sync_db(db, o, now);
  CHECK(cut.sent == 6);
  CHECK(cut.failed > 0);
  CHECK_FALSE(cut.reached);
  CHECK(hub.stored_ids(code).size() == 6);

  process.emplace(hub);
  sync::SyncSummary rest = sync_db(db, options_for(process->url, hub.ca(), 6), now + std::chrono::hours(2));
  INFO(rest.last_error);
  CHECK(rest.all_delivered());
  CHECK(rest.sent == queued - 6);
  auto ids = hub.stored_ids(code);
  CHECK(ids.size() == size_t(queued));
  CHECK(unique_count(ids) == ids.size());
}

TEST_CASE("the same statements delivered twice are stored once", "[sync]") {
  Hub hub;
  test::TempDir kiosk("meeloop-sync");
  const fs::path db = kiosk.path / "evidence.db";
  const std::string code = record(db, store::ShareScope::Region, 5, false);
  // The kiosk as it was before the sync: what a lost acknowledgement leaves behind.
  copy_db(db, kiosk.path / "before.db");

  sync::SyncSummary first = sync_db(db, options_for(hub.url(), hub.ca()));
  REQUIRE(first.all_delivered());
  const size_t stored = hub.stored_ids(code).size();
  REQUIRE(stored == size_t(first.sent));

  sync::SyncSummary again = sync_db(kiosk.path / "before.db", options_for(hub.url(), hub.ca()));
  INFO(again.last_error);
  CHECK(again.all_delivered());
  CHECK(again.sent == first.sent);  // the hub acknowledged them again ...
  CHECK(hub.stored_ids(code).size() == stored);  // ... and kept one copy
}

TEST_CASE("a session the hub refuses waits, counted as failed, while the others are delivered", "[sync]") {
  Hub hub;
  test::TempDir kiosk("meeloop-sync");
  const fs::path db = kiosk.path / "evidence.db";
  const std::string erased = record(db, store::ShareScope::Region, 6, false);
  const std::string fine = record(db, store::ShareScope::Region, 7, false);
  REQUIRE(hub.store->erase(erased));  // forgotten on the hub (asked there), not on the kiosk
  const int queued = Kiosk(db).counts().pending;

  sync::SyncSummary s = sync_db(db, options_for(hub.url(), hub.ca()));
  CHECK(s.reached);
  CHECK(s.refused);
  CHECK_FALSE(s.all_delivered());
  CHECK(s.last_error.find("403") != std::string::npos);
  CHECK(s.sent > 0);
  CHECK(s.sent + s.failed == queued);
  CHECK(hub.stored_ids(fine).size() == size_t(s.sent));
  CHECK(hub.stored_ids(erased).empty());
  Kiosk k(db);
  CHECK(k.counts().failed == s.failed);  // kept and counted, never dropped
  CHECK(k.counts().sent == s.sent);
}

TEST_CASE("forget on the kiosk erases the person on the hub, which then refuses their statements", "[sync]") {
  Hub hub;
  test::TempDir kiosk("meeloop-sync");
  const fs::path db = kiosk.path / "evidence.db";
  const std::string code = record(db, store::ShareScope::Region, 8, false);
  copy_db(db, kiosk.path / "backup.db");
  REQUIRE(sync_db(db, options_for(hub.url(), hub.ca())).all_delivered());
  REQUIRE_FALSE(hub.stored_ids(code).empty());

  {
    Kiosk k(db);
    REQUIRE(k.store->forget(code));
    auto queued = k.store->pending_hub_erasures();
    REQUIRE(queued);
    REQUIRE(queued->size() == 1);
  }
  sync::SyncSummary s = sync_db(db, options_for(hub.url(), hub.ca()));
  INFO(s.last_error);
  CHECK(s.all_delivered());
  CHECK(s.erasures_done == 1);
  CHECK(s.erasures_pending == 0);
  CHECK(hub.stored_ids(code).empty());
  auto is_erased = hub.store->is_erased(code);
  REQUIRE(is_erased);
  CHECK(*is_erased);
  auto audit = hub.store->recent_audit(5);
  REQUIRE(audit);
  REQUIRE_FALSE(audit->empty());
  CHECK(audit->front().entry.action == "erase");
  CHECK(audit->front().entry.actor == "kiosk-a");
  {
    Kiosk k(db);
    auto left = k.store->pending_hub_erasures();
    REQUIRE(left);
    CHECK(left->empty());
  }

  // A copy of the kiosk from before the forget sends the person again: the hub refuses them.
  sync::SyncSummary old = sync_db(kiosk.path / "backup.db", options_for(hub.url(), hub.ca()));
  CHECK(old.refused);
  CHECK(old.sent == 0);
  CHECK(old.last_error.find("403") != std::string::npos);
  CHECK(hub.stored_ids(code).empty());
}

TEST_CASE("the erasure route refuses a missing key and a body that is not a list of codes", "[sync]") {
  Hub hub;
  const int port = std::stoi(hub.url().substr(hub.url().rfind(':') + 1));
  auto anonymous = std::make_unique<httplib::SSLClient>("127.0.0.1", port);
  anonymous->set_ca_cert_path(hub.ca().c_str());
  anonymous->enable_server_certificate_verification(true);
  auto r = anonymous->Post(hub::kErasuresPath, R"({"codes": ["MEE-AAAA-AAA"]})", "application/json");
  REQUIRE(r);
  CHECK(r->status == 401);

  auto c = hub.client(port);
  auto pointer_of = [&](const std::string& body) {
    auto res = c->Post(hub::kErasuresPath, body, "application/json");
    REQUIRE(res);
    CHECK(res->status == 400);
    return Json::parse(res->body)["error"].value("pointer", std::string("?"));
  };
  CHECK(pointer_of(R"({"codes": []})") == "/codes");
  CHECK(pointer_of(R"({"codes": ["MEE-AAAA-AAA", 7]})") == "/codes/1");
  CHECK(pointer_of(R"({"codes": ["MEE AAAA"]})") == "/codes/0");
  CHECK(pointer_of(R"({"code": "MEE-AAAA-AAA"})") == "/code");
  auto ok = c->Post(hub::kErasuresPath, R"({"codes": ["MEE-AAAA-AAA"]})", "application/json");
  REQUIRE(ok);
  CHECK(ok->status == 200);
  auto erased = hub.store->is_erased("MEE-AAAA-AAA");
  REQUIRE(erased);
  CHECK(*erased);
}

TEST_CASE("the profile rebuilt from the hub's statements after a sync is the kiosk's profile", "[sync]") {
  Hub hub;
  test::TempDir kiosk("meeloop-sync");
  const fs::path db = kiosk.path / "evidence.db";
  const std::string code = record(db, store::ShareScope::Region, 9);
  REQUIRE(sync_db(db, options_for(hub.url(), hub.ca(), 10)).all_delivered());

  Log log(LogLevel::Off);
  auto on_kiosk = profile::read_report(db, code, test::shipped_data(), log);
  INFO((on_kiosk ? "" : on_kiosk.error().to_string()));
  REQUIRE(on_kiosk);
  REQUIRE_FALSE(on_kiosk->events.empty());
  auto records = xapi::records_from_statements(hub.statements_by_agent(code));
  INFO((records ? "" : records.error().to_string()));
  REQUIRE(records);
  profile::Report on_hub = profile::make_report(test::shipped_data(), records->participant, records->sessions,
                                                records->events, on_kiosk->generated_at);
  CHECK(profile::profile_json(on_hub).dump(1) == profile::profile_json(*on_kiosk).dump(1));
  REQUIRE(on_hub.matches.ranked.size() == on_kiosk->matches.ranked.size());
  for (size_t i = 0; i < on_hub.matches.ranked.size(); ++i)
    CHECK(on_hub.matches.ranked[i].workplace == on_kiosk->matches.ranked[i].workplace);
}

TEST_CASE("the sync client accepts only an https hub URL and a kiosk id with its key", "[sync]") {
  auto pointer_of = [](sync::SyncOptions o) {
    auto c = sync::SyncClient::create(std::move(o));
    REQUIRE_FALSE(c);
    CHECK(c.error().kind == ErrorKind::BadInput);
    return c.error().pointer;
  };
  CHECK(pointer_of(options_for("http://127.0.0.1:8443", "")) == "--hub");
  CHECK(pointer_of(options_for("https://", "")) == "--hub");
  CHECK(pointer_of(options_for("https://hub.example:99999", "")) == "--hub");
  CHECK(pointer_of(options_for("https://user@hub.example", "")) == "--hub");
  sync::SyncOptions no_key = options_for("https://hub.example", "");
  no_key.device_key.clear();
  CHECK(pointer_of(no_key) == "--key");
  auto missing_ca = sync::SyncClient::create(options_for("https://hub.example", "/nonexistent/ca.pem"));
  REQUIRE_FALSE(missing_ca);
  CHECK(missing_ca.error().message.find("CA") != std::string::npos);

  auto v6 = sync::parse_hub_url("https://[::1]:8443/region/");
  REQUIRE(v6);
  CHECK(v6->host == "::1");
  CHECK(v6->port == 8443);
  CHECK(v6->base_path == "/region");
  auto plain = sync::parse_hub_url("https://hub.example.nl");
  REQUIRE(plain);
  CHECK(plain->port == 443);
  CHECK(plain->base_path.empty());
}

TEST_CASE("meeloop sync exits 0 when everything was sent, 1 when the hub is out of reach, 2 for bad arguments", "[sync]") {
  Hub hub;
  test::TempDir kiosk("meeloop-sync");
  const fs::path db = kiosk.path / "evidence.db";
  const std::string first = record(db, store::ShareScope::Region, 10, false);
  const std::string bin = test::sh(test::meeloop_path(MEELOOP_BIN_FALLBACK));
  const std::string common = " --db " + test::sh(db) + " --ca " + test::sh(hub.ca()) + " --home-page " + kHome;

  auto plain = test::run_command(bin + " sync --hub http://127.0.0.1:1 --key kiosk-a:" + kKioskKey + common);
  INFO(plain.output);
  CHECK(plain.code == 2);
  auto no_key = test::run_command(bin + " sync --hub " + hub.url() + common);
  CHECK(no_key.code == 2);
  CHECK(hub.stored_ids(first).empty());

  // The key from standard input, out of the process list.
  auto sent = test::run_command("echo kiosk-a:" + std::string(kKioskKey) + " | " + bin + " sync --hub " + hub.url() +
                                " --key -" + common);
  INFO(sent.output);
  CHECK(sent.code == 0);
  const size_t stored = hub.stored_ids(first).size();
  CHECK(stored > 0);
  CHECK(sent.output.find("Sent " + std::to_string(stored) + " statements") != std::string::npos);
  CHECK(sent.output.find(first) == std::string::npos);

  const std::string second = record(db, store::ShareScope::Region, 11, false);
  auto down = test::run_command(bin + " sync --hub https://127.0.0.1:1 --key kiosk-a:" + kKioskKey + common);
  INFO(down.output);
  CHECK(down.code == 1);
  CHECK(down.output.find("Nothing was lost") != std::string::npos);
  CHECK(down.output.find(second) == std::string::npos);
  CHECK(Kiosk(db).counts().failed > 0);
}
