/* fuzz_report - whole runs of the tools fuzz_tools leaves out: crm-stock
 * and crm-pulse on arbitrary files, then the same files imported into a
 * fresh store and crm-report built from it and rendered (HTML and
 * Markdown into memory; the XLSX workbook to a file when the options byte
 * asks).  The input is split at RS bytes (0x1E) into an options byte and
 * then the files customers, activities, ledger, reps, stock, sales,
 * members and shipments (an absent or empty part: no such file).  The
 * options byte picks the report, grouping, --strict and the output
 * format, within what each tool's command line allows.  Invariants: each
 * tool returns one of its documented statuses and a failure says why; an
 * import's accounting adds up.  Never crash, hang or leak. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "pulse.h"
#include "report.h"
#include "score.h"
#include "stock.h"
#include "harness.h"

#ifdef FUZZ_NAMESPACED
#define LLVMFuzzerTestOneInput fuzz_report
int fuzz_report(const uint8_t *data, size_t size);
#endif

enum { P_OPT, P_CUST, P_ACT, P_LEDGER, P_REPS, P_STOCK, P_SALES, P_MEM,
	P_SHIP, P_COUNT };
static const char *const names[P_COUNT] = { "opt", "customers.csv",
	"activities.csv", "ledger.csv", "reps.csv", "stock.csv", "sales.csv",
	"members.csv", "shipments.csv" };
static const enum crm_kind kinds[P_COUNT] = { CRM_KIND_NONE,
	CRM_KIND_CUSTOMERS, CRM_KIND_ACTIVITIES, CRM_KIND_LEDGER,
	CRM_KIND_REPS, CRM_KIND_STOCK, CRM_KIND_SALES, CRM_KIND_MEMBERS,
	CRM_KIND_SHIPMENTS };

/* Import the file at path as kind k into the store db; the accounting
 * must add up whatever happened. */
