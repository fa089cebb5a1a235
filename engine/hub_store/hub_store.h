#pragma once
// The regional hub's PostgreSQL store: the xAPI statements kiosks send, organisations, kiosk
// device keys and recruiter accounts (Argon2id hashes only), erasures and the audit log. What the hub's HTTP server
// (engine/hub) calls; no HTTP and no profile logic here.
//
// Every call is one transaction (retention: one per person) on a connection borrowed from a
// pool, and nothing a second hub process would need stays in memory between calls: any number
// of hub processes can share one database. A HubStore may be shared between threads. A connection lost
// (PostgreSQL restarted) is dropped and the call retried once on a fresh one, unless the loss
// came during COMMIT (then the outcome is unknown: a Failure saying so; inserts are
// idempotent, so the sender simply retries).
//
// Statements are stored in a canonical form: "stored", "authority" and "version" (properties an
// LRS sets) removed, the id in lower case. Two statements with one id are "the same" when their
// canonical forms are equal as jsonb (key order, whitespace and number spelling ignored).
// Paging and since/until follow the order of storing; a batch still being committed by another
// process when a page is read may land before that page's cursor (PostgreSQL assigns sequence
// numbers before commit), so an LMS that pulls often should overlap its `since` a little.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/json_file.h"

namespace meeloop::hub_store {

// One statement as the hub received it, with what the hub knows from the authenticated device.
struct IncomingStatement {
  Json statement;            // an xAPI statement with an "id" (UUID) and an account actor
  std::string organisation;  // the sending device's organisation, never taken from the body
  std::string scope;         // the participant's consent: "organisation" | "region"
  std::string device;        // the sending device's id (audit, not personal)
};

enum class Outcome {
  Stored,         // new, written
  AlreadyStored,  // the same id with the same content was there: nothing written (not an error)
  Conflict,       // the same id with other content is there (HTTP 409)
  Erased,         // the actor's code was erased on the hub: later statements are refused
};

struct InsertReport {
  std::vector<Outcome> outcomes;  // one per input, in input order
  // All or nothing: false when any outcome is Conflict or Erased, and then nothing of the
  // batch was written (the other outcomes say what would have happened).
  bool committed = false;
};

struct StoredStatement {
  int64_t seq = 0;     // order of storing; the paging cursor
  std::string id;      // lower-case UUID
  Json statement;      // canonical form (see above); the caller adds stored/authority/version
  std::string stored;  // "2026-12-07T19:30:00.123Z": when the hub stored it (UTC, ms)
  std::string organisation;
  std::string scope;
};

// GET /xapi/statements. Every field optional; the same filter plus `after` = page.more gives the
// next page. `since` is exclusive and `until` inclusive, on the stored time (xAPI 1.0.3).
struct StatementFilter {
  std::optional<std::string> agent_code;       // actor account name (the participant code)
  std::optional<std::string> agent_home_page;  // actor account homePage
  std::optional<std::string> registration;     // context.registration (a session), a UUID
  std::optional<std::string> verb;             // verb id
  std::optional<std::string> since;            // ISO 8601
  std::optional<std::string> until;            // ISO 8601
  // Only statements this organisation may see: its own, and every one shared with the region.
  std::optional<std::string> visible_to;
  bool ascending = false;  // xAPI's default order is newest first
  size_t limit = 0;        // 0 or above kMaxPage: kMaxPage
  std::string after;       // the `more` of the previous page; empty for the first page
};
constexpr size_t kMaxPage = 500;

struct StatementPage {
  std::vector<StoredStatement> statements;
  std::string more;  // cursor of the next page; empty when this was the last
};

struct Organisation {
  std::string id;
  std::string name;
};

struct Device {
  std::string id;
  std::string organisation;  // must exist in organisations
  std::string key_hash;      // Argon2id string ("$argon2id$..."); a plain key is refused
};

struct AuditEntry {
  std::string actor;         // who: a recruiter account or device id, never a name
  std::string organisation;  // on whose behalf
  std::string action;        // "view" | "export" | "erase" | ...
  std::string subject;       // usually a participant code; may be empty
  Json detail = Json::object();
};

struct AuditRecord {
  int64_t seq = 0;
  std::string at;  // ISO 8601 UTC, when it was written
  AuditEntry entry;
};

struct RetentionReport {
  int64_t participants = 0;  // codes whose newest statement was older than the limit
  int64_t statements = 0;    // statements removed with them
};

// ---- Recruiter accounts and what an organisation may see (recruiters.cpp, people.cpp) ----

// What a recruiter account may do: a recruiter and an organisation's administrator see the
// people their organisation may see (the administrator may also erase them); a regional
// coordinator sees aggregates only, never one person.
enum class Role { Recruiter, OrganisationAdmin, RegionalCoordinator };
// "recruiter" | "organisation_admin" | "regional_coordinator"
const char* role_name(Role role);
std::optional<Role> role_from_name(std::string_view name);

struct NewRecruiter {
  std::string organisation;   // must exist in organisations
  std::string name;           // the log-in name: unique; may be personal, so never logged
  Role role = Role::Recruiter;
  std::string password_hash;  // Argon2id string ("$argon2id$..."); a plain password is refused
};

struct RecruiterAccount {
  std::string id;  // a UUID the hub made: what logs and the audit log name
  std::string organisation;
  std::string name;
  Role role = Role::Recruiter;
  std::string password_hash;
  std::string created;   // ISO 8601 UTC
  bool disabled = false;
};

// One person an organisation may see: their statements that came through its own kiosks or were
// shared with the region. Times are the statements' own (the kiosk's clock), else when stored.
struct PersonSummary {
  std::string code;
  std::string first_seen;    // ISO 8601 UTC, ms
  std::string last_seen;
  std::string scope;         // the newest visible statement's: "organisation" | "region"
  std::string organisation;  // whose kiosk sent the newest visible statement
  int64_t sessions = 0;      // distinct registrations
  int64_t statements = 0;
};

// A page of the people `visible_to` may see, newest last_seen first. `since` (exclusive) and
// `until` (inclusive) keep people seen within the span (last_seen > since, first_seen <= until).
struct PeopleFilter {
  std::string visible_to;             // an organisation id; required
  std::optional<std::string> since;   // ISO 8601
  std::optional<std::string> until;   // ISO 8601
  std::optional<std::string> scope;   // "organisation" | "region"
  size_t limit = 0;                   // 0 or above kMaxPage: kMaxPage
  std::string after;                  // the `more` of the previous page
};

struct PeoplePage {
  std::vector<PersonSummary> people;
  std::string more;  // cursor of the next page; empty when this was the last
};

class HubStore {
 public:
  // Connects (libpq URL or key=value string) and brings the schema up to date: each migration
  // in its own transaction under a PostgreSQL advisory lock, the version re-read inside it, so
  // hub processes starting together migrate once. A database newer than this code is refused.
  static Result<HubStore> open(const std::string& database_url);
  HubStore(HubStore&&) noexcept;
  HubStore& operator=(HubStore&&) noexcept;
  ~HubStore();

