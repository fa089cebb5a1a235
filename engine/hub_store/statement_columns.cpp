#include "hub_store/statement_columns.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace meeloop::hub_store {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The non-empty string at `key` of `object`, or nothing.
const std::string* string_at(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  if (it == object.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) return nullptr;
  return &it->get_ref<const std::string&>();
}

}  // namespace

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

bool is_iso8601_time(std::string_view text) {
  static const std::regex pattern(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?)");
  return text.size() <= 64 && std::regex_match(text.begin(), text.end(), pattern);
}

Result<StatementColumns> statement_columns(const Json& statement, const std::string& pointer) {
  if (!statement.is_object()) return bad_input("", pointer, "expected an xAPI statement (a JSON object)");
  StatementColumns c;
  const std::string* id = string_at(statement, "id");
  if (!id || !is_uuid(*id))
    return bad_input("", pointer + "/id", "expected the statement's id, a UUID: the hub stores statements by id");
  c.id = lower(*id);

  const Json* account = nullptr;
  if (auto actor = statement.find("actor"); actor != statement.end() && actor->is_object())
    if (auto a = actor->find("account"); a != actor->end() && a->is_object()) account = &*a;
  const std::string* name = account ? string_at(*account, "name") : nullptr;
  const std::string* home = account ? string_at(*account, "homePage") : nullptr;
  if (!name)
    return bad_input("", pointer + "/actor/account/name",
                     "expected an account actor with a name (the participant's pseudonymous code)");
  if (!home) return bad_input("", pointer + "/actor/account/homePage", "expected the account's homePage");
  c.agent_code = *name;
  c.agent_home_page = *home;

  const std::string* verb = nullptr;
  if (auto v = statement.find("verb"); v != statement.end()) verb = string_at(*v, "id");
  if (!verb) return bad_input("", pointer + "/verb/id", "expected a verb with an id");
  c.verb = *verb;

  if (auto ctx = statement.find("context"); ctx != statement.end() && ctx->is_object())
    if (auto reg = ctx->find("registration"); reg != ctx->end()) {
      if (!reg->is_string() || !is_uuid(reg->get_ref<const std::string&>()))
        return bad_input("", pointer + "/context/registration", "expected a UUID");
      c.registration = lower(reg->get<std::string>());
    }
  if (auto ts = statement.find("timestamp"); ts != statement.end()) {
    if (!ts->is_string() || !is_iso8601_time(ts->get_ref<const std::string&>()))
      return bad_input("", pointer + "/timestamp", "expected an ISO 8601 timestamp");
    c.timestamp = ts->get<std::string>();
  }

  c.canonical = statement;
  // Properties an LRS sets itself; the xAPI comparison rules ignore them.
  for (const char* key : {"stored", "authority", "version"}) c.canonical.erase(key);
  c.canonical["id"] = c.id;
  if (c.registration) c.canonical["context"]["registration"] = *c.registration;
  return c;
}

Status check_sharing(const std::string& scope, const std::string& organisation, const std::string& pointer) {
  if (scope != "organisation" && scope != "region")
    return bad_input("", pointer,
                     "expected the sharing scope \"organisation\" or \"region\", not \"" + scope +
                         "\": only shared profiles reach the hub");
  if (organisation.empty()) return bad_input("", pointer, "expected the sending device's organisation");
  return Ok{};
}

}  // namespace meeloop::hub_store
