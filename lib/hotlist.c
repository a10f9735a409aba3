/* hotlist.c - crm-hotlist, the decision heat map (DOMAIN.md): key accounts
 * whose contract ends between tomorrow and --within days and whose
 * competitors were mentioned --mentions times in the last --lookback days. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm.h"
#include "rules.h"

/* Tier spellings of a key account, blanks trimmed, ASCII case folded. */
static const char *const key_tiers[] = { "a", "a类", "a级", "ka", "key",
    "key account", "重点", "重点客户", "大客户", "核心客户", NULL };

bool
crm_tier_is_key(const char *tier)
{
	size_t n = strlen(tier);

	while (n > 0 && (*tier == ' ' || *tier == '\t'))
		tier++, n--;
	while (n > 0 && (tier[n - 1] == ' ' || tier[n - 1] == '\t'))
		n--;
	for (int i = 0; key_tiers[i]; i++)
		if (strlen(key_tiers[i]) == n &&
		    strncasecmp(key_tiers[i], tier, n) == 0)
			return true;
	return false;
}

struct comp {
	char *name;			/* the line as written */
	struct crm_pattern *pat;
};

struct cust {
	const char *id, *name, *region, *rep, *next;	/* in the arena */
	long end;			/* contract_end day */
	bool key;			/* key account with an end in window */
	struct crm_time updated;
	bool has_updated;
	struct crm_time touch;		/* latest activity */
	bool has_touch;
	long mentions;
	const char *names;		/* competitors, "; "-joined, sorted */
};

/* The latest activity of a hot account, merged in input order: the
 * first of the latest times is kept. */
struct htouch {
	int64_t t;
	bool has, has_time;
};

struct run {
	const struct crm_hotlist_opts *o;
	struct crm_arena *arena;
	struct crm_keytab *keys;	/* customer_id -> index */
	struct cust *c;
	size_t cap;
	/* The hot accounts (key accounts whose contract ends in the window):
	 * the only customers whose activities change the output.  Their
	 * table is small, so every activity's lookup in it stays in cache;
	 * other activities only need to know that their customer exists,
	 * which a keyring finds for the counts, out of the way. */
	struct crm_keytab *hot;		/* their customer_ids -> hot index */
	long *hot_ci;			/* hot index -> customer index */
	struct htouch *touch;		/* by hot index */
	struct crm_keytab *acts;	/* activity_ids with a mention seen */
	struct comp *comp;
	size_t ncomp;
	int64_t end;			/* end of the as-of day */
	bool rejects;
};

/* --jobs: a part of the activities.  It keeps its hot accounts' latest
 * activities, the recent activities of hot accounts with what they
 * mention, in input order (few: the hot accounts' last --lookback days),
 * and counts the activities of customers not in the customers file.  The
 * merge judges the kept activities' duplicates in input order, so the
 * answer is one thread's. */
struct mention {
	const char *id;			/* activity_id, "" for none */
	long hot;			/* hot index */
	const char *comp;		/* the competitor field, trimmed */
	size_t pats, npats;		/* the patterns matched: their indexes
					   in the part's pidx[pats..+npats) */
};

struct part {
	struct run *run;
	struct htouch *touch;		/* by hot index */
	struct crm_keyring ring;	/* the other activities' customer ids */
	long unknown;			/* of them, not in the customers file */
	struct mention *m;
	size_t nm, capm;
	struct crm_arena *arena;	/* the mentions' strings */
	struct crm_pattern **pat;	/* this part's copies of run->comp's */
	size_t *pidx;			/* indexes of patterns matched */
	size_t npidx, cappidx;
};

static const char *
keep(struct run *run, const char *s)
{
	return crm_arena_strndup(run->arena, s ? s : "", s ? strlen(s) : 0);
}

/* Read the competitors file: one pattern per line, '#' comments. */
static int
load_comp(struct run *run, const char *path, struct crm_error *err)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	int rc = 0;

	if (fp == NULL) {
		crm_error_set(err, name, 0, 0, "%s", strerror(errno));
		return -1;
	}
	while ((len = getline(&line, &cap, fp)) != -1) {
		struct crm_error perr = CRM_ERROR_INIT;
		char *s = line;

		lineno++;
		if (lineno == 1 && strncmp(s, "\xef\xbb\xbf", 3) == 0)
			s += 3;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'
		    || line[len - 1] == ' '))
			line[--len] = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || *s == '#')
			continue;
		run->comp = crm_xrealloc(run->comp, (run->ncomp + 1) *
		    sizeof *run->comp);
		if ((run->comp[run->ncomp].pat = crm_pattern_new(s, true,
		    &perr)) == NULL) {
			crm_error_set(err, name, lineno, 0, "%s", perr.msg);
			rc = -1;
			break;
		}
		run->comp[run->ncomp++].name = crm_xstrdup(s);
	}
	if (rc == 0 && ferror(fp)) {
		crm_error_set(err, name, 0, 0, "%s", strerror(errno));
		rc = -1;
	}
	free(line);
	if (fp != stdin)
		fclose(fp);
	return rc;
}

