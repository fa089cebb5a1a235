// The regional hub's PostgreSQL store (engine/hub_store) against a real private PostgreSQL
// cluster (tests/pg_cluster.h): migrations, idempotent inserts, paging, filters, erasure,
// retention, two stores on one database, and a server restarted or killed under a store.
#include <catch2/catch.hpp>

#include <pqxx/pqxx>

#include <algorithm>
#include <barrier>
#include <cctype>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/uuid.h"
#include "hub_store/hub_store.h"
#include "hub_store/migrations.h"
#include "pg_cluster.h"

using namespace meeloop;
using namespace meeloop::hub_store;
using meeloop::test::shared_pg_cluster;

namespace {

const char* kHomePage = "https://kiosk.example/huize-zonneweide";
const char* kArgonHash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";

std::string id_of(const std::string& name) { return format_uuid(uuid_v5(kMeeloopNamespace, "hub-test|" + name)); }

Json statement(const std::string& code, int n, const std::string& registration = "") {
  Json s = {
      {"id", id_of(code + "|" + std::to_string(n))},
      {"actor", {{"objectType", "Agent"}, {"account", {{"homePage", kHomePage}, {"name", code}}}}},
      {"verb", {{"id", "http://adlnet.gov/expapi/verbs/answered"}, {"display", {{"en-US", "answered"}}}}},
      {"object", {{"objectType", "Activity"}, {"id", "https://meeloop.example/xapi/step/" + std::to_string(n)}}},
      {"result",
       {{"response", "choice-" + std::to_string(n)}, {"extensions", {{"https://meeloop.example/xapi/seconds", 1.5}}}}},
      {"timestamp", "2026-12-07T10:00:00.000Z"}};
  if (!registration.empty()) s["context"]["registration"] = registration;
  return s;
}

IncomingStatement incoming(Json s, const std::string& organisation = "zonneweide",
                           const std::string& scope = "region") {
  return {std::move(s), organisation, scope, "kiosk-1"};
}

HubStore open_ok(const std::string& url) {
  auto store = HubStore::open(url);
  INFO((store ? "" : store.error().to_string()));
  REQUIRE(store);
  return std::move(store).value();
}

InsertReport insert_ok(HubStore& store, const std::vector<IncomingStatement>& batch) {
  auto r = store.insert_statements(batch);
  INFO((r ? "" : r.error().to_string()));
  REQUIRE(r);
  return r.value();
}

int64_t count_rows(const std::string& url, const std::string& sql) {
  pqxx::connection c(url);
  pqxx::work w(c);
  return w.exec1(sql)[0].as<int64_t>();
}

std::vector<std::string> ids(const std::vector<StoredStatement>& statements) {
  std::vector<std::string> out;
  for (const auto& s : statements) out.push_back(s.id);
  return out;
}

}  // namespace

TEST_CASE("hub stores opening a fresh database at the same moment migrate it once") {
  auto& cluster = shared_pg_cluster();
  // Several rounds: a race that is missed once is caught in another.
  for (int round = 0; round < 3; ++round) {
    const std::string url = cluster.fresh_database();
    constexpr int kProcesses = 4;
    std::barrier start(kProcesses);
    std::vector<std::string> errors(kProcesses);
    std::vector<std::thread> hubs;
    for (int i = 0; i < kProcesses; ++i)
      hubs.emplace_back([&, i] {
        start.arrive_and_wait();
        auto store = HubStore::open(url);
        if (!store) errors[i] = store.error().to_string();
      });
    for (auto& t : hubs) t.join();
    for (const auto& e : errors) CHECK(e == "");
    const auto migrations = static_cast<int64_t>(hub_migrations().size());
    CHECK(count_rows(url, "SELECT count(*) FROM schema_migrations") == migrations);
    auto version = schema_version(url);
    REQUIRE(version);
    CHECK(version.value() == migrations);
  }
}

