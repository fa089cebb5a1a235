// `meeloop hub --config FILE [--check] | hub --hash-key | hub --demo [--port N]`: the regional
// hub. Serves the xAPI statements API over TLS (engine/hub) on the PostgreSQL store
// (engine/hub_store) until SIGINT or SIGTERM. --check reads the configuration and the TLS files
// and stops there (no database); --hash-key turns a device key read from standard input into the
// Argon2id hash the configuration's kiosks list (the key itself is never written anywhere).
// --demo is for trying it: a throwaway PostgreSQL cluster, a self-signed certificate, one made-up
// organisation and kiosk in a private temp folder, all removed when it stops.
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

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include "args.h"
#include "commands.h"
#include "core/error.h"
#include "core/files.h"
#include "core/password_hash.h"
#include "hub/hub_config.h"
#include "hub/hub_server.h"
#include "hub_store/hub_store.h"
#include "hub_store/local_cluster.h"

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
  auto server = value_or_throw(hub::HubServer::create(config, store, ctx.log));
  const sigset_t signals = block_stop_signals();
  value_or_throw(server->bind());
  std::printf("Meeloop hub: xAPI at %s/xapi/ (TLS), %zu organisation(s), %zu kiosk(s). Ctrl-C stops it.\n",
              server->url().c_str(), config.organisations.size(), config.kiosks.size());
  std::fflush(stdout);
  serve_until_signal(*server, signals, ctx.log);
  return 0;
}

// ---- hub --demo ----

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct ExtensionFree {
  void operator()(X509_EXTENSION* e) const { X509_EXTENSION_free(e); }
};
struct BignumFree {
  void operator()(BIGNUM* b) const { BN_free(b); }
};

std::string bio_text(BIO& bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(&bio, &data);
  return n > 0 ? std::string(data, static_cast<size_t>(n)) : std::string();
}

