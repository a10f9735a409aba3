/* crm-score - the action-value score of each rep (or region, or manager)
 * over an ISO week, and the weekly Top 10; see crm-score(1). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "score.h"

enum {
	OPT_ADVANCE_WEIGHT = 0x2000, OPT_FROM, OPT_TO, OPT_TOP,
	OPT_TREND, OPT_WEEK, OPT_WEIGHTS
};

/* Print the usage to fp and exit with status. */
static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: %s [-jt] [-J jobs] [-b rep|region|manager] [-r reps]\n"
	    "       [--weights FILE]"
	    " [--week YYYY-Www | --from DATE --to DATE] [--top N]\n"
	    "       [--trend N]"
	    " [--advance-weight W] [--db FILE] [--as-of DATE]\n"
	    "       [activities ...]\n"
	    "  -J, --jobs N          read the activities with N threads (default 1)\n"
	    "  -b, --by GROUP        one row per rep (default), region or manager\n"
	    "  -r, --reps FILE       reps: names, regions, managers; idle reps show 0\n"
	    "  --db FILE             read activities and reps from this store when\n"
	    "                        no file is given for them (default $CRM_DB)\n"
	    "  --weights FILE        weights: CSV type,weight or a JSON object\n"
	    "                        (default: built in, as share/weights.csv)\n"
	    "  --week YYYY-Www       the ISO week to score (default: the last\n"
	    "                        complete week before --as-of)\n"
	    "  --from DATE, --to DATE\n"
	    "                        score these days instead, both inclusive\n"
	    "  --top N               only rows ranked N or better (ties included)\n"
	    "  --trend N             add the scores of the last N weeks as columns\n"
	    "  --advance-weight W    advancing actions weigh at least W (default 2)\n"
	    "%s", crm_progname(), crm_common_usage());
	exit(status);
}

/* Warn about what the run saw but did not score: lib/ does not print. */
static void
report(const struct crm_score_opts *o, const struct crm_score_result *res,
    const char *window)
{
	size_t i;

	for (i = 0; o->activities[i] != NULL; i++)
		if (res->counts[i].rejected > 0 || res->counts[i].merged > 0)
			crm_counts_report(o->activities[i], &res->counts[i]);
	for (i = 0; i < res->nunknown; i++) {
		long n = res->unknown[i].count;

		if (res->unknown[i].type[0] == '\0')
			crm_warnx("%ld %s no type and %s 0", n,
			    n == 1 ? "activity has" : "activities have",
			    n == 1 ? "weighs" : "weigh");
		else
			crm_warnx("%ld %s of unknown type '%s' %s 0", n,
			    n == 1 ? "activity" : "activities",
			    res->unknown[i].type, n == 1 ? "weighs" : "weigh");
	}
	if (res->no_rep > 0)
		crm_warnx("%ld %s no rep_id and %s not scored", res->no_rep,
		    res->no_rep == 1 ? "activity has" : "activities have",
		    res->no_rep == 1 ? "is" : "are");
	if (res->unlisted > 0)
		crm_warnx("%ld %s missing from the reps file (e.g. '%s'): "
		    "shown without name or region%s", res->unlisted,
		    res->unlisted == 1 ? "rep with activities is" :
		    "reps with activities are", res->unlisted_ex,
		    o->by == CRM_BY_REGION || o->by == CRM_BY_MANAGER ?
		    ", grouped as (unknown)" : "");
	if (res->in_window == 0)
		crm_warnx("no activities in %s", window);
}

/* How many of the inputs are standard input: each can read it once. */
static int
stdin_users(const struct crm_score_opts *o)
{
	int n = 0;
	size_t i;

	n += o->weights != NULL && strcmp(o->weights, "-") == 0;
	n += o->reps != NULL && strcmp(o->reps, "-") == 0;
	for (i = 0; o->activities[i] != NULL; i++)
		n += strcmp(o->activities[i], "-") == 0;
	return n;
}

