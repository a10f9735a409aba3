/* stale.c - crm-stale: customers nobody has touched for N days, and the
 * freshness of each region, rep or manager (DOMAIN.md: last_touch,
 * days_since, stale).  State is one entry per customer; activities stream. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <uthash.h>

#include "crm.h"

/* The state kept per customer, by its index in the key table: about 100
 * bytes here, its strings, and 8 in the touch array. */
struct cust_state {
	const char *customer_id;	/* the key table's copy */
	const char *name, *region, *rep_id;	/* in the run's arena */
	struct crm_time updated;	/* updated_at, when has_updated */
	bool has_updated;
};

/* What every activity row updates, kept apart and small (8 bytes a
 * customer) so the lookups of a big file stay in cache.  The reading of
 * crm-stale keeps the first latest touch and replaces it only by one
 * crm_time_later() than it: a later day, or on the same day a later time
 * when both have one.  So the result is the latest day; on that day, the
 * first touch when it was a date only, else the latest time.  This keeps
 * exactly that, in a form that parts of the input can merge in order. */
struct touch {
	int32_t day;			/* the latest day, when T_HAS */
	uint32_t w;			/* T_* flags, and the second of that
					   day of its latest time (in the
					   zone of --tz) when T_TIMED */
};
#define T_SOD 0x1FFFFu			/* the second of the day */
#define T_TIMED (1u << 17)		/* some touch that day had a time */
#define T_FIRST (1u << 18)		/* that day's first touch had none */
#define T_HAS (1u << 19)		/* any activity */

/* One part of the activities (crm_input_each_par): its own touches, and
 * a few activities in flight between their hash and their update, so
 * the cache misses of the table lookups overlap the parsing. */
struct part {
	struct run *run;
	struct touch *touch;		/* by customer index */
	long future, orphans;		/* activities counted as used that
					   were not */
	char orphan_ex[3][64];		/* the first orphan ids, in order */
	struct crm_keyring ring;	/* customer ids in flight: data[0] the
					   day, data[1] the second of the
					   day, or UINT64_MAX without time */
	struct part *free_next;		/* in run's pool */
};

struct group {
	const char *key;		/* group value, in the arena */
	const char *name;		/* rep or manager name, may be "" */
	long n, stale, bucket[5];	/* customers, stale, freshness buckets */
	UT_hash_handle hh;
};

enum { B_0_30, B_31_60, B_61_90, B_OVER_90, B_NEVER };

struct run {
	const struct crm_stale_opts *o;
	struct crm_keytab *keys;	/* customer_id -> index */
	struct cust_state *cust;	/* by index */
	struct touch *touch;		/* by index, after the activities */
	size_t cap;			/* of cust */
	struct crm_arena *arena;
	long future;			/* timestamps after the as-of day */
	long orphans;			/* activities of unknown customers */
	char orphan_ex[3][64];		/* a few of their ids, for the message */
	pthread_mutex_t mu;		/* guards pool */
	struct part *pool;		/* parts to reuse */
};

static const char *
keep(struct run *run, const char *s)
{
	return crm_arena_strndup(run->arena, s ? s : "", s ? strlen(s) : 0);
}

static int
customer_record(struct crm_reader *r, const struct crm_record *rec, void *ctx,
    struct crm_error *err)
{
	struct run *run = ctx;
	struct crm_customer c;
	struct cust_state *e;
	bool existed;
	long i;

