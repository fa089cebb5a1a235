// The hub's HTTPS server end to end: a test CA and a server certificate, a real HubServer on a
// free loopback port, and httplib's SSLClient verifying the CA, over the PostgreSQL store in a
// private cluster, a fresh database per test (hub_fixtures.h).
// The last cases start `meeloop hub` processes; one lets the npm @xapi/xapi library
// (tests/xapi/hub-client.js) talk to it, a client no one here wrote.
#include <httplib.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <thread>

#include "core/password_hash.h"
#include "export_tools.h"
#include "hub/hub_config.h"
#include "hub/xapi_request.h"
#include "hub_fixtures.h"

using namespace meeloop;
using namespace meeloop::hub;

namespace {

// Two organisations with a kiosk each, both with the test key.
test::HubConfigSpec two_organisations(Json limits) {
  test::HubConfigSpec spec;
  spec.organisations.push_back({"zorg-b", "Zorggroep B"});
  spec.kiosks.push_back({"kiosk-b", "zorg-b", test::kKioskKey});
  spec.limits = std::move(limits);
  return spec;
}

// One hub on a free loopback port, serving on a thread until the test ends, with limits small
// enough for the cases to reach.
struct RunningHub : test::InProcessHub {
  RunningHub() : InProcessHub(two_organisations({{"max_body_bytes", 4096}, {"failed_logins", 3}, {"page_size", 2}})) {}

  size_t stored_count(const std::string& code = "MEE-1234") { return stored_ids(code).size(); }
};

const httplib::Headers kXapi = {{"X-Experience-API-Version", "1.0.3"}};

std::string statement(const std::string& id, const std::string& code = "MEE-1234", const std::string& verb = "answered") {
  Json s = {{"actor", {{"objectType", "Agent"}, {"account", {{"homePage", "https://meeloop.example/xapi"}, {"name", code}}}}},
            {"verb", {{"id", "http://adlnet.gov/expapi/verbs/" + verb}}},
            {"object", {{"objectType", "Activity"}, {"id", "https://meeloop.example/xapi/scenes/huiskamer"}}}};
  if (!id.empty()) s["id"] = id;
  return s.dump();
}

const char* kId1 = "6f1c2f0e-3a7b-4d2c-9a55-0c7e1d0a1b01";

Json body_of(const httplib::Result& r) {
  REQUIRE(r);
  return Json::parse(r->body);
}

}  // namespace

TEST_CASE("A password hash verifies its own secret and no other", "[hub]") {
  auto hash = hash_password("482913");
  REQUIRE(hash);
  CHECK(is_password_hash(*hash));
  CHECK(verify_password(*hash, "482913"));
  CHECK_FALSE(verify_password(*hash, "482914"));
  CHECK_FALSE(verify_password(*hash, ""));
  CHECK_FALSE(verify_password("482913", "482913"));
  CHECK_FALSE(is_password_hash("482913"));
  auto again = hash_password("482913");
  REQUIRE(again);
  CHECK(*again != *hash);  // salted
}

