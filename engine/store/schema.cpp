#include "store/schema.h"

#include <string>

#include "store/sqlite_db.h"

namespace meeloop::store::schema {
namespace {

// Version 1: the first release. Participants had no background questions yet.
constexpr const char* kV1 = R"SQL(
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version (version) VALUES (1);
CREATE TABLE participants (
  code TEXT PRIMARY KEY NOT NULL,
  consent INTEGER NOT NULL CHECK (consent IN (0, 1)),
  consent_at TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  participant_code TEXT NOT NULL REFERENCES participants(code) ON DELETE CASCADE,
  scene_id TEXT NOT NULL,
  scene_version TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT '',
  started_at TEXT NOT NULL,
  ended_at TEXT NOT NULL DEFAULT '',
  ending_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_participant ON sessions(participant_code);
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  scene_id TEXT NOT NULL,
  step_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  item_id TEXT NOT NULL DEFAULT '',
  decision_seconds REAL NOT NULL DEFAULT 0,
  help_asked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_by_session ON events(session_id, seq);
CREATE TABLE evidence (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  dimension TEXT NOT NULL,
  weight REAL NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (event_id, ord)
) WITHOUT ROWID;
)SQL";

// Version 2: the optional background questions (records.h Background).
constexpr const char* kV2 = R"SQL(
ALTER TABLE participants ADD COLUMN care_experience TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN situation TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN levels_of_interest TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN route TEXT NOT NULL DEFAULT '';
UPDATE schema_version SET version = 2;
)SQL";

// Version 3: one row per (session, seq), so a write retried after SQLite reported a failure
// that had in fact landed (fsync failing after the commit frame was written) cannot be stored
// twice. Exact copies from before are dropped (their evidence goes with them: ON DELETE
// CASCADE); any other row sharing a seq keeps its data and moves past the session's last seq.
constexpr const char* kV3 = R"SQL(
DELETE FROM events WHERE EXISTS (
  SELECT 1 FROM events f WHERE f.session_id = events.session_id AND f.seq = events.seq
    AND f.id < events.id AND f.at = events.at AND f.kind = events.kind
    AND f.step_id = events.step_id AND f.item_id = events.item_id);
UPDATE events SET seq = id + (SELECT max(m.seq) FROM events m WHERE m.session_id = events.session_id)
  WHERE EXISTS (SELECT 1 FROM events f WHERE f.session_id = events.session_id
                  AND f.seq = events.seq AND f.id < events.id);
DROP INDEX events_by_session;
CREATE UNIQUE INDEX events_by_session_seq ON events(session_id, seq);
UPDATE schema_version SET version = 3;
)SQL";

// Version 4: people whose rows are deleted but whose erasure (wiping old copies from the file
// and the write-ahead log, removing their exports folder) has not finished yet, because another
// program held the database; the next forget finishes it (event_store_forget.cpp).
constexpr const char* kV4 = R"SQL(
CREATE TABLE pending_erasures (code TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
UPDATE schema_version SET version = 4;
)SQL";

// Version 5: the regional hub. Each participant's sharing scope (none for everyone so far); the
// outbox of what people who share have recorded, a row per event or session end, written in the
// event's own transaction and pointing at it (a sent row goes when its event goes); the hub
// erasures that forget queues for people who shared.
constexpr const char* kV5 = R"SQL(
ALTER TABLE participants ADD COLUMN share TEXT NOT NULL DEFAULT 'none'
  CHECK (share IN ('none', 'organisation', 'region'));
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  event_id INTEGER UNIQUE REFERENCES events(id) ON DELETE CASCADE,
  queued_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL DEFAULT '',
  sent_at TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX outbox_one_session_end ON outbox(session_id) WHERE kind = 'session_ended';
CREATE INDEX outbox_unsent ON outbox(session_id) WHERE sent_at = '';
CREATE TABLE hub_erasures (code TEXT PRIMARY KEY NOT NULL, queued_at TEXT NOT NULL) WITHOUT ROWID;
UPDATE schema_version SET version = 5;
)SQL";

constexpr const char* kMigrations[] = {kV1, kV2, kV3, kV4, kV5};  // kMigrations[i] goes from i to i + 1
static_assert(std::size(kMigrations) == kCurrentVersion);

}  // namespace

int read_version(sqlite3* db) {
  if (sql::query_int(db, "SELECT count(*) FROM sqlite_schema") == 0) return 0;
  if (sql::query_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = "
                         "'schema_version'") == 0)
    return -1;
  return int(sql::query_int(db, "SELECT max(version) FROM schema_version"));
}

void migrate(sqlite3* db, int from) {
  for (int v = from; v < kCurrentVersion; ++v) sql::exec(db, kMigrations[v]);
}

}  // namespace meeloop::store::schema
