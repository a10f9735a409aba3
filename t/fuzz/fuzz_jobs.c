/* fuzz_jobs - --jobs against one thread on arbitrary input: crm-stale,
 * crm-score, crm-health, crm-rules and crm-hotlist, each run once with
 * one thread and once with two or three and input chunks of 1 to 4096
 * bytes (CRM_CHUNK_BYTES), must give the same status and byte for byte
 * the same output.  The activities are repeated past 64 KiB (amplify).  The input is split as fuzz_tools' is (its corpus
 * serves here): an options byte, then customers, activities, ledger
 * (unused), tasks, reps, policies, decisions, a rule file and a weights
 * file.  Never crash, hang or leak. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "health.h"
#include "rules.h"
#include "score.h"
#include "harness.h"

#ifdef FUZZ_NAMESPACED
#define LLVMFuzzerTestOneInput fuzz_jobs
int fuzz_jobs(const uint8_t *data, size_t size);
#endif

enum { P_OPT, P_CUST, P_ACT, P_LEDGER, P_TASKS, P_REPS, P_POL, P_DEC,
	P_RULES, P_WEIGHTS, P_COUNT };
static const char *const names[P_COUNT] = { "opt", "customers.csv",
	"activities.csv", "ledger.csv", "tasks.csv", "reps.csv",
	"policies.csv", "decisions.csv", "rules.json", "weights.csv" };

/* What one run needs: the parsed input and the options byte. */
struct job {
	const char **path;
	const char *(*list)[2];
	struct crm_input_opts in;
	struct crm_writer_opts wo;
	uint8_t opt;
	long as_of;
};

typedef int tool_fn(const struct job *j, FILE *out);

static int
stale(const struct job *j, FILE *out)
{
	struct crm_stale_opts o;
	struct crm_error err = CRM_ERROR_INIT;

	memset(&o, 0, sizeof o);
	o.days = j->opt & 1 ? 0 : 90;
	o.as_of = j->as_of;
	o.tz = CRM_TZ_DEFAULT;
	o.by = (enum crm_group_by)(j->opt >> 1 & 3);
	if (o.by == CRM_BY_MANAGER && j->path[P_REPS] == NULL)
		o.by = CRM_BY_REP;
	o.activities = j->list[P_ACT][0] ? j->list[P_ACT] : NULL;
	o.reps = j->path[P_REPS];
	o.customers = j->list[P_CUST];
	o.input = j->in;
	o.out = j->wo;
	return crm_stale_run(&o, out, &err);
}

static int
score(const struct job *j, FILE *out)
{
	struct crm_score_opts o;
	struct crm_score_result res;
	struct crm_error err = CRM_ERROR_INIT;
	int st;

	memset(&o, 0, sizeof o);
	memset(&res, 0, sizeof res);
	o.weights = j->path[P_WEIGHTS];
	o.advance_weight = CRM_SCORE_ADVANCE_DEFAULT;
	o.reps = j->path[P_REPS];
	o.activities = j->list[P_ACT];
	o.tz = CRM_TZ_DEFAULT;
	o.input = j->in;
	o.out = j->wo;
	o.from = crm_days_from_civil(2026, 1, 1);
	o.to = j->as_of;
	if (j->opt & 1) {
		o.from = crm_week_last_complete(j->as_of);
		o.to = o.from + 6;
		o.week_window = true;
		o.trend = 1 + (j->opt >> 3 & 3);
	}
	st = crm_score_run(&o, out, &res, &err);
	crm_score_result_free(&res);
	return st;
}

static int
health(const struct job *j, FILE *out)
{
	struct crm_health_opts o;
	struct crm_health_result res;
	struct crm_error err = CRM_ERROR_INIT;

	memset(&o, 0, sizeof o);
	memset(&res, 0, sizeof res);
	o.customers = j->list[P_CUST];
	o.activities = j->list[P_ACT];
	o.as_of = j->as_of;
	o.window = j->opt & 1 ? 7 : 30;
	o.tz = CRM_TZ_DEFAULT;
	crm_health_thresholds_default(&o.thr);
	o.input = j->in;
	o.out = j->wo;
	return crm_health_run(&o, out, &res, &err);
}

