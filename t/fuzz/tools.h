/* tools.h - what fuzz_tools and fuzz_jobs share: their input (an options
 * byte and the files customers, activities, ledger, tasks, reps,
 * policies, decisions, a rule file and a weights file, split at RS
 * bytes) and one run of each analysis tool's library entry point on it,
 * with the options the options byte picks within what each command line
 * allows.  Each run writes to out and returns the tool's status, with
 * *err set on a failure. */
#ifndef FUZZ_TOOLS_H
#define FUZZ_TOOLS_H

#include "crm.h"
#include "clcc.h"
#include "health.h"
#include "rules.h"
#include "score.h"
#include "harness.h"

enum { P_OPT, P_CUST, P_ACT, P_LEDGER, P_TASKS, P_REPS, P_POL, P_DEC,
	P_RULES, P_WEIGHTS, P_COUNT };

/* One input, parsed: paths are NULL for absent parts, list[i] the
 * one-file list of path[i]. */
struct fuzz_job {
	const char *path[P_COUNT];
	const char *list[P_COUNT][2];
	struct crm_input_opts in;
	struct crm_writer_opts wo;
	uint8_t opt;
	long as_of;
};

static inline void
fuzz_job_init(struct fuzz_job *j, const uint8_t *data, size_t size)
{
	static const char *const names[P_COUNT] = { "opt", "customers.csv",
		"activities.csv", "ledger.csv", "tasks.csv", "reps.csv",
		"policies.csv", "decisions.csv", "rules.json", "weights.csv" };

	j->opt = fuzz_tool_inputs(data, size, names, P_COUNT, j->path,
	    j->list, &j->in, &j->wo);
	j->as_of = crm_days_from_civil(2026, 11, 27);
}

/* The one-file list of part i, or NULL when that part is absent. */
static inline const char **
files(struct fuzz_job *j, int i)
{
	return j->list[i][0] ? j->list[i] : NULL;
}

/* crm-stale: customers, activities, reps */
static inline int
fuzz_stale(struct fuzz_job *j, FILE *out, struct crm_error *err)
{
	struct crm_stale_opts o;

	memset(&o, 0, sizeof o);
	o.days = j->opt & 1 ? 0 : 90;
	o.as_of = j->as_of;
	o.tz = CRM_TZ_DEFAULT;
	o.by = (enum crm_group_by)(j->opt >> 1 & 3);
	if (o.by == CRM_BY_MANAGER && j->path[P_REPS] == NULL)
		o.by = CRM_BY_REP;
	o.activities = files(j, P_ACT);
	o.reps = j->path[P_REPS];
	o.customers = j->list[P_CUST];
	o.input = j->in;
	o.out = j->wo;
	return crm_stale_run(&o, out, err);
}

/* crm-score: activities, weights, reps */
static inline int
fuzz_score(struct fuzz_job *j, FILE *out, struct crm_error *err)
{
	struct crm_score_opts o;
	struct crm_score_result res;
	int st;

	memset(&o, 0, sizeof o);
	memset(&res, 0, sizeof res);
	o.weights = j->path[P_WEIGHTS];
	o.advance_weight = CRM_SCORE_ADVANCE_DEFAULT;
	o.by = (enum crm_group_by)(j->opt >> 1 & 3);
	if (o.by != CRM_BY_NONE && o.by != CRM_BY_REP &&
	    j->path[P_REPS] == NULL)
		o.by = CRM_BY_REP;
	o.reps = j->path[P_REPS];
	o.activities = j->list[P_ACT];
	o.tz = CRM_TZ_DEFAULT;
	o.input = j->in;
	o.out = j->wo;
	if (j->opt & 1) {
		/* the last complete week, with a trend */
		o.from = crm_week_last_complete(j->as_of);
		o.to = o.from + 6;
		o.week_window = true;
		o.trend = 1 + (j->opt >> 3 & 3);
	} else {
		o.from = crm_days_from_civil(2026, 1, 1);
		o.to = j->as_of;
		o.top = j->opt >> 3 & 3;
	}
	st = crm_score_run(&o, out, &res, err);
	crm_score_result_free(&res);
	return st;
}

