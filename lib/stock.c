/* stock.c - crm-stock, the store-area dashboard (DOMAIN.md: area board):
 * sell-through, near-expiry, stock-outs and member repurchase gaps from
 * stock snapshots, sale lines and members.  Every definition is in
 * crm-stock(1).
 *
 * Stock snapshots are read first and kept (one small struct per row: the
 * stock-out spans need each (location, sku)'s snapshots in time order,
 * and they may come in any order); the spans are found; then the sale
 * lines stream through, each one a key lookup that updates per-(location,
 * sku), per-span and per-member state, with no allocation per line. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clcc.h"
#include "crm.h"
#include "stock.h"

#define NO_DAY	INT32_MIN
#define MDBUF	(1 << 20)	/* purchase days gathered at a time, at
				   least: 4 MiB */

enum lkind { LK_UNKNOWN, LK_STORE, LK_WAREHOUSE };

struct loc {
	const char *id;			/* borrowed from the keytab */
	const char *name;		/* arena; "" when unknown */
	const char *region;		/* arena; "" when unknown */
	int region_from;		/* 0 none, 1 customers, 2 --locations */
	enum lkind kind;		/* as --locations declares it */
	long nsales;			/* sale lines of its own */
	int64_t latest;			/* as_of of its latest snapshot */
	bool has_latest;
	/* the board, filled at the end */
	long held, sold, sold_not_held;
	long near, expired;
	int64_t value;			/* fen: near and expired batches */
	bool has_value;
	long stockouts, ongoing;
	int64_t lost;			/* tenths of a unit */
	long judged, not_judged, overdue;
};

struct ls {				/* one (location, sku) */
	uint32_t loc, sku;		/* indexes in run->locs, run->skus */
	bool held;			/* qty > 0 in a snapshot of the window */
	int64_t held_qty;		/* qty in its latest snapshot of the window */
};

struct lsale {				/* what a sale line updates of its
					   (location, sku): apart, and 16
					   bytes, so it stays in cache */
	int64_t win_net;		/* net units sold in the window */
	int32_t last_sold;		/* day of the latest sale, qty > 0 */
	int32_t span;			/* its first stock-out, or -1 */
};

struct pslot {				/* the pair table: (loc, sku) -> ls */
	uint32_t loc, sku;
	uint32_t idx;			/* index in run->ls, or PAIR_EMPTY */
	uint32_t unused;		/* pads the slot to 16 bytes */
};
#define PAIR_EMPTY UINT32_MAX

struct rslot {				/* the row table: key -> stock row */
	uint32_t row;			/* index in run->rows, or PAIR_EMPTY */
	uint32_t tag;			/* high bits of its key's hash */
};

struct srow {				/* one stock row */
	uint32_t ls;
	int32_t expiry;			/* day, or NO_DAY */
	bool has_time;
	bool has_price;
	int64_t t;			/* as_of */
	int64_t qty;
	int64_t price;			/* fen per unit, when has_price */
	const char *batch;		/* arena */
};

struct span {				/* a stock-out of one (location, sku) */
	uint32_t ls;
	bool ongoing;
	struct crm_time start, end;	/* end: the first snapshot with stock */
	int64_t secs;			/* to end, or to the as-of moment */
	long start_day;
	int64_t own_units, any_units;	/* units sold in the W days before */
	bool own_before, any_before;	/* a sale (qty > 0) before start */
	int32_t next;			/* the next span of the same ls, or -1 */
	/* filled at the end */
	bool demand;
	int64_t units;			/* own or any, by the location's kind */
	int64_t lost;			/* tenths of a unit, or -1 */
};

struct skud {				/* a sku's sales anywhere, for the
					   stock-outs of warehouses */
	bool spans;			/* it has stock-outs */
	bool has_first;
	int64_t first;			/* its first sale (qty > 0) */
	long lo, ndays;			/* daily[i] is day lo + i */
	int64_t *daily;			/* net units sold per day */
};

struct mem {
	const char *name;		/* arena; "" when unknown */
	int32_t home;			/* location from the members file, or -1 */
	bool listed;			/* read from the members file */
};

struct mbuy {				/* what a sale line updates of its
					   member: apart, and 16 bytes */
	int64_t last_t;			/* the latest purchase */
	int32_t last_loc;		/* its location, or -1 */
	int32_t last_day;		/* last day appended, or NO_DAY */
};

struct mday {
	uint32_t m;
	int32_t day;
};

/* Sale lines in flight between the start of their lookups (a hash and a
 * prefetch of the slot) and their update, so that the cache misses of the
 * pair and member tables overlap the parsing of the next lines.  They go
 * through in input order: a line is found LAG lines after it came, and
 * applied PIPE lines after it came. */
#define PIPE 16			/* sale lines in flight */
#define LAG 8			/* from the slot's prefetch to its find */

struct pend {
	int64_t t;			/* ts */
	int64_t qty;
	int32_t day;			/* of ts */
	uint32_t loc, sku;
	uint32_t ls;			/* the pair's index, once found */
	uint64_t ph;			/* hash of (loc, sku) */
	uint64_t mh;			/* hash of the member id */
	long m;				/* its index once found, or -1: none */
	size_t mn;			/* length of mid */
	char mid[64];			/* the member id, when mn > 0 */
};

struct run {
	const struct crm_stock_opts *o;
	struct crm_arena *arena;
	struct crm_keytab *locs, *skus, *mems;
	struct rslot *rslot;		/* the row table: rcap slots, at
					   most half full; freed after the
					   stock rows */
	size_t rcap;
	struct loc *loc;
	size_t locap;
	struct pslot *pslot;		/* pcap slots, at most half full */
	size_t pcap;
	struct ls *ls;			/* by pair index */
	struct lsale *lsale;		/* by pair index */
	size_t nls, lscap;
	struct skud *skud;		/* per sku: demand, when it had spans */
	size_t skucap;
	struct srow *rows;
	size_t nrows, rowcap;
	struct span *spans;
	size_t nspans, spancap;
	struct mem *mem;		/* by member index */
	struct mbuy *mbuy;		/* by member index */
	size_t memcap;
	struct mday *md;
	size_t nmd, mdcap;
	struct pend ring[PIPE];		/* sale lines in flight */
	unsigned long pushed, found, applied;
	struct crm_norm norm;
	int fi[CRM_F_COUNT];		/* normalised value index per field */
	int64_t epoch;			/* start of day 0 in the zone */
	int64_t ws, ae;			/* window start, as-of end (instants) */
	long wday;			/* first day of the window */
	long yday[2];			/* days of 1000-01-01 and 9999-12-31 */
	size_t mdbuf;			/* purchase days gathered at a time,
					   or 0: MDBUF or an eighth */
	bool rejects;
	bool ongoing;			/* an ongoing stock-out was reported */
};

