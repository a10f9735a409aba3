/* report_sections.c - the sections of crm-report: each runs its tools'
 * library functions into capture tables, with the options the tool's
 * command would use on the store, then shows their rows.  Nothing here
 * computes a number a tool prints: it picks columns and rows, reshapes
 * (the trend tables) and counts rows (how many violations).  See
 * report.h for how to add a section. */
#include <stdlib.h>
#include <string.h>

#include "clcc.h"
#include "health.h"
#include "pulse.h"
#include "report.h"
#include "rules.h"
#include "score.h"
#include "stock.h"

/* How many recorded health runs the trend shows before the current one,
 * and how many quarters the CLCC trend shows. */
#define HEALTH_RUNS	12
#define CLCC_QUARTERS	8
/* crm-stale's and crm-health's defaults, which the report keeps. */
#define STALE_DAYS	90
#define HEALTH_WINDOW	30

/* Writer options that capture into t. */
static struct crm_writer_opts
capture(struct crm_table *t)
{
	struct crm_writer_opts w = CRM_WRITER_OPTS_INIT;

	w.capture = t;
	return w;
}

/* One column of a view: a captured column shown under a heading. */
struct vcol {
	const char *src;		/* the tool's column name */
	const char *head;		/* heading shown */
	enum crm_rkind kind;
	unsigned flags;			/* CRM_RC_* */
	const char *alt;		/* the column shown where src's cell is
					   empty (a rep's id for its missing
					   name), or NULL */
};

/* Whether row of cap goes into a view. */
typedef bool (*keep_fn)(const struct crm_table *cap, size_t row, void *ctx);

/* The index of cap's column name, or -1 with *err set naming the tool:
 * a tool whose columns changed under the report is a bug to see. */
static long
need_col(const struct crm_table *cap, const char *tool, const char *name,
    struct crm_error *err)
{
	long c = crm_table_col(cap, name);

	if (c == -1)
		crm_error_set(err, NULL, 0, 0, "%s wrote no column '%s' (the "
		    "report and the tool disagree)", tool, name);
	return c;
}

/* Add to s a table of the columns cols[0..n) of cap, for the rows keep
 * says yes to (every row when keep is NULL).  Returns it, or NULL with
 * *err set when cap lacks a column. */
static struct crm_rtable *
view(struct crm_rsection *s, const char *title, const struct crm_table *cap,
    const char *tool, const struct vcol *cols, size_t n, keep_fn keep,
    void *ctx, struct crm_error *err)
{
	long *src = crm_xmalloc((n + 1) * sizeof *src);
	long *alt = crm_xmalloc((n + 1) * sizeof *alt);
	const char **v = crm_xmalloc((n + 1) * sizeof *v);
	struct crm_rtable *t = NULL;

	for (size_t i = 0; i < n; i++) {
		if ((src[i] = need_col(cap, tool, cols[i].src, err)) == -1)
			goto out;
		alt[i] = -1;
		if (cols[i].alt != NULL &&
		    (alt[i] = need_col(cap, tool, cols[i].alt, err)) == -1)
			goto out;
	}
	t = crm_report_table(s, title, n);
	for (size_t i = 0; i < n; i++)
		crm_rtable_col(t, i, cols[i].head, cols[i].kind, cols[i].flags);
	for (size_t r = 0; r < crm_table_nrows(cap); r++) {
		if (keep != NULL && !keep(cap, r, ctx))
			continue;
		for (size_t i = 0; i < n; i++) {
			v[i] = crm_table_cell(cap, r, (size_t)src[i]);
			if (*v[i] == '\0' && alt[i] != -1)
				v[i] = crm_table_cell(cap, r, (size_t)alt[i]);
		}
		crm_rtable_row(t, v);
	}
out:
	free(src);
	free(alt);
	free(v);
	return t;
}

/* The first row of cap whose column col is value, or -1. */
static long
find_row(const struct crm_table *cap, long col, const char *value)
{
	for (size_t r = 0; col >= 0 && r < crm_table_nrows(cap); r++)
		if (strcmp(crm_table_cell(cap, r, (size_t)col), value) == 0)
			return (long)r;
	return -1;
}

#define NCOLS(a) (sizeof (a) / sizeof (a)[0])

/* ------------------------------------------------------------------ */
/* Health: crm-health's table, the last recorded run beside it, and the
 * trend of the runs crm-health --record kept. */

static const struct {
	const char *check;		/* crm-health's name */
	const char *label;		/* shown */
} checks[] = {
	{ "freshness", "客户信息新鲜度" },
	{ "task_closure", "任务按时闭环" },
	{ "policy_sync", "跨角色政策同步" },
	{ "decision_basis", "决策依据" },
	{ "total", "总分" },
};

/* The label shown for one of crm-health's checks. */
static const char *
check_label(const char *check)
{
	for (size_t i = 0; i < NCOLS(checks); i++)
		if (strcmp(checks[i].check, check) == 0)
			return checks[i].label;
	return check;
}

/* The value of check in the rows of hist dated day, or "". */
static const char *
hist_value(const struct crm_table *hist, const char *day, const char *check)
{
	for (size_t r = 0; r < crm_table_nrows(hist); r++)
		if (strcmp(crm_table_cell(hist, r, 0), day) == 0 &&
		    strcmp(crm_table_cell(hist, r, 1), check) == 0)
			return crm_table_cell(hist, r, 2);
	return "";
}

/* The table of this run with the previous recorded value. */
static int
health_now(struct crm_rsection *s, const struct crm_table *cur,
    const struct crm_table *hist, struct crm_error *err)
{
	static const char *const src[] = { "check", "value", "verdict",
	    "healthy", "risk", "risk_value", "counts" };
	const char *prev = crm_table_nrows(hist) > 0 ?
	    crm_table_cell(hist, crm_table_nrows(hist) - 1, 0) : NULL;
	long c[NCOLS(src)];
	struct crm_rtable *t;
	char head[64];

	for (size_t i = 0; i < NCOLS(src); i++)
		if ((c[i] = need_col(cur, "crm-health", src[i], err)) == -1)
			return -1;
	snprintf(head, sizeof head, "上次 %s", prev ? prev : "");
	t = crm_report_table(s, "本期 This run", 9);
	crm_rtable_col(t, 0, "检查项", CRM_RK_TEXT, 0);
	crm_rtable_col(t, 1, "check", CRM_RK_TEXT, CRM_RC_WIDE);
	crm_rtable_col(t, 2, "值 value", CRM_RK_PCT, 0);
	crm_rtable_col(t, 3, "结论 verdict", CRM_RK_TEXT, CRM_RC_BADGE);
	crm_rtable_col(t, 4, prev ? head : "上次", CRM_RK_PCT, 0);
	crm_rtable_col(t, 5, "健康标准 healthy", CRM_RK_TEXT, CRM_RC_WIDE);
	crm_rtable_col(t, 6, "风险标准 risk", CRM_RK_TEXT, CRM_RC_WIDE);
	crm_rtable_col(t, 7, "风险值 risk_value", CRM_RK_NUM, CRM_RC_WIDE);
	crm_rtable_col(t, 8, "计数 counts", CRM_RK_TEXT, CRM_RC_WIDE);
	for (size_t r = 0; r < crm_table_nrows(cur); r++) {
		const char *check = crm_table_cell(cur, r, (size_t)c[0]);
		const char *v[9];

		v[0] = check_label(check);
		v[1] = check;
		v[2] = crm_table_cell(cur, r, (size_t)c[1]);
		v[3] = crm_table_cell(cur, r, (size_t)c[2]);
		v[4] = prev ? hist_value(hist, prev, check) : "";
		v[5] = crm_table_cell(cur, r, (size_t)c[3]);
		v[6] = crm_table_cell(cur, r, (size_t)c[4]);
		v[7] = crm_table_cell(cur, r, (size_t)c[5]);
		v[8] = crm_table_cell(cur, r, (size_t)c[6]);
		crm_rtable_row(t, v);
	}
	return 0;
}

/* The trend: a row per recorded run and this one, a column per check. */
static void
health_trend(struct crm_rsection *s, const struct crm_table *cur,
    const struct crm_table *hist, const char *today)
{
	struct crm_rtable *t = crm_report_table(s, "趋势 Trend", NCOLS(checks) + 1);
	const char *v[NCOLS(checks) + 1];
	long cc = crm_table_col(cur, "check"), cv = crm_table_col(cur, "value");

	t->detail = true;
	crm_rtable_col(t, 0, "日期 as_of", CRM_RK_TEXT, 0);
	for (size_t k = 0; k < NCOLS(checks); k++)
		crm_rtable_col(t, k + 1, checks[k].label, CRM_RK_PCT, 0);
	for (size_t r = 0; r < crm_table_nrows(hist); r++) {
		const char *day = crm_table_cell(hist, r, 0);

		if (r > 0 && strcmp(day, crm_table_cell(hist, r - 1, 0)) == 0)
			continue;
		v[0] = day;
		for (size_t k = 0; k < NCOLS(checks); k++)
			v[k + 1] = hist_value(hist, day, checks[k].check);
		crm_rtable_row(t, v);
	}
	v[0] = today;
	for (size_t k = 0; k < NCOLS(checks); k++) {
		long row = find_row(cur, cc, checks[k].check);

		v[k + 1] = row >= 0 ? crm_table_cell(cur, (size_t)row, (size_t)cv) : "";
	}
	crm_rtable_row(t, v);
	crm_report_chart(s, CRM_CHART_LINE, "健康度趋势 Health trend (%)",
	    s->ntables - 1, 0, 1, NCOLS(checks));
}

/* Health: crm-health over the store, crm_health_history() for the
 * trend. */
int
crm_report_health(const struct crm_report_opts *o, struct crm_report *r,
    struct crm_rsection *s, struct crm_error *err)
{
	struct crm_table *cur = crm_table_new(), *hist = crm_table_new();
	struct crm_writer_opts hw = capture(hist);
	struct crm_health_opts ho;
	struct crm_health_result res;
	long total;
	int rc;

