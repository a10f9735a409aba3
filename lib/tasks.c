/* tasks.c - crm-tasks: tasks rolled up the reps hierarchy (DOMAIN.md: task
 * escalation, drill-down three levels of reports below anyone), or listed
 * with their deliverable, acceptance and evidence. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "rules.h"

enum tstat { T_OPEN, T_OVERDUE, T_ON_TIME, T_LATE, T_NO_EVIDENCE, T_NSTAT };
static const char *const stat_names[] = { "open", "overdue", "on_time",
    "late", "no_evidence" };

struct task {
	const char *id, *customer, *deliverable, *acceptance, *evidence;
	const char *assignee;		/* as written */
	long who;			/* hierarchy index, or -1 */
	struct crm_time due, done;
	bool has_done;
	long reminders;
	enum tstat st;
};

struct run {
	const struct crm_tasks_opts *o;
	struct crm_hier *hier;
	struct crm_arena *arena;
	struct crm_keytab *ids;		/* task_id seen */
	struct task *t;
	size_t n, cap;
	int64_t end;			/* end of the as-of day */
	long unknown;			/* tasks of reps not in the reps file */
	char unknown_ex[64];
	bool rejects;
};

static const char *
keep(struct run *run, const char *s)
{
	return crm_arena_strndup(run->arena, s ? s : "", s ? strlen(s) : 0);
}

/* Whether a is later than b; a date without a time ties with its day. */
static bool
later(const struct crm_time *a, const struct crm_time *b, long tz)
{
	if (!a->has_time || !b->has_time)
		return crm_time_day(a->t, tz) > crm_time_day(b->t, tz);
	return a->t > b->t;
}

static int
task_record(struct crm_reader *r, const struct crm_record *rec, void *ctx,
    struct crm_error *err)
{
	struct run *run = ctx;
	struct crm_task ct;
	struct task *t;
	bool existed, done;

	if (crm_task_from_record(r, rec, run->o->tz, &ct, err) == -1)
		return CRM_REC_REJECT;
	crm_keytab_add(run->ids, ct.task_id, &existed);
	if (existed)
		return CRM_REC_MERGED;
	if (run->n == run->cap) {
		run->cap = run->cap ? run->cap * 2 : 256;
		run->t = crm_xrealloc(run->t, run->cap * sizeof *run->t);
	}
	t = &run->t[run->n++];
	t->id = keep(run, ct.task_id);
	t->assignee = keep(run, ct.assignee_id);
	t->customer = keep(run, ct.customer_id);
	t->deliverable = keep(run, ct.deliverable);
	t->acceptance = keep(run, ct.acceptance);
	t->evidence = keep(run, ct.evidence);
	t->due = ct.due;
	t->done = ct.done;
	t->reminders = ct.reminders;
	done = ct.has_done && ct.done.t < run->end;
	t->has_done = done;
	if (!done)
		t->st = (ct.due.has_time ? ct.due.t < run->end :
		    crm_time_day(ct.due.t, run->o->tz) < run->o->as_of) ?
		    T_OVERDUE : T_OPEN;
	else if (later(&ct.done, &ct.due, run->o->tz))
		t->st = T_LATE;
	else
		t->st = crm_evidence_present(ct.evidence) ? T_ON_TIME :
		    T_NO_EVIDENCE;
	t->who = crm_hier_find(run->hier, ct.assignee_id);
	if (t->who == -1) {
		if (run->unknown++ == 0)
			snprintf(run->unknown_ex, sizeof run->unknown_ex, "%s",
			    ct.assignee_id);
	}
	return CRM_REC_USED;
}

/* Percentage part/whole with one decimal, rounded half up, exactly. */
static void
pct(long part, long whole, char *buf, size_t len)
{
	long tenths;

	if (whole == 0) {
		buf[0] = '\0';
		return;
	}
	tenths = (part * 2000 + whole) / (2 * whole);
	snprintf(buf, len, "%ld.%ld", tenths / 10, tenths % 10);
}

/* The reps shown, in tree order (pre-order, reports by rep_id), with
 * their level below the top. */
