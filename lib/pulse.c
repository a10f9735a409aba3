/* pulse.c - crm-pulse: update latency (recorded_at - ts), churn (customers
 * lost and won back per month) and sample intent (requests matched to the
 * courier shipments that carried them); see crm-pulse(1).
 *
 * Memory: one entry per customer (groups, and its order days when churn
 * reads orders), one per group, and per activity or shipment only what
 * falls in the window (a delay, a request, a shipment, an activity_id for
 * duplicates); activities stream. */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#include <uthash.h>

#include "clcc.h"
#include "crm.h"
#include "pulse.h"
#include "score.h"

#define DAY 86400
#define MATCH_DAYS 7			/* a shipment within 7 days */

const char *const crm_pulse_lost_default[] = { "流失", "已流失", "lost",
    "churned", NULL };

/* One customer, by its index in the key table. */
struct cust {
	const char *name, *region, *rep_id;	/* in the arena, "" absent */
	bool listed;			/* read from the customers input */
	long *orders;			/* order days (lost_after), unsorted */
	size_t norders, cap;
};

/* One month of churn counts. */
struct month {
	long active, lost, won;
};

/* A group of the latency or churn report. */
struct group {
	const char *key, *name;		/* in the arena */
	long acts;			/* activities in the window */
	long within;			/* measured and within o->within */
	long before;			/* recorded_at before ts */
	long norec;			/* no recorded_at */
	long dateonly;			/* ts or recorded_at without a time */
	int64_t *delay;			/* measured delays, seconds */
	size_t nd, capd;
	struct month *m;		/* churn: one per month of the range */
	UT_hash_handle hh;
};

/* A sample request (an activity of type sample_request). */
struct req {
	long ci;			/* customer index */
	const char *id;			/* activity_id, or "" */
	struct crm_time ts;
	long day;
	long match;			/* index of the shipment, or -1 */
};

/* A shipment. */
struct ship {
	long ci;
	const char *id, *tracking;	/* shipment_id, tracking_no or "" */
	struct crm_time at;		/* shipped_at */
	long day;
	bool matched;			/* some request matched it */
};

/* A state change of a customer, for churn. */
struct trans {
	long day;
	bool lost;			/* the state it goes to */
	bool event;			/* a loss or a win, not the entry */
};

struct run {
	const struct crm_pulse_opts *o;
	struct crm_reps *reps;
	struct crm_arena *arena;
	struct crm_keytab *keys;	/* customer_id -> index */
	struct cust *cust;
	size_t cap;
	struct group *lat;		/* latency groups */
	struct group *churn;		/* churn groups */
	struct crm_keytab *seen;	/* activity_ids in the window */
	struct crm_keytab *seen_ship;	/* shipment_ids in the window */
	struct req *req;
	size_t nreq, capreq;
	struct ship *ship;
	size_t nship, capship;
	long m_first;			/* churn: first month, y * 12 + m - 1 */
	long nmonths;
	long future;			/* records after the as-of day */
	long unknown;			/* grouped as (unknown) */
	char unknown_ex[64];
};

static const char *
keep(struct run *run, const char *s)
{
	return crm_arena_strndup(run->arena, s ? s : "", s ? strlen(s) : 0);
}

/* The index of customer id, added (unlisted) when new.  -1 past 4 billion. */
static long
cust_index(struct run *run, const char *id)
{
	bool existed;
	long i = crm_keytab_add(run->keys, id, &existed);

	if (i == -1 || existed)
		return i;
	if ((size_t)i >= run->cap) {
		run->cap = run->cap ? run->cap * 2 : 1024;
		run->cust = crm_xrealloc(run->cust, run->cap * sizeof *run->cust);
	}
	memset(&run->cust[i], 0, sizeof run->cust[i]);
	run->cust[i].name = run->cust[i].region = run->cust[i].rep_id = "";
	return i;
}

/* Whether status s is one of o->lost_status: blanks trimmed, ASCII case
 * folded. */
static bool
is_lost(const struct crm_pulse_opts *o, const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	for (const char *const *p = o->lost_status; *p != NULL; p++) {
		const char *l = *p;
		size_t ln, i;

		while (*l == ' ' || *l == '\t')
			l++;
		ln = strlen(l);
		while (ln > 0 && (l[ln - 1] == ' ' || l[ln - 1] == '\t'))
			ln--;
		if (ln != n)
			continue;
		for (i = 0; i < n; i++) {
			char a = s[i], b = l[i];

			if (a >= 'A' && a <= 'Z')
				a = (char)(a - 'A' + 'a');
			if (b >= 'A' && b <= 'Z')
				b = (char)(b - 'A' + 'a');
			if (a != b)
				break;
		}
		if (i == n)
			return true;
	}
	return false;
}

/* Whether s is empty or blank. */
static bool
is_blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == '\0';
}

/* The group of a record: rep_id (the activity's own, or "" for the
 * customer's), or the region or manager of customer ci (-1: none).
 * *name is the rep's or manager's name, or "".  Borrowed. */
static const char *
group_key(struct run *run, const char *rep_id, long ci, const char **name)
{
	const struct cust *c = ci >= 0 ? &run->cust[ci] : NULL;
	bool known = c != NULL && c->listed;
	const struct crm_rep *rep, *m;

	*name = "";
	if (run->o->by == CRM_BY_REGION) {
		if (known)
			return *c->region ? c->region : "(none)";
		goto unknown;
	}
	if (*rep_id == '\0' && known)
		rep_id = c->rep_id;
	if (*rep_id == '\0') {
		if (known)
			return "(none)";
		goto unknown;
	}
	rep = run->reps != NULL ? crm_reps_get(run->reps, rep_id) : NULL;
	if (run->o->by == CRM_BY_REP) {
		if (rep != NULL)
			*name = rep->name;
		return rep_id;
	}
	if (rep == NULL)
		goto unknown;
	if (*rep->manager_id == '\0')
		return "(none)";
	if ((m = crm_reps_get(run->reps, rep->manager_id)) == NULL)
		goto unknown;
	*name = m->name;
	return m->rep_id;
unknown:
	if (run->unknown++ == 0)
		snprintf(run->unknown_ex, sizeof run->unknown_ex, "%s",
		    c != NULL ? crm_keytab_key(run->keys, ci) : rep_id);
	return "(unknown)";
}

