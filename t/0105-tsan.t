#!/bin/sh
test_description='--jobs under ThreadSanitizer: no data race in the parts, lanes and merges'
. "${0%/*}/lib.sh"
. "$TOP/t/jobs-data.sh"

# make check builds every tool with -fsanitize=thread into build/tsan/bin
# (make tsan) and names it in CRM_TSAN for its first pass (the ASan pass
# would only repeat it).  Each tool that reads with --jobs runs there with
# 3 threads over inputs cut into chunks of 200 bytes and of 4 KiB, and
# must print what one thread of the build under test prints; a race
# report makes it exit 66 (TSAN_OPTIONS below), so a race fails the
# comparison.  Every input is over 64 KiB: a smaller one is never cut.
case ${CRM_TSAN:-} in
"") echo "1..0 # SKIP CRM_TSAN names no ThreadSanitizer build (make check)"
    exit 0 ;;
/*) T=$CRM_TSAN ;;
*) T=$TOP/$CRM_TSAN ;;
esac
TSAN_OPTIONS="halt_on_error=1 exitcode=66"
export TSAN_OPTIONS

# tsan TOOL ARGS...: TOOL -J 3 of the TSan build against one thread.
tsan() {
	tool=$1; shift
	jobs_tool=$tool
	run ref "$@" || return 1
	for bytes in 200 4096; do
		jobs_tool=$T/$tool
		CRM_CHUNK_BYTES=$bytes run ts -J 3 "$@" &&
		same ref ts && cut ts || return 1
	done
}

test_expect_success 'setup' '
	jobs_data &&
	{ head -1 "$DATA/score/gen.csv"; for k in 0 1 2 3; do
		tail -n +2 "$DATA/score/gen.csv" | sed "/^A[0-9]*7,/!s/^A/A$k-/"
	done; } >score.csv &&
	test $(awk -F, "{ print \$1 }" score.csv | sort | uniq -d |
	    wc -l) -gt 500 &&
	awk "NR == 1 { print; next } { row[++n] = \$0 }
	    END { for (k = 0; k < 120; k++) for (i = 1; i <= n; i++)
		print row[i] }" "$DATA/clcc/ledger.csv" >ledger.csv &&
	test $(wc -c <ledger.csv) -gt 70000
'

test_expect_success 'crm-stale and crm-health' '
	tsan crm-stale -a acts.csv customers.csv &&
	tsan crm-health --customers customers.csv -a acts.csv
'

test_expect_success 'crm-score, long window and week, ids seen in other parts' '
	tsan crm-score --from 2026-11-01 --to 2026-11-30 score.csv &&
	tsan crm-score --week 2026-W47 --trend 2 score.csv
'

test_expect_success 'crm-clcc, crm-import' '
	tsan crm-clcc -c "$DATA/clcc/customers.csv" ledger.csv &&
	tsan crm-import acts.csv
'

test_expect_success 'crm-rules and crm-hotlist' '
	tsan crm-rules --customers customers.csv -a acts.csv &&
	tsan crm-hotlist --customers customers.csv -a acts.csv
'

test_done