static int
customer_record(struct crm_reader *r, const struct crm_record *rec, void *ctx,
    struct crm_error *err)
{
	struct run *run = ctx;
	const struct crm_hotlist_opts *o = run->o;
	struct crm_customer cu;
	struct cust *e;
	bool existed;
	long i;

	if (crm_customer_from_record(r, rec, o->tz, &cu, err) == -1)
		return CRM_REC_REJECT;
	if ((i = crm_keytab_add(run->keys, cu.customer_id, &existed)) == -1) {
		crm_error_set(err, NULL, 0, 0, "too many customers");
		return CRM_REC_FATAL;
	}
	if ((size_t)i >= run->cap) {
		run->cap = run->cap ? run->cap * 2 : 256;
		run->c = crm_xrealloc(run->c, run->cap * sizeof *run->c);
	}
	e = &run->c[i];
	if (!existed) {
		memset(e, 0, sizeof *e);
		e->id = crm_keytab_key(run->keys, i);
		e->names = "";
		e->end = LONG_MIN;
	}
	/* a later row's non-empty fields win */
	if (!existed || *cu.name)
		e->name = keep(run, cu.name);
	if (!existed || *cu.region)
		e->region = keep(run, cu.region);
	if (!existed || *cu.rep_id)
		e->rep = keep(run, cu.rep_id);
	if (!existed || *cu.next_action)
		e->next = keep(run, cu.next_action);
	if (!existed || *cu.tier || cu.has_contract_end) {
		if (cu.has_contract_end)
			e->end = cu.contract_end;
		if (*cu.tier || !existed)
			e->key = crm_tier_is_key(cu.tier);
	}
	if (cu.has_updated && crm_time_day(cu.updated.t, o->tz) <= o->as_of &&
	    (!e->has_updated || cu.updated.t > e->updated.t)) {
		e->updated = cu.updated;
		e->has_updated = true;
	}
	return existed ? CRM_REC_MERGED : CRM_REC_USED;
}

static bool
in_window(const struct cust *e, const struct crm_hotlist_opts *o)
{
	return e->key && e->end != LONG_MIN && e->end >= o->as_of + 1 &&
	    e->end <= o->as_of + o->within;
}

/* Add name to e's sorted, "; "-joined list unless it is there. */
static void
add_name(struct run *run, struct cust *e, const char *name)
{
	size_t n = strlen(e->names), k = strlen(name), cnt = 1;
	const char **parts;
	char *copy, *p, *out;
	size_t i, j, len = 0;

	if (k == 0)
		return;
	copy = crm_xmalloc(n + 1);
	memcpy(copy, e->names, n + 1);
	for (p = copy; *p; p++)
		cnt += p[0] == ';' && p[1] == ' ';
	parts = crm_xmalloc((cnt + 1) * sizeof *parts);
	i = 0;
	if (n > 0) {
		parts[i++] = copy;
		for (p = copy; *p; p++)
			if (p[0] == ';' && p[1] == ' ') {
				*p = '\0';
				parts[i++] = p + 2;
				p++;
			}
	}
	for (j = 0; j < i; j++)
		if (strcmp(parts[j], name) == 0)
			break;
	if (j == i) {
		for (j = i; j > 0 && strcmp(parts[j - 1], name) > 0; j--)
			parts[j] = parts[j - 1];
		parts[j] = name;
		i++;
		out = crm_xmalloc(n + k + 3);
		for (j = 0; j < i; j++)
			len += (size_t)sprintf(out + len, "%s%s", j ? "; " : "",
			    parts[j]);
		e->names = keep(run, out);
		free(out);
	}
	free(parts);
	free(copy);
}

static void
count_unknown(void *ctx, const struct crm_keyring_entry *e)
{
	struct part *p = ctx;

	p->unknown += e->idx == -1;
}