TEST_CASE("a failed migration is rolled back whole and leaves the schema version unchanged") {
  const std::string url = shared_pg_cluster().fresh_database();
  auto version = schema_version(url);
  REQUIRE(version);
  CHECK(version.value() == 0);
  REQUIRE(migrate(url, hub_migrations()));
  const int current = static_cast<int>(hub_migrations().size());

  auto broken = hub_migrations();
  broken.push_back({current + 1, "half done", "CREATE TABLE half_done (x integer); SELECT * FROM no_such_table;"});
  auto failed = migrate(url, broken);
  REQUIRE_FALSE(failed);
  CHECK(failed.error().kind == ErrorKind::Failure);
  CHECK_THAT(failed.error().message, Catch::Contains("migration " + std::to_string(current + 1) + " (half done)"));
  version = schema_version(url);
  REQUIRE(version);
  CHECK(version.value() == current);
  CHECK(count_rows(url, "SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'") == 0);

  auto fixed = hub_migrations();
  fixed.push_back({current + 1, "whole", "CREATE TABLE half_done (x integer);"});
  REQUIRE(migrate(url, fixed));
  CHECK(schema_version(url).value() == current + 1);
  // The hub's own list is older than this database now: refused, not run against unknown tables.
  auto older = HubStore::open(url);
  REQUIRE_FALSE(older);
  CHECK_THAT(older.error().message, Catch::Contains("newer than this hub knows"));
}

TEST_CASE("the same statement twice is stored once and the same id with other content is a conflict") {
  const std::string url = shared_pg_cluster().fresh_database();
  HubStore store = open_ok(url);
  const Json first = statement("MEE-AAAA-01", 1);

  auto report = insert_ok(store, {incoming(first)});
  CHECK(report.committed);
  CHECK(report.outcomes == std::vector<Outcome>{Outcome::Stored});

  // Sent again, with the properties an LRS adds, keys in another order and the id in upper case:
  // the same statement.
  Json again = Json::parse(R"({"timestamp": "2026-12-07T10:00:00.000Z", "version": "1.0.3",
                               "stored": "2026-12-08T00:00:00Z", "authority": {"mbox": "mailto:lrs@example.org"}})");
  for (const auto& [key, value] : first.items())
    if (key != "timestamp") again[key] = value;
  std::string upper = first["id"].get<std::string>();
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  again["id"] = upper;
  report = insert_ok(store, {incoming(again)});
  CHECK(report.committed);
  CHECK(report.outcomes == std::vector<Outcome>{Outcome::AlreadyStored});

  Json other = first;
  other["result"]["response"] = "a different choice";
  const Json fresh = statement("MEE-AAAA-01", 2);
  report = insert_ok(store, {incoming(fresh), incoming(other)});
  CHECK_FALSE(report.committed);
  CHECK(report.outcomes == std::vector<Outcome>{Outcome::Stored, Outcome::Conflict});
  // All or nothing: the new statement of the refused batch was not written either.
  auto missing = store.statement(fresh["id"].get<std::string>());
  REQUIRE(missing);
  CHECK_FALSE(missing.value().has_value());

  // One id twice in one batch: written once.
  report = insert_ok(store, {incoming(fresh), incoming(fresh)});
  CHECK(report.committed);
  CHECK(report.outcomes == std::vector<Outcome>{Outcome::Stored, Outcome::AlreadyStored});
  CHECK(count_rows(url, "SELECT count(*) FROM statements") == 2);

  auto kept = store.statement(first["id"].get<std::string>());
  REQUIRE(kept);
  REQUIRE(kept.value().has_value());
  CHECK(kept.value()->statement["result"]["response"] == "choice-1");
  CHECK_FALSE(kept.value()->statement.contains("stored"));
  CHECK(kept.value()->organisation == "zonneweide");
  CHECK(kept.value()->scope == "region");
}

TEST_CASE("statements the hub cannot file are refused with a JSON pointer and nothing is written") {
  const std::string url = shared_pg_cluster().fresh_database();
  HubStore store = open_ok(url);
  Json no_account = statement("MEE-BBBB-01", 2);
  no_account["actor"] = {{"mbox", "mailto:someone@example.org"}};
  auto r = store.insert_statements({incoming(statement("MEE-BBBB-01", 1)), incoming(no_account)});
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::BadInput);
  CHECK(r.error().pointer == "/1/actor/account/name");

  Json bad_id = statement("MEE-BBBB-01", 3);
  bad_id["id"] = "not-a-uuid";
  r = store.insert_statements({incoming(bad_id)});
  REQUIRE_FALSE(r);
  CHECK(r.error().pointer == "/0/id");

  Json bad_time = statement("MEE-BBBB-01", 4);
  bad_time["timestamp"] = "yesterday";
  r = store.insert_statements({incoming(bad_time)});
  REQUIRE_FALSE(r);
  CHECK(r.error().pointer == "/0/timestamp");

  r = store.insert_statements({incoming(statement("MEE-BBBB-01", 5), "zonneweide", "none")});
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::BadInput);
  CHECK_THAT(r.error().message, Catch::Contains("only shared profiles"));
  CHECK(count_rows(url, "SELECT count(*) FROM statements") == 0);
}