/* crm-clcc: ledgers, customers for rep, region and tier */
static inline int
fuzz_clcc(struct fuzz_job *j, FILE *out, struct crm_error *err)
{
	struct crm_clcc_opts o = CRM_CLCC_OPTS_INIT;
	struct crm_clcc_notes notes;

	memset(&notes, 0, sizeof notes);
	o.period = (enum crm_clcc_period)((j->opt >> 3 & 3) % 3);
	o.by = (enum crm_clcc_by)((j->opt >> 1 & 3) + (j->opt & 1));
	if (o.by >= CRM_CLCC_BY_REP && j->path[P_CUST] == NULL)
		o.by = CRM_CLCC_BY_CUSTOMER;
	o.lifetime = (j->opt & 0x40) != 0;
	o.ledgers = j->list[P_LEDGER];
	o.customers = files(j, P_CUST);
	o.as_of = j->as_of;
	o.input = j->in;
	o.out = j->wo;
	return crm_clcc_run(&o, out, &notes, err);
}

/* crm-health: customers (with activities), tasks, policies, decisions,
 * reps */
static inline int
fuzz_health(struct fuzz_job *j, FILE *out, struct crm_error *err)
{
	struct crm_health_opts o;
	struct crm_health_result res;

	memset(&o, 0, sizeof o);
	memset(&res, 0, sizeof res);
	o.customers = files(j, P_CUST);
	o.activities = o.customers ? files(j, P_ACT) : NULL;
	o.tasks = files(j, P_TASKS);
	o.policies = files(j, P_POL);
	o.decisions = files(j, P_DEC);
	o.reps = j->path[P_REPS];
	o.by = (j->opt >> 1 & 1) ? CRM_BY_REGION : (j->opt >> 2 & 1) ?
	    CRM_BY_MANAGER : CRM_BY_NONE;
	if (o.reps == NULL && (o.by == CRM_BY_MANAGER ||
	    (o.by == CRM_BY_REGION && (o.tasks || o.decisions))))
		o.by = CRM_BY_NONE;
	o.as_of = j->as_of;
	o.window = j->opt & 1 ? 7 : 30;
	o.tz = CRM_TZ_DEFAULT;
	crm_health_thresholds_default(&o.thr);
	o.input = j->in;
	o.out = j->wo;
	return crm_health_run(&o, out, &res, err);
}

/* crm-rules: rules, customers, activities, tasks, reps */
static inline int
fuzz_rules_run(struct fuzz_job *j, FILE *out, struct crm_error *err)
{
	struct crm_rules_opts o;

	memset(&o, 0, sizeof o);
	o.rules = j->path[P_RULES];
	o.customers = files(j, P_CUST);
	o.activities = files(j, P_ACT);
	o.tasks = files(j, P_TASKS);
	o.reps = j->path[P_REPS];
	o.fail_on = (enum crm_severity)(j->opt >> 3 & 1 ? CRM_SEV_AMBER :
	    CRM_SEV_RED);
	o.as_of = j->as_of;
	o.tz = CRM_TZ_DEFAULT;
	o.input = j->in;
	o.out = j->wo;
	return crm_rules_run(&o, out, err);
}

/* crm-hotlist: customers, activities */
static inline int
fuzz_hotlist(struct fuzz_job *j, FILE *out, struct crm_error *err)
{
	struct crm_hotlist_opts o;

	memset(&o, 0, sizeof o);
	o.customers = j->list[P_CUST];
	o.activities = files(j, P_ACT);
	o.within = 1 + (j->opt >> 3 & 15) * 30;
	o.mentions = j->opt >> 7 & 1;
	o.lookback = 365;
	o.by_region = (j->opt & 2) != 0;
	o.as_of = j->as_of;
	o.tz = CRM_TZ_DEFAULT;
	o.input = j->in;
	o.out = j->wo;
	return crm_hotlist_run(&o, out, err);
}

#endif
