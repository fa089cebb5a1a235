// Opening, erasure, retention, the audit log, organisations and devices. Statements are in
// statements.cpp.
#include "hub_store/hub_store.h"

#include "hub_store/hub_store_impl.h"
#include "hub_store/migrations.h"

namespace meeloop::hub_store {
namespace {

void insert_audit(pqxx::work& w, const AuditEntry& e) {
  w.exec_params(
      "INSERT INTO audit_log (actor, organisation, action, subject, detail) VALUES ($1, $2, $3, $4, $5::jsonb)",
      e.actor, e.organisation, e.action, e.subject, e.detail.dump());
}

Status check_audit(const AuditEntry& e) {
  if (e.actor.empty()) return bad_input("", "/actor", "expected who did it (an account or device id)");
  if (e.action.empty()) return bad_input("", "/action", "expected what was done (view, export, erase, ...)");
  if (!e.detail.is_object()) return bad_input("", "/detail", "expected a JSON object");
  return Ok{};
}

}  // namespace

HubStore::HubStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HubStore::HubStore(HubStore&&) noexcept = default;
HubStore& HubStore::operator=(HubStore&&) noexcept = default;
HubStore::~HubStore() = default;

Result<HubStore> HubStore::open(const std::string& database_url) {
  MEELOOP_RETURN_IF_ERROR(migrate(database_url, hub_migrations()));
  return HubStore(std::make_unique<Impl>(database_url));
}

Result<int64_t> HubStore::erase(const std::string& code, const std::optional<AuditEntry>& audit) {
  if (code.empty()) return bad_input("", "", "expected the participant code to erase");
  if (audit) MEELOOP_RETURN_IF_ERROR(check_audit(*audit));
  return impl_->pool.transact<int64_t>("erasing a participant on the hub", [&](Tx& tx) -> Result<int64_t> {
    tx.w.exec_params(std::string("SELECT pg_advisory_xact_lock(") + kCodeLockClass + ", hashtext($1))", code);
    const auto deleted = tx.w.exec_params("DELETE FROM statements WHERE agent_code = $1", code).affected_rows();
    tx.w.exec_params("INSERT INTO erasures (code) VALUES ($1) ON CONFLICT (code) DO NOTHING", code);
    if (audit) insert_audit(tx.w, *audit);
    return static_cast<int64_t>(deleted);
  });
}

Result<bool> HubStore::is_erased(const std::string& code) {
  return impl_->pool.transact<bool>("reading the hub's erasures", [&](Tx& tx) -> Result<bool> {
    return !tx.w.exec_params("SELECT 1 FROM erasures WHERE code = $1", code).empty();
  });
}

Result<RetentionReport> HubStore::remove_older_than(int days) {
  if (days < 1) return bad_input("", "", "expected a retention of at least 1 day, not " + std::to_string(days));
  MEELOOP_ASSIGN_OR_RETURN(
      auto codes,
      impl_->pool.transact<std::vector<std::string>>(
          "finding participants past retention", [&](Tx& tx) -> Result<std::vector<std::string>> {
            std::vector<std::string> out;
            for (const auto& row : tx.w.exec_params("SELECT agent_code FROM statements GROUP BY agent_code "
                                                    "HAVING max(stored) < now() - make_interval(days => $1) ORDER BY 1",
                                                    days))
              out.push_back(row[0].as<std::string>());
            return out;
          }));
  RetentionReport report;
  // One transaction per person: an erasure-style lock on each code, with the age checked again
  // under it (a statement that arrived meanwhile makes the person current again). Separate
  // transactions keep the lock table small however many people go.
  for (const std::string& code : codes) {
    MEELOOP_ASSIGN_OR_RETURN(
        int64_t removed,
        impl_->pool.transact<int64_t>("removing a participant past retention", [&](Tx& tx) -> Result<int64_t> {
          tx.w.exec_params(std::string("SELECT pg_advisory_xact_lock(") + kCodeLockClass + ", hashtext($1))", code);
          return static_cast<int64_t>(
              tx.w.exec_params("DELETE FROM statements WHERE agent_code = $1 AND (SELECT max(stored) FROM statements "
                               "WHERE agent_code = $1) < now() - make_interval(days => $2)",
                               code, days)
                  .affected_rows());
        }));
    if (removed > 0) ++report.participants;
    report.statements += removed;
  }
  return report;
}

Status HubStore::append_audit(const AuditEntry& entry) {
  MEELOOP_RETURN_IF_ERROR(check_audit(entry));
  return impl_->pool.transact<Ok>("writing the audit log", [&](Tx& tx) -> Status {
    insert_audit(tx.w, entry);
    return Ok{};
  });
}

Result<std::vector<AuditRecord>> HubStore::recent_audit(size_t limit) {
  return impl_->pool.transact<std::vector<AuditRecord>>(
      "reading the audit log", [&](Tx& tx) -> Result<std::vector<AuditRecord>> {
        std::vector<AuditRecord> out;
        for (const auto& row : tx.w.exec_params("SELECT seq, " + iso_utc("at") +
                                                    ", actor, organisation, action, subject, detail::text "
                                                    "FROM audit_log ORDER BY seq DESC LIMIT $1",
                                                static_cast<long long>(limit))) {
          AuditRecord r;
          r.seq = row[0].as<int64_t>();
          r.at = row[1].as<std::string>();
          r.entry.actor = row[2].as<std::string>();
          r.entry.organisation = row[3].as<std::string>();
          r.entry.action = row[4].as<std::string>();
          r.entry.subject = row[5].as<std::string>();
          r.entry.detail = Json::parse(row[6].as<std::string>());
          out.push_back(std::move(r));
        }
        return out;
      });
}

Status HubStore::upsert_organisation(const Organisation& o) {
  if (o.id.empty()) return bad_input("", "/id", "expected the organisation's id");
  return impl_->pool.transact<Ok>("saving an organisation", [&](Tx& tx) -> Status {
    tx.w.exec_params(
        "INSERT INTO organisations (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = excluded.name",
        o.id, o.name);
    return Ok{};
  });
}

Result<std::vector<Organisation>> HubStore::organisations() {
  return impl_->pool.transact<std::vector<Organisation>>(
      "reading organisations", [&](Tx& tx) -> Result<std::vector<Organisation>> {
        std::vector<Organisation> out;
        for (const auto& row : tx.w.exec("SELECT id, name FROM organisations ORDER BY id"))
          out.push_back({row[0].as<std::string>(), row[1].as<std::string>()});
        return out;
      });
}

Status HubStore::upsert_device(const Device& d) {
  if (d.id.empty()) return bad_input("", "/id", "expected the device's id");
  // Never a key itself: only what crypto_pwhash_str (Argon2id) makes of it.
  if (d.key_hash.rfind("$argon2id$", 0) != 0)
    return bad_input("", "/key_hash", "expected an Argon2id hash of the device key (\"$argon2id$...\"), never the key");
  return impl_->pool.transact<Ok>("saving a kiosk device", [&](Tx& tx) -> Status {
    if (tx.w.exec_params("SELECT 1 FROM organisations WHERE id = $1", d.organisation).empty())
      return bad_input("", "/organisation", "no organisation \"" + d.organisation + "\" on the hub");
    tx.w.exec_params(
        "INSERT INTO devices (id, organisation, key_hash) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE "
        "SET organisation = excluded.organisation, key_hash = excluded.key_hash, updated_at = now()",
        d.id, d.organisation, d.key_hash);
    return Ok{};
  });
}

Result<std::optional<Device>> HubStore::device(const std::string& id) {
  return impl_->pool.transact<std::optional<Device>>(
      "reading a kiosk device", [&](Tx& tx) -> Result<std::optional<Device>> {
        auto rows = tx.w.exec_params("SELECT id, organisation, key_hash FROM devices WHERE id = $1", id);
        if (rows.empty()) return std::optional<Device>();
        return std::optional<Device>(
            Device{rows[0][0].as<std::string>(), rows[0][1].as<std::string>(), rows[0][2].as<std::string>()});
      });
}

}  // namespace meeloop::hub_store
