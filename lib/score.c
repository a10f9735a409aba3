/* score.c - crm-score: the action-value weights (DOMAIN.md) and the score
 * of each rep, region or manager over an ISO week, with the points of each
 * activity type so every score can be checked by hand.
 *
 * Activities stream.  State is one entry per rep and, for the weeks scored,
 * one activity_id per activity (to count each once) and the visits and
 * advancing actions per customer (to find visits followed by an advancing
 * action): memory is bounded by the reps and the activities in the window,
 * never by the whole input. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <uthash.h>

#include "score.h"

/* ------------------------------------------------------------------ */
/* Activity types and weights */

/* The canonical activity types of DOMAIN.md. */
static const char *const canonical_types[] = {
	"visit", "call", "proposal", "pdf_blast", "complaint_invalid", "quote",
	"sample_request", "demo_booked", "collab_started", "rx_sale",
	"rx_review", "stock_deduct", "dispatch"
};

/* Other names of canonical types, as exports write them; crm-score(1)
 * lists them.  Written canonicalised: trimmed, ASCII in lower case. */
static const struct {
	const char *alias;		/* as written in data */
	const char *type;		/* canonical type */
} aliases[] = {
	{ "发送定制方案", "proposal" },
	{ "群发通用pdf", "pdf_blast" },
	{ "无效客诉处理", "complaint_invalid" },
	{ "拜访", "visit" },
	{ "电话", "call" },
	{ "报价", "quote" },
	{ "申请样品", "sample_request" },
	{ "样品申请", "sample_request" },
	{ "索样", "sample_request" },
	{ "预约演示", "demo_booked" },
	{ "发起内部协作", "collab_started" },
	{ "处方药销售", "rx_sale" },
	{ "处方审核", "rx_review" },
	{ "库存扣减", "stock_deduct" },
	{ "物流派单", "dispatch" },
};

/* The built-in weights, in hundredths; share/weights.csv says the same
 * (t/4020-score-weights.t checks that they agree). */
static const struct {
	const char *type;		/* canonical type */
	long w;				/* weight in hundredths */
} default_weights[] = {
	{ "proposal", 300 },		/* the article's three */
	{ "pdf_blast", 50 },
	{ "complaint_invalid", -100 },
	{ "demo_booked", 300 },		/* actions that advance the deal */
	{ "collab_started", 200 },
	{ "quote", 200 },
	{ "sample_request", 200 },
	{ "visit", 100 },		/* contact, the vanity metrics */
	{ "call", 50 },
	{ "rx_sale", 0 },		/* pharmacy process steps: no sales */
	{ "rx_review", 0 },		/*   action, scored by other tools */
	{ "stock_deduct", 0 },
	{ "dispatch", 0 },
};

/* Output columns a type may not be named after. */
static const char *const reserved_names[] = {
	"rank", "rep_id", "name", "region", "manager_id", "reps", "score",
	"activities", "unknown", "advanced_visits"
};

/* One weighted type. */
struct wentry {
	char *type;			/* canonical name, owned */
	long w;				/* weight in hundredths */
	long line;			/* where the file gave it, 0 built-in */
	size_t idx;			/* position in the order given */
	UT_hash_handle hh;		/* keyed by type */
};

/* The weights: a hash for lookups, a list for the order. */
struct crm_weights {
	struct wentry *map;		/* by type */
	struct wentry **list;		/* in the order given */
	size_t n, cap;			/* entries in list, allocated */
};

/* Copy s[0..n) into buf (len bytes, NUL included), cut at a UTF-8
 * character boundary when it does not fit. */
