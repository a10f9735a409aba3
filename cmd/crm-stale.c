/* crm-stale - list customers nobody has touched for N days, or the stale
 * share of each region, rep or manager; see crm-stale(1). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: %s [-jt] [-a activities]... [-b rep|region|manager] [-d days]\n"
	    "       [-J jobs] [-r reps] [--db FILE] [--as-of DATE] [customers ...]\n"
	    "  -a, --activities FILE  activities (repeatable; '-' is stdin)\n"
	    "  -b, --by GROUP         summary per rep, region or manager\n"
	    "  -d, --days N           stale when days since last touch > N (90)\n"
	    "  --db FILE              read records from this store (default $CRM_DB)\n"
	    "  -J, --jobs N           read the activities with N threads (default 1)\n"
	    "  -r, --reps FILE        reps (names, managers; needed by --by manager)\n"
	    "%s", crm_progname(), crm_common_usage());
	exit(status);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "activities", required_argument, NULL, 'a' },
		{ "by",         required_argument, NULL, 'b' },
		{ "days",       required_argument, NULL, 'd' },
		{ "help",       no_argument,       NULL, 'h' },
		{ "jobs",       required_argument, NULL, 'J' },
		{ "reps",       required_argument, NULL, 'r' },
		CRM_COMMON_LONGOPTS,
		{ NULL,         0,                 NULL, 0 }
	};
	static const char *stdin_only[] = { "-", NULL };
	const char *db;
	struct crm_common com = CRM_COMMON_INIT;
	struct crm_stale_opts opts;
	struct crm_error err = CRM_ERROR_INIT;
	const char **acts;
	size_t nacts = 0;
	int ch, status;

	crm_setprogname(argv[0]);
	memset(&opts, 0, sizeof opts);
	opts.days = 90;
	acts = crm_xmalloc((size_t)argc * sizeof *acts);
	while ((ch = getopt_long(argc, argv, "a:b:d:hJ:jr:t", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			acts[nacts++] = optarg;
			break;
		case 'b':
			if (strcmp(optarg, "rep") == 0)
				opts.by = CRM_BY_REP;
			else if (strcmp(optarg, "region") == 0)
				opts.by = CRM_BY_REGION;
			else if (strcmp(optarg, "manager") == 0)
				opts.by = CRM_BY_MANAGER;
			else
				crm_errx(CRM_EXIT_ERROR,
				    "--by: expected rep, region or manager, got '%s'",
				    optarg);
			break;
		case 'd':
			if (crm_parse_long(optarg, 0, 36500, &opts.days) == -1)
				crm_errx(CRM_EXIT_ERROR,
				    "--days: expected 0 to 36500, got '%s'", optarg);
			break;
		case 'h':
			usage(stdout, CRM_EXIT_OK);
		case 'J':
			crm_jobs_take(optarg);
			break;
		case 'r':
			opts.reps = optarg;
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
	acts[nacts] = NULL;
	if (opts.by == CRM_BY_MANAGER && opts.reps == NULL &&
	    db == NULL)
		crm_errx(CRM_EXIT_ERROR, "--by manager needs --reps FILE");
	opts.as_of = com.as_of;
	opts.tz = com.tz;
	opts.input = com.input;
	opts.out = com.out;
	opts.activities = nacts > 0 ? acts : NULL;
	opts.customers = argc > 0 ? (const char **)argv : stdin_only;
	if (db != NULL) {
		/* the store fills in whatever no file was given for */
		if (argc == 0)
			opts.customers = crm_store_paths(CRM_KIND_CUSTOMERS);
		if (nacts == 0)
			opts.activities = crm_store_paths(CRM_KIND_ACTIVITIES);
		if (opts.reps == NULL && opts.by != CRM_BY_NONE &&
		    opts.by != CRM_BY_REGION)
			opts.reps = "@reps";
	}

	status = crm_stale_run(&opts, stdout, &err);
	if (status == CRM_EXIT_ERROR)
		crm_warn_error(&err);
	free(acts);
	return crm_close_stdout(status);
}
