// The kiosk's sync client (engine/sync) against a real hub: sessions recorded by headless play
// into a kiosk database, a real HubServer over loopback TLS from a test CA on a real PostgreSQL
// (hub_fixtures.h: a fresh database per test), and the erasure route (hub/erasure_routes.h).
// Faults: a hub out of reach, a hub stopped after the first batch, a `meeloop hub` process
// killed with kill -9 between batches, duplicate delivery, a person erased on the hub; forget on the kiosk travels; `meeloop sync`'s exit codes. More faults (a
// network cut inside a request, PostgreSQL restarted, a full disk, clocks apart) are in
// test_sync_faults.cpp.
#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include "core/log.h"
#include "export_tools.h"
#include "hub/erasure_routes.h"
#include "hub_fixtures.h"
#include "profile/exports.h"
#include "profile/report_store.h"
#include "profile_fixtures.h"
#include "store/event_store.h"
#include "xapi/read_statements.h"

using namespace meeloop;
using test::KioskDb;
using test::sync_db;
using test::sync_options;
namespace fs = std::filesystem;
using Clock = std::chrono::system_clock;

namespace {

// A hub whose pages hold 7 statements, so reading a person back follows "more", and a kiosk.
struct HubAndKiosk : test::HubAndKiosk {
  HubAndKiosk() : test::HubAndKiosk(spec()) {}
  static test::HubConfigSpec spec() {
    test::HubConfigSpec s;
    s.limits = {{"page_size", 7}};
    return s;
  }
};

// A copy of a closed kiosk database (SQLite leaves no WAL behind on the last close).
void copy_db(const fs::path& from, const fs::path& to) {
  fs::copy_file(from, to);
  for (const char* ext : {"-wal", "-shm"})
    if (fs::exists(from.string() + ext)) fs::copy_file(from.string() + ext, to.string() + ext);
}

}  // namespace

