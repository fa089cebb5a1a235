// `meeloop bench hub [--kiosks 20] [--seconds 30] [--participants 100000] [--statements 3000000]
// [--lookups 2000] [--database URL]`: the regional hub's figures, printed, never asserted.
//   ingest   simulated kiosks POST batches of 100 statements to a HubServer in this process
//   lookups  the database seeded to the size asked (bulk_load.h), then random people's profile,
//            matches and plan: through the hub's person route as a recruiter, and in process
//   memory   this process and the PostgreSQL server, sampled through both
// Without --database a private PostgreSQL cluster in a temp folder holds it all and is removed
// at the end, also on Ctrl-C; a --database keeps what the bench wrote, so give it a throwaway one.
// Every figure is one line "bench hub: <name> <value> <unit>".
// Made-up data only.
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "args.h"
#include "bench_hub_figures.h"
#include "bench_hub_ingest.h"
#include "bench_hub_lookups.h"
#include "bench_hub_memory.h"
#include "bench_hub_workload.h"
#include "commands.h"
#include "core/password_hash.h"
#include "demo_certificate.h"
#include "hub/hub_config.h"
#include "hub/hub_server.h"
#include "hub_store/bulk_load.h"
#include "hub_store/hub_store.h"
#include "hub_store/local_cluster.h"
#include "profile/dimensions.h"
#include "profile/report.h"
#include "profile/workplace.h"

namespace meeloop::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using hub_bench::figure;
using hub_bench::MemorySample;
using hub_bench::percentile;

// Ctrl-C and SIGTERM, blocked before any thread or server starts, taken by one waiting thread
// that sets `stop`; the bench then unwinds, so every destructor (server, cluster, folder) runs.
class StopSignals {
 public:
  StopSignals() {
    sigemptyset(&set_);
    for (int s : {SIGINT, SIGTERM, SIGUSR1}) sigaddset(&set_, s);  // SIGUSR1: "the bench is done"
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
    waiter_ = std::thread([this] {
      int sig = 0;
      sigwait(&set_, &sig);
      if (sig != SIGUSR1) stop = true;
    });
  }
  ~StopSignals() {
    pthread_kill(waiter_.native_handle(), SIGUSR1);
    waiter_.join();
  }
  std::atomic<bool> stop{false};

 private:
  sigset_t set_{};
  std::thread waiter_;
};

// A 0700 temp folder for the certificate and key, removed with everything in it.
class PrivateFolder {
 public:
  PrivateFolder() {
    std::string pattern = (fs::temp_directory_path() / "meeloop-bench-hub-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw ErrorException(failure("cannot create a temp folder", pattern));
    path = pattern;
  }
  ~PrivateFolder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path path;
};

// serve() on a thread of its own; stopped and joined however the bench ends.
class Serving {
 public:
  explicit Serving(hub::HubServer& server) : server_(server), thread_([this] {
    result_ = server_.serve();
    served_ = true;
  }) {}
  ~Serving() {
    // A stop() before serve() has started listening is lost: repeat it until serve() returns.
    while (!served_) {
      server_.stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    thread_.join();
  }

 private:
  hub::HubServer& server_;
  std::atomic<bool> served_{false};
  Status result_ = Ok{};
  std::thread thread_;
};



void check_stop(const StopSignals& signals) {
  if (signals.stop) throw ErrorException(failure("bench hub: interrupted; everything it started is cleaned up"));
}

hub_bench::Vocabulary load_vocabulary(const fs::path& root) {
  hub_bench::Vocabulary v;
  const auto dims = value_or_throw(profile::load_dimensions(root / "data" / "dimensions.json"));
  for (const auto& d : dims.all()) v.dimensions.push_back(d.id);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root / "scenes", ec))
    if (fs::exists(entry.path() / "scene.json")) v.scenes.push_back(entry.path().filename().string());
  std::sort(v.scenes.begin(), v.scenes.end());
  if (v.scenes.empty()) v.scenes = {"huiskamer"};
  return v;
}

// The hub's configuration: loopback, a free port, 18 organisations, one device key per kiosk.
hub::HubConfig hub_config(const std::string& url, const fs::path& folder, const fs::path& data_root, int kiosks,
                          std::vector<hub_bench::KioskCredentials>& credentials) {
  hub::HubConfig config;
  config.listen_address = "127.0.0.1";
  config.port = 0;
  config.database_url = url;
  config.tls_certificate = folder / "hub.crt";
  config.tls_key = folder / "hub.key";
  config.workplaces = profile::default_workplaces_dir(data_root);  // the shipped examples
  value_or_throw(write_demo_certificate(config.tls_certificate, config.tls_key));
  for (int i = 0; i < hub_bench::kOrganisations; ++i)
    config.organisations.push_back({hub_bench::organisation_id(i), "Bench Zorg " + std::to_string(i + 1) + " (fictief)"});
  for (int k = 0; k < kiosks; ++k) {
    hub_bench::KioskCredentials c{"bench-kiosk-" + std::to_string(k + 1), value_or_throw(random_device_key()),
                                  k % hub_bench::kOrganisations};
    config.kiosks.push_back({c.id, hub_bench::organisation_id(c.organisation), value_or_throw(hash_password(c.key))});
    credentials.push_back(std::move(c));
  }
  return config;
}

