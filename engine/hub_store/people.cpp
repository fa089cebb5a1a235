// What an organisation's recruiters see: the people whose statements came through its own
// kiosks or were shared with the region, and those statements.
#include "hub_store/hub_store.h"
#include "hub_store/hub_store_impl.h"
#include "hub_store/statement_columns.h"

namespace meeloop::hub_store {
namespace {

// Aggregated per person over the statements the organisation may see. A person's time is the
// kiosk's own (when they played), else when the hub stored it. The cursor is the last row's
// (last_seen in microseconds, code): keyset paging, stable while people are added.
const char* kPeople = R"SQL(
WITH people AS (
  SELECT agent_code AS code,
         min(coalesce("timestamp", stored)) AS first_at,
         max(coalesce("timestamp", stored)) AS last_at,
         (array_agg(scope ORDER BY seq DESC))[1] AS scope,
         (array_agg(organisation ORDER BY seq DESC))[1] AS organisation,
         count(DISTINCT registration) AS sessions,
         count(*) AS statements
  FROM statements
  WHERE organisation = $1 OR scope = 'region'
  GROUP BY agent_code
), keyed AS (
  SELECT *, (extract(epoch FROM last_at) * 1000000)::bigint AS last_us FROM people
)
SELECT code, %FIRST%, %LAST%, scope, organisation, sessions, statements, last_us
FROM keyed
WHERE ($2::timestamptz IS NULL OR last_at > $2::timestamptz)
  AND ($3::timestamptz IS NULL OR first_at <= $3::timestamptz)
  AND ($4::text IS NULL OR scope = $4)
  AND ($5::bigint IS NULL OR (last_us, code) < ($5::bigint, $6::text))
ORDER BY last_us DESC, code DESC
LIMIT $7
)SQL";

std::string people_sql() {
  std::string sql = kPeople;
  sql.replace(sql.find("%FIRST%"), 7, iso_utc("first_at"));
  sql.replace(sql.find("%LAST%"), 6, iso_utc("last_at"));
  return sql;
}

struct Cursor {
  std::string last_us;
  std::string code;
};

// "<microseconds>:<code>", as people() writes it; anything else is refused, never run.
std::optional<Cursor> read_cursor(const std::string& s) {
  const size_t colon = s.find(':');
  if (colon == std::string::npos || colon == 0 || colon > 19 || colon + 1 == s.size()) return std::nullopt;
  const std::string digits = s.substr(s[0] == '-' ? 1 : 0, colon - (s[0] == '-' ? 1 : 0));
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return Cursor{s.substr(0, colon), s.substr(colon + 1)};
}

}  // namespace

Result<PeoplePage> HubStore::people(const PeopleFilter& f) {
  if (f.visible_to.empty()) return bad_input("", "", "expected the organisation whose people to list");
  if (f.since && !is_iso8601_time(*f.since)) return bad_input("", "", "since: expected an ISO 8601 timestamp");
  if (f.until && !is_iso8601_time(*f.until)) return bad_input("", "", "until: expected an ISO 8601 timestamp");
  if (f.scope && *f.scope != "organisation" && *f.scope != "region")
    return bad_input("", "", "scope: expected organisation or region");
  std::optional<Cursor> cursor;
  if (!f.after.empty() && !(cursor = read_cursor(f.after)))
    return bad_input("", "", "after: expected the \"more\" of an earlier page");
  const size_t limit = f.limit == 0 || f.limit > kMaxPage ? kMaxPage : f.limit;
  const std::optional<std::string> last_us = cursor ? std::optional(cursor->last_us) : std::nullopt;
  const std::optional<std::string> code = cursor ? std::optional(cursor->code) : std::nullopt;
  return impl_->pool.transact<PeoplePage>("listing people", [&](Tx& tx) -> Result<PeoplePage> {
    PeoplePage page;
    auto rows = tx.w.exec_params(people_sql(), f.visible_to, or_null(f.since), or_null(f.until), or_null(f.scope),
                                 or_null(last_us), or_null(code), static_cast<long long>(limit + 1));
    for (const auto& row : rows) {
      if (page.people.size() == limit) {
        const auto& prev = rows[static_cast<pqxx::result::size_type>(limit - 1)];
        page.more = prev[7].as<std::string>() + ":" + prev[0].as<std::string>();
        break;
      }
      PersonSummary p;
      p.code = row[0].as<std::string>();
      p.first_seen = row[1].as<std::string>();
      p.last_seen = row[2].as<std::string>();
      p.scope = row[3].as<std::string>();
      p.organisation = row[4].as<std::string>();
      p.sessions = row[5].as<int64_t>();
      p.statements = row[6].as<int64_t>();
      page.people.push_back(std::move(p));
    }
    return page;
  });
}

Result<std::vector<StoredStatement>> HubStore::statements_visible_to(const std::string& code,
                                                                     const std::string& organisation) {
  if (code.empty() || organisation.empty()) return bad_input("", "", "expected a participant code and an organisation");
  // The statements API's own query (agent and visibility), page after page: one definition of
  // what an organisation may see.
  StatementFilter filter;
  filter.agent_code = code;
  filter.visible_to = organisation;
  filter.ascending = true;
  filter.limit = kMaxPage;
  std::vector<StoredStatement> out;
  for (;;) {
    MEELOOP_ASSIGN_OR_RETURN(StatementPage page, query_statements(filter));
    for (StoredStatement& s : page.statements) out.push_back(std::move(s));
    if (page.more.empty()) return out;
    filter.after = page.more;
  }
}

}  // namespace meeloop::hub_store
