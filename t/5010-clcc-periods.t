#!/bin/sh
test_description='crm-clcc: calendar months, quarters and years, and the as-of date'
. "${0%/*}/lib.sh"

# Both sides of a year, a quarter and a month boundary.  Amounts are small
# whole yuan so that each ratio can be checked in one's head.
cat >edges.csv <<-\EOF
customer_id,date,kind,amount
Q,2025-12-31,service,10
Q,2025-12-31,margin,100
Q,2026-01-01,service,30
Q,2026-01-01,margin,200
Q,2026-03-31,service,50
Q,2026-03-31,margin,400
Q,2026-04-01,service,70
Q,2026-04-01,margin,500
EOF

# Months, as-of 2026-04-01:
#   2025-12  10/100 = 0.1000, the first period
#   2026-01  30/200 = 0.1500, change 0.15/0.10 - 1 = 0.5000
#   2026-02  nothing: margin 0
#   2026-03  50/400 = 0.1250, but February had no CLCC
#   2026-04  70/500 = 0.1400, change 0.14/0.125 - 1 = 0.1200
test_expect_success 'months: 12-31 | 01-01 and 03-31 | 04-01 fall apart' '
	crm-clcc --as-of 2026-04-01 edges.csv | cut -d, -f2,4,10-14 >actual &&
	cat >expect <<-\EOF &&
	period,service,cost,margin,clcc,change_rate,status
	2025-12,10.00,10.00,100.00,0.1000,,no-previous
	2026-01,30.00,30.00,200.00,0.1500,0.5000,ok
	2026-02,0.00,0.00,0.00,,,margin<=0
	2026-03,50.00,50.00,400.00,0.1250,,prev-margin<=0
	2026-04,70.00,70.00,500.00,0.1400,0.1200,ok
	EOF
	test_cmp expect actual
'

# Quarters: 2025-Q4 = December: 0.1000.  2026-Q1 = 1 January + 31 March:
# (30 + 50)/(200 + 400) = 80/600 = 0.13333 -> 0.1333, change
# 0.13333/0.1 - 1 = 0.33333 -> 0.3333.  2026-Q2 = 1 April: 70/500 = 0.1400,
# change 0.14/(80/600) - 1 = 0.14 * 7.5 - 1 = 0.0500.
test_expect_success 'quarters: 03-31 is Q1, 04-01 is Q2, 12-31 is Q4' '
	crm-clcc --as-of 2026-04-01 --period quarter edges.csv | cut -d, -f2,4,10-14 >actual &&
	cat >expect <<-\EOF &&
	period,service,cost,margin,clcc,change_rate,status
	2025-Q4,10.00,10.00,100.00,0.1000,,no-previous
	2026-Q1,80.00,80.00,600.00,0.1333,0.3333,ok
	2026-Q2,70.00,70.00,500.00,0.1400,0.0500,ok
	EOF
	test_cmp expect actual
'

# Years: 2025 is 10/100 = 0.1000; 2026 is (30+50+70)/(200+400+500) =
# 150/1100 = 0.136363... -> 0.1364, change 1.363636... - 1 -> 0.3636.
test_expect_success 'years' '
	crm-clcc --as-of 2026-04-01 -p year edges.csv | cut -d, -f2,4,10-14 >actual &&
	cat >expect <<-\EOF &&
	period,service,cost,margin,clcc,change_rate,status
	2025,10.00,10.00,100.00,0.1000,,no-previous
	2026,150.00,150.00,1100.00,0.1364,0.3636,ok
	EOF
	test_cmp expect actual
'

test_expect_success 'entries on the as-of day count; later ones are ignored and counted' '
	crm-clcc --as-of 2026-03-31 edges.csv >actual 2>err &&
	tail -1 actual | grep "^all,2026-03,0.00,50.00,.*,0.1250,,prev-margin<=0$" &&
	grep "^crm-clcc: 2 ledger entries are dated after the as-of date and were ignored$" err
'

test_expect_success 'the rows run to the period holding the as-of date' '
	# as-of 2026-08-15: April has the last entry, May to August follow
	# with zeros; by quarter the last row is 2026-Q3
	crm-clcc --as-of 2026-08-15 edges.csv >actual &&
	test $(wc -l <actual) = 10 &&
	tail -1 actual | grep "^all,2026-08,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,,,margin<=0$" &&
	crm-clcc --as-of 2026-08-15 -p quarter edges.csv >actual &&
	tail -1 actual | grep "^all,2026-Q3,.*,margin<=0$"
'

test_expect_success 'as-of before every entry: only the header' '
	crm-clcc --as-of 2025-01-01 edges.csv >actual 2>err &&
	test $(wc -l <actual) = 1 &&
	grep "8 ledger entries are dated after the as-of date" err
'

test_expect_success 'the default as-of date is today (CRM_TODAY in tests)' '
	CRM_TODAY=2026-04-01 crm-clcc edges.csv >actual &&
	crm-clcc --as-of 2026-04-01 edges.csv >expect &&
	test_cmp expect actual
'

test_expect_success 'dates in the forms of crm(7)' '
	cat >forms.csv <<-\EOF &&
	customer_id,date,kind,amount
	F,2026/4/1,service,1
	F,2026年4月2日,service,2
	F,20260403,service,4
	F,2026.04.04,margin,10
	F,2024-02-29,margin,1
	EOF
	# April: service 1 + 2 + 4 = 7 over margin 10 = 0.7000; the leap day
	# 2024-02-29 is in 2024-02 and 2024-Q1
	crm-clcc --as-of 2026-04-30 forms.csv >actual &&
	sed -n 2p actual | grep "^all,2024-02,.*,0.00,1.00,0.0000,,no-previous$" &&
	tail -1 actual | grep "^all,2026-04,0.00,7.00,.*,7.00,10.00,0.7000,,prev-margin<=0$" &&
	crm-clcc --as-of 2026-04-30 -p quarter forms.csv | sed -n 2p | grep "^all,2024-Q1,"
