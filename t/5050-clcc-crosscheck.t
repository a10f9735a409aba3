#!/bin/sh
test_description='crm-clcc agrees with sums computed independently by sqlite3 and awk'
. "${0%/*}/lib.sh"

# t/data/clcc/plain.csv: 400 generated entries (awk, srand(20261127)) for
# customers K01..K06 from 2025-11 to 2026-06, amounts with two decimals,
# some negative.  The peers below read the amounts as integer fen by
# dropping the point, which is exact for that plain form.
P=$DATA/clcc/plain.csv

if command -v sqlite3 >/dev/null 2>&1; then
# One customer (K03) per month: the sums in fen, then the CLCC with integer
# arithmetic only: round(|cost| * 10000 / margin) half up, as
# (|cost| * 20000 + margin) / (2 * margin), the sign put back.
test_expect_success 'K03 per month: sums and clcc match sqlite3' '
	crm-clcc -b customer --as-of 2026-06-30 "$P" |
	    awk -F, "\$1 == \"K03\"" | cut -d, -f2-12 >actual &&
	sqlite3 -batch >expect <<-EOF &&
	.mode csv
	.import $P ledger
	.mode list
	.separator ,
	WITH e AS (
	    SELECT substr(date, 1, 7) AS period, kind, sub_kind,
	           CAST(replace(amount, ".", "") AS INTEGER) AS fen
	    FROM ledger WHERE customer_id = "K03"),
	s AS (
	    SELECT period,
	      sum(CASE WHEN kind = "acquisition" THEN fen ELSE 0 END) AS acq,
	      sum(CASE WHEN kind = "service" THEN fen ELSE 0 END) AS svc,
	      sum(CASE WHEN kind = "failure" THEN fen ELSE 0 END) AS fail,
	      sum(CASE WHEN kind = "failure" AND sub_kind = "duplicate_quote" THEN fen ELSE 0 END) AS dup,
	      sum(CASE WHEN kind = "failure" AND sub_kind = "lost_followup" THEN fen ELSE 0 END) AS lost,
	      sum(CASE WHEN kind = "failure" AND sub_kind = "rework" THEN fen ELSE 0 END) AS rew,
	      sum(CASE WHEN kind = "failure" AND sub_kind = "" THEN fen ELSE 0 END) AS oth,
	      sum(CASE WHEN kind = "margin" THEN fen ELSE 0 END) AS mar
	    FROM e GROUP BY period),
	t AS (SELECT *, acq + svc + fail AS cost FROM s)
	SELECT period,
	  printf("%s%d.%02d", CASE WHEN acq < 0 THEN "-" ELSE "" END, abs(acq) / 100, abs(acq) % 100),
	  printf("%s%d.%02d", CASE WHEN svc < 0 THEN "-" ELSE "" END, abs(svc) / 100, abs(svc) % 100),
	  printf("%s%d.%02d", CASE WHEN fail < 0 THEN "-" ELSE "" END, abs(fail) / 100, abs(fail) % 100),
	  printf("%s%d.%02d", CASE WHEN dup < 0 THEN "-" ELSE "" END, abs(dup) / 100, abs(dup) % 100),
	  printf("%s%d.%02d", CASE WHEN lost < 0 THEN "-" ELSE "" END, abs(lost) / 100, abs(lost) % 100),
	  printf("%s%d.%02d", CASE WHEN rew < 0 THEN "-" ELSE "" END, abs(rew) / 100, abs(rew) % 100),
	  printf("%s%d.%02d", CASE WHEN oth < 0 THEN "-" ELSE "" END, abs(oth) / 100, abs(oth) % 100),
	  printf("%s%d.%02d", CASE WHEN cost < 0 THEN "-" ELSE "" END, abs(cost) / 100, abs(cost) % 100),
	  printf("%s%d.%02d", CASE WHEN mar < 0 THEN "-" ELSE "" END, abs(mar) / 100, abs(mar) % 100),
	  CASE WHEN mar <= 0 THEN "" ELSE
	    printf("%s%d.%04d",
	      CASE WHEN cost < 0 AND (abs(cost) * 20000 + mar) / (2 * mar) > 0 THEN "-" ELSE "" END,
	      (abs(cost) * 20000 + mar) / (2 * mar) / 10000,
	      (abs(cost) * 20000 + mar) / (2 * mar) % 10000) END
	FROM t ORDER BY period;
	EOF
	test $(wc -l <expect) = 8 &&
	test_cmp expect actual
'
fi

# All customers per quarter, summed by awk in integer fen (the totals stay
# far below 2^53, so awk's doubles hold them exactly).
test_expect_success 'all customers per quarter: sums match awk' '
	crm-clcc -p quarter --as-of 2026-06-30 "$P" | tail -n +2 | cut -d, -f2-11 >actual &&
	awk -F, "NR > 1 {
		split(\$2, d, \"-\"); q = d[1] \"-Q\" int((d[2] - 1) / 3) + 1;
		f = \$4; sub(/\\./, \"\", f); f += 0;
		k = \$3; if (k == \"failure\") { k2 = \$5 == \"\" ? \"other\" : \$5; S[q, k2] += f }
		S[q, k] += f; if (k != \"margin\") S[q, \"cost\"] += f; Q[q] = 1
	}
	function y(v,  s) { s = v < 0 ? \"-\" : \"\"; v = v < 0 ? -v : v;
		return sprintf(\"%s%d.%02d\", s, int(v / 100), v % 100) }
	END {
		n = split(\"2025-Q4 2026-Q1 2026-Q2\", qs, \" \");
		for (i = 1; i <= n; i++) { q = qs[i];
			print q \",\" y(S[q, \"acquisition\"]) \",\" y(S[q, \"service\"]) \",\" \
			    y(S[q, \"failure\"]) \",\" y(S[q, \"duplicate_quote\"]) \",\" \
			    y(S[q, \"lost_followup\"]) \",\" y(S[q, \"rework\"]) \",\" \
			    y(S[q, \"other\"]) \",\" y(S[q, \"cost\"]) \",\" y(S[q, \"margin\"]) }
	}" "$P" >expect &&
	test $(wc -l <expect) = 3 &&
	test_cmp expect actual
'

test_expect_success 'the last --lifetime row equals the one-year total' '
	# 2025-11..2026-06 spans two calendar years; the lifetime row of
	# 2026-06 must hold the sums of both years added
	crm-clcc -l --as-of 2026-06-30 "$P" | tail -1 | cut -d, -f3-11 >life &&
	crm-clcc -p year --as-of 2026-06-30 "$P" | tail -n +2 | cut -d, -f3-11 |
	awk -F, "{ for (i = 1; i <= NF; i++) { v = \$i; sub(/\\./, \"\", v); t[i] += v } }
	END { for (i = 1; i <= 9; i++) { v = t[i]; s = v < 0 ? \"-\" : \"\"; v = v < 0 ? -v : v;
		printf \"%s%s%d.%02d\", (i > 1 ? \",\" : \"\"), s, int(v / 100), v % 100 } print \"\" }" >sum &&
	test_cmp sum life
'

test_done