	if (crm_customer_from_record(r, rec, run->o->tz, &c, err) == -1)
		return CRM_REC_REJECT;
	if (c.has_updated && crm_time_day(c.updated.t, run->o->tz) > run->o->as_of) {
		run->future++;
		c.has_updated = false;
	}
	if ((i = crm_keytab_add(run->keys, c.customer_id, &existed)) == -1) {
		crm_error_set(err, NULL, 0, 0, "too many customers");
		return CRM_REC_FATAL;
	}
	if (existed) {
		/* the same customer again (overlapping exports): the latest
		 * updated_at wins, and a later row's non-empty fields */
		e = &run->cust[i];
		if (*c.name)
			e->name = keep(run, c.name);
		if (*c.region)
			e->region = keep(run, c.region);
		if (*c.rep_id)
			e->rep_id = keep(run, c.rep_id);
		if (c.has_updated && (!e->has_updated ||
		    crm_time_later(&c.updated, &e->updated, run->o->tz))) {
			e->updated = c.updated;
			e->has_updated = true;
		}
		return CRM_REC_MERGED;
	}
	if ((size_t)i >= run->cap) {
		run->cap = run->cap ? run->cap * 2 : 1024;
		run->cust = crm_xrealloc(run->cust, run->cap * sizeof *run->cust);
	}
	e = &run->cust[i];
	e->customer_id = crm_keytab_key(run->keys, i);
	e->name = keep(run, c.name);
	e->region = keep(run, c.region);
	e->rep_id = keep(run, c.rep_id);
	e->has_updated = c.has_updated;
	e->updated = c.updated;
	return CRM_REC_USED;
}

/* Fold one touch (day d, at second sod of it when has_time) into x. */
static inline void
touch_add(struct touch *x, long d, bool has_time, uint32_t sod)
{
	if (!(x->w & T_HAS) || d > x->day) {
		x->day = (int32_t)d;
		x->w = T_HAS | (has_time ? T_TIMED | sod : T_FIRST);
	} else if (d == x->day && has_time &&
	    (!(x->w & T_TIMED) || sod > (x->w & T_SOD))) {
		x->w = (x->w & (T_HAS | T_FIRST)) | T_TIMED | sod;
	}
}

/* Fold y, read after x, into x: the same as folding y's touches. */
static inline void
touch_merge(struct touch *x, const struct touch *y)
{
	if (!(y->w & T_HAS))
		return;
	if (!(x->w & T_HAS) || y->day > x->day)
		*x = *y;
	else if (y->day == x->day && (y->w & T_TIMED) &&
	    (!(x->w & T_TIMED) || (y->w & T_SOD) > (x->w & T_SOD)))
		x->w = (x->w & (T_HAS | T_FIRST)) | T_TIMED | (y->w & T_SOD);
}

/* The latest touch as crm-stale reads it (see struct touch). */
static struct crm_time
touch_time(const struct touch *x, long tz)
{
	struct crm_time t;

	t.t = (int64_t)x->day * 86400 - tz;	/* that day */
	t.has_time = !(x->w & T_FIRST);
	if (t.has_time)
		t.t += x->w & T_SOD;
	return t;
}

static crm_keyring_fn apply;

static void *
part_new(void *ctx)
{
	struct run *run = ctx;
	size_t n = crm_keytab_count(run->keys);
	struct part *p;

	pthread_mutex_lock(&run->mu);
	p = run->pool;
	if (p != NULL)
		run->pool = p->free_next;
	pthread_mutex_unlock(&run->mu);
	if (p == NULL) {
		p = crm_xmalloc(sizeof *p);
		p->touch = crm_huge_alloc((n + 1) * sizeof *p->touch);
	}
	memset(p->touch, 0, (n + 1) * sizeof *p->touch);
	p->run = run;
	p->future = p->orphans = 0;
	crm_keyring_init(&p->ring, run->keys, apply, p, p->touch,
	    sizeof *p->touch);
	return p;
}

static void
part_free(void *ctx, void *vp)
{
	struct run *run = ctx;
	struct part *p = vp;

	pthread_mutex_lock(&run->mu);
	p->free_next = run->pool;
	run->pool = p;
	pthread_mutex_unlock(&run->mu);
}

/* The activity's customer, in the order of crm-stale's checks: an
 * unknown customer, then a time after the as-of day, then the touch. */
