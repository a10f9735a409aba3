/* report_html.c - crm-report as one self-contained HTML file: no script,
 * no network reference, the charts as inline SVG, laid out for a phone
 * as well as a desk.  Every text of the data goes through esc(), so the
 * page and each SVG are well-formed XML fragments whatever the data
 * holds. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* Chart geometry, in SVG user units (the SVG scales down on a phone). */
#define W		640	/* chart width */
#define LABEL_W		150	/* category labels, right-aligned */
#define BAR_X		(LABEL_W + 6)
#define BAR_W		(W - BAR_X - 56)
#define ROW_H		24
#define LEGEND_H	18

/* Series colours: ordered buckets (fresh to stale, then never) for the
 * stacked shares, distinct hues for everything else. */
static const char *const ordered[] = { "#2da44e", "#bf8700", "#e16f24",
	"#cf222e", "#8c959f" };
static const char *const hues[] = { "#0969da", "#cf222e", "#2da44e",
	"#bf8700", "#8250df", "#1b7c83", "#e16f24", "#57606a", "#bf3989",
	"#0a3069" };

static const char css[] =
	"body{margin:0 auto;max-width:1100px;padding:12px;color:#1f2328;"
	"background:#fff;font:15px/1.5 -apple-system,BlinkMacSystemFont,"
	"\"Segoe UI\",\"PingFang SC\",\"Hiragino Sans GB\",\"Microsoft YaHei\","
	"\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"WenQuanYi Micro Hei\","
	"sans-serif}\n"
	"h1{font-size:1.35em;margin:.2em 0}h2{font-size:1.15em;margin:1.6em 0 "
	".4em;padding-bottom:4px;border-bottom:2px solid #d0d7de}"
	"h3{font-size:1em;margin:1em 0 .3em}\n"
	".meta,.note{color:#57606a;font-size:.9em}nav a{margin-right:.9em;"
	"white-space:nowrap}a{color:#0969da;text-decoration:none}\n"
	".kpis{display:grid;grid-template-columns:repeat(auto-fill,"
	"minmax(170px,1fr));gap:8px;list-style:none;padding:0;margin:0}\n"
	".kpis a{display:block;border:1px solid #d0d7de;border-radius:6px;"
	"padding:8px;color:inherit}.kpis .v{display:block;font-size:1.4em;"
	"font-weight:600}.kpis .l,.kpis .s{display:block;font-size:.85em;"
	"color:#57606a}\n"
	".scroll{overflow-x:auto}table{border-collapse:collapse;font-size:.88em}"
	"th,td{border:1px solid #d0d7de;padding:3px 6px;vertical-align:top}"
	"th{background:#f6f8fa;text-align:left}td.n{text-align:right;"
	"white-space:nowrap;font-variant-numeric:tabular-nums}"
	"tr.total td{font-weight:600;background:#f6f8fa}\n"
	".b{padding:0 6px;border-radius:10px;white-space:nowrap}"
	".b-healthy{background:#dafbe1;color:#116329}"
	".b-watch,.b-amber,.b-near,.b-pendingrequest{background:#fff8c5;"
	"color:#7d4e00}"
	".b-risk,.b-red,.b-ongoing,.b-expired,.b-unmatchedrequest{background:"
	"#ffebe9;color:#a40e26}"
	".b-no-data,.b-ended{color:#57606a}\n"
	"figure{margin:.8em 0}figcaption{font-size:.85em;color:#57606a}"
	"svg{max-width:100%;height:auto}svg text{font-size:12px;fill:#1f2328}"
	"\n@media print{nav{display:none}}\n";

/* Write s escaped for HTML text and attribute values, which is also XML:
 * & < > " ' as references, control characters (none is valid in XML
 * 1.0 but tab and newlines) as U+FFFD. */
static void
esc(FILE *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default:
			if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
			    *p == 0x7f)
				fputs("\xEF\xBF\xBD", out);
			else
				fputc(*p, out);
		}
	}
}

/* The bytes of s's first characters that fit in width display columns
 * (CJK counts 2), into buf (len bytes) with "…" when cut.  Returns buf. */
static const char *
clip(const char *s, size_t width, char *buf, size_t len)
{
	size_t used = 0, o = 0;
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		size_t n = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
		char ch[8];
		size_t cw;

		for (size_t k = 1; k < n; k++)
			if (p[k] == 0)
				n = 1;		/* cut short: take the byte */
		memcpy(ch, p, n);
		ch[n] = '\0';
		cw = crm_utf8_width(ch);
		if (used + cw > width || o + n + 4 >= len) {
			memcpy(buf + o, "\xE2\x80\xA6", 3);	/* … */
			o += 3;
			break;
		}
		memcpy(buf + o, p, n);
		o += n;
		used += cw;
		p += n;
	}
	buf[o] = '\0';
	return buf;
}

