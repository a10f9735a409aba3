/* report.h - crm-report: the weekly report a regional manager used to
 * build by hand in Excel, from the rows the other tools write; see
 * crm-report(1).
 *
 * A report is a list of sections.  Each section runs its tools' library
 * functions with a capture table as their output (crm_table_new() in
 * crm.h): the rows are the very rows the tool would print, so every
 * number in the report is the owning tool's, never computed again.  The
 * section then picks columns and rows from those tables into display
 * tables (crm_rtable), names charts over them (crm_rchart) and adds
 * headline numbers.  The renderers (report_html.c, report_xlsx.c,
 * report_md.c) know nothing of the sections: they draw tables, charts
 * and headlines, whatever section made them.
 *
 * Adding a section (the area board of crm-stock, the pulse): write a
 * builder, crm_section_fn, in its own lib/report_<id>.c (or next to the
 * others in report_sections.c), declare it below, and add one line to
 * the sections[] table in report.c, where the order of the line is the
 * order in the report.  Nothing else changes: each renderer already
 * draws any section. */
#ifndef CRM_REPORT_H
#define CRM_REPORT_H

#include "crm.h"

/* How a column's cells read; the renderers format by it. */
enum crm_rkind {
	CRM_RK_TEXT,			/* text, shown as it is */
	CRM_RK_INT,			/* a count */
	CRM_RK_NUM,			/* a decimal, as the tool printed it */
	CRM_RK_MONEY,			/* yuan, 2 decimals: 1,234.50 */
	CRM_RK_PCT,			/* percent units: "16.7" is 16.7% */
	CRM_RK_RATE			/* a ratio: "0.1270" is +12.70% */
};

/* Column flags. */
enum {
	CRM_RC_WIDE = 1,		/* left out of Markdown, which is kept
					   short for group messages */
	CRM_RC_BADGE = 2,		/* a verdict or severity: coloured */
	CRM_RC_HEAT = 4			/* a count shaded by its size */
};

/* A table as shown: headings, how each column reads, and text cells. */
struct crm_rtable {
	char *title;			/* above the table, or NULL */
	size_t ncols;
	size_t nrows;
	char **heads;			/* ncols headings */
	enum crm_rkind *kinds;		/* ncols */
	unsigned *flags;		/* ncols sets of CRM_RC_* */
	char **cells;			/* nrows * ncols, row-major; "" when
					   empty, never NULL */
	size_t cap;			/* cells allocated */
	bool detail;			/* a detail (a trend table): left out
					   of Markdown */
};

enum crm_rchart_kind {
	CRM_CHART_STACKED,		/* horizontal bars stacked to 100% */
	CRM_CHART_BAR,			/* horizontal bars */
	CRM_CHART_LINE			/* a line per series */
};

/* A chart over one of its section's tables: the categories are column
 * cat, and each of the columns first..last is a series.  Every row is a
 * category.  XLSX charts refer to the cells the table was written to. */
struct crm_rchart {
	enum crm_rchart_kind kind;
	char *title;
	size_t table;			/* index in the section's tables */
	size_t cat;			/* the column of category labels */
	size_t first, last;		/* the series columns */
};

/* A headline number: the report starts with these. */
struct crm_rheadline {
	char *label;			/* what it is */
	char *value;			/* the owning tool's text, or "" */
	enum crm_rkind kind;		/* how value reads */
	char *note;			/* context ("5 of 30"), or "" */
	const char *section;		/* the id of the section it is from */
};

struct crm_rsection {
	const char *id;			/* HTML anchor: "freshness" */
	const char *sheet;		/* XLSX sheet name: "Freshness" */
	const char *title;		/* heading */
	char *note;			/* a paragraph under the heading, or
					   NULL */
	struct crm_rtable **tables;
	size_t ntables;
	struct crm_rchart *charts;
	size_t ncharts;
};

struct crm_report {
	long as_of;			/* day number */
	long week;			/* Monday of the report's ISO week */
	char week_label[16];		/* "2026-W48" */
	char as_of_label[16];		/* "2026-11-27" */
	char store[256];		/* the store's file name, no directory */
	struct crm_rsection *sec;
	size_t nsec;
	struct crm_rheadline *head;
	size_t nhead;
};

/* What every section builder gets. */
struct crm_report_opts {
	const char *db;			/* the store; every input comes from it */
	long as_of;			/* day number */
	long week;			/* Monday of the ISO week to score */
	long tz;			/* team zone offset, seconds */
	struct crm_input_opts input;	/* reading options; input.db is db */
};

/* A section builder: run the section's tools into capture tables and add
 * tables, charts and headlines to s (and r's headlines).  Returns
 * CRM_EXIT_OK, or another CRM_EXIT_* status with *err set. */
typedef int (*crm_section_fn)(const struct crm_report_opts *o,
    struct crm_report *r, struct crm_rsection *s, struct crm_error *err);

/* The sections (report_sections.c), in report order (report.c). */
int crm_report_health(const struct crm_report_opts *, struct crm_report *,
    struct crm_rsection *, struct crm_error *);
int crm_report_freshness(const struct crm_report_opts *, struct crm_report *,
    struct crm_rsection *, struct crm_error *);
