# bad.sh - helpers for the bad-input corpus tests t/9000-*.t .. t/9099-*.t,
# sourced after lib.sh.  The fixtures are t/data/bad/NN-*.csv|jsonl, NN
# being the class number of RELIABILITY.md section 4; large ones are made
# at test time by the tests themselves.

BAD="$DATA/bad"
AS_OF=2026-11-27
# the time bound; valgrind runs 20-50 times slower (make check VALGRIND=1)
BOUND=20
case ${VALGRIND:-0} in 0) ;; *) BOUND=300 ;; esac

# run_bad WANT TOOL ARGS...: run TOOL under a $BOUND s time bound, stdout to
# out, stderr to err, and check: not timed out (124), no sanitizer or
# valgrind report, no crash, and exit status WANT.
run_bad() {
	rb_want=$1
	shift
	timeout $BOUND "$@" >out 2>err
	rb_got=$?
	if [ "$rb_got" = 124 ]; then
		echo "run_bad: '$*' timed out after $BOUND s" >&2
		return 1
	fi
	if grep -E "ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:|^==[0-9]+== " err >&2; then
		echo "run_bad: '$*': a sanitizer or valgrind report" >&2
		return 1
	fi
	if [ "$rb_got" != "$rb_want" ]; then
		echo "run_bad: '$*' exited $rb_got, wanted $rb_want" >&2
		[ "$rb_got" = 99 ] && echo "run_bad: a sanitizer report" >&2
		[ "$rb_got" -ge 126 ] && echo "run_bad: killed or crashed" >&2
		sed 's/^/run_bad: stderr: /' err >&2
		return 1
	fi
	return 0
}

# balanced FILE [READ WRITTEN MERGED REJECTED]: err holds crm-import's row
# accounting line for FILE, it balances, and (if given) the numbers match.
balanced() {
	bl=$(grep -F "$1: " err | grep -E ": [0-9]+ read = [0-9]+ written \+ [0-9]+ merged \+ [0-9]+ rejected$") || {
		echo "balanced: no accounting line for $1" >&2
		return 1
	}
	eval "$(echo "$bl" | sed -E 's/.*: ([0-9]+) read = ([0-9]+) written \+ ([0-9]+) merged \+ ([0-9]+) rejected$/bl_r=\1 bl_w=\2 bl_m=\3 bl_x=\4/')"
	if [ $((bl_w + bl_m + bl_x)) != "$bl_r" ]; then
		echo "balanced: '$bl' does not add up" >&2
		return 1
	fi
	if [ $# -ge 5 ] && [ "$bl_r $bl_w $bl_m $bl_x" != "$2 $3 $4 $5" ]; then
		echo "balanced: '$bl', wanted $2 read = $3 written + $4 merged + $5 rejected" >&2
		return 1
	fi
	return 0
}

# stale_balanced FILE READ USED REJECTED: crm-stale's summary line for FILE
# (the form of crm(7) DIAGNOSTICS) has these numbers.
stale_balanced() {
	grep -F "crm-stale: $1: $2 records read, $3 used, $4 rejected" err || {
		echo "stale_balanced: no '$2 records read, $3 used, $4 rejected' for $1" >&2
		return 1
	}
	[ $(($3 + $4)) = "$2" ]
}

# rows N: stdout has N data rows after the header.
rows() {
	rw=$(($(wc -l <out) - 1))
	[ "$rw" = "$1" ] || { echo "rows: $rw data rows, wanted $1" >&2; return 1; }
}

# msg RE: err has a line matching the extended regex RE.
msg() {
	grep -E "$1" err >/dev/null || {
		echo "msg: no line matching '$1' in:" >&2
		sed 's/^/msg:   /' err >&2
		return 1
	}
}

# The formula-injection checks (t/9040, t/9045).

# has_cell FILE P: FILE holds the apostrophe, P, then "cmd".
has_cell() {
	P=$2 perl -0777 -ne 'exit(index($_, "\x27$ENV{P}cmd") < 0 ? 1 : 0)' "$1" || {
		echo "has_cell: no escaped cell for prefix '$2' in $1:" >&2
		od -c "$1" | head -20 >&2
		return 1
	}
}

# no_raw FILE P: P then "cmd" never appears without the apostrophe.
no_raw() {
	P=$2 perl -0777 -ne 'exit(/(?<!\x27)\Q$ENV{P}\Ecmd/ ? 1 : 0)' "$1" || {
		echo "no_raw: an unescaped cell for prefix '$2' in $1" >&2
		return 1
	}
}
