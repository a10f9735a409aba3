/* crm-clcc - customer lifecycle cost (acquisition + service + failure
 * cost, divided by gross margin) per group and period, and its change
 * rate; see crm-clcc(1). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clcc.h"

/* Print the usage on fp and exit with status. */
static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: %s [-jlt] [-b customer|rep|region|tier] [-c customers]...\n"
	    "       [-J jobs] [-p month|quarter|year] [--db FILE] [--as-of DATE]\n"
	    "       [ledger ...]\n"
	    "  -b, --by GROUP         rows per customer, rep, region or tier\n"
	    "                         (default: one group, 'all')\n"
	    "  -c, --customers FILE   customers: rep_id, region, tier (needed by\n"
	    "                         --by rep|region|tier; repeatable)\n"
	    "  --db FILE              read the ledger and customers from this store\n"
	    "                         when no file is given (default $CRM_DB)\n"
	    "  -J, --jobs N           read the ledgers with N threads (default 1)\n"
	    "  -l, --lifetime         life-to-date values at each period\n"
	    "  -p, --period PERIOD    month (default), quarter or year\n"
	    "%s", crm_progname(), crm_common_usage());
	exit(status);
}

/* Parse the options, run crm_clcc_run(), say what it noted, exit 0 or 2. */
int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "by",        required_argument, NULL, 'b' },
		{ "customers", required_argument, NULL, 'c' },
		{ "help",      no_argument,       NULL, 'h' },
		{ "jobs",      required_argument, NULL, 'J' },
		{ "lifetime",  no_argument,       NULL, 'l' },
		{ "period",    required_argument, NULL, 'p' },
		CRM_COMMON_LONGOPTS,
		{ NULL,        0,                 NULL, 0 }
	};
	struct crm_common com = CRM_COMMON_INIT;
	struct crm_clcc_opts opts = CRM_CLCC_OPTS_INIT;
	struct crm_clcc_notes notes;
	struct crm_error err = CRM_ERROR_INIT;
	const char *db;
	const char **custs;
	size_t ncusts = 0;
	int ch, status;

	crm_setprogname(argv[0]);
	custs = crm_xmalloc(((size_t)argc + 2) * sizeof *custs);
	while ((ch = getopt_long(argc, argv, "b:c:hJ:jlp:t", longopts, NULL)) != -1) {
		switch (ch) {
		case 'b':
			if (strcmp(optarg, "customer") == 0)
				opts.by = CRM_CLCC_BY_CUSTOMER;
			else if (strcmp(optarg, "rep") == 0)
				opts.by = CRM_CLCC_BY_REP;
			else if (strcmp(optarg, "region") == 0)
				opts.by = CRM_CLCC_BY_REGION;
			else if (strcmp(optarg, "tier") == 0)
				opts.by = CRM_CLCC_BY_TIER;
			else
				crm_errx(CRM_EXIT_ERROR, "--by: expected customer, "
				    "rep, region or tier, got '%s'", optarg);
			break;
		case 'c':
			custs[ncusts++] = optarg;
			break;
		case 'h':
			usage(stdout, CRM_EXIT_OK);
		case 'J':
			crm_jobs_take(optarg);
			break;
		case 'l':
			opts.lifetime = true;
			break;
		case 'p':
			if (strcmp(optarg, "month") == 0)
				opts.period = CRM_PERIOD_MONTH;
			else if (strcmp(optarg, "quarter") == 0)
				opts.period = CRM_PERIOD_QUARTER;
			else if (strcmp(optarg, "year") == 0)
				opts.period = CRM_PERIOD_YEAR;
			else
				crm_errx(CRM_EXIT_ERROR, "--period: expected month, "
				    "quarter or year, got '%s'", optarg);
			break;
		default:
			if (!crm_common_take(&com, ch, optarg))
				usage(stderr, CRM_EXIT_ERROR);
		}
	}
	argc -= optind;
	argv += optind;
	crm_common_done(&com);
	db = com.input.db;
	if (db != NULL) {
		/* the store fills in whatever no file was given for */
		if (ncusts == 0)
			custs[ncusts++] = "@customers";
	}
	custs[ncusts] = NULL;
	if (opts.by >= CRM_CLCC_BY_REP && ncusts == 0)
		crm_errx(CRM_EXIT_ERROR, "--by %s needs --customers FILE",
		    opts.by == CRM_CLCC_BY_REP ? "rep" :
		    opts.by == CRM_CLCC_BY_REGION ? "region" : "tier");
	opts.as_of = com.as_of;
	opts.tz = com.tz;
	opts.input = com.input;
	opts.out = com.out;
	opts.customers = custs;
	opts.ledgers = argc > 0 ? (const char **)argv :
	    com.input.db != NULL ? crm_store_paths(CRM_KIND_LEDGER) : NULL;

	status = crm_clcc_run(&opts, stdout, &notes, &err);
	if (notes.future > 0)
		crm_warnx("%ld ledger entries are dated after the as-of date "
		    "and were ignored", notes.future);
	if (notes.unknown > 0)
		crm_warnx("%ld ledger entries name customers missing from the "
		    "customers file (e.g. '%s'); they are grouped as (unknown)",
		    notes.unknown, notes.unknown_ex);
	if (notes.other_sub > 0)
		crm_warnx("%ld failure entries have an unknown sub_kind "
		    "(e.g. '%s'); they are counted in failure_other",
		    notes.other_sub, notes.other_sub_ex);
	if (status == CRM_EXIT_ERROR)
		crm_warn_error(&err);
	free(custs);
	return crm_close_stdout(status);
}
