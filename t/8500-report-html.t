#!/bin/sh
test_description='crm-report: the HTML report holds the tools own numbers, self-contained'
. "${0%/*}/lib.sh"
. "$DATA/report/store.sh"

# The fixture (t/data/report, as of 2026-11-27, week 2026-W48): 10
# customers in 华东, 华南 and one without a region, with a status history
# of four dated exports; 15 activities, some in W48; 5 tasks (T2
# overdue); a ledger over 2026-Q3 and Q4; stock, sales, members and
# shipments; health runs recorded for 2026-11-13 and 2026-11-20.  Each test compares a table of
# the report with what the owning tool prints for the same store.

test_expect_success 'setup: the store, and the report twice' '
	make_store f.db &&
	crm-report --db f.db --as-of $AS_OF -o r.html 2>err &&
	test_must_be_empty err &&
	crm-report --db f.db --as-of $AS_OF >r2.html &&
	cmp r.html r2.html &&
	perl "$R/html-tables.pl" r.html freshness >fresh.tsv
'

test_expect_success 'one self-contained UTF-8 page for a phone, nothing fetched' '
	grep "<meta charset=\"utf-8\">" r.html &&
	grep "<meta name=\"viewport\" content=\"width=device-width" r.html &&
	grep "<html lang=\"zh-CN\">" r.html &&
	grep "font:.*\"PingFang SC\".*\"Microsoft YaHei\".*\"Noto Sans CJK SC\"" r.html &&
	! grep -i -E "https?:|//[a-z]|<script|<link|<img|<iframe|src=|url\(|@import" r.html
'

test_expect_success 'every chart is well-formed SVG: health, freshness, Top 10, CLCC, board, latency, churn' '
	perl -0ne "my \$i = 0; while (/(<svg\b.*?<\/svg>)/sg) { \$i++; open my \$f, \">\", \"svg\$i.xml\" or die; print \$f \$1; close \$f }" r.html &&
	test $(ls svg*.xml | wc -l) = 7 &&
	for s in svg*.xml; do xmllint --noout "$s" || exit 1; done &&
	grep -l "<path" svg1.xml svg4.xml svg7.xml &&
	grep -c "<rect .*<title>" svg2.xml svg5.xml svg6.xml
'

test_expect_success 'text from the data is escaped, in tables and charts' '
	grep "杭州&lt;b&gt;&amp;药房|二店" r.html &&
	! grep "杭州<b>" r.html &&
	grep "<td>＝SUM(A1)</td>" r.html &&
	grep "<text [^>]*>=1+2</text>" r.html
'

test_expect_success 'freshness by region is crm-stale -b region' '
	crm-stale --db f.db --as-of $AS_OF -b region >stale.csv &&
	awk -F, "NR > 1 { printf \"%s\t%s\t%s\t%s%%\t%s\t%s\t%s\t%s\t%s\n\", \$1, \$2, \$3, \$4, \$5, \$6, \$7, \$8, \$9 }" stale.csv >expect &&
	block fresh.tsv "$(head -1 fresh.tsv)" | tail -n +2 >actual &&
	test_cmp expect actual &&
	grep "^(total)	10	2	20.0%	8	0	0	1	1$" actual
'

test_expect_success 'freshness by rep is crm-stale -b rep, the worst first' '
	crm-stale --db f.db --as-of $AS_OF -b rep --raw >stale.csv &&
	{ tail -n +2 stale.csv | grep -v "^(total)," | sort -t, -s -k5,5nr -k4,4nr &&
	  grep "^(total)," stale.csv; } >sorted.csv &&
	awk -F, "{ printf \"%s\t%s\t%s\t%s\t%s%%\n\", \$1, \$2 == \"\" ? \$1 : \$2, \$3, \$4, \$5 }" sorted.csv >expect &&
	awk "/^rep_id/ { on = 1; next } on && /^$/ { exit } on" fresh.tsv | cut -f 1-5 >actual &&
	test_cmp expect actual &&
	head -1 actual | grep "^R2	代表乙	3	1	33.3%$"
'