/* The group named key in *table, added when new. */
static struct group *
group_get(struct run *run, struct group **table, const char *key,
    const char *name)
{
	struct group *g;

	HASH_FIND_STR(*table, key, g);
	if (g != NULL)
		return g;
	g = crm_xmalloc(sizeof *g);
	memset(g, 0, sizeof *g);
	g->key = keep(run, key);
	g->name = keep(run, name);
	if (table == &run->churn) {
		g->m = crm_xmalloc((size_t)run->nmonths * sizeof *g->m);
		memset(g->m, 0, (size_t)run->nmonths * sizeof *g->m);
	}
	HASH_ADD_KEYPTR(hh, *table, g->key, strlen(g->key), g);
	return g;
}

static void
groups_free(struct group **table)
{
	struct group *g, *tmp;

	HASH_ITER(hh, *table, g, tmp) {
		HASH_DEL(*table, g);
		free(g->delay);
		free(g->m);
		free(g);
	}
}

/* ------------------------------------------------------------------ */
/* Reading */

static int
customer_record(struct crm_reader *r, const struct crm_record *rec, void *ctx,
    struct crm_error *err)
{
	struct run *run = ctx;
	struct crm_customer c;
	struct cust *e;
	long i;

	if (crm_customer_from_record(r, rec, run->o->tz, &c, err) == -1)
		return CRM_REC_REJECT;
	if ((i = cust_index(run, c.customer_id)) == -1) {
		crm_error_set(err, NULL, 0, 0, "too many customers");
		return CRM_REC_FATAL;
	}
	e = &run->cust[i];
	if (e->listed) {
		/* the same customer again (overlapping exports): a later
		 * row's non-empty fields win */
		if (*c.name)
			e->name = keep(run, c.name);
		if (*c.region)
			e->region = keep(run, c.region);
		if (*c.rep_id)
			e->rep_id = keep(run, c.rep_id);
		return CRM_REC_MERGED;
	}
	e->listed = true;
	e->name = keep(run, c.name);
	e->region = keep(run, c.region);
	e->rep_id = keep(run, c.rep_id);
	return CRM_REC_USED;
}

/* Parse field f of rec as a time by the importer's rules: 0 when empty,
 * 1 when set, -1 with *err set when it is not a time. */
static int
get_time(const struct crm_reader *r, const struct crm_record *rec,
    enum crm_field f, long tz, struct crm_time *t, struct crm_error *err)
{
	const char *s = crm_record_get(r, rec, f);

	if (s == NULL || is_blank(s))
		return 0;
	if (crm_value_time(s, tz, false, t) == -1) {
		crm_error_set(err, NULL, 0, 0, "field '%s': not a date or time "
		    "'%s'", crm_field_name(f), s);
		return -1;
	}
	return 1;
}

/* Count one activity of the latency window into its group. */
static void
latency_add(struct run *run, const struct crm_activity *a, long ci, int hasrec,
    const struct crm_time *rec)
{
	const char *name, *key = group_key(run, a->rep_id, ci, &name);
	struct group *g = group_get(run, &run->lat, key, name);
	int64_t d;

	g->acts++;
	if (!hasrec) {
		g->norec++;
		return;
	}
	if (!a->ts.has_time || !rec->has_time) {
		g->dateonly++;
		return;
	}
	d = rec->t - a->ts.t;
	if (d < 0) {
		g->before++;
		return;
	}
	if (g->nd == g->capd) {
		g->capd = g->capd ? g->capd * 2 : 64;
		g->delay = crm_xrealloc(g->delay, g->capd * sizeof *g->delay);
	}
	g->delay[g->nd++] = d;
	if (d <= run->o->within)
		g->within++;
}

static int
activity_record(struct crm_reader *r, const struct crm_record *rec, void *ctx,
    struct crm_error *err)
{
	struct run *run = ctx;
	const struct crm_pulse_opts *o = run->o;
	struct crm_activity a;
	struct crm_time rt;
	char type[64];
	bool in_lat, sample, existed;
	int hasrec;
	long day, ci;

	if (crm_activity_from_record(r, rec, o->tz, &a, err) == -1)
		return CRM_REC_REJECT;
	if ((hasrec = get_time(r, rec, CRM_F_RECORDED_AT, o->tz, &rt, err)) == -1)
		return CRM_REC_REJECT;
	day = crm_time_day(a.ts.t, o->tz);
	if (day > o->as_of) {
		run->future++;
		return CRM_REC_IGNORED;
	}
	crm_type_canonical(a.type, type, sizeof type);
	in_lat = (o->reports & CRM_PULSE_LATENCY) && day >= o->from &&
	    day <= o->to;
	sample = (o->reports & CRM_PULSE_INTENT) &&
	    strcmp(type, "sample_request") == 0 &&
	    day >= o->from - MATCH_DAYS && day <= o->to;
	if (!in_lat && !sample)
		return CRM_REC_IGNORED;
	/* the same activity twice (overlapping exports) counts once */
	if (*a.activity_id != '\0') {
		if (crm_keytab_add(run->seen, a.activity_id, &existed) == -1) {
			crm_error_set(err, NULL, 0, 0, "too many activities");
			return CRM_REC_FATAL;
		}
		if (existed)
			return CRM_REC_MERGED;
	}
	if ((ci = cust_index(run, a.customer_id)) == -1) {
		crm_error_set(err, NULL, 0, 0, "too many customers");
		return CRM_REC_FATAL;
	}
	if (in_lat)
		latency_add(run, &a, ci, hasrec, &rt);
	if (sample) {
		struct req *q;

		if (run->nreq == run->capreq) {
			run->capreq = run->capreq ? run->capreq * 2 : 64;
			run->req = crm_xrealloc(run->req,
			    run->capreq * sizeof *run->req);
		}
		q = &run->req[run->nreq++];
		q->ci = ci;
		q->id = keep(run, a.activity_id);
		q->ts = a.ts;
		q->day = day;
		q->match = -1;
	}
	return CRM_REC_USED;
}