void publish(const hub::HubConfig& config, hub_store::HubStore& store) {
  for (const hub::Organisation& o : config.organisations) value_or_throw(store.upsert_organisation({o.id, o.name}));
  for (const hub::KioskDevice& k : config.kiosks)
    value_or_throw(store.upsert_device({k.id, k.organisation, k.key_hash}));
}

void print_ingest(const hub_bench::IngestResult& r, int kiosks) {
  const double rate = r.seconds > 0 ? double(r.statements) / r.seconds : 0;
  figure("ingest_kiosks", kiosks, "kiosks");
  figure("ingest_warm_up_seconds", r.warm_up_seconds, "s", "each kiosk's key checked once, not counted");
  figure("ingest_seconds", r.seconds, "s");
  figure("ingest_statements", double(r.statements), "statements");
  figure("ingest_batches", double(r.batches), "batches", "100 statements each");
  figure("ingest_rate", rate, "statements/s", std::string("target >= 2000: ") + (rate >= 2000 ? "met" : "NOT met"));
  figure("ingest_rate_per_kiosk", kiosks > 0 ? rate / kiosks : 0, "statements/s");
  figure("ingest_batch_p50", percentile(r.batch_ms, 0.50), "ms");
  figure("ingest_batch_p95", percentile(r.batch_ms, 0.95), "ms");
  figure("ingest_batch_p99", percentile(r.batch_ms, 0.99), "ms");
  figure("ingest_errors", double(r.errors), "requests", r.errors ? "first: " + r.first_error : "must be 0");
}

}  // namespace

