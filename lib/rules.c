/* rules.c - crm-rules: the process checks of DOMAIN.md (timeliness circuit
 * breaker, non-negotiable sequences, GSP evidence, task escalation) read
 * from a JSON rule file (crm-rules(5)); plus the PCRE2 wrapper and the
 * evidence-list reader the other process tools share. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <jansson.h>
#include <pcre2.h>

#include "crm.h"
#include "rules.h"

/* ------------------------------------------------------------------ */
/* Patterns */

struct crm_pattern {
	char *text;			/* as given */
	bool copy;			/* text and code are another's */
	pcre2_code *code;
	pcre2_match_data *md;
	pcre2_match_context *mc;	/* the limits */
	pcre2_jit_stack *js;		/* NULL without JIT */
};

/* The limits every match runs under (rules.h). */
static long match_steps = 100000, match_heap_kib = 65536,
    match_bytes = CRM_PATTERN_MAX_SUBJECT;

bool
crm_pattern_take(int ch, const char *arg)
{
	static const struct {
		int ch;
		const char *name;
		long *to, min, max;
	} lim[] = {
		{ CRM_OPT_MATCH_STEPS, "--max-match-steps", &match_steps, 100,
		    100000000 },
		{ CRM_OPT_MATCH_HEAP, "--max-match-heap", &match_heap_kib, 64,
		    4194304 },
		{ CRM_OPT_MATCH_BYTES, "--max-match-bytes", &match_bytes, 1,
		    16777216 },
	};

	for (size_t i = 0; i < sizeof lim / sizeof lim[0]; i++) {
		if (lim[i].ch != ch)
			continue;
		if (crm_parse_long(arg, lim[i].min, lim[i].max, lim[i].to) == -1)
			crm_errx(CRM_EXIT_ERROR, "%s: expected a whole number from "
			    "%ld to %ld, got '%s'", lim[i].name, lim[i].min,
			    lim[i].max, arg);
		return true;
	}
	return false;
}

const char *
crm_pattern_usage(void)
{
	return
	    "  --max-match-steps N   PCRE2 match limit per text (default 100000)\n"
	    "  --max-match-heap KIB  PCRE2 heap limit (default 65536 KiB)\n"
	    "  --max-match-bytes N   longest text matched (default 65536)\n";
}

/* p's own match data and limits, and a JIT stack when its code was JIT
 * compiled.  Aborts when memory is out, as crm_xmalloc does. */
static void
match_state(struct crm_pattern *p)
{
	size_t jit = 0;

	p->md = pcre2_match_data_create_from_pattern(p->code, NULL);
	p->mc = pcre2_match_context_create(NULL);
	if (p->md == NULL || p->mc == NULL)
		crm_errx(CRM_EXIT_ERROR, "out of memory");
	pcre2_set_match_limit(p->mc, (uint32_t)match_steps);
	pcre2_set_heap_limit(p->mc, (uint32_t)match_heap_kib);
	if (pcre2_pattern_info(p->code, PCRE2_INFO_JITSIZE, &jit) == 0 &&
	    jit > 0) {
		p->js = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
		if (p->js != NULL)
			pcre2_jit_stack_assign(p->mc, NULL, p->js);
	}
}

/* Compile a pattern: see rules.h. */
struct crm_pattern *
crm_pattern_new(const char *pat, bool caseless, struct crm_error *err)
{
	struct crm_pattern *p;
	pcre2_compile_context *cc;
	PCRE2_SIZE off;
	PCRE2_UCHAR emsg[256];
	int ec;
	size_t n = strlen(pat);

	if (n > CRM_PATTERN_MAX_LEN) {
		crm_error_set(err, NULL, 0, 0, "'%.40s...': a pattern of %zu "
		    "bytes is over the limit of %d", pat, n, CRM_PATTERN_MAX_LEN);
		return NULL;
	}
	p = crm_xmalloc(sizeof *p);
	memset(p, 0, sizeof *p);
	cc = pcre2_compile_context_create(NULL);
	pcre2_set_max_pattern_length(cc, CRM_PATTERN_MAX_LEN);
	p->code = pcre2_compile((PCRE2_SPTR)pat, n,
	    PCRE2_UTF | (caseless ? PCRE2_CASELESS : 0), &ec, &off, cc);
	pcre2_compile_context_free(cc);
	if (p->code == NULL) {
		pcre2_get_error_message(ec, emsg, sizeof emsg);
		crm_error_set(err, NULL, 0, 0, "'%.200s': %s at offset %zu", pat,
		    (const char *)emsg, (size_t)off);
		free(p);
		return NULL;
	}
	p->text = crm_xstrdup(pat);
	(void)pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE);
	match_state(p);
	return p;
}

struct crm_pattern *
crm_pattern_dup(const struct crm_pattern *p)
{
	struct crm_pattern *q = crm_xmalloc(sizeof *q);

	memset(q, 0, sizeof *q);
	q->text = p->text;
	q->code = p->code;
	q->copy = true;
	match_state(q);
	return q;
}

int
crm_pattern_match(struct crm_pattern *p, const char *s, size_t n,
    struct crm_error *err)
{
	PCRE2_UCHAR emsg[256];
	int rc;

	if (n > (size_t)match_bytes) {
		if (match_bytes == CRM_PATTERN_MAX_SUBJECT)
			crm_error_set(err, NULL, 0, 0, "a text of %zu bytes is "
			    "over the 64 KiB pattern-matching limit", n);
		else
			crm_error_set(err, NULL, 0, 0, "a text of %zu bytes is "
			    "over the --max-match-bytes limit of %ld", n,
			    match_bytes);
		return -1;
	}
	rc = pcre2_match(p->code, (PCRE2_SPTR)s, n, 0, 0, p->md, p->mc);
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	pcre2_get_error_message(rc, emsg, sizeof emsg);
	crm_error_set(err, NULL, 0, 0, "pattern '%.200s': %s", p->text,
	    (const char *)emsg);
	return -1;
}

const char *
crm_pattern_text(const struct crm_pattern *p)
{
	return p->text;
}

void
crm_pattern_free(struct crm_pattern *p)
{
	if (p == NULL)
		return;
	pcre2_match_data_free(p->md);
	pcre2_match_context_free(p->mc);
	pcre2_jit_stack_free(p->js);
	if (!p->copy) {
		pcre2_code_free(p->code);
		free(p->text);
	}
	free(p);
}

/* ------------------------------------------------------------------ */
/* Evidence items */

/* Spellings of the evidence kinds (DOMAIN.md: checkin, photo, doc). */
static const struct {
	const char *spelling, *kind;
} ev_kinds[] = {
	{ "checkin", "checkin" }, { "check-in", "checkin" },
	{ "check in", "checkin" }, { "gps", "checkin" },
	{ "定位", "checkin" }, { "打卡", "checkin" }, { "定位打卡", "checkin" },
	{ "photo", "photo" }, { "照片", "photo" }, { "图片", "photo" },
	{ "拍照", "photo" },
	{ "doc", "doc" }, { "document", "doc" }, { "文档", "doc" },
	{ "文件", "doc" },
};

