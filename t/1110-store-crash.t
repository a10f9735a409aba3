#!/bin/sh
test_description='the store survives kill -9 mid-import: whole imports or none'
. "${0%/*}/lib.sh"

# Each round imports a file of 20000 new customers and kills it with
# SIGKILL after a pseudo-random delay between 5 ms and twice the time one
# import takes here (measured first: ASan and valgrind builds are slower),
# so some rounds die inside the transaction and some finish.  After all rounds: the store passes
# integrity_check, and each file is either wholly there and logged, or
# not there at all.  Both outcomes must have happened, or the test proved
# nothing.  CRM_CRASH_KILLS=100 is 200 kills: 100 imports, 100 records.
KILLS=${CRM_CRASH_KILLS:-20}
test_expect_success "$KILLS kill -9 rounds" '
	awk "BEGIN { print \"customer_id,name,status\";
		for (j = 0; j < 20000; j++) print \"T\" j \",n,s\" j }" >timing.csv &&
	t0=$(date +%s%N) && crm-import --db timing.db timing.csv 2>/dev/null &&
	span=$(( ($(date +%s%N) - t0) / 1000000 * 2 )) &&
	i=0 seed=12345 &&
	while [ $i -lt $KILLS ]; do
		awk -v i=$i "BEGIN { print \"customer_id,name,status\";
			for (j = 0; j < 20000; j++) print \"K\" i \"_\" j \",n,s\" j }" >k$i.csv &&
		{ crm-import --db k.db k$i.csv 2>/dev/null & } &&
		pid=$! &&
		seed=$(( (seed * 1103515245 + 12345) % 2147483648 )) &&
		ms=$(( 5 + seed % span )) &&
		sleep "$(printf "%d.%03d" $((ms / 1000)) $((ms % 1000)))" &&
		{ kill -9 $pid 2>/dev/null; wait $pid; true; } &&
		i=$((i + 1)) || exit 1
	done &&
	sqlite3 k.db "PRAGMA integrity_check" >actual &&
	echo ok >expect && test_cmp expect actual &&
	whole=0 none=0 i=0 &&
	while [ $i -lt $KILLS ]; do
		n=$(sqlite3 k.db "SELECT count(*) FROM customers WHERE customer_id LIKE '"'"'K${i}\\_%'"'"' ESCAPE '"'"'\\'"'"'") &&
		logged=$(sqlite3 k.db "SELECT count(*) FROM imports WHERE source = '"'"'k$i.csv'"'"' AND hash <> '"'"'pending'"'"'") &&
		if [ "$n" = 20000 ] && [ "$logged" = 1 ]; then whole=$((whole + 1))
		elif [ "$n" = 0 ] && [ "$logged" = 0 ]; then none=$((none + 1))
		else echo "k$i.csv: $n rows, logged $logged: partial"; exit 1; fi &&
		i=$((i + 1))
	done &&
	echo "# whole $whole, none $none" &&
	test $whole -gt 0 && test $none -gt 0
'

# The same for crm-health --record: each round records a different as-of
# day (4001 groups x 5 rows = 20005 rows, one transaction) and is killed
# at a random moment; every day is then wholly recorded or not at all.
test_expect_success "$KILLS kill -9 rounds of crm-health --record" '
	awk "BEGIN { print \"customer_id,name,region,updated_at\";
		for (j = 0; j < 40000; j++) printf \"C%d,n,r%d,2025-%02d-%02d\n\", j, j % 4000, j % 12 + 1, j % 28 + 1 }" >hc.csv &&
	crm-import --db h.db hc.csv 2>/dev/null &&
	t0=$(date +%s%N) && crm-health --db h.db --record --as-of 2024-12-31 -b region >/dev/null 2>&1 &&
	span=$(( ($(date +%s%N) - t0) / 1000000 * 2 )) &&
	full=$(sqlite3 h.db "SELECT count(*) FROM health_runs WHERE as_of = '"'"'2024-12-31'"'"'") &&
	test "$full" -gt 20000 &&
	i=0 seed=54321 &&
	while [ $i -lt $KILLS ]; do
		day=$(date -u -d "2025-01-01 + $i days" +%F) &&
		{ crm-health --db h.db --record --as-of $day -b region >/dev/null 2>&1 & } &&
		pid=$! &&
		seed=$(( (seed * 1103515245 + 12345) % 2147483648 )) &&
		ms=$(( 5 + seed % span )) &&
		sleep "$(printf "%d.%03d" $((ms / 1000)) $((ms % 1000)))" &&
		{ kill -9 $pid 2>/dev/null; wait $pid; true; } &&
		i=$((i + 1)) || exit 1
	done &&
	sqlite3 h.db "PRAGMA integrity_check" >actual &&
	echo ok >expect && test_cmp expect actual &&
	sqlite3 h.db "SELECT as_of, count(*) FROM health_runs GROUP BY as_of" >days &&
	whole=$(awk -F"|" -v full=$full "\$2 == full { n++ } END { print n + 0 }" days) &&
	if awk -F"|" -v full=$full "\$2 != full { print \"partial: \" \$0; bad = 1 } END { exit bad }" days; then :; else exit 1; fi &&
	none=$(( KILLS + 1 - whole )) &&
	echo "# whole $whole, none $none" &&
	test $whole -gt 1 && test $none -gt 0
'

test_expect_success 'an import killed earlier can simply run again' '
	crm-import --db k.db k0.csv k1.csv 2>err &&
	test $(sqlite3 k.db "SELECT count(*) FROM customers WHERE customer_id LIKE '"'"'K1\\_%'"'"' ESCAPE '"'"'\\'"'"'") = 20000
'
test_done
