// The recruiters' API on the hub (hub/people_routes.h): people synced from a kiosk, seen by the
// recruiters of the organisations they shared with, rebuilt by the kiosk's own profile engine;
// recruiter accounts (Basic auth, rate limit, roles), 404 for what an organisation may not see,
// the audit log, and `meeloop hub --add-recruiter`. Real parts only: a kiosk database filled by
// headless play, a real sync over loopback TLS, a real HubServer on PostgreSQL (hub_fixtures.h).
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <set>
#include <string>
#include <thread>

#include <pqxx/pqxx>

#include "core/password_hash.h"
#include "export_tools.h"
#include "hub_fixtures.h"
#include "profile/workplace.h"
#include "test_settings.h"

using namespace meeloop;
namespace fs = std::filesystem;

namespace {

const std::string kZorgB = "zorg-b";
const std::string kPassword = "lange-zomeravond-op-de-dijk";
const std::string kAdminPassword = "de-thee-staat-om-half-elf";
const httplib::Headers kXapi = {{"X-Experience-API-Version", "1.0.3"}};

// Two organisations, zorg-a's kiosk, the shipped learning workplaces as the region's.
test::HubConfigSpec two_organisations(Json limits = Json::object()) {
  test::HubConfigSpec spec;
  spec.organisations = {{test::kOrganisation, "Zorggroep A"}, {kZorgB, "Zorggroep B"}};
  spec.extra = {{"workplaces", profile::default_workplaces_dir(test::settings().paths.data_root).string()}};
  spec.limits = std::move(limits);
  return spec;
}

// A recruiter account straight in the hub's store; returns its id.
std::string add_account(test::InProcessHub& hub, const std::string& organisation, const std::string& name,
                        hub_store::Role role, const std::string& password) {
  auto hash = hash_password(password);
  REQUIRE(hash);
  REQUIRE(hub.store->upsert_organisation({organisation, organisation}));
  auto account = hub.store->add_recruiter({organisation, name, role, *hash});
  if (!account) FAIL(account.error().to_string());
  return account->id;
}

Json json_of(const httplib::Result& r, int status) {
  REQUIRE(r);
  INFO(r->body);
  REQUIRE(r->status == status);
  return Json::parse(r->body);
}

// What `meeloop export CODE --format json|xapi` writes on the kiosk (xapi: with the kiosk's
// home page, as it syncs).
Json kiosk_export(const fs::path& db, const fs::path& dir, const std::string& code, const std::string& format = "json") {
  const fs::path out = dir / (code + "-kiosk-" + format + ".json");
  auto run = test::run_command(test::sh(test::meeloop_path(MEELOOP_BIN_FALLBACK)) + " export " + code + " --format " +
                               format + " --out " + test::sh(out) + " --db " + test::sh(db) +
                               (format == "xapi" ? " --home-page " + test::sh(test::kHomePage) : ""));
  INFO(run.output);
  REQUIRE(run.code == 0);
  std::ifstream in(out);
  return Json::parse(in);
}

Json without(Json j, std::initializer_list<const char*> keys) {
  for (const char* k : keys) j.erase(k);
  return j;
}

std::set<std::string> listed_codes(const Json& page) {
  std::set<std::string> codes;
  for (const Json& p : page["people"]) codes.insert(p["code"].get<std::string>());
  return codes;
}

std::vector<hub_store::AuditRecord> audit_of(test::InProcessHub& hub, const std::string& code) {
  auto all = hub.store->recent_audit(1000);
  REQUIRE(all);
  std::vector<hub_store::AuditRecord> out;
  for (auto it = all->rbegin(); it != all->rend(); ++it)
    if (it->entry.subject == code) out.push_back(*it);
  return out;
}

}  // namespace

