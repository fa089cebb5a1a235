#include "xapi/formats.h"

#include <cctype>

#include "xapi/iri.h"

namespace meeloop::xapi {
namespace {

bool digits(std::string_view s, size_t at, size_t n) {
  if (at + n > s.size()) return false;
  for (size_t i = at; i < at + n; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

int number(std::string_view s, size_t at, size_t n) {
  int v = 0;
  for (size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

int days_in_month(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

}  // namespace

std::string uuid_problem(std::string_view t) {
  if (t.size() != 36) return "expected 36 characters (8-4-4-4-12 hex digits)";
  for (size_t i = 0; i < t.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? t[i] != '-' : !std::isxdigit(static_cast<unsigned char>(t[i])))
      return "expected 8-4-4-4-12 hex digits, such as 2ed6657d-e927-568b-95e1-2665a8aea6a2";
  }
  return {};
}

std::string timestamp_problem(std::string_view t) {
  const char* shape = "expected an ISO 8601 date and time such as 2026-05-01T09:30:00.000Z";
  if (!(digits(t, 0, 4) && t.size() > 4 && t[4] == '-' && digits(t, 5, 2) && t.size() > 7 && t[7] == '-' &&
        digits(t, 8, 2) && t.size() > 10 && (t[10] == 'T' || t[10] == 't') && digits(t, 11, 2) && t.size() > 13 &&
        t[13] == ':' && digits(t, 14, 2) && t.size() > 16 && t[16] == ':' && digits(t, 17, 2)))
    return shape;
  int year = number(t, 0, 4), month = number(t, 5, 2), day = number(t, 8, 2);
  if (month < 1 || month > 12) return "the month is not 01-12";
  if (day < 1 || day > days_in_month(year, month)) return "that day does not exist in that month";
  if (number(t, 11, 2) > 23 || number(t, 14, 2) > 59 || number(t, 17, 2) > 60) return "the time of day is out of range";
  size_t i = 19;
  if (i < t.size() && t[i] == '.') {
    size_t start = ++i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    if (i == start) return "a '.' in the seconds is not followed by digits";
  }
  std::string_view zone = t.substr(i);
  if (zone.empty() || zone == "Z" || zone == "z") return {};
  if (zone[0] != '+' && zone[0] != '-') return shape;
  bool ok = (zone.size() == 3 && digits(zone, 1, 2)) || (zone.size() == 5 && digits(zone, 1, 4)) ||
            (zone.size() == 6 && digits(zone, 1, 2) && zone[3] == ':' && digits(zone, 4, 2));
  if (!ok) return "the time zone is not Z, +hh:mm, +hhmm or +hh";
  int hours = number(zone, 1, 2), minutes = zone.size() == 3 ? 0 : number(zone, zone.size() - 2, 2);
  if (hours > 23 || minutes > 59) return "the time zone offset is out of range";
  if (zone[0] == '-' && hours == 0 && minutes == 0) return "the offset -00:00 (unknown local offset) is not allowed";
  return {};
}

std::string duration_problem(std::string_view t) {
  const char* shape = "expected an ISO 8601 duration such as PT3.5S or P1DT2H";
  if (t.size() < 2 || t[0] != 'P') return shape;
  const std::string_view date_units = "YMWD", time_units = "HMS";
  bool in_time = false, any = false, fraction_seen = false;
  size_t next_unit = 0;  // the units must come in order
  for (size_t i = 1; i < t.size();) {
    if (t[i] == 'T') {
      if (in_time) return shape;
      in_time = true;
      next_unit = 0;
      ++i;
      if (i == t.size()) return "a 'T' is not followed by hours, minutes or seconds";
      continue;
    }
    if (fraction_seen) return "only the last part of a duration may have a fraction";
    size_t start = i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    if (i == start) return shape;
    if (i < t.size() && (t[i] == '.' || t[i] == ',')) {
      size_t frac = ++i;
      while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
      if (i == frac) return shape;
      fraction_seen = true;
    }
    if (i == t.size()) return "a number is not followed by its unit";
    std::string_view units = in_time ? time_units : date_units;
    size_t u = units.find(t[i], next_unit);
    if (u == std::string_view::npos) return shape;
    next_unit = u + 1;
    any = true;
    ++i;
  }
  return any ? std::string() : std::string(shape);
}

std::string language_tag_problem(std::string_view t) {
  const char* shape = "expected an RFC 5646 language tag such as nl-NL, en or zh-Hant-TW";
  if (t.empty() || t.size() > 85) return shape;
  size_t index = 0;
  bool private_use = false;
  for (size_t start = 0; start <= t.size();) {
    size_t end = t.find('-', start);
    if (end == std::string_view::npos) end = t.size();
    std::string_view sub = t.substr(start, end - start);
    if (sub.empty() || sub.size() > 8) return shape;
    bool alpha = true, alnum = true;
    for (char c : sub) {
      alpha = alpha && std::isalpha(static_cast<unsigned char>(c));
      alnum = alnum && std::isalnum(static_cast<unsigned char>(c));
    }
    if (!alnum) return shape;
    if (index == 0) {
      bool single = sub.size() == 1 && (sub[0] == 'x' || sub[0] == 'X' || sub[0] == 'i' || sub[0] == 'I');
      if (!alpha || (sub.size() == 1 && !single)) return shape;
      private_use = single;
    }
    ++index;
    start = end + 1;
  }
  if (private_use && index < 2) return shape;
  return {};
}

std::string mailto_problem(std::string_view t) {
  if (t.substr(0, 7) != "mailto:") return "expected \"mailto:\" and an e-mail address";
  std::string_view address = t.substr(7);
  size_t at = address.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == address.size() ||
      address.find('@', at + 1) != std::string_view::npos)
    return "expected \"mailto:\" and one e-mail address (local@domain)";
  std::string problem = iri_problem(t);
  return problem.empty() ? std::string() : "not an IRI: " + problem;
}

}  // namespace meeloop::xapi