int
crm_stock_report_parse(const char *s)
{
	static const char *const names[] = { "all", "sellthrough", "expiry",
	    "stockout", "repurchase" };

	for (int i = 0; i < 5; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

static const char *
keep(struct run *run, const char *s)
{
	return crm_arena_strndup(run->arena, s ? s : "", s ? strlen(s) : 0);
}

/* Copy s without surrounding blanks into the arena. */
static const char *
keep_trim(struct run *run, const char *s)
{
	size_t n;

	if (s == NULL)
		return "";
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return crm_arena_strndup(run->arena, s, n);
}

static void *
grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	while (*cap < need)
		*cap = *cap ? *cap * 2 : 256;
	return crm_xrealloc(p, *cap * size);
}

/* The index of location id, added when new; -1 past 2 billion. */
static long
loc_add(struct run *run, const char *id)
{
	bool existed;
	long i;

	if (crm_keytab_count(run->locs) >= INT32_MAX)
		return crm_keytab_find(run->locs, id);
	if ((i = crm_keytab_add(run->locs, id, &existed)) == -1)
		return -1;
	if (!existed) {
		struct loc *l;

		run->loc = grow(run->loc, &run->locap, (size_t)i + 1,
		    sizeof *run->loc);
		l = &run->loc[i];
		memset(l, 0, sizeof *l);
		l->id = crm_keytab_key(run->locs, i);
		l->name = l->region = "";
	}
	return i;
}

/* The index of sku, added when new; -1 past 4 billion. */
static long
sku_add(struct run *run, const char *sku)
{
	bool existed;
	long s = crm_keytab_add(run->skus, sku, &existed);

	if (s != -1 && !existed) {
		run->skud = grow(run->skud, &run->skucap, (size_t)s + 1,
		    sizeof *run->skud);
		memset(&run->skud[s], 0, sizeof run->skud[s]);
	}
	return s;
}

/* The pair table: (location, sku) by their two indexes, not by a joined
 * string, so a lookup hashes two integers and compares no bytes, and
 * ("AB", "C") and ("A", "BC") stay apart whatever bytes the ids hold.
 * Open addressing with linear probing, at most half full; 16 bytes a
 * slot. */
static uint64_t
pair_hash(uint32_t loc, uint32_t sku)
{
	uint64_t h = (uint64_t)loc << 32 | sku;

	h ^= h >> 33;			/* murmur3's finaliser */
	h *= 0xFF51AFD7ED558CCDULL;
	h ^= h >> 33;
	h *= 0xC4CEB9FE1A85EC53ULL;
	return h ^ (h >> 33);
}

static void
pair_prefetch(const struct run *run, uint64_t h)
{
	__builtin_prefetch(&run->pslot[h & (run->pcap - 1)]);
}

static void
pair_grow(struct run *run)
{
	struct pslot *old = run->pslot;
	size_t oldcap = run->pcap, mask;

	run->pcap = oldcap ? oldcap * 2 : 1024;
	mask = run->pcap - 1;
	run->pslot = crm_huge_alloc(run->pcap * sizeof *run->pslot);
	for (size_t i = 0; i < run->pcap; i++)
		run->pslot[i].idx = PAIR_EMPTY;
	for (size_t i = 0; i < oldcap; i++) {
		size_t j;

		if (old[i].idx == PAIR_EMPTY)
			continue;
		for (j = pair_hash(old[i].loc, old[i].sku) & mask;
		    run->pslot[j].idx != PAIR_EMPTY; j = (j + 1) & mask)
			;
		run->pslot[j] = old[i];
	}
	free(old);
}

/* The index of the pair (loc, sku), whose pair_hash is h, added when new;
 * -1 past 4 billion pairs. */
static long
pair_add(struct run *run, uint32_t loc, uint32_t sku, uint64_t h)
{
	size_t mask = run->pcap - 1, i = (size_t)h & mask;
	struct pslot *p;

	for (;; i = (i + 1) & mask) {
		p = &run->pslot[i];
		if (p->idx == PAIR_EMPTY)
			break;
		if (p->loc == loc && p->sku == sku)
			return p->idx;
	}
	if (run->nls >= PAIR_EMPTY - 1)
		return -1;
	if (run->nls == run->lscap) {
		run->lscap = run->lscap ? run->lscap * 2 : 1024;
		run->ls = crm_xrealloc(run->ls, run->lscap * sizeof *run->ls);
		run->lsale = crm_xrealloc(run->lsale,
		    run->lscap * sizeof *run->lsale);
	}
	p->loc = loc;
	p->sku = sku;
	p->idx = (uint32_t)run->nls;
	run->ls[run->nls] = (struct ls){ loc, sku, false, 0 };
	run->lsale[run->nls] = (struct lsale){ 0, NO_DAY, -1 };
	if (++run->nls * 2 > run->pcap)
		pair_grow(run);
	return (long)run->nls - 1;
}

/* The index of (loc, sku), added when new; -1 past the limits above. */
static long
ls_add(struct run *run, const char *loc, const char *sku)
{
	long l, s;

	if ((l = loc_add(run, loc)) == -1 || (s = sku_add(run, sku)) == -1)
		return -1;
	return pair_add(run, (uint32_t)l, (uint32_t)s,
	    pair_hash((uint32_t)l, (uint32_t)s));
}

/* Location, then sku, in bytes: the order of rows "by location and SKU". */
static int
cmp_pair(const struct run *run, uint32_t a, uint32_t b)
{
	const struct ls *x = &run->ls[a], *y = &run->ls[b];
	int c;

	if (a == b)
		return 0;
	if (x->loc != y->loc &&
	    (c = strcmp(run->loc[x->loc].id, run->loc[y->loc].id)) != 0)
		return c;
	return strcmp(crm_keytab_key(run->skus, x->sku),
	    crm_keytab_key(run->skus, y->sku));
}

/* The index of member id, added when new, with its state; -1 past 4
 * billion. */
static long
mem_add(struct run *run, const char *id)
{
	bool existed;
	long m = crm_keytab_add(run->mems, id, &existed);

	if (m == -1 || existed)
		return m;
	if ((size_t)m == run->memcap) {
		run->memcap = run->memcap ? run->memcap * 2 : 1024;
		run->mem = crm_xrealloc(run->mem, run->memcap * sizeof *run->mem);
		run->mbuy = crm_xrealloc(run->mbuy,
		    run->memcap * sizeof *run->mbuy);
	}
	run->mem[m] = (struct mem){ "", -1, false };
	run->mbuy[m] = (struct mbuy){ 0, -1, NO_DAY };
	return m;
}

/* The normalised value of field f (crm_kind_fields order of the kind
 * last given to crm_normalize), "" when the kind has no such field. */
static const char *
val(const struct run *run, enum crm_field f)
{
	return run->fi[f] >= 0 ? run->norm.vals[run->fi[f]] : "";
}

/* Point run->fi at kind k's field order. */
static void
use_kind(struct run *run, enum crm_kind k)
{
	const enum crm_field *f;
	size_t n = crm_kind_fields(k, &f);

	for (int i = 0; i < CRM_F_COUNT; i++)
		run->fi[i] = -1;
	for (size_t i = 0; i < n; i++)
		run->fi[f[i]] = (int)i;
}

static int
too_many(struct crm_error *err)
{
	crm_error_set(err, NULL, 0, 0, "too many keys");
	return CRM_REC_FATAL;
}

/* The row table: the stock rows by their key (pair, as_of, batch; as_of
 * as an instant and whether it had a time, which its normalised text is
 * made of), so that a row given again is found; at most half full, 8
 * bytes a slot.  Freed once the stock rows are in. */
static uint64_t
row_hash(uint32_t ls, const struct crm_time *t, const char *batch)
{
	uint64_t h = crm_keytab_hash(batch, strlen(batch));

	h ^= pair_hash(ls, (uint32_t)t->has_time);
	h += (uint64_t)t->t * 0x9E3779B97F4A7C15ULL;
	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9ULL;
	return h ^ (h >> 32);
}

static void
row_grow(struct run *run)
{
	struct rslot *old = run->rslot;
	size_t oldcap = run->rcap, mask;

	run->rcap = oldcap ? oldcap * 2 : 1024;
	mask = run->rcap - 1;
	run->rslot = crm_huge_alloc(run->rcap * sizeof *run->rslot);
	for (size_t i = 0; i < run->rcap; i++)
		run->rslot[i].row = PAIR_EMPTY;
	for (size_t i = 0; i < oldcap; i++) {
		const struct srow *r = &run->rows[old[i].row];
		struct crm_time t;
		size_t j;

		if (old[i].row == PAIR_EMPTY)
			continue;
		t.t = r->t;
		t.has_time = r->has_time;
		for (j = row_hash(r->ls, &t, r->batch) & mask;
		    run->rslot[j].row != PAIR_EMPTY; j = (j + 1) & mask)
			;
		run->rslot[j] = old[i];
	}
	free(old);
}

/* The index of the row of (ls, t, batch): an existing row, or run->nrows
 * when it is new (the caller adds it); -1 past 4 billion rows. */
static long
row_add(struct run *run, uint32_t ls, const struct crm_time *t,
    const char *batch)
{
	uint64_t h = row_hash(ls, t, batch);
	uint32_t tag = (uint32_t)(h >> 32);
	size_t mask, i;

	if ((run->nrows + 1) * 2 > run->rcap)
		row_grow(run);		/* room for one more */
	mask = run->rcap - 1;
	for (i = (size_t)h & mask; run->rslot[i].row != PAIR_EMPTY;
	    i = (i + 1) & mask) {
		const struct srow *r = &run->rows[run->rslot[i].row];

		if (run->rslot[i].tag == tag && r->ls == ls && r->t == t->t &&
		    r->has_time == t->has_time && strcmp(r->batch, batch) == 0)
			return run->rslot[i].row;
	}
	if (run->nrows >= PAIR_EMPTY - 1)
		return -1;
	run->rslot[i].row = (uint32_t)run->nrows;
	run->rslot[i].tag = tag;
	return (long)run->nrows;
}

static int
stock_record(struct crm_reader *r, const struct crm_record *rec, void *ctx,
    struct crm_error *err)
{
	struct run *run = ctx;
	const struct crm_stock_opts *o = run->o;
	struct crm_time t;
	struct srow *s;
	struct loc *l;
	const char *v, *batch;
	long i, k, day;
	bool dup = false;

	if (crm_normalize(CRM_KIND_STOCK, r, rec, o->tz, &run->norm, err) == -1)
		return CRM_REC_REJECT;
	if (crm_time_parse(val(run, CRM_F_AS_OF), o->tz, &t) == -1) {
		crm_error_set(err, NULL, 0, 0, "field 'as_of': not a time '%s'",
		    val(run, CRM_F_AS_OF));
		return CRM_REC_REJECT;
	}
	if (t.t >= run->ae)
		return CRM_REC_IGNORED;		/* counted after the as-of day */
	if ((i = ls_add(run, val(run, CRM_F_LOCATION_ID),
	    val(run, CRM_F_SKU))) == -1)
		return too_many(err);
	/* the same row again (location, sku, batch, as_of: the store's
	 * key), e.g. overlapping exports: the later one wins, as in the
	 * store; every new key is the next row */
	v = val(run, CRM_F_BATCH);
	if ((k = row_add(run, (uint32_t)i, &t, v)) == -1)
		return too_many(err);
	if ((size_t)k < run->nrows) {
		s = &run->rows[k];
		batch = s->batch;
		dup = true;
	} else {
		run->rows = grow(run->rows, &run->rowcap, run->nrows + 1,
		    sizeof *run->rows);
		s = &run->rows[run->nrows++];
		batch = *v ? keep(run, v) : "";
	}
	memset(s, 0, sizeof *s);
	s->ls = (uint32_t)i;
	s->t = t.t;
	s->has_time = t.has_time;
	s->qty = strtoll(val(run, CRM_F_QTY), NULL, 10);
	s->expiry = NO_DAY;
	v = val(run, CRM_F_EXPIRY);
	if (*v != '\0' && crm_date_parse(v, &day) == 0)
		s->expiry = (int32_t)day;
	s->has_price = *val(run, CRM_F_PRICE) != '\0';
	s->price = run->norm.fen;
	s->batch = batch;
	l = &run->loc[run->ls[i].loc];
	if (!l->has_latest || t.t > l->latest) {
		l->latest = t.t;
		l->has_latest = true;
	}
	return dup ? CRM_REC_MERGED : CRM_REC_USED;
}

static int
cmp_srow(const void *pa, const void *pb)
{
	const struct srow *a = pa, *b = pb;

	if (a->ls != b->ls)
		return a->ls < b->ls ? -1 : 1;
	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	return 0;
}

/* Close a span of ls that started at start and ended at end (ongoing:
 * at the as-of moment); keep it when it lasted --stockout-hours and
 * reaches into the window. */
static void
add_span(struct run *run, uint32_t ls, const struct crm_time *start,
    const struct crm_time *end, bool ongoing)
{
	int64_t stop = ongoing ? run->ae : end->t;
	struct span *s;
	uint32_t sku = run->ls[ls].sku;

	if (stop - start->t < (int64_t)run->o->stockout_hours * 3600 ||
	    stop <= run->ws)
		return;
	run->spans = grow(run->spans, &run->spancap, run->nspans + 1,
	    sizeof *run->spans);
	s = &run->spans[run->nspans];
	memset(s, 0, sizeof *s);
	s->ls = ls;
	s->ongoing = ongoing;
	s->start = *start;
	if (!ongoing)
		s->end = *end;
	s->secs = stop - start->t;
	s->start_day = crm_time_day(start->t, run->o->tz);
	s->next = run->lsale[ls].span;
	run->lsale[ls].span = (int32_t)run->nspans++;
	run->skud[sku].spans = true;
}

/* Sort the stock rows by (location, sku) and time; sum each snapshot's
 * batches; mark what was held in the window, and find the stock-outs. */
static void
walk_snapshots(struct run *run)
{
	const struct crm_stock_opts *o = run->o;
	size_t i, j, k;

	crm_sort(run->rows, run->nrows, sizeof *run->rows, cmp_srow);
	for (i = 0; i < run->nrows; i = j) {
		uint32_t ls = run->rows[i].ls;
		struct ls *e = &run->ls[ls];
		struct crm_time start = { 0, false };
		bool out = false;

		for (j = i; j < run->nrows && run->rows[j].ls == ls; j = k) {
			struct crm_time t = { run->rows[j].t,
			    run->rows[j].has_time };
			int64_t q = 0;
			long day;

			for (k = j; k < run->nrows && run->rows[k].ls == ls &&
			    run->rows[k].t == t.t; k++)
				q += run->rows[k].qty;
			day = crm_time_day(t.t, o->tz);
			if (day >= run->wday && day <= o->as_of) {
				e->held |= q > 0;
				e->held_qty = q;
			}
			if (q <= 0 && !out) {
				out = true;
				start = t;
			} else if (q > 0 && out) {
				out = false;
				add_span(run, ls, &start, &t, false);
			}
		}
		if (out)
			add_span(run, ls, &start, NULL, true);
	}
	/* the days each sku's warehouse stock-outs need sales of */
	for (i = 0; i < run->nspans; i++) {
		const struct span *s = &run->spans[i];
		struct skud *d = &run->skud[run->ls[s->ls].sku];
		long lo = s->start_day - o->window, hi = s->start_day;

		if (d->ndays == 0) {
			d->lo = lo;
			d->ndays = hi - lo;
		} else {
			long end = d->lo + d->ndays;

			if (lo < d->lo)
				d->lo = lo;
			if (hi > end)
				end = hi;
			d->ndays = end - d->lo;
		}
	}
	for (i = 0; i < crm_keytab_count(run->skus); i++) {
		struct skud *d = &run->skud[i];

		if (!d->spans)
			continue;
		d->daily = crm_xmalloc((size_t)d->ndays * sizeof *d->daily);
		memset(d->daily, 0, (size_t)d->ndays * sizeof *d->daily);
	}
}

/* Whether the normalised text of t (crm_time_format in zone tz) reads
 * back: its year has four digits.  A time near year 1000 or 9999 given
 * in another zone may not; crm-stock rejected those when it read the
 * text again, and still does. */
static bool
readable(const struct run *run, const struct crm_time *t)
{
	long day = crm_time_day(t->t, run->o->tz);

	return day >= run->yday[0] && day <= run->yday[1];
}

/* Update the state of e's pair, its sku's warehouse demand and its
 * member. */
static void
apply(struct run *run, const struct pend *e)
{
	const struct crm_stock_opts *o = run->o;
	struct lsale *p = &run->lsale[e->ls];
	int64_t qty = e->qty;
	long day = e->day;

	run->loc[e->loc].nsales++;
	if (day >= run->wday)
		p->win_net += qty;
	if (qty > 0 && day > p->last_sold)
		p->last_sold = (int32_t)day;
	for (int32_t k = p->span; k != -1; k = run->spans[k].next) {
		struct span *s = &run->spans[k];

		if (qty > 0 && e->t < s->start.t)
			s->own_before = true;
		if (day >= s->start_day - o->window && day < s->start_day)
			s->own_units += qty;
	}
	if (run->skud[e->sku].spans) {
		struct skud *d = &run->skud[e->sku];

		if (qty > 0 && (!d->has_first || e->t < d->first)) {
			d->first = e->t;
			d->has_first = true;
		}
		if (day >= d->lo && day < d->lo + d->ndays)
			d->daily[day - d->lo] += qty;
	}
	if (e->m != -1) {
		struct mbuy *mb = &run->mbuy[e->m];

		if (mb->last_loc == -1 || e->t >= mb->last_t) {
			mb->last_loc = (int32_t)e->loc;
			mb->last_t = e->t;
		}
		if (mb->last_day != day) {
			run->md = grow(run->md, &run->mdcap, run->nmd + 1,
			    sizeof *run->md);
			run->md[run->nmd].m = (uint32_t)e->m;
			run->md[run->nmd++].day = (int32_t)day;
			mb->last_day = (int32_t)day;
		}
	}
}

/* Finish the lookups of the oldest line not found yet: its pair (added
 * when new) and its member (the same); start the misses of their state.
 * The limits were checked when it came, so neither fails. */
static void
find_one(struct run *run)
{
	struct pend *e = &run->ring[run->found++ % PIPE];

	e->ls = (uint32_t)pair_add(run, e->loc, e->sku, e->ph);
	__builtin_prefetch(&run->lsale[e->ls], 1);
	if (e->mn > 0) {
		e->m = crm_keytab_find_hashed(run->mems, e->mid, e->mn, e->mh);
		if (e->m == -1)
			e->m = mem_add(run, e->mid);
		__builtin_prefetch(&run->mbuy[e->m], 1);
	}
}

static void
apply_one(struct run *run)
{
	if (run->found == run->applied)
		find_one(run);
	apply(run, &run->ring[run->applied++ % PIPE]);
}

/* Finish every sale line in flight. */
static void
drain(struct run *run)
{
	while (run->applied < run->pushed)
		apply_one(run);
}

static int
sale_record(struct crm_reader *r, const struct crm_record *rec, void *ctx,
    struct crm_error *err)
{
	struct run *run = ctx;
	const struct crm_stock_opts *o = run->o;
	struct crm_time t;
	struct pend *e;
	const char *mid;
	long l, s;
	size_t n;

	/* lean: ts and qty (both required) come as numbers, not as text to
	 * read again */
	if (crm_normalize(CRM_KIND_SALES, r, rec, o->tz, &run->norm, err) == -1)
		return CRM_REC_REJECT;
	t = run->norm.tm[run->fi[CRM_F_TS]];
	if (!readable(run, &t)) {
		char buf[64];

		crm_time_format(&t, o->tz, buf);
		crm_error_set(err, NULL, 0, 0, "field 'ts': not a time '%s'",
		    buf);
		return CRM_REC_REJECT;
	}
	if (t.t >= run->ae)
		return CRM_REC_IGNORED;		/* after the as-of day */
	/* room for this line and those in flight */
	if (run->nls >= PAIR_EMPTY - 1 - PIPE ||
	    crm_keytab_count(run->mems) >= PAIR_EMPTY - 1 - PIPE ||
	    (l = loc_add(run, val(run, CRM_F_LOCATION_ID))) == -1 ||
	    (s = sku_add(run, val(run, CRM_F_SKU))) == -1)
		return too_many(err);
	if (run->pushed - run->applied == PIPE)
		apply_one(run);
	e = &run->ring[run->pushed % PIPE];
	e->t = t.t;
	e->qty = run->norm.num[run->fi[CRM_F_QTY]];
	e->day = (int32_t)crm_time_day(t.t, o->tz);
	e->loc = (uint32_t)l;
	e->sku = (uint32_t)s;
	e->ph = pair_hash(e->loc, e->sku);
	pair_prefetch(run, e->ph);
	e->m = -1;
	e->mn = 0;
	mid = val(run, CRM_F_MEMBER_ID);
	if (*mid != '\0' && e->qty > 0) {
		if ((n = strlen(mid)) >= sizeof e->mid) {
			/* a long id: finish the others, then this one */
			drain(run);
			e->ls = (uint32_t)pair_add(run, e->loc, e->sku, e->ph);
			e->m = mem_add(run, mid);
			apply(run, e);
			return CRM_REC_USED;
		}
		memcpy(e->mid, mid, n + 1);
		e->mn = n;
		e->mh = crm_keytab_hash(mid, n);
		crm_keytab_prefetch(run->mems, e->mh);
	}
	run->pushed++;
	if (run->pushed - run->found > LAG)
		find_one(run);
	return CRM_REC_USED;
}

static int
member_record(struct crm_reader *r, const struct crm_record *rec, void *ctx,
    struct crm_error *err)
{
	struct run *run = ctx;
	struct mem *me;
	const char *v;
	bool existed;
	long m;

	if (crm_normalize(CRM_KIND_MEMBERS, r, rec, run->o->tz, &run->norm,
	    err) == -1)
		return CRM_REC_REJECT;
	if ((m = mem_add(run, val(run, CRM_F_MEMBER_ID))) == -1)
		return too_many(err);
	me = &run->mem[m];
	existed = me->listed;
	me->listed = true;
	/* a later row's non-empty fields win */
	if (*(v = val(run, CRM_F_NAME)) != '\0')
		me->name = keep(run, v);
	if (*(v = val(run, CRM_F_LOCATION_ID)) != '\0') {
		long l = loc_add(run, v);

		if (l == -1)
			return too_many(err);
		me->home = (int32_t)l;
	}
	return existed ? CRM_REC_MERGED : CRM_REC_USED;
}

static int
customer_record(struct crm_reader *r, const struct crm_record *rec,
    void *ctx, struct crm_error *err)
{
	struct run *run = ctx;
	struct crm_customer cu;
	struct loc *l;
	long i;

	if (crm_customer_from_record(r, rec, run->o->tz, &cu, err) == -1)
		return CRM_REC_REJECT;
	if ((i = crm_keytab_find(run->locs, cu.customer_id)) == -1)
		return CRM_REC_IGNORED;		/* not a location */
	l = &run->loc[i];
	/* --locations (read before) wins */
	if (*cu.region != '\0' && l->region_from < 2) {
		l->region = keep_trim(run, cu.region);
		l->region_from = 1;
	}
	if (*cu.name != '\0' && *l->name == '\0')
		l->name = keep_trim(run, cu.name);
	return CRM_REC_USED;
}

/* The words of a location's type in --locations. */
static enum lkind
lkind_word(const char *s)
{
	static const char *const wh[] = { "warehouse", "wh", "dc",
	    "distribution center", "仓库", "总仓", "中心仓", "配送中心", NULL };
	static const char *const st[] = { "store", "shop", "pharmacy",
	    "门店", "药店", "店", NULL };
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return LK_UNKNOWN;
	for (int i = 0; wh[i]; i++)
		if (strlen(wh[i]) == n && strncasecmp(wh[i], s, n) == 0)
			return LK_WAREHOUSE;
	for (int i = 0; st[i]; i++)
		if (strlen(st[i]) == n && strncasecmp(st[i], s, n) == 0)
			return LK_STORE;
	return (enum lkind)-1;
}

static int
location_record(struct crm_reader *r, const struct crm_record *rec,
    void *ctx, struct crm_error *err)
{
	struct run *run = ctx;
	const char *id = crm_record_get(r, rec, CRM_F_LOCATION_ID);
	const char *name = crm_record_get(r, rec, CRM_F_NAME);
	const char *region = crm_record_get(r, rec, CRM_F_REGION);
	const char *type = crm_record_get(r, rec, CRM_F_TYPE);
	enum lkind k = type ? lkind_word(type) : LK_UNKNOWN;
	struct loc *l;
	long i;

	id = keep_trim(run, id);
	if (*id == '\0') {
		crm_error_set(err, NULL, 0, 0, "field 'location_id': empty");
		return CRM_REC_REJECT;
	}
	if ((int)k == -1) {
		crm_error_set(err, NULL, 0, 0, "field 'type': unknown value "
		    "'%s' (store or warehouse)", type);
		return CRM_REC_REJECT;
	}
	if ((i = loc_add(run, id)) == -1)
		return too_many(err);
	l = &run->loc[i];
	if (name != NULL && *(name = keep_trim(run, name)) != '\0')
		l->name = name;
	if (region != NULL && *(region = keep_trim(run, region)) != '\0') {
		l->region = region;
		l->region_from = 2;
	}
	if (k != LK_UNKNOWN)
		l->kind = k;
	return CRM_REC_USED;
}

/* ------------------------------------------------------------------ */
/* The results */

__extension__ typedef __int128 i128;

struct exrow {				/* a near-expiry or expired batch */
	const struct srow *s;
	const char *rk;			/* sort key: region label, or "" */
	long loc, left;
};

struct rrow {				/* an overdue member */
	const char *rk;
	long m, loc;
	long n;				/* purchase days */
	long last;			/* day of the last */
	long m2;			/* twice the median interval */
	long since;			/* days since the last */
};

static bool
warehouse(const struct loc *l)
{
	return l->kind == LK_WAREHOUSE ||
	    (l->kind == LK_UNKNOWN && l->nsales == 0);
}

static const char *
region_label(const struct loc *l)
{
	return *l->region ? l->region : "(none)";
}

/* v tenths as "12.3" into buf (32 bytes); v >= 0. */
static const char *
tenths(int64_t v, char *buf)
{
	snprintf(buf, 32, "%lld.%lld", (long long)(v / 10), (long long)(v % 10));
	return buf;
}

/* twice/2 as "12" or "12.5" into buf (32 bytes); twice >= 0. */
static const char *
half(long twice, char *buf)
{
	snprintf(buf, 32, twice % 2 ? "%ld.5" : "%ld", twice / 2);
	return buf;
}

static const char *
num(long long v, char *buf)
{
	snprintf(buf, 32, "%lld", v);
	return buf;
}

/* part/whole as a percentage, or NULL (an empty cell) when whole is 0. */
static const char *
pct(long part, long whole, char *buf)
{
	crm_pct_format(part, whole, buf, 32);
	return *buf ? buf : NULL;
}

static int
cmp_long(const void *pa, const void *pb)
{
	long a = *(const long *)pa, b = *(const long *)pb;

	return (a > b) - (a < b);
}

static int
cmp_int32(const void *pa, const void *pb)
{
	int32_t a = *(const int32_t *)pa, b = *(const int32_t *)pb;

	return (a > b) - (a < b);
}

/* Sort a[0..n) ascending: by insertion when short. */
static void
sort_longs(long *a, size_t n)
{
	if (n > 64) {
		crm_sort(a, n, sizeof *a, cmp_long);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		long x = a[i];
		size_t j = i;

		for (; j > 0 && a[j - 1] > x; j--)
			a[j] = a[j - 1];
		a[j] = x;
	}
}

/* Sort a[0..n) ascending: by insertion when short or in order already
 * (a member's days come in time order when the sales do). */
static void
sort_days(int32_t *a, size_t n)
{
	size_t i = 1;

	while (i < n && a[i - 1] <= a[i])
		i++;
	if (i >= n)
		return;
	if (n > 64) {
		crm_sort(a, n, sizeof *a, cmp_int32);
		return;
	}
	for (; i < n; i++) {
		int32_t x = a[i];
		size_t j = i;

		for (; j > 0 && a[j - 1] > x; j--)
			a[j] = a[j - 1];
		a[j] = x;
	}
}

/* The repurchase verdict of member m from its purchase days d[0..k), k >
 * 0, sorted (repeats are one day): judged or not at its location, and
 * overdue or not; an overdue member is added to rep. */
static void
judge(struct run *run, uint32_t m, const int32_t *d, size_t k,
    struct rrow **rep, size_t *nrep, size_t *rcap, long **iv, size_t *ivcap)
{
	const struct crm_stock_opts *o = run->o;
	long loc = run->mem[m].home >= 0 ? (long)run->mem[m].home :
	    (long)run->mbuy[m].last_loc;
	struct loc *l = &run->loc[loc];
	size_t n = 0;
	long prev = NO_DAY, m2, since;

	for (size_t j = 0; j < k; j++) {
		if (d[j] == prev)
			continue;
		if (prev != NO_DAY) {
			*iv = grow(*iv, ivcap, n + 1, sizeof **iv);
			(*iv)[n - 1] = d[j] - prev;
		}
		n++;
		prev = d[j];
	}
	/* n purchase days, n - 1 intervals in iv */
	if (n < 3) {
		l->not_judged++;
		return;
	}
	l->judged++;
	sort_longs(*iv, n - 1);
	m2 = (n - 1) % 2 ? 2 * (*iv)[(n - 1) / 2] :
	    (*iv)[(n - 1) / 2 - 1] + (*iv)[(n - 1) / 2];
	since = o->as_of - prev;
	/* overdue: since > median * 1.5, i.e. 4 * since > 3 * m2 */
	if (4 * since <= 3 * m2)
		return;
	l->overdue++;
	*rep = grow(*rep, rcap, *nrep + 1, sizeof **rep);
	(*rep)[*nrep] = (struct rrow){ o->by_region ? region_label(l) : "",
	    m, loc, (long)n, prev, m2, since };
	(*nrep)++;
}

/* Judge every member with purchases, in member order.  The purchase days
 * (run->md, in the order of the sales) are gathered per member a range
 * of members at a time, into a buffer that stays in cache: a scan of
 * run->md per range instead of a sort of it, which would need a copy
 * as large, or a move of each day to a random place.  The buffer holds
 * an eighth of the days at least, so there are at most 17 scans. */
static void
judge_members(struct run *run, struct rrow **rep, size_t *nrep)
{
	size_t nm = crm_keytab_count(run->mems), room = run->mdbuf, most;
	size_t *cnt, *end, rcap = 0, ivcap = 0;
	int32_t *buf;
	long *iv = NULL;

	*rep = NULL;
	*nrep = 0;
	if (run->nmd == 0)
		return;
	if (room == 0)
		room = run->nmd / 8 > MDBUF ? run->nmd / 8 : MDBUF;
	most = room;
	cnt = crm_xmalloc(nm * sizeof *cnt);
	end = crm_xmalloc(nm * sizeof *end);
	memset(cnt, 0, nm * sizeof *cnt);
	for (size_t i = 0; i < run->nmd; i++)
		cnt[run->md[i].m]++;
	for (size_t m = 0; m < nm; m++)
		if (cnt[m] > most)
			most = cnt[m];
	buf = crm_xmalloc(most * sizeof *buf);
	for (size_t m0 = 0, m1; m0 < nm; m0 = m1) {
		size_t tot = 0;

		/* members m0..m1-1: their days fit, or m0 alone */
		for (m1 = m0; m1 < nm; m1++) {
			if (m1 > m0 && tot + cnt[m1] > room)
				break;
			end[m1] = tot;
			tot += cnt[m1];
		}
		if (tot == 0)
			continue;
		for (size_t i = 0; i < run->nmd; i++) {
			uint32_t m = run->md[i].m;

			if (m >= m0 && m < m1)
				buf[end[m]++] = run->md[i].day;
		}
		for (size_t m = m0; m < m1; m++) {
			int32_t *d = buf + end[m] - cnt[m];

			if (cnt[m] == 0)
				continue;
			sort_days(d, cnt[m]);
			judge(run, (uint32_t)m, d, cnt[m], rep, nrep, &rcap,
			    &iv, &ivcap);
		}
	}
	free(iv);
	free(buf);
	free(end);
	free(cnt);
}

/* Fill the board's counts of every location; collect the expiry rows and
 * the overdue members. */
static void
tally(struct run *run, struct exrow **exp, size_t *nexp, struct rrow **rep,
    size_t *nrep)
{
	const struct crm_stock_opts *o = run->o;
	size_t cap = 0;

	for (size_t i = 0; i < run->nls; i++) {
		const struct ls *e = &run->ls[i];
		struct loc *l = &run->loc[e->loc];
		bool sold = run->lsale[i].win_net > 0;

		if (e->held) {
			l->held++;
			l->sold += sold;
		} else if (sold) {
			l->sold_not_held++;
		}
	}
	*exp = NULL;
	*nexp = 0;
	for (size_t i = 0; i < run->nrows; i++) {
		const struct srow *s = &run->rows[i];
		long li = run->ls[s->ls].loc;
		struct loc *l = &run->loc[li];
		struct exrow *x;

		if (s->t != l->latest || s->qty <= 0 || s->expiry == NO_DAY ||
		    s->expiry > o->as_of + o->expiry_days)
			continue;
		*exp = grow(*exp, &cap, *nexp + 1, sizeof **exp);
		x = &(*exp)[(*nexp)++];
		x->s = s;
		x->loc = li;
		x->left = s->expiry - o->as_of;
		x->rk = o->by_region ? region_label(l) : "";
		if (x->left < 0)
			l->expired++;
		else
			l->near++;
		if (s->has_price) {
			int64_t v;

			if (!__builtin_mul_overflow(s->qty, s->price, &v) &&
			    !__builtin_add_overflow(l->value, v, &l->value))
				l->has_value = true;
		}
	}
	for (size_t i = 0; i < run->nspans; i++) {
		struct span *s = &run->spans[i];
		struct loc *l = &run->loc[run->ls[s->ls].loc];
		bool wh = warehouse(l);
		i128 lost;

		if (wh) {
			const struct skud *d = &run->skud[run->ls[s->ls].sku];

			s->any_before = d->has_first && d->first < s->start.t;
			for (long day = s->start_day - o->window;
			    day < s->start_day; day++)
				s->any_units += d->daily[day - d->lo];
		}
		s->demand = wh ? s->any_before : s->own_before;
		if (!s->demand)
			continue;
		s->units = wh ? s->any_units : s->own_units;
		if (s->units < 0)
			s->units = 0;
		/* units / window per day, times secs / 86400 days, in tenths,
		 * rounded half up */
		lost = ((i128)s->units * s->secs * 20 + (i128)o->window * 86400) /
		    ((i128)o->window * 86400 * 2);
		s->lost = lost > INT64_MAX ? -1 : (int64_t)lost;
		l->stockouts++;
		if (s->ongoing) {
			l->ongoing++;
			run->ongoing = true;
		}
		if (s->lost >= 0)
			l->lost += s->lost;
	}
	judge_members(run, rep, nrep);
}

/* Sorting: a row's region label first under --by region (rk is "" else). */
static int
cmp_loc(const void *pa, const void *pb)
{
	const struct loc *a = *(const struct loc *const *)pa;
	const struct loc *b = *(const struct loc *const *)pb;

	return strcmp(a->id, b->id);
}

static int
cmp_loc_region(const void *pa, const void *pb)
{
	const struct loc *a = *(const struct loc *const *)pa;
	const struct loc *b = *(const struct loc *const *)pb;
	int c = strcmp(region_label(a), region_label(b));

	return c ? c : strcmp(a->id, b->id);
}

static void
add_loc(struct loc *t, const struct loc *l)
{
	t->held += l->held;
	t->sold += l->sold;
	t->sold_not_held += l->sold_not_held;
	t->near += l->near;
	t->expired += l->expired;
	if (l->has_value) {
		t->value += l->value;
		t->has_value = true;
	}
	t->stockouts += l->stockouts;
	t->ongoing += l->ongoing;
	t->lost += l->lost;
	t->judged += l->judged;
	t->not_judged += l->not_judged;
	t->overdue += l->overdue;
}

#define NBOARD 13		/* the board's columns after the first ones */
#define NSELL 4			/* sellthrough's */

/* The figures of l (a location or a sum), as the board or the sellthrough
 * report writes them, into v; buffers in b. */
static void
figures(const struct loc *l, bool board, const char **v, char (*b)[32])
{
	v[0] = num(l->held, b[0]);
	v[1] = num(l->sold, b[1]);
	v[2] = pct(l->sold, l->held, b[2]);
	if (!board) {
		v[3] = num(l->sold_not_held, b[3]);
		return;
	}
	v[3] = num(l->near, b[3]);
	v[4] = num(l->expired, b[4]);
	if (l->has_value) {
		crm_money_format(l->value, b[5]);
		v[5] = b[5];
	} else {
		v[5] = NULL;
	}
	v[6] = num(l->stockouts, b[6]);
	v[7] = num(l->ongoing, b[7]);
	v[8] = tenths(l->lost, b[8]);
	v[9] = num(l->judged, b[9]);
	v[10] = num(l->not_judged, b[10]);
	v[11] = num(l->overdue, b[11]);
	v[12] = NULL;
}

/* The board (all) or the sellthrough summary: per location, or per region
 * and a total. */
static int
write_summary(struct run *run, struct crm_writer *w, bool board)
{
	size_t n = crm_keytab_count(run->locs), i, j;
	const struct loc **ls = crm_xmalloc((n + 1) * sizeof *ls);
	int rc = 0;

	for (i = 0; i < n; i++)
		ls[i] = &run->loc[i];
	if (!run->o->by_region) {
		crm_sort(ls, n, sizeof *ls, cmp_loc);
		for (i = 0; i < n && rc == 0; i++) {
			const char *v[4 + NBOARD];
			char b[NBOARD][32];

			v[0] = ls[i]->id;
			v[1] = ls[i]->name;
			v[2] = ls[i]->region;
			if (board) {
				v[3] = warehouse(ls[i]) ? "warehouse" : "store";
				figures(ls[i], true, v + 4, b);
			} else {
				figures(ls[i], false, v + 3, b);
			}
			rc = crm_writer_row(w, v);
		}
		free(ls);
		return rc;
	}
	crm_sort(ls, n, sizeof *ls, cmp_loc_region);
	{
		struct loc tot;
		long ntot = 0;

		memset(&tot, 0, sizeof tot);
		for (i = 0; i <= n && rc == 0; i = j) {
			struct loc sum;
			long cnt = 0;
			const char *v[2 + NBOARD];
			char b[NBOARD + 1][32];

			memset(&sum, 0, sizeof sum);
			if (i == n) {
				sum = tot;
				cnt = ntot;
				v[0] = "(total)";
				j = n + 1;
			} else {
				v[0] = region_label(ls[i]);
				for (j = i; j < n && strcmp(region_label(ls[j]),
				    v[0]) == 0; j++, cnt++)
					add_loc(&sum, ls[j]);
				add_loc(&tot, &sum);
				ntot += cnt;
			}
			v[1] = num(cnt, b[NBOARD]);
			figures(&sum, board, v + 2, b);
			rc = crm_writer_row(w, v);
		}
	}
	free(ls);
	return rc;
}

static struct run *cmp_run;	/* the run whose rows qsort compares */

struct slowrow {
	const char *rk;			/* region label, or "" */
	uint32_t ls;			/* the pair */
};

static int
cmp_slow(const void *pa, const void *pb)
{
	const struct slowrow *a = pa, *b = pb;
	int c = strcmp(a->rk, b->rk);

	return c ? c : cmp_pair(cmp_run, a->ls, b->ls);
}

static int
write_slow(struct run *run, struct crm_writer *w)
{
	size_t k = 0;
	struct slowrow *rows = crm_xmalloc((run->nls + 1) * sizeof *rows);
	int rc = 0;

	for (size_t i = 0; i < run->nls; i++) {
		const struct ls *e = &run->ls[i];

		if (!e->held || run->lsale[i].win_net > 0)
			continue;
		rows[k].rk = run->o->by_region ?
		    region_label(&run->loc[e->loc]) : "";
		rows[k++].ls = (uint32_t)i;
	}
	cmp_run = run;
	crm_sort(rows, k, sizeof *rows, cmp_slow);
	for (size_t i = 0; i < k && rc == 0; i++) {
		const struct ls *e = &run->ls[rows[i].ls];
		const struct lsale *p = &run->lsale[rows[i].ls];
		const struct loc *l = &run->loc[e->loc];
		char q[32], d[16];
		const char *v[5];

		v[0] = l->id;
		v[1] = l->region;
		v[2] = crm_keytab_key(run->skus, e->sku);
		v[3] = num(e->held_qty, q);
		v[4] = NULL;
		if (p->last_sold != NO_DAY) {
			crm_date_format(p->last_sold, d);
			v[4] = d;
		}
		rc = crm_writer_row(w, v);
	}
	free(rows);
	return rc;
}

static int
cmp_exrow(const void *pa, const void *pb)
{
	const struct exrow *a = pa, *b = pb;
	const struct run *run = cmp_run;
	int c = strcmp(a->rk, b->rk);

	if (c)
		return c;
	if (a->left != b->left)
		return a->left < b->left ? -1 : 1;
	if ((c = cmp_pair(run, a->s->ls, b->s->ls)) != 0)
		return c;
	return strcmp(a->s->batch, b->s->batch);
}

static int
write_expiry(struct run *run, struct crm_writer *w, struct exrow *x, size_t n)
{
	int rc = 0;

	cmp_run = run;
	crm_sort(x, n, sizeof *x, cmp_exrow);
	for (size_t i = 0; i < n && rc == 0; i++) {
		const struct srow *s = x[i].s;
		const struct loc *l = &run->loc[x[i].loc];
		char d[16], left[32], q[32], p[CRM_MONEY_BUFSZ],
		    val[CRM_MONEY_BUFSZ];
		const char *v[10];
		int64_t value;

		crm_date_format(s->expiry, d);
		v[0] = l->id;
		v[1] = l->region;
		v[2] = crm_keytab_key(run->skus, run->ls[s->ls].sku);
		v[3] = s->batch;
		v[4] = d;
		v[5] = num(x[i].left, left);
		v[6] = x[i].left < 0 ? "expired" : "near";
		v[7] = num(s->qty, q);
		v[8] = v[9] = NULL;
		if (s->has_price) {
			crm_money_format(s->price, p);
			v[8] = p;
			if (!__builtin_mul_overflow(s->qty, s->price, &value)) {
				crm_money_format(value, val);
				v[9] = val;
			}
		}
		rc = crm_writer_row(w, v);
	}
	return rc;
}

static int
cmp_span(const void *pa, const void *pb)
{
	const struct span *a = *(const struct span *const *)pa;
	const struct span *b = *(const struct span *const *)pb;
	const struct run *run = cmp_run;
	int c = 0;

	if (run->o->by_region)
		c = strcmp(region_label(&run->loc[run->ls[a->ls].loc]),
		    region_label(&run->loc[run->ls[b->ls].loc]));
	if (c == 0)
		c = cmp_pair(run, a->ls, b->ls);
	if (c == 0 && a->start.t != b->start.t)
		c = a->start.t < b->start.t ? -1 : 1;
	return c;
}

static int
write_stockouts(struct run *run, struct crm_writer *w)
{
	const struct span **sp = crm_xmalloc((run->nspans + 1) * sizeof *sp);
	size_t n = 0;
	int rc = 0;

	for (size_t i = 0; i < run->nspans; i++)
		if (run->spans[i].demand)
			sp[n++] = &run->spans[i];
	cmp_run = run;
	crm_sort(sp, n, sizeof *sp, cmp_span);
	for (size_t i = 0; i < n && rc == 0; i++) {
		const struct span *s = sp[i];
		const struct loc *l = &run->loc[run->ls[s->ls].loc];
		char st[32], en[32], h[32], avg[48], lost[32];
		const char *v[10];

		crm_time_format(&s->start, run->o->tz, st);
		v[0] = l->id;
		v[1] = l->region;
		v[2] = warehouse(l) ? "warehouse" : "store";
		v[3] = crm_keytab_key(run->skus, run->ls[s->ls].sku);
		v[4] = st;
		v[5] = NULL;
		if (!s->ongoing) {
			crm_time_format(&s->end, run->o->tz, en);
			v[5] = en;
		}
		v[6] = s->ongoing ? "ongoing" : "ended";
		/* hours in tenths, rounded half up */
		v[7] = tenths((s->secs + 180) / 360, h);
		{
			/* units / window, in hundredths, rounded half up */
			i128 a = ((i128)s->units * 200 + run->o->window) /
			    (2 * (i128)run->o->window);

			snprintf(avg, sizeof avg, "%lld.%02lld",
			    (long long)(a / 100), (long long)(a % 100));
			v[8] = avg;
		}
		v[9] = s->lost >= 0 ? tenths(s->lost, lost) : NULL;
		rc = crm_writer_row(w, v);
	}
	free(sp);
	return rc;
}

static int
cmp_rrow(const void *pa, const void *pb)
{
	const struct rrow *a = pa, *b = pb;
	const struct run *run = cmp_run;
	int c = strcmp(a->rk, b->rk);
	long oa = 2 * a->since - a->m2, ob = 2 * b->since - b->m2;

	if (c == 0)
		c = strcmp(run->loc[a->loc].id, run->loc[b->loc].id);
	if (c == 0 && oa != ob)
		c = oa > ob ? -1 : 1;
	if (c == 0)
		c = strcmp(crm_keytab_key(run->mems, a->m),
		    crm_keytab_key(run->mems, b->m));
	return c;
}

static int
write_repurchase(struct run *run, struct crm_writer *w, struct rrow *r,
    size_t n)
{
	int rc = 0;

	cmp_run = run;
	crm_sort(r, n, sizeof *r, cmp_rrow);
	for (size_t i = 0; i < n && rc == 0; i++) {
		const struct loc *l = &run->loc[r[i].loc];
		char cnt[32], last[16], med[32], since[32], over[32];
		const char *v[9];

		crm_date_format(r[i].last, last);
		v[0] = l->id;
		v[1] = l->region;
		v[2] = crm_keytab_key(run->mems, r[i].m);
		v[3] = run->mem[r[i].m].name;
		v[4] = num(r[i].n, cnt);
		v[5] = last;
		v[6] = half(r[i].m2, med);
		v[7] = num(r[i].since, since);
		/* past the expected day: since - median */
		v[8] = half(2 * r[i].since - r[i].m2, over);
		rc = crm_writer_row(w, v);
	}
	return rc;
}

#define S CRM_COL_STR
#define I CRM_COL_INT
#define N CRM_COL_NUM
static const char *const board_names[] = { "location_id", "name", "region",
    "kind", "skus_held", "skus_sold", "sell_through", "near_expiry",
    "expired", "expiry_value", "stockouts", "ongoing", "lost_units",
    "members_judged", "members_not_judged", "overdue" };
static const enum crm_coltype board_types[] = { S, S, S, S, I, I, N, I, I, N,
    I, I, N, I, I, I };
static const char *const sell_names[] = { "location_id", "name", "region",
    "skus_held", "skus_sold", "sell_through", "sold_not_held" };
static const enum crm_coltype sell_types[] = { S, S, S, I, I, N, I };
static const char *const slow_names[] = { "location_id", "region", "sku",
    "qty", "last_sold" };
static const enum crm_coltype slow_types[] = { S, S, S, I, S };
static const char *const exp_names[] = { "location_id", "region", "sku",
    "batch", "expiry", "days_left", "status", "qty", "price", "value" };
static const enum crm_coltype exp_types[] = { S, S, S, S, S, I, S, I, N, N };
static const char *const out_names[] = { "location_id", "region", "kind",
    "sku", "start", "end", "status", "hours", "avg_daily_units",
    "lost_units" };
static const enum crm_coltype out_types[] = { S, S, S, S, S, S, S, N, N, N };
static const char *const rep_names[] = { "location_id", "region",
    "member_id", "name", "purchases", "last_purchase", "median_interval",
    "days_since", "days_overdue" };
static const enum crm_coltype rep_types[] = { S, S, S, S, I, S, N, I, N };
#undef S
#undef I
#undef N

/* The writer for o->report, with its columns. */
static struct crm_writer *
writer(const struct crm_stock_opts *o, FILE *out)
{
	const char *names[16];
	enum crm_coltype types[16];
	size_t n;

#define PICK(a, b) (n = sizeof a / sizeof a[0], \
	memcpy(names, a, sizeof a), memcpy(types, b, sizeof b))
	switch (o->report) {
	case CRM_STOCK_ALL:
		PICK(board_names, board_types);
		break;
	case CRM_STOCK_SELLTHROUGH:
		if (o->slow)
			PICK(slow_names, slow_types);
		else
			PICK(sell_names, sell_types);
		break;
	case CRM_STOCK_EXPIRY:
		PICK(exp_names, exp_types);
		break;
	case CRM_STOCK_STOCKOUT:
		PICK(out_names, out_types);
		break;
	default:
		PICK(rep_names, rep_types);
		break;
	}
#undef PICK
	if (o->by_region && (o->report == CRM_STOCK_ALL ||
	    (o->report == CRM_STOCK_SELLTHROUGH && !o->slow))) {
		/* region, locations instead of location_id, name, region
		 * (and kind) */
		size_t drop = o->report == CRM_STOCK_ALL ? 4 : 3;

		names[0] = "region";
		types[0] = CRM_COL_STR;
		names[1] = "locations";
		types[1] = CRM_COL_INT;
		memmove(names + 2, names + drop, (n - drop) * sizeof *names);
		memmove(types + 2, types + drop, (n - drop) * sizeof *types);
		n -= drop - 2;
	}
	return crm_writer_new(out, &o->out, names, types, n);
}