static void
apply(void *ctx, const struct crm_keyring_entry *e)
{
	struct part *p = ctx;
	const struct crm_stale_opts *o = p->run->o;
	long day = (long)(int64_t)e->data[0];

	if (e->idx == -1) {
		if (p->orphans < 3)
			snprintf(p->orphan_ex[p->orphans], sizeof p->orphan_ex[0],
			    "%s", e->key);
		p->orphans++;
	} else if (day > o->as_of) {
		p->future++;
	} else {
		touch_add(&p->touch[e->idx], day, e->data[1] != UINT64_MAX,
		    (uint32_t)e->data[1]);
	}
}

/* Finish the activities in flight; returns how many of those counted as
 * used were orphans or after the as-of day. */
static long
part_end(void *ctx, void *vp)
{
	struct part *p = vp;

	(void)ctx;
	crm_keyring_flush(&p->ring);
	return p->orphans + p->future;
}

static int
part_merge(void *ctx, void *vp, struct crm_error *err)
{
	struct run *run = ctx;
	struct part *p = vp;
	size_t n = crm_keytab_count(run->keys);

	(void)err;
	for (long k = 0; k < p->orphans && k < 3; k++)
		if (run->orphans + k < 3)
			snprintf(run->orphan_ex[run->orphans + k],
			    sizeof run->orphan_ex[0], "%s", p->orphan_ex[k]);
	run->orphans += p->orphans;
	run->future += p->future;
	if (run->touch == NULL) {
		run->touch = p->touch;	/* the first part: take it */
		p->touch = crm_huge_alloc((n + 1) * sizeof *p->touch);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		touch_merge(&run->touch[i], &p->touch[i]);
	return 0;
}

static int
activity_record(struct crm_reader *r, const struct crm_record *rec, void *ctx,
    struct crm_error *err)
{
	struct part *p = ctx;
	struct crm_activity a;
	size_t n;
	long day;

	if (crm_activity_from_record(r, rec, p->run->o->tz, &a, err) == -1)
		return CRM_REC_REJECT;
	day = crm_time_day(a.ts.t, p->run->o->tz);
	n = strlen(a.customer_id);
	crm_keyring_push(&p->ring, a.customer_id, n,
	    crm_keytab_hash(a.customer_id, n), (uint64_t)(int64_t)day, a.ts.has_time ? (uint64_t)(a.ts.t +
	    p->run->o->tz - (int64_t)day * 86400) : UINT64_MAX);
	return CRM_REC_USED;
}

static const struct crm_par_ops activity_ops = {
	part_new, activity_record, part_end, part_merge, part_free, NULL, NULL,
	NULL, NULL
};

/* The freshness of one customer, per DOMAIN.md. */
struct fresh {
	bool never;			/* no updated_at and no activity */
	long last;			/* day of last_touch */
	long days;			/* days_since */
	const char *basis;		/* updated | activity | never */
};

static struct fresh
freshness(const struct cust_state *c, const struct touch *tc,
    const struct crm_stale_opts *o)
{
	struct fresh f = { true, 0, 0, "never" };
	const struct crm_time *t = NULL;
	struct crm_time touch = touch_time(tc, o->tz);

	if ((tc->w & T_HAS) && (!c->has_updated ||
	    !crm_time_later(&c->updated, &touch, o->tz))) {
		t = &touch;		/* a tie goes to the activity */
		f.basis = "activity";
	} else if (c->has_updated) {
		t = &c->updated;
		f.basis = "updated";
	}
	if (t != NULL) {
		f.never = false;
		f.last = crm_time_day(t->t, o->tz);
		f.days = o->as_of - f.last;
	}
	return f;
}

static int
bucket(const struct fresh *f)
{
	if (f->never)
		return B_NEVER;
	if (f->days <= 30)
		return B_0_30;
	if (f->days <= 60)
		return B_31_60;
	if (f->days <= 90)
		return B_61_90;
	return B_OVER_90;
}

static bool
is_stale(const struct fresh *f, long days)
{
	return f->never || f->days > days;
}

struct stale_row {
	const struct cust_state *c;
	struct fresh f;
};

static int
cmp_rows(const void *pa, const void *pb)
{
	const struct stale_row *a = pa, *b = pb;

	if (a->f.never != b->f.never)
		return a->f.never ? -1 : 1;
	if (!a->f.never && a->f.days != b->f.days)
		return a->f.days > b->f.days ? -1 : 1;
	return strcmp(a->c->customer_id, b->c->customer_id);
}

static int
write_rows(struct run *run, FILE *out)
{
	static const char *const names[] = { "customer_id", "name", "region",
	    "rep_id", "last_touch", "days_since", "basis" };
	static const enum crm_coltype types[] = { CRM_COL_STR, CRM_COL_STR,
	    CRM_COL_STR, CRM_COL_STR, CRM_COL_STR, CRM_COL_INT, CRM_COL_STR };
	struct crm_writer *w;
	struct stale_row *rows;
	size_t n = 0, i;
	int rc = 0;

	rows = crm_xmalloc((crm_keytab_count(run->keys) + 1) * sizeof *rows);
	for (i = 0; i < crm_keytab_count(run->keys); i++) {
		struct fresh f = freshness(&run->cust[i], &run->touch[i], run->o);

		if (is_stale(&f, run->o->days)) {
			rows[n].c = &run->cust[i];
			rows[n].f = f;
			n++;
		}
	}
	crm_sort(rows, n, sizeof *rows, cmp_rows);
	w = crm_writer_new(out, &run->o->out, names, types, 7);
	for (i = 0; i < n && rc == 0; i++) {
		char last[16] = "", days[24] = "";
		const char *v[7];

		if (!rows[i].f.never) {
			crm_date_format(rows[i].f.last, last);
			snprintf(days, sizeof days, "%ld", rows[i].f.days);
		}
		v[0] = rows[i].c->customer_id;
		v[1] = rows[i].c->name;
		v[2] = rows[i].c->region;
		v[3] = rows[i].c->rep_id;
		v[4] = rows[i].f.never ? NULL : last;
		v[5] = rows[i].f.never ? NULL : days;
		v[6] = rows[i].f.basis;
		rc = crm_writer_row(w, v);
	}
	if (crm_writer_close(w) == -1)
		rc = -1;
	free(rows);
	return rc;
}

static const char *
group_key(struct run *run, const struct cust_state *c,
    const struct crm_reps *reps, const char **name)
{
	const struct crm_rep *rep;

	*name = "";
	switch (run->o->by) {
	case CRM_BY_REGION:
		return *c->region ? c->region : "(none)";
	case CRM_BY_REP:
		if (*c->rep_id == '\0')
			return "(none)";
		rep = crm_reps_get(reps, c->rep_id);
		if (rep != NULL)
			*name = rep->name;
		return c->rep_id;
	default:
		if (*c->rep_id == '\0')
			return "(none)";
		rep = crm_reps_get(reps, c->rep_id);
		if (rep == NULL)
			return "(unknown)";
		if (*rep->manager_id == '\0')
			return "(none)";
		rep = crm_reps_get(reps, rep->manager_id);
		if (rep != NULL)
			*name = rep->name;
		return rep ? rep->rep_id : "(unknown)";
	}
}

static int
cmp_groups(const void *pa, const void *pb)
{
	const struct group *a = *(const struct group *const *)pa;
	const struct group *b = *(const struct group *const *)pb;

	return strcmp(a->key, b->key);
}

static int
write_groups(struct run *run, const struct crm_reps *reps, FILE *out,
    long *unknown_reps)
{
	static const char *const by_names[] = { "", "rep_id", "region",
	    "manager_id" };
	const char *names[11];
	enum crm_coltype types[11];
	bool named = run->o->by != CRM_BY_REGION;
	struct group *groups = NULL, *g, *gtmp, total, **list;
	struct crm_writer *w;
	size_t ng, i, k, ncols;
	int rc = 0;

	k = 0;
	names[k] = by_names[run->o->by], types[k++] = CRM_COL_STR;
	if (named)
		names[k] = "name", types[k++] = CRM_COL_STR;
	names[k] = "customers", types[k++] = CRM_COL_INT;
	names[k] = "stale", types[k++] = CRM_COL_INT;
	names[k] = "stale_pct", types[k++] = CRM_COL_NUM;
	names[k] = "days_0_30", types[k++] = CRM_COL_INT;
	names[k] = "days_31_60", types[k++] = CRM_COL_INT;
	names[k] = "days_61_90", types[k++] = CRM_COL_INT;
	names[k] = "days_over_90", types[k++] = CRM_COL_INT;
	names[k] = "never", types[k++] = CRM_COL_INT;
	ncols = k;

	memset(&total, 0, sizeof total);
	total.key = "(total)";
	total.name = "";
	*unknown_reps = 0;
	for (i = 0; i < crm_keytab_count(run->keys); i++) {
		const struct cust_state *e = &run->cust[i];
		struct fresh f = freshness(e, &run->touch[i], run->o);
		const char *name;
		const char *key = group_key(run, e, reps, &name);
		int b = bucket(&f);
		bool s = is_stale(&f, run->o->days);

		if (strcmp(key, "(unknown)") == 0)
			(*unknown_reps)++;
		HASH_FIND_STR(groups, key, g);
		if (g == NULL) {
			g = crm_xmalloc(sizeof *g);
			memset(g, 0, sizeof *g);
			g->key = key;
			g->name = name;
			HASH_ADD_KEYPTR(hh, groups, g->key, strlen(g->key), g);
		}
		g->n++, total.n++;
		g->stale += s, total.stale += s;
		g->bucket[b]++, total.bucket[b]++;
	}
	ng = HASH_COUNT(groups);
	list = crm_xmalloc((ng + 1) * sizeof *list);
	i = 0;
	HASH_ITER(hh, groups, g, gtmp)
		list[i++] = g;
	crm_sort(list, ng, sizeof *list, cmp_groups);
	list[ng] = &total;

	w = crm_writer_new(out, &run->o->out, names, types, ncols);
	for (i = 0; i <= ng && rc == 0; i++) {
		char num[8][24];
		const char *v[11];

		g = list[i];
		k = 0;
		v[k++] = g->key;
		if (named)
			v[k++] = g->name;
		snprintf(num[0], sizeof num[0], "%ld", g->n);
		snprintf(num[1], sizeof num[1], "%ld", g->stale);
		crm_pct_format(g->stale, g->n, num[2], sizeof num[2]);
		v[k++] = num[0];
		v[k++] = num[1];
		v[k++] = num[2];
		for (int b = 0; b < 5; b++) {
			snprintf(num[3 + b], sizeof num[0], "%ld", g->bucket[b]);
			v[k++] = num[3 + b];
		}
		rc = crm_writer_row(w, v);
	}
	if (crm_writer_close(w) == -1)
		rc = -1;
	HASH_ITER(hh, groups, g, gtmp) {
		HASH_DEL(groups, g);
		free(g);
	}
	free(list);
	return rc;
}

/* Read o->customers and o->activities into run, as crm-stale counts them,
 * and warn about orphan activities and timestamps after the as-of date.
 * Returns 0, or -1 with *err set on a fatal error; *rejects tells whether
 * some records were rejected (each was reported). */
static int
load(struct run *run, bool *rejects, struct crm_error *err)
{
	static const enum crm_field creq[] = { CRM_F_CUSTOMER_ID, CRM_F_NONE };
	static const enum crm_field areq[] = { CRM_F_CUSTOMER_ID, CRM_F_TS,
	    CRM_F_NONE };
	const struct crm_stale_opts *o = run->o;

	if (crm_input_all(o->customers, &o->input, creq, customer_record, run,
	    NULL, rejects, err) == -1)
		return -1;
	if (o->activities != NULL &&
	    crm_input_all_par(o->activities, &o->input, areq, &activity_ops,
	    run, rejects, err) == -1)
		return -1;
	if (run->touch == NULL) {
		size_t n = crm_keytab_count(run->keys) + 1;

		run->touch = crm_huge_alloc(n * sizeof *run->touch);
		memset(run->touch, 0, n * sizeof *run->touch);
	}
	if (run->orphans > 0)
		crm_warnx("%ld activities name customers missing from the "
		    "customers file (e.g. '%s'%s%s%s%s); they are not counted",
		    run->orphans, run->orphan_ex[0],
		    run->orphans > 1 ? ", '" : "",
		    run->orphans > 1 ? run->orphan_ex[1] : "",
		    run->orphans > 1 ? "'" : "", run->orphans > 2 ? ", ..." : "");
	if (run->future > 0)
		crm_warnx("%ld timestamps are after the as-of date and were "
		    "ignored", run->future);
	return 0;
}

/* Set up an empty run over o. */
static void
run_init(struct run *run, const struct crm_stale_opts *o)
{
	memset(run, 0, sizeof *run);
	run->o = o;
	run->arena = crm_arena_new();
	run->keys = crm_keytab_new();
	pthread_mutex_init(&run->mu, NULL);
}

/* Free what run holds. */
static void
run_free(struct run *run)
{
	crm_keytab_free(run->keys);
	free(run->cust);
	free(run->touch);
	while (run->pool != NULL) {
		struct part *p = run->pool;

		run->pool = p->free_next;
		free(p->touch);
		free(p);
	}
	pthread_mutex_destroy(&run->mu);
	crm_arena_free(run->arena);
}

int
crm_stale_run(const struct crm_stale_opts *o, FILE *out, struct crm_error *err)
{
	struct run run;
	struct crm_reps *reps = NULL;
	bool rejects = false;
	int status = CRM_EXIT_ERROR;
	long unknown = 0;

	run_init(&run, o);
	if (o->reps != NULL && (reps = crm_reps_load(o->reps, &o->input, err)) == NULL)
		goto out;
	if (load(&run, &rejects, err) == -1)
		goto out;
	if ((o->by == CRM_BY_NONE ? write_rows(&run, out) :
	    write_groups(&run, reps, out, &unknown)) == -1) {
		crm_error_set(err, NULL, 0, 0, "write error on standard output");
		goto out;
	}
	if (unknown > 0)
		crm_warnx("%ld customers have a rep missing from the reps file; "
		    "they are grouped as (unknown)", unknown);
	status = rejects ? CRM_EXIT_ERROR : CRM_EXIT_OK;
	if (rejects)
		crm_error_set(err, NULL, 0, 0,
		    "some input records were rejected (see above)");
out:
	run_free(&run);
	crm_reps_free(reps);
	return status;
}

/* Freshness per customer for other tools (crm-health): the same reading,
 * merging and days_since as crm-stale's rows.  Customers come in the order
 * first read. */
int
crm_stale_each(const struct crm_stale_opts *o, crm_freshness_fn fn, void *ctx,
    bool *rejects, struct crm_error *err)
{
	struct run run;
	int status = CRM_EXIT_ERROR;
	size_t i;

	run_init(&run, o);
	if (load(&run, rejects, err) == -1)
		goto out;
	for (i = 0; i < crm_keytab_count(run.keys); i++) {
		const struct cust_state *c = &run.cust[i];
		struct fresh f = freshness(c, &run.touch[i], o);
		struct crm_freshness cf;

		cf.customer_id = c->customer_id;
		cf.name = c->name;
		cf.region = c->region;
		cf.rep_id = c->rep_id;
		cf.never = f.never;
		cf.last = f.last;
		cf.days = f.days;
		cf.basis = f.basis;
		if (fn(&cf, ctx, err) == -1)
			goto out;
	}
	status = CRM_EXIT_OK;
out:
	run_free(&run);
	return status;
}