TEST_CASE("A session shared with the region and synced shows another organisation's recruiter the kiosk's own "
          "profile, matches and plan",
          "[hub][people]") {
  test::HubAndKiosk world(two_organisations());
  const std::string code = world.record(store::ShareScope::Region, 41);
  REQUIRE(world.run_sync().all_delivered());
  add_account(world.hub, kZorgB, "recruiter-zorg-b-1", hub_store::Role::Recruiter, kPassword);
  auto b = world.hub.client("recruiter-zorg-b-1", kPassword);

  const Json kiosk = kiosk_export(world.db, world.kiosk.path, code);
  const Json person = json_of(b->Get(("/meeloop/v1/people/" + code).c_str()), 200);
  CHECK(person["matches"] == kiosk["matches"]);
  CHECK(person["plan"] == kiosk["plan"]);
  CHECK(without(person["profile"], {"generated_at"}) == without(kiosk, {"generated_at", "matches", "plan"}));
  CHECK(person["profile"]["participant"]["code"] == code);
  CHECK_FALSE(person["matches"].empty());

  auto download = b->Get(("/meeloop/v1/people/" + code + "/export?format=json").c_str());
  const Json exported = json_of(download, 200);
  CHECK(without(exported, {"generated_at"}) == without(kiosk, {"generated_at"}));
  CHECK(download->get_header_value("Content-Disposition") == "attachment; filename=\"" + code + "-profile.json\"");
  CHECK(download->get_header_value("Cache-Control") == "no-store");

  // The xAPI export rebuilt on the hub is the kiosk's own, statement for statement (the kiosk
  // sends no session starts, so those are rebuilt too), and holds every statement it sent.
  const Json statements = json_of(b->Get(("/meeloop/v1/people/" + code + "/export?format=xapi").c_str()), 200);
  CHECK(statements == kiosk_export(world.db, world.kiosk.path, code, "xapi"));
  std::set<std::string> ids;
  for (const Json& s : statements) ids.insert(s["id"].get<std::string>());
  const auto stored = world.hub.stored_ids(code);
  for (const std::string& id : stored) CHECK(ids.count(id) == 1);

  const Json list = json_of(b->Get("/meeloop/v1/people"), 200);
  REQUIRE(list["people"].size() == 1);
  const Json& p = list["people"][0];
  CHECK(p["code"] == code);
  CHECK(p["scope"] == "region");
  CHECK(p["organisation"] == test::kOrganisation);
  CHECK(p["sessions"] == 2);
  CHECK(p["statements"] == static_cast<int64_t>(stored.size()));
  CHECK(p["first_seen"].get<std::string>() <= p["last_seen"].get<std::string>());
  CHECK(list["more"] == "");
  json_of(b->Get("/meeloop/v1/people/" + code + "/export?format=pdf"), 400);
}

TEST_CASE("A person shared with their own organisation only is 404 for another organisation's recruiter and "
          "missing from its list",
          "[hub][people]") {
  test::HubAndKiosk world(two_organisations());
  const std::string code = world.record(store::ShareScope::Organisation, 42);
  REQUIRE(world.run_sync().all_delivered());
  add_account(world.hub, test::kOrganisation, "recruiter-zorg-a-1", hub_store::Role::Recruiter, kPassword);
  add_account(world.hub, kZorgB, "recruiter-zorg-b-1", hub_store::Role::Recruiter, kPassword);
  add_account(world.hub, kZorgB, "admin-zorg-b", hub_store::Role::OrganisationAdmin, kAdminPassword);
  auto a = world.hub.client("recruiter-zorg-a-1", kPassword);
  auto b = world.hub.client("recruiter-zorg-b-1", kPassword);

  CHECK(json_of(a->Get(("/meeloop/v1/people/" + code).c_str()), 200)["profile"]["participant"]["code"] == code);
  CHECK(listed_codes(json_of(a->Get("/meeloop/v1/people"), 200)) == std::set<std::string>{code});

  const Json hidden = json_of(b->Get(("/meeloop/v1/people/" + code).c_str()), 404);
  const Json unknown = json_of(b->Get("/meeloop/v1/people/MEE-2222-222"), 404);
  CHECK(hidden == unknown);  // nothing tells that the code exists
  json_of(b->Get(("/meeloop/v1/people/" + code + "/export?format=json").c_str()), 404);
  CHECK(json_of(b->Get("/meeloop/v1/people"), 200)["people"].empty());
  json_of(world.hub.client("admin-zorg-b", kAdminPassword)->Post(("/meeloop/v1/people/" + code + "/erase").c_str()), 404);
  CHECK(world.hub.stored_ids(code).size() > 0);
  CHECK(audit_of(world.hub, code).size() == 1);  // zorg-a's one view; the refusals wrote nothing
}

