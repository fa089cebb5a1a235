// The hub's retention and its administrator's forget: the sweep (hub/retention_sweep.h) removes
// people whose newest statement is past the configured days (stored times backdated here with SQL)
// at the hub's start and on its interval, keeps recent ones and audits each sweep; the
// configuration's "retention" is checked with pointers; `meeloop hub --forget CODE` as a process
// erases a person, after which a kiosk's sync of that person is refused while others still go.
#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include <chrono>
#include <fstream>
#include <thread>

#include "hub/hub_config.h"
#include "hub/retention_sweep.h"
#include "hub_fixtures.h"
#include "run_meeloop.h"

using namespace meeloop;
using namespace meeloop::test;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// Makes every statement of `code` look `days` days older on the hub.
void backdate(const std::string& database_url, const std::string& code, int days) {
  pqxx::connection c(database_url);
  pqxx::work w(c);
  w.exec_params("UPDATE statements SET stored = stored - make_interval(days => $2) WHERE agent_code = $1", code, days);
  w.commit();
}

std::vector<hub_store::AuditRecord> retention_audits(hub_store::HubStore& store) {
  auto audit = store.recent_audit(100);
  REQUIRE(audit);
  std::vector<hub_store::AuditRecord> out;
  for (auto& a : *audit)
    if (a.entry.action == "retention") out.push_back(a);
  return out;
}

struct Run {
  int code = -1;
  std::string output;  // stdout and stderr
};
Run run_command(const std::string& command) {
  Run r;
  r.code = run_captured(command + " 2>&1", r.output);
  return r;
}

std::string pointer_of(const std::string& json_text) {
  auto c = hub::parse_hub_config(json_text, "/tmp/hub.json");
  REQUIRE_FALSE(c);
  INFO(c.error().to_string());
  CHECK(c.error().kind == ErrorKind::BadInput);
  return c.error().pointer;
}

}  // namespace

TEST_CASE("a hub with retention removes a participant past it when it starts, keeps a recent one and audits the sweep", "[hub][retention]") {
  HubConfigSpec spec;
  spec.extra = {{"retention", {{"days", 365}, {"sweep_every_minutes", 60}}}};
  HubAndKiosk hk(spec);
  REQUIRE(hk.hub.config.retention);
  CHECK(hk.hub.config.retention->days == 365);
  const std::string old_one = hk.record(store::ShareScope::Region, 31, false);
  const std::string recent = hk.record(store::ShareScope::Region, 32, false);
  REQUIRE(hk.run_sync().all_delivered());
  const size_t old_count = hk.hub.stored_ids(old_one).size();
  REQUIRE(old_count > 0);
  const size_t recent_count = hk.hub.stored_ids(recent).size();
  REQUIRE(recent_count > 0);

  // A restart finds one person 400 days old: the sweep at start removes them.
  hk.hub.stop();
  const size_t audits_before = retention_audits(*hk.hub.store).size();
  backdate(hk.hub.database_url, old_one, 400);
  hk.hub.start();
  CHECK(eventually([&] { return hk.hub.stored_ids(old_one).empty(); }));
  CHECK(hk.hub.stored_ids(recent).size() == recent_count);
  REQUIRE(eventually([&] { return retention_audits(*hk.hub.store).size() > audits_before; }));
  const auto audits = retention_audits(*hk.hub.store);
  const Json& detail = audits.front().entry.detail;  // newest first
  INFO(detail.dump());
  CHECK(detail.at("days") == 365);
  CHECK(detail.at("participants") == 1);
  CHECK(detail.at("statements") == old_count);
  CHECK(audits.front().entry.actor == "hub-retention");
  CHECK(audits.front().entry.subject.empty());  // counts only, no code
  CHECK(hk.hub.log_text().find(old_one) == std::string::npos);
}

TEST_CASE("the retention sweep runs again on its interval and stops promptly", "[hub][retention]") {
  HubAndKiosk hk;
  const std::string first = hk.record(store::ShareScope::Region, 33, false);
  const std::string second = hk.record(store::ShareScope::Region, 34, false);
  REQUIRE(hk.run_sync().all_delivered());
  backdate(hk.hub.database_url, first, 40);
  Log log(LogLevel::Off);
  auto sweep = hub::RetentionSweep::start(*hk.hub.store, {30, 300ms}, log);
  CHECK(eventually([&] { return hk.hub.stored_ids(first).empty(); }));
  const size_t kept = hk.hub.stored_ids(second).size();
  CHECK(kept > 0);
  REQUIRE(eventually([&] { return sweep->sweeps() >= 2; }));
  CHECK(hk.hub.stored_ids(second).size() == kept);  // 0 days past: a later sweep keeps them
  // Later the second person is past the limit too: a sweep on the interval, not a restart, takes them.
  backdate(hk.hub.database_url, second, 40);
  CHECK(eventually([&] { return hk.hub.stored_ids(second).empty(); }));
  // A second sweep on the same database (another hub process) finds nothing more to do.
  auto other = hub::RetentionSweep::start(*hk.hub.store, {30, 1h}, log);
  REQUIRE(eventually([&] { return other->sweeps() >= 1; }));
  const auto audits = retention_audits(*hk.hub.store);
  REQUIRE(audits.size() >= 3);
  int participants = 0;
  for (const auto& a : audits) participants += a.entry.detail.at("participants").get<int>();
  CHECK(participants == 2);  // each person removed once, however many sweeps ran
  const auto t0 = std::chrono::steady_clock::now();
  other.reset();
  sweep.reset();
  CHECK(std::chrono::steady_clock::now() - t0 < 5s);
}

