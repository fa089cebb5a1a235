#pragma once
// The ingest part of `meeloop bench hub`: simulated kiosks, each a thread with its own
// httplib::SSLClient and device key as the real SyncClient has them, POSTing batches of made-up
// sessions' statements to a running hub for a set time.
#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "bench_hub_workload.h"

namespace meeloop::cli::hub_bench {

struct KioskCredentials {
  std::string id;
  std::string key;
  int organisation = 0;  // the index organisation_id() names: its sessions are that organisation's people
};

struct IngestSetup {
  std::string host = "127.0.0.1";
  int port = 0;
  std::filesystem::path ca_file;  // the hub's certificate, trusted
  std::vector<KioskCredentials> kiosks;
  double seconds = 30;
  size_t batch = 100;  // statements per POST, as the sync client sends them
};

struct IngestResult {
  double warm_up_seconds = 0;  // every kiosk's first request (its key checked), before the clock
  double seconds = 0;        // from the first POST until the last answer
  int64_t statements = 0;    // stored (answered 200)
  int64_t batches = 0;
  int64_t errors = 0;        // requests without a 200
  std::string first_error;   // what the first of them said
  std::vector<double> batch_ms;  // each answered POST's latency
  std::vector<int64_t> per_kiosk;  // statements stored per kiosk
  std::vector<KnownPerson> people;  // whose statements were all stored
};

// Runs until `setup.seconds` have passed or `stop` is set; each kiosk finishes the batch it is
// sending.
// `on_clock` is called when every kiosk has warmed up and the clock starts.
IngestResult run_ingest(const IngestSetup& setup, const Vocabulary& vocabulary, const std::atomic<bool>& stop,
                        const std::function<void()>& on_clock);

}  // namespace meeloop::cli::hub_bench