int crm_report_top(const struct crm_report_opts *, struct crm_report *,
    struct crm_rsection *, struct crm_error *);
int crm_report_clcc(const struct crm_report_opts *, struct crm_report *,
    struct crm_rsection *, struct crm_error *);
int crm_report_hotlist(const struct crm_report_opts *, struct crm_report *,
    struct crm_rsection *, struct crm_error *);
int crm_report_rules(const struct crm_report_opts *, struct crm_report *,
    struct crm_rsection *, struct crm_error *);
int crm_report_tasks(const struct crm_report_opts *, struct crm_report *,
    struct crm_rsection *, struct crm_error *);
int crm_report_board(const struct crm_report_opts *, struct crm_report *,
    struct crm_rsection *, struct crm_error *);
int crm_report_latency(const struct crm_report_opts *, struct crm_report *,
    struct crm_rsection *, struct crm_error *);
int crm_report_churn(const struct crm_report_opts *, struct crm_report *,
    struct crm_rsection *, struct crm_error *);
int crm_report_intent(const struct crm_report_opts *, struct crm_report *,
    struct crm_rsection *, struct crm_error *);

/* ------------------------------------------------------------------ */
/* Building blocks for the sections (report.c) */

/* Add a table of ncols columns to s.  Returns it (borrowed; the report
 * owns it), to be given columns and rows.  Can't fail. */
struct crm_rtable *crm_report_table(struct crm_rsection *s, const char *title,
    size_t ncols);
/* Set column col's heading, kind and flags.  Can't fail. */
void crm_rtable_col(struct crm_rtable *t, size_t col, const char *head,
    enum crm_rkind kind, unsigned flags);
/* Append a row of t->ncols values (copied; NULL is empty).  Can't fail. */
void crm_rtable_row(struct crm_rtable *t, const char *const *vals);
/* The cell at row, col.  Borrowed. */
const char *crm_rtable_cell(const struct crm_rtable *t, size_t row,
    size_t col);
/* Add a chart over s's table number `table`.  Can't fail. */
void crm_report_chart(struct crm_rsection *s, enum crm_rchart_kind kind,
    const char *title, size_t table, size_t cat, size_t first, size_t last);
/* Add a headline number of section s.  Can't fail. */
void crm_report_headline(struct crm_report *r, const struct crm_rsection *s,
    const char *label, const char *value, enum crm_rkind kind,
    const char *note);
/* Whether the store holds at least one record of kind k, for a section
 * that is left out (with a note) without its data.  True when the store
 * cannot be read: the tool then says why. */
bool crm_report_has(const struct crm_report_opts *o, enum crm_kind k);
/* Append a sentence to s's note (printf-like).  Can't fail. */
void crm_report_note(struct crm_rsection *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Formatting shared by the renderers.  Each writes into buf (len bytes,
 * at least 64) and returns buf.  Can't fail. */
/* The text of a cell of kind k as people read it: money grouped by
 * thousands, percentages with '%', rates as signed percentages; "" stays
 * "".  A cell that is not a plain number is shown as it is. */
const char *crm_report_display(enum crm_rkind k, const char *cell, char *buf,
    size_t len);
/* Move the decimal point of the plain number s by places (positive:
 * multiply by 10^places), exactly, into buf.  Returns buf, or NULL when
 * s is not a plain number or buf is too small. */
char *crm_decimal_shift(const char *s, int places, char *buf, size_t len);

/* ------------------------------------------------------------------ */
/* Building and writing the report */

enum crm_report_format { CRM_REPORT_HTML, CRM_REPORT_XLSX, CRM_REPORT_MD };

/* The format a file name's suffix names (.html, .htm, .xlsx, .md, any
 * case), or -1 for another suffix or none. */
int crm_report_format_of(const char *path);
/* Parse "html", "xlsx" or "md"; -1 when s is none of them. */
int crm_report_format_parse(const char *s);

/* Build the report: every section in order.  Returns CRM_EXIT_OK with
 * *out a new report, or another status with *err set and *out NULL (a
 * section's tool failed; its warnings went to stderr as the tool's
 * would). */
int crm_report_build(const struct crm_report_opts *o, struct crm_report **out,
    struct crm_error *err);
void crm_report_free(struct crm_report *r);

/* Write r in format f: to path when it is not NULL, through a temporary
 * file in the same directory renamed into place only once complete (a
 * path that exists and is not a regular file is refused); else to out.
 * Returns CRM_EXIT_OK, or CRM_EXIT_ERROR with *err set, path then
 * untouched. */
int crm_report_save(const struct crm_report *r, enum crm_report_format f,
    const char *path, FILE *out, struct crm_error *err);

/* The renderers.  html and md write to out and return 0, or -1 on a write
 * error (errno set).  xlsx writes the workbook to the file path (which it
 * creates or truncates) and returns 0, or -1 with *err set. */
int crm_report_html(const struct crm_report *r, FILE *out);
int crm_report_md(const struct crm_report *r, FILE *out);
int crm_report_xlsx(const struct crm_report *r, const char *path,
    struct crm_error *err);

#endif /* CRM_REPORT_H */
