// `meeloop hub --config FILE [--check] | hub --hash-key | hub --demo [--port N]`: the regional
// hub. Serves the xAPI statements API over TLS (engine/hub) on the PostgreSQL store
// (engine/hub_store) until SIGINT or SIGTERM. --check reads the configuration and the TLS files
// and stops there (no database); --hash-key turns a device key read from standard input into the
// Argon2id hash the configuration's kiosks list (the key itself is never written anywhere).
// --demo is for trying it: a throwaway PostgreSQL cluster, a self-signed certificate, one made-up
// organisation, kiosk and recruiter account in a private temp folder, all removed when it stops.
// --add-recruiter: a recruiter account (cmd_hub_accounts.h).
#include <pthread.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <openssl/crypto.h>

#include "args.h"
#include "cmd_hub_accounts.h"
#include "cmd_hub_forget.h"
#include "commands.h"
#include "core/error.h"
#include "core/files.h"
#include "core/password_hash.h"
#include "demo_certificate.h"
#include "hub/hub_config.h"
#include "hub/hub_server.h"
#include "hub_store/hub_store.h"
#include "hub_store/local_cluster.h"
#include "profile/workplace.h"

namespace meeloop::cli {
namespace {

// Device keys are made by a machine (e.g. `openssl rand -base64 24`), so a short one is a mistake.
constexpr size_t kMinDeviceKeyChars = 16;

int hash_key() {
  const bool terminal = ::isatty(STDIN_FILENO) == 1;
  termios saved{};
  const bool quiet = terminal && ::tcgetattr(STDIN_FILENO, &saved) == 0;
  if (terminal) std::fputs("Device key (not shown): ", stderr);
  if (quiet) {
    termios t = saved;
    t.c_lflag &= ~tcflag_t(ECHO);
    t.c_lflag |= ECHONL;
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &t);
  }
  std::string key;
  std::getline(std::cin, key);
  if (quiet) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  while (!key.empty() && (key.back() == '\r' || key.back() == '\n')) key.pop_back();
  if (key.size() < kMinDeviceKeyChars) {
    OPENSSL_cleanse(key.data(), key.size());
    throw ErrorException(bad_input("", "", "a device key is at least " + std::to_string(kMinDeviceKeyChars) +
                                               " characters (make one with `openssl rand -base64 24`)"));
  }
  auto hash = hash_password(key);
  OPENSSL_cleanse(key.data(), key.size());
  std::printf("%s\n", value_or_throw(std::move(hash)).c_str());
  return 0;
}

// The organisations and kiosks of the configuration, written to the database so that every
// hub process (and the recruiters' pages) sees the same ones.
void publish_config(const hub::HubConfig& config, hub_store::HubStore& store) {
  for (const hub::Organisation& o : config.organisations)
    value_or_throw(store.upsert_organisation({o.id, o.name}));
  for (const hub::KioskDevice& k : config.kiosks)
    value_or_throw(store.upsert_device({k.id, k.organisation, k.key_hash}));
}

// SIGINT and SIGTERM blocked in this thread and the threads it starts later (the server's
// inherit the mask), so that one waiting thread takes them: no handler, no global.
sigset_t block_stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGUSR1);  // "the server ended by itself": wakes the waiter
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

