/* crm.h - libcrm: the shared library of crmkit's tools; see crm(7). */
#ifndef CRM_H
#define CRM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit statuses shared by every tool (STYLE.md section 3). */
enum {
	CRM_EXIT_OK = 0,		/* ran fine, nothing to flag */
	CRM_EXIT_FINDING = 1,		/* found what the user asked to fail on */
	CRM_EXIT_ERROR = 2,		/* usage, data or I/O error */
	CRM_EXIT_TEMPFAIL = 75		/* store stayed locked; retry later */
};

/* ------------------------------------------------------------------ */
/* Diagnostics (diag.c).  lib/ never prints or exits, except the few
 * functions here that exist to be called from cmd/. */

struct crm_error {
	char path[256];			/* input name, "<stdin>" for stdin */
	long line;			/* 1-based physical line, 0 if none */
	long col;			/* 1-based character column, 0 if none */
	char msg[512];			/* lower-case message, no full stop */
};
#define CRM_ERROR_INIT { "", 0, 0, "" }

/* Fill err; path may be NULL.  Can't fail. */
void crm_error_set(struct crm_error *err, const char *path, long line,
    long col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Format err as "path:line:col: msg" into buf.  Can't fail. */
void crm_error_format(const struct crm_error *err, char *buf, size_t len);

void crm_setprogname(const char *argv0);
const char *crm_progname(void);
/* "prog: msg" on stderr. */
void crm_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* While on, crm_warnx() says each message once: for a tool that runs
 * several others over the same records (crm-report), each of which would
 * say what it saw there.  Off forgets what was said. */
void crm_warn_once(bool on);
/* "prog: path:line:col: msg" on stderr. */
void crm_warn_error(const struct crm_error *err);
_Noreturn void crm_errx(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Flush and close stdout; returns status, or CRM_EXIT_ERROR with a
 * message when the output could not be written (a full disk). */
int crm_close_stdout(int status);

/* Parse a decimal integer in [min, max]; -1 when s is not one. */
int crm_parse_long(const char *s, long min, long max, long *out);

/* ------------------------------------------------------------------ */
/* UTF-8 (utf8.c) */

/* Offset of the first byte that is not valid UTF-8 (or is NUL) in s[0..n),
 * or n when all of it is valid.  Overlongs, surrogates and code points
 * above U+10FFFF are invalid.  Can't fail. */
size_t crm_utf8_check(const char *s, size_t n);
/* Number of characters (not bytes) in s[0..n).  Can't fail. */
size_t crm_utf8_chars(const char *s, size_t n);
/* Terminal display width of the UTF-8 string s (CJK counts 2).  Can't fail. */
size_t crm_utf8_width(const char *s);

/* ------------------------------------------------------------------ */
/* Canonical fields (fields.c).  Every header name in every input maps onto
 * one of these, through the normalisation and synonyms of crm(7). */

enum crm_field {
	CRM_F_NONE = -1,
#define CRM_FIELD(id, name) CRM_F_##id,
#include "fields.def"
#undef CRM_FIELD
	CRM_F_COUNT
};

/* Canonical name of a field ("customer_id").  Can't fail. */
const char *crm_field_name(enum crm_field f);
/* The canonical field a header name maps to, or CRM_F_NONE. */
enum crm_field crm_field_lookup(const char *header);

/* ------------------------------------------------------------------ */
/* Records and the streaming reader (reader.c, csv.c, jsonl.c). */

enum crm_format { CRM_FMT_AUTO, CRM_FMT_CSV, CRM_FMT_JSONL, CRM_FMT_TABLE };

/* Source encodings; the reader turns every one into UTF-8. */
enum crm_encoding { CRM_ENC_AUTO, CRM_ENC_UTF8, CRM_ENC_GB18030, CRM_ENC_UTF16 };

/* One input record.  Borrowed from the reader: valid until the next call
 * to crm_reader_next().  Fields are NUL-terminated UTF-8; a field absent
 * from a JSON object is NULL. */
struct crm_record {
	long line;			/* physical line where the record starts */
	size_t nfields;			/* number of columns */
	const char **field;		/* field[i]: column i's value or NULL */
	const size_t *len;		/* len[i]: its length in bytes */
};

struct crm_reader_opts {
	enum crm_format format;		/* CRM_FMT_AUTO: from the first byte */
	enum crm_encoding encoding;	/* CRM_ENC_AUTO: see crm(7) */
	char delimiter;			/* CSV delimiter; 0: comma or tab, from
					   the header line */
	size_t max_field_bytes;		/* 0: the default, 1 MiB */
	size_t max_record_bytes;	/* 0: the default, 8 MiB */
	size_t max_columns;		/* 0: the default, 1024 */
	long max_quoted_lines;		/* 0: the default, 1000 */
	bool no_fastpath;		/* always go through libcsv (tests) */
	size_t read_size;		/* bytes per read(2); 0: 64 KiB (tests) */
	bool hash;			/* keep a hash of the source bytes */
};
#define CRM_READER_OPTS_INIT { CRM_FMT_AUTO, CRM_ENC_AUTO, 0, 0, 0, 0, 0, \
	false, 0, false }
#define CRM_DEFAULT_MAX_FIELD_BYTES	(1u << 20)
#define CRM_DEFAULT_MAX_RECORD_BYTES	(8u << 20)
#define CRM_DEFAULT_MAX_COLUMNS		1024
#define CRM_DEFAULT_MAX_QUOTED_LINES	1000

struct crm_reader;

/* Open path ("-" is stdin) and read its header.  Returns a new reader, or
 * NULL with *err set (unreadable file, empty file, bad or duplicate
 * header).  The reader owns the file descriptor. */
struct crm_reader *crm_reader_open(const char *path,
    const struct crm_reader_opts *opts, struct crm_error *err);
/* Same, over an open descriptor, which the reader takes (and closes). */
struct crm_reader *crm_reader_open_fd(const char *name, int fd,
    const struct crm_reader_opts *opts, struct crm_error *err);
/* A source of rows (the store): fills vals[i]/lens[i] for each of the
 * ncols columns (NULL for an absent value) and returns 1, 0 at the end,
 * or -1 with *err set.  The strings are borrowed until the next call. */
typedef int (*crm_rows_fn)(void *ctx, const char **vals, size_t *lens,
    struct crm_error *err);
/* A reader over such a source, with column names cols; it takes ctx and
 * calls done(ctx) when freed. */
struct crm_reader *crm_reader_open_rows(const char *name,
    const char *const *cols, size_t ncols, crm_rows_fn next,
    void (*done)(void *), void *ctx, struct crm_error *err);
/* Make column col (by its header name) mean field f, or nothing when f is
 * CRM_F_NONE; a column that meant f before loses it.  Returns -1 when the
 * input has no such column. */
int crm_reader_remap(struct crm_reader *r, const char *col, enum crm_field f);
/* The same hash over a whole regular file (0 and errno set on error). */
uint64_t crm_hash_file(const char *path);
/* A 64-bit hash of every source byte read so far (opts.hash). */
uint64_t crm_reader_hash(const struct crm_reader *r);
/* Same, over a memory buffer that must outlive the reader (fuzzing, tests). */
struct crm_reader *crm_reader_open_mem(const char *name, const char *buf,
    size_t len, const struct crm_reader_opts *opts, struct crm_error *err);
void crm_reader_free(struct crm_reader *r);

enum crm_read_status {
	CRM_READ_OK = 0,		/* *rec is the next record */
	CRM_READ_EOF = 1,		/* no more records */
	CRM_READ_REJECT = 2,		/* a record was bad: *err says why; go on */
	CRM_READ_FATAL = 3		/* I/O error: *err says why; stop */
};
/* Read the next record into *rec (borrowed, see struct crm_record).  On
 * CRM_READ_REJECT the bad record has been skipped and the reader can go on. */
enum crm_read_status crm_reader_next(struct crm_reader *r,
    struct crm_record *rec, struct crm_error *err);

/* The source encoding ("UTF-8", "GB18030", "UTF-16"), and whether
 * --encoding auto chose it from the content (tools say so on stderr). */
const char *crm_reader_encoding(const struct crm_reader *r, bool *guessed);
/* Source bytes read so far; *total (when not NULL) is the input's size,
 * or 0 when it cannot be known (a pipe, the store).  Can't fail. */
uint64_t crm_reader_bytes(const struct crm_reader *r, uint64_t *total);
/* How far into its input r reaches: the bytes read so far, or for a part
 * of a file read with --jobs the end of that part; *total gets the
 * input's size when it is a regular file, else 0.  For a guess of what is
 * to come.  Can't fail. */
uint64_t crm_reader_reach(const struct crm_reader *r, uint64_t *total);

/* A progress line on standard error for long runs (progress.c): shown
 * only when stderr is a terminal and the input has taken over 2 seconds
 * ($CRM_PROGRESS=0 never, =1 always, at every tick: for tests).  Call
 * crm_progress_tick() per record; it looks at the clock once in 16384
 * calls.  crm_progress_done() erases the line.  One input at a time. */
void crm_progress_start(const struct crm_reader *r);
void crm_progress_tick_slow(void);
extern unsigned crm_progress_countdown;
static inline void
crm_progress_tick(void)
{
	if (--crm_progress_countdown == 0)
		crm_progress_tick_slow();
}
void crm_progress_done(void);
/* The CSV delimiter in use (detected or given). */
char crm_reader_delimiter(const struct crm_reader *r);
/* Input name as used in diagnostics.  Borrowed. */
const char *crm_reader_name(const struct crm_reader *r);
enum crm_format crm_reader_format(const struct crm_reader *r);
/* Column index of a canonical field, or -1 when the input lacks it.
 * For JSON Lines a key seen later gets its column when it first appears. */
int crm_reader_col(const struct crm_reader *r, enum crm_field f);
size_t crm_reader_ncols(const struct crm_reader *r);
/* Header name of column i as written in the input.  Borrowed. */
const char *crm_reader_colname(const struct crm_reader *r, size_t i);
/* The column of every canonical field (-1: none), indexed by field: for
 * code that reads many fields of every record.  Borrowed from the reader;
 * for JSON Lines it grows as keys appear, so read it per record. */
const int *crm_reader_cols(const struct crm_reader *r);
/* Field f of rec, or NULL when absent.  Empty strings are returned as "". */
const char *crm_record_get(const struct crm_reader *r,
    const struct crm_record *rec, enum crm_field f);
/* The same, with its length in *len (0 when absent; no NUL is inside a
 * field, so it is strlen's answer without the scan). */
const char *crm_record_get_len(const struct crm_reader *r,
    const struct crm_record *rec, enum crm_field f, size_t *len);
/* The field of rec at column c (from crm_reader_cols(), -1: none) and its
 * length, or NULL with *len 0: crm_record_get_len() inline, for a loop
 * that reads the columns once per record. */
static inline const char *
crm_record_at(const struct crm_record *rec, int c, size_t *len)
{
	*len = 0;
	if (c < 0 || (size_t)c >= rec->nfields || rec->field[c] == NULL)
		return NULL;
	*len = rec->len[c];
	return rec->field[c];
}
/* Check that the input has every field in req (terminated by CRM_F_NONE);
 * returns -1 with *err naming the first missing one and the headers seen.
 * JSON Lines inputs are checked per record instead (always 0 here). */
int crm_reader_require(const struct crm_reader *r, const enum crm_field *req,
    struct crm_error *err);

/* Counts kept per input, for the summary every tool prints. */
struct crm_counts {
	long read;			/* data records seen (rejects included) */
	long used;			/* records that went into the result */
	long merged;			/* duplicates merged into another record */
	long rejected;			/* bad records, each reported */
	long ignored;			/* well-formed, outside the question */
};

/* ------------------------------------------------------------------ */
/* The writer (writer.c): CSV, JSON Lines or an aligned table. */

enum crm_coltype { CRM_COL_STR, CRM_COL_INT, CRM_COL_NUM };

struct crm_table;

struct crm_writer_opts {
	enum crm_format format;		/* CSV (default), JSONL or TABLE */
	bool raw;			/* CSV: no formula neutralisation */
	bool bom;			/* CSV: start with a UTF-8 BOM for Excel */
	struct crm_table *capture;	/* not NULL: keep the header and rows
					   in this table instead of writing
					   them (out, format, raw and bom are
					   then unused); see crm_table_new() */
};
#define CRM_WRITER_OPTS_INIT { CRM_FMT_CSV, false, false, NULL }

struct crm_writer;

/* Returns a new writer on out (borrowed; not closed by the writer), or NULL
 * when out of memory.  names and types (ncols entries) are copied. */
struct crm_writer *crm_writer_new(FILE *out, const struct crm_writer_opts *o,
    const char *const *names, const enum crm_coltype *types, size_t ncols);
/* Write one row of ncols values; NULL is an empty cell (JSON null).  A
 * CRM_COL_INT/NUM value must be a plain number or NULL.  Returns -1 on a
 * write error (errno set). */
int crm_writer_row(struct crm_writer *w, const char *const *vals);
/* A writer whose rows continue another's output: it never writes the
 * header (or BOM).  Can't fail. */
void crm_writer_headless(struct crm_writer *w);
/* Write the header (and BOM) now if it has not been written.  -1 on a
 * write error (errno set). */
int crm_writer_header(struct crm_writer *w);
/* Flush (the table format prints here) and free.  -1 on a write error. */
int crm_writer_close(struct crm_writer *w);

/* A capture sink: a table of strings in memory.  A tool's run function
 * given out.capture writes its rows into it through the writer exactly as
 * it would print them, so a tool that shows other tools' numbers (the
 * report) renders their own rows and never computes them again.  Cells
 * are kept as the tool made them: no formula neutralisation, which is
 * the business of whatever renders them.  Each crm_writer_new() on the
 * table starts it afresh with that writer's columns. */

/* Returns a new, empty table (no columns).  Can't fail. */
struct crm_table *crm_table_new(void);
void crm_table_free(struct crm_table *t);
/* How many columns and rows (the header not counted).  Can't fail. */
size_t crm_table_ncols(const struct crm_table *t);
size_t crm_table_nrows(const struct crm_table *t);
/* Column col's name and type as the writer was given them.  Borrowed,
 * valid until the table is freed or written afresh. */
const char *crm_table_name(const struct crm_table *t, size_t col);
enum crm_coltype crm_table_type(const struct crm_table *t, size_t col);
/* The index of the column named name, or -1. */
long crm_table_col(const struct crm_table *t, const char *name);
/* The cell at row, col: "" for an empty (NULL) cell.  Borrowed, as the
 * names are.  row and col must be in range. */
const char *crm_table_cell(const struct crm_table *t, size_t row, size_t col);
/* Whether that cell was written as NULL (JSON null).  Can't fail. */
bool crm_table_null(const struct crm_table *t, size_t row, size_t col);

/* Whether a CSV cell would start a formula in Excel or WPS; plain numbers
 * such as -12.5 do not.  Can't fail. */
bool crm_cell_is_formula(const char *s);
/* Whether s is a plain decimal number: -?digits[.digits].  Can't fail. */
bool crm_is_plain_number(const char *s);

/* ------------------------------------------------------------------ */
/* Time (time.c).  Days are counted from 1970-01-01; instants are seconds
 * since the epoch, UTC. */

#define CRM_TZ_DEFAULT (8 * 3600)	/* the team zone: +08:00 */

/* Parse a zone offset: "+08:00", "+0800", "+08", "-05:30", "Z", "UTC".
 * Returns -1 when s is not one. */
int crm_tz_parse(const char *s, long *offset_seconds);
/* Team zone from $CRM_TZ, else +08:00; -1 with *err if CRM_TZ is bad. */
int crm_tz_default(long *offset_seconds, struct crm_error *err);

/* Days since 1970-01-01 of a proleptic Gregorian date.  Can't fail. */
long crm_days_from_civil(long y, int m, int d);
void crm_civil_from_days(long days, long *y, int *m, int *d);

/* Parse a calendar date: YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日,
 * YYYYMMDD.  Impossible dates (2026-02-30) are rejected.  -1 if not a date. */
int crm_date_parse(const char *s, long *days);

/* A point in time as read from data.  A date without time is an instant
 * at the start of that day in the zone, with has_time false. */
struct crm_time {
	int64_t t;			/* seconds since the epoch, UTC */
	bool has_time;			/* false: the input gave a date only */
};
/* Parse a date or a timestamp: a date as above, optionally followed by
 * 'T' or ' ' and HH:MM[:SS[.frac]], optionally followed by Z or an offset.
 * A time without offset is in zone tz.  -1 when s is neither. */
int crm_time_parse(const char *s, long tz, struct crm_time *out);
/* The calendar day of t in zone tz.  Can't fail. */
long crm_time_day(int64_t t, long tz);
/* Format days as YYYY-MM-DD into buf (at least 16 bytes).  Can't fail. */
void crm_date_format(long days, char *buf);
/* Whether a is later than b: by instant, except that a date without a
 * time ties with any time on the same day in zone tz.  Can't fail. */
bool crm_time_later(const struct crm_time *a, const struct crm_time *b,
    long tz);
/* Format t as YYYY-MM-DD (no time) or YYYY-MM-DDTHH:MM:SS+HH:MM in zone
 * tz into buf (at least 32 bytes).  Can't fail. */
void crm_time_format(const struct crm_time *t, long tz, char *buf);
/* Today in zone tz, or $CRM_TODAY (YYYY-MM-DD) when set (tests). */
int crm_today(long tz, long *days, struct crm_error *err);

/* ------------------------------------------------------------------ */
/* Memory helpers (util.c) */

/* malloc/realloc/strdup that abort with a message when memory is out:
 * there is no sensible recovery for a filter, and it is never silent. */
void *crm_xmalloc(size_t n);
/* qsort(), but none for fewer than 2 elements: qsort(NULL, 0, ...) is
 * undefined behaviour that UBSan reports, and empty lists are NULL here. */
void crm_sort(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *));
void *crm_xrealloc(void *p, size_t n);
char *crm_xstrdup(const char *s);

