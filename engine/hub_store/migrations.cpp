#include "hub_store/migrations.h"

#include "hub_store/connection.h"

namespace meeloop::hub_store {
namespace {

// pg_advisory_xact_lock(class, key): a lock only hub processes take, held until the
// transaction ends (so a crashed process never leaves it taken).
constexpr const char* kTakeMigrationLock = "SELECT pg_advisory_xact_lock(19789, 1)";

const char* kInitialSchema = R"SQL(
CREATE TABLE organisations (
  id text PRIMARY KEY CHECK (id <> ''),
  name text NOT NULL
);
-- Kiosk device keys: only their Argon2id hashes, never a key (the CHECK refuses anything else).
CREATE TABLE devices (
  id text PRIMARY KEY CHECK (id <> ''),
  organisation text NOT NULL REFERENCES organisations (id),
  key_hash text NOT NULL CHECK (key_hash LIKE '$argon2id$%'),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- xAPI statements as jsonb (canonical form) plus the columns queries filter on. seq orders
-- them as stored and is the paging cursor. No foreign key to organisations: a statement keeps
-- the organisation it came through even after the configuration drops it.
CREATE TABLE statements (
  id uuid PRIMARY KEY,
  seq bigserial NOT NULL UNIQUE,
  statement jsonb NOT NULL,
  agent_code text NOT NULL,
  agent_home_page text NOT NULL,
  organisation text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('organisation', 'region')),
  registration uuid,
  verb text NOT NULL,
  "timestamp" timestamptz,
  stored timestamptz NOT NULL,
  device text NOT NULL DEFAULT ''
);
CREATE INDEX statements_by_agent ON statements (agent_code, seq);
CREATE INDEX statements_by_stored ON statements (stored, seq);
CREATE INDEX statements_by_registration ON statements (registration, seq) WHERE registration IS NOT NULL;
CREATE INDEX statements_by_organisation ON statements (organisation, seq);
-- Codes erased on the hub: their later statements are refused.
CREATE TABLE erasures (
  code text PRIMARY KEY,
  erased_at timestamptz NOT NULL DEFAULT now()
);
-- Every view, export and erasure: who, for which organisation, about which code. No names.
CREATE TABLE audit_log (
  seq bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  organisation text NOT NULL DEFAULT '',
  action text NOT NULL,
  subject text NOT NULL DEFAULT '',
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_by_subject ON audit_log (subject, seq);
)SQL";

// Recruiter accounts (issue 18, item 5): Argon2id hashes only; the name may be personal, so
// everything else (logs, audit) names the account by its id. The audit log by organisation is
// what an organisation's administrator reads.
const char* kRecruiters = R"SQL(
CREATE TABLE recruiters (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation text NOT NULL REFERENCES organisations (id),
  name text NOT NULL UNIQUE CHECK (name <> ''),
  role text NOT NULL CHECK (role IN ('recruiter', 'organisation_admin', 'regional_coordinator')),
  password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);
CREATE INDEX audit_log_by_organisation ON audit_log (organisation, seq);
)SQL";

int read_version(pqxx::work& w) {
  return w.exec1("SELECT coalesce(max(version), 0) FROM schema_migrations")[0].as<int>();
}

Error newer_than_code(int version, int known) {
  return failure("the hub database has schema version " + std::to_string(version) + ", newer than this hub knows (" +
                 std::to_string(known) + "): run the newer hub, or restore a backup");
}

}  // namespace

const std::vector<Migration>& hub_migrations() {
  static const std::vector<Migration> migrations = {
      {1, "statements, organisations, devices, erasures, audit log", kInitialSchema},
      {2, "recruiter accounts", kRecruiters},
  };
  return migrations;
}

Status migrate(const std::string& database_url, const std::vector<Migration>& migrations) {
  for (size_t i = 0; i < migrations.size(); ++i)
    if (migrations[i].version != static_cast<int>(i) + 1)
      return failure("hub migrations must be numbered 1, 2, 3, ...: entry " + std::to_string(i) + " is " +
                     std::to_string(migrations[i].version));
  const int known = static_cast<int>(migrations.size());
  const std::string where = "migrating the hub database at " + describe_url(database_url);
  try {
    auto conn = connect(database_url);
    {
      pqxx::work w(*conn);
      w.exec(kTakeMigrationLock);
      w.exec(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          " version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
      const int version = read_version(w);
      if (version > known) return newer_than_code(version, known);
      w.commit();
    }
    for (const Migration& m : migrations) {
      pqxx::work w(*conn);
      w.exec(kTakeMigrationLock);
      // Another process may have applied it while this one waited for the lock.
      const int version = read_version(w);
      if (version > known) return newer_than_code(version, known);
      if (version >= m.version) continue;
      try {
        w.exec(m.sql);
      } catch (const std::exception& e) {
        Error err = error_from(e, where + ": migration " + std::to_string(m.version) + " (" + m.name + ")");
        err.kind = ErrorKind::Failure;  // a broken migration is never the caller's input
        return err;
      }
      w.exec_params("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", m.version, m.name);
      w.commit();
    }
    return Ok{};
  } catch (const std::exception& e) {
    return error_from(e, where);
  }
}

Result<int> schema_version(const std::string& database_url) {
  try {
    auto conn = connect(database_url);
    pqxx::work w(*conn);
    if (w.exec1("SELECT to_regclass('schema_migrations') IS NULL")[0].as<bool>()) return 0;
    return read_version(w);
  } catch (const std::exception& e) {
    return error_from(e, "reading the hub database's schema version at " + describe_url(database_url));
  }
}

}  // namespace meeloop::hub_store
