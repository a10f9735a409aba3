/* diag.c - diagnostics: "prog: file:line:col: message" on stderr. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static const char *progname = "crm";

void
crm_setprogname(const char *argv0)
{
	const char *slash;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	slash = strrchr(argv0, '/');
	progname = slash ? slash + 1 : argv0;
}

const char *
crm_progname(void)
{
	return progname;
}

void
crm_error_set(struct crm_error *err, const char *path, long line, long col,
    const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	if (path != NULL)
		snprintf(err->path, sizeof err->path, "%s", path);
	else
		err->path[0] = '\0';
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
}

void
crm_error_format(const struct crm_error *err, char *buf, size_t len)
{
	if (err->path[0] == '\0')
		snprintf(buf, len, "%s", err->msg);
	else if (err->line <= 0)
		snprintf(buf, len, "%s: %s", err->path, err->msg);
	else if (err->col <= 0)
		snprintf(buf, len, "%s:%ld: %s", err->path, err->line, err->msg);
	else
		snprintf(buf, len, "%s:%ld:%ld: %s", err->path, err->line,
		    err->col, err->msg);
}

/* Messages said so far, while crm_warn_once() is on; else NULL. */
static struct crm_keytab *said;

void
crm_warn_once(bool on)
{
	if (on && said == NULL)
		said = crm_keytab_new();
	else if (!on) {
		crm_keytab_free(said);
		said = NULL;
	}
}

void
crm_warnx(const char *fmt, ...)
{
	va_list ap;

	if (said != NULL) {
		char buf[2048];
		bool existed;

		va_start(ap, fmt);
		vsnprintf(buf, sizeof buf, fmt, ap);
		va_end(ap);
		if (crm_keytab_add(said, buf, &existed) != -1 && existed)
			return;
		fprintf(stderr, "%s: %s\n", progname, buf);
		return;
	}
	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
crm_warn_error(const struct crm_error *err)
{
	char buf[1024];

	crm_error_format(err, buf, sizeof buf);
	crm_warnx("%s", buf);
}

_Noreturn void
crm_errx(int status, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}

int
crm_close_stdout(int status)
{
	int failed = fflush(stdout) != 0 || ferror(stdout);

	if (fclose(stdout) != 0)
		failed = 1;
	if (failed) {
		/* a tool that already failed has said why (usually this very
		 * write error, found by the library): say it once */
		if (status != CRM_EXIT_ERROR)
			crm_warnx("write error on standard output: %s",
			    strerror(errno));
		return CRM_EXIT_ERROR;
	}
	return status;
}

int
crm_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0' || (*s != '-' && (*s < '0' || *s > '9')))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}
