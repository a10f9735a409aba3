/* crm-rules - check the process rules of a rule file (first touch within
 * 72 hours, order sequences, GSP evidence, overdue-task escalation) and
 * list every violation; see crm-rules(1) and crm-rules(5). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "rules.h"

enum { OPT_CUSTOMERS = 0x2000, OPT_FAIL_ON, OPT_RULES, OPT_TASKS };

/* Print the usage to fp and exit with status. */
static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: %s [-jt] [-J jobs] [--rules F] [--customers F] [-a F]\n"
	    "       [--tasks F] [-r F] [--db F] [--as-of DATE] [--fail-on red|amber]\n"
	    "  --rules FILE          the rule file (default: the built-in rules,\n"
	    "                        share/rules.json)\n"
	    "  --customers FILE      customers (repeatable, as every input; '-' is stdin)\n"
	    "  -a, --activities FILE activities: touches, order steps, evidence\n"
	    "  -J, --jobs N          read the activities with N threads (default 1)\n"
	    "  --tasks FILE          tasks: overdue escalation\n"
	    "  -r, --reps FILE       reps: who is notified, up the hierarchy\n"
	    "  --db FILE             read inputs not given from this store\n"
	    "                        (default $CRM_DB)\n"
	    "  --fail-on SEVERITY    exit 1 when a violation is red (or amber\n"
	    "                        and worse)\n"
	    "%s%s", crm_progname(), crm_pattern_usage(), crm_common_usage());
	exit(status);
}

/* Options, then one call to crm_rules_run() and the exit status. */
int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "activities", required_argument, NULL, 'a' },
		{ "customers",  required_argument, NULL, OPT_CUSTOMERS },
		{ "fail-on",    required_argument, NULL, OPT_FAIL_ON },
		{ "help",       no_argument,       NULL, 'h' },
		{ "jobs",       required_argument, NULL, 'J' },
		{ "reps",       required_argument, NULL, 'r' },
		{ "rules",      required_argument, NULL, OPT_RULES },
		{ "tasks",      required_argument, NULL, OPT_TASKS },
		CRM_COMMON_LONGOPTS,
		CRM_PATTERN_LONGOPTS,
		{ NULL,         0,                 NULL, 0 }
	};
	const char *db;
	struct crm_common com = CRM_COMMON_INIT;
	struct crm_rules_opts opts;
	struct crm_error err = CRM_ERROR_INIT;
	const char **cust = NULL, **acts = NULL, **tasks = NULL;
	size_t nc = 0, na = 0, nt = 0;
	int ch, status;

	crm_setprogname(argv[0]);
	memset(&opts, 0, sizeof opts);
	while ((ch = getopt_long(argc, argv, "a:hJ:jr:t", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			crm_paths_add(&acts, &na, argc, optarg);
			break;
		case OPT_CUSTOMERS:
			crm_paths_add(&cust, &nc, argc, optarg);
			break;
		case OPT_FAIL_ON:
			if (strcmp(optarg, "red") == 0)
				opts.fail_on = CRM_SEV_RED;
			else if (strcmp(optarg, "amber") == 0)
				opts.fail_on = CRM_SEV_AMBER;
			else
				crm_errx(CRM_EXIT_ERROR,
				    "--fail-on: expected red or amber, got '%s'",
				    optarg);
			break;
		case 'h':
			usage(stdout, CRM_EXIT_OK);
		case 'J':
			crm_jobs_take(optarg);
			break;
		case 'r':
			opts.reps = optarg;
			break;
		case OPT_RULES:
			opts.rules = optarg;
			break;
		case OPT_TASKS:
			crm_paths_add(&tasks, &nt, argc, optarg);
			break;
		default:
			if (!crm_pattern_take(ch, optarg) &&
			    !crm_common_take(&com, ch, optarg))
				usage(stderr, CRM_EXIT_ERROR);
		}
	}
	if (optind < argc)
		usage(stderr, CRM_EXIT_ERROR);
	crm_common_done(&com);
	db = com.input.db;
	opts.as_of = com.as_of;
	opts.tz = com.tz;
	opts.input = com.input;
	opts.out = com.out;
	opts.customers = cust;
	opts.activities = acts;
	opts.tasks = tasks;
	if (db != NULL) {
		/* the store fills in whatever no file was given for */
		if (cust == NULL)
			opts.customers = crm_store_paths(CRM_KIND_CUSTOMERS);
		if (acts == NULL)
			opts.activities = crm_store_paths(CRM_KIND_ACTIVITIES);
		if (tasks == NULL)
			opts.tasks = crm_store_paths(CRM_KIND_TASKS);
		if (opts.reps == NULL)
			opts.reps = "@reps";
	}
	if (opts.customers == NULL && opts.activities == NULL &&
	    opts.tasks == NULL)
		crm_errx(CRM_EXIT_ERROR, "no input: give --customers, "
		    "--activities, --tasks or --db");

	status = crm_rules_run(&opts, stdout, &err);
	if (status == CRM_EXIT_ERROR)
		crm_warn_error(&err);
	free(cust);
	free(acts);
	free(tasks);
	return crm_close_stdout(status);
}
