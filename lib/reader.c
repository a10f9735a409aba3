/* reader.c - the streaming record reader: CSV through libcsv, JSON Lines
 * through jansson, one physical line at a time.
 *
 * Every line is checked as UTF-8 (NUL bytes included) before it is parsed.
 * A line with no quote and no CR, outside a quoted field, is split here
 * directly (the fast path: libcsv would only split it at the delimiter and
 * trim spaces and tabs, which t/fuzz/fuzz_csv.c checks against libcsv);
 * any other line goes to libcsv, fed exactly that line, so the parser's
 * line count is ours.  libcsv is called as RELIABILITY.md says: strict,
 * strict fini, a 64 KiB block size, a capped realloc, csv_parse's return
 * checked after every call, and a fresh parser after any error.
 *
 * The input buffer keeps every byte of the record being read, so after a
 * quoted field that never closes properly the reader rejects only the line
 * where it opened and parses the following lines again. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>
#include <iconv.h>
#include <jansson.h>

#include "crm.h"

#define CHUNK (64 * 1024)
#define RAWCAP (16 * 1024)		/* source bytes transcoded per step */
static const char *const enc_names[] = { "auto", "UTF-8", "GB18030", "UTF-16" };
#define BAD_BYTE 0xFF			/* marks an untranscodable byte */
#define CSV_ROW_NOT_BEGUN 0		/* libcsv.c's parser state between rows */

struct crm_reader {
	char name[256];			/* for diagnostics */
	int fd;				/* -1 for a memory buffer */
	const char *mem;		/* the memory buffer, when fd is -1 */
	size_t memlen, mempos;
	int rfd;			/* a range of this file, when not -1:
					   bytes [foff, foff + memlen) */
	off_t foff;
	const char *data;		/* bytes [0, end) of the window (= own) */
	char *own;			/* the window: UTF-8 */
	size_t cap;			/* size of own */
	enum crm_encoding enc;		/* of the source */
	bool enc_guessed;		/* chosen by --encoding auto */
	iconv_t cd;			/* source -> UTF-8, or (iconv_t)-1 */
	char *raw;			/* source bytes not yet transcoded */
	size_t rawlen;
	bool raw_eof;			/* the source has no more bytes */
	uint64_t hash;			/* of the source bytes, when o.hash */
	uint64_t nread;			/* source bytes read so far */
	crm_rows_fn rows;		/* a row source instead of bytes */
	void (*rows_done)(void *);
	void *rows_ctx;
	const char **rvals;		/* its values and lengths */
	size_t *rlens;
	size_t pos;			/* start of the next line */
	size_t end;			/* end of valid bytes */
	size_t scan;			/* where the newline search resumes */
	bool eof;			/* no more bytes beyond end */
	long line;			/* physical line number at pos */
	bool dirty;			/* the end of input came inside a
					   record, or after a line with no
					   newline (a chunk cut badly) */
	struct crm_reader_opts o;	/* limits filled in */
	enum crm_format fmt;		/* CSV or JSONL */

	long header_line;		/* where the CSV header was */
	char **colname;			/* header names, ncols of them */
	size_t ncols, colcap;
	int canon[CRM_F_COUNT];		/* column of each field, or -1 */

	unsigned char stop[256];	/* the fast path stops at these bytes:
					   the delimiter, quote, CR and NUL */

	/* the record being assembled */
	char *arena;			/* field bytes, each NUL-terminated */
	size_t alen, acap;
	size_t *off, *flen;		/* per field: offset in arena, length */
	const char **fptr;		/* per field: pointer, filled at the end */
	size_t nf, fcap;
	bool overflow;			/* a limit was hit while assembling */
	char overflow_msg[128];

	/* libcsv */
	struct csv_parser csv;
	bool in_record;			/* libcsv holds part of a record */
	long rec_line;			/* line where that record started */
	size_t rec_off;			/* its first byte in data */
	bool qopen;			/* a quoted field is open after the
					   last line fed (quote parity) */
	int completed;			/* records ended during one csv_parse */
	int term;			/* the character that ended the last */

	/* JSON Lines */
	json_t **jval;			/* per column: this record's value */
	size_t jcap;
};

/* The cap on libcsv's field buffer.  One value per process, as every
 * reader of a run uses the same limit. */
static _Thread_local size_t field_cap = CRM_DEFAULT_MAX_FIELD_BYTES;

static void *
capped_realloc(void *p, size_t n)
{
	if (n > field_cap + 1)
		return NULL;		/* libcsv turns this into CSV_ENOMEM */
	return realloc(p, n);
}