// Serves on this thread until SIGINT or SIGTERM (also one that came while setting up).
void serve_until_signal(hub::HubServer& server, const sigset_t& signals, Log& log) {
  std::atomic<bool> served{false};
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    // A stop() before serve() has started listening is lost: repeat it until serve() returns.
    while (!served) {
      server.stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  Status result = server.serve();
  served = true;
  pthread_kill(waiter.native_handle(), SIGUSR1);
  waiter.join();
  value_or_throw(std::move(result));
  log.info("hub: stopped");
}

int serve(CommandContext& ctx, const hub::HubConfig& config) {
  hub_store::HubStore store = value_or_throw(hub_store::HubStore::open(config.database_url));
  publish_config(config, store);
  auto server = value_or_throw(hub::HubServer::create(config, store, ctx.log, ctx.settings.paths.data_root));
  const sigset_t signals = block_stop_signals();
  value_or_throw(server->bind());
  std::printf("Meeloop hub: xAPI at %s/xapi/ (TLS), %zu organisation(s), %zu kiosk(s). Ctrl-C stops it.\n",
              server->url().c_str(), config.organisations.size(), config.kiosks.size());
  std::fflush(stdout);
  serve_until_signal(*server, signals, ctx.log);
  return 0;
}

// ---- hub --demo ----

constexpr const char* kDemoOrganisation = "demo-zorg";
constexpr const char* kDemoKiosk = "demo-kiosk";
constexpr const char* kDemoRecruiter = "demo-recruiter";

void print_demo(const hub::HubServer& server, const hub_store::LocalCluster& cluster,
                const std::filesystem::path& certificate, const std::string& key, const std::string& password) {
  const std::string url = server.url();
  std::printf(
      "Meeloop hub demo: a throwaway hub and PostgreSQL cluster with made-up data only.\n"
      "  URL:          %s  (xAPI at %s/xapi/, TLS)\n"
      "  Trust:        %s  (self-signed for 127.0.0.1 and localhost)\n"
      "  Organisation: %s \"Demo Zorg (fictief)\"\n"
      "  Kiosk id:     %s\n"
      "  Kiosk key:    %s  (shown once: the hub stores only its Argon2id hash)\n"
      "  Recruiter:    %s  (organisation_admin of %s)\n"
      "  Password:     %s  (shown once: the hub stores only its Argon2id hash)\n"
      "  Folder:       %s  (database on a unix socket only)\n"
      "Record a session that is shared (meeloop play ... --consent yes --share region), then send it:\n"
      "  meeloop sync --hub %s --key %s:%s --ca %s\n"
      "Then see who shared with the demo organisation, as its recruiter:\n"
      "  curl --cacert %s -u %s:%s %s/meeloop/v1/people\n"
      "Ctrl-C stops the hub and the database and removes the folder.\n",
      url.c_str(), url.c_str(), certificate.c_str(), kDemoOrganisation, kDemoKiosk, key.c_str(), kDemoRecruiter,
      kDemoOrganisation, password.c_str(), cluster.folder().c_str(), url.c_str(), kDemoKiosk, key.c_str(),
      certificate.c_str(), certificate.c_str(), kDemoRecruiter, password.c_str(), url.c_str());
  std::fflush(stdout);
}

int demo(CommandContext& ctx, int port) {
  // Before the cluster starts: a Ctrl-C while setting up still ends in the clean-up below.
  const sigset_t signals = block_stop_signals();
  // Destroyed in reverse: the server, then the store's connections, then the cluster and folder.
  hub_store::LocalClusterOptions where;
  where.prefix = "meeloop-hub-demo";
  where.loopback_tcp = false;  // the socket in the 0700 folder only: no other user gets in
  auto cluster = value_or_throw(hub_store::LocalCluster::create(where));
  hub::HubConfig config;
  config.listen_address = "127.0.0.1";
  config.port = port;
  config.database_url = value_or_throw(cluster->create_database("meeloop_demo"));
  config.tls_certificate = cluster->folder() / "hub-demo.crt";
  config.tls_key = cluster->folder() / "hub-demo.key";
  value_or_throw(write_demo_certificate(config.tls_certificate, config.tls_key));
  std::string key = value_or_throw(random_device_key());
  config.organisations = {{kDemoOrganisation, "Demo Zorg (fictief)"}};
  config.kiosks = {{kDemoKiosk, kDemoOrganisation, value_or_throw(hash_password(key))}};
  config.workplaces = profile::default_workplaces_dir(ctx.settings.paths.data_root);
  hub_store::HubStore store = value_or_throw(hub_store::HubStore::open(config.database_url));
  publish_config(config, store);
  std::string password = value_or_throw(random_device_key());
  value_or_throw(add_demo_recruiter(store, kDemoOrganisation, kDemoRecruiter, password));
  auto server = value_or_throw(hub::HubServer::create(config, store, ctx.log, ctx.settings.paths.data_root));
  value_or_throw(server->bind());
  print_demo(*server, *cluster, config.tls_certificate, key, password);
  OPENSSL_cleanse(key.data(), key.size());
  OPENSSL_cleanse(password.data(), password.size());
  serve_until_signal(*server, signals, ctx.log);
  return 0;
}

}  // namespace

int cmd_hub(CommandContext& ctx) {
  Args args(ctx.args, {"--check", "--hash-key", "--demo"});
  const bool hash = args.flag("--hash-key");
  const bool check = args.flag("--check");
  const bool demo_mode = args.flag("--demo");
  std::optional<std::string> file = args.option("--config");
  const bool port_given = args.option("--port").has_value();
  const int port = args.int_option_or("--port", 8443, 0, 65535);
  std::optional<std::string> forget = args.option("--forget");
  std::optional<std::string> reason = args.option("--reason");
  std::optional<std::string> add_recruiter = args.option("--add-recruiter");
  std::optional<std::string> role = args.option("--role");
  args.expect_consumed();
  if (!args.positionals().empty())
    throw ErrorException(bad_input("", "", "hub takes no positional arguments (see `meeloop hub --help`)"));
  if (port_given && !demo_mode)
    throw ErrorException(bad_input("", "--port", "--port goes with --demo; a configured hub takes its port from the file"));
  if (demo_mode) {
    if (file || check || hash || forget || add_recruiter) throw ErrorException(bad_input("", "--demo", "--demo takes no other option but --port"));
    return demo(ctx, port);
  }
  if (hash) {
    if (file || check || forget || add_recruiter) throw ErrorException(bad_input("", "", "--hash-key takes no other option"));
    return hash_key();
  }
  if (!file) throw ErrorException(bad_input("", "", "hub needs --config FILE (see `meeloop hub --help`)"));
  if (reason && !forget) throw ErrorException(bad_input("", "--reason", "--reason goes with --forget CODE"));
  hub::HubConfig config = value_or_throw(hub::load_hub_config(*file));
  if (role && !add_recruiter) throw ErrorException(bad_input("", "--role", "--role goes with --add-recruiter ORG:NAME"));
  if (add_recruiter) {
    if (check || forget) throw ErrorException(bad_input("", "--add-recruiter", "--add-recruiter takes only --role"));
    if (!role) throw ErrorException(bad_input("", "--role", "--add-recruiter needs --role recruiter|organisation_admin|regional_coordinator"));
    return hub_add_recruiter(config, *add_recruiter, *role);
  }
  if (forget) {
    if (check) throw ErrorException(bad_input("", "--forget", "--forget takes no --check"));
    return hub_forget(ctx, config, *forget, reason);
  }
  if (check) {
    // The TLS files are read and matched as the server would, without a database.
    value_or_throw(hub::HubServer::check_tls_files(config));
    std::printf("%s: %zu organisation(s), %zu kiosk(s), listening on %s:%d: the configuration is fine.\n",
                file->c_str(), config.organisations.size(), config.kiosks.size(), config.listen_address.c_str(),
                config.port);
    return 0;
  }
  return serve(ctx, config);
}

}  // namespace meeloop::cli
