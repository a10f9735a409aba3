/* report.c - crm-report: the list of sections, the blocks they are built
 * of (tables, charts, headlines), the formatting the renderers share, and
 * writing the result whole or not at all; see report.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"
#include "score.h"

/* The sections in report order.  To add one, write its builder (see
 * report.h) and add its line here: the renderers need no change.  The
 * sheet name must be unique, at most 31 characters, ASCII letters and
 * digits (XLSX chart formulas refer to it unquoted). */
static const struct section_def {
	const char *id;			/* HTML anchor */
	const char *sheet;		/* XLSX sheet */
	const char *title;		/* heading */
	crm_section_fn build;
} sections[] = {
	{ "health", "Health", "管理健康度 Health self-test",
	    crm_report_health },
	{ "freshness", "Freshness", "客户信息新鲜度 Freshness",
	    crm_report_freshness },
	{ "top10", "Top10", "本周动作价值 Top 10 Weekly Top 10",
	    crm_report_top },
	{ "clcc", "CLCC", "客户生命周期成本 CLCC", crm_report_clcc },
	{ "hotlist", "Hotlist", "决策热力图 Decision heat map",
	    crm_report_hotlist },
	{ "rules", "Rules", "流程违规与升级 Rule violations and escalations",
	    crm_report_rules },
	{ "tasks", "Tasks", "任务闭环 Task closure by manager",
	    crm_report_tasks },
	{ "board", "Board", "片区健康度看板 Area board", crm_report_board },
	{ "latency", "Latency", "录入及时性 Update latency",
	    crm_report_latency },
	{ "churn", "Churn", "客户流失 Churn by month", crm_report_churn },
	{ "intent", "Intent", "样品意向 Sample intent", crm_report_intent },
};
#define NSECTIONS (sizeof sections / sizeof sections[0])

/* ------------------------------------------------------------------ */
/* Blocks */

struct crm_rtable *
crm_report_table(struct crm_rsection *s, const char *title, size_t ncols)
{
	struct crm_rtable *t = crm_xmalloc(sizeof *t);

	memset(t, 0, sizeof *t);
	t->title = title ? crm_xstrdup(title) : NULL;
	t->ncols = ncols;
	t->heads = crm_xmalloc((ncols + 1) * sizeof *t->heads);
	t->kinds = crm_xmalloc((ncols + 1) * sizeof *t->kinds);
	t->flags = crm_xmalloc((ncols + 1) * sizeof *t->flags);
	for (size_t i = 0; i < ncols; i++) {
		t->heads[i] = crm_xstrdup("");
		t->kinds[i] = CRM_RK_TEXT;
		t->flags[i] = 0;
	}
	s->tables = crm_xrealloc(s->tables, (s->ntables + 1) * sizeof *s->tables);
	s->tables[s->ntables++] = t;
	return t;
}

void
crm_rtable_col(struct crm_rtable *t, size_t col, const char *head,
    enum crm_rkind kind, unsigned flags)
{
	free(t->heads[col]);
	t->heads[col] = crm_xstrdup(head);
	t->kinds[col] = kind;
	t->flags[col] = flags;
}

void
crm_rtable_row(struct crm_rtable *t, const char *const *vals)
{
	if ((t->nrows + 1) * t->ncols > t->cap) {
		t->cap = (t->cap + t->ncols) * 2;
		t->cells = crm_xrealloc(t->cells, t->cap * sizeof *t->cells);
	}
	for (size_t i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] =
		    crm_xstrdup(vals[i] ? vals[i] : "");
	t->nrows++;
}

const char *
crm_rtable_cell(const struct crm_rtable *t, size_t row, size_t col)
{
	return t->cells[row * t->ncols + col];
}

/* Free t and everything it holds. */
static void
rtable_free(struct crm_rtable *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	for (size_t i = 0; i < t->ncols; i++)
		free(t->heads[i]);
	free(t->cells);
	free(t->heads);
	free(t->kinds);
	free(t->flags);
	free(t->title);
	free(t);
}

