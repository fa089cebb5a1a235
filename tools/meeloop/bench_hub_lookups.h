#pragma once
// The lookup part of `meeloop bench hub`: the database seeded to the size asked with made-up
// sessions (hub_store/bulk_load.h), then one person after another read back and their
// profile, matches and plan rebuilt, each timed. Prints its figures as "bench hub: ..." lines.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_hub_workload.h"
#include "hub_store/hub_store.h"
#include "profile/report.h"

namespace meeloop::cli::hub_bench {

// Adds `statements` statements of `participants` new people (sessions of ~30 statements) by
// COPY, the statements table's secondary indexes dropped meanwhile and made again after, then
// ANALYZE. Returns the new people. Throws ErrorException on failure or when `stop` is set.
std::vector<KnownPerson> seed(const std::string& url, const Vocabulary& vocabulary, int64_t participants,
                               int64_t statements, const std::atomic<bool>& stop);

// A recruiter's view of the hub: GET /meeloop/v1/people/{code} over TLS with Basic auth.
struct RecruiterClient {
  std::string host = "127.0.0.1";
  int port = 0;
  std::filesystem::path ca_file;
  std::string name;
  std::string password;
};

// `lookups` random people of `codes` (people the recruiter's organisation may see) through the
// hub's person route on one kept-alive connection, as a recruiter's browser would, after one
// request that is not timed (the password's Argon2id check). Returns how many failed.
int64_t run_http_lookups(const RecruiterClient& recruiter, const std::vector<std::string>& codes, int lookups,
                         const std::atomic<bool>& stop);

// `lookups` random people of `codes`: their statements (HubStore::statements_of) turned into
// records (xapi::records_from_statements) and a report (profile::make_report) against the
// shipped workplaces, in this process: what the hub's person route does, minus HTTP and auth.
// Returns how many failed (they are printed too). Its figures are named lookup_inprocess_*.
int64_t run_lookups(hub_store::HubStore& store, const profile::ProfileData& data, const std::vector<std::string>& codes,
                 int lookups, const std::atomic<bool>& stop);

}  // namespace meeloop::cli::hub_bench