TEST_CASE("paging through 1000 statements with limit 100 returns each exactly once in order") {
  const std::string url = shared_pg_cluster().fresh_database();
  HubStore store = open_ok(url);
  std::vector<std::string> sent;
  for (int batch = 0; batch < 10; ++batch) {
    std::vector<IncomingStatement> statements;
    for (int i = 0; i < 100; ++i) {
      Json s = statement("MEE-PAGE-" + std::to_string(i % 7), batch * 100 + i);
      sent.push_back(s["id"].get<std::string>());
      statements.push_back(incoming(std::move(s)));
    }
    REQUIRE(insert_ok(store, statements).committed);
  }

  for (bool ascending : {true, false}) {
    StatementFilter filter;
    filter.limit = 100;
    filter.ascending = ascending;
    std::vector<std::string> got;
    int pages = 0;
    for (;;) {
      auto page = store.query_statements(filter);
      REQUIRE(page);
      REQUIRE(page.value().statements.size() <= 100);
      for (const auto& s : page.value().statements) got.push_back(s.id);
      ++pages;
      if (page.value().more.empty()) break;
      REQUIRE(pages < 20);
      filter.after = page.value().more;
    }
    CHECK(pages == 10);
    std::vector<std::string> expected = sent;
    if (!ascending) std::reverse(expected.begin(), expected.end());
    CHECK(got == expected);
  }

  StatementFilter forged;
  forged.after = "1; DROP TABLE statements";
  auto refused = store.query_statements(forged);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().kind == ErrorKind::BadInput);
}

TEST_CASE("since, until, agent, registration and organisation filters select the right statements") {
  const std::string url = shared_pg_cluster().fresh_database();
  HubStore store = open_ok(url);
  const std::string session = id_of("session-a");
  REQUIRE(
      insert_ok(store, {incoming(statement("MEE-SINC-AA", 1, session)), incoming(statement("MEE-SINC-AA", 2, session))})
          .committed);
  std::this_thread::sleep_for(std::chrono::milliseconds(30));  // stored times are kept to the ms
  REQUIRE(insert_ok(store, {incoming(statement("MEE-SINC-BB", 1), "de-linde", "organisation")}).committed);

  auto a = store.statements_of("MEE-SINC-AA");
  REQUIRE(a);
  REQUIRE(a.value().size() == 2);
  const std::string first_stored = a.value()[0].stored;
  auto b = store.statements_of("MEE-SINC-BB");
  REQUIRE(b);
  REQUIRE(b.value().size() == 1);
  CHECK(b.value()[0].stored > first_stored);

  auto query = [&](StatementFilter f) {
    f.ascending = true;
    auto page = store.query_statements(f);
    INFO((page ? "" : page.error().to_string()));
    REQUIRE(page);
    return ids(page.value().statements);
  };
  StatementFilter since;
  since.since = first_stored;  // exclusive
  CHECK(query(since) == ids(b.value()));
  StatementFilter until;
  until.until = first_stored;  // inclusive
  CHECK(query(until) == ids(a.value()));
  StatementFilter agent;
  agent.agent_code = "MEE-SINC-AA";
  agent.agent_home_page = kHomePage;
  CHECK(query(agent) == ids(a.value()));
  agent.agent_home_page = "https://another-installation.example";
  CHECK(query(agent).empty());
  StatementFilter registration;
  registration.registration = session;
  CHECK(query(registration) == ids(a.value()));
  // De Linde shared B with its own organisation only: Zonneweide sees the region's statements.
  StatementFilter zonneweide;
  zonneweide.visible_to = "zonneweide";
  CHECK(query(zonneweide) == ids(a.value()));
  StatementFilter linde;
  linde.visible_to = "de-linde";
  CHECK(query(linde).size() == 3);

  StatementFilter bad;
  bad.since = "yesterday";
  auto refused = store.query_statements(bad);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().kind == ErrorKind::BadInput);
  CHECK_THAT(refused.error().message, Catch::Contains("since"));
}