static void
copy_cut(char *buf, size_t len, const char *s, size_t n)
{
	if (n >= len) {
		n = len - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
}

/* Length of the blank ending at end (after s): a space, a tab or the
 * ideographic space U+3000; 0 when there is none. */
static size_t
blank_before(const char *s, const char *end)
{
	if (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		return 1;
	if (end - s >= 3 && memcmp(end - 3, "\xE3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* Trim, fold ASCII case, map aliases; see score.h. */
char *
crm_type_canonical(const char *type, char *buf, size_t len)
{
	const char *end;
	size_t i, n, k;

	for (;;) {
		if (*type == ' ' || *type == '\t')
			type++;
		else if (strncmp(type, "\xE3\x80\x80", 3) == 0)
			type += 3;
		else
			break;
	}
	end = type + strlen(type);
	while ((k = blank_before(type, end)) > 0)
		end -= k;
	copy_cut(buf, len, type, (size_t)(end - type));
	/* a cut may have left a blank at the end */
	n = strlen(buf);
	while ((k = blank_before(buf, buf + n)) > 0)
		buf[n -= k] = '\0';
	for (n = 0; buf[n]; n++)
		if (buf[n] >= 'A' && buf[n] <= 'Z')
			buf[n] = (char)(buf[n] - 'A' + 'a');
	for (i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcmp(buf, aliases[i].alias) == 0) {
			copy_cut(buf, len, aliases[i].type, strlen(aliases[i].type));
			break;
		}
	return buf;
}

/* A linear search of 13 names.  Can't fail. */
bool
crm_type_is_canonical(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof canonical_types / sizeof canonical_types[0]; i++)
		if (strcmp(name, canonical_types[i]) == 0)
			return true;
	return false;
}

/* Exact: digits are read as integers, never through a double.  See
 * score.h for the syntax. */
int
crm_weight_parse(const char *s, long *hundredths, char *why, size_t len)
{
	const char *p = s, *digits;
	long v = 0, frac = 0;
	int neg = 0, places = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	digits = p;
	while (*p >= '0' && *p <= '9') {
		if (v <= CRM_WEIGHT_MAX / 100)
			v = v * 10 + (*p - '0');
		p++;
	}
	if (p == digits)
		goto nan;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			goto nan;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (places < 2)
				frac = frac * 10 + (*p - '0');
			else if (*p != '0') {
				snprintf(why, len, "more than 2 decimals");
				return -1;
			}
			places++;
		}
		if (places == 1)
			frac *= 10;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\0')
		goto nan;
	if (v > CRM_WEIGHT_MAX / 100 || v * 100 + frac > CRM_WEIGHT_MAX) {
		snprintf(why, len, "more than %d in size", CRM_WEIGHT_MAX / 100);
		return -1;
	}
	*hundredths = neg ? -(v * 100 + frac) : v * 100 + frac;
	return 0;
nan:
	snprintf(why, len, "not a decimal number");
	return -1;
}

/* hundredths as [-]units.cc.  Can't fail. */
void
crm_weight_format(long hundredths, char *buf)
{
	unsigned long a = hundredths < 0 ? 0UL - (unsigned long)hundredths :
	    (unsigned long)hundredths;

	snprintf(buf, 24, "%s%lu.%02lu", hundredths < 0 ? "-" : "", a / 100,
	    a % 100);
}

/* Returns a new, empty table.  Can't fail. */
static struct crm_weights *
weights_new(void)
{
	struct crm_weights *w = crm_xmalloc(sizeof *w);

	w->map = NULL;
	w->list = NULL;
	w->n = w->cap = 0;
	return w;
}

/* Add type (as written) with weight v, given on line (0: built in).
 * Returns 0, or -1 with err->msg set when the type is empty, given twice
 * (perhaps under a Chinese name) or would clash with an output column. */
static int
weights_add(struct crm_weights *w, const char *type, long v, long line,
    struct crm_error *err)
{
	char name[256];
	struct wentry *e;
	long monday;
	size_t i;

	crm_type_canonical(type, name, sizeof name);
	if (name[0] == '\0') {
		crm_error_set(err, NULL, 0, 0, "empty type");
		return -1;
	}
	HASH_FIND_STR(w->map, name, e);
	if (e != NULL) {
		crm_error_set(err, NULL, 0, 0,
		    "type '%s' is given twice (first on line %ld)", name,
		    e->line);
		return -1;
	}
	for (i = 0; i < sizeof reserved_names / sizeof reserved_names[0]; i++)
		if (strcmp(name, reserved_names[i]) == 0) {
			crm_error_set(err, NULL, 0, 0,
			    "type '%s' has the name of an output column", name);
			return -1;
		}
	if (crm_week_parse(name, &monday) == 0) {
		crm_error_set(err, NULL, 0, 0,
		    "type '%s' has the name of a --trend column", name);
		return -1;
	}
	e = crm_xmalloc(sizeof *e);
	e->type = crm_xstrdup(name);
	e->w = v;
	e->line = line;
	e->idx = w->n;
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->list = crm_xrealloc(w->list, w->cap * sizeof *w->list);
	}
	w->list[w->n++] = e;
	HASH_ADD_KEYPTR(hh, w->map, e->type, strlen(e->type), e);
	return 0;
}

/* The built-in table: default_weights[] cannot clash or repeat, so the
 * adds cannot fail. */
struct crm_weights *
crm_weights_default(void)
{
	struct crm_weights *w = weights_new();
	struct crm_error err = CRM_ERROR_INIT;
	size_t i;

	for (i = 0; i < sizeof default_weights / sizeof default_weights[0]; i++)
		(void)weights_add(w, default_weights[i].type,
		    default_weights[i].w, 0, &err);
	return w;
}

/* Number of weighted types.  Can't fail. */
size_t
crm_weights_count(const struct crm_weights *w)
{
	return w->n;
}

/* The i-th type (borrowed) and its weight.  i must be < the count. */
const char *
crm_weights_at(const struct crm_weights *w, size_t i, long *hundredths)
{
	*hundredths = w->list[i]->w;
	return w->list[i]->type;
}

/* Index of type's weight after canonicalising it, or -1. */
long
crm_weights_find(const struct crm_weights *w, const char *type)
{
	char name[256];
	struct wentry *e;

	crm_type_canonical(type, name, sizeof name);
	HASH_FIND_STR(w->map, name, e);
	return e ? (long)e->idx : -1;
}

/* Free w and its strings; NULL is fine. */
void
crm_weights_free(struct crm_weights *w)
{
	size_t i;

	if (w == NULL)
		return;
	HASH_CLEAR(hh, w->map);
	for (i = 0; i < w->n; i++) {
		free(w->list[i]->type);
		free(w->list[i]);
	}
	free(w->list);
	free(w);
}

/* Add type with the weight text value given at name:line; -1 with *err
 * set (file and line) when either is bad. */
static int
add_text(struct crm_weights *w, const char *name, long line, const char *type,
    const char *value, struct crm_error *err)
{
	char why[64];
	long v;

	if (crm_weight_parse(value, &v, why, sizeof why) == -1) {
		crm_error_set(err, name, line, 0, "type '%s': weight '%s': %s",
		    type, value, why);
		return -1;
	}
	if (weights_add(w, type, v, line, err) == -1) {
		char msg[sizeof err->msg];

		memcpy(msg, err->msg, sizeof msg);
		crm_error_set(err, name, line, 0, "%s", msg);
		return -1;
	}
	return 0;
}

/* Whether a CSV header names the weight column: weight, weights, 权重 or
 * 分值, blanks and ASCII case aside. */
static bool
is_weight_header(const char *h)
{
	static const char *const names[] = { "weight", "weights", "权重", "分值" };
	char buf[64];
	size_t i;

	crm_type_canonical(h, buf, sizeof buf);
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(buf, names[i]) == 0)
			return true;
	return false;
}

/* A weights CSV through the shared reader: a header with the columns type
 * (or one of its synonyms in crm(7)) and weight, then one type a row. */
static struct crm_weights *
parse_csv(const char *name, const char *buf, size_t len, struct crm_error *err)
{
	struct crm_reader_opts ro = CRM_READER_OPTS_INIT;
	struct crm_reader *r;
	struct crm_record rec;
	struct crm_weights *w;
	enum crm_read_status st;
	long tcol, wcol = -1;
	size_t i;

	ro.format = CRM_FMT_CSV;
	if ((r = crm_reader_open_mem(name, buf, len, &ro, err)) == NULL)
		return NULL;
	tcol = crm_reader_col(r, CRM_F_TYPE);
	for (i = 0; i < crm_reader_ncols(r); i++)
		if (is_weight_header(crm_reader_colname(r, i)))
			wcol = (long)i;
	if (tcol < 0 || wcol < 0) {
		crm_error_set(err, name, 1, 0,
		    "expected a header with the columns type and weight");
		crm_reader_free(r);
		return NULL;
	}
	w = weights_new();
	while ((st = crm_reader_next(r, &rec, err)) != CRM_READ_EOF) {
		const char *type, *value;

		if (st != CRM_READ_OK)
			goto fail;
		type = (size_t)tcol < rec.nfields ? rec.field[tcol] : NULL;
		value = (size_t)wcol < rec.nfields ? rec.field[wcol] : NULL;
		if (add_text(w, name, rec.line, type ? type : "",
		    value ? value : "", err) == -1)
			goto fail;
	}
	crm_reader_free(r);
	if (w->n == 0) {
		crm_error_set(err, name, 0, 0, "no weights");
		crm_weights_free(w);
		return NULL;
	}
	return w;
fail:
	crm_reader_free(r);
	crm_weights_free(w);
	return NULL;
}

/* A cursor over JSON text that jansson has already accepted. */
struct jscan {
	const char *s;			/* the text */
	size_t n, i;			/* its length, the position */
	long line;			/* 1-based line of position i */
};

/* Skip JSON blanks at the cursor, counting lines. */
static void
jskip(struct jscan *j)
{
	while (j->i < j->n && (j->s[j->i] == ' ' || j->s[j->i] == '\t' ||
	    j->s[j->i] == '\n' || j->s[j->i] == '\r')) {
		if (j->s[j->i] == '\n')
			j->line++;
		j->i++;
	}
}

/* The JSON string token at the cursor, decoded into a new string (free
 * it); NULL when there is none. */
static char *
jstring(struct jscan *j)
{
	size_t start = j->i;
	json_error_t jerr;
	json_t *v;
	char *s = NULL;

	if (j->i >= j->n || j->s[j->i] != '"')
		return NULL;
	for (j->i++; j->i < j->n && j->s[j->i] != '"'; j->i++)
		if (j->s[j->i] == '\\')
			j->i++;
	if (j->i >= j->n)
		return NULL;
	j->i++;
	v = json_loadb(j->s + start, j->i - start, JSON_DECODE_ANY, &jerr);
	if (v != NULL && json_is_string(v))
		s = crm_xstrdup(json_string_value(v));
	json_decref(v);
	return s;
}

/* A JSON object {"type": weight, ...}.  jansson checks the syntax (and
 * rejects a key given twice); then a scan of the text keeps the order, the
 * line of each key and the weight exactly as written (a double would not
 * tell 0.125 from 0.12 + noise).  A weight may also be a string holding a
 * decimal ("0.5"). */
static struct crm_weights *
parse_json(const char *name, const char *buf, size_t len, struct crm_error *err)
{
	struct jscan j = { buf, len, 0, 1 };
	struct crm_weights *w;
	json_error_t jerr;
	json_t *doc;
	char *type = NULL, *value = NULL;

	doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (doc == NULL) {
		crm_error_set(err, name, jerr.line, jerr.column, "%s", jerr.text);
		return NULL;
	}
	if (!json_is_object(doc)) {
		json_decref(doc);
		crm_error_set(err, name, 1, 0, "expected a JSON object "
		    "{\"type\": weight, ...}");
		return NULL;
	}
	json_decref(doc);
	w = weights_new();
	jskip(&j);
	j.i++;				/* '{' */
	for (;;) {
		long line;

		jskip(&j);
		if (j.i < j.n && j.s[j.i] == '}')
			break;
		line = j.line;
		if ((type = jstring(&j)) == NULL)
			goto bad;
		jskip(&j);
		j.i++;			/* ':' */
		jskip(&j);
		if (j.i < j.n && j.s[j.i] == '"') {
			if ((value = jstring(&j)) == NULL)
				goto bad;
		} else {
			size_t start = j.i;

			while (j.i < j.n && strchr("+-.0123456789eE", j.s[j.i]) &&
			    j.s[j.i] != '\0')
				j.i++;
			if (j.i == start) {
				crm_error_set(err, name, line, 0,
				    "type '%s': weight is not a number", type);
				goto fail;
			}
			value = crm_xmalloc(j.i - start + 1);
			memcpy(value, j.s + start, j.i - start);
			value[j.i - start] = '\0';
			if (strpbrk(value, "eE") != NULL) {
				crm_error_set(err, name, line, 0,
				    "type '%s': weight '%s': write it as a "
				    "plain decimal", type, value);
				goto fail;
			}
		}
		if (add_text(w, name, line, type, value, err) == -1)
			goto fail;
		free(type);
		free(value);
		type = value = NULL;
		jskip(&j);
		if (j.i < j.n && j.s[j.i] == ',')
			j.i++;
	}
	if (w->n == 0) {
		crm_error_set(err, name, 0, 0, "no weights");
		goto fail;
	}
	return w;
bad:
	crm_error_set(err, name, j.line, 0, "unexpected JSON");
fail:
	free(type);
	free(value);
	crm_weights_free(w);
	return NULL;
}

/* Sniff the format: '{' after a BOM and blanks is JSON, '[' an error,
 * anything else CSV. */
struct crm_weights *
crm_weights_parse(const char *name, const char *buf, size_t len,
    struct crm_error *err)
{
	size_t bom = 0, i;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		bom = 3;
	i = bom;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' ||
	    buf[i] == '\r'))
		i++;
	if (i < len && buf[i] == '{')
		return parse_json(name, buf + bom, len - bom, err);
	if (i < len && buf[i] == '[') {
		crm_error_set(err, name, 1, 0, "expected a JSON object "
		    "{\"type\": weight, ...}, not an array");
		return NULL;
	}
	return parse_csv(name, buf, len, err);
}