static int
shipment_record(struct crm_reader *r, const struct crm_record *rec, void *ctx,
    struct crm_error *err)
{
	struct run *run = ctx;
	const struct crm_pulse_opts *o = run->o;
	const char *id = crm_record_get(r, rec, CRM_F_SHIPMENT_ID);
	const char *cid = crm_record_get(r, rec, CRM_F_CUSTOMER_ID);
	const char *trk = crm_record_get(r, rec, CRM_F_TRACKING_NO);
	struct crm_time at;
	struct ship *s;
	bool existed;
	long day, ci;
	int rc;

	if (id == NULL || is_blank(id)) {
		crm_error_set(err, NULL, 0, 0, "field 'shipment_id': empty");
		return CRM_REC_REJECT;
	}
	if (cid == NULL || is_blank(cid)) {
		crm_error_set(err, NULL, 0, 0, "field 'customer_id': empty");
		return CRM_REC_REJECT;
	}
	if ((rc = get_time(r, rec, CRM_F_SHIPPED_AT, o->tz, &at, err)) == -1)
		return CRM_REC_REJECT;
	if (rc == 0) {
		crm_error_set(err, NULL, 0, 0, "field 'shipped_at': empty");
		return CRM_REC_REJECT;
	}
	day = crm_time_day(at.t, o->tz);
	if (day > o->as_of) {
		run->future++;
		return CRM_REC_IGNORED;
	}
	/* the 7 days before the window too: they may have carried the
	 * requests read from before the window (each takes its first) */
	if (day < o->from - MATCH_DAYS || day > o->to + MATCH_DAYS)
		return CRM_REC_IGNORED;
	if (crm_keytab_add(run->seen_ship, id, &existed) == -1 ||
	    (ci = cust_index(run, cid)) == -1) {
		crm_error_set(err, NULL, 0, 0, "too many shipments");
		return CRM_REC_FATAL;
	}
	if (existed)
		return CRM_REC_MERGED;
	if (run->nship == run->capship) {
		run->capship = run->capship ? run->capship * 2 : 64;
		run->ship = crm_xrealloc(run->ship, run->capship * sizeof *run->ship);
	}
	s = &run->ship[run->nship++];
	s->ci = ci;
	s->id = keep(run, id);
	s->tracking = keep(run, trk);
	s->at = at;
	s->day = day;
	s->matched = false;
	return CRM_REC_USED;
}

/* A ledger entry: a margin entry with a positive amount is an order on
 * its day (churn --lost-after); other entries are outside the question. */
static int
ledger_record(struct crm_reader *r, const struct crm_record *rec, void *ctx,
    struct crm_error *err)
{
	struct run *run = ctx;
	const struct crm_pulse_opts *o = run->o;
	const char *id = crm_record_get(r, rec, CRM_F_CUSTOMER_ID);
	const char *date = crm_record_get(r, rec, CRM_F_DATE);
	const char *kind = crm_record_get(r, rec, CRM_F_KIND);
	const char *amount = crm_record_get(r, rec, CRM_F_AMOUNT);
	const char *w;
	char why[sizeof err->msg];
	int64_t fen;
	struct cust *c;
	long day, ci;

	if (id == NULL || is_blank(id)) {
		crm_error_set(err, NULL, 0, 0, "field 'customer_id': empty");
		return CRM_REC_REJECT;
	}
	if (date == NULL || is_blank(date)) {
		crm_error_set(err, NULL, 0, 0, "field 'date': empty");
		return CRM_REC_REJECT;
	}
	if (crm_value_date(date, o->tz, false, &day) == -1) {
		crm_error_set(err, NULL, 0, 0, "field 'date': not a date '%s'",
		    date);
		return CRM_REC_REJECT;
	}
	if (kind == NULL || (w = crm_value_word(CRM_F_KIND, kind)) == NULL) {
		crm_error_set(err, NULL, 0, 0, "field 'kind': unknown kind '%s' "
		    "(expected acquisition, service, failure or margin)",
		    kind ? kind : "");
		return CRM_REC_REJECT;
	}
	if (amount == NULL || is_blank(amount)) {
		crm_error_set(err, NULL, 0, 0, "field 'amount': empty");
		return CRM_REC_REJECT;
	}
	if (crm_money_parse(amount, &fen, err) == -1) {
		memcpy(why, err->msg, sizeof why);
		crm_error_set(err, NULL, 0, 0, "field 'amount': %s", why);
		return CRM_REC_REJECT;
	}
	if (day > o->as_of) {
		run->future++;
		return CRM_REC_IGNORED;
	}
	if (strcmp(w, "margin") != 0 || fen <= 0)
		return CRM_REC_IGNORED;
	if ((ci = cust_index(run, id)) == -1) {
		crm_error_set(err, NULL, 0, 0, "too many customers");
		return CRM_REC_FATAL;
	}
	c = &run->cust[ci];
	if (c->norders == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 8;
		c->orders = crm_xrealloc(c->orders, c->cap * sizeof *c->orders);
	}
	c->orders[c->norders++] = day;
	return CRM_REC_USED;
}

/* ------------------------------------------------------------------ */
/* Churn */

/* The first day of month index mi (y * 12 + m - 1).  Can't fail. */
static long
month_start(long mi)
{
	long y = mi >= 0 ? mi / 12 : -((11 - mi) / 12);

	return crm_days_from_civil(y, (int)(mi - y * 12) + 1, 1);
}

/* The month index of day.  Can't fail. */
static long
month_of(long day)
{
	long y;
	int m, d;

	crm_civil_from_days(day, &y, &m, &d);
	return y * 12 + m - 1;
}

/* Count customer ci's state changes t[0..n) (by day; t[0] its entry)
 * into its churn group: per month of the range, active at the start,
 * lost and won in it. */