/* Length of a blank (ASCII space or tab, or U+3000) at s, or 0. */
static size_t
blank_at(const char *s, size_t n)
{
	if (n >= 1 && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
		return 1;
	if (n >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* Trim s[0..*n) in place: returns the new start, *n the new length. */
static const char *
trim(const char *s, size_t *n)
{
	size_t k;

	while (*n > 0 && (k = blank_at(s, *n)) > 0)
		s += k, *n -= k;
	for (;;) {
		if (*n >= 1 && blank_at(s + *n - 1, 1))
			(*n)--;
		else if (*n >= 3 && blank_at(s + *n - 3, 3) == 3)
			*n -= 3;
		else
			break;
	}
	return s;
}

/* The canonical evidence kind of s[0..n) into buf (64 bytes). */
static void
canon_kind(const char *s, size_t n, char *buf)
{
	size_t i;

	s = trim(s, &n);
	if (n > 63)
		n = 63;
	for (i = 0; i < n; i++)
		buf[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
	buf[n] = '\0';
	for (i = 0; i < sizeof ev_kinds / sizeof ev_kinds[0]; i++)
		if (strcmp(buf, ev_kinds[i].spelling) == 0) {
			strcpy(buf, ev_kinds[i].kind);
			return;
		}
}

/* The first ':' or '：' in s[0..n): its offset and *len, or -1. */
static long
find_sep(const char *s, size_t n, const char *full, char half, size_t *len)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == half) {
			*len = 1;
			return (long)i;
		}
		if (i + 3 <= n && memcmp(s + i, full, 3) == 0) {
			*len = 3;
			return (long)i;
		}
	}
	return -1;
}

int
crm_evidence_each(const char *s, crm_evidence_fn fn, void *ctx)
{
	size_t n = s ? strlen(s) : 0;

	while (n > 0) {
		size_t seplen = 0, ilen, klen = 0, tlen;
		long semi = find_sep(s, n, "\xef\xbc\x9b", ';', &seplen);
		long colon;
		const char *text;
		char kind[64];
		int rc;

		ilen = semi == -1 ? n : (size_t)semi;
		colon = find_sep(s, ilen, "\xef\xbc\x9a", ':', &klen);
		if (colon == -1) {
			kind[0] = '\0';
			text = s, tlen = ilen;
		} else {
			canon_kind(s, (size_t)colon, kind);
			text = s + colon + klen;
			tlen = ilen - (size_t)colon - klen;
		}
		text = trim(text, &tlen);
		if ((colon != -1 || tlen > 0) &&
		    (rc = fn(kind, text, tlen, ctx)) != 0)
			return rc;
		if (semi == -1)
			break;
		s += ilen + seplen;
		n -= ilen + seplen;
	}
	return 0;
}

struct has_ctx {
	const char *kind;
};

static int
has_cb(const char *kind, const char *text, size_t n, void *ctx)
{
	struct has_ctx *h = ctx;

	(void)text;
	return n > 0 && (h->kind == NULL || strcmp(kind, h->kind) == 0);
}

bool
crm_evidence_has(const char *s, const char *kind)
{
	struct has_ctx h = { kind };

	return crm_evidence_each(s, has_cb, &h) != 0;
}

bool
crm_evidence_present(const char *s)
{
	return crm_evidence_has(s, NULL);
}

/* ------------------------------------------------------------------ */
/* Rule files */

enum rkind { R_FIRST_TOUCH, R_SEQUENCE, R_EVIDENCE, R_TASK_OVERDUE };
static const char *const kind_names[] = { "first_touch", "sequence",
    "evidence", "task_overdue" };

/* A list of spellings of one activity type. */
struct names {
	char **v;
	size_t n;
};

struct rule {
	char *name;			/* unique in the file */
	enum rkind kind;
	enum crm_severity sev;		/* red | amber */
	char *action;			/* freeze_quote, hold, reject, ... */
	char *notify;			/* manager, none, or a role */
	struct names types;		/* first_touch, evidence */
	char **ev;			/* first_touch: evidence kinds needed */
	size_t nev;
	long hours;			/* first_touch: window after created_at */
	long new_days;			/* first_touch: customers created in
					   the last new_days days */
	struct names *steps;		/* sequence */
	size_t nsteps;
	char *ev_kind;			/* evidence: the item kind, or NULL */
	struct crm_pattern *pat;	/* evidence */
	bool disabled;			/* a match could not be decided */
};

struct crm_ruleset {
	struct rule *r;
	size_t n;
};

/* The built-in rules: share/rules.json, byte for byte (t/8000-rules-file.t
 * checks). */
static const char default_rules[] =
    "{\n"
    "  \"comment\": \"crmkit default rules: the article's process checks (DOMAIN.md); see crm-rules(5)\",\n"
    "  \"rules\": [\n"
    "    {\n"
    "      \"name\": \"first_visit_72h\",\n"
    "      \"kind\": \"first_touch\",\n"
    "      \"comment\": \"时效熔断: a new customer gets a visit with check-in and photo within 72 hours\",\n"
    "      \"types\": [\"visit\", \"拜访\"],\n"
    "      \"evidence\": [\"checkin\", \"photo\"],\n"
    "      \"hours\": 72,\n"
    "      \"new_within_days\": 30,\n"
    "      \"severity\": \"red\",\n"
    "      \"action\": \"freeze_quote\",\n"
    "      \"notify\": \"manager\"\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"rx_order_sequence\",\n"
    "      \"kind\": \"sequence\",\n"
    "      \"comment\": \"处方审核 -> 库存扣减 -> 物流派单, none skipped or reordered\",\n"
    "      \"steps\": [[\"rx_review\", \"处方审核\"], [\"stock_deduct\", \"库存扣减\"], [\"dispatch\", \"物流派单\"]],\n"
    "      \"severity\": \"red\",\n"
    "      \"action\": \"hold\",\n"
    "      \"notify\": \"manager\"\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"rx_pharmacist_signature\",\n"
    "      \"kind\": \"evidence\",\n"
    "      \"comment\": \"GSP: a prescription-drug sale needs the pharmacist's signature-page photo\",\n"
    "      \"types\": [\"rx_sale\", \"处方药销售\"],\n"
    "      \"evidence_kind\": \"photo\",\n"
    "      \"pattern\": \"执业药师签字页|pharmacist signature\",\n"
    "      \"caseless\": true,\n"
    "      \"severity\": \"red\",\n"
    "      \"action\": \"reject\",\n"
    "      \"notify\": \"manager\"\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"task_escalation\",\n"
    "      \"kind\": \"task_overdue\",\n"
    "      \"comment\": \"a task past due and not done escalates to the regional director\",\n"
    "      \"severity\": \"amber\",\n"
    "      \"action\": \"escalate\",\n"
    "      \"notify\": \"regional_manager\"\n"
    "    }\n"
    "  ]\n"
    "}\n";

const char *
crm_rules_default_text(void)
{
	return default_rules;
}

static void
names_free(struct names *nm)
{
	for (size_t i = 0; i < nm->n; i++)
		free(nm->v[i]);
	free(nm->v);
	nm->v = NULL;
	nm->n = 0;
}

static void
rule_free(struct rule *r)
{
	free(r->name);
	free(r->action);
	free(r->notify);
	names_free(&r->types);
	for (size_t i = 0; i < r->nev; i++)
		free(r->ev[i]);
	free(r->ev);
	for (size_t i = 0; i < r->nsteps; i++)
		names_free(&r->steps[i]);
	free(r->steps);
	free(r->ev_kind);
	crm_pattern_free(r->pat);
}

void
crm_rules_free(struct crm_ruleset *rs)
{
	if (rs == NULL)
		return;
	for (size_t i = 0; i < rs->n; i++)
		rule_free(&rs->r[i]);
	free(rs->r);
	free(rs);
}

size_t
crm_rules_count(const struct crm_ruleset *rs)
{
	return rs->n;
}

const char *
crm_rules_name(const struct crm_ruleset *rs, size_t i)
{
	return rs->r[i].name;
}

const char *
crm_rules_kind(const struct crm_ruleset *rs, size_t i)
{
	return kind_names[rs->r[i].kind];
}

/* Parsing state: the file name and the rule being read, for messages. */
struct pctx {
	const char *file;
	char rule[96];			/* "rule 'x'" or "rule 3" */
	struct crm_error *err;
};

static int
bad(struct pctx *p, const char *field, const char *fmt, const char *what)
{
	char msg[400];

	snprintf(msg, sizeof msg, fmt, what);
	crm_error_set(p->err, p->file, 0, 0, "%s: field '%s': %s", p->rule,
	    field, msg);
	return -1;
}

/* A non-empty string without NUL, or -1. */
static int
get_string(struct pctx *p, const char *field, json_t *v, const char **out)
{
	if (!json_is_string(v) || json_string_length(v) == 0 ||
	    strlen(json_string_value(v)) != json_string_length(v))
		return bad(p, field, "expected a non-empty string%s", "");
	*out = json_string_value(v);
	return 0;
}

/* A string or an array of strings into nm. */
static int
get_names(struct pctx *p, const char *field, json_t *v, struct names *nm)
{
	size_t i;
	json_t *e;
	const char *s;

	names_free(nm);
	if (json_is_string(v)) {
		if (get_string(p, field, v, &s) == -1)
			return -1;
		nm->v = crm_xmalloc(sizeof *nm->v);
		nm->v[nm->n++] = crm_xstrdup(s);
		return 0;
	}
	if (!json_is_array(v) || json_array_size(v) == 0)
		return bad(p, field, "expected a string or a non-empty array of "
		    "strings%s", "");
	nm->v = crm_xmalloc(json_array_size(v) * sizeof *nm->v);
	json_array_foreach(v, i, e) {
		if (get_string(p, field, e, &s) == -1)
			return -1;
		nm->v[nm->n++] = crm_xstrdup(s);
	}
	return 0;
}

static int
get_long(struct pctx *p, const char *field, json_t *v, long min, long max,
    long *out)
{
	char range[64];
	double d;

	snprintf(range, sizeof range, "%ld to %ld", min, max);
	if (!json_is_integer(v)) {
		if (!json_is_real(v))
			return bad(p, field, "expected a whole number from %s",
			    range);
		d = json_real_value(v);
		if (!(d >= (double)min && d <= (double)max) ||
		    d != (double)(long)d)
			return bad(p, field, "expected a whole number from %s",
			    range);
		*out = (long)d;
	} else {
		*out = (long)json_integer_value(v);
	}
	if (*out < min || *out > max)
		return bad(p, field, "expected a whole number from %s", range);
	return 0;
}

static bool
is_role(const char *s)
{
	const char *w = crm_value_word(CRM_F_ROLE, s);

	return w != NULL && strcmp(w, s) == 0;
}

/* Whether key is allowed in a rule of kind k. */
static bool
allowed(enum rkind k, const char *key)
{
	static const char *const common[] = { "name", "kind", "severity",
	    "action", "notify", "comment", NULL };
	static const char *const per[][5] = {
		{ "types", "evidence", "hours", "new_within_days", NULL },
		{ "steps", NULL },
		{ "types", "evidence_kind", "pattern", "caseless", NULL },
		{ NULL },
	};
	for (int i = 0; common[i]; i++)
		if (strcmp(key, common[i]) == 0)
			return true;
	for (int i = 0; per[k][i]; i++)
		if (strcmp(key, per[k][i]) == 0)
			return true;
	return false;
}

/* Defaults of a rule of kind k (crm-rules(5)). */
static void
rule_defaults(struct rule *r, enum rkind k)
{
	static const char *const actions[] = { "freeze_quote", "hold",
	    "reject", "escalate" };

	r->kind = k;
	r->sev = k == R_TASK_OVERDUE ? CRM_SEV_AMBER : CRM_SEV_RED;
	r->action = crm_xstrdup(actions[k]);
	r->notify = crm_xstrdup(k == R_TASK_OVERDUE ? "regional_manager" :
	    "manager");
	r->hours = 72;
	r->new_days = 30;
	if (k == R_FIRST_TOUCH) {
		r->types.v = crm_xmalloc(2 * sizeof *r->types.v);
		r->types.v[0] = crm_xstrdup("visit");
		r->types.v[1] = crm_xstrdup("拜访");
		r->types.n = 2;
		r->ev = crm_xmalloc(2 * sizeof *r->ev);
		r->ev[0] = crm_xstrdup("checkin");
		r->ev[1] = crm_xstrdup("photo");
		r->nev = 2;
	}
}

/* Read one rule object (index i) into r. */
static int
parse_rule(struct pctx *p, size_t i, json_t *o, struct rule *r)
{
	const char *key, *s, *kind = NULL;
	json_t *v;
	bool caseless = false;
	const char *pattern = NULL;
	int k;

	memset(r, 0, sizeof *r);
	snprintf(p->rule, sizeof p->rule, "rule %zu", i + 1);
	if (!json_is_object(o)) {
		crm_error_set(p->err, p->file, 0, 0, "%s: expected an object",
		    p->rule);
		return -1;
	}
	if ((v = json_object_get(o, "name")) != NULL) {
		if (get_string(p, "name", v, &s) == -1)
			return -1;
		snprintf(p->rule, sizeof p->rule, "rule '%.80s'", s);
	}
	if ((v = json_object_get(o, "kind")) == NULL) {
		crm_error_set(p->err, p->file, 0, 0, "%s: field 'kind': missing",
		    p->rule);
		return -1;
	}
	if (get_string(p, "kind", v, &kind) == -1)
		return -1;
	for (k = 0; k < 4; k++)
		if (strcmp(kind, kind_names[k]) == 0)
			break;
	if (k == 4)
		return bad(p, "kind", "expected first_touch, sequence, evidence "
		    "or task_overdue, got '%.80s'", kind);
	rule_defaults(r, (enum rkind)k);
	r->name = crm_xstrdup(json_object_get(o, "name") ?
	    json_string_value(json_object_get(o, "name")) : kind);
	json_object_foreach(o, key, v) {
		if (!allowed(r->kind, key)) {
			char f[80];

			snprintf(f, sizeof f, "%s", key);
			crm_error_set(p->err, p->file, 0, 0, "%s: field '%s': "
			    "not a field of a %s rule", p->rule, f, kind);
			return -1;
		}
		if (strcmp(key, "severity") == 0) {
			if (get_string(p, key, v, &s) == -1)
				return -1;
			if (strcmp(s, "red") == 0)
				r->sev = CRM_SEV_RED;
			else if (strcmp(s, "amber") == 0)
				r->sev = CRM_SEV_AMBER;
			else
				return bad(p, key, "expected red or amber, got "
				    "'%.80s'", s);
		} else if (strcmp(key, "action") == 0) {
			if (get_string(p, key, v, &s) == -1)
				return -1;
			free(r->action);
			r->action = crm_xstrdup(s);
		} else if (strcmp(key, "notify") == 0) {
			if (get_string(p, key, v, &s) == -1)
				return -1;
			if (strcmp(s, "manager") != 0 && strcmp(s, "none") != 0 &&
			    !is_role(s))
				return bad(p, key, "expected manager, none, "
				    "director, regional_manager, supervisor or "
				    "rep, got '%.80s'", s);
			free(r->notify);
			r->notify = crm_xstrdup(s);
		} else if (strcmp(key, "comment") == 0) {
			continue;
		} else if (strcmp(key, "types") == 0) {
			if (get_names(p, key, v, &r->types) == -1)
				return -1;
		} else if (strcmp(key, "evidence") == 0) {
			struct names nm = { NULL, 0 };

			if (get_names(p, key, v, &nm) == -1) {
				names_free(&nm);
				return -1;
			}
			for (size_t j = 0; j < r->nev; j++)
				free(r->ev[j]);
			free(r->ev);
			r->ev = nm.v;
			r->nev = nm.n;
			for (size_t j = 0; j < r->nev; j++) {
				char c[64];

				canon_kind(r->ev[j], strlen(r->ev[j]), c);
				free(r->ev[j]);
				r->ev[j] = crm_xstrdup(c);
			}
		} else if (strcmp(key, "hours") == 0) {
			if (get_long(p, key, v, 1, 8760, &r->hours) == -1)
				return -1;
		} else if (strcmp(key, "new_within_days") == 0) {
			if (get_long(p, key, v, 0, 36500, &r->new_days) == -1)
				return -1;
		} else if (strcmp(key, "steps") == 0) {
			size_t j;
			json_t *e;

			if (!json_is_array(v) || json_array_size(v) < 2)
				return bad(p, key, "expected an array of at least "
				    "two steps%s", "");
			r->steps = crm_xmalloc(json_array_size(v) *
			    sizeof *r->steps);
			json_array_foreach(v, j, e) {
				r->steps[j].v = NULL;
				r->steps[j].n = 0;
				r->nsteps++;
				if (get_names(p, key, e, &r->steps[j]) == -1)
					return -1;
			}
		} else if (strcmp(key, "evidence_kind") == 0) {
			char c[64];

			if (get_string(p, key, v, &s) == -1)
				return -1;
			canon_kind(s, strlen(s), c);
			r->ev_kind = crm_xstrdup(c);
		} else if (strcmp(key, "pattern") == 0) {
			if (get_string(p, key, v, &pattern) == -1)
				return -1;
		} else if (strcmp(key, "caseless") == 0) {
			if (!json_is_boolean(v))
				return bad(p, key, "expected true or false%s", "");
			caseless = json_is_true(v);
		}
	}
	if (r->kind == R_SEQUENCE && r->nsteps == 0) {
		crm_error_set(p->err, p->file, 0, 0, "%s: field 'steps': missing",
		    p->rule);
		return -1;
	}
	if (r->kind == R_EVIDENCE) {
		struct crm_error perr = CRM_ERROR_INIT;

		if (r->types.n == 0) {
			crm_error_set(p->err, p->file, 0, 0,
			    "%s: field 'types': missing", p->rule);
			return -1;
		}
		if (pattern == NULL) {
			crm_error_set(p->err, p->file, 0, 0,
			    "%s: field 'pattern': missing", p->rule);
			return -1;
		}
		if ((r->pat = crm_pattern_new(pattern, caseless, &perr)) == NULL) {
			crm_error_set(p->err, p->file, 0, 0, "%s: field 'pattern': "
			    "%s", p->rule, perr.msg);
			return -1;
		}
	}
	return 0;
}

struct crm_ruleset *
crm_rules_parse(const char *name, const char *buf, size_t len,
    struct crm_error *err)
{
	struct crm_ruleset *rs;
	struct pctx p;
	json_error_t jerr;
	json_t *doc, *arr, *v;
	const char *key;
	size_t i;

	p.file = name;
	p.err = err;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		buf += 3, len -= 3;
	doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (doc == NULL) {
		crm_error_set(err, name, jerr.line, jerr.column, "%s", jerr.text);
		return NULL;
	}
	if (!json_is_object(doc) || !json_is_array(arr = json_object_get(doc,
	    "rules"))) {
		crm_error_set(err, name, 0, 0,
		    "expected an object with an array \"rules\"");
		json_decref(doc);
		return NULL;
	}
	json_object_foreach(doc, key, v) {
		if (strcmp(key, "rules") != 0 && strcmp(key, "comment") != 0) {
			crm_error_set(err, name, 0, 0, "unknown top-level field "
			    "'%.80s'", key);
			json_decref(doc);
			return NULL;
		}
	}
	rs = crm_xmalloc(sizeof *rs);
	rs->n = 0;
	rs->r = crm_xmalloc((json_array_size(arr) + 1) * sizeof *rs->r);
	json_array_foreach(arr, i, v) {
		int rc = parse_rule(&p, i, v, &rs->r[rs->n]);

		rs->n++;
		if (rc == -1)
			goto fail;
		for (size_t j = 0; j + 1 < rs->n; j++)
			if (strcmp(rs->r[j].name, rs->r[rs->n - 1].name) == 0) {
				crm_error_set(err, name, 0, 0, "%s: field 'name': "
				    "rule %zu has the same name", p.rule, j + 1);
				goto fail;
			}
	}
	json_decref(doc);
	return rs;
fail:
	json_decref(doc);
	crm_rules_free(rs);
	return NULL;
}

#define RULES_MAX_BYTES (1 << 20)

struct crm_ruleset *
crm_rules_load(const char *path, struct crm_error *err)
{
	const char *name;
	struct crm_ruleset *rs = NULL;
	size_t n = 0;
	ssize_t k = 0;
	char *buf;
	int fd;

	if (path == NULL)
		return crm_rules_parse("(built-in rules)", default_rules,
		    strlen(default_rules), err);
	name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY);
	if (fd == -1) {
		crm_error_set(err, name, 0, 0, "%s", strerror(errno));
		return NULL;
	}
	buf = crm_xmalloc(RULES_MAX_BYTES + 1);
	while (n <= RULES_MAX_BYTES &&
	    (k = read(fd, buf + n, RULES_MAX_BYTES + 1 - n)) > 0)
		n += (size_t)k;
	if (k == -1 || n > RULES_MAX_BYTES)
		crm_error_set(err, name, 0, 0, "%s", k == -1 ? strerror(errno) :
		    "a rule file larger than 1 MiB");
	else
		rs = crm_rules_parse(name, buf, n, err);
	if (fd != 0)
		close(fd);
	free(buf);
	return rs;
}

