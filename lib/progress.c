/* progress.c - the progress line for long runs: where in the input, how
 * fast, how long to go.  It goes to a terminal only, so a cron job's or a
 * pipeline's stderr keeps nothing but diagnostics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "crm.h"

#define TICK 16384			/* records between looks at the clock */

unsigned crm_progress_countdown = TICK;

static struct {
	const struct crm_reader *r;	/* the input, or NULL: not showing */
	int mode;			/* -1 unset, 0 off, 1 terminal, 2 always */
	double start, last;		/* monotonic seconds */
	long rows;			/* records so far (TICK a tick) */
	bool shown;			/* a line is on the terminal */
} p = { NULL, -1, 0, 0, 0, false };

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
crm_progress_start(const struct crm_reader *r)
{
	if (p.mode == -1) {
		const char *e = getenv("CRM_PROGRESS");

		p.mode = e != NULL && strcmp(e, "0") == 0 ? 0 :
		    e != NULL && strcmp(e, "1") == 0 ? 2 : isatty(2) ? 1 : 0;
	}
	p.r = p.mode ? r : NULL;
	p.start = p.last = p.mode ? now() : 0;
	p.rows = 0;
	crm_progress_countdown = TICK;
}

/* "312 MB" */
static void
size_text(double bytes, char *buf, size_t len)
{
	if (bytes >= 1e9)
		snprintf(buf, len, "%.2f GB", bytes / 1e9);
	else
		snprintf(buf, len, "%.0f MB", bytes / 1e6);
}

void
crm_progress_tick_slow(void)
{
	uint64_t done, total;
	double t, secs, rate;
	char a[32], b[32], eta[32] = "";

	crm_progress_countdown = TICK;
	p.rows += TICK;
	if (p.r == NULL)
		return;
	t = now();
	/* a terminal hears after 2 s, then once a second */
	if (p.mode == 1 && (t - p.start < 2 || t - p.last < 1))
		return;
	p.last = t;
	done = crm_reader_bytes(p.r, &total);
	secs = t - p.start > 1e-6 ? t - p.start : 1e-6;
	rate = (double)done / secs;
	size_text((double)done, a, sizeof a);
	if (total > 0) {
		size_text((double)total, b, sizeof b);
		if (rate > 0 && total >= done)
			snprintf(eta, sizeof eta, ", ETA %.0f s",
			    (double)(total - done) / rate);
		fprintf(stderr, "\r%s: %s of %s (%.0f%%), %.1fM records, "
		    "%.0f MB/s%s\033[K", crm_reader_name(p.r), a, b,
		    100.0 * (double)done / (double)total, p.rows / 1e6,
		    rate / 1e6, eta);
	} else {
		fprintf(stderr, "\r%s: %s, %.1fM records, %.0f MB/s\033[K",
		    crm_reader_name(p.r), a, p.rows / 1e6, rate / 1e6);
	}
	if (p.mode == 2)
		fputc('\n', stderr);	/* a line per tick, for tests */
	p.shown = true;
}

void
crm_progress_done(void)
{
	if (p.shown && p.mode == 1)
		fputs("\r\033[K", stderr);
	p.shown = false;
	p.r = NULL;
}
