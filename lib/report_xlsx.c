/* report_xlsx.c - crm-report as an Excel workbook (libxlsxwriter): a
 * summary sheet, then a sheet per section with its tables one under the
 * other, native charts over their cells, the header row frozen, number
 * formats for money and percentages, and column widths from the content.
 *
 * Formula-safe by construction: text goes in with worksheet_write_string
 * (a string cell, whatever it starts with), numbers with
 * worksheet_write_number, and nothing is ever written as a formula.
 * Byte-identical for the same report: the creation time is the as-of day
 * (libxlsxwriter would use the clock), and libxlsxwriter's zip entries
 * carry a fixed date. */
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "report.h"

/* Excel's limit on a string cell, in characters. */
#define XLSX_STR_MAX 32767

struct xl {
	lxw_workbook *wb;
	lxw_format *title;		/* sheet titles */
	lxw_format *bold;		/* table titles */
	lxw_format *head;		/* header rows */
	lxw_format *money;		/* #,##0.00 */
	lxw_format *pct;		/* 0.0% */
	lxw_format *rate;		/* 0.00%: change rates keep 4 decimals */
	lxw_format *dec[7];		/* 0, 0.0, 0.00, ...: NUM as printed */
	lxw_error err;			/* the first error, or LXW_NO_ERROR */
};

/* Keep the first error of a libxlsxwriter call. */
static void
check(struct xl *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
		x->err = e;
}

/* The workbook's cell formats, made once. */
static void
formats(struct xl *x)
{
	char fmt[16];

	x->title = workbook_add_format(x->wb);
	format_set_bold(x->title);
	format_set_font_size(x->title, 13);
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	x->head = workbook_add_format(x->wb);
	format_set_bold(x->head);
	format_set_bg_color(x->head, 0xF2F2F2);
	format_set_bottom(x->head, LXW_BORDER_THIN);
	x->money = workbook_add_format(x->wb);
	format_set_num_format(x->money, "#,##0.00");
	x->pct = workbook_add_format(x->wb);
	format_set_num_format(x->pct, "0.0%");
	x->rate = workbook_add_format(x->wb);
	format_set_num_format(x->rate, "0.00%");
	for (int d = 0; d < 7; d++) {
		snprintf(fmt, sizeof fmt, "0%s%.*s", d ? "." : "", d, "000000");
		x->dec[d] = workbook_add_format(x->wb);
		format_set_num_format(x->dec[d], fmt);
	}
}

/* Decimals printed in a plain number ("12.50" has 2). */
static int
decimals(const char *v)
{
	const char *dot = strchr(v, '.');

	return dot ? (int)strlen(dot + 1) : 0;
}

/* The number format of column c: NUM columns show as many decimals as
 * the tool printed (at most 6), so the cell reads as the tool's text. */
static lxw_format *
column_format(struct xl *x, const struct crm_rtable *t, size_t c)
{
	int d = 0;

	switch (t->kinds[c]) {
	case CRM_RK_MONEY:
		return x->money;
	case CRM_RK_PCT:
		return x->pct;
	case CRM_RK_RATE:
		return x->rate;
	case CRM_RK_NUM:
		for (size_t r = 0; r < t->nrows; r++) {
			const char *v = crm_rtable_cell(t, r, c);

			if (crm_is_plain_number(v) && decimals(v) > d)
				d = decimals(v);
		}
		return x->dec[d > 6 ? 6 : d];
	default:
		return NULL;
	}
}

/* Write text v as a string cell (cut at Excel's limit). */
static void
put_text(struct xl *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
    const char *v, lxw_format *f)
{
	char *cut = NULL;

	if (*v == '\0')
		return;
	if (crm_utf8_chars(v, strlen(v)) > XLSX_STR_MAX) {
		size_t n = 0, chars = 0;

		while (v[n] && chars < XLSX_STR_MAX) {
			n++;
			while ((v[n] & 0xC0) == 0x80)
				n++;
			chars++;
		}
		cut = crm_xmalloc(n + 1);
		memcpy(cut, v, n);
		cut[n] = '\0';
		v = cut;
	}
	check(x, worksheet_write_string(ws, row, col, v, f));
	free(cut);
}

/* Write cell v of kind k: a number when it is one (a percentage in
 * percent units becomes the fraction Excel's % format expects), else
 * text. */
static void
put(struct xl *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
    enum crm_rkind k, const char *v, lxw_format *f)
{
	char frac[128];

	if (k == CRM_RK_TEXT || !crm_is_plain_number(v)) {
		put_text(x, ws, row, col, v, NULL);
		return;
	}
	if (k == CRM_RK_PCT && crm_decimal_shift(v, -2, frac, sizeof frac))
		v = frac;
	check(x, worksheet_write_number(ws, row, col, strtod(v, NULL), f));
}

/* Where a table went on its sheet, for the charts over it. */
struct placed {
	lxw_row_t head;			/* its header row */
	lxw_row_t first, last;		/* its data rows (none when nrows 0) */
};