/* ------------------------------------------------------------------ */
/* The run */

struct viol {
	size_t rule;			/* index in the rule set */
	enum crm_severity sev;
	const char *kind, *id, *rep, *notify, *action, *since, *detail;
};

struct cust {
	const char *rep_id;		/* in the arena */
	struct crm_time created;
	bool has_created;
};

struct event {
	size_t rule;			/* a sequence rule */
	long ref;			/* in refs */
	size_t step;
	int64_t t;			/* ts */
	long seq;			/* input order */
	const char *rep, *id;		/* in the arena */
	struct crm_time ts;
};

struct run {
	bool part;			/* false: see struct part */
	const struct crm_rules_opts *o;
	struct crm_ruleset *rs;
	struct crm_reps *reps;
	struct crm_hier *hier;
	struct crm_arena *arena;
	int64_t end;			/* end of the as-of day (exclusive) */
	struct crm_keytab *custs;	/* customer_id -> index */
	struct cust *cust;
	size_t ccap;
	/* The customers a first_touch rule may judge (created in its last
	 * new_days days): few, so the lookup every qualifying activity
	 * makes stays in cache. */
	struct crm_keytab *cand;	/* their customer_ids -> cand index */
	long *cand_ci;			/* cand index -> customer index */
	size_t nft;			/* first_touch rules, disabled or not */
	int64_t *first;			/* [first_touch rule][cand]: the
					   earliest qualifying ts, or INT64_MAX */
	struct crm_keytab *acts;	/* activity_id seen */
	struct crm_keytab *tasks;	/* task_id seen */
	struct crm_keytab *refs;	/* sequence refs */
	struct event *ev;
	size_t nev, evcap;
	struct viol *v;
	size_t nv, vcap;
	long future;			/* activities after the as-of day */
	bool undecided;			/* a pattern match failed */
	bool rejects;
};

