#include "hub/xapi_request.h"

#include <openssl/rand.h>

#include <cctype>
#include <cstdio>
#include <ctime>
#include <set>

#include "xapi/validate.h"
#include "xapi/vocabulary.h"

namespace meeloop::hub {
namespace {

std::string random_uuid() {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof b) != 1) throw ErrorException(failure("no random source for a statement id"));
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  char out[37];
  std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
  return out;
}

Error bad_param(const std::string& name, const std::string& message) {
  return bad_input("", "?" + name, message);
}

}  // namespace

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool is_supported_xapi_version(const std::string& header) {
  if (header == "1.0") return true;
  if (header.rfind("1.0.", 0) != 0 || header.size() == 4) return false;
  for (size_t i = 4; i < header.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(header[i]))) return false;
  return true;
}

bool is_uuid(const std::string& t) {
  if (t.size() != 36) return false;
  for (size_t i = 0; i < t.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? t[i] != '-' : !std::isxdigit(static_cast<unsigned char>(t[i]))) return false;
  }
  return true;
}

std::optional<TimePoint> parse_timestamp(const std::string& text) {
  int y, mo, d, h, mi, s, used = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &used) != 6 || used != 19)
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  size_t i = 19;
  long long nanos = 0;
  if (i < text.size() && text[i] == '.') {
    long long scale = 100000000;
    size_t digits = 0;
    for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i, ++digits) {
      nanos += (text[i] - '0') * scale;
      scale /= 10;
    }
    if (digits == 0) return std::nullopt;
  }
  long offset_s = 0;
  std::string zone = text.substr(i);
  if (zone == "Z" || zone == "z") {
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' &&
             std::isdigit(static_cast<unsigned char>(zone[1])) && std::isdigit(static_cast<unsigned char>(zone[2])) &&
             std::isdigit(static_cast<unsigned char>(zone[4])) && std::isdigit(static_cast<unsigned char>(zone[5]))) {
    offset_s = ((zone[1] - '0') * 10 + (zone[2] - '0')) * 3600 + ((zone[4] - '0') * 10 + (zone[5] - '0')) * 60;
    if (zone[0] == '-') offset_s = -offset_s;
  } else {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  std::time_t t = ::timegm(&tm) - offset_s;
  return std::chrono::system_clock::from_time_t(t) +
         std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::nanoseconds(nanos));
}

std::string format_timestamp(TimePoint t) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000 - (ms % 1000 < 0 ? 1 : 0));
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  char out[64];
  std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(((ms % 1000) + 1000) % 1000));
  return out;
}

Json returned_statement(const hub_store::StoredStatement& s) {
  Json j = s.statement;
  j["stored"] = s.stored;
  j["version"] = kXapiVersion;
  j["authority"] = {{"objectType", "Agent"},
                    {"account", {{"homePage", std::string(xapi::kBase) + "/organisations"}, {"name", s.organisation}}}};
  return j;
}

Result<std::vector<hub_store::IncomingStatement>> read_statements(const std::string& body,
                                                                   const std::optional<std::string>& put_id,
                                                                   const Sender& sender) {
  const bool single = put_id.has_value();
  MEELOOP_ASSIGN_OR_RETURN(auto doc, parse_json_text(body, "request body"));
  std::vector<hub_store::IncomingStatement> out;
  std::set<std::string> ids;
  const std::string scope_key = xapi::extension(xapi::ext::kConsentScope);
  try {
    JsonView root = JsonView::root(doc);
    std::vector<JsonView> items;
    if (root.is_array() && !single) {
      items = root.elements();
      if (items.empty()) root.fail("expected at least one statement");
    } else {
      if (!root.is_object())
        root.fail(single ? "expected one statement (an object)" : "expected a statement or an array of statements");
      items.push_back(root);
    }
    for (const JsonView& item : items) {
      if (auto st = xapi::validate_statement(item.raw(), item.pointer()); !st) throw ErrorException(st.error());
      hub_store::IncomingStatement in;
      in.statement = item.raw();
      in.statement.erase("stored");
      in.statement.erase("authority");
      std::string id;
      if (in.statement.contains("id")) {
        id = lower(in.statement["id"].get<std::string>());
        if (put_id && id != lower(*put_id)) item.at("id").fail("expected the id given as ?statementId (" + *put_id + ")");
      } else {
        id = put_id ? lower(*put_id) : random_uuid();
      }
      in.statement["id"] = id;
      if (!ids.insert(id).second) item.fail("statement id " + id + " appears twice in this request");
      in.scope = "organisation";
      if (auto context = item.find("context"))
        if (auto extensions = context->find("extensions"))
          if (auto scope = extensions->find(scope_key)) {
            in.scope = scope->as_string();
            if (in.scope != "organisation" && in.scope != "region")
              scope->fail("expected the consent scope \"organisation\" or \"region\" (a statement kept on the "
                          "kiosk is never sent)");
          }
      in.organisation = sender.organisation;
      in.device = sender.device;
      out.push_back(std::move(in));
    }
  } catch (const ErrorException& e) {
    return e.error();
  }
  return out;
}