static void *
part_new(void *ctx)
{
	struct run *run = ctx;
	struct part *p = crm_xmalloc(sizeof *p);
	size_t nhot = crm_keytab_count(run->hot);

	memset(p, 0, sizeof *p);
	p->run = run;
	p->touch = crm_xmalloc((nhot + 1) * sizeof *p->touch);
	memset(p->touch, 0, (nhot + 1) * sizeof *p->touch);
	crm_keyring_init(&p->ring, run->keys, count_unknown, p, NULL, 0);
	p->arena = crm_arena_new();
	p->pat = crm_xmalloc((run->ncomp + 1) * sizeof *p->pat);
	for (size_t k = 0; k < run->ncomp; k++)
		p->pat[k] = crm_pattern_dup(run->comp[k].pat);
	return p;
}

static void
part_free(void *ctx, void *part)
{
	struct run *run = ctx;
	struct part *p = part;

	for (size_t k = 0; k < run->ncomp; k++)
		crm_pattern_free(p->pat[k]);
	free(p->pat);
	free(p->pidx);
	free(p->touch);
	free(p->m);
	crm_arena_free(p->arena);
	free(p);
}

/* The activities counted as used whose customer turned out unknown. */
static long
part_end(void *ctx, void *part)
{
	struct part *p = part;

	(void)ctx;
	crm_keyring_flush(&p->ring);
	return p->unknown;
}

static int
part_merge(void *ctx, void *part, struct crm_counts *c, struct crm_error *err)
{
	struct run *run = ctx;
	struct part *p = part;
	size_t nhot = crm_keytab_count(run->hot);
	bool existed;

	(void)err;
	for (size_t i = 0; i < nhot; i++)
		if (p->touch[i].has && (!run->touch[i].has ||
		    p->touch[i].t > run->touch[i].t))
			run->touch[i] = p->touch[i];
	for (size_t i = 0; i < p->nm; i++) {
		const struct mention *m = &p->m[i];
		struct cust *e = &run->c[run->hot_ci[m->hot]];

		/* a copy of an activity that counts mentions is merged; the
		 * latest touch is a maximum, which a copy leaves as it is,
		 * so only these few ids are remembered: memory follows the
		 * hot accounts' recent activities, not every activity */
		if (*m->id) {
			crm_keytab_add(run->acts, m->id, &existed);
			if (existed) {
				crm_counts_move(c, CRM_REC_MERGED);
				continue;
			}
		}
		add_name(run, e, m->comp);
		for (size_t k = 0; k < m->npats; k++)
			add_name(run, e, run->comp[p->pidx[m->pats + k]].name);
		e->mentions += *m->comp != '\0' || m->npats > 0;
	}
	return 0;
}

/* One activity into a part.  A rejected activity changes nothing. */
static int
activity_record(struct crm_reader *r, const struct crm_record *rec,
    void *ctx, struct crm_error *err)
{
	struct part *p = ctx;
	const struct run *run = p->run;
	const struct crm_hotlist_opts *o = run->o;
	struct crm_activity a;
	struct htouch *x;
	struct mention *m;
	size_t first, len;
	uint64_t h;
	long hi;
	const char *comp;

	if (crm_activity_from_record(r, rec, o->tz, &a, err) == -1)
		return CRM_REC_REJECT;
	if (a.ts.t >= run->end)
		return CRM_REC_IGNORED;
	len = strlen(a.customer_id);
	h = crm_keytab_hash(a.customer_id, len);
	hi = crm_keytab_count(run->hot) == 0 ? -1 :
	    crm_keytab_find_hashed(run->hot, a.customer_id, len, h);
	if (hi == -1) {
		/* used, unless part_end finds the customer unknown */
		crm_keyring_push(&p->ring, a.customer_id, len, h, 0, 0);
		return CRM_REC_USED;
	}
	if (crm_time_day(a.ts.t, o->tz) >= o->as_of - o->lookback) {
		first = p->npidx;
		for (size_t k = 0; k < run->ncomp && *a.note; k++) {
			struct crm_error merr = CRM_ERROR_INIT;
			int rc = crm_pattern_match(p->pat[k], a.note,
			    strlen(a.note), &merr);

			if (rc == -1) {
				crm_error_set(err, NULL, 0, 0, "field 'note': "
				    "competitor '%s': %s", run->comp[k].name,
				    merr.msg);
				p->npidx = first;
				return CRM_REC_REJECT;
			}
			if (rc != 1)
				continue;
			if (p->npidx == p->cappidx) {
				p->cappidx = p->cappidx ? p->cappidx * 2 : 64;
				p->pidx = crm_xrealloc(p->pidx, p->cappidx *
				    sizeof *p->pidx);
			}
			p->pidx[p->npidx++] = k;
		}
		if (p->nm == p->capm) {
			p->capm = p->capm ? p->capm * 2 : 64;
			p->m = crm_xrealloc(p->m, p->capm * sizeof *p->m);
		}
		m = &p->m[p->nm++];
		m->id = crm_arena_strndup(p->arena, a.activity_id,
		    strlen(a.activity_id));
		m->hot = hi;
		len = strlen(a.competitor);
		comp = a.competitor;
		while (len > 0 && (*comp == ' ' || *comp == '\t'))
			comp++, len--;
		while (len > 0 && (comp[len - 1] == ' ' ||
		    comp[len - 1] == '\t'))
			len--;
		m->comp = crm_arena_strndup(p->arena, comp, len);
		m->pats = first;
		m->npats = p->npidx - first;
	}
	x = &p->touch[hi];
	if (!x->has || a.ts.t > x->t) {
		x->t = a.ts.t;
		x->has = true;
		x->has_time = a.ts.has_time;
	}
	return CRM_REC_USED;
}