/* Options, the window, then one call to crm_score_run() and its report. */
int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "advance-weight", required_argument, NULL, OPT_ADVANCE_WEIGHT },
		{ "by",             required_argument, NULL, 'b' },
		{ "from",           required_argument, NULL, OPT_FROM },
		{ "help",           no_argument,       NULL, 'h' },
		{ "jobs",           required_argument, NULL, 'J' },
		{ "reps",           required_argument, NULL, 'r' },
		{ "to",             required_argument, NULL, OPT_TO },
		{ "top",            required_argument, NULL, OPT_TOP },
		{ "trend",          required_argument, NULL, OPT_TREND },
		{ "week",           required_argument, NULL, OPT_WEEK },
		{ "weights",        required_argument, NULL, OPT_WEIGHTS },
		CRM_COMMON_LONGOPTS,
		{ NULL,             0,                 NULL, 0 }
	};
	static const char *stdin_only[] = { "-", NULL };
	const char *db;
	struct crm_common com = CRM_COMMON_INIT;
	struct crm_score_opts opts;
	struct crm_score_result res;
	struct crm_error err = CRM_ERROR_INIT;
	const char *week = NULL, *from = NULL, *to = NULL;
	char why[64], window[64], a[16], b[16];
	int ch, status;

	crm_setprogname(argv[0]);
	memset(&opts, 0, sizeof opts);
	opts.advance_weight = CRM_SCORE_ADVANCE_DEFAULT;
	while ((ch = getopt_long(argc, argv, "b:hJ:jr:t", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_ADVANCE_WEIGHT:
			if (crm_weight_parse(optarg, &opts.advance_weight, why,
			    sizeof why) == -1)
				crm_errx(CRM_EXIT_ERROR,
				    "--advance-weight: '%s': %s", optarg, why);
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
		case OPT_FROM:
			if (crm_date_parse(optarg, &opts.from) == -1)
				crm_errx(CRM_EXIT_ERROR,
				    "--from: not a date '%s' (use YYYY-MM-DD)", optarg);
			from = optarg;
			break;
		case 'h':
			usage(stdout, CRM_EXIT_OK);
		case 'J':
			crm_jobs_take(optarg);
			break;
		case 'r':
			opts.reps = optarg;
			break;
		case OPT_TO:
			if (crm_date_parse(optarg, &opts.to) == -1)
				crm_errx(CRM_EXIT_ERROR,
				    "--to: not a date '%s' (use YYYY-MM-DD)", optarg);
			to = optarg;
			break;
		case OPT_TOP:
			if (crm_parse_long(optarg, 1, 1000000, &opts.top) == -1)
				crm_errx(CRM_EXIT_ERROR,
				    "--top: expected 1 to 1000000, got '%s'", optarg);
			break;
		case OPT_TREND:
			if (crm_parse_long(optarg, 1, 104, &opts.trend) == -1)
				crm_errx(CRM_EXIT_ERROR,
				    "--trend: expected 1 to 104 weeks, got '%s'",
				    optarg);
			break;
		case OPT_WEEK:
			week = optarg;
			break;
		case OPT_WEIGHTS:
			opts.weights = optarg;
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
	if ((from == NULL) != (to == NULL))
		crm_errx(CRM_EXIT_ERROR, "--from and --to go together");
	if (week != NULL && from != NULL)
		crm_errx(CRM_EXIT_ERROR, "--week and --from/--to are alternatives");
	if (from != NULL && opts.from > opts.to)
		crm_errx(CRM_EXIT_ERROR, "--from %s is after --to %s", from, to);
	if (from != NULL && opts.trend > 0)
		crm_errx(CRM_EXIT_ERROR, "--trend needs a week, not --from/--to");
	if (db != NULL) {
		/* the store fills in whatever no file was given for */
		if (opts.reps == NULL)
			opts.reps = "@reps";
	}
	if ((opts.by == CRM_BY_REGION || opts.by == CRM_BY_MANAGER) &&
	    opts.reps == NULL)
		crm_errx(CRM_EXIT_ERROR, "--by %s needs --reps FILE",
		    opts.by == CRM_BY_REGION ? "region" : "manager");
	if (week != NULL) {
		if (crm_week_parse(week, &opts.from) == -1)
			crm_errx(CRM_EXIT_ERROR,
			    "--week: not an ISO week '%s' (use YYYY-Www)", week);
	} else if (from == NULL) {
		opts.from = crm_week_last_complete(com.as_of);
	}
	if (from == NULL) {
		opts.to = opts.from + 6;
		opts.week_window = true;
	}
	opts.tz = com.tz;
	opts.input = com.input;
	opts.out = com.out;
	opts.activities = argc > 0 ? (const char **)argv :
	    com.input.db != NULL ? crm_store_paths(CRM_KIND_ACTIVITIES) : stdin_only;
	if (stdin_users(&opts) > 1)
		crm_errx(CRM_EXIT_ERROR, "standard input can be read once: give "
		    "'-' to only one of --weights, --reps and the activities");

	crm_date_format(opts.from, a);
	crm_date_format(opts.to, b);
	if (opts.week_window) {
		char w[16];

		crm_week_format(opts.from, w);
		snprintf(window, sizeof window, "%s (%s..%s)", w, a, b);
	} else {
		snprintf(window, sizeof window, "%s..%s", a, b);
	}
	status = crm_score_run(&opts, stdout, &res, &err);
	if (status == CRM_EXIT_OK || res.rejects)
		report(&opts, &res, window);
	if (status == CRM_EXIT_ERROR)
		crm_warn_error(&err);
	crm_score_result_free(&res);
	return crm_close_stdout(status);
}
