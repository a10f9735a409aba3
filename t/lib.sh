# lib.sh - TAP helpers for crmkit's shell tests, with git's test names
# (test_expect_success, test_expect_code, test_cmp, test_done).  Sourced by
# every t/NNNN-*.t; prove runs them from the top directory.
#
# Each test runs in its own scratch directory, with LC_ALL=C, TZ=UTC,
# CRM_TODAY=2025-01-31 and the built binaries first on PATH:
# $CRM_BINDIR (bin/ by default; make check sets it for the ASan build too).
# With VALGRIND=1 they run under valgrind (see below).

TOP=$(cd "${0%/*}/.." && pwd)
DATA="$TOP/t/data"
CRM_BUILD=${CRM_BUILD:-obj}
CRM_BINDIR=${CRM_BINDIR:-bin}
case $CRM_BUILD in /*) ;; *) CRM_BUILD="$TOP/$CRM_BUILD" ;; esac
case $CRM_BINDIR in /*) ;; *) CRM_BINDIR="$TOP/$CRM_BINDIR" ;; esac
PATH="$CRM_BINDIR:$PATH"
LC_ALL=C
TZ=UTC
CRM_TODAY=2025-01-31
unset CRM_TZ CRM_DB
CRM_SHARE="$TOP/share"		# profiles, whichever build is under test
export PATH LC_ALL TZ CRM_TODAY DATA TOP CRM_BUILD CRM_SHARE
# ASan: leaks are errors; make the exit status of a sanitizer report
# distinct from ours (2) so a test can never mistake one for the other.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:exitcode=99:abort_on_error=0}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:exitcode=99:print_stacktrace=1}
export ASAN_OPTIONS UBSAN_OPTIONS

test_count=0
test_failed=0
TRASH=$(mktemp -d "${TMPDIR:-/tmp}/crmkit-test.XXXXXX")
trap 'rm -rf "$TRASH"' EXIT
cd "$TRASH" || exit 1

# VALGRIND=1 (make check VALGRIND=1): every crm-* binary runs under
# valgrind through a wrapper of the same name first on PATH; an error or a
# definite leak is exit 99, as a sanitizer report is.
if [ -n "$VALGRIND" ] && [ "$VALGRIND" != 0 ]; then
	mkdir "$TRASH/.valgrind" || exit 1
	for b in "$CRM_BINDIR"/crm-*; do
		[ -x "$b" ] || continue
		printf '#!/bin/sh\nexec valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --quiet "%s" "$@"\n' \
		    "$b" >"$TRASH/.valgrind/${b##*/}"
		chmod +x "$TRASH/.valgrind/${b##*/}"
	done
	PATH="$TRASH/.valgrind:$PATH"
	export PATH
fi

# hold_lock DB: hold DB's write lock (BEGIN IMMEDIATE in a sqlite3 that
# waits on a FIFO) until release_lock, and return once it is really held,
# so tests of "the store stays locked" do not depend on timing (valgrind).
hold_lock() {
	rm -f "$TRASH/.lockfifo" && mkfifo "$TRASH/.lockfifo" || return 1
	# (.timeout: the readiness poll below takes the lock for an instant)
	{ echo ".timeout 10000"
	  echo "BEGIN IMMEDIATE; INSERT INTO reps (rep_id, import_id) VALUES ('lock', 0);"
	  timeout 120 cat "$TRASH/.lockfifo" >/dev/null
	  echo "ROLLBACK;"; } | sqlite3 "$1" &
	LOCK_PID=$!
	lock_tries=0
	while sqlite3 "$1" "BEGIN IMMEDIATE; ROLLBACK;" 2>/dev/null; do
		lock_tries=$((lock_tries + 1))
		[ $lock_tries -lt 200 ] || return 1
		sleep 0.05
	done
}

# release_lock: end the hold_lock and wait for it.
release_lock() {
	echo >"$TRASH/.lockfifo"
	wait "$LOCK_PID"
}

say_fail() {
	echo "# --- output of the failed test:"
	sed 's/^/# /' "$TRASH/.log"
}

# test_expect_success TITLE SCRIPT: run SCRIPT in a subshell; ok if it
# exits 0.
test_expect_success() {
	test_count=$((test_count + 1))
	if (eval "$2") >"$TRASH/.log" 2>&1; then
		echo "ok $test_count - $1"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		say_fail
	fi
}

# test_expect_code N CMD...: CMD must exit with status N.  A status of
# 99 (sanitizer) or 126+ (crash, signal) is reported as such.
test_expect_code() {
	want=$1
	shift
	"$@"
	got=$?
	if [ "$got" = "$want" ]; then
		return 0
	fi
	echo "test_expect_code: '$*' exited $got, wanted $want" >&2
	[ "$got" = 99 ] && echo "test_expect_code: a sanitizer report" >&2
	[ "$got" -ge 126 ] && echo "test_expect_code: killed or crashed" >&2
	return 1
}

# test_cmp EXPECT ACTUAL: the files are identical (diff shown if not).
test_cmp() {
	diff -u "$1" "$2"
}

# test_must_be_empty FILE
test_must_be_empty() {
	if [ -s "$1" ]; then
		echo "'$1' is not empty:" >&2
		cat "$1" >&2
		return 1
	fi
}

test_done() {
	echo "1..$test_count"
	if [ "$test_failed" -gt 0 ]; then
		echo "# failed $test_failed of $test_count"
		exit 1
	fi
	exit 0
}