/* The value of a cell for drawing, or NAN when it has none. */
static double
num(const char *cell)
{
	return crm_is_plain_number(cell) ? strtod(cell, NULL) : NAN;
}

/* A badge class name from a verdict or severity: letters, digits, '-'. */
static void
badge_class(const char *v, char *buf, size_t len)
{
	size_t o = 0;

	for (; *v && o + 1 < len; v++)
		if ((*v >= 'a' && *v <= 'z') || (*v >= '0' && *v <= '9') ||
		    *v == '-')
			buf[o++] = *v;
	buf[o] = '\0';
}

/* ------------------------------------------------------------------ */
/* Tables */

/* The largest value of column c, leaving out total rows. */
static double
column_max(const struct crm_rtable *t, size_t c)
{
	double m = 0;

	for (size_t r = 0; r < t->nrows; r++) {
		double v = num(crm_rtable_cell(t, r, c));

		if (strcmp(crm_rtable_cell(t, r, 0), "(total)") != 0 &&
		    !isnan(v) && v > m)
			m = v;
	}
	return m;
}

/* One <td>: text escaped, badges coloured, numbers right-aligned as
 * people read them, heat cells shaded by their share of max, the
 * largest value of the table's heat columns. */
static void
cell(FILE *out, const struct crm_rtable *t, size_t r, size_t c, double max)
{
	const char *v = crm_rtable_cell(t, r, c);
	char buf[128], cls[32];
	enum crm_rkind k = t->kinds[c];

	if (k == CRM_RK_TEXT) {
		fputs("<td>", out);
		if ((t->flags[c] & CRM_RC_BADGE) && *v) {
			badge_class(v, cls, sizeof cls);
			fprintf(out, "<span class=\"b b-%s\">", cls);
			esc(out, v);
			fputs("</span>", out);
		} else
			esc(out, v);
		fputs("</td>", out);
		return;
	}
	if ((t->flags[c] & CRM_RC_HEAT) && num(v) > 0) {
		double a = max > 0 ? num(v) / max : 1;

		fprintf(out, "<td class=\"n\" style=\"background:rgba(207,34,46,"
		    "%.2f)\">", 0.1 + 0.5 * (a > 1 ? 1 : a));
	} else
		fputs("<td class=\"n\">", out);
	esc(out, *v ? crm_report_display(k, v, buf, sizeof buf) : "\xE2\x80\x94");
	fputs("</td>", out);
}

/* A table with its title, or "none" when it has no rows. */
static void
table(FILE *out, const struct crm_rtable *t)
{
	double max = 0;

	if (t->title != NULL) {
		fputs("<h3>", out);
		esc(out, t->title);
		fputs("</h3>\n", out);
	}
	if (t->nrows == 0) {
		fputs("<p class=\"note\">无 none</p>\n", out);
		return;
	}
	fputs("<div class=\"scroll\"><table>\n<thead><tr>", out);
	for (size_t c = 0; c < t->ncols; c++) {
		fputs("<th>", out);
		esc(out, t->heads[c]);
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
	/* one scale for every heat column: the map compares cells */
	for (size_t c = 0; c < t->ncols; c++)
		if (t->flags[c] & CRM_RC_HEAT && column_max(t, c) > max)
			max = column_max(t, c);
	for (size_t r = 0; r < t->nrows; r++) {
		fputs(strcmp(crm_rtable_cell(t, r, 0), "(total)") == 0 ?
		    "<tr class=\"total\">" : "<tr>", out);
		for (size_t c = 0; c < t->ncols; c++)
			cell(out, t, r, c, max);
		fputs("</tr>\n", out);
	}
	fputs("</tbody></table></div>\n", out);
}

/* ------------------------------------------------------------------ */
/* Charts */

/* The colour of the i-th series of ch. */
static const char *
colour(const struct crm_rchart *ch, size_t i)
{
	size_t n = ch->last - ch->first + 1;

	if (ch->kind == CRM_CHART_STACKED && n <= 5)
		return ordered[i];
	return hues[i % (sizeof hues / sizeof hues[0])];
}

/* The legend from baseline y, wrapped to the width; returns the height
 * it takes.  With out NULL it only measures. */
static int
legend(FILE *out, const struct crm_rchart *ch, const struct crm_rtable *t,
    int y)
{
	int x = 4, lines = 1;
	char buf[128];

	for (size_t s = ch->first; s <= ch->last; s++) {
		const char *name = clip(t->heads[s], 24, buf, sizeof buf);
		int w = 18 + 7 * (int)crm_utf8_width(name) + 12;

		if (x > 4 && x + w > W) {
			x = 4;
			y += LEGEND_H;
			lines++;
		}
		x += w;
		if (out == NULL)
			continue;
		fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" "
		    "fill=\"%s\"/><text x=\"%d\" y=\"%d\">", x - w, y - 10,
		    colour(ch, s - ch->first), x - w + 16, y);
		esc(out, name);
		fputs("</text>\n", out);
	}
	return lines * LEGEND_H;
}

