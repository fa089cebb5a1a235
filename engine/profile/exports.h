#pragma once
// The open export formats of one person's report. Each returns text or JSON; writing files is
// the caller's job (write_file_atomically), so the functions are easy to test.
#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/json_file.h"
#include "profile/report.h"

namespace meeloop::profile {

// The version tag of profile_json(); docs/schema/profile.schema.json describes it.
constexpr const char* kProfileFormat = "meeloop.profile/1";
// The IRI under which every xAPI activity, extension and account lives.
constexpr const char* kXapiBase = "https://meeloop.example/xapi";

// Profile, ranking and plan as JSON, in both languages (format "meeloop.profile/1").
Json profile_json(const Report& r);
// A flat table for HR spreadsheets: one row per dimension, workplace and plan element,
// RFC 4180 (CRLF line ends, quoted where needed), labels in `lang`.
std::string profile_csv(const Report& r, const std::string& lang);
// One CSV field, quoted per RFC 4180 when it holds a comma, quote, CR or LF. Text starting with
// = + - @ gets a leading apostrophe so spreadsheets do not run it as a formula.
std::string csv_field(std::string_view text);
// xAPI 1.0.3 statements (a JSON array): one per logged event plus one per session start/end,
// actor as a pseudonymous account, evidence in result.extensions.
Json xapi_statements(const Report& r);
// A self-contained HTML page for the participant (no external resources), in `lang`.
std::string html_report(const Report& r, const std::string& lang);
// The dimension chart of the HTML report as inline SVG.
std::string dimension_chart_svg(const Report& r, const std::string& lang);

// Writes `text` to a temporary file beside `path`, then renames it, so a crash never leaves a
// half-written export.
Status write_file_atomically(const std::filesystem::path& path, std::string_view text);

}  // namespace meeloop::profile
