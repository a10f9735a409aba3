/* rep.c - the reps table: rep_id -> name, manager, region, role. */
#include <stdlib.h>
#include <string.h>

#include <uthash.h>

#include "crm.h"

struct rep_entry {
	struct crm_rep rep;		/* strings live in the table's arena */
	long line;			/* where it was read */
	UT_hash_handle hh;		/* keyed by rep.rep_id */
};

struct crm_reps {
	struct rep_entry *map;		/* uthash head */
	const struct crm_rep **list;	/* in the order read */
	size_t n, cap;
	struct crm_arena *arena;	/* all strings */
};

static const char *
keep(struct crm_reps *t, const char *s)
{
	return crm_arena_strndup(t->arena, s ? s : "", s ? strlen(s) : 0);
}

static int
rep_record(struct crm_reader *r, const struct crm_record *rec, void *ctx,
    struct crm_error *err)
{
	struct crm_reps *t = ctx;
	const char *id = crm_record_get(r, rec, CRM_F_REP_ID);
	struct rep_entry *e;

	if (id == NULL || *id == '\0') {
		crm_error_set(err, NULL, 0, 0, "field 'rep_id': empty");
		return CRM_REC_REJECT;
	}
	HASH_FIND_STR(t->map, id, e);
	if (e != NULL) {
		crm_error_set(err, NULL, 0, 0,
		    "rep '%s' is listed twice (first on line %ld)", id, e->line);
		return CRM_REC_REJECT;
	}
	e = crm_xmalloc(sizeof *e);
	e->rep.rep_id = keep(t, id);
	e->rep.name = keep(t, crm_record_get(r, rec, CRM_F_NAME));
	e->rep.manager_id = keep(t, crm_record_get(r, rec, CRM_F_MANAGER_ID));
	e->rep.region = keep(t, crm_record_get(r, rec, CRM_F_REGION));
	e->rep.role = keep(t, crm_record_get(r, rec, CRM_F_ROLE));
	e->line = rec->line;
	HASH_ADD_KEYPTR(hh, t->map, e->rep.rep_id, strlen(e->rep.rep_id), e);
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->list = crm_xrealloc(t->list, t->cap * sizeof *t->list);
	}
	t->list[t->n++] = &e->rep;
	return CRM_REC_USED;
}

struct crm_reps *
crm_reps_load(const char *path, const struct crm_input_opts *o,
    struct crm_error *err)
{
	static const enum crm_field req[] = { CRM_F_REP_ID, CRM_F_NONE };
	struct crm_reps *t = crm_xmalloc(sizeof *t);
	struct crm_counts c = { 0, 0, 0, 0, 0 };
	int rc;

	t->map = NULL;
	t->list = NULL;
	t->n = t->cap = 0;
	t->arena = crm_arena_new();
	rc = crm_input_each(path, o, req, rep_record, t, &c, err);
	if (rc == -1) {
		crm_reps_free(t);
		return NULL;
	}
	if (rc == 1) {
		crm_counts_report(path, &c);
		crm_error_set(err, strcmp(path, "-") == 0 ? "<stdin>" : path, 0, 0,
		    "%ld rejected records in the reps file", c.rejected);
		crm_reps_free(t);
		return NULL;
	}
	return t;
}

const struct crm_rep *
crm_reps_get(const struct crm_reps *t, const char *id)
{
	struct rep_entry *e;

	if (t == NULL || id == NULL)
		return NULL;
	HASH_FIND_STR(t->map, id, e);
	return e ? &e->rep : NULL;
}

void
crm_reps_free(struct crm_reps *t)
{
	struct rep_entry *e, *tmp;

	if (t == NULL)
		return;
	HASH_ITER(hh, t->map, e, tmp) {
		HASH_DEL(t->map, e);
		free(e);
	}
	crm_arena_free(t->arena);
	free(t->list);
	free(t);
}

size_t
crm_reps_count(const struct crm_reps *t)
{
	return t ? t->n : 0;
}

const struct crm_rep *
crm_reps_at(const struct crm_reps *t, size_t i)
{
	return t && i < t->n ? t->list[i] : NULL;
}
