#!/bin/sh
test_description='every tool once under valgrind, on the sample data'
. "${0%/*}/lib.sh"

# make check runs this on the plain build: one realistic run of each tool
# under memcheck, so CI sees valgrind's verdict on every code path the
# demo takes (invalid reads, uninitialised values, definite leaks are exit
# 99) without the 14 minutes of the whole suite under make check
# VALGRIND=1.  The ASan build is checked by ASan instead.
case $CRM_BINDIR in *asan*)
	echo "1..0 # SKIP the ASan build: valgrind and ASan do not mix"; exit 0 ;;
esac
if ! command -v valgrind >/dev/null; then
	echo "1..0 # SKIP no valgrind"; exit 0
fi
if [ -n "$VALGRIND" ] && [ "$VALGRIND" != 0 ]; then
	echo "1..0 # SKIP every test runs under valgrind already"; exit 0
fi
S=$TOP/sample
vg() {
	valgrind --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite --quiet "$@"
}

test_expect_success 'setup: the sample in a store (not under valgrind)' '
	for d in 2026-08-31 2026-09-30 2026-10-31; do
		crm-import --db s.db --as-of $d "$S"/history/*-$d.csv 2>/dev/null || exit 1
	done &&
	crm-import --db s.db --as-of 2026-11-27 "$S"/*.csv 2>/dev/null
'

# a GB18030 export with Chinese headers, Excel dates, ¥ and 万
test_expect_success 'crm-import' '
	vg crm-import --as-of 2026-11-27 "$S/fmcg-customers.csv" >out 2>err &&
	test -s out
'

test_expect_success 'crm-check' '
	vg crm-check --as-of 2026-11-27 "$S/reps.csv" "$S/customers.csv" "$S/tasks.csv" >out 2>err; rc=$? &&
	test $rc = 0 -o $rc = 1 && grep "^references: " out
'

for run in \
    "crm-stale --as-of 2026-11-27 -b manager" \
    "crm-score --as-of 2026-11-27" \
    "crm-clcc --as-of 2026-11-27 -p quarter" \
    "crm-health --as-of 2026-11-27 -b region" \
    "crm-rules --as-of 2026-11-27" \
    "crm-hotlist --as-of 2026-11-27" \
    "crm-tasks --as-of 2026-11-27" \
    "crm-stock --as-of 2026-11-27" \
    "crm-pulse --as-of 2026-11-27"
do
	test_expect_success "${run%% *} on the store" '
		vg $run --db s.db >out 2>err; rc=$? &&
		test $rc = 0 -o $rc = 1 && test -s out
	'
done

test_expect_success 'crm-report, HTML and XLSX' '
	crm-health --db s.db --as-of 2026-11-20 --record >/dev/null 2>&1 &&
	vg crm-report --db s.db --as-of 2026-11-27 -o r.html 2>err &&
	vg crm-report --db s.db --as-of 2026-11-27 -o r.xlsx 2>err &&
	test -s r.html && test -s r.xlsx
'

test_done
