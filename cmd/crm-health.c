/* crm-health - the management health self-test: freshness, task closure,
 * policy sync and decision basis, with a verdict each and a score; see
 * crm-health(1). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "health.h"

enum {
	OPT_CUSTOMERS = 0x2000, OPT_DECISIONS, OPT_FAIL_ON, OPT_LATENCY,
	OPT_POLICIES, OPT_RECORD, OPT_TASKS, OPT_THRESHOLDS, OPT_WINDOW
};

/* Print the usage to fp and exit with status. */
static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: %s [-jt] [-J jobs] [--customers F] [-a F] [--tasks F]\n"
	    "       [--policies F] [--decisions F] [-r F] [--db F] [--as-of DATE]\n"
	    "       [--window DAYS] [--thresholds F] [-b region|manager]\n"
	    "       [--fail-on watch|risk] [--record] [--latency]\n"
	    "  --customers FILE      customers (repeatable, as every input; '-' is stdin)\n"
	    "  -a, --activities FILE activities: touches for freshness\n"
	    "  -J, --jobs N          read the activities with N threads (default 1)\n"
	    "  --tasks FILE          tasks: on-time closure\n"
	    "  --policies FILE       policy receipts: sync latency and readings\n"
	    "  --decisions FILE      decisions: what they rest on\n"
	    "  -r, --reps FILE       reps: regions and managers for --by\n"
	    "  --db FILE             read inputs not given from this store\n"
	    "                        (default $CRM_DB)\n"
	    "  --window DAYS         tasks due, receipts published and decisions\n"
	    "                        made in the DAYS ending at --as-of (30)\n"
	    "  --thresholds FILE     JSON overriding the built-in thresholds\n"
	    "                        (share/thresholds.json)\n"
	    "  -b, --by GROUP        the table per region or manager, then overall\n"
	    "  --fail-on VERDICT     exit 1 when a check is at watch (or risk) or\n"
	    "                        worse\n"
	    "  --record              store the result in the store's health_runs,\n"
	    "                        replacing that of the same as-of date\n"
	    "  --latency             freshness also says how soon activities were\n"
	    "                        recorded (crm-pulse; reads them twice)\n"
	    "%s", crm_progname(), crm_common_usage());
	exit(status);
}

/* How many of the inputs are standard input: each can read it once. */
static int
stdin_users(const struct crm_health_opts *o, const char *thresholds)
{
	const char **lists[5] = { o->customers, o->activities, o->tasks,
	    o->policies, o->decisions };
	int n = 0;

	n += thresholds != NULL && strcmp(thresholds, "-") == 0;
	n += o->reps != NULL && strcmp(o->reps, "-") == 0;
	for (int i = 0; i < 5; i++)
		for (const char **p = lists[i]; p != NULL && *p != NULL; p++)
			n += strcmp(*p, "-") == 0;
	return n;
}