static const struct crm_par_ops activity_ops = {
	part_new, activity_record, part_end, NULL, part_free, NULL, part_merge,
	NULL, NULL
};

static int
cmp_rows(const void *pa, const void *pb)
{
	const struct cust *a = *(const struct cust *const *)pa;
	const struct cust *b = *(const struct cust *const *)pb;

	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	if (a->mentions != b->mentions)
		return a->mentions > b->mentions ? -1 : 1;
	return strcmp(a->id, b->id);
}

static int
write_rows(struct run *run, const struct cust **rows, size_t n, FILE *out)
{
	static const char *const names[] = { "customer_id", "name", "region",
	    "rep_id", "contract_end", "days_left", "mentions", "competitors",
	    "last_touch", "next_action" };
	static const enum crm_coltype types[] = { CRM_COL_STR, CRM_COL_STR,
	    CRM_COL_STR, CRM_COL_STR, CRM_COL_STR, CRM_COL_INT, CRM_COL_INT,
	    CRM_COL_STR, CRM_COL_STR, CRM_COL_STR };
	struct crm_writer *w = crm_writer_new(out, &run->o->out, names, types,
	    10);
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		const struct cust *e = rows[i];
		char end[16], left[24], men[24], last[16] = "";
		const struct crm_time *t = NULL;
		const char *v[10];

		crm_date_format(e->end, end);
		snprintf(left, sizeof left, "%ld", e->end - run->o->as_of);
		snprintf(men, sizeof men, "%ld", e->mentions);
		if (e->has_touch)
			t = &e->touch;
		if (e->has_updated && (t == NULL || e->updated.t > t->t))
			t = &e->updated;
		if (t != NULL)
			crm_date_format(crm_time_day(t->t, run->o->tz), last);
		v[0] = e->id;
		v[1] = e->name;
		v[2] = e->region;
		v[3] = e->rep;
		v[4] = end;
		v[5] = left;
		v[6] = men;
		v[7] = e->names;
		v[8] = t ? last : NULL;
		v[9] = e->next;
		rc = crm_writer_row(w, v);
	}
	if (crm_writer_close(w) == -1)
		rc = -1;
	return rc;
}

/* The days-left buckets of the heat map. */
static const struct {
	long lo, hi;
	const char *name;
} buckets[] = {
	{ 1, 1, "days_1" }, { 2, 3, "days_2_3" }, { 4, 7, "days_4_7" },
	{ 8, 14, "days_8_14" }, { 15, 30, "days_15_30" },
	{ 31, 36500, "days_over_30" },
};
#define NBUCKETS (sizeof buckets / sizeof buckets[0])

static int
cmp_region(const void *pa, const void *pb)
{
	const struct cust *a = *(const struct cust *const *)pa;
	const struct cust *b = *(const struct cust *const *)pb;
	const char *ra = *a->region ? a->region : "(none)";
	const char *rb = *b->region ? b->region : "(none)";

	return strcmp(ra, rb);
}

