/* rules.h - process control: crm-rules (circuit breakers, sequences,
 * evidence, escalation), crm-hotlist (the decision heat map) and crm-tasks
 * (the drill-down), over one reps hierarchy and one pattern wrapper; see
 * crm-rules(1), crm-rules(5), crm-hotlist(1), crm-tasks(1). */
#ifndef CRM_RULES_H
#define CRM_RULES_H

#include "crm.h"

/* ------------------------------------------------------------------ */
/* Patterns (rules.c): PCRE2 with RELIABILITY.md's limits: UTF, JIT when
 * available, match limit 100000, heap limit 65536 KiB, subjects of at
 * most 64 KiB, patterns of at most 4096 code units.  The first three are
 * options of the tools that match (--max-match-steps, --max-match-heap,
 * --max-match-bytes). */

#define CRM_PATTERN_MAX_LEN	4096
#define CRM_PATTERN_MAX_SUBJECT	(64u << 10)

enum {
	CRM_OPT_MATCH_STEPS = 0x3000, CRM_OPT_MATCH_HEAP, CRM_OPT_MATCH_BYTES
};
#define CRM_PATTERN_LONGOPTS \
	{ "max-match-steps", required_argument, NULL, CRM_OPT_MATCH_STEPS }, \
	{ "max-match-heap",  required_argument, NULL, CRM_OPT_MATCH_HEAP }, \
	{ "max-match-bytes", required_argument, NULL, CRM_OPT_MATCH_BYTES }
/* For cmd/: take a pattern-limit option (exit 2 on a bad value); returns
 * whether ch was one.  Set before patterns are compiled. */
bool crm_pattern_take(int ch, const char *arg);
/* The usage lines of those options.  Static. */
const char *crm_pattern_usage(void);

struct crm_pattern;

/* Compile pat (UTF-8), case-insensitive when caseless.  Returns a new
 * pattern, or NULL with err->msg "'<pat>': <message> at offset N". */
struct crm_pattern *crm_pattern_new(const char *pat, bool caseless,
    struct crm_error *err);
/* Match p against s[0..n).  Returns 1 on a match, 0 on none, -1 with
 * err->msg set when the match could not be decided (match or heap limit,
 * a subject over the byte limit, invalid UTF-8). */
int crm_pattern_match(struct crm_pattern *p, const char *s, size_t n,
    struct crm_error *err);
/* A copy of p for another thread: the compiled code is shared (it must
 * outlive the copy), the match state is its own.  Can't fail. */
struct crm_pattern *crm_pattern_dup(const struct crm_pattern *p);
/* The pattern as given.  Borrowed. */
const char *crm_pattern_text(const struct crm_pattern *p);
void crm_pattern_free(struct crm_pattern *p);

/* ------------------------------------------------------------------ */
/* Evidence items (rules.c): "checkin: 31.23,121.47; photo: 门头照片 ...". */

/* Call fn for each item of the evidence list s: its canonical kind
 * ("checkin", "photo", "doc", or the kind as written, ASCII lower-cased,
 * "" when the item has no "kind:") and its trimmed text.  Items are split
 * on ';' and '；', kind and text on ':' and '：'.  fn returns 0 to go on,
 * anything else to stop; that value is returned (0 at the end). */
typedef int (*crm_evidence_fn)(const char *kind, const char *text,
    size_t textlen, void *ctx);
int crm_evidence_each(const char *s, crm_evidence_fn fn, void *ctx);
/* Whether s has an item of kind with non-blank text.  Can't fail. */
bool crm_evidence_has(const char *s, const char *kind);
/* Whether s has any non-blank text.  Can't fail. */
bool crm_evidence_present(const char *s);

/* ------------------------------------------------------------------ */
/* The reps hierarchy (hier.c). */

struct crm_hier;

/* Build the hierarchy over reps (borrowed; must outlive it).  Returns a
 * new hierarchy, or NULL with err->msg naming the reps when a manager_id
 * names no rep or the managers form a cycle. */
struct crm_hier *crm_hier_new(const struct crm_reps *reps,
    struct crm_error *err);
void crm_hier_free(struct crm_hier *h);
/* The index of rep id (0 .. count-1, the reps file order), or -1. */
long crm_hier_find(const struct crm_hier *h, const char *id);
size_t crm_hier_count(const struct crm_hier *h);
/* The rep at index i.  Borrowed. */
const struct crm_rep *crm_hier_rep(const struct crm_hier *h, long i);
/* The manager's index of i, or -1 for a top of the tree. */
long crm_hier_parent(const struct crm_hier *h, long i);
/* The direct reports of i (or the tops of the tree for i == -1), sorted
 * by rep_id; *n is set to how many.  Borrowed. */