static void
walk(const struct crm_hier *h, long i, long level, long depth, long *order,
    long *levels, size_t *n)
{
	const long *kids;
	size_t nk;

	order[*n] = i;
	levels[i] = level;
	(*n)++;
	if (level == depth)
		return;
	kids = crm_hier_children(h, i, &nk);
	for (size_t k = 0; k < nk; k++)
		walk(h, kids[k], level + 1, depth, order, levels, n);
}

static long *rank_of;			/* for cmp_list */
static long tz_of;

static int
cmp_list(const void *pa, const void *pb)
{
	const struct task *a = *(const struct task *const *)pa;
	const struct task *b = *(const struct task *const *)pb;

	if (rank_of[a->who] != rank_of[b->who])
		return rank_of[a->who] < rank_of[b->who] ? -1 : 1;
	if (a->due.t != b->due.t)
		return a->due.t < b->due.t ? -1 : 1;
	(void)tz_of;
	return strcmp(a->id, b->id);
}

static int
write_rollup(struct run *run, const long *order, const long *levels,
    size_t n, FILE *out)
{
	static const char *const names[] = { "rep_id", "name", "role", "level",
	    "manager_id", "tasks", "open", "overdue", "on_time", "late",
	    "no_evidence", "on_time_pct" };
	static const enum crm_coltype types[] = { CRM_COL_STR, CRM_COL_STR,
	    CRM_COL_STR, CRM_COL_INT, CRM_COL_STR, CRM_COL_INT, CRM_COL_INT,
	    CRM_COL_INT, CRM_COL_INT, CRM_COL_INT, CRM_COL_INT, CRM_COL_NUM };
	size_t nreps = crm_hier_count(run->hier);
	long (*cnt)[T_NSTAT] = crm_xmalloc((nreps + 1) * sizeof *cnt);
	struct crm_writer *w;
	int rc = 0;

	memset(cnt, 0, (nreps + 1) * sizeof *cnt);
	for (size_t i = 0; i < run->n; i++)
		for (long a = run->t[i].who; a != -1;
		    a = crm_hier_parent(run->hier, a))
			cnt[a][run->t[i].st]++;
	w = crm_writer_new(out, &run->o->out, names, types, 12);
	for (size_t k = 0; k < n && rc == 0; k++) {
		long i = order[k], total = 0;
		const struct crm_rep *r = crm_hier_rep(run->hier, i);
		char num[8][24], p[24];
		const char *v[12];

		for (int s = 0; s < T_NSTAT; s++)
			total += cnt[i][s];
		snprintf(num[0], sizeof num[0], "%ld", levels[i]);
		snprintf(num[1], sizeof num[1], "%ld", total);
		for (int s = 0; s < T_NSTAT; s++)
			snprintf(num[2 + s], sizeof num[0], "%ld", cnt[i][s]);
		pct(cnt[i][T_ON_TIME], total - cnt[i][T_OPEN], p, sizeof p);
		v[0] = r->rep_id;
		v[1] = r->name;
		v[2] = r->role;
		v[3] = num[0];
		v[4] = r->manager_id;
		v[5] = num[1];
		for (int s = 0; s < T_NSTAT; s++)
			v[6 + s] = num[2 + s];
		v[11] = p[0] ? p : NULL;
		rc = crm_writer_row(w, v);
	}
	if (crm_writer_close(w) == -1)
		rc = -1;
	free(cnt);
	return rc;
}

