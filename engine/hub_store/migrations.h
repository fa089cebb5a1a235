#pragma once
// The hub database's schema, as numbered migrations. HubStore::open runs them; they are public
// so tests (and an operator's tool) can run a list of their own and read the version.
#include <string>
#include <vector>

#include "core/error.h"

namespace meeloop::hub_store {

struct Migration {
  int version = 0;   // 1, 2, 3, ... in order, never renumbered once shipped
  std::string name;  // recorded in schema_migrations
  std::string sql;   // one or more statements, run in one transaction
};

// The hub's migrations, oldest first.
const std::vector<Migration>& hub_migrations();

// Brings the database up to the last of `migrations`. Each pending migration runs in its own
// transaction that first takes a transaction-level advisory lock and re-reads the version, so
// processes starting together apply each migration once; a migration that fails is rolled back
// whole and leaves the version where it was (the error names it). A database whose version is
// newer than the list is refused: this code would not know its tables.
Status migrate(const std::string& database_url, const std::vector<Migration>& migrations);

// The highest version in schema_migrations; 0 for a database never migrated.
Result<int> schema_version(const std::string& database_url);

}  // namespace meeloop::hub_store
