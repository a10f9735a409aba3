#!/bin/sh
test_description='bad-input corpus, RELIABILITY.md 4 #50: closed pipes and full disks, every tool'
. "${0%/*}/lib.sh"
. "$TOP/t/bad.sh"

test_expect_success 'setup: inputs big enough to fill a pipe' '
	awk "BEGIN { print \"customer_id,name,region,rep_id,updated_at\"; for (i = 0; i < 30000; i++) print \"C\" i \",n\" i \",r\" i % 7 \",R\" i % 50 \",2026-01-05\" }" >cust.csv &&
	awk "BEGIN { print \"activity_id,customer_id,rep_id,ts,type\"; for (i = 0; i < 30000; i++) print \"A\" i \",C\" i \",R\" i \",2026-11-1\" i % 9 \"T10:00,visit\" }" >acts.csv &&
	awk "BEGIN { print \"customer_id,date,kind,amount\"; for (i = 0; i < 30000; i++) print \"C\" i \",2026-01-05,acquisition,100\" }" >led.csv &&
	awk "BEGIN { print \"customer_id,name\"; for (i = 0; i < 3000; i++) print \"1.38E+10,x\" }" >dirty.csv
'

# each tool with arguments that write a lot (crm-health: a table per region
# is small, so it writes JSON Lines per region and overall)
tool_args() {
	case $1 in
	crm-import) echo "cust.csv" ;;
	crm-stale) echo "--as-of $AS_OF cust.csv" ;;
	crm-score) echo "--as-of $AS_OF --from 2026-11-01 --to 2026-11-27 acts.csv" ;;
	crm-clcc) echo "--as-of $AS_OF -b customer led.csv" ;;
	crm-health) echo "--as-of $AS_OF --customers cust.csv -a acts.csv -b region" ;;
	crm-check) echo "--as-of $AS_OF dirty.csv" ;;
	esac
}

for t in crm-import crm-stale crm-score crm-clcc crm-health crm-check; do
	test_expect_success "$t | head -1 ends quietly" '
		want=0; test $t = crm-check && want=1
		{ timeout $BOUND $t $(tool_args $t) 2>err; echo $? >rc; } | head -1 >out &&
		rc=$(cat rc) &&
		{ test "$rc" = $want || test "$rc" = 141 ||
		  { echo "exit $rc" >&2; cat err >&2; exit 1; }; } &&
		! grep -E "[Bb]roken pipe|write error|Sanitizer|runtime error" err &&
		! grep -v ": customers (detected from the columns)$\|: activities\|: ledger\|read = .* written" err &&
		test $(wc -l <out) = 1
	'

	test_expect_success "$t >/dev/full: exit 2 and exactly one message" '
		timeout $BOUND $t $(tool_args $t) >/dev/full 2>err; test $? = 2 &&
		! grep -E "Sanitizer|runtime error|^==[0-9]+==" err &&
		test $(grep -c -i "write error\|no space" err) = 1
	'
done

# Regression: crm-import of customers (kept and written at the end) to a
# full disk printed an empty message, "crm-import: ", with exit 2.
test_expect_success 'crm-import of entities to /dev/full says write error' '
	timeout $BOUND crm-import cust.csv >/dev/full 2>err; test $? = 2 &&
	msg "^crm-import: write error: No space left on device$" &&
	! grep "^crm-import: $" err
'

test_expect_success 'a tool whose output is small still reports /dev/full' '
	printf "customer_id,name\nC1,a\n" >one.csv &&
	for t in crm-import crm-stale; do
		timeout $BOUND $t --as-of $AS_OF one.csv >/dev/full 2>err; test $? = 2 &&
		test $(grep -c "write error" err) = 1 || exit 1
	done
'

test_expect_success 'the rejects file is written whole or not at all' '
	printf "customer_id,updated_at\nC1,2026-02-30\nC2,2026-01-05\n" >r.csv &&
	run_bad 2 crm-import --rejects rej.csv r.csv &&
	test $(wc -l <rej.csv) = 2 && ! ls rej.csv.* 2>/dev/null &&
	run_bad 2 crm-import --rejects no/such/dir/rej.csv r.csv &&
	msg "^crm-import: no/such/dir/rej.csv: No such file or directory$"
'

# Regression: --rejects is written to a temporary name and renamed; given a
# device or a FIFO it renamed the temporary over it (run as root, over
# /dev/full).  The test uses a FIFO of its own, never a real device.
test_expect_success '--rejects onto a FIFO or a device is refused, not replaced' '
	mkfifo rej.fifo &&
	run_bad 2 crm-import --rejects rej.fifo r.csv &&
	msg "^crm-import: rej.fifo: not a regular file$" &&
	test -p rej.fifo && ! ls rej.fifo.* 2>/dev/null
'

test_done
