/* writer.c - output: CSV (RFC 4180, formula-safe), JSON Lines, or an
 * aligned table for people; or rows kept in memory (a capture table) for
 * a tool that renders another tool's rows. */
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "crm.h"

struct crm_writer {
	FILE *out;			/* borrowed */
	struct crm_writer_opts o;
	size_t ncols;
	char **names;			/* column names */
	enum crm_coltype *types;
	char *buf;			/* CSV: the row being built */
	size_t len, cap;
	char **cells;			/* TABLE: every cell, row-major */
	size_t ncells, cellcap;
	bool header_done;
	struct crm_table *capture;	/* borrowed; not NULL: rows go here */
};

/* What a capture writer fills: the strings live in the arena. */
struct crm_table {
	size_t ncols;
	const char **names;		/* ncols column names */
	enum crm_coltype *types;	/* ncols column types */
	const char **cells;		/* row-major; NULL for an empty cell */
	size_t ncells, cap;
	struct crm_arena *arena;	/* every string above */
};

bool
crm_is_plain_number(const char *s)
{
	const char *p = s;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

bool
crm_cell_is_formula(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	switch (p[0]) {
	case '=': case '+': case '-': case '@':
	case '\t': case '\r': case '\n':
		return !crm_is_plain_number(s);
	case 0xEF:	/* full-width ＝ ＋ － ＠: U+FF1D U+FF0B U+FF0D U+FF20 */
		return (p[1] == 0xBC && (p[2] == 0x9D || p[2] == 0x8B ||
		    p[2] == 0x8D || p[2] == 0xA0));
	default:
		return false;
	}
}

/* Make room for n more bytes in the row buffer. */
static void
reserve(struct crm_writer *w, size_t n)
{
	if (w->len + n > w->cap) {
		while (w->len + n > w->cap)
			w->cap = w->cap ? w->cap * 2 : 4096;
		w->buf = crm_xrealloc(w->buf, w->cap);
	}
}

/* The length of s[0..n)'s first run of bytes that need no quoting in a
 * CSV cell (no comma, quote, CR or LF): 16 bytes a step with SSE2. */
static size_t
plain_run(const char *s, size_t n)
{
	static const unsigned char special[256] = { [','] = 1, ['"'] = 1,
	    ['\n'] = 1, ['\r'] = 1 };
	size_t i = 0;

#ifdef __SSE2__
	const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"'),
	    lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');

	/* the last step overlaps the one before it: no byte-wise tail */
	while (n >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		int m = _mm_movemask_epi8(_mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
		    _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr))));

		if (m != 0)
			return i + (size_t)__builtin_ctz((unsigned)m);
		if (i + 16 >= n)
			return n;
		i = i + 32 <= n ? i + 16 : n - 16;
	}
#endif
	while (i < n && !special[(unsigned char)s[i]])
		i++;
	return i;
}

/* Append s as one CSV cell to the row buffer. */
static void
csv_cell(struct crm_writer *w, const char *s)
{
	/* a leading apostrophe: Excel and WPS show the text as it is */
	bool formula = !w->o.raw && crm_cell_is_formula(s);
	size_t n = strlen(s);
	bool quote = plain_run(s, n) < n;

	if (n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' ||
	    s[n - 1] == '\t'))
		quote = true;		/* keep blanks that readers would trim */
	reserve(w, 2 * n + 4);
	if (quote)
		w->buf[w->len++] = '"';
	if (formula)
		w->buf[w->len++] = '\'';
	if (!quote) {
		memcpy(w->buf + w->len, s, n);
		w->len += n;
		return;
	}
	{
		/* a local cursor: stores through w->buf would make the
		 * compiler reload w->len for every byte */
		char *o = w->buf + w->len;
		const char *end = s + n, *q;

		/* the runs between quotes at once; each quote doubled */
		while ((q = memchr(s, '"', (size_t)(end - s))) != NULL) {
			memcpy(o, s, (size_t)(q + 1 - s));
			o += q + 1 - s;
			*o++ = '"';
			s = q + 1;
		}
		memcpy(o, s, (size_t)(end - s));
		o += end - s;
		*o++ = '"';
		w->len = (size_t)(o - w->buf);
	}
}

static int
csv_row(struct crm_writer *w, const char *const *vals)
{
	w->len = 0;
	for (size_t i = 0; i < w->ncols; i++) {
		reserve(w, 1);
		if (i > 0)
			w->buf[w->len++] = ',';
		if (vals[i] != NULL)
			csv_cell(w, vals[i]);
	}
	reserve(w, 1);
	w->buf[w->len++] = '\n';
	return fwrite(w->buf, 1, w->len, w->out) == w->len ? 0 : -1;
}