static const char *
keep(struct run *run, const char *s)
{
	return crm_arena_strndup(run->arena, s ? s : "", s ? strlen(s) : 0);
}

/* Whether type (as written) is one of nm, blanks trimmed, ASCII case
 * folded. */
static bool
type_is(const struct names *nm, const char *type)
{
	size_t n = strlen(type);
	const char *t = trim(type, &n);

	for (size_t i = 0; i < nm->n; i++)
		if (strlen(nm->v[i]) == n && strncasecmp(nm->v[i], t, n) == 0)
			return true;
	return false;
}

/* Who rule r notifies for rep_id: into *who (borrowed or ""), with a note
 * for the detail when nobody can be named. */
static void
notify_of(struct run *run, const struct rule *r, const char *rep_id,
    const char **who, char *note, size_t len)
{
	long i, a;

	*who = "";
	note[0] = '\0';
	if (strcmp(r->notify, "none") == 0)
		return;
	if (*rep_id == '\0') {
		snprintf(note, len, "; no rep to notify a %s of", r->notify);
		return;
	}
	if (run->hier == NULL) {
		snprintf(note, len, "; no reps given to find the %s of %s",
		    r->notify, rep_id);
		return;
	}
	if ((i = crm_hier_find(run->hier, rep_id)) == -1) {
		snprintf(note, len, "; rep %s is not in the reps file", rep_id);
		return;
	}
	if (strcmp(r->notify, "manager") == 0) {
		a = crm_hier_parent(run->hier, i);
		if (a == -1)
			snprintf(note, len, "; %s has no manager", rep_id);
	} else {
		a = crm_hier_ancestor_role(run->hier, i, r->notify);
		if (a == -1)
			snprintf(note, len, "; no %s above %s", r->notify, rep_id);
	}
	if (a != -1)
		*who = crm_hier_rep(run->hier, a)->rep_id;
}

