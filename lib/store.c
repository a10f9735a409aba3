/* store.c - the SQLite store: canonical records with history, written one
 * transaction per input file; see crm-store(5).
 *
 * As RELIABILITY.md asks: WAL, synchronous=FULL, a busy timeout and BEGIN
 * IMMEDIATE for every write (a deferred transaction that reads first gets
 * SQLITE_BUSY_SNAPSHOT at once), STRICT tables, money as integer fen, IDs
 * as text, only prepared statements, and identifiers only from the fixed
 * canonical field names, never from input. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "crm.h"

/* 1: the first seven kinds; 2: stock, sales, members, shipments (a store
 * of version 1 gains their tables when next opened for writing). */
#define SCHEMA_VERSION 2

struct crm_store {
	sqlite3 *db;
	char path[256];
	sqlite3_stmt *ins[CRM_KIND_COUNT];	/* INSERT ... DO NOTHING */
	sqlite3_stmt *upd[CRM_KIND_COUNT];	/* UPDATE by key */
	sqlite3_stmt *old_hand;		/* a customer's hand-kept fields */
	sqlite3_stmt *hist;		/* INSERT into customer_history */
};

/* The hand-kept fields whose changes the history records. */
static const enum crm_field hand[] = { CRM_F_STATUS, CRM_F_NEXT_ACTION,
    CRM_F_BLOCKER };

static int
fail(struct crm_store *s, struct crm_error *err, const char *what)
{
	int rc = sqlite3_errcode(s->db), sys = sqlite3_system_errno(s->db);

	/* A full disk reads "database or disk is full"; a quota or a file
	 * size limit, or a full disk met while writing the WAL, reads only
	 * "disk I/O error", often with errno lost.  Say what to do. */
	if (rc == SQLITE_FULL || sys == ENOSPC || sys == EFBIG ||
	    sys == EDQUOT || sqlite3_extended_errcode(s->db) ==
	    SQLITE_IOERR_WRITE)
		crm_error_set(err, s->path, 0, 0, "%s: %s%s%s%s; nothing of "
		    "this write was stored", what, sqlite3_errmsg(s->db),
		    rc == SQLITE_FULL ? "" : " (", rc == SQLITE_FULL ? "" :
		    sys != 0 ? strerror(sys) : "a write failed: is the disk "
		    "full?", rc == SQLITE_FULL ? "" : ")");
	else
		crm_error_set(err, s->path, 0, 0, "%s: %s", what,
		    sqlite3_errmsg(s->db));
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return CRM_EXIT_TEMPFAIL;
	return CRM_EXIT_ERROR;
}

/* When the store failed for want of permission, say where to look: WAL
 * needs to write the file and create crm.db-wal and crm.db-shm beside it,
 * even to read a store nobody has open. */
static void
unwritable(struct crm_store *s, struct crm_error *err)
{
	int rc = sqlite3_errcode(s->db);
	size_t len = strlen(err->msg);

	if (rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN || rc == SQLITE_PERM)
		snprintf(err->msg + len, sizeof err->msg - len, " (the store, "
		    "and the directory it is in, must be writable by this user:"
		    " SQLite's WAL keeps its -wal and -shm files there)");
}

/* Run a fixed statement (no input in it). */
static int
exec(struct crm_store *s, const char *sql, struct crm_error *err)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return fail(s, err, sql);
	return CRM_EXIT_OK;
}

/* Whether kind k has a natural key (an activity's is its optional id,
 * kept by a partial index instead). */
static bool
keyed(enum crm_kind k)
{
	const enum crm_field *kf;

	return crm_kind_key(k, &kf) > 0 && k != CRM_KIND_ACTIVITIES;
}

static bool
int_column(enum crm_kind k, enum crm_field f)
{
	return crm_kind_storage(k, f) != CRM_STORE_TEXT;
}

