/* pulse.h - crm-pulse: update latency, churn and sample intent from what
 * reps already record (DOMAIN.md: update latency, churn, substitute
 * capture); see crm-pulse(1). */
#ifndef CRM_PULSE_H
#define CRM_PULSE_H

#include "crm.h"

/* The reports, as a set of bits. */
enum {
	CRM_PULSE_LATENCY = 1,		/* recorded_at - ts per group */
	CRM_PULSE_CHURN = 2,		/* lost and won per month and group */
	CRM_PULSE_INTENT = 4,		/* sample requests vs shipments */
	CRM_PULSE_ALL = 7		/* all three in one stream */
};

struct crm_pulse_opts {
	unsigned reports;		/* CRM_PULSE_* bits, not 0 */
	enum crm_group_by by;		/* CRM_BY_REP, _REGION or _MANAGER */
	long as_of;			/* day number: later records are
					   ignored (they had not happened) */
	long from, to;			/* the window: days, inclusive */
	bool week_window;		/* from..to is one ISO week (the
					   period is labelled 2026-W48) */
	long within;			/* seconds: "recorded within" (7200) */
	long lost_after;		/* days; 0: churn from the store's
					   status history instead of orders */
	const char *const *lost_status;	/* statuses that mean lost,
					   NULL-terminated (compared trimmed,
					   ASCII case folded) */
	long tz;			/* team zone offset, seconds */
	const char **customers;		/* NULL-terminated, or NULL: none */
	const char **activities;	/* same: latency and requests */
	const char **shipments;		/* same: intent */
	const char **ledger;		/* same: orders for lost_after */
	const char *reps;		/* reps file or "@reps", or NULL */
	const char *db;			/* the store whose customer_history
					   churn reads, or NULL */
	struct crm_input_opts input;	/* reading options (input.db for @) */
	struct crm_writer_opts out;	/* output format, or a capture table */
};

/* The lost statuses when none are given: 流失, 已流失, lost, churned. */
extern const char *const crm_pulse_lost_default[];

/* Run crm-pulse: read the inputs and write the rows of the reports asked
 * for through crm_writer_new(out, &o->out, ...) (one writer, so a capture
 * table gets every row).  Returns CRM_EXIT_OK; CRM_EXIT_ERROR with *err
 * set on a fatal error (nothing written), or after the rows when some
 * input records were rejected (each reported on stderr with file:line);
 * CRM_EXIT_TEMPFAIL when the store stayed locked. */
int crm_pulse_run(const struct crm_pulse_opts *o, FILE *out,
    struct crm_error *err);

#endif /* CRM_PULSE_H */