/* A JSON string: the input is valid UTF-8 (the reader checked it), so
 * only quotes, backslashes and control characters need escaping. */
static int
json_str(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (fputc('"', out) == EOF)
		return -1;
	for (; *p; p++) {
		int rc;

		if (*p == '"' || *p == '\\')
			rc = fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			rc = fputs("\\n", out);
		else if (*p == '\r')
			rc = fputs("\\r", out);
		else if (*p == '\t')
			rc = fputs("\\t", out);
		else if (*p < 0x20 || *p == 0x7f)
			rc = fprintf(out, "\\u%04x", *p);
		else
			rc = fputc(*p, out);
		if (rc < 0)
			return -1;
	}
	return fputc('"', out) == EOF ? -1 : 0;
}

/* Whether a plain number is also a JSON number (no leading zeros). */
static bool
json_number(const char *s)
{
	const char *d = *s == '-' ? s + 1 : s;

	return crm_is_plain_number(s) && !(d[0] == '0' && d[1] >= '0' && d[1] <= '9');
}

static int
json_row(struct crm_writer *w, const char *const *vals)
{
	size_t i;

	if (fputc('{', w->out) == EOF)
		return -1;
	for (i = 0; i < w->ncols; i++) {
		const char *v = vals[i];

		if ((i > 0 && fputc(',', w->out) == EOF) ||
		    json_str(w->out, w->names[i]) == -1 ||
		    fputc(':', w->out) == EOF)
			return -1;
		if (v == NULL || (*v == '\0' && w->types[i] != CRM_COL_STR)) {
			if (fputs("null", w->out) == EOF)
				return -1;
		} else if (w->types[i] != CRM_COL_STR && json_number(v)) {
			if (fputs(v, w->out) == EOF)
				return -1;
		} else if (json_str(w->out, v) == -1) {
			return -1;
		}
	}
	return fputs("}\n", w->out) == EOF ? -1 : 0;
}

static void
table_keep(struct crm_writer *w, const char *const *vals)
{
	size_t i;

	if (w->ncells + w->ncols > w->cellcap) {
		w->cellcap = (w->cellcap + w->ncols) * 2;
		w->cells = crm_xrealloc(w->cells, w->cellcap * sizeof *w->cells);
	}
	for (i = 0; i < w->ncols; i++)
		w->cells[w->ncells++] = crm_xstrdup(vals[i] ? vals[i] : "");
}

static int
table_print(struct crm_writer *w)
{
	size_t *width = crm_xmalloc(w->ncols * sizeof *width);
	size_t i, r, rows = w->ncells / w->ncols;
	int rc = 0;

	for (i = 0; i < w->ncols; i++)
		width[i] = 0;
	for (r = 0; r < rows; r++)
		for (i = 0; i < w->ncols; i++) {
			size_t cw = crm_utf8_width(w->cells[r * w->ncols + i]);

			if (cw > width[i])
				width[i] = cw;
		}
	for (r = 0; r < rows && rc == 0; r++) {
		for (i = 0; i < w->ncols; i++) {
			const char *c = w->cells[r * w->ncols + i];
			size_t pad = width[i] - crm_utf8_width(c);
			bool right = r > 0 && w->types[i] != CRM_COL_STR;
			bool last = i + 1 == w->ncols;

			if (right)
				fprintf(w->out, "%*s", (int)pad, "");
			fputs(c, w->out);
			if (!right && !last)
				fprintf(w->out, "%*s", (int)pad, "");
			if (!last)
				fputs("  ", w->out);
		}
		if (fputc('\n', w->out) == EOF)
			rc = -1;
	}
	free(width);
	return rc;
}

struct crm_table *
crm_table_new(void)
{
	struct crm_table *t = crm_xmalloc(sizeof *t);

	memset(t, 0, sizeof *t);
	t->arena = crm_arena_new();
	return t;
}

void
crm_table_free(struct crm_table *t)
{
	if (t == NULL)
		return;
	free(t->names);
	free(t->types);
	free(t->cells);
	crm_arena_free(t->arena);
	free(t);
}

/* Empty t and give it these columns (copied): a writer starts on it. */
static void
table_reset(struct crm_table *t, const char *const *names,
    const enum crm_coltype *types, size_t ncols)
{
	crm_arena_free(t->arena);
	t->arena = crm_arena_new();
	free(t->names);
	free(t->types);
	t->ncols = ncols;
	t->names = crm_xmalloc((ncols + 1) * sizeof *t->names);
	t->types = crm_xmalloc((ncols + 1) * sizeof *t->types);
	for (size_t i = 0; i < ncols; i++) {
		t->names[i] = crm_arena_strndup(t->arena, names[i],
		    strlen(names[i]));
		t->types[i] = types ? types[i] : CRM_COL_STR;
	}
	t->ncells = 0;
}

