// `meeloop export <CODE> --format json|csv|xapi|html --out FILE`: one person's profile in an
// open format. The file is written atomically; nothing personal goes to the log.
#include <cstdio>

#include "args.h"
#include "commands.h"
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

  PersonReport person = load_person_report(code, args, ctx.log);
  const profile::Report& r = person.report;
  const std::string& lang = person.lang;

  std::string text;
  if (format == "json") text = profile::profile_json(r).dump(2) + "\n";
  else if (format == "csv") text = profile::profile_csv(r, lang);
  else if (format == "xapi") text = profile::xapi_statements(r).dump(2) + "\n";
  else text = profile::html_report(r, lang);
  Status st = profile::write_file_atomically(out, text);
  if (!st) throw ErrorException(st.error());
  std::printf("Wrote %s (%s, %zu bytes).\n", out.c_str(), format.c_str(), text.size());
  return 0;
}

}  // namespace meeloop::cli
