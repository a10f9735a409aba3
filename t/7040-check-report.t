#!/bin/sh
test_description='crm-check: the text, TAP and JUnit reports'
. "${0%/*}/lib.sh"

D=$DATA/check
XSD=$D/junit.xsd
cp "$D"/*.csv .
DIRTY="dirty-customers.csv dirty-activities.csv dirty-reps.csv"
AGE="--max-age 48 --as-of 2026-01-10"

# The dirty set, worked out by hand (as-of 2026-01-10 is the instant
# 2026-01-11T00:00:00+08:00):
#  dirty-customers.csv: 'wechat' is no customers field; line 4 repeats C2
#    of line 3; line 5 1.38E+10 is rejected (1 of 4 = 25% > 0%) and is an
#    Excel ID; the newest updated_at is line 2's 2026-01-09T12:00 = 36h.
#  dirty-activities.csv: line 3 '123' is no customer, and is 00123 (customers
#    line 2) without its zeros; C9 (lines 4, 5) and R9 (line 4) are unknown;
#    line 6 repeats A1 of line 2; the newest ts is line 4's date 2026-01-09,
#    its end 2026-01-10T00:00 = 24h (line 5's equal date is not newer).
#  dirty-reps.csv: R1 -> R2 -> R3 -> R1 (lines 2-4), R4 its own manager
#    (line 5), R5's manager R99 unknown (line 6).
test_expect_success 'text: the dirty set, every line' '
	test_expect_code 1 crm-check $AGE $DIRTY >out &&
	cat >expect <<-\EOF &&
	dirty-customers.csv: columns: info: customers (detected from the columns)
	dirty-customers.csv: columns: info: column '"'"'wechat'"'"' is not a customers field; crm-import ignores it
	dirty-customers.csv:5: rows: info: field '"'"'customer_id'"'"': '"'"'1.38E+10'"'"' looks like a number Excel turned into scientific notation; export the column as text
	dirty-customers.csv: rows: 1 of 4 records rejected (25%), over --max-reject-rate 0%
	dirty-customers.csv:4: duplicates: customer_id '"'"'C2'"'"' already at line 3
	dirty-customers.csv:5: excel_ids: customer_id '"'"'1.38E+10'"'"' looks like a number Excel turned into scientific notation; export the column as text
	dirty-customers.csv:2: freshness: info: newest updated_at 2026-01-09T12:00:00+08:00 is 36h00m00s old at 2026-01-11T00:00:00+08:00
	dirty-activities.csv: columns: info: activities (detected from the columns)
	dirty-activities.csv:3: references: customer_id '"'"'123'"'"' is not a known customer
	dirty-activities.csv:4: references: customer_id '"'"'C9'"'"' is not a known customer (2 records, the first here)
	dirty-activities.csv:4: references: rep_id '"'"'R9'"'"' is not a known rep
	dirty-activities.csv:6: duplicates: activity_id '"'"'A1'"'"' already at line 2
	dirty-activities.csv:3: excel_ids: customer_id '"'"'123'"'"' looks like '"'"'00123'"'"' (dirty-customers.csv:2) with its leading zeros lost, as Excel does to numbers; export the column as text
	dirty-activities.csv:4: freshness: info: newest ts 2026-01-09 is 24h00m00s old at 2026-01-11T00:00:00+08:00
	dirty-reps.csv: columns: info: reps (detected from the columns)
	dirty-reps.csv:2: references: reps form a management cycle: R1 -> R2 -> R3 -> R1
	dirty-reps.csv:5: references: rep '"'"'R4'"'"' is their own manager
	dirty-reps.csv:6: references: rep '"'"'R5'"'"': manager_id '"'"'R99'"'"' is not a known rep
	encoding: 0 findings, pass
	columns: 0 findings, 4 info, pass
	rows: 1 finding, 1 info, fail
	references: 6 findings, fail
	duplicates: 2 findings, fail
	excel_ids: 2 findings, fail
	freshness: 0 findings, 2 info, pass
	EOF
	test_cmp expect out
'

test_expect_success 'text: a clean set passes, exit 0' '
	crm-check $AGE customers.csv activities.csv reps.csv >out &&
	cat >expect <<-\EOF &&
	customers.csv: columns: info: customers (detected from the columns)
	customers.csv:2: freshness: info: newest updated_at 2026-01-09T12:00:00+08:00 is 36h00m00s old at 2026-01-11T00:00:00+08:00
	activities.csv: columns: info: activities (detected from the columns)
	activities.csv:3: freshness: info: newest ts 2026-01-09T16:30:00+08:00 is 31h30m00s old at 2026-01-11T00:00:00+08:00
	reps.csv: columns: info: reps (detected from the columns)
	encoding: 0 findings, pass
	columns: 0 findings, 3 info, pass
	rows: 0 findings, pass
	references: 0 findings, pass
	duplicates: 0 findings, pass
	excel_ids: 0 findings, pass
	freshness: 0 findings, 2 info, pass
	EOF
	test_cmp expect out
'

test_expect_success 'tap: one test point per check and file, findings as comments' '
	test_expect_code 1 crm-check --format tap $AGE $DIRTY >out &&
	cat >expect <<-\EOF &&
	ok 1 - encoding dirty-customers.csv
	ok 2 - columns dirty-customers.csv
	# dirty-customers.csv: columns: info: customers (detected from the columns)
	# dirty-customers.csv: columns: info: column '"'"'wechat'"'"' is not a customers field; crm-import ignores it
	not ok 3 - rows dirty-customers.csv
	# dirty-customers.csv:5: rows: info: field '"'"'customer_id'"'"': '"'"'1.38E+10'"'"' looks like a number Excel turned into scientific notation; export the column as text
	# dirty-customers.csv: rows: 1 of 4 records rejected (25%), over --max-reject-rate 0%
	ok 4 - references dirty-customers.csv # SKIP no references checked in customers
	not ok 5 - duplicates dirty-customers.csv
	# dirty-customers.csv:4: duplicates: customer_id '"'"'C2'"'"' already at line 3
	not ok 6 - excel_ids dirty-customers.csv
	# dirty-customers.csv:5: excel_ids: customer_id '"'"'1.38E+10'"'"' looks like a number Excel turned into scientific notation; export the column as text
	ok 7 - freshness dirty-customers.csv
	# dirty-customers.csv:2: freshness: info: newest updated_at 2026-01-09T12:00:00+08:00 is 36h00m00s old at 2026-01-11T00:00:00+08:00
	ok 8 - encoding dirty-activities.csv
	ok 9 - columns dirty-activities.csv
	# dirty-activities.csv: columns: info: activities (detected from the columns)
	ok 10 - rows dirty-activities.csv
	not ok 11 - references dirty-activities.csv
	# dirty-activities.csv:3: references: customer_id '"'"'123'"'"' is not a known customer
	# dirty-activities.csv:4: references: customer_id '"'"'C9'"'"' is not a known customer (2 records, the first here)
	# dirty-activities.csv:4: references: rep_id '"'"'R9'"'"' is not a known rep
	not ok 12 - duplicates dirty-activities.csv
	# dirty-activities.csv:6: duplicates: activity_id '"'"'A1'"'"' already at line 2
	not ok 13 - excel_ids dirty-activities.csv
	# dirty-activities.csv:3: excel_ids: customer_id '"'"'123'"'"' looks like '"'"'00123'"'"' (dirty-customers.csv:2) with its leading zeros lost, as Excel does to numbers; export the column as text
	ok 14 - freshness dirty-activities.csv
	# dirty-activities.csv:4: freshness: info: newest ts 2026-01-09 is 24h00m00s old at 2026-01-11T00:00:00+08:00
	ok 15 - encoding dirty-reps.csv
	ok 16 - columns dirty-reps.csv
	# dirty-reps.csv: columns: info: reps (detected from the columns)
	ok 17 - rows dirty-reps.csv
	not ok 18 - references dirty-reps.csv
	# dirty-reps.csv:2: references: reps form a management cycle: R1 -> R2 -> R3 -> R1
	# dirty-reps.csv:5: references: rep '"'"'R4'"'"' is their own manager
	# dirty-reps.csv:6: references: rep '"'"'R5'"'"': manager_id '"'"'R99'"'"' is not a known rep
	ok 19 - duplicates dirty-reps.csv
	ok 20 - excel_ids dirty-reps.csv
	ok 21 - freshness dirty-reps.csv # SKIP reps carry no timestamp
	1..21
	EOF
	test_cmp expect out
'

test_expect_success 'tap: prove parses it; the failed points are the failed checks' '
	crm-check --format tap $DIRTY >dirty.tap;
	test_expect_code 1 prove --exec cat dirty.tap >p.out 2>&1 &&
	grep "dirty.tap (Wstat: 0 Tests: 21 Failed: 7)" p.out &&
	grep "Failed tests:  3, 5-6, 11-13, 18" p.out &&
	! grep -i "parse error" p.out &&
	crm-check --format tap customers.csv activities.csv reps.csv >clean.tap &&
	prove -e cat clean.tap >p.out 2>&1 &&
	grep "^All tests successful" p.out &&
	grep "Files=1, Tests=21," p.out
'

# tap_parse FILE: "skipped failed parse-errors" as prove'"'"'s parser sees them.
tap_parse() {
	perl -MTAP::Parser -e '
		local $/; my $tap = <STDIN>;
		my $p = TAP::Parser->new({ tap => $tap });
		$p->run;
		print join(",", $p->skipped), " ", join(",", $p->failed), " ",
		    scalar($p->parse_errors), "\n";' <"$1"
}

test_expect_success 'tap: skipped checks are skips to prove'"'"'s parser' '
	crm-check --format tap --schema-only customers.csv >s.tap &&
	prove --exec cat s.tap >p.out 2>&1 &&
	grep "^All tests successful" p.out &&
	tap_parse s.tap >actual &&
	echo "3,4,5,6,7  0" >expect &&
	test_cmp expect actual &&
	tap_parse dirty.tap >actual &&
	echo "4,7,14,21 3,5,6,11,12,13,18 0" >expect &&
	test_cmp expect actual
'

test_expect_success 'junit: valid against the JUnit schema, clean and dirty' '
	test_expect_code 1 crm-check --format junit $AGE $DIRTY >dirty.xml &&
	xmllint --noout --schema "$XSD" dirty.xml &&
	crm-check --format junit $AGE customers.csv activities.csv reps.csv >clean.xml &&
	xmllint --noout --schema "$XSD" clean.xml &&
	crm-check --format junit --schema-only customers.csv >s.xml &&
	xmllint --noout --schema "$XSD" s.xml
'

test_expect_success 'junit: the counts are the checks that failed and were skipped' '
	xmllint --xpath "string(/testsuites/@tests)" dirty.xml >actual && echo 21 >expect && test_cmp expect actual &&
	xmllint --xpath "string(/testsuites/@failures)" dirty.xml >actual && echo 7 >expect && test_cmp expect actual &&
	xmllint --xpath "string(/testsuites/@skipped)" dirty.xml >actual && echo 2 >expect && test_cmp expect actual &&
	xmllint --xpath "count(//testsuite)" dirty.xml >actual && echo 3 >expect && test_cmp expect actual &&
	xmllint --xpath "count(//testcase)" dirty.xml >actual && echo 21 >expect && test_cmp expect actual &&
	xmllint --xpath "count(//failure)" dirty.xml >actual && echo 7 >expect && test_cmp expect actual &&
	xmllint --xpath "string(//testsuite[@name=\"dirty-reps.csv\"]/testcase[@name=\"references\"]/failure/@message)" dirty.xml >actual &&
	echo "reps form a management cycle: R1 -> R2 -> R3 -> R1 (and 2 more)" >expect &&
	test_cmp expect actual &&
	xmllint --xpath "string(//testsuite[@name=\"dirty-reps.csv\"]/testcase[@name=\"references\"]/failure)" dirty.xml >actual &&
	cat >expect <<-\EOF &&
	dirty-reps.csv:2: references: reps form a management cycle: R1 -> R2 -> R3 -> R1
	dirty-reps.csv:5: references: rep '"'"'R4'"'"' is their own manager
	dirty-reps.csv:6: references: rep '"'"'R5'"'"': manager_id '"'"'R99'"'"' is not a known rep

	EOF
	test_cmp expect actual
'

test_expect_success 'junit: one file, every element' '
	printf "rep_id,name,manager_id\nR1,a,R1\n" >r.csv &&
	test_expect_code 1 crm-check --format junit r.csv >out &&
	cat >expect <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8"?>
	<testsuites name="crm-check" tests="7" failures="1" errors="0" skipped="1" time="0">
	  <testsuite name="r.csv" tests="7" failures="1" errors="0" skipped="1" time="0">
	    <testcase name="encoding" classname="r.csv" time="0"/>
	    <testcase name="columns" classname="r.csv" time="0">
	      <system-out>r.csv: columns: info: reps (detected from the columns)
	</system-out>
	    </testcase>
	    <testcase name="rows" classname="r.csv" time="0"/>
	    <testcase name="references" classname="r.csv" time="0">
	      <failure message="rep '"'"'R1'"'"' is their own manager" type="references">r.csv:2: references: rep '"'"'R1'"'"' is their own manager
	</failure>
	    </testcase>
	    <testcase name="duplicates" classname="r.csv" time="0"/>
	    <testcase name="excel_ids" classname="r.csv" time="0"/>
	    <testcase name="freshness" classname="r.csv" time="0">
	      <skipped message="no --max-age"/>
	    </testcase>
	  </testsuite>
	</testsuites>
	EOF
	test_cmp expect out
'

# A file name and values with every character XML, TAP or a terminal
# would take for syntax: & < > " # and a control character (\001).
test_expect_success 'everything is escaped: XML, TAP descriptions, control characters' '
	name="a&b<c>\"#1.csv" &&
	printf "customer_id,name,updated_at\nC<1>,\"x & \"\"y\"\"\",2026-01-0\0015\n" >"$name" &&
	test_expect_code 1 crm-check --format junit "$name" >e.xml &&
	xmllint --noout --schema "$XSD" e.xml &&
	xmllint --xpath "string(//testsuite/@name)" e.xml >actual &&
	printf "%s\n" "$name" >expect && test_cmp expect actual &&
	xmllint --xpath "string(//testcase[@name=\"rows\"]/system-out)" e.xml >actual &&
	printf "%s\n\n" "$name:2: rows: info: field '"'"'updated_at'"'"': not a date or time '"'"'2026-01-0\\x015'"'"'" >expect &&
	test_cmp expect actual &&
	test_expect_code 1 crm-check --format tap "$name" >e.tap &&
	grep "^not ok 3 - rows a&b<c>\"\\\\#1.csv$" e.tap &&
	grep "^# a&b<c>\"#1.csv:2: rows: info: field .updated_at.: not a date or time .2026-01-0\\\\x015.$" e.tap &&
	test_expect_code 1 prove --exec cat e.tap >p.out 2>&1 &&
	grep "Failed test:  3$" p.out &&
	test_expect_code 1 crm-check "$name" >e.txt &&
	! grep "$(printf "\001")" e.txt e.tap e.xml
'

test_expect_success 'at most 20 findings and 20 notes per check and file, the rest counted' '
	awk "BEGIN { print \"customer_id,name,updated_at\"; for (i = 1; i <= 25; i++) print \"C1,n,2026-02-30\"; for (i = 1; i <= 26; i++) print \"D1,n,\" }" >many.csv &&
	test_expect_code 1 crm-check many.csv >out &&
	test $(grep -c "^many.csv:[0-9]*: rows: info:" out) = 20 &&
	grep "^many.csv: rows: info: 5 more notes not shown$" out &&
	test $(grep -c "^many.csv:[0-9]*: duplicates:" out) = 20 &&
	grep "^many.csv: duplicates: 5 more findings not shown$" out &&
	grep "^rows: 1 finding, 25 info, fail$" out &&
	grep "^duplicates: 25 findings, fail$" out &&
	test_expect_code 1 crm-check --format junit many.csv >many.xml &&
	xmllint --noout --schema "$XSD" many.xml &&
	xmllint --xpath "string(//testcase[@name=\"duplicates\"]/failure/@message)" many.xml >actual &&
	echo "customer_id '"'"'D1'"'"' already at line 27 (and 24 more)" >expect &&
	test_cmp expect actual
'

test_expect_success 'the same input gives the same report, byte for byte' '
	crm-check --format junit $AGE $DIRTY >again.xml;
	test_cmp dirty.xml again.xml
'

test_done
