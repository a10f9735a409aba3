#!/bin/sh
test_description='crm-clcc: change rates, --lifetime, undefined ratios, rounding'
. "${0%/*}/lib.sh"

D=$DATA/clcc

# The worked example of crm-clcc(1), the article's +12.7% then -5.3%:
# January 6000 + 3000 + 1000 = 10000.00 over 100000.00 = 0.1000;
# February 8000 + 3270 = 11270.00 over 100000.00 = 0.1127, and
# 0.1127/0.1000 - 1 = +0.1270; March 9000 + 1672.69 = 10672.69 = 0.1067269
# (0.1127 * 0.947), so 0.1067269/0.1127 - 1 = -0.0530.
test_expect_success 'the worked example of the man page' '
	cat >ledger.csv <<-\EOF &&
	customer_id,date,kind,amount,sub_kind
	C001,2026-01-05,acquisition,"¥6,000.00",
	C001,2026-01-12,service,3000,
	C001,2026-01-20,failure,1000,duplicate_quote
	C001,2026-01-31,margin,10万,
	C001,2026-02-03,service,8000,
	C001,2026-02-17,failure,"3,270.00",rework
	C001,2026-02-28,毛利,100000,
	C001,2026-03-02,service,9000,
	C001,2026-03-09,failure,1672.69,
	C001,2026-03-31,margin,100000,
	EOF
	crm-clcc --as-of 2026-03-31 -b customer ledger.csv |
	    cut -d, -f1,2,10-14 >actual &&
	cat >expect <<-\EOF &&
	customer_id,period,cost,margin,clcc,change_rate,status
	C001,2026-01,10000.00,100000.00,0.1000,,no-previous
	C001,2026-02,11270.00,100000.00,0.1127,0.1270,ok
	C001,2026-03,10672.69,100000.00,0.1067,-0.0530,ok
	EOF
	test_cmp expect actual &&
	sed -n "/^\.Bd -literal/,/^\.Ed/p" "$TOP/man/crm-clcc.1" >man &&
	grep -F "C001,2026-03,10672.69,100000.00,0.1067,-0.0530,ok" man &&
	grep -F "C001,2026-03-09,failure,1672.69," man
'

# --lifetime, C001 of t/data/clcc/ledger.csv (as-of 2026-04-30):
#   2026-01  cost 10000.00, margin 100000.00: 0.1000
#   2026-02  cost 10000 + 11270 = 21270.00, margin 200000.00: 0.10635,
#            a tie, half away from zero -> 0.1064; change 0.10635/0.1 - 1
#            = 0.0635
#   2026-03  cost 21270 + 10672.69 = 31942.69, margin 300000.00:
#            0.1064756 -> 0.1065; change (31942.69/300000)/(21270/200000)
#            - 1 = 63885.38/63810 - 1 = 0.0011813 -> 0.0012
#   2026-04  nothing new: the same sums, change 0.0000
# C003: 2026-02 cost 300, margin 0 -> margin<=0; 2026-03 300/3000 =
# 0.1000 after an undefined February -> prev-margin<=0; 2026-04
# 450/4500 = 0.1000, change 0.0000.
test_expect_success '--lifetime: life-to-date sums at each period' '
	crm-clcc --lifetime --as-of 2026-04-30 -b customer "$D/ledger.csv" 2>/dev/null |
	    grep "^C00[13]," >actual &&
	cat >expect <<-\EOF &&
	C001,2026-01,6000.00,3000.00,1000.00,400.00,600.00,0.00,0.00,10000.00,100000.00,0.1000,,no-previous
	C001,2026-02,6000.00,11000.00,4270.00,400.00,600.00,3270.00,0.00,21270.00,200000.00,0.1064,0.0635,ok
	C001,2026-03,6000.00,20000.00,5942.69,400.00,600.00,3270.00,1672.69,31942.69,300000.00,0.1065,0.0012,ok
	C001,2026-04,6000.00,20000.00,5942.69,400.00,600.00,3270.00,1672.69,31942.69,300000.00,0.1065,0.0000,ok
	C003,2026-02,0.00,300.00,0.00,0.00,0.00,0.00,0.00,300.00,0.00,,,margin<=0
	C003,2026-03,0.00,300.00,0.00,0.00,0.00,0.00,0.00,300.00,3000.00,0.1000,,prev-margin<=0
	C003,2026-04,0.00,450.00,0.00,0.00,0.00,0.00,0.00,450.00,4500.00,0.1000,0.0000,ok
	EOF
	test_cmp expect actual
'

test_expect_success '--lifetime by quarter: the last row is the whole life' '
	# C002: Q1 2000/8000 = 0.2500; Q2 life-to-date cost 2500.00, margin
	# 8000 - 1000 = 7000.00: 0.357142... -> 0.3571; change
	# 0.357142/0.25 - 1 = 0.428571... -> 0.4286
	crm-clcc -l -p quarter --as-of 2026-04-30 -b customer "$D/ledger.csv" 2>/dev/null |
	    grep "^C002," | cut -d, -f2,10-14 >actual &&
	cat >expect <<-\EOF &&
	2026-Q1,2000.00,8000.00,0.2500,,no-previous
	2026-Q2,2500.00,7000.00,0.3571,0.4286,ok
	EOF
	test_cmp expect actual