/* Start a chart of height h, titled for screen readers too. */
static void
svg_open(FILE *out, const char *title, int h)
{
	fprintf(out, "<figure><svg viewBox=\"0 0 %d %d\" width=\"%d\" "
	    "height=\"%d\" role=\"img\" aria-label=\"", W, h, W, h);
	esc(out, title);
	fputs("\"><title>", out);
	esc(out, title);
	fputs("</title>\n", out);
}

/* End a chart, with its caption. */
static void
svg_close(FILE *out, const char *title)
{
	fputs("</svg><figcaption>", out);
	esc(out, title);
	fputs("</figcaption></figure>\n", out);
}

/* A category label at the left of a bar row. */
static void
row_label(FILE *out, const char *label, int y)
{
	char buf[128];

	fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", LABEL_W,
	    y + ROW_H / 2 + 4);
	esc(out, clip(label, 22, buf, sizeof buf));
	fputs("</text>\n", out);
}

/* Bars stacked to 100%: each category's share per series. */
static void
stacked(FILE *out, const struct crm_rchart *ch, const struct crm_rtable *t)
{
	int top = legend(NULL, ch, t, 14), h;

	h = top + 8 + (int)t->nrows * ROW_H + 4;
	svg_open(out, ch->title, h);
	(void)legend(out, ch, t, 14);
	for (size_t r = 0; r < t->nrows; r++) {
		int y = top + 8 + (int)r * ROW_H;
		double sum = 0, x = BAR_X;

		for (size_t s = ch->first; s <= ch->last; s++) {
			double v = num(crm_rtable_cell(t, r, s));

			sum += isnan(v) || v < 0 ? 0 : v;
		}
		row_label(out, crm_rtable_cell(t, r, ch->cat), y);
		for (size_t s = ch->first; s <= ch->last && sum > 0; s++) {
			double v = num(crm_rtable_cell(t, r, s)), w;

			if (isnan(v) || v <= 0)
				continue;
			w = BAR_W * v / sum;
			fprintf(out, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
			    "height=\"%d\" fill=\"%s\"><title>", x, y + 3, w,
			    ROW_H - 6, colour(ch, s - ch->first));
			esc(out, crm_rtable_cell(t, r, ch->cat));
			fputs(" \xC2\xB7 ", out);
			esc(out, t->heads[s]);
			fprintf(out, ": ");
			esc(out, crm_rtable_cell(t, r, s));
			fprintf(out, " (%.1f%%)</title></rect>\n", 100 * v / sum);
			x += w;
		}
		fprintf(out, "<text x=\"%d\" y=\"%d\">%.0f</text>\n",
		    BAR_X + BAR_W + 4, y + ROW_H / 2 + 4, sum);
	}
	svg_close(out, ch->title);
}

/* Horizontal bars, one series (the first), from zero. */
static void
bars(FILE *out, const struct crm_rchart *ch, const struct crm_rtable *t)
{
	double lo = 0, hi = 0, x0, scale;
	size_t s = ch->first;
	int h = 8 + (int)t->nrows * ROW_H + 4;
	char buf[128];

	for (size_t r = 0; r < t->nrows; r++) {
		double v = num(crm_rtable_cell(t, r, s));

		if (!isnan(v)) {
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
		}
	}
	scale = hi - lo > 0 ? BAR_W / (hi - lo) : 0;
	x0 = BAR_X - lo * scale;
	svg_open(out, ch->title, h);
	fprintf(out, "<line x1=\"%.1f\" y1=\"4\" x2=\"%.1f\" y2=\"%d\" "
	    "stroke=\"#8c959f\"/>\n", x0, x0, h - 4);
	for (size_t r = 0; r < t->nrows; r++) {
		int y = 8 + (int)r * ROW_H;
		double v = num(crm_rtable_cell(t, r, s));
		const char *text = crm_report_display(t->kinds[s],
		    crm_rtable_cell(t, r, s), buf, sizeof buf);

		row_label(out, crm_rtable_cell(t, r, ch->cat), y);
		if (isnan(v))
			continue;
		fprintf(out, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
		    "fill=\"%s\"><title>", v < 0 ? x0 + v * scale : x0, y + 3,
		    fabs(v) * scale, ROW_H - 6, colour(ch, 0));
		esc(out, crm_rtable_cell(t, r, ch->cat));
		fputs(": ", out);
		esc(out, text);
		fprintf(out, "</title></rect><text x=\"%.1f\" y=\"%d\"%s>",
		    v < 0 ? x0 + v * scale - 4 : x0 + v * scale + 4,
		    y + ROW_H / 2 + 4, v < 0 ? " text-anchor=\"end\"" : "");
		esc(out, text);
		fputs("</text>\n", out);
	}
	svg_close(out, ch->title);
}

