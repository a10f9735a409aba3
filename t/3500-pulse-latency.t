#!/bin/sh
test_description='crm-pulse --report latency: recorded_at - ts per group'
. "${0%/*}/lib.sh"

D=$DATA/pulse
# Week 2026-W48 is Monday 2026-11-23 .. Sunday 2026-11-29 (+08:00).
# latency.csv, delays worked out by hand (recorded_at - ts):
#   R1: A1 09:00 -> 11:00        7200 s  exactly 2 h: within
#       A2 10:00 -> 12:00:01     7201 s  2 h + 1 s: not within
#       A3 09:00 -> 09:30        1800 s  within
#       A4 no recorded_at                no_recorded_at
#       A5 08:00 -> 07:00          -1 h  before_contact
#       A6 11-25 09:00 -> 11-26 09:00  86400 s
#       A7 dates only                    date_only
#     measured 4 (sorted 1800 7200 7201 86400), within 2 = 50.0%
#     median: nearest rank ceil(0.5*4) = 2 -> 7200 s = 2.00 h
#     p90:    ceil(0.9*4) = 4 -> 86400 s = 24.00 h
#   R2: B1 600 s, B2 2700 s, B3 11-27 16:00 -> 11-28 10:00 = 64800 s;
#       B2 again (same activity_id) counts once
#     measured 3, within 2 = 66.7%; median rank 2 -> 2700 s = 0.75 h;
#     p90 rank ceil(2.7) = 3 -> 64800 s = 18.00 h
#   total: 600 1800 2700 7200 7201 64800 86400, within 4 of 7 = 57.1%;
#     median rank 4 -> 7200 = 2.00; p90 rank ceil(6.3) = 7 -> 86400 = 24.00
#   X1 (2026-11-22) is before the window.
run_latency() {
	crm-pulse --report latency --as-of 2026-12-10 \
	    -r "$D/reps.csv" --customers "$D/customers.csv" -a "$D/latency.csv" "$@"
}

test_expect_success 'exactly 2 hours is within, 2 hours and 1 second is not' '
	run_latency --week 2026-W48 >actual 2>err &&
	cat >expect <<-\EOF &&
	period,rep_id,name,activities,measured,within,within_pct,median_hours,p90_hours,before_contact,no_recorded_at,date_only
	2026-W48,R1,王一,7,4,2,50.0,2.00,24.00,1,1,1
	2026-W48,R2,李二,3,3,2,66.7,0.75,18.00,0,0,0
	2026-W48,(total),,10,7,4,57.1,2.00,24.00,1,1,1
	EOF
	test_cmp expect actual &&
	grep "latency.csv: 12 records read, 10 used, 1 merged as duplicates, 1 ignored, 0 rejected" err
'

test_expect_success '--within 3 takes 2 hours and 1 second in' '
	# R1: 1800, 7200, 7201 <= 10800 s: 3 of 4 = 75.0%
	run_latency --week 2026-W48 --within 3 >actual 2>/dev/null &&
	grep "^2026-W48,R1,王一,7,4,3,75.0,2.00,24.00,1,1,1$" actual
'

test_expect_success '--by manager and --by region roll the reps up' '
	# R1 and R2 report to S1, and their customers are all in 华东
	run_latency --week 2026-W48 -b manager >actual 2>/dev/null &&
	cat >expect <<-\EOF &&
	period,manager_id,name,activities,measured,within,within_pct,median_hours,p90_hours,before_contact,no_recorded_at,date_only
	2026-W48,S1,主管甲,10,7,4,57.1,2.00,24.00,1,1,1
	2026-W48,(total),,10,7,4,57.1,2.00,24.00,1,1,1
	EOF
	test_cmp expect actual &&
	run_latency --week 2026-W48 -b region >actual 2>/dev/null &&
	grep "^2026-W48,华东,,10,7,4,57.1," actual
'

test_expect_success 'a day window; nothing measured leaves the rates empty' '
	# 2026-11-24: R1 A3 (1800 s = 0.50 h) and A4 (no recorded_at);
	# R2 B2 (2700 s = 0.75 h, once)
	run_latency --from 2026-11-24 --to 2026-11-24 >actual 2>/dev/null &&
	grep "^2026-11-24..2026-11-24,R1,王一,2,1,1,100.0,0.50,0.50,0,1,0$" actual &&
	grep "^2026-11-24..2026-11-24,R2,李二,1,1,1,100.0,0.75,0.75,0,0,0$" actual &&
	# 2026-11-26: only A7, dates only: nothing measured
	run_latency --from 2026-11-26 --to 2026-11-26 >actual 2>/dev/null &&
	grep "^2026-11-26..2026-11-26,R1,王一,1,0,0,,,,0,0,1$" actual
'

test_expect_success 'a median of one even set: the lower middle value' '
	# delays 60, 120, 180, 240 s: nearest rank 2 -> 120 s = 0.03 h
	# (120 * 100 + 1800) / 3600 = 3.83 -> 0.03; p90 rank 4 -> 240 s = 0.07 h
	cat >a.csv <<-\EOF &&
	customer_id,rep_id,ts,recorded_at
	C1,R9,2026-11-23 09:00:00,2026-11-23 09:01:00
	C1,R9,2026-11-23 09:00:00,2026-11-23 09:04:00
	C1,R9,2026-11-23 09:00:00,2026-11-23 09:02:00
	C1,R9,2026-11-23 09:00:00,2026-11-23 09:03:00
	EOF
	crm-pulse --report latency --as-of 2026-11-29 -a a.csv >actual &&
	grep "^2026-W48,R9,,4,4,4,100.0,0.03,0.07,0,0,0$" actual
'

test_expect_success 'a bad recorded_at is reported with file:line and counted' '
	cat >bad.csv <<-\EOF &&
	customer_id,rep_id,ts,recorded_at
	C1,R1,2026-11-23 09:00:00,2026-11-23 10:00:00
	C1,R1,2026-11-23 09:00:00,yesterday
	EOF
	test_expect_code 2 crm-pulse --report latency --as-of 2026-11-29 -a bad.csv >actual 2>err &&
	grep "bad.csv:3: field .recorded_at.: not a date or time .yesterday." err &&
	grep "bad.csv: 2 records read, 1 used, 1 rejected" err &&
	grep "^2026-W48,R1,,1,1,1,100.0,1.00,1.00,0,0,0$" actual
'

test_expect_success 'JSON Lines: numbers as numbers, empty rates as null' '
	run_latency --week 2026-W48 -j 2>/dev/null | tail -1 >actual &&
	echo "{\"period\":\"2026-W48\",\"rep_id\":\"(total)\",\"name\":\"\",\"activities\":10,\"measured\":7,\"within\":4,\"within_pct\":57.1,\"median_hours\":2.00,\"p90_hours\":24.00,\"before_contact\":1,\"no_recorded_at\":1,\"date_only\":1}" >expect &&
	test_cmp expect actual
'

test_expect_success 'the default window is the ISO week of --as-of' '
	crm-pulse --report latency --as-of 2026-11-25 -a "$D/latency.csv" >actual 2>err &&
	head -2 actual | tail -1 | grep "^2026-W48,R1," &&
	grep "records are dated after the as-of date" err
'

test_done
