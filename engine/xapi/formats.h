#pragma once
// The string formats xAPI 1.0.3 prescribes, each answered as "why not", empty when the text
// has the format (as iri_problem does for IRIs).
#include <string>
#include <string_view>

namespace meeloop::xapi {

// A UUID in standard string form: 8-4-4-4-12 hex digits, either case. Any version or variant
// (the specification's own examples use ids such as 12345678-1234-5678-1234-567812345678).
std::string uuid_problem(std::string_view text);
// An ISO 8601 date and time in extended format, as RFC 3339 profiles it:
// YYYY-MM-DDThh:mm:ss[.fraction][Z|+hh:mm|-hh:mm|+hhmm|+hh], with real dates (leap years) and
// times; the "unknown offset" -00:00 (-0000, -00) is refused, as xAPI 1.0.3 requires.
std::string timestamp_problem(std::string_view text);
// An ISO 8601 duration: P[nY][nM][nW][nD][T[nH][nM][nS]] with at least one part, a decimal
// fraction only on the last.
std::string duration_problem(std::string_view text);
// An RFC 5646 language tag by its subtags: a 2-3 letter language (or 4-8 letters, or the
// private-use "x-..." / grandfathered "i-..."), then subtags of 1-8 letters and digits.
std::string language_tag_problem(std::string_view text);
// A mailto IRI naming one e-mail address: "mailto:" then local@domain.
std::string mailto_problem(std::string_view text);

}  // namespace meeloop::xapi
