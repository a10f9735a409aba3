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

#include "tools.h"

#ifdef FUZZ_NAMESPACED
#define LLVMFuzzerTestOneInput fuzz_tools
int fuzz_tools(const uint8_t *data, size_t size);
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct {
		const char *name;
		int (*run)(struct fuzz_job *, FILE *, struct crm_error *);
		bool finding;		/* may return CRM_EXIT_FINDING */
	} tools[] = {
		{ "crm_stale_run", fuzz_stale, false },
		{ "crm_score_run", fuzz_score, false },
		{ "crm_clcc_run", fuzz_clcc, false },
		{ "crm_health_run", fuzz_health, true },
		{ "crm_rules_run", fuzz_rules_run, true },
	};
	struct fuzz_job j;
	char *obuf = NULL;
	size_t olen = 0;
	FILE *out;

	if (size > 65536)
		return 0;
	fuzz_job_init(&j, data, size);
	out = open_memstream(&obuf, &olen);
	for (size_t i = 0; i < sizeof tools / sizeof tools[0]; i++) {
		struct crm_error err = CRM_ERROR_INIT;
		int st;

		/* each tool when its inputs are there */
		if (i == 0 && j.path[P_CUST] == NULL)
			continue;
		if (i == 1 && j.path[P_ACT] == NULL)
			continue;
		if (i == 2 && j.path[P_LEDGER] == NULL)
			continue;
		if (i == 3 && j.path[P_CUST] == NULL &&
		    j.path[P_TASKS] == NULL && j.path[P_POL] == NULL &&
		    j.path[P_DEC] == NULL)
			continue;
		if (i == 4 && j.path[P_CUST] == NULL &&
		    j.path[P_ACT] == NULL && j.path[P_TASKS] == NULL)
			continue;
		st = tools[i].run(&j, out, &err);
		fuzz_status_ok(tools[i].name, st, tools[i].finding, &err);
	}
	fclose(out);
	free(obuf);
	return 0;
}