int
crm_stock_run(const struct crm_stock_opts *o, FILE *out,
    struct crm_error *err)
{
	static const enum crm_field sreq[] = { CRM_F_LOCATION_ID, CRM_F_SKU,
	    CRM_F_QTY, CRM_F_AS_OF, CRM_F_NONE };
	static const enum crm_field lreq[] = { CRM_F_SALE_ID,
	    CRM_F_LOCATION_ID, CRM_F_SKU, CRM_F_TS, CRM_F_QTY, CRM_F_NONE };
	static const enum crm_field mreq[] = { CRM_F_MEMBER_ID, CRM_F_NONE };
	static const enum crm_field creq[] = { CRM_F_CUSTOMER_ID, CRM_F_NONE };
	static const enum crm_field preq[] = { CRM_F_LOCATION_ID, CRM_F_NONE };
	struct run run;
	struct crm_time epoch;
	struct exrow *exp = NULL;
	struct rrow *rep = NULL;
	size_t nexp = 0, nrep = 0;
	struct crm_writer *w;
	int status = CRM_EXIT_ERROR, rc;

	memset(&run, 0, sizeof run);
	run.o = o;
	run.arena = crm_arena_new();
	run.locs = crm_keytab_new();
	run.skus = crm_keytab_new();
	run.mems = crm_keytab_new();
	pair_grow(&run);
	if (crm_time_parse("1970-01-01", o->tz, &epoch) == -1) {
		crm_error_set(err, NULL, 0, 0, "bad team zone");
		goto out;
	}
	run.epoch = epoch.t;
	run.ae = epoch.t + (int64_t)(o->as_of + 1) * 86400;
	run.wday = o->as_of - o->window + 1;
	run.ws = epoch.t + (int64_t)run.wday * 86400;
	run.yday[0] = crm_days_from_civil(1000, 1, 1);
	run.yday[1] = crm_days_from_civil(9999, 12, 31);
	{
		/* CRM_STOCK_DAYS: fewer days at a time, for tests */
		const char *e = getenv("CRM_STOCK_DAYS");
		long v;

		if (e != NULL && crm_parse_long(e, 1, 1L << 30, &v) == 0)
			run.mdbuf = (size_t)v;
	}

