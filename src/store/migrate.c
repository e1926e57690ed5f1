/*
 * migrate.c: the schema, as an ordered list of forward-only migrations keyed
 * by PRAGMA user_version. Each migration runs in one transaction with the
 * version bump, so a file is always at exactly one version. A file newer
 * than this build is refused (an older vigil must not write it).
 */
#include <stdio.h>
#include <string.h>

#include "vigil/store.h"

#include "store-private.h"
#include "vigil/util.h"

static const char *const migrations[] = {
	/* 1: incidents, roster, assignments, milestones, notes, journal */
	"CREATE TABLE roster ("
	"  login     TEXT PRIMARY KEY,"
	"  uid       INTEGER,"
	"  name      TEXT NOT NULL,"
	"  contact   TEXT NOT NULL DEFAULT '',"
	"  roles     TEXT NOT NULL DEFAULT '',"
	"  admin     INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1)),"
	"  added_at  INTEGER NOT NULL,"
	"  added_by  TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE incident ("
	"  id          INTEGER PRIMARY KEY,"
	"  uuid        TEXT NOT NULL UNIQUE,"
	"  title       TEXT NOT NULL,"
	"  description TEXT NOT NULL DEFAULT '',"
	"  severity    INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 4),"
	"  kind        TEXT NOT NULL CHECK (kind IN ('security', 'privacy')),"
	"  stage       TEXT NOT NULL CHECK (stage IN ('detect', 'assess',"
	"                'diagnose', 'stabilize', 'close')),"
	"  status      TEXT NOT NULL DEFAULT 'open'"
	"                CHECK (status IN ('open', 'closed')),"
	"  resolution  TEXT CHECK (resolution IN ('confirmed',"
	"                'false-positive', 'benign', 'duplicate')),"
	"  created_at  INTEGER NOT NULL,"
	"  created_by  TEXT NOT NULL,"
	"  updated_at  INTEGER NOT NULL,"
	"  closed_at   INTEGER,"
	"  declared_at INTEGER,"
	"  declared_offset INTEGER,"
	"  declared_by TEXT,"
	"  notified_at INTEGER,"
	/* due time of the most urgent running clock, or the largest integer:
	 * the queue's sort key, kept by src/ops on every change */
	"  queue_due   INTEGER NOT NULL DEFAULT 9223372036854775807"
	") STRICT;"
	"CREATE INDEX incident_queue ON incident (status, queue_due, severity,"
	"  id);"
	"CREATE INDEX incident_closed ON incident (status, closed_at);"
	"CREATE TABLE assignment ("
	"  id           INTEGER PRIMARY KEY,"
	"  incident_id  INTEGER NOT NULL REFERENCES incident (id),"
	"  role         TEXT NOT NULL CHECK (role IN ('triage', 'sim',"
	"                 'forensics', 'service', 'eim', 'comms', 'support')),"
	"  login        TEXT NOT NULL REFERENCES roster (login),"
	"  assigned_at  INTEGER NOT NULL,"
	"  assigned_by  TEXT NOT NULL,"
	"  note         TEXT NOT NULL DEFAULT '',"
	"  released_at  INTEGER,"
	"  released_by  TEXT,"
	"  release_note TEXT"
	") STRICT;"
	"CREATE UNIQUE INDEX assignment_current ON assignment (incident_id,"
	"  role) WHERE released_at IS NULL;"
	"CREATE INDEX assignment_incident ON assignment (incident_id, id);"
	"CREATE INDEX assignment_login ON assignment (login) WHERE"
	"  released_at IS NULL;"
	"CREATE TABLE milestone ("
	"  id          INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  name        TEXT NOT NULL,"
	"  at          INTEGER NOT NULL,"
	"  offset      INTEGER NOT NULL DEFAULT 0,"
	"  recorded_at INTEGER NOT NULL,"
	"  recorded_by TEXT NOT NULL,"
	"  note        TEXT NOT NULL DEFAULT ''"
	") STRICT;"
	"CREATE INDEX milestone_incident ON milestone (incident_id, at);"
	"CREATE TABLE note ("
	"  id          INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  at          INTEGER NOT NULL,"
	"  author      TEXT NOT NULL,"
	"  text        TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX note_incident ON note (incident_id, at);"
	"CREATE TABLE journal ("
	"  seq         INTEGER PRIMARY KEY,"
	"  uuid        TEXT NOT NULL,"
	"  incident_id INTEGER,"
	"  at          INTEGER NOT NULL,"
	"  uid         INTEGER NOT NULL,"
	"  login       TEXT NOT NULL,"
	"  loginuid    INTEGER,"
	"  action      TEXT NOT NULL,"
	"  payload     TEXT NOT NULL,"
	"  prev_hash   TEXT NOT NULL,"
	"  hash        TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX journal_incident ON journal (incident_id, seq);",

	/* 2: the regulators' clocks enabled per incident, and holds */
	"CREATE TABLE incident_clock ("
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  rule        TEXT NOT NULL,"
	"  enabled     INTEGER NOT NULL CHECK (enabled IN (0, 1)),"
	"  changed_at  INTEGER NOT NULL,"
	"  changed_by  TEXT NOT NULL,"
	"  PRIMARY KEY (incident_id, rule)"
	") STRICT;"
	"CREATE TABLE clock_hold ("
	"  id          INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  rule        TEXT NOT NULL,"
	"  basis       TEXT NOT NULL,"
	"  from_at     INTEGER NOT NULL,"
	"  until_at    INTEGER,"	/* NULL: open until released */
	"  created_at  INTEGER NOT NULL,"
	"  created_by  TEXT NOT NULL,"
	"  released_at INTEGER,"
	"  released_by TEXT"
	") STRICT;"
	"CREATE INDEX clock_hold_incident ON clock_hold (incident_id, rule);",

	/* 3: notification recipients, bulletins, the review, repair items */
	"CREATE TABLE recipient ("
	"  id          INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  num         INTEGER NOT NULL,"	/* R1, R2, ... per incident */
	"  name        TEXT NOT NULL,"
	"  kind        TEXT NOT NULL CHECK (kind IN ('customer', 'regulator',"
	"                'support-org', 'service-org', 'data-subjects')),"
	"  channel     TEXT NOT NULL CHECK (channel IN ('email', 'portal',"
	"                'phone', 'letter', 'other')),"
	"  contact     TEXT NOT NULL DEFAULT '',"
	"  state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN"
	"                ('pending', 'drafted', 'sent', 'acknowledged',"
	"                'waived')),"
	"  created_at  INTEGER NOT NULL,"
	"  created_by  TEXT NOT NULL,"
	"  drafted_at  INTEGER, drafted_by TEXT,"
	"  sent_at     INTEGER, sent_by TEXT,"
	"  acked_at    INTEGER, acked_by TEXT,"
	"  waived_at   INTEGER, waived_by TEXT, waive_reason TEXT,"
	"  UNIQUE (incident_id, num)"
	") STRICT;"
	"CREATE TABLE bulletin ("
	"  id          INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  version     INTEGER NOT NULL,"
	"  template    TEXT NOT NULL,"
	"  body        TEXT NOT NULL,"
	"  saved_at    INTEGER NOT NULL,"
	"  saved_by    TEXT NOT NULL,"
	"  UNIQUE (incident_id, version)"
	") STRICT;"
	"CREATE TABLE review ("
	"  incident_id INTEGER PRIMARY KEY REFERENCES incident (id),"
	"  root_cause  TEXT NOT NULL DEFAULT '',"
	"  lessons     TEXT NOT NULL DEFAULT '',"
	"  updated_at  INTEGER NOT NULL,"
	"  updated_by  TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE repair ("
	"  id          INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  num         INTEGER NOT NULL,"
	"  text        TEXT NOT NULL,"
	"  owner       TEXT NOT NULL,"
	"  due_date    TEXT,"			/* YYYY-MM-DD */
	"  state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open',"
	"                'done')),"
	"  created_at  INTEGER NOT NULL,"
	"  created_by  TEXT NOT NULL,"
	"  done_at     INTEGER, done_by TEXT,"
	"  UNIQUE (incident_id, num)"
	") STRICT;"
	"CREATE INDEX repair_open ON repair (state, incident_id);",

	/* 4: the console header's counts of open incidents from an index alone
	 * (severity and declaration without a table lookup per incident) */
	"CREATE INDEX IF NOT EXISTS incident_open_stats ON incident (status,"
	"  severity, declared_at);",

	/* 5: the member state whose zone counts an incident's NIS2 and DORA
	 * month and day clocks (store-zone.h); no row: the configured one */
	"CREATE TABLE IF NOT EXISTS incident_zone ("
	"  incident_id INTEGER PRIMARY KEY REFERENCES incident (id),"
	"  zone        TEXT NOT NULL,"
	"  set_at      INTEGER NOT NULL,"
	"  set_by      TEXT NOT NULL"
	") STRICT;",

	/* 6: evidence items (a tree per incident) and their custody events:
	 * transfers, checks, handling notes, changes, void marks. Neither
	 * table loses a row, and an item's intake facts never change. */
	"CREATE TABLE evidence ("
	"  id            INTEGER PRIMARY KEY,"
	"  incident_id   INTEGER NOT NULL REFERENCES incident (id),"
	"  num           INTEGER NOT NULL,"	/* E1, E2, ... per incident */
	"  uuid          TEXT NOT NULL UNIQUE,"
	"  parent_num    INTEGER,"
	"  description   TEXT NOT NULL,"
	"  location      TEXT NOT NULL DEFAULT '',"
	"  source_host   TEXT NOT NULL DEFAULT '',"
	"  clock_offset  INTEGER,"	/* source clock minus UTC, seconds */
	"  collected_at  INTEGER NOT NULL,"
	"  collected_offset INTEGER NOT NULL DEFAULT 0,"
	"  path          TEXT,"		/* the file hashed at intake */
	"  size          INTEGER NOT NULL CHECK (size >= 0),"
	"  sha256        TEXT NOT NULL CHECK (length(sha256) = 64),"
	"  sha1          TEXT,"
	"  md5           TEXT,"
	"  file_mtime    INTEGER,"
	"  file_ctime    INTEGER,"
	"  registered_at INTEGER NOT NULL,"
	"  registered_by TEXT NOT NULL,"
	/* the current state, also derivable from the events */
	"  custodian     TEXT NOT NULL,"
	"  custodian_external INTEGER NOT NULL CHECK (custodian_external IN"
	"                  (0, 1)),"
	"  ref_sha256    TEXT NOT NULL,"	/* after a recorded change */
	"  ref_size      INTEGER NOT NULL,"
	"  voided_at     INTEGER,"
	"  UNIQUE (incident_id, num),"
	"  FOREIGN KEY (incident_id, parent_num) REFERENCES evidence"
	"    (incident_id, num)"
	") STRICT;"
	"CREATE TABLE evidence_event ("
	"  id            INTEGER PRIMARY KEY,"
	"  evidence_id   INTEGER NOT NULL REFERENCES evidence (id),"
	"  kind          TEXT NOT NULL CHECK (kind IN ('transfer', 'check',"
	"                  'note', 'change', 'void')),"
	"  at            INTEGER NOT NULL,"
	"  by            TEXT NOT NULL,"
	"  from_party    TEXT,"
	"  from_external INTEGER,"
	"  to_party      TEXT,"
	"  to_external   INTEGER,"
	"  text          TEXT NOT NULL DEFAULT '',"	/* reason, note */
	"  path          TEXT,"		/* what was hashed, if anything */
	"  size          INTEGER,"
	"  sha256        TEXT,"
	"  result        TEXT CHECK (result IN ('ok', 'mismatch')),"
	"  CHECK (kind != 'transfer' OR (from_party IS NOT NULL AND"
	"    to_party IS NOT NULL)),"
	"  CHECK (kind != 'check' OR (sha256 IS NOT NULL AND result IS NOT"
	"    NULL)),"
	"  CHECK ((sha256 IS NULL) = (result IS NULL) OR kind = 'change')"
	") STRICT;"
	"CREATE INDEX evidence_event_item ON evidence_event (evidence_id, id);"
	"CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence BEGIN"
	"  SELECT RAISE(ABORT, 'evidence records are never deleted'); END;"
	"CREATE TRIGGER evidence_event_no_delete BEFORE DELETE ON"
	"  evidence_event BEGIN"
	"  SELECT RAISE(ABORT, 'evidence records are never deleted'); END;"
	"CREATE TRIGGER evidence_event_no_update BEFORE UPDATE ON"
	"  evidence_event BEGIN"
	"  SELECT RAISE(ABORT, 'evidence records are never changed'); END;"
	"CREATE TRIGGER evidence_intake_fixed BEFORE UPDATE OF incident_id,"
	"  num, uuid, parent_num, description, location, source_host,"
	"  clock_offset, collected_at, collected_offset, path, size, sha256,"
	"  sha1, md5, file_mtime, file_ctime, registered_at, registered_by"
	"  ON evidence BEGIN"
	"  SELECT RAISE(ABORT, 'evidence intake records are never changed');"
	"  END;",
	/* response plans: the plans applied to each incident, and its tasks
	 * (a task's due time is stored as its spec, "gdpr-33 - 12h", and
	 * computed when read, so it follows the clock it is counted from) */
	"CREATE TABLE incident_plan ("
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  plan        TEXT NOT NULL,"
	"  title       TEXT NOT NULL,"
	"  applied_at  INTEGER NOT NULL,"
	"  applied_by  TEXT NOT NULL,"
	"  PRIMARY KEY (incident_id, plan)"
	") STRICT;"
	"CREATE TABLE task ("
	"  id          INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  num         INTEGER NOT NULL,"	/* T1, T2, ... per incident */
	"  title       TEXT NOT NULL,"
	"  stage       TEXT NOT NULL CHECK (stage IN ('detect', 'assess',"
	"                'diagnose', 'stabilize', 'close')),"
	"  role        TEXT NOT NULL CHECK (role IN ('triage', 'sim',"
	"                'forensics', 'service', 'eim', 'comms', 'support')),"
	"  owner       TEXT REFERENCES roster (login),"
	"  required    INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),"
	"  due         TEXT NOT NULL DEFAULT '',"
	"  state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open',"
	"                'done', 'skipped')),"
	"  plan        TEXT,"			/* NULL: added by hand */
	"  plan_key    TEXT,"
	"  created_at  INTEGER NOT NULL,"
	"  created_by  TEXT NOT NULL,"
	"  closed_at   INTEGER,"		/* done or skipped */
	"  closed_by   TEXT,"
	"  note        TEXT NOT NULL DEFAULT '',"	/* done note, skip reason */
	"  UNIQUE (incident_id, num)"
	") STRICT;"
	"CREATE UNIQUE INDEX task_plan ON task (incident_id, plan, plan_key)"
	"  WHERE plan IS NOT NULL;"
	/* "my tasks" without scanning every open task of every incident:
	 * the ones owned by me, and the unowned ones of the roles I hold
	 * (found from assignment_login) */
	"CREATE INDEX task_owner_open ON task (owner) WHERE state = 'open'"
	"  AND owner IS NOT NULL;"
	"CREATE INDEX task_role_open ON task (incident_id, role) WHERE"
	"  state = 'open' AND owner IS NULL;",

	/* alert intake: inbox entries (one per fingerprint and window, maybe
	 * grouped under another entry by a shared host, user or address), the
	 * alerts themselves (raw JSON kept verbatim, a digest so re-importing
	 * adds nothing), suppressions, and where --follow stopped reading */
	"CREATE TABLE inbox_entry ("
	"  id          INTEGER PRIMARY KEY,"
	"  fingerprint TEXT NOT NULL,"
	"  format      TEXT NOT NULL,"
	"  title       TEXT NOT NULL,"
	"  severity    INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 4),"
	"  source      TEXT NOT NULL DEFAULT '',"
	"  rule        TEXT NOT NULL DEFAULT '',"
	"  host        TEXT NOT NULL DEFAULT '',"
	"  user        TEXT NOT NULL DEFAULT '',"
	"  src_ip      TEXT NOT NULL DEFAULT '',"
	"  dst_ip      TEXT NOT NULL DEFAULT '',"
	"  first_seen  INTEGER NOT NULL,"
	"  last_seen   INTEGER NOT NULL,"
	"  count       INTEGER NOT NULL DEFAULT 1,"
	"  arrived_at  INTEGER NOT NULL,"
	"  state       TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new',"
	"                'accepted', 'attached', 'dismissed')),"
	"  group_id    INTEGER REFERENCES inbox_entry (id),"
	"  group_why   TEXT NOT NULL DEFAULT '',"
	"  incident_id INTEGER REFERENCES incident (id),"
	"  reason      TEXT NOT NULL DEFAULT '',"
	"  decided_at  INTEGER,"
	"  decided_by  TEXT"
	") STRICT;"
	"CREATE INDEX inbox_queue ON inbox_entry (state, severity, last_seen"
	"  DESC, id DESC) WHERE group_id IS NULL;"
	"CREATE INDEX inbox_fingerprint ON inbox_entry (fingerprint, last_seen);"
	"CREATE INDEX inbox_group ON inbox_entry (group_id) WHERE group_id IS"
	"  NOT NULL;"
	"CREATE INDEX inbox_incident ON inbox_entry (incident_id) WHERE"
	"  incident_id IS NOT NULL;"
	"CREATE INDEX inbox_host ON inbox_entry (host, last_seen) WHERE"
	"  state = 'new' AND host != '';"
	"CREATE INDEX inbox_user ON inbox_entry (user, last_seen) WHERE"
	"  state = 'new' AND user != '';"
	"CREATE INDEX inbox_src ON inbox_entry (src_ip, last_seen) WHERE"
	"  state = 'new' AND src_ip != '';"
	"CREATE INDEX inbox_dst ON inbox_entry (dst_ip, last_seen) WHERE"
	"  state = 'new' AND dst_ip != '';"
	"CREATE INDEX inbox_decided ON inbox_entry (state, decided_at);"
	"CREATE TABLE suppression ("
	"  id         INTEGER PRIMARY KEY,"
	"  pattern    TEXT NOT NULL,"
	"  reason     TEXT NOT NULL,"
	"  owner      TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  until      INTEGER NOT NULL,"
	"  hits       INTEGER NOT NULL DEFAULT 0,"
	"  last_hit   INTEGER"
	") STRICT;"
	"CREATE TABLE alert ("
	"  id             INTEGER PRIMARY KEY,"
	"  digest         BLOB NOT NULL UNIQUE,"
	"  entry_id       INTEGER REFERENCES inbox_entry (id),"
	"  suppression_id INTEGER REFERENCES suppression (id),"
	"  format         TEXT NOT NULL,"
	"  at             INTEGER NOT NULL,"
	"  received_at    INTEGER NOT NULL,"
	"  fingerprint    TEXT NOT NULL,"
	"  raw            TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX alert_entry ON alert (entry_id, at);"
	"CREATE INDEX alert_received ON alert (received_at);"
	/* the inbox header's counts, kept with every change of an entry
	 * (src/store/alerts.c, inbox.c), so reading them costs one row */
	"CREATE TABLE inbox_count ("
	"  id      INTEGER PRIMARY KEY CHECK (id = 1),"
	"  entries INTEGER NOT NULL,"
	"  alerts  INTEGER NOT NULL"
	") STRICT;"
	"CREATE TABLE import_cursor ("
	"  path       TEXT PRIMARY KEY,"
	"  inode      INTEGER NOT NULL,"
	"  offset     INTEGER NOT NULL,"
	"  line       INTEGER NOT NULL,"
	"  updated_at INTEGER NOT NULL"
	") STRICT;",

	/* each journal entry carries the row changes of its transaction
	 * (an SQLite changeset), so that verify can rebuild every table from
	 * the journal; see record.c */
	"ALTER TABLE journal ADD COLUMN changes BLOB;",

	/* 8: refusals counted between the journal entries of a burst (not
	 * part of the record; see denials.c) */
	"CREATE TABLE IF NOT EXISTS denial_burst ("
	"  uid       INTEGER PRIMARY KEY,"
	"  login     TEXT NOT NULL,"
	"  first_at  INTEGER NOT NULL,"
	"  last_at   INTEGER NOT NULL,"
	"  count     INTEGER NOT NULL"
	") STRICT;",
	/* the queue's order key, kept by src/ops (op_refresh_queue): the
	 * instant the incident began to need attention (a clock's warning
	 * threshold, or an unowned SEV1/SEV2's creation). Existing open rows
	 * get an estimate (the due time, or the creation of an unowned
	 * SEV1/SEV2) until their next change recomputes it. */
	"ALTER TABLE incident ADD COLUMN queue_key INTEGER NOT NULL"
	"  DEFAULT 9223372036854775807;"
	"UPDATE incident SET queue_key = CASE WHEN severity <= 2 AND NOT EXISTS"
	"  (SELECT 1 FROM assignment a WHERE a.incident_id = incident.id AND"
	"  a.role = 'sim' AND a.released_at IS NULL) THEN min(created_at,"
	"  queue_due) ELSE queue_due END WHERE status = 'open';"
	"CREATE INDEX incident_queue_key ON incident (status, queue_key,"
	"  severity, id);",

	/* 6: which recipient a bulletin version is meant for (NULL: anyone) */
	"ALTER TABLE bulletin ADD COLUMN recipient_num INTEGER;",

	/* a burst's counter tied to the journal entry that opened it, and
	 * sealed (HMAC under the chain key when keyed), so that verify can
	 * check it (see denials.c); rows from before have neither */
	"ALTER TABLE denial_burst ADD COLUMN start_seq INTEGER;",
	"ALTER TABLE denial_burst ADD COLUMN seal TEXT;",
};

