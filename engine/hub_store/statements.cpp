// Storing and reading xAPI statements.
#include <set>

#include "hub_store/hub_store.h"
#include "hub_store/hub_store_impl.h"
#include "hub_store/statement_columns.h"

namespace meeloop::hub_store {
namespace {

// The whole batch travels as one jsonb parameter and is unpacked in SQL, so a batch of any
// size is three round trips, not one per statement.
const char* kInsert = R"SQL(
INSERT INTO statements (id, statement, agent_code, agent_home_page, organisation, scope, registration, verb,
                        "timestamp", stored, device)
SELECT (e->>'id')::uuid, e->'statement', e->>'code', e->>'home_page', e->>'organisation', e->>'scope',
       (e->>'registration')::uuid, e->>'verb', (e->>'timestamp')::timestamptz,
       date_trunc('milliseconds', now()), e->>'device'
FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(e, n)
ORDER BY n
ON CONFLICT (id) DO NOTHING
RETURNING id::text
)SQL";

// jsonb equality: the canonical comparison (key order, spacing and number spelling ignored).
const char* kCompare = R"SQL(
SELECT a.n - 1, s.statement = a.e->'statement'
FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(e, n)
JOIN statements s ON s.id = (a.e->>'id')::uuid
)SQL";

const char* kErasedCodes = R"SQL(
SELECT DISTINCT x.code FROM jsonb_array_elements($1::jsonb) AS e JOIN erasures x ON x.code = e->>'code'
)SQL";

std::string select_columns() {
  return "SELECT seq, id::text, statement::text, " + iso_utc("stored") + ", organisation, scope FROM statements ";
}

StoredStatement stored_from(const pqxx::row& row) {
  StoredStatement s;
  s.seq = row[0].as<int64_t>();
  s.id = row[1].as<std::string>();
  s.statement = Json::parse(row[2].as<std::string>());
  s.stored = row[3].as<std::string>();
  s.organisation = row[4].as<std::string>();
  s.scope = row[5].as<std::string>();
  return s;
}

