#pragma once
// IRIs as xAPI 1.0.3 uses them (verb, activity and extension ids, home pages).
#include <string>
#include <string_view>

namespace meeloop::xapi {

// Why `iri` is not an absolute IRI (RFC 3987: a scheme, ":", then no spaces, controls,
// <>"{}|\^` or stray %; valid UTF-8; at most 2000 characters; http and https with a host), or
// an empty string when it is one.
std::string iri_problem(std::string_view iri);

// `id` with everything but RFC 3986 unreserved characters percent-encoded, so any scene, step
// or option id is one valid IRI path segment ("_" for an empty id).
std::string iri_segment(std::string_view id);

}  // namespace meeloop::xapi
