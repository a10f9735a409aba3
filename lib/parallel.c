/* parallel.c - speed helpers: tables for random access, and reading one
 * input with several threads (--jobs). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "crm.h"

#define HUGE_PAGE ((size_t)2 << 20)

void *
crm_huge_alloc(size_t n)
{
	void *p;

	if (n < HUGE_PAGE)
		return crm_xmalloc(n);
	if (posix_memalign(&p, HUGE_PAGE, n) != 0)
		return crm_xmalloc(n);	/* aborts when memory is out */
#ifdef MADV_HUGEPAGE
	(void)madvise(p, n & ~(HUGE_PAGE - 1), MADV_HUGEPAGE);
#endif
	return p;
}

void *
crm_huge_realloc(void *p, size_t old, size_t n)
{
	void *q;

	if (n < HUGE_PAGE)
		return crm_xrealloc(p, n);
	q = crm_huge_alloc(n);
	if (p != NULL)
		memcpy(q, p, old < n ? old : n);
	free(p);
	return q;
}

/* ---- --jobs: one input read by several threads ----
 *
 * The main thread reads the input (a file or a pipe alike) in blocks and
 * cuts them into chunks after a newline that a quote count says is
 * outside quotes.  Each chunk is parsed by a worker with its own reader
 * (crm_reader_open_chunk: the header's columns, the chunk's true first
 * line) into its own part of the tool's state; the main thread takes the
 * chunks back in input order, prints their reject messages, adds their
 * counts and merges their parts.  The quote count is only a guess: a
 * chunk is right when the chunk before it ended outside any record, as
 * the reader says (crm_reader_dirty); when it did not, the two chunks are
 * joined and parsed again, so the result is the one-thread result. */

#include <pthread.h>
#include <unistd.h>
#include <errno.h>
#include <sys/stat.h>

static int jobs = 1;

void
crm_jobs_set(int n)
{
	jobs = n < 1 ? 1 : n;
}

void
crm_jobs_take(const char *arg)
{
	long n;

	if (crm_parse_long(arg, 1, 64, &n) == -1)
		crm_errx(CRM_EXIT_ERROR, "--jobs: expected 1 to 64, got '%s'",
		    arg);
	jobs = (int)n;
}

int
crm_jobs(void)
{
	return jobs;
}

#define PAR_CHUNK ((size_t)8 << 20)	/* bytes per chunk */
#define SCAN_BYTES ((size_t)128 << 10)	/* read at once to find a cut */

enum { CH_QUEUED, CH_RUNNING, CH_DONE };

struct chunk {
	char *buf;			/* the chunk's bytes */
	size_t len, cap;
	long line;			/* the input line of buf[0] */
	bool last;			/* ends where the input ends */
	int state;			/* CH_* */
	void *part;			/* the tool's state for this chunk */
	struct crm_counts c;		/* its counts */
	struct crm_error *diag;		/* its first rejects, to print */
	size_t ndiag;
	bool stop;			/* a fatal error or --strict reject */
	struct crm_error ferr;		/* which */
	bool dirty;			/* ended inside a record */
	uint64_t lanes;			/* part_lane done: a bit a lane */
	bool ranged;			/* bytes [off, off + len) of the file,
					   buf unused */
	off_t off;
	struct chunk *next;
};

struct par {
	const struct crm_reader *proto;	/* the header's reader */
	const struct crm_input_opts *o;
	const struct crm_par_ops *ops;
	void *ctx;
	int fd;				/* the input */
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	struct chunk *head, *tail;	/* chunks not yet merged, in order */
	bool quit;
	int nlanes;			/* part_lane's lanes, or 0 */
	uint64_t all_lanes;		/* a bit for each */
	uint64_t lane_busy;		/* lanes being run */
	bool draining;			/* an error: lanes do nothing more */
	void *spare[16];		/* parts emptied for reuse */
	int nspare;
	struct buf {			/* chunk buffers to reuse (main thread) */
		char *p;
		size_t cap;
	} pool[16];
	int npool;
};

