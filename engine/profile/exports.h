#pragma once
// The open export formats of one person's report. Each returns text or JSON; writing files is
// the caller's job (core/files.h write_file_atomically, included here for them), so the
// functions are easy to test.
#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/files.h"
#include "core/json_file.h"
#include "profile/report.h"
#include "xapi/statements.h"

namespace meeloop::profile {

// The version tag of profile_json(); docs/schema/profile.schema.json describes it.
constexpr const char* kProfileFormat = "meeloop.profile/1";
// The IRI under which every xAPI activity, extension and account lives (xapi/vocabulary.h).
constexpr const char* kXapiBase = xapi::kBase;

// Profile, ranking and plan as JSON, in both languages (format "meeloop.profile/1").
Json profile_json(const Report& r);
// A flat table for HR spreadsheets: one row per dimension, workplace and plan element,
// RFC 4180 (CRLF line ends, quoted where needed), labels in `lang`.
std::string profile_csv(const Report& r, const std::string& lang);
// One CSV field, quoted per RFC 4180 when it holds a comma, quote, CR or LF. Text starting with
// = + - @ gets a leading apostrophe so spreadsheets do not run it as a formula.
std::string csv_field(std::string_view text);
// What an installation that configured no address exports as its actor home page.
constexpr const char* kXapiUnconfiguredHomePage = xapi::kUnconfiguredHomePage;
// The xAPI export's settings (the installation's home page); the caller (the CLI's main path)
// reads configuration, not this.
using XapiOptions = xapi::Options;
// xAPI 1.0.3 statements (a JSON array): every session's start, then every event, then every
// ended session's end, each built by xapi/statements.h (the wire format of the kiosk's sync,
// so an LRS that got both drops the duplicates, and the hub can rebuild the report from them).
Json xapi_statements(const Report& r, const XapiOptions& options = {});
// BadInput unless `iri` can be a home page: an absolute IRI (RFC 3987: scheme ":" then no
// spaces, controls, <>"{}|\^` or stray %; UTF-8), with a host for http and https. `what`
// names its source ("--home-page") in the message. (xapi::check_home_page)
Status check_xapi_home_page(std::string_view iri, std::string_view what);
// The home page of an installation that configured none (xapi::local_home_page).
std::string local_xapi_home_page(std::string_view machine_id, const std::filesystem::path& database);
// A self-contained HTML page for the participant (no external resources), in `lang`: the
// data's report template (data/templates/report.html.mustache) with every value HTML-escaped.
std::string html_report(const Report& r, const std::string& lang);
// Reads a report template and checks that it parses (BadInput naming the file otherwise).
Result<std::string> load_report_template(const std::filesystem::path& file);
// The dimension chart of the HTML report as inline SVG, every text in it escaped (so the
// template may insert it raw).
std::string dimension_chart_svg(const Report& r, const std::string& lang);

}  // namespace meeloop::profile