TEST_CASE("The hub configuration reads every field and names the pointer of a wrong one", "[hub]") {
  test::HubConfigSpec spec = two_organisations(Json::object());
  spec.database_url = "postgresql://hub@127.0.0.1:5432/meeloop";
  const Json config = Json::parse(test::hub_config_json(spec));
  const std::filesystem::path file = "/etc/meeloop/hub.json";
  auto good = parse_hub_config(config.dump(), file);
  REQUIRE(good);
  CHECK(good->port == 0);
  CHECK(good->tls_certificate == "/etc/meeloop/hub.crt");
  CHECK(good->workplaces == "/etc/meeloop/workplaces");
  REQUIRE(good->find_kiosk("kiosk-b"));
  CHECK(good->find_kiosk("kiosk-b")->organisation == "zorg-b");
  CHECK(good->limits.max_body_bytes == 1u << 20);

  // The pointer of the one value set wrong at `at`.
  auto pointer_of = [&](const std::string& at, Json value) {
    Json wrong = config;
    wrong[Json::json_pointer(at)] = std::move(value);
    auto r = parse_hub_config(wrong.dump(2), file);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::BadInput);
    return r.error().pointer;
  };
  CHECK(pointer_of("/listen/port", 70000) == "/listen/port");
  CHECK(pointer_of("/database_url", "mysql://hub@127.0.0.1:5432/meeloop") == "/database_url");
  CHECK(pointer_of("/kiosks/1/organisation", "zorg-c") == "/kiosks/1/organisation");
  CHECK(pointer_of("/kiosks/1/key_hash", "plain-key") == "/kiosks/1/key_hash");
  CHECK(pointer_of("/kiosks/1/id", "kiosk-a") == "/kiosks/1/id");
  CHECK(pointer_of("/limits/page_size", 0) == "/limits/page_size");
  CHECK(pointer_of("/tls/cert", 1) == "/tls/cert");
}

TEST_CASE("The hub refuses a wrong device key with 401 and asks for Basic auth", "[hub]") {
  RunningHub hub;
  auto r = hub.client("kiosk-a", "wrong key")->Get("/xapi/statements", kXapi);
  REQUIRE(r);
  CHECK(r->status == 401);
  CHECK(r->get_header_value("WWW-Authenticate").rfind("Basic", 0) == 0);
  CHECK(body_of(r)["error"]["status"] == 401);
  auto ok = hub.client()->Get("/xapi/statements", kXapi);
  REQUIRE(ok);
  CHECK(ok->status == 200);
  CHECK(ok->get_header_value("X-Experience-API-Version") == "1.0.3");
}

TEST_CASE("The hub answers 429 after too many wrong device keys, even to the right key", "[hub]") {
  RunningHub hub;  // failed_logins: 3
  for (int i = 0; i < 3; ++i) {
    auto r = hub.client("kiosk-a", "guess " + std::to_string(i))->Get("/xapi/statements", kXapi);
    REQUIRE(r);
    CHECK(r->status == 401);
  }
  auto limited = hub.client()->Get("/xapi/statements", kXapi);
  REQUIRE(limited);
  CHECK(limited->status == 429);
  CHECK(std::stoi(limited->get_header_value("Retry-After")) > 0);
}

TEST_CASE("The hub refuses a statements request without a supported X-Experience-API-Version", "[hub]") {
  RunningHub hub;
  auto none = hub.client()->Get("/xapi/statements");
  REQUIRE(none);
  CHECK(none->status == 400);
  CHECK(body_of(none)["error"]["message"].get<std::string>().find("X-Experience-API-Version") != std::string::npos);
  auto old = hub.client()->Get("/xapi/statements", {{"X-Experience-API-Version", "0.95"}});
  REQUIRE(old);
  CHECK(old->status == 400);
  auto about = hub.client()->Get("/xapi/about");
  REQUIRE(about);
  CHECK(about->status == 200);
  CHECK(body_of(about)["version"][0] == "1.0.3");
}

TEST_CASE("The hub refuses a body over its size limit with 413", "[hub]") {
  RunningHub hub;  // max_body_bytes: 4096
  auto r = hub.client()->Post("/xapi/statements", kXapi, std::string(8000, ' ') + statement(""), "application/json");
  REQUIRE(r);
  CHECK(r->status == 413);
  CHECK(body_of(r)["error"]["status"] == 413);
  CHECK(hub.stored_count() == 0);
}

