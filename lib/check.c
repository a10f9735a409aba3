/* check.c - crm-check: every input read with crm-import's rules (kind
 * detection, required columns, crm_normalize), nothing written but a
 * report of findings per file and check.
 *
 * The rows stream: cross-file checks keep per-key state only, in key
 * tables (known customer and rep ids, natural keys, references, customer
 * ids per file), and are settled after the last file.  Findings are kept
 * per file and check, at most max_reported of each severity, the rest
 * counted, and the report is written at the end, all at once: a run that
 * cannot finish writes nothing. */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define SEP '\x1f'			/* joins the parts of a table key */

static const char *const names[CRM_CHECK_COUNT] = {
	"encoding", "columns", "rows", "references", "duplicates", "excel_ids",
	"freshness"
};

/* The field a kind's export is dated by (freshness). */
static const enum crm_field stamp[CRM_KIND_COUNT] = {
	[CRM_KIND_CUSTOMERS] = CRM_F_UPDATED_AT,
	[CRM_KIND_ACTIVITIES] = CRM_F_TS,
	[CRM_KIND_REPS] = CRM_F_NONE,
	[CRM_KIND_TASKS] = CRM_F_DUE,
	[CRM_KIND_LEDGER] = CRM_F_DATE,
	[CRM_KIND_POLICIES] = CRM_F_PUBLISHED_AT,
	[CRM_KIND_DECISIONS] = CRM_F_MADE_AT,
	[CRM_KIND_STOCK] = CRM_F_AS_OF,
	[CRM_KIND_SALES] = CRM_F_TS,
	[CRM_KIND_MEMBERS] = CRM_F_NONE,
	[CRM_KIND_SHIPMENTS] = CRM_F_SHIPPED_AT,
};

/* One finding: a failure or a note, at a line of a file. */
struct finding {
	long line;			/* 0: about the whole file */
	size_t seq;			/* order found, among its check's */
	bool info;			/* a note, not a failure */
	const char *msg;		/* in the run's arena */
};

/* One check's outcome for one file. */
struct result {
	const char *skip;		/* why it did not run, or NULL */
	long nfail, ninfo;		/* findings of each severity */
	struct finding *f;		/* those kept for the report */
	size_t nf, cap;			/* how many, room for how many */
	long kept_fail, kept_info;	/* how many of each were kept */
};

/* One input and what its checks found. */
struct file {
	const char *path;		/* as given ("-" is stdin) */
	char name[256];			/* as in messages ("<stdin>") */
	enum crm_kind kind;		/* CRM_KIND_NONE until known */
	bool rows;			/* its rows were read */
	long read, rejected;		/* records */
	struct result res[CRM_CHECK_COUNT];	/* by check */
	bool has_newest;		/* newest is set */
	int64_t newest;			/* newest timestamp, as an instant */
	long newest_line;		/* where it is */
	char newest_val[48];		/* as normalised */
};

/* Where a key was first seen. */
struct loc {
	int file;			/* index in files, -1: the store */
	long line;			/* line there */
};

/* A rep defined by a file: its place and its manager. */
struct repinfo {
	struct loc at;			/* file -1: known from the store only */
	const char *manager;		/* manager_id in the arena, or NULL */
};

/* An id as used by one file: a customer_id, or a rep referred to. */
struct ref {
	long line;			/* first record that makes it */
	long count;			/* records that make it */
};

/* The state of one run over every input. */
struct run {
	const struct crm_check_opts *o;	/* borrowed from the caller */
	struct file *files;		/* the inputs, in order */
	size_t nfiles;			/* how many */
	struct crm_arena *arena;	/* messages, managers */
	struct crm_norm norm;		/* the record being checked */
	struct crm_keytab *cust;	/* known customer ids */
	struct crm_keytab *reps;	/* known rep ids */
	bool have_cust, have_reps;	/* some customers or reps were given */
	struct repinfo *rep;		/* by reps index */
	size_t repcap;			/* room in rep */
	struct crm_keytab *keys[CRM_KIND_COUNT];	/* natural keys seen */
	struct loc *keyloc[CRM_KIND_COUNT];	/* by key index: first place */
	size_t keycap[CRM_KIND_COUNT];	/* room in keyloc */
	struct crm_keytab *cids;	/* "file SEP customer_id": every
					   customer_id of every file */
	struct ref *cref;		/* by cids index */
	size_t ccap;			/* room in cref */
	struct crm_keytab *rids;	/* "file SEP rep_id": reps referred
					   to by activities and tasks */
	struct ref *rref;		/* by rids index */
	size_t rcap;			/* room in rref */
	char *kbuf;			/* scratch for table keys */
	size_t kcap;			/* room in kbuf */
};

const char *
crm_check_name(enum crm_check c)
{
	return c >= 0 && c < CRM_CHECK_COUNT ? names[c] : "unknown";
}

int
crm_check_parse_rate(const char *s, long *out)
{
	long v = 0, scale = 10000;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9') {
		v = v * 10 + (*p++ - '0');
		if (v > 100)
			return -1;
	}
	v *= 10000;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9') {
			if (scale == 1)
				return -1;	/* more than four decimals */
			scale /= 10;
			v += (*p++ - '0') * scale;
		}
	}
	if (*p == '%')
		p++;
	if (*p != '\0' || v > 1000000)
		return -1;
	*out = v;
	return 0;
}

