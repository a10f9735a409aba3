#!/bin/sh
test_description='crm-report: latency, churn and intent are crm-pulse on the same store'
. "${0%/*}/lib.sh"
. "$DATA/report/store.sh"

# The fixture (t/data/report/README): W48 activities with recorded_at
# (one exactly 2 hours late, one 2 hours and 1 second, one 18 hours, one
# without); a status history of four dated exports (C02 and C08 lost in
# September, C07 lost and C08 won back in October, C01 lost in
# November); sample requests A14 (shipped by SH1) and A15 (not shipped),
# and SH2 carrying no request.  Each table is compared with crm-pulse run
# with the report's arguments.

# plain FILE: a table as the tool prints it: percentages without '%',
# "—" (nothing) empty.
plain() {
	sed 's/%//g; s/—//g' "$1"
}

test_expect_success 'setup: the store, the report in three forms, each twice alike' '
	make_store f.db &&
	crm-report --db f.db --as-of $AS_OF -o r.html 2>err &&
	test_must_be_empty err &&
	crm-report --db f.db --as-of $AS_OF >r2.html &&
	cmp r.html r2.html &&
	crm-report --db f.db --as-of $AS_OF -o r.xlsx &&
	sleep 1 &&
	crm-report --db f.db --as-of $AS_OF -o r2.xlsx &&
	cmp r.xlsx r2.xlsx &&
	crm-report --db f.db --as-of $AS_OF -o r.md &&
	crm-report --db f.db --as-of $AS_OF --format md >r2.md &&
	cmp r.md r2.md
'

test_expect_success 'latency is crm-pulse --report latency -b region --week 2026-W48' '
	crm-pulse --db f.db --as-of $AS_OF --report latency -b region --week 2026-W48 >lat.csv &&
	awk -F, -v OFS="\t" "NR > 1 { print \$2, \$4, \$5, \$6, \$7, \$8, \$9, \$11, \$10, \$12 }" lat.csv >expect &&
	perl "$R/html-tables.pl" r.html latency >lat.tsv &&
	plain lat.tsv | tail -n +2 | sed "/^$/d" >actual &&
	test_cmp expect actual &&
	grep "^华东	4	3	3	100.0	1.50	2.00	1	0	0$" actual &&
	grep "^华南	5	5	3	60.0	0.50	18.00	0	0	0$" actual &&
	grep "^(total)	9	8	6	75.0	0.50	18.00	1	0	0$" actual
'

test_expect_success 'churn is crm-pulse --report churn -b region over the last 6 months' '
	crm-pulse --db f.db --as-of $AS_OF --report churn -b region --from 2026-06-01 --to $AS_OF >churn.csv &&
	awk -F, -v OFS="\t" "NR > 1 { print \$1, \$2, \$4, \$5, \$6, \$7 }" churn.csv >expect &&
	perl "$R/html-tables.pl" r.html churn >churn.tsv &&
	plain churn.tsv >churn.plain &&
	block churn.plain "$(grep "^月份 month	区域 region" churn.plain)" | tail -n +2 >actual &&
	test_cmp expect actual &&
	grep "^2026-09	华东	5	2	0	40.0$" actual &&
	grep "^2026-10	华东	3	0	1	0.0$" actual &&
	grep "^2026-10	华南	4	1	0	25.0$" actual &&
	grep "^2026-11	(total)	7	1	0	14.3$" actual &&
	grep "^2026-11	" expect | cut -f 2- >expect.month &&
	block churn.plain "$(sed -n 1p churn.plain)" | tail -n +2 >actual.month &&
	test_cmp expect.month actual.month &&
	grep "^2026-10	0.0	25.0	14.3$" churn.plain
'

test_expect_success 'intent is crm-pulse --report intent --week 2026-W48, by rep' '
	crm-pulse --db f.db --as-of $AS_OF --report intent --week 2026-W48 --raw >intent.csv &&
	perl "$R/html-tables.pl" r.html intent >intent.tsv &&
	awk -F, -v OFS="\t" "NR > 1 && \$6 == \"customer\" { print \$3, \$2, \$4, \$5, \$7, \$8, \$9, \$10, \$11, \$12 }" intent.csv >expect &&
	block intent.tsv "$(sed -n 1p intent.tsv)" | tail -n +2 >actual &&
	test_cmp expect actual &&
	grep "^代表丙	R3	C05	广州药房	1	1	yes	yes	yes	SF1234567890$" actual &&
	awk -F, -v OFS="\t" "NR > 1 && \$6 ~ /_request\$/ { print \$6, \$3, \$4, \$5, \$13, \$14 }" intent.csv >expect &&
	block intent.tsv "$(grep "^状态 item	" intent.tsv)" | tail -n +2 >actual &&
	test_cmp expect actual &&
	grep "^pending_request	代表乙	C03	无锡药店	A15	2026-11-24T09:00:00+08:00$" actual &&
	awk -F, -v OFS="\t" "NR > 1 && \$6 == \"unmatched_shipment\" { print \$3, \$4, \$5, \$13, \$14, \$12 }" intent.csv >expect &&
	block intent.tsv "$(grep "^销售 rep	customer_id	客户 customer	发货单" intent.tsv)" | tail -n +2 >actual &&
	test_cmp expect actual &&
	grep "^=1+2	C07	＝SUM(A1)	SH2	2026-11-25T16:00:00+08:00	JD0987654321$" actual