/* The loop of crm_input_each over one reader into part: counts into *c;
 * each reject goes to sink (printed at once, or kept for later).  Returns
 * 0, or -1 with *ferr set on a fatal error or a --strict reject. */
struct sink {
	bool print;			/* print rejects now (one thread) */
	long max;			/* how many to print or keep */
	struct crm_error *diag;		/* kept rejects */
	size_t ndiag;
};

static int
each_record(struct crm_reader *r, const struct crm_input_opts *o,
    const struct crm_par_ops *ops, void *ctx, void *part,
    struct crm_counts *c, struct sink *sink, struct crm_error *ferr)
{
	struct crm_record rec;
	struct crm_error err = CRM_ERROR_INIT;
	int status = 0;

	(void)ctx;
	for (;;) {
		enum crm_read_status st = crm_reader_next(r, &rec, &err);
		int res;

		if (sink->print)
			crm_progress_tick();
		if (st == CRM_READ_EOF)
			break;
		if (st == CRM_READ_FATAL) {
			*ferr = err;
			status = -1;
			break;
		}
		c->read++;
		if (st == CRM_READ_OK) {
			err.msg[0] = '\0';
			res = ops->fn(r, &rec, part, &err);
			if (res == CRM_REC_FATAL) {
				*ferr = err;
				status = -1;
				break;
			}
			if (res == CRM_REC_USED)
				c->used++;
			else if (res == CRM_REC_IGNORED)
				c->ignored++;
			else if (res == CRM_REC_MERGED)
				c->merged++;
			if (res != CRM_REC_REJECT)
				continue;
			{
				char msg[sizeof err.msg];

				memcpy(msg, err.msg, sizeof msg);
				crm_error_set(&err, crm_reader_name(r), rec.line,
				    err.col, "%s", msg);
			}
		}
		c->rejected++;
		if (o->strict) {
			*ferr = err;
			status = -1;
			break;
		}
		if (sink->print) {
			if (c->rejected <= sink->max)
				crm_warn_error(&err);
		} else if ((long)sink->ndiag < sink->max) {
			if (sink->diag == NULL)	/* the first reject */
				sink->diag = crm_xmalloc((size_t)sink->max *
				    sizeof *sink->diag);
			sink->diag[sink->ndiag++] = err;
		}
	}
	if (status == 0 && ops->part_end != NULL) {
		long moved = ops->part_end(ctx, part);

		c->used -= moved;
		c->ignored += moved;
	}
	return status;
}

/* A part to read into: an emptied one, or a new one (any thread). */
static void *
part_take(struct par *p)
{
	void *part = NULL;

	if (p->ops->part_reset != NULL) {
		pthread_mutex_lock(&p->mu);
		if (p->nspare > 0)
			part = p->spare[--p->nspare];
		pthread_mutex_unlock(&p->mu);
	}
	return part != NULL ? part : p->ops->part_new(p->ctx);
}

/* Done with part: emptied for reuse, or freed (any thread). */
static void
part_put(struct par *p, void *part)
{
	if (p->ops->part_reset != NULL) {
		p->ops->part_reset(p->ctx, part);
		pthread_mutex_lock(&p->mu);
		if (p->nspare < (int)(sizeof p->spare / sizeof p->spare[0])) {
			p->spare[p->nspare++] = part;
			part = NULL;
		}
		pthread_mutex_unlock(&p->mu);
	}
	if (part != NULL)
		p->ops->part_free(p->ctx, part);
}