TEST_CASE("erasing a code deletes its statements, is audited and refuses its later statements") {
  const std::string url = shared_pg_cluster().fresh_database();
  HubStore store = open_ok(url);
  REQUIRE(insert_ok(store, {incoming(statement("MEE-GONE-01", 1)), incoming(statement("MEE-GONE-01", 2)),
                            incoming(statement("MEE-STAY-01", 1))})
              .committed);
  AuditEntry audit{"recruiter-7", "zonneweide", "erase", "MEE-GONE-01"};
  auto erased = store.erase("MEE-GONE-01", audit);
  REQUIRE(erased);
  CHECK(erased.value() == 2);
  CHECK(store.is_erased("MEE-GONE-01").value());
  CHECK_FALSE(store.is_erased("MEE-STAY-01").value());
  CHECK(store.statements_of("MEE-GONE-01").value().empty());
  CHECK(store.statements_of("MEE-STAY-01").value().size() == 1);

  auto report = insert_ok(store, {incoming(statement("MEE-STAY-01", 2)), incoming(statement("MEE-GONE-01", 3))});
  CHECK_FALSE(report.committed);
  CHECK(report.outcomes == std::vector<Outcome>{Outcome::Stored, Outcome::Erased});
  CHECK(store.statements_of("MEE-GONE-01").value().empty());
  CHECK(store.statements_of("MEE-STAY-01").value().size() == 1);

  auto log = store.recent_audit(10);
  REQUIRE(log);
  REQUIRE(log.value().size() == 1);
  CHECK(log.value()[0].entry.action == "erase");
  CHECK(log.value()[0].entry.subject == "MEE-GONE-01");
  CHECK(log.value()[0].entry.actor == "recruiter-7");
  // Erasing again is harmless.
  CHECK(store.erase("MEE-GONE-01").value() == 0);
}

TEST_CASE("a second hub store on the same database sees the first one's writes") {
  const std::string url = shared_pg_cluster().fresh_database();
  HubStore first = open_ok(url);
  HubStore second = open_ok(url);
  REQUIRE(first.upsert_organisation({"zonneweide", "Huize Zonneweide"}));
  REQUIRE(first.upsert_device({"kiosk-1", "zonneweide", kArgonHash}));
  REQUIRE(insert_ok(first, {incoming(statement("MEE-TWO-01", 1))}).committed);
  REQUIRE(first.append_audit({"recruiter-1", "zonneweide", "view", "MEE-TWO-01"}));

  auto device = second.device("kiosk-1");
  REQUIRE(device);
  REQUIRE(device.value().has_value());
  CHECK(device.value()->organisation == "zonneweide");
  CHECK(device.value()->key_hash == kArgonHash);
  CHECK(second.statements_of("MEE-TWO-01").value().size() == 1);
  CHECK(second.insert_statements({incoming(statement("MEE-TWO-01", 1))}).value().outcomes ==
        std::vector<Outcome>{Outcome::AlreadyStored});
  CHECK(second.recent_audit(5).value().at(0).entry.action == "view");
  REQUIRE(second.erase("MEE-TWO-01"));
  CHECK(first.insert_statements({incoming(statement("MEE-TWO-01", 9))}).value().outcomes ==
        std::vector<Outcome>{Outcome::Erased});
}

TEST_CASE("two hub stores sending the same statements at once store each one once") {
  const std::string url = shared_pg_cluster().fresh_database();
  HubStore first = open_ok(url);
  HubStore second = open_ok(url);
  std::vector<IncomingStatement> all;
  for (int i = 0; i < 300; ++i) all.push_back(incoming(statement("MEE-RACE-" + std::to_string(i % 5), i)));
  std::barrier start(2);
  std::vector<std::string> errors(2);
  auto send = [&](HubStore& store, int who) {
    start.arrive_and_wait();
    for (size_t i = 0; i < all.size(); i += 50) {
      std::vector<IncomingStatement> batch(all.begin() + i, all.begin() + i + 50);
      auto r = store.insert_statements(batch);
      if (!r)
        errors[who] = r.error().to_string();
      else if (!r.value().committed)
        errors[who] = "a batch was refused";
    }
  };
  std::thread a(send, std::ref(first), 0), b(send, std::ref(second), 1);
  a.join();
  b.join();
  CHECK(errors[0] == "");
  CHECK(errors[1] == "");
  CHECK(count_rows(url, "SELECT count(*) FROM statements") == 300);
}

