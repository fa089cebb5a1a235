#include "bench_hub_lookups.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>

#include <httplib.h>

#include "bench_hub_figures.h"
#include "hub_store/bulk_load.h"
#include "xapi/read_statements.h"

namespace meeloop::cli::hub_bench {
namespace {

using Clock = std::chrono::steady_clock;

// Above every kiosk's range of session ids (bench_hub_ingest.cpp), so no statement id repeats.
constexpr int64_t kFirstSeedSession = 1'000'000'000'000;
constexpr int kStatementsPerSession = 30;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }



void stop_if(const std::atomic<bool>& stop) {
  if (stop) throw ErrorException(failure("bench hub: interrupted; everything it started is cleaned up"));
}

}  // namespace

std::vector<KnownPerson> seed(const std::string& url, const Vocabulary& vocabulary, int64_t participants,
                               int64_t statements, const std::atomic<bool>& stop) {
  std::vector<KnownPerson> people;
  if (participants <= 0 || statements <= 0) {
    for (const char* name : {"seed_statements", "seed_participants", "seed_copy_seconds", "seed_index_seconds", "seed_rate"})
      figure(name, 0, "-", "the database already held the size asked");
    return people;
  }
  hub_store::BulkLoadOptions options;
  options.defer_indexes = true;  // the bench's database only: nothing else reads it meanwhile
  auto loader = value_or_throw(hub_store::BulkLoader::open(url, options));
  SessionMaker maker(vocabulary, 7, kFirstSeedSession);
  const int64_t per_person = statements / std::max<int64_t>(1, participants);
  const int64_t extra = statements % std::max<int64_t>(1, participants);
  const auto t0 = Clock::now();
  int64_t reported = 0;
  for (int64_t i = 0; i < participants; ++i) {
    stop_if(stop);
    const int64_t n = std::max<int64_t>(2, per_person + (i < extra ? 1 : 0));
    const std::string code = maker.new_code();
    // Sessions of ~30 statements, each at least a start and an end.
    const int64_t sessions = std::max<int64_t>(1, std::min(n / 2, (n + kStatementsPerSession / 2) / kStatementsPerSession));
    for (int64_t j = 0; j < sessions; ++j) {
      const int size = static_cast<int>(n / sessions + (j < n % sessions ? 1 : 0));
      MadeUpSession s = maker.session(code, size);
      if (j == 0) people.push_back({code, s.organisation, s.scope});
      for (size_t k = 0; k < s.statements.size(); ++k)
        value_or_throw(loader.add({std::move(s.statements[k]), s.organisation, s.scope, "bench-seed"}, s.stored[k]));
    }
    if (loader.rows() - reported >= 500'000) {
      reported = loader.rows();
      std::fprintf(stderr, "bench hub: seeding, %lld statements so far (%.0f s)\n", static_cast<long long>(reported),
                   seconds_since(t0));
    }
  }
  const double copy_s = seconds_since(t0);
  const auto t1 = Clock::now();
  value_or_throw(loader.finish());
  const double index_s = seconds_since(t1);
  figure("seed_statements", double(loader.rows()), "statements");
  figure("seed_participants", double(people.size()), "participants");
  figure("seed_copy_seconds", copy_s, "s", "statements made and sent by COPY, secondary indexes dropped");
  figure("seed_index_seconds", index_s, "s", "secondary indexes made again, ANALYZE");
  figure("seed_rate", copy_s + index_s > 0 ? double(loader.rows()) / (copy_s + index_s) : 0, "statements/s");
  return people;
}

