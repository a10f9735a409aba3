#!/bin/sh
test_description='crm-report: Markdown for a group message, headline numbers first'
. "${0%/*}/lib.sh"
. "$DATA/report/store.sh"

test_expect_success 'setup: the store and the Markdown, twice alike' '
	make_store f.db &&
	crm-report --db f.db --as-of $AS_OF -o r.md 2>err &&
	test_must_be_empty err &&
	crm-report --db f.db --as-of $AS_OF --format md >r2.md &&
	cmp r.md r2.md
'

test_expect_success 'the headlines come first, with the tools numbers' '
	sed -n "3p;5p" r.md >head &&
	printf "%s\n" "截至 as of 2026-11-27 · 数据 store f.db" "## 要点 Headlines" >expect &&
	test_cmp expect head &&
	first=$(grep -n "^## " r.md | sed -n 2p | cut -d: -f1) &&
	sed -n "7,$((first - 2))p" r.md >lines &&
	test $(grep -c "^- " lines) = $(wc -l <lines) &&
	stale=$(crm-stale --db f.db --as-of $AS_OF -b region | grep "^(total)," | cut -d, -f4) &&
	grep "^- 陈旧客户占比 stale > 90 days: \*\*$stale%\*\* (2 / 10 位客户)$" lines &&
	top=$(crm-score --db f.db --week 2026-W48 2>/dev/null | sed -n 2p | cut -d, -f5) &&
	grep "^- 本周第一 top score: \*\*$top\*\* (代表丙)$" lines &&
	grep "^- CLCC 2026-Q4: \*\*0.2000\*\* (环比 change +2.86%)$" lines &&
	rules=$(crm-rules --db f.db --as-of $AS_OF | tail -n +2 | grep -v -c ",escalate,") &&
	grep "^- 流程违规 violations: \*\*$rules\*\* (red 3, amber 0)$" lines
'

test_expect_success 'pipes are escaped, tags are not tags, wide columns left out' '
	grep "^| 杭州&lt;b>&药房\\\\|二店 | 华东 | 2026-11-28 | 1 | 2 | 竞品乙; 竞品甲 |$" r.md &&
	grep "^| 区域 region | 客户 customers | 陈旧 stale | 陈旧占比 stale % |" r.md &&
	grep "^| --- | ---: | ---: | ---: |" r.md &&
	! grep "rep_id |" r.md &&
	! grep "趋势 Trend" r.md
'

test_expect_success 'a long table is cut at 10 rows, saying how many more' '
	awk "BEGIN { print \"customer_id,name,region,rep_id,updated_at\"; for (i = 1; i <= 14; i++) printf \"X%02d,n%d,区%02d,R1,2026-11-01\n\", i, i, i }" >many.csv &&
	crm-import --db m.db --as-of $AS_OF many.csv "$R/reps.csv" 2>/dev/null &&
	crm-report --db m.db --as-of $AS_OF --format md >m.md 2>/dev/null &&
	sed -n "/^\*\*按区域 By region\*\*$/,/^\*\*按销售/p" m.md >region &&
	test $(grep -c "^| 区[0-9]" region) = 10 &&
	grep "^… 另有 5 行, 见 HTML / XLSX 报告 (5 more rows in the HTML and XLSX reports)$" region
'

test_done