static void
import(const char *db, const char *path, enum crm_kind k,
    const struct crm_input_opts *in)
{
	struct crm_import_opts o;
	struct crm_error err = CRM_ERROR_INIT;
	const char *files[] = { path, NULL };
	char *msgs = NULL;
	size_t nmsgs = 0;
	long sum[4];
	FILE *f;
	int st;

	memset(&o, 0, sizeof o);
	o.kind = k;
	o.db = db;
	o.files = files;
	o.tz = CRM_TZ_DEFAULT;
	o.as_of = crm_days_from_civil(2026, 11, 27);
	o.input = *in;
	o.out = (struct crm_writer_opts)CRM_WRITER_OPTS_INIT;
	f = fuzz_capture(&msgs, &nmsgs);
	st = crm_import_run(&o, stdout, &err);
	fuzz_capture_end(f);
	if (st != CRM_EXIT_OK && st != CRM_EXIT_ERROR) {
		dprintf(2, "crm_import_run returned %d\n", st);
		abort();
	}
	if (st == CRM_EXIT_ERROR && err.msg[0] == '\0')
		abort();
	if (fuzz_accounting(msgs, sum) > 1)
		abort();			/* one file, one line */
	free(msgs);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path[P_COUNT];
	const char *list[P_COUNT][2];
	uint8_t opt;
	long as_of = crm_days_from_civil(2026, 11, 27);
	struct crm_input_opts in;
	struct crm_writer_opts wo;
	char *obuf = NULL;
	size_t olen = 0;
	FILE *out;

	if (size > 65536)
		return 0;
	opt = fuzz_tool_inputs(data, size, names, P_COUNT, path, list, &in,
	    &wo);
	out = open_memstream(&obuf, &olen);

	/* crm-stock: stock and sales, members and customers when given */
	if (path[P_STOCK] != NULL && path[P_SALES] != NULL) {
		struct crm_stock_opts o;
		struct crm_error err = CRM_ERROR_INIT;
		int st;

		memset(&o, 0, sizeof o);
		o.stock = list[P_STOCK];
		o.sales = list[P_SALES];
		o.members = path[P_MEM] ? list[P_MEM] : NULL;
		o.customers = path[P_CUST] ? list[P_CUST] : NULL;
		o.report = (enum crm_stock_report)((opt & 7) % 5);
		o.slow = o.report == CRM_STOCK_SELLTHROUGH && (opt & 8);
		o.by_region = (opt & 16) != 0;
		o.fail_on_stockout = (opt & 8) != 0;
		o.window = 30;
		o.expiry_days = 90;
		o.stockout_hours = opt & 1 ? 1 : 24;
		o.as_of = as_of;
		o.tz = CRM_TZ_DEFAULT;
		o.input = in;
		o.out = wo;
		st = crm_stock_run(&o, out, &err);
		fuzz_status_ok("crm_stock_run", st, true, &err);
	}

	/* crm-pulse: latency and intent from activities and shipments,
	 * churn by --lost-after from the ledger */
	if (path[P_ACT] != NULL || path[P_LEDGER] != NULL) {
		struct crm_pulse_opts o;
		struct crm_error err = CRM_ERROR_INIT;
		int st;

		memset(&o, 0, sizeof o);
		o.reports = 0;
		if (path[P_ACT] != NULL)
			o.reports |= CRM_PULSE_LATENCY;
		if (path[P_ACT] != NULL && path[P_SHIP] != NULL)
			o.reports |= CRM_PULSE_INTENT;
		if (path[P_LEDGER] != NULL)
			o.reports |= CRM_PULSE_CHURN;
		o.by = opt & 2 ? CRM_BY_REGION : opt & 4 && path[P_REPS] ?
		    CRM_BY_MANAGER : CRM_BY_REP;
		o.as_of = as_of;
		if (opt & 8) {
			o.from = crm_days_from_civil(2026, 1, 1);
			o.to = as_of;
		} else {
			o.from = crm_week_monday(as_of);
			o.to = o.from + 6;
			o.week_window = true;
		}
		o.within = 7200;
		o.lost_after = 1 + (opt >> 4 & 3) * 30;
		o.lost_status = crm_pulse_lost_default;
		o.tz = CRM_TZ_DEFAULT;
		o.customers = path[P_CUST] ? list[P_CUST] : NULL;
		o.activities = path[P_ACT] ? list[P_ACT] : NULL;
		o.shipments = path[P_SHIP] ? list[P_SHIP] : NULL;
		o.ledger = path[P_LEDGER] ? list[P_LEDGER] : NULL;
		o.reps = path[P_REPS];
		o.input = in;
		o.out = wo;
		st = crm_pulse_run(&o, out, &err);
		fuzz_status_ok("crm_pulse_run", st, false, &err);
	}
	fclose(out);
	free(obuf);

	/* crm-report over a store holding whatever imports */
	if (opt & 0x40) {
		const char *db = fuzz_path("store.db");
		const char *wal = fuzz_path("store.db-wal");
		const char *shm = fuzz_path("store.db-shm");
		struct crm_report_opts o;
		struct crm_report *r = NULL;
		struct crm_error err = CRM_ERROR_INIT;
		int st;

		unlink(db);
		unlink(wal);
		unlink(shm);
		for (size_t i = 1; i < P_COUNT; i++)
			if (path[i] != NULL)
				import(db, path[i], kinds[i], &in);
		memset(&o, 0, sizeof o);
		o.db = db;
		o.as_of = as_of;
		o.week = crm_week_monday(as_of);
		o.tz = CRM_TZ_DEFAULT;
		o.input = in;
		o.input.db = db;
		crm_warn_once(true);
		st = crm_report_build(&o, &r, &err);
		crm_warn_once(false);
		fuzz_status_ok("crm_report_build", st, false, &err);
		if (st == CRM_EXIT_OK) {
			out = open_memstream(&obuf, &olen);
			if (crm_report_save(r, CRM_REPORT_HTML, NULL, out,
			    &err) != CRM_EXIT_OK ||
			    crm_report_save(r, CRM_REPORT_MD, NULL, out,
			    &err) != CRM_EXIT_OK)
				abort();
			fclose(out);
			free(obuf);
			if ((opt & 0x20) && crm_report_save(r, CRM_REPORT_XLSX,
			    fuzz_path("report.xlsx"), NULL, &err) != CRM_EXIT_OK)
				abort();
			crm_report_free(r);
		}
	}
	return 0;
}