/* Largest weights file read: they are a few dozen lines. */
#define WEIGHTS_MAX_BYTES (1 << 20)

/* Slurp the file (at most 1 MiB) and parse it. */
struct crm_weights *
crm_weights_load(const char *path, struct crm_error *err)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	struct crm_weights *w;
	char *buf;
	size_t n = 0;
	ssize_t k;
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);

	if (fd == -1) {
		crm_error_set(err, name, 0, 0, "%s", strerror(errno));
		return NULL;
	}
	buf = crm_xmalloc(WEIGHTS_MAX_BYTES + 1);
	while ((k = read(fd, buf + n, WEIGHTS_MAX_BYTES + 1 - n)) > 0)
		if ((n += (size_t)k) > WEIGHTS_MAX_BYTES)
			break;
	if (k == -1 || n > WEIGHTS_MAX_BYTES) {
		crm_error_set(err, name, 0, 0, "%s", k == -1 ? strerror(errno) :
		    "a weights file larger than 1 MiB");
		w = NULL;
	} else {
		w = crm_weights_parse(name, buf, n, err);
	}
	if (fd != 0)
		close(fd);
	free(buf);
	return w;
}

/* ------------------------------------------------------------------ */
/* The run */

/* A rep, or a group of reps, and what was counted for it. */
struct tally {
	const char *key;		/* rep_id, region or manager_id */
	const char *name;		/* rep or manager name, "" unknown */
	const char *region;		/* "" when unknown */
	long score;			/* the selected week's, for sorting */
	long reps;			/* group: reps summed into it */
	long activities;		/* in the selected window, deduplicated */
	long unknown;			/* of them, of a type without weight */
	long advanced;			/* visits followed by an advancing action */
	long *week;			/* [nweeks] scores in hundredths, the
					   selected week last */
	long *count;			/* [ntypes] activities per weighted type,
					   selected window */
	uint32_t idx;			/* a rep's index in run->rep_at */
	UT_hash_handle hh;		/* keyed by key */
	long v[];			/* storage for week and count */
};

/* What a type, as written in data, is; cached per spelling. */
struct type_entry {
	const char *raw;		/* as written, in the arena */
	long idx;			/* weight index, or -1: no weight */
	long weight;			/* hundredths, 0 without weight */
	bool visit;			/* the canonical type visit */
	bool advancing;			/* not a visit, weight >= the bar */
	struct unknown_entry *unknown;	/* idx == -1: its counter */
	UT_hash_handle hh;		/* keyed by raw */
};

/* A type without weight, by canonical name. */
struct unknown_entry {
	const char *type;		/* canonical name, in the arena */
	long count;			/* activities in the selected window */
	UT_hash_handle hh;		/* keyed by type */
};

/* A visit in the selected window: 16 bytes. */
struct visit {
	int64_t ts;			/* when */
	uint32_t cust;			/* the customer's index in cust_ids */
	uint32_t rep;			/* who gets the credit: run->rep_at[] */
};

/* A growing array in chunks of LOG_CHUNK records: an append never moves
 * what is stored (realloc would leave old copies in the heap), and the
 * memory is what is used, to a chunk. */
#define LOG_SHIFT 16
#define LOG_CHUNK ((size_t)1 << LOG_SHIFT)

struct log {
	char **chunk;			/* nchunk chunks of LOG_CHUNK records */
	size_t size;			/* bytes a record */
	size_t n, nchunk;		/* records, chunks */
};

