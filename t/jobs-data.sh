# jobs-data.sh - what the --jobs tests share (t/0100, t/0110, t/1150,
# t/4080, t/6080), sourced after lib.sh: the fixtures (jobs_data writes
# customers.csv, acts.csv and bom.csv into the current directory), and
# jobs_tool, run, same and cut to compare runs with one thread and more.

# The tool that run runs; each test sets it.
jobs_tool=crm-stale

# run NAME ARGS...: $jobs_tool --as-of 2026-11-27 ARGS, its stdout,
# stderr and exit status into NAME.out, NAME.err and NAME.rc, and into
# NAME.trace how the input was cut, when it was (CRM_PAR_TRACE).
run() {
	n=$1; shift
	rm -f "$n.trace"
	CRM_PAR_TRACE=$n.trace $jobs_tool --as-of 2026-11-27 "$@" >"$n.out" 2>"$n.err"
	echo $? >"$n.rc"
}

# same A B: A's and B's output, messages and exit status agree.
same() {
	test_cmp "$1.out" "$2.out" && test_cmp "$1.err" "$2.err" &&
	test_cmp "$1.rc" "$2.rc"
}

# cut NAME: the input was read in more than one chunk, by threads.
cut() {
	grep -E ": ([2-9]|[1-9][0-9]+) chunks, [1-9][0-9]* threads$" "$1.trace"
}

# Customers C001..C060; activities with everything that can go wrong at a
# cut: quoted notes over several lines, CRLF lines, doubled quotes, rejects
# (a bad date, a ragged row, a quote that never closes), orphans, times
# after the as-of day, and date-only and timed touches on the same day.
jobs_data() {
	awk "BEGIN {
		print \"customer_id,name,region,rep_id,updated_at\"
		for (i = 1; i <= 60; i++)
			printf \"C%03d,Store %d,R%d,R%02d,%s\n\", i, i, i % 4, i % 7,
			    (i % 5 == 0) ? \"\" : \"2026-0\" (1 + i % 9) \"-15T10:00:00+08:00\"
	}" >customers.csv &&
	awk "BEGIN {
		print \"activity_id,customer_id,rep_id,ts,type,note\"
		for (i = 1; i <= 3000; i++) {
			c = sprintf(\"C%03d\", 1 + (i * 7) % 64)
			d = sprintf(\"2026-%02d-%02d\", 1 + i % 11, 1 + i % 28)
			k = i % 13
			if (k == 0) ts = d
			else if (k == 1) ts = d \"T23:59:00+08:00\"
			else ts = d \"T\" sprintf(\"%02d\", i % 24) \":00:00+08:00\"
			if (i % 397 == 0) ts = \"2026-02-30\"
			if (i % 89 == 0) ts = \"2027-01-01\"
			note = \"n\" i
			if (i % 5 == 0) note = \"\\\"a, \\\"\\\"b\\\"\\\"\nline two\nthree\\\"\"
			if (i % 11 == 0) note = \"\\\"one,\ntwo\\\"\"
			eol = (i % 17 == 0) ? \"\r\" : \"\"
			if (i % 401 == 0) printf \"A%d,%s,R1,%s\n\", i, c, ts
			else if (i % 1499 == 0) printf \"A%d,%s,R1,%s,call,\\\"never closed\n\", i, c, ts
			else printf \"A%d,%s,R1,%s,call,%s%s\n\", i, c, ts, note, eol
		}
	}" >acts.csv &&
	printf "\357\273\277" >bom.csv && cat acts.csv >>bom.csv &&
	test $(wc -c <acts.csv) -gt 100000
}
