#!/bin/sh
test_description='a full disk under the store: a clear error, the store intact'
. "${0%/*}/lib.sh"

# Two ways to run out of room.  A file size limit (ulimit -f) works for
# any user: writes past it fail with EFBIG, which SQLite reports as a
# plain "disk I/O error" with errno lost.  A small tmpfs is a real full
# disk (ENOSPC, SQLite's "database or disk is full"); mounting one needs
# root in a private mount namespace, so that part is skipped elsewhere.

test_expect_success 'setup: a store of 20000 customers and 40000 more to add' '
	awk "BEGIN { print \"customer_id,name,region,rep_id,updated_at\"; for (i = 0; i < 20000; i++) print \"C\" i \",name\" i \",r\" i % 7 \",R\" i % 50 \",2026-01-05\" }" >c1.csv &&
	awk "BEGIN { print \"customer_id,name,region,rep_id,updated_at\"; for (i = 20000; i < 60000; i++) print \"C\" i \",name\" i \",r\" i % 7 \",R\" i % 50 \",2026-01-05\" }" >c2.csv &&
	crm-import --db s.db c1.csv 2>/dev/null &&
	sqlite3 s.db "SELECT count(*) FROM customers" >count && echo 20000 >expect &&
	test_cmp expect count &&
	cp s.db s0.db &&
	crm-health --db s0.db --as-of 2026-11-20 --record >/dev/null 2>&1 &&
	sqlite3 s0.db "SELECT as_of, count(*) FROM health_runs GROUP BY 1" >runs.before &&
	grep "^2026-11-20|[1-9]" runs.before &&
	sqlite3 s.db "SELECT count(*), max(import_id) FROM imports" >imports.before
'

# The store is 1.4 MB; 1500 KiB leaves no room for 40000 more customers.
test_expect_success 'past a file size limit an import is exit 2, nothing stored' '
	(trap "" XFSZ; ulimit -f 1500; crm-import --db s.db c2.csv 2>err; echo $? >rc) &&
	echo 2 >expect && test_cmp expect rc &&
	grep "^crm-import: s.db: .*disk I/O error (.*); nothing of this write was stored$" err &&
	grep "40000 read = .*(nothing stored: rolled back)" err &&
	sqlite3 s.db "PRAGMA integrity_check" >ic && echo ok >expect && test_cmp expect ic &&
	sqlite3 s.db "SELECT count(*) FROM customers" >count && echo 20000 >expect &&
	test_cmp expect count &&
	sqlite3 s.db "SELECT count(*), max(import_id) FROM imports" >imports.after &&
	test_cmp imports.before imports.after
'

test_expect_success 'with the limit lifted the same import goes through whole' '
	crm-import --db s.db c2.csv 2>err &&
	sqlite3 s.db "SELECT count(*) FROM customers" >count && echo 60000 >expect &&
	test_cmp expect count
'

# The tmpfs part: one shell in its own mount namespace does it all, as the
# mount ends with that shell.
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null &&
    unshare -m sh -c 'mkdir -p probe && mount -t tmpfs -o size=64k tmpfs probe' \
    2>/dev/null; then
	test_expect_success 'on a full tmpfs an import and a --record are exit 2, the store intact' '
		unshare -m sh -c "
			mkdir -p full && mount -t tmpfs -o size=2500k tmpfs full &&
			cp s0.db full/s.db &&
			{ crm-import --db full/s.db c2.csv 2>err.import; echo \$? >rc.import; } &&
			dd if=/dev/zero of=full/filler bs=1k count=2500 2>/dev/null;
			{ crm-health --db full/s.db --as-of 2026-11-27 --record >/dev/null 2>err.record; echo \$? >rc.record; } &&
			rm full/filler &&
			sqlite3 full/s.db \"PRAGMA integrity_check\" >ic &&
			sqlite3 full/s.db \"SELECT count(*) FROM customers\" >count &&
			sqlite3 full/s.db \"SELECT as_of, count(*) FROM health_runs GROUP BY 1\" >runs
		" &&
		echo 2 >expect && test_cmp expect rc.import && test_cmp expect rc.record &&
		grep "^crm-import: full/s.db: .*database or disk is full; nothing of this write was stored$" err.import &&
		grep "^crm-health: full/s.db: .*; nothing of this write was stored$" err.record &&
		echo ok >expect && test_cmp expect ic &&
		echo 20000 >expect && test_cmp expect count &&
		test_cmp runs.before runs
	'
else
	test_count=$((test_count + 1))
	echo "ok $test_count # skip a full tmpfs needs root and unshare -m"
fi

test_done
