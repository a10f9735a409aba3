#!/bin/sh
test_description='crm-report: the area board is crm-stock on the same store'
. "${0%/*}/lib.sh"
. "$DATA/report/store.sh"

# The fixture's stock (t/data/report/README): stores C01 (华东) and C05
# (华南), which are customers, and the warehouse W1 (no region).  W1 has
# had no K1 since 2026-11-25 00:00 (ongoing, 72 hours to the end of the
# as-of day); C05 had none for exactly 24 hours (ended).  Each table of
# the section is compared with crm-stock run with the report's arguments.

# plain FILE: a table as the tool prints it: percentages without '%',
# money without thousands commas, "—" (nothing) empty.
plain() {
	sed 's/%//g; s/,//g; s/—//g' "$1"
}

# csv2tsv: crm-stock's CSV (no quoted cells in the fixture) as TSV rows.
csv2tsv() {
	tail -n +2 | tr , "\t"
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
	cmp r.md r2.md &&
	perl "$R/html-tables.pl" r.html board >board.tsv &&
	plain board.tsv >board.plain
'

test_expect_success 'by region is crm-stock -b region' '
	crm-stock --db f.db --as-of $AS_OF -b region | csv2tsv >expect &&
	block board.plain "$(sed -n 1p board.plain)" | tail -n +2 >actual &&
	test_cmp expect actual &&
	grep "^(total)	3	8	3	37.5	3	1	260.00	2	1	0.6	2	1	1$" actual &&
	grep "^华南	1	3	1	33.3	1	1	37.50	1	0	0.1	0	1	0$" actual
'

test_expect_success 'the stock-outs are crm-stock --report stockout -b region' '
	crm-stock --db f.db --as-of $AS_OF -b region --report stockout >so.csv &&
	csv2tsv <so.csv >expect &&
	block board.plain "$(grep "^门店/仓 location	区域 region	类型 kind" board.plain)" | tail -n +2 >actual &&
	test_cmp expect actual &&
	grep "^W1		warehouse	K1	2026-11-25T00:00:00+08:00		ongoing	72.0	0.17	0.5$" actual &&
	grep "^C05	华南	store	K1	.*	ended	24.0	" actual
'

test_expect_success 'near-expiry: crm-stock --report expiry, the most value first' '
	crm-stock --db f.db --as-of $AS_OF -b region --report expiry | tail -n +2 |
	    sort -t, -s -k10,10nr | head -10 | tr , "\t" >expect &&
	block board.plain "$(grep "^门店/仓 location	区域 region	SKU" board.plain)" | tail -n +2 >actual &&
	test_cmp expect actual &&
	head -1 actual | grep "^W1		K3	B7	2027-02-25	90	near	20	8.00	160.00$" &&
	tail -1 actual | grep "^C05	华南	K3	B6	2027-01-01	35	near	2		$"
'

test_expect_success 'every location: crm-stock, by region then location, members overdue' '
	crm-stock --db f.db --as-of $AS_OF | tail -n +2 | sort -t, -s -k3,3 | tr , "\t" >expect &&
	block board.plain "$(grep "^location_id	" board.plain)" | tail -n +2 >actual &&
	test_cmp expect actual &&
	grep "^C01	苏州园区药房	华东	store	3	2	66.7	.*	2	0	1$" actual
'

test_expect_success 'the ongoing stock-out is a headline' '
	grep "^- 断货进行中 ongoing stock-outs: \*\*1\*\* (W1 K1 自 2026-11-25 00:00 断货 72.0 小时)$" r.md &&
	grep "<span class=\"l\">断货进行中 ongoing stock-outs</span><span class=\"v\">1</span>" r.html
'

test_expect_success 'sell-through per region as bars; the drill-down stays out of Markdown' '
	perl -0ne "print \$1 if /<section id=\"board\">(.*?)<\/section>/s" r.html >sec.html &&
	perl -0ne "print \$1 if /(<svg\b.*?<\/svg>)/s" sec.html >board.svg &&
	xmllint --noout board.svg &&
	grep -c "<rect .*<title>" board.svg &&
	grep "^\*\*按区域 By region\*\*$" r.md &&
	grep "^\*\*断货 Stock-outs\*\*$" r.md &&
	! grep "By location" r.md
'

test_expect_success 'XLSX: a Board sheet, numbers as numbers, a chart over its cells' '
	perl "$R/xlsx-cells.pl" -t r.xlsx Board >board.cells &&
	grep "^s:(total)	n:3	n:8	n:3	n:0.375	n:3	n:1	n:260	n:2	n:1	n:0.6	" board.cells &&
	grep "^s:W1		s:K3	s:B7	s:2027-02-25	n:90	s:near	n:20	n:8	n:160$" board.cells &&
	for n in $(seq 1 7); do perl "$R/xlsx-cells.pl" -p r.xlsx xl/charts/chart$n.xml || exit 1; done >charts.xml &&
	grep -c -F "<c:f>Board!\$A\$" charts.xml
'

test_expect_success 'a store without stock or sales: the section is a note, not an error' '
	crm-import --db e.db --as-of $AS_OF "$R/customers.csv" "$R/activities.csv" "$R/reps.csv" 2>/dev/null &&
	crm-report --db e.db --as-of $AS_OF -o e.html 2>err &&
	! grep -E "stock|sales|members" err &&
	perl -0ne "print \$1 if /<section id=\"board\">(.*?)<\/section>/s" e.html >sec.html &&
	grep "no stock snapshots or sale lines in the store" sec.html &&
	! grep "<table" sec.html &&
	crm-report --db e.db --as-of $AS_OF --format md 2>/dev/null >e.md &&
	grep "^- 断货进行中 ongoing stock-outs: \*\*—\*\* (没有库存记录 no stock records)$" e.md
'

test_done