/* A round step for about four intervals over range: 1, 2 or 5 x 10^k. */
static double
nice_step(double range)
{
	double raw = range / 4, p = pow(10, floor(log10(raw))), f = raw / p;

	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/* The y axis of a line chart: gridlines and their labels. */
static void
y_axis(FILE *out, double lo, double hi, double step, int left, int right,
    int top, int bottom)
{
	int dec = step >= 1 ? 0 : (int)ceil(-log10(step));

	for (double v = lo; v <= hi + step / 2; v += step) {
		double y = bottom - (v - lo) * (bottom - top) / (hi - lo);

		fprintf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
		    "stroke=\"#d0d7de\"/><text x=\"%d\" y=\"%.1f\" "
		    "text-anchor=\"end\">%.*f</text>\n", left, y, right, y,
		    left - 4, y + 4, dec, fabs(v) < step / 1e6 ? 0.0 : v);
	}
}

/* Whether every series of ch is a percentage. */
static bool
all_pct(const struct crm_rchart *ch, const struct crm_rtable *t)
{
	for (size_t s = ch->first; s <= ch->last; s++)
		if (t->kinds[s] != CRM_RK_PCT)
			return false;
	return true;
}

/* Lines over the categories, a gap where a value is missing. */
static void
lines(FILE *out, const struct crm_rchart *ch, const struct crm_rtable *t)
{
	const int left = 56, right = W - 16, plot_h = 200;
	double lo = INFINITY, hi = -INFINITY, step;
	int top, bottom, h, every;
	size_t n = t->nrows;

	for (size_t r = 0; r < n; r++)
		for (size_t s = ch->first; s <= ch->last; s++) {
			double v = num(crm_rtable_cell(t, r, s));

			if (!isnan(v)) {
				lo = v < lo ? v : lo;
				hi = v > hi ? v : hi;
			}
		}
	if (isinf(lo))
		lo = hi = 0;
	lo = lo > 0 ? 0 : lo;
	if (all_pct(ch, t) && lo >= 0 && hi <= 100)
		hi = 100;		/* shares read against the whole */
	if (hi - lo <= 0)
		hi = lo + 1;
	step = nice_step(hi - lo);
	lo = floor(lo / step) * step;
	hi = ceil(hi / step) * step;
	top = legend(NULL, ch, t, 14) + 8;
	bottom = top + plot_h;
	h = bottom + 24;
	svg_open(out, ch->title, h);
	(void)legend(out, ch, t, 14);
	y_axis(out, lo, hi, step, left, right, top, bottom);
	/* label every category when they fit, else every k-th */
	every = n > 1 ? (int)ceil(80.0 / ((right - left) / (double)(n - 1))) : 1;
	for (size_t r = 0; r < n; r++) {
		double x = n > 1 ? left + (double)r * (right - left) / (double)(n - 1) :
		    (left + right) / 2.0;

		if ((int)r % (every < 1 ? 1 : every) != 0 && r + 1 != n)
			continue;
		/* the end labels inside the frame */
		fprintf(out, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">", x,
		    bottom + 16, n < 2 ? "middle" : r == 0 ? "start" :
		    r + 1 == n ? "end" : "middle");
		esc(out, crm_rtable_cell(t, r, ch->cat));
		fputs("</text>\n", out);
	}
	for (size_t s = ch->first; s <= ch->last; s++) {
		const char *col = colour(ch, s - ch->first);
		bool pen = false, any = false;

		for (size_t r = 0; r < n; r++)
			any |= !isnan(num(crm_rtable_cell(t, r, s)));
		if (!any)
			continue;
		fprintf(out, "<path fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
		    "d=\"", col);
		for (size_t r = 0; r < n; r++) {
			double v = num(crm_rtable_cell(t, r, s));
			double x = n > 1 ? left + (double)r * (right - left) /
			    (double)(n - 1) : (left + right) / 2.0;

			if (isnan(v)) {
				pen = false;
				continue;
			}
			fprintf(out, "%s%.1f %.1f ", pen ? "L" : "M", x,
			    bottom - (v - lo) * (bottom - top) / (hi - lo));
			pen = true;
		}
		fputs("\"/>\n", out);
		for (size_t r = 0; r < n; r++) {
			double v = num(crm_rtable_cell(t, r, s));
			double x = n > 1 ? left + (double)r * (right - left) /
			    (double)(n - 1) : (left + right) / 2.0;

			if (isnan(v))
				continue;
			fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
			    "fill=\"%s\"><title>", x,
			    bottom - (v - lo) * (bottom - top) / (hi - lo), col);
			esc(out, t->heads[s]);
			fputs(" \xC2\xB7 ", out);
			esc(out, crm_rtable_cell(t, r, ch->cat));
			fputs(": ", out);
			esc(out, crm_rtable_cell(t, r, s));
			fputs("</title></circle>\n", out);
		}
	}
	svg_close(out, ch->title);
}