int
migrate_schema(sqlite3 *h)
{
	size_t	i;

	for (i = 0; i < nitems(migrations); i++)
		if (sqlite3_exec(h, migrations[i], NULL, NULL, NULL) !=
		    SQLITE_OK)
			return -1;
	return 0;
}

/*
 * After an upgrade of a file that has a journal: one entry whose changes
 * insert every row the file holds, so that the journal implies the
 * file's state from here on (see record.c). Its time is the last entry's
 * (the store reads no clock); its actor is whoever runs the upgrade.
 */
struct baseline {
	struct db	*db;
	struct actor	 a;
	int64_t		 at;
	int		 from, part;
};

/* One part of the snapshot, as one entry. */
static int
baseline_part(void *arg, const void *blob, int len, struct verr *e)
{
	struct baseline	*bl = arg;
	char		 payload[96];

	snprintf(payload, sizeof payload, "{\"from_version\":%d,"
	    "\"to_version\":%d,\"part\":%d}", bl->from, migrate_latest(),
	    ++bl->part);
	return journal_append_changes(bl->db, &bl->a, false, 0, bl->at,
	    "record.baseline", payload, blob, len, e);
}

static int
migrate_baseline(struct db *db, int from, struct verr *e)
{
	struct baseline	 bl;
	sqlite3_stmt	*st;
	int		 rc;

	memset(&bl, 0, sizeof bl);
	bl.db = db;
	bl.from = from;
	if ((st = db_prepare(db, "SELECT at FROM journal ORDER BY seq DESC "
	    "LIMIT 1", e)) == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		bl.at = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 0;		/* no journal yet: nothing to anchor */
	if (rc != SQLITE_ROW)
		return db_error(db, rc, "reading the journal", e);
	record_actor(&bl.a);
	/* a large file's rows take several entries, "part" 1, 2, ... */
	return record_snapshot(db, baseline_part, &bl, e);
}

int
migrate_latest(void)
{
	return (int)nitems(migrations);
}

/*
 * A migration that only adds a column ("ALTER TABLE t ADD COLUMN c ...;")
 * is done already when the table has the column (a file that was given
 * it while its version said otherwise): true then, to skip it.
 */
static bool
migrate_has_column(struct db *db, const char *sql)
{
	static const char	 pre[] = "ALTER TABLE ";
	sqlite3_stmt		*st;
	char			 t[64], c[64];
	bool			 has = false;

	if (strncmp(sql, pre, sizeof pre - 1) != 0 || strchr(sql, ';') !=
	    strrchr(sql, ';') || sscanf(sql + sizeof pre - 1, "%63s ADD "
	    "COLUMN %63s", t, c) != 2)
		return false;
	if ((st = db_prepare(db, "SELECT 1 FROM pragma_table_info(?) WHERE "
	    "name = ?", NULL)) == NULL)
		return false;
	sqlite3_bind_text(st, 1, t, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, c, -1, SQLITE_STATIC);
	has = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return has;
}

/* The file's user_version is not one this build knows: say which. */
static int
migrate_refuse(struct db *db, struct verr *e)
{
	sqlite3_stmt	*st;
	int64_t		 v = 0;

	if ((st = db_prepare(db, "PRAGMA user_version", e)) == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (v > migrate_latest())
		return verr_set(e, VERR_DATA, "%s has schema version %lld, "
		    "newer than this vigil understands (%d); use a newer "
		    "vigil", db->path, (long long)v, migrate_latest());
	return verr_set(e, VERR_DATA, "%s has schema version %lld, which no "
	    "vigil ever wrote (versions are 0 to %d); refusing to use it",
	    db->path, (long long)v, migrate_latest());
}

/* Read user_version; -1 in *v when it is outside 0..latest. */
static int
migrate_version(struct db *db, int *v, struct verr *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = db_prepare(db, "PRAGMA user_version", e)) == NULL)
		return -1;
	rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	if (rc == SQLITE_ROW && (sqlite3_column_int64(st, 0) < 0 ||
	    sqlite3_column_int64(st, 0) > migrate_latest()))
		*v = -1;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, "reading the schema version", e);
	return 0;
}