static int
csv_start(struct crm_reader *r)
{
	if (csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return -1;
	csv_set_delim(&r->csv, (unsigned char)(r->o.delimiter ?
	    r->o.delimiter : ','));
	csv_set_blk_size(&r->csv, CHUNK);
	csv_set_realloc_func(&r->csv, capped_realloc);
	r->in_record = false;
	return 0;
}

/* A fresh parser after an error: libcsv has no reset, and csv_fini after
 * an error would emit the partial row. */
static void
csv_restart(struct crm_reader *r)
{
	csv_free(&r->csv);
	csv_start(r);
}

/* ---- the record arena ---- */

static void
rec_clear(struct crm_reader *r)
{
	r->alen = 0;
	r->nf = 0;
	r->overflow = false;
}

static void
grow_fields(struct crm_reader *r)
{
	r->fcap = r->fcap ? r->fcap * 2 : 32;
	r->off = crm_xrealloc(r->off, r->fcap * sizeof *r->off);
	r->flen = crm_xrealloc(r->flen, r->fcap * sizeof *r->flen);
	r->fptr = crm_xrealloc(r->fptr, r->fcap * sizeof *r->fptr);
}

static void
rec_add(struct crm_reader *r, const char *s, size_t n)
{
	if (r->overflow)
		return;
	if (r->nf >= r->o.max_columns) {
		r->overflow = true;
		snprintf(r->overflow_msg, sizeof r->overflow_msg,
		    "more than %zu fields (--max-columns)", r->o.max_columns);
		return;
	}
	if (n > r->o.max_field_bytes) {
		r->overflow = true;
		snprintf(r->overflow_msg, sizeof r->overflow_msg,
		    "field %zu is longer than %zu bytes (--max-field-bytes)",
		    r->nf + 1, r->o.max_field_bytes);
		return;
	}
	if (r->alen + n + 1 > r->o.max_record_bytes) {
		r->overflow = true;
		snprintf(r->overflow_msg, sizeof r->overflow_msg,
		    "record is longer than %zu bytes (--max-record-bytes)",
		    r->o.max_record_bytes);
		return;
	}
	if (r->nf == r->fcap)
		grow_fields(r);
	if (r->alen + n + 1 > r->acap) {
		while (r->alen + n + 1 > r->acap)
			r->acap = r->acap ? r->acap * 2 : 4096;
		r->arena = crm_xrealloc(r->arena, r->acap);
	}
	memcpy(r->arena + r->alen, s, n);
	r->arena[r->alen + n] = '\0';
	r->off[r->nf] = r->alen;
	r->flen[r->nf] = n;
	r->nf++;
	r->alen += n + 1;
}

static void
rec_finish(struct crm_reader *r, struct crm_record *rec, long line)
{
	size_t i;

	for (i = 0; i < r->nf; i++)
		r->fptr[i] = r->arena + r->off[i];
	rec->line = line;
	rec->nfields = r->nf;
	rec->field = r->fptr;
	rec->len = r->flen;
}

static void
cb_field(void *s, size_t n, void *ctx)
{
	struct crm_reader *r = ctx;

	if (r->completed == 0)
		rec_add(r, s ? s : "", n);
}

static void
cb_record(int c, void *ctx)
{
	struct crm_reader *r = ctx;

	r->completed++;
	r->term = c;
}

/* ---- the input window ---- */

/* Fold n bytes into a 64-bit hash, eight at a time (a multiply-xorshift
 * mix: not cryptographic, but enough to know a file seen before). */
static uint64_t
hash_bytes(uint64_t h, const char *p, size_t n)
{
	const uint64_t k = 0x9E3779B97F4A7C15ULL;

	while (n >= 8) {
		uint64_t w;

		memcpy(&w, p, 8);
		h = (h ^ w) * k;
		h ^= h >> 29;
		p += 8;
		n -= 8;
	}
	while (n-- > 0) {
		h = (h ^ (unsigned char)*p++) * k;
		h ^= h >> 29;
	}
	return h;
}

/* Read up to n source bytes into buf: from the descriptor or the memory
 * buffer.  Returns the count, 0 at the end, -1 on a read error. */
static ssize_t
source_read(struct crm_reader *r, char *buf, size_t n)
{
	ssize_t k;

	if (r->rfd != -1) {
		if (n > r->memlen - r->mempos)
			n = r->memlen - r->mempos;
		do
			k = n == 0 ? 0 : pread(r->rfd, buf, n,
			    r->foff + (off_t)r->mempos);
		while (k == -1 && errno == EINTR);
		if (k > 0)
			r->mempos += (size_t)k;
		return k;
	}
	if (r->fd == -1) {
		k = (ssize_t)(r->memlen - r->mempos < n ? r->memlen - r->mempos : n);
		memcpy(buf, r->mem + r->mempos, (size_t)k);
		r->mempos += (size_t)k;
		r->nread += (uint64_t)k;
		if (k > 0 && r->o.hash)
			r->hash = hash_bytes(r->hash, buf, (size_t)k);
		return k;
	}
	do
		k = read(r->fd, buf, n);
	while (k == -1 && errno == EINTR);
	if (k > 0)
		r->nread += (uint64_t)k;
	if (k > 0 && r->o.hash)
		r->hash = hash_bytes(r->hash, buf, (size_t)k);
	return k;
}

/* Transcode source bytes into the window's free space (fill() made room).
 * A byte sequence the source encoding does not allow becomes BAD_BYTE,
 * which no UTF-8 text contains, so the line check reports it at its line
 * and column; in GB18030 the CP936 euro sign 0x80 is taken as U+20AC.
 * Returns 1 when bytes were added, 0 at the end, -1 on a read error, -2
 * when the window has no room left. */
static int
transcode(struct crm_reader *r)
{
	size_t unit = r->enc == CRM_ENC_UTF16 ? 2 : 1;

	for (;;) {
		char *in = r->raw, *out = r->own + r->end;
		size_t inleft = r->rawlen, outleft = r->cap - r->end;
		size_t before = r->end;

		if (r->rawlen < RAWCAP / 2 && !r->raw_eof) {
			ssize_t k = source_read(r, r->raw + r->rawlen,
			    (r->o.read_size < RAWCAP - r->rawlen ?
			    r->o.read_size : RAWCAP - r->rawlen));

			if (k == -1)
				return -1;
			if (k == 0)
				r->raw_eof = true;
			r->rawlen += (size_t)k;
			inleft = r->rawlen;
		}
		while (inleft > 0 && outleft >= 4) {
			if (iconv(r->cd, &in, &inleft, &out, &outleft) != (size_t)-1)
				break;
			if (errno == E2BIG)
				break;
			if (errno == EINVAL && !r->raw_eof)
				break;		/* a sequence cut by the read */
			/* EILSEQ, or EINVAL at the end of the source */
			if (r->enc == CRM_ENC_GB18030 && (unsigned char)*in == 0x80) {
				memcpy(out, "\xE2\x82\xAC", 3);
				out += 3, outleft -= 3;
			} else {
				*out++ = (char)BAD_BYTE;
				outleft--;
			}
			in += inleft < unit ? inleft : unit;
			inleft -= inleft < unit ? inleft : unit;
		}
		memmove(r->raw, in, inleft);
		r->rawlen = inleft;
		r->end = (size_t)(out - r->own);
		r->data = r->own;
		if (r->end > before)
			return 1;
		if (r->raw_eof && r->rawlen == 0) {
			r->eof = true;
			return 0;
		}
		if (outleft < 4)
			return -2;	/* no room: the window is at its limit */
	}
}

/* Read more bytes, keeping everything from keep on.  Returns 1 when bytes
 * were added, 0 at end of input, -1 on a read error, -2 when the window
 * cannot grow (a record longer than the limit). */
static int
fill(struct crm_reader *r, size_t keep)
{
	ssize_t n;

	if (r->eof)
		return 0;
	if (keep > 0) {
		memmove(r->own, r->own + keep, r->end - keep);
		r->end -= keep;
		r->pos -= keep;
		r->scan -= keep;
		if (r->in_record)
			r->rec_off -= keep;
	}
	if (r->cap - r->end < CHUNK) {
		/* grow up to the record limit (never shrink: the first
		 * window may already be larger than a small limit) */
		size_t limit = r->o.max_record_bytes + 2 * CHUNK;

		if (limit < r->cap)
			limit = r->cap;
		if (r->cap < limit) {
			r->cap = r->cap * 2 > limit ? limit : r->cap * 2;
			r->own = crm_xrealloc(r->own, r->cap);
			r->data = r->own;
		} else if (r->end == r->cap) {
			return -2;
		}
	}
	if (r->cd != (iconv_t)-1)
		return transcode(r);
	n = source_read(r, r->own + r->end, r->o.read_size < r->cap - r->end ?
	    r->o.read_size : r->cap - r->end);
	if (n == -1)
		return -1;
	if (n == 0) {
		r->eof = true;
		return 0;
	}
	r->end += (size_t)n;
	r->data = r->own;
	return 1;
}

/* Find the next physical line.  Sets *len to its length including the
 * newline (if any).  Returns 1, 0 at end of input, -1 on a read error with
 * *err set, -2 when the line or record is too long for the window. */
static int
next_line(struct crm_reader *r, size_t *len, struct crm_error *err)
{
	for (;;) {
		const char *nl = memchr(r->data + r->scan, '\n', r->end - r->scan);
		int rc;

		if (nl != NULL) {
			*len = (size_t)(nl - (r->data + r->pos)) + 1;
			r->scan = r->pos + *len;
			return 1;
		}
		r->scan = r->end;
		rc = fill(r, r->in_record ? r->rec_off : r->pos);
		if (rc == -1) {
			crm_error_set(err, r->name, r->line, 0, "read error: %s",
			    strerror(errno));
			return -1;
		}
		if (rc == -2)
			return -2;
		if (rc == 0) {
			if (r->pos == r->end)
				return 0;
			*len = r->end - r->pos;
			r->scan = r->end;
			r->dirty = true;
			return 1;
		}
	}
}

/* Drop input from pos to the end of the current record: quote parity
 * starts as open and flips on every '"', and the record ends at the first
 * newline outside quotes.  Stops early, returning 1, when the record has
 * run over --max-quoted-lines lines since line first (then it was most
 * likely a quote that never closed).  Returns 0, or -1 on a read error. */
static int
skip_record(struct crm_reader *r, bool open, long first, struct crm_error *err)
{
	for (;;) {
		int rc;

		while (r->pos < r->end) {
			char c = r->data[r->pos++];

			if (c == '"')
				open = !open;
			else if (c == '\n') {
				r->line++;
				if (!open) {
					r->scan = r->pos;
					return 0;
				}
				if (r->line - first > r->o.max_quoted_lines) {
					r->scan = r->pos;
					return 1;
				}
			}
		}
		r->scan = r->pos;
		rc = fill(r, r->pos);
		if (rc == -1) {
			crm_error_set(err, r->name, r->line, 0, "read error: %s",
			    strerror(errno));
			return -1;
		}
		if (rc == 0) {
			r->dirty = true;
			return 0;
		}
	}
}

/* Drop the rest of an overlong JSON line, up to and including its newline. */
static int
skip_line(struct crm_reader *r, struct crm_error *err)
{
	for (;;) {
		const char *nl = memchr(r->data + r->pos, '\n', r->end - r->pos);
		int rc;

		if (nl != NULL) {
			r->pos = (size_t)(nl - r->data) + 1;
			r->scan = r->pos;
			r->line++;
			return 0;
		}
		r->pos = r->scan = r->end;
		rc = fill(r, r->pos);
		if (rc == -1) {
			crm_error_set(err, r->name, r->line, 0, "read error: %s",
			    strerror(errno));
			return -1;
		}
		if (rc == 0) {
			r->line++;
			return 0;
		}
	}
}

static void
take_line(struct crm_reader *r, size_t len)
{
	if (len > 0 && r->data[r->pos + len - 1] == '\n')
		r->line++;
	r->pos += len;
	r->scan = r->pos;
}

/* Whether a line is blank: only spaces, tabs and line ends, none of them
 * the delimiter (a tab-separated line of tabs is a record of empty fields). */
static bool
is_blank(const char *s, size_t n, char delim)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((s[i] != ' ' && s[i] != '\t' && s[i] != '\n' &&
		    s[i] != '\r') || s[i] == delim)
			return false;
	return true;
}

