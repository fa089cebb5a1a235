#include "sync/sync_client.h"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <vector>

#include "core/files.h"
#include "core/json_file.h"

namespace meeloop::sync {
namespace {

constexpr const char* kStatementsPath = "/xapi/statements";
constexpr const char* kErasuresPath = "/meeloop/v1/erasures";  // hub/erasure_routes.h
constexpr size_t kErasuresPerRequest = 500;
constexpr size_t kMaxCaBytes = 1u << 20;
constexpr size_t kMaxMessage = 300;

// What one request came to.
enum class Verdict {
  Accepted,    // 2xx
  RetryLater,  // no answer, 5xx, 429, 401: nothing wrong with the rows
  Refused,     // another 4xx: the hub refused this content
};

struct Answer {
  Verdict verdict = Verdict::RetryLater;
  bool reached = false;  // the hub answered, and not with "unavailable"
  std::string message;   // for SyncSummary::last_error
};

std::string describe(httplib::Error e) {
  switch (e) {
    case httplib::Error::Connection: return "the hub could not be reached (connection refused or no route)";
    case httplib::Error::ConnectionTimeout: return "the hub did not answer in time (connecting)";
    case httplib::Error::Read: return "the connection to the hub broke while reading its answer";
    case httplib::Error::Write: return "the connection to the hub broke while sending";
    case httplib::Error::SSLConnection: return "the TLS connection to the hub failed";
    case httplib::Error::SSLLoadingCerts: return "the CA certificates could not be loaded";
    case httplib::Error::SSLServerVerification:
      return "the hub's TLS certificate was not trusted (wrong --ca, or not the hub's name)";
    default: return "the request to the hub failed (" + httplib::to_string(e) + ")";
  }
}

// The hub's own message from its {"error": {"message"}} body, cut short; an answer from
// something else (a proxy's HTML page) is not quoted.
std::string hub_message(const httplib::Response& res) {
  try {
    Json body = Json::parse(res.body);
    if (body.is_object() && body.contains("error") && body["error"].is_object() &&
        body["error"].contains("message") && body["error"]["message"].is_string()) {
      std::string m = body["error"]["message"].get<std::string>();
      if (m.size() > kMaxMessage) m = m.substr(0, kMaxMessage) + "...";
      return m;
    }
  } catch (const Json::exception&) {
  }
  return "no explanation in the answer";
}

Answer judge(const httplib::Result& r, const std::string& what) {
  if (!r) return {Verdict::RetryLater, false, what + ": " + describe(r.error())};
  const int status = r->status;
  const std::string said = what + ": the hub answered " + std::to_string(status) + " (" + hub_message(*r) + ")";
  if (status >= 200 && status < 300) return {Verdict::Accepted, true, ""};
  if (status >= 500 || status == 429) return {Verdict::RetryLater, false, said};
  if (status == 401) return {Verdict::RetryLater, true, said + "; check the kiosk id and key given with --key"};
  if (status == 409)
    return {Verdict::Refused, true,
            said + "; this database or its home page changed after the statements were first sent: "
                   "the hub's administrator must compare them before they can be resent"};
  if (status == 403) return {Verdict::Refused, true, said + "; the rows stay queued until the person is forgotten here too"};
  return {Verdict::Refused, true, said};
}

std::vector<int64_t> ids_of(const std::vector<store::OutboxItem>& items) {
  std::vector<int64_t> ids;
  ids.reserve(items.size());
  for (const auto& i : items) ids.push_back(i.id);
  return ids;
}

// The batch split where the session changes (pending_outbox keeps a session's rows together).
std::vector<std::vector<store::OutboxItem>> by_session(std::vector<store::OutboxItem> items) {
  std::vector<std::vector<store::OutboxItem>> groups;
  for (auto& i : items) {
    if (groups.empty() || groups.back().front().session.id != i.session.id) groups.emplace_back();
    groups.back().push_back(std::move(i));
  }
  return groups;
}

}  // namespace

Result<HubEndpoint> parse_hub_url(const std::string& url) {
  auto bad = [&](const std::string& why) {
    return bad_input("", "--hub", "expected https://host[:port][/path], " + why);
  };
  std::string lower = url;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  constexpr std::string_view kScheme = "https://";
  if (lower.rfind(kScheme, 0) != 0)
    return bad(lower.rfind("http://", 0) == 0 ? "not http:// (the device key must not travel in the clear)"
                                              : "got something else");
  std::string rest = url.substr(kScheme.size());
  if (rest.find_first_of("?#@ \t\r\n") != std::string::npos)
    return bad("without user, query, fragment or spaces");
  const size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  HubEndpoint e;
  e.base_path = slash == std::string::npos ? "" : rest.substr(slash);
  while (!e.base_path.empty() && e.base_path.back() == '/') e.base_path.pop_back();
  std::string port_text;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string::npos) return bad("an IPv6 address in [ ] is not closed");
    e.host = authority.substr(1, close - 1);
    std::string after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':') return bad("got text after the ]");
    if (!after.empty()) port_text = after.substr(1);
    if (after == ":") return bad("the port is empty");
  } else {
    const size_t colon = authority.find(':');
    e.host = authority.substr(0, colon);
    if (colon != std::string::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) return bad("the port is empty");
    }
  }
  if (e.host.empty()) return bad("the host is missing");
  if (!port_text.empty()) {
    if (port_text.size() > 5 || !std::all_of(port_text.begin(), port_text.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return bad("the port is not a number");
    e.port = std::stoi(port_text);
    if (e.port < 1 || e.port > 65535) return bad("the port is outside 1-65535");
  }
  return e;
}

struct SyncClient::Impl {
  SyncOptions options;
  HubEndpoint endpoint;

  std::unique_ptr<httplib::SSLClient> client() const {
    auto c = std::make_unique<httplib::SSLClient>(endpoint.host, endpoint.port);
    if (!options.ca_file.empty()) c->set_ca_cert_path(options.ca_file.string());
    c->enable_server_certificate_verification(true);
    c->set_basic_auth(options.device_id, options.device_key);
    c->set_connection_timeout(static_cast<time_t>(options.connect_timeout.count()));
    c->set_read_timeout(static_cast<time_t>(options.read_timeout.count()));
    c->set_write_timeout(static_cast<time_t>(options.read_timeout.count()));
    c->set_tcp_nodelay(true);  // the body, written after the headers, must not wait for a delayed ACK
    return c;
  }

  Answer post(httplib::SSLClient& c, const char* path, const Json& body, bool xapi, const std::string& what) const {
    httplib::Headers headers;
    if (xapi) headers.emplace("X-Experience-API-Version", "1.0.3");
    return judge(c.Post((endpoint.base_path + path).c_str(), headers, body.dump(), "application/json"), what);
  }

  // The statements of `items`, each person read once per run.
  Result<Json> statements(const store::EventStore& store, const std::vector<store::OutboxItem>& items,
                          std::map<std::string, store::Participant>& people) const {
    Json out = Json::array();
    for (const store::OutboxItem& item : items) {
      const std::string& code = item.session.participant_code;
      auto known = people.find(code);
      if (known == people.end()) {
        MEELOOP_ASSIGN_OR_RETURN(auto p, store.participant(code));
        if (!p) return failure("the outbox names a session whose participant is missing from the database");
        known = people.emplace(code, std::move(*p)).first;
      }
      out.push_back(item.kind == store::OutboxKind::SessionEnded
                        ? xapi::statement_for_session_end(options.xapi, known->second, item.session)
                        : xapi::statement_for_event(options.xapi, known->second, item.session, item.event));
    }
    return out;
  }

  Status fail(store::EventStore& store, const std::vector<store::OutboxItem>& items,
              std::chrono::system_clock::time_point now, SyncSummary& sum) const {
    // Rows of one batch may have failed before a different number of times: each gets its own
    // backoff, so a row that failed often is not tried sooner because a fresh one joined it.
    std::map<int, std::vector<int64_t>> by_attempts;
    for (const auto& i : items) by_attempts[i.attempts].push_back(i.id);
    for (const auto& [attempts, ids] : by_attempts)
      MEELOOP_RETURN_IF_ERROR(store.mark_failed(ids, store::outbox_next_attempt(attempts + 1, now)));
    sum.failed += static_cast<int>(items.size());
    return Ok{};
  }

  Status sent(store::EventStore& store, const std::vector<store::OutboxItem>& items, SyncSummary& sum) const {
    MEELOOP_RETURN_IF_ERROR(store.mark_sent(ids_of(items)));
    sum.sent += static_cast<int>(items.size());
    if (options.on_batch_sent) options.on_batch_sent(sum.sent);
    return Ok{};
  }

  // Sends the outbox; false when the run must stop (the hub is out of reach or unavailable).
  Result<bool> send_outbox(httplib::SSLClient& c, store::EventStore& store, std::chrono::system_clock::time_point now,
                           SyncSummary& sum) const {
    std::map<std::string, store::Participant> people;
    int64_t previous_first = -1;
    for (;;) {
      MEELOOP_ASSIGN_OR_RETURN(auto items, store.pending_outbox(options.batch_size, now));
      if (items.empty()) return true;
      // Every pass marks its rows sent or failed (failed rows wait for their backoff), so the
      // same first row twice means the database did not take the mark: stop rather than loop.
      if (items.front().id == previous_first) return failure("the outbox did not record the last delivery");
      previous_first = items.front().id;
      MEELOOP_ASSIGN_OR_RETURN(Json batch, statements(store, items, people));
      Answer a = post(c, kStatementsPath, batch, true, "sending statements");
      if (a.verdict == Verdict::Accepted) {
        MEELOOP_RETURN_IF_ERROR(sent(store, items, sum));
        continue;
      }
      sum.last_error = a.message;
      if (a.verdict == Verdict::RetryLater) {
        sum.reached = sum.reached && a.reached;
        if (a.reached) sum.refused = true;  // 401: the hub is there but does not know this kiosk
        MEELOOP_RETURN_IF_ERROR(fail(store, items, now, sum));
        return false;
      }
      sum.refused = true;
      // One refused statement refuses its whole batch: find the session it belongs to, so the
      // others are delivered now and only that session waits.
      for (auto& group : by_session(std::move(items))) {
        MEELOOP_ASSIGN_OR_RETURN(Json one, statements(store, group, people));
        Answer g = group.size() == batch.size() ? a : post(c, kStatementsPath, one, true, "sending statements");
        if (g.verdict == Verdict::Accepted) {
          MEELOOP_RETURN_IF_ERROR(sent(store, group, sum));
          continue;
        }
        sum.last_error = g.message;
        MEELOOP_RETURN_IF_ERROR(fail(store, group, now, sum));
        if (g.verdict == Verdict::RetryLater) {
          sum.reached = sum.reached && g.reached;
          return false;
        }
      }
    }
  }

  Status send_erasures(httplib::SSLClient& c, store::EventStore& store, SyncSummary& sum) const {
    MEELOOP_ASSIGN_OR_RETURN(auto queued, store.pending_hub_erasures());
    for (size_t from = 0; from < queued.size(); from += kErasuresPerRequest) {
      const size_t to = std::min(queued.size(), from + kErasuresPerRequest);
      Json codes = Json::array();
      for (size_t i = from; i < to; ++i) codes.push_back(queued[i].code);
      Answer a = post(c, kErasuresPath, Json{{"codes", codes}}, false, "sending erasures");
      if (a.verdict != Verdict::Accepted) {
        sum.last_error = a.message;
        if (a.verdict == Verdict::RetryLater) sum.reached = sum.reached && a.reached;
        else sum.refused = true;
        return Ok{};
      }
      for (size_t i = from; i < to; ++i) {
        MEELOOP_RETURN_IF_ERROR(store.mark_hub_erasure_done(queued[i].code));
        ++sum.erasures_done;
      }
    }
    return Ok{};
  }
};

SyncClient::SyncClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SyncClient::SyncClient(SyncClient&&) noexcept = default;
SyncClient& SyncClient::operator=(SyncClient&&) noexcept = default;
SyncClient::~SyncClient() = default;

Result<SyncClient> SyncClient::create(SyncOptions options) {
  MEELOOP_ASSIGN_OR_RETURN(HubEndpoint endpoint, parse_hub_url(options.hub_url));
  if (options.device_id.empty() || options.device_key.empty())
    return bad_input("", "--key", "expected the kiosk id and its device key as <kiosk-id>:<key>");
  if (options.device_id.find(':') != std::string::npos)
    return bad_input("", "--key", "a kiosk id cannot contain ':' (HTTP Basic auth splits there)");
  if (options.batch_size < 1) return bad_input("", "", "the batch size must be at least 1");
  if (!options.ca_file.empty()) {
    // Read once now, so a wrong path is a clear message rather than a TLS failure per request.
    MEELOOP_RETURN_IF_ERROR(read_regular_file(options.ca_file, kMaxCaBytes, "the CA file (--ca)"));
  }
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  impl->endpoint = std::move(endpoint);
  return SyncClient(std::move(impl));
}

Result<SyncSummary> SyncClient::sync_once(store::EventStore& store, std::chrono::system_clock::time_point now) {
  SyncSummary sum;
  auto client = impl_->client();
  MEELOOP_ASSIGN_OR_RETURN(bool go_on, impl_->send_outbox(*client, store, now, sum));
  if (go_on) MEELOOP_RETURN_IF_ERROR(impl_->send_erasures(*client, store, sum));
  MEELOOP_ASSIGN_OR_RETURN(store::OutboxCounts counts, store.outbox_counts());
  sum.pending = counts.pending + counts.failed;
  MEELOOP_ASSIGN_OR_RETURN(auto erasures, store.pending_hub_erasures());
  sum.erasures_pending = static_cast<int>(erasures.size());
  return sum;
}

}  // namespace meeloop::sync