	use_kind(&run, CRM_KIND_STOCK);
	if (crm_input_all(o->stock, &o->input, sreq, stock_record, &run, NULL,
	    &run.rejects, err) == -1)
		goto out;
	free(run.rslot);		/* rows are found by key no more */
	run.rslot = NULL;
	walk_snapshots(&run);
	use_kind(&run, CRM_KIND_SALES);
	run.norm.lean = true;
	if (crm_input_all(o->sales, &o->input, lreq, sale_record, &run, NULL,
	    &run.rejects, err) == -1)
		goto out;
	drain(&run);
	run.norm.lean = false;
	use_kind(&run, CRM_KIND_MEMBERS);
	if (crm_input_all(o->members, &o->input, mreq, member_record, &run,
	    NULL, &run.rejects, err) == -1)
		goto out;
	if (o->locations != NULL) {
		const char *paths[2] = { o->locations, NULL };

		if (crm_input_all(paths, &o->input, preq, location_record, &run,
		    NULL, &run.rejects, err) == -1)
			goto out;
	}
	if (crm_input_all(o->customers, &o->input, creq, customer_record, &run,
	    NULL, &run.rejects, err) == -1)
		goto out;

	tally(&run, &exp, &nexp, &rep, &nrep);
	if ((w = writer(o, out)) == NULL) {
		crm_error_set(err, NULL, 0, 0, "out of memory");
		goto out;
	}
	switch (o->report) {
	case CRM_STOCK_ALL:
		rc = write_summary(&run, w, true);
		break;
	case CRM_STOCK_SELLTHROUGH:
		rc = o->slow ? write_slow(&run, w) : write_summary(&run, w, false);
		break;
	case CRM_STOCK_EXPIRY:
		rc = write_expiry(&run, w, exp, nexp);
		break;
	case CRM_STOCK_STOCKOUT:
		rc = write_stockouts(&run, w);
		break;
	default:
		rc = write_repurchase(&run, w, rep, nrep);
		break;
	}
	if (crm_writer_close(w) == -1 || rc == -1) {
		crm_error_set(err, NULL, 0, 0, "write error on standard output");
		goto out;
	}
	if (run.rejects) {
		crm_error_set(err, NULL, 0, 0,
		    "some input records were rejected (see above)");
		goto out;
	}
	status = o->fail_on_stockout && run.ongoing ? CRM_EXIT_FINDING :
	    CRM_EXIT_OK;
out:
	free(exp);
	free(rep);
	free(run.loc);
	free(run.pslot);
	free(run.ls);
	free(run.lsale);
	for (size_t i = 0; run.skud && i < crm_keytab_count(run.skus); i++)
		free(run.skud[i].daily);
	free(run.skud);
	free(run.rows);
	free(run.rslot);
	free(run.spans);
	free(run.mem);
	free(run.mbuy);
	free(run.md);
	crm_norm_free(&run.norm);
	crm_keytab_free(run.locs);
	crm_keytab_free(run.skus);
	crm_keytab_free(run.mems);
	crm_arena_free(run.arena);
	return status;
}