/* Parse chunk ch (any thread). */
static void
parse_chunk(struct par *p, struct chunk *ch)
{
	struct crm_reader *r = ch->ranged ?
	    crm_reader_open_range(p->proto, p->fd, ch->off, ch->len, ch->line) :
	    crm_reader_open_chunk(p->proto, ch->buf, ch->len, ch->line);
	struct sink sink = { false, p->o->max_reported, NULL, 0 };

	memset(&ch->c, 0, sizeof ch->c);
	free(ch->diag);
	ch->diag = NULL;
	if (ch->part != NULL)
		part_put(p, ch->part);
	ch->part = part_take(p);
	ch->stop = each_record(r, p->o, p->ops, p->ctx, ch->part, &ch->c,
	    &sink, &ch->ferr) == -1;
	ch->diag = sink.diag;
	ch->ndiag = sink.ndiag;
	ch->dirty = !ch->last && !ch->stop && crm_reader_dirty(r);
	crm_reader_free(r);
}

/* Whether ch, read, is past every lane: it can be merged (or freed). */
static bool
lanes_done(const struct par *p, const struct chunk *ch)
{
	return ch->state == CH_DONE && (ch->lanes == p->all_lanes || ch->dirty);
}

/* Run one lane step that can run, if any: a lane not running, on the
 * first chunk it has not seen, when that chunk is read and will not be
 * read again (a dirty chunk is joined to the next and read again).
 * Called and returns with p->mu held, released while the step runs.
 * Returns whether it ran one. */
static bool
lane_step(struct par *p)
{
	for (int l = 0; l < p->nlanes; l++) {
		uint64_t bit = (uint64_t)1 << l;
		struct chunk *ch;
		bool run;

		if (p->lane_busy & bit)
			continue;
		for (ch = p->head; ch != NULL && (ch->lanes & bit);
		    ch = ch->next)
			;
		if (ch == NULL || ch->state != CH_DONE || ch->dirty)
			continue;
		run = !ch->stop && !p->draining;
		p->lane_busy |= bit;
		pthread_mutex_unlock(&p->mu);
		if (run)
			p->ops->part_lane(p->ctx, ch->part, l, p->nlanes);
		pthread_mutex_lock(&p->mu);
		p->lane_busy &= ~bit;
		ch->lanes |= bit;
		pthread_cond_broadcast(&p->done);
		pthread_cond_broadcast(&p->work);
		return true;
	}
	return false;
}

