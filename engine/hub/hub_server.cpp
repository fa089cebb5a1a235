#include "hub/hub_server.h"

#include <httplib.h>

#include <cctype>
#include <cstdio>

#include "hub/device_auth.h"
#include "hub/erasure_routes.h"
#include "hub/json_replies.h"
#include "hub/people_routes.h"
#include "hub/recruiter_auth.h"
#include "hub/retention_sweep.h"
#include "hub/tls_files.h"
#include "hub/xapi_request.h"

namespace meeloop::hub {
namespace {

constexpr const char* kStatementsPath = "/xapi/statements";
constexpr const char* kAboutPath = "/xapi/about";

// A BadInput is the client's (400 with where); anything else is the hub's side (503: retry).
void send_refusal(httplib::Response& res, const Error& e) {
  if (e.kind == ErrorKind::BadInput) return send_error(res, 400, e.message, &e);
  // A store failure says nothing about the request; the details stay in the server's log.
  send_store_unavailable(res);
}

// Only the hub's own routes are named in the log; any other path a client sends might carry
// anything, so it is logged as "other".
std::string route_name(const httplib::Request& req) {
  if (req.path == kStatementsPath || req.path == kAboutPath || req.path == kErasuresPath)
    return req.method + " " + req.path;
  if (auto route = people_route_template(req.path)) return req.method + " " + *route;
  return req.method + " other";
}

}  // namespace

struct HubServer::Impl {
  const HubConfig& config;
  hub_store::HubStore& store;
  Log& log;
  TlsFiles tls;
  DeviceAuth auth;
  RecruiterAuth recruiters;
  ProfileDataSource profile_data;
  PeopleApi people;
  std::unique_ptr<httplib::SSLServer> server;
  int port = 0;

  Impl(const HubConfig& c, hub_store::HubStore& s, Log& l, TlsFiles t, const std::filesystem::path& data_root)
      : config(c), store(s), log(l), tls(std::move(t)), auth(c), recruiters(s, c.limits),
        profile_data(data_root, c.workplaces), people(s, profile_data, c.limits, l) {}

  // The sending device, or nothing when the response (401, 429, 400) has been written.
  std::optional<Sender> admit(const httplib::Request& req, httplib::Response& res) {
    DeviceAuth::Answer a = auth.check(req.get_header_value("Authorization"), req.remote_addr);
    switch (a.outcome) {
      case DeviceAuth::Outcome::Ok:
        break;
      case DeviceAuth::Outcome::Limited:
        res.set_header("Retry-After", std::to_string(a.retry_after_s));
        send_error(res, 429, "too many wrong device keys from this address; try again in " +
                                 std::to_string(a.retry_after_s) + " s");
        return std::nullopt;
      case DeviceAuth::Outcome::Missing:
      case DeviceAuth::Outcome::Wrong:
        res.set_header("WWW-Authenticate", "Basic realm=\"Meeloop hub\", charset=\"UTF-8\"");
        send_error(res, 401, a.outcome == DeviceAuth::Outcome::Missing
                                 ? "a kiosk device key is needed (HTTP Basic: kiosk id and key)"
                                 : "unknown kiosk or wrong device key");
        return std::nullopt;
    }
    const std::string version = req.get_header_value("X-Experience-API-Version");
    if (version.empty()) {
      send_error(res, 400, "the X-Experience-API-Version header is missing (this hub speaks 1.0.3)");
      return std::nullopt;
    }
    if (!is_supported_xapi_version(version)) {
      send_error(res, 400, "X-Experience-API-Version " + version.substr(0, 20) + " is not supported (this hub speaks 1.0.x)");
      return std::nullopt;
    }
    return Sender{a.device->id, a.device->organisation};
  }