/* part/whole as a percentage with one decimal, rounded half up exactly
 * in integers ("16.7" for 1/6), into buf; "" when whole is 0. */
void crm_pct_format(long part, long whole, char *buf, size_t len);

/* An arena for strings that live as long as a run's per-key state. */
struct crm_arena;
struct crm_arena *crm_arena_new(void);
/* Copy s (n bytes) and a NUL into the arena.  Returns the borrowed copy,
 * valid until crm_arena_free().  Can't fail (aborts when memory is out). */
char *crm_arena_strndup(struct crm_arena *a, const char *s, size_t n);
void crm_arena_free(struct crm_arena *a);
/* Forget every string of the arena, keeping its memory for the next
 * ones: fresh memory costs a page fault every 4 KiB.  Can't fail. */
void crm_arena_reset(struct crm_arena *a);

/* A table of keys to dense indexes 0, 1, 2, ... (keytab.c): the lookup
 * every activity row makes.  Keep per-key state in arrays by index. */
struct crm_keytab;
struct crm_keytab *crm_keytab_new(void);
void crm_keytab_free(struct crm_keytab *t);
/* The index of key, or -1. */
long crm_keytab_find(const struct crm_keytab *t, const char *key);
/* The index of key, added (copied) when new; *existed says which.
 * Returns -1 only past 4 billion keys. */
