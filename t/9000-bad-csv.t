#!/bin/sh
test_description='bad-input corpus, RELIABILITY.md 4: CSV structure and encodings'
. "${0%/*}/lib.sh"
. "$TOP/t/bad.sh"

# Each fixture goes through crm-import, crm-stale (customers) and crm-check.
# A rejected record: exit 2 (crm-check: 1, a finding), a message naming the
# file and the line, the accounting line balanced, the good records kept.

test_expect_success '#1 empty file: no header, exit 2, in every tool' '
	f=$BAD/01-empty.csv &&
	for t in crm-import crm-stale crm-check; do
		run_bad 2 $t "$f" &&
		msg "^$t: $f: no header \(empty input\)$" &&
		test_must_be_empty out || exit 1
	done
'

test_expect_success '#2 header only, with and without a final newline: 0 records' '
	for f in "$BAD/02-header-only.csv" "$BAD/02-header-only-nonl.csv"; do
		run_bad 0 crm-import "$f" && balanced "$f" 0 0 0 0 && rows 0 &&
		run_bad 0 crm-stale --as-of $AS_OF "$f" && rows 0 &&
		msg "^crm-stale: $f: no data records$" &&
		run_bad 0 crm-check --as-of $AS_OF "$f" &&
		grep "^$f: rows: info: no data records$" out || exit 1
	done
'

test_expect_success '#3 only blank lines: no header, as #1' '
	f=$BAD/03-blank.csv &&
	for t in crm-import crm-stale crm-check; do
		run_bad 2 $t "$f" && msg "^$t: $f: no header \(empty input\)$" || exit 1
	done
'

test_expect_success '#3 megabytes of blank space, before and after the header' '
	awk "BEGIN { for (i = 0; i < 200000; i++) print \"                    \" }" >blank.csv &&
	{ echo customer_id,name,updated_at; cat blank.csv; echo C1,a,2026-01-05; cat blank.csv; } >blank2.csv &&
	for t in crm-import crm-stale crm-check; do
		run_bad 2 $t blank.csv && msg "^$t: blank.csv: no header \(empty input\)$" || exit 1
	done &&
	run_bad 0 crm-import blank2.csv && balanced blank2.csv 1 1 0 0 &&
	run_bad 0 crm-stale --as-of $AS_OF blank2.csv && rows 1 &&
	run_bad 0 crm-check --as-of $AS_OF blank2.csv
'

test_expect_success '#4 #5 a UTF-8 BOM before an unquoted or a quoted header is skipped' '
	for f in "$BAD/04-bom-unquoted.csv" "$BAD/05-bom-quoted.csv"; do
		run_bad 0 crm-import "$f" && balanced "$f" 1 1 0 0 &&
		grep "^C1,a," out &&
		run_bad 0 crm-stale --as-of $AS_OF "$f" && grep "^C1,a," out &&
		run_bad 0 crm-check --as-of $AS_OF "$f" || exit 1
	done
'

test_expect_success '#6 UTF-16 LE and BE with a BOM are converted' '
	for f in "$BAD/06-utf16le.csv" "$BAD/06-utf16be.csv"; do
		run_bad 0 crm-import "$f" && balanced "$f" 1 1 0 0 &&
		grep "^C1,a,.*,2026-01-05," out &&
		run_bad 0 crm-stale --as-of $AS_OF "$f" && grep "^C1,a," out &&
		run_bad 0 crm-check --as-of $AS_OF "$f" &&
		grep "^$f: encoding: info: read as UTF-16$" out || exit 1
	done
'

test_expect_success '#7 GBK is detected, announced on stderr and decoded' '
	f=$BAD/07-gbk.csv &&
	run_bad 0 crm-import "$f" && balanced "$f" 2 2 0 0 &&
	msg "^crm-import: $f: customers \(detected from the columns\), GB18030 \(detected\)$" &&
	grep "^C1,上海," out &&
	run_bad 0 crm-stale --as-of $AS_OF "$f" &&
	msg "^crm-stale: $f: reading as GB18030 \(detected; --encoding to choose\)$" &&
	grep "^C2,南京," out &&
	run_bad 0 crm-check --as-of $AS_OF "$f" && grep "encoding: info: read as GB18030" out
'