	memset(&ho, 0, sizeof ho);
	ho.customers = crm_store_paths(CRM_KIND_CUSTOMERS);
	ho.activities = crm_store_paths(CRM_KIND_ACTIVITIES);
	ho.tasks = crm_store_paths(CRM_KIND_TASKS);
	ho.policies = crm_store_paths(CRM_KIND_POLICIES);
	ho.decisions = crm_store_paths(CRM_KIND_DECISIONS);
	ho.by = CRM_BY_NONE;
	ho.as_of = o->as_of;
	ho.window = HEALTH_WINDOW;
	ho.tz = o->tz;
	crm_health_thresholds_default(&ho.thr);
	ho.input = o->input;
	ho.out = capture(cur);
	if ((rc = crm_health_run(&ho, NULL, &res, err)) != CRM_EXIT_OK ||
	    (rc = crm_health_history(o->db, o->as_of, HEALTH_RUNS, &hw, NULL,
	    err)) != CRM_EXIT_OK)
		goto out;
	rc = CRM_EXIT_ERROR;
	if (health_now(s, cur, hist, err) == -1)
		goto out;
	health_trend(s, cur, hist, r->as_of_label);
	crm_report_note(s, "crm-health 的四项自检 (任务、政策回执、决策取截至 %s "
	    "的 %d 天), 以及 crm-health --record 记录的最近 %d 次结果.",
	    r->as_of_label, HEALTH_WINDOW, HEALTH_RUNS);
	if (res.unknown > 0)
		crm_report_note(s, "%ld 条记录的销售不在销售名单中.", res.unknown);
	total = find_row(cur, crm_table_col(cur, "check"), "total");
	if (total >= 0) {
		char note[600];

		snprintf(note, sizeof note, "%s; %s",
		    crm_table_cell(cur, (size_t)total,
		    (size_t)crm_table_col(cur, "verdict")),
		    crm_table_cell(cur, (size_t)total,
		    (size_t)crm_table_col(cur, "counts")));
		crm_report_headline(r, s, "管理健康度 health score",
		    crm_table_cell(cur, (size_t)total,
		    (size_t)crm_table_col(cur, "value")), CRM_RK_PCT, note);
	}
	rc = CRM_EXIT_OK;
out:
	crm_table_free(cur);
	crm_table_free(hist);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Freshness: crm-stale -b region and -b rep. */

/* Run crm-stale's summary by `by` into cap. */
static int
stale_by(const struct crm_report_opts *o, enum crm_group_by by,
    struct crm_table *cap, struct crm_error *err)
{
	struct crm_stale_opts so;

	memset(&so, 0, sizeof so);
	so.days = STALE_DAYS;
	so.as_of = o->as_of;
	so.tz = o->tz;
	so.by = by;
	so.customers = crm_store_paths(CRM_KIND_CUSTOMERS);
	so.activities = crm_store_paths(CRM_KIND_ACTIVITIES);
	so.reps = by == CRM_BY_REP ? "@reps" : NULL;
	so.input = o->input;
	so.out = capture(cap);
	return crm_stale_run(&so, NULL, err);
}

/* A row of the rep table, for sorting: the worst first. */
struct rep_row {
	char **cells;			/* the row's cells in the table */
	double pct, stale;		/* stale share and count */
	size_t at;			/* crm-stale's order, the last key */
	bool total;			/* the (total) row, kept last */
};

static int
cmp_rep_rows(const void *pa, const void *pb)
{
	const struct rep_row *a = pa, *b = pb;

	if (a->total != b->total)
		return a->total ? 1 : -1;
	if (a->pct != b->pct)
		return a->pct > b->pct ? -1 : 1;
	if (a->stale != b->stale)
		return a->stale > b->stale ? -1 : 1;
	return a->at < b->at ? -1 : a->at > b->at;
}

/* Put the reps with the largest stale share (then count) first, the
 * total last: a manager reads the table from the top.  Only the order
 * changes; pct and stale are the columns of those numbers. */
static void
worst_first(struct crm_rtable *t, size_t pct, size_t stale)
{
	struct rep_row *rows = crm_xmalloc((t->nrows + 1) * sizeof *rows);
	char **cells = crm_xmalloc((t->nrows * t->ncols + 1) * sizeof *cells);

	for (size_t r = 0; r < t->nrows; r++) {
		rows[r].cells = t->cells + r * t->ncols;
		rows[r].pct = strtod(crm_rtable_cell(t, r, pct), NULL);
		rows[r].stale = strtod(crm_rtable_cell(t, r, stale), NULL);
		rows[r].at = r;
		rows[r].total = strcmp(crm_rtable_cell(t, r, 0), "(total)") == 0;
	}
	crm_sort(rows, t->nrows, sizeof *rows, cmp_rep_rows);
	for (size_t r = 0; r < t->nrows; r++)
		memcpy(cells + r * t->ncols, rows[r].cells,
		    t->ncols * sizeof *cells);
	free(t->cells);
	t->cells = cells;
	t->cap = t->nrows * t->ncols + 1;
	free(rows);
}

/* Freshness: crm-stale -b region and -b rep, the buckets as stacked
 * bars. */
int
crm_report_freshness(const struct crm_report_opts *o, struct crm_report *r,
    struct crm_rsection *s, struct crm_error *err)
{
	static const struct vcol regions[] = {
		{ "region", "区域 region", CRM_RK_TEXT, 0, NULL },
		{ "customers", "客户 customers", CRM_RK_INT, 0, NULL },
		{ "stale", "陈旧 stale", CRM_RK_INT, 0, NULL },
		{ "stale_pct", "陈旧占比 stale %", CRM_RK_PCT, 0, NULL },
		{ "days_0_30", "0–30 天", CRM_RK_INT, 0, NULL },
		{ "days_31_60", "31–60 天", CRM_RK_INT, 0, NULL },
		{ "days_61_90", "61–90 天", CRM_RK_INT, 0, NULL },
		{ "days_over_90", ">90 天", CRM_RK_INT, 0, NULL },
		{ "never", "从未 never", CRM_RK_INT, 0, NULL },
	};
	static const struct vcol reps[] = {
		{ "rep_id", "rep_id", CRM_RK_TEXT, CRM_RC_WIDE, NULL },
		{ "name", "销售 rep", CRM_RK_TEXT, 0, "rep_id" },
		{ "customers", "客户 customers", CRM_RK_INT, 0, NULL },
		{ "stale", "陈旧 stale", CRM_RK_INT, 0, NULL },
		{ "stale_pct", "陈旧占比 stale %", CRM_RK_PCT, 0, NULL },
		{ "days_0_30", "0–30 天", CRM_RK_INT, CRM_RC_WIDE, NULL },
		{ "days_31_60", "31–60 天", CRM_RK_INT, CRM_RC_WIDE, NULL },
		{ "days_61_90", "61–90 天", CRM_RK_INT, CRM_RC_WIDE, NULL },
		{ "days_over_90", ">90 天", CRM_RK_INT, CRM_RC_WIDE, NULL },
		{ "never", "从未 never", CRM_RK_INT, CRM_RC_WIDE, NULL },
	};
	struct crm_table *reg = crm_table_new(), *rep = crm_table_new();
	struct crm_rtable *t, *tr;
	long total;
	int rc;

	if ((rc = stale_by(o, CRM_BY_REGION, reg, err)) != CRM_EXIT_OK ||
	    (rc = stale_by(o, CRM_BY_REP, rep, err)) != CRM_EXIT_OK)
		goto out;
	rc = CRM_EXIT_ERROR;
	if ((t = view(s, "按区域 By region", reg, "crm-stale", regions,
	    NCOLS(regions), NULL, NULL, err)) == NULL ||
	    (tr = view(s, "按销售 By rep (陈旧占比从高到低)", rep,
	    "crm-stale", reps, NCOLS(reps), NULL, NULL, err)) == NULL)
		goto out;
	worst_first(tr, 4, 3);
	crm_report_chart(s, CRM_CHART_STACKED,
	    "距最后一次跟进的天数 Days since last touch (share of customers)",
	    0, 0, 4, 8);
	crm_report_note(s, "陈旧: 超过 %d 天无人跟进, 或从未跟进 (crm-stale "
	    "-d %d); 最后一次跟进取 updated_at 与最近一次活动中较晚者.",
	    STALE_DAYS, STALE_DAYS);
	total = find_row(reg, crm_table_col(reg, "region"), "(total)");
	if (total >= 0) {
		char note[128];

		snprintf(note, sizeof note, "%s / %s 位客户",
		    crm_table_cell(reg, (size_t)total,
		    (size_t)crm_table_col(reg, "stale")),
		    crm_table_cell(reg, (size_t)total,
		    (size_t)crm_table_col(reg, "customers")));
		crm_report_headline(r, s, "陈旧客户占比 stale > 90 days",
		    crm_table_cell(reg, (size_t)total,
		    (size_t)crm_table_col(reg, "stale_pct")), CRM_RK_PCT, note);
	}
	rc = CRM_EXIT_OK;
out:
	crm_table_free(reg);
	crm_table_free(rep);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The weekly Top 10: crm-score --week W --top 10, per-action points. */

/* Say in s's note what crm-score saw but did not score. */
static void
score_notes(struct crm_rsection *s, const struct crm_score_result *res)
{
	for (size_t i = 0; i < res->nunknown; i++)
		crm_report_note(s, "%ld 条活动的类型 '%s' 没有权重, 计 0 分.",
		    res->unknown[i].count, res->unknown[i].type[0] ?
		    res->unknown[i].type : "(空)");
	if (res->no_rep > 0)
		crm_report_note(s, "%ld 条活动没有 rep_id, 未计分.", res->no_rep);
	if (res->unlisted > 0)
		crm_report_note(s, "%ld 名有活动的销售不在销售名单中 (如 '%s').",
		    res->unlisted, res->unlisted_ex);
	if (res->in_window == 0)
		crm_report_note(s, "本周没有活动.");
}

/* The Top 10 table: rank, who, score, activities, each type's points,
 * then crm-score's last columns. */
static struct crm_rtable *
top_table(struct crm_rsection *s, const struct crm_table *cap,
    struct crm_error *err)
{
	static const char *const fixed[] = { "rank", "rep_id", "name", "region",
	    "score", "activities", "unknown", "advanced_visits" };
	long c[NCOLS(fixed)];
	size_t ntypes, n, k;
	struct crm_rtable *t;
	const char **v;