  void store_statements(const httplib::Request& req, httplib::Response& res, bool single) {
    auto sender = admit(req, res);
    if (!sender) return;
    std::optional<std::string> put_id;
    if (single) {
      if (!req.has_param("statementId"))
        return send_error(res, 400, "PUT /xapi/statements needs ?statementId=<UUID>");
      put_id = lower(req.get_param_value("statementId"));
      if (!is_uuid(*put_id)) return send_error(res, 400, "statementId: expected a UUID");
    } else if (!req.params.empty()) {
      return send_error(res, 400, "POST /xapi/statements takes no query parameters");
    }
    auto batch = read_statements(req.body, put_id, *sender);
    if (!batch) return send_refusal(res, batch.error());
    auto report = store.insert_statements(*batch);
    if (!report) {
      if (report.error().kind != ErrorKind::BadInput)
        log.error("hub: storing statements failed: " + report.error().to_string());
      return send_refusal(res, report.error());
    }
    for (size_t i = 0; i < report->outcomes.size(); ++i) {
      const std::string& id = (*batch)[i].statement["id"].get_ref<const std::string&>();
      if (report->outcomes[i] == hub_store::Outcome::Conflict)
        return send_error(res, 409, "statement " + id + " is already stored with other content; nothing in this "
                                    "request was stored");
      if (report->outcomes[i] == hub_store::Outcome::Erased)
        return send_error(res, 403, "statement " + id + " is about a person whose data was erased on the hub; "
                                    "nothing in this request was stored");
    }
    if (!report->committed) return send_error(res, 503, "the statements could not be stored; try again");
    if (single) {
      res.status = 204;
      return;
    }
    Json ids = Json::array();
    for (const hub_store::IncomingStatement& s : *batch) ids.push_back(s.statement["id"]);
    send_json(res, 200, ids);
  }

  // One statement by id, when the sender's organisation may see it.
  void get_statement(const httplib::Request& req, httplib::Response& res, const Sender& sender) {
    std::string id = req.get_param_value("statementId");
    for (const auto& [name, value] : req.params)
      if (name != "statementId" && name != "format" && name != "attachments")
        return send_error(res, 400, "statementId cannot be combined with " + name);
    if (!is_uuid(id)) return send_error(res, 400, "statementId: expected a UUID");
    auto found = store.statement(lower(id));
    if (!found) {
      log.error("hub: reading a statement failed: " + found.error().to_string());
      return send_refusal(res, found.error());
    }
    if (!*found || ((*found)->organisation != sender.organisation && (*found)->scope != "region"))
      return send_error(res, 404, "no statement with this id");
    send_json(res, 200, returned_statement(**found));
  }

  void get_statements(const httplib::Request& req, httplib::Response& res) {
    auto sender = admit(req, res);
    if (!sender) return;
    res.set_header("X-Experience-API-Consistent-Through", format_timestamp(std::chrono::system_clock::now()));
    if (req.has_param("statementId")) return get_statement(req, res, *sender);
    std::multimap<std::string, std::string> params(req.params.begin(), req.params.end());
    auto filter = read_filter(params, *sender, static_cast<size_t>(config.limits.page_size));
    if (!filter) return send_refusal(res, filter.error());
    auto page = store.query_statements(*filter);
    if (!page) {
      if (page.error().kind != ErrorKind::BadInput) log.error("hub: reading statements failed: " + page.error().to_string());
      return send_refusal(res, page.error());
    }
    Json statements = Json::array();
    for (const hub_store::StoredStatement& s : page->statements) statements.push_back(returned_statement(s));
    send_json(res, 200, Json{{"statements", std::move(statements)},
                             {"more", page->more.empty() ? "" : next_page_url(kStatementsPath, req.params, "cursor", page->more)}});
  }

