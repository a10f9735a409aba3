/* crm-check - a data-quality gate for exports, made for CI: read them with
 * crm-import's rules, write nothing but a report; see crm-check(1). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"

/* Print the usage on fp and exit with status. */
static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: %s [-k kind] [--schema-only] [--max-reject-rate P]\n"
	    "       [--max-age HOURS] [--format text|tap|junit] [--as-of DATE]\n"
	    "       [--db FILE] file ...\n"
	    "  -k, --kind KIND         customers, activities, reps, tasks, ledger,\n"
	    "                          policies, decisions, stock, sales, members\n"
	    "                          or shipments (default: detected)\n"
	    "  --schema-only           check the headers only, read no rows\n"
	    "  --max-reject-rate P     fail when more than P%% of a file's records\n"
	    "                          are rejected (default 0)\n"
	    "  --max-age HOURS         fail when a file's newest timestamp is older\n"
	    "  --format F              text (default), tap or junit\n"
	    "  --db FILE               the store's customers and reps are known\n"
	    "                          too (default $CRM_DB)\n"
	    "  --as-of DATE|TIME       measure ages at the end of DATE, or at TIME\n"
	    "                          (default: now)\n"
	    "  --tz OFFSET             team zone for times without one (+08:00)\n"
	    "  --encoding E            auto, utf-8, gb18030 or utf-16 (default auto)\n"
	    "  --delimiter C           CSV input delimiter (default: comma or tab)\n"
	    "  --max-field-bytes N, --max-record-bytes N, --max-columns N,\n"
	    "  --max-quoted-lines N    input limits (see crm(7))\n"
	    "  -h, --help              print this help and exit\n",
	    crm_progname());
	exit(status);
}

enum { OPT_FORMAT = 0x2000, OPT_MAX_AGE, OPT_MAX_REJECT_RATE,
	OPT_SCHEMA_ONLY };

/* Parse the options, resolve the as-of instant, run the checks. */
int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "format",          required_argument, NULL, OPT_FORMAT },
		{ "help",            no_argument,       NULL, 'h' },
		{ "kind",            required_argument, NULL, 'k' },
		{ "max-age",         required_argument, NULL, OPT_MAX_AGE },
		{ "max-reject-rate", required_argument, NULL, OPT_MAX_REJECT_RATE },
		{ "schema-only",     no_argument,       NULL, OPT_SCHEMA_ONLY },
		CRM_COMMON_LONGOPTS,
		{ NULL,              0,                 NULL, 0 }
	};
	struct crm_common com = CRM_COMMON_INIT;
	struct crm_check_opts opts = CRM_CHECK_OPTS_INIT;
	struct crm_error err = CRM_ERROR_INIT;
	const char *as_of = NULL, *today = getenv("CRM_TODAY");
	struct crm_time t;
	long hours, day;
	int ch, status;

	crm_setprogname(argv[0]);
	while ((ch = getopt_long(argc, argv, "hk:", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_FORMAT:
			if (strcmp(optarg, "text") == 0)
				opts.format = CRM_CHECK_TEXT;
			else if (strcmp(optarg, "tap") == 0)
				opts.format = CRM_CHECK_TAP;
			else if (strcmp(optarg, "junit") == 0)
				opts.format = CRM_CHECK_JUNIT;
			else
				crm_errx(CRM_EXIT_ERROR, "--format: expected text, tap "
				    "or junit, got '%s'", optarg);
			break;
		case 'h':
			usage(stdout, CRM_EXIT_OK);
		case 'k':
			if ((opts.kind = crm_kind_parse(optarg)) == CRM_KIND_NONE)
				crm_errx(CRM_EXIT_ERROR, "--kind: expected %s, got "
				    "'%s'", crm_kind_names(), optarg);
			break;
		case OPT_MAX_AGE:
			if (crm_parse_long(optarg, 0, 876000, &hours) == -1)
				crm_errx(CRM_EXIT_ERROR, "--max-age: expected hours "
				    "from 0 to 876000, got '%s'", optarg);
			opts.max_age = hours * 3600;
			break;
		case OPT_MAX_REJECT_RATE:
			if (crm_check_parse_rate(optarg, &opts.max_reject) == -1)
				crm_errx(CRM_EXIT_ERROR, "--max-reject-rate: expected a "
				    "percentage from 0 to 100, got '%s'", optarg);
			break;
		case OPT_SCHEMA_ONLY:
			opts.schema_only = true;
			break;
		case CRM_OPT_AS_OF:
			as_of = optarg;		/* a date or a time: after --tz */
			break;
		case 'j':
		case 't':
		case CRM_OPT_BOM:
		case CRM_OPT_RAW:
		case CRM_OPT_STRICT:
			crm_errx(CRM_EXIT_ERROR, "%s: not for crm-check, which "
			    "writes a report (see --format) and reads every record",
			    argv[optind - 1]);
		default:
			if (!crm_common_take(&com, ch, optarg))
				usage(stderr, CRM_EXIT_ERROR);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		usage(stderr, CRM_EXIT_ERROR);
	com.as_of_arg = as_of;		/* resolved below, not from today */
	crm_common_done(&com);
	/* this tool opens the store itself: its file arguments stay files,
	 * even one whose name begins with '@' */
	opts.db = com.input.db;
	com.input.db = NULL;
	/* a date means the end of that day in the team zone */
	if (as_of != NULL && crm_date_parse(as_of, &day) == 0)
		opts.as_of = ((int64_t)day + 1) * 86400 - com.tz;
	else if (as_of != NULL && crm_time_parse(as_of, com.tz, &t) == 0)
		opts.as_of = t.t;
	else if (as_of != NULL)
		crm_errx(CRM_EXIT_ERROR, "--as-of: not a date or time '%s' (use "
		    "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)", as_of);
	else if (today != NULL && *today != '\0' &&
	    crm_today(com.tz, &day, &err) == 0)
		opts.as_of = ((int64_t)day + 1) * 86400 - com.tz;
	else if (today != NULL && *today != '\0')
		crm_errx(CRM_EXIT_ERROR, "%s", err.msg);
	else
		opts.as_of = (int64_t)time(NULL);
	opts.tz = com.tz;
	opts.input = com.input;
	opts.files = (const char **)argv;

	status = crm_check_run(&opts, stdout, &err);
	if (status == CRM_EXIT_ERROR)
		crm_warn_error(&err);
	return crm_close_stdout(status);
}