static void
add_viol(struct run *run, size_t ri, const char *kind, const char *id,
    const char *rep, const struct crm_time *since, const char *detail)
{
	const struct rule *r = &run->rs->r[ri];
	char note[256], buf[1024], t[32];
	const char *who;
	struct viol *v;

	notify_of(run, r, rep, &who, note, sizeof note);
	snprintf(buf, sizeof buf, "%s%s", detail, note);
	crm_time_format(since, run->o->tz, t);
	if (run->nv == run->vcap) {
		run->vcap = run->vcap ? run->vcap * 2 : 64;
		run->v = crm_xrealloc(run->v, run->vcap * sizeof *run->v);
	}
	v = &run->v[run->nv++];
	v->rule = ri;
	v->sev = r->sev;
	v->kind = kind;
	v->id = keep(run, id);
	v->rep = keep(run, rep);
	v->notify = keep(run, who);
	v->action = r->action;
	v->since = keep(run, t);
	v->detail = keep(run, buf);
}

static int
customer_record(struct crm_reader *r, const struct crm_record *rec, void *ctx,
    struct crm_error *err)
{
	struct run *run = ctx;
	struct crm_customer c;
	struct cust *e;
	bool existed;
	long i;

	if (crm_customer_from_record(r, rec, run->o->tz, &c, err) == -1)
		return CRM_REC_REJECT;
	if ((i = crm_keytab_add(run->custs, c.customer_id, &existed)) == -1) {
		crm_error_set(err, NULL, 0, 0, "too many customers");
		return CRM_REC_FATAL;
	}
	if ((size_t)i >= run->ccap) {
		run->ccap = run->ccap ? run->ccap * 2 : 256;
		run->cust = crm_xrealloc(run->cust, run->ccap * sizeof *run->cust);
	}
	e = &run->cust[i];
	if (existed) {
		/* a later row's non-empty fields win */
		if (*c.rep_id)
			e->rep_id = keep(run, c.rep_id);
		if (c.has_created) {
			e->created = c.created;
			e->has_created = true;
		}
		return CRM_REC_MERGED;
	}
	e->rep_id = keep(run, c.rep_id);
	e->created = c.created;
	e->has_created = c.has_created;
	return CRM_REC_USED;
}

/* The first_touch rules: is a a qualifying activity for rule r? */
static bool
qualifies(const struct rule *r, const struct crm_activity *a)
{
	if (!type_is(&r->types, a->type))
		return false;
	for (size_t i = 0; i < r->nev; i++)
		if (!crm_evidence_has(a->evidence, r->ev[i]))
			return false;
	return true;
}

struct evm {
	struct rule *r;
	int found;			/* items of the kind */
	struct crm_error *err;
};

static int
ev_match_cb(const char *kind, const char *text, size_t n, void *ctx)
{
	struct evm *m = ctx;
	int rc;

	if (m->r->ev_kind != NULL && strcmp(kind, m->r->ev_kind) != 0)
		return 0;
	m->found++;
	rc = crm_pattern_match(m->r->pat, text, n, m->err);
	return rc == 1 ? 1 : rc == -1 ? -1 : 0;
}