static void
churn_count(struct run *run, long ci, const struct trans *t, size_t n)
{
	const char *name, *key;
	struct group *g;

	if (n == 0)
		return;
	key = group_key(run, "", ci, &name);
	g = group_get(run, &run->churn, key, name);
	for (long k = 0; k < run->nmonths; k++) {
		long m0 = month_start(run->m_first + k);
		long m1 = month_start(run->m_first + k + 1) - 1;
		bool entered = false, lost = false;

		for (size_t i = 0; i < n && t[i].day < m0; i++) {
			entered = true;
			lost = t[i].lost;
		}
		if (entered && !lost)
			g->m[k].active++;
		for (size_t i = 0; i < n; i++) {
			if (!t[i].event || t[i].day < m0 || t[i].day > m1)
				continue;
			if (t[i].lost)
				g->m[k].lost++;
			else
				g->m[k].won++;
		}
	}
}

static int
cmp_long(const void *pa, const void *pb)
{
	long a = *(const long *)pa, b = *(const long *)pb;

	return a < b ? -1 : a > b;
}

/* Churn from orders: active from the first order; lost on the day the
 * gap since the last order becomes more than lost_after days (last +
 * lost_after + 1), unless an order came first or on that day (then the
 * days since the last order are 0, as crm-stale counts); won back by the
 * next order.  Nothing after the as-of day. */
static void
churn_orders(struct run *run)
{
	const long gap = run->o->lost_after;
	struct trans *t = NULL;
	size_t cap = 0;

	for (size_t ci = 0; ci < crm_keytab_count(run->keys); ci++) {
		struct cust *c = &run->cust[ci];
		size_t n = 0, i, k = 0;

		if (c->norders == 0)
			continue;
		crm_sort(c->orders, c->norders, sizeof *c->orders, cmp_long);
		for (i = 0; i < c->norders; i++)	/* distinct days */
			if (k == 0 || c->orders[k - 1] != c->orders[i])
				c->orders[k++] = c->orders[i];
		c->norders = k;
		if (cap < 2 * k + 1) {
			cap = 2 * k + 1;
			t = crm_xrealloc(t, cap * sizeof *t);
		}
		t[n++] = (struct trans){ c->orders[0], false, false };
		for (i = 0; i < k; i++) {
			long lost = c->orders[i] + gap + 1;

			if (i + 1 < k && c->orders[i + 1] <= lost)
				continue;
			if (lost > run->o->as_of)
				break;
			t[n++] = (struct trans){ lost, true, true };
			if (i + 1 < k)
				t[n++] = (struct trans){ c->orders[i + 1], false,
				    true };
		}
		churn_count(run, (long)ci, t, n);
	}
	free(t);
}

/* Store failure: the status says whether to retry. */
static int
db_fail(sqlite3 *db, const char *path, struct crm_error *err)
{
	int rc = sqlite3_errcode(db);

	crm_error_set(err, path, 0, 0, "customer_history: %s",
	    sqlite3_errmsg(db));
	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? CRM_EXIT_TEMPFAIL :
	    CRM_EXIT_ERROR;
}

/* Churn from the store's status history, one customer at a time (the
 * rows come ordered by customer and day).  A customer enters with its
 * first status seen (lost then: lost before the history began, no
 * event); later a lost status after a non-lost one is a loss, a non-lost
 * one after a lost one a win; blank statuses change nothing. */
static int
churn_history(struct run *run, struct crm_error *err)
{
	static const char sql[] = "SELECT customer_id, value, seen_at FROM"
	    " customer_history WHERE field = 'status'"
	    " ORDER BY customer_id, seen_at";
	const struct crm_pulse_opts *o = run->o;
	struct crm_store *s;
	sqlite3 *db;
	sqlite3_stmt *st = NULL;
	struct trans *t = NULL;
	size_t n = 0, cap = 0;
	char cur[512] = "";
	long ci = -1;
	int rc, step;

	if ((rc = crm_store_open(o->db, false, &s, err)) != CRM_EXIT_OK)
		return rc;
	db = crm_store_sqlite(s);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		rc = db_fail(db, o->db, err);
		goto out;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		const char *v = (const char *)sqlite3_column_text(st, 1);
		const char *seen = (const char *)sqlite3_column_text(st, 2);
		long day;
		bool lost;

		if (id == NULL || v == NULL || seen == NULL ||
		    crm_date_parse(seen, &day) == -1) {
			crm_error_set(err, o->db, 0, 0, "customer_history: a "
			    "row of customer '%s' has no day", id ? id : "");
			rc = CRM_EXIT_ERROR;
			goto out;
		}
		if (ci == -1 || strcmp(id, cur) != 0) {
			churn_count(run, ci, t, n);
			n = 0;
			snprintf(cur, sizeof cur, "%s", id);
			if ((ci = cust_index(run, id)) == -1) {
				crm_error_set(err, NULL, 0, 0, "too many customers");
				rc = CRM_EXIT_ERROR;
				goto out;
			}
		}
		if (day > o->as_of) {
			run->future++;
			continue;
		}
		if (is_blank(v))
			continue;
		lost = is_lost(o, v);
		if (n > 0 && t[n - 1].lost == lost)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			t = crm_xrealloc(t, cap * sizeof *t);
		}
		t[n].day = day;
		t[n].lost = lost;
		t[n].event = n > 0;
		n++;
	}
	if (step != SQLITE_DONE) {
		rc = db_fail(db, o->db, err);
		goto out;
	}
	churn_count(run, ci, t, n);
	rc = CRM_EXIT_OK;
out:
	free(t);
	sqlite3_finalize(st);
	crm_store_close(s);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Intent: requests matched to shipments */

static int
cmp_req(const void *pa, const void *pb)
{
	const struct req *a = pa, *b = pb;

	if (a->ci != b->ci)
		return a->ci < b->ci ? -1 : 1;
	if (a->ts.t != b->ts.t)
		return a->ts.t < b->ts.t ? -1 : 1;
	return strcmp(a->id, b->id);
}