test_expect_success '#7 a later contradiction is an error at its line with the --encoding hint' '
	{ printf "customer_id,name\nC1,\311\317\272\243\n"; awk "BEGIN { for (i = 0; i < 70000; i++) print \"D\" i \",x\" }"; printf "C9,\377\377\n"; } >late.csv &&
	run_bad 2 crm-import late.csv && balanced late.csv 70002 70001 0 1 &&
	msg "^crm-import: late.csv:70003:[0-9]+: .*--encoding" &&
	run_bad 2 crm-stale --as-of $AS_OF late.csv && msg "^crm-stale: late.csv:70003:" &&
	run_bad 1 crm-check --as-of $AS_OF late.csv && grep "^late.csv:70003: rows:" out
'

test_expect_success '#8 CP936 0x80 with --encoding gb18030 is the euro sign' '
	f=$BAD/08-cp936-euro.csv &&
	run_bad 0 crm-import --encoding gb18030 "$f" && balanced "$f" 2 2 0 0 &&
	grep "^C2,€," out &&
	run_bad 0 crm-stale --encoding gb18030 --as-of $AS_OF "$f" && grep "^C2,€," out &&
	run_bad 0 crm-check --encoding gb18030 --as-of $AS_OF "$f"
'

test_expect_success '#8 ... and without it, each bad record is rejected with its offset and the hint' '
	f=$BAD/08-cp936-euro.csv &&
	run_bad 2 crm-import "$f" && balanced "$f" 2 0 0 2 &&
	msg "^crm-import: $f:3:4: invalid UTF-8 byte 0x80 \(a GB18030/GBK export\? give --encoding gb18030\)$" &&
	run_bad 2 crm-stale --as-of $AS_OF "$f" && msg "^crm-stale: $f:3:4: invalid UTF-8 byte 0x80" &&
	run_bad 1 crm-check --as-of $AS_OF "$f" && grep "^$f:3: rows: info: invalid UTF-8 byte 0x80" out
'

# overlong C0 AF, surrogate ED A0 80, F4 90 80 80 > U+10FFFF, truncated at EOF
test_expect_success '#9 invalid UTF-8: overlong, surrogate, > U+10FFFF, truncated' '
	f=$BAD/09-invalid-utf8.csv &&
	run_bad 2 crm-import "$f" && balanced "$f" 6 2 0 4 &&
	for l in 3:4:.*0xC0 4:4:.*0xED 5:4:.*0xF4 7:4:.*0xE4; do
		msg "^crm-import: $f:$l" || exit 1
	done &&
	grep "^C1,ok," out && grep "^C5,ok," out &&
	run_bad 2 crm-stale --as-of $AS_OF "$f" && stale_balanced "$f" 6 2 4 &&
	run_bad 1 crm-check --as-of $AS_OF "$f" && grep "^$f:7: rows: info: invalid UTF-8" out &&
	grep "^$f: rows: 4 of 6 records rejected" out
'

test_expect_success '#10 a NUL byte rejects its record' '
	f=$BAD/10-nul.csv &&
	run_bad 2 crm-import "$f" && balanced "$f" 2 1 0 1 &&
	msg "^crm-import: $f:2:5: NUL byte in input$" && grep "^C2,b," out &&
	run_bad 2 crm-stale --as-of $AS_OF "$f" && stale_balanced "$f" 2 1 1 &&
	msg "^crm-stale: $f:2:5: NUL byte in input$" &&
	run_bad 1 crm-check --as-of $AS_OF "$f" && grep "^$f:2: rows: info: NUL byte in input$" out
'

test_expect_success '#11 an unbalanced quote at EOF: reported where it opened' '
	f=$BAD/11-unclosed-quote-eof.csv &&
	run_bad 2 crm-import "$f" && balanced "$f" 3 2 0 1 &&
	msg "^crm-import: $f:3: quoted field starting on this line is never closed$" &&
	grep "^C3,c," out &&
	run_bad 2 crm-stale --as-of $AS_OF "$f" && stale_balanced "$f" 3 2 1 &&
	run_bad 1 crm-check --as-of $AS_OF "$f" &&
	grep "^$f:3: rows: info: quoted field starting on this line is never closed$" out
'

test_expect_success '#11 an unclosed quote followed by 100000 lines is bounded' '
	awk "BEGIN { print \"customer_id,name,updated_at\"; print \"C0,a,2026-01-05\"; print \"C1,\\\"never closed\"; for (i = 2; i <= 100000; i++) print \"line \" i }" >open.csv &&
	run_bad 2 crm-import open.csv && balanced open.csv &&
	msg "^crm-import: open.csv:3: quoted field starting on this line runs over 1000 lines \(--max-quoted-lines\)$" &&
	grep "^C0,a," out &&
	run_bad 2 crm-stale --as-of $AS_OF open.csv && msg "^crm-stale: open.csv:3: quoted field" &&
	run_bad 1 crm-check --as-of $AS_OF open.csv && grep "^open.csv:3: rows: info: quoted field" out