/* Widen each column to its longest text, in a range Excel shows well. */
static void
widths(struct xl *x, lxw_worksheet *ws, const struct crm_rsection *s)
{
	size_t ncols = 0;

	for (size_t i = 0; i < s->ntables; i++)
		ncols = s->tables[i]->ncols > ncols ? s->tables[i]->ncols : ncols;
	for (size_t c = 0; c < ncols; c++) {
		size_t w = 6;
		char buf[128];

		for (size_t i = 0; i < s->ntables; i++) {
			const struct crm_rtable *t = s->tables[i];

			if (c >= t->ncols)
				continue;
			if (crm_utf8_width(t->heads[c]) > w)
				w = crm_utf8_width(t->heads[c]);
			for (size_t r = 0; r < t->nrows; r++) {
				size_t cw = crm_utf8_width(crm_report_display(
				    t->kinds[c], crm_rtable_cell(t, r, c), buf,
				    sizeof buf));

				w = cw > w ? cw : w;
			}
		}
		check(x, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		    (double)(w > 60 ? 60 : w) + 2, NULL));
	}
}

/* The heat map: one white-to-red scale over the heat columns (taken to
 * be adjacent), the total row left out so that it does not set the
 * scale. */
static void
heat(struct xl *x, lxw_worksheet *ws, const struct crm_rtable *t,
    const struct placed *p)
{
	size_t first = t->ncols, last = 0;
	lxw_row_t end = p->last;
	lxw_conditional_format cf;

	for (size_t c = 0; c < t->ncols; c++)
		if (t->flags[c] & CRM_RC_HEAT) {
			first = c < first ? c : first;
			last = c;
		}
	if (t->nrows > 0 && strcmp(crm_rtable_cell(t, t->nrows - 1, 0),
	    "(total)") == 0)
		end--;
	if (first > last || t->nrows == 0 || end < p->first)
		return;
	memset(&cf, 0, sizeof cf);
	cf.type = LXW_CONDITIONAL_2_COLOR_SCALE;
	cf.min_color = 0xFFFFFF;
	cf.max_color = 0xF8696B;
	check(x, worksheet_conditional_format_range(ws, p->first,
	    (lxw_col_t)first, end, (lxw_col_t)last, &cf));
}

/* Write table t from row *row on; where it went into *p. */
static void
put_table(struct xl *x, lxw_worksheet *ws, const struct crm_rtable *t,
    lxw_row_t *row, struct placed *p)
{
	lxw_format **f = crm_xmalloc((t->ncols + 1) * sizeof *f);

	if (t->title != NULL)
		put_text(x, ws, (*row)++, 0, t->title, x->bold);
	p->head = *row;
	for (size_t c = 0; c < t->ncols; c++) {
		put_text(x, ws, *row, (lxw_col_t)c, t->heads[c], x->head);
		f[c] = column_format(x, t, c);
	}
	(*row)++;
	p->first = *row;
	for (size_t r = 0; r < t->nrows; r++, (*row)++)
		for (size_t c = 0; c < t->ncols; c++)
			put(x, ws, *row, (lxw_col_t)c, t->kinds[c],
			    crm_rtable_cell(t, r, c), f[c]);
	p->last = *row - 1;
	heat(x, ws, t, p);
	free(f);
}

/* A native chart over the placed table, to the right of it. */
static void
put_chart(struct xl *x, lxw_worksheet *ws, const char *sheet,
    const struct crm_rchart *ch, const struct crm_rtable *t,
    const struct placed *p, int nth)
{
	static const uint8_t types[] = { LXW_CHART_BAR_STACKED_PERCENT,
	    LXW_CHART_BAR, LXW_CHART_LINE };
	lxw_chart *c = workbook_add_chart(x->wb, types[ch->kind]);
	lxw_chart_options opt;

	if (c == NULL) {
		check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	for (size_t s = ch->first; s <= ch->last; s++) {
		lxw_chart_series *ser = chart_add_series(c, NULL, NULL);

		if (ser == NULL) {
			check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
			return;
		}
		chart_series_set_categories(ser, sheet, p->first,
		    (lxw_col_t)ch->cat, p->last, (lxw_col_t)ch->cat);
		chart_series_set_values(ser, sheet, p->first, (lxw_col_t)s,
		    p->last, (lxw_col_t)s);
		chart_series_set_name_range(ser, sheet, p->head, (lxw_col_t)s);
		if (ch->kind == CRM_CHART_LINE)
			chart_series_set_marker_type(ser, LXW_CHART_MARKER_CIRCLE);
	}
	chart_title_set_name(c, ch->title);
	/* bars: the first row at the top, as in the table */
	if (ch->kind != CRM_CHART_LINE)
		chart_axis_set_reverse(c->y_axis);
	chart_legend_set_position(c, ch->first == ch->last ?
	    LXW_CHART_LEGEND_NONE : LXW_CHART_LEGEND_BOTTOM);
	memset(&opt, 0, sizeof opt);
	opt.x_scale = 1.3;
	opt.y_scale = ch->kind == CRM_CHART_LINE || t->nrows <= 12 ? 1.2 :
	    (double)t->nrows / 10;
	opt.y_offset = nth * 380;
	check(x, worksheet_insert_chart_opt(ws, p->head, (lxw_col_t)t->ncols + 1,
	    c, &opt));
}

/* A section's sheet: title, note, its tables, their charts. */
static void
put_section(struct xl *x, const struct crm_rsection *s)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, s->sheet);
	struct placed *p = crm_xmalloc((s->ntables + 1) * sizeof *p);
	lxw_row_t row = 0;

	if (ws == NULL) {
		check(x, LXW_ERROR_SHEETNAME_ALREADY_USED);
		free(p);
		return;
	}
	put_text(x, ws, row++, 0, s->title, x->title);
	if (s->note != NULL)
		put_text(x, ws, row++, 0, s->note, NULL);
	for (size_t i = 0; i < s->ntables; i++) {
		row++;			/* a blank row before each table */
		put_table(x, ws, s->tables[i], &row, &p[i]);
		if (i == 0)
			worksheet_freeze_panes(ws, p[0].head + 1, 0);
	}
	for (size_t k = 0, nth; k < s->ncharts; k++) {
		const struct crm_rchart *ch = &s->charts[k];

		nth = 0;
		for (size_t j = 0; j < k; j++)
			nth += s->charts[j].table == ch->table;
		if (s->tables[ch->table]->nrows > 0)
			put_chart(x, ws, s->sheet, ch, s->tables[ch->table],
			    &p[ch->table], (int)nth);
	}
	widths(x, ws, s);
	free(p);
}

