#include "bench_hub_memory.h"

#include <dirent.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace meeloop::cli::hub_bench {
namespace {

double page_mib() { return double(::sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0); }

// Resident pages from /proc/<pid>/statm, in MiB; -1 when the process is not there.
double rss_mib(const std::string& pid) {
  std::ifstream in("/proc/" + pid + "/statm");
  long size = 0, resident = 0;
  if (!(in >> size >> resident)) return -1;
  return double(resident) * page_mib();
}

// The parent pid in /proc/<pid>/stat (the field after the command name, which may hold spaces).
int parent_of(const std::string& pid) {
  std::ifstream in("/proc/" + pid + "/stat");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  const auto close = text.rfind(')');
  if (close == std::string::npos) return -1;
  char state = 0;
  int parent = -1;
  if (std::sscanf(text.c_str() + close + 1, " %c %d", &state, &parent) != 2) return -1;
  return parent;
}

// The proportional set size (shared pages divided among the processes that map them) from
// /proc/<pid>/smaps_rollup, in MiB, else the resident set. Summing resident sets would count
// PostgreSQL's shared buffers once per backend that touched them.
double pss_mib(const std::string& pid) {
  std::ifstream in("/proc/" + pid + "/smaps_rollup");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("Pss:", 0) == 0) return std::atof(line.c_str() + 4) / 1024.0;
  return rss_mib(pid);
}

// The postmaster and every process it started (backends, writer, checkpointer, ...).
double server_tree_mib(int postmaster) {
  if (postmaster <= 0) return -1;
  const double own = pss_mib(std::to_string(postmaster));
  if (own < 0) return -1;
  double total = own;
  DIR* dir = ::opendir("/proc");
  if (!dir) return -1;
  while (dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    if (parent_of(name) != postmaster) continue;
    const double mib = pss_mib(name);
    if (mib > 0) total += mib;
  }
  ::closedir(dir);
  return total;
}

}  // namespace

int postmaster_of(int backend_pid) {
  if (backend_pid <= 0) return -1;
  // A pid from a server on another machine may name some unrelated process here.
  std::ifstream comm("/proc/" + std::to_string(backend_pid) + "/comm");
  std::string name;
  if (!std::getline(comm, name) || name != "postgres") return -1;
  return parent_of(std::to_string(backend_pid));
}

MemorySampler::MemorySampler(int postmaster, std::chrono::milliseconds every) : postmaster_(postmaster) {
  std::lock_guard lock(mutex_);
  sample_locked();
  thread_ = std::thread([this, every] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, every, [this] { return stopping_; })) sample_locked();
  });
}

MemorySampler::~MemorySampler() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void MemorySampler::phase(const std::string& name) {
  std::lock_guard lock(mutex_);
  phase_ = name;
  sample_locked();
}

std::vector<MemorySample> MemorySampler::samples() const {
  std::lock_guard lock(mutex_);
  return samples_;
}

void MemorySampler::sample_locked() {
  MemorySample s;
  s.at_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  s.phase = phase_;
  s.process_mib = rss_mib("self");
  s.postgres_mib = server_tree_mib(postmaster_);
  samples_.push_back(std::move(s));
}

double second_half_growth(const std::vector<MemorySample>& samples, const std::string& phase,
                          double MemorySample::*value) {
  std::vector<double> in_phase;
  for (const MemorySample& s : samples)
    if (s.phase == phase) in_phase.push_back(s.*value);
  if (in_phase.size() < 2) return 0;
  return in_phase.back() - in_phase[in_phase.size() / 2];
}

}  // namespace meeloop::cli::hub_bench
