/* health.c - crm-health: the four checks of the management health
 * self-test (DOMAIN.md), per group and overall, their thresholds, and the
 * health_runs history in the store; see crm-health(1).
 *
 * Customers stream through crm-stale's own freshness (crm_stale_each), so
 * days_since means the same in both tools.  Tasks, policy receipts and
 * decisions are kept (one compact row per key, a later duplicate replacing
 * an earlier one as the store does) and judged when all are read. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "health.h"
#include "pulse.h"

enum { CHECK_FRESH, CHECK_TASK, CHECK_SYNC, CHECK_BASIS, NCHECKS };

static const char *const check_names[NCHECKS] = {
	"freshness", "task_closure", "policy_sync", "decision_basis"
};

/* ------------------------------------------------------------------ */
/* Thresholds */

/* One key of the thresholds file. */
struct tkey {
	const char *section;		/* the check: "freshness", ... */
	const char *key;		/* "healthy_pct", ... */
	size_t off;			/* of the long in the struct */
	bool pct;			/* a percent (tenths held), else whole */
	long min, max;			/* whole numbers: the range allowed */
	long def;			/* built-in value (tenths for pct) */
};

#define OFF(f) offsetof(struct crm_health_thresholds, f)
/* share/thresholds.json says the same (t/6040-health-thresholds.t checks
 * that they agree). */
static const struct tkey tkeys[] = {
	{ "freshness", "healthy_pct", OFF(fresh_healthy_pct), true, 0, 0, 850 },
	{ "freshness", "healthy_days", OFF(fresh_healthy_days), false, 0, 36500, 30 },
	{ "freshness", "risk_pct", OFF(fresh_risk_pct), true, 0, 0, 400 },
	{ "freshness", "risk_days", OFF(fresh_risk_days), false, 0, 36500, 60 },
	{ "task_closure", "healthy_pct", OFF(task_healthy_pct), true, 0, 0, 900 },
	{ "task_closure", "risk_pct", OFF(task_risk_pct), true, 0, 0, 300 },
	{ "policy_sync", "healthy_pct", OFF(sync_healthy_pct), true, 0, 0, 950 },
	{ "policy_sync", "within_minutes", OFF(sync_within_minutes), false, 0,
	    43200, 120 },
	{ "policy_sync", "risk_readings", OFF(sync_risk_readings), false, 2,
	    1000, 3 },
	{ "decision_basis", "healthy_pct", OFF(basis_healthy_pct), true, 0, 0, 700 },
	{ "decision_basis", "risk_pct", OFF(basis_risk_pct), true, 0, 0, 500 },
};
#undef OFF
#define NTKEYS (sizeof tkeys / sizeof tkeys[0])

/* The threshold a key stands for in *t. */
static long *
tfield(struct crm_health_thresholds *t, const struct tkey *k)
{
	return (long *)(void *)((char *)t + k->off);
}

/* DOMAIN.md's thresholds, from the table above. */
void
crm_health_thresholds_default(struct crm_health_thresholds *t)
{
	size_t i;

	memset(t, 0, sizeof *t);
	for (i = 0; i < NTKEYS; i++)
		*tfield(t, &tkeys[i]) = tkeys[i].def;
}

/* A JSON value as text for a message, cut short.  buf has len bytes. */
static void
json_text(const json_t *v, char *buf, size_t len)
{
	char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);

	if (s == NULL) {
		snprintf(buf, len, "?");
		return;
	}
	if (strlen(s) > 40)
		snprintf(buf, len, "%.40s...", s);
	else
		snprintf(buf, len, "%s", s);
	free(s);
}

/* Check value v of key k and convert it (tenths for a percent).  Returns
 * 0 with *out set, or -1 with *err set. */
static int
tvalue(const char *name, const struct tkey *k, const json_t *v, long *out,
    struct crm_error *err)
{
	char shown[64];
	double d, scaled;
	long x;

	json_text(v, shown, sizeof shown);
	if (!json_is_number(v)) {
		crm_error_set(err, name, 0, 0, "'%s.%s': expected a number, "
		    "got %s", k->section, k->key, shown);
		return -1;
	}
	d = json_number_value(v);
	if (k->pct) {
		if (!(d >= 0 && d <= 100)) {
			crm_error_set(err, name, 0, 0, "'%s.%s': expected a "
			    "percent from 0 to 100, got %s", k->section, k->key,
			    shown);
			return -1;
		}
		scaled = d * 10;
		x = (long)(scaled + 0.5);
		if (scaled - (double)x > 1e-6 || (double)x - scaled > 1e-6) {
			crm_error_set(err, name, 0, 0, "'%s.%s': at most one "
			    "decimal, got %s", k->section, k->key, shown);
			return -1;
		}
	} else {
		if (!(d >= (double)k->min && d <= (double)k->max) ||
		    (double)(x = (long)d) != d) {
			crm_error_set(err, name, 0, 0, "'%s.%s': expected a whole "
			    "number from %ld to %ld, got %s", k->section, k->key,
			    k->min, k->max, shown);
			return -1;
		}
	}
	*out = x;
	return 0;
}

/* jansson checks the syntax and duplicate keys; then every key is looked
 * up in the table above and its value checked, into a copy of *t that
 * replaces it only when all is well. */
int
crm_health_thresholds_parse(const char *name, const char *buf, size_t len,
    struct crm_health_thresholds *t, struct crm_error *err)
{
	struct crm_health_thresholds n = *t;
	json_error_t jerr;
	json_t *doc, *sec, *v;
	const char *skey, *key;
	size_t i;
	int rc = -1;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		buf += 3, len -= 3;
	doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (doc == NULL) {
		crm_error_set(err, name, jerr.line, jerr.column, "%s", jerr.text);
		return -1;
	}
	if (!json_is_object(doc)) {
		crm_error_set(err, name, 0, 0, "expected a JSON object "
		    "{\"freshness\": {\"healthy_pct\": 85, ...}, ...}");
		goto out;
	}
	json_object_foreach(doc, skey, sec) {
		for (i = 0; i < NTKEYS; i++)
			if (strcmp(tkeys[i].section, skey) == 0)
				break;
		if (i == NTKEYS) {
			crm_error_set(err, name, 0, 0, "unknown key '%s' (expected "
			    "freshness, task_closure, policy_sync or "
			    "decision_basis)", skey);
			goto out;
		}
		if (!json_is_object(sec)) {
			crm_error_set(err, name, 0, 0, "'%s': expected an object",
			    skey);
			goto out;
		}
		json_object_foreach(sec, key, v) {
			for (i = 0; i < NTKEYS; i++)
				if (strcmp(tkeys[i].section, skey) == 0 &&
				    strcmp(tkeys[i].key, key) == 0)
					break;
			if (i == NTKEYS) {
				crm_error_set(err, name, 0, 0,
				    "unknown key '%s.%s'", skey, key);
				goto out;
			}
			if (tvalue(name, &tkeys[i], v, tfield(&n, &tkeys[i]),
			    err) == -1)
				goto out;
		}
	}
	*t = n;
	rc = 0;
out:
	json_decref(doc);
	return rc;
}