// The cursor is the last seq of a page: digits only, so a forged one is refused, not run.
bool is_cursor(const std::string& s) {
  return !s.empty() && s.size() <= 18 && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

Result<InsertReport> HubStore::insert_statements(const std::vector<IncomingStatement>& batch) {
  std::vector<std::string> ids, codes;
  Json rows = Json::array();
  for (size_t i = 0; i < batch.size(); ++i) {
    const IncomingStatement& in = batch[i];
    const std::string pointer = "/" + std::to_string(i);
    MEELOOP_ASSIGN_OR_RETURN(StatementColumns c, statement_columns(in.statement, pointer));
    MEELOOP_RETURN_IF_ERROR(check_sharing(in.scope, in.organisation, pointer));
    ids.push_back(c.id);
    codes.push_back(c.agent_code);
    rows.push_back({{"id", c.id},
                    {"statement", std::move(c.canonical)},
                    {"code", c.agent_code},
                    {"home_page", c.agent_home_page},
                    {"organisation", in.organisation},
                    {"scope", in.scope},
                    {"registration", c.registration ? Json(*c.registration) : Json(nullptr)},
                    {"verb", c.verb},
                    {"timestamp", c.timestamp ? Json(*c.timestamp) : Json(nullptr)},
                    {"device", in.device}});
  }
  if (batch.empty()) return InsertReport{{}, true};
  std::string param;
  try {
    param = rows.dump();
  } catch (const Json::exception&) {
    return bad_input("", "", "a statement holds text that is not valid UTF-8");
  }

  return impl_->pool.transact<InsertReport>("storing statements", [&](Tx& tx) -> Result<InsertReport> {
    tx.w.exec_params(std::string("SELECT pg_advisory_xact_lock_shared(") + kCodeLockClass +
                         ", hashtext(c)) FROM (SELECT DISTINCT e->>'code' AS c FROM jsonb_array_elements($1::jsonb) e "
                         "ORDER BY 1) AS codes",
                     param);
    std::set<std::string> erased, inserted, claimed;
    for (const auto& row : tx.w.exec_params(kErasedCodes, param)) erased.insert(row[0].as<std::string>());
    for (const auto& row : tx.w.exec_params(kInsert, param)) inserted.insert(row[0].as<std::string>());
    std::vector<bool> same(batch.size(), false);
    for (const auto& row : tx.w.exec_params(kCompare, param)) same.at(row[0].as<size_t>()) = row[1].as<bool>();

    InsertReport report;
    report.committed = true;
    for (size_t i = 0; i < batch.size(); ++i) {
      Outcome o;
      if (erased.count(codes[i]))
        o = Outcome::Erased;
      else if (inserted.count(ids[i]) && claimed.insert(ids[i]).second)
        o = Outcome::Stored;  // the first of its id in the batch: the one written
      else
        o = same[i] ? Outcome::AlreadyStored : Outcome::Conflict;
      if (o == Outcome::Erased || o == Outcome::Conflict) report.committed = false;
      report.outcomes.push_back(o);
    }
    tx.rollback = !report.committed;
    return report;
  });
}

Result<std::optional<StoredStatement>> HubStore::statement(const std::string& id) {
  if (!is_uuid(id)) return bad_input("", "", "statementId: expected a UUID");
  return impl_->pool.transact<std::optional<StoredStatement>>(
      "reading a statement", [&](Tx& tx) -> Result<std::optional<StoredStatement>> {
        auto rows = tx.w.exec_params(select_columns() + "WHERE id = $1::uuid", id);
        if (rows.empty()) return std::optional<StoredStatement>();
        return std::optional<StoredStatement>(stored_from(rows[0]));
      });
}

Result<StatementPage> HubStore::query_statements(const StatementFilter& f) {
  if (!f.after.empty() && !is_cursor(f.after)) return bad_input("", "", "more: expected the cursor of an earlier page");
  if (f.registration && !is_uuid(*f.registration)) return bad_input("", "", "registration: expected a UUID");
  if (f.since && !is_iso8601_time(*f.since)) return bad_input("", "", "since: expected an ISO 8601 timestamp");
  if (f.until && !is_iso8601_time(*f.until)) return bad_input("", "", "until: expected an ISO 8601 timestamp");
  const size_t limit = f.limit == 0 || f.limit > kMaxPage ? kMaxPage : f.limit;
  const std::optional<std::string> after = f.after.empty() ? std::nullopt : std::optional<std::string>(f.after);
  // Unnamed statements are planned with their values, so each absent filter folds away and the
  // indexes on agent, stored time and registration serve the ones given.
  const std::string sql = select_columns() +
                          "WHERE ($1::text IS NULL OR agent_code = $1) "
                          "AND ($2::text IS NULL OR agent_home_page = $2) "
                          "AND ($3::uuid IS NULL OR registration = $3::uuid) "
                          "AND ($4::text IS NULL OR verb = $4) "
                          "AND ($5::timestamptz IS NULL OR stored > $5::timestamptz) "
                          "AND ($6::timestamptz IS NULL OR stored <= $6::timestamptz) "
                          "AND ($7::text IS NULL OR scope = 'region' OR organisation = $7) "
                          "AND ($8::bigint IS NULL OR seq " +
                          std::string(f.ascending ? ">" : "<") + " $8::bigint) ORDER BY seq " +
                          (f.ascending ? "ASC" : "DESC") + " LIMIT $9";
  return impl_->pool.transact<StatementPage>("reading statements", [&](Tx& tx) -> Result<StatementPage> {
    StatementPage page;
    auto rows = tx.w.exec_params(sql, or_null(f.agent_code), or_null(f.agent_home_page), or_null(f.registration),
                                 or_null(f.verb), or_null(f.since), or_null(f.until), or_null(f.visible_to),
                                 or_null(after), static_cast<long long>(limit + 1));
    for (const auto& row : rows) {
      if (page.statements.size() == limit) {
        page.more = std::to_string(page.statements.back().seq);
        break;
      }
      page.statements.push_back(stored_from(row));
    }
    return page;
  });
}

Result<std::vector<StoredStatement>> HubStore::statements_of(const std::string& code) {
  return impl_->pool.transact<std::vector<StoredStatement>>(
      "reading a participant's statements", [&](Tx& tx) -> Result<std::vector<StoredStatement>> {
        std::vector<StoredStatement> out;
        for (const auto& row : tx.w.exec_params(select_columns() + "WHERE agent_code = $1 ORDER BY seq", code))
          out.push_back(stored_from(row));
        return out;
      });
}

}  // namespace meeloop::hub_store
