/* clcc.c - crm-clcc: customer lifecycle cost (DOMAIN.md: CLCC) per group
 * and calendar period, and its change rate.  Ledger entries stream into
 * one cell of exact fen sums per (group, period); ratios are computed
 * exactly from those sums when the report is written. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <uthash.h>

#include "clcc.h"

/* The sums kept per group and period, in output order. */
enum {
	V_ACQUISITION,			/* kind acquisition */
	V_SERVICE,			/* kind service */
	V_FAILURE,			/* kind failure, every sub-kind */
	V_FAIL_DUPLICATE_QUOTE,		/* failure, duplicate_quote */
	V_FAIL_LOST_FOLLOWUP,		/* failure, lost_followup */
	V_FAIL_REWORK,			/* failure, rework */
	V_FAIL_OTHER,			/* failure, no or another sub-kind */
	V_COST,				/* acquisition + service + failure */
	V_MARGIN,			/* kind margin */
	V_N
};

/* Bytes of a period label, NUL included (any long year fits). */
#define LABEL_SZ 64

static const char *const v_names[V_N] = { "acquisition", "service",
    "failure", "failure_duplicate_quote", "failure_lost_followup",
    "failure_rework", "failure_other", "cost", "margin" };

/* The sums of one group in one period. */
struct cell {
	int64_t v[V_N];			/* fen, indexed by V_* */
};

/* One row key of the report: all, a customer, a rep, a region or a tier.
 * Its cells are dense, cell[i] for period base + i: the report has a row
 * for every period from the first to the as-of period anyway. */
struct group {
	const char *key;		/* in the run's arena */
	long first;			/* earliest period with an entry */
	long base;			/* period of cell[0], <= first */
	long ncells;			/* cells allocated, all zeroed */
	struct cell *cell;		/* ncells cells */
	UT_hash_handle hh;		/* keyed by key */
};

/* What the report needs of a customer: the keys it can be grouped by. */
struct cust {
	const char *customer_id;	/* in the run's arena */
	const char *rep_id;		/* "" when absent */
	const char *region;		/* "" when absent */
	const char *tier;		/* "" when absent */
	UT_hash_handle hh;		/* keyed by customer_id */
};

/* The sums of some ledger entries: the run's own (all of them), or with
 * --jobs those of one part of an input, merged into the run's in order. */
/* The slots of the last few spellings of a word column: a ledger spells
 * its few kinds the same way on every line, and the aliases' case-blind
 * search (crm_value_word) was an eighth of crm-clcc's time. */
struct memo {
	struct {
		char raw[32];
		size_t n;
		int slot;
	} e[8];
	size_t n;
};

/* Whether a and b, n bytes each, are the same: by words, the last two
 * of which may overlap, as a call to memcmp() (and the registers it makes
 * the caller save) costs more than the compare of a word like "service". */
static bool
same_bytes(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	uint32_t u, v;
	size_t i;

	if (n >= 8) {
		for (i = 0; i < n - 8; i += 8) {
			memcpy(&x, a + i, 8);
			memcpy(&y, b + i, 8);
			if (x != y)
				return false;
		}
		memcpy(&x, a + n - 8, 8);
		memcpy(&y, b + n - 8, 8);
		return x == y;
	}
	if (n >= 4) {
		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		if (u != v)
			return false;
		memcpy(&u, a + n - 4, 4);
		memcpy(&v, b + n - 4, 4);
		return u == v;
	}
	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* The slot memo remembers for s, n bytes, or -2. */
static inline int
memo_find(const struct memo *m, const char *s, size_t n)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->e[i].n == n && same_bytes(m->e[i].raw, s, n))
			return m->e[i].slot;
	return -2;
}

static void
memo_add(struct memo *m, const char *s, size_t n, int slot)
{
	if (m->n == sizeof m->e / sizeof m->e[0] || n >= sizeof m->e[0].raw)
		return;
	memcpy(m->e[m->n].raw, s, n);
	m->e[m->n].n = n;
	m->e[m->n++].slot = slot;
}

/* The days of the date texts seen, by text: a hash table with linear
 * probing, at most half full, emptied when it would be fuller.  A ledger
 * has some hundreds of dates in any order (a memo of the last one would
 * rarely hit), and reading one and finding its period costs several
 * times a look-up here.  A text of 8 to 16 bytes is spelled exactly by
 * its length and its first and last 8 bytes (they overlap), so those are
 * the key; texts of other lengths are read every time. */