/* Check activity a, line of file, against evidence rule ri. */
static int
check_evidence(struct run *run, size_t ri, const char *file, long line,
    const struct crm_activity *a)
{
	struct rule *r = &run->rs->r[ri];
	struct crm_error merr = CRM_ERROR_INIT;
	struct evm m = { r, 0, &merr };
	char subject[96], detail[600];
	int rc;

	if (r->disabled || !type_is(&r->types, a->type))
		return 0;
	if (*a->activity_id)
		snprintf(subject, sizeof subject, "%s", a->activity_id);
	else
		snprintf(subject, sizeof subject, "%s:%ld", file, line);
	rc = crm_evidence_each(a->evidence, ev_match_cb, &m);
	if (rc == -1) {
		crm_par_say_before(line);
		crm_warnx("%s:%ld: rule '%s' on activity '%s': %s; the rule "
		    "checks no more records", file, line, r->name, subject,
		    merr.msg);
		r->disabled = true;
		run->undecided = true;
		return 0;
	}
	if (rc == 1)
		return 0;
	if (m.found == 0)
		snprintf(detail, sizeof detail, "%s for %s: no %s%sevidence",
		    a->type, a->customer_id, r->ev_kind ? r->ev_kind : "",
		    r->ev_kind ? " " : "");
	else
		snprintf(detail, sizeof detail, "%s for %s: %s%sevidence does "
		    "not match '%.200s'", a->type, a->customer_id,
		    r->ev_kind ? r->ev_kind : "", r->ev_kind ? " " : "",
		    crm_pattern_text(r->pat));
	add_viol(run, ri, "activity", subject, a->rep_id, &a->ts, detail);
	return 0;
}

/* Whether a copy of activity a could change a verdict: it is a step of a
 * sequence or checked for evidence.  First touches take a minimum, which
 * a copy leaves as it is.  Only these activities' ids are remembered to
 * merge duplicates, so memory follows them, not every activity. */
static bool
counted_once(const struct run *run, const struct crm_activity *a)
{
	for (size_t ri = 0; ri < run->rs->n; ri++) {
		const struct rule *r = &run->rs->r[ri];

		if (r->kind == R_EVIDENCE && type_is(&r->types, a->type))
			return true;
		if (r->kind == R_SEQUENCE && *a->ref != '\0')
			for (size_t s = 0; s < r->nsteps; s++)
				if (type_is(&r->steps[s], a->type))
					return true;
	}
	return false;
}

/* The first_touch rules' minimums, into first (the run's or a part's). */
static void
first_touch(const struct run *run, int64_t *first, const struct crm_activity *a)
{
	long k = -2;

	for (size_t ri = 0, fi = 0; ri < run->rs->n; ri++) {
		const struct rule *r = &run->rs->r[ri];
		size_t at;

		if (r->kind != R_FIRST_TOUCH)
			continue;
		if (qualifies(r, a)) {
			if (k == -2)
				k = crm_keytab_find(run->cand, a->customer_id);
			if (k == -1)
				return;
			at = fi * crm_keytab_count(run->cand) + (size_t)k;
			if (a->ts.t < first[at])
				first[at] = a->ts.t;
		}
		fi++;
	}
}

/* An activity that counts once (counted_once) into the run, in input
 * order: a copy is merged; else its first touches, sequence steps and
 * evidence checks.  Returns a crm_rec_result. */
static int
apply_once(struct run *run, const struct crm_activity *a, const char *file,
    long line)
{
	bool existed;

	if (*a->activity_id) {
		crm_keytab_add(run->acts, a->activity_id, &existed);
		if (existed)
			return CRM_REC_MERGED;
	}
	first_touch(run, run->first, a);
	for (size_t ri = 0; ri < run->rs->n; ri++) {
		const struct rule *r = &run->rs->r[ri];

		if (r->kind == R_EVIDENCE) {
			check_evidence(run, ri, file, line, a);
			continue;
		}
		if (r->kind != R_SEQUENCE || *a->ref == '\0')
			continue;
		for (size_t s = 0; s < r->nsteps; s++) {
			struct event *e;

			if (!type_is(&r->steps[s], a->type))
				continue;
			if (run->nev == run->evcap) {
				run->evcap = run->evcap ? run->evcap * 2 : 256;
				run->ev = crm_xrealloc(run->ev,
				    run->evcap * sizeof *run->ev);
			}
			e = &run->ev[run->nev];
			e->rule = ri;
			e->ref = crm_keytab_add(run->refs, a->ref, &existed);
			e->step = s;
			e->t = a->ts.t;
			e->ts = a->ts;
			e->seq = (long)run->nev;
			e->rep = keep(run, a->rep_id);
			e->id = keep(run, a->activity_id);
			run->nev++;
			break;
		}
	}
	return CRM_REC_USED;
}

/* --jobs: a part of the activities, read by a worker.  Most activities
 * only lower first_touch minimums, which parts keep apart and the merge
 * takes the least of.  The few that count once (sequence steps, evidence
 * checks) are kept in input order, and the merge applies them in order,
 * so copies, events, evidence verdicts and warnings are one thread's. */
struct part {
	bool part;			/* true: this, not a struct run */
	struct run *run;		/* read-only while parts are read */
	int64_t *first;			/* as run->first */
	long future;			/* activities after the as-of day */
	struct once {
		struct crm_activity a;	/* strings in the arena */
		long line;
	} *once;
	size_t nonce, caponce;
	const char *file;		/* in the arena */
	struct crm_arena *arena;
};

static size_t
first_len(const struct run *run)
{
	return run->nft * crm_keytab_count(run->cand);
}

/* crm_input_each_par() callback for one activity, into the run itself
 * (one thread) or into a part.  Returns a crm_rec_result. */
static int
activity_record(struct crm_reader *rd, const struct crm_record *rec,
    void *ctx, struct crm_error *err)
{
	struct part *p = ctx;
	struct run *run = p->part ? p->run : ctx;
	struct crm_activity a;
	struct once *k;

	if (crm_activity_from_record(rd, rec, run->o->tz, &a, err) == -1)
		return CRM_REC_REJECT;
	if (a.ts.t >= run->end) {
		if (p->part)
			p->future++;
		else
			run->future++;
		return CRM_REC_IGNORED;
	}
	if (!counted_once(run, &a)) {
		first_touch(run, p->part ? p->first : run->first, &a);
		return CRM_REC_USED;
	}
	if (!p->part)
		return apply_once(run, &a, crm_reader_name(rd), rec->line);
	if (p->file == NULL)
		p->file = crm_arena_strndup(p->arena, crm_reader_name(rd),
		    strlen(crm_reader_name(rd)));
	if (p->nonce == p->caponce) {
		p->caponce = p->caponce ? p->caponce * 2 : 64;
		p->once = crm_xrealloc(p->once, p->caponce * sizeof *p->once);
	}
	k = &p->once[p->nonce++];
	k->a = a;
	crm_activity_keep(p->arena, &k->a);
	k->line = rec->line;
	return CRM_REC_USED;		/* for now: the merge may change it */
}

