#pragma once
// The kiosk's outbox: what a person who shares (store/share_scope.h: organisation or region) has
// recorded, waiting to be sent to the regional hub. Offline first: the outbox row is inserted in
// the same transaction as the event (or the session's end) it points at, so a crash never leaves
// one without the other; a person who shares nothing never gets a row. Rows hold no copy of the
// event: the sender builds the xAPI statement from the OutboxItem when it sends.
//
// The calls, on EventStore (store/event_store.h):
//   pending_outbox(limit, now)          rows due now, oldest session first, each session in seq
//                                       order, its end last; a session with a row waiting for its
//                                       backoff is left out whole, so its order holds on the wire
//   mark_sent(ids)                      delivered (the hub acknowledged); kept until the event goes
//   mark_failed(ids, next_attempt_at)   one more failed attempt; next_attempt_at from
//                                       outbox_next_attempt(item.attempts + 1, now)
//   outbox_counts()                     pending / failed / sent, for the operator and `meeloop sync`
//   pending_hub_erasures()              people forgotten here whose data the hub must erase
//   mark_hub_erasure_done(code)         the hub confirmed; the code is wiped from this file too
// Retention: a sent row goes when its event goes (forget, forget_older_than).
#include <chrono>
#include <cstdint>
#include <string>

#include "store/records.h"
#include "store/share_scope.h"

namespace meeloop::store {

enum class OutboxKind {
  Event,         // one event of a session (item.event)
  SessionEnded,  // the session ended (item.session.ended_at, ending_id); after its events
};

// One row due to be sent, with what a statement is built from.
struct OutboxItem {
  int64_t id = 0;  // the outbox row: what mark_sent / mark_failed take
  OutboxKind kind = OutboxKind::Event;
  ShareScope share = ShareScope::None;  // the participant's scope (never None here)
  Session session;                      // its participant_code is the person's pseudonymous code
  Event event;                          // kind Event: the event with its evidence; else empty
  int attempts = 0;                     // failed sends so far
};

// Disjoint counts of outbox rows.
struct OutboxCounts {
  int pending = 0;  // not sent, no failed attempt yet
  int failed = 0;   // not sent, at least one failed attempt (waiting for its next attempt)
  int sent = 0;     // acknowledged by the hub
};

// A person forgotten on this kiosk who had shared: the hub must erase them too.
struct HubErasure {
  std::string code;
  std::string queued_at;  // UTC, as now_utc() writes it
};

// How long to wait after the n-th failed attempt in a row (n >= 1): 30 s doubling each time,
// at most one hour, so a kiosk offline for days tries hourly and never floods a hub coming back.
std::chrono::seconds outbox_backoff(int failures);

// `now` plus outbox_backoff(failures), as a UTC timestamp for mark_failed.
std::string outbox_next_attempt(int failures, std::chrono::system_clock::time_point now);

}  // namespace meeloop::store
