#pragma once
// The installation's address in xAPI exports (the actor's account.homePage), read once here so
// the exporters read no configuration: `meeloop export` and the kiosk's recruiter view share it.
#include <filesystem>
#include <optional>
#include <string>

namespace meeloop::cli {

// --home-page (`option`), else `from_settings` (Settings::home_page, MEELOOP_HOME_PAGE; "" when
// unset), else a local URN that stays the same for the
// database `db` on this machine and differs between installations (never one example address
// for all). A value that is not an absolute IRI throws ErrorException (BadInput, exit 2).
std::string xapi_home_page(const std::optional<std::string>& option, const std::string& from_settings,
                           const std::filesystem::path& db);

}  // namespace meeloop::cli
