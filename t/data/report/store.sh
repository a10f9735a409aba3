# store.sh - the fixture store of the crm-report tests t/85*-report-*.t,
# sourced after lib.sh.  The CSVs here are small and made by hand so that
# every number can be followed (see README in this directory).

AS_OF=2026-11-27
R="$DATA/report"

# make_store DB: the dated customer exports of history/ in date order,
# each as of its date (the status history churn reads), then every
# fixture into the store DB, then crm-health --record for the two Fridays
# before the as-of day, as a nightly job would have.
make_store() {
	for d in 2026-08-31 2026-09-30 2026-10-31 2026-11-20; do
		crm-import --db "$1" --as-of $d "$R/history/customers-$d.csv" \
		    2>>import.err || return 1
	done &&
	crm-import --db "$1" --as-of $AS_OF "$R"/*.csv 2>>import.err &&
	crm-health --db "$1" --as-of 2026-11-13 --record >/dev/null 2>&1 &&
	crm-health --db "$1" --as-of 2026-11-20 --record >/dev/null 2>&1
}

# block FILE FIRST: the lines of FILE from the one equal to FIRST (a
# table's header) to the next empty line, that line left out.
block() {
	awk -v first="$2" '$0 == first { on = 1 } on && $0 == "" { exit } on' "$1"
}
