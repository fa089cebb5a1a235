#pragma once
// Seeding a hub database with many statements at once (`meeloop bench hub`, tests): PostgreSQL
// COPY in a few large transactions instead of insert_statements' checked batches. Each row gets
// the columns insert_statements would give it, from the same statement_columns(), so
// query_statements, statements_of and the GET routes read a loaded row exactly like an inserted
// one (same canonical jsonb, filters and paging; seq from the same sequence).
//
// Not a way in for kiosks' data: there is no idempotence (an id already stored fails the COPY
// and the transaction with it) and no erasure check. For an empty database or made-up data.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "hub_store/hub_store.h"

namespace meeloop::hub_store {

struct BulkLoadOptions {
  // Rows per transaction: each COMMIT makes what came before it permanent.
  size_t rows_per_transaction = 250'000;
  // Drop the statements table's secondary indexes (not its keys) while loading and create them
  // again, as the migrations defined them, in finish(): several times faster for millions of
  // rows. Only for a database nothing else reads while it loads; the destructor puts them back
  // if finish() never ran.
  bool defer_indexes = false;
};

class BulkLoader {
 public:
  // Connects to a database whose schema HubStore::open brought up to date.
  static Result<BulkLoader> open(const std::string& database_url, const BulkLoadOptions& options = {});
  BulkLoader(BulkLoader&&) noexcept;
  BulkLoader& operator=(BulkLoader&&) noexcept;
  ~BulkLoader();

  // One statement, checked as insert_statements checks it (BadInput at "/<n>/..." for the n-th
  // row added, the same messages). `stored` is the hub's "stored" time, ISO 8601 with
  // milliseconds ("2026-12-07T19:30:00.123Z"); empty: when this loader was opened.
  Status add(const IncomingStatement& statement, const std::string& stored = "");
  // Commits the last transaction, creates deferred indexes again and runs ANALYZE on the table.
  Status finish();
  int64_t rows() const;

 private:
  struct Impl;
  explicit BulkLoader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// What a hub database holds, for figures: nothing personal.
struct DatabaseFigures {
  std::string server_version;  // "15.5 (Debian 15.5-0+deb12u1)"
  std::string shared_buffers;  // "128MB": the server's page cache, which fills before it stays flat
  int64_t statements = 0;
  int64_t participants = 0;  // distinct participant codes
  int64_t database_bytes = 0;  // pg_database_size
  // Process ids of the server's backends and helper processes (pg_stat_activity), so a caller
  // on the same machine can read their memory from /proc.
  std::vector<int> server_pids;
};
Result<DatabaseFigures> database_figures(const std::string& database_url);

}  // namespace meeloop::hub_store
