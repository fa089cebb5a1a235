// The outbox the sync client drains (store/outbox.h). Rows are inserted by append_event and
// end_session in their own transactions (event_store.cpp, event_store_read.cpp); here they are
// read in sending order and marked sent or failed.
#include <algorithm>

#include "store/event_store.h"
#include "store/event_store_impl.h"
#include "store/outbox.h"

namespace meeloop::store {
namespace {

constexpr std::chrono::seconds kFirstBackoff{30};
constexpr std::chrono::seconds kLongestBackoff{3600};

// Sending order: oldest session first; in a session its events by seq, its end last.
constexpr const char* kSendingOrder = "o.session_id, o.event_id IS NULL, e.seq, o.id";

// Sets one column change on each id, in one transaction (all or none).
void update_each(sqlite3* db, const char* sql, const std::vector<int64_t>& ids, const std::string& value) {
  if (ids.empty()) return;
  sql::transaction(db, [&] {
    sql::Stmt s = sql::prepare(db, sql);
    for (int64_t id : ids) {
      s.bind(1, value).bind(2, id).run();
      s.reset();
    }
  });
}

}  // namespace

std::chrono::seconds outbox_backoff(int failures) {
  if (failures <= 1) return kFirstBackoff;
  // Doubling stops well before it could overflow: 30 s * 2^7 is past the hour already.
  const int doublings = std::min(failures - 1, 7);
  return std::min(kFirstBackoff * (1 << doublings), kLongestBackoff);
}

std::string outbox_next_attempt(int failures, std::chrono::system_clock::time_point now) {
  return utc_text(now + outbox_backoff(failures));
}

Result<std::vector<OutboxItem>> EventStore::pending_outbox(int limit,
                                                           std::chrono::system_clock::time_point now) const {
  return impl_->guarded("read the outbox", [&]() -> Result<std::vector<OutboxItem>> {
    std::vector<OutboxItem> out;
    if (limit <= 0) return out;
    // The page of rows is chosen first, then joined with the events' evidence, so the limit
    // counts rows, not evidence.
    sql::Stmt s = sql::prepare(impl_->raw(), std::string(
        "WITH due AS (SELECT o.id FROM outbox o LEFT JOIN events e ON e.id = o.event_id "
        "  WHERE o.sent_at = '' AND NOT EXISTS (SELECT 1 FROM outbox w WHERE w.session_id = o.session_id "
        "    AND w.sent_at = '' AND w.next_attempt_at > ?1 AND w.next_attempt_at <= ?2) "
        "  ORDER BY ") + kSendingOrder + " LIMIT ?3) "
        "SELECT o.id, o.kind, o.attempts, p.share, "
        "s.id, s.participant_code, s.scene_id, s.scene_version, s.language, s.started_at, s.ended_at, s.ending_id, "
        "coalesce(e.id, 0), e.session_id, e.seq, e.at, e.scene_id, e.step_id, e.kind, e.item_id, "
        "e.decision_seconds, e.help_asked, coalesce(v.dimension, ''), coalesce(v.weight, 0), coalesce(v.reason, '') "
        "FROM due JOIN outbox o ON o.id = due.id JOIN sessions s ON s.id = o.session_id "
        "JOIN participants p ON p.code = s.participant_code LEFT JOIN events e ON e.id = o.event_id "
        "LEFT JOIN evidence v ON v.event_id = e.id ORDER BY " + kSendingOrder + ", v.ord");
    s.bind(1, utc_text(now)).bind(2, utc_text(now + kLongestBackoff)).bind(3, int64_t(limit));
    while (s.step()) {
      if (out.empty() || out.back().id != s.int64(0)) {
        OutboxItem item;
        item.id = s.int64(0);
        item.kind = s.text(1) == "session_ended" ? OutboxKind::SessionEnded : OutboxKind::Event;
        item.attempts = int(s.int64(2));
        item.share = parse_share_scope(s.text(3)).value_or(ShareScope::None);
        item.session = read_session(s, 4);
        if (s.int64(12) != 0) item.event = read_event(s, 12);
        out.push_back(std::move(item));
      }
      if (!s.text(22).empty())  // empty: no evidence, or no event (LEFT JOIN)
        out.back().event.evidence.push_back(Evidence{s.text(22), s.real(23), s.text(24)});
    }
    return out;
  });
}

Status EventStore::mark_sent(const std::vector<int64_t>& ids) {
  Impl& im = *impl_;
  return im.guarded("mark outbox rows sent", [&]() -> Status {
    update_each(im.raw(), "UPDATE outbox SET sent_at = ?1 WHERE id = ?2 AND sent_at = ''", ids, iso_utc_now());
    return Ok{};
  });
}

Status EventStore::mark_failed(const std::vector<int64_t>& ids, const std::string& next_attempt_at) {
  Impl& im = *impl_;
  return im.guarded("mark outbox rows failed", [&]() -> Status {
    update_each(im.raw(),
                "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?1 WHERE id = ?2 AND sent_at = ''",
                ids, next_attempt_at);
    return Ok{};
  });
}

Result<OutboxCounts> EventStore::outbox_counts() const {
  return impl_->guarded("count the outbox", [&]() -> Result<OutboxCounts> {
    sql::Stmt s = sql::prepare(impl_->raw(),
        "SELECT count(*) FILTER (WHERE sent_at = '' AND attempts = 0), "
        "count(*) FILTER (WHERE sent_at = '' AND attempts > 0), count(*) FILTER (WHERE sent_at <> '') FROM outbox");
    OutboxCounts c;
    if (s.step()) {
      c.pending = int(s.int64(0));
      c.failed = int(s.int64(1));
      c.sent = int(s.int64(2));
    }
    return c;
  });
}

}  // namespace meeloop::store
