// The hub's HTTPS server end to end: a test CA and a server certificate made here with the
// openssl command, a real HubServer on a free loopback port, and httplib's SSLClient verifying
// the CA, over the PostgreSQL store in a private cluster (pg_cluster.h), a fresh database per test.
// The last cases start `meeloop hub` processes; one lets the npm @xapi/xapi library
// (tests/xapi/hub-client.js) talk to it, a client no one here wrote.
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <chrono>
#include <thread>

#include "core/log.h"
#include "core/password_hash.h"
#include "export_tools.h"
#include "hub/hub_config.h"
#include "hub/hub_server.h"
#include "hub/xapi_request.h"
#include "pg_cluster.h"
#include "run_meeloop.h"
#include "temp_dir.h"
#include "test_pki.h"

using namespace meeloop;
using namespace meeloop::hub;

namespace {

void write_text(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p) << text;
}

const char* kRightKey = "correct horse battery staple";

std::string config_json(const std::string& key_hash, const std::string& limits) {
  return R"({
    "listen": {"address": "127.0.0.1", "port": 0},
    "database_url": "postgresql://hub@127.0.0.1:5432/meeloop",
    "tls": {"certificate": "hub.crt", "key": "hub.key"},
    "organisations": [{"id": "zorg-a", "name": "Zorggroep A"}, {"id": "zorg-b", "name": "Zorggroep B"}],
    "kiosks": [{"id": "kiosk-a", "organisation": "zorg-a", "key_hash": ")" + key_hash + R"("},
               {"id": "kiosk-b", "organisation": "zorg-b", "key_hash": ")" + key_hash + R"("}],
    "workplaces": "workplaces",
    "limits": )" + limits + "\n}";
}

// One hub on a free loopback port, serving on a thread until the test ends.
struct RunningHub {
  test::TempDir dir{"meeloop-hub-http"};
  Log log{LogLevel::Warn};
  std::vector<std::string> lines;
  std::mutex lines_mutex;
  std::optional<hub_store::HubStore> store;
  HubConfig config;
  std::unique_ptr<HubServer> server;
  std::thread thread;
  int port = 0;

  explicit RunningHub(const std::string& limits = R"({"max_body_bytes": 4096, "failed_logins": 3, "page_size": 2})") {
    test::make_test_pki(dir.path);
    auto hash = hash_password(kRightKey);
    REQUIRE(hash);
    write_text(dir.path / "hub.json", config_json(*hash, limits));
    auto c = load_hub_config(dir.path / "hub.json");
    REQUIRE(c);
    config = std::move(c).value();
    log.add_sink([this](LogLevel, std::string_view line) {
      std::lock_guard lock(lines_mutex);
      lines.emplace_back(line);
    });
    auto opened = hub_store::HubStore::open(test::shared_pg_cluster().fresh_database());
    if (!opened) FAIL(opened.error().to_string());
    store.emplace(std::move(opened).value());
    auto s = HubServer::create(config, *store, log);
    if (!s) FAIL(s.error().to_string());
    server = std::move(s).value();
    auto p = server->bind();
    REQUIRE(p);
    port = *p;
    thread = std::thread([this] { (void)server->serve(); });
  }
  ~RunningHub() {
    server->stop();
    thread.join();
  }

  std::unique_ptr<httplib::SSLClient> client(const std::string& user = "kiosk-a", const std::string& key = kRightKey) {
    auto c = std::make_unique<httplib::SSLClient>("127.0.0.1", port);
    c->set_ca_cert_path((dir.path / "ca.pem").c_str());
    c->enable_server_certificate_verification(true);
    c->set_basic_auth(user.c_str(), key.c_str());
    c->set_connection_timeout(5);
    c->set_read_timeout(20);
    return c;
  }

  size_t stored_count(const std::string& code = "MEE-1234") {
    auto all = store->statements_of(code);
    REQUIRE(all);
    return all->size();
  }