/* CREATE TABLE for kind k, built from the fixed field names. */
static char *
create_sql(enum crm_kind k)
{
	const enum crm_field *f, *kf;
	size_t n = crm_kind_fields(k, &f), nk = crm_kind_key(k, &kf);
	char *sql = sqlite3_mprintf("CREATE TABLE IF NOT EXISTS %s (",
	    crm_kind_name(k));

	if (!keyed(k))
		sql = sqlite3_mprintf("%z seq INTEGER PRIMARY KEY,", sql);
	for (size_t i = 0; i < n; i++) {
		/* an empty optional amount is NULL, not a price of 0.00 (the
		 * first kinds' columns stay as version 1 made them) */
		bool null = crm_kind_storage(k, f[i]) == CRM_STORE_FEN &&
		    !crm_kind_required(k, f[i]);

		sql = sqlite3_mprintf("%z %s %s%s,", sql, crm_field_name(f[i]),
		    int_column(k, f[i]) ? "INTEGER" : "TEXT", null ? "" :
		    int_column(k, f[i]) ? " NOT NULL DEFAULT 0" :
		    " NOT NULL DEFAULT ''");
	}
	sql = sqlite3_mprintf("%z import_id INTEGER NOT NULL", sql);
	if (keyed(k)) {
		sql = sqlite3_mprintf("%z, PRIMARY KEY (", sql);
		for (size_t i = 0; i < nk; i++)
			sql = sqlite3_mprintf("%z%s%s", sql, i ? ", " : "",
			    crm_field_name(kf[i]));
		sql = sqlite3_mprintf("%z)", sql);
	}
	return sqlite3_mprintf("%z) STRICT;", sql);
}

static int
create_schema(struct crm_store *s, struct crm_error *err)
{
	int rc;

	if ((rc = exec(s, "BEGIN IMMEDIATE", err)) != CRM_EXIT_OK)
		return rc;
	for (int k = 0; k < CRM_KIND_COUNT; k++) {
		char *sql = create_sql((enum crm_kind)k);

		rc = exec(s, sql, err);
		sqlite3_free(sql);
		if (rc != CRM_EXIT_OK)
			goto out;
	}
	rc = exec(s,
	    "CREATE UNIQUE INDEX IF NOT EXISTS activities_id ON activities"
	    " (activity_id) WHERE activity_id <> '';"
	    "CREATE TABLE IF NOT EXISTS imports (import_id INTEGER PRIMARY KEY,"
	    " hash TEXT NOT NULL UNIQUE, source TEXT NOT NULL,"
	    " kind TEXT NOT NULL, imported_at TEXT NOT NULL,"
	    " read INTEGER NOT NULL, written INTEGER NOT NULL,"
	    " merged INTEGER NOT NULL, rejected INTEGER NOT NULL) STRICT;"
	    "CREATE TABLE IF NOT EXISTS customer_history (customer_id TEXT NOT NULL,"
	    " field TEXT NOT NULL, value TEXT NOT NULL, seen_at TEXT NOT NULL,"
	    " initial INTEGER NOT NULL, import_id INTEGER NOT NULL,"
	    " PRIMARY KEY (customer_id, field, seen_at)) STRICT;"
	    "PRAGMA user_version = 2;", err);
out:
	if (rc != CRM_EXIT_OK) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	return exec(s, "COMMIT", err);
}

void
crm_store_close(struct crm_store *s)
{
	if (s == NULL)
		return;
	for (int k = 0; k < CRM_KIND_COUNT; k++) {
		sqlite3_finalize(s->ins[k]);
		sqlite3_finalize(s->upd[k]);
	}
	sqlite3_finalize(s->old_hand);
	sqlite3_finalize(s->hist);
	sqlite3_close(s->db);
	free(s);
}

int
crm_store_open(const char *path, bool write, struct crm_store **out,
    struct crm_error *err)
{
	struct crm_store *s = crm_xmalloc(sizeof *s);
	const char *ms = getenv("CRM_BUSY_TIMEOUT_MS");
	long busy = 30000;
	int rc, version = 0;
	sqlite3_stmt *st;