long crm_keytab_add(struct crm_keytab *t, const char *key, bool *existed);
/* The key of an index.  Borrowed, valid until the table is freed. */
const char *crm_keytab_key(const struct crm_keytab *t, long idx);
size_t crm_keytab_count(const struct crm_keytab *t);

/* An exact set of strings (idset.c), for millions of ids to count once:
 * 11 to 16 bytes a string plus its length, where a key table takes 60 to
 * 110.
 * No index, no lookup of a stored string: only "seen before?". */
struct crm_idset;
struct crm_idset *crm_idset_new(void);
void crm_idset_free(struct crm_idset *s);
/* Add key[0..n) (any bytes; copied) unless it is in the set.  Returns 1
 * when it was, 0 when it was added, -1 when the set is full (past 3.4
 * billion strings or 256 GiB of them); aborts when memory is out. */
int crm_idset_add(struct crm_idset *s, const char *key, size_t n);
/* Whether key[0..n) is in the set.  Can't fail. */
bool crm_idset_has(const struct crm_idset *s, const char *key, size_t n);
/* Strings in the set; bytes held by its table and strings.  Can't fail. */
size_t crm_idset_count(const struct crm_idset *s);
/* That about n strings are coming in all (a guess; 0 none): the table
 * then grows up to four times at once, not by half, to hold them. */