  void install_routes() {
    httplib::SSLServer& s = *server;
    s.set_payload_max_length(config.limits.max_body_bytes);
    // Headers and body go out as separate writes: with Nagle on, the body waits for the client's
    // delayed ACK (40 ms on Linux) on every answer of a kept-alive connection.
    s.set_tcp_nodelay(true);
    s.set_read_timeout(10);
    s.set_write_timeout(10);
    s.set_default_headers({{"X-Experience-API-Version", kXapiVersion}});
    s.Put(kStatementsPath, [this](const httplib::Request& req, httplib::Response& res) { store_statements(req, res, true); });
    s.Post(kStatementsPath, [this](const httplib::Request& req, httplib::Response& res) { store_statements(req, res, false); });
    s.Get(kStatementsPath, [this](const httplib::Request& req, httplib::Response& res) { get_statements(req, res); });
    // Erasures a kiosk asks for (erasure_routes.h, the sync engineer's): same keys and limits.
    register_erasure_routes(s, auth, store, log);
    // The recruiters' API (people_routes.h): recruiter accounts, not device keys.
    register_people_routes(s, recruiters, people);
    s.Get(kAboutPath, [](const httplib::Request&, httplib::Response& res) {
      send_json(res, 200, Json{{"version", Json::array({kXapiVersion})}, {"extensions", Json::object()}});
    });
    // httplib's own refusals (413 body too large, 404 no such route, 400 unreadable request)
    // arrive without a body: give them the same JSON shape as ours.
    s.set_error_handler(httplib::Server::HandlerWithResponse([this](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
      switch (res.status) {
        case 413:
          send_error(res, 413, "the request body is larger than " + std::to_string(config.limits.max_body_bytes) + " bytes");
          break;
        case 404:
          send_error(res, 404, "no such resource (the hub serves /xapi/statements and /xapi/about)");
          break;
        default:
          send_error(res, res.status, "the request could not be served");
      }
      return httplib::Server::HandlerResponse::Handled;
    }));
    s.set_exception_handler([this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
      std::string what = "unknown exception";
      try {
        if (ep) std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      log.error("hub: " + route_name(req) + " failed inside the hub: " + what);
      send_error(res, 500, "the hub failed on this request; it has been logged");
    });
    s.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      std::string device = "-";
      std::string user, key;
      // Only a configured kiosk id is logged, and only once its key was accepted (a 401's user
      // name could be anything a person typed, even a key).
      if (res.status != 401 && res.status != 429 &&
          parse_basic_auth(req.get_header_value("Authorization"), user, key) && config.find_kiosk(user))
        device = user;
      OPENSSL_cleanse(key.data(), key.size());
      log.info("hub: " + route_name(req) + " " + std::to_string(res.status) + " device=" + device +
               " in=" + std::to_string(req.body.size()) + "B out=" + std::to_string(res.body.size()) + "B");
    });
  }
};

HubServer::HubServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HubServer::~HubServer() { stop(); }

Result<std::unique_ptr<HubServer>> HubServer::create(const HubConfig& config, hub_store::HubStore& store, Log& log,
                                                     const std::filesystem::path& data_root) {
  MEELOOP_ASSIGN_OR_RETURN(TlsFiles tls, TlsFiles::load(config.tls_certificate, config.tls_key));
  auto impl = std::make_unique<Impl>(config, store, log, std::move(tls), data_root);
  const TlsFiles& files = impl->tls;
  impl->server = std::make_unique<httplib::SSLServer>([&files](SSL_CTX& ctx) { return files.apply(ctx); });
  if (!impl->server->is_valid())
    return failure("the TLS certificate and key could not be set up", config.tls_certificate.string());
  impl->install_routes();
  return std::unique_ptr<HubServer>(new HubServer(std::move(impl)));
}

Status HubServer::check_tls_files(const HubConfig& config) {
  MEELOOP_RETURN_IF_ERROR(TlsFiles::load(config.tls_certificate, config.tls_key));
  return Ok{};
}

Result<int> HubServer::bind() {
  const HubConfig& c = impl_->config;
  int port = c.port;
  if (port == 0) {
    port = impl_->server->bind_to_any_port(c.listen_address);
    if (port < 0) port = 0;
  } else if (!impl_->server->bind_to_port(c.listen_address, port)) {
    port = 0;
  }
  if (port == 0)
    return failure("cannot listen on " + c.listen_address + ":" + std::to_string(c.port) +
                   " (in use, or an address this machine does not have)");
  impl_->port = port;
  return port;
}

Status HubServer::serve() {
  impl_->log.info("hub: serving xAPI on " + url());
  // Retention runs while the hub serves and stops with it (its destructor joins).
  std::unique_ptr<RetentionSweep> retention;
  if (const auto& r = impl_->config.retention)
    retention = RetentionSweep::start(impl_->store, {r->days, std::chrono::minutes(r->sweep_every_minutes)}, impl_->log);
  if (!impl_->server->listen_after_bind()) return failure("the hub stopped listening on " + url());
  return Ok{};
}

void HubServer::stop() {
  if (impl_ && impl_->server) impl_->server->stop();
}

std::string HubServer::url() const {
  const std::string& a = impl_->config.listen_address;
  const bool v6 = a.find(':') != std::string::npos;
  return "https://" + (v6 ? "[" + a + "]" : a) + ":" + std::to_string(impl_->port);
}

}  // namespace meeloop::hub
