#pragma once
// The hub's one configuration file (JSON), read once at start:
//   {
//     "listen": {"address": "127.0.0.1", "port": 8443},      // port 0: any free port
//     "database_url": "postgresql://hub@localhost:5432/meeloop",
//     "tls": {"certificate": "hub.crt", "key": "hub.key"},   // PEM; the certificate file may hold the chain
//     "organisations": [{"id": "zorggroep-a", "name": "Zorggroep A"}],
//     "kiosks": [{"id": "kiosk-a-1", "organisation": "zorggroep-a", "key_hash": "$argon2id$..."}],
//     "workplaces": "workplaces/",                           // the region's learning-workplace profiles
//     "limits": {"max_body_bytes": 1048576, "failed_logins": 10, "failed_login_window_s": 300,
//                "page_size": 100},                         // optional, these are the defaults
//     "retention": {"days": 365, "sweep_every_minutes": 60}  // optional: without it nothing expires
//   }
// Relative paths are taken from the config file's folder. Every wrong value is a BadInput with the
// file, line:col and JSON pointer. Device keys appear only as Argon2id hashes
// (`meeloop hub --hash-key` makes one); a plain key is refused.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace meeloop::hub {

struct Organisation {
  std::string id;
  std::string name;
};

struct KioskDevice {
  std::string id;            // the Basic-auth user name; never personal
  std::string organisation;  // an Organisation::id
  std::string key_hash;      // Argon2id string (core/password_hash.h)
};

struct HubLimits {
  size_t max_body_bytes = 1u << 20;   // a larger request body is answered 413 unread
  int failed_logins = 10;             // wrong keys from one client address within the window ...
  int failed_login_window_s = 300;    // ... before it is answered 429 until the window has passed
  int page_size = 100;                // most statements in one GET page (and the default limit)
};

// People whose newest statement is older than `days` are removed, checked at start and every
// `sweep_every_minutes` (hub/retention_sweep.h).
struct HubRetention {
  int days = 365;                 // >= 1
  int sweep_every_minutes = 60;   // 1 .. 10080 (a week)
};

struct HubConfig {
  std::string listen_address = "127.0.0.1";
  int port = 8443;
  std::string database_url;
  std::filesystem::path tls_certificate;
  std::filesystem::path tls_key;
  std::vector<Organisation> organisations;
  std::vector<KioskDevice> kiosks;
  std::filesystem::path workplaces;
  HubLimits limits;
  std::optional<HubRetention> retention;

  const KioskDevice* find_kiosk(std::string_view id) const;
  const Organisation* find_organisation(std::string_view id) const;
};

Result<HubConfig> load_hub_config(const std::filesystem::path& file);
// The same from text in memory; `file` names it in messages and anchors relative paths.
Result<HubConfig> parse_hub_config(std::string text, const std::filesystem::path& file);

}  // namespace meeloop::hub