/* The record that began at r->rec_line was a quoted field that never
 * closed properly.  Reject that line alone and parse again from the next. */
static void
resync_after_open_quote(struct crm_reader *r)
{
	const char *nl = memchr(r->data + r->rec_off, '\n', r->end - r->rec_off);

	r->pos = nl ? (size_t)(nl - r->data) + 1 : r->end;
	r->scan = r->pos;
	r->line = r->rec_line + 1;
	csv_restart(r);
}

/* Whether a quoted field is still open after line p[0..n), given the
 * state before it: in RFC 4180 CSV every quote flips it (a doubled quote
 * flips it twice). */
static bool
quote_parity(bool open, const char *p, size_t n)
{
	const char *e = p + n;

	while ((p = memchr(p, '"', (size_t)(e - p))) != NULL) {
		open = !open;
		p++;
	}
	return open;
}

/* The record starting at r->rec_line broke a limit on the line at pos
 * (len bytes, or 0 when it did not fit the window); err says which.  Skip
 * to the record's real end, so no line inside its quotes is read as a
 * record, and reject it whole.  Returns CRM_READ_REJECT or _FATAL. */
static enum crm_read_status
reject_whole_record(struct crm_reader *r, size_t len, struct crm_error *err)
{
	long first = r->in_record ? r->rec_line : r->line;
	bool open = r->in_record ? r->qopen : false;
	int rc;

	if (len > 0) {
		open = quote_parity(open, r->data + r->pos, len);
		take_line(r, len);
		rc = open ? skip_record(r, true, first, err) : 0;
	} else {
		rc = skip_record(r, open, first, err);
	}
	if (rc == -1)
		return CRM_READ_FATAL;
	if (r->line - 1 > first)
		snprintf(err->msg + strlen(err->msg),
		    sizeof err->msg - strlen(err->msg),
		    "; the record on lines %ld-%ld is rejected%s", first,
		    r->line - 1, rc == 1 ? " (its quote never closed)" : "");
	err->line = first;
	err->col = 0;
	csv_restart(r);
	return CRM_READ_REJECT;
}

static const char bad_utf8_hint[] =
    "(a GB18030/GBK export? give --encoding gb18030)";

/* Validate a line; on failure fill *err and return -1. */
static int
check_line(struct crm_reader *r, const char *p, size_t len,
    struct crm_error *err)
{
	size_t bad = crm_utf8_check(p, len);

	if (bad == len)
		return 0;
	if (p[bad] == '\0')
		crm_error_set(err, r->name, r->line,
		    (long)crm_utf8_chars(p, bad) + 1, "NUL byte in input");
	else if (r->cd != (iconv_t)-1 && (unsigned char)p[bad] == BAD_BYTE)
		crm_error_set(err, r->name, r->line,
		    (long)crm_utf8_chars(p, bad) + 1,
		    "byte sequence not valid in %s%s", enc_names[r->enc],
		    r->enc_guessed ? " (guessed from the start of the input; "
		    "give --encoding)" : "");
	else
		crm_error_set(err, r->name, r->line,
		    (long)crm_utf8_chars(p, bad) + 1,
		    "invalid UTF-8 byte 0x%02X %s", (unsigned char)p[bad],
		    bad_utf8_hint);
	return -1;
}

/* Whether c is a blank that libcsv trims around fields: a space or a tab,
 * unless it is the delimiter. */
static inline bool
is_trim(char c, char delim)
{
	return (c == ' ' || c == '\t') && c != delim;
}