/* Room for one more record at the end.  Can't fail. */
static void *
log_add(struct log *l)
{
	size_t i = l->n++;

	if ((i >> LOG_SHIFT) == l->nchunk) {
		if ((l->nchunk & (l->nchunk - 1)) == 0)	/* 0, 1, 2, 4, ... */
			l->chunk = crm_xrealloc(l->chunk, (l->nchunk ?
			    2 * l->nchunk : 1) * sizeof *l->chunk);
		l->chunk[l->nchunk++] = crm_xmalloc(LOG_CHUNK * l->size);
	}
	return l->chunk[i >> LOG_SHIFT] + (i & (LOG_CHUNK - 1)) * l->size;
}

/* Record i (< l->n). */
static void *
log_at(const struct log *l, size_t i)
{
	return l->chunk[i >> LOG_SHIFT] + (i & (LOG_CHUNK - 1)) * l->size;
}

/* Free the records; the log is empty again.  Can't fail. */
static void
log_free(struct log *l)
{
	for (size_t c = 0; c < l->nchunk; c++)
		free(l->chunk[c]);
	free(l->chunk);
	l->chunk = NULL;
	l->n = l->nchunk = 0;
}

#define AHEAD 16		/* judge(): customer slots prefetched ahead */
#define BATCH 8192		/* one thread: activities judged at once */

/* 7 days, the follow-up horizon of an advanced visit, inclusive. */
#define ADVANCE_SECONDS (7 * 86400)

/* One run of crm-score: its options, weights, and every tally. */
struct run {
	bool part;			/* false: see struct part */
	const struct crm_score_opts *o;	/* borrowed */
	struct crm_score_result *res;	/* the caller's, filled as we go */
	struct crm_weights *w;		/* weights in use */
	struct crm_arena *arena;	/* every string kept */
	size_t ntypes;			/* crm_weights_count(w) */
	long nweeks;			/* scored weeks: trend or 1 */
	long scan_from;			/* first day scored (trend included) */
	long tail_to;			/* last day an advancing action counts */
	struct tally *reps;		/* by rep_id */
	struct crm_reps *info;		/* the --reps file, or NULL */
	struct type_entry *types;	/* by spelling */
	struct unknown_entry *unknown;	/* by canonical name */
	struct lane {			/* activity_ids in the scored weeks, */
		struct crm_idset *set;	/*   in crm_jobs() sets: see lane_of */
		size_t base;		/* in set before this input */
	} *lane;
	int nlanes;
	struct crm_keytab *cust_ids;	/* customers with visits or advances */
	struct log visits;		/* struct visit, in the window */
	struct log adv_cust;		/* advancing actions from the window's
					   start to 7 days after its end: */
	struct log adv_ts;		/*   customer index, int64_t time */
	struct tally **rep_at;		/* the reps by their idx */
	size_t nrep_at, caprep_at;
	struct part *batch;		/* one thread's activities, judged
					   BATCH at a time (see struct part) */
	long late_merged;		/* of them, counted as used but */
	long late_ignored;		/*   merged or ignored by judge() */
};

/* Copy s (NULL is "") into the run's arena; the copy lives as long as
 * the run.  Can't fail. */
static const char *
keep(struct run *run, const char *s)
{
	return crm_arena_strndup(run->arena, s ? s : "", s ? strlen(s) : 0);
}

/* A new zeroed tally for key (kept in the arena), not yet in any hash. */
static struct tally *
tally_new(struct run *run, const char *key)
{
	size_t nv = (size_t)run->nweeks + run->ntypes;
	struct tally *t = crm_xmalloc(sizeof *t + nv * sizeof t->v[0]);

	memset(t, 0, sizeof *t + nv * sizeof t->v[0]);
	t->key = keep(run, key);
	t->name = t->region = "";
	t->week = t->v;
	t->count = t->v + run->nweeks;
	return t;
}

/* The tally of rep id, created on first sight with its name and region
 * from the reps file.  Borrowed, valid for the run. */
static struct tally *
rep_get(struct run *run, const char *id)
{
	const struct crm_rep *ri;
	struct tally *t;

	HASH_FIND_STR(run->reps, id, t);
	if (t == NULL) {
		t = tally_new(run, id);
		t->reps = 1;
		ri = crm_reps_get(run->info, id);
		if (ri != NULL) {
			t->name = ri->name;
			t->region = ri->region;
		} else if (run->o->reps != NULL) {
			if (run->res->unlisted++ == 0)
				snprintf(run->res->unlisted_ex,
				    sizeof run->res->unlisted_ex, "%s", id);
		}
		HASH_ADD_KEYPTR(hh, run->reps, t->key, strlen(t->key), t);
		if (run->nrep_at == run->caprep_at) {
			run->caprep_at = run->caprep_at ? run->caprep_at * 2 : 64;
			run->rep_at = crm_xrealloc(run->rep_at,
			    run->caprep_at * sizeof *run->rep_at);
		}
		t->idx = (uint32_t)run->nrep_at;
		run->rep_at[run->nrep_at++] = t;
	}
	return t;
}

/* What the type spelled raw is.  Borrowed, valid for the run. */
static struct type_entry *
type_get(struct run *run, const char *raw)
{
	struct type_entry *te;
	struct unknown_entry *ue;
	char name[256];

	HASH_FIND_STR(run->types, raw, te);
	if (te != NULL)
		return te;
	te = crm_xmalloc(sizeof *te);
	memset(te, 0, sizeof *te);
	te->raw = keep(run, raw);
	crm_type_canonical(raw, name, sizeof name);
	te->idx = crm_weights_find(run->w, name);
	if (te->idx >= 0) {
		(void)crm_weights_at(run->w, (size_t)te->idx, &te->weight);
	} else {
		HASH_FIND_STR(run->unknown, name, ue);
		if (ue == NULL) {
			ue = crm_xmalloc(sizeof *ue);
			ue->type = keep(run, name);
			ue->count = 0;
			HASH_ADD_KEYPTR(hh, run->unknown, ue->type,
			    strlen(ue->type), ue);
		}
		te->unknown = ue;
	}
	te->visit = strcmp(name, "visit") == 0;
	te->advancing = !te->visit && te->weight >= run->o->advance_weight;
	HASH_ADD_KEYPTR(hh, run->types, te->raw, strlen(te->raw), te);
	return te;
}

/* What judge() reads of an activity, its lookups done or cached. */
struct act {
	const char *cust;		/* customer_id */
	size_t custlen;
	uint64_t ch;			/* crm_keytab_hash() of cust */
	const char *rep;		/* rep_id, "" when absent */
	struct tally **repp;		/* rep's tally, cached here (NULL:
					   not looked up yet) */
	struct type_entry *te;		/* the type */
	int64_t ts;
	long day;			/* of ts */
};

/* The index of a's customer in cust_ids, added on first sight.  Can't
 * fail (a run has fewer than 4 billion customers: memory is out first). */
static uint32_t
cust_index(struct run *run, const struct act *a)
{
	bool existed;

	return (uint32_t)crm_keytab_add_hashed(run->cust_ids, a->cust,
	    a->custlen, a->ch, &existed);
}