static void *
part_new(void *ctx)
{
	struct run *run = ctx;
	struct part *p = crm_xmalloc(sizeof *p);
	size_t n = first_len(run);

	memset(p, 0, sizeof *p);
	p->part = true;
	p->run = run;
	p->first = crm_xmalloc((n + 1) * sizeof *p->first);
	for (size_t i = 0; i < n; i++)
		p->first[i] = INT64_MAX;
	p->arena = crm_arena_new();
	return p;
}

static int
part_merge(void *ctx, void *part, struct crm_counts *c, struct crm_error *err)
{
	struct run *run = ctx;
	struct part *p = part;
	size_t n = first_len(run);

	(void)err;
	for (size_t i = 0; i < n; i++)
		if (p->first[i] < run->first[i])
			run->first[i] = p->first[i];
	run->future += p->future;
	for (size_t i = 0; i < p->nonce; i++)
		crm_counts_move(c, apply_once(run, &p->once[i].a, p->file,
		    p->once[i].line));
	return 0;
}

static void
part_free(void *ctx, void *part)
{
	struct part *p = part;

	(void)ctx;
	free(p->first);
	free(p->once);
	crm_arena_free(p->arena);
	free(p);
}

static const struct crm_par_ops activity_ops = {
	part_new, activity_record, NULL, NULL, part_free, crm_par_self,
	part_merge, NULL, NULL
};

static int
task_record(struct crm_reader *rd, const struct crm_record *rec, void *ctx,
    struct crm_error *err)
{
	struct run *run = ctx;
	struct crm_task t;
	bool existed, late;
	long due_day;

	if (crm_task_from_record(rd, rec, run->o->tz, &t, err) == -1)
		return CRM_REC_REJECT;
	crm_keytab_add(run->tasks, t.task_id, &existed);
	if (existed)
		return CRM_REC_MERGED;
	if (t.has_done && t.done.t < run->end)
		return CRM_REC_USED;
	/* due with a time: past it by the end of the as-of day; a due date
	 * alone: the whole day is allowed */
	due_day = crm_time_day(t.due.t, run->o->tz);
	late = t.due.has_time ? t.due.t < run->end : due_day < run->o->as_of;
	if (!late)
		return CRM_REC_USED;
	for (size_t ri = 0; ri < run->rs->n; ri++) {
		const struct rule *r = &run->rs->r[ri];
		char detail[600];
		long days = run->o->as_of - due_day;

		if (r->kind != R_TASK_OVERDUE)
			continue;
		snprintf(detail, sizeof detail, "%.200s: not done, %ld day%s "
		    "past due", *t.deliverable ? t.deliverable : "task", days,
		    days == 1 ? "" : "s");
		add_viol(run, ri, "task", t.task_id, t.assignee_id, &t.due,
		    detail);
	}
	return CRM_REC_USED;
}