	for (size_t i = 0; i < NCOLS(fixed); i++)
		if ((c[i] = need_col(cap, "crm-score", fixed[i], err)) == -1)
			return NULL;
	/* the per-type points are the columns between activities and
	 * unknown, one per weighted type seen */
	ntypes = (size_t)(c[6] - c[5] - 1);
	n = 8 + ntypes;
	t = crm_report_table(s, NULL, n);
	crm_rtable_col(t, 0, "名次 rank", CRM_RK_INT, 0);
	crm_rtable_col(t, 1, "销售 rep", CRM_RK_TEXT, 0);
	crm_rtable_col(t, 2, "rep_id", CRM_RK_TEXT, CRM_RC_WIDE);
	crm_rtable_col(t, 3, "区域 region", CRM_RK_TEXT, 0);
	crm_rtable_col(t, 4, "得分 score", CRM_RK_NUM, 0);
	crm_rtable_col(t, 5, "活动 activities", CRM_RK_INT, 0);
	for (k = 0; k < ntypes; k++)
		crm_rtable_col(t, 6 + k, crm_table_name(cap, (size_t)c[5] + 1 + k),
		    CRM_RK_NUM, CRM_RC_WIDE);
	crm_rtable_col(t, 6 + ntypes, "未知类型 unknown", CRM_RK_INT, CRM_RC_WIDE);
	crm_rtable_col(t, 7 + ntypes, "推进的拜访 advanced_visits", CRM_RK_INT,
	    CRM_RC_WIDE);
	v = crm_xmalloc((n + 1) * sizeof *v);
	for (size_t r = 0; r < crm_table_nrows(cap); r++) {
		const char *name = crm_table_cell(cap, r, (size_t)c[2]);

		v[0] = crm_table_cell(cap, r, (size_t)c[0]);
		/* a rep missing from the reps file has no name: its id */
		v[1] = *name ? name : crm_table_cell(cap, r, (size_t)c[1]);
		v[2] = crm_table_cell(cap, r, (size_t)c[1]);
		v[3] = crm_table_cell(cap, r, (size_t)c[3]);
		v[4] = crm_table_cell(cap, r, (size_t)c[4]);
		v[5] = crm_table_cell(cap, r, (size_t)c[5]);
		for (k = 0; k < ntypes; k++)
			v[6 + k] = crm_table_cell(cap, r, (size_t)c[5] + 1 + k);
		v[6 + ntypes] = crm_table_cell(cap, r, (size_t)c[6]);
		v[7 + ntypes] = crm_table_cell(cap, r, (size_t)c[7]);
		crm_rtable_row(t, v);
	}
	free(v);
	return t;
}

/* The Top 10 of the report's week, the scores as bars. */
int
crm_report_top(const struct crm_report_opts *o, struct crm_report *r,
    struct crm_rsection *s, struct crm_error *err)
{
	struct crm_table *cap = crm_table_new();
	struct crm_score_opts so;
	struct crm_score_result res;
	struct crm_rtable *t;
	char from[16], to[16];
	int rc;

	memset(&so, 0, sizeof so);
	so.from = o->week;
	so.to = o->week + 6;
	so.week_window = true;
	so.advance_weight = CRM_SCORE_ADVANCE_DEFAULT;
	so.top = 10;
	so.by = CRM_BY_REP;
	so.reps = "@reps";
	so.activities = crm_store_paths(CRM_KIND_ACTIVITIES);
	so.tz = o->tz;
	so.input = o->input;
	so.out = capture(cap);
	rc = crm_score_run(&so, NULL, &res, err);
	if (rc != CRM_EXIT_OK)
		goto out;
	rc = CRM_EXIT_ERROR;
	if ((t = top_table(s, cap, err)) == NULL)
		goto out;
	crm_report_chart(s, CRM_CHART_BAR, "本周得分 Score this week", 0, 1, 4, 4);
	crm_date_format(so.from, from);
	crm_date_format(so.to, to);
	crm_report_note(s, "ISO 周 %s (%s..%s), crm-score 内置权重: 每类动作的"
	    "得分 = 次数 × 权重, 同分同名次.", r->week_label, from, to);
	score_notes(s, &res);
	if (res.in_window == 0) {
		crm_report_headline(r, s, "本周第一 top score", "", CRM_RK_NUM,
		    "本周没有活动 no activities");
	} else if (t->nrows > 0) {
		char note[300];

		snprintf(note, sizeof note, "%s%s", crm_rtable_cell(t, 0, 1),
		    t->nrows > 1 && strcmp(crm_rtable_cell(t, 1, 0), "1") == 0 ?
		    ", 并列 tied" : "");
		crm_report_headline(r, s, "本周第一 top score",
		    crm_rtable_cell(t, 0, 4), CRM_RK_NUM, note);
	}
	rc = CRM_EXIT_OK;
out:
	crm_score_result_free(&res);
	crm_table_free(cap);
	return rc;
}

/* ------------------------------------------------------------------ */
/* CLCC: crm-clcc -p quarter -b region (and the whole, as one group). */

/* Run crm-clcc by quarter, grouped by `by`, into cap. */
static int
clcc_by(const struct crm_report_opts *o, enum crm_clcc_by by,
    struct crm_table *cap, struct crm_clcc_notes *notes, struct crm_error *err)
{
	static const char *customers[] = { "@customers", NULL };
	struct crm_clcc_opts co = CRM_CLCC_OPTS_INIT;

	co.period = CRM_PERIOD_QUARTER;
	co.by = by;
	co.customers = customers;
	co.ledgers = crm_store_paths(CRM_KIND_LEDGER);
	co.as_of = o->as_of;
	co.tz = o->tz;
	co.input = o->input;
	co.out = capture(cap);
	return crm_clcc_run(&co, NULL, notes, err);
}

/* Keep the last row of each group: crm-clcc writes a group's periods up
 * to the as-of quarter, so that row is the as-of quarter's. */
static bool
keep_last(const struct crm_table *cap, size_t row, void *ctx)
{
	(void)ctx;
	return row + 1 == crm_table_nrows(cap) ||
	    strcmp(crm_table_cell(cap, row, 0), crm_table_cell(cap, row + 1, 0)) != 0;
}

/* Whether label is among labels[0..n). */
static bool
has_label(const char **labels, size_t n, const char *label)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(labels[i], label) == 0)
			return true;
	return false;
}

/* qsort order of strings: byte order. */
static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The clcc of group in period, from cap (key column 0), or "". */
static const char *
clcc_at(const struct crm_table *cap, long cp, long cc, const char *group,
    const char *period)
{
	for (size_t r = 0; r < crm_table_nrows(cap); r++)
		if (strcmp(crm_table_cell(cap, r, 0), group) == 0 &&
		    strcmp(crm_table_cell(cap, r, (size_t)cp), period) == 0)
			return crm_table_cell(cap, r, (size_t)cc);
	return "";
}

/* The trend: a row per quarter (the last CLCC_QUARTERS), a column per
 * region and one for the whole. */
static void
clcc_trend(struct crm_rsection *s, const struct crm_table *reg,
    const struct crm_table *all)
{
	const struct crm_table *caps[2] = { reg, all };
	size_t nr = crm_table_nrows(reg), na = crm_table_nrows(all);
	const char **periods = crm_xmalloc((nr + na + 1) * sizeof *periods);
	const char **groups = crm_xmalloc((nr + 2) * sizeof *groups);
	const char **v;
	size_t np = 0, ng = 0, first;
	struct crm_rtable *t;

	for (int k = 0; k < 2; k++) {
		long cp = crm_table_col(caps[k], "period");

		for (size_t r = 0; r < crm_table_nrows(caps[k]); r++) {
			const char *p = crm_table_cell(caps[k], r, (size_t)cp);
			const char *g = crm_table_cell(caps[k], r, 0);

			if (!has_label(periods, np, p))
				periods[np++] = p;
			if (k == 0 && !has_label(groups, ng, g))
				groups[ng++] = g;
		}
	}
	if (na > 0)
		groups[ng++] = crm_table_cell(all, 0, 0);
	crm_sort(periods, np, sizeof *periods, cmp_str);
	first = np > CLCC_QUARTERS ? np - CLCC_QUARTERS : 0;
	t = crm_report_table(s, "CLCC 趋势 Trend by quarter", ng + 1);
	t->detail = true;
	crm_rtable_col(t, 0, "季度 quarter", CRM_RK_TEXT, 0);
	for (size_t g = 0; g < ng; g++)
		crm_rtable_col(t, g + 1, groups[g], CRM_RK_NUM, 0);
	v = crm_xmalloc((ng + 2) * sizeof *v);
	for (size_t p = first; p < np; p++) {
		v[0] = periods[p];
		for (size_t g = 0; g < ng; g++) {
			const struct crm_table *c = na > 0 && g + 1 == ng ? all : reg;

			v[g + 1] = clcc_at(c, crm_table_col(c, "period"),
			    crm_table_col(c, "clcc"), groups[g], periods[p]);
		}
		crm_rtable_row(t, v);
	}
	if (ng > 0 && np > 0)
		crm_report_chart(s, CRM_CHART_LINE, "CLCC 趋势 CLCC by quarter",
		    s->ntables - 1, 0, 1, ng);
	free(v);
	free(periods);
	free(groups);
}

/* Say what crm-clcc counted apart. */
static void
clcc_notes(struct crm_rsection *s, const struct crm_clcc_notes *n)
{
	if (n->future > 0)
		crm_report_note(s, "%ld 条台账记录晚于截止日, 未计入.", n->future);
	if (n->unknown > 0)
		crm_report_note(s, "%ld 条台账记录的客户不在客户表中 (如 '%s'), "
		    "计入 (unknown).", n->unknown, n->unknown_ex);
	if (n->other_sub > 0)
		crm_report_note(s, "%ld 条失败成本的 sub_kind 未知 (如 '%s').",
		    n->other_sub, n->other_sub_ex);
}