TEST_CASE("kiosk devices are stored with an Argon2id hash only, for a known organisation") {
  HubStore store = open_ok(shared_pg_cluster().fresh_database());
  REQUIRE(store.upsert_organisation({"zonneweide", "Huize Zonneweide"}));
  auto plain = store.upsert_device({"kiosk-1", "zonneweide", "correct horse battery staple"});
  REQUIRE_FALSE(plain);
  CHECK(plain.error().kind == ErrorKind::BadInput);
  CHECK(plain.error().pointer == "/key_hash");
  auto unknown = store.upsert_device({"kiosk-1", "nowhere", kArgonHash});
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().pointer == "/organisation");
  CHECK_FALSE(store.device("kiosk-1").value().has_value());
  REQUIRE(store.upsert_device({"kiosk-1", "zonneweide", kArgonHash}));
  CHECK(store.device("kiosk-1").value().has_value());
  REQUIRE(store.upsert_organisation({"zonneweide", "Zonneweide (renamed)"}));
  auto organisations = store.organisations();
  REQUIRE(organisations);
  REQUIRE(organisations.value().size() == 1);
  CHECK(organisations.value()[0].name == "Zonneweide (renamed)");
}

TEST_CASE("retention removes whole participants whose newest statement is older than the limit") {
  const std::string url = shared_pg_cluster().fresh_database();
  HubStore store = open_ok(url);
  REQUIRE(insert_ok(store, {incoming(statement("MEE-OLD-01", 1)), incoming(statement("MEE-OLD-01", 2)),
                            incoming(statement("MEE-MIX-01", 1)), incoming(statement("MEE-MIX-01", 2))})
              .committed);
  {
    pqxx::connection c(url);
    pqxx::work w(c);
    w.exec("UPDATE statements SET stored = now() - interval '40 days' WHERE agent_code = 'MEE-OLD-01'");
    // One old statement of a person still active: the person stays whole.
    w.exec(
        "UPDATE statements SET stored = now() - interval '40 days' WHERE id = (SELECT id FROM statements "
        "WHERE agent_code = 'MEE-MIX-01' ORDER BY seq LIMIT 1)");
    w.commit();
  }
  auto removed = store.remove_older_than(30);
  REQUIRE(removed);
  CHECK(removed.value().participants == 1);
  CHECK(removed.value().statements == 2);
  CHECK(store.statements_of("MEE-OLD-01").value().empty());
  CHECK(store.statements_of("MEE-MIX-01").value().size() == 2);
  CHECK_FALSE(store.is_erased("MEE-OLD-01").value());  // retention is not a refusal
  auto zero = store.remove_older_than(0);
  REQUIRE_FALSE(zero);
  CHECK(zero.error().kind == ErrorKind::BadInput);
}

TEST_CASE("a restarted PostgreSQL keeps its data and the store reconnects on its own") {
  auto& cluster = shared_pg_cluster();
  const std::string url = cluster.fresh_database();
  HubStore store = open_ok(url);
  REQUIRE(insert_ok(store, {incoming(statement("MEE-REST-01", 1))}).committed);

  cluster.restart();
  // The pooled connection died with the old server; the store notices and opens a new one.
  auto report = store.insert_statements({incoming(statement("MEE-REST-01", 1)), incoming(statement("MEE-REST-01", 2))});
  INFO((report ? "" : report.error().to_string()));
  REQUIRE(report);
  CHECK(report.value().outcomes == std::vector<Outcome>{Outcome::AlreadyStored, Outcome::Stored});

  cluster.kill();
  auto down = store.statements_of("MEE-REST-01");
  REQUIRE_FALSE(down);
  CHECK(down.error().kind == ErrorKind::Failure);
  CHECK_THAT(down.error().message, Catch::Contains("cannot be reached"));
  cluster.start();
  auto back = store.statements_of("MEE-REST-01");
  INFO((back ? "" : back.error().to_string()));
  REQUIRE(back);
  CHECK(back.value().size() == 2);
}

TEST_CASE("a hub database that cannot be reached is a Failure naming where, without the password") {
  auto& cluster = shared_pg_cluster();
  // A port of this cluster's own while it is stopped: certainly nobody listening.
  const std::string url = "postgresql://meeloop:s3cret-password@127.0.0.1:" + std::to_string(cluster.port()) + "/hub";
  cluster.stop();
  auto store = HubStore::open(url);
  cluster.start();
  REQUIRE_FALSE(store);
  CHECK(store.error().kind == ErrorKind::Failure);
  CHECK_THAT(store.error().message, Catch::Contains("127.0.0.1:" + std::to_string(cluster.port()) + "/hub"));
  CHECK_THAT(store.error().message, Catch::Contains("cannot be reached"));
  CHECK_THAT(store.error().message, !Catch::Contains("s3cret"));
}
