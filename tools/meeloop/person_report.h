#pragma once
// What `match`, `plan` and `export` share: one person's report read from the evidence
// database, with the shipped data, in the language asked for (else the person's own).
#include <memory>
#include <optional>
#include <string>

#include "args.h"
#include "core/log.h"
#include "core/settings.h"
#include "profile/report_store.h"

namespace meeloop::cli {

struct PersonReport {
  std::unique_ptr<profile::ProfileData> data;  // heap: report.data points into it
  profile::Report report;
  std::string lang;  // "nl" or "en"
};

// Reads --db and --lang from `args` (the caller reads its own options first, then this
// checks that nothing unknown is left). Throws ErrorException on any error.
PersonReport load_person_report(const std::string& code, const Args& args, const Settings& settings, Log& log);

}  // namespace meeloop::cli