static void *
worker(void *arg)
{
	struct par *p = arg;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		struct chunk *ch;

		/* lanes first: the merge waits on them */
		if (p->nlanes > 0 && lane_step(p))
			continue;
		for (ch = p->head; ch != NULL && ch->state != CH_QUEUED;
		    ch = ch->next)
			;
		if (ch == NULL) {
			if (p->quit)
				break;
			pthread_cond_wait(&p->work, &p->mu);
			continue;
		}
		ch->state = CH_RUNNING;
		pthread_mutex_unlock(&p->mu);
		parse_chunk(p, ch);
		pthread_mutex_lock(&p->mu);
		ch->state = CH_DONE;
		pthread_cond_broadcast(&p->done);
		if (p->nlanes > 0)
			pthread_cond_broadcast(&p->work);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* A buffer of at least n bytes, from the pool when it has one: fresh
 * memory costs a page fault every 4 KiB. */
static char *
buf_get(struct par *p, size_t n, size_t *cap)
{
	if (p->npool > 0) {
		struct buf b = p->pool[--p->npool];

		if (b.cap < n) {
			b.p = crm_xrealloc(b.p, n);
			b.cap = n;
		}
		*cap = b.cap;
		return b.p;
	}
	*cap = n;
	return crm_xmalloc(n);
}

static void
buf_put(struct par *p, char *b, size_t cap)
{
	if (p->npool < (int)(sizeof p->pool / sizeof p->pool[0])) {
		p->pool[p->npool].p = b;
		p->pool[p->npool++].cap = cap;
	} else {
		free(b);
	}
}

static void
chunk_free(struct par *p, struct chunk *ch)
{
	if (ch->part != NULL)
		part_put(p, ch->part);
	free(ch->diag);
	if (ch->buf != NULL)
		buf_put(p, ch->buf, ch->cap);
	free(ch);
}

/* Read into b up to cap bytes from fd (at offset off when off >= 0),
 * until full or the end.  Returns the count, or -1 on a read error. */
static ssize_t
read_full(int fd, char *b, size_t cap, off_t off)
{
	size_t n = 0;

	while (n < cap) {
		ssize_t k = off >= 0 ? pread(fd, b + n, cap - n, off + (off_t)n) :
		    read(fd, b + n, cap - n);

		if (k == -1 && errno == EINTR)
			continue;
		if (k == -1)
			return -1;
		if (k == 0)
			break;
		n += (size_t)k;
	}
	return (ssize_t)n;
}

/* How many quotes and newlines b[0..n) holds: 16 bytes a step where the
 * machine has SSE2, the main thread's whole share of the work. */
#ifdef __SSE2__
#include <emmintrin.h>
#endif
static void
count_bytes(const char *b, size_t n, size_t *quotes, size_t *nls)
{
	size_t q = 0, l = 0, i = 0;

#ifdef __SSE2__
	const __m128i vq = _mm_set1_epi8('"'), vn = _mm_set1_epi8('\n');
	const __m128i zero = _mm_setzero_si128();

	while (n - i >= 16) {
		__m128i aq = zero, an = zero;
		size_t stop = i + 16 * 255;

		if (stop > n - 15)
			stop = n - 15;
		for (; i < stop; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(b + i));

			/* a match is -1: subtracting it counts it */
			aq = _mm_sub_epi8(aq, _mm_cmpeq_epi8(v, vq));
			an = _mm_sub_epi8(an, _mm_cmpeq_epi8(v, vn));
		}
		aq = _mm_sad_epu8(aq, zero);
		an = _mm_sad_epu8(an, zero);
		q += (size_t)_mm_cvtsi128_si32(aq) +
		    (size_t)_mm_cvtsi128_si32(_mm_srli_si128(aq, 8));
		l += (size_t)_mm_cvtsi128_si32(an) +
		    (size_t)_mm_cvtsi128_si32(_mm_srli_si128(an, 8));
	}
#endif
	for (; i < n; i++) {
		q += b[i] == '"';
		l += b[i] == '\n';
	}
	*quotes = q;
	*nls = l;
}

/* Where to cut b[0..n), given whether a quoted field is open at b[0]:
 * after the last newline outside quotes, else after the last newline,
 * else nowhere (n).  *open gets the quote state at the cut, *lines the
 * newlines before it. */
static size_t
cut_point(const char *b, size_t n, bool *open, long *lines)
{
	size_t nq, nl, i, tl = 0;
	bool q;

	count_bytes(b, n, &nq, &nl);
	q = *open ^ (nq & 1);
	/* q is the state at the end; walk back to a newline outside quotes */
	for (i = n; i > 0 && n - i <= (4u << 20); i--) {
		char ch = b[i - 1];

		if (ch == '"')
			q = !q;
		else if (ch == '\n') {
			if (!q) {
				*open = false;
				*lines = (long)(nl - tl);
				return i;
			}
			tl++;
		}
	}
	/* the quote count is off: after the last newline, if any */
	for (i = n; i > 0; i--)
		if (b[i - 1] == '\n')
			break;
	if (i == 0) {
		*open ^= nq & 1;
		*lines = (long)nl;
		return n;
	}
	count_bytes(b, i, &nq, &nl);
	*open ^= nq & 1;
	*lines = (long)nl;
	return i;
}

/* The next chunk of a file, from offset pos with the quote state *open
 * there: up to the first newline outside quotes at or after pos + want,
 * read through buf[0..cap) (small, so it stays in cache; the worker
 * reads the chunk again the same way).  Returns the chunk's length with
 * *open, *lines (its newlines) and *last (it ends at the end of the
 * file) set, or -1 on a read error. */