/* CLCC: the as-of quarter per region and overall, then the trend. */
int
crm_report_clcc(const struct crm_report_opts *o, struct crm_report *r,
    struct crm_rsection *s, struct crm_error *err)
{
	static const struct vcol cols[] = {
		{ "region", "区域 region", CRM_RK_TEXT, 0, NULL },
		{ "period", "季度 quarter", CRM_RK_TEXT, 0, NULL },
		{ "acquisition", "获客 acquisition", CRM_RK_MONEY, CRM_RC_WIDE, NULL },
		{ "service", "服务 service", CRM_RK_MONEY, CRM_RC_WIDE, NULL },
		{ "failure", "失败 failure", CRM_RK_MONEY, CRM_RC_WIDE, NULL },
		{ "cost", "成本 cost", CRM_RK_MONEY, 0, NULL },
		{ "margin", "毛利 margin", CRM_RK_MONEY, 0, NULL },
		{ "clcc", "CLCC", CRM_RK_NUM, 0, NULL },
		{ "change_rate", "环比 change", CRM_RK_RATE, 0, NULL },
		{ "status", "状态 status", CRM_RK_TEXT, 0, NULL },
	};
	struct crm_table *reg = crm_table_new(), *all = crm_table_new();
	struct crm_clcc_notes notes;
	struct crm_rtable *t;
	struct vcol allcols[NCOLS(cols)];
	int rc;

	if ((rc = clcc_by(o, CRM_CLCC_BY_REGION, reg, &notes, err)) !=
	    CRM_EXIT_OK)
		goto out;
	clcc_notes(s, &notes);
	if ((rc = clcc_by(o, CRM_CLCC_BY_ALL, all, &notes, err)) != CRM_EXIT_OK)
		goto out;
	rc = CRM_EXIT_ERROR;
	if ((t = view(s, "本季 This quarter, by region", reg, "crm-clcc", cols,
	    NCOLS(cols), keep_last, NULL, err)) == NULL)
		goto out;
	/* the whole, as crm-clcc's one group "all", under the regions */
	memcpy(allcols, cols, sizeof cols);
	allcols[0].src = "group";
	if (crm_table_nrows(all) > 0) {
		const char *v[NCOLS(cols)];
		long c;

		for (size_t i = 0; i < NCOLS(cols); i++) {
			if ((c = need_col(all, "crm-clcc", allcols[i].src, err)) == -1)
				goto out;
			v[i] = crm_table_cell(all, crm_table_nrows(all) - 1, (size_t)c);
		}
		crm_rtable_row(t, v);
	}
	clcc_trend(s, reg, all);
	crm_report_note(s, "CLCC = (获客 + 服务 + 失败成本) ÷ 毛利, 截至 %s 的季度; "
	    "环比 = 本季 CLCC ÷ 上季 CLCC − 1 (crm-clcc -p quarter -b region). "
	    "毛利 ≤ 0 时 CLCC 无定义, 见状态列.", r->as_of_label);
	if (t->nrows > 0 && crm_table_nrows(all) > 0) {
		size_t last = t->nrows - 1;
		char label[64], note[160], buf[64];
		const char *status = crm_rtable_cell(t, last, 9);

		snprintf(label, sizeof label, "CLCC %s", crm_rtable_cell(t, last, 1));
		if (strcmp(status, "ok") == 0)
			snprintf(note, sizeof note, "环比 change %s",
			    crm_report_display(CRM_RK_RATE, crm_rtable_cell(t,
			    last, 8), buf, sizeof buf));
		else
			snprintf(note, sizeof note, "%s", status);
		crm_report_headline(r, s, label, crm_rtable_cell(t, last, 7),
		    CRM_RK_NUM, note);
	} else {
		crm_report_headline(r, s, "CLCC", "", CRM_RK_NUM,
		    "没有台账 no ledger entries");
	}
	rc = CRM_EXIT_OK;
out:
	crm_table_free(reg);
	crm_table_free(all);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The decision heat map: crm-hotlist -b region, then its rows. */

/* Run crm-hotlist with its defaults (contracts ending within 7 days, 2
 * mentions in 90 days) into cap. */
static int
hotlist(const struct crm_report_opts *o, bool by_region, struct crm_table *cap,
    struct crm_error *err)
{
	struct crm_hotlist_opts ho;

	memset(&ho, 0, sizeof ho);
	ho.customers = crm_store_paths(CRM_KIND_CUSTOMERS);
	ho.activities = crm_store_paths(CRM_KIND_ACTIVITIES);
	ho.within = 7;
	ho.mentions = 2;
	ho.lookback = 90;
	ho.by_region = by_region;
	ho.as_of = o->as_of;
	ho.tz = o->tz;
	ho.input = o->input;
	ho.out = capture(cap);
	return crm_hotlist_run(&ho, NULL, err);
}

/* The heat map: region, accounts, then the days-left buckets, which
 * depend on --within. */
static struct crm_rtable *
heat_table(struct crm_rsection *s, const struct crm_table *cap,
    struct crm_error *err)
{
	static const struct {
		const char *col, *head;
	} heads[] = {
		{ "region", "区域 region" }, { "accounts", "客户 accounts" },
		{ "days_1", "1 天" }, { "days_2_3", "2–3 天" },
		{ "days_4_7", "4–7 天" },
	};
	size_t n = crm_table_ncols(cap);
	struct vcol c[16];

	if (n < 2 || n > NCOLS(c)) {
		crm_error_set(err, NULL, 0, 0, "crm-hotlist wrote %zu columns "
		    "(the report and the tool disagree)", n);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		const char *name = crm_table_name(cap, i);

		c[i].src = name;
		c[i].head = name;
		for (size_t k = 0; k < NCOLS(heads); k++)
			if (strcmp(heads[k].col, name) == 0)
				c[i].head = heads[k].head;
		c[i].kind = i == 0 ? CRM_RK_TEXT : CRM_RK_INT;
		c[i].flags = i >= 2 ? CRM_RC_HEAT : 0;
		c[i].alt = NULL;
	}
	return view(s, "按区域与剩余天数 By region and days left", cap,
	    "crm-hotlist", c, n, NULL, NULL, err);
}

/* The heat map, then the accounts in it. */
int
crm_report_hotlist(const struct crm_report_opts *o, struct crm_report *r,
    struct crm_rsection *s, struct crm_error *err)
{
	static const struct vcol rows[] = {
		{ "customer_id", "customer_id", CRM_RK_TEXT, CRM_RC_WIDE, NULL },
		{ "name", "客户 customer", CRM_RK_TEXT, 0, NULL },
		{ "region", "区域 region", CRM_RK_TEXT, 0, NULL },
		{ "rep_id", "rep_id", CRM_RK_TEXT, CRM_RC_WIDE, NULL },
		{ "contract_end", "合同到期 contract_end", CRM_RK_TEXT, 0, NULL },
		{ "days_left", "剩余天数 days_left", CRM_RK_INT, 0, NULL },
		{ "mentions", "竞品提及 mentions", CRM_RK_INT, 0, NULL },
		{ "competitors", "竞品 competitors", CRM_RK_TEXT, 0, NULL },
		{ "last_touch", "最后跟进 last_touch", CRM_RK_TEXT, CRM_RC_WIDE, NULL },
		{ "next_action", "下次关键动作 next_action", CRM_RK_TEXT,
		    CRM_RC_WIDE, NULL },
	};
	struct crm_table *map = crm_table_new(), *list = crm_table_new();
	long total;
	int rc;

	if ((rc = hotlist(o, true, map, err)) != CRM_EXIT_OK ||
	    (rc = hotlist(o, false, list, err)) != CRM_EXIT_OK)
		goto out;
	rc = CRM_EXIT_ERROR;
	if (heat_table(s, map, err) == NULL ||
	    view(s, "客户 Accounts", list, "crm-hotlist", rows, NCOLS(rows),
	    NULL, NULL, err) == NULL)
		goto out;
	crm_report_note(s, "重点客户中合同在 %s 之后 7 天内到期, 且近 90 天内竞品"
	    "被提及至少 2 次者 (crm-hotlist).", r->as_of_label);
	total = find_row(map, 0, "(total)");
	if (total >= 0)
		crm_report_headline(r, s, "决策热点客户 hot accounts",
		    crm_table_cell(map, (size_t)total, 1), CRM_RK_INT,
		    "7 天内到期且竞品在场");
	rc = CRM_EXIT_OK;
out:
	crm_table_free(map);
	crm_table_free(list);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Rule violations and escalations: crm-rules with the built-in rules. */

/* Whether a violation row is an escalation: its action (crm-rules(5))
 * is escalate.  The caller checked that the column is there. */
static bool
keep_escalation(const struct crm_table *cap, size_t row, void *ctx)
{
	(void)ctx;
	return strcmp(crm_table_cell(cap, row,
	    (size_t)crm_table_col(cap, "action")), "escalate") == 0;
}

/* Whether a violation row is not an escalation. */
static bool
keep_violation(const struct crm_table *cap, size_t row, void *ctx)
{
	return !keep_escalation(cap, row, ctx);
}

/* Violations, then escalations, with their counts as headlines. */
int
crm_report_rules(const struct crm_report_opts *o, struct crm_report *r,
    struct crm_rsection *s, struct crm_error *err)
{
	static const struct vcol viols[] = {
		{ "severity", "级别 severity", CRM_RK_TEXT, CRM_RC_BADGE, NULL },
		{ "rule", "规则 rule", CRM_RK_TEXT, 0, NULL },
		{ "subject_kind", "对象 kind", CRM_RK_TEXT, CRM_RC_WIDE, NULL },
		{ "subject_id", "对象 subject", CRM_RK_TEXT, 0, NULL },
		{ "rep_id", "销售 rep", CRM_RK_TEXT, 0, NULL },
		{ "notify", "通知 notify", CRM_RK_TEXT, CRM_RC_WIDE, NULL },
		{ "action", "处置 action", CRM_RK_TEXT, 0, NULL },
		{ "since", "起始 since", CRM_RK_TEXT, CRM_RC_WIDE, NULL },
		{ "detail", "详情 detail", CRM_RK_TEXT, CRM_RC_WIDE, NULL },
	};
	static const struct vcol escs[] = {
		{ "subject_id", "任务 task", CRM_RK_TEXT, 0, NULL },
		{ "rep_id", "负责人 assignee", CRM_RK_TEXT, 0, NULL },
		{ "notify", "升级至 escalated to", CRM_RK_TEXT, 0, NULL },
		{ "since", "起始 since", CRM_RK_TEXT, 0, NULL },
		{ "detail", "详情 detail", CRM_RK_TEXT, CRM_RC_WIDE, NULL },
	};
	struct crm_table *cap = crm_table_new();
	struct crm_rules_opts ro;
	struct crm_rtable *v, *e;
	long red = 0, amber = 0, sev;
	char note[128], count[24];
	int rc;