void crm_idset_expect(struct crm_idset *s, size_t n);
size_t crm_idset_bytes(const struct crm_idset *s);
/* crm_idset_add() in steps, as for the key table: the hash of key[0..n),
 * a prefetch of its slot a few records ahead, then the add itself (h must
 * be the key's hash).  Can't fail but as crm_idset_add(). */
uint64_t crm_idset_hash(const char *key, size_t n);
void crm_idset_prefetch(const struct crm_idset *s, uint64_t h);
int crm_idset_add_hashed(struct crm_idset *s, const char *key, size_t n,
    uint64_t h);

/* ------------------------------------------------------------------ */
/* Inputs: the common loop of every tool over a list of files. */

struct crm_input_opts {
	struct crm_reader_opts reader;	/* how to read */
	const char *db;			/* the store: paths "@kind" read it */
	bool strict;			/* stop at the first rejected record */
	long max_reported;		/* reject messages per input before
					   only counting (default 20) */
};
#define CRM_INPUT_OPTS_INIT { CRM_READER_OPTS_INIT, NULL, false, 20 }

/* What a record callback did with a record. */
enum crm_rec_result {
	CRM_REC_USED = 0,		/* it went into the result */
	CRM_REC_IGNORED = 1,		/* well-formed, outside the question */
	CRM_REC_MERGED = 2,		/* a duplicate, merged into another */
	CRM_REC_REJECT = -1,		/* bad: *err says why (msg only needed) */
	CRM_REC_FATAL = -2		/* stop the run: *err says why */
};

/* Called for each well-formed record; returns a crm_rec_result. */
typedef int (*crm_record_fn)(struct crm_reader *r, const struct crm_record *rec,
    void *ctx, struct crm_error *err);

/* Open input path for reading records: a file ("-" is stdin), or "@kind"
 * from the store when o->db is set; say on stderr when the encoding was
 * guessed; check the columns req (CRM_F_NONE-terminated, may be NULL).
 * Returns the reader, or NULL with *err set. */
struct crm_reader *crm_input_open(const char *path,
    const struct crm_input_opts *o, const enum crm_field *req,
    struct crm_error *err);

/* Open path, check req (CRM_F_NONE-terminated, may be NULL), and call fn
 * for each record.  Rejected records are reported on stderr as
 * "prog: file:line: why" and counted in *counts.  Returns 0 when every
 * record was used, 1 when some were rejected, -1 on a fatal error (unreadable
 * input, missing column, --strict reject) with *err set. */
int crm_input_each(const char *path, const struct crm_input_opts *o,
    const enum crm_field *req, crm_record_fn fn, void *ctx,
    struct crm_counts *counts, struct crm_error *err);
/* crm_input_each over every path (NULL-terminated, may be NULL), calling
 * each(ctx) before every file when each is not NULL; the counts of a file
 * with rejected or merged records are reported on stderr, and *rejects is
 * set when any record was rejected (never cleared).  Returns 0, or -1 with
 * *err set on a fatal error. */
int crm_input_all(const char *const *paths, const struct crm_input_opts *o,
    const enum crm_field *req, crm_record_fn fn, void *ctx,
    void (*each)(void *ctx), bool *rejects, struct crm_error *err);
/* Print "prog: file: N read, N used, ..." on stderr.  Can't fail. */
void crm_counts_report(const char *path, const struct crm_counts *c);
/* A record counted as used turned out res (CRM_REC_MERGED or
 * CRM_REC_IGNORED): move it there in *c; CRM_REC_USED moves nothing. */
void crm_counts_move(struct crm_counts *c, int res);

/* ------------------------------------------------------------------ */
/* Domain types (record.c, rep.c).  A customer or activity as read from
 * one record: strings are borrowed from the record (valid until the next
 * crm_reader_next), times are parsed in the team zone. */

struct crm_customer {
	const char *customer_id;	/* natural key, text (leading zeros kept) */
	const char *name;		/* display name, "" when absent */
	const char *region;		/* sales region, "" when absent */
	const char *rep_id;		/* owning rep, "" when absent */
	const char *tier;		/* "" when absent */
	const char *status;		/* today's status (hand-kept), or "" */
	const char *next_action;	/* hand-kept next key action, or "" */
	const char *blocker;		/* hand-kept source of resistance, or "" */
	struct crm_time updated;	/* updated_at, when has_updated */
	bool has_updated;
	struct crm_time created;	/* created_at, when has_created */
	bool has_created;
	long contract_end;		/* day number, when has_contract_end */
	bool has_contract_end;
};

struct crm_activity {
	const char *activity_id;	/* "" when absent */
	const char *customer_id;	/* never empty */
	const char *rep_id;		/* "" when absent */
	const char *type;		/* as written ("visit", "发送定制方案") */
	const char *ref;		/* order or document id, or "" */
	const char *evidence;		/* "kind: text; ..." or "" */
	const char *competitor;		/* or "" */
	const char *note;		/* or "" */
	const char *recorded_at;	/* unparsed, or "" */
	struct crm_time ts;		/* when the contact happened */
};

/* Fill *c from rec.  Returns 0, or -1 with err->msg naming the bad field
 * (empty customer_id, a value that is not a date).  Can't fail otherwise. */
int crm_customer_from_record(const struct crm_reader *r,
    const struct crm_record *rec, long tz, struct crm_customer *c,
    struct crm_error *err);
/* Fill *a from rec; customer_id and ts are required.  Same returns. */
int crm_activity_from_record(const struct crm_reader *r,
    const struct crm_record *rec, long tz, struct crm_activity *a,
    struct crm_error *err);
/* Copy a's strings (borrowed from a record) into arena, so a outlives
 * the record.  Can't fail. */
void crm_activity_keep(struct crm_arena *arena, struct crm_activity *a);