/* Remember an advancing action on a's customer.  Can't fail. */
static void
note_advance(struct run *run, const struct act *a)
{
	*(uint32_t *)log_add(&run->adv_cust) = cust_index(run, a);
	*(int64_t *)log_add(&run->adv_ts) = a->ts;
}

/* Remember a visit in the window, to credit rep if it is followed up.
 * Can't fail. */
static void
note_visit(struct run *run, const struct act *a, struct tally *rep)
{
	struct visit *v = log_add(&run->visits);

	v->ts = a->ts;
	v->cust = cust_index(run, a);
	v->rep = rep->idx;
}

/* The activity_ids are kept in nlanes sets, one for each --jobs lane (see
 * part_lane), each holding the ids of a share of the hashes; the share is
 * taken from bits 32 to 37 of the hash, which idset.c does not use (it
 * places a string by the low 32 and tags it with the top 26), so each
 * set's strings spread over its table as well as in one set. */
static int
lane_of(int nlanes, uint64_t h)
{
	return nlanes == 1 ? 0 : (int)((h >> 32 & 0x3F) % (unsigned)nlanes);
}

/* One activity inside the scored weeks or the week after into the run:
 * duplicate, rep, then the tallies.  seen is what the id set said of its
 * activity_id inside the window: 1 seen before, 0 new or no id, -1 the
 * set is full (unused in the week after).  Returns a crm_rec_result:
 * CRM_REC_FATAL with *err set when the activity_ids fill the set. */
static int
judge(struct run *run, const struct act *a, int seen, struct crm_error *err)
{
	const struct crm_score_opts *o = run->o;
	const struct type_entry *te = a->te;
	struct tally *rep;

	if (a->day > o->to) {
		/* the week after the window: only to follow up its visits */
		if (te->advancing)
			note_advance(run, a);
		run->res->outside++;
		return CRM_REC_IGNORED;
	}
	if (seen == -1) {
		crm_error_set(err, NULL, 0, 0, "more activity_ids in the window "
		    "than can be remembered");
		return CRM_REC_FATAL;
	}
	if (seen == 1) {
		run->res->duplicates++;
		return CRM_REC_MERGED;
	}
	if (te->advancing && a->day >= o->from)
		note_advance(run, a);
	if (*a->rep == '\0') {
		run->res->no_rep++;
		return CRM_REC_IGNORED;
	}
	if ((rep = *a->repp) == NULL)
		rep = *a->repp = rep_get(run, a->rep);
	rep->week[run->nweeks == 1 ? 0 : (a->day - run->scan_from) / 7] +=
	    te->weight;
	if (a->day >= o->from) {
		run->res->in_window++;
		rep->activities++;
		if (te->idx >= 0) {
			rep->count[te->idx]++;
		} else {
			rep->unknown++;
			te->unknown->count++;
		}
		if (te->visit)
			note_visit(run, a, rep);
	}
	return CRM_REC_USED;
}

/* A part of the activities: with --jobs, what a worker reads of its
 * chunk; with one thread, the run's batch of the last BATCH.  It keeps,
 * in input order, the activities that judge() must see (inside the
 * scored weeks or the week after: a week's worth out of a year's export,
 * or most of it for a long window), and counts the rest.  Then each lane
 * asks its id set about the part's ids of its share, in input order
 * (part_lane: with --jobs the lanes run at once, on any thread), and
 * the merge judges the kept activities in order, so the duplicates,
 * tallies and counts are one thread's.  Asking for a part's ids at once
 * lets the id set take them with their cache misses in flight together. */
struct part {
	bool part;			/* true: this, not a struct run */
	const struct run *run;		/* read-only while parts are read */
	long outside;			/* activities outside every window */
	struct kept {
		const char *id, *cust;	/* in the arena */
		int64_t ts;
		long day;
		uint64_t h;		/* crm_idset_hash() of id */
		uint64_t ch;		/* crm_keytab_hash() of cust */
		uint32_t idlen, custlen;
		uint32_t rep, type;	/* their indexes in reps, types */
		int seen;		/* the lane's answer: see judge() */
	} *kept;
	size_t nkept, capkept;
	struct crm_arena *arena;
	uint64_t reach, total;		/* crm_reader_reach() */
	struct crm_keytab *reps;	/* the part's rep_ids and types, */
	struct crm_keytab *types;	/*   each kept once */
};

static int batch_flush(struct run *run, struct crm_error *err);

/* crm_input_each_par() callback for one activity, into the run's batch
 * (one thread) or into a part.  Returns a crm_rec_result. */
static int
activity_record(struct crm_reader *r, const struct crm_record *rec, void *ctx,
    struct crm_error *err)
{
	struct part *p = ctx;
	const struct run *run = p->part ? p->run : ctx;
	struct crm_activity a;
	struct kept *k;
	bool existed;
	long day;

	if (crm_activity_from_record(r, rec, run->o->tz, &a, err) == -1)
		return CRM_REC_REJECT;
	day = crm_time_day(a.ts.t, run->o->tz);
	if (day < run->scan_from || day > run->tail_to) {
		if (p->part)
			p->outside++;
		else
			run->res->outside++;
		return CRM_REC_IGNORED;
	}
	if (!p->part)
		p = run->batch;
	if (p->nkept == p->capkept) {
		p->capkept = p->capkept ? p->capkept * 2 : 256;
		p->kept = crm_xrealloc(p->kept, p->capkept * sizeof *p->kept);
	}
	k = &p->kept[p->nkept++];
	k->idlen = (uint32_t)strlen(a.activity_id);
	k->id = crm_arena_strndup(p->arena, a.activity_id, k->idlen);
	k->custlen = (uint32_t)strlen(a.customer_id);
	k->cust = crm_arena_strndup(p->arena, a.customer_id, k->custlen);
	k->rep = (uint32_t)crm_keytab_add(p->reps, a.rep_id, &existed);
	k->type = (uint32_t)crm_keytab_add(p->types, a.type, &existed);
	k->ts = a.ts.t;
	k->day = day;
	k->h = crm_idset_hash(a.activity_id, k->idlen);
	k->ch = crm_keytab_hash(a.customer_id, k->custlen);
	k->seen = 0;
	if (p->nkept == 1 || (p == run->batch && p->nkept == BATCH))
		p->reach = crm_reader_reach(r, &p->total);
	if (p == run->batch && p->nkept == BATCH &&
	    batch_flush(ctx, err) == -1)
		return CRM_REC_FATAL;
	return CRM_REC_USED;		/* for now: the merge may change it */
}

static void *
part_new(void *ctx)
{
	struct part *p = crm_xmalloc(sizeof *p);

	memset(p, 0, sizeof *p);
	p->part = true;
	p->run = ctx;
	p->arena = crm_arena_new();
	p->reps = crm_keytab_new();
	p->types = crm_keytab_new();
	return p;
}

/* Lane lane of part: add the activity_ids of its share that judge()
 * looks up (inside the window) to the lane's set, in input order, and
 * keep the answers; then tell the set how many more to expect, by the
 * share of the file read.  Reads of the run: the options and this lane,
 * which no other thread touches meanwhile. */
