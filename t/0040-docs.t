#!/bin/sh
test_description='the man pages and --help say what the code does'
. "${0%/*}/lib.sh"

test_expect_success 'man pages pass mandoc -Tlint' '
	mandoc -Tlint -Wwarning "$TOP"/man/*.[1-9]
'

test_expect_success 'crm(7) lists every header synonym in lib/fields.c' '
	grep -o "{ \"[^\"]*\", CRM_F_" "$TOP/lib/fields.c" | sed "s/{ \"//; s/\", CRM_F_//" | sort -u >syn &&
	test $(wc -l <syn) -gt 50 &&
	while read -r s; do
		grep -q -- "$s" "$TOP/man/crm.7" || { echo "missing: $s"; exit 1; }
	done <syn
'

for prog in $(cd "$TOP/cmd" && ls *.c | sed "s/\.c$//"); do
	test_expect_success "$prog: every long option in --help is in its man page" '
		"$prog" --help >help &&
		grep -o -- "--[a-z][a-z-]*" help | sort -u >opts &&
		test -s opts &&
		while read -r o; do
			name=${o#--}
			grep -q -- "Fl -$name" "$TOP/man/$prog.1" || { echo "$o not in $prog.1"; exit 1; }
		done <opts
	'
	test_expect_success "$prog: every option in its man page is in --help" '
		"$prog" --help >help &&
		grep -o "Fl -[a-z][a-z-]*" "$TOP/man/$prog.1" | sed "s/Fl -/--/" | sort -u >manopts &&
		while read -r o; do
			grep -q -- "$o" help || { echo "$o not in --help"; exit 1; }
		done <manopts
	'
done
test_done