static int
write_list(struct run *run, const long *order, size_t n, FILE *out)
{
	static const char *const names[] = { "task_id", "assignee_id",
	    "assignee", "customer_id", "deliverable", "acceptance", "due",
	    "done_at", "status", "evidence", "reminders" };
	static const enum crm_coltype types[] = { CRM_COL_STR, CRM_COL_STR,
	    CRM_COL_STR, CRM_COL_STR, CRM_COL_STR, CRM_COL_STR, CRM_COL_STR,
	    CRM_COL_STR, CRM_COL_STR, CRM_COL_STR, CRM_COL_INT };
	size_t nreps = crm_hier_count(run->hier), m = 0;
	const struct task **list = crm_xmalloc((run->n + 1) * sizeof *list);
	long *rank = crm_xmalloc((nreps + 1) * sizeof *rank);
	struct crm_writer *w;
	int rc = 0;

	for (size_t i = 0; i < nreps; i++)
		rank[i] = -1;
	for (size_t k = 0; k < n; k++)
		rank[order[k]] = (long)k;
	for (size_t i = 0; i < run->n; i++)
		if (run->t[i].who != -1 && rank[run->t[i].who] != -1)
			list[m++] = &run->t[i];
	rank_of = rank;
	tz_of = run->o->tz;
	crm_sort(list, m, sizeof *list, cmp_list);
	w = crm_writer_new(out, &run->o->out, names, types, 11);
	for (size_t k = 0; k < m && rc == 0; k++) {
		const struct task *t = list[k];
		char due[32], done[32], rem[24];
		const char *v[11];

		crm_time_format(&t->due, run->o->tz, due);
		if (t->has_done)
			crm_time_format(&t->done, run->o->tz, done);
		snprintf(rem, sizeof rem, "%ld", t->reminders);
		v[0] = t->id;
		v[1] = t->assignee;
		v[2] = crm_hier_rep(run->hier, t->who)->name;
		v[3] = t->customer;
		v[4] = t->deliverable;
		v[5] = t->acceptance;
		v[6] = due;
		v[7] = t->has_done ? done : NULL;
		v[8] = stat_names[t->st];
		v[9] = t->evidence;
		v[10] = rem;
		rc = crm_writer_row(w, v);
	}
	if (crm_writer_close(w) == -1)
		rc = -1;
	free(list);
	free(rank);
	return rc;
}

int
crm_tasks_run(const struct crm_tasks_opts *o, FILE *out,
    struct crm_error *err)
{
	static const enum crm_field treq[] = { CRM_F_TASK_ID,
	    CRM_F_ASSIGNEE_ID, CRM_F_DUE, CRM_F_NONE };
	struct crm_reps *reps = NULL;
	struct run run;
	struct crm_time epoch;
	long *order = NULL, *levels = NULL;
	size_t n = 0, nreps;
	int status = CRM_EXIT_ERROR;

	memset(&run, 0, sizeof run);
	run.o = o;
	run.arena = crm_arena_new();
	run.ids = crm_keytab_new();
	if (crm_time_parse("1970-01-01", o->tz, &epoch) == -1)
		goto out;
	run.end = epoch.t + (int64_t)(o->as_of + 1) * 86400;
	if ((reps = crm_reps_load(o->reps, &o->input, err)) == NULL)
		goto out;
	if ((run.hier = crm_hier_new(reps, err)) == NULL)
		goto out;
	nreps = crm_hier_count(run.hier);
	order = crm_xmalloc((nreps + 1) * sizeof *order);
	levels = crm_xmalloc((nreps + 1) * sizeof *levels);
	if (o->under != NULL) {
		long u = crm_hier_find(run.hier, o->under);

		if (u == -1) {
			crm_error_set(err, NULL, 0, 0, "--under: rep '%s' is not "
			    "in the reps file", o->under);
			goto out;
		}
		walk(run.hier, u, 0, o->depth, order, levels, &n);
	} else {
		size_t nk;
		const long *tops = crm_hier_children(run.hier, -1, &nk);

		for (size_t k = 0; k < nk; k++)
			walk(run.hier, tops[k], 0, o->depth, order, levels, &n);
	}
	for (const char **p = o->tasks; p != NULL && *p != NULL; p++) {
		struct crm_counts c = { 0, 0, 0, 0, 0 };
		int rc = crm_input_each(*p, &o->input, treq, task_record, &run,
		    &c, err);

		if (rc == -1)
			goto out;
		if (rc == 1 || c.merged > 0)
			crm_counts_report(*p, &c);
		if (rc == 1)
			run.rejects = true;
	}
	if (run.unknown > 0)
		crm_warnx("%ld tasks are assigned to reps missing from the reps "
		    "file (e.g. '%s'); they are not counted", run.unknown,
		    run.unknown_ex);
	if ((o->list ? write_list(&run, order, n, out) :
	    write_rollup(&run, order, levels, n, out)) == -1) {
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
	free(order);
	free(levels);
	free(run.t);
	crm_hier_free(run.hier);
	crm_reps_free(reps);
	crm_keytab_free(run.ids);
	crm_arena_free(run.arena);
	return status;
}