static void
part_lane(void *ctx, void *part, int lane, int nlanes)
{
	const struct run *run = ctx;
	struct part *p = part;
	const struct lane *ls = &run->lane[lane];
	size_t ring[AHEAD], head = 0, tail = 0, j;
	struct kept *k;

	if (nlanes != run->nlanes)	/* crm_jobs() changed mid-run */
		abort();
	for (j = 0; j <= p->nkept; j++) {
		if (j < p->nkept) {
			k = &p->kept[j];
			if (k->day > run->o->to || k->idlen == 0 ||
			    lane_of(nlanes, k->h) != lane)
				continue;
			crm_idset_prefetch(ls->set, k->h);
			ring[tail++ % AHEAD] = j;
		}
		/* each id AHEAD ids after its prefetch, the last ones at
		 * the end */
		while (tail - head == AHEAD || (j == p->nkept && head < tail)) {
			k = &p->kept[ring[head++ % AHEAD]];
			k->seen = crm_idset_add_hashed(ls->set, k->id, k->idlen,
			    k->h);
		}
	}
	if (p->total > p->reach && p->reach > 0) {
		/* as many to come, for each byte still to read */
		double more = (double)(crm_idset_count(ls->set) - ls->base) *
		    (double)(p->total - p->reach) / (double)p->reach;

		crm_idset_expect(ls->set, crm_idset_count(ls->set) +
		    (size_t)more);
	}
}

static int
part_merge(void *ctx, void *part, struct crm_counts *c, struct crm_error *err)
{
	struct run *run = ctx;
	struct part *p = part;
	size_t nrep = crm_keytab_count(p->reps);
	size_t ntype = crm_keytab_count(p->types);
	struct tally **rep_at = crm_xmalloc((nrep + 1) * sizeof *rep_at);
	struct type_entry **type_at = crm_xmalloc((ntype + 1) *
	    sizeof *type_at);
	struct act x;
	int status = 0;

	run->res->outside += p->outside;
	/* the part's types, in the run: the same in any order */
	for (size_t t = 0; t < ntype; t++)
		type_at[t] = type_get(run, crm_keytab_key(p->types, (long)t));
	/* its reps: at first use, in input order, as one thread meets them */
	memset(rep_at, 0, (nrep + 1) * sizeof *rep_at);
	for (size_t i = 0; status == 0 && i < p->nkept; i++) {
		const struct kept *k = &p->kept[i];
		int res;

		if (i + AHEAD < p->nkept)
			crm_keytab_prefetch(run->cust_ids, k[AHEAD].ch);
		x.cust = k->cust;
		x.custlen = k->custlen;
		x.ch = k->ch;
		x.rep = crm_keytab_key(p->reps, (long)k->rep);
		x.repp = &rep_at[k->rep];
		x.te = type_at[k->type];
		x.ts = k->ts;
		x.day = k->day;
		res = judge(run, &x, k->seen, err);
		if (res == CRM_REC_FATAL)
			status = -1;
		else
			crm_counts_move(c, res);
	}
	free(rep_at);
	free(type_at);
	return status;
}

/* One thread: judge the batch, keeping how many of it turned out merged
 * or ignored, and empty it.  Returns 0, or -1 with *err set. */
static int
batch_flush(struct run *run, struct crm_error *err)
{
	struct part *b = run->batch;
	struct crm_counts c = { 0, 0, 0, 0, 0 };
	int rc;

	for (int l = 0; l < run->nlanes; l++)
		part_lane(run, b, l, run->nlanes);
	rc = part_merge(run, b, &c, err);
	run->late_merged += c.merged;
	run->late_ignored += c.ignored;
	b->nkept = 0;
	crm_arena_reset(b->arena);
	return rc;
}

/* Empty part p for the next one, keeping its memory. */
static void
part_reset(void *ctx, void *part)
{
	struct part *p = part;

	(void)ctx;
	p->outside = 0;
	p->nkept = 0;
	p->reach = p->total = 0;
	crm_arena_reset(p->arena);
	/* the indexes of reps and types are the part's own */
	crm_keytab_free(p->reps);
	crm_keytab_free(p->types);
	p->reps = crm_keytab_new();
	p->types = crm_keytab_new();
}

static void
part_free(void *ctx, void *part)
{
	struct part *p = part;

	(void)ctx;
	crm_arena_free(p->arena);
	crm_keytab_free(p->reps);
	crm_keytab_free(p->types);
	free(p->kept);
	free(p);
}

static const struct crm_par_ops activity_ops = {
	part_new, activity_record, NULL, NULL, part_free, crm_par_self,
	part_merge, part_lane, part_reset
};

/* qsort order of timestamps: ascending. */
static int
cmp_i64(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;

	return (a > b) - (a < b);
}

/* Credit each visit followed, 0 to 7 days later (both inclusive), by an
 * advancing action on the same customer: the advances are sorted by
 * customer (counting) and time, then each visit looks for the first
 * advance of its customer at or after it.  Frees the advances. */
static void
credit_advances(struct run *run)
{
	size_t ncust = crm_keytab_count(run->cust_ids), nadv = run->adv_ts.n;
	size_t *start, *next, k, c;
	int64_t *ts;

	start = crm_xmalloc((ncust + 1) * sizeof *start);
	memset(start, 0, (ncust + 1) * sizeof *start);
	for (k = 0; k < nadv; k++)
		start[*(uint32_t *)log_at(&run->adv_cust, k) + 1]++;
	for (c = 0; c < ncust; c++)
		start[c + 1] += start[c];
	next = crm_xmalloc((ncust + 1) * sizeof *next);
	memcpy(next, start, (ncust + 1) * sizeof *next);
	ts = crm_huge_alloc((nadv + 1) * sizeof *ts);
	for (k = 0; k < nadv; k++)
		ts[next[*(uint32_t *)log_at(&run->adv_cust, k)]++] =
		    *(int64_t *)log_at(&run->adv_ts, k);
	free(next);
	log_free(&run->adv_cust);
	log_free(&run->adv_ts);
	for (c = 0; c < ncust; c++)
		crm_sort(ts + start[c], start[c + 1] - start[c], sizeof *ts,
		    cmp_i64);
	for (k = 0; k < run->visits.n; k++) {
		const struct visit *v = log_at(&run->visits, k);
		size_t lo = start[v->cust], hi = start[v->cust + 1];

		while (lo < hi) {	/* first advance >= ts */
			size_t mid = lo + (hi - lo) / 2;

			if (ts[mid] < v->ts)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < start[v->cust + 1] && ts[lo] - v->ts <= ADVANCE_SECONDS)
			run->rep_at[v->rep]->advanced++;
	}
	free(ts);
	free(start);
}

/* Whether a listed rep is shown when idle: role rep, or no role given. */
static bool
shown_idle(const struct crm_rep *ri)
{
	return ri->role[0] == '\0' || strcmp(ri->role, "rep") == 0;
}

/* The group a rep falls in, for --by region and --by manager: its key,
 * and the name and region shown beside it. */
static const char *
group_of(struct run *run, const struct tally *rep, const char **name,
    const char **region)
{
	const struct crm_rep *ri, *mi;

	*name = *region = "";
	ri = crm_reps_get(run->info, rep->key);
	if (ri == NULL)
		return "(unknown)";
	if (run->o->by == CRM_BY_REGION)
		return ri->region[0] ? ri->region : "(none)";
	if (ri->manager_id[0] == '\0')
		return "(none)";
	mi = crm_reps_get(run->info, ri->manager_id);
	if (mi != NULL) {
		*name = mi->name;
		*region = mi->region;
	}
	return ri->manager_id;
}