const long *crm_hier_children(const struct crm_hier *h, long i, size_t *n);
/* The nearest rep strictly above i whose role is role, or -1. */
long crm_hier_ancestor_role(const struct crm_hier *h, long i,
    const char *role);
/* Whether i is a or below a.  Can't fail. */
bool crm_hier_under(const struct crm_hier *h, long i, long a);

/* ------------------------------------------------------------------ */
/* Rule files (rules.c); see crm-rules(5). */

struct crm_ruleset;

/* The built-in rules, the text of share/rules.json.  Can't fail. */
const char *crm_rules_default_text(void);
/* Parse a rule file in buf[0..len); name is used in messages.  Returns a
 * new rule set with every pattern compiled, or NULL with *err set (bad
 * JSON with line and column; a bad rule named with its field). */
struct crm_ruleset *crm_rules_parse(const char *name, const char *buf,
    size_t len, struct crm_error *err);
/* Read path ("-" is stdin, at most 1 MiB), or the built-in rules when
 * path is NULL, and parse it as above. */
struct crm_ruleset *crm_rules_load(const char *path, struct crm_error *err);
size_t crm_rules_count(const struct crm_ruleset *rs);
/* Name and kind of rule i.  Borrowed. */
const char *crm_rules_name(const struct crm_ruleset *rs, size_t i);
const char *crm_rules_kind(const struct crm_ruleset *rs, size_t i);
void crm_rules_free(struct crm_ruleset *rs);

enum crm_severity { CRM_SEV_NONE, CRM_SEV_AMBER, CRM_SEV_RED };

struct crm_rules_opts {
	const char *rules;		/* rule file, or NULL: the built-in */
	const char **customers;		/* NULL-terminated, or NULL: none */
	const char **activities;	/* same */
	const char **tasks;		/* same */
	const char *reps;		/* reps file or "@reps", or NULL */
	enum crm_severity fail_on;	/* exit 1 at this severity or worse */
	long as_of;			/* day number of the as-of date */
	long tz;			/* team zone offset, seconds */
	struct crm_input_opts input;	/* reading options (input.db for @) */
	struct crm_writer_opts out;	/* output format */
};

/* Run crm-rules.  Returns CRM_EXIT_OK, CRM_EXIT_FINDING (a violation at
 * fail_on), or CRM_EXIT_ERROR with *err set (a fatal error, or records
 * rejected or undecided after the output was written). */
int crm_rules_run(const struct crm_rules_opts *o, FILE *out,
    struct crm_error *err);

/* ------------------------------------------------------------------ */
/* crm-hotlist (hotlist.c) */

struct crm_hotlist_opts {
	const char **customers;		/* NULL-terminated */
	const char **activities;	/* NULL-terminated, or NULL */
	const char *competitors;	/* names file, or NULL */
	long within;			/* contract ends as_of+1 .. as_of+within */
	long mentions;			/* at least this many mentions */
	long lookback;			/* mentions dated as_of-lookback .. as_of */
	bool by_region;			/* the heat map instead of rows */
	long as_of;			/* day number */
	long tz;			/* team zone offset, seconds */
	struct crm_input_opts input;
	struct crm_writer_opts out;
};

/* Whether a tier value names a key account (A, KA, key, 重点, ...).
 * Can't fail. */
bool crm_tier_is_key(const char *tier);
int crm_hotlist_run(const struct crm_hotlist_opts *o, FILE *out,
    struct crm_error *err);

/* ------------------------------------------------------------------ */
/* crm-tasks (tasks.c) */

struct crm_tasks_opts {
	const char **tasks;		/* NULL-terminated */
	const char *reps;		/* reps file or "@reps" */
	const char *under;		/* rep_id, or NULL: every top */
	long depth;			/* levels of reports below (3) */
	bool list;			/* the tasks, not the roll-up */
	long as_of;			/* day number */
	long tz;			/* team zone offset, seconds */
	struct crm_input_opts input;
	struct crm_writer_opts out;
};

int crm_tasks_run(const struct crm_tasks_opts *o, FILE *out,
    struct crm_error *err);

#endif /* CRM_RULES_H */
