/* score.h - crm-score: action-value weights, ISO weeks and the weekly
 * Top 10 (DOMAIN.md: action value); see crm-score(1). */
#ifndef CRM_SCORE_H
#define CRM_SCORE_H

#include "crm.h"

/* ------------------------------------------------------------------ */
/* ISO 8601 weeks (week.c).  Days are the day numbers of crm.h (days since
 * 1970-01-01, as crm_time_day() gives them in the team zone); a week runs
 * Monday to Sunday and belongs to the year of its Thursday. */

/* Day of the week of day: Monday 1 .. Sunday 7 (as date +%u).  Can't fail. */
int crm_weekday(long day);
/* The Monday of the ISO week that holds day.  Can't fail. */
long crm_week_monday(long day);
/* The ISO week-numbering year (*year) and week 1..53 (*week) of day.
 * Can't fail. */
void crm_week_of(long day, long *year, int *week);
/* How many ISO weeks year has: 52 or 53.  Can't fail. */
int crm_weeks_in_year(long year);
/* The Monday of week `week` of ISO year `year` into *monday.  Returns 0,
 * or -1 when the year has no such week (week 0, 54, or 53 of a 52-week
 * year). */
int crm_week_start(long year, int week, long *monday);
/* Parse "YYYY-Www" (also "YYYYWww"; 'w' in either case) into the Monday
 * of that week.  Returns 0, or -1 when s is not a week of its year. */
int crm_week_parse(const char *s, long *monday);
/* Format the ISO week that holds day as "YYYY-Www" into buf (at least 16
 * bytes).  Can't fail. */
void crm_week_format(long day, char *buf);
/* The Monday of the last complete week before as_of: the latest week whose
 * Sunday is before as_of (on a Sunday, the week before it: the as-of day
 * is not over).  Can't fail. */
long crm_week_last_complete(long as_of);

/* ------------------------------------------------------------------ */
/* Action-value weights (score.c).  A weight is an exact decimal with at
 * most 2 places, held as an integer number of hundredths (0.5 is 50). */

#define CRM_WEIGHT_MAX 1000000		/* |weight| <= 10000.00 */

/* A weights table: canonical type -> weight, in the order given. */
struct crm_weights;

/* Parse a weight: -?digits[.d[d]] (a leading '+' and blanks around are
 * allowed), |w| <= 10000.  Returns 0 with *hundredths set, or -1 with a
 * reason in why (at least 64 bytes) when s is not one. */
int crm_weight_parse(const char *s, long *hundredths, char *why, size_t len);
/* Format hundredths as a decimal with 2 places ("7.50", "-1.00", "0.00")
 * into buf (at least 24 bytes).  Can't fail. */
void crm_weight_format(long hundredths, char *buf);

/* The canonical name of an activity type as written in data or a weights
 * file: blanks (and U+3000) trimmed, ASCII folded to lower case, and the
 * Chinese names of crm-score(1) mapped onto canonical types (发送定制方案
 * -> proposal).
 * Writes at most len bytes (NUL included) into buf and returns buf.  Can't
 * fail (a longer name is cut at a character boundary). */
char *crm_type_canonical(const char *type, char *buf, size_t len);
/* Whether name (already canonical) is one of DOMAIN.md's canonical types.
 * Can't fail. */
bool crm_type_is_canonical(const char *name);

/* The built-in default weights (the same as share/weights.csv).  Returns a
 * new table.  Can't fail. */
struct crm_weights *crm_weights_default(void);
/* Parse a weights file held in buf[0..len): a CSV with a header naming the
 * columns type and weight, or a JSON object {"type": weight, ...}, told
 * apart by the first character after blanks and a BOM.  name is used in
 * messages.  Returns a new table, or NULL with *err set (file:line). */
struct crm_weights *crm_weights_parse(const char *name, const char *buf,
    size_t len, struct crm_error *err);
/* Read the weights file at path ("-" is stdin) and parse it as above.
 * Returns a new table, or NULL with *err set. */
struct crm_weights *crm_weights_load(const char *path, struct crm_error *err);
/* Number of weighted types.  Can't fail. */
size_t crm_weights_count(const struct crm_weights *w);
/* The i-th weighted type in the order given (canonical name, borrowed,
 * valid until crm_weights_free) and its weight into *hundredths. */
const char *crm_weights_at(const struct crm_weights *w, size_t i,
    long *hundredths);
/* Index of the weight of type (as written in data, canonicalised here), or
 * -1 when the type has no weight. */
long crm_weights_find(const struct crm_weights *w, const char *type);
void crm_weights_free(struct crm_weights *w);

/* ------------------------------------------------------------------ */
/* crm-score (score.c) */

struct crm_score_opts {
	const char *weights;		/* weights file, NULL: built-in */
	long from, to;			/* the window: days, inclusive */
	bool week_window;		/* from..to is one ISO week (as trend
					   needs: weeks end at "to") */
	long trend;			/* weeks of trend columns, 0: none */
	long advance_weight;		/* hundredths; advancing when >= */
	long top;			/* rows with rank <= top, 0: all */
	enum crm_group_by by;		/* CRM_BY_NONE or _REP: per rep */
	const char *reps;		/* reps file or NULL */
	const char **activities;	/* activity files, NULL-terminated */
	long tz;			/* team zone offset, seconds */
	struct crm_input_opts input;	/* reading options */
	struct crm_writer_opts out;	/* output format */
};
#define CRM_SCORE_ADVANCE_DEFAULT 200	/* weight 2 */

/* A type with no weight, and how often it occurred in the window. */
struct crm_score_unknown {
	char *type;			/* canonical name, "" for no type */
	long count;			/* activities in the window */
};

/* What a run saw, for the messages cmd/crm-score.c prints: lib/ does not
 * print (the reader's per-record reject messages aside). */
struct crm_score_result {
	struct crm_counts *counts;	/* per activities file, as opts */
	long in_window;			/* scored activities, selected window */
	long outside;			/* outside every scored week */
	long duplicates;		/* repeated activity_id, counted once */
	long no_rep;			/* scored activities without rep_id */
	long unlisted;			/* reps with activity, not in --reps */
	char unlisted_ex[64];		/* one of them, for the message */
	struct crm_score_unknown *unknown; /* sorted by type (byte order) */
	size_t nunknown;
	bool rejects;			/* some record was rejected */
};

/* Run crm-score over o->activities and write the table to out.  Returns
 * CRM_EXIT_OK, or CRM_EXIT_ERROR: with *err set and nothing (or part)
 * written on a fatal error; or after the table was written when some
 * records were rejected (res->rejects).  *res is filled either way; free it
 * with crm_score_result_free(). */
int crm_score_run(const struct crm_score_opts *o, FILE *out,
    struct crm_score_result *res, struct crm_error *err);
/* Free what *res holds (not res itself).  Can't fail. */
void crm_score_result_free(struct crm_score_result *res);

#endif /* CRM_SCORE_H */