static ssize_t
scan_chunk(int fd, off_t pos, size_t want, char *buf, size_t cap, bool *open,
    long *lines, bool *last)
{
	size_t done = 0, nq, nl, beyond = 0;
	bool q = *open;

	*lines = 0;
	*last = false;
	for (;;) {
		ssize_t k = read_full(fd, buf, cap, pos + (off_t)done);
		size_t s = 0;

		if (k == -1)
			return -1;
		if (k == 0) {
			*last = true;
			*open = q;
			return (ssize_t)done;
		}
		if (done < want) {
			s = want - done < (size_t)k ? want - done : (size_t)k;
			count_bytes(buf, s, &nq, &nl);
			q ^= nq & 1;
			*lines += (long)nl;
		}
		for (size_t i = s; i < (size_t)k; i++) {
			if (buf[i] == '"') {
				q = !q;
			} else if (buf[i] == '\n') {
				++*lines;
				/* outside quotes; or the quote count is
				 * off (4 MiB on): any newline */
				if (!q || beyond + i - s > (4u << 20)) {
					*open = q;
					return (ssize_t)(done + i + 1);
				}
			}
		}
		if (done + (size_t)k > want)
			beyond += (size_t)k - s;
		done += (size_t)k;
	}
}

/* Where the bytes after rest[0..len) start in fd, when fd is a regular
 * file that holds them there (so chunks can be read at their offsets),
 * else -1. */
static off_t
seek_start(int fd, const char *rest, size_t len)
{
	struct stat st;
	off_t cur, at;
	char *b;
	bool same;

	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (cur = lseek(fd, 0, SEEK_CUR)) == -1 || cur < (off_t)len)
		return -1;
	at = cur - (off_t)len;
	if (len == 0)
		return at;
	b = crm_xmalloc(len);
	same = read_full(fd, b, len, at) == (ssize_t)len &&
	    memcmp(b, rest, len) == 0;
	free(b);
	return same ? at : -1;
}

void *
crm_par_self(void *ctx)
{
	return ctx;
}

/* The chunk being merged (main thread), for crm_par_say_before(). */
static struct {
	struct chunk *ch;
	long before;			/* rejects before it, in all */
	long max;			/* how many to print */
	size_t said;			/* of ch's, printed */
} merging;

void
crm_par_say_before(long line)
{
	struct chunk *ch = merging.ch;

	if (ch == NULL)
		return;
	for (; merging.said < ch->ndiag &&
	    ch->diag[merging.said].line < line; merging.said++)
		if (merging.before + (long)merging.said + 1 <= merging.max)
			crm_warn_error(&ch->diag[merging.said]);
}

/* Merge chunk ch into the totals: print its rejects, add its counts, fold
 * its part.  Returns 0, or -1 with *err set. */
static int
merge_chunk(struct par *p, struct chunk *ch, struct crm_counts *c,
    struct crm_error *err)
{
	int rc = 0;

	merging.ch = ch;
	merging.before = c->rejected;
	merging.max = p->o->max_reported;
	merging.said = 0;
	if (!ch->stop) {
		rc = p->ops->part_merge_counts != NULL ?
		    p->ops->part_merge_counts(p->ctx, ch->part, &ch->c, err) :
		    p->ops->part_merge(p->ctx, ch->part, err);
		if (rc == CRM_PAR_REPLAY) {
			/* read it again into the tool's own state, in
			 * order, saying and counting what one thread would */
			struct crm_reader *r = ch->ranged ?
			    crm_reader_open_range(p->proto, p->fd, ch->off,
			    ch->len, ch->line) :
			    crm_reader_open_chunk(p->proto, ch->buf, ch->len,
			    ch->line);
			struct sink sink = { true, p->o->max_reported, NULL, 0 };

			merging.ch = NULL;
			rc = each_record(r, p->o, p->ops, p->ctx,
			    p->ops->part_main(p->ctx), c, &sink, err);
			crm_reader_free(r);
			return rc;
		}
	}
	crm_par_say_before(LONG_MAX);
	merging.ch = NULL;
	c->read += ch->c.read;
	c->used += ch->c.used;
	c->merged += ch->c.merged;
	c->rejected += ch->c.rejected;
	c->ignored += ch->c.ignored;
	if (ch->stop) {
		*err = ch->ferr;
		return -1;
	}
	return rc;
}

