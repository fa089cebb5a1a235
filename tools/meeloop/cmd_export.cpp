// `meeloop export <CODE> --format json|csv|xapi|html --out FILE [--home-page IRI]`: one
// person's profile in an open format. The file is written atomically; nothing personal goes
// to the log.
#include <cstdio>
#include <optional>

#include "args.h"
#include "commands.h"
#include "home_page.h"
#include "core/files.h"
#include "core/paths.h"
#include "person_report.h"
#include "profile/exports.h"
#include "profile/text.h"

namespace meeloop::cli {

int cmd_export(CommandContext& ctx) {
  Args args(ctx.args, {});
  std::string code = args.positional(0, "<CODE>");
  std::string format = args.option_or("--format", "");
  std::string out = args.option_or("--out", "");
  if (format != "json" && format != "csv" && format != "xapi" && format != "html")
    throw ErrorException(bad_input("", "", "--format must be json, csv, xapi or html" +
                                               (format.empty() ? std::string() : ", got \"" + format + "\"")));
  if (out.empty()) throw ErrorException(bad_input("", "", "--out <file> is required"));
  std::optional<std::string> home_page = args.option("--home-page");
  if (home_page && format != "xapi")
    throw ErrorException(bad_input("", "", "--home-page only applies to --format xapi"));
  profile::XapiOptions xapi;
  if (format == "xapi")
    xapi.home_page = xapi_home_page(home_page, ctx.settings.home_page,
                                    args.option_or("--db", ensure_database_folder(ctx.settings.paths).string()));

  PersonReport person = load_person_report(code, args, ctx.settings, ctx.log);
  const profile::Report& r = person.report;
  const std::string& lang = person.lang;

  std::string text;
  if (format == "json") text = profile::profile_json(r).dump(2) + "\n";
  else if (format == "csv") text = profile::profile_csv(r, lang);
  else if (format == "xapi") text = profile::xapi_statements(r, xapi).dump(2) + "\n";
  else text = profile::html_report(r, lang);
  // Private (0600), all or nothing, and never over a device, folder or link.
  value_or_throw(write_file_atomically(out, text));
  std::printf("Wrote %s (%s, %zu bytes).\n", out.c_str(), format.c_str(), text.size());
  return 0;
}

}  // namespace meeloop::cli