TEST_CASE("The hub answers a malformed statement with 400 naming where it is wrong", "[hub]") {
  RunningHub hub;
  auto syntax = hub.client()->Post("/xapi/statements", kXapi, "[{\"actor\": ", "application/json");
  REQUIRE(syntax);
  CHECK(syntax->status == 400);
  CHECK_FALSE(body_of(syntax)["error"]["location"].get<std::string>().empty());

  Json batch = Json::array({Json::parse(statement("")), Json::parse(statement(""))});
  batch[1]["verb"].erase("id");
  auto missing = hub.client()->Post("/xapi/statements", kXapi, batch.dump(), "application/json");
  REQUIRE(missing);
  CHECK(missing->status == 400);
  CHECK(body_of(missing)["error"]["pointer"] == "/1/verb/id");
  CHECK(hub.stored_count() == 0);  // all or nothing: the good first statement was not stored

  auto bad_since = hub.client()->Get("/xapi/statements?since=yesterday", kXapi);
  REQUIRE(bad_since);
  CHECK(bad_since->status == 400);
  CHECK(body_of(bad_since)["error"]["pointer"] == "?since");
}

TEST_CASE("The hub stores a statement PUT twice once and refuses its id with other content", "[hub]") {
  RunningHub hub;
  const std::string path = std::string("/xapi/statements?statementId=") + kId1;
  auto first = hub.client()->Put(path, kXapi, statement(kId1), "application/json");
  REQUIRE(first);
  CHECK(first->status == 204);
  auto again = hub.client()->Put(path, kXapi, statement(kId1), "application/json");
  REQUIRE(again);
  CHECK(again->status == 204);
  CHECK(hub.stored_count() == 1);

  auto other = hub.client()->Put(path, kXapi, statement(kId1, "MEE-1234", "failed"), "application/json");
  REQUIRE(other);
  CHECK(other->status == 409);
  CHECK(hub.stored_count() == 1);

  auto mismatch = hub.client()->Put(path, kXapi, statement("00000000-0000-4000-8000-000000000000"), "application/json");
  REQUIRE(mismatch);
  CHECK(mismatch->status == 400);
  CHECK(body_of(mismatch)["error"]["pointer"] == "/id");

  auto got = hub.client()->Get(path, kXapi);
  REQUIRE(got);
  CHECK(got->status == 200);
  CHECK(body_of(got)["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered");
}

TEST_CASE("The hub takes authority and organisation from the device, not from the body", "[hub]") {
  RunningHub hub;
  Json s = Json::parse(statement(kId1));
  s["authority"] = {{"objectType", "Agent"}, {"account", {{"homePage", "https://evil.example"}, {"name", "kiosk-b"}}}};
  auto r = hub.client()->Post("/xapi/statements", kXapi, s.dump(), "application/json");
  REQUIRE(r);
  CHECK(r->status == 200);
  auto got = hub.client()->Get(std::string("/xapi/statements?statementId=") + kId1, kXapi);
  REQUIRE(got);
  CHECK(body_of(got)["authority"]["account"]["name"] == "zorg-a");
  CHECK(body_of(got)["stored"].is_string());
  // Another organisation's kiosk does not see it, but does see what was shared with the region.
  auto other = hub.client("kiosk-b")->Get(std::string("/xapi/statements?statementId=") + kId1, kXapi);
  REQUIRE(other);
  CHECK(other->status == 404);
  const std::string shared_id = "6f1c2f0e-3a7b-4d2c-9a55-0c7e1d0a1b02";
  Json shared = Json::parse(statement(shared_id));
  shared["context"] = {{"extensions", {{"https://meeloop.example/xapi/extensions/consent-scope", "region"}}}};
  auto put = hub.client()->Put("/xapi/statements?statementId=" + shared_id, kXapi, shared.dump(), "application/json");
  REQUIRE(put);
  CHECK(put->status == 204);
  auto seen = hub.client("kiosk-b")->Get("/xapi/statements?statementId=" + shared_id, kXapi);
  REQUIRE(seen);
  CHECK(seen->status == 200);
  // A statement whose person chose to keep it on the kiosk is refused.
  shared["context"]["extensions"]["https://meeloop.example/xapi/extensions/consent-scope"] = "none";
  shared.erase("id");
  auto none = hub.client()->Post("/xapi/statements", kXapi, shared.dump(), "application/json");
  REQUIRE(none);
  CHECK(none->status == 400);
  CHECK(body_of(none)["error"]["pointer"] == "/context/extensions/https:~1~1meeloop.example~1xapi~1extensions~1consent-scope");
}

TEST_CASE("The hub stores a POSTed batch and pages through it with more", "[hub]") {
  RunningHub hub;  // page_size: 2
  Json batch = Json::array();
  for (int i = 0; i < 5; ++i) batch.push_back(Json::parse(statement("")));
  auto posted = hub.client()->Post("/xapi/statements", kXapi, batch.dump(), "application/json");
  REQUIRE(posted);
  REQUIRE(posted->status == 200);
  Json ids = body_of(posted);
  REQUIRE(ids.size() == 5);
  CHECK(hub.stored_count() == 5);

  std::vector<std::string> seen;
  std::string next = "/xapi/statements?ascending=true&agent=" +
                     httplib::detail::encode_query_param(
                         R"({"account": {"homePage": "https://meeloop.example/xapi", "name": "MEE-1234"}})");
  int pages = 0;
  while (!next.empty() && pages < 10) {
    auto page = hub.client()->Get(next, kXapi);
    REQUIRE(page);
    REQUIRE(page->status == 200);
    Json result = body_of(page);
    for (const Json& st : result["statements"]) seen.push_back(st["id"]);
    next = result["more"];
    ++pages;
  }
  CHECK(pages == 3);
  std::vector<std::string> expected(ids.begin(), ids.end());
  CHECK(seen == expected);

  // The same batch again stores nothing new and answers the same ids.
  Json again = batch;
  for (size_t i = 0; i < again.size(); ++i) again[i]["id"] = ids[i];
  auto repeated = hub.client()->Post("/xapi/statements", kXapi, again.dump(), "application/json");
  REQUIRE(repeated);
  CHECK(repeated->status == 200);
  CHECK(hub.stored_count() == 5);
}

TEST_CASE("The hub logs routes and devices but never a statement or a key", "[hub]") {
  RunningHub hub;
  (void)hub.client()->Post("/xapi/statements", kXapi, statement(kId1, "MEE-SECRET"), "application/json");
  (void)hub.client("kiosk-a", "typed-by-mistake")->Get("/xapi/statements?agent=MEE-SECRET", kXapi);
  // httplib logs a request after its answer is on the wire: wait for both lines.
  std::string log;
  for (int i = 0; i < 200; ++i) {
    log = hub.log_text();
    if (log.find("POST /xapi/statements 200") != std::string::npos &&
        log.find("GET /xapi/statements 401") != std::string::npos)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(log.find("POST /xapi/statements 200 device=kiosk-a") != std::string::npos);
  CHECK(log.find("GET /xapi/statements 401 device=-") != std::string::npos);
  CHECK(log.find("MEE-SECRET") == std::string::npos);
  CHECK(log.find("typed-by-mistake") == std::string::npos);
  CHECK(log.find(test::kKioskKey) == std::string::npos);
}

TEST_CASE("The hub serves no plain HTTP on its TLS port", "[hub]") {
  RunningHub hub;
  httplib::Client plain("127.0.0.1", hub.port());
  plain.set_connection_timeout(5);
  plain.set_read_timeout(5);
  auto r = plain.Get("/xapi/about");
  CHECK_FALSE(r);
  // A client that does not trust the test CA refuses the hub's certificate.
  httplib::SSLClient untrusting("127.0.0.1", hub.port());
  untrusting.set_ca_cert_path("/nonexistent-ca.pem");
  untrusting.enable_server_certificate_verification(true);
  CHECK_FALSE(untrusting.Get("/xapi/about"));
}

TEST_CASE("Two meeloop hub processes on one database serve the same statements, stored once", "[hub][cli]") {
  test::HubFolder files(two_organisations(Json::object()));
  test::HubProcess first(files.config_file());
  test::HubProcess second(files.config_file());
  REQUIRE(first.port() != second.port());
  auto client = [&](int port) { return test::verified_client(port, files.ca(), test::kKioskId, test::kKioskKey); };
  const std::string path = std::string("/xapi/statements?statementId=") + kId1;
  auto put = client(first.port())->Put(path, kXapi, statement(kId1), "application/json");
  REQUIRE(put);
  CHECK(put->status == 204);
  auto again = client(second.port())->Put(path, kXapi, statement(kId1), "application/json");
  REQUIRE(again);
  CHECK(again->status == 204);
  auto conflict = client(second.port())->Put(path, kXapi, statement(kId1, "MEE-1234", "failed"), "application/json");
  REQUIRE(conflict);
  CHECK(conflict->status == 409);
  auto listed = client(second.port())->Get("/xapi/statements", kXapi);
  REQUIRE(listed);
  REQUIRE(listed->status == 200);
  CHECK(body_of(listed)["statements"].size() == 1);

  CHECK(first.stop() == 0);
  CHECK(second.stop() == 0);
}

TEST_CASE("The npm @xapi/xapi library posts, reads and pages statements on a meeloop hub, each stored once", "[hub][cli][interop]") {
  const std::filesystem::path script = test::node_tools_dir() / "hub-client.js";
  if (!std::filesystem::exists(test::node_tools_dir() / "node_modules" / "@xapi" / "xapi"))
    FAIL("the npm package @xapi/xapi is missing in " << test::node_tools_dir() << ": run tools/install-deps.sh");
  if (test::run_command("node --version").code != 0) FAIL("node is missing: run tools/install-deps.sh");

  test::HubFolder files(two_organisations({{"page_size", 2}}));
  test::HubProcess hub(files.config_file());

  const std::string code = "MEE-7Q4K";
  auto run_client = [&] {
    const std::string command = "node " + test::sh(script) + " https://127.0.0.1:" + std::to_string(hub.port()) +
                                " kiosk-a " + test::sh(test::kKioskKey) + " " + test::sh(files.ca()) + " " + code;
    auto r = test::run_command(command);
    INFO(r.output);
    REQUIRE(r.code == 0);
    std::string last = r.output.substr(0, r.output.find_last_not_of('\n') + 1);
    last = last.substr(last.find_last_of('\n') == std::string::npos ? 0 : last.find_last_of('\n') + 1);
    return Json::parse(last);
  };
  auto stored_ids = [&] {
    auto store = hub_store::HubStore::open(files.database_url);
    if (!store) FAIL(store.error().to_string());
    auto all = store->statements_of(code);
    REQUIRE(all);
    std::vector<std::string> ids;
    for (const auto& s : *all) ids.push_back(s.id);
    return ids;
  };

  // The script itself sends every statement twice and checks what it reads back.
  Json first = run_client();
  REQUIRE(first["sent"].size() == 5);
  CHECK(first["pages"] == 3);
  std::vector<std::string> sent(first["sent"].begin(), first["sent"].end());
  std::vector<std::string> stored = stored_ids();
  CHECK(stored.size() == sent.size());
  CHECK(std::multiset<std::string>(stored.begin(), stored.end()) == std::multiset<std::string>(sent.begin(), sent.end()));

  // A second run of the library sends the very same statements: nothing new is stored.
  Json second = run_client();
  CHECK(second["sent"] == first["sent"]);
  CHECK(stored_ids() == stored);

  // The script's checks are not vacuous: a refused request is its failure, saying why.
  auto refused = test::run_command("node " + test::sh(script) + " https://127.0.0.1:" + std::to_string(hub.port()) +
                                   " kiosk-a wrong-key " + test::sh(files.ca()) + " " + code);
  CHECK(refused.code == 1);
  CHECK(refused.output.find("HTTP 401") != std::string::npos);

  CHECK(hub.stop() == 0);
}