/* Split a line that holds no CR and whose quotes, if any, are simple: a
 * quote opens a field (after optional blanks), quotes inside it are
 * doubled, and it closes on this line before optional blanks and the
 * delimiter or the line end.  The line is copied into the arena once and
 * cut in place; blanks around unquoted fields are trimmed and blanks
 * around quotes dropped, as libcsv does.  Returns -1 (nothing kept) when
 * the line is not that simple: libcsv then parses it and says what is
 * wrong; -2 when the line is longer than the record limit.  t/fuzz/fuzz_csv.c holds this to libcsv's answer. */
static int
fast_split(struct crm_reader *r, const char *p, size_t n)
{
	char *a, *q, *e;
	char delim = r->o.delimiter;

	rec_clear(r);
	if (n > r->o.max_record_bytes)
		return -2;	/* the caller rejects it, whatever it quotes */
	if (n + 1 > r->acap) {
		while (n + 1 > r->acap)
			r->acap = r->acap ? r->acap * 2 : 4096;
		r->arena = crm_xrealloc(r->arena, r->acap);
	}
	a = r->arena;
	memcpy(a, p, n);
	a[n] = '\0';
	r->alen = n + 1;
	q = a;
	e = a + n;
	for (;;) {
		char *fs, *fe, *d;

		while (q < e && is_trim(*q, delim))
			q++;
		if (q < e && *q == '"') {
			/* a quoted field: unescape "" in place */
			char *w = q + 1, *s = q + 1;

			fs = w;
			for (;;) {
				char *qq = memchr(s, '"', (size_t)(e - s));

				if (qq == NULL)
					goto not_simple; /* closes later */
				memmove(w, s, (size_t)(qq - s));
				w += qq - s;
				if (qq + 1 < e && qq[1] == '"') {
					*w++ = '"';
					s = qq + 2;
					continue;
				}
				s = qq + 1;
				break;
			}
			fe = w;
			while (s < e && is_trim(*s, delim))
				s++;
			if (s < e && *s != delim)
				goto not_simple;	/* text after the quote */
			d = s < e ? s : NULL;
		} else {
			/* one pass to the delimiter, a quote or a CR (the
			 * line is NUL-terminated in the arena) */
			fs = q;
			fe = q;
			while (!r->stop[(unsigned char)*fe])
				fe++;
			if (*fe == '"' || *fe == '\r')
				goto not_simple;	/* a quote inside a field */
			d = fe < e ? fe : NULL;
			while (fe > fs && is_trim(fe[-1], delim))
				fe--;
		}
		*fe = '\0';
		if (r->nf >= r->o.max_columns) {
			r->overflow = true;
			snprintf(r->overflow_msg, sizeof r->overflow_msg,
			    "more than %zu fields (--max-columns)",
			    r->o.max_columns);
			return 0;
		}
		if ((size_t)(fe - fs) > r->o.max_field_bytes) {
			r->overflow = true;
			snprintf(r->overflow_msg, sizeof r->overflow_msg,
			    "field %zu is longer than %zu bytes (--max-field-bytes)",
			    r->nf + 1, r->o.max_field_bytes);
			return 0;
		}
		if (r->nf == r->fcap)
			grow_fields(r);
		r->off[r->nf] = (size_t)(fs - a);
		r->flen[r->nf] = (size_t)(fe - fs);
		r->nf++;
		if (d == NULL)
			break;
		q = d + 1;
	}
	return 0;
not_simple:
	rec_clear(r);
	return -1;
}

/* Read one CSV record (header or data) into the arena.  Returns CRM_READ_*. */
static enum crm_read_status
csv_next(struct crm_reader *r, struct crm_record *rec, struct crm_error *err)
{
	for (;;) {
		size_t len, n;
		const char *p;
		int rc = next_line(r, &len, err);

		if (rc == -1)
			return CRM_READ_FATAL;
		if (rc == -2) {
			crm_error_set(err, r->name, 0, 0,
			    "record is longer than %zu bytes (--max-record-bytes)",
			    r->o.max_record_bytes);
			return reject_whole_record(r, 0, err);
		}
		if (rc == 0) {
			if (!r->in_record)
				return CRM_READ_EOF;
			r->dirty = true;
			/* end of input inside a record: only an open quote
			 * can leave libcsv there in strict mode */
			r->completed = 0;
			if (csv_fini(&r->csv, cb_field, cb_record, r) != 0 ||
			    r->completed == 0) {
				crm_error_set(err, r->name, r->rec_line, 0,
				    "quoted field starting on this line is never closed");
				resync_after_open_quote(r);
				return CRM_READ_REJECT;
			}
			r->in_record = false;
			goto complete;
		}
		p = r->data + r->pos;
		if (check_line(r, p, len, err) == -1) {
			long start = r->in_record ? r->rec_line : r->line;

			take_line(r, len);
			if (r->in_record) {
				csv_restart(r);
				if (start < err->line)
					snprintf(err->msg + strlen(err->msg),
					    sizeof err->msg - strlen(err->msg),
					    " (in the record starting at line %ld)",
					    start);
			}
			return CRM_READ_REJECT;
		}
		if (!r->in_record) {
			size_t body = len;

			if (body > 0 && p[body - 1] == '\n')
				body--;
			if ((body == 0 || p[0] == ' ' || p[0] == '\t' ||
			    p[0] == '\r') && is_blank(p, body, r->o.delimiter)) {
				take_line(r, len);
				continue;
			}
			rec_clear(r);
			if (!r->o.no_fastpath && (rc = fast_split(r, p,
			    body - (body > 0 && p[body - 1] == '\r'))) != -1) {
				long line = r->line;

				if (rc == -2) {
					crm_error_set(err, r->name, 0, 0,
					    "record is longer than %zu bytes "
					    "(--max-record-bytes)",
					    r->o.max_record_bytes);
					return reject_whole_record(r, len, err);
				}

				take_line(r, len);
				if (r->overflow) {
					crm_error_set(err, r->name, line, 0, "%s",
					    r->overflow_msg);
					return CRM_READ_REJECT;
				}
				rec_finish(r, rec, line);
				return CRM_READ_OK;
			}
			r->in_record = true;
			r->qopen = false;
			r->rec_line = r->line;
			r->rec_off = r->pos;
		} else if (r->line - r->rec_line >= r->o.max_quoted_lines) {
			crm_error_set(err, r->name, r->rec_line, 0,
			    "quoted field starting on this line runs over %ld lines "
			    "(--max-quoted-lines)", r->o.max_quoted_lines);
			resync_after_open_quote(r);
			return CRM_READ_REJECT;
		}

		if (r->pos + len - r->rec_off > r->o.max_record_bytes + 1) {
			crm_error_set(err, r->name, 0, 0,
			    "record is longer than %zu bytes (--max-record-bytes)",
			    r->o.max_record_bytes);
			return reject_whole_record(r, len, err);
		}
		r->completed = 0;
		n = csv_parse(&r->csv, p, len, cb_field, cb_record, r);
		if (n != len && csv_error(&r->csv) == CSV_ENOMEM) {
			crm_error_set(err, r->name, 0, 0,
			    "field is longer than %zu bytes (--max-field-bytes)",
			    r->o.max_field_bytes);
			return reject_whole_record(r, len, err);
		}
		if (n != len || r->completed > 1 ||
		    (r->completed == 1 && r->csv.pstate != CSV_ROW_NOT_BEGUN) ||
		    (r->completed == 1 && r->term == '\r' &&
		    !(len >= 2 && p[len - 2] == '\r' && p[len - 1] == '\n') &&
		    !(len >= 1 && p[len - 1] == '\r' && r->pos + len == r->end &&
		    r->eof))) {
			long start = r->rec_line, line = r->line;

			if (n != len)
				crm_error_set(err, r->name, line,
				    (long)crm_utf8_chars(p, n) + 1,
				    "malformed CSV: a quote must open a field and be "
				    "followed by a delimiter or line end when it closes");
			else
				crm_error_set(err, r->name, line, 0,
				    "carriage return inside a line (a lone CR splits "
				    "records; convert the line endings)");
			if (start < line && n != len) {
				/* most likely a quote opened at start and
				 * never closed: reject that line, retry the rest */
				snprintf(err->msg + strlen(err->msg),
				    sizeof err->msg - strlen(err->msg),
				    " (the quoted field opened on line %ld seems "
				    "unclosed; that line is rejected)", start);
				err->line = start;
				err->col = 0;
				resync_after_open_quote(r);
				return CRM_READ_REJECT;
			}
			take_line(r, len);
			csv_restart(r);
			return CRM_READ_REJECT;
		}
		r->qopen = quote_parity(r->qopen, p, len);
		take_line(r, len);
		if (r->completed == 0)
			continue;		/* inside a quoted field */
		r->in_record = false;
	complete:
		if (r->overflow) {
			crm_error_set(err, r->name, r->rec_line, 0, "%s",
			    r->overflow_msg);
			return CRM_READ_REJECT;
		}
		rec_finish(r, rec, r->rec_line);
		return CRM_READ_OK;
	}
}