	memset(s, 0, sizeof *s);
	snprintf(s->path, sizeof s->path, "%s", path);
	*out = NULL;
	if (ms != NULL && crm_parse_long(ms, 0, 3600000, &busy) == -1)
		busy = 30000;
	if (sqlite3_open_v2(path, &s->db, write ? SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		rc = s->db ? fail(s, err, "cannot open the store") :
		    CRM_EXIT_ERROR;
		crm_store_close(s);
		return rc;
	}
	sqlite3_extended_result_codes(s->db, 0);
	sqlite3_busy_timeout(s->db, (int)busy);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
	sqlite3_limit(s->db, SQLITE_LIMIT_LENGTH, 16 << 20);
	sqlite3_limit(s->db, SQLITE_LIMIT_SQL_LENGTH, 1 << 20);
	/* a large cache: an import is one transaction, and the indexes of a
	 * big file would otherwise spill to disk page by page */
	if (write && ((rc = exec(s, "PRAGMA journal_mode=WAL", err)) != CRM_EXIT_OK ||
	    (rc = exec(s, "PRAGMA synchronous=FULL", err)) != CRM_EXIT_OK ||
	    (rc = exec(s, "PRAGMA cache_size=-262144", err)) != CRM_EXIT_OK)) {
		unwritable(s, err);
		crm_store_close(s);
		return rc;
	}
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
		/* not "no store here": a store we may not read */
		rc = fail(s, err, "cannot read the store");
		unwritable(s, err);
		sqlite3_finalize(st);
		crm_store_close(s);
		return rc;
	}
	version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version == 0 && !write) {
		crm_error_set(err, path, 0, 0,
		    "not a crmkit store (import into it first)");
		crm_store_close(s);
		return CRM_EXIT_ERROR;
	}
	if (version > SCHEMA_VERSION) {
		crm_error_set(err, path, 0, 0, "store schema %d is newer than "
		    "this crmkit knows (%d)", version, SCHEMA_VERSION);
		crm_store_close(s);
		return CRM_EXIT_ERROR;
	}
	if (write && version < SCHEMA_VERSION &&
	    (rc = create_schema(s, err)) != CRM_EXIT_OK) {
		crm_store_close(s);
		return rc;
	}
	*out = s;
	return CRM_EXIT_OK;
}

sqlite3 *
crm_store_sqlite(struct crm_store *s)
{
	return s->db;
}

int
crm_store_begin(struct crm_store *s, struct crm_error *err)
{
	return exec(s, "BEGIN IMMEDIATE", err);
}

int
crm_store_commit(struct crm_store *s, struct crm_error *err)
{
	return exec(s, "COMMIT", err);
}

