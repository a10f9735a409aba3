#!/bin/sh
test_description='crm-rules and crm-hotlist --jobs N: the rows, messages and counts of one thread'
. "${0%/*}/lib.sh"
. "$TOP/t/jobs-data.sh"

# 400 customers: every fifth created in the last 30 days (crm-rules'
# first-touch candidates), every seventh a key account whose contract ends
# within 7 days (crm-hotlist's hot accounts).  6000 activities with what
# depends on input order: activity ids given twice (the copy comes 3990
# rows later, in another chunk, for the same customer and type with other
# content: another time, competitor, note or ref), visits with and without the
# evidence a first touch needs, order steps per ref in and out of order,
# prescription sales with and without the signature photo, competitor
# mentions in the competitor field and in notes, customers not in the
# customers file, times after the as-of day, multi-line notes and rejects
# (a bad date, a ragged row).
test_expect_success 'setup' '
	awk "BEGIN {
		print \"customer_id,name,region,rep_id,tier,contract_end,created_at,updated_at\"
		for (i = 0; i < 400; i++) {
			cr = (i % 5 == 0) ? sprintf(\"2026-11-%02dT%02d:00:00+08:00\", 1 + i % 26, i % 24) : \"2025-03-01\"
			tier = (i % 7 == 0) ? \"A\" : \"C\"
			end = sprintf(\"2026-12-%02d\", 1 + i % 9)
			printf \"C%d,Store %d,R%d,R%02d,%s,%s,%s,2026-06-01\n\", i, i, i % 4, i % 9, tier, end, cr
		}
	}" >customers.csv &&
	awk "BEGIN {
		split(\"visit call rx_review stock_deduct dispatch rx_sale visit proposal\", ty, \" \")
		split(\"竞品甲 竞品乙  ACME\", co, \" \")
		print \"activity_id,customer_id,rep_id,ts,type,ref,evidence,competitor,note\"
		for (i = 1; i <= 6000; i++) {
			j = (i > 4000 && i % 3 == 0) ? i - 3990 : i
			id = \"A\" j
			c = \"C\" ((j * 13) % 430)
			t = ty[1 + (j * 5) % 8]
			ts = sprintf(\"2026-%02d-%02dT%02d:%02d:00+08:00\", 8 + i % 4, 1 + (i * 7) % 28, i % 24, i % 60)
			if (i % 401 == 0) ts = \"2026-13-01\"
			if (i % 97 == 0) ts = \"2026-11-28T08:00:00+08:00\"
			ref = (t ~ /^(rx_review|stock_deduct|dispatch)$/) ? \"O\" (i % 150) : \"\"
			ev = \"\"
			if (t == \"visit\" && i % 3 != 0) ev = \"\\\"checkin: 31.2,121.4; photo: IMG_\" i \".jpg\\\"\"
			if (t == \"rx_sale\") ev = (i % 4 == 0) ? \"photo: 执业药师签字页\" : \"photo: 门头\"
			comp = (i % 6 == 0) ? co[1 + i % 4] : \"\"
			note = (i % 5 == 0) ? \"\\\"客户提到 acme,\n报价 \\\"\\\"低\\\"\\\"\\\"\" : \"n\" i
			if (i % 11 == 0) note = \"竞品乙 来访\"
			if (i % 997 == 0) printf \"%s,%s,R1,%s\n\", id, c, ts
			else printf \"%s,%s,R%02d,%s,%s,%s,%s,%s,%s\n\", id, c, i % 9, ts, t, ref, ev, comp, note
		}
	}" >acts.csv &&
	printf "acme\n竞品乙\n" >comp.txt &&
	test $(wc -c <acts.csv) -gt 300000
'

rules() {
	jobs_tool=crm-rules
	run "$@"
}
hot() {
	jobs_tool=crm-hotlist
	run "$@"
}

test_expect_success 'one thread: the references find something of every kind' '
	rules r1 --customers customers.csv -a acts.csv &&
	grep -c "^first_visit_72h," r1.out >n.ft && test $(cat n.ft) -gt 5 &&
	grep "^rx_order_sequence," r1.out && grep "^rx_pharmacist_signature," r1.out &&
	grep "merged" r1.err && grep "2026-13-01" r1.err &&
	grep "expected 9 fields" r1.err && ! test -e r1.trace &&
	hot h1 --customers customers.csv -a acts.csv --competitors comp.txt \
	    --within 9 --lookback 120 --mentions 1 &&
	test $(wc -l <h1.out) -gt 10 && grep "merged" h1.err &&
	grep "ACME; acme; 竞品乙; 竞品甲" h1.out
'

for bytes in 100 1000 9000 65536; do
	for j in 2 3; do
		test_expect_success "--jobs $j, chunks of $bytes bytes: same as one thread" "
			CRM_CHUNK_BYTES=$bytes rules rj -J $j --customers customers.csv -a acts.csv &&
			same r1 rj && cut rj &&
			CRM_CHUNK_BYTES=$bytes hot hj -J $j --customers customers.csv -a acts.csv \
			    --competitors comp.txt --within 9 --lookback 120 --mentions 1 &&
			same h1 hj && cut hj
		"
	done
done

test_expect_success '--jobs from a pipe, the heat map: same as one thread' '
	rules rp --customers customers.csv -a - <acts.csv &&
	CRM_CHUNK_BYTES=700 rules rpj -J 2 --customers customers.csv -a - <acts.csv &&
	same rp rpj && cut rpj &&
	hot hp -b region --customers customers.csv -a - --within 9 <acts.csv &&
	CRM_CHUNK_BYTES=700 hot hpj -J 2 -b region --customers customers.csv \
	    -a - --within 9 <acts.csv &&
	same hp hpj && cut hpj
'

test_expect_success '--jobs with --strict stops at the same record' '
	rules rs --strict --customers customers.csv -a acts.csv &&
	test "$(cat rs.rc)" = 2 &&
	CRM_CHUNK_BYTES=300 rules rsj --strict -J 2 --customers customers.csv -a acts.csv &&
	same rs rsj &&
	hot hs --strict --customers customers.csv -a acts.csv --within 9 &&
	test "$(cat hs.rc)" = 2 &&
	CRM_CHUNK_BYTES=300 hot hsj --strict -J 2 --customers customers.csv \
	    -a acts.csv --within 9 &&
	same hs hsj
'

# A match over --max-match-steps: crm-rules warns and stops checking that
# rule, in input order among the rejects around it (a bad date every 29th
# row: ten before it); crm-hotlist rejects the activity (of C0, a hot
# account).  "^(a|aa)*$" on 20 a-s and a b
# needs fib(21) steps; the first such row is row 300.  Rows 2..2000 are
# 1999 activities: 68 bad dates and 6 over the limit rejected, so C0 has
# 1925 mentions (each "aaaa" matches).
test_expect_success 'a pattern over its limit among rejects: same messages as one thread' '
	printf "{\"rules\": [{\"name\": \"steps\", \"kind\": \"evidence\", \"types\": \"rx_sale\", \"evidence_kind\": \"photo\", \"pattern\": \"^(a|aa)*\$\"}]}" >steps.json &&
	printf "^(a|aa)*\$\n" >steps.txt &&
	awk "BEGIN {
		print \"activity_id,customer_id,ts,type,evidence,note\"
		for (i = 2; i <= 2000; i++) {
			ts = (i % 29 == 0) ? \"2026-11-32\" : \"2026-11-20T10:00:00+08:00\"
			a = (i % 300 == 0) ? \"aaaaaaaaaaaaaaaaaaaab\" : \"aaaa\"
			printf \"S%d,C0,%s,rx_sale,photo: %s,%s\n\", i, ts, a, a
		}
	}" >steps.csv &&
	rules st --rules steps.json --max-match-steps 1000 -a steps.csv &&
	test "$(cat st.rc)" = 2 &&
	grep -n "" st.err | grep "steps.csv:300: .*match limit exceeded; the rule checks no more records" >lim &&
	test $(wc -l <lim) = 1 && grep "^11:" lim &&
	for bytes in 300 2000; do
		CRM_CHUNK_BYTES=$bytes rules stj -J 2 --rules steps.json \
		    --max-match-steps 1000 -a steps.csv &&
		same st stj && cut stj || return 1
	done &&
	hot hst --competitors steps.txt --max-match-steps 1000 --customers customers.csv \
	    -a steps.csv --within 9 --lookback 120 --mentions 1 &&
	test "$(cat hst.rc)" = 2 && grep "steps.csv:300: .*match limit exceeded" hst.err &&
	grep "^C0,.*,4,1925," hst.out &&
	CRM_CHUNK_BYTES=500 hot hstj -J 2 --competitors steps.txt --max-match-steps 1000 \
	    --customers customers.csv -a steps.csv --within 9 --lookback 120 --mentions 1 &&
	same hst hstj && cut hstj
'

test_expect_success '--jobs needs a number from 1 to 64' '
	test_expect_code 2 crm-rules -J 65 -a acts.csv 2>err &&
	grep "jobs: expected 1 to 64" err &&
	test_expect_code 2 crm-hotlist -J x --customers customers.csv 2>err &&
	grep "jobs: expected 1 to 64" err
'

test_done