/* ---- JSON Lines ---- */

static long
add_column(struct crm_reader *r, const char *name, struct crm_error *err,
    long line)
{
	enum crm_field f = crm_field_lookup(name);
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->colname[i], name) == 0) {
			crm_error_set(err, r->name, line, 0,
			    "duplicate column '%s'", name);
			return -1;
		}
	if (f != CRM_F_NONE && r->canon[f] != -1) {
		crm_error_set(err, r->name, line, 0,
		    "columns '%s' and '%s' both mean %s",
		    r->colname[r->canon[f]], name, crm_field_name(f));
		return -1;
	}
	if (r->ncols >= r->o.max_columns) {
		crm_error_set(err, r->name, line, 0,
		    "more than %zu columns (--max-columns)", r->o.max_columns);
		return -1;
	}
	for (const char *c = name; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f) {
			crm_error_set(err, r->name, line, 0,
			    "control character in column name '%s'", name);
			return -1;
		}
	if (r->ncols == r->colcap) {
		r->colcap = r->colcap ? r->colcap * 2 : 16;
		r->colname = crm_xrealloc(r->colname, r->colcap * sizeof *r->colname);
	}
	r->colname[r->ncols] = crm_xstrdup(name);
	if (f != CRM_F_NONE)
		r->canon[f] = (int)r->ncols;
	return (long)r->ncols++;
}

static long
json_col(struct crm_reader *r, const char *key, struct crm_error *err,
    long line)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->colname[i], key) == 0)
			return (long)i;
	return add_column(r, key, err, line);
}

