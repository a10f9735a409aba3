#!/bin/sh
test_description='crm-score agrees with scores computed independently by awk'
. "${0%/*}/lib.sh"

# t/data/score/gen.csv: 2993 activities generated once with gawk
# (srand(4070)): 60 customers, 12 reps, times at +08:00 from 2026-11-09 to
# 2026-11-29 (2026-W46..W48), types canonical, Chinese, in other case
# ('Visit'), unknown ('lunch') and weight 0 (rx_review); 5% of the rows
# repeat an earlier row, activity_id included.
#
# The awk below is the definition written again from DOMAIN.md and
# crm-score(1), sharing no code with lib/score.c: scores in hundredths,
# dedupe by activity_id in the window, follow-ups from the window's start
# to 7 days after it, visits credited when an action of weight >= 2 (not a
# visit) on the same customer comes 0..604800 s after.  Every ts carries
# +08:00, so the team-zone day is the date as written and the seconds can
# be counted from the start of November.
G=$DATA/score/gen.csv

cat >peer.awk <<\EOF
BEGIN {
	FS = ","
	split("proposal 300 pdf_blast 50 complaint_invalid -100 demo_booked 300 " \
	    "collab_started 200 quote 200 sample_request 200 visit 100 call 50 " \
	    "rx_sale 0 rx_review 0 stock_deduct 0 dispatch 0", kv, " ")
	for (i = 1; i < 26; i += 2)
		w[kv[i]] = kv[i + 1]
	al["发送定制方案"] = "proposal"; al["群发通用pdf"] = "pdf_blast"
	al["无效客诉处理"] = "complaint_invalid"; al["拜访"] = "visit"
	al["电话"] = "call"; al["报价"] = "quote"
}
NR == 1 { next }
{
	day = substr($4, 9, 2) + 0
	sec = day * 86400 + substr($4, 12, 2) * 3600 + substr($4, 15, 2) * 60 + substr($4, 18, 2)
	t = tolower($5)
	if (t in al)
		t = al[t]
	known = t in w
	wt = known ? w[t] : 0
	advancing = t != "visit" && wt >= 200
	if (day > hi && day <= hi + 7) {
		if (advancing)
			adv[$2] = adv[$2] " " sec
		next
	}
	if (day < lo || day > hi || ($1 in seen))
		next
	seen[$1] = 1
	if (advancing)
		adv[$2] = adv[$2] " " sec
	score[$3] += wt
	n[$3]++
	unk[$3] += !known
	if (t == "visit") {
		nv++
		vc[nv] = $2; vs[nv] = sec; vr[nv] = $3
	}
}
END {
	for (i = 1; i <= nv; i++) {
		k = split(adv[vc[i]], a, " ")
		for (j = 1; j <= k; j++)
			if (a[j] - vs[i] >= 0 && a[j] - vs[i] <= 604800) {
				ad[vr[i]]++
				break
			}
	}
	for (r in n) {
		s = score[r] < 0 ? -score[r] : score[r]
		printf "%s,%s%d.%02d,%d,%d,%d\n", r, score[r] < 0 ? "-" : "",
		    int(s / 100), s % 100, n[r], unk[r], ad[r]
	}
}
EOF

# crm-score's columns by name, in the peer's order
cat >pick.awk <<\EOF
BEGIN { FS = "," }
NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
{ print $c["rep_id"] "," $c["score"] "," $c["activities"] "," $c["unknown"] "," $c["advanced_visits"] }
EOF

test_expect_success 'the fixture is what it says' '
	test $(tail -n +2 "$G" | wc -l) = 2993 &&
	test $(cut -d, -f1 "$G" | sort | uniq -d | wc -l) -gt 100
'