TEST_CASE("the hub configuration's retention is checked, with the JSON pointer of a wrong value", "[hub][retention]") {
  const std::string head = R"({
    "database_url": "postgresql://hub@127.0.0.1:5432/meeloop",
    "tls": {"certificate": "hub.crt", "key": "hub.key"},
    "organisations": [], "kiosks": [], "workplaces": "workplaces", )";
  auto ok = hub::parse_hub_config(head + R"("retention": {"days": 30}})", "/tmp/hub.json");
  REQUIRE(ok);
  REQUIRE(ok->retention);
  CHECK(ok->retention->days == 30);
  CHECK(ok->retention->sweep_every_minutes == 60);
  auto none = hub::parse_hub_config(head + R"("limits": {}})", "/tmp/hub.json");
  REQUIRE(none);
  CHECK_FALSE(none->retention);
  CHECK(pointer_of(head + R"("retention": {"days": 0}})") == "/retention/days");
  CHECK(pointer_of(head + R"("retention": {"days": "a year"}})") == "/retention/days");
  CHECK(pointer_of(head + R"("retention": {"sweep_every_minutes": 5}})") == "/retention");  // days is required
  CHECK(pointer_of(head + R"("retention": {"days": 30, "sweep_every_minutes": 0}})") == "/retention/sweep_every_minutes");
  CHECK(pointer_of(head + R"("retention": {"days": 30, "weeks": 2}})") == "/retention/weeks");
  CHECK(pointer_of(head + R"("retention": 365})") == "/retention");
}

TEST_CASE("meeloop hub --forget erases a person on the hub, after which the kiosk's sync of them is refused while others still go", "[hub][retention][forget]") {
  HubAndKiosk hk;
  const std::string gone = hk.record(store::ShareScope::Region, 35, false);
  const std::string stays = hk.record(store::ShareScope::Region, 36, false);
  // A copy from before the sync still has everyone queued, as a kiosk offline for a week would.
  const fs::path later = hk.kiosk.path / "later.db";
  fs::copy_file(hk.db, later);
  for (const char* ext : {"-wal", "-shm"})
    if (fs::exists(hk.db.string() + ext)) fs::copy_file(hk.db.string() + ext, later.string() + ext);
  REQUIRE(hk.run_sync().all_delivered());
  const size_t gone_count = hk.hub.stored_ids(gone).size();
  REQUIRE(gone_count > 0);
  const size_t stays_count = hk.hub.stored_ids(stays).size();

  const std::string bin = meeloop_path(MEELOOP_BIN_FALLBACK) + " hub --config " + hk.hub.config_file().string();
  Run bad = run_command(bin + " --forget not-a-code");
  CHECK(bad.code == 2);
  Run r = run_command(bin + " --forget " + gone + " --reason 'asked the organisation'");
  INFO(r.output);
  REQUIRE(r.code == 0);
  CHECK(r.output.find(std::to_string(gone_count) + " statement") != std::string::npos);
  CHECK(hk.hub.stored_ids(gone).empty());
  CHECK(hk.hub.stored_ids(stays).size() == stays_count);
  auto audit = hk.hub.store->recent_audit(5);
  REQUIRE(audit);
  REQUIRE_FALSE(audit->empty());
  CHECK(audit->front().entry.actor == "hub-cli");
  CHECK(audit->front().entry.action == "erase");
  CHECK(audit->front().entry.subject == gone);
  CHECK(audit->front().entry.detail.value("reason", "") == "asked the organisation");

  // The copy sends both again and a newcomer: the erased person is refused (403), the others go.
  const std::string newcomer = record_visitor(later, store::ShareScope::Region, 37, false);
  sync::SyncSummary s = sync_db(later, sync_options(hk.hub.url(), hk.hub.ca()));
  INFO(s.last_error);
  CHECK(s.refused);
  CHECK(s.last_error.find("403") != std::string::npos);
  CHECK(s.failed == static_cast<int>(gone_count));
  CHECK(hk.hub.stored_ids(gone).empty());
  CHECK(hk.hub.stored_ids(stays).size() == stays_count);
  CHECK_FALSE(hk.hub.stored_ids(newcomer).empty());
}