'

test_expect_success 'a week later the unshipped request is unmatched, not pending' '
	crm-report --db f.db --as-of 2026-12-04 --week 2026-W48 --format md >late.md 2>/dev/null &&
	grep "^| unmatched_request | 代表乙 | 无锡药店 | A15 | 2026-11-24T09:00:00+08:00 |$" late.md &&
	crm-pulse --db f.db --as-of 2026-12-04 --from 2026-10-26 --to 2026-11-29 --report intent >back.csv 2>/dev/null &&
	n=$(grep -c ",unmatched_request," back.csv) && s=$(grep -c ",unmatched_shipment," back.csv) &&
	grep "^- 未发货的样品申请 unmatched sample requests: \*\*$n\*\* (近 5 周 last 5 weeks; 待发 pending 0, 无申请的发货 unmatched shipments $s)$" late.md &&
	test $n = 1
'

# A request of 2026-11-09 (three weeks before W48) that no shipment carried
# is a broken promise the W48 report lists: intent looks back 4 weeks for
# them, where the week alone could only show this week's, still pending.
test_expect_success 'a request unshipped for weeks is listed in the week after' '
	cp f.db old.db &&
	printf "activity_id,customer_id,rep_id,ts,type\nB01,C01,R1,2026-11-09T10:00:00,sample_request\n" >b.csv &&
	crm-import --db old.db --as-of $AS_OF b.csv 2>/dev/null &&
	crm-report --db old.db --as-of $AS_OF --format md >old.md 2>/dev/null &&
	grep "^| unmatched_request | .* | B01 | 2026-11-09T10:00:00+08:00 |$" old.md &&
	grep "^- 未发货的样品申请 unmatched sample requests: \*\*1\*\* (近 5 周" old.md &&
	crm-pulse --db old.db --as-of $AS_OF --week 2026-W48 --report intent 2>/dev/null >week.csv &&
	! grep B01 week.csv
'

test_expect_success 'the headlines: latency share, the month churn, unmatched requests' '
	grep "^- 2 小时内录入 recorded within 2 h: \*\*75.0%\*\* (6 / 8 条可测量, 1 条无 recorded_at)$" r.md &&
	grep "^- 2026-11 流失率 churn: \*\*14.3%\*\* (流失 lost 1 / 月初 7, 挽回 won 0)$" r.md &&
	grep "^- 未发货的样品申请 unmatched sample requests: \*\*0\*\* (近 5 周 last 5 weeks; 待发 pending 1, 无申请的发货 unmatched shipments 1)$" r.md
'

test_expect_success 'charts: latency as bars, churn as lines; trend and months out of Markdown' '
	for id in latency churn; do
		perl -0ne "print \$1 if /<section id=\"$id\">(.*?)<\/section>/s" r.html >$id.sec &&
		perl -0ne "print \$1 if /(<svg\b.*?<\/svg>)/s" $id.sec >$id.svg &&
		xmllint --noout $id.svg || exit 1
	done &&
	grep -c "<rect .*<title>" latency.svg &&
	grep -c "<path" churn.svg &&
	grep "^\*\*本月 2026-11 This month, by region\*\*$" r.md &&
	! grep "流失率趋势" r.md &&
	! grep "The last 6 months" r.md
'

test_expect_success 'XLSX: Latency, Churn and Intent sheets, percentages as fractions' '
	perl "$R/xlsx-cells.pl" -t r.xlsx Latency | grep "^s:(total)	n:9	n:8	n:6	n:0.75	n:0.5	n:18	n:1	n:0	n:0$" &&
	perl "$R/xlsx-cells.pl" -t r.xlsx Churn | grep "^s:2026-09	s:华东	n:5	n:2	n:0	n:0.4$" &&
	perl "$R/xlsx-cells.pl" -t r.xlsx Intent | grep "^s:pending_request	s:代表乙	s:C03	s:无锡药店	s:A15	" &&
	perl "$R/xlsx-cells.pl" -t r.xlsx Intent | grep "^s:=1+2	s:C07	"
'

test_expect_success 'a store without history or shipments: notes, not errors' '
	crm-import --db e.db --as-of $AS_OF "$R/customers.csv" "$R/activities.csv" "$R/reps.csv" 2>/dev/null &&
	crm-report --db e.db --as-of $AS_OF --format md >e.md 2>err &&
	! grep -E "shipments|history" err &&
	grep "^库中没有客户状态的变更历史, 本节从略 (no status history in the store" e.md &&
	grep "^库中没有快递发货记录, 本节从略 (no shipments in the store" e.md &&
	grep "^- 本月流失率 churn this month: \*\*—\*\* (没有状态历史 no status history)$" e.md &&
	grep "^- 未发货的样品申请 unmatched sample requests: \*\*—\*\* (没有发货记录 no shipments)$" e.md &&
	crm-report --db e.db --as-of $AS_OF -o e.xlsx 2>/dev/null &&
	perl "$R/xlsx-cells.pl" e.xlsx | tail -3 >sheets &&
	printf "%s\n" Latency Churn Intent >expect &&
	test_cmp expect sheets
'

test_done