	memset(&ro, 0, sizeof ro);
	ro.customers = crm_store_paths(CRM_KIND_CUSTOMERS);
	ro.activities = crm_store_paths(CRM_KIND_ACTIVITIES);
	ro.tasks = crm_store_paths(CRM_KIND_TASKS);
	ro.reps = "@reps";
	ro.fail_on = CRM_SEV_NONE;
	ro.as_of = o->as_of;
	ro.tz = o->tz;
	ro.input = o->input;
	ro.out = capture(cap);
	if ((rc = crm_rules_run(&ro, NULL, err)) != CRM_EXIT_OK)
		goto out;
	rc = CRM_EXIT_ERROR;
	if ((sev = need_col(cap, "crm-rules", "severity", err)) == -1 ||
	    need_col(cap, "crm-rules", "action", err) == -1 ||
	    (v = view(s, "违规 Violations", cap, "crm-rules", viols,
	    NCOLS(viols), keep_violation, NULL, err)) == NULL ||
	    (e = view(s, "升级 Escalations (overdue tasks)", cap, "crm-rules",
	    escs, NCOLS(escs), keep_escalation, NULL, err)) == NULL)
		goto out;
	for (size_t i = 0; i < v->nrows; i++) {
		red += strcmp(crm_rtable_cell(v, i, 0), "red") == 0;
		amber += strcmp(crm_rtable_cell(v, i, 0), "amber") == 0;
	}
	crm_report_note(s, "crm-rules 内置规则: 72 小时首访 (时效熔断)、处方审核→"
	    "库存扣减→物流派单、执业药师签字页、逾期任务升级至区域总监.");
	snprintf(count, sizeof count, "%zu", v->nrows);
	snprintf(note, sizeof note, "red %ld, amber %ld", red, amber);
	crm_report_headline(r, s, "流程违规 violations", count, CRM_RK_INT, note);
	snprintf(count, sizeof count, "%zu", e->nrows);
	crm_report_headline(r, s, "逾期升级 escalations", count, CRM_RK_INT,
	    "逾期未闭环的任务");
	rc = CRM_EXIT_OK;
out:
	crm_table_free(cap);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Task closure by manager: crm-tasks' roll-up, the managers' rows. */

/* Whether the rep of row manages another rep of the roll-up. */
static bool
keep_manager(const struct crm_table *cap, size_t row, void *ctx)
{
	long id = crm_table_col(cap, "rep_id"), mgr = crm_table_col(cap,
	    "manager_id");

	(void)ctx;
	return find_row(cap, mgr, crm_table_cell(cap, row, (size_t)id)) >= 0;
}

/* The headline: overdue tasks of the whole team, the sum over the tops
 * of the tree, whose roll-ups hold every counted task between them.
 * Returns 0, or -1 with *err set when the columns are missing. */
static int
overdue_headline(struct crm_report *r, const struct crm_rsection *s,
    const struct crm_table *cap, struct crm_error *err)
{
	long lv, od, sum = 0;
	char v[24];

	if ((lv = need_col(cap, "crm-tasks", "level", err)) == -1 ||
	    (od = need_col(cap, "crm-tasks", "overdue", err)) == -1)
		return -1;
	for (size_t i = 0; i < crm_table_nrows(cap); i++)
		if (strcmp(crm_table_cell(cap, i, (size_t)lv), "0") == 0)
			sum += strtol(crm_table_cell(cap, i, (size_t)od), NULL, 10);
	snprintf(v, sizeof v, "%ld", sum);
	crm_report_headline(r, s, "逾期任务 overdue tasks", v, CRM_RK_INT,
	    "全部团队");
	return 0;
}

/* Task closure of each manager's whole team. */
int
crm_report_tasks(const struct crm_report_opts *o, struct crm_report *r,
    struct crm_rsection *s, struct crm_error *err)
{
	static const struct vcol cols[] = {
		{ "name", "经理 manager", CRM_RK_TEXT, 0, NULL },
		{ "role", "角色 role", CRM_RK_TEXT, CRM_RC_WIDE, NULL },
		{ "level", "层级 level", CRM_RK_INT, CRM_RC_WIDE, NULL },
		{ "tasks", "任务 tasks", CRM_RK_INT, 0, NULL },
		{ "open", "未到期 open", CRM_RK_INT, CRM_RC_WIDE, NULL },
		{ "overdue", "逾期 overdue", CRM_RK_INT, 0, NULL },
		{ "on_time", "按时 on_time", CRM_RK_INT, 0, NULL },
		{ "late", "延迟 late", CRM_RK_INT, CRM_RC_WIDE, NULL },
		{ "no_evidence", "无凭证 no_evidence", CRM_RK_INT, CRM_RC_WIDE, NULL },
		{ "on_time_pct", "按时率 on_time %", CRM_RK_PCT, 0, NULL },
		{ "rep_id", "rep_id", CRM_RK_TEXT, CRM_RC_WIDE, NULL },
		{ "manager_id", "上级 manager_id", CRM_RK_TEXT, CRM_RC_WIDE, NULL },
	};
	static const char *tasks[] = { "@tasks", NULL };
	struct crm_table *cap = crm_table_new();
	struct crm_tasks_opts to;
	int rc;

	memset(&to, 0, sizeof to);
	to.tasks = tasks;
	to.reps = "@reps";
	to.depth = 100;			/* every manager, with every report */
	to.as_of = o->as_of;
	to.tz = o->tz;
	to.input = o->input;
	to.out = capture(cap);
	if ((rc = crm_tasks_run(&to, NULL, err)) != CRM_EXIT_OK)
		goto out;
	rc = CRM_EXIT_ERROR;
	if (need_col(cap, "crm-tasks", "manager_id", err) == -1 ||
	    need_col(cap, "crm-tasks", "rep_id", err) == -1 ||
	    view(s, NULL, cap, "crm-tasks", cols, NCOLS(cols), keep_manager,
	    NULL, err) == NULL)
		goto out;
	crm_report_note(s, "crm-tasks 的汇总: 每位经理名下 (含所有下级) 的任务; "
	    "按时 = 在截止前完成且有凭证, 按时率不计未到期的任务.");
	if (overdue_headline(r, s, cap, err) == -1)
		goto out;
	rc = CRM_EXIT_OK;
out:
	crm_table_free(cap);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Sorting a view's rows: only the order changes. */

/* A row of a view, for sorting by one column. */
struct sort_row {
	char **cells;			/* the row's cells in the table */
	const char *key;		/* its cell in the sort column */
	size_t at;			/* the tool's order, the last key */
};

/* By key as a number, largest first, empty cells last. */
static int
cmp_num_desc(const void *pa, const void *pb)
{
	const struct sort_row *a = pa, *b = pb;
	bool ea = *a->key == '\0', eb = *b->key == '\0';
	double x, y;

	if (ea != eb)
		return ea ? 1 : -1;
	x = ea ? 0 : strtod(a->key, NULL);
	y = eb ? 0 : strtod(b->key, NULL);
	if (x != y)
		return x > y ? -1 : 1;
	return a->at < b->at ? -1 : a->at > b->at;
}

/* By key as text, in byte order (as the tools sort their groups). */
static int
cmp_text(const void *pa, const void *pb)
{
	const struct sort_row *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);