/* Read the rest of r with n worker threads.  Returns 0, or -1 with *err
 * set. */
static int
read_parallel(struct crm_reader *r, const struct crm_input_opts *o,
    const struct crm_par_ops *ops, void *ctx, int n, struct crm_counts *c,
    struct crm_error *err)
{
	struct par p;
	pthread_t *tid = crm_xmalloc((size_t)n * sizeof *tid);
	const char *rest;
	size_t restlen, carrylen, carrycap, chunk_bytes = PAR_CHUNK;
	char *carry, *scan = NULL;
	off_t pos;
	long line;
	int fd, nthreads = 0, inflight = 0, status = 0;
	long merged = 0;
	bool eof = false, open = false, readerr = false;

	memset(&p, 0, sizeof p);
	p.proto = r;
	p.o = o;
	p.ops = ops;
	p.ctx = ctx;
	if (ops->part_lane != NULL) {
		p.nlanes = n;
		p.all_lanes = n == 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1;
	}
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.work, NULL);
	pthread_cond_init(&p.done, NULL);
	{
		/* CRM_CHUNK_BYTES: smaller chunks, for tests */
		const char *e = getenv("CRM_CHUNK_BYTES");
		long v;

		if (e != NULL && crm_parse_long(e, 1, 1L << 30, &v) == 0)
			chunk_bytes = (size_t)v;
	}
	rest = crm_reader_rest(r, &restlen, &line, &fd);
	pos = seek_start(fd, rest, restlen);
	p.fd = fd;
	if (pos >= 0)
		scan = crm_xmalloc(SCAN_BYTES);

	carrylen = 0;
	carry = NULL;
	carrycap = 0;
	if (pos < 0) {
		/* a pipe: each block starts with the last one's tail */
		carry = buf_get(&p, chunk_bytes + restlen + 1, &carrycap);
		memcpy(carry, rest, restlen);
		carrylen = restlen;
	}
	for (int i = 0; i < n; i++)
		if (pthread_create(&tid[i], NULL, worker, &p) == 0)
			nthreads++;
	for (;;) {
		struct chunk *ch;

		while (!eof && inflight < n + 2) {
			size_t cap = chunk_bytes + carrylen, cut;
			long lines;
			ssize_t k;

			ch = crm_xmalloc(sizeof *ch);
			memset(ch, 0, sizeof *ch);
			if (pos >= 0) {
				/* a file: the worker reads its chunk
				 * itself; here only where it ends */
				bool last;

				k = scan_chunk(fd, pos, chunk_bytes, scan,
				    SCAN_BYTES, &open, &lines, &last);
				if (k == -1) {
					readerr = true;
					k = 0;
					last = true;
				}
				crm_reader_add_bytes(r, (uint64_t)k);
				ch->ranged = true;
				ch->off = pos;
				ch->len = (size_t)k;
				ch->line = line;
				ch->last = last;
				eof = last;
				pos += (off_t)k;
				goto queue;
			} else {
				if (carrycap < cap + 1) {
					carry = crm_xrealloc(carry, cap + 1);
					carrycap = cap + 1;
				}
				ch->buf = carry;
				ch->cap = carrycap;
				carry = NULL;
			}
			k = read_full(fd, ch->buf + carrylen, cap - carrylen, pos);
			if (k == -1) {
				readerr = true;
				k = 0;
			}
			crm_reader_add_bytes(r, (uint64_t)k);
			ch->len = carrylen + (size_t)k;
			ch->line = line;
			if ((size_t)k < cap - carrylen) {
				size_t nq, nl;

				eof = true;
				ch->last = true;
				count_bytes(ch->buf, ch->len, &nq, &nl);
				lines = (long)nl;
				carrylen = 0;
			} else {
				cut = cut_point(ch->buf, ch->len, &open, &lines);
				if (pos >= 0) {
					pos += (off_t)cut;
				} else {
					carrylen = ch->len - cut;
					carry = buf_get(&p, chunk_bytes +
					    carrylen + 1, &carrycap);
					memcpy(carry, ch->buf + cut, carrylen);
				}
				ch->len = cut;
			}
		queue:
			line += lines;
			crm_progress_tick();
			pthread_mutex_lock(&p.mu);
			ch->state = CH_QUEUED;
			if (p.tail != NULL)
				p.tail->next = ch;
			else
				p.head = ch;
			p.tail = ch;
			inflight++;
			pthread_cond_signal(&p.work);
			pthread_mutex_unlock(&p.mu);
			if (nthreads == 0) {	/* no threads: do it here */
				ch->state = CH_RUNNING;
				parse_chunk(&p, ch);
				ch->state = CH_DONE;
			}
		}
		pthread_mutex_lock(&p.mu);
		ch = p.head;
		if (ch == NULL) {
			pthread_mutex_unlock(&p.mu);
			break;
		}
		while (ch->state != CH_DONE)
			pthread_cond_wait(&p.done, &p.mu);
		if (status == 0 && ch->dirty && ch->next == NULL && !eof) {
			pthread_mutex_unlock(&p.mu);
			continue;	/* read the next chunk first */
		}
		if (status == 0 && ch->dirty && ch->next != NULL) {
			/* a cut inside a record: join the next chunk and
			 * parse the two again, here */
			struct chunk *nx = ch->next;

			if (nx->state == CH_QUEUED)
				nx->state = CH_RUNNING;
			else
				while (nx->state != CH_DONE)
					pthread_cond_wait(&p.done, &p.mu);
			ch->next = nx->next;
			if (p.tail == nx)
				p.tail = ch;
			ch->state = CH_RUNNING;	/* no lane may start on it */
			pthread_mutex_unlock(&p.mu);
			if (ch->ranged) {
				ch->len += nx->len;	/* the next bytes */
			} else {
				if (ch->cap < ch->len + nx->len + 1) {
					ch->cap = ch->len + nx->len + 1;
					ch->buf = crm_xrealloc(ch->buf, ch->cap);
				}
				memcpy(ch->buf + ch->len, nx->buf, nx->len);
				ch->len += nx->len;
			}
			ch->last = nx->last;
			chunk_free(&p, nx);
			inflight--;
			parse_chunk(&p, ch);
			pthread_mutex_lock(&p.mu);
			ch->state = CH_DONE;
			pthread_cond_broadcast(&p.done);
			pthread_cond_broadcast(&p.work);
			pthread_mutex_unlock(&p.mu);
			continue;
		}
		/* the lanes, helping while they run */
		while (!lanes_done(&p, ch))
			if (!lane_step(&p))
				pthread_cond_wait(&p.done, &p.mu);
		p.head = ch->next;
		if (p.tail == ch)
			p.tail = NULL;
		pthread_mutex_unlock(&p.mu);
		inflight--;
		if (status == 0 && merge_chunk(&p, ch, c, err) == -1)
			status = -1;
		merged++;
		chunk_free(&p, ch);
		if (status == -1) {
			eof = true;	/* drain the rest, merge nothing */
			pthread_mutex_lock(&p.mu);
			p.draining = true;
			pthread_mutex_unlock(&p.mu);
		}
	}
	pthread_mutex_lock(&p.mu);
	p.quit = true;
	pthread_cond_broadcast(&p.work);
	pthread_mutex_unlock(&p.mu);
	for (int i = 0; i < nthreads; i++)
		pthread_join(tid[i], NULL);
	free(carry);
	free(scan);
	while (p.nspare > 0)
		ops->part_free(ctx, p.spare[--p.nspare]);
	while (p.npool > 0)
		free(p.pool[--p.npool].p);
	free(tid);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.work);
	pthread_cond_destroy(&p.done);
	if (status == 0 && readerr) {
		crm_error_set(err, crm_reader_name(r), line, 0, "read error: %s",
		    strerror(errno));
		status = -1;
	}
	{
		/* CRM_PAR_TRACE=FILE: how the input was cut, for tests */
		const char *t = getenv("CRM_PAR_TRACE");
		FILE *f = t != NULL && *t != '\0' ? fopen(t, "a") : NULL;

		if (f != NULL) {
			fprintf(f, "%s: %ld chunks, %d threads\n",
			    crm_reader_name(r), merged, nthreads);
			fclose(f);
		}
	}
	return status;
}