void
crm_report_chart(struct crm_rsection *s, enum crm_rchart_kind kind,
    const char *title, size_t table, size_t cat, size_t first, size_t last)
{
	struct crm_rchart *c;

	s->charts = crm_xrealloc(s->charts, (s->ncharts + 1) * sizeof *s->charts);
	c = &s->charts[s->ncharts++];
	c->kind = kind;
	c->title = crm_xstrdup(title);
	c->table = table;
	c->cat = cat;
	c->first = first;
	c->last = last;
}

void
crm_report_headline(struct crm_report *r, const struct crm_rsection *s,
    const char *label, const char *value, enum crm_rkind kind,
    const char *note)
{
	struct crm_rheadline *h;

	r->head = crm_xrealloc(r->head, (r->nhead + 1) * sizeof *r->head);
	h = &r->head[r->nhead++];
	h->label = crm_xstrdup(label);
	h->value = crm_xstrdup(value ? value : "");
	h->kind = kind;
	h->note = crm_xstrdup(note ? note : "");
	h->section = s->id;
}

bool
crm_report_has(const struct crm_report_opts *o, enum crm_kind k)
{
	struct crm_error err = CRM_ERROR_INIT;
	struct crm_reader *rd = crm_store_reader(o->db, k, &err);
	struct crm_record rec;
	enum crm_read_status st;

	if (rd == NULL)
		return true;
	st = crm_reader_next(rd, &rec, &err);
	crm_reader_free(rd);
	return st != CRM_READ_EOF;
}

void
crm_report_note(struct crm_rsection *s, const char *fmt, ...)
{
	char buf[1024];
	size_t old = s->note ? strlen(s->note) : 0;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	s->note = crm_xrealloc(s->note, old + strlen(buf) + 2);
	if (old > 0)
		s->note[old++] = ' ';
	strcpy(s->note + old, buf);
}

/* ------------------------------------------------------------------ */
/* Formatting */

char *
crm_decimal_shift(const char *s, int places, char *buf, size_t len)
{
	char digits[128];
	size_t nd = 0, nint = 0, o = 0;
	long point;
	bool neg = *s == '-', zero = true;
	const char *p = neg ? s + 1 : s;

	if (!crm_is_plain_number(s))
		return NULL;
	for (; *p; p++) {
		if (*p == '.') {
			nint = nd;
			continue;
		}
		if (nd + 1 >= sizeof digits)
			return NULL;
		zero &= *p == '0';
		digits[nd++] = *p;
	}
	if (strchr(s, '.') == NULL)
		nint = nd;
	point = (long)nint + places;	/* digits before the new point */
	if (len < nd + (size_t)labs(places) + 4)
		return NULL;
	if (neg && !zero)
		buf[o++] = '-';
	if (point <= 0) {
		buf[o++] = '0';
		if (nd > 0)
			buf[o++] = '.';
		for (long i = point; i < 0; i++)
			buf[o++] = '0';
		memcpy(buf + o, digits, nd);
		o += nd;
	} else {
		/* integer digits, without leading zeros (one is kept) */
		size_t i = 0;

		while ((long)i < point - 1 && i < nd && digits[i] == '0')
			i++;
		for (; (long)i < point; i++)
			buf[o++] = i < nd ? digits[i] : '0';
		if ((long)nd > point) {
			buf[o++] = '.';
			memcpy(buf + o, digits + point, nd - (size_t)point);
			o += nd - (size_t)point;
		}
	}
	buf[o] = '\0';
	return buf;
}