  std::string log_text() {
    std::lock_guard lock(lines_mutex);
    std::string all;
    for (const std::string& l : lines) all += l + "\n";
    return all;
  }
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
  const std::string hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
  const std::filesystem::path file = "/etc/meeloop/hub.json";
  auto good = parse_hub_config(config_json(hash, "{}"), file);
  REQUIRE(good);
  CHECK(good->port == 0);
  CHECK(good->tls_certificate == "/etc/meeloop/hub.crt");
  CHECK(good->workplaces == "/etc/meeloop/workplaces");
  REQUIRE(good->find_kiosk("kiosk-b"));
  CHECK(good->find_kiosk("kiosk-b")->organisation == "zorg-b");
  CHECK(good->limits.max_body_bytes == 1u << 20);

  auto pointer_of = [&](std::string text) {
    auto r = parse_hub_config(std::move(text), file);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::BadInput);
    return r.error().pointer;
  };
  std::string text = config_json(hash, "{}");
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string t = text;
    auto at = t.find(from);
    REQUIRE(at != std::string::npos);
    return t.replace(at, from.size(), to);
  };
  CHECK(pointer_of(replaced("\"port\": 0", "\"port\": 70000")) == "/listen/port");
  CHECK(pointer_of(replaced("postgresql://hub", "mysql://hub")) == "/database_url");
  CHECK(pointer_of(replaced("\"organisation\": \"zorg-b\"", "\"organisation\": \"zorg-c\"")) == "/kiosks/1/organisation");
  CHECK(pointer_of(replaced("\"key_hash\": \"" + hash + "\"}]", "\"key_hash\": \"plain-key\"}]")) == "/kiosks/1/key_hash");
  CHECK(pointer_of(replaced("\"id\": \"kiosk-b\"", "\"id\": \"kiosk-a\"")) == "/kiosks/1/id");
  CHECK(pointer_of(replaced("\"limits\": {}", "\"limits\": {\"page_size\": 0}")) == "/limits/page_size");
  CHECK(pointer_of(replaced("\"tls\": {", "\"tls\": {\"cert\": 1, ")) == "/tls/cert");
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
  CHECK(log.find(kRightKey) == std::string::npos);
}

TEST_CASE("The hub serves no plain HTTP on its TLS port", "[hub]") {
  RunningHub hub;
  httplib::Client plain("127.0.0.1", hub.port);
  plain.set_connection_timeout(5);
  plain.set_read_timeout(5);
  auto r = plain.Get("/xapi/about");
  CHECK_FALSE(r);
  // A client that does not trust the test CA refuses the hub's certificate.
  httplib::SSLClient untrusting("127.0.0.1", hub.port);
  untrusting.set_ca_cert_path("/nonexistent-ca.pem");
  untrusting.enable_server_certificate_verification(true);
  CHECK_FALSE(untrusting.Get("/xapi/about"));
}

namespace {

// `meeloop hub --config FILE` as a child process; the port is read from the line it prints.
struct HubProcess {
  pid_t pid = -1;
  int out = -1;
  int port = 0;

  explicit HubProcess(const std::filesystem::path& config) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const std::string bin = test::meeloop_path(MEELOOP_BIN_FALLBACK);
    pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      ::dup2(fds[1], STDOUT_FILENO);
      ::close(fds[0]);
      ::execl(bin.c_str(), bin.c_str(), "hub", "--config", config.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(fds[1]);
    out = fds[0];
    std::string text;
    const std::string marker = "xAPI at https://127.0.0.1:";
    for (int waited = 0; waited < 300 && text.find('\n') == std::string::npos; ++waited) {
      pollfd p{out, POLLIN, 0};
      if (::poll(&p, 1, 100) > 0) {
        char buf[512];
        ssize_t n = ::read(out, buf, sizeof buf);
        if (n <= 0) break;
        text.append(buf, static_cast<size_t>(n));
      }
    }
    INFO(text);
    auto at = text.find(marker);
    REQUIRE(at != std::string::npos);
    port = std::stoi(text.substr(at + marker.size()));
  }