test_expect_success 'the Top 10 is crm-score --week 2026-W48 --top 10, points per action' '
	crm-score --db f.db --week 2026-W48 --top 10 --raw >score.csv &&
	awk -F, "NR > 1 { print \$1 \"\t\" \$3 \"\t\" \$2 \"\t\" \$4 \"\t\" \$5 \"\t\" \$6 }" score.csv >expect &&
	perl "$R/html-tables.pl" r.html top10 >top.tsv &&
	tail -n +2 top.tsv | sed "/^$/d" | cut -f 1-6 >actual &&
	test_cmp expect actual &&
	head -1 score.csv | tr , "\n" | sed -n "/^activities$/,/^unknown$/p" | sed "1d;\$d" >types &&
	head -1 top.tsv | tr "\t" "\n" | sed -n "7,\$p" | head -$(wc -l <types) >shown &&
	test_cmp types shown &&
	grep "^1	代表丙	R3	华南	6.00	3	" top.tsv
'

test_expect_success 'CLCC of the as-of quarter is crm-clcc -p quarter -b region' '
	crm-clcc --db f.db --as-of $AS_OF -p quarter -b region >clcc.csv 2>/dev/null &&
	grep ",2026-Q4," clcc.csv | awk -F, "{ print \$1, \$2, \$10, \$11, \$12, \$14 }" >expect &&
	perl "$R/html-tables.pl" r.html clcc >clcc.tsv &&
	grep "	2026-Q4	" clcc.tsv | grep -v "^all" | awk -F "\t" "{ gsub(/,/, \"\", \$6); gsub(/,/, \"\", \$7); print \$1, \$2, \$6, \$7, (\$8 == \"—\" ? \"\" : \$8), \$10 }" >actual &&
	test_cmp expect actual &&
	grep "^华东	2026-Q4	800.00	400.00	500.00	1,700.00	10,000.00	0.1700	+13.33%	ok$" clcc.tsv &&
	grep "^华南	2026-Q4	.*	0.2000	-20.00%	ok$" clcc.tsv &&
	crm-clcc --db f.db --as-of $AS_OF -p quarter 2>/dev/null | tail -1 >all.csv &&
	grep "^all,2026-Q4,.*,0.2000,0.0286,ok$" all.csv &&
	grep "^all	2026-Q4	.*	0.2000	+2.86%	ok$" clcc.tsv
'

test_expect_success 'health: crm-health now, and the recorded run before it' '
	crm-health --db f.db --as-of $AS_OF >now.csv 2>/dev/null &&
	crm-health --db f.db --as-of 2026-11-20 >before.csv 2>/dev/null &&
	perl "$R/html-tables.pl" r.html health >health.tsv &&
	awk -F, "NR > 1 { print \$1, (\$2 == \"\" ? \"—\" : \$2 \"%\"), \$6 }" now.csv >expect &&
	block health.tsv "$(head -1 health.tsv)" | tail -n +2 | awk -F "\t" "{ print \$2, \$3, \$4 }" >actual &&
	test_cmp expect actual &&
	awk -F, "NR > 1 { print \$1, (\$2 == \"\" ? \"—\" : \$2 \"%\") }" before.csv >expect &&
	block health.tsv "$(head -1 health.tsv)" | tail -n +2 | awk -F "\t" "{ print \$2, \$5 }" >actual &&
	test_cmp expect actual &&
	grep "上次 2026-11-20" health.tsv &&
	grep -c "^2026-11-" health.tsv >n && test $(cat n) = 3
'

test_expect_success 'heat map, rules and tasks are the tools rows' '
	crm-hotlist --db f.db --as-of $AS_OF -b region | tail -n +2 | tr , "\t" >expect &&
	perl "$R/html-tables.pl" r.html hotlist >hot.tsv &&
	block hot.tsv "$(head -1 hot.tsv)" | tail -n +2 >actual &&
	test_cmp expect actual &&
	crm-rules --db f.db --as-of $AS_OF --raw >rules.csv &&
	grep -c ",escalate," rules.csv >esc &&
	grep -v ",escalate," rules.csv | tail -n +2 | wc -l >viol &&
	grep "<span class=\"l\">流程违规 violations</span><span class=\"v\">$(cat viol)</span>" r.html &&
	grep "<span class=\"l\">逾期升级 escalations</span><span class=\"v\">$(cat esc)</span>" r.html &&
	crm-tasks --db f.db --as-of $AS_OF --depth 100 >tasks.csv &&
	awk -F, "NR > 1 && \$5 != \"\" { m[\$5] = 1 } NR > 1 { id[NR] = \$1; line[NR] = \$2 \"\t\" \$6 \"\t\" \$8 } END { for (i = 2; i <= NR; i++) if (id[i] in m) print line[i] }" tasks.csv >expect &&
	perl "$R/html-tables.pl" r.html tasks | tail -n +2 | sed "/^$/d" | cut -f 1,4,6 >actual &&
	test_cmp expect actual
'

test_done