/* A task, as read from one record (same borrowing as above). */
struct crm_task {
	const char *task_id;		/* natural key, never empty */
	const char *assignee_id;	/* the rep it is assigned to, never empty */
	const char *customer_id;	/* or "" */
	const char *deliverable;	/* what is to be delivered, or "" */
	const char *acceptance;		/* how it is accepted, or "" */
	const char *evidence;		/* "kind: text; ..." or "" */
	struct crm_time due;		/* the deadline */
	struct crm_time done;		/* done_at, when has_done */
	bool has_done;			/* done_at was given */
	long reminders;			/* times chased by hand; 0 when empty */
};

/* One policy receipt: a policy as one rep of one region received it. */
struct crm_policy {
	const char *policy_id;		/* never empty */
	const char *region;		/* "" when absent */
	const char *rep_id;		/* "" when absent */
	const char *interpretation;	/* the reading applied, or "" */
	struct crm_time published;	/* published_at */
	struct crm_time received;	/* received_at, when has_received */
	bool has_received;		/* received_at was given */
};

/* What a decision rests on (DOMAIN.md: decision basis). */
enum crm_basis {
	CRM_BASIS_DASHBOARD,		/* a live dashboard (看板, 仪表盘) */
	CRM_BASIS_DATA,			/* data (数据) */
	CRM_BASIS_EXPERIENCE,		/* experience (经验, 我觉得) */
	CRM_BASIS_OTHER			/* anything else (其他) */
};

struct crm_decision {
	const char *decision_id;	/* never empty */
	const char *maker_id;		/* the rep who made it, or "" */
	enum crm_basis basis;		/* from the spellings crm-import takes */
	struct crm_time made;		/* made_at */
};

/* Fill *t from rec; task_id, assignee_id and due are required, reminders
 * must be a count.  Returns 0, or -1 with err->msg naming the bad field. */
int crm_task_from_record(const struct crm_reader *r,
    const struct crm_record *rec, long tz, struct crm_task *t,
    struct crm_error *err);
/* Fill *p from rec; policy_id and published_at are required.  Same
 * returns. */
int crm_policy_from_record(const struct crm_reader *r,
    const struct crm_record *rec, long tz, struct crm_policy *p,
    struct crm_error *err);
/* Fill *d from rec; decision_id, made_at and basis are required, basis
 * one of the spellings of crm-import(1).  Same returns. */
int crm_decision_from_record(const struct crm_reader *r,
    const struct crm_record *rec, long tz, struct crm_decision *d,
    struct crm_error *err);

struct crm_rep {
	const char *rep_id;		/* natural key */
	const char *name;		/* display name */
	const char *manager_id;		/* direct manager's rep_id, may be "" */
	const char *region;		/* may be "" */
	const char *role;		/* director|regional_manager|supervisor|rep */
};

/* A table of reps keyed by rep_id. */
struct crm_reps;
/* Read a reps file.  Returns a new table, or NULL with *err set.  Rejected
 * rows are reported and counted as crm_input_each() does. */
struct crm_reps *crm_reps_load(const char *path, const struct crm_input_opts *o,
    struct crm_error *err);
/* The rep with this id, or NULL.  Borrowed. */
const struct crm_rep *crm_reps_get(const struct crm_reps *t, const char *id);
void crm_reps_free(struct crm_reps *t);
/* How many reps, and the i-th in the order read (NULL past the end). */
size_t crm_reps_count(const struct crm_reps *t);
const struct crm_rep *crm_reps_at(const struct crm_reps *t, size_t i);

/* ------------------------------------------------------------------ */
/* crm-stale (stale.c) */

enum crm_group_by { CRM_BY_NONE, CRM_BY_REP, CRM_BY_REGION, CRM_BY_MANAGER };

struct crm_stale_opts {
	long days;			/* stale when days_since > days */
	long as_of;			/* day number of the as-of date */
	long tz;			/* team zone offset, seconds */
	enum crm_group_by by;		/* summary mode when not NONE */
	const char **activities;	/* activity files, NULL-terminated */
	const char *reps;		/* reps file or NULL */
	const char **customers;		/* customer files, NULL-terminated */
	struct crm_input_opts input;	/* reading options */
	struct crm_writer_opts out;	/* output format */
};

/* Freshness per customer (stale.c): crm-stale's own reading of customers
 * and activities, for tools that need its days_since without its output. */

/* One customer's freshness.  Borrowed: valid until the callback returns. */
struct crm_freshness {
	const char *customer_id;	/* natural key */
	const char *name;		/* "" when absent */
	const char *region;		/* "" when absent */
	const char *rep_id;		/* owning rep, "" when absent */
	bool never;			/* no updated_at and no activity */
	long last;			/* day of last_touch, unless never */
	long days;			/* days_since, unless never */
	const char *basis;		/* "updated", "activity" or "never" */
};

/* Called once per distinct customer; returns 0, or -1 with *err set to
 * stop the run. */
typedef int (*crm_freshness_fn)(const struct crm_freshness *f, void *ctx,
    struct crm_error *err);

/* Read o->customers and o->activities (o->as_of, o->tz and o->input; the
 * rest of o is unused) exactly as crm_stale_run() does, with the same
 * warnings on stderr, and call fn for each customer in the order first
 * read.  Returns CRM_EXIT_OK, or CRM_EXIT_ERROR with *err set (a fatal
 * input error, or fn's).  *rejects is set when records were rejected
 * (each was reported); it is never cleared. */
int crm_stale_each(const struct crm_stale_opts *o, crm_freshness_fn fn,
    void *ctx, bool *rejects, struct crm_error *err);

/* Run crm-stale.  Returns CRM_EXIT_OK, or CRM_EXIT_ERROR with *err set
 * for a fatal error; rejected rows are reported on stderr, and make the
 * result CRM_EXIT_ERROR after the output has been written. */
int crm_stale_run(const struct crm_stale_opts *o, FILE *out,
    struct crm_error *err);

/* ------------------------------------------------------------------ */
/* Options every tool shares (opts.c): time, output format, reading. */

struct crm_common {
	struct crm_input_opts input;	/* --strict, --delimiter, limits */
	struct crm_writer_opts out;	/* --json, --table, --bom, --raw */
	long tz;			/* --tz, else $CRM_TZ, else +08:00 */
	bool tz_set;
	long as_of;			/* --as-of, else today in tz */
	const char *as_of_arg;		/* NULL when not given */
	bool db_set;			/* --db given (input.db, else $CRM_DB) */
};
#define CRM_COMMON_INIT { CRM_INPUT_OPTS_INIT, CRM_WRITER_OPTS_INIT, \
	CRM_TZ_DEFAULT, false, 0, NULL, false }