'

test_expect_success '#12 a smart-quote typo mid-file costs its own line only' '
	f=$BAD/12-smart-quote.csv &&
	run_bad 2 crm-import "$f" && balanced "$f" 4 3 0 1 &&
	msg "^crm-import: $f:2: malformed CSV: .*opened on line 2 seems unclosed" &&
	grep "^C2,b," out && grep "^C4,d," out &&
	run_bad 2 crm-stale --as-of $AS_OF "$f" && stale_balanced "$f" 4 3 1 &&
	run_bad 1 crm-check --as-of $AS_OF "$f" && grep "^$f:2: rows: info: malformed CSV" out
'

test_expect_success '#12 ... in a file of 100000 rows: every other row survives, fast' '
	awk "BEGIN { print \"customer_id,name,updated_at\"; print \"C0,\\\"open,2026-01-05\"; for (i = 1; i <= 100000; i++) print \"C\" i \",n\" i \",2026-01-05\" }" >typo.csv &&
	run_bad 2 crm-import typo.csv && balanced typo.csv 100001 100000 0 1 &&
	msg "^crm-import: typo.csv:2: quoted field starting on this line runs over 1000 lines" &&
	run_bad 2 crm-stale --as-of $AS_OF typo.csv && stale_balanced typo.csv 100001 100000 1 &&
	run_bad 1 crm-check --as-of $AS_OF typo.csv &&
	grep "^typo.csv: rows: 1 of 100001 records rejected" out
'

test_expect_success '#12 --max-quoted-lines makes it stricter' '
	printf "customer_id,name\nC1,\"a\nb\nc\"\nC2,x\n" >q.csv &&
	run_bad 2 crm-import --max-quoted-lines 1 q.csv && balanced q.csv &&
	msg "^crm-import: q.csv:2: quoted field starting on this line runs over 1 lines \(--max-quoted-lines\)$" &&
	grep "^C2,x," out
'

test_expect_success '#13 a quote inside an unquoted field is rejected with line and column' '
	f=$BAD/13-quote-in-unquoted.csv &&
	run_bad 2 crm-import "$f" && balanced "$f" 2 1 0 1 &&
	msg "^crm-import: $f:2:6: malformed CSV" &&
	run_bad 2 crm-stale --as-of $AS_OF "$f" && msg "^crm-stale: $f:2:6: malformed CSV" &&
	stale_balanced "$f" 2 1 1 &&
	run_bad 1 crm-check --as-of $AS_OF "$f" && grep "^$f:2: rows: info: malformed CSV" out
'

test_expect_success '#14 text after a closing quote is rejected with line and column' '
	f=$BAD/14-text-after-quote.csv &&
	run_bad 2 crm-import "$f" && balanced "$f" 2 1 0 1 &&
	msg "^crm-import: $f:2:7: malformed CSV" &&
	run_bad 2 crm-stale --as-of $AS_OF "$f" && msg "^crm-stale: $f:2:7: malformed CSV" &&
	run_bad 1 crm-check --as-of $AS_OF "$f" && grep "^$f:2: rows: info: malformed CSV" out
'

test_expect_success '#15 CRLF and LF are fine; a lone CR is flagged, not split silently' '
	f=$BAD/15-mixed-eol.csv &&
	run_bad 2 crm-import "$f" && balanced "$f" 3 2 0 1 &&
	msg "^crm-import: $f:3: carriage return inside a line" &&
	grep "^C1,a," out && grep "^C4,d," out && ! grep "^C3," out &&
	run_bad 2 crm-stale --as-of $AS_OF "$f" && stale_balanced "$f" 3 2 1 &&
	run_bad 1 crm-check --as-of $AS_OF "$f" && grep "^$f:3: rows: info: carriage return" out
'