void
crm_store_rollback(struct crm_store *s)
{
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int
crm_store_seen(struct crm_store *s, uint64_t hash, char *when, size_t len,
    struct crm_error *err)
{
	sqlite3_stmt *st;
	char hex[17];
	int found = 0;

	snprintf(hex, sizeof hex, "%016llx", (unsigned long long)hash);
	if (sqlite3_prepare_v2(s->db, "SELECT imported_at FROM imports WHERE"
	    " hash = ?", -1, &st, NULL) != SQLITE_OK)
		return -fail(s, err, "imports");
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(when, len, "%s", (const char *)sqlite3_column_text(st, 0));
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

int
crm_store_log(struct crm_store *s, uint64_t hash, const char *source,
    enum crm_kind k, const char *when, const struct crm_counts *c,
    long written, long *import_id, struct crm_error *err)
{
	sqlite3_stmt *st;
	char hex[24];
	int rc;

	/* a new import is logged first as pending (its rows need the id),
	 * and completed with its hash and counts when the input is read */
	if (*import_id == 0)
		snprintf(hex, sizeof hex, "pending");
	else
		snprintf(hex, sizeof hex, "%016llx", (unsigned long long)hash);
	if (sqlite3_prepare_v2(s->db, *import_id == 0 ?
	    "INSERT INTO imports (hash, source, kind, imported_at, read, written,"
	    " merged, rejected) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
	    " RETURNING import_id" :
	    "UPDATE imports SET hash = ?1, read = ?5, written = ?6, merged = ?7,"
	    " rejected = ?8 WHERE import_id = ?9 AND ?2 IS NOT NULL AND"
	    " ?3 IS NOT NULL AND ?4 IS NOT NULL RETURNING import_id",
	    -1, &st, NULL) != SQLITE_OK)
		return fail(s, err, "imports");
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, source, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, crm_kind_name(k), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, when, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, c ? c->read : 0);
	sqlite3_bind_int64(st, 6, written);
	sqlite3_bind_int64(st, 7, c ? c->merged : 0);
	sqlite3_bind_int64(st, 8, c ? c->rejected : 0);
	if (*import_id != 0)
		sqlite3_bind_int64(st, 9, *import_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*import_id = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return fail(s, err, "imports");
	return CRM_EXIT_OK;
}

/* Prepare the INSERT and UPDATE of kind k. */
static int
prepare_kind(struct crm_store *s, enum crm_kind k, struct crm_error *err)
{
	const enum crm_field *f, *kf;
	size_t n = crm_kind_fields(k, &f), nk = crm_kind_key(k, &kf), i;
	char *ins, *upd;
	int rc;

	ins = sqlite3_mprintf("INSERT INTO %s (", crm_kind_name(k));
	for (i = 0; i < n; i++)
		ins = sqlite3_mprintf("%z%s, ", ins, crm_field_name(f[i]));
	ins = sqlite3_mprintf("%zimport_id) VALUES (", ins);
	for (i = 0; i < n; i++)
		ins = sqlite3_mprintf("%z?%d, ", ins, (int)i + 1);
	ins = sqlite3_mprintf("%z?%d)", ins, (int)n + 1);
	if (k == CRM_KIND_ACTIVITIES)
		ins = sqlite3_mprintf("%z ON CONFLICT (activity_id) WHERE"
		    " activity_id <> '' DO NOTHING", ins);
	else if (keyed(k))
		ins = sqlite3_mprintf("%z ON CONFLICT DO NOTHING", ins);
	upd = sqlite3_mprintf("UPDATE %s SET ", crm_kind_name(k));
	for (i = 0; i < n; i++)
		upd = sqlite3_mprintf("%z%s = ?%d, ", upd, crm_field_name(f[i]),
		    (int)i + 1);
	upd = sqlite3_mprintf("%zimport_id = ?%d WHERE ", upd, (int)n + 1);
	for (size_t j = 0; j < nk; j++)
		for (i = 0; i < n; i++)
			if (f[i] == kf[j])
				upd = sqlite3_mprintf("%z%s%s = ?%d", upd,
				    j ? " AND " : "", crm_field_name(f[i]), (int)i + 1);
	for (i = 0; i < n && k == CRM_KIND_CUSTOMERS; i++)
		if (f[i] == CRM_F_UPDATED_AT)
			/* an older export must not undo a newer one */
			upd = sqlite3_mprintf("%z AND (?%d = '' OR updated_at = ''"
			    " OR ?%d >= updated_at)", upd, (int)i + 1, (int)i + 1);
	rc = sqlite3_prepare_v2(s->db, ins, -1, &s->ins[k], NULL);
	if (rc == SQLITE_OK && nk > 0)
		rc = sqlite3_prepare_v2(s->db, upd, -1, &s->upd[k], NULL);
	sqlite3_free(ins);
	sqlite3_free(upd);
	if (rc != SQLITE_OK)
		return fail(s, err, "prepare");
	return CRM_EXIT_OK;
}

/* Record a change of the hand-kept fields of customer vals[0]. */
static int
history(struct crm_store *s, const struct crm_norm *n, const char *old[3],
    bool initial, const char *seen, long import_id, struct crm_error *err)
{
	const enum crm_field *f;
	size_t nf = crm_kind_fields(CRM_KIND_CUSTOMERS, &f);

	for (size_t h = 0; h < 3; h++)
		for (size_t i = 0; i < nf; i++) {
			if (f[i] != hand[h])
				continue;
			if (initial ? *n->vals[i] == '\0' :
			    strcmp(old[h], n->vals[i]) == 0)
				continue;
			sqlite3_reset(s->hist);
			sqlite3_bind_text(s->hist, 1, n->vals[0], -1, SQLITE_STATIC);
			sqlite3_bind_text(s->hist, 2, crm_field_name(hand[h]), -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(s->hist, 3, n->vals[i], -1, SQLITE_STATIC);
			sqlite3_bind_text(s->hist, 4, seen, -1, SQLITE_STATIC);
			sqlite3_bind_int(s->hist, 5, initial);
			sqlite3_bind_int64(s->hist, 6, import_id);
			if (sqlite3_step(s->hist) != SQLITE_DONE)
				return fail(s, err, "customer_history");
		}
	return CRM_EXIT_OK;
}

static void
bind_norm(sqlite3_stmt *st, enum crm_kind k, const struct crm_norm *n,
    long import_id)
{
	const enum crm_field *f;
	size_t nf = crm_kind_fields(k, &f);

	for (size_t i = 0; i < nf; i++) {
		if (crm_kind_storage(k, f[i]) == CRM_STORE_FEN && *n->vals[i] == '\0')
			sqlite3_bind_null(st, (int)i + 1);
		else if (crm_kind_storage(k, f[i]) == CRM_STORE_FEN)
			sqlite3_bind_int64(st, (int)i + 1, n->fen);
		else if (int_column(k, f[i]))
			sqlite3_bind_int64(st, (int)i + 1, atol(n->vals[i]));
		else
			sqlite3_bind_text(st, (int)i + 1, n->vals[i], -1,
			    SQLITE_STATIC);
	}
	sqlite3_bind_int64(st, (int)nf + 1, import_id);
}

int
crm_store_put(struct crm_store *s, enum crm_kind k, const struct crm_norm *n,
    long import_id, const char *seen, bool *merged, struct crm_error *err)
{
	const char *old[3] = { "", "", "" };
	char *keep[3] = { NULL, NULL, NULL };
	int rc;

	if (s->ins[k] == NULL && (rc = prepare_kind(s, k, err)) != CRM_EXIT_OK)
		return rc;
	if (k == CRM_KIND_CUSTOMERS && s->hist == NULL &&
	    (sqlite3_prepare_v2(s->db, "INSERT INTO customer_history (customer_id,"
	    " field, value, seen_at, initial, import_id) VALUES"
	    " (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value,"
	    " initial = min(initial, excluded.initial),"
	    " import_id = excluded.import_id", -1, &s->hist, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "SELECT status, next_action, blocker FROM"
	    " customers WHERE customer_id = ?", -1, &s->old_hand, NULL) !=
	    SQLITE_OK))
		return fail(s, err, "prepare");
	sqlite3_reset(s->ins[k]);
	bind_norm(s->ins[k], k, n, import_id);
	if (sqlite3_step(s->ins[k]) != SQLITE_DONE)
		return fail(s, err, crm_kind_name(k));
	*merged = sqlite3_changes(s->db) == 0;
	if (!*merged) {
		if (k == CRM_KIND_CUSTOMERS)
			return history(s, n, old, true, seen, import_id, err);
		return CRM_EXIT_OK;
	}
	if (k == CRM_KIND_CUSTOMERS) {
		sqlite3_reset(s->old_hand);
		sqlite3_bind_text(s->old_hand, 1, n->vals[0], -1, SQLITE_STATIC);
		if (sqlite3_step(s->old_hand) == SQLITE_ROW)
			for (int i = 0; i < 3; i++)
				old[i] = keep[i] = crm_xstrdup((const char *)
				    sqlite3_column_text(s->old_hand, i));
		sqlite3_reset(s->old_hand);
	}
	sqlite3_reset(s->upd[k]);
	bind_norm(s->upd[k], k, n, import_id);
	rc = sqlite3_step(s->upd[k]) == SQLITE_DONE ? CRM_EXIT_OK :
	    fail(s, err, crm_kind_name(k));
	if (rc == CRM_EXIT_OK && k == CRM_KIND_CUSTOMERS && sqlite3_changes(s->db))
		rc = history(s, n, old, false, seen, import_id, err);
	for (int i = 0; i < 3; i++)
		free(keep[i]);
	return rc;
}

/* ---- reading the store as records ---- */

struct rows {
	sqlite3_stmt *st;
	struct crm_store *s;		/* owned: closed with the rows */
	size_t ncols;
};

static int
rows_next(void *ctx, const char **vals, size_t *lens, struct crm_error *err)
{
	struct rows *r = ctx;
	int rc = sqlite3_step(r->st);

	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW) {
		fail(r->s, err, "read");
		return -1;
	}
	for (size_t i = 0; i < r->ncols; i++) {
		vals[i] = (const char *)sqlite3_column_text(r->st, (int)i);
		lens[i] = (size_t)sqlite3_column_bytes(r->st, (int)i);
	}
	return 1;
}

static void
rows_done(void *ctx)
{
	struct rows *r = ctx;

	sqlite3_finalize(r->st);
	crm_store_close(r->s);
	free(r);
}

/* Whether the store has kind k's table. */
static bool
has_table(struct crm_store *s, enum crm_kind k)
{
	sqlite3_stmt *st;
	bool found = false;

	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM sqlite_master WHERE"
	    " type = 'table' AND name = ?", -1, &st, NULL) != SQLITE_OK)
		return true;	/* let the read itself report the trouble */
	sqlite3_bind_text(st, 1, crm_kind_name(k), -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

struct crm_reader *
crm_store_reader(const char *path, enum crm_kind k, struct crm_error *err)
{
	const enum crm_field *f;
	size_t n = crm_kind_fields(k, &f);
	const char *cols[32];
	struct rows *rows;
	struct crm_store *s;
	char *sql, name[300];
	struct crm_reader *r;

	if (crm_store_open(path, false, &s, err) != CRM_EXIT_OK)
		return NULL;
	sql = sqlite3_mprintf("SELECT ");
	for (size_t i = 0; i < n; i++) {
		const char *c = crm_field_name(f[i]);

		cols[i] = c;
		if (crm_kind_storage(k, f[i]) == CRM_STORE_FEN)
			/* fen back to exact yuan; NULL (no amount) to '' */
			sql = sqlite3_mprintf("%z%sCASE WHEN %s IS NULL THEN ''"
			    " ELSE printf('%%s%%d.%%02d', CASE WHEN %s < 0 THEN"
			    " '-' ELSE '' END, abs(%s) / 100, abs(%s) %% 100) END",
			    sql, i ? ", " : "", c, c, c, c);
		else if (k == CRM_KIND_CUSTOMERS && f[i] == CRM_F_UPDATED_AT)
			/* the latest evidence of an update: the export's own
			 * column, or a change of a hand-kept field seen */
			sql = sqlite3_mprintf("%z%smax(updated_at, coalesce((SELECT"
			    " max(seen_at) FROM customer_history h WHERE"
			    " h.customer_id = c.customer_id AND NOT initial), ''))",
			    sql, i ? ", " : "");
		else
			sql = sqlite3_mprintf("%z%s%s", sql, i ? ", " : "", c);
	}
	if (!has_table(s, k)) {
		/* a store of an older schema has none of this kind yet */
		sqlite3_free(sql);
		sql = sqlite3_mprintf("SELECT ''");
		for (size_t i = 1; i < n; i++)
			sql = sqlite3_mprintf("%z, ''", sql);
		sql = sqlite3_mprintf("%z WHERE 0", sql);
	} else if (keyed(k)) {
		const enum crm_field *kf;
		size_t nk = crm_kind_key(k, &kf);

		sql = sqlite3_mprintf("%z FROM %s AS c ORDER BY ", sql,
		    crm_kind_name(k));
		for (size_t i = 0; i < nk; i++)
			sql = sqlite3_mprintf("%z%s%s", sql, i ? ", " : "",
			    crm_field_name(kf[i]));
	} else {
		sql = sqlite3_mprintf("%z FROM %s AS c ORDER BY seq", sql,
		    crm_kind_name(k));
	}
	rows = crm_xmalloc(sizeof *rows);
	rows->s = s;
	rows->ncols = n;
	if (sqlite3_prepare_v2(s->db, sql, -1, &rows->st, NULL) != SQLITE_OK) {
		fail(s, err, "read");
		sqlite3_free(sql);
		crm_store_close(s);
		free(rows);
		return NULL;
	}
	sqlite3_free(sql);
	snprintf(name, sizeof name, "%s:%s", path, crm_kind_name(k));
	r = crm_reader_open_rows(name, cols, n, rows_next, rows_done, rows, err);
	if (r == NULL)
		rows_done(rows);
	return r;
}