/* The first sheet: what the report is of, and the headline numbers. */
static void
put_summary(struct xl *x, const struct crm_report *r)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Summary");
	char title[128];
	lxw_row_t row = 5;

	if (ws == NULL) {
		check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	snprintf(title, sizeof title, "销售管理周报 Weekly sales report %s",
	    r->week_label);
	put_text(x, ws, 0, 0, title, x->title);
	put_text(x, ws, 1, 0, "截至 as of", NULL);
	put_text(x, ws, 1, 1, r->as_of_label, NULL);
	put_text(x, ws, 2, 0, "数据 store", NULL);
	put_text(x, ws, 2, 1, r->store, NULL);
	put_text(x, ws, 4, 0, "要点 headline", x->head);
	put_text(x, ws, 4, 1, "值 value", x->head);
	put_text(x, ws, 4, 2, "说明 note", x->head);
	worksheet_freeze_panes(ws, 5, 0);
	for (size_t i = 0; i < r->nhead; i++, row++) {
		const struct crm_rheadline *h = &r->head[i];
		lxw_format *f = h->kind == CRM_RK_PCT ? x->pct :
		    h->kind == CRM_RK_MONEY ? x->money :
		    h->kind == CRM_RK_RATE ? x->rate :
		    h->kind == CRM_RK_NUM ? x->dec[decimals(h->value) > 6 ? 6 :
		    decimals(h->value)] : NULL;

		put_text(x, ws, row, 0, h->label, NULL);
		put(x, ws, row, 1, h->kind, h->value, f);
		put_text(x, ws, row, 2, h->note, NULL);
	}
	check(x, worksheet_set_column(ws, 0, 0, 30, NULL));
	check(x, worksheet_set_column(ws, 1, 1, 14, NULL));
	check(x, worksheet_set_column(ws, 2, 2, 50, NULL));
}

int
crm_report_xlsx(const struct crm_report *r, const char *path,
    struct crm_error *err)
{
	lxw_workbook_options wo;
	lxw_doc_properties props;
	struct xl x;
	char title[64];
	lxw_error e;

	memset(&x, 0, sizeof x);
	memset(&wo, 0, sizeof wo);
	if ((x.wb = workbook_new_opt(path, &wo)) == NULL) {
		crm_error_set(err, path, 0, 0, "cannot create the workbook");
		return -1;
	}
	memset(&props, 0, sizeof props);
	snprintf(title, sizeof title, "销售管理周报 %s", r->week_label);
	props.title = title;
	props.subject = "crmkit weekly report";
	props.author = "crmkit crm-report";
	/* the as-of day, not the clock: the same input gives the same
	 * bytes (0 would mean "now") */
	props.created = r->as_of > 0 ? (time_t)r->as_of * 86400 : 1;
	check(&x, workbook_set_properties(x.wb, &props));
	formats(&x);
	put_summary(&x, r);
	for (size_t i = 0; i < r->nsec; i++)
		put_section(&x, &r->sec[i]);
	/* workbook_close writes the file and frees everything, even after an
	 * error: called exactly once */
	e = workbook_close(x.wb);
	check(&x, e);
	if (x.err != LXW_NO_ERROR) {
		crm_error_set(err, path, 0, 0, "cannot write the workbook: %s",
		    lxw_strerror(x.err));
		return -1;
	}
	return 0;
}