  // SIGTERM and the exit code (-1 when it did not exit by itself).
  int stop() {
    if (pid <= 0) return -1;
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
    pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  ~HubProcess() {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
    if (out >= 0) ::close(out);
  }
};

}  // namespace

TEST_CASE("Two meeloop hub processes on one database serve the same statements, stored once", "[hub][cli]") {
  test::TempDir dir("meeloop-hub-cli");
  test::make_test_pki(dir.path);
  auto hash = hash_password(kRightKey);
  REQUIRE(hash);
  std::string config = config_json(*hash, "{}");
  const std::string url = test::shared_pg_cluster().fresh_database();
  config.replace(config.find("postgresql://hub@127.0.0.1:5432/meeloop"), std::string("postgresql://hub@127.0.0.1:5432/meeloop").size(), url);
  write_text(dir.path / "hub.json", config);

  HubProcess first(dir.path / "hub.json");
  HubProcess second(dir.path / "hub.json");
  REQUIRE(first.port != second.port);
  auto client = [&](int port) {
    auto c = std::make_unique<httplib::SSLClient>("127.0.0.1", port);
    c->set_ca_cert_path((dir.path / "ca.pem").c_str());
    c->enable_server_certificate_verification(true);
    c->set_basic_auth("kiosk-a", kRightKey);
    c->set_read_timeout(20);
    return c;
  };
  const std::string path = std::string("/xapi/statements?statementId=") + kId1;
  auto put = client(first.port)->Put(path, kXapi, statement(kId1), "application/json");
  REQUIRE(put);
  CHECK(put->status == 204);
  auto again = client(second.port)->Put(path, kXapi, statement(kId1), "application/json");
  REQUIRE(again);
  CHECK(again->status == 204);
  auto conflict = client(second.port)->Put(path, kXapi, statement(kId1, "MEE-1234", "failed"), "application/json");
  REQUIRE(conflict);
  CHECK(conflict->status == 409);
  auto listed = client(second.port)->Get("/xapi/statements", kXapi);
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

  test::TempDir dir("meeloop-hub-interop");
  test::make_test_pki(dir.path);
  auto hash = hash_password(kRightKey);
  REQUIRE(hash);
  std::string config = config_json(*hash, R"({"page_size": 2})");
  const std::string url = test::shared_pg_cluster().fresh_database();
  const std::string placeholder = "postgresql://hub@127.0.0.1:5432/meeloop";
  config.replace(config.find(placeholder), placeholder.size(), url);
  write_text(dir.path / "hub.json", config);
  HubProcess hub(dir.path / "hub.json");

  const std::string code = "MEE-7Q4K";
  auto run_client = [&] {
    const std::string command = "node " + test::sh(script) + " https://127.0.0.1:" + std::to_string(hub.port) +
                                " kiosk-a " + test::sh(kRightKey) + " " + test::sh(dir.path / "ca.pem") + " " + code;
    auto r = test::run_command(command);
    INFO(r.output);
    REQUIRE(r.code == 0);
    std::string last = r.output.substr(0, r.output.find_last_not_of('\n') + 1);
    last = last.substr(last.find_last_of('\n') == std::string::npos ? 0 : last.find_last_of('\n') + 1);
    return Json::parse(last);
  };
  auto stored_ids = [&] {
    auto store = hub_store::HubStore::open(url);
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
  auto refused = test::run_command("node " + test::sh(script) + " https://127.0.0.1:" + std::to_string(hub.port) +
                                   " kiosk-a wrong-key " + test::sh(dir.path / "ca.pem") + " " + code);
  CHECK(refused.code == 1);
  CHECK(refused.output.find("HTTP 401") != std::string::npos);

  CHECK(hub.stop() == 0);
}