/* s grouped by thousands: "-1234567.50" -> "-1,234,567.50". */
static void
group_thousands(const char *s, char *buf, size_t len)
{
	const char *d = *s == '-' ? s + 1 : s;
	size_t nint = strcspn(d, "."), o = 0;

	if (*s == '-' && o + 1 < len)
		buf[o++] = '-';
	for (size_t i = 0; i < nint && o + 2 < len; i++) {
		if (i > 0 && (nint - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = d[i];
	}
	snprintf(buf + o, len - o, "%s", d + nint);
}

const char *
crm_report_display(enum crm_rkind k, const char *cell, char *buf, size_t len)
{
	char shifted[128];

	if (*cell == '\0' || !crm_is_plain_number(cell))
		return cell;
	switch (k) {
	case CRM_RK_MONEY:
		group_thousands(cell, buf, len);
		return buf;
	case CRM_RK_PCT:
		snprintf(buf, len, "%s%%", cell);
		return buf;
	case CRM_RK_RATE:
		if (crm_decimal_shift(cell, 2, shifted, sizeof shifted) == NULL)
			return cell;
		/* a change rate says which way: +12.70%, -5.30% */
		snprintf(buf, len, "%s%s%%", *shifted != '-' &&
		    strspn(shifted, "0.") != strlen(shifted) ? "+" : "", shifted);
		return buf;
	default:
		return cell;
	}
}

/* ------------------------------------------------------------------ */
/* Building */

int
crm_report_format_parse(const char *s)
{
	if (strcmp(s, "html") == 0)
		return CRM_REPORT_HTML;
	if (strcmp(s, "xlsx") == 0)
		return CRM_REPORT_XLSX;
	if (strcmp(s, "md") == 0)
		return CRM_REPORT_MD;
	return -1;
}

int
crm_report_format_of(const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot = strrchr(base ? base + 1 : path, '.');

	if (dot == NULL)
		return -1;
	if (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0)
		return CRM_REPORT_HTML;
	if (strcasecmp(dot, ".xlsx") == 0)
		return CRM_REPORT_XLSX;
	if (strcasecmp(dot, ".md") == 0)
		return CRM_REPORT_MD;
	return -1;
}

void
crm_report_free(struct crm_report *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nsec; i++) {
		struct crm_rsection *s = &r->sec[i];

		for (size_t k = 0; k < s->ntables; k++)
			rtable_free(s->tables[k]);
		for (size_t k = 0; k < s->ncharts; k++)
			free(s->charts[k].title);
		free(s->tables);
		free(s->charts);
		free(s->note);
	}
	for (size_t i = 0; i < r->nhead; i++) {
		free(r->head[i].label);
		free(r->head[i].value);
		free(r->head[i].note);
	}
	free(r->head);
	free(r->sec);
	free(r);
}

int
crm_report_build(const struct crm_report_opts *o, struct crm_report **out,
    struct crm_error *err)
{
	struct crm_report *r = crm_xmalloc(sizeof *r);
	struct crm_store *s;
	const char *base = strrchr(o->db, '/');
	int rc;

	*out = NULL;
	memset(r, 0, sizeof *r);
	/* one clear message when the store is missing or not a store, before
	 * any section reads it */
	if ((rc = crm_store_open(o->db, false, &s, err)) != CRM_EXIT_OK) {
		free(r);
		return rc;
	}
	crm_store_close(s);
	r->as_of = o->as_of;
	r->week = o->week;
	crm_week_format(o->week, r->week_label);
	crm_date_format(o->as_of, r->as_of_label);
	snprintf(r->store, sizeof r->store, "%s", base ? base + 1 : o->db);
	r->sec = crm_xmalloc(NSECTIONS * sizeof *r->sec);
	memset(r->sec, 0, NSECTIONS * sizeof *r->sec);
	for (size_t i = 0; i < NSECTIONS; i++) {
		struct crm_rsection *sec = &r->sec[r->nsec++];

		sec->id = sections[i].id;
		sec->sheet = sections[i].sheet;
		sec->title = sections[i].title;
		if ((rc = sections[i].build(o, r, sec, err)) != CRM_EXIT_OK) {
			crm_report_free(r);
			return rc;
		}
	}
	*out = r;
	return CRM_EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* Writing */

/* Render r as f (HTML or Markdown) to fp; -1 on a write error. */
static int
render_text(const struct crm_report *r, enum crm_report_format f, FILE *fp)
{
	int rc = f == CRM_REPORT_MD ? crm_report_md(r, fp) :
	    crm_report_html(r, fp);

	if (fflush(fp) == EOF)
		rc = -1;
	return rc;
}

/* Copy the file at path to out; -1 on an error (errno set). */
static int
copy_file(const char *path, FILE *out)
{
	FILE *in = fopen(path, "rb");
	char buf[65536];
	size_t n;
	int rc = 0;

	if (in == NULL)
		return -1;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n) {
			rc = -1;
			break;
		}
	if (ferror(in))
		rc = -1;
	fclose(in);
	if (fflush(out) == EOF)
		rc = -1;
	return rc;
}

/* XLSX to a stream: libxlsxwriter writes files only, so through a
 * temporary file. */
static int
xlsx_to_stream(const struct crm_report *r, FILE *out, struct crm_error *err)
{
	const char *dir = getenv("TMPDIR");
	char tmp[4096];
	int fd, rc = CRM_EXIT_OK;

	snprintf(tmp, sizeof tmp, "%s/crm-report.XXXXXX",
	    dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(tmp)) == -1) {
		crm_error_set(err, tmp, 0, 0, "%s", strerror(errno));
		return CRM_EXIT_ERROR;
	}
	close(fd);
	if (crm_report_xlsx(r, tmp, err) == -1)
		rc = CRM_EXIT_ERROR;
	else if (copy_file(tmp, out) == -1) {
		crm_error_set(err, NULL, 0, 0, "write error on standard output: %s",
		    strerror(errno));
		rc = CRM_EXIT_ERROR;
	}
	unlink(tmp);
	return rc;
}

