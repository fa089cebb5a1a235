#include "hub/hub_config.h"

#include <set>

#include "core/files.h"
#include "core/json_file.h"
#include "core/password_hash.h"

namespace meeloop::hub {
namespace {

constexpr size_t kMaxConfigBytes = 4u << 20;

std::filesystem::path path_from(const JsonView& v, const std::filesystem::path& base) {
  std::string s = v.as_string();
  if (s.empty()) v.fail("expected a path, found an empty string");
  std::filesystem::path p(s);
  return p.is_absolute() ? p : base / p;
}

void read_listen(const JsonView& v, HubConfig& c) {
  v.expect_object();
  v.expect_only({"address", "port"});
  if (auto a = v.find("address")) {
    c.listen_address = a->as_string();
    if (c.listen_address.empty()) a->fail("expected an IP address or host name to listen on");
  }
  if (auto p = v.find("port")) c.port = p->as_int(0, 65535);
}

void read_database_url(const JsonView& v, HubConfig& c) {
  c.database_url = v.as_string();
  if (c.database_url.rfind("postgresql://", 0) != 0 && c.database_url.rfind("postgres://", 0) != 0)
    v.fail("expected a PostgreSQL URL (postgresql://user@host:port/database)");
}

void read_tls(const JsonView& v, const std::filesystem::path& base, HubConfig& c) {
  v.expect_object();
  v.expect_only({"certificate", "key"});
  c.tls_certificate = path_from(v.at("certificate"), base);
  c.tls_key = path_from(v.at("key"), base);
}

void read_organisations(const JsonView& v, HubConfig& c) {
  v.expect_array();
  std::set<std::string> seen;
  for (const JsonView& e : v.elements()) {
    e.expect_object();
    e.expect_only({"id", "name"});
    Organisation o{e.at("id").as_id(), e.at("name").as_string()};
    if (o.name.empty()) e.at("name").fail("expected the organisation's name");
    if (!seen.insert(o.id).second) e.at("id").fail("organisation \"" + o.id + "\" is listed twice");
    c.organisations.push_back(std::move(o));
  }
}

void read_kiosks(const JsonView& v, HubConfig& c) {
  v.expect_array();
  std::set<std::string> seen;
  for (const JsonView& e : v.elements()) {
    e.expect_object();
    e.expect_only({"id", "organisation", "key_hash"});
    KioskDevice k{e.at("id").as_id(), e.at("organisation").as_id(), e.at("key_hash").as_string()};
    // ':' would end the Basic-auth user name early, so such a device could never log in.
    if (k.id.find(':') != std::string::npos) e.at("id").fail("a kiosk id may not contain ':'");
    if (!seen.insert(k.id).second) e.at("id").fail("kiosk \"" + k.id + "\" is listed twice");
    if (!c.find_organisation(k.organisation))
      e.at("organisation").fail("no organisation \"" + k.organisation + "\" in /organisations");
    if (!is_password_hash(k.key_hash))
      e.at("key_hash").fail("expected an Argon2id hash of the device key (\"$argon2id$...\", made by "
                            "`meeloop hub --hash-key`), never the key itself");
    c.kiosks.push_back(std::move(k));
  }
}

void read_limits(const JsonView& v, HubConfig& c) {
  v.expect_object();
  v.expect_only({"max_body_bytes", "failed_logins", "failed_login_window_s", "page_size"});
  if (auto x = v.find("max_body_bytes")) c.limits.max_body_bytes = static_cast<size_t>(x->as_int(1024, 1 << 30));
  if (auto x = v.find("failed_logins")) c.limits.failed_logins = x->as_int(1, 1000000);
  if (auto x = v.find("failed_login_window_s")) c.limits.failed_login_window_s = x->as_int(1, 86400);
  if (auto x = v.find("page_size")) c.limits.page_size = x->as_int(1, 10000);
}

void read_retention(const JsonView& v, HubConfig& c) {
  v.expect_object();
  v.expect_only({"days", "sweep_every_minutes"});
  HubRetention r;
  r.days = v.at("days").as_int(1, 36500);
  if (auto x = v.find("sweep_every_minutes")) r.sweep_every_minutes = x->as_int(1, 7 * 24 * 60);
  c.retention = r;
}

}  // namespace

const KioskDevice* HubConfig::find_kiosk(std::string_view id) const {
  for (const KioskDevice& k : kiosks)
    if (k.id == id) return &k;
  return nullptr;
}

const Organisation* HubConfig::find_organisation(std::string_view id) const {
  for (const Organisation& o : organisations)
    if (o.id == id) return &o;
  return nullptr;
}

Result<HubConfig> parse_hub_config(std::string text, const std::filesystem::path& file) {
  JsonLimits limits;
  limits.max_bytes = kMaxConfigBytes;
  MEELOOP_ASSIGN_OR_RETURN(auto doc, parse_json_text(std::move(text), file.string(), limits));
  const std::filesystem::path base = file.parent_path();
  HubConfig c;
  try {
    JsonView root = JsonView::root(doc);
    root.expect_object();
    root.expect_only({"$comment", "listen", "database_url", "tls", "organisations", "kiosks", "workplaces", "limits",
                      "retention"});
    if (auto v = root.find("listen")) read_listen(*v, c);
    read_database_url(root.at("database_url"), c);
    read_tls(root.at("tls"), base, c);
    read_organisations(root.at("organisations"), c);
    read_kiosks(root.at("kiosks"), c);
    c.workplaces = path_from(root.at("workplaces"), base);
    if (auto v = root.find("limits")) read_limits(*v, c);
    if (auto v = root.find("retention")) read_retention(*v, c);
  } catch (const ErrorException& e) {
    return e.error();
  }
  return c;
}

Result<HubConfig> load_hub_config(const std::filesystem::path& file) {
  MEELOOP_ASSIGN_OR_RETURN(std::string text, read_regular_file(file, kMaxConfigBytes, "a hub configuration file"));
  return parse_hub_config(std::move(text), file);
}

}  // namespace meeloop::hub