test_expect_success '#16 a newline inside quotes is kept; later lines are physical lines' '
	f=$BAD/16-quoted-newline.csv &&
	run_bad 2 crm-import "$f" && balanced "$f" 2 1 0 1 &&
	msg "^crm-import: $f:4: field .updated_at.: not a date or time .2026-02-30.$" &&
	printf "C1,\"two\nlines\",\n" >expect && head -3 out | tail -2 | cut -d, -f1-2 >actual &&
	test_cmp expect actual &&
	run_bad 2 crm-stale --as-of $AS_OF "$f" && msg "^crm-stale: $f:4: field .updated_at." &&
	run_bad 1 crm-check --as-of $AS_OF "$f" && grep "^$f:4: rows: info: field .updated_at." out
'

test_expect_success '#17 a 2 MiB field is over --max-field-bytes; a 10 MiB one over the record limit' '
	awk "BEGIN { print \"customer_id,name,updated_at\"; printf \"C1,\"; for (i = 0; i < 2097152 / 64; i++) printf \"%s\", \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"; print \",2026-01-05\"; print \"C2,b,2026-01-05\" }" >field.csv &&
	for t in crm-import crm-stale; do
		run_bad 2 $t --as-of $AS_OF field.csv &&
		msg "^$t: field.csv:2(:[0-9]+)?: field( [0-9]+)? is longer than 1048576 bytes \(--max-field-bytes\)" &&
		grep "^C2,b," out || exit 1
	done &&
	crm-import field.csv 2>err >/dev/null; balanced field.csv 2 1 0 1 &&
	run_bad 1 crm-check --as-of $AS_OF field.csv && grep -E "^field.csv:2: rows: info: field( [0-9]+)? is longer" out &&
	awk "BEGIN { print \"customer_id,name,updated_at\"; printf \"C1,\\\"\"; for (i = 0; i < 10485760 / 64; i++) printf \"%s\", \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"; print \"\\\",2026-01-05\"; print \"C2,b,2026-01-05\" }" >big.csv &&
	run_bad 2 crm-import --max-field-bytes 16777216 big.csv && balanced big.csv 2 1 0 1 &&
	msg "^crm-import: big.csv:2(:[0-9]+)?: record is longer than 8388608 bytes \(--max-record-bytes\)" &&
	run_bad 2 crm-stale --as-of $AS_OF big.csv && msg "^crm-stale: big.csv:2(:[0-9]+)?: " &&
	run_bad 1 crm-check --as-of $AS_OF big.csv && grep "^big.csv:2: rows: info: " out
'

test_expect_success '#18 300000 rows stream through, nothing lost' '
	awk "BEGIN { print \"customer_id,name,updated_at\"; for (i = 0; i < 300000; i++) print \"C\" i \",name\" i \",2026-01-05\" }" >many.csv &&
	run_bad 0 crm-import many.csv && balanced many.csv 300000 300000 0 0 && rows 300000 &&
	run_bad 0 crm-stale --as-of $AS_OF many.csv && rows 300000 &&
	run_bad 0 crm-check --as-of $AS_OF many.csv
'

test_expect_success '#19 ragged rows are rejected, each named' '
	f=$BAD/19-ragged.csv &&
	run_bad 2 crm-import "$f" && balanced "$f" 4 2 0 2 &&
	msg "^crm-import: $f:3: expected 3 fields as in the header, found 2$" &&
	msg "^crm-import: $f:4: expected 3 fields as in the header, found 4$" &&
	run_bad 2 crm-stale --as-of $AS_OF "$f" && stale_balanced "$f" 4 2 2 &&
	run_bad 1 crm-check --as-of $AS_OF "$f" && grep "^$f:4: rows: info: expected 3 fields" out
'

test_expect_success '#20 duplicate header names are rejected' '
	for f in "$BAD/20-dup-header.csv" "$BAD/20-dup-header-cjk.csv"; do
		for t in crm-import crm-stale; do
			run_bad 2 $t "$f" && msg "^$t: $f:1: duplicate column " && test_must_be_empty out || exit 1
		done &&
		run_bad 1 crm-check "$f" && grep "^$f:1: columns: duplicate column " out || exit 1
	done
'

test_expect_success '#21 a missing required column is named, with the headers seen' '
	f=$BAD/21-missing-column.csv &&
	run_bad 2 crm-import -k customers "$f" &&
	msg "^crm-import: $f:1: missing column .customer_id. \(columns seen: name,updated_at\)$" &&
	run_bad 2 crm-import "$f" && msg "^crm-import: $f:1: cannot tell what records these columns hold; give --kind$" &&
	run_bad 2 crm-stale "$f" && msg "^crm-stale: $f:1: missing column .customer_id. \(columns seen: name,updated_at\)$" &&
	run_bad 1 crm-check -k customers "$f" && grep "^$f:1: columns: .*customer_id" out