/* The permissions a new file gets: 0666 less the umask. */
static mode_t
new_file_mode(void)
{
	mode_t m = umask(022);

	umask(m);
	return 0666 & ~m;
}

int
crm_report_save(const struct crm_report *r, enum crm_report_format f,
    const char *path, FILE *out, struct crm_error *err)
{
	struct stat st;
	char tmp[4096];
	FILE *fp;
	int fd, bad;

	if (path == NULL) {
		if (f == CRM_REPORT_XLSX)
			return xlsx_to_stream(r, out, err);
		if (render_text(r, f, out) == -1) {
			crm_error_set(err, NULL, 0, 0, "write error on standard "
			    "output: %s", strerror(errno));
			return CRM_EXIT_ERROR;
		}
		return CRM_EXIT_OK;
	}
	/* renamed into place: never over a device, a FIFO or a directory */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		crm_error_set(err, path, 0, 0, "not a regular file");
		return CRM_EXIT_ERROR;
	}
	if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp) {
		crm_error_set(err, NULL, 0, 0, "output name too long");
		return CRM_EXIT_ERROR;
	}
	if ((fd = mkstemp(tmp)) == -1) {
		crm_error_set(err, path, 0, 0, "%s", strerror(errno));
		return CRM_EXIT_ERROR;
	}
	if (fchmod(fd, new_file_mode()) != 0) {
		crm_error_set(err, path, 0, 0, "%s", strerror(errno));
		close(fd);
		unlink(tmp);
		return CRM_EXIT_ERROR;
	}
	if (f == CRM_REPORT_XLSX) {
		close(fd);
		if (crm_report_xlsx(r, tmp, err) == -1) {
			/* name the file asked for, not the temporary */
			snprintf(err->path, sizeof err->path, "%s", path);
			unlink(tmp);
			return CRM_EXIT_ERROR;
		}
		/* libxlsxwriter closed the file: make it durable by name */
		if ((fd = open(tmp, O_RDONLY)) == -1 || fsync(fd) != 0) {
			crm_error_set(err, path, 0, 0, "cannot write: %s",
			    strerror(errno));
			if (fd != -1)
				close(fd);
			unlink(tmp);
			return CRM_EXIT_ERROR;
		}
		close(fd);
	} else {
		if ((fp = fdopen(fd, "w")) == NULL) {
			crm_error_set(err, path, 0, 0, "%s", strerror(errno));
			close(fd);
			unlink(tmp);
			return CRM_EXIT_ERROR;
		}
		bad = render_text(r, f, fp) == -1 || fsync(fileno(fp)) != 0;
		if (fclose(fp) != 0)
			bad = 1;
		if (bad) {
			crm_error_set(err, path, 0, 0, "cannot write: %s",
			    strerror(errno));
			unlink(tmp);
			return CRM_EXIT_ERROR;
		}
	}
	if (rename(tmp, path) != 0) {
		crm_error_set(err, path, 0, 0, "cannot write: %s", strerror(errno));
		unlink(tmp);
		return CRM_EXIT_ERROR;
	}
	return CRM_EXIT_OK;
}