static int
cmp_ship(const void *pa, const void *pb)
{
	const struct ship *a = pa, *b = pb;

	if (a->ci != b->ci)
		return a->ci < b->ci ? -1 : 1;
	if (a->at.t != b->at.t)
		return a->at.t < b->at.t ? -1 : 1;
	return strcmp(a->id, b->id);
}

/* Whether shipment s carried request q: shipped at or after the request
 * and at most 7 days later, to the second; when either has a date only,
 * 0 to 7 calendar days later. */
static bool
carries(const struct ship *s, const struct req *q)
{
	if (s->at.has_time && q->ts.has_time)
		return s->at.t >= q->ts.t &&
		    s->at.t - q->ts.t <= (int64_t)MATCH_DAYS * DAY;
	return s->day >= q->day && s->day - q->day <= MATCH_DAYS;
}

/* Match every request to the first shipment of its customer that carries
 * it.  One shipment may carry several requests. */
static void
match(struct run *run)
{
	size_t j0 = 0;

	if (run->nreq > 0)
		crm_sort(run->req, run->nreq, sizeof *run->req, cmp_req);
	if (run->nship > 0)
		crm_sort(run->ship, run->nship, sizeof *run->ship, cmp_ship);
	for (size_t i = 0; i < run->nreq; i++) {
		struct req *q = &run->req[i];

		while (j0 < run->nship && run->ship[j0].ci < q->ci)
			j0++;
		for (size_t j = j0; j < run->nship && run->ship[j].ci == q->ci;
		    j++)
			if (carries(&run->ship[j], q)) {
				q->match = (long)j;
				run->ship[j].matched = true;
				break;
			}
	}
}

/* ------------------------------------------------------------------ */
/* Output: one writer, one row shape.  Each report has its columns; with
 * more than one report the columns are the union, led by `report`. */

enum col {
	C_REPORT, C_PERIOD, C_GROUP, C_NAME,
	C_ACTS, C_MEASURED, C_WITHIN, C_WITHIN_PCT, C_MEDIAN, C_P90,
	C_BEFORE, C_NOREC, C_DATEONLY,
	C_ACTIVE, C_LOST, C_WON, C_CHURN_PCT,
	C_CUST, C_CUST_NAME, C_ITEM, C_REQUESTS, C_SHIPMENTS, C_REQUESTED,
	C_SHIPPED, C_INTENT, C_TRACKING, C_RECORD, C_AT,
	C_N
};

static const struct {
	const char *name;
	enum crm_coltype type;
	unsigned reports;		/* the reports that have it; 0: all */
} cols[C_N] = {
	[C_REPORT] = { "report", CRM_COL_STR, 0 },
	[C_PERIOD] = { "period", CRM_COL_STR, 0 },
	[C_GROUP] = { NULL, CRM_COL_STR, 0 },	/* rep_id, region, ... */
	[C_NAME] = { "name", CRM_COL_STR, 0 },
	[C_ACTS] = { "activities", CRM_COL_INT, CRM_PULSE_LATENCY },
	[C_MEASURED] = { "measured", CRM_COL_INT, CRM_PULSE_LATENCY },
	[C_WITHIN] = { "within", CRM_COL_INT, CRM_PULSE_LATENCY },
	[C_WITHIN_PCT] = { "within_pct", CRM_COL_NUM, CRM_PULSE_LATENCY },
	[C_MEDIAN] = { "median_hours", CRM_COL_NUM, CRM_PULSE_LATENCY },
	[C_P90] = { "p90_hours", CRM_COL_NUM, CRM_PULSE_LATENCY },
	[C_BEFORE] = { "before_contact", CRM_COL_INT, CRM_PULSE_LATENCY },
	[C_NOREC] = { "no_recorded_at", CRM_COL_INT, CRM_PULSE_LATENCY },
	[C_DATEONLY] = { "date_only", CRM_COL_INT, CRM_PULSE_LATENCY },
	[C_ACTIVE] = { "active_start", CRM_COL_INT, CRM_PULSE_CHURN },
	[C_LOST] = { "lost", CRM_COL_INT, CRM_PULSE_CHURN },
	[C_WON] = { "won", CRM_COL_INT, CRM_PULSE_CHURN },
	[C_CHURN_PCT] = { "churn_pct", CRM_COL_NUM, CRM_PULSE_CHURN },
	[C_CUST] = { "customer_id", CRM_COL_STR, CRM_PULSE_INTENT },
	[C_CUST_NAME] = { "customer_name", CRM_COL_STR, CRM_PULSE_INTENT },
	[C_ITEM] = { "item", CRM_COL_STR, CRM_PULSE_INTENT },
	[C_REQUESTS] = { "requests", CRM_COL_INT, CRM_PULSE_INTENT },
	[C_SHIPMENTS] = { "shipments", CRM_COL_INT, CRM_PULSE_INTENT },
	[C_REQUESTED] = { "sample_requested", CRM_COL_STR, CRM_PULSE_INTENT },
	[C_SHIPPED] = { "sample_shipped", CRM_COL_STR, CRM_PULSE_INTENT },
	[C_INTENT] = { "intent", CRM_COL_STR, CRM_PULSE_INTENT },
	[C_TRACKING] = { "tracking_no", CRM_COL_STR, CRM_PULSE_INTENT },
	[C_RECORD] = { "record_id", CRM_COL_STR, CRM_PULSE_INTENT },
	[C_AT] = { "at", CRM_COL_STR, CRM_PULSE_INTENT },
};

struct out {
	struct crm_writer *w;
	int pick[C_N];			/* output column -> enum col */
	size_t n;
	int rc;				/* -1 after a write error */
};

/* Whether a report of the set is shown (one report: no report column). */
static bool
multi(unsigned reports)
{
	return (reports & (reports - 1)) != 0;
}