TEST_CASE("The people list pages with more and filters by scope and time", "[hub][people]") {
  test::HubAndKiosk world(two_organisations());
  const std::string region = world.record(store::ShareScope::Region, 43, false);
  const std::string own = world.record(store::ShareScope::Organisation, 44, false);
  REQUIRE(world.run_sync().all_delivered());
  add_account(world.hub, test::kOrganisation, "recruiter-zorg-a-1", hub_store::Role::Recruiter, kPassword);
  auto a = world.hub.client("recruiter-zorg-a-1", kPassword);

  const Json first = json_of(a->Get("/meeloop/v1/people?limit=1"), 200);
  REQUIRE(first["people"].size() == 1);
  const std::string more = first["more"].get<std::string>();
  REQUIRE_FALSE(more.empty());
  const Json second = json_of(a->Get(more.c_str()), 200);
  REQUIRE(second["people"].size() == 1);
  CHECK(second["more"] == "");
  std::set<std::string> both = listed_codes(first);
  both.merge(listed_codes(second));
  CHECK(both == std::set<std::string>{region, own});
  // Newest first: the second page's person was last seen no later than the first's.
  CHECK(second["people"][0]["last_seen"].get<std::string>() <= first["people"][0]["last_seen"].get<std::string>());

  CHECK(listed_codes(json_of(a->Get("/meeloop/v1/people?scope=organisation"), 200)) == std::set<std::string>{own});
  CHECK(listed_codes(json_of(a->Get("/meeloop/v1/people?scope=region"), 200)) == std::set<std::string>{region});
  CHECK(json_of(a->Get("/meeloop/v1/people?since=2999-01-01T00:00:00Z"), 200)["people"].empty());
  CHECK(json_of(a->Get("/meeloop/v1/people?until=2000-01-01T00:00:00Z"), 200)["people"].empty());
  CHECK(listed_codes(json_of(a->Get("/meeloop/v1/people?since=2000-01-01T00:00:00Z"), 200)).size() == 2);
  json_of(a->Get("/meeloop/v1/people?limit=0"), 400);
  json_of(a->Get("/meeloop/v1/people?since=yesterday"), 400);
  json_of(a->Get("/meeloop/v1/people?after=not-a-cursor"), 400);
  json_of(a->Get("/meeloop/v1/people?name=x"), 400);
}

TEST_CASE("A wrong recruiter password is 401 and too many wrong ones from one address are 429, the right one "
          "included",
          "[hub][people]") {
  test::HubAndKiosk world(two_organisations(Json{{"failed_logins", 3}}));
  add_account(world.hub, kZorgB, "recruiter-zorg-b-1", hub_store::Role::Recruiter, kPassword);

  httplib::SSLClient missing("127.0.0.1", world.hub.port());
  missing.set_ca_cert_path(world.hub.ca().c_str());
  auto bare = missing.Get("/meeloop/v1/people");
  REQUIRE(bare);
  CHECK(bare->status == 401);
  CHECK(bare->get_header_value("WWW-Authenticate").rfind("Basic", 0) == 0);
  // A kiosk's device key is no recruiter account.
  json_of(world.hub.client()->Get("/meeloop/v1/people"), 401);
  json_of(world.hub.client("recruiter-zorg-b-1", kPassword + "x")->Get("/meeloop/v1/people"), 401);
  json_of(world.hub.client("nobody-here", kPassword)->Get("/meeloop/v1/people"), 401);
  auto limited = world.hub.client("recruiter-zorg-b-1", kPassword)->Get("/meeloop/v1/people");
  json_of(limited, 429);
  CHECK(std::stoi(limited->get_header_value("Retry-After")) >= 1);
}

