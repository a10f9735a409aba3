/* crm-hotlist - the decision heat map: key accounts whose contract ends
 * within a week and whose competitors keep coming up; see crm-hotlist(1). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "rules.h"

enum {
	OPT_COMPETITORS = 0x2000, OPT_CUSTOMERS, OPT_LOOKBACK,
	OPT_MENTIONS, OPT_WITHIN
};

/* Print the usage to fp and exit with status. */
static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: %s [-jt] [-J jobs] [--customers F] [-a F] [--db F] [--as-of DATE]\n"
	    "       [--within DAYS] [--mentions N] [--lookback DAYS]\n"
	    "       [--competitors F] [-b region]\n"
	    "  --customers FILE      customers (repeatable; '-' is stdin)\n"
	    "  -a, --activities FILE activities: competitor mentions, last touch\n"
	    "  -J, --jobs N          read the activities with N threads (default 1)\n"
	    "  --db FILE             read inputs not given from this store\n"
	    "                        (default $CRM_DB)\n"
	    "  --within DAYS         contracts ending from tomorrow to DAYS ahead (7)\n"
	    "  --mentions N          at least N competitor mentions (2)\n"
	    "  --lookback DAYS       mentions in the last DAYS days (90)\n"
	    "  --competitors FILE    competitor names, one pattern a line, matched\n"
	    "                        in notes without regard to case\n"
	    "  -b, --by region       the heat map: regions by days left\n"
	    "%s%s", crm_progname(), crm_pattern_usage(), crm_common_usage());
	exit(status);
}

/* Options, then one call to crm_hotlist_run() and the exit status. */
int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "activities",  required_argument, NULL, 'a' },
		{ "by",          required_argument, NULL, 'b' },
		{ "competitors", required_argument, NULL, OPT_COMPETITORS },
		{ "customers",   required_argument, NULL, OPT_CUSTOMERS },
		{ "help",        no_argument,       NULL, 'h' },
		{ "jobs",        required_argument, NULL, 'J' },
		{ "lookback",    required_argument, NULL, OPT_LOOKBACK },
		{ "mentions",    required_argument, NULL, OPT_MENTIONS },
		{ "within",      required_argument, NULL, OPT_WITHIN },
		CRM_COMMON_LONGOPTS,
		CRM_PATTERN_LONGOPTS,
		{ NULL,          0,                 NULL, 0 }
	};
	const char *db;
	struct crm_common com = CRM_COMMON_INIT;
	struct crm_hotlist_opts opts;
	struct crm_error err = CRM_ERROR_INIT;
	const char **cust = NULL, **acts = NULL;
	size_t nc = 0, na = 0;
	int ch, status;

	crm_setprogname(argv[0]);
	memset(&opts, 0, sizeof opts);
	opts.within = 7;
	opts.mentions = 2;
	opts.lookback = 90;
	while ((ch = getopt_long(argc, argv, "a:b:hJ:jt", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			crm_paths_add(&acts, &na, argc, optarg);
			break;
		case 'b':
			if (strcmp(optarg, "region") != 0)
				crm_errx(CRM_EXIT_ERROR,
				    "--by: expected region, got '%s'", optarg);
			opts.by_region = true;
			break;
		case OPT_COMPETITORS:
			opts.competitors = optarg;
			break;
		case OPT_CUSTOMERS:
			crm_paths_add(&cust, &nc, argc, optarg);
			break;
		case 'h':
			usage(stdout, CRM_EXIT_OK);
		case 'J':
			crm_jobs_take(optarg);
			break;
		case OPT_LOOKBACK:
			if (crm_parse_long(optarg, 0, 36500, &opts.lookback) == -1)
				crm_errx(CRM_EXIT_ERROR,
				    "--lookback: expected 0 to 36500, got '%s'",
				    optarg);
			break;
		case OPT_MENTIONS:
			if (crm_parse_long(optarg, 0, 1000000, &opts.mentions) == -1)
				crm_errx(CRM_EXIT_ERROR,
				    "--mentions: expected 0 to 1000000, got '%s'",
				    optarg);
			break;
		case OPT_WITHIN:
			if (crm_parse_long(optarg, 1, 36500, &opts.within) == -1)
				crm_errx(CRM_EXIT_ERROR,
				    "--within: expected 1 to 36500, got '%s'",
				    optarg);
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
	if (db != NULL) {
		if (cust == NULL)
			opts.customers = crm_store_paths(CRM_KIND_CUSTOMERS);
		if (acts == NULL)
			opts.activities = crm_store_paths(CRM_KIND_ACTIVITIES);
	}
	if (opts.customers == NULL)
		crm_errx(CRM_EXIT_ERROR, "no customers: give --customers or --db");

	status = crm_hotlist_run(&opts, stdout, &err);
	if (status == CRM_EXIT_ERROR)
		crm_warn_error(&err);
	free(cust);
	free(acts);
	return crm_close_stdout(status);
}
