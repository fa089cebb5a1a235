#include "xapi/iri.h"

#include <cctype>
#include <cstdio>

namespace meeloop::xapi {
namespace {

// Length of the well-formed UTF-8 sequence at `i` (no overlongs or surrogates), 0 if none.
size_t utf8_length(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  auto cont = [&](size_t k) { return (b(k) & 0xC0) == 0x80; };
  unsigned c = b(i);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return b(i + 1) >= lo && b(i + 1) <= hi && cont(i + 2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return b(i + 1) >= lo && b(i + 1) <= hi && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

}  // namespace

std::string iri_problem(std::string_view iri) {
  if (iri.empty()) return "it is empty";
  if (iri.size() > 2000) return "it is longer than 2000 characters";
  size_t colon = iri.find(':');
  if (colon == std::string_view::npos || colon == 0 || !std::isalpha(static_cast<unsigned char>(iri[0])))
    return "it has no scheme (such as https:)";
  for (size_t i = 1; i < colon; ++i) {
    unsigned char c = static_cast<unsigned char>(iri[i]);
    if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return "it has no scheme (such as https:)";
  }
  if (colon + 1 == iri.size()) return "nothing follows the scheme";
  for (size_t i = colon + 1; i < iri.size();) {
    unsigned char c = static_cast<unsigned char>(iri[i]);
    if (c <= 0x20 || c == 0x7F) return "it contains a space or a control character";
    if (std::string_view("<>\"{}|\\^`").find(char(c)) != std::string_view::npos)
      return std::string("it contains '") + char(c) + "', which an IRI must percent-encode";
    if (c == '%' && (i + 2 >= iri.size() || !std::isxdigit(static_cast<unsigned char>(iri[i + 1])) ||
                     !std::isxdigit(static_cast<unsigned char>(iri[i + 2]))))
      return "a '%' is not followed by two hex digits";
    size_t n = utf8_length(iri, i);
    if (n == 0) return "it is not valid UTF-8";
    i += n;
  }
  std::string scheme;
  for (char c : iri.substr(0, colon)) scheme += char(std::tolower(static_cast<unsigned char>(c)));
  if (scheme == "http" || scheme == "https") {
    std::string_view rest = iri.substr(colon + 1);
    if (rest.substr(0, 2) != "//") return "an http(s) address needs // and a host";
    std::string_view authority = rest.substr(2, rest.find_first_of("/?#", 2) - 2);
    std::string_view host = authority.substr(authority.rfind('@') + 1);  // npos + 1 == 0
    if (host.empty() || host[0] == ':') return "an http(s) address needs a host";
  }
  return {};
}

std::string iri_segment(std::string_view id) {
  std::string out;
  for (unsigned char c : id) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += char(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out.empty() ? "_" : out;
}

}  // namespace meeloop::xapi
