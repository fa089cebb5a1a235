#pragma once
// What a Learning Record Store checks on every incoming statement (xAPI 1.0.3, Data 2.2-2.5),
// so the regional hub refuses a bad one with a 400 that names the place, before storing it.
#include <cstddef>
#include <string_view>

#include "core/error.h"
#include "core/json_file.h"

namespace meeloop::xapi {

// Bounds on one statement, so a statement cannot cost the hub more than a little memory and
// time (the specification sets none; these are far above what Meeloop sends).
struct StatementLimits {
  size_t max_bytes = 256u << 10;   // the statement as compact JSON, about
  int max_depth = 32;              // nesting of objects and arrays (extensions included)
  size_t max_string = 32u << 10;   // one string or key
  size_t max_array = 10000;        // elements of one array
};

// Ok, or BadInput with the JSON pointer (prefixed by `pointer`, e.g. "/3" for the fourth
// statement of a batch) of the first problem and what was expected. Checked:
//  - size limits first (nothing else is read past them);
//  - only the properties the specification allows, at every level, in their case; no null
//    outside extensions; strings, numbers, booleans and objects where each is required;
//  - actor, verb and object present; id (and context.registration, StatementRef ids) a UUID;
//    verb, activity, activity type, extension and attachment usage ids IRIs (iri_problem);
//    homePage, moreInfo and fileUrl IRLs; timestamp and stored ISO 8601 (timestamp_problem);
//    result.duration an ISO 8601 duration; language map keys and context.language RFC 5646;
//    version 1.0 or 1.0.x;
//  - an Agent has exactly one inverse functional identifier (mbox as a mailto IRI,
//    mbox_sha1sum as 40 hex digits, openid as a URI, account with homePage and name); a Group
//    says objectType "Group", has at most one, and an anonymous one lists its members, who are
//    Agents; an Agent or Group as object says its objectType;
//  - the object: Activity (interactionType one of the ten, interaction components only with
//    their type, ids distinct), Agent, Group, StatementRef or SubStatement (no id, stored,
//    version or authority in it, no SubStatement inside); voided only with a StatementRef;
//  - result.score (scaled in -1..1, raw within min..max, min below max); context revision and
//    platform only when the object is an Activity; context.team a Group; attachments complete.
Status validate_statement(const Json& statement, std::string_view pointer = "",
                          const StatementLimits& limits = {});

}  // namespace meeloop::xapi