enum {
	CRM_OPT_AS_OF = 0x1000, CRM_OPT_BOM, CRM_OPT_DB, CRM_OPT_DELIMITER,
	CRM_OPT_ENCODING, CRM_OPT_JSON,
	CRM_OPT_MAX_COLUMNS, CRM_OPT_MAX_FIELD_BYTES, CRM_OPT_MAX_QUOTED_LINES,
	CRM_OPT_MAX_RECORD_BYTES, CRM_OPT_RAW, CRM_OPT_STRICT, CRM_OPT_TABLE,
	CRM_OPT_TZ
};
/* The shared entries for a getopt_long table; -j and -t are the short
 * forms of --json and --table. */
#define CRM_COMMON_LONGOPTS \
	{ "as-of", required_argument, NULL, CRM_OPT_AS_OF }, \
	{ "bom", no_argument, NULL, CRM_OPT_BOM }, \
	{ "db", required_argument, NULL, CRM_OPT_DB }, \
	{ "delimiter", required_argument, NULL, CRM_OPT_DELIMITER }, \
	{ "encoding", required_argument, NULL, CRM_OPT_ENCODING }, \
	{ "json", no_argument, NULL, 'j' }, \
	{ "max-columns", required_argument, NULL, CRM_OPT_MAX_COLUMNS }, \
	{ "max-field-bytes", required_argument, NULL, CRM_OPT_MAX_FIELD_BYTES }, \
	{ "max-quoted-lines", required_argument, NULL, CRM_OPT_MAX_QUOTED_LINES }, \
	{ "max-record-bytes", required_argument, NULL, CRM_OPT_MAX_RECORD_BYTES }, \
	{ "raw", no_argument, NULL, CRM_OPT_RAW }, \
	{ "strict", no_argument, NULL, CRM_OPT_STRICT }, \
	{ "table", no_argument, NULL, 't' }, \
	{ "tz", required_argument, NULL, CRM_OPT_TZ }

/* Handle one shared option.  Returns 1 when ch was one (applied), 0 when
 * it is not shared, -1 with *err set when its argument is bad. */
int crm_common_option(struct crm_common *c, int ch, const char *arg,
    struct crm_error *err);
/* Resolve the defaults (zone, as-of date, the store from $CRM_DB when no
 * --db was given) after option parsing.  -1 with *err set when $CRM_TZ or
 * $CRM_TODAY is bad. */
int crm_common_finish(struct crm_common *c, struct crm_error *err);
/* For cmd/: crm_common_option(), exiting 2 with its message when the
 * argument is bad.  Returns whether ch was a shared option. */
bool crm_common_take(struct crm_common *c, int ch, const char *arg);
/* For cmd/: crm_common_finish(), exiting 2 with its message on error. */
void crm_common_done(struct crm_common *c);
/* The usage lines for the shared options.  Can't fail. */
const char *crm_common_usage(void);
/* For cmd/: append path to the NULL-terminated input list *list, made
 * with room for all argc arguments on first use.  Can't fail. */
void crm_paths_add(const char ***list, size_t *n, int argc, const char *path);

/* ------------------------------------------------------------------ */
/* Record kinds and crm-import (import.c, store.c) */

enum crm_kind {
	CRM_KIND_NONE = -1,
	CRM_KIND_CUSTOMERS, CRM_KIND_ACTIVITIES, CRM_KIND_REPS, CRM_KIND_TASKS,
	CRM_KIND_LEDGER, CRM_KIND_POLICIES, CRM_KIND_DECISIONS,
	CRM_KIND_STOCK, CRM_KIND_SALES, CRM_KIND_MEMBERS, CRM_KIND_SHIPMENTS,
	CRM_KIND_COUNT
};

/* "customers", ... for a kind.  Can't fail. */
const char *crm_kind_name(enum crm_kind k);
/* "customers, activities, ... or shipments", for messages.  Static. */
const char *crm_kind_names(void);
/* The kind named s (singular or plural), or CRM_KIND_NONE. */
enum crm_kind crm_kind_parse(const char *s);
/* The kind an input's columns say it holds, or CRM_KIND_NONE. */
enum crm_kind crm_kind_detect(const struct crm_reader *r);
/* Whether kind k needs field f in every record. */
bool crm_kind_required(enum crm_kind k, enum crm_field f);
/* How the store keeps field f of kind k: text, a whole number, or money
 * as integer fen (read back as exact yuan).  Can't fail. */
enum crm_storage { CRM_STORE_TEXT, CRM_STORE_INT, CRM_STORE_FEN };
enum crm_storage crm_kind_storage(enum crm_kind k, enum crm_field f);
/* A kind's canonical columns in output order; returns how many. */
size_t crm_kind_fields(enum crm_kind k, const enum crm_field **fields);

/* Normalised values of one record: vals[i] is the kind's i-th field
 * (crm_kind_fields order), "" when empty; fen is the value of the kind's
 * money field (a ledger amount, a sale's amount, a stock price).
 * Strings are owned by the struct and valid until the next call
 * of crm_normalize with it.  The values of non-empty dates, counts and
 * quantities are also in num[i] (a date's day), of times in tm[i].  With
 * lean set, dates, times, money, counts and quantities are checked the
 * same but not written out again: vals[i] is the (trimmed) text as read,
 * for a reader that wants the numbers and not the text. */
struct crm_norm {
	char *buf;			/* all values, NUL-separated */
	size_t len, cap;
	size_t off[32];			/* value offsets in buf */
	const char *vals[32];		/* filled by crm_normalize */
	size_t nvals;
	int64_t fen;			/* ledger amount, exact */
	bool excel_1904;		/* Excel serial dates from 1904 */
	bool lean;			/* set by the caller: see above */
	int64_t num[32];		/* non-empty dates, counts and
					   quantities */
	struct crm_time tm[32];		/* non-empty times */
	const char *const *defaults;	/* per field: the value when empty,
					   or NULL (from a --map profile) */
};

/* Normalise rec as kind k (dates to ISO 8601, times to the team zone
 * tz, amounts to exact fen and yuan, IDs checked, Excel error tokens and
 * null spellings emptied).  Returns 0, or -1 with err->msg naming the
 * field and quoting the value. */
int crm_normalize(enum crm_kind k, const struct crm_reader *r,
    const struct crm_record *rec, long tz, struct crm_norm *n,
    struct crm_error *err);
void crm_norm_free(struct crm_norm *n);

/* The store (store.c); see crm-store(5).  Functions returning int give a
 * CRM_EXIT_* status: _TEMPFAIL when the store stayed locked. */
struct crm_store;
struct sqlite3;
/* The store's SQLite handle, for a tool's own tables (crm-health's
 * history): borrowed; use prepared statements and BEGIN IMMEDIATE. */
