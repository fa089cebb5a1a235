#pragma once
// What the hub reads out of an incoming xAPI statement before storing it: the canonical form
// and the columns its queries filter on. Pure functions, no database.
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/json_file.h"

namespace meeloop::hub_store {

struct StatementColumns {
  std::string id;  // lower case
  Json canonical;  // without stored/authority/version, id lower case
  std::string agent_code;
  std::string agent_home_page;
  std::string verb;
  std::optional<std::string> registration;  // lower case
  std::optional<std::string> timestamp;
};

// BadInput at `pointer` + "/id", "/actor/account/name", ... for what the hub cannot store: no
// UUID id, no account actor with name and homePage, no verb id, a registration that is not a
// UUID, a timestamp that is not a string.
Result<StatementColumns> statement_columns(const Json& statement, const std::string& pointer);

// BadInput at `pointer` for a sharing scope other than "organisation" or "region" (only shared
// profiles reach the hub) or an empty sending organisation: what a hub row needs besides the statement.
Status check_sharing(const std::string& scope, const std::string& organisation, const std::string& pointer);

// 8-4-4-4-12 hexadecimal digits, either case.
bool is_uuid(std::string_view text);
// An ISO 8601 date and time as xAPI writes them: "2026-12-07T19:30:00.123Z", seconds, fraction
// and zone optional. (PostgreSQL alone would also take "yesterday" or "epoch".)
bool is_iso8601_time(std::string_view text);

}  // namespace meeloop::hub_store
