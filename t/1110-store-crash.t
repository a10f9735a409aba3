#!/bin/sh
test_description='the store survives kill -9 mid-import: whole imports or none'
. "${0%/*}/lib.sh"

# Each round imports a file of 20000 new customers and kills it with
# SIGKILL after a pseudo-random delay between 5 ms and twice the time one
# import takes here (measured first: ASan and valgrind builds are slower),
# so some rounds die inside the transaction and some finish.  Each file
# must then be either wholly there and logged, or not there at all, and
# the store must pass integrity_check.  Both outcomes must have happened,
# or the test proved nothing: when the machine's speed changed under the
# rounds (other work starting or stopping) and one outcome is missing,
# up to as many rounds again aim at it (a delay of four times the
# measured time, measured again, for a whole import; a quarter of it for
# none).  CRM_CRASH_KILLS=100 is 200 kills: 100 imports, 100 records.
KILLS=${CRM_CRASH_KILLS:-20}

# kill_after MS CMD...: run CMD in the background, SIGKILL it after MS ms.
kill_after() {
	ms=$1; shift
	{ "$@" >/dev/null 2>&1 & } &&
	pid=$! &&
	sleep "$(printf "%d.%03d" $((ms / 1000)) $((ms % 1000)))" &&
	{ kill -9 $pid 2>/dev/null; wait $pid; true; }
}

# ms_for SPAN: the next delay, from the round's aim ($aim: any, whole or
# none) and the pseudo-random $seed.
ms_for() {
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	case $aim in
	whole) ms=$(( 4 * $1 )) ;;
	none) ms=$(( 5 + seed % ($1 / 4 + 1) )) ;;
	*) ms=$(( 5 + seed % $1 )) ;;
	esac
}

# timed CMD...: run CMD, and set span to twice the ms it took.
timed() {
	t0=$(date +%s%N) && "$@" >/dev/null 2>&1 &&
	span=$(( ($(date +%s%N) - t0) / 1000000 * 2 ))
}

test_expect_success "$KILLS kill -9 rounds" '
	awk "BEGIN { print \"customer_id,name,status\";
		for (j = 0; j < 20000; j++) print \"T\" j \",n,s\" j }" >timing.csv &&
	timed crm-import --db timing.db timing.csv &&
	printf "customer_id,name\nI0,first\n" >init.csv &&
	crm-import --db k.db init.csv 2>/dev/null &&
	i=0 seed=12345 whole=0 none=0 aim=any &&
	while [ $i -lt $KILLS ] || { [ $i -lt $((2 * KILLS)) ] &&
	    { [ $whole = 0 ] || [ $none = 0 ]; }; }; do
		if [ $i -ge $KILLS ]; then
			aim=none && [ $whole = 0 ] && aim=whole &&
			rm -f timing.db* && timed crm-import --db timing.db timing.csv
		fi &&
		awk -v i=$i "BEGIN { print \"customer_id,name,status\";
			for (j = 0; j < 20000; j++) print \"K\" i \"_\" j \",n,s\" j }" >k$i.csv &&
		ms_for $span && kill_after $ms crm-import --db k.db k$i.csv &&
		n=$(sqlite3 k.db "SELECT count(*) FROM customers WHERE customer_id LIKE '"'"'K${i}\\_%'"'"' ESCAPE '"'"'\\'"'"'") &&
		logged=$(sqlite3 k.db "SELECT count(*) FROM imports WHERE source = '"'"'k$i.csv'"'"' AND hash <> '"'"'pending'"'"'") &&
		if [ "$n" = 20000 ] && [ "$logged" = 1 ]; then whole=$((whole + 1))
		elif [ "$n" = 0 ] && [ "$logged" = 0 ]; then none=$((none + 1))
		else echo "k$i.csv: $n rows, logged $logged: partial"; exit 1; fi &&
		i=$((i + 1)) || exit 1
	done &&
	sqlite3 k.db "PRAGMA integrity_check" >actual &&
	echo ok >expect && test_cmp expect actual &&
	echo "# $i rounds: whole $whole, none $none" &&
	test $whole -gt 0 && test $none -gt 0
'

# The same for crm-health --record: each round records a different as-of
# day (4001 groups x 5 rows = 20005 rows, one transaction) and is killed
# at a random moment; every day is then wholly recorded or not at all.
test_expect_success "$KILLS kill -9 rounds of crm-health --record" '
	awk "BEGIN { print \"customer_id,name,region,updated_at\";
		for (j = 0; j < 40000; j++) printf \"C%d,n,r%d,2025-%02d-%02d\n\", j, j % 4000, j % 12 + 1, j % 28 + 1 }" >hc.csv &&
	crm-import --db h.db hc.csv 2>/dev/null &&
	timed crm-health --db h.db --record --as-of 2024-12-31 -b region &&
	full=$(sqlite3 h.db "SELECT count(*) FROM health_runs WHERE as_of = '"'"'2024-12-31'"'"'") &&
	test "$full" -gt 20000 &&
	i=0 seed=54321 whole=0 none=0 aim=any &&
	while [ $i -lt $KILLS ] || { [ $i -lt $((2 * KILLS)) ] &&
	    { [ $whole = 0 ] || [ $none = 0 ]; }; }; do
		if [ $i -ge $KILLS ]; then
			aim=none && [ $whole = 0 ] && aim=whole &&
			timed crm-health --db h.db --record --as-of 2024-12-31 -b region
		fi &&
		day=$(date -u -d "2025-01-01 + $i days" +%F) &&
		ms_for $span &&
		kill_after $ms crm-health --db h.db --record --as-of $day -b region &&
		n=$(sqlite3 h.db "SELECT count(*) FROM health_runs WHERE as_of = '"'"'$day'"'"'") &&
		if [ "$n" = "$full" ]; then whole=$((whole + 1))
		elif [ "$n" = 0 ]; then none=$((none + 1))
		else echo "$day: $n of $full rows: partial"; exit 1; fi &&
		i=$((i + 1)) || exit 1
	done &&
	sqlite3 h.db "PRAGMA integrity_check" >actual &&
	echo ok >expect && test_cmp expect actual &&
	echo "# $i rounds: whole $whole, none $none" &&
	test $whole -gt 0 && test $none -gt 0
'

test_expect_success 'an import killed earlier can simply run again' '
	crm-import --db k.db k0.csv k1.csv 2>err &&
	test $(sqlite3 k.db "SELECT count(*) FROM customers WHERE customer_id LIKE '"'"'K1\\_%'"'"' ESCAPE '"'"'\\'"'"'") = 20000
'
test_done