// A self-signed certificate (P-256, 30 days) for 127.0.0.1 and localhost, and its key: what a
// client is told to trust (`--ca`). Made with libcrypto itself, so the demo needs no openssl
// command. The key file is 0600; the key's PEM text is wiped from memory after writing.
Status write_demo_certificate(const std::filesystem::path& certificate, const std::filesystem::path& key_file) {
  const Error fail = failure("OpenSSL could not make the demo hub's certificate");
  std::unique_ptr<EVP_PKEY, PkeyFree> key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  std::unique_ptr<X509, X509Free> cert(X509_new());
  if (!key || !cert || X509_set_version(cert.get(), X509_VERSION_3) != 1) return fail;
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) return fail;
  serial[0] &= 0x7f;  // a positive serial number
  std::unique_ptr<BIGNUM, BignumFree> bn(BN_bin2bn(serial, sizeof serial, nullptr));
  if (!bn || !BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get()))) return fail;
  constexpr long kDay = 24L * 60 * 60;
  X509_NAME* name = X509_get_subject_name(cert.get());
  const auto* cn = reinterpret_cast<const unsigned char*>("Meeloop demo hub (127.0.0.1)");
  if (!X509_gmtime_adj(X509_getm_notBefore(cert.get()), -300) ||
      !X509_gmtime_adj(X509_getm_notAfter(cert.get()), 30 * kDay) || X509_set_pubkey(cert.get(), key.get()) != 1 ||
      X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, cn, -1, -1, 0) != 1 ||
      X509_set_issuer_name(cert.get(), name) != 1)
    return fail;
  X509V3_CTX v3;
  X509V3_set_ctx_nodb(&v3);
  X509V3_set_ctx(&v3, cert.get(), cert.get(), nullptr, nullptr, 0);
  // Its own trust anchor (CA), so a client given this file as its CA accepts it as the server's.
  const std::pair<int, const char*> extensions[] = {
      {NID_basic_constraints, "critical,CA:TRUE"},
      {NID_key_usage, "critical,digitalSignature,keyCertSign"},
      {NID_ext_key_usage, "serverAuth"},
      {NID_subject_key_identifier, "hash"},
      {NID_authority_key_identifier, "keyid:always"},
      {NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost"}};
  for (const auto& [nid, value] : extensions) {
    std::unique_ptr<X509_EXTENSION, ExtensionFree> ext(X509V3_EXT_conf_nid(nullptr, &v3, nid, value));
    if (!ext || X509_add_ext(cert.get(), ext.get(), -1) != 1) return fail;
  }
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) return fail;
  std::unique_ptr<BIO, BioFree> cert_pem(BIO_new(BIO_s_mem()));
  std::unique_ptr<BIO, BioFree> key_pem(BIO_new(BIO_s_mem()));
  if (!cert_pem || !key_pem || PEM_write_bio_X509(cert_pem.get(), cert.get()) != 1 ||
      PEM_write_bio_PrivateKey(key_pem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    return fail;
  std::string key_text = bio_text(*key_pem);
  Status written = write_file_atomically(key_file, key_text, 0600);
  OPENSSL_cleanse(key_text.data(), key_text.size());
  MEELOOP_RETURN_IF_ERROR(std::move(written));
  return write_file_atomically(certificate, bio_text(*cert_pem), 0644);
}

// 24 random bytes as unpadded base64url: 32 characters that need no quoting in a shell and hold
// no ':' (which would end the kiosk id in Basic auth).
Result<std::string> random_device_key() {
  unsigned char bytes[24];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return failure("OpenSSL could not make a random device key");
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string key;
  for (size_t i = 0; i < sizeof bytes; i += 3) {
    const unsigned v = (unsigned(bytes[i]) << 16) | (unsigned(bytes[i + 1]) << 8) | bytes[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6) key += alphabet[(v >> shift) & 63];
  }
  OPENSSL_cleanse(bytes, sizeof bytes);
  return key;
}

constexpr const char* kDemoOrganisation = "demo-zorg";
constexpr const char* kDemoKiosk = "demo-kiosk";

void print_demo(const hub::HubServer& server, const hub_store::LocalCluster& cluster,
                const std::filesystem::path& certificate, const std::string& key) {
  const std::string url = server.url();
  std::printf(
      "Meeloop hub demo: a throwaway hub and PostgreSQL cluster with made-up data only.\n"
      "  URL:          %s  (xAPI at %s/xapi/, TLS)\n"
      "  Trust:        %s  (self-signed for 127.0.0.1 and localhost)\n"
      "  Organisation: %s \"Demo Zorg (fictief)\"\n"
      "  Kiosk id:     %s\n"
      "  Kiosk key:    %s  (shown once: the hub stores only its Argon2id hash)\n"
      "  Recruiter:    none: the hub has no recruiter accounts yet (they come with the recruiters' web pages)\n"
      "  Folder:       %s  (database on a unix socket only)\n"
      "Record a session that is shared (meeloop play ... --consent yes --share region), then send it:\n"
      "  meeloop sync --hub %s --key %s:%s --ca %s\n"
      "Ctrl-C stops the hub and the database and removes the folder.\n",
      url.c_str(), url.c_str(), certificate.c_str(), kDemoOrganisation, kDemoKiosk, key.c_str(),
      cluster.folder().c_str(), url.c_str(), kDemoKiosk, key.c_str(), certificate.c_str());
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
  hub_store::HubStore store = value_or_throw(hub_store::HubStore::open(config.database_url));
  publish_config(config, store);
  auto server = value_or_throw(hub::HubServer::create(config, store, ctx.log));
  value_or_throw(server->bind());
  print_demo(*server, *cluster, config.tls_certificate, key);
  OPENSSL_cleanse(key.data(), key.size());
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
  args.expect_consumed();
  if (!args.positionals().empty())
    throw ErrorException(bad_input("", "", "hub takes no positional arguments (see `meeloop hub --help`)"));
  if (port_given && !demo_mode)
    throw ErrorException(bad_input("", "--port", "--port goes with --demo; a configured hub takes its port from the file"));
  if (demo_mode) {
    if (file || check || hash) throw ErrorException(bad_input("", "--demo", "--demo takes no other option but --port"));
    return demo(ctx, port);
  }
  if (hash) {
    if (file || check) throw ErrorException(bad_input("", "", "--hash-key takes no other option"));
    return hash_key();
  }
  if (!file) throw ErrorException(bad_input("", "", "hub needs --config FILE (see `meeloop hub --help`)"));
  hub::HubConfig config = value_or_throw(hub::load_hub_config(*file));
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