/* Sum the reps into groups; returns the new hash of groups. */
static struct tally *
make_groups(struct run *run)
{
	struct tally *groups = NULL, *rep, *tmp, *g;
	size_t k, nv = (size_t)run->nweeks + run->ntypes;

	HASH_ITER(hh, run->reps, rep, tmp) {
		const char *name, *region;
		const char *key = group_of(run, rep, &name, &region);

		HASH_FIND_STR(groups, key, g);
		if (g == NULL) {
			g = tally_new(run, key);
			g->name = name;
			g->region = region;
			HASH_ADD_KEYPTR(hh, groups, g->key, strlen(g->key), g);
		}
		g->reps++;
		g->activities += rep->activities;
		g->unknown += rep->unknown;
		g->advanced += rep->advanced;
		for (k = 0; k < nv; k++)
			g->v[k] += rep->v[k];
	}
	return groups;
}

/* The ranking: score of the selected week descending, then key in byte
 * order. */
static int
cmp_tally(const void *pa, const void *pb)
{
	const struct tally *a = *(const struct tally *const *)pa;
	const struct tally *b = *(const struct tally *const *)pb;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return strcmp(a->key, b->key);
}

/* The weighted-type columns: types with activity in the window, canonical
 * types in the order of the weights, then the others by name. */
static size_t
type_columns(struct run *run, struct tally *rows, size_t *cols)
{
	struct tally *t, *tmp;
	size_t i, j, n = 0, first_other;
	long dummy;
	bool *present = crm_xmalloc((run->ntypes + 1) * sizeof *present);

	for (i = 0; i < run->ntypes; i++)
		present[i] = false;
	HASH_ITER(hh, rows, t, tmp)
		for (i = 0; i < run->ntypes; i++)
			if (t->count[i] > 0)
				present[i] = true;
	for (i = 0; i < run->ntypes; i++)
		if (present[i] && crm_type_is_canonical(crm_weights_at(run->w,
		    i, &dummy)))
			cols[n++] = i;
	first_other = n;
	for (i = 0; i < run->ntypes; i++)
		if (present[i] && !crm_type_is_canonical(crm_weights_at(run->w,
		    i, &dummy)))
			cols[n++] = i;
	/* insertion sort of the others by name: there are few */
	for (i = first_other + 1; i < n; i++) {
		size_t c = cols[i];

		for (j = i; j > first_other && strcmp(crm_weights_at(run->w,
		    cols[j - 1], &dummy), crm_weights_at(run->w, c, &dummy)) > 0;
		    j--)
			cols[j] = cols[j - 1];
		cols[j] = c;
	}
	free(present);
	return n;
}

/* A number into the next slot of a cell buffer; returns the slot. */
static const char *
cell_long(char (*buf)[24], size_t *used, long v)
{
	snprintf(buf[*used], sizeof buf[0], "%ld", v);
	return buf[(*used)++];
}

/* A weight or score (hundredths) into the next slot; returns the slot. */
static const char *
cell_weight(char (*buf)[24], size_t *used, long hundredths)
{
	crm_weight_format(hundredths, buf[*used]);
	return buf[(*used)++];
}

/* Rank, cut at --top, and write rows; -1 on a write error. */
static int
write_table(struct run *run, struct tally *rows, FILE *out)
{
	const struct crm_score_opts *o = run->o;
	size_t nrows = HASH_COUNT(rows), ncols = 0, ntc, i, k;
	size_t maxcols = 12 + run->ntypes + (size_t)run->nweeks;
	size_t *tc = crm_xmalloc((run->ntypes + 1) * sizeof *tc);
	const char **names = crm_xmalloc(maxcols * sizeof *names);
	enum crm_coltype *types = crm_xmalloc(maxcols * sizeof *types);
	const char **v = crm_xmalloc(maxcols * sizeof *v);
	char (*num)[24] = crm_xmalloc(maxcols * sizeof *num);
	char (*weeks)[16] = crm_xmalloc(((size_t)run->nweeks + 1) * sizeof *weeks);
	struct tally **list = crm_xmalloc((nrows + 1) * sizeof *list);
	struct tally *t, *tmp;
	struct crm_writer *w;
	long dummy, rank = 0;
	int rc = 0;

#define COL(n, ty) (names[ncols] = (n), types[ncols++] = (ty))
	COL("rank", CRM_COL_INT);
	switch (o->by) {
	case CRM_BY_REGION:
		COL("region", CRM_COL_STR);
		COL("reps", CRM_COL_INT);
		break;
	case CRM_BY_MANAGER:
		COL("manager_id", CRM_COL_STR);
		COL("name", CRM_COL_STR);
		COL("region", CRM_COL_STR);
		COL("reps", CRM_COL_INT);
		break;
	default:
		COL("rep_id", CRM_COL_STR);
		COL("name", CRM_COL_STR);
		COL("region", CRM_COL_STR);
	}
	COL("score", CRM_COL_NUM);
	COL("activities", CRM_COL_INT);
	ntc = type_columns(run, rows, tc);
	for (i = 0; i < ntc; i++)
		COL(crm_weights_at(run->w, tc[i], &dummy), CRM_COL_NUM);
	COL("unknown", CRM_COL_INT);
	COL("advanced_visits", CRM_COL_INT);
	if (o->trend > 0)
		for (i = 0; i < (size_t)run->nweeks; i++) {
			crm_week_format(run->scan_from + 7 * (long)i, weeks[i]);
			COL(weeks[i], CRM_COL_NUM);
		}
#undef COL

	i = 0;
	HASH_ITER(hh, rows, t, tmp) {
		t->score = t->week[run->nweeks - 1];
		list[i++] = t;
	}
	crm_sort(list, nrows, sizeof *list, cmp_tally);

	w = crm_writer_new(out, &o->out, names, types, ncols);
	for (i = 0; i < nrows && rc == 0; i++) {
		size_t used = 0, c = 0;

		t = list[i];
		if (i == 0 || t->score != list[i - 1]->score)
			rank = (long)i + 1;
		if (o->top > 0 && rank > o->top)
			break;
		v[c++] = cell_long(num, &used, rank);
		v[c++] = t->key;
		if (o->by != CRM_BY_REGION) {
			v[c++] = t->name;
			v[c++] = t->region;
		}
		if (o->by == CRM_BY_REGION || o->by == CRM_BY_MANAGER)
			v[c++] = cell_long(num, &used, t->reps);
		v[c++] = cell_weight(num, &used, t->score);
		v[c++] = cell_long(num, &used, t->activities);
		for (k = 0; k < ntc; k++) {
			long wt;

			(void)crm_weights_at(run->w, tc[k], &wt);
			v[c++] = cell_weight(num, &used, t->count[tc[k]] * wt);
		}
		v[c++] = cell_long(num, &used, t->unknown);
		v[c++] = cell_long(num, &used, t->advanced);
		if (o->trend > 0)
			for (k = 0; k < (size_t)run->nweeks; k++)
				v[c++] = cell_weight(num, &used, t->week[k]);
		rc = crm_writer_row(w, v);
	}
	if (crm_writer_close(w) == -1)
		rc = -1;
	free(list);
	free(weeks);
	free(num);
	free(v);
	free(types);
	free(names);
	free(tc);
	return rc;
}