#define DAY_MEMO_BITS 12
#define DAY_MEMO_SLOTS (1 << DAY_MEMO_BITS)
struct day_memo {
	struct {
		uint64_t head;		/* the text's first 8 bytes */
		uint64_t tail;		/* its last 8 bytes */
		long day;		/* its day number */
		int period;		/* period_of(day), of a 4-digit year */
		unsigned char n;	/* its length; 0: an empty slot */
	} slot[DAY_MEMO_SLOTS];
	size_t count;			/* slots in use */
};

struct part {
	struct run *run;
	struct crm_arena *arena;	/* its group keys */
	struct group *groups;		/* groups by key */
	struct group *last;		/* the group of the previous entry */
	bool kind_checked;		/* this input's kind column was checked */
	struct crm_clcc_notes *notes;	/* the run's, or own */
	struct crm_clcc_notes own;
	unsigned __int128 abs;		/* the sum of the amounts' absolute
					   values: no sum of them can
					   overflow while it fits int64 */
	struct memo kinds, subs;	/* spellings seen, and their slots */
	struct day_memo *days;		/* NULL until the first date */
};

/* The state of one run. */
struct run {
	const struct crm_clcc_opts *o;	/* borrowed */
	struct crm_arena *arena;	/* keys and customer strings */
	struct cust *custs;		/* customers by id (--customers) */
	struct part main;		/* the sums, and the notes */
	long as_of_period;		/* period that contains o->as_of */
	struct crm_clcc_notes *notes;	/* what cmd/ tells the user; borrowed */
};

/* The slots of the canonical ledger words of crm_value_word(). */
static const struct {
	const char *word;		/* canonical */
	int slot;			/* V_* */
} kinds[] = {
	{ "acquisition", V_ACQUISITION }, { "service", V_SERVICE },
	{ "failure", V_FAILURE }, { "margin", V_MARGIN },
}, sub_kinds[] = {
	{ "duplicate_quote", V_FAIL_DUPLICATE_QUOTE },
	{ "lost_followup", V_FAIL_LOST_FOLLOWUP }, { "rework", V_FAIL_REWORK },
	{ "other", V_FAIL_OTHER },
};

/* ------------------------------------------------------------------ */
/* Exact ratios */

/* Write n / d (d > 0, d < 2^127), with the sign given apart, rounded to
 * 4 decimals half away from zero, into buf.  Long division: the integer
 * part is a 128-bit quotient, then each decimal is ten additions of the
 * remainder modulo d, which never overflows (both terms are below d). */
static void
format_ratio(bool negative, unsigned __int128 n, unsigned __int128 d,
    char *buf)
{
	unsigned __int128 q = n / d, r = n % d;
	unsigned frac = 0;
	char digits[CRM_MONEY_BUFSZ];
	size_t i = sizeof digits;
	int k, j;

	for (k = 0; k < 4; k++) {
		unsigned __int128 rem = 0;
		unsigned dig = 0;

		for (j = 0; j < 10; j++) {
			rem += r;
			if (rem >= d) {
				rem -= d;
				dig++;
			}
		}
		frac = frac * 10 + dig;
		r = rem;
	}
	if (r >= d - r)			/* what is left is at least a half */
		frac++;
	if (frac == 10000) {
		frac = 0;
		q++;
	}
	if (q == 0 && frac == 0)
		negative = false;	/* no "-0.0000" */
	digits[--i] = '\0';
	for (k = 0; k < 4; k++) {
		digits[--i] = (char)('0' + frac % 10);
		frac /= 10;
	}
	digits[--i] = '.';
	do {
		digits[--i] = (char)('0' + (int)(q % 10));
		q /= 10;
	} while (q > 0);
	if (negative)
		digits[--i] = '-';
	memcpy(buf, digits + i, sizeof digits - i);
}

/* |x| of a 128-bit value whose magnitude is below 2^127. */
static unsigned __int128
mag128(__int128 x)
{
	return x < 0 ? -(unsigned __int128)x : (unsigned __int128)x;
}

/* See clcc.h. */
int
crm_clcc_ratio(int64_t num, int64_t den, char *buf)
{
	buf[0] = '\0';
	if (den == 0)
		return -1;
	format_ratio((num < 0) != (den < 0), mag128(num), mag128(den), buf);
	return 0;
}

