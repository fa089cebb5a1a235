#pragma once
// `meeloop hub --config FILE --add-recruiter ORG:NAME --role ROLE` (cmd_hub_accounts.cpp), and
// the demo hub's recruiter account.
#include <string>

#include "commands.h"
#include "hub/hub_config.h"
#include "hub_store/hub_store.h"

namespace meeloop::cli {

// Adds a recruiter account of organisation ORG (one the configuration lists) named NAME with
// `role` (recruiter | organisation_admin | regional_coordinator). The password is read from
// standard input, one line; only its Argon2id hash is stored. Exit 0; BadInput (exit 2) for a
// short or common password, a taken or malformed name, an unknown organisation or role.
int hub_add_recruiter(const hub::HubConfig& config, const std::string& org_and_name,
                      const std::string& role);

// The account `meeloop hub --demo` prints: `name` in `organisation` as its administrator, with
// `password` (checked against the same rules). Returns the account's id.
Result<std::string> add_demo_recruiter(hub_store::HubStore& store, const std::string& organisation,
                                       const std::string& name, const std::string& password);

}  // namespace meeloop::cli
