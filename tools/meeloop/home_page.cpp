#include "home_page.h"

#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <string_view>

#include "core/error.h"
#include "core/files.h"
#include "profile/exports.h"

namespace meeloop::cli {
namespace {

std::string checked_home_page(std::string value, std::string_view what) {
  if (Status st = profile::check_xapi_home_page(value, what); !st) throw ErrorException(st.error());
  return value;
}

// This machine's systemd/D-Bus id, else its host name: only ever hashed, never exported.
std::string machine_id() {
  for (const char* file : {"/etc/machine-id", "/var/lib/dbus/machine-id"}) {
    auto text = read_regular_file(file, 256, "a machine id");
    if (!text) continue;
    std::string id = text.value();
    while (!id.empty() && std::isspace(static_cast<unsigned char>(id.back()))) id.pop_back();
    if (!id.empty()) return id;
  }
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) == 0 && host[0]) return std::string("host:") + host;
  throw ErrorException(bad_input("", "", "this machine has no id or host name: give --home-page <IRI> "
                                         "or set MEELOOP_HOME_PAGE"));
}

}  // namespace

std::string xapi_home_page(const std::optional<std::string>& option, const std::string& from_settings,
                           const std::filesystem::path& db) {
  if (option) return checked_home_page(*option, "--home-page");
  if (!from_settings.empty()) return checked_home_page(from_settings, "MEELOOP_HOME_PAGE");
  std::error_code ec;
  std::filesystem::path where = std::filesystem::weakly_canonical(db, ec);  // absolute, links resolved
  return profile::local_xapi_home_page(machine_id(), ec ? db : where);
}

}  // namespace meeloop::cli