struct sqlite3 *crm_store_sqlite(struct crm_store *s);
int crm_store_open(const char *path, bool write, struct crm_store **s,
    struct crm_error *err);
void crm_store_close(struct crm_store *s);
int crm_store_begin(struct crm_store *s, struct crm_error *err);
int crm_store_commit(struct crm_store *s, struct crm_error *err);
void crm_store_rollback(struct crm_store *s);
/* Whether an input with this hash was imported: 1 (with its time in
 * when), 0, or a negative CRM_EXIT_* status. */
int crm_store_seen(struct crm_store *s, uint64_t hash, char *when,
    size_t len, struct crm_error *err);
/* Log an import: with *import_id 0 a new pending entry (sets the id),
 * else complete that entry with the input's hash and counts. */
int crm_store_log(struct crm_store *s, uint64_t hash, const char *source,
    enum crm_kind k, const char *when, const struct crm_counts *c,
    long written, long *import_id, struct crm_error *err);
/* Upsert one normalised record; *merged tells whether its key existed.
 * Customers' hand-kept fields go to the history as seen on day seen. */
int crm_store_put(struct crm_store *s, enum crm_kind k,
    const struct crm_norm *n, long import_id, const char *seen, bool *merged,
    struct crm_error *err);
/* The input list that reads kind k from the store: { "@kind", NULL }.
 * Static; can't fail. */
const char **crm_store_paths(enum crm_kind k);
/* A reader over the store's records of kind k (read-only). */
struct crm_reader *crm_store_reader(const char *path, enum crm_kind k,
    struct crm_error *err);

struct crm_import_opts {
	enum crm_kind kind;		/* CRM_KIND_NONE: per file, detected */
	const char *profile;		/* --map: a name or a JSON file */
	const char *rejects;		/* --rejects FILE, or NULL */
	const char *db;			/* --db FILE, or NULL: stdout */
	bool excel_1904;		/* --excel-1904 */
	long tz, as_of;			/* team zone; the day changes are seen */
	const char **files;		/* NULL-terminated */
	struct crm_input_opts input;
	struct crm_writer_opts out;
};

/* Run crm-import.  Returns CRM_EXIT_OK, CRM_EXIT_ERROR (*err set, or
 * records were rejected: each was reported), or CRM_EXIT_TEMPFAIL when the
 * store stayed locked. */
int crm_import_run(const struct crm_import_opts *o, FILE *out,
    struct crm_error *err);

/* The rules crm-import reads a file by, shared with crm-check (import.c). */
/* The kind of input r: given, unless it is CRM_KIND_NONE, else detected
 * from the columns.  Returns it, or CRM_KIND_NONE with *err set. */
enum crm_kind crm_kind_of(const struct crm_reader *r, enum crm_kind given,
    struct crm_error *err);
/* The fields kind k requires that CSV input r has no column for and
 * defaults (indexed by field; may be NULL) gives no value for, stored in
 * missing[] (room for CRM_F_COUNT); returns how many.  JSON Lines inputs
 * are checked per record instead (always 0).  Can't fail. */
size_t crm_kind_missing(const struct crm_reader *r, enum crm_kind k,
    const char *const *defaults, enum crm_field *missing);
/* The fields of kind k's natural key, as crm-store(5) keys it; returns how
 * many (0 for the ledger).  Can't fail. */
size_t crm_kind_key(enum crm_kind k, const enum crm_field **fields);
/* The natural key of a record normalised as kind k: its key values, each
 * followed by US (0x1F).  Returns a new string (free it), or NULL when k
 * has no key or an activity has no activity_id. */
char *crm_norm_key(enum crm_kind k, const struct crm_norm *n);
/* The canonical word for a value of field f (kind, sub_kind, basis or
 * role) as crm-import reads it: "获客成本" -> "acquisition", "Data" ->
 * "data".  Blanks around are ignored, ASCII case folded.  NULL when s
 * names none (or f has no such words).  The one table every tool uses. */
const char *crm_value_word(enum crm_field f, const char *s);
/* A date or time value as crm-import reads one, for every tool: a date
 * or timestamp (crm_time_parse), else an Excel serial (1900 system, from
 * 61; the 1904 system when excel_1904), a fraction being the time of day.
 * Returns 0 with *t set, or -1. */
int crm_value_time(const char *s, long tz, bool excel_1904, struct crm_time *t);
/* The same for a calendar day (a timestamp gives its day in zone tz). */
int crm_value_date(const char *s, long tz, bool excel_1904, long *day);
/* Whether v, as field f of kind k, is an ID that Excel turned into
 * scientific notation (1.38E+10): crm_normalize rejects those.  Can't fail. */
bool crm_id_scientific(enum crm_kind k, enum crm_field f, const char *v);

/* ------------------------------------------------------------------ */
/* Speed: big tables and parallel reading (parallel.c) */

/* n bytes for a table that is read at random (a hash table, per-key
 * state): from 2 MiB on, 2 MiB-aligned and advised for transparent huge
 * pages, so a lookup costs one cache miss and no page walk.  Free it with
 * free().  Can't fail (aborts when memory is out). */
void *crm_huge_alloc(size_t n);
/* Grow such a table from old to n bytes, keeping the old contents.  Can't
 * fail. */
void *crm_huge_realloc(void *p, size_t old, size_t n);

/* A key table's lookup in steps, so a caller can start the cache miss of
 * one record's lookup and finish it a few records later (keytab.c): the
 * hash of key[0..n), a prefetch of its slot, and the find itself (the
 * same answer as crm_keytab_find).  Can't fail. */
uint64_t crm_keytab_hash(const char *key, size_t n);
void crm_keytab_prefetch(const struct crm_keytab *t, uint64_t h);
long crm_keytab_find_hashed(const struct crm_keytab *t, const char *key,
    size_t n, uint64_t h);
/* crm_keytab_add() of key[0..n), h its crm_keytab_hash(). */
long crm_keytab_add_hashed(struct crm_keytab *t, const char *key, size_t n,
    uint64_t h, bool *existed);

/* Lookups in flight over a key table (keytab.c), built on those steps:
 * each key pushed has its slot prefetched, is found a few pushes
 * later, and handed to done() in push order with its index (-1: not in
 * the table) and the two words the caller pushed with it.  A key of 64
 * bytes or more is found at once, after those before it; done() sees its
 * first 63 bytes.  Embed it in the caller's state; no allocation. */
