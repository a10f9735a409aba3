/* report_md.c - crm-report as Markdown for a WeCom or DingTalk group
 * message: the headline numbers first, then each section's tables, short
 * (detail tables and the columns flagged CRM_RC_WIDE left out, at most
 * MD_ROWS rows each, saying how many more there are). */
#include <string.h>

#include "report.h"

#define MD_ROWS 10

/* Write s for a table cell or a line: '|' and '\' escaped, '<' as an
 * entity (group chats render some HTML tags), line breaks as blanks. */
static void
md_esc(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			fputs("&lt;", out);
		else if (*s == '\n' || *s == '\r' || *s == '\t')
			fputc(' ', out);
		else {
			if (*s == '|' || *s == '\\')
				fputc('\\', out);
			fputc(*s, out);
		}
	}
}

/* A table without its wide columns, at most MD_ROWS rows. */
static void
md_table(FILE *out, const struct crm_rtable *t)
{
	char buf[128];
	size_t shown = t->nrows < MD_ROWS ? t->nrows : MD_ROWS;

	if (t->title != NULL) {
		fputs("**", out);
		md_esc(out, t->title);
		fputs("**\n\n", out);
	}
	if (t->nrows == 0) {
		fputs("无 none\n\n", out);
		return;
	}
	for (size_t c = 0; c < t->ncols; c++)
		if (!(t->flags[c] & CRM_RC_WIDE)) {
			fputs("| ", out);
			md_esc(out, t->heads[c]);
			fputc(' ', out);
		}
	fputs("|\n", out);
	for (size_t c = 0; c < t->ncols; c++)
		if (!(t->flags[c] & CRM_RC_WIDE))
			fputs(t->kinds[c] == CRM_RK_TEXT ? "| --- " : "| ---: ", out);
	fputs("|\n", out);
	for (size_t r = 0; r < shown; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = crm_rtable_cell(t, r, c);

			if (t->flags[c] & CRM_RC_WIDE)
				continue;
			fputs("| ", out);
			md_esc(out, t->kinds[c] != CRM_RK_TEXT && *v == '\0' ?
			    "\xE2\x80\x94" : crm_report_display(t->kinds[c], v,
			    buf, sizeof buf));
			fputc(' ', out);
		}
		fputs("|\n", out);
	}
	if (t->nrows > shown)
		fprintf(out, "\n\xE2\x80\xA6 另有 %zu 行, 见 HTML / XLSX 报告 "
		    "(%zu more rows in the HTML and XLSX reports)\n", t->nrows - shown,
		    t->nrows - shown);
	fputc('\n', out);
}

int
crm_report_md(const struct crm_report *r, FILE *out)
{
	char buf[128];

	fprintf(out, "# 销售管理周报 Weekly sales report %s\n\n", r->week_label);
	fprintf(out, "截至 as of %s \xC2\xB7 数据 store ", r->as_of_label);
	md_esc(out, r->store);
	fputs("\n\n## 要点 Headlines\n\n", out);
	for (size_t i = 0; i < r->nhead; i++) {
		const struct crm_rheadline *h = &r->head[i];

		fputs("- ", out);
		md_esc(out, h->label);
		fputs(": **", out);
		md_esc(out, *h->value ? crm_report_display(h->kind, h->value, buf,
		    sizeof buf) : "\xE2\x80\x94");
		fputs("**", out);
		if (*h->note) {
			fputs(" (", out);
			md_esc(out, h->note);
			fputc(')', out);
		}
		fputc('\n', out);
	}
	for (size_t i = 0; i < r->nsec; i++) {
		const struct crm_rsection *s = &r->sec[i];

		fputs("\n## ", out);
		md_esc(out, s->title);
		fputs("\n\n", out);
		if (s->note != NULL) {
			md_esc(out, s->note);
			fputs("\n\n", out);
		}
		for (size_t k = 0; k < s->ntables; k++)
			if (!s->tables[k]->detail)
				md_table(out, s->tables[k]);
	}
	return ferror(out) ? -1 : 0;
}
