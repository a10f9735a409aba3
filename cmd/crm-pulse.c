/* crm-pulse - update latency, churn and sample intent from what reps
 * already record; see crm-pulse(1). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "pulse.h"
#include "score.h"

enum {
	OPT_CUSTOMERS = 0x2000, OPT_FROM, OPT_LEDGER, OPT_LOST_AFTER,
	OPT_LOST_STATUS, OPT_REPORT, OPT_SHIPMENTS, OPT_TO, OPT_WEEK,
	OPT_WITHIN
};

/* Print the usage to fp and exit with status. */
static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: %s [-jt] [--report latency|churn|intent|all]\n"
	    "       [-b rep|region|manager] [--week YYYY-Www | --from DATE --to DATE]\n"
	    "       [--within HOURS] [--lost-after DAYS] [--lost-status LIST]\n"
	    "       [--customers F] [-a F] [--shipments F] [--ledger F] [-r F]\n"
	    "       [--db FILE] [--as-of DATE]\n"
	    "  --report REPORT       latency, churn, intent or all (default all)\n"
	    "  -b, --by GROUP        group by rep (default), region or manager\n"
	    "  --week YYYY-Www       the window: that ISO week (default: the week\n"
	    "                        of --as-of)\n"
	    "  --from DATE, --to DATE  the window: these days, inclusive\n"
	    "  --within HOURS        latency: recorded within this many hours of\n"
	    "                        the contact (default 2; exactly 2 is within)\n"
	    "  --lost-after DAYS     churn: lost when more than DAYS days pass\n"
	    "                        without an order (ledger margin entries),\n"
	    "                        instead of the store's status history\n"
	    "  --lost-status LIST    churn: the statuses that mean lost, comma-\n"
	    "                        separated (default 流失,已流失,lost,churned)\n"
	    "  --customers FILE      customers: groups and names (repeatable, as\n"
	    "                        every input; '-' is stdin)\n"
	    "  -a, --activities FILE activities: latency and sample requests\n"
	    "  --shipments FILE      courier shipments: intent\n"
	    "  --ledger FILE         ledger: orders, for --lost-after\n"
	    "  -r, --reps FILE       reps: names and managers\n"
	    "  --db FILE             read inputs not given from this store, and\n"
	    "                        its status history (default $CRM_DB)\n"
	    "%s", crm_progname(), crm_common_usage());
	exit(status);
}

/* Split a comma-separated list into a new NULL-terminated array of
 * pointers into s (which it modifies). */
static const char **
split(char *s)
{
	size_t n = 2;
	const char **v;
	char *p;

	for (p = s; *p; p++)
		n += *p == ',';
	v = crm_xmalloc(n * sizeof *v);
	n = 0;
	for (p = strtok(s, ","); p != NULL; p = strtok(NULL, ","))
		v[n++] = p;
	v[n] = NULL;
	return v;
}