static int
write_regions(struct run *run, const struct cust **rows, size_t n, FILE *out)
{
	const char *names[NBUCKETS + 2];
	enum crm_coltype types[NBUCKETS + 2];
	size_t nb = 0, i, j;
	long cnt[NBUCKETS + 1], tot[NBUCKETS + 1];
	struct crm_writer *w;
	int rc = 0;

	names[0] = "region", types[0] = CRM_COL_STR;
	names[1] = "accounts", types[1] = CRM_COL_INT;
	for (i = 0; i < NBUCKETS && buckets[i].lo <= run->o->within; i++) {
		names[2 + i] = buckets[i].name;
		types[2 + i] = CRM_COL_INT;
		nb++;
	}
	crm_sort(rows, n, sizeof *rows, cmp_region);
	w = crm_writer_new(out, &run->o->out, names, types, nb + 2);
	memset(tot, 0, sizeof tot);
	for (i = 0; i <= n && rc == 0; i = j) {
		char num[NBUCKETS + 1][24];
		const char *v[NBUCKETS + 2];
		const char *region = i < n ? (*rows[i]->region ?
		    rows[i]->region : "(none)") : "(total)";

		memset(cnt, 0, sizeof cnt);
		for (j = i; j < n && cmp_region(&rows[i], &rows[j]) == 0; j++) {
			long left = rows[j]->end - run->o->as_of;

			cnt[0]++, tot[0]++;
			for (size_t b = 0; b < nb; b++)
				if (left >= buckets[b].lo && left <= buckets[b].hi)
					cnt[1 + b]++, tot[1 + b]++;
		}
		if (i == n) {
			memcpy(cnt, tot, sizeof cnt);
			j = n + 1;
		}
		v[0] = region;
		for (size_t b = 0; b <= nb; b++) {
			snprintf(num[b], sizeof num[b], "%ld", cnt[b]);
			v[1 + b] = num[b];
		}
		rc = crm_writer_row(w, v);
	}
	if (crm_writer_close(w) == -1)
		rc = -1;
	return rc;
}

int
crm_hotlist_run(const struct crm_hotlist_opts *o, FILE *out,
    struct crm_error *err)
{
	static const enum crm_field creq[] = { CRM_F_CUSTOMER_ID, CRM_F_NONE };
	static const enum crm_field areq[] = { CRM_F_CUSTOMER_ID, CRM_F_TS,
	    CRM_F_NONE };
	struct run run;
	struct crm_time epoch;
	const struct cust **rows = NULL;
	size_t n = 0, nc, nhot;
	int status = CRM_EXIT_ERROR;

	memset(&run, 0, sizeof run);
	run.o = o;
	run.arena = crm_arena_new();
	run.keys = crm_keytab_new();
	run.hot = crm_keytab_new();
	run.acts = crm_keytab_new();
	if (crm_time_parse("1970-01-01", o->tz, &epoch) == -1)
		goto out;
	run.end = epoch.t + (int64_t)(o->as_of + 1) * 86400;
	if (o->competitors != NULL && load_comp(&run, o->competitors, err) == -1)
		goto out;
	if (crm_input_all(o->customers, &o->input, creq, customer_record, &run,
	    NULL, &run.rejects, err) == -1)
		goto out;
	nc = crm_keytab_count(run.keys);
	run.hot_ci = crm_xmalloc((nc + 1) * sizeof *run.hot_ci);
	for (size_t i = 0; i < nc; i++) {
		bool existed;

		if (in_window(&run.c[i], o))
			run.hot_ci[crm_keytab_add(run.hot, run.c[i].id,
			    &existed)] = (long)i;
	}
	nhot = crm_keytab_count(run.hot);
	run.touch = crm_xmalloc((nhot + 1) * sizeof *run.touch);
	memset(run.touch, 0, (nhot + 1) * sizeof *run.touch);
	if (crm_input_all_par(o->activities, &o->input, areq, &activity_ops,
	    &run, &run.rejects, err) == -1)
		goto out;
	for (size_t i = 0; i < nhot; i++) {
		struct cust *e = &run.c[run.hot_ci[i]];

		e->has_touch = run.touch[i].has;
		e->touch.t = run.touch[i].t;
		e->touch.has_time = run.touch[i].has_time;
	}
	rows = crm_xmalloc((nc + 1) * sizeof *rows);
	for (size_t i = 0; i < nc; i++)
		if (in_window(&run.c[i], o) && run.c[i].mentions >= o->mentions)
			rows[n++] = &run.c[i];
	crm_sort(rows, n, sizeof *rows, cmp_rows);
	if ((o->by_region ? write_regions(&run, rows, n, out) :
	    write_rows(&run, rows, n, out)) == -1) {
		crm_error_set(err, NULL, 0, 0, "write error on standard output");
		goto out;
	}
	if (run.rejects) {
		crm_error_set(err, NULL, 0, 0,
		    "some input records were rejected (see above)");
		goto out;
	}
	status = CRM_EXIT_OK;
out:
	free(rows);
	for (size_t i = 0; i < run.ncomp; i++) {
		free(run.comp[i].name);
		crm_pattern_free(run.comp[i].pat);
	}
	free(run.comp);
	free(run.c);
	crm_keytab_free(run.keys);
	crm_keytab_free(run.hot);
	free(run.hot_ci);
	free(run.touch);
	crm_keytab_free(run.acts);
	crm_arena_free(run.arena);
	return status;
}