#define CRM_KEYRING_SIZE 16		/* keys in flight */
struct crm_keyring_entry {
	uint64_t h;			/* the key's hash */
	long idx;			/* its index, once found */
	uint64_t data[2];		/* the caller's */
	size_t n;			/* the key's length (at most 63) */
	char key[64];			/* the key, NUL-terminated */
};
typedef void crm_keyring_fn(void *ctx, const struct crm_keyring_entry *e);
struct crm_keyring {
	const struct crm_keytab *t;
	crm_keyring_fn *done;
	void *ctx;
	const char *base;		/* per-key state to prefetch */
	size_t stride;
	unsigned long pushed, found, applied;
	struct crm_keyring_entry e[CRM_KEYRING_SIZE];
};
/* base, when not NULL, is an array of per-key state, stride bytes a key,
 * whose entry is prefetched once a key is found. */
void crm_keyring_init(struct crm_keyring *q, const struct crm_keytab *t,
    crm_keyring_fn *done, void *ctx, const void *base, size_t stride);
/* Push key[0..n), h its crm_keytab_hash() (which the caller may have
 * needed too), with data[0] and data[1]; may call done() for older keys
 * (or this one).  Can't fail. */
void crm_keyring_push(struct crm_keyring *q, const char *key, size_t n,
    uint64_t h, uint64_t d0, uint64_t d1);
/* Find the keys in flight and hand them to done(). */
void crm_keyring_flush(struct crm_keyring *q);

/* How many threads read one input (--jobs; 1 by default).  Process-wide,
 * set by cmd/ before the run.  Can't fail. */
void crm_jobs_set(int n);
int crm_jobs(void);
/* -J/--jobs ARG: set it, or exit 2 with a message when ARG is not 1 to
 * 64. */
void crm_jobs_take(const char *arg);

/* A tool's state in parts, for crm_input_each_par: each part of the
 * input (all of it with one job) is read into a new part by fn (called
 * with the part as its ctx), part_end is called when that part is read
 * (may be NULL; returns how many records fn counted as used that turned
 * out ignored: a tool that resolves records a few at a time), and parts
 * are merged into ctx in input order by part_merge (0, or -1 with *err
 * set), then freed. */
struct crm_par_ops {
	void *(*part_new)(void *ctx);	/* a new, empty part */
	crm_record_fn fn;		/* one record into a part */
	long (*part_end)(void *ctx, void *part);
	int (*part_merge)(void *ctx, void *part, struct crm_error *err);
	void (*part_free)(void *ctx, void *part);
	/* Optional: the part that is ctx's own state.  With it, part_merge
	 * may return CRM_PAR_REPLAY, merging nothing, when the part cannot
	 * be merged exactly (a sum that might have overflowed in the order
	 * of one thread): that part of the input is then read again, in
	 * order, by fn into this part; and an input that is read by one
	 * thread is read into it directly. */
	void *(*part_main)(void *ctx);
	/* Optional, called instead of part_merge: the same, and it may move
	 * the part's records between used, ignored and merged in *c, the
	 * part's counts (a tool whose parts set records aside that only the
	 * merge, in input order, can judge). */
	int (*part_merge_counts)(void *ctx, void *part, struct crm_counts *c,
	    struct crm_error *err);
	/* Optional: a step between reading a part and merging it that must
	 * see the parts in input order, cut into crm_jobs() lanes that do
	 * not depend on each other (crm-score: whether each activity_id was
	 * seen before, each lane holding the ids of one share of hashes).
	 * part_lane(ctx, part, lane, nlanes) is called once for each lane of
	 * each part, before its merge: for one lane in input order, for
	 * different lanes at once, by any thread.  One thread calls it for
	 * the part it reads, lane by lane, unless part_main is set. */
	void (*part_lane)(void *ctx, void *part, int lane, int nlanes);
	/* Optional: empty a part that was merged, keeping its memory, to be
	 * used again instead of a new one (fresh memory costs a page fault
	 * every 4 KiB, and a part of a long input is megabytes). */
	void (*part_reset)(void *ctx, void *part);
};
#define CRM_PAR_REPLAY 1
/* A part_main for a tool whose own state, ctx, is the one-thread part. */
void *crm_par_self(void *ctx);
/* For a part_merge that says something about a record of its part (a
 * warning, in input order): first print the part's rejects that come
 * before that record's line, as one thread would have.  Does nothing
 * outside a merge of --jobs parts.  Can't fail. */
void crm_par_say_before(long line);
/* crm_input_each() and crm_input_all() with crm_jobs() threads: a CSV
 * input in UTF-8 (file or pipe) is cut at record boundaries and its parts
 * read in parallel; anything else is read by one thread.  The messages,
 * counts, line numbers and result are those of one thread. */
int crm_input_each_par(const char *path, const struct crm_input_opts *o,
    const enum crm_field *req, const struct crm_par_ops *ops, void *ctx,
    struct crm_counts *counts, struct crm_error *err);
int crm_input_all_par(const char *const *paths, const struct crm_input_opts *o,
    const enum crm_field *req, const struct crm_par_ops *ops, void *ctx,
    bool *rejects, struct crm_error *err);

/* The record loop of crm_input_each_par over r, a reader the caller has
 * opened and checked, that crm_reader_splittable() says can be cut: the
 * rest of r read with crm_jobs() threads into ops' parts (ops->part_main
 * unused), counts added to *c, the rejects printed as one thread would.
 * Returns 0, or -1 with *err set (a fatal error, or the first reject under
 * --strict). */
int crm_reader_each_par(struct crm_reader *r, const struct crm_input_opts *o,
    const struct crm_par_ops *ops, void *ctx, struct crm_counts *c,
    struct crm_error *err);

/* The reader side of it (reader.c).  Whether r can be cut into chunks
 * (CSV, UTF-8, from a descriptor, between records). */
bool crm_reader_splittable(const struct crm_reader *r);
/* The bytes r has read but not parsed (borrowed, valid until the next
 * call on r), the line they start on, and r's descriptor for the rest;
 * r gives up those bytes. */
const char *crm_reader_rest(struct crm_reader *r, size_t *len, long *line,
    int *fd);
/* A new reader over buf[0..len), a chunk of proto's input that starts on
 * line and at a record boundary: proto's header, delimiter and limits,
 * no header line read.  Can't fail. */
struct crm_reader *crm_reader_open_chunk(const struct crm_reader *proto,
    const char *buf, size_t len, long line);
/* Whether r's input ended inside a record or after a line with no
 * newline (for a chunk: it was not cut at a record boundary). */
bool crm_reader_dirty(const struct crm_reader *r);
/* The same over bytes [off, off + len) of the file open as fd (read with
 * pread; fd stays open).  Can't fail. */
struct crm_reader *crm_reader_open_range(const struct crm_reader *proto,
    int fd, off_t off, size_t len, long line);
/* Count n more bytes of r's input as read (by crm_input_each_par, which
 * reads the rest itself), for the progress line.  Can't fail. */
void crm_reader_add_bytes(struct crm_reader *r, uint64_t n);

#endif /* CRM_H */
