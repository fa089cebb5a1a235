#include "hub_fixtures.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <stdexcept>

#include "core/password_hash.h"
#include "pg_cluster.h"
#include "run_meeloop.h"
#include "test_pki.h"
#include "test_settings.h"

namespace meeloop::test {
namespace {

std::string key_hash(const std::string& key) {
  // Argon2id is slow by design: the default key is hashed once per binary.
  static const std::string default_hash = [] {
    auto h = hash_password(kKioskKey);
    if (!h) throw std::runtime_error(h.error().to_string());
    return *h;
  }();
  if (key == kKioskKey) return default_hash;
  auto h = hash_password(key);
  if (!h) FAIL(h.error().to_string());
  return *h;
}

}  // namespace

std::string hub_config_json(const HubConfigSpec& spec) {
  Json organisations = Json::array();
  for (const auto& o : spec.organisations) organisations.push_back({{"id", o.id}, {"name", o.name}});
  Json kiosks = Json::array();
  for (const auto& k : spec.kiosks)
    kiosks.push_back({{"id", k.id}, {"organisation", k.organisation}, {"key_hash", key_hash(k.key)}});
  Json config = {{"listen", {{"address", "127.0.0.1"}, {"port", 0}}},
                 {"database_url", spec.database_url},
                 {"tls", {{"certificate", "hub.crt"}, {"key", "hub.key"}}},
                 {"organisations", organisations},
                 {"kiosks", kiosks},
                 {"workplaces", "workplaces"},
                 {"limits", spec.limits}};
  for (const auto& [key, value] : spec.extra.items()) config[key] = value;
  return config.dump(2);
}

std::unique_ptr<httplib::SSLClient> verified_client(int port, const std::filesystem::path& ca, const std::string& user,
                                                    const std::string& key) {
  auto c = std::make_unique<httplib::SSLClient>("127.0.0.1", port);
  c->set_ca_cert_path(ca.c_str());
  c->enable_server_certificate_verification(true);
  c->set_basic_auth(user.c_str(), key.c_str());
  c->set_connection_timeout(5);
  // Generous: two cores shared by parallel tests, and Argon2id on the hub's side.
  c->set_read_timeout(30);
  return c;
}

HubFolder::HubFolder(HubConfigSpec spec) {
  make_test_pki(dir.path);
  if (spec.database_url.empty()) spec.database_url = shared_pg_cluster().fresh_database();
  database_url = spec.database_url;
  std::ofstream(config_file()) << hub_config_json(spec);
}

InProcessHub::InProcessHub(HubConfigSpec spec) : HubFolder(std::move(spec)) {
  auto c = hub::load_hub_config(config_file());
  if (!c) FAIL(c.error().to_string());
  config = std::move(c).value();
  log_.add_sink([this](LogLevel, std::string_view line) {
    std::lock_guard lock(lines_mutex_);
    lines_.emplace_back(line);
  });
  auto opened = hub_store::HubStore::open(database_url);
  if (!opened) FAIL(opened.error().to_string());
  store.emplace(std::move(opened).value());
  start();
}

InProcessHub::~InProcessHub() { stop(); }

void InProcessHub::start() {
  REQUIRE_FALSE(serving());
  // The shipped data root, so the recruiters' routes build profiles (people_routes.h).
  auto s = hub::HubServer::create(config, *store, log_, settings().paths.data_root);
  if (!s) FAIL(s.error().to_string());
  server_ = std::move(s).value();
  auto bound = server_->bind();
  if (!bound) FAIL(bound.error().to_string());
  thread_ = std::thread([this] { (void)server_->serve(); });
  auto about = client()->Get("/xapi/about");
  REQUIRE(about);
}

void InProcessHub::stop() {
  if (!server_) return;
  server_->stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
}

std::string InProcessHub::url() const {
  REQUIRE(serving());
  return server_->url();
}

int InProcessHub::port() const {
  const std::string u = url();
  return std::stoi(u.substr(u.rfind(':') + 1));
}

std::unique_ptr<httplib::SSLClient> InProcessHub::client(const std::string& user, const std::string& key) const {
  return verified_client(port(), ca(), user, key);
}

std::string InProcessHub::log_text() const {
  std::lock_guard lock(lines_mutex_);
  std::string all;
  for (const std::string& l : lines_) all += l + "\n";
  return all;
}

std::vector<std::string> InProcessHub::stored_ids(const std::string& code) {
  auto all = store->statements_of(code);
  if (!all) FAIL(all.error().to_string());
  std::vector<std::string> ids;
  for (const auto& s : *all) ids.push_back(s.id);
  return ids;
}

Json InProcessHub::all_statements(const httplib::Params& query) {
  const httplib::Headers xapi = {{"X-Experience-API-Version", "1.0.3"}};
  auto c = client();
  Json all = Json::array();
  auto r = c->Get("/xapi/statements", query, xapi);
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

Json InProcessHub::statements_by_agent(const std::string& code, const std::string& home_page) {
  Json agent = {{"objectType", "Agent"}, {"account", {{"homePage", home_page}, {"name", code}}}};
  return all_statements({{"agent", agent.dump()}, {"ascending", "true"}});
}

HubProcess::HubProcess(const std::filesystem::path& config_file)
    : process_({meeloop_path(MEELOOP_BIN_FALLBACK), "hub", "--config", config_file.string()}) {
  const std::string marker = "xAPI at https://127.0.0.1:";
  const bool listening = process_.read_until("/xapi/", std::chrono::seconds(30));
  INFO(process_.output());
  REQUIRE(listening);
  const size_t at = process_.output().find(marker);
  REQUIRE(at != std::string::npos);
  port_ = std::stoi(process_.output().substr(at + marker.size()));
}

void check_stored_once(InProcessHub& hub, const std::vector<std::string>& codes, int count) {
  std::vector<std::string> ids;
  for (const std::string& code : codes) {
    const auto mine = hub.stored_ids(code);
    ids.insert(ids.end(), mine.begin(), mine.end());
  }
  CHECK(ids.size() == size_t(count));
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
}

KioskDb::KioskDb(const std::filesystem::path& db) {
  auto s = store::EventStore::open(db, log);
  if (!s) FAIL(s.error().to_string());
  store = std::move(s).value();
}

store::OutboxCounts KioskDb::counts() {
  auto c = store->outbox_counts();
  if (!c) FAIL(c.error().to_string());
  return *c;
}

sync::SyncOptions sync_options(const std::string& hub_url, const std::filesystem::path& ca, int batch_size) {
  sync::SyncOptions o;
  o.hub_url = hub_url;
  o.device_id = kKioskId;
  o.device_key = kKioskKey;
  o.ca_file = ca;
  o.xapi.home_page = kHomePage;
  o.batch_size = batch_size;
  o.connect_timeout = std::chrono::seconds(3);
  o.read_timeout = std::chrono::seconds(20);
  return o;
}

sync::SyncSummary sync_db(const std::filesystem::path& db, sync::SyncOptions options,
                          std::chrono::system_clock::time_point now) {
  auto client = sync::SyncClient::create(std::move(options));
  if (!client) FAIL(client.error().to_string());
  KioskDb kiosk(db);
  auto s = client->sync_once(*kiosk.store, now);
  if (!s) FAIL(s.error().to_string());
  return *s;
}

}  // namespace meeloop::test