'

test_expect_success 'negative and zero margins leave the ratios empty, never inf or nan' '
	cat >m.csv <<-\EOF &&
	customer_id,date,kind,amount
	N,2026-01-05,service,100
	N,2026-01-06,margin,-50
	Z,2026-01-05,service,100
	Z,2026-01-06,margin,100
	Z,2026-01-07,margin,-100
	E,2026-01-05,margin,0
	EOF
	# N: margin -50; Z: 100 - 100 = 0; E: a zero entry, and no cost
	crm-clcc -b customer --as-of 2026-01-31 m.csv | cut -d, -f1,10-14 >actual &&
	cat >expect <<-\EOF &&
	customer_id,cost,margin,clcc,change_rate,status
	E,0.00,0.00,,,margin<=0
	N,100.00,-50.00,,,margin<=0
	Z,100.00,0.00,,,margin<=0
	EOF
	test_cmp expect actual &&
	crm-clcc -j -b customer --as-of 2026-01-31 m.csv >json &&
	grep -c "\"clcc\":null,\"change_rate\":null,\"status\":\"margin<=0\"" json | grep "^3$" &&
	! grep -i "inf\|nan" json
'

test_expect_success 'refunds: a negative cost is summed as it is' '
	cat >r.csv <<-\EOF &&
	customer_id,date,kind,amount
	R,2026-01-05,service,-50
	R,2026-01-06,margin,100
	R,2026-02-05,service,80
	R,2026-02-05,service,(30.00)
	R,2026-02-06,margin,100
	EOF
	# January: cost -50/100 = -0.5000.  February: 80 - 30 = 50/100 =
	# 0.5000, change 0.5/(-0.5) - 1 = -2.0000 (defined, if odd)
	crm-clcc --as-of 2026-02-28 r.csv | cut -d, -f2,4,10-14 >actual &&
	cat >expect <<-\EOF &&
	period,service,cost,margin,clcc,change_rate,status
	2026-01,-50.00,-50.00,100.00,-0.5000,,no-previous
	2026-02,50.00,50.00,100.00,0.5000,-2.0000,ok
	EOF
	test_cmp expect actual
'

test_expect_success 'a previous CLCC of 0 leaves the change rate empty' '
	printf "customer_id,date,kind,amount\nP,2026-01-01,margin,100\nP,2026-02-01,service,10\nP,2026-02-01,margin,100\n" >p.csv &&
	crm-clcc --as-of 2026-02-28 p.csv | cut -d, -f2,10-14 >actual &&
	cat >expect <<-\EOF &&
	period,cost,margin,clcc,change_rate,status
	2026-01,0.00,100.00,0.0000,,no-previous
	2026-02,10.00,100.00,0.1000,,prev-clcc=0
	EOF
	test_cmp expect actual
'

# Rounding: 4 decimals, half away from zero, on the exact fraction.
#   H+  0.01/200 = 0.00005   -> 0.0001
#   H-  -0.01/200 = -0.00005 -> -0.0001
#   L+  0.01/300 = 0.0000333 -> 0.0000
#   L-  -0.01/300            -> 0.0000 (not -0.0000)
#   X   January 20000.00/20000.00 = 1; February 19999.00/20000.00 =
#       0.99995, shown 1.0000, yet the change is 0.99995/1 - 1 = -0.00005
#       -> -0.0001 (from the sums, not from the rounded clcc)
test_expect_success 'rounding: half away from zero, from the exact sums' '
	cat >round.csv <<-\EOF &&
	customer_id,date,kind,amount
	H+,2026-01-01,service,0.01
	H+,2026-01-01,margin,200
	H-,2026-01-01,service,-0.01
	H-,2026-01-01,margin,200
	L+,2026-01-01,service,0.01
	L+,2026-01-01,margin,300
	L-,2026-01-01,service,-0.01
	L-,2026-01-01,margin,300
	X,2026-01-01,service,20000
	X,2026-01-01,margin,20000
	X,2026-02-01,service,19999
	X,2026-02-01,margin,20000
	EOF
	crm-clcc -b customer --as-of 2026-02-28 round.csv |
	    grep -v "^[HL][+-],2026-02" | cut -d, -f1,2,12-14 >actual &&
	cat >expect <<-\EOF &&
	customer_id,period,clcc,change_rate,status
	H+,2026-01,0.0001,,no-previous
	H-,2026-01,-0.0001,,no-previous
	L+,2026-01,0.0000,,no-previous
	L-,2026-01,0.0000,,no-previous
	X,2026-01,1.0000,,no-previous
	X,2026-02,1.0000,-0.0001,ok
	EOF
	test_cmp expect actual
'

test_done
