#pragma once
// Memory of `meeloop bench hub` over its run: this process's resident set (/proc/self/statm; the
// hub server, its store's connections and the simulated kiosks all live in it) and the
// PostgreSQL server's processes summed (proportional set sizes, so shared buffers count once),
// sampled on a thread of its own, so "flat" can be read off.
// Linux only (/proc); a server on another machine reads as unknown.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace meeloop::cli::hub_bench {

struct MemorySample {
  double at_s = 0;  // since the sampler started
  std::string phase;
  double process_mib = 0;
  double postgres_mib = -1;  // PSS summed; -1: unknown (not on this machine)
};

// The postmaster of a server backend: its parent, or -1 when /proc does not show it.
int postmaster_of(int backend_pid);

class MemorySampler {
 public:
  // `postmaster`: the server's main process (-1: unknown); its children are summed with it.
  MemorySampler(int postmaster, std::chrono::milliseconds every);
  ~MemorySampler();
  MemorySampler(const MemorySampler&) = delete;
  MemorySampler& operator=(const MemorySampler&) = delete;

  // Takes a sample now and labels it and those after it with `phase`.
  void phase(const std::string& name);
  std::vector<MemorySample> samples() const;

 private:
  void sample_locked();

  int postmaster_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::string phase_ = "start";
  std::vector<MemorySample> samples_;
  std::thread thread_;
};

// How much `value` grew over the second half of a phase's samples (last minus first), MiB.
double second_half_growth(const std::vector<MemorySample>& samples, const std::string& phase,
                          double MemorySample::*value);

}  // namespace meeloop::cli::hub_bench
