#pragma once
// What the hub and sync tests share (library meeloop_hub_fixtures in tests/CMakeLists.txt):
//   hub_config_json   the hub's configuration file for a test, with room for keys of later issues
//   HubFolder         test CA, server certificate and hub.json on a database, for hub processes
//   InProcessHub      a HubServer on a free loopback port over TLS from a test CA, on a fresh
//                     database of the shared PostgreSQL cluster (pg_cluster.h) or a given one
//   HubProcess        `meeloop hub --config FILE` as a child process (kill -9, two processes)
//   KioskDb, sync_options, sync_db   the kiosk side: its evidence database and one sync of it
//   HubAndKiosk       an InProcessHub and one kiosk database, where most sync tests start
// record_visitor (kiosk_recording.h) fills a kiosk database. Failures are Catch2 failures of the
// calling test, saying why.
#include <httplib.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "child_process.h"
#include "core/json_file.h"
#include "core/log.h"
#include "hub/hub_config.h"
#include "hub/hub_server.h"
#include "hub_store/hub_store.h"
#include "kiosk_recording.h"
#include "store/event_store.h"
#include "sync/sync_client.h"
#include "temp_dir.h"

namespace meeloop::test {

// Waits up to `limit` for `done` (polled every 50 ms); true when it came. For what a thread of
// the code under test does in its own time (a background sync, a retention sweep).
template <class F>
bool eventually(F done, std::chrono::milliseconds limit = std::chrono::seconds(30)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

// The kiosk every test uses unless it needs a second one: its id, organisation, device key and
// the installation's xAPI home page (the account homePage of its statements).
inline const std::string kKioskId = "kiosk-a";
inline const std::string kOrganisation = "zorg-a";
inline const std::string kKioskKey = "kiosk-a-device-key-0123456789";
inline const std::string kHomePage = "https://zorg-a.example.nl/meeloop";

struct KioskSpec {
  std::string id = kKioskId;
  std::string organisation = kOrganisation;
  std::string key = kKioskKey;  // written as its Argon2id hash, never in the clear
};

struct HubConfigSpec {
  std::string database_url;  // InProcessHub: empty means a fresh database of the shared cluster
  std::vector<hub::Organisation> organisations = {{kOrganisation, "Zorggroep A"}};
  std::vector<KioskSpec> kiosks = {KioskSpec{}};
  Json limits = Json::object();  // hub_config.h's "limits"
  // Merged in at the top level last, so a test can add a key of its own ("retention": {...})
  // or replace one of the above.
  Json extra = Json::object();
};

// Listens on 127.0.0.1 port 0 (a free port), TLS from hub.crt and hub.key beside the file,
// workplaces in "workplaces". Each kiosk key is hashed here (Argon2id: a fraction of a second;
// the default key's hash is made once per test binary).
std::string hub_config_json(const HubConfigSpec& spec);

// An HTTPS client of 127.0.0.1:`port` that trusts only `ca`, with Basic auth as `user`.
std::unique_ptr<httplib::SSLClient> verified_client(int port, const std::filesystem::path& ca, const std::string& user,
                                                    const std::string& key);

// A hub's folder: the test CA (ca.pem), a server certificate for 127.0.0.1 (hub.crt, hub.key)
// and hub.json (hub_config_json of the spec) on the spec's database, or a fresh one of the shared
// PostgreSQL cluster; enough for a HubProcess, and what an InProcessHub serves from.
struct HubFolder {
  explicit HubFolder(HubConfigSpec spec = {});
  std::filesystem::path ca() const { return dir.path / "ca.pem"; }
  std::filesystem::path config_file() const { return dir.path / "hub.json"; }

  TempDir dir{"meeloop-test-hub"};
  std::string database_url;
};

// A HubServer served on a thread of the test, from a HubFolder.
class InProcessHub : public HubFolder {
 public:
  explicit InProcessHub(HubConfigSpec spec = {});  // and start()
  ~InProcessHub();
  InProcessHub(const InProcessHub&) = delete;
  InProcessHub& operator=(const InProcessHub&) = delete;

  // Serving on a new free port; returns once the hub answers, since httplib loses a stop()
  // that comes before its loop has started.
  void start();
  // Stops serving and joins the thread; the database and the folder stay for a start().
  void stop();
  bool serving() const { return server_ != nullptr; }
  // The running server, to stop it from a callback while the test thread is inside a sync.
  hub::HubServer& server() { return *server_; }

  std::string url() const;  // "https://127.0.0.1:PORT"
  int port() const;
  // verified_client() of this hub.
  std::unique_ptr<httplib::SSLClient> client(const std::string& user = kKioskId,
                                             const std::string& key = kKioskKey) const;
  // Every line the hub logged so far (any level), one per line.
  std::string log_text() const;

  // The ids of the statements stored for `code`, straight from the database.
  std::vector<std::string> stored_ids(const std::string& code);
  // Every statement GET /xapi/statements answers with `query`, following "more", as an LMS
  // pulling from the hub would (the default kiosk's key reads for its organisation).
  Json all_statements(const httplib::Params& query);
  // all_statements of `code`'s agent, oldest first.
  Json statements_by_agent(const std::string& code, const std::string& home_page = kHomePage);

  hub::HubConfig config;
  std::optional<hub_store::HubStore> store;

 private:
  Log log_{LogLevel::Off};  // quiet on stderr; every line still reaches the sink
  mutable std::mutex lines_mutex_;
  std::vector<std::string> lines_;
  std::unique_ptr<hub::HubServer> server_;
  std::thread thread_;
};

// `meeloop hub --config FILE` as a child process, from its first line ("Meeloop hub: xAPI at
// https://127.0.0.1:PORT/xapi/ ...") on.
class HubProcess {
 public:
  explicit HubProcess(const std::filesystem::path& config_file);
  int port() const { return port_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  int stop() { return process_.stop(SIGTERM); }  // the exit code; -1 when it did not exit by itself
  void kill9() { process_.kill9(); }

 private:
  ChildProcess process_;
  int port_ = 0;
};

// CHECKs that the hub holds `count` statements of the people `codes` in all, no id twice.
void check_stored_once(InProcessHub& hub, const std::vector<std::string>& codes, int count);

// The kiosk's evidence database, open while the object lives.
struct KioskDb {
  explicit KioskDb(const std::filesystem::path& db);
  store::OutboxCounts counts();

  Log log{LogLevel::Off};
  std::unique_ptr<store::EventStore> store;
};

// The options `meeloop sync` would use for the default kiosk against `hub_url`, trusting `ca`.
sync::SyncOptions sync_options(const std::string& hub_url, const std::filesystem::path& ca, int batch_size = 200);
// One sync_once of the kiosk database `db` as it would run at `now` (the kiosk's clock).
sync::SyncSummary sync_db(const std::filesystem::path& db, sync::SyncOptions options,
                          std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

// A hub and one kiosk's database beside it.
struct HubAndKiosk {
  explicit HubAndKiosk(HubConfigSpec spec = {}) : hub(std::move(spec)) {}

  std::string record(store::ShareScope share, uint64_t seed, bool two_scenes = true) {
    return record_visitor(db, share, seed, two_scenes);
  }
  int pending() { return KioskDb(db).counts().pending; }
  sync::SyncSummary run_sync(int batch_size = 200,
                             std::chrono::system_clock::time_point now = std::chrono::system_clock::now()) {
    return sync_db(db, sync_options(hub.url(), hub.ca(), batch_size), now);
  }

  InProcessHub hub;
  TempDir kiosk{"meeloop-test-kiosk"};
  std::filesystem::path db = kiosk.path / "evidence.db";
};

}  // namespace meeloop::test
