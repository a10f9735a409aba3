/* health.h - crm-health, the four-check management health self-test
 * (DOMAIN.md: health self-test table); see crm-health(1).  It reads
 * freshness through crm-stale's crm_stale_each() (crm.h). */
#ifndef CRM_HEALTH_H
#define CRM_HEALTH_H

#include "crm.h"

/* ------------------------------------------------------------------ */
/* Thresholds (health.c).  Percentages are held in tenths of a percent
 * (85% is 850), so every comparison is exact in integers. */

struct crm_health_thresholds {
	long fresh_healthy_pct;		/* healthy: >= this share touched */
	long fresh_healthy_days;	/*   within this many days (30) */
	long fresh_risk_pct;		/* risk: > this share untouched */
	long fresh_risk_days;		/*   for more than this many days (60) */
	long task_healthy_pct;		/* healthy: >= this share on time */
	long task_risk_pct;		/* risk: > this share chased */
	long sync_healthy_pct;		/* healthy: >= this share in time */
	long sync_within_minutes;	/*   received within this (120) */
	long sync_risk_readings;	/* risk: one policy read this many
					   different ways (3) */
	long basis_healthy_pct;		/* healthy: >= this share on
					   dashboard or data */
	long basis_risk_pct;		/* risk: > this share on experience */
};

/* The built-in thresholds, DOMAIN.md's (the same as share/thresholds.json)
 * into *t.  Can't fail. */
void crm_health_thresholds_default(struct crm_health_thresholds *t);
/* Apply the JSON object in buf[0..len) to *t: every key it gives replaces
 * that threshold, the others keep their value.  name is used in messages.
 * Returns 0, or -1 with *err set (bad JSON with line and column, an
 * unknown key or a value out of range, each named), *t then unchanged. */
int crm_health_thresholds_parse(const char *name, const char *buf,
    size_t len, struct crm_health_thresholds *t, struct crm_error *err);
/* Read the file at path ("-" is stdin, at most 1 MiB) and apply it as
 * above.  Returns 0, or -1 with *err set. */
int crm_health_thresholds_load(const char *path,
    struct crm_health_thresholds *t, struct crm_error *err);

/* ------------------------------------------------------------------ */
/* crm-health (health.c) */

/* A check's verdict, from best to worst; no-data sorts first because it
 * is never a finding. */
enum crm_verdict {
	CRM_VERDICT_NO_DATA,		/* nothing to measure */
	CRM_VERDICT_HEALTHY,		/* the healthy condition holds */
	CRM_VERDICT_WATCH,		/* neither healthy nor risk */
	CRM_VERDICT_RISK		/* the risk condition holds */
};

/* "no-data", "healthy", "watch" or "risk".  Can't fail. */
const char *crm_verdict_name(enum crm_verdict v);

struct crm_health_opts {
	const char **customers;		/* NULL-terminated, or NULL: none */
	const char **activities;	/* same; only with customers */
	const char **tasks;		/* same */
	const char **policies;		/* same (policy receipts) */
	const char **decisions;		/* same */
	const char *reps;		/* reps file or "@reps", or NULL */
	const char *db;			/* the store --record writes, or NULL */
	bool record;			/* store the result in health_runs */
	bool latency;			/* freshness's counts also say how
					   soon activities were recorded
					   (crm-pulse's latency; reads the
					   activities a second time) */
	enum crm_group_by by;		/* NONE, REGION or MANAGER */
	long as_of;			/* day number of the as-of date */
	long window;			/* days ending at as_of (tasks due,
					   receipts published, decisions made) */
	long tz;			/* team zone offset, seconds */
	struct crm_health_thresholds thr; /* what healthy and risk mean */
	struct crm_input_opts input;	/* reading options (input.db for @) */
	struct crm_writer_opts out;	/* output format */
};

/* What a run found, for cmd/crm-health.c's exit status and messages. */
struct crm_health_result {
	enum crm_verdict worst;		/* worst verdict of any row written */
	long unknown;			/* records whose rep is not in reps,
					   grouped as (unknown) */
	bool rejects;			/* some record was rejected */
};

/* Run crm-health: read the inputs, judge the four checks (per group and
 * overall), store them when o->record, and write the table to out.
 * Returns CRM_EXIT_OK; CRM_EXIT_ERROR with *err set on a fatal error
 * (nothing written), or after the table when records were rejected;
 * CRM_EXIT_TEMPFAIL (nothing written) when the store stayed locked.
 * *res is filled in every case. */
int crm_health_run(const struct crm_health_opts *o, FILE *out,
    struct crm_health_result *res, struct crm_error *err);

/* Write the overall rows crm-health --record kept in the store db (see
 * crm-store(5)) for the latest `runs` as-of days before day `before`,
 * oldest first, the checks in crm-health's order and the total last:
 * columns as_of, check, value, risk_value, verdict, window_days, through
 * a writer on out with options wo (a capture table, for crm-report).  A
 * store without the table has no rows.  Returns CRM_EXIT_OK, or
 * CRM_EXIT_ERROR (or _TEMPFAIL when the store stayed locked) with *err
 * set. */
int crm_health_history(const char *db, long before, long runs,
    const struct crm_writer_opts *wo, FILE *out, struct crm_error *err);

#endif /* CRM_HEALTH_H */
