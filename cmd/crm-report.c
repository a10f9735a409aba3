/* crm-report - the weekly report (health, freshness, the Top 10, CLCC,
 * the heat map, rules, tasks) from the store, as HTML, XLSX or Markdown;
 * see crm-report(1). */
#include <sys/types.h>
#include <sys/wait.h>

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
	    "  --week YYYY-Www       the ISO week of the Top 10 (default: the\n"
	    "                        week that holds --as-of)\n"
	    "  --format FORMAT       html, xlsx or md (default: from the -o\n"
	    "                        suffix, else html)\n"
	    "  -o, --output FILE     write FILE, whole or not at all (default:\n"
	    "                        standard output)\n"
	    "%s", crm_progname(), crm_common_usage());
	exit(status);
}

/* The child of once_stderr(): copy in to stderr, each of our own
 * messages ("crm-report: ...") the first time only. */
static _Noreturn void
pass_once(int in)
{
	FILE *fp = fdopen(in, "r");
	struct crm_keytab *seen = crm_keytab_new();
	size_t plen = strlen(crm_progname()), cap = 0;
	char *line = NULL;
	ssize_t n;
	bool existed;

	while (fp != NULL && (n = getline(&line, &cap, fp)) != -1) {
		if (strncmp(line, crm_progname(), plen) == 0 &&
		    line[plen] == ':' &&
		    crm_keytab_add(seen, line, &existed) != -1 && existed)
			continue;
		fwrite(line, 1, (size_t)n, stderr);
		fflush(stderr);
	}
	free(line);
	crm_keytab_free(seen);
	_exit(0);
}

/* The report runs several tools, and each says what it saw in the same
 * records ("42 timestamps are after the as-of date"): send stderr through
 * a child that passes each such message once.  A child rather than a
 * buffer, so that whatever this process writes still comes out if it
 * dies.  Returns the child's pid with the real stderr saved in *saved, or
 * -1 (stderr then untouched: the messages repeat, nothing is lost). */
static pid_t
once_stderr(int *saved)
{
	int fd[2];
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	if (pipe(fd) == -1)
		return -1;
	if ((pid = fork()) == -1) {
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	if (pid == 0) {
		close(fd[1]);
		pass_once(fd[0]);
	}
	close(fd[0]);
	if ((*saved = dup(STDERR_FILENO)) == -1 ||
	    dup2(fd[1], STDERR_FILENO) == -1) {
		if (*saved != -1)
			close(*saved);
		close(fd[1]);
		waitpid(pid, NULL, 0);
		return -1;
	}
	close(fd[1]);
	return pid;
}

/* Give stderr back and wait until the child has passed everything. */
static void
restore_stderr(pid_t pid, int saved)
{
	if (pid == -1)
		return;
	fflush(stderr);
	dup2(saved, STDERR_FILENO);	/* the pipe's last writer: EOF */
	close(saved);
	waitpid(pid, NULL, 0);
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
	int ch, format = -1, status, saved = -1;
	pid_t child;

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

	child = once_stderr(&saved);
	status = crm_report_build(&opts, &r, &err);
	restore_stderr(child, saved);
	if (status == CRM_EXIT_OK) {
		status = crm_report_save(r, (enum crm_report_format)format, output,
		    stdout, &err);
		crm_report_free(r);
	}
	if (status != CRM_EXIT_OK)
		crm_warn_error(&err);
	return crm_close_stdout(status);
}