static int
rules(const struct job *j, FILE *out)
{
	struct crm_rules_opts o;
	struct crm_error err = CRM_ERROR_INIT;

	memset(&o, 0, sizeof o);
	o.rules = j->path[P_RULES];
	o.customers = j->list[P_CUST][0] ? j->list[P_CUST] : NULL;
	o.activities = j->list[P_ACT];
	o.reps = j->path[P_REPS];
	o.as_of = j->as_of;
	o.tz = CRM_TZ_DEFAULT;
	o.input = j->in;
	o.out = j->wo;
	return crm_rules_run(&o, out, &err);
}

static int
hotlist(const struct job *j, FILE *out)
{
	struct crm_hotlist_opts o;
	struct crm_error err = CRM_ERROR_INIT;

	memset(&o, 0, sizeof o);
	o.customers = j->list[P_CUST];
	o.activities = j->list[P_ACT];
	o.within = 1 + (j->opt >> 3 & 15) * 30;
	o.mentions = j->opt >> 7 & 1;
	o.lookback = 365;
	o.by_region = (j->opt & 2) != 0;
	o.as_of = j->as_of;
	o.tz = CRM_TZ_DEFAULT;
	o.input = j->in;
	o.out = j->wo;
	return crm_hotlist_run(&o, out, &err);
}

/* Run fn with one thread, then with more over small chunks: the same
 * status and output, or abort. */
static void
same(const char *tool, tool_fn *fn, const struct job *j)
{
	char *a = NULL, *b = NULL, chunk[16];
	size_t alen = 0, blen = 0;
	FILE *out;
	int sa, sb;

	crm_jobs_set(1);
	out = open_memstream(&a, &alen);
	sa = fn(j, out);
	fclose(out);
	snprintf(chunk, sizeof chunk, "%d", 1 + (j->opt * 37) % 4096);
	setenv("CRM_CHUNK_BYTES", chunk, 1);
	crm_jobs_set(2 + (j->opt >> 2 & 1));
	out = open_memstream(&b, &blen);
	sb = fn(j, out);
	fclose(out);
	crm_jobs_set(1);
	unsetenv("CRM_CHUNK_BYTES");
	if (sa != sb || alen != blen || memcmp(a, b, alen) != 0) {
		dprintf(2, "%s: --jobs differs from one thread (status %d, %d; "
		    "%zu, %zu bytes of output)\n", tool, sa, sb, alen, blen);
		abort();
	}
	free(a);
	free(b);
}

/* Rewrite the activities file at path as its header and then its body
 * again and again to past 64 KiB: an input is cut only when it is still
 * being read after the reader's first 64 KiB, and the copies are
 * duplicates in other chunks, which the merges must judge in order. */
static void
amplify(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *in, *out;
	size_t n, head, len = 0;

	if (f == NULL)
		abort();
	in = malloc(65537);
	if (in == NULL)
		abort();
	n = fread(in, 1, 65536, f);
	fclose(f);
	for (head = 0; head < n && in[head] != '\n'; head++)
		;
	if (head + 1 >= n) {
		free(in);
		return;			/* a header alone: nothing to repeat */
	}
	head++;
	out = malloc(head + 70000 + n);
	if (out == NULL)
		abort();
	memcpy(out, in, head);
	len = head;
	while (len < 70000) {
		memcpy(out + len, in + head, n - head);
		len += n - head;
	}
	(void)fuzz_file("activities.csv", out, len);
	free(in);
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path[P_COUNT];
	const char *list[P_COUNT][2];
	struct job j;

	if (size > 65536)
		return 0;
	j.opt = fuzz_tool_inputs(data, size, names, P_COUNT, path, list, &j.in,
	    &j.wo);
	j.path = path;
	j.list = list;
	j.as_of = crm_days_from_civil(2026, 11, 27);
	if (path[P_ACT] == NULL)
		return 0;
	amplify(path[P_ACT]);
	if (path[P_CUST] != NULL) {
		same("crm-stale", stale, &j);
		same("crm-health", health, &j);
		same("crm-hotlist", hotlist, &j);
	}
	same("crm-score", score, &j);
	same("crm-rules", rules, &j);
	return 0;
}
