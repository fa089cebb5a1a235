// `meeloop bench profile`: how fast evidence is logged durably (through the real EventStore on
// a temporary database) and how long profile + match take per person against many workplaces.
// Prints figures; not a test. Synthetic data only: no real participant is touched.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "commands.h"
#include "core/paths.h"
#include "profile/matcher.h"
#include "profile/report.h"
#include "store/event_store.h"
#include "store/participant_code.h"

namespace meeloop::cli {
namespace {
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// CPU time of this thread: on a shared, loaded machine wall time also counts waiting for a core.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

store::Event synthetic_event(std::mt19937_64& rng, const profile::DimensionSet& dims, int64_t session, int seq) {
  std::uniform_int_distribution<size_t> dim(0, dims.size() - 1);
  std::uniform_real_distribution<double> w(-1.0, 1.0);
  store::Event e;
  e.session_id = session;
  e.seq = seq;
  e.at = "2026-05-01T09:00:00Z";
  e.scene_id = "bench_scene";
  e.step_id = "step_" + std::to_string(seq);
  e.kind = "choice";
  e.item_id = "choice_" + std::to_string(seq % 3);
  e.decision_seconds = 2.5;
  for (int k = 0; k < 2; ++k)
    e.evidence.push_back({dims.all()[dim(rng)].id, w(rng), "bench.reason"});
  return e;
}

std::vector<profile::Workplace> synthetic_workplaces(std::mt19937_64& rng, const profile::DimensionSet& dims, int n) {
  const char* groups[] = {"pg", "somatic", "homecare", "rehab"};
  const char* grades[] = {"low", "medium", "high"};
  std::uniform_int_distribution<int> pick(0, 1 << 20);
  std::uniform_real_distribution<double> w(-1.0, 1.0);
  std::vector<profile::Workplace> out(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    profile::Workplace& wp = out[size_t(i)];
    wp.id = "bench-" + std::to_string(i);
    wp.fictional = true;
    wp.organisation = "Bench (fictief)";
    wp.client_group = groups[pick(rng) % 4];
    wp.care_intensity = grades[pick(rng) % 3];
    wp.physical_load = grades[pick(rng) % 3];
    wp.team_style = pick(rng) % 2 ? "close_team" : "independent";
    wp.supervision = {pick(rng) % 2 == 0, pick(rng) % 2 == 0, pick(rng) % 2 == 0, pick(rng) % 2 == 0};
    wp.levels = {"mbo3"};
    wp.routes = {"bol"};
    wp.side_entrants_welcome = pick(rng) % 2;
    for (int k = 0; k < 4; ++k)
      wp.expectations.push_back({size_t(pick(rng)) % dims.size(), w(rng), {"x", "x"}});
  }
  return out;
}

int bench_store(Log& log, const profile::DimensionSet& dims, int events) {
  fs::path db = fs::temp_directory_path() / ("meeloop-bench-" + std::to_string(::getpid()) + ".db");
  std::mt19937_64 rng(7);
  std::vector<double> lat;
  {
    auto st = value_or_throw(store::EventStore::open(db, log));
    store::Participant p;
    p.code = store::generate_participant_code(rng);
    p.consent = true;
    p.language = "nl";
    value_or_throw(st->add_participant(p));
    store::Session s;
    s.participant_code = p.code;
    s.scene_id = "bench_scene";
    s.language = "nl";
    const auto sid = value_or_throw(st->begin_session(s));
    auto t_all = Clock::now();
    for (int i = 0; i < events; ++i) {
      store::Event e = synthetic_event(rng, dims, sid, i + 1);  // seq 0 asks the store to number it
      auto t0 = Clock::now();
      value_or_throw(st->append_event(e));
      lat.push_back(ms_since(t0));
    }
    double total = ms_since(t_all);
    std::printf("event store (durable appends, SQLite WAL + synchronous=FULL, temp db; %d events, not the\n"
                "  10,000 x 30 of the profile part: every append waits for the disk; see --store-events):\n",
                events);
    std::printf("  %d events in %.0f ms: %.0f events/s, latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                events, total, events / (total / 1000.0), percentile(lat, 0.5), percentile(lat, 0.99),
                *std::max_element(lat.begin(), lat.end()));
  }
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix, ec);
  return 0;
}

}  // namespace

int bench_profile(CommandContext& ctx) {
  Args args(ctx.args, {});
  int people = args.int_option_or("--participants", 10000, 1, 1000000);
  int per_person = args.int_option_or("--events-per-person", 30, 1, 10000);
  int n_work = args.int_option_or("--workplaces", 1000, 1, 100000);
  int store_events = args.int_option_or("--store-events", 2000, 1, 1000000);
  args.expect_consumed();

  const auto dims = value_or_throw(profile::load_dimensions(
      ctx.settings.paths.data_root / "data" / "dimensions.json"));
  bench_store(ctx.log, dims, store_events);

  std::mt19937_64 rng(42);
  auto workplaces = synthetic_workplaces(rng, dims, n_work);
  std::vector<double> per, cpu;
  per.reserve(size_t(people));
  cpu.reserve(size_t(people));
  double text_ms = 0;
  long checksum = 0;
  store::Participant who;
  who.language = "nl";
  who.background.care_experience = "none";
  std::vector<store::Event> events;
  for (int i = 0; i < people; ++i) {
    events.clear();  // generating the events is not what we measure
    for (int k = 0; k < per_person; ++k) events.push_back(synthetic_event(rng, dims, 1 + k / 10, k));
    who.code = "BENCH-" + std::to_string(i);
    auto t0 = Clock::now();
    double c0 = thread_cpu_ms();
    profile::Profile p = profile::build_profile(who, events, dims);
    profile::MatchResult m = profile::match(p, workplaces, dims);
    per.push_back(ms_since(t0));
    cpu.push_back(thread_cpu_ms() - c0);
    checksum += m.ranked.front().fit;
    // Wording the top five, as `meeloop match` does, measured apart from the ranking.
    auto t1 = Clock::now();
    for (size_t k = 0; k < 5 && k < m.ranked.size(); ++k)
      checksum += long(profile::reason_texts(m.ranked[k], workplaces[m.ranked[k].workplace], p, dims, "nl").size());
    text_ms += ms_since(t1);
  }
  double mean = 0;
  for (double v : per) mean += v;
  mean /= double(per.size());
  double p99 = percentile(per, 0.99);
  std::printf("profile + match (%d participants x %d events, %d synthetic workplaces, all ranked):\n", people,
              per_person, n_work);
  std::printf("  per person: mean %.3f ms, p50 %.3f ms, p99 %.3f ms, max %.3f ms (target < 5 ms, wall: %s)\n", mean,
              percentile(per, 0.5), p99, *std::max_element(per.begin(), per.end()), p99 < 5.0 ? "met" : "NOT met");
  std::printf("  per person, CPU time of the thread: p50 %.3f ms, p99 %.3f ms (%s)\n", percentile(cpu, 0.5),
              percentile(cpu, 0.99), percentile(cpu, 0.99) < 5.0 ? "met" : "NOT met");
  std::printf("  wording the top 5 reasons: mean %.3f ms per person (checksum %ld)\n", text_ms / people, checksum);
  return 0;
}

}  // namespace meeloop::cli
