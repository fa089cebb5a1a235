#include "hub/people_routes.h"

#include <httplib.h>

#include <cctype>
#include <cstdio>

#include "hub/json_replies.h"
#include "profile/exports.h"

namespace meeloop::hub {
namespace {

constexpr size_t kMaxCodeLength = 64;
constexpr const char* kPersonPattern = R"(/meeloop/v1/people/([^/]+))";
constexpr const char* kExportPattern = R"(/meeloop/v1/people/([^/]+)/export)";
constexpr const char* kErasePattern = R"(/meeloop/v1/people/([^/]+)/erase)";
constexpr const char* kPersonRoute = "/meeloop/v1/people/{code}";
constexpr const char* kExportRoute = "/meeloop/v1/people/{code}/export";
constexpr const char* kEraseRoute = "/meeloop/v1/people/{code}/erase";

// A code that cannot be stored cannot be seen either: the same 404 as an unknown one.
bool plausible_code(const std::string& code) {
  if (code.empty() || code.size() > kMaxCodeLength) return false;
  for (unsigned char c : code)
    if (c < 0x21 || c > 0x7e) return false;
  return true;
}

// A file name from a code: letters, digits and '-' only, whatever the code holds.
std::string file_stem(const std::string& code) {
  std::string out;
  for (unsigned char c : code) out += std::isalnum(c) || c == '-' ? static_cast<char>(c) : '_';
  return out;
}

void not_found(httplib::Response& res) { send_error(res, 404, "no person with this code is visible to your organisation"); }

void no_store(httplib::Response& res) { res.set_header("Cache-Control", "no-store"); }

}  // namespace

bool sees_individuals(const Recruiter& who) { return who.role != hub_store::Role::RegionalCoordinator; }
bool may_erase(const Recruiter& who) { return who.role == hub_store::Role::OrganisationAdmin; }

struct PeopleApi::Built {
  profile::Report report;
  std::string home_page;
};

void PeopleApi::list(const Recruiter& who, const httplib::Request& req, httplib::Response& res) {
  hub_store::PeopleFilter filter;
  filter.visible_to = who.organisation;
  filter.limit = static_cast<size_t>(limits_.page_size);
  for (const auto& [name, value] : req.params) {
    if (name == "since") {
      filter.since = value;
    } else if (name == "until") {
      filter.until = value;
    } else if (name == "scope") {
      filter.scope = value;
    } else if (name == "after") {
      filter.after = value;
    } else if (name == "limit") {
      const bool digits = !value.empty() && value.size() <= 4 && value.find_first_not_of("0123456789") == std::string::npos;
      const int n = digits ? std::stoi(value) : 0;
      if (n < 1 || n > static_cast<int>(hub_store::kMaxPage))
        return send_error(res, 400, "limit: expected 1 to " + std::to_string(hub_store::kMaxPage));
      filter.limit = static_cast<size_t>(n);
    } else {
      return send_error(res, 400, "unknown parameter (since, until, scope, limit and after are known)");
    }
  }
  auto page = store_.people(filter);
  if (!page) {
    if (page.error().kind == ErrorKind::BadInput) return send_error(res, 400, page.error().message);
    log_.error("hub: GET " + std::string(kPeoplePath) + " failed: " + page.error().to_string());
    return send_store_unavailable(res);
  }
  Json people = Json::array();
  for (const hub_store::PersonSummary& p : page->people)
    people.push_back({{"code", p.code},
                      {"first_seen", p.first_seen},
                      {"last_seen", p.last_seen},
                      {"scope", p.scope},
                      {"organisation", p.organisation},
                      {"sessions", p.sessions},
                      {"statements", p.statements}});
  const std::string more = page->more.empty() ? "" : next_page_url(kPeoplePath, req.params, "after", page->more);
  no_store(res);
  send_json(res, 200, Json{{"people", std::move(people)}, {"more", more}});
}

std::optional<PeopleApi::Built> PeopleApi::build(const Recruiter& who, const std::string& code, const char* route,
                                                 httplib::Response& res) {
  if (!plausible_code(code)) {
    not_found(res);
    return std::nullopt;
  }
  auto statements = store_.statements_visible_to(code, who.organisation);
  if (!statements) {
    log_.error(std::string("hub: GET ") + route + ": reading statements failed: " + statements.error().to_string());
    send_store_unavailable(res);
    return std::nullopt;
  }
  if (statements->empty()) {
    not_found(res);
    return std::nullopt;
  }
  auto data = data_.get();
  if (!data) {
    log_.error(std::string("hub: GET ") + route + ": the profile data cannot be loaded: " + data.error().to_string());
    send_error(res, 503, "the hub cannot build profiles now (its profile data could not be read); this has been logged");
    return std::nullopt;
  }
  Built built;
  auto report = report_from_statements(**data, *statements, profile::utc_now_iso8601(), &built.home_page);
  if (!report) {
    // Only the pointer: the message could quote a value from a statement.
    log_.error(std::string("hub: GET ") + route + ": the statements could not be read back at " +
               (report.error().pointer.empty() ? "/" : report.error().pointer));
    send_error(res, 500, "this person's statements could not be read back into a profile; this has been logged");
    return std::nullopt;
  }
  built.report = std::move(report).value();
  return built;
}

bool PeopleApi::audit(const Recruiter& who, const std::string& action, const std::string& code, Json detail,
                      const char* route, httplib::Response& res) {
  auto written = store_.append_audit({who.account_id, who.organisation, action, code, std::move(detail)});
  if (written) return true;
  log_.error(std::string("hub: ") + route + ": the audit entry could not be written, nothing shown: " +
             written.error().to_string());
  send_error(res, 503, "the hub cannot record this in its audit log, so it shows nothing; try again later");
  return false;
}

void PeopleApi::person(const Recruiter& who, const std::string& code, httplib::Response& res) {
  auto built = build(who, code, kPersonRoute, res);
  if (!built) return;
  if (!audit(who, "view", code, Json::object(), kPersonRoute, res)) return;
  log_.info("hub: account " + who.account_id + " viewed a person");
  no_store(res);
  send_json(res, 200, person_json(built->report));
}

void PeopleApi::export_person(const Recruiter& who, const std::string& code, const httplib::Request& req,
                              httplib::Response& res) {
  for (const auto& [name, value] : req.params)
    if (name != "format") return send_error(res, 400, "unknown parameter (only format is known)");
  const std::string format = req.get_param_value("format");
  if (format != "json" && format != "xapi") return send_error(res, 400, "format: expected json or xapi");
  auto built = build(who, code, kExportRoute, res);
  if (!built) return;
  std::string text;
  if (format == "json") {
    text = profile::profile_json(built->report).dump(2) + "\n";
  } else {
    profile::XapiOptions options;
    options.home_page = built->home_page;
    text = profile::xapi_statements(built->report, options).dump(2) + "\n";
  }
  if (!audit(who, "export", code, Json{{"format", format}}, kExportRoute, res)) return;
  log_.info("hub: account " + who.account_id + " exported a person (" + format + ")");
  no_store(res);
  res.set_header("Content-Disposition",
                 "attachment; filename=\"" + file_stem(code) + (format == "json" ? "-profile.json\"" : "-xapi.json\""));
  res.status = 200;
  res.set_content(text, "application/json");
}

void PeopleApi::erase(const Recruiter& who, const std::string& code, httplib::Response& res) {
  if (!may_erase(who)) return send_error(res, 403, "only an organisation's administrator may erase a person");
  if (!plausible_code(code)) return not_found(res);
  auto visible = store_.statements_visible_to(code, who.organisation);
  if (!visible) {
    log_.error(std::string("hub: POST ") + kEraseRoute + ": reading statements failed: " + visible.error().to_string());
    return send_store_unavailable(res);
  }
  if (visible->empty()) return not_found(res);
  // The audit entry goes in the erasure's own transaction: both happen, or neither.
  hub_store::AuditEntry entry{who.account_id, who.organisation, "erase", code, Json{{"requested_by", "recruiter"}}};
  auto erased = store_.erase(code, entry);
  if (!erased) {
    log_.error(std::string("hub: POST ") + kEraseRoute + ": erasing failed: " + erased.error().to_string());
    return send_store_unavailable(res, "nothing was erased");
  }
  log_.info("hub: account " + who.account_id + " erased a person");
  no_store(res);
  send_json(res, 200, Json{{"erased", code}, {"statements", *erased}});
}

void register_people_routes(httplib::Server& server, RecruiterAuth& auth, PeopleApi& api) {
  // Who is asking, or nothing when the answer (401, 403, 429, 503) has been written.
  auto admit = [&auth](const httplib::Request& req, httplib::Response& res) -> std::optional<Recruiter> {
    RecruiterAuth::Answer a = auth.check(req.get_header_value("Authorization"), req.remote_addr);
    switch (a.outcome) {
      case RecruiterAuth::Outcome::Ok:
        break;
      case RecruiterAuth::Outcome::Limited:
        res.set_header("Retry-After", std::to_string(a.retry_after_s));
        send_error(res, 429, "too many wrong passwords from this address; try again in " +
                                 std::to_string(a.retry_after_s) + " s");
        return std::nullopt;
      case RecruiterAuth::Outcome::Unavailable:
        send_store_unavailable(res);
        return std::nullopt;
      case RecruiterAuth::Outcome::Missing:
      case RecruiterAuth::Outcome::Wrong:
        res.set_header("WWW-Authenticate", "Basic realm=\"Meeloop recruiters\", charset=\"UTF-8\"");
        send_error(res, 401, a.outcome == RecruiterAuth::Outcome::Missing
                                 ? "a recruiter account is needed (HTTP Basic: name and password)"
                                 : "unknown account or wrong password");
        return std::nullopt;
    }
    if (!sees_individuals(*a.who)) {
      send_error(res, 403, "a regional coordinator sees aggregates only, never one person");
      return std::nullopt;
    }
    return a.who;
  };
  server.Get(kPeoplePath, [admit, &api](const httplib::Request& req, httplib::Response& res) {
    if (auto who = admit(req, res)) api.list(*who, req, res);
  });
  server.Get(kPersonPattern, [admit, &api](const httplib::Request& req, httplib::Response& res) {
    auto who = admit(req, res);
    if (!who) return;
    if (!req.params.empty()) return send_error(res, 400, "this route takes no query parameters");
    api.person(*who, req.matches[1].str(), res);
  });
  server.Get(kExportPattern, [admit, &api](const httplib::Request& req, httplib::Response& res) {
    if (auto who = admit(req, res)) api.export_person(*who, req.matches[1].str(), req, res);
  });
  server.Post(kErasePattern, [admit, &api](const httplib::Request& req, httplib::Response& res) {
    auto who = admit(req, res);
    if (!who) return;
    if (!req.params.empty()) return send_error(res, 400, "this route takes no query parameters");
    api.erase(*who, req.matches[1].str(), res);
  });
}

std::optional<std::string> people_route_template(const std::string& path) {
  const std::string base = kPeoplePath;
  if (path == base) return base;
  if (path.rfind(base + "/", 0) != 0) return std::nullopt;
  const std::string rest = path.substr(base.size() + 1);
  const size_t slash = rest.find('/');
  if (slash == std::string::npos) return std::string(kPersonRoute);
  const std::string tail = rest.substr(slash);
  if (tail == "/export") return std::string(kExportRoute);
  if (tail == "/erase") return std::string(kEraseRoute);
  return std::nullopt;
}

}  // namespace meeloop::hub
