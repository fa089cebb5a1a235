#include "hub_store/bulk_load.h"

#include <chrono>
#include <ctime>
#include <tuple>
#include <utility>

#include "hub_store/connection.h"
#include "hub_store/statement_columns.h"

namespace meeloop::hub_store {
namespace {

// The columns insert_statements writes, in its order; seq comes from its sequence as there.
const std::vector<std::string> kColumns = {"id",    "statement",    "agent_code", "agent_home_page",
                                           "organisation", "scope", "registration", "verb",
                                           "timestamp", "stored", "device"};

// "stored" as insert_statements has it: now, cut to milliseconds, in UTC.
std::string now_iso_ms() {
  const auto now = std::chrono::system_clock::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

}  // namespace

struct BulkLoader::Impl {
  BulkLoadOptions options;
  std::string url;
  std::string opened_at = now_iso_ms();
  std::unique_ptr<pqxx::connection> conn;
  std::unique_ptr<pqxx::work> tx;
  std::unique_ptr<pqxx::stream_to> copy;
  size_t in_transaction = 0;
  int64_t rows = 0;
  std::vector<std::pair<std::string, std::string>> dropped;  // name, CREATE INDEX text

  ~Impl() {
    // Whatever was not finished is rolled back; indexes dropped for the load come back.
    try {
      if (copy) copy->complete();
    } catch (...) {
    }
    copy.reset();
    tx.reset();
    if (!dropped.empty()) try {
        recreate_indexes();
      } catch (...) {
      }
  }

  void begin() {
    tx = std::make_unique<pqxx::work>(*conn);
    copy = std::make_unique<pqxx::stream_to>(*tx, "statements", kColumns);
    in_transaction = 0;
  }

  void commit() {
    copy->complete();
    copy.reset();
    tx->commit();
    tx.reset();
  }

  void drop_indexes() {
    pqxx::work w(*conn);
    // Secondary indexes only: those behind a key (the id, seq) stay, so a duplicate still fails.
    auto rows = w.exec(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
        "AND i.tablename = 'statements' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)");
    for (const auto& row : rows) dropped.emplace_back(row[0].as<std::string>(), row[1].as<std::string>());
    for (const auto& [name, definition] : dropped) w.exec("DROP INDEX " + w.quote_name(name));
    w.commit();
  }

  void recreate_indexes() {
    pqxx::work w(*conn);
    w.exec("SET LOCAL maintenance_work_mem = '256MB'");
    for (const auto& [name, definition] : dropped) w.exec(definition);
    w.commit();
    dropped.clear();
  }
};

BulkLoader::BulkLoader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BulkLoader::BulkLoader(BulkLoader&&) noexcept = default;
BulkLoader& BulkLoader::operator=(BulkLoader&&) noexcept = default;
BulkLoader::~BulkLoader() = default;

Result<BulkLoader> BulkLoader::open(const std::string& database_url, const BulkLoadOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (impl->options.rows_per_transaction == 0) impl->options.rows_per_transaction = 1;
  impl->url = database_url;
  try {
    impl->conn = connect(database_url);
    if (options.defer_indexes) impl->drop_indexes();
    impl->begin();
  } catch (const std::exception& e) {
    return error_from(e, "opening a bulk load into the hub database at " + describe_url(database_url));
  }
  return BulkLoader(std::move(impl));
}

Status BulkLoader::add(const IncomingStatement& in, const std::string& stored) {
  Impl& s = *impl_;
  const std::string pointer = "/" + std::to_string(s.rows);
  MEELOOP_ASSIGN_OR_RETURN(StatementColumns c, statement_columns(in.statement, pointer));
  MEELOOP_RETURN_IF_ERROR(check_sharing(in.scope, in.organisation, pointer));
  if (!stored.empty() && !is_iso8601_time(stored))
    return bad_input("", pointer, "stored: expected an ISO 8601 time, not \"" + stored + "\"");
  std::string statement;
  try {
    statement = c.canonical.dump();  // the text insert_statements hands PostgreSQL as jsonb
  } catch (const Json::exception&) {
    return bad_input("", pointer, "a statement holds text that is not valid UTF-8");
  }
  const char* registration = c.registration ? c.registration->c_str() : nullptr;
  const char* timestamp = c.timestamp ? c.timestamp->c_str() : nullptr;
  try {
    *s.copy << std::make_tuple(c.id, statement, c.agent_code, c.agent_home_page, in.organisation, in.scope,
                               registration, c.verb, timestamp, stored.empty() ? s.opened_at : stored, in.device);
    ++s.rows;
    if (++s.in_transaction >= s.options.rows_per_transaction) {
      s.commit();
      s.begin();
    }
  } catch (const std::exception& e) {
    s.copy.reset();
    s.tx.reset();
    return error_from(e, "bulk loading statements");
  }
  return Ok{};
}

Status BulkLoader::finish() {
  Impl& s = *impl_;
  if (!s.tx) return failure("bulk loading statements: the load already ended (finished or failed)");
  try {
    s.commit();
    if (!s.dropped.empty()) s.recreate_indexes();
    pqxx::nontransaction n(*s.conn);
    n.exec("ANALYZE statements");
  } catch (const std::exception& e) {
    return error_from(e, "finishing a bulk load");
  }
  return Ok{};
}

int64_t BulkLoader::rows() const { return impl_->rows; }

Result<DatabaseFigures> database_figures(const std::string& database_url) {
  try {
    auto conn = connect(database_url);
    pqxx::work w(*conn);
    DatabaseFigures f;
    f.server_version = w.exec1("SHOW server_version")[0].as<std::string>();
    f.shared_buffers = w.exec1("SHOW shared_buffers")[0].as<std::string>();
    auto counts = w.exec1("SELECT count(*), count(DISTINCT agent_code), pg_database_size(current_database()) "
                          "FROM statements");
    f.statements = counts[0].as<int64_t>();
    f.participants = counts[1].as<int64_t>();
    f.database_bytes = counts[2].as<int64_t>();
    for (const auto& row : w.exec("SELECT pid FROM pg_stat_activity")) f.server_pids.push_back(row[0].as<int>());
    return f;
  } catch (const std::exception& e) {
    return error_from(e, "reading the hub database's figures at " + describe_url(database_url));
  }
}

}  // namespace meeloop::hub_store