/* Largest thresholds file read: they are a dozen lines. */
#define THRESHOLDS_MAX_BYTES (1 << 20)

/* Slurp the file (at most 1 MiB) and parse it. */
int
crm_health_thresholds_load(const char *path, struct crm_health_thresholds *t,
    struct crm_error *err)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);
	size_t n = 0;
	ssize_t k = 0;
	char *buf;
	int rc;

	if (fd == -1) {
		crm_error_set(err, name, 0, 0, "%s", strerror(errno));
		return -1;
	}
	buf = crm_xmalloc(THRESHOLDS_MAX_BYTES + 1);
	while (n <= THRESHOLDS_MAX_BYTES &&
	    (k = read(fd, buf + n, THRESHOLDS_MAX_BYTES + 1 - n)) > 0)
		n += (size_t)k;
	if (k == -1 || n > THRESHOLDS_MAX_BYTES) {
		crm_error_set(err, name, 0, 0, "%s", k == -1 ? strerror(errno) :
		    "a thresholds file larger than 1 MiB");
		rc = -1;
	} else {
		rc = crm_health_thresholds_parse(name, buf, n, t, err);
	}
	if (fd != 0)
		close(fd);
	free(buf);
	return rc;
}

/* The verdict's name as the output writes it. */
const char *
crm_verdict_name(enum crm_verdict v)
{
	switch (v) {
	case CRM_VERDICT_HEALTHY:
		return "healthy";
	case CRM_VERDICT_WATCH:
		return "watch";
	case CRM_VERDICT_RISK:
		return "risk";
	default:
		return "no-data";
	}
}

/* ------------------------------------------------------------------ */
/* The run */

/* What was counted for a group (or for everyone). */
struct tally {
	long fresh_n;			/* customers */
	long fresh_touched;		/* days_since <= healthy_days */
	long fresh_untouched;		/* never, or days_since > risk_days */
	long fresh_never;		/* of them, never touched */
	long task_n;			/* tasks due in the window */
	long task_ontime;		/* closed on time with evidence */
	long task_chased;		/* reminders > 0 */
	long sync_n;			/* receipts published in the window */
	long sync_within;		/* received within the limit */
	long sync_unreceived;		/* no received_at */
	long sync_max;			/* most readings of one policy */
	const char *sync_max_policy;	/* that policy (least id on a tie),
					   borrowed from run->policies */
	long basis_n;			/* decisions made in the window */
	long basis_good;		/* on dashboard or data */
	long basis_exp;			/* on experience */
};

/* A group: a region or a manager. */
struct group {
	const char *key;		/* borrowed from run->groups */
	const char *name;		/* manager's name, "" (in the arena) */
	struct tally t;			/* its counts */
};

/* A task, as much of it as the check needs. */
struct task_row {
	const char *assignee;		/* in the arena */
	struct crm_time due;		/* deadline */
	struct crm_time done;		/* done_at, when has_done */
	bool has_done;			/* done_at was given */
	bool has_evidence;		/* evidence not blank */
	long reminders;			/* times chased */
};

/* A policy receipt. */
struct receipt_row {
	const char *policy;		/* policy_id, in the arena */
	const char *region;		/* "" when absent, in the arena */
	const char *rep;		/* rep_id, "" when absent, in the arena */
	const char *reading;		/* interpretation, blanks trimmed */
	struct crm_time published;	/* published_at */
	struct crm_time received;	/* received_at, when has_received */
	bool has_received;		/* received_at was given */
};

/* A decision. */
struct decision_row {
	const char *maker;		/* maker_id, "" when absent */
	struct crm_time made;		/* made_at */
	enum crm_basis basis;		/* what it rests on */
};

/* A growable array of rows indexed like a key table. */
struct rows {
	struct crm_keytab *keys;	/* natural key -> index */
	void *v;			/* the rows */
	size_t size, cap;		/* of one row; rows allocated */
};

/* The threshold texts, the same for every group. */
struct texts {
	char healthy[NCHECKS][96];	/* ">=85.0% touched in 30 days" */
	char risk[NCHECKS][96];		/* ">40.0% untouched over 60 days" */
	char within[32];		/* "2 hours" */
	char window[32];		/* "30 days" */
};

/* One run of crm-health: everything read, and the groups. */
struct run {
	const struct crm_health_opts *o; /* the options */
	const struct crm_reps *reps;	/* for --by; may be NULL */
	struct crm_arena *arena;	/* the rows' strings */
	struct crm_keytab *groups;	/* group key -> index into g */
	struct group *g;		/* by index */
	size_t gcap;			/* allocated in g */
	struct tally total;		/* everyone */
	long unknown;			/* records grouped as (unknown) */
	struct rows tasks;		/* struct task_row by task_id */
	struct rows receipts;		/* struct receipt_row by policy,
					   region and rep */
	struct rows decisions;		/* struct decision_row by id */
	struct crm_keytab *readings;	/* group, policy and reading seen */
	struct crm_keytab *policies;	/* group and policy -> index of nread */
	long *nread;			/* different readings per policy */
	size_t ncap;			/* allocated in nread */
	long from;			/* first day of the window */
	char *key;			/* scratch for building keys */
	size_t keycap;			/* its size */
	struct texts texts;		/* the output rows point into it */
};

/* Copy s into the run's arena.  Can't fail. */
static const char *
keep(struct run *run, const char *s)
{
	return crm_arena_strndup(run->arena, s ? s : "", s ? strlen(s) : 0);
}

/* Whether s starts with the ideographic space U+3000 (never reads past
 * the NUL). */
static bool
ideographic_space(const char *s)
{
	return s[0] == '\xE3' && s[1] == '\x80' && s[2] == '\x80';
}

/* Whether s is empty or only blanks (ASCII, or U+3000). */
static bool
blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || ideographic_space(s))
		s += *s == ' ' || *s == '\t' ? 1 : 3;
	return *s == '\0';
}

