#include "bench_hub_ingest.h"

#include <httplib.h>

#include <chrono>
#include <deque>
#include <latch>
#include <optional>
#include <thread>

namespace meeloop::cli::hub_bench {
namespace {

using Clock = std::chrono::steady_clock;

// Far apart, so no kiosk's session ids (and so statement ids) meet another's or the seed's.
constexpr int64_t kSessionIdsPerKiosk = 1'000'000'000;

struct KioskTally {
  std::vector<KnownPerson> people;
  int64_t statements = 0, batches = 0, errors = 0;
  std::string first_error;
  std::vector<double> batch_ms;
};

std::string describe(const httplib::Result& res) {
  if (!res) return "no answer (" + httplib::to_string(res.error()) + ")";
  return "HTTP " + std::to_string(res->status) + ": " + res->body.substr(0, 300);
}

// Both set by run_ingest before `go` opens.
struct Start {
  std::latch warmed;
  std::latch go{1};
  Clock::time_point until;
  explicit Start(size_t kiosks) : warmed(static_cast<std::ptrdiff_t>(kiosks)) {}
};

void run_kiosk(const IngestSetup& setup, size_t index, const Vocabulary& vocabulary, Start& start,
               const std::atomic<bool>& stop, KioskTally& tally) {
  const KioskCredentials& kiosk = setup.kiosks[index];
  SessionMaker maker(vocabulary, 1000 + index, static_cast<int64_t>(index + 1) * kSessionIdsPerKiosk);
  std::mt19937_64 rng(index);
  std::uniform_int_distribution<int> length(24, 36);  // statements per session: ~30
  // Statements made, not yet sent, in recording order; a session's last one carries its person.
  struct Waiting {
    Json statement;
    std::optional<KnownPerson> last_of;
  };
  std::deque<Waiting> waiting;
  // As the sync client: one client per kiosk, certificate checked, Basic auth with its key.
  httplib::SSLClient client(setup.host, setup.port);
  client.set_ca_cert_path(setup.ca_file.string());
  client.enable_server_certificate_verification(true);
  client.set_basic_auth(kiosk.id, kiosk.key);
  client.set_connection_timeout(10);
  client.set_read_timeout(60);
  client.set_write_timeout(60);
  const httplib::Headers headers{{"X-Experience-API-Version", "1.0.3"}};
  // A hub that has run a while has checked every kiosk's key once (Argon2id, deliberately slow)
  // and remembers it: one request each before the clock starts, so the figures are that hub's.
  auto warm = client.Get("/xapi/statements?limit=1", headers);
  if (!warm || warm->status != 200) {
    ++tally.errors;
    tally.first_error = "warming up: " + describe(warm);
  }
  start.warmed.count_down();
  start.go.wait();
  const Clock::time_point until = start.until;
  while (!stop && Clock::now() < until) {
    while (waiting.size() < setup.batch) {
      MadeUpSession s = maker.session(maker.new_code(kiosk.organisation), length(rng));
      for (Json& st : s.statements) waiting.push_back({std::move(st), std::nullopt});
      waiting.back().last_of = KnownPerson{s.code, s.organisation, s.scope};
    }
    Json batch = Json::array();
    std::vector<KnownPerson> completed;
    for (size_t i = 0; i < setup.batch; ++i) {
      batch.push_back(std::move(waiting.front().statement));
      if (waiting.front().last_of) completed.push_back(std::move(*waiting.front().last_of));
      waiting.pop_front();
    }
    const std::string body = batch.dump();
    const auto t0 = Clock::now();
    auto res = client.Post("/xapi/statements", headers, body, "application/json");
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    ++tally.batches;
    if (res && res->status == 200) {
      tally.statements += static_cast<int64_t>(setup.batch);
      tally.people.insert(tally.people.end(), completed.begin(), completed.end());
      tally.batch_ms.push_back(ms);
    } else {
      if (tally.errors++ == 0) tally.first_error = describe(res);
    }
  }
}

}  // namespace

IngestResult run_ingest(const IngestSetup& setup, const Vocabulary& vocabulary, const std::atomic<bool>& stop,
                        const std::function<void()>& on_clock) {
  std::vector<KioskTally> tallies(setup.kiosks.size());
  Start start(setup.kiosks.size());
  Clock::time_point started;
  const auto warming = Clock::now();
  double warm_s = 0;
  {
    std::vector<std::jthread> kiosks;
    for (size_t i = 0; i < setup.kiosks.size(); ++i)
      kiosks.emplace_back([&, i] { run_kiosk(setup, i, vocabulary, start, stop, tallies[i]); });
    start.warmed.wait();
    on_clock();
    started = Clock::now();
    warm_s = std::chrono::duration<double>(started - warming).count();
    start.until = started + std::chrono::milliseconds(static_cast<int64_t>(setup.seconds * 1000.0));
    start.go.count_down();
  }
  IngestResult r;
  r.warm_up_seconds = warm_s;
  r.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  for (const KioskTally& t : tallies) {
    r.statements += t.statements;
    r.batches += t.batches;
    r.errors += t.errors;
    if (r.first_error.empty()) r.first_error = t.first_error;
    r.batch_ms.insert(r.batch_ms.end(), t.batch_ms.begin(), t.batch_ms.end());
    r.per_kiosk.push_back(t.statements);
    r.people.insert(r.people.end(), t.people.begin(), t.people.end());
  }
  return r;
}

}  // namespace meeloop::cli::hub_bench