static void
out_open(struct out *w, const struct crm_pulse_opts *o, FILE *fp)
{
	static const char *const by_names[] = { "group", "rep_id", "region",
	    "manager_id" };
	const char *names[C_N];
	enum crm_coltype types[C_N];

	w->n = 0;
	w->rc = 0;
	for (int c = 0; c < C_N; c++) {
		if (c == C_REPORT && !multi(o->reports))
			continue;
		if (cols[c].reports != 0 && !(cols[c].reports & o->reports))
			continue;
		names[w->n] = c == C_GROUP ? by_names[o->by] : cols[c].name;
		types[w->n] = cols[c].type;
		w->pick[w->n++] = c;
	}
	w->w = crm_writer_new(fp, &o->out, names, types, w->n);
}

/* Write the row v (indexed by enum col; NULL is empty). */
static void
out_row(struct out *w, const char *const *v)
{
	const char *row[C_N];

	if (w->rc == -1)
		return;
	for (size_t i = 0; i < w->n; i++)
		row[i] = v[w->pick[i]];
	w->rc = crm_writer_row(w->w, row);
}

static int
out_close(struct out *w)
{
	if (crm_writer_close(w->w) == -1)
		w->rc = -1;
	return w->rc;
}

/* The window's label: 2026-W48 for an ISO week, else FROM..TO. */
static void
period_label(const struct crm_pulse_opts *o, char *buf, size_t len)
{
	char a[16], b[16];

	if (o->week_window) {
		crm_week_format(o->from, a);
		snprintf(buf, len, "%s", a);
		return;
	}
	crm_date_format(o->from, a);
	crm_date_format(o->to, b);
	snprintf(buf, len, "%s..%s", a, b);
}

static int
cmp_groups(const void *pa, const void *pb)
{
	const struct group *a = *(const struct group *const *)pa;
	const struct group *b = *(const struct group *const *)pb;

	return strcmp(a->key, b->key);
}

/* The groups of table sorted by key, then room for a total: a new array
 * of *n + 1 entries. */
static struct group **
sorted(struct group *table, size_t *n)
{
	struct group **list, *g, *tmp;
	size_t i = 0;

	*n = HASH_COUNT(table);
	list = crm_xmalloc((*n + 1) * sizeof *list);
	HASH_ITER(hh, table, g, tmp)
		list[i++] = g;
	crm_sort(list, *n, sizeof *list, cmp_groups);
	return list;
}

static int
cmp_i64(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;

	return a < b ? -1 : a > b;
}

/* Seconds as hours with 2 decimals, rounded half up.  Can't fail. */
static void
hours(int64_t s, char *buf, size_t len)
{
	int64_t h = (s * 100 + 1800) / 3600;

	snprintf(buf, len, "%lld.%02lld", (long long)(h / 100),
	    (long long)(h % 100));
}

/* The nearest-rank p-th percentile of sorted d[0..n), n > 0: the value
 * of rank ceil(p * n / 100). */
static int64_t
percentile(const int64_t *d, size_t n, int p)
{
	size_t rank = (n * (size_t)p + 99) / 100;

	return d[rank > 0 ? rank - 1 : 0];
}

static void
latency_row(struct out *w, const char *period, const struct group *g)
{
	char num[9][32];
	const char *v[C_N] = { NULL };
	long measured = (long)g->nd;

	v[C_REPORT] = "latency";
	v[C_PERIOD] = period;
	v[C_GROUP] = g->key;
	v[C_NAME] = g->name;
	snprintf(num[0], sizeof num[0], "%ld", g->acts);
	snprintf(num[1], sizeof num[1], "%ld", measured);
	snprintf(num[2], sizeof num[2], "%ld", g->within);
	crm_pct_format(g->within, measured, num[3], sizeof num[3]);
	snprintf(num[6], sizeof num[6], "%ld", g->before);
	snprintf(num[7], sizeof num[7], "%ld", g->norec);
	snprintf(num[8], sizeof num[8], "%ld", g->dateonly);
	v[C_ACTS] = num[0];
	v[C_MEASURED] = num[1];
	v[C_WITHIN] = num[2];
	v[C_WITHIN_PCT] = measured > 0 ? num[3] : NULL;
	if (measured > 0) {
		hours(percentile(g->delay, g->nd, 50), num[4], sizeof num[4]);
		hours(percentile(g->delay, g->nd, 90), num[5], sizeof num[5]);
		v[C_MEDIAN] = num[4];
		v[C_P90] = num[5];
	}
	v[C_BEFORE] = num[6];
	v[C_NOREC] = num[7];
	v[C_DATEONLY] = num[8];
	out_row(w, v);
}

static void
write_latency(struct run *run, struct out *w)
{
	struct group total, **list;
	size_t n, i;
	char period[40];

	period_label(run->o, period, sizeof period);
	memset(&total, 0, sizeof total);
	total.key = "(total)";
	total.name = "";
	list = sorted(run->lat, &n);
	for (i = 0; i < n; i++) {
		struct group *g = list[i];

		total.acts += g->acts;
		total.within += g->within;
		total.before += g->before;
		total.norec += g->norec;
		total.dateonly += g->dateonly;
		total.nd += g->nd;
	}
	total.delay = crm_xmalloc((total.nd + 1) * sizeof *total.delay);
	total.nd = 0;
	for (i = 0; i < n; i++) {
		struct group *g = list[i];

		if (g->nd > 0)
			memcpy(total.delay + total.nd, g->delay,
			    g->nd * sizeof *g->delay);
		total.nd += g->nd;
		if (g->nd > 0)
			crm_sort(g->delay, g->nd, sizeof *g->delay, cmp_i64);
		latency_row(w, period, g);
	}
	crm_sort(total.delay, total.nd, sizeof *total.delay, cmp_i64);
	latency_row(w, period, &total);
	free(total.delay);
	free(list);
}