'

test_expect_success '#22 header injection is kept out of SQL; control characters are rejected' '
	f=$BAD/22-header-injection.csv &&
	for t in crm-import crm-stale; do
		run_bad 2 $t "$f" && msg "^$t: $f:1: control character in column name" || exit 1
	done &&
	run_bad 1 crm-check "$f" && grep "^$f:1: columns: control character in column name" out &&
	head -1 "$f" | tr -d "\001" >inj.csv && tail -n +2 "$f" >>inj.csv &&
	run_bad 0 crm-import --db s.db inj.csv && balanced inj.csv 1 1 0 0 &&
	sqlite3 s.db "SELECT count(*) FROM customers" >actual && echo 1 >expect && test_cmp expect actual
'

test_expect_success '#23 more than 2000 columns: rejected over --max-columns before SQL' '
	awk "BEGIN { printf \"customer_id\"; for (i = 1; i < 2100; i++) printf \",c%d\", i; print \"\"; printf \"C1\"; for (i = 1; i < 2100; i++) printf \",%d\", i; print \"\" }" >wide.csv &&
	for t in crm-import crm-stale; do
		run_bad 2 $t wide.csv && msg "^$t: wide.csv:1: more than 1024 fields \(--max-columns\)" || exit 1
	done &&
	run_bad 2 crm-import --db w.db wide.csv &&
	run_bad 1 crm-check wide.csv && grep "^wide.csv:1: .*more than 1024 fields" out
'

test_expect_success '#24 sep=; is refused unless --delimiter says so; decimal commas are rejected' '
	f=$BAD/24-semicolon.csv &&
	for t in crm-import crm-stale crm-clcc; do
		run_bad 2 $t "$f" && msg "^$t: $f:1: a .sep=;. line: give --delimiter .;. to read this file$" || exit 1
	done &&
	run_bad 1 crm-check "$f" && grep "^$f:1: columns: a .sep=;. line" out &&
	run_bad 2 crm-import --delimiter ";" "$f" && balanced "$f" 3 1 0 2 &&
	msg "^crm-import: $f:3: field .amount.: not an amount .1.234,50. \(a decimal comma\)$" &&
	run_bad 2 crm-clcc --delimiter ";" --as-of $AS_OF "$f" && msg "^crm-clcc: $f:3: field .amount." &&
	run_bad 1 crm-check --delimiter ";" "$f" && grep "^$f:3: rows: info: field .amount." out &&
	printf "customer_id;name\nC1;a\n" >semi.csv &&
	run_bad 2 crm-import semi.csv && msg "^crm-import: semi.csv:1: cannot tell"
'

test_expect_success '#38 blanks around unquoted fields are trimmed' '
	f=$BAD/38-spaces.csv &&
	run_bad 0 crm-import "$f" && balanced "$f" 1 1 0 0 &&
	grep "^C1,spaced name,.*,2026-01-05," out &&
	run_bad 0 crm-stale --as-of $AS_OF "$f" && grep "^C1,spaced name," out &&
	run_bad 0 crm-check --as-of $AS_OF "$f"
'

test_expect_success 'activities: structural faults through crm-stale -a and crm-score too' '
	printf "activity_id,customer_id,rep_id,ts,type\nA1,C1,R1,2026-11-20T10:00,visit\nA2,C1,R1,\"open,visit\nA3,C1,R1,2026-11-21T10:00,call,extra\nA4,C1,R1,2026-11-22T10:00,call\n" >acts.csv &&
	printf "customer_id,name\nC1,a\n" >c.csv &&
	run_bad 2 crm-import acts.csv && balanced acts.csv 4 2 0 2 &&
	run_bad 2 crm-stale --as-of $AS_OF -d 1 -a acts.csv c.csv &&
	msg "^crm-stale: acts.csv:4: expected 5 fields as in the header, found 6$" &&
	grep "^C1,a,,,2026-11-22,5," out &&
	run_bad 2 crm-score --as-of $AS_OF --from 2026-11-01 --to 2026-11-27 acts.csv &&
	msg "^crm-score: acts.csv:4: expected 5 fields" && grep ",R1,.*,2," out &&
	run_bad 1 crm-check --as-of $AS_OF acts.csv && grep "^acts.csv:4: rows: info: expected 5 fields" out
'

test_done
