/* stock.h - crm-stock, the store-area dashboard of a pharmacy chain:
 * sell-through, near-expiry, stock-outs and member repurchase gaps; see
 * crm-stock(1).  Kept apart from crm.h, like clcc.h and rules.h. */
#ifndef CRM_STOCK_H
#define CRM_STOCK_H

#include "crm.h"

/* Which rows crm_stock_run() writes. */
enum crm_stock_report {
	CRM_STOCK_ALL,			/* the board: one row per location */
	CRM_STOCK_SELLTHROUGH,		/* sell-through per location */
	CRM_STOCK_EXPIRY,		/* near-expiry and expired batches */
	CRM_STOCK_STOCKOUT,		/* stock-out spans */
	CRM_STOCK_REPURCHASE		/* overdue members */
};

struct crm_stock_opts {
	const char **stock;		/* stock snapshots, NULL-terminated */
	const char **sales;		/* sale lines, NULL-terminated */
	const char **members;		/* members, NULL-terminated, or NULL */
	const char **customers;		/* customers (regions), or NULL */
	const char *locations;		/* location_id,name,region[,type] file,
					   or NULL */
	enum crm_stock_report report;	/* which rows */
	bool by_region;			/* summaries per region */
	bool slow;			/* sellthrough: the held-but-unsold SKUs */
	bool fail_on_stockout;		/* CRM_EXIT_FINDING on an ongoing one */
	long window;			/* days ending on as_of (30) */
	long expiry_days;		/* near-expiry horizon in days (90) */
	long stockout_hours;		/* shortest stock-out reported (24) */
	long as_of;			/* day number */
	long tz;			/* team zone offset, seconds */
	struct crm_input_opts input;	/* reading options */
	struct crm_writer_opts out;	/* output format, or a capture table */
};

/* Parse a --report name ("sellthrough", "expiry", "stockout",
 * "repurchase", "all"); -1 when s is none of them. */
int crm_stock_report_parse(const char *s);

/* Run crm-stock: read o->stock, then o->sales (streamed), o->members,
 * o->customers and o->locations, and write the rows of o->report through
 * crm_writer_new(out, &o->out, ...) (out is borrowed; unused when
 * o->out.capture is set).  Returns CRM_EXIT_OK; CRM_EXIT_FINDING when
 * o->fail_on_stockout and an ongoing stock-out was found; or
 * CRM_EXIT_ERROR with *err set for a fatal error, or after the rows were
 * written when input records were rejected (each one was reported on
 * stderr with its file and line). */
int crm_stock_run(const struct crm_stock_opts *o, FILE *out,
    struct crm_error *err);

#endif /* CRM_STOCK_H */
