// Recruiter accounts from the command line. The name may be personal, so it is printed back
// only to the person who typed it, never logged; the account is named by its id.
#include "cmd_hub_accounts.h"

#include <unistd.h>

#include <openssl/crypto.h>

#include <cstdio>
#include <iostream>

#include "core/error.h"
#include "core/password_hash.h"
#include "hub/recruiter_auth.h"

namespace meeloop::cli {
namespace {

// One line of standard input, without its line end (a pipe in scripts and tests; on a terminal
// the password shows as it is typed: run it where no one looks on).
std::string read_password() {
  if (::isatty(STDIN_FILENO) == 1) std::fputs("Password for the account (at least 12 characters): ", stderr);
  std::string line;
  std::getline(std::cin, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  return line;
}

Result<std::string> add_account(hub_store::HubStore& store, const std::string& organisation,
                                const std::string& name, hub_store::Role role, std::string password) {
  Status allowed = hub::check_new_password(password, name);
  Result<std::string> hash = allowed ? hash_password(password) : Result<std::string>(allowed.error());
  OPENSSL_cleanse(password.data(), password.size());
  if (!hash) return hash.error();
  MEELOOP_ASSIGN_OR_RETURN(hub_store::RecruiterAccount account,
                           store.add_recruiter({organisation, name, role, std::move(hash).value()}));
  return account.id;
}

}  // namespace

int hub_add_recruiter(const hub::HubConfig& config, const std::string& org_and_name,
                      const std::string& role_text) {
  const size_t colon = org_and_name.find(':');
  if (colon == std::string::npos || colon == 0)
    throw ErrorException(bad_input("", "--add-recruiter", "expected ORGANISATION:NAME, e.g. zorg-a:recruiter-zorg-a-1"));
  const std::string organisation = org_and_name.substr(0, colon);
  const std::string name = org_and_name.substr(colon + 1);
  const hub::Organisation* org = config.find_organisation(organisation);
  if (!org)
    throw ErrorException(bad_input("", "--add-recruiter", "no organisation \"" + organisation + "\" in the configuration"));
  if (auto named = hub::check_account_name(name); !named)
    throw ErrorException(bad_input("", "--add-recruiter", named.error().message));
  const auto role = hub_store::role_from_name(role_text);
  if (!role)
    throw ErrorException(
        bad_input("", "--role", "expected recruiter, organisation_admin or regional_coordinator, not \"" + role_text + "\""));
  // The password is checked before the database is opened: a refusal costs nothing.
  std::string password = read_password();
  if (auto allowed = hub::check_new_password(password, name); !allowed) {
    OPENSSL_cleanse(password.data(), password.size());
    throw ErrorException(allowed.error());
  }
  hub_store::HubStore store = value_or_throw(hub_store::HubStore::open(config.database_url));
  // The organisation as the configuration names it, so the account can refer to it before the
  // hub has first served.
  value_or_throw(store.upsert_organisation({org->id, org->name}));
  const std::string id = value_or_throw(add_account(store, organisation, name, *role, std::move(password)));
  std::printf("Added %s account %s to organisation %s.\n", hub_store::role_name(*role), id.c_str(), organisation.c_str());
  return 0;
}

Result<std::string> add_demo_recruiter(hub_store::HubStore& store, const std::string& organisation,
                                       const std::string& name, const std::string& password) {
  return add_account(store, organisation, name, hub_store::Role::OrganisationAdmin, password);
}

}  // namespace meeloop::cli