TEST_CASE_METHOD(HubAndKiosk, "sync sends every shared statement once and a second sync sends nothing new", "[sync]") {
  const std::string code = record(store::ShareScope::Region, 18);
  const int queued = pending();
  REQUIRE(queued > 10);

  sync::SyncSummary first = run_sync(8);
  INFO(first.last_error);
  CHECK(first.all_delivered());
  CHECK(first.sent == queued);
  CHECK(first.pending == 0);
  CHECK(KioskDb(db).counts().sent == queued);
  test::check_stored_once(hub, {code}, queued);
  const auto ids = hub.stored_ids(code);

  sync::SyncSummary second = run_sync(8);
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

TEST_CASE_METHOD(HubAndKiosk, "a person who keeps their profile on the kiosk never reaches the hub", "[sync]") {
  const std::string local = record(store::ShareScope::None, 1, false);
  const std::string shared = record(store::ShareScope::Organisation, 2, false);
  sync::SyncSummary s = run_sync();
  CHECK(s.all_delivered());
  CHECK(s.sent > 0);
  CHECK(hub.stored_ids(local).empty());
  CHECK(hub.stored_ids(shared).size() == size_t(s.sent));
  CHECK(hub.statements_by_agent(local).empty());
}

TEST_CASE_METHOD(HubAndKiosk, "a hub out of reach loses nothing: the rows wait for their backoff and a later sync delivers them", "[sync]") {
  const std::string code = record(store::ShareScope::Region, 3, false);
  const int queued = pending();
  const std::string url = hub.url();
  hub.stop();  // nothing listens on that port now

  const auto now = Clock::now();
  sync::SyncSummary down = sync_db(db, sync_options(url, hub.ca(), 5), now);
  CHECK_FALSE(down.reached);
  CHECK_FALSE(down.all_delivered());
  CHECK(down.sent == 0);
  CHECK(down.failed == 5);  // the first batch; the run stops there
  CHECK(down.pending == queued);
  CHECK(down.last_error.find("could not be reached") != std::string::npos);
  CHECK(down.last_error.find(code) == std::string::npos);
  {
    KioskDb k(db);
    CHECK(k.counts().failed == 5);
    CHECK(k.counts().pending == queued - 5);
    // The session waits whole for its backoff (30 s after a first failure), so its order holds.
    auto due = k.store->pending_outbox(1000, now + std::chrono::seconds(10));
    REQUIRE(due);
    CHECK(due->empty());
  }

  hub.start();
  sync::SyncSummary early = run_sync(5, now + std::chrono::seconds(10));
  CHECK(early.sent == 0);
  CHECK(hub.stored_ids(code).empty());

  sync::SyncSummary later = run_sync(5, now + std::chrono::minutes(2));
  INFO(later.last_error);
  CHECK(later.all_delivered());
  CHECK(later.sent == queued);
  CHECK(later.pending == 0);
  CHECK(hub.stored_ids(code).size() == size_t(queued));
}

TEST_CASE_METHOD(HubAndKiosk, "a hub stopped after the first batch gets the rest on the next sync, nothing doubled", "[sync]") {
  const std::string code = record(store::ShareScope::Region, 4);
  const int queued = pending();
  REQUIRE(queued > 12);

  sync::SyncOptions o = sync_options(hub.url(), hub.ca(), 6);
  o.on_batch_sent = [&](int sent) {
    if (sent == 6) hub.server().stop();  // the hub goes away between two batches
  };
  const auto now = Clock::now();
  sync::SyncSummary cut = sync_db(db, o, now);
  CHECK(cut.sent == 6);
  CHECK(cut.failed == 6);
  CHECK_FALSE(cut.reached);
  CHECK(hub.stored_ids(code).size() == 6);

  hub.stop();
  hub.start();
  sync::SyncSummary rest = run_sync(6, now + std::chrono::hours(2));
  INFO(rest.last_error);
  CHECK(rest.all_delivered());
  CHECK(rest.sent == queued - 6);
  test::check_stored_once(hub, {code}, queued);
}

TEST_CASE_METHOD(HubAndKiosk, "a hub process killed with kill -9 between two batches gets the rest from the next sync, nothing doubled", "[sync]") {
  // The hub's database and TLS files serve `meeloop hub` processes; the sync talks only to them.
  const std::string code = record(store::ShareScope::Region, 12);
  const int queued = pending();
  REQUIRE(queued > 12);

  std::optional<test::HubProcess> process;
  process.emplace(hub.config_file());
  sync::SyncOptions o = sync_options(process->url(), hub.ca(), 6);
  o.on_batch_sent = [&](int sent) {
    if (sent == 6) process->kill9();
  };
  const auto now = Clock::now();
  sync::SyncSummary cut = sync_db(db, o, now);
  CHECK(cut.sent == 6);
  CHECK(cut.failed > 0);
  CHECK_FALSE(cut.reached);
  CHECK(hub.stored_ids(code).size() == 6);

  process.emplace(hub.config_file());
  sync::SyncSummary rest = sync_db(db, sync_options(process->url(), hub.ca(), 6), now + std::chrono::hours(2));
  INFO(rest.last_error);
  CHECK(rest.all_delivered());
  CHECK(rest.sent == queued - 6);
  test::check_stored_once(hub, {code}, queued);
}

TEST_CASE_METHOD(HubAndKiosk, "the same statements delivered twice are stored once", "[sync]") {
  const std::string code = record(store::ShareScope::Region, 5, false);
  // The kiosk as it was before the sync: what a lost acknowledgement leaves behind.
  copy_db(db, kiosk.path / "before.db");

  sync::SyncSummary first = run_sync();
  REQUIRE(first.all_delivered());
  const size_t stored = hub.stored_ids(code).size();
  REQUIRE(stored == size_t(first.sent));

  sync::SyncSummary again = sync_db(kiosk.path / "before.db", sync_options(hub.url(), hub.ca()));
  INFO(again.last_error);
  CHECK(again.all_delivered());
  CHECK(again.sent == first.sent);  // the hub acknowledged them again ...
  CHECK(hub.stored_ids(code).size() == stored);  // ... and kept one copy
}

TEST_CASE_METHOD(HubAndKiosk, "a session the hub refuses waits, counted as failed, while the others are delivered", "[sync]") {
  const std::string erased = record(store::ShareScope::Region, 6, false);
  const std::string fine = record(store::ShareScope::Region, 7, false);
  REQUIRE(hub.store->erase(erased));  // forgotten on the hub (asked there), not on the kiosk
  const int queued = pending();

  sync::SyncSummary s = run_sync();
  CHECK(s.reached);
  CHECK(s.refused);
  CHECK_FALSE(s.all_delivered());
  CHECK(s.last_error.find("403") != std::string::npos);
  CHECK(s.sent > 0);
  CHECK(s.sent + s.failed == queued);
  CHECK(hub.stored_ids(fine).size() == size_t(s.sent));
  CHECK(hub.stored_ids(erased).empty());
  KioskDb k(db);
  CHECK(k.counts().failed == s.failed);  // kept and counted, never dropped
  CHECK(k.counts().sent == s.sent);
}

TEST_CASE_METHOD(HubAndKiosk, "forget on the kiosk erases the person on the hub, which then refuses their statements", "[sync]") {
  const std::string code = record(store::ShareScope::Region, 8, false);
  copy_db(db, kiosk.path / "backup.db");
  REQUIRE(run_sync().all_delivered());
  REQUIRE_FALSE(hub.stored_ids(code).empty());

  {
    KioskDb k(db);
    REQUIRE(k.store->forget(code));
    auto queued = k.store->pending_hub_erasures();
    REQUIRE(queued);
    REQUIRE(queued->size() == 1);
  }
  sync::SyncSummary s = run_sync();
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
    KioskDb k(db);
    auto left = k.store->pending_hub_erasures();
    REQUIRE(left);
    CHECK(left->empty());
  }

  // A copy of the kiosk from before the forget sends the person again: the hub refuses them.
  sync::SyncSummary old = sync_db(kiosk.path / "backup.db", sync_options(hub.url(), hub.ca()));
  CHECK(old.refused);
  CHECK(old.sent == 0);
  CHECK(old.last_error.find("403") != std::string::npos);
  CHECK(hub.stored_ids(code).empty());
}