int
crm_reader_each_par(struct crm_reader *r, const struct crm_input_opts *o,
    const struct crm_par_ops *ops, void *ctx, struct crm_counts *c,
    struct crm_error *err)
{
	return read_parallel(r, o, ops, ctx, jobs, c, err);
}

int
crm_input_each_par(const char *path, const struct crm_input_opts *o,
    const enum crm_field *req, const struct crm_par_ops *ops, void *ctx,
    struct crm_counts *counts, struct crm_error *err)
{
	struct crm_reader *r;
	struct crm_counts c = { 0, 0, 0, 0, 0 };
	int status;

	if ((r = crm_input_open(path, o, req, err)) == NULL)
		return -1;
	crm_progress_start(r);
	if (jobs > 1 && crm_reader_splittable(r)) {
		status = read_parallel(r, o, ops, ctx, jobs, &c, err);
	} else if (ops->part_main != NULL) {
		struct sink sink = { true, o->max_reported, NULL, 0 };

		status = each_record(r, o, ops, ctx, ops->part_main(ctx), &c,
		    &sink, err);
	} else {
		void *part = ops->part_new(ctx);
		struct sink sink = { true, o->max_reported, NULL, 0 };

		status = each_record(r, o, ops, ctx, part, &c, &sink, err);
		for (int l = 0; status == 0 && ops->part_lane != NULL &&
		    l < jobs; l++)
			ops->part_lane(ctx, part, l, jobs);
		if (status == 0)
			status = ops->part_merge_counts != NULL ?
			    ops->part_merge_counts(ctx, part, &c, err) :
			    ops->part_merge(ctx, part, err);
		ops->part_free(ctx, part);
	}
	crm_progress_done();
	if (status == 0 && c.rejected > 0)
		status = 1;
	if (status != -1) {
		if (c.rejected > o->max_reported)
			crm_warnx("%s: %ld more rejected records not shown",
			    crm_reader_name(r), c.rejected - o->max_reported);
		if (c.read == 0)
			crm_warnx("%s: no data records", crm_reader_name(r));
	}
	if (counts != NULL) {
		counts->read += c.read;
		counts->used += c.used;
		counts->merged += c.merged;
		counts->rejected += c.rejected;
		counts->ignored += c.ignored;
	}
	crm_reader_free(r);
	return status;
}

int
crm_input_all_par(const char *const *paths, const struct crm_input_opts *o,
    const enum crm_field *req, const struct crm_par_ops *ops, void *ctx,
    bool *rejects, struct crm_error *err)
{
	for (; paths != NULL && *paths != NULL; paths++) {
		struct crm_counts c = { 0, 0, 0, 0, 0 };
		int rc = crm_input_each_par(*paths, o, req, ops, ctx, &c, err);

		if (rc == -1)
			return -1;
		if (rc == 1 || c.merged > 0) {
			char name[512];

			if (**paths == '@' && o->db != NULL)
				snprintf(name, sizeof name, "%s:%s", o->db, *paths + 1);
			else
				snprintf(name, sizeof name, "%s", *paths);
			crm_counts_report(name, &c);
		}
		if (rc == 1)
			*rejects = true;
	}
	return 0;
}
