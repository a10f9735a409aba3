#!/bin/sh
test_description='crm-report: options, the store, and output written whole or not at all'
. "${0%/*}/lib.sh"
. "$TOP/t/bad.sh"
. "$DATA/report/store.sh"

test_expect_success 'setup: the store' '
	make_store f.db
'

test_expect_success 'no store is exit 2, whichever way it is missing' '
	run_bad 2 crm-report --as-of $AS_OF &&
	msg "^crm-report: no store: give --db FILE or set CRM_DB$" &&
	test_must_be_empty out &&
	run_bad 2 crm-report --db no-such.db --as-of $AS_OF &&
	msg "^crm-report: no-such.db: cannot open the store" &&
	run_bad 2 crm-report --db "$R/reps.csv" --as-of $AS_OF &&
	test_must_be_empty out &&
	test $(wc -l <err) = 1 &&
	CRM_DB=f.db crm-report --as-of $AS_OF --format md >env.md &&
	crm-report --db f.db --as-of $AS_OF --format md >db.md &&
	cmp env.md db.md
'

test_expect_success 'usage errors are exit 2' '
	run_bad 2 crm-report --db f.db --week 2026-W54 &&
	msg "^crm-report: --week: not an ISO week .2026-W54." &&
	run_bad 2 crm-report --db f.db --format pdf &&
	msg "^crm-report: --format: expected html, xlsx or md, got .pdf.$" &&
	run_bad 2 crm-report --db f.db -j &&
	msg "^crm-report: --json, --table, --bom and --raw shape CSV output" &&
	run_bad 2 crm-report --db f.db extra.csv &&
	run_bad 2 crm-report --db f.db -o "" &&
	crm-report --help >help && grep "^usage: crm-report" help
'

test_expect_success 'the format comes from -o, else --format, else html' '
	crm-report --db f.db --as-of $AS_OF -o a.md &&
	head -1 a.md | grep "^# 销售管理周报 Weekly sales report 2026-W48$" &&
	crm-report --db f.db --as-of $AS_OF -o a.XLSX &&
	test "$(head -c 2 a.XLSX)" = PK &&
	crm-report --db f.db --as-of $AS_OF -o a.txt &&
	head -1 a.txt | grep "^<!DOCTYPE html>$" &&
	crm-report --db f.db --as-of $AS_OF --format md -o b.html &&
	head -1 b.html | grep "^# " &&
	crm-report --db f.db --as-of $AS_OF >c.html &&
	cmp a.txt c.html &&
	ls a.md.* a.XLSX.* a.txt.* 2>/dev/null | wc -l | grep "^0$"
'

test_expect_success '--week picks the week of the Top 10; by default the as-of week' '
	crm-report --db f.db --as-of $AS_OF --week 2026-W47 --format md >w47.md &&
	crm-score --db f.db --week 2026-W47 --top 10 2>/dev/null | sed -n 2p >top &&
	grep "^| 1 | 代表乙 | 华东 | $(cut -d, -f5 top) | $(cut -d, -f6 top) |$" w47.md &&
	crm-report --db f.db --as-of 2026-11-29 --format md | head -1 | grep "2026-W48$" &&
	crm-report --db f.db --as-of 2026-11-30 --format md | head -1 | grep "2026-W49$"
'

test_expect_success '-o into a missing directory: exit 2, nothing written' '
	run_bad 2 crm-report --db f.db --as-of $AS_OF -o no/such/dir/r.html &&
	msg "^crm-report: no/such/dir/r.html: No such file or directory$" &&
	test $(wc -l <err) = 1 &&
	: >afile &&
	run_bad 2 crm-report --db f.db --as-of $AS_OF -o afile/r.xlsx &&
	msg "^crm-report: afile/r.xlsx: Not a directory$"
'

test_expect_success '-o into a directory it may not write: exit 2' '
	mkdir ro && chmod 555 ro &&
	if [ "$(id -u)" = 0 ]; then
		echo "# skipped: root writes anywhere"
	else
		run_bad 2 crm-report --db f.db --as-of $AS_OF -o ro/r.html &&
		msg "^crm-report: ro/r.html: Permission denied$" &&
		! ls ro/r.html*
	fi
'

test_expect_success 'a failed run leaves the old report as it was' '
	echo old >keep.html &&
	run_bad 2 crm-report --db no-such.db --as-of $AS_OF -o keep.html &&
	test "$(cat keep.html)" = old &&
	ls keep.html.* 2>/dev/null | wc -l | grep "^0$"
'

test_expect_success '-o onto a FIFO or a directory is refused, not replaced' '
	mkfifo r.fifo &&
	run_bad 2 crm-report --db f.db --as-of $AS_OF -o r.fifo &&
	msg "^crm-report: r.fifo: not a regular file$" &&
	test -p r.fifo &&
	mkdir r.html &&
	run_bad 2 crm-report --db f.db --as-of $AS_OF -o r.html &&
	test -d r.html
'

for f in html md xlsx; do
	test_expect_success "$f to a full disk: exit 2 and one message" '
		crm-report --db f.db --as-of $AS_OF --format $f >/dev/full 2>err; test $? = 2 &&
		! grep -E "Sanitizer|runtime error|^==[0-9]+==" err &&
		test $(wc -l <err) = 1 &&
		grep -c "write error on standard output" err
	'
done

test_expect_success 'XLSX is not written to a terminal' '
	script -qec "crm-report --db f.db --as-of $AS_OF --format xlsx" /dev/null >tty.out </dev/null;
	grep "crm-report: will not write XLSX to a terminal" tty.out &&
	! grep PK tty.out
'

test_expect_success 'the report is written with the usual permissions' '
	(umask 027 && crm-report --db f.db --as-of $AS_OF -o p.html) &&
	test "$(stat -c %a p.html)" = 640 &&
	(umask 022 && crm-report --db f.db --as-of $AS_OF -o p.xlsx) &&
	test "$(stat -c %a p.xlsx)" = 644
'

test_done