TEST_CASE("the erasure route refuses a missing key and a body that is not a list of codes", "[sync]") {
  test::InProcessHub hub;
  auto anonymous = std::make_unique<httplib::SSLClient>("127.0.0.1", hub.port());
  anonymous->set_ca_cert_path(hub.ca().c_str());
  anonymous->enable_server_certificate_verification(true);
  auto r = anonymous->Post(hub::kErasuresPath, R"({"codes": ["MEE-AAAA-AAA"]})", "application/json");
  REQUIRE(r);
  CHECK(r->status == 401);

  auto c = hub.client();
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

TEST_CASE_METHOD(HubAndKiosk, "the profile rebuilt from the hub's statements after a sync is the kiosk's profile", "[sync]") {
  const std::string code = record(store::ShareScope::Region, 9);
  REQUIRE(run_sync(10).all_delivered());

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
  CHECK(pointer_of(sync_options("http://127.0.0.1:8443", "")) == "--hub");
  CHECK(pointer_of(sync_options("https://", "")) == "--hub");
  CHECK(pointer_of(sync_options("https://hub.example:99999", "")) == "--hub");
  CHECK(pointer_of(sync_options("https://user@hub.example", "")) == "--hub");
  sync::SyncOptions no_key = sync_options("https://hub.example", "");
  no_key.device_key.clear();
  CHECK(pointer_of(no_key) == "--key");
  auto missing_ca = sync::SyncClient::create(sync_options("https://hub.example", "/nonexistent/ca.pem"));
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

TEST_CASE_METHOD(HubAndKiosk, "meeloop sync exits 0 when everything was sent, 1 when the hub is out of reach, 2 for bad arguments", "[sync]") {
  const std::string first = record(store::ShareScope::Region, 10, false);
  const std::string bin = test::sh(test::meeloop_path(MEELOOP_BIN_FALLBACK));
  const std::string common = " --db " + test::sh(db) + " --ca " + test::sh(hub.ca()) + " --home-page " + test::kHomePage;

  auto plain = test::run_command(bin + " sync --hub http://127.0.0.1:1 --key kiosk-a:" + test::kKioskKey + common);
  INFO(plain.output);
  CHECK(plain.code == 2);
  auto no_key = test::run_command(bin + " sync --hub " + hub.url() + common);
  CHECK(no_key.code == 2);
  CHECK(hub.stored_ids(first).empty());

  // The key from standard input, out of the process list.
  auto sent = test::run_command("echo kiosk-a:" + std::string(test::kKioskKey) + " | " + bin + " sync --hub " + hub.url() +
                                " --key -" + common);
  INFO(sent.output);
  CHECK(sent.code == 0);
  const size_t stored = hub.stored_ids(first).size();
  CHECK(stored > 0);
  CHECK(sent.output.find("Sent " + std::to_string(stored) + " statements") != std::string::npos);
  CHECK(sent.output.find(first) == std::string::npos);

  const std::string second = record(store::ShareScope::Region, 11, false);
  auto down = test::run_command(bin + " sync --hub https://127.0.0.1:1 --key kiosk-a:" + test::kKioskKey + common);
  INFO(down.output);
  CHECK(down.code == 1);
  CHECK(down.output.find("Nothing was lost") != std::string::npos);
  CHECK(down.output.find(second) == std::string::npos);
  CHECK(KioskDb(db).counts().failed > 0);
}