/* A JSON value as the text of a field; NULL for null.  num is scratch. */
static const char *
json_text(json_t *v, char *num, size_t numlen, size_t *n)
{
	switch (json_typeof(v)) {
	case JSON_STRING:
		*n = json_string_length(v);
		return json_string_value(v);
	case JSON_INTEGER:
		*n = (size_t)snprintf(num, numlen, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		return num;
	case JSON_REAL:
		*n = (size_t)snprintf(num, numlen, "%.15g", json_real_value(v));
		if (strtod(num, NULL) != json_real_value(v))
			*n = (size_t)snprintf(num, numlen, "%.17g",
			    json_real_value(v));
		return num;
	case JSON_TRUE:
		*n = 4;
		return "true";
	case JSON_FALSE:
		*n = 5;
		return "false";
	default:
		*n = 0;
		return NULL;
	}
}

static enum crm_read_status
jsonl_next(struct crm_reader *r, struct crm_record *rec, struct crm_error *err)
{
	for (;;) {
		size_t len, body, i;
		long line;
		const char *p, *key;
		json_error_t jerr;
		json_t *obj, *v;
		int rc = next_line(r, &len, err);

		if (rc == -1)
			return CRM_READ_FATAL;
		if (rc == -2) {
			crm_error_set(err, r->name, r->line, 0,
			    "line is longer than %zu bytes (--max-record-bytes)",
			    r->o.max_record_bytes);
			if (skip_line(r, err) == -1)
				return CRM_READ_FATAL;
			return CRM_READ_REJECT;
		}
		if (rc == 0)
			return CRM_READ_EOF;
		p = r->data + r->pos;
		line = r->line;
		body = len;
		if (body > 0 && p[body - 1] == '\n')
			body--;
		if (body > 0 && p[body - 1] == '\r')
			body--;
		if (check_line(r, p, body, err) == -1) {
			take_line(r, len);
			return CRM_READ_REJECT;
		}
		take_line(r, len);
		if (is_blank(p, body, '\0'))
			continue;
		obj = json_loadb(p, body, JSON_REJECT_DUPLICATES, &jerr);
		if (obj == NULL) {
			crm_error_set(err, r->name, line, jerr.column, "%s",
			    jerr.text);
			return CRM_READ_REJECT;
		}
		if (!json_is_object(obj)) {
			json_decref(obj);
			crm_error_set(err, r->name, line, 1,
			    "expected a JSON object, one per line");
			return CRM_READ_REJECT;
		}
		/* give every key a column, and check the values */
		json_object_foreach(obj, key, v) {
			if (json_col(r, key, err, line) == -1)
				goto reject;
			if (json_is_object(v) || json_is_array(v)) {
				crm_error_set(err, r->name, line, 0,
				    "field '%s': nested objects and arrays are "
				    "not supported", key);
				goto reject;
			}
		}
		if (r->jcap < r->ncols) {
			r->jcap = r->ncols * 2;
			r->jval = crm_xrealloc(r->jval, r->jcap * sizeof *r->jval);
		}
		for (i = 0; i < r->ncols; i++)
			r->jval[i] = NULL;
		json_object_foreach(obj, key, v)
			r->jval[json_col(r, key, err, line)] = v;
		rec_clear(r);
		for (i = 0; i < r->ncols; i++) {
			char num[64];
			size_t n = 0;
			const char *s = r->jval[i] ?
			    json_text(r->jval[i], num, sizeof num, &n) : NULL;

			rec_add(r, s ? s : "", n);
		}
		if (r->overflow) {
			crm_error_set(err, r->name, line, 0, "%s", r->overflow_msg);
			goto reject;
		}
		rec_finish(r, rec, line);
		for (i = 0; i < r->ncols; i++)
			if (r->jval[i] == NULL || json_is_null(r->jval[i]))
				r->fptr[i] = NULL;
		json_decref(obj);
		return CRM_READ_OK;
	reject:
		json_decref(obj);
		return CRM_READ_REJECT;
	}
}

/* ---- opening ---- */

static struct crm_reader *
reader_new(const char *name, const struct crm_reader_opts *opts)
{
	struct crm_reader *r = crm_xmalloc(sizeof *r);
	size_t i;

	memset(r, 0, sizeof *r);
	snprintf(r->name, sizeof r->name, "%s", name);
	r->fd = -1;
	r->rfd = -1;
	r->cd = (iconv_t)-1;
	r->line = 1;
	r->o = opts ? *opts : (struct crm_reader_opts)CRM_READER_OPTS_INIT;
	if (r->o.max_field_bytes == 0)
		r->o.max_field_bytes = CRM_DEFAULT_MAX_FIELD_BYTES;
	if (r->o.max_record_bytes == 0)
		r->o.max_record_bytes = CRM_DEFAULT_MAX_RECORD_BYTES;
	if (r->o.max_columns == 0)
		r->o.max_columns = CRM_DEFAULT_MAX_COLUMNS;
	if (r->o.read_size == 0)
		r->o.read_size = CHUNK;
	if (r->o.max_quoted_lines == 0)
		r->o.max_quoted_lines = CRM_DEFAULT_MAX_QUOTED_LINES;
	field_cap = r->o.max_field_bytes;
	for (i = 0; i < CRM_F_COUNT; i++)
		r->canon[i] = -1;
	csv_start(r);
	return r;
}

/* Whether buf[0..n) decodes as GB18030 without an invalid sequence (a
 * sequence cut at the end is fine: the sniffed chunk may cut one). */
static bool
clean_gb18030(const char *buf, size_t n)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	char out[4096];
	char *in = (char *)buf;
	size_t inleft = n;
	bool ok = true;

	if (cd == (iconv_t)-1)
		return false;
	while (inleft > 0) {
		char *o = out;
		size_t oleft = sizeof out;

		if (iconv(cd, &in, &inleft, &o, &oleft) != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		ok = errno == EINVAL;
		break;
	}
	iconv_close(cd);
	return ok;
}

/* Read the first chunk and settle the source encoding: a BOM says UTF-8
 * or UTF-16; else --encoding; else (auto) strict UTF-8 when the chunk is
 * valid UTF-8, GB18030 when it decodes cleanly as that, and UTF-8 again
 * otherwise (each bad line is then reported with a hint).  A transcoded
 * source moves into r->raw and comes through transcode(). */
static int
detect_encoding(struct crm_reader *r, struct crm_error *err)
{
	const unsigned char *b;
	size_t skip = 0, n;
	const char *from = NULL;

	while (r->end < CHUNK && !r->eof) {
		ssize_t k = source_read(r, r->own + r->end,
		    r->o.read_size < CHUNK - r->end ? r->o.read_size : CHUNK - r->end);

		if (k == -1) {
			crm_error_set(err, r->name, 0, 0, "read error: %s",
			    strerror(errno));
			return -1;
		}
		if (k == 0)
			r->eof = true;
		r->end += (size_t)k;
	}
	b = (const unsigned char *)r->own;
	n = r->end;
	r->enc = r->o.encoding;
	if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0) {
		r->enc = CRM_ENC_UTF8;
		skip = 3;
	} else if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
		r->enc = CRM_ENC_UTF16;
		from = "UTF-16LE";
		skip = 2;
	} else if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
		r->enc = CRM_ENC_UTF16;
		from = "UTF-16BE";
		skip = 2;
	} else if (r->enc == CRM_ENC_AUTO) {
		size_t bad = crm_utf8_check(r->own, n);

		/* a NUL byte is no vote for another encoding (each one is
		 * reported at its line): look past it */
		while (bad < n && b[bad] == 0)
			bad += 1 + crm_utf8_check(r->own + bad + 1, n - bad - 1);
		r->enc_guessed = true;
		/* a multibyte sequence cut by the chunk's end is not bad */
		r->enc = bad == n || (!r->eof && n - bad < 4 && b[bad] >= 0xC2) ?
		    CRM_ENC_UTF8 : clean_gb18030(r->own, n) ? CRM_ENC_GB18030 :
		    CRM_ENC_UTF8;
	}
	if (r->enc == CRM_ENC_GB18030)
		from = "GB18030";
	else if (r->enc == CRM_ENC_UTF16 && from == NULL)
		from = "UTF-16LE";	/* Excel's "Unicode text", without BOM */
	if (from == NULL) {
		r->pos = skip;
		r->scan = r->pos;
		return 0;
	}
	r->cd = iconv_open("UTF-8", from);
	if (r->cd == (iconv_t)-1) {
		crm_error_set(err, r->name, 0, 0, "cannot convert from %s: %s",
		    from, strerror(errno));
		return -1;
	}
	/* the chunk becomes source bytes; the window refills through iconv */
	r->raw = crm_xmalloc(RAWCAP + CHUNK);
	memcpy(r->raw, r->own + skip, n - skip);
	r->rawlen = n - skip;
	r->raw_eof = r->eof;
	r->eof = false;
	r->end = r->pos = r->scan = 0;
	return 0;
}

/* The header line is at pos (blank lines skipped).  An Excel "sep=X"
 * line is honoured only when --delimiter gave the same X (never guessed
 * silently); otherwise, with no --delimiter, the header's delimiter is a
 * tab when it has more tabs than commas outside quotes, else a comma. */
