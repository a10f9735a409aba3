#!/bin/sh
test_description='gen-sample: deterministic, committed as sample/, planted facts visible'
. "${0%/*}/lib.sh"

# The planted facts are computed here from the generated files with awk
# (after crm-import has turned them into canonical UTF-8 CSV, read as TSV
# below), independently of the tool that reports them, and the two lists
# must be equal and not empty.  Nothing is copied from a tool's output.

GEN="$TOP/scripts/gen-sample"
ASOF=2026-11-27

# csv2tsv: RFC 4180 CSV (quoted commas, doubled quotes, line breaks in
# quotes) to one line per record, fields separated by tabs; a line break
# inside a field becomes a space.
csv2tsv() {
	awk '
	function quotes(s,  t) { t = s; return gsub(/"/, "", t) }
	{
		rec = pending == "" ? $0 : pending " " $0
		if (quotes(rec) % 2) { pending = rec; next }
		pending = ""; out = ""; f = ""; inq = 0; n = length(rec)
		for (i = 1; i <= n; i++) {
			c = substr(rec, i, 1)
			if (inq && c == "\"" && substr(rec, i + 1, 1) == "\"") { f = f c; i++ }
			else if (c == "\"") inq = !inq
			else if (!inq && c == ",") { out = out f "\t"; f = "" }
			else f = f c
		}
		print out f
	}' "$@"
}

# The awk functions the checks share: dn(s) is the day number of the date
# that s starts with (YYYY-MM-DD), secs(s) the seconds of a canonical
# timestamp (YYYY-MM-DDTHH:MM:SS+08:00) or of a date's midnight.
LIB='
function dn(s,  y, m, d, era, yoe, doy) {
	y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
	if (m <= 2) y--
	era = int(y / 400); yoe = y - era * 400
	doy = int((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
	return era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy - 719468
}
function secs(s) {
	return dn(s) * 86400 + (length(s) > 10 ? substr(s, 12, 2) * 3600 + \
	    substr(s, 15, 2) * 60 + substr(s, 18, 2) : 0)
}
'

test_expect_success 'setup: two runs, and the canonical files' '
	"$GEN" one &&
	"$GEN" two &&
	crm-import one/customers.csv one/fmcg-customers.csv >cust.csv &&
	crm-import one/activities.csv >act.csv &&
	crm-import one/tasks.csv >tasks.csv &&
	crm-import one/stock.csv >stock.csv &&
	crm-import one/sales.csv >sales.csv &&
	for f in cust act tasks stock sales; do csv2tsv $f.csv >$f.tsv || exit 1; done &&
	test $(wc -l <cust.tsv) -gt 400 && test $(wc -l <act.tsv) -gt 1000
'

test_expect_success 'the same arguments give the same bytes' '
	diff -r one two &&
	"$GEN" --scale 2 --as-of 2026-06-30 three &&
	"$GEN" --scale 2 --as-of 2026-06-30 four &&
	diff -r three four &&
	! diff -q one/sales.csv three/sales.csv >/dev/null
'

# Two random draws as arguments of one call are evaluated in an order C
# leaves to the compiler (gcc and clang differ): another compiler must
# write the same bytes.
for cc in clang gcc; do
	command -v $cc >/dev/null 2>&1 || continue
	test_expect_success "a build with $cc writes the same bytes" '
		$cc -std=c11 -O1 -o gen-$cc "$TOP/scripts/gen-sample.c" &&
		./gen-$cc by-$cc &&
		diff -r one by-$cc
	'
done

test_expect_success 'the committed sample is gen-sample at scale 1' '
	diff -r -x README "$TOP/sample" one &&
	test -s "$TOP/sample/README"
'

test_expect_success 'every record of every file imports, none rejected' '
	for f in one/*.csv one/history/*.csv; do
		crm-import --as-of $ASOF "$f" >/dev/null 2>err || { cat err; exit 1; }
		grep " + 0 rejected$" err || exit 1
	done &&
	crm-check --as-of $ASOF one/*.csv >report &&
	grep "^rows: 0 findings, pass$" report
'

test_expect_success 'the messy parts are there: GB18030, Excel dates, amounts' '
	! iconv -f UTF-8 -t UTF-8 one/fmcg-customers.csv >/dev/null 2>&1 &&
	iconv -f GB18030 -t UTF-8 one/fmcg-customers.csv >fc.txt &&
	iconv -f GB18030 -t UTF-8 one/fmcg-ledger.csv >fl.txt &&
	head -1 fc.txt | grep "^客户编号,客户名称," &&
	grep -q ",4[0-9][0-9][0-9][0-9]," fc.txt &&
	grep -q "年[0-9]*月[0-9]*日" fl.txt &&
	grep -q "万," fl.txt &&
	grep -q "￥[0-9]*,[0-9][0-9][0-9]\." fl.txt &&
	grep -q "\"\"下月再补货\"\"" fl.txt
'

test_expect_success 'never-touched customers are stale, never touched' '
	awk -F"\t" "FNR == 1 { next }
	    FILENAME == \"act.tsv\" { seen[\$2] = 1; next }
	    \$8 == \"\" && !(\$1 in seen) { print \$1 }" act.tsv cust.tsv |
	    sort >expect &&
	test -s expect &&
	crm-stale --as-of $ASOF -a act.csv cust.csv >stale.csv &&
	awk -F, "\$7 == \"never\" { print \$1 }" stale.csv | sort >actual &&
	test_cmp expect actual
'

test_expect_success 'key accounts ending within 7 days, a competitor twice' '
	awk -F"\t" "$LIB
	    FNR == 1 { next }
	    FILENAME == \"act.tsv\" {
		d = dn(\$4)
		if (\$8 != \"\" && d >= dn(\"$ASOF\") - 90 && d <= dn(\"$ASOF\"))
			n[\$2]++
		next
	    }
	    (\$5 == \"KA\" || \$5 == \"A\" || \$5 == \"A类\") && \$9 != \"\" &&
	    dn(\$9) > dn(\"$ASOF\") && dn(\$9) <= dn(\"$ASOF\") + 7 &&
	    n[\$1] >= 2 { print \$1 }" act.tsv cust.tsv | sort >expect &&
	test $(wc -l <expect) -ge 2 &&
	crm-hotlist --as-of $ASOF --customers cust.csv -a act.csv >hot.csv &&
	sed 1d hot.csv | cut -d, -f1 | sort >actual &&
	test_cmp expect actual
'

test_expect_success 'rules: prescription steps, signature photos, first visits' '
	crm-rules --as-of $ASOF --customers cust.csv -a act.csv \
	    --tasks tasks.csv -r one/reps.csv >rules.csv &&
	# a step out of order or skipped, per ref
	awk -F"\t" "FNR > 1 {
		s = \$5 == \"rx_review\" || \$5 == \"处方审核\" ? 1 :
		    \$5 == \"stock_deduct\" || \$5 == \"库存扣减\" ? 2 :
		    \$5 == \"dispatch\" || \$5 == \"物流派单\" ? 3 : 0
		if (s) print \$6 \"\t\" \$4 \"\t\" s
	    }" act.tsv | sort -t"	" -k1,1 -k2,2 |
	    awk -F"\t" "{ seq[\$1] = seq[\$1] \$3 }
		END { for (r in seq) if (seq[r] != \"123\") print r }" |
	    sort >expect &&
	test -s expect &&
	grep "^rx_order_sequence," rules.csv | cut -d, -f4 | sort >actual &&
	test_cmp expect actual &&
	# a prescription sale without a photo naming the signature page
	awk -F"\t" "FNR > 1 && (\$5 == \"rx_sale\" || \$5 == \"处方药销售\") {
		ok = 0; k = split(\$7, item, \";\")
		for (i = 1; i <= k; i++) {
			sub(/^ */, \"\", item[i])
			if (item[i] ~ /^photo:/ && (item[i] ~ /执业药师签字页/ ||
			    tolower(item[i]) ~ /pharmacist signature/))
				ok = 1
		}
		if (!ok) print \$1
	    }" act.tsv | sort >expect &&
	test -s expect &&
	grep "^rx_pharmacist_signature," rules.csv | cut -d, -f4 | sort >actual &&
	test_cmp expect actual &&
	# a customer created in 30 days without a visit with check-in and
	# photo within 72 hours, when the 72 hours are over by the as-of day
	awk -F"\t" "$LIB
	    FNR == 1 { next }
	    FILENAME == \"act.tsv\" {
		if ((\$5 == \"visit\" || \$5 == \"拜访\") && \$7 ~ /checkin:/ &&
		    \$7 ~ /photo:/)
			v[\$2] = v[\$2] \" \" secs(\$4)
		next
	    }
	    \$7 != \"\" && dn(\$7) > dn(\"$ASOF\") - 30 {
		c = secs(\$7); ok = 0; k = split(v[\$1], t, \" \")
		for (i = 1; i <= k; i++)
			if (t[i] >= c && t[i] <= c + 72 * 3600) ok = 1
		if (!ok && c + 72 * 3600 < (dn(\"$ASOF\") + 1) * 86400) print \$1
	    }" act.tsv cust.tsv | sort >expect &&
	test -s expect &&
	grep "^first_visit_72h," rules.csv | cut -d, -f4 | sort >actual &&
	test_cmp expect actual
'

test_expect_success 'overdue tasks escalate, and were chased by hand' '
	awk -F"\t" "$LIB FNR > 1 && \$7 == \"\" && dn(\$6) < dn(\"$ASOF\") {
		print \$1 > \"expect\"; if (\$9 > 0) chased++
	    } END { exit !(chased > 0) }" tasks.tsv &&
	sort -o expect expect &&
	grep "^task_escalation," rules.csv | cut -d, -f4 | sort >actual &&
	test_cmp expect actual
'

test_expect_success 'stock-outs: the warehouse is out now, a store was' '
	# per location and SKU, quantities summed per count, in time order
	awk -F"\t" "FNR > 1 { q[\$1 \"\t\" \$2 \"\t\" \$6] += \$4 }
	    END { for (k in q) print k \"\t\" q[k] }" stock.tsv |
	    sort -t"	" -k1,1 -k2,2 -k3,3 |
	    awk -F"\t" "$LIB
		function flush() {
			if (start != \"\")
				print key \",\" start \",ongoing,\" \
				    ((dn(\"$ASOF\") + 1) * 86400 - secs(start)) / 3600
		}
		{ k = \$1 \",\" \$2 }
		k != key { flush(); key = k; start = \"\"; seen = 0 }
		\$4 > 0 {
			if (start != \"\" && secs(\$3) - secs(start) >= 24 * 3600)
				print key \",\" start \",ended\"
			start = \"\"; seen = 1; next
		}
		seen && start == \"\" { start = \$3 }
		END { flush() }" >expect.raw &&
	grep ",ongoing," expect.raw | awk -F, "\$5 >= 48" | grep -q "^WH-HD01," &&
	grep -q ",ended$" expect.raw &&
	cut -d, -f1-4 expect.raw | sort >expect &&
	crm-stock --as-of $ASOF --stock stock.csv --sales sales.csv \
	    --report stockout >out.csv &&
	awk -F, "NR > 1 { print \$1 \",\" \$4 \",\" \$5 \",\" \$7 }" out.csv |
	    sort >actual &&
	test_cmp expect actual
'

test_expect_success 'near-expiry batches in the latest counts' '
	# pass 1: the latest count of each location; pass 2: its batches
	awk -F"\t" "$LIB
	    FNR == 1 { next }
	    NR == FNR { if (\$6 > last[\$1]) last[\$1] = \$6; next }
	    \$6 == last[\$1] && \$4 > 0 && dn(\$5) - dn(\"$ASOF\") <= 90 {
		print \$1 \",\" \$2 \",\" \$3
	    }" stock.tsv stock.tsv | sort >expect &&
	test $(wc -l <expect) -ge 5 &&
	crm-stock --as-of $ASOF --stock stock.csv --sales sales.csv \
	    --report expiry >out.csv &&
	sed 1d out.csv | cut -d, -f1,3,4 | sort >actual &&
	test_cmp expect actual
'

test_expect_success 'SKUs held in 30 days and never sold in them' '
	awk -F"\t" "$LIB
	    FNR == 1 { next }
	    FILENAME == \"sales.tsv\" {
		if (dn(\$4) > dn(\"$ASOF\") - 30 && dn(\$4) <= dn(\"$ASOF\"))
			sold[\$2 \",\" \$3] += \$5
		next
	    }
	    dn(\$6) > dn(\"$ASOF\") - 30 && \$4 > 0 { held[\$1 \",\" \$2] = 1 }
	    END { for (k in held) if (!(sold[k] > 0)) print k }" \
	    sales.tsv stock.tsv | sort >expect &&
	# the planted ones: four SKUs at six stores
	test $(grep -c "^PH[0-9]*,YP100\(13\|19\|21\|22\)$" expect) -ge 24 &&
	crm-stock --as-of $ASOF --stock stock.csv --sales sales.csv \
	    --report sellthrough --slow >out.csv &&
	sed 1d out.csv | cut -d, -f1,3 | sort >actual &&
	test_cmp expect actual
'

test_expect_success 'members overdue for their next purchase' '
	awk -F"\t" "FNR > 1 && \$7 != \"\" && \$5 > 0 {
		print \$7 \"\t\" substr(\$4, 1, 10) }" sales.tsv | sort -u |
	    awk -F"\t" "$LIB
		function judge(  k, i, j, t, med, gap) {
			if (n < 3) return
			for (i = 1; i < n; i++) gap[i] = d[i + 1] - d[i]
			for (i = 1; i < n; i++)		# insertion sort
				for (j = i; j > 1 && gap[j - 1] > gap[j]; j--) {
					t = gap[j]; gap[j] = gap[j - 1]; gap[j - 1] = t
				}
			k = n - 1
			med = k % 2 ? gap[(k + 1) / 2] : (gap[k / 2] + gap[k / 2 + 1]) / 2
			if (dn(\"$ASOF\") - d[n] > 1.5 * med) print m
		}
		\$1 != m { judge(); m = \$1; n = 0 }
		{ d[++n] = dn(\$2) }
		END { judge() }" | sort >expect &&
	test $(wc -l <expect) -ge 10 &&
	crm-stock --as-of $ASOF --stock stock.csv --sales sales.csv \
	    --members one/members.csv --report repurchase >out.csv &&
	sed 1d out.csv | cut -d, -f3 | sort >actual &&
	test_cmp expect actual
'

test_expect_success 'churn from the history of dated customer exports' '
	# lost (or won back) in the month of the first export to show it
	for d in 2026-08-31 2026-09-30 2026-10-31; do
		crm-import --db h.db --as-of $d one/history/*-$d.csv || exit 1
		crm-import one/history/*-$d.csv >snap-$d.csv || exit 1
	done 2>/dev/null &&
	crm-import --db h.db --as-of $ASOF one/customers.csv \
	    one/fmcg-customers.csv 2>/dev/null &&
	for f in snap-2026-08-31 snap-2026-09-30 snap-2026-10-31; do
		csv2tsv $f.csv >$f.tsv || exit 1
	done &&
	cp cust.tsv snap-$ASOF.tsv &&
	awk -F"\t" "FNR == 1 { k++; m[k] = substr(FILENAME, 6, 7); next }
	    { st[k, \$1] = \$6 }
	    k > 1 && ((k - 1, \$1) in st) {
		was = st[k - 1, \$1]
		if (was != \"流失\" && \$6 == \"流失\") lost[m[k]]++
		if (was == \"流失\" && \$6 != \"流失\" && \$6 != \"\") won[m[k]]++
	    }
	    END { for (i = 2; i <= k; i++)
		print m[i] \",\" lost[m[i]] + 0 \",\" won[m[i]] + 0 }" \
	    snap-2026-08-31.tsv snap-2026-09-30.tsv snap-2026-10-31.tsv \
	    snap-$ASOF.tsv >expect &&
	test $(awk -F, "\$2 >= 10" expect | wc -l) = 3 &&
	crm-pulse --db h.db --as-of $ASOF --report churn --from 2026-09-01 \
	    --to $ASOF >out.csv &&
	awk -F, "\$2 == \"(total)\" { print \$1 \",\" \$5 \",\" \$6 }" out.csv >actual &&
	test_cmp expect actual
'

test_done