int64_t run_lookups(hub_store::HubStore& store, const profile::ProfileData& data, const std::vector<std::string>& codes,
                 int lookups, const std::atomic<bool>& stop) {
  std::printf("bench hub: lookup_inprocess_mode HubStore::statements_of + xapi::records_from_statements + "
              "profile::make_report  (no HTTP, no auth, no audit)\n");
  if (codes.empty()) {
    std::printf("bench hub: lookup_inprocess_count 0.0 lookups  (nobody seeded: the database already held the size asked)\n");
    return 0;
  }
  std::mt19937_64 rng(99);
  std::vector<double> ms;
  int64_t errors = 0, statements = 0, ranked = 0;
  std::string first_error;
  const std::string now = profile::utc_now_iso8601();
  for (int i = 0; i < lookups; ++i) {
    stop_if(stop);
    const std::string& code = codes[rng() % codes.size()];
    const auto t0 = Clock::now();
    auto rows = store.statements_of(code);
    if (!rows) {
      if (errors++ == 0) first_error = rows.error().to_string();
      continue;
    }
    Json array = Json::array();
    for (hub_store::StoredStatement& s : *rows) array.push_back(std::move(s.statement));
    auto records = xapi::records_from_statements(array);
    if (!records) {
      if (errors++ == 0) first_error = records.error().to_string();
      continue;
    }
    const profile::Report report = profile::make_report(data, records->participant, std::move(records->sessions),
                                                        std::move(records->events), now);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    statements += static_cast<int64_t>(array.size());
    ranked += static_cast<int64_t>(report.matches.ranked.size());
  }
  const double p99 = percentile(ms, 0.99);
  figure("lookup_inprocess_count", double(ms.size()), "lookups");
  figure("lookup_inprocess_statements_mean", ms.empty() ? 0 : double(statements) / double(ms.size()), "statements/person");
  figure("lookup_inprocess_workplaces_ranked_mean", ms.empty() ? 0 : double(ranked) / double(ms.size()), "workplaces/person");
  figure("lookup_inprocess_p50", percentile(ms, 0.50), "ms");
  figure("lookup_inprocess_p95", percentile(ms, 0.95), "ms");
  figure("lookup_inprocess_p99", p99, "ms", std::string("target < 100: ") + (p99 < 100 ? "met" : "NOT met"));
  figure("lookup_inprocess_max", ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end()), "ms");
  figure("lookup_inprocess_errors", double(errors), "lookups", errors ? "first: " + first_error : "must be 0");
  return errors;
}

int64_t run_http_lookups(const RecruiterClient& recruiter, const std::vector<std::string>& codes, int lookups,
                         const std::atomic<bool>& stop) {
  std::printf("bench hub: lookup_http_mode GET /meeloop/v1/people/{code}  (TLS, kept alive, recruiter Basic auth, "
              "one audit entry per view)\n");
  if (codes.empty()) {
    std::printf("bench hub: lookup_http_count 0.0 lookups  (nobody seeded that the recruiter may see)\n");
    return 0;
  }
  httplib::SSLClient client(recruiter.host, recruiter.port);
  client.set_ca_cert_path(recruiter.ca_file.string());
  client.enable_server_certificate_verification(true);
  client.set_basic_auth(recruiter.name, recruiter.password);
  client.set_keep_alive(true);
  client.set_read_timeout(60);
  std::mt19937_64 rng(98);
  std::vector<double> ms;
  int64_t errors = 0, bytes = 0;
  std::string first_error;
  auto get = [&](const std::string& code) -> bool {
    auto res = client.Get(("/meeloop/v1/people/" + code).c_str());
    if (res && res->status == 200 && res->body.find("\"matches\"") != std::string::npos) {
      bytes += static_cast<int64_t>(res->body.size());
      return true;
    }
    if (errors++ == 0)
      first_error = res ? "HTTP " + std::to_string(res->status) + ": " + res->body.substr(0, 300)
                        : "no answer (" + httplib::to_string(res.error()) + ")";
    return false;
  };
  get(codes.front());  // the password's Argon2id check, once per process, as for a signed-in recruiter
  errors = 0;
  first_error.clear();
  for (int i = 0; i < lookups; ++i) {
    stop_if(stop);
    const std::string& code = codes[rng() % codes.size()];
    const auto t0 = Clock::now();
    if (get(code)) ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  const double p99 = percentile(ms, 0.99);
  figure("lookup_http_count", double(ms.size()), "lookups");
  figure("lookup_http_body_mean", ms.empty() ? 0 : double(bytes) / double(ms.size()) / 1024.0, "KiB");
  figure("lookup_http_p50", percentile(ms, 0.50), "ms");
  figure("lookup_http_p95", percentile(ms, 0.95), "ms");
  figure("lookup_http_p99", p99, "ms", std::string("target < 100: ") + (p99 < 100 ? "met" : "NOT met"));
  figure("lookup_http_max", ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end()), "ms");
  figure("lookup_http_errors", double(errors), "lookups", errors ? "first: " + first_error : "must be 0");
  return errors;
}

}  // namespace meeloop::cli::hub_bench
