#pragma once
// The evidence database's tables and their forward migrations. Version N of the schema is
// what migrations 1..N produce from an empty file; an old file is brought up to date on open.
#include <sqlite3.h>

namespace meeloop::store::schema {

inline constexpr int kCurrentVersion = 5;

// Reads the schema version: 0 for an empty file, -1 for an SQLite file that has tables but is
// not a Meeloop database. Throws sql::SqlError when the file cannot be read.
int read_version(sqlite3* db);

// Applies every migration after `from` up to kCurrentVersion inside the caller's transaction,
// which must be the BEGIN IMMEDIATE one that read `from`: two kiosks opening one new file at
// once then never both run a migration.
void migrate(sqlite3* db, int from);

}  // namespace meeloop::store::schema