/* A copy of s in the arena without the blanks around it. */
static const char *
keep_trimmed(struct run *run, const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t' || ideographic_space(s))
		s += *s == ' ' || *s == '\t' ? 1 : 3;
	n = strlen(s);
	for (;;) {
		if (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		else if (n >= 3 && memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0)
			n -= 3;
		else
			break;
	}
	return crm_arena_strndup(run->arena, s, n);
}

/* Build a key from parts in run->key: each part but the last with its
 * length in front, so that no two lists of parts give the same key.
 * Returns the borrowed key, valid until the next call. */
static const char *
make_key(struct run *run, long g, const char *a, const char *b, const char *c)
{
	size_t need = strlen(a) + strlen(b) + (c ? strlen(c) : 0) + 80;

	if (need > run->keycap) {
		run->keycap = need * 2;
		run->key = crm_xrealloc(run->key, run->keycap);
	}
	if (c != NULL)
		snprintf(run->key, run->keycap, "%ld/%zu/%s%zu/%s%s", g,
		    strlen(a), a, strlen(b), b, c);
	else
		snprintf(run->key, run->keycap, "%ld/%zu/%s%s", g, strlen(a), a,
		    b);
	return run->key;
}

/* The row for key in rows, added when new (zeroed); *existed says which. */
static void *
row_for(struct rows *rows, const char *key, bool *existed)
{
	long i = crm_keytab_add(rows->keys, key, existed);

	if (i == -1)
		return NULL;
	if ((size_t)i >= rows->cap) {
		rows->cap = rows->cap ? rows->cap * 2 : 256;
		rows->v = crm_xrealloc(rows->v, rows->cap * rows->size);
	}
	if (!*existed)
		memset((char *)rows->v + (size_t)i * rows->size, 0, rows->size);
	return (char *)rows->v + (size_t)i * rows->size;
}

/* Whether t's day in the team zone is in the window. */
static bool
in_window(const struct run *run, const struct crm_time *t)
{
	long day = crm_time_day(t->t, run->o->tz);

	return day >= run->from && day <= run->o->as_of;
}

/* The group of a record, by its own region or by a rep (rep_region: the
 * rep's region from the reps table), added when new.  Returns its index
 * in run->g, or -1 when the run is not grouped. */
static long
group_of(struct run *run, const char *region, const char *rep_id,
    bool rep_region)
{
	const struct crm_rep *rep = NULL;
	const char *key, *name = "";
	bool existed;
	long i;

	if (run->o->by == CRM_BY_NONE)
		return -1;
	if (run->o->by == CRM_BY_REGION && !rep_region) {
		key = *region ? region : "(none)";
	} else if (*rep_id == '\0') {
		key = "(none)";
	} else if ((rep = crm_reps_get(run->reps, rep_id)) == NULL) {
		key = "(unknown)";
	} else if (run->o->by == CRM_BY_REGION) {
		key = *rep->region ? rep->region : "(none)";
	} else if (*rep->manager_id == '\0') {
		key = "(none)";
	} else if ((rep = crm_reps_get(run->reps, rep->manager_id)) == NULL) {
		key = "(unknown)";
	} else {
		key = rep->rep_id;
		name = rep->name;
	}
	if (strcmp(key, "(unknown)") == 0)
		run->unknown++;
	i = crm_keytab_add(run->groups, key, &existed);
	if (i == -1)
		abort();		/* past 4 billion groups */
	if (!existed) {
		if ((size_t)i >= run->gcap) {
			run->gcap = run->gcap ? run->gcap * 2 : 16;
			run->g = crm_xrealloc(run->g, run->gcap * sizeof *run->g);
		}
		memset(&run->g[i], 0, sizeof run->g[i]);
		run->g[i].key = crm_keytab_key(run->groups, i);
		run->g[i].name = keep(run, name);
	}
	return i;
}

/* Count one customer's freshness into t. */
static void
add_fresh(struct tally *t, const struct crm_freshness *f,
    const struct crm_health_thresholds *thr)
{
	t->fresh_n++;
	if (!f->never && f->days <= thr->fresh_healthy_days)
		t->fresh_touched++;
	if (f->never || f->days > thr->fresh_risk_days)
		t->fresh_untouched++;
	if (f->never)
		t->fresh_never++;
}

/* crm_stale_each's callback: one customer into the tallies. */
static int
fresh_cb(const struct crm_freshness *f, void *ctx, struct crm_error *err)
{
	struct run *run = ctx;
	long g = group_of(run, f->region, f->rep_id, false);

	(void)err;
	add_fresh(&run->total, f, &run->o->thr);
	if (g >= 0)
		add_fresh(&run->g[g].t, f, &run->o->thr);
	return 0;
}

/* A task record: kept by task_id, a later one replacing it. */
static int
task_record(struct crm_reader *r, const struct crm_record *rec, void *ctx,
    struct crm_error *err)
{
	struct run *run = ctx;
	struct crm_task t;
	struct task_row *row;
	bool existed;

	if (crm_task_from_record(r, rec, run->o->tz, &t, err) == -1)
		return CRM_REC_REJECT;
	if ((row = row_for(&run->tasks, t.task_id, &existed)) == NULL) {
		crm_error_set(err, NULL, 0, 0, "too many tasks");
		return CRM_REC_FATAL;
	}
	row->assignee = keep(run, t.assignee_id);
	row->due = t.due;
	row->done = t.done;
	row->has_done = t.has_done;
	row->has_evidence = !blank(t.evidence);
	row->reminders = t.reminders;
	return existed ? CRM_REC_MERGED : CRM_REC_USED;
}

/* A policy receipt: kept by policy, region and rep. */
static int
policy_record(struct crm_reader *r, const struct crm_record *rec, void *ctx,
    struct crm_error *err)
{
	struct run *run = ctx;
	struct crm_policy p;
	struct receipt_row *row;
	bool existed;

	if (crm_policy_from_record(r, rec, run->o->tz, &p, err) == -1)
		return CRM_REC_REJECT;
	if (p.has_received && crm_time_later(&p.published, &p.received, run->o->tz)) {
		crm_error_set(err, NULL, 0, 0, "field 'received_at': before "
		    "published_at");
		return CRM_REC_REJECT;
	}
	row = row_for(&run->receipts, make_key(run, 0, p.policy_id, p.region,
	    p.rep_id), &existed);
	if (row == NULL) {
		crm_error_set(err, NULL, 0, 0, "too many policy receipts");
		return CRM_REC_FATAL;
	}
	row->policy = keep(run, p.policy_id);
	row->region = keep(run, p.region);
	row->rep = keep(run, p.rep_id);
	row->reading = keep_trimmed(run, p.interpretation);
	row->published = p.published;
	row->received = p.received;
	row->has_received = p.has_received;
	return existed ? CRM_REC_MERGED : CRM_REC_USED;
}

/* A decision: kept by decision_id. */
static int
decision_record(struct crm_reader *r, const struct crm_record *rec,
    void *ctx, struct crm_error *err)
{
	struct run *run = ctx;
	struct crm_decision d;
	struct decision_row *row;
	bool existed;

	if (crm_decision_from_record(r, rec, run->o->tz, &d, err) == -1)
		return CRM_REC_REJECT;
	if ((row = row_for(&run->decisions, d.decision_id, &existed)) == NULL) {
		crm_error_set(err, NULL, 0, 0, "too many decisions");
		return CRM_REC_FATAL;
	}
	row->maker = keep(run, d.maker_id);
	row->made = d.made;
	row->basis = d.basis;
	return existed ? CRM_REC_MERGED : CRM_REC_USED;
}

/* Count one task due in the window into t. */
static void
add_task(struct tally *t, const struct task_row *row, long tz)
{
	t->task_n++;
	if (row->has_done && row->has_evidence && !crm_time_later(&row->done, &row->due,
	    tz))
		t->task_ontime++;
	if (row->reminders > 0)
		t->task_chased++;
}

/* Count one receipt published in the window into t. */
static void
add_receipt(struct tally *t, const struct receipt_row *row, long within)
{
	t->sync_n++;
	if (!row->has_received)
		t->sync_unreceived++;
	else if (row->published.has_time && row->received.has_time &&
	    row->received.t - row->published.t <= (int64_t)within * 60)
		t->sync_within++;
}

/* Note that group g (-1: everyone) applied policy with reading, and keep
 * the policy read the most different ways in t. */
static void
add_reading(struct run *run, long g, const struct receipt_row *row,
    struct tally *t)
{
	const char *pol;
	bool existed;
	long i, n;

	if (crm_keytab_add(run->readings, make_key(run, g, row->policy,
	    row->reading, NULL), &existed) == -1)
		abort();		/* past 4 billion keys */
	if (existed)
		return;
	i = crm_keytab_add(run->policies, make_key(run, g, row->policy, "",
	    NULL), &existed);
	if (i == -1)
		abort();		/* as above; memory runs out first */
	if ((size_t)i >= run->ncap) {
		run->ncap = run->ncap ? run->ncap * 2 : 256;
		run->nread = crm_xrealloc(run->nread, run->ncap * sizeof *run->nread);
	}
	if (!existed)
		run->nread[i] = 0;
	n = ++run->nread[i];
	/* the key ends with the policy id: point at it */
	pol = crm_keytab_key(run->policies, i);
	pol += strlen(pol) - strlen(row->policy);
	if (n > t->sync_max || (n == t->sync_max &&
	    strcmp(pol, t->sync_max_policy) < 0)) {
		t->sync_max = n;
		t->sync_max_policy = pol;
	}
}

/* Count one decision made in the window into t. */
static void
add_decision(struct tally *t, const struct decision_row *row)
{
	t->basis_n++;
	if (row->basis == CRM_BASIS_DASHBOARD || row->basis == CRM_BASIS_DATA)
		t->basis_good++;
	if (row->basis == CRM_BASIS_EXPERIENCE)
		t->basis_exp++;
}

/* Count the kept tasks, receipts and decisions of the window. */
static void
count_rows(struct run *run)
{
	const struct crm_health_opts *o = run->o;
	size_t i;
	long g;

	for (i = 0; i < crm_keytab_count(run->tasks.keys); i++) {
		const struct task_row *row = (struct task_row *)run->tasks.v + i;

		if (!in_window(run, &row->due))
			continue;
		g = group_of(run, "", row->assignee, true);
		add_task(&run->total, row, o->tz);
		if (g >= 0)
			add_task(&run->g[g].t, row, o->tz);
	}
	for (i = 0; i < crm_keytab_count(run->receipts.keys); i++) {
		const struct receipt_row *row =
		    (struct receipt_row *)run->receipts.v + i;

		if (!in_window(run, &row->published))
			continue;
		g = group_of(run, row->region, row->rep, false);
		add_receipt(&run->total, row, o->thr.sync_within_minutes);
		if (*row->reading != '\0')
			add_reading(run, -1, row, &run->total);
		if (g < 0)
			continue;
		add_receipt(&run->g[g].t, row, o->thr.sync_within_minutes);
		if (*row->reading != '\0')
			add_reading(run, g, row, &run->g[g].t);
	}
	for (i = 0; i < crm_keytab_count(run->decisions.keys); i++) {
		const struct decision_row *row =
		    (struct decision_row *)run->decisions.v + i;

		if (!in_window(run, &row->made))
			continue;
		g = group_of(run, "", row->maker, true);
		add_decision(&run->total, row);
		if (g >= 0)
			add_decision(&run->g[g].t, row);
	}
}

/* ------------------------------------------------------------------ */
/* Judging and writing */

/* One output row. */
struct hrow {
	const char *group;		/* group key; NULL for everyone */
	const char *name;		/* manager's name, or "" */
	const char *check;		/* check name or "total" */
	char value[24];			/* percent or score; "" when no data */
	const char *healthy;		/* the healthy threshold, or "" */
	const char *risk;		/* the risk threshold, or "" */
	char risk_value[24];		/* "" when no data or total */
	enum crm_verdict verdict;	/* what the row says */
	char counts[512];		/* the counts behind the value */
};


/* Tenths of a percent as text: 850 -> "85.0".  Can't fail. */
static void
tenths_text(long t, char *buf, size_t len)
{
	snprintf(buf, len, "%ld.%ld", t / 10, t % 10);
}

/* Whether part/whole >= tenths/1000, exactly. */
static bool
at_least(long part, long whole, long tenths)
{
	return (int64_t)part * 1000 >= (int64_t)tenths * whole;
}

/* Whether part/whole > tenths/1000, exactly. */
static bool
over(long part, long whole, long tenths)
{
	return (int64_t)part * 1000 > (int64_t)tenths * whole;
}

/* "n word" or "n words". */
static const char *
plural(long n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* An ID for a message: as it is, or cut at a character boundary with
 * "..." when longer than buf (len bytes, at least 8) holds.  Returns buf. */
static const char *
short_id(const char *s, char *buf, size_t len)
{
	size_t n = strlen(s);

	if (n < len) {
		memcpy(buf, s, n + 1);
		return buf;
	}
	n = len - 4;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	memcpy(buf, s, n);
	memcpy(buf + n, "...", 4);
	return buf;
}

/* The verdict of a check: risk first, then healthy, else watch. */
static enum crm_verdict
judge(long n, bool risk, bool healthy)
{
	if (n == 0)
		return CRM_VERDICT_NO_DATA;
	if (risk)
		return CRM_VERDICT_RISK;
	return healthy ? CRM_VERDICT_HEALTHY : CRM_VERDICT_WATCH;
}

/* Fill the threshold texts from the thresholds. */
static void
make_texts(const struct crm_health_opts *o, struct texts *x)
{
	const struct crm_health_thresholds *t = &o->thr;
	char a[32], b[32];
	long m = t->sync_within_minutes;

	if (m % 60 == 0)
		snprintf(x->within, sizeof x->within, "%ld %s", m / 60,
		    plural(m / 60, "hour", "hours"));
	else
		snprintf(x->within, sizeof x->within, "%ld %s", m,
		    plural(m, "minute", "minutes"));
	snprintf(x->window, sizeof x->window, "%ld %s", o->window,
	    plural(o->window, "day", "days"));
	tenths_text(t->fresh_healthy_pct, a, sizeof a);
	tenths_text(t->fresh_risk_pct, b, sizeof b);
	snprintf(x->healthy[CHECK_FRESH], sizeof x->healthy[0],
	    ">=%s%% touched in %ld %s", a, t->fresh_healthy_days,
	    plural(t->fresh_healthy_days, "day", "days"));
	snprintf(x->risk[CHECK_FRESH], sizeof x->risk[0],
	    ">%s%% untouched over %ld %s", b, t->fresh_risk_days,
	    plural(t->fresh_risk_days, "day", "days"));
	tenths_text(t->task_healthy_pct, a, sizeof a);
	tenths_text(t->task_risk_pct, b, sizeof b);
	snprintf(x->healthy[CHECK_TASK], sizeof x->healthy[0],
	    ">=%s%% closed on time with evidence", a);
	snprintf(x->risk[CHECK_TASK], sizeof x->risk[0], ">%s%% chased", b);
	tenths_text(t->sync_healthy_pct, a, sizeof a);
	snprintf(x->healthy[CHECK_SYNC], sizeof x->healthy[0],
	    ">=%s%% within %s", a, x->within);
	snprintf(x->risk[CHECK_SYNC], sizeof x->risk[0],
	    ">=%ld readings of one policy", t->sync_risk_readings);
	tenths_text(t->basis_healthy_pct, a, sizeof a);
	tenths_text(t->basis_risk_pct, b, sizeof b);
	snprintf(x->healthy[CHECK_BASIS], sizeof x->healthy[0],
	    ">=%s%% on dashboard or data", a);
	snprintf(x->risk[CHECK_BASIS], sizeof x->risk[0],
	    ">%s%% on experience", b);
}

/* The five rows (four checks and the total) of one tally into r[0..4]. */
static void
judge_tally(const struct run *run, const struct texts *x,
    const struct tally *t, const char *group, const char *name,
    struct hrow r[NCHECKS + 1])
{
	const struct crm_health_opts *o = run->o;
	const struct crm_health_thresholds *thr = &o->thr;
	char *c, id[80];
	size_t len = sizeof r[0].counts;
	long points = 0, ndata = 0, n[4] = { 0, 0, 0, 0 };
	bool first = true;
	int k;

	for (k = 0; k <= NCHECKS; k++) {
		r[k].group = group;
		r[k].name = name;
		r[k].check = k < NCHECKS ? check_names[k] : "total";
		r[k].healthy = k < NCHECKS ? x->healthy[k] : "";
		r[k].risk = k < NCHECKS ? x->risk[k] : "";
		r[k].value[0] = r[k].risk_value[0] = '\0';
	}

	r[0].verdict = judge(t->fresh_n,
	    over(t->fresh_untouched, t->fresh_n, thr->fresh_risk_pct),
	    at_least(t->fresh_touched, t->fresh_n, thr->fresh_healthy_pct));
	crm_pct_format(t->fresh_touched, t->fresh_n, r[0].value, sizeof r[0].value);
	crm_pct_format(t->fresh_untouched, t->fresh_n, r[0].risk_value,
	    sizeof r[0].risk_value);
	c = r[0].counts;
	if (o->customers == NULL)
		snprintf(c, len, "no customers input");
	else if (t->fresh_n == 0)
		snprintf(c, len, "0 customers");
	else
		snprintf(c, len, "%ld of %ld %s touched in %ld %s; %ld "
		    "untouched over %ld %s", t->fresh_touched, t->fresh_n,
		    plural(t->fresh_n, "customer", "customers"),
		    thr->fresh_healthy_days,
		    plural(thr->fresh_healthy_days, "day", "days"),
		    t->fresh_untouched, thr->fresh_risk_days,
		    plural(thr->fresh_risk_days, "day", "days"));
	if (t->fresh_never > 0)
		snprintf(c + strlen(c), len - strlen(c), " (%ld never touched)",
		    t->fresh_never);

	r[1].verdict = judge(t->task_n,
	    over(t->task_chased, t->task_n, thr->task_risk_pct),
	    at_least(t->task_ontime, t->task_n, thr->task_healthy_pct));
	crm_pct_format(t->task_ontime, t->task_n, r[1].value, sizeof r[1].value);
	crm_pct_format(t->task_chased, t->task_n, r[1].risk_value, sizeof r[1].risk_value);
	c = r[1].counts;
	if (o->tasks == NULL)
		snprintf(c, len, "no tasks input");
	else if (t->task_n == 0)
		snprintf(c, len, "0 tasks due in %s", x->window);
	else
		snprintf(c, len, "%ld of %ld %s due in %s closed on time with "
		    "evidence; %ld chased", t->task_ontime, t->task_n,
		    plural(t->task_n, "task", "tasks"), x->window, t->task_chased);

	r[2].verdict = judge(t->sync_n, t->sync_max >= thr->sync_risk_readings,
	    at_least(t->sync_within, t->sync_n, thr->sync_healthy_pct));
	crm_pct_format(t->sync_within, t->sync_n, r[2].value, sizeof r[2].value);
	if (t->sync_n > 0)
		snprintf(r[2].risk_value, sizeof r[2].risk_value, "%ld",
		    t->sync_max);
	c = r[2].counts;
	if (o->policies == NULL)
		snprintf(c, len, "no policy receipts input");
	else if (t->sync_n == 0)
		snprintf(c, len, "0 receipts published in %s", x->window);
	else {
		snprintf(c, len, "%ld of %ld %s published in %s within %s; %ld "
		    "not received; ", t->sync_within, t->sync_n,
		    plural(t->sync_n, "receipt", "receipts"), x->window,
		    x->within, t->sync_unreceived);
		if (t->sync_max >= 2)
			snprintf(c + strlen(c), len - strlen(c),
			    "policy '%s' read %ld ways", short_id(t->sync_max_policy,
			    id, sizeof id), t->sync_max);
		else
			snprintf(c + strlen(c), len - strlen(c), "%s",
			    t->sync_max == 1 ? "one reading per policy" :
			    "no readings recorded");
	}

	r[3].verdict = judge(t->basis_n,
	    over(t->basis_exp, t->basis_n, thr->basis_risk_pct),
	    at_least(t->basis_good, t->basis_n, thr->basis_healthy_pct));
	crm_pct_format(t->basis_good, t->basis_n, r[3].value, sizeof r[3].value);
	crm_pct_format(t->basis_exp, t->basis_n, r[3].risk_value, sizeof r[3].risk_value);
	c = r[3].counts;
	if (o->decisions == NULL)
		snprintf(c, len, "no decisions input");
	else if (t->basis_n == 0)
		snprintf(c, len, "0 decisions made in %s", x->window);
	else
		snprintf(c, len, "%ld of %ld %s made in %s on dashboard or data; "
		    "%ld on experience", t->basis_good, t->basis_n,
		    plural(t->basis_n, "decision", "decisions"), x->window,
		    t->basis_exp);

	/* the total: healthy 100, watch 50, risk 0, averaged over the checks
	 * with data; its verdict is the worst of theirs */
	r[4].verdict = CRM_VERDICT_NO_DATA;
	for (k = 0; k < NCHECKS; k++) {
		if (r[k].verdict == CRM_VERDICT_NO_DATA)
			continue;
		ndata++;
		n[r[k].verdict]++;
		points += r[k].verdict == CRM_VERDICT_HEALTHY ? 100 :
		    r[k].verdict == CRM_VERDICT_WATCH ? 50 : 0;
		if (r[k].verdict > r[4].verdict)
			r[4].verdict = r[k].verdict;
	}
	crm_pct_format(points, ndata * 100, r[4].value, sizeof r[4].value);
	c = r[4].counts;
	c[0] = '\0';
	if (ndata > 0)
		snprintf(c, len, "%ld healthy, %ld watch, %ld risk",
		    n[CRM_VERDICT_HEALTHY], n[CRM_VERDICT_WATCH],
		    n[CRM_VERDICT_RISK]);
	if (ndata < NCHECKS) {
		snprintf(c + strlen(c), len - strlen(c), "%sno data:",
		    ndata > 0 ? "; " : "");
		for (k = 0; k < NCHECKS; k++) {
			if (r[k].verdict != CRM_VERDICT_NO_DATA)
				continue;
			snprintf(c + strlen(c), len - strlen(c), "%s %s",
			    first ? "" : ",", check_names[k]);
			first = false;
		}
	}
}

/* Order of groups: by key, byte order. */
static int
cmp_groups(const void *pa, const void *pb)
{
	const struct group *a = *(const struct group *const *)pa;
	const struct group *b = *(const struct group *const *)pb;

	return strcmp(a->key, b->key);
}

/* Every output row, groups first (sorted), then everyone, into *rows (a
 * new array; its strings are borrowed from run); returns how many. */
static size_t
make_rows(struct run *run, struct hrow **rows)
{
	size_t ng = crm_keytab_count(run->groups), i;
	struct group **list = crm_xmalloc((ng + 1) * sizeof *list);
	struct texts *x = &run->texts;
	struct hrow *r;

	make_texts(run->o, x);
	for (i = 0; i < ng; i++)
		list[i] = &run->g[i];
	crm_sort(list, ng, sizeof *list, cmp_groups);
	r = crm_xmalloc((ng + 1) * (NCHECKS + 1) * sizeof *r);
	for (i = 0; i < ng; i++)
		judge_tally(run, x, &list[i]->t, list[i]->key, list[i]->name,
		    r + i * (NCHECKS + 1));
	judge_tally(run, x, &run->total, NULL, "", r + ng * (NCHECKS + 1));
	free(list);
	*rows = r;
	return (ng + 1) * (NCHECKS + 1);
}

/* --latency: add to the overall freshness row's counts how soon the
 * window's activities were recorded, as crm-pulse --report latency counts
 * it (recorded within 2 hours of the contact, DOMAIN.md's update
 * latency).  Returns 0, or -1 with *err set. */
static int
latency_detail(const struct crm_health_opts *o, long from, struct hrow *fresh,
    struct crm_error *err)
{
	struct crm_pulse_opts po;
	struct crm_table *t = crm_table_new();
	long g, n, m, w, med;
	size_t len = strlen(fresh->counts);
	int rc = -1;

	memset(&po, 0, sizeof po);
	po.reports = CRM_PULSE_LATENCY;
	po.by = CRM_BY_REGION;
	po.as_of = o->as_of;
	po.from = from;
	po.to = o->as_of;
	po.within = 7200;
	po.lost_status = crm_pulse_lost_default;
	po.tz = o->tz;
	po.customers = o->customers;
	po.activities = o->activities;
	po.input = o->input;
	po.out.capture = t;
	if (crm_pulse_run(&po, NULL, err) != CRM_EXIT_OK)
		goto out;
	g = crm_table_col(t, "region");
	n = crm_table_col(t, "activities");
	m = crm_table_col(t, "measured");
	w = crm_table_col(t, "within_pct");
	med = crm_table_col(t, "median_hours");
	if (g == -1 || n == -1 || m == -1 || w == -1 || med == -1) {
		crm_error_set(err, NULL, 0, 0, "--latency: crm-pulse gave no "
		    "latency columns");
		goto out;
	}
	for (size_t i = 0; i < crm_table_nrows(t); i++) {
		if (strcmp(crm_table_cell(t, i, (size_t)g), "(total)") != 0)
			continue;
		if (strcmp(crm_table_cell(t, i, (size_t)m), "0") == 0)
			snprintf(fresh->counts + len, sizeof fresh->counts - len,
			    "; none of %s activities in %ld days has a recorded_at",
			    crm_table_cell(t, i, (size_t)n), o->window);
		else
			snprintf(fresh->counts + len, sizeof fresh->counts - len,
			    "; %s%% of %s activities with a recorded_at recorded "
			    "within 2 hours (median %s h)",
			    crm_table_cell(t, i, (size_t)w),
			    crm_table_cell(t, i, (size_t)m),
			    crm_table_cell(t, i, (size_t)med));
	}
	rc = 0;
out:
	crm_table_free(t);
	return rc;
}

/* Write the rows.  -1 on a write error. */
static int
write_rows(const struct crm_health_opts *o, const struct hrow *r, size_t n,
    FILE *out)
{
	const char *names[9];
	enum crm_coltype types[9];
	struct crm_writer *w;
	size_t k = 0, i;
	int rc = 0;

	if (o->by == CRM_BY_REGION)
		names[k] = "region", types[k++] = CRM_COL_STR;
	if (o->by == CRM_BY_MANAGER) {
		names[k] = "manager_id", types[k++] = CRM_COL_STR;
		names[k] = "name", types[k++] = CRM_COL_STR;
	}
	names[k] = "check", types[k++] = CRM_COL_STR;
	names[k] = "value", types[k++] = CRM_COL_NUM;
	names[k] = "healthy", types[k++] = CRM_COL_STR;
	names[k] = "risk", types[k++] = CRM_COL_STR;
	names[k] = "risk_value", types[k++] = CRM_COL_NUM;
	names[k] = "verdict", types[k++] = CRM_COL_STR;
	names[k] = "counts", types[k++] = CRM_COL_STR;
	if ((w = crm_writer_new(out, &o->out, names, types, k)) == NULL)
		return -1;
	for (i = 0; i < n && rc == 0; i++) {
		const char *v[9];
		size_t j = 0;

		if (o->by != CRM_BY_NONE)
			v[j++] = r[i].group ? r[i].group : "(total)";
		if (o->by == CRM_BY_MANAGER)
			v[j++] = r[i].name;
		v[j++] = r[i].check;
		v[j++] = r[i].value[0] ? r[i].value : NULL;
		v[j++] = r[i].healthy[0] ? r[i].healthy : NULL;
		v[j++] = r[i].risk[0] ? r[i].risk : NULL;
		v[j++] = r[i].risk_value[0] ? r[i].risk_value : NULL;
		v[j++] = crm_verdict_name(r[i].verdict);
		v[j++] = r[i].counts;
		rc = crm_writer_row(w, v);
	}
	if (crm_writer_close(w) == -1)
		rc = -1;
	return rc;
}

/* Fail with the store's message; the status says whether to retry. */
static int
db_fail(sqlite3 *db, const char *path, const char *what, struct crm_error *err)
{
	int rc = sqlite3_errcode(db);

	crm_error_set(err, path, 0, 0, "%s: %s", what, sqlite3_errmsg(db));
	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? CRM_EXIT_TEMPFAIL :
	    CRM_EXIT_ERROR;
}

/* Bind a number cell ("" is NULL) as REAL. */
static void
bind_num(sqlite3_stmt *st, int i, const char *s)
{
	if (*s == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_double(st, i, strtod(s, NULL));
}

/* Store the rows in health_runs, replacing those of the same as-of date,
 * in one BEGIN IMMEDIATE transaction.  Returns a CRM_EXIT_* status. */
static int
record(const struct crm_health_opts *o, const struct hrow *r, size_t n,
    struct crm_error *err)
{
	static const char *const by_names[] = { "", "rep", "region", "manager" };
	struct crm_store *s;
	sqlite3 *db;
	sqlite3_stmt *del = NULL, *ins = NULL;
	char day[16];
	size_t i;
	int rc;

	if ((rc = crm_store_open(o->db, true, &s, err)) != CRM_EXIT_OK)
		return rc;
	db = crm_store_sqlite(s);
	if ((rc = crm_store_begin(s, err)) != CRM_EXIT_OK) {
		crm_store_close(s);
		return rc;
	}
	if (sqlite3_exec(db, "CREATE TABLE IF NOT EXISTS health_runs ("
	    " as_of TEXT NOT NULL, group_by TEXT NOT NULL,"
	    " group_key TEXT NOT NULL, check_name TEXT NOT NULL,"
	    " value REAL, risk_value REAL, verdict TEXT NOT NULL,"
	    " healthy TEXT NOT NULL, risk TEXT NOT NULL, counts TEXT NOT NULL,"
	    " window_days INTEGER NOT NULL,"
	    " PRIMARY KEY (as_of, group_by, group_key, check_name)) STRICT",
	    NULL, NULL, NULL) != SQLITE_OK) {
		rc = db_fail(db, o->db, "health_runs", err);
		goto fail;
	}
	if (sqlite3_prepare_v2(db, "DELETE FROM health_runs WHERE as_of = ?",
	    -1, &del, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO health_runs (as_of, group_by,"
	    " group_key, check_name, value, risk_value, verdict, healthy, risk,"
	    " counts, window_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    -1, &ins, NULL) != SQLITE_OK) {
		rc = db_fail(db, o->db, "health_runs", err);
		goto fail;
	}
	crm_date_format(o->as_of, day);
	sqlite3_bind_text(del, 1, day, -1, SQLITE_STATIC);
	if (sqlite3_step(del) != SQLITE_DONE) {
		rc = db_fail(db, o->db, "health_runs", err);
		goto fail;
	}
	for (i = 0; i < n; i++) {
		sqlite3_reset(ins);
		sqlite3_bind_text(ins, 1, day, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, by_names[o->by], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, r[i].group ? r[i].group : "", -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, r[i].check, -1, SQLITE_STATIC);
		bind_num(ins, 5, r[i].value);
		bind_num(ins, 6, r[i].risk_value);
		sqlite3_bind_text(ins, 7, crm_verdict_name(r[i].verdict), -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(ins, 8, r[i].healthy, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 9, r[i].risk, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 10, r[i].counts, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 11, o->window);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = db_fail(db, o->db, "health_runs", err);
			goto fail;
		}
	}
	sqlite3_finalize(del);
	sqlite3_finalize(ins);
	rc = crm_store_commit(s, err);
	if (rc != CRM_EXIT_OK)
		crm_store_rollback(s);
	crm_store_close(s);
	return rc;
fail:
	sqlite3_finalize(del);
	sqlite3_finalize(ins);
	crm_store_rollback(s);
	crm_store_close(s);
	return rc;
}

/* Reps, customers (through crm-stale's freshness), tasks, receipts and
 * decisions; then the rows, the store, the output. */
int
crm_health_run(const struct crm_health_opts *o, FILE *out,
    struct crm_health_result *res, struct crm_error *err)
{
	static const enum crm_field treq[] = { CRM_F_TASK_ID, CRM_F_ASSIGNEE_ID,
	    CRM_F_DUE, CRM_F_NONE };
	static const enum crm_field preq[] = { CRM_F_POLICY_ID,
	    CRM_F_PUBLISHED_AT, CRM_F_NONE };
	static const enum crm_field dreq[] = { CRM_F_DECISION_ID, CRM_F_MADE_AT,
	    CRM_F_BASIS, CRM_F_NONE };
	struct crm_reps *reps = NULL;
	struct hrow *rows = NULL;
	struct run run;
	size_t nrows = 0, i;
	int status = CRM_EXIT_ERROR;

	memset(res, 0, sizeof *res);
	memset(&run, 0, sizeof run);
	run.o = o;
	run.arena = crm_arena_new();
	run.groups = crm_keytab_new();
	run.tasks.keys = crm_keytab_new();
	run.tasks.size = sizeof(struct task_row);
	run.receipts.keys = crm_keytab_new();
	run.receipts.size = sizeof(struct receipt_row);
	run.decisions.keys = crm_keytab_new();
	run.decisions.size = sizeof(struct decision_row);
	run.readings = crm_keytab_new();
	run.policies = crm_keytab_new();
	run.from = o->as_of - o->window + 1;

	if (o->by != CRM_BY_NONE && o->reps != NULL &&
	    (reps = crm_reps_load(o->reps, &o->input, err)) == NULL)
		goto out;
	run.reps = reps;
	if (o->customers != NULL) {
		struct crm_stale_opts so;

		memset(&so, 0, sizeof so);
		so.as_of = o->as_of;
		so.tz = o->tz;
		so.customers = o->customers;
		so.activities = o->activities;
		so.input = o->input;
		so.out = o->out;
		if (crm_stale_each(&so, fresh_cb, &run, &res->rejects, err) !=
		    CRM_EXIT_OK)
			goto out;
	}
	if (crm_input_all(o->tasks, &o->input, treq, task_record, &run, NULL,
	    &res->rejects, err) == -1 ||
	    crm_input_all(o->policies, &o->input, preq, policy_record, &run,
	    NULL, &res->rejects, err) == -1 ||
	    crm_input_all(o->decisions, &o->input, dreq, decision_record, &run,
	    NULL, &res->rejects, err) == -1)
		goto out;
	count_rows(&run);
	res->unknown = run.unknown;
	nrows = make_rows(&run, &rows);
	if (o->latency && o->activities != NULL && latency_detail(o, run.from,
	    &rows[nrows - (NCHECKS + 1)], err) == -1)
		goto out;
	for (i = 0; i < nrows; i++)
		if (rows[i].verdict > res->worst)
			res->worst = rows[i].verdict;
	if (o->record && (status = record(o, rows, nrows, err)) != CRM_EXIT_OK)
		goto out;
	status = CRM_EXIT_ERROR;
	if (write_rows(o, rows, nrows, out) == -1) {
		crm_error_set(err, NULL, 0, 0, "write error on standard output");
		goto out;
	}
	status = res->rejects ? CRM_EXIT_ERROR : CRM_EXIT_OK;
	if (res->rejects)
		crm_error_set(err, NULL, 0, 0,
		    "some input records were rejected (see above)");
out:
	free(rows);
	crm_reps_free(reps);
	crm_arena_free(run.arena);
	crm_keytab_free(run.groups);
	free(run.g);
	crm_keytab_free(run.tasks.keys);
	free(run.tasks.v);
	crm_keytab_free(run.receipts.keys);
	free(run.receipts.v);
	crm_keytab_free(run.decisions.keys);
	free(run.decisions.v);
	crm_keytab_free(run.readings);
	crm_keytab_free(run.policies);
	free(run.nread);
	free(run.key);
	return status;
}

/* ------------------------------------------------------------------ */
/* The recorded runs, for a trend (crm-report) */

/* Write one history row from st's current result.  -1 on a write error. */
static int
history_row(struct crm_writer *w, sqlite3_stmt *st)
{
	char value[32], risk[32], window[24];
	const char *v[6];

	value[0] = risk[0] = '\0';
	/* values were recorded from one-decimal percentages: %.1f gives
	 * back the text crm-health printed */
	if (sqlite3_column_type(st, 2) != SQLITE_NULL)
		snprintf(value, sizeof value, "%.1f", sqlite3_column_double(st, 2));
	if (sqlite3_column_type(st, 3) != SQLITE_NULL)
		snprintf(risk, sizeof risk, "%.1f", sqlite3_column_double(st, 3));
	snprintf(window, sizeof window, "%lld",
	    (long long)sqlite3_column_int64(st, 5));
	v[0] = (const char *)sqlite3_column_text(st, 0);
	v[1] = (const char *)sqlite3_column_text(st, 1);
	v[2] = value[0] ? value : NULL;
	v[3] = risk[0] ? risk : NULL;
	v[4] = (const char *)sqlite3_column_text(st, 4);
	v[5] = window;
	return crm_writer_row(w, v);
}

/* See health.h. */
int
crm_health_history(const char *db, long before, long runs,
    const struct crm_writer_opts *wo, FILE *out, struct crm_error *err)
{
	static const char *const names[] = { "as_of", "check", "value",
	    "risk_value", "verdict", "window_days" };
	static const enum crm_coltype types[] = { CRM_COL_STR, CRM_COL_STR,
	    CRM_COL_NUM, CRM_COL_NUM, CRM_COL_STR, CRM_COL_INT };
	/* the overall rows (group_key '') of the latest runs before the
	 * day, oldest first, the checks in crm-health's order */
	static const char sql[] = "SELECT as_of, check_name, value,"
	    " risk_value, verdict, window_days FROM health_runs"
	    " WHERE group_key = '' AND as_of < ?1 AND as_of IN"
	    " (SELECT DISTINCT as_of FROM health_runs WHERE group_key = ''"
	    " AND as_of < ?1 ORDER BY as_of DESC LIMIT ?2)"
	    " ORDER BY as_of, CASE check_name WHEN 'freshness' THEN 0"
	    " WHEN 'task_closure' THEN 1 WHEN 'policy_sync' THEN 2"
	    " WHEN 'decision_basis' THEN 3 ELSE 4 END";
	struct crm_store *s;
	struct crm_writer *w;
	sqlite3 *h;
	sqlite3_stmt *st = NULL;
	char day[16];
	int rc, step, status = CRM_EXIT_ERROR;

	if ((rc = crm_store_open(db, false, &s, err)) != CRM_EXIT_OK)
		return rc;
	h = crm_store_sqlite(s);
	w = crm_writer_new(out, wo, names, types, 6);
	/* a store nobody ran crm-health --record on has no history */
	if (sqlite3_prepare_v2(h, "SELECT 1 FROM sqlite_master WHERE"
	    " type = 'table' AND name = 'health_runs'", -1, &st, NULL) !=
	    SQLITE_OK) {
		status = db_fail(h, db, "health_runs", err);
		goto out;
	}
	step = sqlite3_step(st);
	sqlite3_finalize(st);
	st = NULL;
	if (step == SQLITE_DONE) {
		status = CRM_EXIT_OK;
		goto out;
	}
	if (step != SQLITE_ROW ||
	    sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) {
		status = db_fail(h, db, "health_runs", err);
		goto out;
	}
	crm_date_format(before, day);
	sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, runs);
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if (history_row(w, st) == -1) {
			crm_error_set(err, NULL, 0, 0, "write error on standard "
			    "output");
			goto out;
		}
	if (step != SQLITE_DONE) {
		status = db_fail(h, db, "health_runs", err);
		goto out;
	}
	status = CRM_EXIT_OK;
out:
	if (crm_writer_close(w) == -1 && status == CRM_EXIT_OK) {
		crm_error_set(err, NULL, 0, 0, "write error on standard output");
		status = CRM_EXIT_ERROR;
	}
	sqlite3_finalize(st);
	crm_store_close(s);
	return status;
}
