#!/bin/sh
test_description='a store this user may not write: a clear error, the store intact'
. "${0%/*}/lib.sh"

# Permissions mean nothing to root, so as root the tools run as nobody.
if [ "$(id -u)" = 0 ]; then
	if ! command -v setpriv >/dev/null; then
		echo "1..0 # SKIP running as root without setpriv"; exit 0
	fi
	as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	chmod 755 "$TRASH"
else
	as_user() { "$@"; }
fi

test_expect_success 'setup: a store in a directory made read-only' '
	mkdir ro &&
	printf "customer_id,name,updated_at\nC1,甲,2025-01-01\n" >c1.csv &&
	printf "customer_id,name,updated_at\nC2,乙,2025-01-02\n" >c2.csv &&
	crm-import --db ro/s.db c1.csv 2>/dev/null &&
	sqlite3 ro/s.db .dump >before &&
	ls ro >files && echo s.db >expect && test_cmp expect files &&
	chmod 444 ro/s.db && chmod 555 ro
'

test_expect_success 'an import is exit 2 with the reason and where to look' '
	test_expect_code 2 as_user crm-import --db ro/s.db c2.csv 2>err &&
	grep "^crm-import: ro/s.db: .*readonly database (the store, and the directory it is in, must be writable by this user" err &&
	test $(wc -l <err) = 1
'

test_expect_success 'a reader says it cannot read it, not that it is no store' '
	test_expect_code 2 as_user crm-stale --db ro/s.db 2>err &&
	grep "^crm-stale: ro/s.db: cannot read the store: .*must be writable by this user" err &&
	! grep "not a crmkit store" err
'

test_expect_success 'crm-health --record is refused the same way' '
	test_expect_code 2 as_user crm-health --db ro/s.db --record 2>err >/dev/null &&
	grep "ro/s.db: .*must be writable by this user" err
'

test_expect_success 'the store is intact and nothing was left beside it' '
	ls ro >files && test_cmp expect files &&
	chmod 755 ro && chmod 644 ro/s.db &&
	sqlite3 ro/s.db .dump >after &&
	test_cmp before after
'

test_expect_success 'made writable again, the same import works' '
	as_user crm-import --db ro/s.db c2.csv 2>/dev/null ||
	{ test "$(id -u)" = 0 && crm-import --db ro/s.db c2.csv 2>/dev/null; } &&
	sqlite3 ro/s.db "SELECT customer_id FROM customers ORDER BY 1" >actual &&
	printf "C1\nC2\n" >expect && test_cmp expect actual
'

test_done