static int
detect_delimiter(struct crm_reader *r, struct crm_error *err)
{
	size_t i, len, commas = 0, tabs = 0;
	bool q = false;
	const char *p;

	for (;;) {
		int rc = next_line(r, &len, err);

		if (rc == -1)
			return -1;
		if (rc != 1)
			break;		/* empty or huge: csv_next says so */
		p = r->data + r->pos;
		if (!is_blank(p, len, '\0')) {
			if (len >= 5 && strncmp(p, "sep=", 4) == 0 &&
			    p[4] != '\n' && p[4] != '\r') {
				if (r->o.delimiter != p[4]) {
					crm_error_set(err, r->name, r->line, 0,
					    "a 'sep=%c' line: give --delimiter '%c' "
					    "to read this file", p[4], p[4]);
					return -1;
				}
				take_line(r, len);
				continue;
			}
			break;
		}
		take_line(r, len);
	}
	r->scan = r->pos;
	if (r->o.delimiter == '\0') {
		p = r->data + r->pos;
		len = 0;
		while (r->pos + len < r->end && p[len] != '\n')
			len++;
		for (i = 0; i < len; i++) {
			if (p[i] == '"')
				q = !q;
			else if (!q && p[i] == ',')
				commas++;
			else if (!q && p[i] == '\t')
				tabs++;
		}
		r->o.delimiter = tabs > commas ? '\t' : ',';
	}
	csv_set_delim(&r->csv, (unsigned char)r->o.delimiter);
	memset(r->stop, 0, sizeof r->stop);
	r->stop[(unsigned char)r->o.delimiter] = 1;
	r->stop['"'] = r->stop['\r'] = r->stop[0] = 1;
	return 0;
}

/* Look at the start of the input: BOM, UTF-16, format, header. */
static int
reader_start(struct crm_reader *r, struct crm_error *err)
{
	struct crm_record hdr;
	enum crm_read_status st;
	size_t i;

	if (detect_encoding(r, err) == -1)
		return -1;
	r->scan = r->pos;
	if (r->o.format == CRM_FMT_AUTO) {
		size_t k = 0;		/* offset from pos */
		char c;

		for (;;) {
			while (r->pos + k < r->end && ((c = r->data[r->pos + k]) ==
			    ' ' || c == '\t' || c == '\r' || c == '\n'))
				k++;
			if (r->pos + k < r->end || r->eof)
				break;
			/* all blank so far: drop it (counting lines), read on */
			for (size_t j = 0; j < k; j++)
				if (r->data[r->pos + j] == '\n')
					r->line++;
			r->pos += k;
			r->scan = r->pos;
			k = 0;
			if (fill(r, r->pos) == -1) {
				crm_error_set(err, r->name, 0, 0,
				    "read error: %s", strerror(errno));
				return -1;
			}
		}
		c = r->pos + k < r->end ? r->data[r->pos + k] : '\0';
		r->fmt = c == '{' ? CRM_FMT_JSONL : CRM_FMT_CSV;
		if (c == '[') {
			crm_error_set(err, r->name, 1, 0,
			    "a JSON array; give one JSON object per line "
			    "(JSON Lines), e.g. jq -c '.[]'");
			return -1;
		}
	} else {
		r->fmt = r->o.format;
	}
	if (r->fmt == CRM_FMT_JSONL)
		return 0;

	if (detect_delimiter(r, err) == -1)
		return -1;
	st = csv_next(r, &hdr, err);
	if (st == CRM_READ_EOF) {
		crm_error_set(err, r->name, 0, 0, "no header (empty input)");
		return -1;
	}
	if (st != CRM_READ_OK) {
		snprintf(err->msg + strlen(err->msg),
		    sizeof err->msg - strlen(err->msg), " (in the header)");
		return -1;
	}
	r->header_line = hdr.line;
	for (i = 0; i < hdr.nfields; i++)
		if (add_column(r, hdr.field[i], err, hdr.line) == -1)
			return -1;
	return 0;
}

/* Give r its window and read the start of the input. */
static struct crm_reader *
reader_open(struct crm_reader *r, struct crm_error *err)
{
	r->cap = 4 * CHUNK;
	r->own = crm_xmalloc(r->cap);
	r->data = r->own;
	if (reader_start(r, err) == -1) {
		crm_reader_free(r);
		return NULL;
	}
	return r;
}

struct crm_reader *
crm_reader_open_fd(const char *name, int fd, const struct crm_reader_opts *opts,
    struct crm_error *err)
{
	struct crm_reader *r = reader_new(name, opts);

	r->fd = fd;
	return reader_open(r, err);
}

struct crm_reader *
crm_reader_open(const char *path, const struct crm_reader_opts *opts,
    struct crm_error *err)
{
	int fd;

	if (strcmp(path, "-") == 0)
		return crm_reader_open_fd("<stdin>", 0, opts, err);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1) {
		crm_error_set(err, path, 0, 0, "%s", strerror(errno));
		return NULL;
	}
	return crm_reader_open_fd(path, fd, opts, err);
}

struct crm_reader *
crm_reader_open_rows(const char *name, const char *const *cols, size_t ncols,
    crm_rows_fn next, void (*done)(void *), void *ctx, struct crm_error *err)
{
	struct crm_reader *r = reader_new(name, NULL);

	r->rows = next;
	r->rows_done = done;
	r->rows_ctx = ctx;
	r->fmt = CRM_FMT_CSV;
	r->line = 0;		/* row numbers count from 1 */
	r->o.max_record_bytes = SIZE_MAX / 2;
	r->o.max_field_bytes = SIZE_MAX / 2;
	for (size_t i = 0; i < ncols; i++)
		if (add_column(r, cols[i], err, 0) == -1) {
			crm_reader_free(r);
			return NULL;
		}
	r->rvals = crm_xmalloc((ncols + 1) * sizeof *r->rvals);
	r->rlens = crm_xmalloc((ncols + 1) * sizeof *r->rlens);
	return r;
}

int
crm_reader_remap(struct crm_reader *r, const char *col, enum crm_field f)
{
	for (size_t i = 0; i < r->ncols; i++) {
		if (strcmp(r->colname[i], col) != 0)
			continue;
		for (int g = 0; g < CRM_F_COUNT; g++)
			if (r->canon[g] == (int)i)
				r->canon[g] = -1;
		if (f != CRM_F_NONE)
			r->canon[f] = (int)i;
		return 0;
	}
	return -1;
}

uint64_t
crm_hash_file(const char *path)
{
	char *buf = crm_xmalloc(CHUNK);
	uint64_t h = 0;
	ssize_t n = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd != -1) {
		while ((n = read(fd, buf, CHUNK)) > 0)
			h = hash_bytes(h, buf, (size_t)n);
		close(fd);
	}
	free(buf);
	return fd == -1 || n == -1 ? 0 : h;
}

uint64_t
crm_reader_hash(const struct crm_reader *r)
{
	return r->hash;
}

struct crm_reader *
crm_reader_open_mem(const char *name, const char *buf, size_t len,
    const struct crm_reader_opts *opts, struct crm_error *err)
{
	struct crm_reader *r = reader_new(name, opts);

	r->mem = buf;
	r->memlen = len;
	return reader_open(r, err);
}

void
crm_reader_free(struct crm_reader *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (r->fd > 0)
		close(r->fd);
	csv_free(&r->csv);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	if (r->rows_done != NULL)
		r->rows_done(r->rows_ctx);
	free(r->rvals);
	free(r->rlens);
	free(r->raw);
	for (i = 0; i < r->ncols; i++)
		free(r->colname[i]);
	free(r->colname);
	free(r->jval);
	free(r->own);
	free(r->arena);
	free(r->off);
	free(r->flen);
	free(r->fptr);
	free(r);
}