	if (c != 0)
		return c;
	return a->at < b->at ? -1 : a->at > b->at;
}

/* Put t's rows in the order cmp gives over column col, the tool's order
 * breaking ties. */
static void
sort_rows(struct crm_rtable *t, size_t col,
    int (*cmp)(const void *, const void *))
{
	struct sort_row *rows = crm_xmalloc((t->nrows + 1) * sizeof *rows);
	char **cells = crm_xmalloc((t->nrows * t->ncols + 1) * sizeof *cells);

	for (size_t r = 0; r < t->nrows; r++) {
		rows[r].cells = t->cells + r * t->ncols;
		rows[r].key = crm_rtable_cell(t, r, col);
		rows[r].at = r;
	}
	crm_sort(rows, t->nrows, sizeof *rows, cmp);
	for (size_t r = 0; r < t->nrows; r++)
		memcpy(cells + r * t->ncols, rows[r].cells,
		    t->ncols * sizeof *cells);
	free(t->cells);
	t->cells = cells;
	t->cap = t->nrows * t->ncols + 1;
	free(rows);
}

/* Drop the rows of t after the first n (each row's cells freed). */
static void
keep_first(struct crm_rtable *t, size_t n)
{
	for (size_t i = n * t->ncols; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	if (t->nrows > n)
		t->nrows = n;
}

/* Whether column col of row is value.  ctx is a struct match. */
struct match {
	long col;
	const char *value;
};

static bool
keep_match(const struct crm_table *cap, size_t row, void *ctx)
{
	const struct match *m = ctx;

	return strcmp(crm_table_cell(cap, row, (size_t)m->col), m->value) == 0;
}

/* How many rows of cap have value in column col. */
static size_t
count_rows(const struct crm_table *cap, long col, const char *value)
{
	size_t n = 0;

	for (size_t r = 0; col >= 0 && r < crm_table_nrows(cap); r++)
		n += strcmp(crm_table_cell(cap, r, (size_t)col), value) == 0;
	return n;
}

/* ------------------------------------------------------------------ */
/* The area board: crm-stock on the store, with its defaults. */

/* crm-stock's defaults, which the report keeps; and how many near-expiry
 * batches it shows. */
#define STOCK_WINDOW	30
#define STOCK_EXPIRY	90
#define STOCK_HOURS	24
#define EXPIRY_TOP	10

/* Run crm-stock's report `which` into cap, per region or per location. */
static int
stock_run(const struct crm_report_opts *o, enum crm_stock_report which,
    bool by_region, struct crm_table *cap, struct crm_error *err)
{
	struct crm_stock_opts so;

	memset(&so, 0, sizeof so);
	so.stock = crm_store_paths(CRM_KIND_STOCK);
	so.sales = crm_store_paths(CRM_KIND_SALES);
	so.members = crm_store_paths(CRM_KIND_MEMBERS);
	so.customers = crm_store_paths(CRM_KIND_CUSTOMERS);
	so.report = which;
	so.by_region = by_region;
	so.window = STOCK_WINDOW;
	so.expiry_days = STOCK_EXPIRY;
	so.stockout_hours = STOCK_HOURS;
	so.as_of = o->as_of;
	so.tz = o->tz;
	so.input = o->input;
	so.out = capture(cap);
	return crm_stock_run(&so, NULL, err);
}

/* "2026-11-24T16:00:00+08:00" as "2026-11-24 16:00", for a headline. */
static void
short_time(const char *ts, char *buf, size_t len)
{
	snprintf(buf, len, "%.16s", ts);
	if (strlen(buf) > 10 && buf[10] == 'T')
		buf[10] = ' ';
}

/* The headline: the ongoing stock-outs, the first of them named. */
static void
stockout_headline(struct crm_report *r, const struct crm_rsection *s,
    const struct crm_rtable *t)
{
	size_t ongoing = 0, first = 0;
	char count[24], note[400], when[32];

	for (size_t i = t->nrows; i-- > 0;)
		if (strcmp(crm_rtable_cell(t, i, 6), "ongoing") == 0) {
			ongoing++;
			first = i;
		}
	snprintf(count, sizeof count, "%zu", ongoing);
	if (ongoing == 0) {
		snprintf(note, sizeof note, "无 none; %zu 次已结束 ended",
		    t->nrows);
	} else {
		short_time(crm_rtable_cell(t, first, 4), when, sizeof when);
		snprintf(note, sizeof note, "%s %s 自 %s 断货 %s 小时%s",
		    crm_rtable_cell(t, first, 0), crm_rtable_cell(t, first, 3),
		    when, crm_rtable_cell(t, first, 7), ongoing > 1 ?
		    " 等 and more" : "");
	}
	crm_report_headline(r, s, "断货进行中 ongoing stock-outs", count,
	    CRM_RK_INT, note);
}

/* The area board: per region with the sell-through as bars, the
 * stock-outs, the near-expiry batches of most value, then every location
 * (a detail).  Omitted, with a note, when the store has no stock or no
 * sale lines. */
int
crm_report_board(const struct crm_report_opts *o, struct crm_report *r,
    struct crm_rsection *s, struct crm_error *err)
{
	static const struct vcol regions[] = {
		{ "region", "区域 region", CRM_RK_TEXT, 0, NULL },
		{ "locations", "门店/仓 locations", CRM_RK_INT, 0, NULL },
		{ "skus_held", "在库 SKU held", CRM_RK_INT, CRM_RC_WIDE, NULL },
		{ "skus_sold", "动销 SKU sold", CRM_RK_INT, CRM_RC_WIDE, NULL },
		{ "sell_through", "动销率 sell-through", CRM_RK_PCT, 0, NULL },
		{ "near_expiry", "临期 near expiry", CRM_RK_INT, 0, NULL },
		{ "expired", "过期 expired", CRM_RK_INT, CRM_RC_WIDE, NULL },
		{ "expiry_value", "临期货值 expiry value", CRM_RK_MONEY,
		    CRM_RC_WIDE, NULL },
		{ "stockouts", "断货 stock-outs", CRM_RK_INT, 0, NULL },
		{ "ongoing", "进行中 ongoing", CRM_RK_INT, CRM_RC_HEAT, NULL },
		{ "lost_units", "损失件数 lost units", CRM_RK_NUM, CRM_RC_WIDE,
		    NULL },
		{ "members_judged", "可判断会员 members judged", CRM_RK_INT,
		    CRM_RC_WIDE, NULL },
		{ "members_not_judged", "未判断 not judged", CRM_RK_INT,
		    CRM_RC_WIDE, NULL },
		{ "overdue", "复购逾期 members overdue", CRM_RK_INT, 0, NULL },
	};
	static const struct vcol outs[] = {
		{ "location_id", "门店/仓 location", CRM_RK_TEXT, 0, NULL },
		{ "region", "区域 region", CRM_RK_TEXT, 0, NULL },
		{ "kind", "类型 kind", CRM_RK_TEXT, CRM_RC_WIDE, NULL },
		{ "sku", "SKU", CRM_RK_TEXT, 0, NULL },
		{ "start", "起 start", CRM_RK_TEXT, 0, NULL },
		{ "end", "止 end", CRM_RK_TEXT, CRM_RC_WIDE, NULL },
		{ "status", "状态 status", CRM_RK_TEXT, CRM_RC_BADGE, NULL },
		{ "hours", "小时 hours", CRM_RK_NUM, 0, NULL },
		{ "avg_daily_units", "日均销量 avg daily units", CRM_RK_NUM,
		    CRM_RC_WIDE, NULL },
		{ "lost_units", "损失件数 lost units", CRM_RK_NUM, 0, NULL },
	};
	static const struct vcol batches[] = {
		{ "location_id", "门店/仓 location", CRM_RK_TEXT, 0, NULL },
		{ "region", "区域 region", CRM_RK_TEXT, CRM_RC_WIDE, NULL },
		{ "sku", "SKU", CRM_RK_TEXT, 0, NULL },
		{ "batch", "批号 batch", CRM_RK_TEXT, CRM_RC_WIDE, NULL },
		{ "expiry", "效期 expiry", CRM_RK_TEXT, 0, NULL },
		{ "days_left", "剩余天数 days left", CRM_RK_INT, 0, NULL },
		{ "status", "状态 status", CRM_RK_TEXT, CRM_RC_BADGE, NULL },
		{ "qty", "数量 qty", CRM_RK_INT, CRM_RC_WIDE, NULL },
		{ "price", "单价 price", CRM_RK_MONEY, CRM_RC_WIDE, NULL },
		{ "value", "货值 value", CRM_RK_MONEY, 0, NULL },
	};
	static const struct vcol locs[] = {
		{ "location_id", "location_id", CRM_RK_TEXT, 0, NULL },
		{ "name", "名称 name", CRM_RK_TEXT, 0, NULL },
		{ "region", "区域 region", CRM_RK_TEXT, 0, NULL },
		{ "kind", "类型 kind", CRM_RK_TEXT, 0, NULL },
		{ "skus_held", "在库 SKU held", CRM_RK_INT, 0, NULL },
		{ "skus_sold", "动销 SKU sold", CRM_RK_INT, 0, NULL },
		{ "sell_through", "动销率 sell-through", CRM_RK_PCT, 0, NULL },
		{ "near_expiry", "临期 near expiry", CRM_RK_INT, 0, NULL },
		{ "expired", "过期 expired", CRM_RK_INT, 0, NULL },
		{ "expiry_value", "临期货值 expiry value", CRM_RK_MONEY, 0, NULL },
		{ "stockouts", "断货 stock-outs", CRM_RK_INT, 0, NULL },
		{ "ongoing", "进行中 ongoing", CRM_RK_INT, CRM_RC_HEAT, NULL },
		{ "lost_units", "损失件数 lost units", CRM_RK_NUM, 0, NULL },
		{ "members_judged", "可判断会员 members judged", CRM_RK_INT, 0,
		    NULL },
		{ "members_not_judged", "未判断 not judged", CRM_RK_INT, 0, NULL },
		{ "overdue", "复购逾期 members overdue", CRM_RK_INT, CRM_RC_HEAT,
		    NULL },
	};
	struct crm_table *reg = crm_table_new(), *out = crm_table_new(),
	    *exp = crm_table_new(), *loc = crm_table_new();
	struct crm_rtable *to, *te, *tl;
	char title[128];
	size_t nexp;
	int rc;

	if (!crm_report_has(o, CRM_KIND_STOCK) ||
	    !crm_report_has(o, CRM_KIND_SALES)) {
		crm_report_note(s, "库中没有库存或销售记录, 本节从略 (no stock "
		    "snapshots or sale lines in the store: import them for the "
		    "area board).");
		crm_report_headline(r, s, "断货进行中 ongoing stock-outs", "",
		    CRM_RK_INT, "没有库存记录 no stock records");
		rc = CRM_EXIT_OK;
		goto out;
	}
	if ((rc = stock_run(o, CRM_STOCK_ALL, true, reg, err)) != CRM_EXIT_OK ||
	    (rc = stock_run(o, CRM_STOCK_STOCKOUT, true, out, err)) !=
	    CRM_EXIT_OK ||
	    (rc = stock_run(o, CRM_STOCK_EXPIRY, true, exp, err)) !=
	    CRM_EXIT_OK ||
	    (rc = stock_run(o, CRM_STOCK_ALL, false, loc, err)) != CRM_EXIT_OK)
		goto out;
	rc = CRM_EXIT_ERROR;
	if (view(s, "按区域 By region", reg, "crm-stock", regions,
	    NCOLS(regions), NULL, NULL, err) == NULL ||
	    (to = view(s, "断货 Stock-outs", out, "crm-stock", outs,
	    NCOLS(outs), NULL, NULL, err)) == NULL)
		goto out;
	nexp = crm_table_nrows(exp);
	if (nexp > EXPIRY_TOP)
		snprintf(title, sizeof title, "临期批次 Near-expiry batches: 共 "
		    "%zu 批, 货值最高的 %d 批 the %d of most value", nexp,
		    EXPIRY_TOP, EXPIRY_TOP);
	else
		snprintf(title, sizeof title, "临期批次 Near-expiry batches, "
		    "按货值 by value");
	if ((te = view(s, title, exp, "crm-stock", batches, NCOLS(batches),
	    NULL, NULL, err)) == NULL)
		goto out;
	sort_rows(te, 9, cmp_num_desc);
	keep_first(te, EXPIRY_TOP);
	if ((tl = view(s, "按门店/仓 By location", loc, "crm-stock", locs,
	    NCOLS(locs), NULL, NULL, err)) == NULL)
		goto out;
	tl->detail = true;
	sort_rows(tl, 2, cmp_text);
	crm_report_chart(s, CRM_CHART_BAR, "动销率 Sell-through by region (%)",
	    0, 0, 4, 4);
	crm_report_note(s, "crm-stock 截至 %s: 动销率 = 近 %d 天动销的 SKU ÷ 在库 "
	    "SKU; 临期: %d 天内到期的批次; 断货: 至少 %d 小时且此前有销售 "
	    "(仓库看所有门店的销售); 复购逾期: 距上次购买超过 1.5 倍中位间隔的"
	    "会员. 区域取自客户表 (门店即客户), 仓库没有区域, 记作 (none).",
	    r->as_of_label, STOCK_WINDOW, STOCK_EXPIRY, STOCK_HOURS);
	stockout_headline(r, s, to);
	rc = CRM_EXIT_OK;
out:
	crm_table_free(reg);
	crm_table_free(out);
	crm_table_free(exp);
	crm_table_free(loc);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The pulse: crm-pulse's latency, churn and intent, each a section. */

/* crm-pulse's default "recorded within" in hours, which the report
 * keeps; and how many months the churn shows, the as-of month last. */
#define PULSE_WITHIN	2
#define CHURN_MONTHS	6

/* Run crm-pulse's report `which` (one CRM_PULSE_* bit) for the days
 * from..to (one ISO week when week) into cap, with the inputs its
 * command reads from the store. */
static int
pulse_run(const struct crm_report_opts *o, unsigned which,
    enum crm_group_by by, long from, long to, bool week,
    struct crm_table *cap, struct crm_error *err)
{
	struct crm_pulse_opts po;

	memset(&po, 0, sizeof po);
	po.reports = which;
	po.by = by;
	po.as_of = o->as_of;
	po.from = from;
	po.to = to;
	po.week_window = week;
	po.within = PULSE_WITHIN * 3600L;
	po.lost_after = 0;
	po.lost_status = crm_pulse_lost_default;
	po.tz = o->tz;
	po.customers = crm_store_paths(CRM_KIND_CUSTOMERS);
	po.activities = crm_store_paths(CRM_KIND_ACTIVITIES);
	po.shipments = crm_store_paths(CRM_KIND_SHIPMENTS);
	po.ledger = crm_store_paths(CRM_KIND_LEDGER);
	po.reps = by != CRM_BY_REGION ? "@reps" : NULL;
	po.db = o->db;
	po.input = o->input;
	po.out = capture(cap);
	return crm_pulse_run(&po, NULL, err);
}

/* The cell of column name in the (total) row of cap (group column
 * group), or "" when there is none. */
static const char *
total_cell(const struct crm_table *cap, const char *group, const char *name)
{
	long row = -1, col = crm_table_col(cap, name), g = crm_table_col(cap,
	    group);

	for (size_t r = 0; g >= 0 && r < crm_table_nrows(cap); r++)
		if (strcmp(crm_table_cell(cap, r, (size_t)g), "(total)") == 0)
			row = (long)r;	/* the last: the latest month's */
	return row >= 0 && col >= 0 ? crm_table_cell(cap, (size_t)row,
	    (size_t)col) : "";
}

/* Update latency of the report's week per region, the share recorded
 * within 2 hours as bars. */
int
crm_report_latency(const struct crm_report_opts *o, struct crm_report *r,
    struct crm_rsection *s, struct crm_error *err)
{
	static const struct vcol cols[] = {
		{ "region", "区域 region", CRM_RK_TEXT, 0, NULL },
		{ "activities", "活动 activities", CRM_RK_INT, 0, NULL },
		{ "measured", "可测量 measured", CRM_RK_INT, CRM_RC_WIDE, NULL },
		{ "within", "2 小时内 within 2 h", CRM_RK_INT, CRM_RC_WIDE, NULL },
		{ "within_pct", "2 小时内占比 within 2 h %", CRM_RK_PCT, 0, NULL },
		{ "median_hours", "中位数 median h", CRM_RK_NUM, 0, NULL },
		{ "p90_hours", "p90 h", CRM_RK_NUM, 0, NULL },
		{ "no_recorded_at", "无录入时间 no recorded_at", CRM_RK_INT, 0,
		    NULL },
		{ "before_contact", "早于接触 before contact", CRM_RK_INT,
		    CRM_RC_WIDE, NULL },
		{ "date_only", "仅日期 date only", CRM_RK_INT, CRM_RC_WIDE, NULL },
	};
	struct crm_table *cap = crm_table_new();
	const char *pct;
	char from[16], to[16], note[200];
	int rc;

	if ((rc = pulse_run(o, CRM_PULSE_LATENCY, CRM_BY_REGION, o->week,
	    o->week + 6, true, cap, err)) != CRM_EXIT_OK)
		goto out;
	rc = CRM_EXIT_ERROR;
	if (view(s, "按区域 By region", cap, "crm-pulse", cols, NCOLS(cols),
	    NULL, NULL, err) == NULL)
		goto out;
	crm_report_chart(s, CRM_CHART_BAR, "2 小时内录入占比 Recorded within "
	    "2 hours (%)", 0, 0, 4, 4);
	crm_date_format(o->week, from);
	crm_date_format(o->week + 6, to);
	crm_report_note(s, "ISO 周 %s (%s..%s) 的活动从发生 (ts) 到录入 "
	    "(recorded_at) 的时间 (crm-pulse --report latency -b region): 恰好 "
	    "%d 小时算在内; 中位数与 p90 取最近秩, 单位小时. 没有 recorded_at "
	    "的活动只计数, 不猜.", r->week_label, from, to, PULSE_WITHIN);
	pct = total_cell(cap, "region", "within_pct");
	if (*pct)
		snprintf(note, sizeof note, "%s / %s 条可测量, %s 条无 "
		    "recorded_at", total_cell(cap, "region", "within"),
		    total_cell(cap, "region", "measured"),
		    total_cell(cap, "region", "no_recorded_at"));
	else
		snprintf(note, sizeof note, "本周没有可测量的活动 nothing "
		    "measured");
	crm_report_headline(r, s, "2 小时内录入 recorded within 2 h", pct,
	    CRM_RK_PCT, note);
	rc = CRM_EXIT_OK;
out:
	crm_table_free(cap);
	return rc;
}

/* Whether row of a churn capture is of the month ctx names. */
static bool
keep_period(const struct crm_table *cap, size_t row, void *ctx)
{
	return strcmp(crm_table_cell(cap, row, (size_t)crm_table_col(cap,
	    "period")), ctx) == 0;
}

/* The churn_pct of group in month, or "". */
static const char *
churn_at(const struct crm_table *cap, long cp, long cg, long cc,
    const char *month, const char *group)
{
	for (size_t r = 0; r < crm_table_nrows(cap); r++)
		if (strcmp(crm_table_cell(cap, r, (size_t)cp), month) == 0 &&
		    strcmp(crm_table_cell(cap, r, (size_t)cg), group) == 0)
			return crm_table_cell(cap, r, (size_t)cc);
	return "";
}

/* The trend: a row per month, a column per region and the whole. */
static void
churn_trend(struct crm_rsection *s, const struct crm_table *cap)
{
	size_t n = crm_table_nrows(cap), np = 0, ng = 0;
	long cp = crm_table_col(cap, "period"), cg = crm_table_col(cap,
	    "region"), cc = crm_table_col(cap, "churn_pct");
	const char **months = crm_xmalloc((n + 1) * sizeof *months);
	const char **groups = crm_xmalloc((n + 2) * sizeof *groups);
	const char **v;
	struct crm_rtable *t;
	bool total = false;

	for (size_t r = 0; r < n; r++) {
		const char *p = crm_table_cell(cap, r, (size_t)cp);
		const char *g = crm_table_cell(cap, r, (size_t)cg);

		if (!has_label(months, np, p))
			months[np++] = p;
		if (strcmp(g, "(total)") == 0)
			total = true;
		else if (!has_label(groups, ng, g))
			groups[ng++] = g;
	}
	crm_sort(groups, ng, sizeof *groups, cmp_str);
	if (total)
		groups[ng++] = "(total)";
	t = crm_report_table(s, "流失率趋势 Churn by month (%)", ng + 1);
	t->detail = true;
	crm_rtable_col(t, 0, "月份 month", CRM_RK_TEXT, 0);
	for (size_t g = 0; g < ng; g++)
		crm_rtable_col(t, g + 1, groups[g], CRM_RK_PCT, 0);
	v = crm_xmalloc((ng + 2) * sizeof *v);
	for (size_t p = 0; p < np; p++) {
		v[0] = months[p];
		for (size_t g = 0; g < ng; g++)
			v[g + 1] = churn_at(cap, cp, cg, cc, months[p], groups[g]);
		crm_rtable_row(t, v);
	}
	if (ng > 0 && np > 0)
		crm_report_chart(s, CRM_CHART_LINE, "流失率 Churn by month (%)",
		    s->ntables - 1, 0, 1, ng);
	free(v);
	free(months);
	free(groups);
}

/* Churn from the store's status history, per region and month: the
 * as-of month, the trend, then every month's rows.  Omitted, with a
 * note, when the history records no customer at all. */
int
crm_report_churn(const struct crm_report_opts *o, struct crm_report *r,
    struct crm_rsection *s, struct crm_error *err)
{
	static const struct vcol month[] = {
		{ "region", "区域 region", CRM_RK_TEXT, 0, NULL },
		{ "active_start", "月初在册 active at start", CRM_RK_INT, 0, NULL },
		{ "lost", "流失 lost", CRM_RK_INT, 0, NULL },
		{ "won", "挽回 won", CRM_RK_INT, 0, NULL },
		{ "churn_pct", "流失率 churn %", CRM_RK_PCT, 0, NULL },
	};
	static const struct vcol all[] = {
		{ "period", "月份 month", CRM_RK_TEXT, 0, NULL },
		{ "region", "区域 region", CRM_RK_TEXT, 0, NULL },
		{ "active_start", "月初在册 active at start", CRM_RK_INT, 0, NULL },
		{ "lost", "流失 lost", CRM_RK_INT, 0, NULL },
		{ "won", "挽回 won", CRM_RK_INT, 0, NULL },
		{ "churn_pct", "流失率 churn %", CRM_RK_PCT, 0, NULL },
	};
	struct crm_table *cap = crm_table_new();
	const char *cols[] = { "period", "active_start", "lost", "won" };
	long c[NCOLS(cols)], y, from;
	int m, d, rc;
	bool any = false;
	char last[32], title[96], label[96], note[200];

	crm_civil_from_days(o->as_of, &y, &m, &d);
	m -= CHURN_MONTHS - 1;
	while (m < 1) {
		m += 12;
		y--;
	}
	from = crm_days_from_civil(y, m, 1);
	if ((rc = pulse_run(o, CRM_PULSE_CHURN, CRM_BY_REGION, from, o->as_of,
	    false, cap, err)) != CRM_EXIT_OK)
		goto out;
	rc = CRM_EXIT_ERROR;
	for (size_t i = 0; i < NCOLS(cols); i++)
		if ((c[i] = need_col(cap, "crm-pulse", cols[i], err)) == -1)
			goto out;
	for (size_t i = 0; i < crm_table_nrows(cap); i++)
		for (size_t k = 1; k < NCOLS(cols); k++)
			any |= strcmp(crm_table_cell(cap, i, (size_t)c[k]), "0") != 0;
	if (!any || crm_table_nrows(cap) == 0) {
		crm_report_note(s, "库中没有客户状态的变更历史, 本节从略 (no "
		    "status history in the store: import dated customer exports "
		    "with crm-import --as-of).");
		crm_report_headline(r, s, "本月流失率 churn this month", "",
		    CRM_RK_PCT, "没有状态历史 no status history");
		rc = CRM_EXIT_OK;
		goto out;
	}
	snprintf(last, sizeof last, "%s", crm_table_cell(cap,
	    crm_table_nrows(cap) - 1, (size_t)c[0]));
	snprintf(title, sizeof title, "本月 %s This month, by region", last);
	if (view(s, title, cap, "crm-pulse", month, NCOLS(month), keep_period,
	    last, err) == NULL)
		goto out;
	churn_trend(s, cap);
	snprintf(title, sizeof title, "近 %d 个月 The last %d months",
	    CHURN_MONTHS, CHURN_MONTHS);
	if (view(s, title, cap, "crm-pulse", all, NCOLS(all), NULL, NULL,
	    err) == NULL)
		goto out;
	s->tables[s->ntables - 1]->detail = true;
	crm_report_note(s, "crm-pulse --report churn -b region, 取库中的状态"
	    "变更历史: 客户状态变为流失 (流失, 已流失, lost, churned) 的月份计"
	    "流失, 之后改回计挽回; 流失率 = 流失 ÷ 月初在册. %s 截至 %s.",
	    last, r->as_of_label);
	snprintf(label, sizeof label, "%s 流失率 churn", last);
	snprintf(note, sizeof note, "流失 lost %s / 月初 %s, 挽回 won %s",
	    total_cell(cap, "region", "lost"),
	    total_cell(cap, "region", "active_start"),
	    total_cell(cap, "region", "won"));
	crm_report_headline(r, s, label, total_cell(cap, "region", "churn_pct"),
	    CRM_RK_PCT, note);
	rc = CRM_EXIT_OK;
out:
	crm_table_free(cap);
	return rc;
}

/* Whether an intent row is a request no shipment carried (pending
 * included). */
static bool
keep_unshipped(const struct crm_table *cap, size_t row, void *ctx)
{
	const char *item = crm_table_cell(cap, row, (size_t)crm_table_col(cap,
	    "item"));

	(void)ctx;
	return strcmp(item, "unmatched_request") == 0 ||
	    strcmp(item, "pending_request") == 0;
}

/* Intent of the report's week by rep: the customers, then the requests
 * not shipped and the shipments without a request.  Omitted, with a
 * note, when the store has no shipments (every request would look
 * unshipped). */
/* How far back before the report's week intent looks for broken
 * promises: four weeks. */
#define INTENT_LOOKBACK_DAYS 28

int
crm_report_intent(const struct crm_report_opts *o, struct crm_report *r,
    struct crm_rsection *s, struct crm_error *err)
{
	static const struct vcol custs[] = {
		{ "name", "销售 rep", CRM_RK_TEXT, 0, "rep_id" },
		{ "rep_id", "rep_id", CRM_RK_TEXT, CRM_RC_WIDE, NULL },
		{ "customer_id", "customer_id", CRM_RK_TEXT, CRM_RC_WIDE, NULL },
		{ "customer_name", "客户 customer", CRM_RK_TEXT, 0, "customer_id" },
		{ "requests", "索样 requests", CRM_RK_INT, 0, NULL },
		{ "shipments", "发货 shipments", CRM_RK_INT, 0, NULL },
		{ "sample_requested", "已索样 requested", CRM_RK_TEXT,
		    CRM_RC_WIDE, NULL },
		{ "sample_shipped", "已寄出 shipped", CRM_RK_TEXT, CRM_RC_WIDE,
		    NULL },
		{ "intent", "意向 intent", CRM_RK_TEXT, 0, NULL },
		{ "tracking_no", "快递单号 tracking no", CRM_RK_TEXT, CRM_RC_WIDE,
		    NULL },
	};
	static const struct vcol reqs[] = {
		{ "item", "状态 item", CRM_RK_TEXT, CRM_RC_BADGE, NULL },
		{ "name", "销售 rep", CRM_RK_TEXT, 0, "rep_id" },
		{ "customer_id", "customer_id", CRM_RK_TEXT, CRM_RC_WIDE, NULL },
		{ "customer_name", "客户 customer", CRM_RK_TEXT, 0, "customer_id" },
		{ "record_id", "活动 activity", CRM_RK_TEXT, 0, NULL },
		{ "at", "申请时间 requested at", CRM_RK_TEXT, 0, NULL },
	};
	static const struct vcol ships[] = {
		{ "name", "销售 rep", CRM_RK_TEXT, 0, "rep_id" },
		{ "customer_id", "customer_id", CRM_RK_TEXT, CRM_RC_WIDE, NULL },
		{ "customer_name", "客户 customer", CRM_RK_TEXT, 0, "customer_id" },
		{ "record_id", "发货单 shipment", CRM_RK_TEXT, 0, NULL },
		{ "at", "发货时间 shipped at", CRM_RK_TEXT, 0, NULL },
		{ "tracking_no", "快递单号 tracking no", CRM_RK_TEXT, 0, NULL },
	};
	struct crm_table *cap = crm_table_new(), *back = crm_table_new();
	struct match cust = { -1, "customer" }, ship = { -1, "unmatched_shipment" };
	char count[24], note[200];
	long item, bitem;
	int rc;

	if (!crm_report_has(o, CRM_KIND_SHIPMENTS)) {
		crm_report_note(s, "库中没有快递发货记录, 本节从略 (no shipments "
		    "in the store: import the courier export to match sample "
		    "requests).");
		crm_report_headline(r, s, "未发货的样品申请 unmatched sample "
		    "requests", "", CRM_RK_INT, "没有发货记录 no shipments");
		rc = CRM_EXIT_OK;
		goto out;
	}
	/* the customers of the week; the broken promises of the four weeks
	 * before it too: a request of this week cannot be one yet (it has
	 * 7 days), so the week alone would nearly always list none */
	if ((rc = pulse_run(o, CRM_PULSE_INTENT, CRM_BY_REP, o->week,
	    o->week + 6, true, cap, err)) != CRM_EXIT_OK ||
	    (rc = pulse_run(o, CRM_PULSE_INTENT, CRM_BY_REP,
	    o->week - INTENT_LOOKBACK_DAYS, o->week + 6, true, back, err)) !=
	    CRM_EXIT_OK)
		goto out;
	rc = CRM_EXIT_ERROR;
	if ((item = need_col(cap, "crm-pulse", "item", err)) == -1 ||
	    (bitem = need_col(back, "crm-pulse", "item", err)) == -1)
		goto out;
	cust.col = item;
	ship.col = bitem;
	if (view(s, "本周索样或收样的客户 Customers with sample requests or "
	    "shipments", cap, "crm-pulse", custs, NCOLS(custs), keep_match,
	    &cust, err) == NULL ||
	    view(s, "未发货的申请 (近 5 周) Requests no shipment carried, last 5 "
	    "weeks", back, "crm-pulse", reqs, NCOLS(reqs), keep_unshipped, NULL,
	    err) == NULL ||
	    view(s, "无申请的发货 (近 5 周) Shipments that carried no request, "
	    "last 5 weeks", back, "crm-pulse", ships, NCOLS(ships), keep_match,
	    &ship, err) == NULL)
		goto out;
	crm_report_note(s, "ISO 周 %s 的样品申请 (sample_request 活动) 与快递"
	    "发货 (crm-pulse --report intent): 发货在申请后 7 天内到同一客户即"
	    "算寄出; 意向 = 既索样又收到. 未发货的申请在 7 天未满时为 "
	    "pending_request, 满 7 天仍未发货为 unmatched_request; 每条未匹配的"
	    "记录要么是失信, 要么是漏记. 未匹配的清单取本周及之前 4 周 "
	    "(crm-pulse --from 本周一-28天 --to 本周日).", r->week_label);
	snprintf(count, sizeof count, "%zu", count_rows(back, bitem,
	    "unmatched_request"));
	snprintf(note, sizeof note, "近 5 周 last 5 weeks; 待发 pending %zu, "
	    "无申请的发货 unmatched shipments %zu", count_rows(back, bitem,
	    "pending_request"), count_rows(back, bitem, "unmatched_shipment"));
	crm_report_headline(r, s, "未发货的样品申请 unmatched sample requests",
	    count, CRM_RK_INT, note);
	rc = CRM_EXIT_OK;
out:
	crm_table_free(cap);
	crm_table_free(back);
	return rc;
}