int
migrate_run(struct db *db, bool created, struct verr *e)
{
	char	 sql[128];
	int	 v, from, rc;

	(void)created;
	if (migrate_version(db, &v, e) != 0)
		return -1;
	if (v < 0)
		return migrate_refuse(db, e);
	if (v == migrate_latest())
		return 0;
	if (db->readonly)
		return verr_set(e, VERR_NOPERM, "%s needs a schema upgrade "
		    "(version %d to %d) and is open read-only", db->path, v,
		    migrate_latest());
	if (db_begin(db, e) != 0)
		return -1;
	/* Re-read under the write lock: another process may have migrated. */
	if (migrate_version(db, &v, e) != 0)
		goto fail;
	if (v < 0) {
		migrate_refuse(db, e);
		goto fail;
	}
	for (from = v; v < migrate_latest(); v++) {
		if (migrate_has_column(db, migrations[v]))
			continue;
		rc = sqlite3_exec(db->h, migrations[v], NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			db_error(db, rc, "upgrading the schema", e);
			goto fail;
		}
	}
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d; "
	    "PRAGMA application_id = %d", migrate_latest(),
	    VIGIL_APPLICATION_ID);
	if ((rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL)) != SQLITE_OK) {
		db_error(db, rc, "upgrading the schema", e);
		goto fail;
	}
	record_end(db);	/* an upgrade is journaled as one baseline */
	/* (after the keying entry an interrupted keying still owes) */
	if (from > 0 && from < migrate_latest() && (chainkey_finish(db,
	    e) != 0 || migrate_baseline(db, from, e) != 0))
		goto fail;
	return db_commit(db, e);
fail:
	db_rollback(db);
	return -1;
}