enum crm_read_status
crm_reader_next(struct crm_reader *r, struct crm_record *rec,
    struct crm_error *err)
{
	enum crm_read_status st;

	if (r->rows != NULL) {
		int rc = r->rows(r->rows_ctx, r->rvals, r->rlens, err);

		if (rc == -1)
			return CRM_READ_FATAL;
		if (rc == 0)
			return CRM_READ_EOF;
		rec_clear(r);
		for (size_t i = 0; i < r->ncols; i++)
			rec_add(r, r->rvals[i] ? r->rvals[i] : "", r->rlens[i]);
		rec_finish(r, rec, ++r->line);
		for (size_t i = 0; i < r->ncols; i++)
			if (r->rvals[i] == NULL)
				r->fptr[i] = NULL;
		return CRM_READ_OK;
	}
	if (r->fmt == CRM_FMT_JSONL)
		return jsonl_next(r, rec, err);
	st = csv_next(r, rec, err);
	if (st == CRM_READ_OK && rec->nfields != r->ncols) {
		crm_error_set(err, r->name, rec->line, 0,
		    "expected %zu fields as in the header, found %zu",
		    r->ncols, rec->nfields);
		return CRM_READ_REJECT;
	}
	return st;
}

/* The size of the file open on fd, or 0 when it is not a regular file. */
static uint64_t
file_size(int fd)
{
	struct stat st;

	return fd != -1 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ?
	    (uint64_t)st.st_size : 0;
}

uint64_t
crm_reader_bytes(const struct crm_reader *r, uint64_t *total)
{
	if (total != NULL)
		*total = r->fd != -1 ? file_size(r->fd) :
		    r->rows == NULL ? r->memlen : 0;
	return r->nread;
}

uint64_t
crm_reader_reach(const struct crm_reader *r, uint64_t *total)
{
	*total = file_size(r->rfd != -1 ? r->rfd : r->fd);
	return r->rfd != -1 ? (uint64_t)r->foff + r->memlen : r->nread;
}

const char *
crm_reader_encoding(const struct crm_reader *r, bool *guessed)
{
	if (guessed != NULL)
		*guessed = r->enc_guessed;
	return enc_names[r->enc == CRM_ENC_AUTO ? CRM_ENC_UTF8 : r->enc];
}

char
crm_reader_delimiter(const struct crm_reader *r)
{
	return r->o.delimiter;
}

const char *
crm_reader_name(const struct crm_reader *r)
{
	return r->name;
}

enum crm_format
crm_reader_format(const struct crm_reader *r)
{
	return r->fmt;
}

int
crm_reader_col(const struct crm_reader *r, enum crm_field f)
{
	return f >= 0 && f < CRM_F_COUNT ? r->canon[f] : -1;
}

size_t
crm_reader_ncols(const struct crm_reader *r)
{
	return r->ncols;
}

const char *
crm_reader_colname(const struct crm_reader *r, size_t i)
{
	return i < r->ncols ? r->colname[i] : NULL;
}

const int *
crm_reader_cols(const struct crm_reader *r)
{
	return r->canon;
}

const char *
crm_record_get(const struct crm_reader *r, const struct crm_record *rec,
    enum crm_field f)
{
	size_t len;

	return crm_record_get_len(r, rec, f, &len);
}

const char *
crm_record_get_len(const struct crm_reader *r, const struct crm_record *rec,
    enum crm_field f, size_t *len)
{
	return crm_record_at(rec, crm_reader_col(r, f), len);
}

int
crm_reader_require(const struct crm_reader *r, const enum crm_field *req,
    struct crm_error *err)
{
	char seen[256];
	size_t i, o = 0;

	if (r->fmt == CRM_FMT_JSONL || req == NULL)
		return 0;
	for (; *req != CRM_F_NONE; req++) {
		if (r->canon[*req] != -1)
			continue;
		seen[0] = '\0';
		for (i = 0; i < r->ncols && o < sizeof seen - 1; i++)
			o += (size_t)snprintf(seen + o, sizeof seen - o, "%s%s",
			    i ? "," : "", r->colname[i]);
		crm_error_set(err, r->name, r->header_line, 0,
		    "missing column '%s' (columns seen: %s)",
		    crm_field_name(*req), seen);
		return -1;
	}
	return 0;
}

/* ---- chunks of one input, for parallel reading (parallel.c) ---- */

bool
crm_reader_splittable(const struct crm_reader *r)
{
	return r->rows == NULL && r->fd != -1 && r->fmt == CRM_FMT_CSV &&
	    r->cd == (iconv_t)-1 && !r->in_record && !r->eof;
}

const char *
crm_reader_rest(struct crm_reader *r, size_t *len, long *line, int *fd)
{
	const char *p = r->data + r->pos;

	*len = r->end - r->pos;
	*line = r->line;
	*fd = r->fd;
	r->pos = r->scan = r->end;
	return p;
}

/* A reader of a part of proto's input that starts on line, at a record
 * boundary: proto's header, delimiter and limits, no header line read. */
static struct crm_reader *
chunk_reader(const struct crm_reader *proto, long line)
{
	struct crm_reader *r = reader_new(proto->name, &proto->o);
	struct crm_error err = CRM_ERROR_INIT;

	r->line = line;
	r->fmt = CRM_FMT_CSV;
	r->enc = proto->enc;
	r->enc_guessed = proto->enc_guessed;
	r->header_line = proto->header_line;
	memcpy(r->stop, proto->stop, sizeof r->stop);
	csv_set_delim(&r->csv, (unsigned char)r->o.delimiter);
	for (size_t i = 0; i < proto->ncols; i++)
		(void)add_column(r, proto->colname[i], &err, 0);
	memcpy(r->canon, proto->canon, sizeof r->canon);
	return r;
}

struct crm_reader *
crm_reader_open_chunk(const struct crm_reader *proto, const char *buf,
    size_t len, long line)
{
	struct crm_reader *r = chunk_reader(proto, line);

	/* the chunk is the window itself: no copy, nothing more to read */
	r->data = buf;
	r->end = len;
	r->eof = true;
	return r;
}

struct crm_reader *
crm_reader_open_range(const struct crm_reader *proto, int fd, off_t off,
    size_t len, long line)
{
	struct crm_reader *r = chunk_reader(proto, line);

	/* read as proto reads its file: a small window, so the bytes are
	 * parsed while still in cache */
	r->rfd = fd;
	r->foff = off;
	r->memlen = len;
	r->cap = 4 * CHUNK;
	r->own = crm_xmalloc(r->cap);
	r->data = r->own;
	return r;
}

void
crm_reader_add_bytes(struct crm_reader *r, uint64_t n)
{
	r->nread += n;
}

bool
crm_reader_dirty(const struct crm_reader *r)
{
	return r->dirty || r->in_record;
}