for week in 2026-W46:9:15 2026-W47:16:22 2026-W48:23:29; do
	w=${week%%:*}; lo=${week#*:}; lo=${lo%:*}; hi=${week##*:}
	test_expect_success "$w: every rep's score, activities, unknown, advanced" '
		crm-score --week $w "$G" 2>/dev/null | awk -f pick.awk | sort >actual &&
		awk -v lo=$lo -v hi=$hi -f peer.awk "$G" | sort >expect &&
		test $(wc -l <expect) = 12 &&
		test_cmp expect actual
	'
done

test_expect_success 'the same with the rows in reverse order' '
	{ head -1 "$G"; tail -n +2 "$G" | sort -r; } >rev.csv &&
	crm-score --week 2026-W47 rev.csv 2>/dev/null | awk -f pick.awk | sort >actual &&
	awk -v lo=16 -v hi=22 -f peer.awk "$G" | sort >expect &&
	test_cmp expect actual
'

# Ids of 300 bytes on every id ending in 0 to 4, duplicates included: long
# keys beside short ones in the id set and in the batches below.
test_expect_success 'the same with long activity_ids on half of them' '
	awk -F, -v OFS=, "NR > 1 && \$1 ~ /[0-4]\$/ {
		p = sprintf(\"%0300d\", 0); \$1 = p \$1 } { print }" "$G" >long.csv &&
	test $(awk -F, "length(\$1) > 300" long.csv | wc -l) -gt 1000 &&
	crm-score --week 2026-W47 long.csv 2>/dev/null | awk -f pick.awk | sort >actual &&
	awk -v lo=16 -v hi=22 -f peer.awk long.csv | sort >expect &&
	test_cmp expect actual &&
	crm-score --week 2026-W47 "$G" 2>err.short >/dev/null &&
	crm-score --week 2026-W47 long.csv 2>err.long >/dev/null &&
	sed "s/long.csv/X/" err.long >a && sed "s|$G|X|" err.short >b &&
	test_cmp b a
'

# One thread judges the activities in batches of 8192, asking the id set
# about a batch's ids at once; with --jobs, each part's ids are asked by 2
# or 3 lanes, each holding a share of the hashes in a set of its own.
# Thirty copies of the fixture put over 30,000 activities in 2026-W47:
# copy k renames every id but those ending in 7, which stay duplicates of
# copy 0's rows in earlier batches and parts, and gives those to rep RX.
# RX must never score, and every number must be the peer's, from a file
# (where the id set sizes itself by the share of the file read) and from
# a pipe (where it cannot).
test_expect_success 'thirty copies: duplicates across batches and lanes' '
	awk -F, -v OFS=, "NR == 1 { print; next } { row[++n] = \$0 }
	    END { for (k = 0; k < 30; k++) for (i = 1; i <= n; i++) {
		\$0 = row[i]
		if (k > 0 && \$1 ~ /7\$/) \$3 = \"RX\"
		else if (k > 0) \$1 = \$1 \"-\" k
		print } }" "$G" >big.csv &&
	test $(awk -F, "NR > 1 && \$4 ~ /^2026-11-(1[6-9]|2[0-2])/" big.csv |
	    wc -l) -gt 30000 &&
	test $(awk -F, "\$3 == \"RX\" && \$4 ~ /^2026-11-(1[6-9]|2[0-2])/" \
	    big.csv | wc -l) -gt 1000 &&
	awk -v lo=16 -v hi=22 -f peer.awk big.csv | sort >expect &&
	! grep "^RX," expect &&
	crm-score --week 2026-W47 big.csv 2>/dev/null | awk -f pick.awk |
	    sort >actual &&
	test_cmp expect actual &&
	crm-score --week 2026-W47 - <big.csv 2>/dev/null | awk -f pick.awk |
	    sort >actual &&
	test_cmp expect actual &&
	for j in 2 3; do
		CRM_CHUNK_BYTES=65536 crm-score -J $j --week 2026-W47 big.csv \
		    2>/dev/null | awk -f pick.awk | sort >actual &&
		test_cmp expect actual || return 1
	done
'

test_done