static void
churn_row(struct out *w, const char *period, const char *key,
    const char *name, const struct month *m)
{
	char num[4][32];
	const char *v[C_N] = { NULL };

	v[C_REPORT] = "churn";
	v[C_PERIOD] = period;
	v[C_GROUP] = key;
	v[C_NAME] = name;
	snprintf(num[0], sizeof num[0], "%ld", m->active);
	snprintf(num[1], sizeof num[1], "%ld", m->lost);
	snprintf(num[2], sizeof num[2], "%ld", m->won);
	/* lost / active at the start: undefined (empty) with none active */
	crm_pct_format(m->lost, m->active, num[3], sizeof num[3]);
	v[C_ACTIVE] = num[0];
	v[C_LOST] = num[1];
	v[C_WON] = num[2];
	v[C_CHURN_PCT] = m->active > 0 ? num[3] : NULL;
	out_row(w, v);
}

static void
write_churn(struct run *run, struct out *w)
{
	struct group **list;
	size_t n;

	list = sorted(run->churn, &n);
	for (long k = 0; k < run->nmonths; k++) {
		struct month total = { 0, 0, 0 };
		char period[48];
		long mi = run->m_first + k, y = mi >= 0 ? mi / 12 :
		    -((11 - mi) / 12);

		snprintf(period, sizeof period, "%04ld-%02ld", y, mi - y * 12 + 1);
		for (size_t i = 0; i < n; i++) {
			churn_row(w, period, list[i]->key, list[i]->name,
			    &list[i]->m[k]);
			total.active += list[i]->m[k].active;
			total.lost += list[i]->m[k].lost;
			total.won += list[i]->m[k].won;
		}
		churn_row(w, period, "(total)", "", &total);
	}
	free(list);
}

/* A row of the intent report, by customer or for one unmatched record. */
struct irow {
	int item;			/* 0 customer, 1 unmatched_request,
					   2 pending_request, 3 unmatched_shipment */
	const char *key, *name;		/* the customer's group */
	long ci;
	long r;				/* request or shipment index */
	int64_t t;			/* its time, for the order */
};

static const char *const item_names[] = { "customer", "unmatched_request",
    "pending_request", "unmatched_shipment" };

static struct run *sort_run;		/* for cmp_irow */

static int
cmp_irow(const void *pa, const void *pb)
{
	const struct irow *a = pa, *b = pb;
	int c;

	if (a->item != b->item)
		return a->item < b->item ? -1 : 1;
	if ((c = strcmp(a->key, b->key)) != 0)
		return c;
	if (a->ci != b->ci)
		return strcmp(crm_keytab_key(sort_run->keys, a->ci),
		    crm_keytab_key(sort_run->keys, b->ci));
	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	return a->r < b->r ? -1 : a->r > b->r;
}

/* Customer rows: requests and shipments in the window; then the requests
 * of the window no shipment carried (pending while their 7 days reach
 * past the as-of day), and the window's shipments that carried none. */
static void
write_intent(struct run *run, struct out *w)
{
	const struct crm_pulse_opts *o = run->o;
	size_t ncust = crm_keytab_count(run->keys), nrows = 0;
	long *nreq = crm_xmalloc((ncust + 1) * sizeof *nreq);
	long *nship = crm_xmalloc((ncust + 1) * sizeof *nship);
	long *nmatch = crm_xmalloc((ncust + 1) * sizeof *nmatch);
	size_t *rfirst = crm_xmalloc((ncust + 1) * sizeof *rfirst);
	struct irow *rows;
	char period[40];
	size_t i, j;

	period_label(o, period, sizeof period);
	memset(nreq, 0, (ncust + 1) * sizeof *nreq);
	memset(nship, 0, (ncust + 1) * sizeof *nship);
	memset(nmatch, 0, (ncust + 1) * sizeof *nmatch);
	/* each customer's first request (match() sorted them by customer),
	 * or run->nreq: its tracking numbers without a scan of them all */
	for (i = 0; i <= ncust; i++)
		rfirst[i] = run->nreq;
	for (i = run->nreq; i-- > 0;)
		rfirst[run->req[i].ci] = i;
	rows = crm_xmalloc((ncust + run->nreq + run->nship + 1) * sizeof *rows);
	for (i = 0; i < run->nreq; i++) {
		const struct req *q = &run->req[i];

		if (q->day < o->from)
			continue;
		nreq[q->ci]++;
		nmatch[q->ci] += q->match >= 0;
		if (q->match < 0)
			rows[nrows++] = (struct irow){ q->day + MATCH_DAYS >
			    o->as_of ? 2 : 1, NULL, NULL, q->ci, (long)i,
			    q->ts.t };
	}
	for (i = 0; i < run->nship; i++) {
		const struct ship *s = &run->ship[i];

		if (s->day < o->from || s->day > o->to)
			continue;
		nship[s->ci]++;
		if (!s->matched)
			rows[nrows++] = (struct irow){ 3, NULL, NULL, s->ci,
			    (long)i, s->at.t };
	}
	for (i = 0; i < ncust; i++)
		if (nreq[i] > 0 || nship[i] > 0)
			rows[nrows++] = (struct irow){ 0, NULL, NULL, (long)i,
			    -1, 0 };
	for (i = 0; i < nrows; i++)
		rows[i].key = group_key(run, "", rows[i].ci, &rows[i].name);
	sort_run = run;
	crm_sort(rows, nrows, sizeof *rows, cmp_irow);
	for (i = 0; i < nrows; i++) {
		const struct irow *x = &rows[i];
		const struct cust *c = &run->cust[x->ci];
		const char *v[C_N] = { NULL };
		char num[2][32], at[40], *trk = NULL;
		size_t tlen = 0;

		v[C_REPORT] = "intent";
		v[C_PERIOD] = period;
		v[C_GROUP] = x->key;
		v[C_NAME] = x->name;
		v[C_CUST] = crm_keytab_key(run->keys, x->ci);
		v[C_CUST_NAME] = c->name;
		v[C_ITEM] = item_names[x->item];
		if (x->item == 0) {
			snprintf(num[0], sizeof num[0], "%ld", nreq[x->ci]);
			snprintf(num[1], sizeof num[1], "%ld", nship[x->ci]);
			v[C_REQUESTS] = num[0];
			v[C_SHIPMENTS] = num[1];
			v[C_REQUESTED] = nreq[x->ci] > 0 ? "yes" : "no";
			v[C_SHIPPED] = nmatch[x->ci] > 0 ? "yes" : "no";
			v[C_INTENT] = nmatch[x->ci] > 0 ? "yes" : "no";
			/* the tracking numbers of the shipments that carried
			 * the window's requests, in time order, each once */
			trk = crm_xstrdup("");
			for (j = rfirst[x->ci]; j < run->nreq &&
			    run->req[j].ci == x->ci; j++) {
				const struct req *q = &run->req[j];
				const char *tn;

				if (q->day < o->from ||
				    q->match < 0 || (j > 0 && run->req[j - 1].ci
				    == q->ci && run->req[j - 1].match == q->match &&
				    run->req[j - 1].day >= o->from))
					continue;
				tn = run->ship[q->match].tracking;
				if (*tn == '\0')
					continue;
				trk = crm_xrealloc(trk, tlen + strlen(tn) + 3);
				tlen += (size_t)sprintf(trk + tlen, "%s%s",
				    tlen ? "; " : "", tn);
			}
			v[C_TRACKING] = trk;
		} else if (x->item == 3) {
			const struct ship *s = &run->ship[x->r];

			crm_time_format(&s->at, o->tz, at);
			v[C_TRACKING] = s->tracking;
			v[C_RECORD] = s->id;
			v[C_AT] = at;
		} else {
			const struct req *q = &run->req[x->r];

			crm_time_format(&q->ts, o->tz, at);
			v[C_RECORD] = q->id;
			v[C_AT] = at;
		}
		out_row(w, v);
		free(trk);
	}
	free(rows);
	free(nreq);
	free(nship);
	free(nmatch);
	free(rfirst);
}