/* Options, then one call to crm_pulse_run() and the exit status. */
int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "activities",  required_argument, NULL, 'a' },
		{ "by",          required_argument, NULL, 'b' },
		{ "customers",   required_argument, NULL, OPT_CUSTOMERS },
		{ "from",        required_argument, NULL, OPT_FROM },
		{ "help",        no_argument,       NULL, 'h' },
		{ "ledger",      required_argument, NULL, OPT_LEDGER },
		{ "lost-after",  required_argument, NULL, OPT_LOST_AFTER },
		{ "lost-status", required_argument, NULL, OPT_LOST_STATUS },
		{ "report",      required_argument, NULL, OPT_REPORT },
		{ "reps",        required_argument, NULL, 'r' },
		{ "shipments",   required_argument, NULL, OPT_SHIPMENTS },
		{ "to",          required_argument, NULL, OPT_TO },
		{ "week",        required_argument, NULL, OPT_WEEK },
		{ "within",      required_argument, NULL, OPT_WITHIN },
		CRM_COMMON_LONGOPTS,
		{ NULL,          0,                 NULL, 0 }
	};
	struct crm_common com = CRM_COMMON_INIT;
	struct crm_pulse_opts opts;
	struct crm_error err = CRM_ERROR_INIT;
	const char **lost = NULL, *db, **given[4];
	size_t nc = 0, na = 0, ns = 0, nl = 0;
	long hours = 2, week = 0;
	bool has_from = false, has_to = false, has_week = false;
	int ch, status, nstdin = 0;

	crm_setprogname(argv[0]);
	memset(&opts, 0, sizeof opts);
	opts.reports = CRM_PULSE_ALL;
	opts.by = CRM_BY_REP;
	while ((ch = getopt_long(argc, argv, "a:b:hjr:t", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			crm_paths_add(&opts.activities, &na, argc, optarg);
			break;
		case 'b':
			if (strcmp(optarg, "rep") == 0)
				opts.by = CRM_BY_REP;
			else if (strcmp(optarg, "region") == 0)
				opts.by = CRM_BY_REGION;
			else if (strcmp(optarg, "manager") == 0)
				opts.by = CRM_BY_MANAGER;
			else
				crm_errx(CRM_EXIT_ERROR, "--by: expected rep, "
				    "region or manager, got '%s'", optarg);
			break;
		case OPT_CUSTOMERS:
			crm_paths_add(&opts.customers, &nc, argc, optarg);
			break;
		case OPT_FROM:
			if (crm_date_parse(optarg, &opts.from) == -1)
				crm_errx(CRM_EXIT_ERROR, "--from: not a date '%s' "
				    "(use YYYY-MM-DD)", optarg);
			has_from = true;
			break;
		case 'h':
			usage(stdout, CRM_EXIT_OK);
		case OPT_LEDGER:
			crm_paths_add(&opts.ledger, &nl, argc, optarg);
			break;
		case OPT_LOST_AFTER:
			if (crm_parse_long(optarg, 1, 36500, &opts.lost_after) == -1)
				crm_errx(CRM_EXIT_ERROR, "--lost-after: expected 1 "
				    "to 36500 days, got '%s'", optarg);
			break;
		case OPT_LOST_STATUS:
			free(lost);
			lost = split(optarg);
			if (lost[0] == NULL)
				crm_errx(CRM_EXIT_ERROR, "--lost-status: expected "
				    "a comma-separated list, got '%s'", optarg);
			break;
		case OPT_REPORT:
			if (strcmp(optarg, "latency") == 0)
				opts.reports = CRM_PULSE_LATENCY;
			else if (strcmp(optarg, "churn") == 0)
				opts.reports = CRM_PULSE_CHURN;
			else if (strcmp(optarg, "intent") == 0)
				opts.reports = CRM_PULSE_INTENT;
			else if (strcmp(optarg, "all") == 0)
				opts.reports = CRM_PULSE_ALL;
			else
				crm_errx(CRM_EXIT_ERROR, "--report: expected "
				    "latency, churn, intent or all, got '%s'",
				    optarg);
			break;
		case 'r':
			opts.reps = optarg;
			break;
		case OPT_SHIPMENTS:
			crm_paths_add(&opts.shipments, &ns, argc, optarg);
			break;
		case OPT_TO:
			if (crm_date_parse(optarg, &opts.to) == -1)
				crm_errx(CRM_EXIT_ERROR, "--to: not a date '%s' "
				    "(use YYYY-MM-DD)", optarg);
			has_to = true;
			break;
		case OPT_WEEK:
			if (crm_week_parse(optarg, &week) == -1)
				crm_errx(CRM_EXIT_ERROR, "--week: not an ISO week "
				    "'%s' (use YYYY-Www)", optarg);
			has_week = true;
			break;
		case OPT_WITHIN:
			if (crm_parse_long(optarg, 0, 8760, &hours) == -1)
				crm_errx(CRM_EXIT_ERROR, "--within: expected 0 to "
				    "8760 hours, got '%s'", optarg);
			break;
		default:
			if (!crm_common_take(&com, ch, optarg))
				usage(stderr, CRM_EXIT_ERROR);
		}
	}
	if (optind < argc) {
		crm_warnx("unexpected argument '%s': name inputs with "
		    "--customers, -a, --shipments, ...", argv[optind]);
		usage(stderr, CRM_EXIT_ERROR);
	}
	crm_common_done(&com);
	if (has_week && (has_from || has_to))
		crm_errx(CRM_EXIT_ERROR, "--week and --from/--to are exclusive");
	if (has_from != has_to)
		crm_errx(CRM_EXIT_ERROR, "--from and --to go together");
	if (has_from) {
		if (opts.to < opts.from)
			crm_errx(CRM_EXIT_ERROR, "--to is before --from");
		if (opts.to - opts.from > 36600)
			crm_errx(CRM_EXIT_ERROR, "--from..--to: at most 100 years");
	} else {
		opts.from = has_week ? week : crm_week_monday(com.as_of);
		opts.to = opts.from + 6;
		opts.week_window = true;
	}
	opts.within = hours * 3600;
	opts.lost_status = lost != NULL ? lost : crm_pulse_lost_default;
	opts.as_of = com.as_of;
	opts.tz = com.tz;
	opts.input = com.input;
	opts.out = com.out;
	given[0] = opts.customers;
	given[1] = opts.activities;
	given[2] = opts.shipments;
	given[3] = opts.ledger;
	db = com.input.db;
	opts.db = db;
	if (db != NULL) {
		/* the store fills in whatever no file was given for */
		if (opts.customers == NULL)
			opts.customers = crm_store_paths(CRM_KIND_CUSTOMERS);
		if (opts.activities == NULL)
			opts.activities = crm_store_paths(CRM_KIND_ACTIVITIES);
		if (opts.shipments == NULL)
			opts.shipments = crm_store_paths(CRM_KIND_SHIPMENTS);
		if (opts.ledger == NULL)
			opts.ledger = crm_store_paths(CRM_KIND_LEDGER);
		if (opts.reps == NULL && opts.by != CRM_BY_REGION)
			opts.reps = "@reps";
	}
	if ((opts.reports & (CRM_PULSE_LATENCY | CRM_PULSE_INTENT)) &&
	    opts.activities == NULL)
		crm_errx(CRM_EXIT_ERROR, "--report %s needs activities: give -a "
		    "FILE or --db FILE", opts.reports == CRM_PULSE_LATENCY ?
		    "latency" : opts.reports == CRM_PULSE_INTENT ? "intent" :
		    "all");
	if ((opts.reports & CRM_PULSE_INTENT) && opts.shipments == NULL)
		crm_errx(CRM_EXIT_ERROR, "--report %s needs shipments: give "
		    "--shipments FILE or --db FILE", opts.reports ==
		    CRM_PULSE_INTENT ? "intent" : "all");
	if ((opts.reports & CRM_PULSE_CHURN) && opts.lost_after == 0 &&
	    db == NULL)
		crm_errx(CRM_EXIT_ERROR, "churn from status changes needs the "
		    "store's history: give --db FILE (or CRM_DB), or "
		    "--lost-after DAYS with --ledger FILE");
	if ((opts.reports & CRM_PULSE_CHURN) && opts.lost_after > 0 &&
	    opts.ledger == NULL)
		crm_errx(CRM_EXIT_ERROR, "--lost-after needs orders: give "
		    "--ledger FILE or --db FILE");
	if (opts.by == CRM_BY_MANAGER && opts.reps == NULL)
		crm_errx(CRM_EXIT_ERROR, "--by manager needs --reps FILE");
	{
		const char **lists[4] = { opts.customers, opts.activities,
		    opts.shipments, opts.ledger };

		for (int i = 0; i < 4; i++)
			for (const char **p = lists[i]; p && *p; p++)
				nstdin += strcmp(*p, "-") == 0;
		nstdin += opts.reps != NULL && strcmp(opts.reps, "-") == 0;
		if (nstdin > 1)
			crm_errx(CRM_EXIT_ERROR, "only one input can be "
			    "standard input");
	}

	status = crm_pulse_run(&opts, stdout, &err);
	if (status != CRM_EXIT_OK)
		crm_warn_error(&err);
	free(given[0]);
	free(given[1]);
	free(given[2]);
	free(given[3]);
	free(lost);
	return crm_close_stdout(status);
}