/* Make room for n elements of size sz in array p of capacity *cap.
 * Returns the array, moved or not.  Can't fail. */
static void *
grow(void *p, size_t *cap, size_t n, size_t sz)
{
	if (n <= *cap)
		return p;
	while (*cap < n)
		*cap = *cap ? *cap * 2 : 256;
	return crm_xrealloc(p, *cap * sz);
}

/* Record a finding of check c for file fi.  Can't fail. */
static void add(struct run *run, size_t fi, enum crm_check c, long line,
    bool info, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void
add(struct run *run, size_t fi, enum crm_check c, long line, bool info,
    const char *fmt, ...)
{
	struct result *res = &run->files[fi].res[c];
	long *kept = info ? &res->kept_info : &res->kept_fail;
	va_list ap;
	char buf[1024], *msg;
	int n;

	if (info)
		res->ninfo++;
	else
		res->nfail++;
	if (*kept >= run->o->input.max_reported)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n < sizeof buf) {
		msg = crm_arena_strndup(run->arena, buf, (size_t)n);
	} else {
		char *big = crm_xmalloc((size_t)n + 1);

		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
		msg = crm_arena_strndup(run->arena, big, (size_t)n);
		free(big);
	}
	res->f = grow(res->f, &res->cap, res->nf + 1, sizeof *res->f);
	res->f[res->nf].line = line;
	res->f[res->nf].seq = res->nf;
	res->f[res->nf].info = info;
	res->f[res->nf].msg = msg;
	res->nf++;
	(*kept)++;
}

/* Findings by line, those about the whole file last, else in the order
 * found. */
