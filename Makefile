# crmkit - one flat Makefile; see README.
PREFIX  ?= /usr/local
MANDIR   = $(PREFIX)/share/man
CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# xlsxwriter: libxlsxwriter, for crm-report's workbooks (Debian
# libxlsxwriter-dev; its .pc also brings zlib)
PKGS     = jansson libpcre2-8 sqlite3 xlsxwriter
SHAREDIR = $(PREFIX)/share/crmkit
CPPFLAGS += -Ilib -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-DCRM_SHAREDIR='"$(SHAREDIR)"'
DEPFLAGS = -MMD -MP
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS  += -lcsv $(PKG_LIBS) -lm -pthread

# Build variants share this file: `make` builds into bin/ and lib/libcrm.a
# with objects under obj/; the sanitizer build goes under build/asan.
OBJDIR  ?= obj
BINDIR  ?= bin
LIBA    ?= lib/libcrm.a

PROGS    = $(patsubst cmd/%.c,%,$(wildcard cmd/*.c))
LIBSRC   = $(wildcard lib/*.c)
LIBOBJ   = $(LIBSRC:%.c=$(OBJDIR)/%.o)
UNITSRC  = $(wildcard t/unit/*.c)
UNITS    = $(UNITSRC:t/unit/%.c=$(OBJDIR)/t/unit/%)
FUZZSRC  = $(wildcard t/fuzz/fuzz_*.c)

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

all: deps $(PROGS:%=$(BINDIR)/%) $(UNITS) $(OBJDIR)/t/fuzz/replay

# Dependencies: install them when missing (as root), else say how.
deps:
	@if ! pkg-config --exists $(PKGS) 2>/dev/null || [ ! -f /usr/include/csv.h ] \
	    || [ ! -f /usr/include/uthash.h ]; then \
		if [ "$$(id -u)" = 0 ]; then scripts/install-deps; \
		else echo "missing build dependencies; run: sudo scripts/install-deps" >&2; exit 2; fi; \
	fi

$(OBJDIR)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) $(PKG_CFLAGS) $(DEPFLAGS) -c -o $@ $<

# The share directory is compiled in: rebuild what uses it when PREFIX
# changes (make install PREFIX=/usr after a plain make).
$(OBJDIR)/.sharedir: FORCE
	@mkdir -p $(@D)
	@echo '$(SHAREDIR)' | cmp -s - $@ || echo '$(SHAREDIR)' >$@
$(OBJDIR)/lib/importer.o: $(OBJDIR)/.sharedir

$(LIBA): $(LIBOBJ)
	@mkdir -p $(@D)
	$(AR) rcs $@ $(LIBOBJ)

$(BINDIR)/%: $(OBJDIR)/cmd/%.o $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) $(LDLIBS)

$(OBJDIR)/t/unit/%: $(OBJDIR)/t/unit/%.o $(LIBA)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) $(LDLIBS)

# The fuzz harnesses, built with a plain main() that replays files: make
# check runs every committed corpus file through them (under ASan too).
$(OBJDIR)/t/fuzz/replay: $(FUZZSRC:%.c=$(OBJDIR)/%.o) $(OBJDIR)/t/fuzz/replay_main.o $(LIBA)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(filter %.o,$^) $(LIBA) $(LDLIBS)
$(OBJDIR)/t/fuzz/replay_main.o: t/fuzz/replay_main.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) $(PKG_CFLAGS) $(DEPFLAGS) -c -o $@ $<
$(FUZZSRC:%.c=$(OBJDIR)/%.o): CPPFLAGS += -DFUZZ_NAMESPACED

asan:
	$(MAKE) OBJDIR=build/asan BINDIR=build/asan/bin LIBA=build/asan/libcrm.a \
	    CFLAGS="$(ASAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" all

# ThreadSanitizer: t/0105 runs the --jobs tools of this build against
# one thread of the build under test, in make check's first pass.
tsan:
	$(MAKE) OBJDIR=build/tsan BINDIR=build/tsan/bin LIBA=build/tsan/libcrm.a \
	    CFLAGS="-O1 -g -fsanitize=thread" LDFLAGS="-fsanitize=thread" all

# make check VALGRIND=1: the plain build's tools run under valgrind
# (t/lib.sh); valgrind and ASan do not mix, so the ASan pass is skipped.
VALGRIND ?=
check: all $(if $(VALGRIND),,asan tsan)
	mandoc -Tlint -Wwarning man/*.[1-9]
	VALGRIND=$(VALGRIND) $(if $(VALGRIND),,CRM_TSAN=build/tsan/bin) \
	    CRM_BUILD=$(OBJDIR) CRM_BINDIR=$(BINDIR) prove -j2 $(or $(TESTS),t/)
	$(if $(VALGRIND),,CRM_BUILD=build/asan CRM_BINDIR=build/asan/bin prove -j2 $(or $(TESTS),t/))

# libFuzzer builds (clang); FUZZ_TIME seconds each.
FUZZ_TIME ?= 60
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
fuzz: deps
	@mkdir -p build/fuzz
	for f in $(FUZZSRC); do n=$$(basename $$f .c); \
	    clang $(FUZZ_CFLAGS) $(CPPFLAGS) $(PKG_CFLAGS) -o build/fuzz/$$n $$f $(LIBSRC) $(LDLIBS) || exit 2; \
	    mkdir -p t/fuzz/corpus/$$n build/fuzz/corpus-$$n; \
	    build/fuzz/$$n -max_total_time=$(FUZZ_TIME) -max_len=4096 -timeout=10 \
	        build/fuzz/corpus-$$n t/fuzz/corpus/$$n 2>build/fuzz/$$n.log || \
	        { tail -40 build/fuzz/$$n.log; exit 1; }; \
	    tail -2 build/fuzz/$$n.log; \
	done

bench: all
	scripts/bench

# The main job on the bundled sample data: the customers exports of three
# month ends (for the store's history of status changes: churn), then
# today's exports, into a fresh SQLite store; the nightly health records
# of the Fridays before; every tool on the store; the weekly report.
DEMO_ASOF = 2026-11-27
DEMO_HISTORY = 2026-08-31 2026-09-30 2026-10-31
DEMO_WEEKS = 2026-10-30 2026-11-06 2026-11-13 2026-11-20
DEMO = $(BINDIR)/crm-$(1) --db demo/crm.db --as-of $(DEMO_ASOF)
demo: all
	@mkdir -p demo
	rm -f demo/crm.db demo/crm.db-wal demo/crm.db-shm
	-$(BINDIR)/crm-check --as-of $(DEMO_ASOF) sample/*.csv >demo/check.txt
	@for d in $(DEMO_HISTORY); do \
	    $(BINDIR)/crm-import --db demo/crm.db --as-of $$d \
	        sample/history/*-$$d.csv || exit 2; \
	done
	$(BINDIR)/crm-import --db demo/crm.db --as-of $(DEMO_ASOF) sample/*.csv
	@for d in $(DEMO_WEEKS); do \
	    $(BINDIR)/crm-health --db demo/crm.db --as-of $$d --record \
	        >/dev/null 2>&1 || exit 2; \
	done
	$(call DEMO,stale) >demo/stale.csv
	$(call DEMO,stale) -b manager >demo/stale-by-manager.csv
	$(call DEMO,score) >demo/score.csv
	$(call DEMO,clcc) -p quarter >demo/clcc.csv
	$(call DEMO,health) --record >demo/health.csv
	$(call DEMO,rules) >demo/rules.csv
	$(call DEMO,hotlist) >demo/hotlist.csv
	$(call DEMO,tasks) >demo/tasks.csv
	$(call DEMO,stock) >demo/stock.csv
	$(call DEMO,stock) --report stockout >demo/stockouts.csv
	$(call DEMO,pulse) >demo/pulse.csv
	$(call DEMO,report) -o demo/report.html
	$(call DEMO,report) -o demo/report.xlsx 2>/dev/null
	$(call DEMO,report) -o demo/report.md 2>/dev/null
	@echo; $(call DEMO,stale) -t -b region 2>/dev/null
	@echo; $(call DEMO,health) -t 2>/dev/null
	@echo; $(call DEMO,stock) --report stockout -t 2>/dev/null
	@echo
	@echo "demo: the weekly report: open demo/report.html in a browser (or on"
	@echo "demo: a phone), demo/report.xlsx in Excel or WPS; paste demo/report.md"
	@echo "demo: into a WeCom or DingTalk group.  Each tool's own output is in"
	@echo "demo: demo/*.csv, the store is demo/crm.db, and crm-check's findings"
	@echo "demo: on the sample exports are in demo/check.txt."

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
	    $(DESTDIR)$(SHAREDIR)/profiles
	install -m 755 $(PROGS:%=$(BINDIR)/%) $(DESTDIR)$(PREFIX)/bin
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1
	install -m 644 man/*.5 $(DESTDIR)$(MANDIR)/man5
	install -m 644 man/*.7 $(DESTDIR)$(MANDIR)/man7
	install -m 644 share/profiles/*.json $(DESTDIR)$(SHAREDIR)/profiles
	install -m 644 share/weights.csv share/thresholds.json share/rules.json \
	    $(DESTDIR)$(SHAREDIR)

clean:
	rm -rf bin obj build lib/libcrm.a

.PHONY: all deps asan tsan check fuzz bench demo install clean FORCE
# keep the unit tests' objects; a bare .SECONDARY: would make every object
# "intermediate", and a new lib/*.c older than the archive would never build
.SECONDARY: $(UNITS:%=%.o) $(PROGS:%=$(OBJDIR)/cmd/%.o)

-include $(shell find obj build -name '*.d' 2>/dev/null)