TEST_CASE("A recruiter cannot erase, an organisation administrator can, and later syncs of the code are refused",
          "[hub][people]") {
  test::HubAndKiosk world(two_organisations());
  const std::string code = world.record(store::ShareScope::Region, 45, false);
  REQUIRE(world.run_sync().all_delivered());
  add_account(world.hub, kZorgB, "recruiter-zorg-b-1", hub_store::Role::Recruiter, kPassword);
  add_account(world.hub, kZorgB, "admin-zorg-b", hub_store::Role::OrganisationAdmin, kAdminPassword);
  add_account(world.hub, kZorgB, "coordinator", hub_store::Role::RegionalCoordinator, kPassword);
  auto recruiter = world.hub.client("recruiter-zorg-b-1", kPassword);
  auto admin = world.hub.client("admin-zorg-b", kAdminPassword);
  const std::string path = "/meeloop/v1/people/" + code;

  // A regional coordinator sees aggregates only (issue 19), never one person.
  json_of(world.hub.client("coordinator", kPassword)->Get("/meeloop/v1/people"), 403);
  json_of(world.hub.client("coordinator", kPassword)->Get(path.c_str()), 403);

  json_of(recruiter->Post((path + "/erase").c_str()), 403);
  json_of(recruiter->Get(path.c_str()), 200);
  const Json statements = json_of(recruiter->Get((path + "/export?format=xapi").c_str()), 200);
  REQUIRE_FALSE(statements.empty());

  const size_t stored = world.hub.stored_ids(code).size();
  REQUIRE(stored > 0);
  const Json erased = json_of(admin->Post((path + "/erase").c_str()), 200);
  CHECK(erased["erased"] == code);
  CHECK(erased["statements"] == static_cast<int64_t>(stored));
  json_of(recruiter->Get(path.c_str()), 404);
  CHECK(json_of(recruiter->Get("/meeloop/v1/people"), 200)["people"].empty());
  CHECK(world.hub.stored_ids(code).empty());
  CHECK(world.hub.store->is_erased(code).value());
  // The kiosk sending the person again is refused.
  Json again = statements[0];
  auto resent = world.hub.client()->Post("/xapi/statements", kXapi, again.dump(), "application/json");
  json_of(resent, 403);
  CHECK(world.hub.stored_ids(code).empty());
}

