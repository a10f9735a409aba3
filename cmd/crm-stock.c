/* crm-stock - the store-area dashboard: sell-through, near-expiry,
 * stock-outs and member repurchase gaps; see crm-stock(1). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "stock.h"

enum {
	OPT_CUSTOMERS = 0x2000, OPT_EXPIRY_DAYS, OPT_FAIL_ON, OPT_LOCATIONS,
	OPT_MEMBERS, OPT_REPORT, OPT_SALES, OPT_SLOW, OPT_STOCK,
	OPT_STOCKOUT_HOURS, OPT_WINDOW
};

/* Print the usage to fp and exit with status. */
static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp,
	    "usage: %s [-jt] --stock F --sales F [--members F] [--customers F]\n"
	    "       [--db F] [--as-of DATE] [--window DAYS] [--expiry-days N]\n"
	    "       [--stockout-hours H] [-b location|region] [--locations F]\n"
	    "       [--report all|sellthrough|expiry|stockout|repurchase] [--slow]\n"
	    "       [--fail-on stockout]\n"
	    "  --stock FILE          stock snapshots (repeatable; '-' is stdin)\n"
	    "  --sales FILE          sale lines (repeatable)\n"
	    "  --members FILE        members (repeatable)\n"
	    "  --customers FILE      customers: a store's region (repeatable)\n"
	    "  --locations FILE      location_id,name,region[,type] (wins over\n"
	    "                        customers)\n"
	    "  --db FILE             read inputs not given from this store\n"
	    "                        (default $CRM_DB)\n"
	    "  --window DAYS         sell-through window ending on the as-of day (30)\n"
	    "  --expiry-days N       near-expiry: expiring within N days (90)\n"
	    "  --stockout-hours H    stock-outs lasting at least H hours (24)\n"
	    "  -b, --by WHAT         location (default) or region: summary rows\n"
	    "  --report WHAT         all (the board, default), sellthrough,\n"
	    "                        expiry, stockout or repurchase\n"
	    "  --slow                sellthrough: the held SKUs that did not sell\n"
	    "  --fail-on stockout    exit 1 when a stock-out is ongoing\n"
	    "%s", crm_progname(), crm_common_usage());
	exit(status);
}

/* A number in [min, max] for option name, or exit 2. */
static long
number(const char *name, const char *arg, long min, long max)
{
	long v;

	if (crm_parse_long(arg, min, max, &v) == -1)
		crm_errx(CRM_EXIT_ERROR, "--%s: expected %ld to %ld, got '%s'",
		    name, min, max, arg);
	return v;
}

