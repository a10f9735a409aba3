/* check.h - crm-check: a data-quality gate for exports, for CI; see
 * crm-check(1). */
#ifndef CRM_CHECK_H
#define CRM_CHECK_H

#include "crm.h"

/* The checks, in report order.  Their names (crm_check_name) are stable:
 * CI jobs and the TAP and JUnit reports refer to them. */
enum crm_check {
	CRM_CHECK_ENCODING,		/* the encoding a file was read in */
	CRM_CHECK_COLUMNS,		/* kind, required and unknown columns */
	CRM_CHECK_ROWS,			/* the reject rate */
	CRM_CHECK_REFERENCES,		/* unknown customers, reps, managers;
					   management cycles */
	CRM_CHECK_DUPLICATES,		/* a natural key seen twice */
	CRM_CHECK_EXCEL_IDS,		/* IDs Excel mangled */
	CRM_CHECK_FRESHNESS,		/* the age of the newest timestamp */
	CRM_CHECK_COUNT
};

/* The report's format. */
enum crm_check_format {
	CRM_CHECK_TEXT,			/* file:line: check: message, summary */
	CRM_CHECK_TAP,			/* a test point per check and file */
	CRM_CHECK_JUNIT			/* JUnit XML, a testsuite per file */
};

struct crm_check_opts {
	enum crm_kind kind;		/* --kind, or CRM_KIND_NONE: detected
					   per file */
	bool schema_only;		/* read the headers only */
	long max_reject;		/* --max-reject-rate, in 1/10000 of a
					   percent (0 to 1000000) */
	long max_age;			/* --max-age in seconds, or -1: no
					   freshness check */
	int64_t as_of;			/* the instant ages are measured at */
	long tz;			/* team zone offset, seconds */
	const char *db;			/* the store, or NULL */
	enum crm_check_format format;	/* how to write the report */
	const char **files;		/* the inputs, NULL-terminated */
	struct crm_input_opts input;	/* how to read; max_reported caps
					   the findings shown per check and
					   file (the rest are counted) */
};
#define CRM_CHECK_OPTS_INIT { CRM_KIND_NONE, false, 0, -1, 0, \
	CRM_TZ_DEFAULT, NULL, CRM_CHECK_TEXT, NULL, CRM_INPUT_OPTS_INIT }

/* The stable name of check c ("references").  Can't fail. */
const char *crm_check_name(enum crm_check c);

/* Parse a reject rate in percent, 0 to 100 with at most four decimals and
 * an optional '%' ("2.5", "2.5%"), into 1/10000 of a percent.  Returns 0,
 * or -1 when s is not one. */
int crm_check_parse_rate(const char *s, long *out);

/* Run every check over o->files, reading them with crm-import's rules and
 * writing nothing but the report, which goes to out.  Returns CRM_EXIT_OK
 * when every check passed, CRM_EXIT_FINDING when one failed, or
 * CRM_EXIT_ERROR with *err set when the checks could not run (an
 * unreadable file or store, a read error, a write error); then nothing
 * has been written to out, unless the write itself failed. */
int crm_check_run(const struct crm_check_opts *o, FILE *out,
    struct crm_error *err);

#endif /* CRM_CHECK_H */