static int
cmp_events(const void *pa, const void *pb)
{
	const struct event *a = pa, *b = pb;

	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	if (a->ref != b->ref)
		return a->ref < b->ref ? -1 : 1;
	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	if (a->step != b->step)
		return a->step < b->step ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Walk the events of each (rule, ref), in time order: a step whose
 * earlier steps have not all happened is a violation, once per ref. */
static void
check_sequences(struct run *run)
{
	size_t i = 0, j;

	if (run->nev > 0)
		crm_sort(run->ev, run->nev, sizeof *run->ev, cmp_events);
	while (i < run->nev) {
		const struct rule *r = &run->rs->r[run->ev[i].rule];
		size_t next = 0;
		bool done = false;

		for (j = i; j < run->nev && run->ev[j].rule == run->ev[i].rule &&
		    run->ev[j].ref == run->ev[i].ref; j++) {
			const struct event *e = &run->ev[j];
			char detail[600], missing[400];
			size_t len = 0;
			bool later = false;

			if (done)
				continue;
			if (e->step < next)
				continue;	/* a step again: no harm */
			if (e->step == next) {
				next++;
				continue;
			}
			/* steps next .. e->step-1 were skipped, or come later */
			missing[0] = '\0';
			for (size_t s = next; s < e->step; s++) {
				len += (size_t)snprintf(missing + len,
				    sizeof missing - len, "%s%s",
				    s > next ? ", " : "", r->steps[s].v[0]);
				if (len >= sizeof missing)
					len = sizeof missing - 1;
				for (size_t k = j + 1; k < run->nev &&
				    run->ev[k].rule == e->rule &&
				    run->ev[k].ref == e->ref; k++)
					if (run->ev[k].step == s)
						later = true;
			}
			snprintf(detail, sizeof detail, "ref %s: %s %s %s (%s)",
			    crm_keytab_key(run->refs, e->ref),
			    r->steps[e->step].v[0], later ? "before" : "without",
			    missing, later ? "reordered" : "skipped");
			add_viol(run, e->rule, "ref",
			    crm_keytab_key(run->refs, e->ref), e->rep, &e->ts,
			    detail);
			done = true;
		}
		i = j;
	}
}

/* The first_touch verdicts, once every activity is in. */
/* The customers some enabled first_touch rule may judge: created on
 * one of its last new_days days up to the as-of day (check_first's
 * test), into run->cand. */
static void
find_candidates(struct run *run)
{
	size_t n = crm_keytab_count(run->custs);
	long days = -1;
	bool existed;

	for (size_t ri = 0; ri < run->rs->n; ri++) {
		const struct rule *r = &run->rs->r[ri];

		if (r->kind == R_FIRST_TOUCH) {
			run->nft++;
			if (!r->disabled && r->new_days > days)
				days = r->new_days;
		}
	}
	run->cand_ci = crm_xmalloc((n + 1) * sizeof *run->cand_ci);
	for (size_t ci = 0; ci < n && days >= 0; ci++) {
		const struct cust *c = &run->cust[ci];
		long day;

		if (!c->has_created)
			continue;
		day = crm_time_day(c->created.t, run->o->tz);
		if (day >= run->o->as_of - days && day <= run->o->as_of)
			run->cand_ci[crm_keytab_add(run->cand,
			    crm_keytab_key(run->custs, (long)ci), &existed)] =
			    (long)ci;
	}
}

static void
check_first(struct run *run)
{
	size_t fi = 0, n = crm_keytab_count(run->cand);

	for (size_t ri = 0; ri < run->rs->n; ri++) {
		const struct rule *r = &run->rs->r[ri];

		if (r->kind != R_FIRST_TOUCH)
			continue;
		for (size_t j = 0; j < n && !r->disabled; j++) {
			long ci = run->cand_ci[j];
			const struct cust *c = &run->cust[ci];
			int64_t first = run->first[fi * n + j];
			int64_t deadline;
			char detail[800], ct[32], ft[32], ev[200];
			struct crm_time dl;
			size_t len = 0;

			if (!c->has_created ||
			    crm_time_day(c->created.t, run->o->tz) <
			    run->o->as_of - r->new_days ||
			    crm_time_day(c->created.t, run->o->tz) > run->o->as_of)
				continue;
			deadline = c->created.t + (int64_t)r->hours * 3600;
			if (deadline >= run->end || first <= deadline)
				continue;
			ev[0] = '\0';
			for (size_t k = 0; k < r->nev; k++) {
				len += (size_t)snprintf(ev + len, sizeof ev - len,
				    "%s%s", k ? " and " : " with ", r->ev[k]);
				if (len >= sizeof ev)
					len = sizeof ev - 1;
			}
			crm_time_format(&c->created, run->o->tz, ct);
			if (first != INT64_MAX) {
				struct crm_time f = { first, true };

				crm_time_format(&f, run->o->tz, ft);
			}
			snprintf(detail, sizeof detail, "no %s%s within %ld h of "
			    "created_at %s (first: %s)", r->types.v[0], ev,
			    r->hours, ct, first == INT64_MAX ? "none" : ft);
			dl.t = deadline;
			dl.has_time = true;
			add_viol(run, ri, "customer",
			    crm_keytab_key(run->custs, ci), c->rep_id, &dl,
			    detail);
		}
		fi++;
	}
}

static int
cmp_viol(const void *pa, const void *pb)
{
	const struct viol *a = pa, *b = pb;
	int c;

	if (a->sev != b->sev)
		return a->sev > b->sev ? -1 : 1;
	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	if ((c = strcmp(a->id, b->id)) != 0)
		return c;
	if ((c = strcmp(a->since, b->since)) != 0)
		return c;
	return strcmp(a->detail, b->detail);
}

static int
write_viols(struct run *run, FILE *out)
{
	static const char *const names[] = { "rule", "severity",
	    "subject_kind", "subject_id", "rep_id", "notify", "action",
	    "since", "detail" };
	static const enum crm_coltype types[] = { CRM_COL_STR, CRM_COL_STR,
	    CRM_COL_STR, CRM_COL_STR, CRM_COL_STR, CRM_COL_STR, CRM_COL_STR,
	    CRM_COL_STR, CRM_COL_STR };
	struct crm_writer *w;
	int rc = 0;

	if (run->nv > 0)
		crm_sort(run->v, run->nv, sizeof *run->v, cmp_viol);
	if ((w = crm_writer_new(out, &run->o->out, names, types, 9)) == NULL)
		return -1;
	for (size_t i = 0; i < run->nv && rc == 0; i++) {
		const struct viol *v = &run->v[i];
		const char *vals[9] = { run->rs->r[v->rule].name,
		    v->sev == CRM_SEV_RED ? "red" : "amber", v->kind, v->id,
		    v->rep, v->notify, v->action, v->since, v->detail };

		rc = crm_writer_row(w, vals);
	}
	if (crm_writer_close(w) == -1)
		rc = -1;
	return rc;
}

/* Warn about and drop the rules whose inputs were not given. */
static void
skip_rules(struct run *run)
{
	const struct crm_rules_opts *o = run->o;

	for (size_t i = 0; i < run->rs->n; i++) {
		struct rule *r = &run->rs->r[i];
		const char *need = NULL;

		if (r->kind == R_FIRST_TOUCH && o->customers == NULL)
			need = "customers";
		else if (r->kind != R_TASK_OVERDUE && o->activities == NULL)
			need = "activities";
		else if (r->kind == R_TASK_OVERDUE && o->tasks == NULL)
			need = "tasks";
		if (need != NULL) {
			crm_warnx("rule '%s' is not checked: no %s given",
			    r->name, need);
			r->disabled = true;
		}
	}
}

int
crm_rules_run(const struct crm_rules_opts *o, FILE *out,
    struct crm_error *err)
{
	static const enum crm_field creq[] = { CRM_F_CUSTOMER_ID, CRM_F_NONE };
	static const enum crm_field areq[] = { CRM_F_CUSTOMER_ID, CRM_F_TS,
	    CRM_F_NONE };
	static const enum crm_field treq[] = { CRM_F_TASK_ID,
	    CRM_F_ASSIGNEE_ID, CRM_F_DUE, CRM_F_NONE };
	struct run run;
	int status = CRM_EXIT_ERROR;
	size_t nft = 0, n;
	struct crm_time end;

	memset(&run, 0, sizeof run);
	run.o = o;
	run.arena = crm_arena_new();
	run.custs = crm_keytab_new();
	run.cand = crm_keytab_new();
	run.acts = crm_keytab_new();
	run.tasks = crm_keytab_new();
	run.refs = crm_keytab_new();
	if (crm_time_parse("1970-01-01", o->tz, &end) == -1)
		goto out;
	run.end = end.t + (int64_t)(o->as_of + 1) * 86400;
	if ((run.rs = crm_rules_load(o->rules, err)) == NULL)
		goto out;
	skip_rules(&run);
	if (o->reps != NULL) {
		if ((run.reps = crm_reps_load(o->reps, &o->input, err)) == NULL)
			goto out;
		if ((run.hier = crm_hier_new(run.reps, err)) == NULL)
			goto out;
	}
	for (size_t i = 0; i < run.rs->n; i++)
		nft += run.rs->r[i].kind == R_FIRST_TOUCH &&
		    !run.rs->r[i].disabled;
	if (nft > 0 && crm_input_all(o->customers, &o->input, creq,
	    customer_record, &run, NULL, &run.rejects, err) == -1)
		goto out;
	find_candidates(&run);
	n = first_len(&run);
	run.first = crm_xmalloc((n + 1) * sizeof *run.first);
	for (size_t i = 0; i < n; i++)
		run.first[i] = INT64_MAX;
	if (o->activities != NULL && crm_input_all_par(o->activities,
	    &o->input, areq, &activity_ops, &run, &run.rejects, err) == -1)
		goto out;
	if (o->tasks != NULL && crm_input_all(o->tasks, &o->input, treq,
	    task_record, &run, NULL, &run.rejects, err) == -1)
		goto out;
	if (run.future > 0)
		crm_warnx("%ld activities are after the as-of date and were "
		    "ignored", run.future);
	check_sequences(&run);
	check_first(&run);
	if (write_viols(&run, out) == -1) {
		crm_error_set(err, NULL, 0, 0, "write error on standard output");
		goto out;
	}
	if (run.rejects || run.undecided) {
		crm_error_set(err, NULL, 0, 0, run.rejects ?
		    "some input records were rejected (see above)" :
		    "some records could not be checked (see above)");
		goto out;
	}
	status = CRM_EXIT_OK;
	for (size_t i = 0; i < run.nv; i++)
		if (o->fail_on != CRM_SEV_NONE && run.v[i].sev >= o->fail_on)
			status = CRM_EXIT_FINDING;
out:
	crm_rules_free(run.rs);
	crm_hier_free(run.hier);
	crm_reps_free(run.reps);
	crm_keytab_free(run.custs);
	crm_keytab_free(run.cand);
	free(run.cand_ci);
	crm_keytab_free(run.acts);
	crm_keytab_free(run.tasks);
	crm_keytab_free(run.refs);
	crm_arena_free(run.arena);
	free(run.cust);
	free(run.first);
	free(run.ev);
	free(run.v);
	return status;
}