  // One transaction. BadInput (JSON pointer "/<index>/...") for a statement without a UUID id,
  // an account actor with name and homePage, a verb id, or with a scope other than
  // organisation/region; nothing is written then.
  Result<InsertReport> insert_statements(const std::vector<IncomingStatement>& batch);
  Result<std::optional<StoredStatement>> statement(const std::string& id);
  // BadInput for an `after`, `since`, `until` or `registration` that cannot be what it says.
  Result<StatementPage> query_statements(const StatementFilter& filter);
  // Every statement of one participant code, in storing order: what a profile is rebuilt from.
  Result<std::vector<StoredStatement>> statements_of(const std::string& code);

  // Deletes every statement of `code` and records the erasure (later statements for the code
  // are refused: Outcome::Erased), with `audit` in the same transaction when given. Returns how
  // many statements went. Erasing twice is fine.
  Result<int64_t> erase(const std::string& code, const std::optional<AuditEntry>& audit = {});
  Result<bool> is_erased(const std::string& code);

  // Retention: removes every participant whose newest statement was stored more than `days`
  // days ago, all their statements with them (a profile is never kept half). days >= 1.
  Result<RetentionReport> remove_older_than(int days);

  Status append_audit(const AuditEntry& entry);
  // The newest `limit` audit entries, newest first.
  Result<std::vector<AuditRecord>> recent_audit(size_t limit);

  // Organisations and kiosk devices as the hub's configuration lists them (insert or update).
  Status upsert_organisation(const Organisation& organisation);
  Result<std::vector<Organisation>> organisations();
  Status upsert_device(const Device& device);
  Result<std::optional<Device>> device(const std::string& id);

  // Recruiter accounts (recruiters.cpp). BadInput for an organisation the hub does not have, a
  // name already taken or empty, or a password_hash that is not an Argon2id hash.
  Result<RecruiterAccount> add_recruiter(const NewRecruiter& account);
  Result<std::optional<RecruiterAccount>> recruiter_by_name(const std::string& name);

  // What an organisation's recruiters see (people.cpp). BadInput for a filter that cannot be
  // what it says (a time, scope or cursor).
  Result<PeoplePage> people(const PeopleFilter& filter);
  // The statements of `code` that `organisation` may see, in storing order; empty when none
  // (an unknown code and one the organisation may not see look the same).
  Result<std::vector<StoredStatement>> statements_visible_to(const std::string& code,
                                                             const std::string& organisation);

 private:
  struct Impl;
  explicit HubStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace meeloop::hub_store