'

# 2026-03-31T20:00:00Z is 2026-04-01 04:00 at +08:00 (Q2); a time without
# offset is in the team zone, so 2026-03-31 23:30 stays in Q1.
test_expect_success 'a timestamp counts on its day in the team zone' '
	cat >ts.csv <<-\EOF &&
	customer_id,date,kind,amount
	T,2026-03-31T20:00:00Z,service,10
	T,2026-03-31 23:30,margin,100
	EOF
	crm-clcc --as-of 2026-04-30 -p quarter ts.csv | cut -d, -f2,10-14 >actual &&
	cat >expect <<-\EOF &&
	period,cost,margin,clcc,change_rate,status
	2026-Q1,0.00,100.00,0.0000,,no-previous
	2026-Q2,10.00,0.00,,,margin<=0
	EOF
	test_cmp expect actual &&
	crm-clcc --tz +00:00 --as-of 2026-04-30 -p quarter ts.csv | cut -d, -f2,10-14 >actual &&
	cat >expect <<-\EOF &&
	period,cost,margin,clcc,change_rate,status
	2026-Q1,10.00,100.00,0.1000,,no-previous
	2026-Q2,0.00,0.00,,,margin<=0
	EOF
	test_cmp expect actual
'

# crm-clcc remembers the day and period of each date text it has read
# (lib/clcc.c, struct day_memo: at most 2048 texts, then it starts again).
# 30000 entries on 4032 dates (days 1-28 of 12 years) in four spellings, in
# random order: each month's service and margin sums must be awk's, which
# finds the month in the text itself.
test_expect_success 'many dates, in any order and spelling, each in its month' '
	awk "BEGIN { srand(20261127); print \"customer_id,date,kind,amount\";
		for (i = 0; i < 30000; i++) {
			y = 2015 + int(rand() * 12); m = 1 + int(rand() * 12);
			d = 1 + int(rand() * 28); f = int(rand() * 4);
			if (f == 0) t = sprintf(\"%d-%02d-%02d\", y, m, d);
			else if (f == 1) t = sprintf(\"%d/%d/%d\", y, m, d);
			else if (f == 2) t = sprintf(\"%d%02d%02d\", y, m, d);
			else t = sprintf(\"%d年%d月%d日\", y, m, d);
			printf \"C%d,%s,%s,%d\\n\", i % 7, t,
			    rand() < 0.5 ? \"service\" : \"margin\", 1 + int(rand() * 999)
		} }" >many.csv &&
	crm-clcc --as-of 2026-12-31 many.csv | tail -n +2 | cut -d, -f2,4,11 |
	    grep -v ",0.00,0.00\$" >actual &&
	awk -F, "NR > 1 {
		t = \$2; gsub(/[^0-9]/, \" \", t); n = split(t, p, \" \");
		if (n == 1) { y = substr(p[1], 1, 4); m = substr(p[1], 5, 2) + 0 }
		else { y = p[1]; m = p[2] + 0 }
		k = sprintf(\"%s-%02d\", y, m); S[k, \$3] += \$4; K[k] = 1
	}
	END { for (k in K) printf \"%s,%d.00,%d.00\\n\", k, S[k, \"service\"], S[k, \"margin\"] }" many.csv |
	    sort >expect &&
	test $(wc -l <expect) = 144 &&
	test_cmp expect actual &&
	crm-clcc --as-of 2026-12-31 -p quarter many.csv >q1 &&
	CRM_CHUNK_BYTES=3000 crm-clcc --as-of 2026-12-31 -p quarter -J 2 many.csv >q2 &&
	test_cmp q1 q2
'

test_expect_success 'a remembered date, a bad one next to it, and the team zone' '
	cat >alt.csv <<-\EOF &&
	customer_id,date,kind,amount
	A,2026-02-28,service,1
	A,2026-03-01,service,2
	A,2026-02-28,service,4
	A,2026-02-29,service,8
	A,2026-03-01,service,16
	A,2026-02-29,service,32
	A,2026-03-31 23:30,service,64
	A,2026-03-31 23:30,margin,100
	A,2026-03-31T20:00:00Z,service,128
	EOF
	# 2026 has no 29 February, however often it is written; the same
	# timestamp text is on another day in another zone
	test_expect_code 2 crm-clcc --as-of 2026-04-30 alt.csv >actual 2>err &&
	cut -d, -f2,4,11 actual >got &&
	cat >expect <<-\EOF &&
	period,service,margin
	2026-02,5.00,0.00
	2026-03,82.00,100.00
	2026-04,128.00,0.00
	EOF
	test_cmp expect got &&
	grep "alt.csv:5: field .date.: not a date .2026-02-29.$" err &&
	grep "alt.csv:7: field .date.: not a date .2026-02-29.$" err &&
	test_expect_code 2 crm-clcc --tz -10:00 --as-of 2026-04-30 alt.csv >actual 2>err &&
	cut -d, -f2,4,11 actual >got &&
	cat >expect <<-\EOF &&
	period,service,margin
	2026-02,5.00,0.00
	2026-03,210.00,100.00
	2026-04,0.00,0.00
	EOF
	test_cmp expect got
'

test_done