/* Append one row of t->ncols values, copied. */
static void
table_add(struct crm_table *t, const char *const *vals)
{
	if (t->ncells + t->ncols > t->cap) {
		t->cap = (t->cap + t->ncols) * 2;
		t->cells = crm_xrealloc(t->cells, t->cap * sizeof *t->cells);
	}
	for (size_t i = 0; i < t->ncols; i++)
		t->cells[t->ncells++] = vals[i] == NULL ? NULL :
		    crm_arena_strndup(t->arena, vals[i], strlen(vals[i]));
}

size_t
crm_table_ncols(const struct crm_table *t)
{
	return t->ncols;
}

size_t
crm_table_nrows(const struct crm_table *t)
{
	return t->ncols == 0 ? 0 : t->ncells / t->ncols;
}

const char *
crm_table_name(const struct crm_table *t, size_t col)
{
	return t->names[col];
}

enum crm_coltype
crm_table_type(const struct crm_table *t, size_t col)
{
	return t->types[col];
}

long
crm_table_col(const struct crm_table *t, const char *name)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (strcmp(t->names[i], name) == 0)
			return (long)i;
	return -1;
}

const char *
crm_table_cell(const struct crm_table *t, size_t row, size_t col)
{
	const char *c = t->cells[row * t->ncols + col];

	return c ? c : "";
}

bool
crm_table_null(const struct crm_table *t, size_t row, size_t col)
{
	return t->cells[row * t->ncols + col] == NULL;
}

struct crm_writer *
crm_writer_new(FILE *out, const struct crm_writer_opts *o,
    const char *const *names, const enum crm_coltype *types, size_t ncols)
{
	struct crm_writer *w = crm_xmalloc(sizeof *w);
	size_t i;

	memset(w, 0, sizeof *w);
	w->out = out;
	w->o = o ? *o : (struct crm_writer_opts)CRM_WRITER_OPTS_INIT;
	w->ncols = ncols;
	w->names = crm_xmalloc(ncols * sizeof *w->names);
	w->types = crm_xmalloc(ncols * sizeof *w->types);
	for (i = 0; i < ncols; i++) {
		w->names[i] = crm_xstrdup(names[i]);
		w->types[i] = types ? types[i] : CRM_COL_STR;
	}
	if ((w->capture = w->o.capture) != NULL)
		table_reset(w->capture, names, types, ncols);
	return w;
}

void
crm_writer_headless(struct crm_writer *w)
{
	w->header_done = true;
}

int
crm_writer_header(struct crm_writer *w)
{
	if (w->header_done || w->capture != NULL)
		return 0;
	w->header_done = true;
	if (w->o.format == CRM_FMT_TABLE)
		table_keep(w, (const char *const *)w->names);
	else if (w->o.format != CRM_FMT_JSONL) {
		if (w->o.bom && fputs("\xEF\xBB\xBF", w->out) == EOF)
			return -1;
		if (csv_row(w, (const char *const *)w->names) == -1)
			return -1;
	}
	return 0;
}

int
crm_writer_row(struct crm_writer *w, const char *const *vals)
{
	if (w->capture != NULL) {
		table_add(w->capture, vals);
		return 0;
	}
	if (!w->header_done && crm_writer_header(w) == -1)
		return -1;
	switch (w->o.format) {
	case CRM_FMT_JSONL:
		return json_row(w, vals);
	case CRM_FMT_TABLE:
		table_keep(w, vals);
		return 0;
	default:
		return csv_row(w, vals);
	}
}

int
crm_writer_close(struct crm_writer *w)
{
	size_t i;
	int rc = 0;

	if (w == NULL)
		return 0;
	/* no rows: the header alone, so the output still has its shape (a
	 * capture table has its columns already) */
	if (crm_writer_header(w) == -1)
		rc = -1;
	if (w->capture == NULL && w->o.format == CRM_FMT_TABLE && w->ncols > 0 &&
	    table_print(w) == -1)
		rc = -1;
	if (w->capture == NULL && fflush(w->out) == EOF)
		rc = -1;
	for (i = 0; i < w->ncells; i++)
		free(w->cells[i]);
	free(w->cells);
	free(w->buf);
	for (i = 0; i < w->ncols; i++)
		free(w->names[i]);
	free(w->names);
	free(w->types);
	free(w);
	return rc;
}