Result<hub_store::StatementFilter> read_filter(const std::multimap<std::string, std::string>& params,
                                               const Sender& sender, size_t page_size) {
  hub_store::StatementFilter f;
  f.visible_to = sender.organisation;
  f.limit = page_size;
  std::set<std::string> seen;
  for (const auto& [name, value] : params) {
    if (!seen.insert(name).second) return bad_param(name, "given more than once");
    if (name == "agent") {
      auto doc = parse_json_text(value, "agent parameter");
      if (!doc) return bad_param(name, "expected an xAPI Agent as JSON: " + doc.error().message);
      const Json& a = doc.value()->root;
      int identifiers = 0;
      if (a.is_object())
        for (const char* key : {"mbox", "mbox_sha1sum", "openid", "account"}) identifiers += a.contains(key) ? 1 : 0;
      if (identifiers != 1)
        return bad_param(name, "expected an Agent object with one of mbox, mbox_sha1sum, openid or account");
      if (a.contains("account") && !(a["account"].is_object() && a["account"].value("name", Json()).is_string() &&
                                     a["account"].value("homePage", Json()).is_string()))
        return bad_param(name, "expected the agent's account with homePage and name");
      // Every statement a kiosk sends names its person by an account; an Agent known by mbox or
      // openid matches none of them (a code no kiosk makes stands in for "nobody").
      const Json account = a.value("account", Json());
      f.agent_code = account.is_object() ? account.value("name", "") : std::string("\x01no-account");
      if (account.is_object()) f.agent_home_page = account.value("homePage", "");
    } else if (name == "since" || name == "until") {
      if (!parse_timestamp(value)) return bad_param(name, "expected an ISO 8601 date-time with a time zone");
      (name == "since" ? f.since : f.until) = value;
    } else if (name == "limit") {
      long long n = -1;
      size_t used = 0;
      try {
        n = std::stoll(value, &used);
      } catch (const std::exception&) {
      }
      if (n < 0 || used != value.size()) return bad_param(name, "expected a whole number, 0 or more");
      // 0 means "as many as the server allows" in xAPI.
      f.limit = n == 0 ? page_size : std::min(static_cast<size_t>(n), page_size);
    } else if (name == "ascending") {
      if (value != "true" && value != "false") return bad_param(name, "expected true or false");
      f.ascending = value == "true";
    } else if (name == "format") {
      if (value != "exact" && value != "ids" && value != "canonical")
        return bad_param(name, "expected exact, ids or canonical");
    } else if (name == "attachments") {
      if (value != "false") return bad_param(name, "this hub stores no attachments: expected false");
    } else if (name == "cursor") {
      if (value.empty() || value.size() > 200) return bad_param(name, "expected the cursor of a `more` link");
      f.after = value;
    } else {
      return bad_param(name, "not a parameter of GET /xapi/statements (statementId, agent, since, until, limit, "
                             "ascending, format, attachments)");
    }
  }
  return f;
}

}  // namespace meeloop::hub