/* Draw ch over t; a table without rows has no chart. */
static void
chart(FILE *out, const struct crm_rchart *ch, const struct crm_rtable *t)
{
	if (t->nrows == 0)
		return;
	switch (ch->kind) {
	case CRM_CHART_STACKED:
		stacked(out, ch, t);
		break;
	case CRM_CHART_BAR:
		bars(out, ch, t);
		break;
	case CRM_CHART_LINE:
		lines(out, ch, t);
		break;
	}
}

/* ------------------------------------------------------------------ */
/* The page */

/* The headline numbers as cards, each linking to its section. */
static void
headlines(FILE *out, const struct crm_report *r)
{
	char buf[128];

	fputs("<section id=\"summary\"><h2>要点 Headlines</h2>\n"
	    "<ul class=\"kpis\">\n", out);
	for (size_t i = 0; i < r->nhead; i++) {
		const struct crm_rheadline *h = &r->head[i];

		fprintf(out, "<li><a href=\"#%s\"><span class=\"l\">", h->section);
		esc(out, h->label);
		fputs("</span><span class=\"v\">", out);
		esc(out, *h->value ? crm_report_display(h->kind, h->value, buf,
		    sizeof buf) : "\xE2\x80\x94");
		fputs("</span><span class=\"s\">", out);
		esc(out, h->note);
		fputs("</span></a></li>\n", out);
	}
	fputs("</ul></section>\n", out);
}

/* A section: heading, note, each table followed by its charts. */
static void
section(FILE *out, const struct crm_rsection *s)
{
	fprintf(out, "<section id=\"%s\"><h2>", s->id);
	esc(out, s->title);
	fputs("</h2>\n", out);
	if (s->note != NULL) {
		fputs("<p class=\"note\">", out);
		esc(out, s->note);
		fputs("</p>\n", out);
	}
	for (size_t i = 0; i < s->ntables; i++) {
		table(out, s->tables[i]);
		for (size_t k = 0; k < s->ncharts; k++)
			if (s->charts[k].table == i)
				chart(out, &s->charts[k], s->tables[i]);
	}
	fputs("</section>\n", out);
}

int
crm_report_html(const struct crm_report *r, FILE *out)
{
	fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>", out);
	fprintf(out, "销售管理周报 %s", r->week_label);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n"
	    "<h1>销售管理周报 Weekly sales report %s</h1>\n"
	    "<p class=\"meta\">截至 as of %s \xC2\xB7 数据 store ",
	    css, r->week_label, r->as_of_label);
	esc(out, r->store);
	fputs(" \xC2\xB7 crm-report</p>\n<nav>", out);
	fputs("<a href=\"#summary\">要点</a>", out);
	for (size_t i = 0; i < r->nsec; i++) {
		fprintf(out, "<a href=\"#%s\">", r->sec[i].id);
		esc(out, r->sec[i].title);
		fputs("</a>", out);
	}
	fputs("</nav>\n</header>\n<main>\n", out);
	headlines(out, r);
	for (size_t i = 0; i < r->nsec; i++)
		section(out, &r->sec[i]);
	fputs("</main>\n</body>\n</html>\n", out);
	return ferror(out) ? -1 : 0;
}
