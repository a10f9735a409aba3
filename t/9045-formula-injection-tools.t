#!/bin/sh
test_description='formula injection: every prefix through the other CSV writers and the XLSX report'
. "${0%/*}/lib.sh"
. "$TOP/t/bad.sh"

# t/9040 covers crm-import, -stale, -score, -clcc and -health.  Here the
# same prefixes go through the text cells of crm-rules (a task's
# deliverable in the escalation detail), crm-hotlist (name, region,
# competitor, next action), crm-tasks (reps' names), crm-stock (a
# location's name and region) and crm-pulse (a rep's name); and through
# crm-report's XLSX, where a text cell is a string cell (t="s"): Excel
# never evaluates one, so there it keeps the prefix as it is, and no cell
# of any sheet is a formula (<f>).

# make_inputs P: every text cell the tools echo starts with P
make_inputs() {
	v="\"$1cmd\""
	printf "customer_id,name,region,rep_id,tier,created_at,updated_at,contract_end,next_action\nC1,%s,%s,R1,KA,2026-11-25T09:00,2026-11-26,2026-11-30,%s\n" "$v" "$v" "$v" >cust.csv &&
	printf "activity_id,customer_id,rep_id,ts,type,competitor,recorded_at\nA1,C1,R1,2026-11-26T10:00,call,%s,2026-11-26T11:00\nA2,C1,R1,2026-11-26T12:00,call,%s,2026-11-26T13:00\n" "$v" "$v" >acts.csv &&
	printf "rep_id,name,manager_id,region,role\nR1,%s,M1,%s,rep\nM1,%s,,%s,supervisor\n" "$v" "$v" "$v" "$v" >reps.csv &&
	printf "task_id,assignee_id,customer_id,deliverable,due,done_at\nT1,R1,C1,%s,2026-11-20,\n" "$v" >tasks.csv &&
	printf "location_id,sku,qty,as_of\nC1,S1,1,2026-11-26\n" >stock.csv &&
	printf "sale_id,location_id,sku,ts,qty\nX1,C1,S1,2026-11-20,1\n" >sales.csv
}

run_writers() {
	make_inputs "$1" &&
	run_bad 0 crm-rules --as-of $AS_OF -a acts.csv --customers cust.csv --tasks tasks.csv -r reps.csv && cp out rules.out &&
	run_bad 0 crm-hotlist --as-of $AS_OF -a acts.csv --customers cust.csv && cp out hotlist.out &&
	run_bad 0 crm-tasks --as-of $AS_OF -r reps.csv tasks.csv && cp out tasks.out &&
	run_bad 0 crm-stock --as-of $AS_OF --stock stock.csv --sales sales.csv --customers cust.csv && cp out stock.out &&
	run_bad 0 crm-pulse --as-of $AS_OF -a acts.csv --customers cust.csv -r reps.csv --report latency && cp out pulse.out
}

for p in = + - @ ＝ ＋ － ＠; do
	test_expect_success "prefix '$p' is escaped by every CSV writer" '
		run_writers "$p" &&
		for o in rules hotlist tasks stock pulse; do
			has_cell $o.out "$p" && no_raw $o.out "$p" || exit 1
		done
	'
done

# crm-stock reads customers by crm-import's rules, which trim blanks
# around values: its leading TAB is gone; nothing may start with one.
test_expect_success 'prefix TAB is escaped by every CSV writer (trimmed by crm-stock)' '
	t=$(printf "\t") &&
	run_writers "$t" &&
	grep "^C1,cmd,cmd," stock.out && no_raw stock.out "$t" &&
	for o in rules hotlist tasks pulse; do
		has_cell $o.out "$t" && no_raw $o.out "$t" || exit 1
	done
'

test_expect_success 'prefix CR and LF are escaped by every CSV writer' '
	for p in "$(printf "\r")" "
"; do
		run_writers "$p" &&
		for o in rules hotlist tasks stock pulse; do
			has_cell $o.out "$p" && no_raw $o.out "$p" || exit 1
		done || exit 1
	done
'

X=$DATA/report/xlsx-cells.pl
for p in = + - @ ＝ ＋ － ＠; do
	test_expect_success "prefix '$p' in crm-report's XLSX: string cells, no formula" '
		rm -f s.db* && make_inputs "$p" &&
		crm-import --db s.db --as-of $AS_OF cust.csv acts.csv reps.csv tasks.csv 2>/dev/null &&
		run_bad 0 crm-report --db s.db --as-of $AS_OF -o r.xlsx &&
		perl "$X" r.xlsx >sheets && test -s sheets &&
		while read -r sheet; do
			perl "$X" -t r.xlsx "$sheet" >>cells || exit 1
		done <sheets &&
		grep -F "s:$p""cmd" cells >/dev/null &&
		! grep "f:" cells &&
		for m in $(perl "$X" -p r.xlsx "[Content_Types].xml" | grep -o "/xl/worksheets/sheet[0-9]*.xml" | sed "s,^/,,"); do
			perl "$X" -p r.xlsx "$m" >sheet.xml && ! grep "<f>" sheet.xml || exit 1
		done
	'
done

test_done
