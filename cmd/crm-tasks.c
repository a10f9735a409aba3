/* crm-tasks - roll tasks up the reps hierarchy under anyone, three levels
 * down, or list them with their evidence; see crm-tasks(1). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "rules.h"

enum { OPT_DEPTH = 0x2000, OPT_LIST, OPT_UNDER };

/* Print the usage to fp and exit with status. */
static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: %s [-jt] [-r reps] [--under REP] [--depth N] [--list]\n"
	    "       [--db F] [--as-of DATE] [tasks ...]\n"
	    "  -r, --reps FILE       reps: the hierarchy (needed, or --db)\n"
	    "  --under REP           start from this rep (default: every top)\n"
	    "  --depth N             levels of reports below (default 3)\n"
	    "  --list                list the tasks instead of the roll-up\n"
	    "  --db FILE             read tasks and reps not given from this store\n"
	    "                        (default $CRM_DB)\n"
	    "%s", crm_progname(), crm_common_usage());
	exit(status);
}

/* Options, then one call to crm_tasks_run() and the exit status. */
int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "depth", required_argument, NULL, OPT_DEPTH },
		{ "help",  no_argument,       NULL, 'h' },
		{ "list",  no_argument,       NULL, OPT_LIST },
		{ "reps",  required_argument, NULL, 'r' },
		{ "under", required_argument, NULL, OPT_UNDER },
		CRM_COMMON_LONGOPTS,
		{ NULL,    0,                 NULL, 0 }
	};
	static const char *stdin_only[] = { "-", NULL };
	const char *db;
	struct crm_common com = CRM_COMMON_INIT;
	struct crm_tasks_opts opts;
	struct crm_error err = CRM_ERROR_INIT;
	int ch, status;

	crm_setprogname(argv[0]);
	memset(&opts, 0, sizeof opts);
	opts.depth = 3;
	while ((ch = getopt_long(argc, argv, "hjr:t", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_DEPTH:
			if (crm_parse_long(optarg, 0, 100, &opts.depth) == -1)
				crm_errx(CRM_EXIT_ERROR,
				    "--depth: expected 0 to 100, got '%s'", optarg);
			break;
		case 'h':
			usage(stdout, CRM_EXIT_OK);
		case OPT_LIST:
			opts.list = true;
			break;
		case 'r':
			opts.reps = optarg;
			break;
		case OPT_UNDER:
			opts.under = optarg;
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
	opts.as_of = com.as_of;
	opts.tz = com.tz;
	opts.input = com.input;
	opts.out = com.out;
	opts.tasks = argc > 0 ? (const char **)argv : stdin_only;
	if (db != NULL) {
		if (argc == 0)
			opts.tasks = crm_store_paths(CRM_KIND_TASKS);
		if (opts.reps == NULL)
			opts.reps = "@reps";
	}
	if (opts.reps == NULL)
		crm_errx(CRM_EXIT_ERROR, "the hierarchy is needed: give --reps "
		    "FILE or --db");

	status = crm_tasks_run(&opts, stdout, &err);
	if (status == CRM_EXIT_ERROR)
		crm_warn_error(&err);
	return crm_close_stdout(status);
}
