#include "person_report.h"

#include "core/paths.h"
#include "profile/text.h"
#include "core/error.h"

namespace meeloop::cli {

PersonReport load_person_report(const std::string& code, const Args& args, const Settings& settings, Log& log) {
  std::string db = args.option_or("--db", ensure_database_folder(settings.paths).string());
  std::optional<std::string> lang_opt = args.option("--lang");
  args.expect_consumed();
  PersonReport out;
  out.data = std::make_unique<profile::ProfileData>(value_or_throw(profile::load_profile_data(settings.paths.data_root)));
  out.report = value_or_throw(profile::read_report(db, code, *out.data, log));
  const std::string& own = out.report.participant.language;
  out.lang = profile::checked_language(lang_opt.value_or(own.empty() ? "nl" : own), "--lang");
  return out;
}

}  // namespace meeloop::cli
