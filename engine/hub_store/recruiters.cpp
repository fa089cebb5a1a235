// Recruiter accounts. The log-in name may be personal (an e-mail address, say): it goes into the
// database and nowhere else; messages name the account by its id.
#include "hub_store/hub_store.h"
#include "hub_store/hub_store_impl.h"

namespace meeloop::hub_store {
namespace {

constexpr const char* kRoleNames[] = {"recruiter", "organisation_admin", "regional_coordinator"};

std::string select_recruiter() {
  return "SELECT id::text, organisation, name, role, password_hash, " + iso_utc("created_at") +
         ", disabled_at IS NOT NULL FROM recruiters ";
}

RecruiterAccount account_from(const pqxx::row& row) {
  RecruiterAccount a;
  a.id = row[0].as<std::string>();
  a.organisation = row[1].as<std::string>();
  a.name = row[2].as<std::string>();
  a.role = role_from_name(row[3].as<std::string>()).value_or(Role::Recruiter);
  a.password_hash = row[4].as<std::string>();
  a.created = row[5].as<std::string>();
  a.disabled = row[6].as<bool>();
  return a;
}

}  // namespace

const char* role_name(Role role) { return kRoleNames[static_cast<int>(role)]; }

std::optional<Role> role_from_name(std::string_view name) {
  for (int i = 0; i < 3; ++i)
    if (name == kRoleNames[i]) return static_cast<Role>(i);
  return std::nullopt;
}

Result<RecruiterAccount> HubStore::add_recruiter(const NewRecruiter& a) {
  if (a.name.empty()) return bad_input("", "/name", "expected the account's log-in name");
  if (a.password_hash.rfind("$argon2id$", 0) != 0)
    return bad_input("", "/password_hash", "expected an Argon2id hash of the password (\"$argon2id$...\"), never the password");
  return impl_->pool.transact<RecruiterAccount>("adding a recruiter account", [&](Tx& tx) -> Result<RecruiterAccount> {
    if (tx.w.exec_params("SELECT 1 FROM organisations WHERE id = $1", a.organisation).empty())
      return bad_input("", "/organisation", "no organisation \"" + a.organisation + "\" on the hub");
    // ON CONFLICT rather than a caught unique violation: the transaction stays usable and the
    // answer is the same when two administrators add one name at once.
    auto rows = tx.w.exec_params("INSERT INTO recruiters (organisation, name, role, password_hash) "
                                 "VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING RETURNING id::text",
                                 a.organisation, a.name, role_name(a.role), a.password_hash);
    if (rows.empty()) return bad_input("", "/name", "an account with this log-in name already exists");
    return account_from(tx.w.exec_params1(select_recruiter() + "WHERE id = $1::uuid", rows[0][0].as<std::string>()));
  });
}

Result<std::optional<RecruiterAccount>> HubStore::recruiter_by_name(const std::string& name) {
  return impl_->pool.transact<std::optional<RecruiterAccount>>(
      "reading a recruiter account", [&](Tx& tx) -> Result<std::optional<RecruiterAccount>> {
        auto rows = tx.w.exec_params(select_recruiter() + "WHERE name = $1", name);
        if (rows.empty()) return std::optional<RecruiterAccount>();
        return std::optional<RecruiterAccount>(account_from(rows[0]));
      });
}

}  // namespace meeloop::hub_store
