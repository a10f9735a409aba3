/* crm-report - the weekly report (health, freshness, the Top 10, CLCC,
 * the heat map, rules, tasks, the area board, latency, churn, intent)
 * from the store, as HTML, XLSX or Markdown; see crm-report(1). */
#include <sys/types.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "report.h"
#include "score.h"

enum { OPT_FORMAT = 0x2000, OPT_WEEK };

/* Print the usage to fp and exit with status. */
static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: %s [--db FILE] [--as-of DATE] [--week YYYY-Www]\n"
	    "       [--format html|xlsx|md] [-o FILE]\n"
	    "  --db FILE             the store to report on (default $CRM_DB)\n"
	    "  --week YYYY-Www       the report's ISO week: the Top 10, latency\n"
	    "                        and intent (default: the week of --as-of)\n"
	    "  --format FORMAT       html, xlsx or md (default: from the -o\n"
	    "                        suffix, else html)\n"
	    "  -o, --output FILE     write FILE, whole or not at all (default:\n"
	    "                        standard output)\n"
	    "%s", crm_progname(), crm_common_usage());
	exit(status);
}

/* Options, the report, then writing it. */
int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "help",   no_argument,       NULL, 'h' },
		{ "output", required_argument, NULL, 'o' },
		{ "week",   required_argument, NULL, OPT_WEEK },
		CRM_COMMON_LONGOPTS,
		{ NULL,     0,                 NULL, 0 }
	};
	struct crm_common com = CRM_COMMON_INIT;
	struct crm_report_opts opts;
	struct crm_report *r;
	struct crm_error err = CRM_ERROR_INIT;
	const char *week = NULL, *output = NULL;
	int ch, format = -1, status;

	crm_setprogname(argv[0]);
	memset(&opts, 0, sizeof opts);
	while ((ch = getopt_long(argc, argv, "hjo:t", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_FORMAT:
			if ((format = crm_report_format_parse(optarg)) == -1)
				crm_errx(CRM_EXIT_ERROR, "--format: expected html, "
				    "xlsx or md, got '%s'", optarg);
			break;
		case 'h':
			usage(stdout, CRM_EXIT_OK);
		case 'o':
			if (*optarg == '\0')
				crm_errx(CRM_EXIT_ERROR, "-o: empty file name");
			output = optarg;
			break;
		case OPT_WEEK:
			week = optarg;
			break;
		default:
			if (!crm_common_take(&com, ch, optarg))
				usage(stderr, CRM_EXIT_ERROR);
		}
	}
	if (optind < argc) {
		crm_warnx("unexpected argument '%s': the report reads the store",
		    argv[optind]);
		usage(stderr, CRM_EXIT_ERROR);
	}
	crm_common_done(&com);
	if (com.out.format != CRM_FMT_CSV || com.out.bom || com.out.raw)
		crm_errx(CRM_EXIT_ERROR, "--json, --table, --bom and --raw shape "
		    "CSV output; the report's is chosen with --format");
	if (com.input.db == NULL)
		crm_errx(CRM_EXIT_ERROR, "no store: give --db FILE or set CRM_DB");
	opts.db = com.input.db;
	opts.as_of = com.as_of;
	opts.tz = com.tz;
	opts.input = com.input;
	if (week == NULL)
		opts.week = crm_week_monday(com.as_of);
	else if (crm_week_parse(week, &opts.week) == -1)
		crm_errx(CRM_EXIT_ERROR, "--week: not an ISO week '%s' (use "
		    "YYYY-Www)", week);
	if (format == -1)
		format = output != NULL && crm_report_format_of(output) != -1 ?
		    crm_report_format_of(output) : CRM_REPORT_HTML;
	if (format == CRM_REPORT_XLSX && output == NULL && isatty(STDOUT_FILENO))
		crm_errx(CRM_EXIT_ERROR, "will not write XLSX to a terminal: give "
		    "-o FILE or redirect standard output");

	/* the tools it runs say what they saw in the same records: once */
	crm_warn_once(true);
	status = crm_report_build(&opts, &r, &err);
	crm_warn_once(false);
	if (status == CRM_EXIT_OK) {
		status = crm_report_save(r, (enum crm_report_format)format, output,
		    stdout, &err);
		crm_report_free(r);
	}
	if (status != CRM_EXIT_OK)
		crm_warn_error(&err);
	return crm_close_stdout(status);
}