static int
cmp_finding(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	long lx = x->line > 0 ? x->line : LONG_MAX;
	long ly = y->line > 0 ? y->line : LONG_MAX;

	if (lx != ly)
		return lx < ly ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Skip check c of file fi for reason why, unless it ran or was skipped. */
static void
skip(struct run *run, size_t fi, enum crm_check c, const char *why)
{
	struct result *res = &run->files[fi].res[c];

	if (res->skip == NULL && res->nfail == 0 && res->ninfo == 0)
		res->skip = why;
}

/* Build "file SEP id" in run->kbuf.  Returns it, borrowed until the next
 * call.  Can't fail. */
static const char *
tkey(struct run *run, size_t fi, const char *id)
{
	size_t len = strlen(id), o = 0;
	char num[24];
	int n = 0;

	run->kbuf = grow(run->kbuf, &run->kcap, len + sizeof num + 2, 1);
	do
		num[n++] = (char)('0' + fi % 10);
	while ((fi /= 10) > 0);
	while (n > 0)
		run->kbuf[o++] = num[--n];
	run->kbuf[o++] = SEP;
	memcpy(run->kbuf + o, id, len + 1);
	return run->kbuf;
}

/* The file index a table key starts with, and (in *rest) what follows. */
static size_t
key_file(const char *key, const char **rest)
{
	char *end;
	size_t fi = (size_t)strtoul(key, &end, 10);

	*rest = *end == SEP ? end + 1 : end;
	return fi;
}

/* The normalised value of field f of kind k, "" when k has no such field. */
static const char *
val(enum crm_kind k, const struct crm_norm *n, enum crm_field f)
{
	const enum crm_field *fields;
	size_t nf = crm_kind_fields(k, &fields);

	for (size_t i = 0; i < nf; i++)
		if (fields[i] == f)
			return n->vals[i];
	return "";
}

/* Note that file fi uses id (not empty) at line, in table t with per-id
 * state *refs (room *cap).  Can't fail. */
static void
use_id(struct run *run, struct crm_keytab *t, struct ref **refs, size_t *cap,
    size_t fi, const char *id, long line)
{
	bool existed;
	long idx;

	if (*id == '\0')
		return;
	idx = crm_keytab_add(t, tkey(run, fi, id), &existed);
	if (idx < 0)
		return;
	if (!existed) {
		*refs = grow(*refs, cap, (size_t)idx + 1, sizeof **refs);
		(*refs)[idx].line = line;
		(*refs)[idx].count = 0;
	}
	(*refs)[idx].count++;
}

/* Note a known rep (file fi, or the store when fi is -1). */
static void
known_rep(struct run *run, int fi, long line, const char *id,
    const char *manager)
{
	bool existed;
	long idx = crm_keytab_add(run->reps, id, &existed);

	if (idx < 0)
		return;
	run->rep = grow(run->rep, &run->repcap, (size_t)idx + 1,
	    sizeof *run->rep);
	if (existed && fi < 0)
		return;
	run->rep[idx].at.file = fi;
	run->rep[idx].at.line = line;
	run->rep[idx].manager = manager != NULL && *manager != '\0' ?
	    crm_arena_strndup(run->arena, manager, strlen(manager)) : NULL;
}

/* The natural key of the record in run->norm, for messages:
 * "customer_id 'C1'" or "policy_id 'P1', region '华东', rep_id 'R1'". */
static void
key_text(struct run *run, enum crm_kind k, char *buf, size_t len)
{
	const enum crm_field *kf;
	size_t nk = crm_kind_key(k, &kf), o = 0;

	buf[0] = '\0';
	for (size_t j = 0; j < nk && o < len; j++)
		o += (size_t)snprintf(buf + o, len - o, "%s%s '%s'", j ? ", " : "",
		    crm_field_name(kf[j]), val(k, &run->norm, kf[j]));
}

/* Check one normalised record (run->norm) of file fi, kind k. */
static void
record(struct run *run, size_t fi, enum crm_kind k, long line)
{
	struct file *f = &run->files[fi];
	const struct crm_norm *n = &run->norm;
	char *key = crm_norm_key(k, n);

	if (key != NULL) {
		bool existed;
		long idx = crm_keytab_add(run->keys[k], key, &existed);

		if (idx >= 0 && existed) {
			struct loc at = run->keyloc[k][idx];
			char kt[512];

			key_text(run, k, kt, sizeof kt);
			if ((size_t)at.file == fi)
				add(run, fi, CRM_CHECK_DUPLICATES, line, false,
				    "%s already at line %ld", kt, at.line);
			else
				add(run, fi, CRM_CHECK_DUPLICATES, line, false,
				    "%s already at %s:%ld", kt,
				    run->files[at.file].name, at.line);
		} else if (idx >= 0) {
			run->keyloc[k] = grow(run->keyloc[k], &run->keycap[k],
			    (size_t)idx + 1, sizeof *run->keyloc[k]);
			run->keyloc[k][idx].file = (int)fi;
			run->keyloc[k][idx].line = line;
		}
		free(key);
	}

	switch (k) {
	case CRM_KIND_CUSTOMERS: {
		bool existed;

		(void)crm_keytab_add(run->cust, val(k, n, CRM_F_CUSTOMER_ID),
		    &existed);
		break;
	}
	case CRM_KIND_REPS:
		known_rep(run, (int)fi, line, val(k, n, CRM_F_REP_ID),
		    val(k, n, CRM_F_MANAGER_ID));
		break;
	case CRM_KIND_ACTIVITIES:
		use_id(run, run->rids, &run->rref, &run->rcap, fi,
		    val(k, n, CRM_F_REP_ID), line);
		break;
	case CRM_KIND_TASKS:
		use_id(run, run->rids, &run->rref, &run->rcap, fi,
		    val(k, n, CRM_F_ASSIGNEE_ID), line);
		break;
	default:
		break;
	}
	/* customers' ids, and the references of activities, tasks and
	 * ledger lines to them */
	use_id(run, run->cids, &run->cref, &run->ccap, fi,
	    val(k, n, CRM_F_CUSTOMER_ID), line);

	if (stamp[k] != CRM_F_NONE) {
		const char *v = val(k, n, stamp[k]);
		struct crm_time t;

		if (*v != '\0' && crm_time_parse(v, run->o->tz, &t) == 0) {
			/* a date alone: the end of that day */
			int64_t at = t.t + (t.has_time ? 0 : 86400);

			if (!f->has_newest || at > f->newest) {
				f->has_newest = true;
				f->newest = at;
				f->newest_line = line;
				snprintf(f->newest_val, sizeof f->newest_val, "%s", v);
			}
		}
	}
}

/* A rate in 1/10000 of a percent as text: "25", "33.3333", "0.5". */
static void
rate_text(long e4, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%ld.%04ld", e4 / 10000, e4 % 10000);

	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
}

/* A span of s >= 0 seconds as "24h00m01s".  Can't fail. */
static void
age_text(int64_t s, char *buf, size_t len)
{
	snprintf(buf, len, "%lldh%02dm%02ds", (long long)(s / 3600),
	    (int)(s / 60 % 60), (int)(s % 60));
}

/* The reject rate and freshness of file fi, once its rows are read. */
static void
file_done(struct run *run, size_t fi)
{
	const struct crm_check_opts *o = run->o;
	struct file *f = &run->files[fi];
	char rate[32], limit[32], age[48], asof[48];

	if (f->read == 0) {
		add(run, fi, CRM_CHECK_ROWS, 0, true, "no data records");
	} else if (f->rejected > 0) {
		/* rejected / read against the limit, exactly: both sides
		 * scaled to 1/10000 of a percent */
		long long lhs = (long long)f->rejected * 1000000;
		long long rhs = (long long)o->max_reject * f->read;
		long shown = (long)(((long long)f->rejected * 2000000 / f->read +
		    1) / 2);

		/* rounding must not make an excess look like the limit */
		if (lhs > rhs && shown <= o->max_reject)
			shown = o->max_reject + 1;
		else if (lhs <= rhs && shown > o->max_reject)
			shown = o->max_reject;
		rate_text(shown, rate, sizeof rate);
		rate_text(o->max_reject, limit, sizeof limit);
		add(run, fi, CRM_CHECK_ROWS, 0, lhs <= rhs,
		    "%ld of %ld records rejected (%s%%), %s --max-reject-rate "
		    "%s%%", f->rejected, f->read, rate, lhs <= rhs ? "within" :
		    "over", limit);
	}

	if (o->max_age < 0) {
		skip(run, fi, CRM_CHECK_FRESHNESS, "no --max-age");
	} else if (stamp[f->kind] == CRM_F_NONE) {
		skip(run, fi, CRM_CHECK_FRESHNESS, "reps carry no timestamp");
	} else if (!f->has_newest) {
		add(run, fi, CRM_CHECK_FRESHNESS, 0, false, "no record has a "
		    "value in %s to date the export by",
		    crm_field_name(stamp[f->kind]));
	} else {
		struct crm_time t = { o->as_of, true };
		int64_t a = o->as_of - f->newest;

		age_text(a < 0 ? -a : a, age, sizeof age);
		crm_time_format(&t, o->tz, asof);
		if (a < 0)
			add(run, fi, CRM_CHECK_FRESHNESS, f->newest_line, true,
			    "newest %s %s is %s after %s",
			    crm_field_name(stamp[f->kind]), f->newest_val, age, asof);
		else if (a <= o->max_age)
			add(run, fi, CRM_CHECK_FRESHNESS, f->newest_line, true,
			    "newest %s %s is %s old at %s",
			    crm_field_name(stamp[f->kind]), f->newest_val, age, asof);
		else
			add(run, fi, CRM_CHECK_FRESHNESS, f->newest_line, false,
			    "newest %s %s is %s old at %s, over --max-age %ld",
			    crm_field_name(stamp[f->kind]), f->newest_val, age, asof,
			    o->max_age / 3600);
	}
}

/* Read file fi.  Returns 0 (findings recorded), or -1 with *err set when
 * it cannot be read at all. */
static int
check_file(struct run *run, size_t fi, struct crm_error *err)
{
	const struct crm_check_opts *o = run->o;
	struct file *f = &run->files[fi];
	struct crm_reader *r;
	struct crm_record rec;
	enum crm_field missing[CRM_F_COUNT + 1];
	const enum crm_field *fields;
	const char *enc, *why = NULL;
	size_t nmissing, nf;
	enum crm_kind k;
	bool guessed;

	r = crm_reader_open(f->path, &o->input.reader, err);
	if (r == NULL) {
		/* a header the reader refuses (duplicate columns, ...) is a
		 * finding; a file that cannot be read is an error */
		if (err->line <= 0)
			return -1;
		snprintf(f->name, sizeof f->name, "%s", err->path);
		add(run, fi, CRM_CHECK_COLUMNS, err->line, false, "%s", err->msg);
		for (int c = 0; c < CRM_CHECK_COUNT; c++)
			skip(run, fi, (enum crm_check)c, "header unusable");
		return 0;
	}
	snprintf(f->name, sizeof f->name, "%s", crm_reader_name(r));
	enc = crm_reader_encoding(r, &guessed);
	if (strcmp(enc, "UTF-8") != 0)
		add(run, fi, CRM_CHECK_ENCODING, 0, true, "read as %s%s", enc,
		    guessed ? " (detected from the content; give --encoding to "
		    "be sure)" : "");

	k = crm_kind_of(r, o->kind, err);
	if (k == CRM_KIND_NONE) {
		add(run, fi, CRM_CHECK_COLUMNS, err->line, false, "%s", err->msg);
		why = "kind unknown";
		goto out;
	}
	f->kind = k;
	if (o->kind == CRM_KIND_NONE)
		add(run, fi, CRM_CHECK_COLUMNS, 0, true,
		    "%s (detected from the columns)", crm_kind_name(k));
	nmissing = crm_kind_missing(r, k, NULL, missing);
	for (size_t i = 0; i < nmissing; i++) {
		enum crm_field req[2] = { missing[i], CRM_F_NONE };
		struct crm_error e = CRM_ERROR_INIT;

		(void)crm_reader_require(r, req, &e);
		add(run, fi, CRM_CHECK_COLUMNS, e.line, false, "%s", e.msg);
	}
	if (nmissing > 0) {
		why = "required columns missing";
		goto out;
	}
	if (o->schema_only) {
		why = "--schema-only";
		goto out;
	}

	if (k == CRM_KIND_CUSTOMERS)
		run->have_cust = true;
	if (k == CRM_KIND_REPS)
		run->have_reps = true;
	f->rows = true;
	nf = crm_kind_fields(k, &fields);
	for (;;) {
		enum crm_read_status st = crm_reader_next(r, &rec, err);

		if (st == CRM_READ_EOF)
			break;
		if (st == CRM_READ_FATAL) {
			crm_reader_free(r);
			return -1;
		}
		f->read++;
		if (st == CRM_READ_REJECT) {
			f->rejected++;
			add(run, fi, CRM_CHECK_ROWS, err->line, true, "%s", err->msg);
			continue;
		}
		if (crm_normalize(k, r, &rec, o->tz, &run->norm, err) == -1) {
			f->rejected++;
			add(run, fi, CRM_CHECK_ROWS, rec.line, true, "%s", err->msg);
			for (size_t i = 0; i < nf; i++) {
				const char *v = crm_record_get(r, &rec, fields[i]);

				if (crm_id_scientific(k, fields[i], v))
					add(run, fi, CRM_CHECK_EXCEL_IDS, rec.line,
					    false, "%s '%s' looks like a number Excel "
					    "turned into scientific notation; export "
					    "the column as text",
					    crm_field_name(fields[i]), v);
			}
			continue;
		}
		record(run, fi, k, rec.line);
	}
	file_done(run, fi);
out:
	/* columns the kind does not have: crm-import ignores them (JSON
	 * Lines columns are the keys seen in the records read) */
	if (f->kind != CRM_KIND_NONE) {
		const int *cols = crm_reader_cols(r);

		nf = crm_kind_fields(f->kind, &fields);
		for (size_t c = 0; c < crm_reader_ncols(r); c++) {
			bool used = false;

			for (size_t i = 0; i < nf && !used; i++)
				used = cols[fields[i]] == (int)c;
			if (!used)
				add(run, fi, CRM_CHECK_COLUMNS, 0, true, "column '%s' "
				    "is not a %s field; crm-import ignores it",
				    crm_reader_colname(r, c), crm_kind_name(f->kind));
		}
	}
	crm_reader_free(r);
	if (why != NULL)
		for (int c = CRM_CHECK_ROWS; c < CRM_CHECK_COUNT; c++)
			skip(run, fi, (enum crm_check)c, why);
	return 0;
}

/* Read the store's customer and rep ids as known.  -1 with *err set. */
static int
load_store(struct run *run, struct crm_error *err)
{
	static const enum crm_kind ks[] = { CRM_KIND_CUSTOMERS, CRM_KIND_REPS };

	for (size_t i = 0; i < 2; i++) {
		struct crm_reader *r = crm_store_reader(run->o->db, ks[i], err);
		struct crm_record rec;
		enum crm_read_status st;
		enum crm_field idf = ks[i] == CRM_KIND_CUSTOMERS ?
		    CRM_F_CUSTOMER_ID : CRM_F_REP_ID;

		if (r == NULL)
			return -1;
		while ((st = crm_reader_next(r, &rec, err)) == CRM_READ_OK) {
			const char *id = crm_record_get(r, &rec, idf);

			if (id == NULL || *id == '\0')
				continue;
			if (ks[i] == CRM_KIND_CUSTOMERS) {
				bool existed;

				(void)crm_keytab_add(run->cust, id, &existed);
				run->have_cust = true;
			} else {
				known_rep(run, -1, 0, id, NULL);
				run->have_reps = true;
			}
		}
		crm_reader_free(r);
		if (st != CRM_READ_EOF)
			return -1;
	}
	return 0;
}

/* The finding for file fi's reference r to an unknown customer or rep id. */
static void
unknown(struct run *run, size_t fi, const struct ref *r, const char *id,
    bool rep)
{
	const struct file *f = &run->files[fi];
	char more[48] = "";

	if (r->count > 1)
		snprintf(more, sizeof more, " (%ld records, the first here)",
		    r->count);
	if (!rep)
		add(run, fi, CRM_CHECK_REFERENCES, r->line, false,
		    "customer_id '%s' is not a known customer%s", id, more);
	else
		add(run, fi, CRM_CHECK_REFERENCES, r->line, false,
		    "%s '%s' is not a known rep%s", f->kind == CRM_KIND_TASKS ?
		    "assignee_id" : "rep_id", id, more);
}

/* References to customers and reps no input knows. */
static void
settle_references(struct run *run)
{
	for (size_t i = 0; i < crm_keytab_count(run->cids) && run->have_cust;
	    i++) {
		const char *id;
		size_t fi = key_file(crm_keytab_key(run->cids, (long)i), &id);
		enum crm_kind k = run->files[fi].kind;

		if ((k == CRM_KIND_ACTIVITIES || k == CRM_KIND_TASKS ||
		    k == CRM_KIND_LEDGER || k == CRM_KIND_SHIPMENTS) &&
		    crm_keytab_find(run->cust, id) == -1)
			unknown(run, fi, &run->cref[i], id, false);
	}
	for (size_t i = 0; i < crm_keytab_count(run->rids) && run->have_reps;
	    i++) {
		const char *id;
		size_t fi = key_file(crm_keytab_key(run->rids, (long)i), &id);

		if (crm_keytab_find(run->reps, id) == -1)
			unknown(run, fi, &run->rref[i], id, true);
	}
	for (size_t fi = 0; fi < run->nfiles; fi++) {
		const struct file *f = &run->files[fi];

		if (!f->rows)
			continue;
		switch (f->kind) {
		case CRM_KIND_ACTIVITIES:
		case CRM_KIND_TASKS:
			if (!run->have_cust && !run->have_reps)
				skip(run, fi, CRM_CHECK_REFERENCES,
				    "no customers or reps given");
			break;
		case CRM_KIND_LEDGER:
		case CRM_KIND_SHIPMENTS:
			if (!run->have_cust)
				skip(run, fi, CRM_CHECK_REFERENCES,
				    "no customers given");
			break;
		case CRM_KIND_REPS:
			break;
		case CRM_KIND_CUSTOMERS:
			skip(run, fi, CRM_CHECK_REFERENCES,
			    "no references checked in customers");
			break;
		default:
			skip(run, fi, CRM_CHECK_REFERENCES,
			    f->kind == CRM_KIND_POLICIES ?
			    "no references checked in policies" :
			    f->kind == CRM_KIND_DECISIONS ?
			    "no references checked in decisions" :
			    "no references checked in this kind");
			break;
		}
	}
}

/* Managers no input knows, and management cycles (a rep who is their own
 * manager is a cycle of one), each reported at its member read first. */
static void
settle_reps(struct run *run)
{
	size_t n = crm_keytab_count(run->reps);
	long *next = crm_xmalloc((n + 1) * sizeof *next);
	char *color = crm_xmalloc(n + 1);
	long *path = crm_xmalloc((n + 1) * sizeof *path);

	for (size_t i = 0; i < n; i++) {
		const struct repinfo *ri = &run->rep[i];

		next[i] = -1;
		color[i] = 0;
		if (ri->at.file < 0 || ri->manager == NULL)
			continue;
		next[i] = crm_keytab_find(run->reps, ri->manager);
		if (next[i] == -1)
			add(run, (size_t)ri->at.file, CRM_CHECK_REFERENCES,
			    ri->at.line, false,
			    "rep '%s': manager_id '%s' is not a known rep",
			    crm_keytab_key(run->reps, (long)i), ri->manager);
	}
	for (size_t s = 0; s < n; s++) {
		size_t len = 0;
		long v = (long)s;

		/* follow the managers; a node seen on this walk closes a cycle */
		while (v != -1 && color[v] == 0) {
			color[v] = 1;
			path[len++] = v;
			v = next[v];
		}
		if (v != -1 && color[v] == 1) {
			size_t from = 0, first;
			char *buf = NULL;
			size_t blen = 0;
			FILE *m;

			while (path[from] != v)
				from++;
			first = from;
			for (size_t j = from; j < len; j++) {
				const struct loc *a = &run->rep[path[j]].at;
				const struct loc *b = &run->rep[path[first]].at;

				if (a->file < b->file ||
				    (a->file == b->file && a->line < b->line))
					first = j;
			}
			m = open_memstream(&buf, &blen);
			if (len - from == 1) {
				fprintf(m, "rep '%s' is their own manager",
				    crm_keytab_key(run->reps, v));
			} else {
				fputs("reps form a management cycle: ", m);
				for (size_t j = 0; j <= len - from; j++)
					fprintf(m, "%s%s", j ? " -> " : "",
					    crm_keytab_key(run->reps, path[from +
					    (first - from + j) % (len - from)]));
			}
			fclose(m);
			add(run, (size_t)run->rep[path[first]].at.file,
			    CRM_CHECK_REFERENCES, run->rep[path[first]].at.line,
			    false, "%s", buf);
			free(buf);
		}
		for (size_t j = 0; j < len; j++)
			color[path[j]] = 2;
	}
	free(next);
	free(color);
	free(path);
}

/* Whether s is all ASCII digits (and not empty). */
static bool
digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* Customer ids that are another file's id without its leading zeros
 * (123 against 00123): Excel read the column as a number. */
static void
settle_zeros(struct run *run)
{
	size_t n = crm_keytab_count(run->cids);
	char *done = crm_xmalloc(n + 1);

	memset(done, 0, n + 1);
	for (size_t i = 0; i < n; i++) {
		const char *w;
		size_t b = key_file(crm_keytab_key(run->cids, (long)i), &w);
		const char *s = w + strspn(w, "0");

		if (w[0] != '0' || !digits(w) || *s == '\0')
			continue;
		for (size_t a = 0; a < run->nfiles; a++) {
			long j;

			if (a == b)
				continue;
			j = crm_keytab_find(run->cids, tkey(run, a, s));
			if (j < 0 || done[j])
				continue;
			done[j] = 1;
			add(run, a, CRM_CHECK_EXCEL_IDS, run->cref[j].line, false,
			    "customer_id '%s' looks like '%s' (%s:%ld) with its "
			    "leading zeros lost, as Excel does to numbers; export "
			    "the column as text", s, w, run->files[b].name,
			    run->cref[i].line);
		}
	}
	free(done);
}

/* ---- the report ---- */

enum esc {
	ESC_TEXT,			/* control characters escaped */
	ESC_TAPDESC,			/* and '#' as "\#" */
	ESC_XML				/* and & < > " as entities (attributes
					   are in double quotes) */
};

/* Write s with what would break the format escaped: control characters
 * and bytes that are not UTF-8 as \n, \t, \xNN; U+FFFE and U+FFFF (not
 * XML characters) as \uFFFE.  Can't fail (write errors show in ferror). */
static void
put(FILE *out, const char *s, enum esc e)
{
	size_t n = strlen(s);

	while (n > 0) {
		size_t ok = crm_utf8_check(s, n);

		for (size_t i = 0; i < ok; i++) {
			unsigned char c = (unsigned char)s[i];

			if (c == '\n')
				fputs("\\n", out);
			else if (c == '\t')
				fputs("\\t", out);
			else if (c == '\r')
				fputs("\\r", out);
			else if (c < 0x20 || c == 0x7f)
				fprintf(out, "\\x%02X", c);
			else if (c == 0xEF && i + 2 < ok &&
			    (unsigned char)s[i + 1] == 0xBF &&
			    ((unsigned char)s[i + 2] & 0xFE) == 0xBE) {
				fprintf(out, "\\u%s", s[i + 2] & 1 ? "FFFF" : "FFFE");
				i += 2;
			} else if (e == ESC_TAPDESC && c == '#')
				fputs("\\#", out);
			else if (e == ESC_XML && c == '&')
				fputs("&amp;", out);
			else if (e == ESC_XML && c == '<')
				fputs("&lt;", out);
			else if (e == ESC_XML && c == '>')
				fputs("&gt;", out);
			else if (e == ESC_XML && c == '"')
				fputs("&quot;", out);
			else
				fputc(c, out);
		}
		s += ok;
		n -= ok;
		if (n > 0) {
			fprintf(out, "\\x%02X", (unsigned char)*s);
			s++;
			n--;
		}
	}
}

/* One finding as "file:line: check: [info: ]message". */
static void
put_finding(FILE *out, const struct file *f, enum crm_check c,
    const struct finding *fd, enum esc e)
{
	char line[32] = "";

	if (fd->line > 0)
		snprintf(line, sizeof line, ":%ld", fd->line);
	put(out, f->name, e);
	fprintf(out, "%s: %s: %s", line, names[c], fd->info ? "info: " : "");
	put(out, fd->msg, e);
}

/* The findings not kept, as one line each ("file: check: N more ..."). */
static void
put_more(FILE *out, const struct file *f, enum crm_check c, bool info,
    const char *prefix, enum esc e)
{
	const struct result *res = &f->res[c];
	long more = info ? res->ninfo - res->kept_info :
	    res->nfail - res->kept_fail;

	if (more <= 0)
		return;
	fputs(prefix, out);
	put(out, f->name, e);
	fprintf(out, ": %s: %s%ld more %s not shown\n", names[c],
	    info ? "info: " : "", more, info ? "notes" : more == 1 ?
	    "finding" : "findings");
}

/* Every finding of one check of one file, a line each, with prefix. */
static void
put_findings(FILE *out, const struct file *f, enum crm_check c, int which,
    const char *prefix, enum esc e)
{
	const struct result *res = &f->res[c];

	/* which: 0 every finding, 1 failures only, 2 notes only */
	for (size_t i = 0; i < res->nf; i++) {
		if ((which == 1 && res->f[i].info) || (which == 2 && !res->f[i].info))
			continue;
		fputs(prefix, out);
		put_finding(out, f, c, &res->f[i], e);
		fputc('\n', out);
	}
	if (which != 2)
		put_more(out, f, c, false, prefix, e);
	if (which != 1)
		put_more(out, f, c, true, prefix, e);
}

/* The text report: the findings, then a summary line per check. */
static void
report_text(struct run *run, FILE *out)
{
	for (size_t fi = 0; fi < run->nfiles; fi++)
		for (int c = 0; c < CRM_CHECK_COUNT; c++)
			put_findings(out, &run->files[fi], (enum crm_check)c, 0, "",
			    ESC_TEXT);
	for (int c = 0; c < CRM_CHECK_COUNT; c++) {
		long nfail = 0, ninfo = 0;
		const char *why = NULL;
		bool ran = false;

		for (size_t fi = 0; fi < run->nfiles; fi++) {
			const struct result *res = &run->files[fi].res[c];

			if (res->skip != NULL) {
				if (why == NULL)
					why = res->skip;
				continue;
			}
			ran = true;
			nfail += res->nfail;
			ninfo += res->ninfo;
		}
		if (!ran) {
			fprintf(out, "%s: skipped (%s)\n", names[c], why);
			continue;
		}
		fprintf(out, "%s: %ld finding%s", names[c], nfail,
		    nfail == 1 ? "" : "s");
		if (ninfo > 0)
			fprintf(out, ", %ld info", ninfo);
		fprintf(out, ", %s\n", nfail > 0 ? "fail" : "pass");
	}
}

/* The TAP report: a test point per file and check, the plan last. */
static void
report_tap(struct run *run, FILE *out)
{
	int n = 0;

	for (size_t fi = 0; fi < run->nfiles; fi++) {
		const struct file *f = &run->files[fi];

		for (int c = 0; c < CRM_CHECK_COUNT; c++) {
			const struct result *res = &f->res[c];

			fprintf(out, "%sok %d - %s ", res->nfail > 0 ? "not " : "",
			    ++n, names[c]);
			put(out, f->name, ESC_TAPDESC);
			if (res->skip != NULL) {
				fputs(" # SKIP ", out);
				put(out, res->skip, ESC_TAPDESC);
			}
			fputc('\n', out);
			put_findings(out, f, (enum crm_check)c, 0, "# ", ESC_TEXT);
		}
	}
	fprintf(out, "1..%d\n", n);
}

/* The JUnit XML report: a testsuite per file, a testcase per check. */
static void
report_junit(struct run *run, FILE *out)
{
	long tests = 0, failures = 0, skipped = 0;

	for (size_t fi = 0; fi < run->nfiles; fi++)
		for (int c = 0; c < CRM_CHECK_COUNT; c++) {
			tests++;
			failures += run->files[fi].res[c].nfail > 0;
			skipped += run->files[fi].res[c].skip != NULL;
		}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fprintf(out, "<testsuites name=\"crm-check\" tests=\"%ld\" failures=\"%ld\" "
	    "errors=\"0\" skipped=\"%ld\" time=\"0\">\n", tests, failures, skipped);
	for (size_t fi = 0; fi < run->nfiles; fi++) {
		const struct file *f = &run->files[fi];

		failures = skipped = 0;
		for (int c = 0; c < CRM_CHECK_COUNT; c++) {
			failures += f->res[c].nfail > 0;
			skipped += f->res[c].skip != NULL;
		}
		fputs("  <testsuite name=\"", out);
		put(out, f->name, ESC_XML);
		fprintf(out, "\" tests=\"%d\" failures=\"%ld\" errors=\"0\" "
		    "skipped=\"%ld\" time=\"0\">\n", CRM_CHECK_COUNT, failures,
		    skipped);
		for (int c = 0; c < CRM_CHECK_COUNT; c++) {
			const struct result *res = &f->res[c];
			const struct finding *first = NULL;

			fprintf(out, "    <testcase name=\"%s\" classname=\"", names[c]);
			put(out, f->name, ESC_XML);
			fputs("\" time=\"0\"", out);
			if (res->skip == NULL && res->nf == 0 && res->nfail == 0 &&
			    res->ninfo == 0) {
				fputs("/>\n", out);
				continue;
			}
			fputs(">\n", out);
			if (res->skip != NULL) {
				fputs("      <skipped message=\"", out);
				put(out, res->skip, ESC_XML);
				fputs("\"/>\n", out);
			}
			for (size_t i = 0; i < res->nf && first == NULL; i++)
				if (!res->f[i].info)
					first = &res->f[i];
			if (res->nfail > 0) {
				fputs("      <failure message=\"", out);
				if (first != NULL)
					put(out, first->msg, ESC_XML);
				if (res->nfail > 1)
					fprintf(out, " (and %ld more)", res->nfail - 1);
				fprintf(out, "\" type=\"%s\">", names[c]);
				put_findings(out, f, (enum crm_check)c, 1, "", ESC_XML);
				fputs("</failure>\n", out);
			}
			if (res->ninfo > 0) {
				fputs("      <system-out>", out);
				put_findings(out, f, (enum crm_check)c, 2, "", ESC_XML);
				fputs("</system-out>\n", out);
			}
			fputs("    </testcase>\n", out);
		}
		fputs("  </testsuite>\n", out);
	}
	fputs("</testsuites>\n", out);
}

/* Free everything run holds.  Can't fail. */
static void
run_free(struct run *run)
{
	for (size_t fi = 0; fi < run->nfiles; fi++)
		for (int c = 0; c < CRM_CHECK_COUNT; c++)
			free(run->files[fi].res[c].f);
	free(run->files);
	for (int k = 0; k < CRM_KIND_COUNT; k++) {
		crm_keytab_free(run->keys[k]);
		free(run->keyloc[k]);
	}
	crm_keytab_free(run->cust);
	crm_keytab_free(run->reps);
	crm_keytab_free(run->cids);
	crm_keytab_free(run->rids);
	free(run->rep);
	free(run->cref);
	free(run->rref);
	free(run->kbuf);
	crm_norm_free(&run->norm);
	crm_arena_free(run->arena);
}

int
crm_check_run(const struct crm_check_opts *o, FILE *out, struct crm_error *err)
{
	struct run run;
	int status = CRM_EXIT_OK;

	memset(&run, 0, sizeof run);
	run.o = o;
	while (o->files[run.nfiles] != NULL)
		run.nfiles++;
	run.files = crm_xmalloc((run.nfiles + 1) * sizeof *run.files);
	memset(run.files, 0, (run.nfiles + 1) * sizeof *run.files);
	for (size_t fi = 0; fi < run.nfiles; fi++) {
		run.files[fi].path = o->files[fi];
		run.files[fi].kind = CRM_KIND_NONE;
		snprintf(run.files[fi].name, sizeof run.files[fi].name, "%s",
		    o->files[fi]);
	}
	run.arena = crm_arena_new();
	run.cust = crm_keytab_new();
	run.reps = crm_keytab_new();
	run.cids = crm_keytab_new();
	run.rids = crm_keytab_new();
	for (int k = 0; k < CRM_KIND_COUNT; k++)
		run.keys[k] = crm_keytab_new();

	if (o->db != NULL && !o->schema_only && load_store(&run, err) == -1) {
		status = CRM_EXIT_ERROR;
		goto out;
	}
	for (size_t fi = 0; fi < run.nfiles; fi++)
		if (check_file(&run, fi, err) == -1) {
			status = CRM_EXIT_ERROR;
			goto out;
		}
	settle_references(&run);
	settle_reps(&run);
	settle_zeros(&run);
	for (size_t fi = 0; fi < run.nfiles; fi++) {
		if (run.files[fi].kind == CRM_KIND_LEDGER)
			skip(&run, fi, CRM_CHECK_DUPLICATES,
			    "ledger lines have no key");
		for (int c = 0; c < CRM_CHECK_COUNT; c++) {
			struct result *res = &run.files[fi].res[c];

			if (res->nf > 1)
				crm_sort(res->f, res->nf, sizeof *res->f,
				    cmp_finding);
			if (res->nfail > 0)
				status = CRM_EXIT_FINDING;
		}
	}
	if (o->format == CRM_CHECK_TAP)
		report_tap(&run, out);
	else if (o->format == CRM_CHECK_JUNIT)
		report_junit(&run, out);
	else
		report_text(&run, out);
	if (ferror(out)) {
		crm_error_set(err, NULL, 0, 0, "write error");
		status = CRM_EXIT_ERROR;
	}
out:
	run_free(&run);
	return status;
}
