#!/bin/sh
test_description='crm-report: the XLSX workbook, read back with perl core modules'
. "${0%/*}/lib.sh"
. "$DATA/report/store.sh"

# cells SHEET [-t]: the sheet of r.xlsx as TSV (see xlsx-cells.pl)
cells() {
	if [ "$2" = -t ]; then
		perl "$R/xlsx-cells.pl" -t r.xlsx "$1"
	else
		perl "$R/xlsx-cells.pl" r.xlsx "$1"
	fi
}

test_expect_success 'setup: the store and the workbook' '
	make_store f.db &&
	crm-report --db f.db --as-of $AS_OF -o r.xlsx 2>err &&
	test_must_be_empty err &&
	test "$(head -c 2 r.xlsx)" = PK
'

test_expect_success 'the same input gives the same bytes, seconds apart' '
	sleep 2 &&
	crm-report --db f.db --as-of $AS_OF -o r2.xlsx &&
	cmp r.xlsx r2.xlsx &&
	crm-report --db f.db --as-of $AS_OF --format xlsx >r3.xlsx &&
	cmp r.xlsx r3.xlsx &&
	perl "$R/xlsx-cells.pl" -p r.xlsx docProps/core.xml >core.xml &&
	grep "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-11-27T00:00:00Z<" core.xml
'

test_expect_success 'a summary sheet, then one sheet per section' '
	perl "$R/xlsx-cells.pl" r.xlsx >sheets &&
	printf "%s\n" Summary Health Freshness Top10 CLCC Hotlist Rules Tasks \
	    Board Latency Churn Intent >expect &&
	test_cmp expect sheets
'

test_expect_success 'no formula anywhere; text that starts one is a string cell' '
	for s in $(cat sheets); do cells $s -t || exit 1; done >all.tsv &&
	! grep "f:" all.tsv &&
	for n in $(seq 1 12); do perl "$R/xlsx-cells.pl" -p r.xlsx xl/worksheets/sheet$n.xml || exit 1; done >sheets.xml &&
	! grep "<f>" sheets.xml &&
	grep "	s:=1+2	" all.tsv &&
	grep "s:＝SUM(A1)	" all.tsv &&
	grep "s:杭州<b>&药房|二店" all.tsv
'

test_expect_success 'frozen header rows, number formats, column widths' '
	grep -c "state=\"frozen\"" sheets.xml >n && test $(cat n) = 12 &&
	perl "$R/xlsx-cells.pl" -p r.xlsx xl/styles.xml >styles.xml &&
	grep "formatCode=\"#,##0.00\"" styles.xml &&
	grep "formatCode=\"0.0%\"" styles.xml &&
	grep "formatCode=\"0.00%\"" styles.xml &&
	grep -c "customWidth=\"1\"" sheets.xml
'

test_expect_success 'freshness: crm-stale -b region, percentages as fractions' '
	crm-stale --db f.db --as-of $AS_OF -b region >stale.csv &&
	perl -F, -lane "next if \$. == 1; \$F[3] = sprintf(q(%.15g), \$F[3] / 100); print join(qq(\t), @F)" stale.csv >expect &&
	cells Freshness >fresh.tsv &&
	block fresh.tsv "$(sed -n "/^区域 region	/p" fresh.tsv)" | tail -n +2 >actual &&
	test_cmp expect actual &&
	cells Freshness -t | grep "^s:(total)	n:10	n:2	n:0.2	"
'

test_expect_success 'the Top 10: crm-score rows, numbers as numbers' '
	crm-score --db f.db --week 2026-W48 --top 10 --raw >score.csv 2>/dev/null &&
	perl -F, -lane "next if \$. == 1; print join(qq(\t), \$F[0], \$F[2], \$F[1], \$F[3], map { sprintf(q(%.15g), \$_) } @F[4 .. \$#F])" score.csv >expect &&
	cells Top10 >top.tsv &&
	sed -n "/^名次 rank	/,\$p" top.tsv | tail -n +2 | sed "/^$/,\$d" >actual &&
	test_cmp expect actual &&
	cells Top10 -t | grep "^n:1	s:代表丙	s:R3	s:华南	n:6	n:3	"
'

test_expect_success 'CLCC: money and ratios are crm-clcc numbers' '
	crm-clcc --db f.db --as-of $AS_OF -p quarter -b region 2>/dev/null | grep ",2026-Q4," >q4.csv &&
	perl -F, -lane "print join(qq(\t), \$F[0], \$F[1], map({ sprintf(q(%.15g), \$_) } @F[2, 3, 4, 9, 10]), map({ \$_ eq q() ? q() : sprintf(q(%.15g), \$_) } @F[11, 12]), \$F[13])" q4.csv >expect &&
	cells CLCC >clcc.tsv &&
	grep "	2026-Q4	" clcc.tsv | grep -v "^all" >actual &&
	test_cmp expect actual &&
	grep "^华东	2026-Q4	800	400	500	1700	10000	0.17	0.1333	ok$" actual &&
	grep "^all	2026-Q4	1100	1400	500	3000	15000	0.2	0.0286	ok$" clcc.tsv
'

test_expect_success 'health: values as fractions, the trend of the recorded runs' '
	crm-health --db f.db --as-of $AS_OF >now.csv 2>/dev/null &&
	perl -F, -lane "next if \$. == 1; print join(qq(\t), \$F[0], \$F[1] eq q() ? q() : sprintf(q(%.15g), \$F[1] / 100), \$F[5])" now.csv >expect &&
	cells Health >health.tsv &&
	sed -n "/^检查项	/,/^$/p" health.tsv | sed "1d;/^$/d" | cut -f 2-4 >actual &&
	test_cmp expect actual &&
	grep -c "^2026-11-[0-9]*	" health.tsv >n && test $(cat n) = 3
'

test_expect_success 'native charts over the sheet cells' '
	for n in 1 2 3 4; do perl "$R/xlsx-cells.pl" -p r.xlsx xl/charts/chart$n.xml || exit 1; done >charts.xml &&
	grep -c -F "<c:barChart>" charts.xml &&
	grep -c -F "<c:grouping val=\"percentStacked\"/>" charts.xml &&
	grep -c -F "<c:lineChart>" charts.xml &&
	grep -c -F "<c:f>Freshness!\$E\$6:\$E\$9</c:f>" charts.xml &&
	grep -c -F "<c:f>Top10!\$B\$5:\$B\$8</c:f>" charts.xml &&
	grep -c -F "<c:f>Health!\$A\$14:\$A\$16</c:f>" charts.xml &&
	grep -c -F "<c:f>CLCC!\$A\$13:\$A\$14</c:f>" charts.xml
'

test_done
