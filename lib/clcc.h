/* clcc.h - exact money amounts (money.c) and crm-clcc, the customer
 * lifecycle cost and its change rate (clcc.c); see crm-clcc(1).  Kept apart
 * from crm.h for now; the declarations can move there unchanged. */
#ifndef CRM_CLCC_H
#define CRM_CLCC_H

#include "crm.h"

/* ------------------------------------------------------------------ */
/* Money (money.c).  Amounts are exact integers of fen (1 yuan = 100 fen). */

/* Bytes crm_money_format() and crm_clcc_ratio() may write, NUL included. */
#define CRM_MONEY_BUFSZ 48

/* Parse an amount as written in CRM and spreadsheet exports into fen:
 * "1234.5", "¥1,234.50", "(20.00)", "−20", "－２０", "1.2万", "3亿元",
 * "CNY 8,000".  The grammar is crm-clcc(1)'s AMOUNTS section.  Returns 0
 * with *fen set, or -1 with err->msg saying why and quoting the value (the
 * caller adds the file, line and field).  An empty or all-blank s is -1
 * too ("empty amount"): callers for whom empty means absent test that
 * first.  Every int64_t value of fen can be parsed, nothing else. */
int crm_money_parse(const char *s, int64_t *fen, struct crm_error *err);

/* Format fen as yuan with two decimals into buf (CRM_MONEY_BUFSZ bytes):
 * 123450 -> "1234.50", -5 -> "-0.05", 0 -> "0.00".  Plain ASCII, no
 * thousands separator, so crm_money_parse() reads it back to the same
 * value.  Can't fail. */
void crm_money_format(int64_t fen, char *buf);

/* ------------------------------------------------------------------ */
/* Ratios, exact from integers, with 4 decimals rounded half away from
 * zero (0.00005 -> "0.0001", -0.00005 -> "-0.0001"); a result that rounds
 * to zero prints "0.0000", never "-0.0000". */

/* num / den into buf (CRM_MONEY_BUFSZ bytes).  Returns -1 (buf empty)
 * when den is 0.  Can't fail otherwise. */
int crm_clcc_ratio(int64_t num, int64_t den, char *buf);

/* The change rate (cost / margin) / (prev_cost / prev_margin) - 1 into
 * buf, computed as one exact fraction (no intermediate rounding).
 * Returns -1 (buf empty) when margin, prev_cost or prev_margin is 0.
 * Can't fail otherwise. */
int crm_clcc_change(int64_t cost, int64_t margin, int64_t prev_cost,
    int64_t prev_margin, char *buf);

/* ------------------------------------------------------------------ */
/* crm-clcc (clcc.c) */

/* The calendar period entries are summed over. */
enum crm_clcc_period {
	CRM_PERIOD_MONTH,		/* 2026-01 */
	CRM_PERIOD_QUARTER,		/* 2026-Q1 */
	CRM_PERIOD_YEAR			/* 2026 */
};

/* What a row of the report is about. */
enum crm_clcc_by {
	CRM_CLCC_BY_ALL,		/* one group, "all" */
	CRM_CLCC_BY_CUSTOMER,		/* customer_id of the entry */
	CRM_CLCC_BY_REP,		/* rep_id of the customer (--customers) */
	CRM_CLCC_BY_REGION,		/* region of the customer (--customers) */
	CRM_CLCC_BY_TIER		/* tier of the customer (--customers) */
};

struct crm_clcc_opts {
	enum crm_clcc_period period;	/* month by default */
	enum crm_clcc_by by;		/* CRM_CLCC_BY_ALL by default */
	bool lifetime;			/* life-to-date values per period */
	const char **ledgers;		/* ledger files, NULL-terminated */
	const char **customers;		/* customer files, NULL-terminated;
					   needed by rep, region and tier */
	long as_of;			/* day number: later entries are ignored */
	long tz;			/* team zone, for timestamps in 'date' */
	struct crm_input_opts input;	/* reading options */
	struct crm_writer_opts out;	/* output format */
};
#define CRM_CLCC_OPTS_INIT { CRM_PERIOD_MONTH, CRM_CLCC_BY_ALL, false, \
	NULL, NULL, 0, CRM_TZ_DEFAULT, CRM_INPUT_OPTS_INIT, \
	CRM_WRITER_OPTS_INIT }

/* What a run counted that is not an error but must not pass silently;
 * cmd/ says it on stderr. */
struct crm_clcc_notes {
	long future;			/* entries dated after the as-of day */
	long unknown;			/* entries of customers missing from
					   the customers file: (unknown) */
	long other_sub;			/* failure entries with an unknown
					   sub_kind, counted as other */
	char unknown_ex[64];		/* the first such customer_id */
	char other_sub_ex[64];		/* the first such sub_kind */
};

/* Run crm-clcc: read the customers (when o->by needs them), then the
 * ledgers, and write one row per group and period to out; *notes is
 * filled in either way.  Returns CRM_EXIT_OK, or CRM_EXIT_ERROR with *err
 * set: for a fatal error (an unreadable input, a missing column, a
 * --strict reject, a life-to-date sum that overflows, a write error)
 * nothing more is written; when only some records were rejected (each
 * reported on stderr by crm_input_each(), with the per-file counts) the
 * report is written from the others first. */
int crm_clcc_run(const struct crm_clcc_opts *o, FILE *out,
    struct crm_clcc_notes *notes, struct crm_error *err);

#endif /* CRM_CLCC_H */