/* See clcc.h. */
int
crm_clcc_change(int64_t cost, int64_t margin, int64_t prev_cost,
    int64_t prev_margin, char *buf)
{
	/* (c/m) / (pc/pm) - 1 = (c*pm - m*pc) / (m*pc); each product is at
	 * most 2^126 in magnitude, so the difference fits in 128 bits */
	__int128 a, b, n;

	buf[0] = '\0';
	if (margin == 0 || prev_cost == 0 || prev_margin == 0)
		return -1;
	a = (__int128)cost * prev_margin;
	b = (__int128)margin * prev_cost;
	n = a - b;
	format_ratio((n < 0) != (b < 0), mag128(n), mag128(b), buf);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Periods */

/* Floor division for period arithmetic on years before 0. */
static long
floor_div(long a, long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* The period number of a day: months, quarters or years since year 0. */
static long
period_of(long day, enum crm_clcc_period p)
{
	long y;
	int m, d;

	crm_civil_from_days(day, &y, &m, &d);
	switch (p) {
	case CRM_PERIOD_QUARTER:
		return y * 4 + (m - 1) / 3;
	case CRM_PERIOD_YEAR:
		return y;
	default:
		return y * 12 + (m - 1);
	}
}

/* The label of a period: 2026-01, 2026-Q1 or 2026.  buf: LABEL_SZ bytes. */
static void
period_label(long n, enum crm_clcc_period p, char *buf)
{
	long y = p == CRM_PERIOD_MONTH ? floor_div(n, 12) :
	    p == CRM_PERIOD_QUARTER ? floor_div(n, 4) : n;

	if (y >= 0 && y <= 9999 && p != CRM_PERIOD_YEAR) {
		/* the common case by hand: one label per row */
		long sub = p == CRM_PERIOD_MONTH ? n - 12 * y + 1 : n - 4 * y + 1;

		buf[0] = (char)('0' + y / 1000);
		buf[1] = (char)('0' + y / 100 % 10);
		buf[2] = (char)('0' + y / 10 % 10);
		buf[3] = (char)('0' + y % 10);
		buf[4] = '-';
		if (p == CRM_PERIOD_MONTH) {
			buf[5] = (char)('0' + sub / 10);
			buf[6] = (char)('0' + sub % 10);
		} else {
			buf[5] = 'Q';
			buf[6] = (char)('0' + sub);
		}
		buf[7] = '\0';
		return;
	}
	switch (p) {
	case CRM_PERIOD_QUARTER:
		snprintf(buf, LABEL_SZ, "%04ld-Q%ld", floor_div(n, 4),
		    n - 4 * floor_div(n, 4) + 1);
		break;
	case CRM_PERIOD_YEAR:
		snprintf(buf, LABEL_SZ, "%04ld", n);
		break;
	default:
		snprintf(buf, LABEL_SZ, "%04ld-%02ld", floor_div(n, 12),
		    n - 12 * floor_div(n, 12) + 1);
	}
}

/* ------------------------------------------------------------------ */
/* Reading */

/* Copy s (NULL: "") into the run's arena.  Returns the borrowed copy. */
static const char *
keep(struct run *run, const char *s)
{
	return crm_arena_strndup(run->arena, s ? s : "", s ? strlen(s) : 0);
}

/* Whether s, n bytes, is blank: empty, spaces or tabs. */
static bool
is_blank(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	return n == 0;
}

/* Remember the first example of something counted for a message. */
static void
example(char *buf, size_t len, long count, const char *s)
{
	if (count == 1)
		snprintf(buf, len, "%s", s);
}

/* crm_input_each() callback for a customers file: remember the group keys
 * of one customer, or merge a repeated one into it. */
static int
customer_record(struct crm_reader *r, const struct crm_record *rec, void *ctx,
    struct crm_error *err)
{
	struct run *run = ctx;
	struct crm_customer c;
	struct cust *e;

	if (crm_customer_from_record(r, rec, run->o->tz, &c, err) == -1)
		return CRM_REC_REJECT;
	HASH_FIND_STR(run->custs, c.customer_id, e);
	if (e != NULL) {
		/* the same customer again (overlapping exports): a later
		 * row's non-empty fields win */
		if (*c.rep_id)
			e->rep_id = keep(run, c.rep_id);
		if (*c.region)
			e->region = keep(run, c.region);
		if (*c.tier)
			e->tier = keep(run, c.tier);
		return CRM_REC_MERGED;
	}
	e = crm_xmalloc(sizeof *e);
	e->customer_id = keep(run, c.customer_id);
	e->rep_id = keep(run, c.rep_id);
	e->region = keep(run, c.region);
	e->tier = keep(run, c.tier);
	HASH_ADD_KEYPTR(hh, run->custs, e->customer_id,
	    strlen(e->customer_id), e);
	return CRM_REC_USED;
}

/* The group key of an entry for customer id. */
static const char *
group_key(struct part *pt, const char *id)
{
	struct run *run = pt->run;
	struct cust *c;
	const char *v;

	switch (run->o->by) {
	case CRM_CLCC_BY_ALL:
		return "all";
	case CRM_CLCC_BY_CUSTOMER:
		return id;
	default:
		break;
	}
	HASH_FIND_STR(run->custs, id, c);
	if (c == NULL) {
		pt->notes->unknown++;
		example(pt->notes->unknown_ex, sizeof pt->notes->unknown_ex,
		    pt->notes->unknown, id);
		return "(unknown)";
	}
	v = run->o->by == CRM_CLCC_BY_REP ? c->rep_id :
	    run->o->by == CRM_CLCC_BY_REGION ? c->region : c->tier;
	return *v ? v : "(none)";
}

/* The slot of a kind s, n bytes, or -1. */
static int
kind_slot(struct part *pt, const char *s, size_t n)
{
	size_t i;
	int slot = memo_find(&pt->kinds, s, n);
	const char *w;

	if (slot != -2)
		return slot;
	w = crm_value_word(CRM_F_KIND, s);
	for (i = 0; w != NULL && i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(w, kinds[i].word) == 0) {
			memo_add(&pt->kinds, s, n, kinds[i].slot);
			return kinds[i].slot;
		}
	return -1;
}

/* The slot of a failure's sub-kind s, n bytes (NULL: absent); an
 * unknown one is counted. */
static int
sub_kind_slot(struct part *pt, const char *s, size_t n)
{
	const char *w;
	size_t i;
	int slot;

	if (s == NULL || is_blank(s, n))
		return V_FAIL_OTHER;
	if ((slot = memo_find(&pt->subs, s, n)) != -2)
		return slot;
	w = crm_value_word(CRM_F_SUB_KIND, s);
	for (i = 0; w != NULL && i < sizeof sub_kinds / sizeof sub_kinds[0]; i++)
		if (strcmp(w, sub_kinds[i].word) == 0) {
			memo_add(&pt->subs, s, n, sub_kinds[i].slot);
			return sub_kinds[i].slot;
		}
	pt->notes->other_sub++;
	example(pt->notes->other_sub_ex, sizeof pt->notes->other_sub_ex,
	    pt->notes->other_sub, s);
	return V_FAIL_OTHER;
}

/* Field f of rec, or -1 with *err set when it is absent or blank. */
static inline int
need(const struct crm_record *rec, const int *cols, enum crm_field f,
    const char **out, size_t *n, struct crm_error *err)
{
	*out = crm_record_at(rec, cols[f], n);
	if (*out != NULL && *n > 0 && **out != ' ' && **out != '\t')
		return 0;		/* the common case: no loop */
	if (*out == NULL || is_blank(*out, *n)) {
		crm_error_set(err, NULL, 0, 0, "field '%s': empty",
		    crm_field_name(f));
		return -1;
	}
	return 0;
}

/* The cell of period p (<= max, the as-of period) in group g, which
 * becomes the group's first period when it is earlier.  The array grows
 * geometrically at either end (at most to max at the top), so entries in
 * date order, or in reverse, cost amortised O(1).  New cells hold zeros,
 * so the first amount added to one cannot overflow.  Can't fail (aborts
 * when memory is out). */
static struct cell *
group_cell_grow(struct group *g, long p, long max)
{
	long lo, hi, n;
	struct cell *cell;

	if (g->ncells == 0 || p < g->first)
		g->first = p;
	if (g->ncells > 0 && p >= g->base && p < g->base + g->ncells)
		return &g->cell[p - g->base];
	if (g->ncells == 0) {
		lo = hi = p;
	} else {
		lo = g->base;
		hi = g->base + g->ncells - 1;
		if (p < lo)
			lo = p - g->ncells;
		else
			hi = p + g->ncells < max ? p + g->ncells : max;
	}
	n = hi - lo + 1;
	cell = crm_xmalloc((size_t)n * sizeof *cell);
	memset(cell, 0, (size_t)n * sizeof *cell);
	if (g->ncells > 0)
		memcpy(&cell[g->base - lo], g->cell,
		    (size_t)g->ncells * sizeof *cell);
	free(g->cell);
	g->cell = cell;
	g->base = lo;
	g->ncells = n;
	return &g->cell[p - lo];
}

/* The cell of period p in g: group_cell_grow(), found inline when p has
 * its cell already (nearly every entry). */
static inline struct cell *
group_cell(struct group *g, long p, long max)
{
	if (g->ncells > 0 && p >= g->first && p < g->base + g->ncells)
		return &g->cell[p - g->base];
	return group_cell_grow(g, p, max);
}

/* The group of key in pt, created empty on first sight. */
static struct group *
group_get(struct part *pt, const char *key)
{
	struct group *g;

	HASH_FIND_STR(pt->groups, key, g);
	if (g == NULL) {
		g = crm_xmalloc(sizeof *g);
		g->key = crm_arena_strndup(pt->arena, key, strlen(key));
		g->first = g->base = 0;
		g->ncells = 0;
		g->cell = NULL;
		HASH_ADD_KEYPTR(hh, pt->groups, g->key, strlen(g->key), g);
	}
	return g;
}

/* Free pt's groups. */
static void
groups_free(struct part *pt)
{
	struct group *g, *gtmp;

	HASH_ITER(hh, pt->groups, g, gtmp) {
		free(g->cell);
		HASH_DEL(pt->groups, g);
		free(g);
	}
	pt->last = NULL;
}

/* The first day_memo slot to look in for a text, by its key: the top
 * bits of a product, the well-mixed ones (dates differ in few bits). */
static size_t
day_hash(uint64_t head, uint64_t tail, size_t n)
{
	uint64_t h = (head ^ tail * 0x9E3779B97F4A7C15u ^ n) *
	    0xFF51AFD7ED558CCDu;

	return (size_t)(h >> (64 - DAY_MEMO_BITS));
}

/* Read date text s as a date, or a timestamp on its day in the team
 * zone, into *day and *period.  Returns -1 when it is neither. */
static int
date_read(const struct crm_clcc_opts *o, const char *s, long *day,
    long *period)
{
	struct crm_time t;

	if (crm_date_parse(s, day) == -1) {
		if (crm_time_parse(s, o->tz, &t) == -1)
			return -1;
		*day = crm_time_day(t.t, o->tz);
	}
	*period = period_of(*day, o->period);
	return 0;
}

/* date_read() of text s, n bytes, remembered in pt->days: both answers
 * depend on the text alone (the zone and the kind of period are the
 * run's), so a text that was read is not read again. */
static int
date_day(struct part *pt, const char *s, size_t n, long *day, long *period)
{
	struct day_memo *m = pt->days;
	uint64_t head, tail;
	size_t h, i;

	if (n < 8 || n > 16)
		return date_read(pt->run->o, s, day, period);
	if (m == NULL) {
		m = pt->days = crm_xmalloc(sizeof *m);
		memset(m, 0, sizeof *m);
	}
	memcpy(&head, s, 8);
	memcpy(&tail, s + n - 8, 8);
	h = day_hash(head, tail, n);
	for (i = h; m->slot[i].n != 0; i = (i + 1) & (DAY_MEMO_SLOTS - 1))
		if (m->slot[i].n == n && m->slot[i].head == head &&
		    m->slot[i].tail == tail) {
			*day = m->slot[i].day;
			*period = m->slot[i].period;
			return 0;
		}
	if (date_read(pt->run->o, s, day, period) == -1)
		return -1;
	if (*period < INT_MIN || *period > INT_MAX)
		return 0;		/* (no such year is read) */
	if (m->count == DAY_MEMO_SLOTS / 2) {
		/* full enough to make probes long: start again */
		memset(m, 0, sizeof *m);
		i = h;
	}
	m->slot[i].head = head;
	m->slot[i].tail = tail;
	m->slot[i].day = *day;
	m->slot[i].period = (int)*period;
	m->slot[i].n = (unsigned char)n;
	m->count++;
	return 0;
}

/* Add fen to the sums of c at slot, at sub (-1: none) and, for a cost,
 * at V_COST; all or none.  Returns -1 when one would overflow. */
static int
cell_add(struct cell *c, int slot, int sub, int64_t fen)
{
	int64_t a, b = 0, k = 0;

	if (__builtin_add_overflow(c->v[slot], fen, &a) ||
	    (sub >= 0 && __builtin_add_overflow(c->v[sub], fen, &b)) ||
	    (slot != V_MARGIN &&
	    __builtin_add_overflow(c->v[V_COST], fen, &k)))
		return -1;
	c->v[slot] = a;			/* slot, sub and V_COST differ */
	if (sub >= 0)
		c->v[sub] = b;
	if (slot != V_MARGIN)
		c->v[V_COST] = k;
	return 0;
}

/* crm_input_each() callback for a ledger: check and parse one entry and
 * add its amount to its group's cell, or reject it saying why (the caller
 * adds file and line).  Entries after the as-of day are ignored. */
static int
ledger_record(struct crm_reader *r, const struct crm_record *rec, void *ctx,
    struct crm_error *err)
{
	static const enum crm_field kind_req[] = { CRM_F_KIND, CRM_F_NONE };
	struct part *pt = ctx;
	struct run *run = pt->run;
	const int *cols = crm_reader_cols(r);
	const char *id, *date, *kind, *amount, *sub_kind, *key;
	size_t idn, daten, kindn, amountn, subn;
	struct group *g;
	struct cell *c;
	long day, period;
	int64_t fen;
	int slot, sub = -1;

	/* kind, or when the input has no kind column, type (类型) */
	if (!pt->kind_checked) {
		pt->kind_checked = true;
		if (crm_reader_col(r, CRM_F_TYPE) < 0 &&
		    crm_reader_require(r, kind_req, err) == -1)
			return CRM_REC_FATAL;
	}
	kind = crm_record_at(rec, cols[CRM_F_KIND], &kindn);
	if (kind == NULL)
		kind = crm_record_at(rec, cols[CRM_F_TYPE], &kindn);
	if (need(rec, cols, CRM_F_CUSTOMER_ID, &id, &idn, err) == -1 ||
	    need(rec, cols, CRM_F_DATE, &date, &daten, err) == -1)
		return CRM_REC_REJECT;
	if (kind == NULL || is_blank(kind, kindn)) {
		crm_error_set(err, NULL, 0, 0, "field 'kind': empty");
		return CRM_REC_REJECT;
	}
	if (need(rec, cols, CRM_F_AMOUNT, &amount, &amountn, err) == -1)
		return CRM_REC_REJECT;
	if ((slot = kind_slot(pt, kind, kindn)) == -1) {
		crm_error_set(err, NULL, 0, 0, "field 'kind': unknown kind '%s' "
		    "(expected acquisition, service, failure or margin)", kind);
		return CRM_REC_REJECT;
	}
	if (date_day(pt, date, daten, &day, &period) == -1) {
		crm_error_set(err, NULL, 0, 0,
		    "field 'date': not a date '%s'", date);
		return CRM_REC_REJECT;
	}
	if (crm_money_parse(amount, &fen, err) == -1) {
		char msg[sizeof err->msg];

		memcpy(msg, err->msg, sizeof msg);
		crm_error_set(err, NULL, 0, 0, "field 'amount': %s", msg);
		return CRM_REC_REJECT;
	}
	if (day > run->o->as_of) {
		pt->notes->future++;
		return CRM_REC_IGNORED;
	}
	if (slot == V_FAILURE) {
		sub_kind = crm_record_at(rec, cols[CRM_F_SUB_KIND], &subn);
		sub = sub_kind_slot(pt, sub_kind, subn);
	}

	/* one group takes every entry of "all": no key to look up */
	g = pt->last;
	if (g == NULL || run->o->by != CRM_CLCC_BY_ALL) {
		key = group_key(pt, id);
		if (g == NULL || strcmp(g->key, key) != 0) {
			g = group_get(pt, key);
			pt->last = g;
		}
	}
	c = group_cell(g, period, run->as_of_period);
	pt->abs += fen < 0 ? (unsigned __int128)0 - (unsigned __int128)fen :
	    (unsigned __int128)fen;
	if (cell_add(c, slot, sub, fen) == -1) {
		char label[LABEL_SZ];

		period_label(period, run->o->period, label);
		crm_error_set(err, NULL, 0, 0, "field 'amount': '%s' makes the "
		    "%s total of %s in %s overflow", amount,
		    slot == V_MARGIN ? "margin" : "cost", g->key, label);
		return CRM_REC_REJECT;
	}
	return CRM_REC_USED;
}

/* Before each input: its kind column has not been checked yet. */
static void
new_input(void *ctx)
{
	((struct run *)ctx)->main.kind_checked = false;
}

/* The same for the ledgers, read into the run's own part. */
static void
new_ledger(void *ctx)
{
	((struct part *)ctx)->kind_checked = false;
}

/* --jobs: parts of a ledger read in parallel (crm_input_each_par). */
static void *
part_new(void *ctx)
{
	struct run *run = ctx;
	struct part *pt = crm_xmalloc(sizeof *pt);

	memset(pt, 0, sizeof *pt);
	pt->run = run;
	pt->arena = crm_arena_new();
	pt->notes = &pt->own;
	return pt;
}

static void
part_free(void *ctx, void *vp)
{
	struct part *pt = vp;

	(void)ctx;
	groups_free(pt);
	free(pt->days);
	crm_arena_free(pt->arena);
	free(pt);
}

static void *
part_main(void *ctx)
{
	struct run *run = ctx;

	run->main.kind_checked = false;	/* (a pure check of the header) */
	return &run->main;
}

/* Add part vp, read after everything merged so far, to the run's sums:
 * sums of integers in any order, unless one might have overflowed in the
 * order of one thread (then the part is read again, in order). */
static int
part_merge(void *ctx, void *vp, struct crm_error *err)
{
	struct run *run = ctx;
	struct part *pt = vp, *m = &run->main;
	struct group *g, *gtmp;
	const struct crm_clcc_notes *n = &pt->own;

	(void)err;
	if (m->abs + pt->abs > (unsigned __int128)INT64_MAX)
		return CRM_PAR_REPLAY;
	m->abs += pt->abs;
	HASH_ITER(hh, pt->groups, g, gtmp) {
		struct group *mg = group_get(m, g->key);

		for (long p = g->first; p < g->base + g->ncells; p++) {
			struct cell *from = &g->cell[p - g->base];
			struct cell *to = group_cell(mg, p, run->as_of_period);

			for (int v = 0; v < V_N; v++)
				to->v[v] += from->v[v];
		}
	}
	m->last = NULL;
	if (run->notes->unknown == 0 && n->unknown > 0)
		memcpy(run->notes->unknown_ex, n->unknown_ex,
		    sizeof n->unknown_ex);
	if (run->notes->other_sub == 0 && n->other_sub > 0)
		memcpy(run->notes->other_sub_ex, n->other_sub_ex,
		    sizeof n->other_sub_ex);
	run->notes->unknown += n->unknown;
	run->notes->other_sub += n->other_sub;
	run->notes->future += n->future;
	return 0;
}

static const struct crm_par_ops ledger_ops = {
	part_new, ledger_record, NULL, part_merge, part_free, part_main, NULL,
	NULL, NULL
};

/* ------------------------------------------------------------------ */
/* Writing */

/* crm_sort() order of groups: by key, in byte order. */
static int
cmp_groups(const void *pa, const void *pb)
{
	const struct group *a = *(const struct group *const *)pa;
	const struct group *b = *(const struct group *const *)pb;

	return strcmp(a->key, b->key);
}

/* Check that every life-to-date sum of every group fits, before anything
 * is written: -1 with *err set when one overflows. */
static int
check_lifetime(struct group **list, size_t n, enum crm_clcc_period p,
    struct crm_error *err)
{
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		int64_t cum[V_N] = { 0 };
		long j;

		for (j = 0; j < list[i]->ncells; j++)
			for (k = 0; k < V_N; k++)
				if (__builtin_add_overflow(cum[k],
				    list[i]->cell[j].v[k], &cum[k])) {
					char label[LABEL_SZ];

					period_label(list[i]->base + j, p,
					    label);
					crm_error_set(err, NULL, 0, 0,
					    "the life-to-date %s of %s "
					    "overflows in %s", v_names[k],
					    list[i]->key, label);
					return -1;
				}
	}
	return 0;
}

/* The status of a row and whether it has a clcc and a change rate. */
static const char *
row_status(const int64_t *v, const int64_t *prev, bool first)
{
	if (v[V_MARGIN] <= 0)
		return "margin<=0";
	if (first)
		return "no-previous";
	if (prev[V_MARGIN] <= 0)
		return "prev-margin<=0";
	if (prev[V_COST] == 0)
		return "prev-clcc=0";
	return "ok";
}

/* Write the rows of one group, from its first period to the as-of
 * period.  Returns -1 on a write error. */
static int
write_group(struct run *run, struct crm_writer *w, struct group *g)
{
	int64_t v[V_N], prev[V_N] = { 0 }, cum[V_N] = { 0 };
	long p;
	int k;

	for (p = g->first; p <= run->as_of_period; p++) {
		char label[LABEL_SZ], money[V_N][CRM_MONEY_BUFSZ];
		char clcc[CRM_MONEY_BUFSZ], rate[CRM_MONEY_BUFSZ];
		const char *vals[V_N + 5], *status;

		if (p < g->base + g->ncells)
			memcpy(v, g->cell[p - g->base].v, sizeof v);
		else
			memset(v, 0, sizeof v);
		if (run->o->lifetime) {
			for (k = 0; k < V_N; k++)
				cum[k] += v[k];	/* check_lifetime() said it fits */
			memcpy(v, cum, sizeof v);
		}
		status = row_status(v, prev, p == g->first);
		clcc[0] = rate[0] = '\0';
		if (v[V_MARGIN] > 0)
			crm_clcc_ratio(v[V_COST], v[V_MARGIN], clcc);
		if (strcmp(status, "ok") == 0)
			crm_clcc_change(v[V_COST], v[V_MARGIN], prev[V_COST],
			    prev[V_MARGIN], rate);
		period_label(p, run->o->period, label);
		vals[0] = g->key;
		vals[1] = label;
		for (k = 0; k < V_N; k++) {
			crm_money_format(v[k], money[k]);
			vals[2 + k] = money[k];
		}
		vals[V_N + 2] = clcc;
		vals[V_N + 3] = rate;
		vals[V_N + 4] = status;
		if (crm_writer_row(w, vals) == -1)
			return -1;
		memcpy(prev, v, sizeof prev);
	}
	return 0;
}

/* Write the report: groups by key, each group's periods in order. */
static int
write_report(struct run *run, FILE *out, struct crm_error *err)
{
	static const char *const by_names[] = { "group", "customer_id",
	    "rep_id", "region", "tier" };
	const char *names[V_N + 5];
	enum crm_coltype types[V_N + 5];
	struct group **list, *g, *tmp;
	struct crm_writer *w;
	size_t n = 0, i;
	int k, rc = 0;

	names[0] = by_names[run->o->by];
	types[0] = CRM_COL_STR;
	names[1] = "period";
	types[1] = CRM_COL_STR;
	for (k = 0; k < V_N; k++) {
		names[2 + k] = v_names[k];
		types[2 + k] = CRM_COL_NUM;
	}
	names[V_N + 2] = "clcc";
	names[V_N + 3] = "change_rate";
	names[V_N + 4] = "status";
	types[V_N + 2] = types[V_N + 3] = CRM_COL_NUM;
	types[V_N + 4] = CRM_COL_STR;

	list = crm_xmalloc((HASH_COUNT(run->main.groups) + 1) * sizeof *list);
	HASH_ITER(hh, run->main.groups, g, tmp)
		list[n++] = g;
	crm_sort(list, n, sizeof *list, cmp_groups);
	if (run->o->lifetime && check_lifetime(list, n, run->o->period,
	    err) == -1) {
		free(list);
		return -1;
	}
	w = crm_writer_new(out, &run->o->out, names, types, V_N + 5);
	for (i = 0; i < n && rc == 0; i++)
		rc = write_group(run, w, list[i]);
	if (crm_writer_close(w) == -1)
		rc = -1;
	free(list);
	if (rc == -1)
		crm_error_set(err, NULL, 0, 0, "write error on standard output");
	return rc;
}

/* ------------------------------------------------------------------ */

/* See clcc.h. */
int
crm_clcc_run(const struct crm_clcc_opts *o, FILE *out,
    struct crm_clcc_notes *notes, struct crm_error *err)
{
	static const enum crm_field creq[] = { CRM_F_CUSTOMER_ID, CRM_F_NONE };
	static const enum crm_field lreq[] = { CRM_F_CUSTOMER_ID, CRM_F_DATE,
	    CRM_F_AMOUNT, CRM_F_NONE };
	static const char *stdin_only[] = { "-", NULL };
	struct run run;
	struct cust *e, *etmp;
	bool rejects = false;
	int status = CRM_EXIT_ERROR;

	memset(&run, 0, sizeof run);
	run.o = o;
	run.notes = notes;
	memset(notes, 0, sizeof *notes);
	run.arena = crm_arena_new();
	run.main.run = &run;
	run.main.arena = run.arena;
	run.main.notes = notes;
	run.as_of_period = period_of(o->as_of, o->period);
	if (o->by >= CRM_CLCC_BY_REP) {
		if (o->customers == NULL || o->customers[0] == NULL) {
			crm_error_set(err, NULL, 0, 0,
			    "grouping by rep, region or tier needs a customers file");
			goto out;
		}
		if (crm_input_all(o->customers, &o->input, creq, customer_record,
		    &run, new_input, &rejects, err) == -1)
			goto out;
	}
	if (crm_jobs() > 1 ?
	    crm_input_all_par(o->ledgers && o->ledgers[0] ? o->ledgers :
	    stdin_only, &o->input, lreq, &ledger_ops, &run, &rejects,
	    err) == -1 :
	    crm_input_all(o->ledgers && o->ledgers[0] ? o->ledgers : stdin_only,
	    &o->input, lreq, ledger_record, &run.main, new_ledger, &rejects,
	    err) == -1)
		goto out;
	if (write_report(&run, out, err) == -1)
		goto out;
	status = rejects ? CRM_EXIT_ERROR : CRM_EXIT_OK;
	if (rejects)
		crm_error_set(err, NULL, 0, 0,
		    "some input records were rejected (see above)");
out:
	groups_free(&run.main);
	free(run.main.days);
	HASH_ITER(hh, run.custs, e, etmp) {
		HASH_DEL(run.custs, e);
		free(e);
	}
	crm_arena_free(run.arena);
	return status;
}