TEST_CASE("Each view, export and erasure leaves exactly one audit entry with the account id, and the hub log holds "
          "no password, name or code",
          "[hub][people]") {
  test::HubAndKiosk world(two_organisations());
  const std::string code = world.record(store::ShareScope::Region, 46, false);
  REQUIRE(world.run_sync().all_delivered());
  const std::string admin_id =
      add_account(world.hub, kZorgB, "admin-zorg-b", hub_store::Role::OrganisationAdmin, kAdminPassword);
  auto admin = world.hub.client("admin-zorg-b", kAdminPassword);
  const std::string path = "/meeloop/v1/people/" + code;

  json_of(admin->Get("/meeloop/v1/people"), 200);  // a list shows codes, no profile: no entry
  json_of(admin->Get(path.c_str()), 200);
  json_of(admin->Get((path + "/export?format=json").c_str()), 200);
  json_of(admin->Get((path + "/export?format=xapi").c_str()), 200);
  json_of(admin->Post((path + "/erase").c_str()), 200);
  json_of(admin->Get(path.c_str()), 404);  // gone: nothing seen, nothing recorded

  const auto entries = audit_of(world.hub, code);
  REQUIRE(entries.size() == 4);
  const char* actions[] = {"view", "export", "export", "erase"};
  for (size_t i = 0; i < entries.size(); ++i) {
    CHECK(entries[i].entry.action == actions[i]);
    CHECK(entries[i].entry.actor == admin_id);
    CHECK(entries[i].entry.organisation == kZorgB);
  }
  CHECK(entries[1].entry.detail["format"] == "json");
  CHECK(entries[2].entry.detail["format"] == "xapi");

  // httplib logs a request after its answer is on the wire: wait for the erasure's line.
  std::string log;
  for (int i = 0; i < 100; ++i) {
    log = world.hub.log_text();
    if (log.find("POST /meeloop/v1/people/{code}/erase 200") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  INFO(log);
  CHECK(log.find("GET /meeloop/v1/people/{code} 200") != std::string::npos);
  CHECK(log.find("account " + admin_id) != std::string::npos);
  CHECK(log.find(code) == std::string::npos);
  CHECK(log.find("admin-zorg-b") == std::string::npos);
  CHECK(log.find(kAdminPassword) == std::string::npos);
}

TEST_CASE("meeloop hub --add-recruiter refuses a short or common password with exit 2 and stores only the hash of "
          "a good one",
          "[hub][people][cli]") {
  test::InProcessHub hub(two_organisations());
  const std::string bin = test::sh(test::meeloop_path(MEELOOP_BIN_FALLBACK));
  auto add = [&](const std::string& who, const std::string& role, const std::string& password) {
    return test::run_command("printf '%s\\n' " + test::sh(password) + " | " + bin + " hub --config " +
                             test::sh(hub.config_file()) + " --add-recruiter " + who + " --role " + role);
  };
  auto short_one = add("zorg-b:recruiter-zorg-b-2", "recruiter", "kort-1234");
  INFO(short_one.output);
  CHECK(short_one.code == 2);
  CHECK(short_one.output.find("at least 12 characters") != std::string::npos);
  auto common = add("zorg-b:recruiter-zorg-b-2", "recruiter", "Wachtwoord2024!");
  INFO(common.output);
  CHECK(common.code == 2);
  CHECK(common.output.find("common") != std::string::npos);
  CHECK(add("zorg-b:recruiter-zorg-b-2", "recruiter", "123456789012").code == 2);
  CHECK(add("zorg-b:recruiter-zorg-b-2", "chef", kPassword).code == 2);
  CHECK(add("zorg-x:recruiter-zorg-b-2", "recruiter", kPassword).code == 2);
  CHECK_FALSE(hub.store->recruiter_by_name("recruiter-zorg-b-2").value().has_value());

  auto good = add("zorg-b:recruiter-zorg-b-2", "organisation_admin", kPassword);
  INFO(good.output);
  REQUIRE(good.code == 0);
  auto account = hub.store->recruiter_by_name("recruiter-zorg-b-2").value();
  REQUIRE(account.has_value());
  CHECK(account->organisation == kZorgB);
  CHECK(account->role == hub_store::Role::OrganisationAdmin);
  CHECK(is_password_hash(account->password_hash));
  CHECK(account->password_hash.find(kPassword) == std::string::npos);
  CHECK(good.output.find(account->id) != std::string::npos);
  CHECK(good.output.find(kPassword) == std::string::npos);
  // The account works, and a name is taken once.
  json_of(hub.client("recruiter-zorg-b-2", kPassword)->Get("/meeloop/v1/people"), 200);
  CHECK(add("zorg-b:recruiter-zorg-b-2", "recruiter", "nog-een-heel-ander-wachtwoord").code == 2);
}

TEST_CASE("A person with a few hundred statements is served whole from the hub", "[hub][people]") {
  test::HubAndKiosk world(two_organisations());
  const std::string code = world.record(store::ShareScope::Region, 47, false);
  // The same visitor plays the living room again and again at the kiosk.
  const fs::path scene = test::settings().paths.data_root / "scenes" / "huiskamer";
  for (int i = 0; i < 14; ++i) {
    auto run = test::run_command(test::sh(test::meeloop_path(MEELOOP_BIN_FALLBACK)) + " play " + test::sh(scene) +
                                 " --headless --choices " + test::sh(scene / "demo-visitor.txt") + " --participant " +
                                 code + " --db " + test::sh(world.db));
    INFO(run.output);
    REQUIRE(run.code == 0);
  }
  for (int i = 0; i < 10 && world.pending() > 0; ++i) REQUIRE(world.run_sync().all_delivered());
  const size_t stored = world.hub.stored_ids(code).size();
  CHECK(stored >= 200);
  add_account(world.hub, test::kOrganisation, "recruiter-zorg-a-1", hub_store::Role::Recruiter, kPassword);
  auto a = world.hub.client("recruiter-zorg-a-1", kPassword);
  const Json person = json_of(a->Get(("/meeloop/v1/people/" + code).c_str()), 200);
  CHECK(person["profile"]["summary"]["sessions"] == 15);
  const Json kiosk = kiosk_export(world.db, world.kiosk.path, code);
  CHECK(person["matches"] == kiosk["matches"]);
  CHECK(person["plan"] == kiosk["plan"]);
}

TEST_CASE("A view whose audit entry cannot be written is 503 and shows nothing", "[hub][people]") {
  test::HubAndKiosk world(two_organisations());
  const std::string code = world.record(store::ShareScope::Region, 48, false);
  REQUIRE(world.run_sync().all_delivered());
  add_account(world.hub, kZorgB, "admin-zorg-b", hub_store::Role::OrganisationAdmin, kAdminPassword);
  auto admin = world.hub.client("admin-zorg-b", kAdminPassword);
  const std::string path = "/meeloop/v1/people/" + code;
  {
    // The audit log refuses views and exports from here on, as a full or broken disk would.
    pqxx::connection c(world.hub.database_url);
    pqxx::work w(c);
    w.exec("ALTER TABLE audit_log ADD CONSTRAINT test_refuses CHECK (action NOT IN ('view', 'export'))");
    w.commit();
  }
  auto view = admin->Get(path.c_str());
  const Json refused = json_of(view, 503);
  CHECK(view->body.find("\"profile\"") == std::string::npos);
  CHECK(refused["error"]["message"].get<std::string>().find("audit") != std::string::npos);
  json_of(admin->Get((path + "/export?format=json").c_str()), 503);
  CHECK(audit_of(world.hub, code).empty());
}