/* qsort order of the unknown types: by name, in byte order. */
static int
cmp_unknown(const void *pa, const void *pb)
{
	const struct crm_score_unknown *a = pa, *b = pb;

	return strcmp(a->type, b->type);
}

/* Fill res->unknown with the types without weight seen in the window,
 * sorted by name.  Can't fail. */
static void
report_unknown(struct run *run)
{
	struct crm_score_result *res = run->res;
	struct unknown_entry *ue, *tmp;

	res->unknown = crm_xmalloc((HASH_COUNT(run->unknown) + 1) *
	    sizeof *res->unknown);
	res->nunknown = 0;
	HASH_ITER(hh, run->unknown, ue, tmp) {
		if (ue->count == 0)
			continue;
		res->unknown[res->nunknown].type = crm_xstrdup(ue->type);
		res->unknown[res->nunknown].count = ue->count;
		res->nunknown++;
	}
	crm_sort(res->unknown, res->nunknown, sizeof *res->unknown, cmp_unknown);
}

/* Free everything the run holds.  Can't fail. */
static void
free_run(struct run *run)
{
	struct tally *t, *ttmp;
	struct type_entry *te, *tetmp;
	struct unknown_entry *ue, *uetmp;

	HASH_ITER(hh, run->reps, t, ttmp) {
		HASH_DEL(run->reps, t);
		free(t);
	}
	crm_reps_free(run->info);
	HASH_ITER(hh, run->types, te, tetmp) {
		HASH_DEL(run->types, te);
		free(te);
	}
	HASH_ITER(hh, run->unknown, ue, uetmp) {
		HASH_DEL(run->unknown, ue);
		free(ue);
	}
	for (int l = 0; run->lane != NULL && l < run->nlanes; l++)
		crm_idset_free(run->lane[l].set);
	free(run->lane);
	crm_keytab_free(run->cust_ids);
	if (run->batch != NULL)
		part_free(run, run->batch);
	log_free(&run->visits);
	log_free(&run->adv_cust);
	log_free(&run->adv_ts);
	free(run->rep_at);
	crm_weights_free(run->w);
	crm_arena_free(run->arena);
}

/* Weights, reps, then one pass over the activities; then the follow-ups
 * are matched, idle reps added, groups summed and the table written.
 * See score.h for the returns. */
int
crm_score_run(const struct crm_score_opts *o, FILE *out,
    struct crm_score_result *res, struct crm_error *err)
{
	static const enum crm_field req[] = { CRM_F_CUSTOMER_ID, CRM_F_REP_ID,
	    CRM_F_TS, CRM_F_TYPE, CRM_F_NONE };
	struct run run;
	struct tally *groups = NULL, *g, *gtmp;
	size_t nfiles = 0, i;
	int status = CRM_EXIT_ERROR;

	memset(res, 0, sizeof *res);
	if (o->from > o->to || (o->trend > 0 && !o->week_window) ||
	    ((o->by == CRM_BY_REGION || o->by == CRM_BY_MANAGER) &&
	    o->reps == NULL)) {
		crm_error_set(err, NULL, 0, 0, "bad options: the window is "
		    "empty, --trend without a week, or --by without reps");
		return CRM_EXIT_ERROR;
	}
	memset(&run, 0, sizeof run);
	run.o = o;
	run.res = res;
	run.arena = crm_arena_new();
	run.nlanes = crm_jobs();
	run.lane = crm_xmalloc((size_t)run.nlanes * sizeof *run.lane);
	for (int l = 0; l < run.nlanes; l++) {
		run.lane[l].set = crm_idset_new();
		run.lane[l].base = 0;
	}
	run.visits.size = sizeof(struct visit);
	run.adv_cust.size = sizeof(uint32_t);
	run.adv_ts.size = sizeof(int64_t);
	run.cust_ids = crm_keytab_new();
	run.batch = part_new(&run);
	while (o->activities[nfiles] != NULL)
		nfiles++;
	res->counts = crm_xmalloc((nfiles + 1) * sizeof *res->counts);
	memset(res->counts, 0, (nfiles + 1) * sizeof *res->counts);
	run.w = o->weights ? crm_weights_load(o->weights, err) :
	    crm_weights_default();
	if (run.w == NULL)
		goto out;
	run.ntypes = crm_weights_count(run.w);
	run.nweeks = o->trend > 0 ? o->trend : 1;
	run.scan_from = o->from - 7 * (run.nweeks - 1);
	run.tail_to = o->to + 7;
	if (o->reps != NULL &&
	    (run.info = crm_reps_load(o->reps, &o->input, err)) == NULL)
		goto out;

	for (i = 0; i < nfiles; i++) {
		int rc;

		for (int l = 0; l < run.nlanes; l++)
			run.lane[l].base = crm_idset_count(run.lane[l].set);
		rc = crm_input_each_par(o->activities[i], &o->input, req,
		    &activity_ops, &run, &res->counts[i], err);

		if (rc != -1 && batch_flush(&run, err) == -1)
			rc = -1;
		res->counts[i].used -= run.late_merged + run.late_ignored;
		res->counts[i].merged += run.late_merged;
		res->counts[i].ignored += run.late_ignored;
		run.late_merged = run.late_ignored = 0;
		if (rc == -1)
			goto out;
		if (rc == 1)
			res->rejects = true;
	}
	/* the ids are done with: their memory goes before the matching */
	for (int l = 0; l < run.nlanes; l++)
		crm_idset_free(run.lane[l].set);
	free(run.lane);
	run.lane = NULL;
	credit_advances(&run);
	for (i = 0; i < crm_reps_count(run.info); i++)
		if (shown_idle(crm_reps_at(run.info, i)))
			(void)rep_get(&run, crm_reps_at(run.info, i)->rep_id);
	if (o->by == CRM_BY_REGION || o->by == CRM_BY_MANAGER)
		groups = make_groups(&run);
	report_unknown(&run);
	if (write_table(&run, groups ? groups : run.reps, out) == -1) {
		crm_error_set(err, NULL, 0, 0, "write error on standard output");
		goto out;
	}
	status = res->rejects ? CRM_EXIT_ERROR : CRM_EXIT_OK;
	if (res->rejects)
		crm_error_set(err, NULL, 0, 0,
		    "some input records were rejected (see above)");
out:
	HASH_ITER(hh, groups, g, gtmp) {
		HASH_DEL(groups, g);
		free(g);
	}
	free_run(&run);
	return status;
}

/* Free what crm_score_run() put in *res.  Can't fail. */
void
crm_score_result_free(struct crm_score_result *res)
{
	size_t i;

	for (i = 0; i < res->nunknown; i++)
		free(res->unknown[i].type);
	free(res->unknown);
	free(res->counts);
	res->unknown = NULL;
	res->counts = NULL;
	res->nunknown = 0;
}