/* Options, then one call to crm_stock_run() and the exit status. */
int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "by",             required_argument, NULL, 'b' },
		{ "customers",      required_argument, NULL, OPT_CUSTOMERS },
		{ "expiry-days",    required_argument, NULL, OPT_EXPIRY_DAYS },
		{ "fail-on",        required_argument, NULL, OPT_FAIL_ON },
		{ "help",           no_argument,       NULL, 'h' },
		{ "locations",      required_argument, NULL, OPT_LOCATIONS },
		{ "members",        required_argument, NULL, OPT_MEMBERS },
		{ "report",         required_argument, NULL, OPT_REPORT },
		{ "sales",          required_argument, NULL, OPT_SALES },
		{ "slow",           no_argument,       NULL, OPT_SLOW },
		{ "stock",          required_argument, NULL, OPT_STOCK },
		{ "stockout-hours", required_argument, NULL, OPT_STOCKOUT_HOURS },
		{ "window",         required_argument, NULL, OPT_WINDOW },
		CRM_COMMON_LONGOPTS,
		{ NULL,             0,                 NULL, 0 }
	};
	struct crm_common com = CRM_COMMON_INIT;
	struct crm_stock_opts opts;
	struct crm_error err = CRM_ERROR_INIT;
	const char **stock = NULL, **sales = NULL, **mem = NULL, **cust = NULL;
	size_t ns = 0, nl = 0, nm = 0, nc = 0;
	int ch, status, rep;

	crm_setprogname(argv[0]);
	memset(&opts, 0, sizeof opts);
	opts.window = 30;
	opts.expiry_days = 90;
	opts.stockout_hours = 24;
	opts.report = CRM_STOCK_ALL;
	while ((ch = getopt_long(argc, argv, "b:hjt", longopts, NULL)) != -1) {
		switch (ch) {
		case 'b':
			if (strcmp(optarg, "region") == 0)
				opts.by_region = true;
			else if (strcmp(optarg, "location") == 0)
				opts.by_region = false;
			else
				crm_errx(CRM_EXIT_ERROR, "--by: expected location "
				    "or region, got '%s'", optarg);
			break;
		case OPT_CUSTOMERS:
			crm_paths_add(&cust, &nc, argc, optarg);
			break;
		case OPT_EXPIRY_DAYS:
			opts.expiry_days = number("expiry-days", optarg, 0, 36500);
			break;
		case OPT_FAIL_ON:
			if (strcmp(optarg, "stockout") != 0)
				crm_errx(CRM_EXIT_ERROR,
				    "--fail-on: expected stockout, got '%s'", optarg);
			opts.fail_on_stockout = true;
			break;
		case 'h':
			usage(stdout, CRM_EXIT_OK);
		case OPT_LOCATIONS:
			opts.locations = optarg;
			break;
		case OPT_MEMBERS:
			crm_paths_add(&mem, &nm, argc, optarg);
			break;
		case OPT_REPORT:
			if ((rep = crm_stock_report_parse(optarg)) == -1)
				crm_errx(CRM_EXIT_ERROR, "--report: expected all, "
				    "sellthrough, expiry, stockout or repurchase, "
				    "got '%s'", optarg);
			opts.report = (enum crm_stock_report)rep;
			break;
		case OPT_SALES:
			crm_paths_add(&sales, &nl, argc, optarg);
			break;
		case OPT_SLOW:
			opts.slow = true;
			break;
		case OPT_STOCK:
			crm_paths_add(&stock, &ns, argc, optarg);
			break;
		case OPT_STOCKOUT_HOURS:
			opts.stockout_hours = number("stockout-hours", optarg, 1,
			    876000);
			break;
		case OPT_WINDOW:
			opts.window = number("window", optarg, 1, 36500);
			break;
		default:
			if (!crm_common_take(&com, ch, optarg))
				usage(stderr, CRM_EXIT_ERROR);
		}
	}
	if (optind < argc)
		usage(stderr, CRM_EXIT_ERROR);
	if (opts.slow && opts.report != CRM_STOCK_SELLTHROUGH)
		crm_errx(CRM_EXIT_ERROR, "--slow goes with --report sellthrough");
	crm_common_done(&com);
	opts.as_of = com.as_of;
	opts.tz = com.tz;
	opts.input = com.input;
	opts.out = com.out;
	opts.stock = stock;
	opts.sales = sales;
	opts.members = mem;
	opts.customers = cust;
	if (com.input.db != NULL) {
		if (stock == NULL)
			opts.stock = crm_store_paths(CRM_KIND_STOCK);
		if (sales == NULL)
			opts.sales = crm_store_paths(CRM_KIND_SALES);
		if (mem == NULL)
			opts.members = crm_store_paths(CRM_KIND_MEMBERS);
		if (cust == NULL)
			opts.customers = crm_store_paths(CRM_KIND_CUSTOMERS);
	}
	if (opts.stock == NULL || opts.sales == NULL)
		crm_errx(CRM_EXIT_ERROR,
		    "no %s: give --stock and --sales, or --db",
		    opts.stock == NULL ? "stock" : "sales");

	status = crm_stock_run(&opts, stdout, &err);
	if (status == CRM_EXIT_ERROR)
		crm_warn_error(&err);
	free(stock);
	free(sales);
	free(mem);
	free(cust);
	return crm_close_stdout(status);
}