int bench_hub(CommandContext& ctx) {
  Args args(ctx.args, {});
  const int kiosks = args.int_option_or("--kiosks", 20, 1, 500);
  const int seconds = args.int_option_or("--seconds", 30, 1, 24 * 3600);
  const int participants = args.int_option_or("--participants", 100000, 1, 50'000'000);
  const int statements = args.int_option_or("--statements", 3'000'000, 0, 1'000'000'000);
  const int lookups = args.int_option_or("--lookups", 2000, 1, 10'000'000);
  const std::optional<std::string> database = args.option("--database");
  args.expect_consumed();
  if (!args.positionals().empty())
    throw ErrorException(bad_input("", "", "bench hub takes no positional arguments (see `meeloop bench --help`)"));

  StopSignals signals;  // first: the cluster and every thread inherit the blocked signals
  const fs::path root = ctx.settings.paths.data_root;
  const hub_bench::Vocabulary vocabulary = load_vocabulary(root);
  const auto data = std::make_unique<profile::ProfileData>(value_or_throw(profile::load_profile_data(root)));

  PrivateFolder folder;
  std::unique_ptr<hub_store::LocalCluster> cluster;
  std::string url;
  if (database) {
    url = *database;
  } else {
    hub_store::LocalClusterOptions where;
    where.prefix = "meeloop-bench-hub";
    where.loopback_tcp = false;  // the socket in the 0700 folder only
    cluster = value_or_throw(hub_store::LocalCluster::create(where));
    url = value_or_throw(cluster->create_database("meeloop_bench"));
  }
  check_stop(signals);
  hub_store::HubStore store = value_or_throw(hub_store::HubStore::open(url));
  std::vector<hub_bench::KioskCredentials> credentials;
  const hub::HubConfig config = hub_config(url, folder.path, root, kiosks, credentials);
  publish(config, store);
  Log hub_log(LogLevel::Warn);  // a line per request would drown the figures
  auto server = value_or_throw(hub::HubServer::create(config, store, hub_log, root));
  // The recruiter whose views are timed: one of the first organisation, which sees its own
  // people and everyone shared with the region.
  hub_bench::RecruiterClient recruiter;
  recruiter.ca_file = config.tls_certificate;
  recruiter.password = value_or_throw(random_device_key());
  recruiter.name = "bench-recruiter-" + recruiter.password.substr(0, 8);  // a --database used before has one
  value_or_throw(store.add_recruiter({hub_bench::organisation_id(0), recruiter.name, hub_store::Role::Recruiter,
                                      value_or_throw(hash_password(recruiter.password))}));
  const int port = value_or_throw(server->bind());
  recruiter.port = port;
  Serving serving(*server);

  const hub_store::DatabaseFigures before = value_or_throw(hub_store::database_figures(url));
  const int postmaster = before.server_pids.empty() ? -1 : hub_bench::postmaster_of(before.server_pids.front());
  figure("machine_cores", std::thread::hardware_concurrency(), "cores");
  std::printf("bench hub: postgresql_version %s\n", before.server_version.c_str());
  std::printf("bench hub: postgresql_shared_buffers %s\n", before.shared_buffers.c_str());
  std::printf("bench hub: database %s\n", cluster ? "a private cluster in a temp folder (fsync off)" : "--database");
  std::printf("bench hub: hub_log_level warn  (no line per request)\n");

  hub_bench::MemorySampler memory(postmaster, std::chrono::milliseconds(500));
  memory.phase("warm-up");
  hub_bench::IngestSetup setup;
  setup.port = port;
  setup.ca_file = config.tls_certificate;
  setup.kiosks = credentials;
  setup.seconds = seconds;
  const hub_bench::IngestResult ingest = hub_bench::run_ingest(setup, vocabulary, signals.stop, [&] { memory.phase("ingest"); });
  memory.phase("after ingest");
  check_stop(signals);
  print_ingest(ingest, kiosks);

  memory.phase("seeding");
  const hub_store::DatabaseFigures ingested = value_or_throw(hub_store::database_figures(url));
  // Up to at least the size asked, whichever of the two the kiosks left short.
  int64_t more_people = std::max<int64_t>(0, participants - ingested.participants);
  int64_t more_statements = std::max<int64_t>(0, statements - ingested.statements);
  if (more_people > 0)
    more_statements = std::max(more_statements, 2 * more_people);  // a session is at least a start and an end
  else if (more_statements > 0)
    more_people = std::max<int64_t>(1, more_statements / 30);
  std::vector<hub_bench::KnownPerson> people =
      hub_bench::seed(url, vocabulary, more_people, more_statements, signals.stop);
  check_stop(signals);
  // Everyone whose sessions the hub holds whole: the seeded people and the kiosks' visitors.
  people.insert(people.end(), ingest.people.begin(), ingest.people.end());
  std::vector<std::string> codes, visible;
  for (const hub_bench::KnownPerson& p : people) {
    codes.push_back(p.code);
    if (p.scope == "region" || p.organisation == hub_bench::organisation_id(0)) visible.push_back(p.code);
  }
  memory.phase("lookups");
  const int64_t lookup_errors = hub_bench::run_http_lookups(recruiter, visible, lookups, signals.stop) +
                                hub_bench::run_lookups(store, *data, codes, lookups, signals.stop);
  memory.phase("end");
  check_stop(signals);

  const std::vector<MemorySample> samples = memory.samples();
  auto peak = [&](const std::string& phase, double MemorySample::*value) {
    double m = -1;
    for (const MemorySample& s : samples)
      if (s.phase == phase) m = std::max(m, s.*value);
    return m;
  };
  auto last = [&](const std::string& phase, double MemorySample::*value) {
    double m = -1;
    for (const MemorySample& s : samples)
      if (s.phase == phase) m = s.*value;
    return m;
  };
  // This process's resident set; the server's processes' proportional sets (shared buffers once).
  for (auto [who, value] : {std::pair{"process_rss", &MemorySample::process_mib},
                            std::pair{"postgres_pss", &MemorySample::postgres_mib}}) {
    const std::string p = who;
    figure((p + "_before").c_str(), samples.front().*value, "MiB");
    figure((p + "_warm_up_peak").c_str(), peak("warm-up", value), "MiB", "each kiosk's key checked: Argon2id");
    figure((p + "_ingest_peak").c_str(), peak("ingest", value), "MiB");
    figure((p + "_after_ingest").c_str(), last("after ingest", value), "MiB");
    figure((p + "_lookups_peak").c_str(), peak("lookups", value), "MiB");
    figure((p + "_end").c_str(), samples.back().*value, "MiB");
    for (const char* phase : {"ingest", "lookups"}) {
      const double growth = hub_bench::second_half_growth(samples, phase, value);
      const double base = std::max(1.0, peak(phase, value));
      // Flat: the second half of the phase grew by under 5% of its peak (or 4 MiB).
      const bool flat = growth < std::max(4.0, 0.05 * base);
      const bool server = value == &MemorySample::postgres_mib;
      figure((p + "_growth_" + phase + "_second_half").c_str(), growth, "MiB",
             flat ? "flat" : server ? "growing: shared buffers filling, bounded by postgresql_shared_buffers" : "GROWING");
    }
  }
  figure("memory_samples", double(samples.size()), "samples", "every 0.5 s");
  const hub_store::DatabaseFigures after = value_or_throw(hub_store::database_figures(url));
  figure("database_statements", double(after.statements), "statements");
  figure("database_participants", double(after.participants), "participants");
  figure("database_size", double(after.database_bytes) / (1024.0 * 1024.0), "MiB");
  return ingest.errors == 0 && lookup_errors == 0 ? 0 : 1;
}

}  // namespace meeloop::cli