/* Options, then one call to crm_health_run() and the exit status. */
int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "activities", required_argument, NULL, 'a' },
		{ "by",         required_argument, NULL, 'b' },
		{ "customers",  required_argument, NULL, OPT_CUSTOMERS },
		{ "decisions",  required_argument, NULL, OPT_DECISIONS },
		{ "fail-on",    required_argument, NULL, OPT_FAIL_ON },
		{ "help",       no_argument,       NULL, 'h' },
		{ "jobs",       required_argument, NULL, 'J' },
		{ "policies",   required_argument, NULL, OPT_POLICIES },
		{ "latency",    no_argument,       NULL, OPT_LATENCY },
		{ "record",     no_argument,       NULL, OPT_RECORD },
		{ "reps",       required_argument, NULL, 'r' },
		{ "tasks",      required_argument, NULL, OPT_TASKS },
		{ "thresholds", required_argument, NULL, OPT_THRESHOLDS },
		{ "window",     required_argument, NULL, OPT_WINDOW },
		CRM_COMMON_LONGOPTS,
		{ NULL,         0,                 NULL, 0 }
	};
	const char *db, *thresholds = NULL;
	enum crm_verdict fail_on = CRM_VERDICT_NO_DATA;
	struct crm_common com = CRM_COMMON_INIT;
	struct crm_health_opts opts;
	struct crm_health_result res;
	struct crm_error err = CRM_ERROR_INIT;
	size_t nc = 0, na = 0, nt = 0, np = 0, nd = 0;
	int ch, status;

	crm_setprogname(argv[0]);
	memset(&opts, 0, sizeof opts);
	opts.window = 30;
	crm_health_thresholds_default(&opts.thr);
	while ((ch = getopt_long(argc, argv, "a:b:hJ:jr:t", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			crm_paths_add(&opts.activities, &na, argc, optarg);
			break;
		case 'b':
			if (strcmp(optarg, "region") == 0)
				opts.by = CRM_BY_REGION;
			else if (strcmp(optarg, "manager") == 0)
				opts.by = CRM_BY_MANAGER;
			else
				crm_errx(CRM_EXIT_ERROR,
				    "--by: expected region or manager, got '%s'",
				    optarg);
			break;
		case OPT_CUSTOMERS:
			crm_paths_add(&opts.customers, &nc, argc, optarg);
			break;
		case OPT_DECISIONS:
			crm_paths_add(&opts.decisions, &nd, argc, optarg);
			break;
		case OPT_FAIL_ON:
			if (strcmp(optarg, "watch") == 0)
				fail_on = CRM_VERDICT_WATCH;
			else if (strcmp(optarg, "risk") == 0)
				fail_on = CRM_VERDICT_RISK;
			else
				crm_errx(CRM_EXIT_ERROR,
				    "--fail-on: expected watch or risk, got '%s'",
				    optarg);
			break;
		case 'h':
			usage(stdout, CRM_EXIT_OK);
		case 'J':
			crm_jobs_take(optarg);
			break;
		case OPT_POLICIES:
			crm_paths_add(&opts.policies, &np, argc, optarg);
			break;
		case OPT_LATENCY:
			opts.latency = true;
			break;
		case OPT_RECORD:
			opts.record = true;
			break;
		case 'r':
			opts.reps = optarg;
			break;
		case OPT_TASKS:
			crm_paths_add(&opts.tasks, &nt, argc, optarg);
			break;
		case OPT_THRESHOLDS:
			thresholds = optarg;
			break;
		case OPT_WINDOW:
			if (crm_parse_long(optarg, 1, 36500, &opts.window) == -1)
				crm_errx(CRM_EXIT_ERROR,
				    "--window: expected 1 to 36500 days, got '%s'",
				    optarg);
			break;
		default:
			if (!crm_common_take(&com, ch, optarg))
				usage(stderr, CRM_EXIT_ERROR);
		}
	}
	if (optind < argc) {
		crm_warnx("unexpected argument '%s': name inputs with --customers, "
		    "--tasks, ...", argv[optind]);
		usage(stderr, CRM_EXIT_ERROR);
	}
	crm_common_done(&com);
	db = com.input.db;
	opts.input = com.input;
	if (opts.record && db == NULL)
		crm_errx(CRM_EXIT_ERROR, "--record needs --db FILE (or CRM_DB)");
	if (db != NULL) {
		/* the store fills in whatever no file was given for */
		if (opts.customers == NULL)
			opts.customers = crm_store_paths(CRM_KIND_CUSTOMERS);
		if (opts.activities == NULL)
			opts.activities = crm_store_paths(CRM_KIND_ACTIVITIES);
		if (opts.tasks == NULL)
			opts.tasks = crm_store_paths(CRM_KIND_TASKS);
		if (opts.policies == NULL)
			opts.policies = crm_store_paths(CRM_KIND_POLICIES);
		if (opts.decisions == NULL)
			opts.decisions = crm_store_paths(CRM_KIND_DECISIONS);
		if (opts.reps == NULL && opts.by != CRM_BY_NONE)
			opts.reps = "@reps";
	}
	if (opts.customers == NULL && opts.tasks == NULL &&
	    opts.policies == NULL && opts.decisions == NULL)
		crm_errx(CRM_EXIT_ERROR, "no input: give --db FILE, or --customers, "
		    "--tasks, --policies or --decisions");
	if (opts.activities != NULL && opts.customers == NULL)
		crm_errx(CRM_EXIT_ERROR, "--activities needs --customers");
	if (opts.reps == NULL && (opts.by == CRM_BY_MANAGER ||
	    (opts.by == CRM_BY_REGION && (opts.tasks != NULL ||
	    opts.decisions != NULL))))
		crm_errx(CRM_EXIT_ERROR, "--by %s needs --reps FILE%s",
		    opts.by == CRM_BY_MANAGER ? "manager" : "region",
		    opts.by == CRM_BY_MANAGER ? "" :
		    " (tasks and decisions are grouped by their rep's region)");
	opts.db = db;
	opts.as_of = com.as_of;
	opts.tz = com.tz;
	opts.out = com.out;
	if (stdin_users(&opts, thresholds) > 1)
		crm_errx(CRM_EXIT_ERROR, "standard input can be read once: give "
		    "'-' to only one input");
	if (opts.latency && stdin_users(&opts, thresholds) > 0)
		crm_errx(CRM_EXIT_ERROR, "--latency reads the activities a second "
		    "time: give files or the store, not standard input");
	if (thresholds != NULL &&
	    crm_health_thresholds_load(thresholds, &opts.thr, &err) == -1) {
		crm_warn_error(&err);
		status = CRM_EXIT_ERROR;
	} else {
		/* --latency reads the activities twice: say what is in them once */
		crm_warn_once(opts.latency);
		status = crm_health_run(&opts, stdout, &res, &err);
		if (res.unknown > 0)
			crm_warnx("%ld records have a rep or manager missing "
			    "from the reps file; they are grouped as (unknown)",
			    res.unknown);
		if (status != CRM_EXIT_OK)
			crm_warn_error(&err);
		else if (fail_on != CRM_VERDICT_NO_DATA && res.worst >= fail_on)
			status = CRM_EXIT_FINDING;
	}
	free(opts.customers == crm_store_paths(CRM_KIND_CUSTOMERS) ? NULL : opts.customers);
	free(opts.activities == crm_store_paths(CRM_KIND_ACTIVITIES) ? NULL : opts.activities);
	free(opts.tasks == crm_store_paths(CRM_KIND_TASKS) ? NULL : opts.tasks);
	free(opts.policies == crm_store_paths(CRM_KIND_POLICIES) ? NULL : opts.policies);
	free(opts.decisions == crm_store_paths(CRM_KIND_DECISIONS) ? NULL : opts.decisions);
	return crm_close_stdout(status);
}
