/* fuzz_tools - whole runs of the analysis tools' library entry points on
 * arbitrary input: crm-stale, crm-score, crm-clcc, crm-health and
 * crm-rules.  The input is split at RS bytes (0x1E) into an options byte
 * and then the files customers, activities, ledger, tasks, reps,
 * policies, decisions, a rule file and a weights file (an absent or
 * empty part: no such file, or the built-in rules and weights).  The
 * options byte picks grouping, period, --strict and the output format,
 * within what each tool's command line allows.  Output goes to a memory
 * stream.  Invariants: each tool returns one of its documented statuses,
 * and a failure says why.  Never crash, hang or leak. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "clcc.h"
#include "health.h"
#include "rules.h"
#include "score.h"
#include "harness.h"

#ifdef FUZZ_NAMESPACED
#define LLVMFuzzerTestOneInput fuzz_tools
int fuzz_tools(const uint8_t *data, size_t size);
#endif

enum { P_OPT, P_CUST, P_ACT, P_LEDGER, P_TASKS, P_REPS, P_POL, P_DEC,
	P_RULES, P_WEIGHTS, P_COUNT };
static const char *const names[P_COUNT] = { "opt", "customers.csv",
	"activities.csv", "ledger.csv", "tasks.csv", "reps.csv",
	"policies.csv", "decisions.csv", "rules.json", "weights.csv" };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path[P_COUNT];
	const char *list[P_COUNT][2];
	uint8_t opt;
	long as_of = crm_days_from_civil(2026, 11, 27);
	struct crm_input_opts in;
	struct crm_writer_opts wo;
	char *obuf = NULL;
	size_t olen = 0;
	FILE *out;

	if (size > 65536)
		return 0;
	opt = fuzz_tool_inputs(data, size, names, P_COUNT, path, list, &in,
	    &wo);
	out = open_memstream(&obuf, &olen);

	/* crm-stale: customers, activities, reps */
	if (path[P_CUST] != NULL) {
		struct crm_stale_opts o;
		struct crm_error err = CRM_ERROR_INIT;
		int st;

		memset(&o, 0, sizeof o);
		o.days = opt & 1 ? 0 : 90;
		o.as_of = as_of;
		o.tz = CRM_TZ_DEFAULT;
		o.by = (enum crm_group_by)(opt >> 1 & 3);
		if (o.by == CRM_BY_MANAGER && path[P_REPS] == NULL)
			o.by = CRM_BY_REP;
		o.activities = list[P_ACT][0] ? list[P_ACT] : NULL;
		o.reps = path[P_REPS];
		o.customers = list[P_CUST];
		o.input = in;
		o.out = wo;
		st = crm_stale_run(&o, out, &err);
		fuzz_status_ok("crm_stale_run", st, false, &err);
	}

	/* crm-score: activities, weights, reps */
	if (path[P_ACT] != NULL) {
		struct crm_score_opts o;
		struct crm_score_result res;
		struct crm_error err = CRM_ERROR_INIT;
		int st;

		memset(&o, 0, sizeof o);
		memset(&res, 0, sizeof res);
		o.weights = path[P_WEIGHTS];
		o.advance_weight = CRM_SCORE_ADVANCE_DEFAULT;
		o.by = (enum crm_group_by)(opt >> 1 & 3);
		if (o.by != CRM_BY_NONE && o.by != CRM_BY_REP &&
		    path[P_REPS] == NULL)
			o.by = CRM_BY_REP;
		o.reps = path[P_REPS];
		o.activities = list[P_ACT];
		o.tz = CRM_TZ_DEFAULT;
		o.input = in;
		o.out = wo;
		if (opt & 1) {
			/* the last complete week, with a trend */
			o.from = crm_week_last_complete(as_of);
			o.to = o.from + 6;
			o.week_window = true;
			o.trend = 1 + (opt >> 3 & 3);
		} else {
			o.from = crm_days_from_civil(2026, 1, 1);
			o.to = as_of;
			o.top = opt >> 3 & 3;
		}
		st = crm_score_run(&o, out, &res, &err);
		fuzz_status_ok("crm_score_run", st, false, &err);
		crm_score_result_free(&res);
	}

	/* crm-clcc: ledgers, customers for rep, region and tier */
	if (path[P_LEDGER] != NULL) {
		struct crm_clcc_opts o = CRM_CLCC_OPTS_INIT;
		struct crm_clcc_notes notes;
		struct crm_error err = CRM_ERROR_INIT;
		int st;

		memset(&notes, 0, sizeof notes);
		o.period = (enum crm_clcc_period)((opt >> 3 & 3) % 3);
		o.by = (enum crm_clcc_by)((opt >> 1 & 3) + (opt & 1));
		if (o.by >= CRM_CLCC_BY_REP && path[P_CUST] == NULL)
			o.by = CRM_CLCC_BY_CUSTOMER;
		o.lifetime = (opt & 0x40) != 0;
		o.ledgers = list[P_LEDGER];
		o.customers = list[P_CUST][0] ? list[P_CUST] : NULL;
		o.as_of = as_of;
		o.input = in;
		o.out = wo;
		st = crm_clcc_run(&o, out, &notes, &err);
		fuzz_status_ok("crm_clcc_run", st, false, &err);
	}

	/* crm-health: customers (with activities), tasks, policies,
	 * decisions, reps */
	if (path[P_CUST] != NULL || path[P_TASKS] != NULL ||
	    path[P_POL] != NULL || path[P_DEC] != NULL) {
		struct crm_health_opts o;
		struct crm_health_result res;
		struct crm_error err = CRM_ERROR_INIT;
		int st;

		memset(&o, 0, sizeof o);
		memset(&res, 0, sizeof res);
		o.customers = list[P_CUST][0] ? list[P_CUST] : NULL;
		o.activities = o.customers && list[P_ACT][0] ? list[P_ACT] : NULL;
		o.tasks = list[P_TASKS][0] ? list[P_TASKS] : NULL;
		o.policies = list[P_POL][0] ? list[P_POL] : NULL;
		o.decisions = list[P_DEC][0] ? list[P_DEC] : NULL;
		o.reps = path[P_REPS];
		o.by = (opt >> 1 & 1) ? CRM_BY_REGION : (opt >> 2 & 1) ?
		    CRM_BY_MANAGER : CRM_BY_NONE;
		if (o.reps == NULL && (o.by == CRM_BY_MANAGER ||
		    (o.by == CRM_BY_REGION && (o.tasks || o.decisions))))
			o.by = CRM_BY_NONE;
		o.as_of = as_of;
		o.window = opt & 1 ? 7 : 30;
		o.tz = CRM_TZ_DEFAULT;
		crm_health_thresholds_default(&o.thr);
		o.input = in;
		o.out = wo;
		st = crm_health_run(&o, out, &res, &err);
		fuzz_status_ok("crm_health_run", st, true, &err);
	}

	/* crm-rules: rules, customers, activities, tasks, reps */
	if (path[P_CUST] != NULL || path[P_ACT] != NULL ||
	    path[P_TASKS] != NULL) {
		struct crm_rules_opts o;
		struct crm_error err = CRM_ERROR_INIT;
		int st;

		memset(&o, 0, sizeof o);
		o.rules = path[P_RULES];
		o.customers = list[P_CUST][0] ? list[P_CUST] : NULL;
		o.activities = list[P_ACT][0] ? list[P_ACT] : NULL;
		o.tasks = list[P_TASKS][0] ? list[P_TASKS] : NULL;
		o.reps = path[P_REPS];
		o.fail_on = (enum crm_severity)(opt >> 3 & 1 ? CRM_SEV_AMBER :
		    CRM_SEV_RED);
		o.as_of = as_of;
		o.tz = CRM_TZ_DEFAULT;
		o.input = in;
		o.out = wo;
		st = crm_rules_run(&o, out, &err);
		fuzz_status_ok("crm_rules_run", st, true, &err);
	}
	fclose(out);
	free(obuf);
	return 0;
}