/* ------------------------------------------------------------------ */

int
crm_pulse_run(const struct crm_pulse_opts *o, FILE *out, struct crm_error *err)
{
	static const enum crm_field creq[] = { CRM_F_CUSTOMER_ID, CRM_F_NONE };
	static const enum crm_field areq[] = { CRM_F_CUSTOMER_ID, CRM_F_TS,
	    CRM_F_NONE };
	static const enum crm_field sreq[] = { CRM_F_SHIPMENT_ID,
	    CRM_F_CUSTOMER_ID, CRM_F_SHIPPED_AT, CRM_F_NONE };
	static const enum crm_field lreq[] = { CRM_F_CUSTOMER_ID, CRM_F_DATE,
	    CRM_F_KIND, CRM_F_AMOUNT, CRM_F_NONE };
	struct run run;
	struct out w;
	bool rejects = false;
	int status = CRM_EXIT_ERROR, rc;

	memset(&run, 0, sizeof run);
	run.o = o;
	run.arena = crm_arena_new();
	run.keys = crm_keytab_new();
	run.seen = crm_keytab_new();
	run.seen_ship = crm_keytab_new();
	run.m_first = month_of(o->from);
	run.nmonths = month_of(o->to) - run.m_first + 1;
	if ((o->reports & CRM_PULSE_CHURN) && o->lost_after == 0 &&
	    o->db == NULL) {
		crm_error_set(err, NULL, 0, 0, "churn from status changes needs "
		    "the store's history (--db FILE); or give --lost-after DAYS "
		    "and a ledger");
		goto out;
	}
	if (o->reps != NULL &&
	    (run.reps = crm_reps_load(o->reps, &o->input, err)) == NULL)
		goto out;
	if (crm_input_all(o->customers, &o->input, creq, customer_record, &run,
	    NULL, &rejects, err) == -1)
		goto out;
	if ((o->reports & CRM_PULSE_CHURN) && o->lost_after > 0 &&
	    crm_input_all(o->ledger, &o->input, lreq, ledger_record, &run,
	    NULL, &rejects, err) == -1)
		goto out;
	if ((o->reports & (CRM_PULSE_LATENCY | CRM_PULSE_INTENT)) &&
	    crm_input_all(o->activities, &o->input, areq, activity_record, &run,
	    NULL, &rejects, err) == -1)
		goto out;
	if ((o->reports & CRM_PULSE_INTENT) &&
	    crm_input_all(o->shipments, &o->input, sreq, shipment_record, &run,
	    NULL, &rejects, err) == -1)
		goto out;
	if (o->reports & CRM_PULSE_CHURN) {
		if (o->lost_after > 0)
			churn_orders(&run);
		else if ((rc = churn_history(&run, err)) != CRM_EXIT_OK) {
			status = rc;
			goto out;
		}
	}
	if (o->reports & CRM_PULSE_INTENT)
		match(&run);

	out_open(&w, o, out);
	if (o->reports & CRM_PULSE_LATENCY)
		write_latency(&run, &w);
	if (o->reports & CRM_PULSE_CHURN)
		write_churn(&run, &w);
	if (o->reports & CRM_PULSE_INTENT)
		write_intent(&run, &w);
	if (out_close(&w) == -1) {
		crm_error_set(err, NULL, 0, 0, "write error on standard output");
		goto out;
	}
	if (run.future > 0)
		crm_warnx("%ld records are dated after the as-of date and were "
		    "ignored", run.future);
	if (run.unknown > 0)
		crm_warnx("%ld rows name a customer missing from the customers "
		    "input or a rep missing from the reps file (e.g. '%s'); "
		    "they are grouped as (unknown)", run.unknown, run.unknown_ex);
	status = rejects ? CRM_EXIT_ERROR : CRM_EXIT_OK;
	if (rejects)
		crm_error_set(err, NULL, 0, 0,
		    "some input records were rejected (see above)");
out:
	for (size_t i = 0; i < crm_keytab_count(run.keys); i++)
		free(run.cust[i].orders);
	free(run.cust);
	free(run.req);
	free(run.ship);
	groups_free(&run.lat);
	groups_free(&run.churn);
	crm_keytab_free(run.keys);
	crm_keytab_free(run.seen);
	crm_keytab_free(run.seen_ship);
	crm_reps_free(run.reps);
	crm_arena_free(run.arena);
	return status;
}
