/* crm-import - turn CRM and Excel exports into canonical records, on
 * standard output or into the store; see crm-import(1). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: %s [-jt] [-J jobs] [-k kind] [-m profile] [--rejects FILE]\n"
	    "       [--db FILE] [--excel-1904] [--encoding E] [--strict] [file ...]\n"
	    "  -J, --jobs N           read each activities, ledger, stock or sales\n"
	    "                         file with N threads (default 1)\n"
	    "  -k, --kind KIND        customers, activities, reps, tasks, ledger,\n"
	    "                         policies, decisions, stock, sales, members\n"
	    "                         or shipments (default: detected)\n"
	    "  -m, --map PROFILE      wecom, dingtalk, u8, or a JSON profile file\n"
	    "  --rejects FILE         write rejected records there, with reasons\n"
	    "  --db FILE              import into this store (default $CRM_DB)\n"
	    "  --excel-1904           Excel serial dates count from 1904\n"
	    "%s", crm_progname(), crm_common_usage());
	exit(status);
}

enum { OPT_EXCEL_1904 = 0x2000, OPT_REJECTS };

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "excel-1904", no_argument,       NULL, OPT_EXCEL_1904 },
		{ "help",       no_argument,       NULL, 'h' },
		{ "jobs",       required_argument, NULL, 'J' },
		{ "kind",       required_argument, NULL, 'k' },
		{ "map",        required_argument, NULL, 'm' },
		{ "rejects",    required_argument, NULL, OPT_REJECTS },
		CRM_COMMON_LONGOPTS,
		{ NULL,         0,                 NULL, 0 }
	};
	static const char *stdin_only[] = { "-", NULL };
	struct crm_common com = CRM_COMMON_INIT;
	struct crm_import_opts opts;
	struct crm_error err = CRM_ERROR_INIT;
	int ch, status;

	crm_setprogname(argv[0]);
	memset(&opts, 0, sizeof opts);
	opts.kind = CRM_KIND_NONE;
	while ((ch = getopt_long(argc, argv, "hJ:jk:m:t", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_EXCEL_1904:
			opts.excel_1904 = true;
			break;
		case 'h':
			usage(stdout, CRM_EXIT_OK);
		case 'J':
			crm_jobs_take(optarg);
			break;
		case 'k':
			if ((opts.kind = crm_kind_parse(optarg)) == CRM_KIND_NONE)
				crm_errx(CRM_EXIT_ERROR, "--kind: expected %s, got "
				    "'%s'", crm_kind_names(), optarg);
			break;
		case 'm':
			opts.profile = optarg;
			break;
		case OPT_REJECTS:
			opts.rejects = optarg;
			break;
		default:
			if (!crm_common_take(&com, ch, optarg))
				usage(stderr, CRM_EXIT_ERROR);
		}
	}
	argc -= optind;
	argv += optind;
	crm_common_done(&com);
	/* this tool opens the store itself: its file arguments stay files,
	 * even one whose name begins with '@' */
	opts.db = com.input.db;
	com.input.db = NULL;
	opts.tz = com.tz;
	opts.as_of = com.as_of;
	opts.input = com.input;
	opts.out = com.out;
	opts.files = argc > 0 ? (const char **)argv : stdin_only;

	status = crm_import_run(&opts, stdout, &err);
	if (status != CRM_EXIT_OK)
		crm_warn_error(&err);
	return crm_close_stdout(status);
}
