/* record.c - customers, activities, tasks, policy receipts and decisions
 * from records: the one place that says which fields they need and how
 * their values are read. */
#include <string.h>
#include <strings.h>

#include "crm.h"

static const char *
str(const struct crm_reader *r, const struct crm_record *rec, enum crm_field f)
{
	size_t n;
	const char *s = crm_record_at(rec, crm_reader_cols(r)[f], &n);

	return s ? s : "";
}

/* Parse field f as a time: 0 when empty, 1 when set, -1 when bad. */
static int
get_time(const struct crm_reader *r, const struct crm_record *rec,
    enum crm_field f, long tz, struct crm_time *t, struct crm_error *err)
{
	const char *s = str(r, rec, f);

	if (*s == '\0')
		return 0;
	if (crm_value_time(s, tz, false, t) == -1) {
		crm_error_set(err, NULL, 0, 0,
		    "field '%s': not a date or time '%s'", crm_field_name(f), s);
		return -1;
	}
	return 1;
}

static int
get_id(const struct crm_reader *r, const struct crm_record *rec,
    enum crm_field f, const char **out, struct crm_error *err)
{
	*out = str(r, rec, f);
	if (**out == '\0') {
		crm_error_set(err, NULL, 0, 0, "field '%s': empty",
		    crm_field_name(f));
		return -1;
	}
	return 0;
}

int
crm_customer_from_record(const struct crm_reader *r,
    const struct crm_record *rec, long tz, struct crm_customer *c,
    struct crm_error *err)
{
	const char *end;
	int rc;

	if (get_id(r, rec, CRM_F_CUSTOMER_ID, &c->customer_id, err) == -1)
		return -1;
	c->name = str(r, rec, CRM_F_NAME);
	c->region = str(r, rec, CRM_F_REGION);
	c->rep_id = str(r, rec, CRM_F_REP_ID);
	c->tier = str(r, rec, CRM_F_TIER);
	c->status = str(r, rec, CRM_F_STATUS);
	c->next_action = str(r, rec, CRM_F_NEXT_ACTION);
	c->blocker = str(r, rec, CRM_F_BLOCKER);
	if ((rc = get_time(r, rec, CRM_F_UPDATED_AT, tz, &c->updated, err)) == -1)
		return -1;
	c->has_updated = rc == 1;
	if ((rc = get_time(r, rec, CRM_F_CREATED_AT, tz, &c->created, err)) == -1)
		return -1;
	c->has_created = rc == 1;
	end = str(r, rec, CRM_F_CONTRACT_END);
	c->has_contract_end = *end != '\0';
	if (c->has_contract_end &&
	    crm_value_date(end, tz, false, &c->contract_end) == -1) {
		crm_error_set(err, NULL, 0, 0,
		    "field 'contract_end': not a date '%s'", end);
		return -1;
	}
	return 0;
}

int
crm_activity_from_record(const struct crm_reader *r,
    const struct crm_record *rec, long tz, struct crm_activity *a,
    struct crm_error *err)
{
	int rc;

	if (get_id(r, rec, CRM_F_CUSTOMER_ID, &a->customer_id, err) == -1)
		return -1;
	if ((rc = get_time(r, rec, CRM_F_TS, tz, &a->ts, err)) == -1)
		return -1;
	if (rc == 0) {
		crm_error_set(err, NULL, 0, 0, "field 'ts': empty");
		return -1;
	}
	a->activity_id = str(r, rec, CRM_F_ACTIVITY_ID);
	a->rep_id = str(r, rec, CRM_F_REP_ID);
	a->type = str(r, rec, CRM_F_TYPE);
	a->ref = str(r, rec, CRM_F_REF);
	a->evidence = str(r, rec, CRM_F_EVIDENCE);
	a->competitor = str(r, rec, CRM_F_COMPETITOR);
	a->note = str(r, rec, CRM_F_NOTE);
	a->recorded_at = str(r, rec, CRM_F_RECORDED_AT);
	return 0;
}

void
crm_activity_keep(struct crm_arena *arena, struct crm_activity *a)
{
	const char **f[] = { &a->activity_id, &a->customer_id, &a->rep_id,
	    &a->type, &a->ref, &a->evidence, &a->competitor, &a->note,
	    &a->recorded_at };

	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		*f[i] = crm_arena_strndup(arena, *f[i], strlen(*f[i]));
}

/* A task: see crm.h.  Strings are borrowed from rec. */
int
crm_task_from_record(const struct crm_reader *r, const struct crm_record *rec,
    long tz, struct crm_task *t, struct crm_error *err)
{
	const char *s;
	int rc;

	if (get_id(r, rec, CRM_F_TASK_ID, &t->task_id, err) == -1 ||
	    get_id(r, rec, CRM_F_ASSIGNEE_ID, &t->assignee_id, err) == -1)
		return -1;
	if ((rc = get_time(r, rec, CRM_F_DUE, tz, &t->due, err)) == -1)
		return -1;
	if (rc == 0) {
		crm_error_set(err, NULL, 0, 0, "field 'due': empty");
		return -1;
	}
	if ((rc = get_time(r, rec, CRM_F_DONE_AT, tz, &t->done, err)) == -1)
		return -1;
	t->has_done = rc == 1;
	s = str(r, rec, CRM_F_REMINDERS);
	t->reminders = 0;
	if (*s != '\0' && crm_parse_long(s, 0, 1000000, &t->reminders) == -1) {
		crm_error_set(err, NULL, 0, 0,
		    "field 'reminders': not a count '%s'", s);
		return -1;
	}
	t->customer_id = str(r, rec, CRM_F_CUSTOMER_ID);
	t->deliverable = str(r, rec, CRM_F_DELIVERABLE);
	t->acceptance = str(r, rec, CRM_F_ACCEPTANCE);
	t->evidence = str(r, rec, CRM_F_EVIDENCE);
	return 0;
}

/* A policy receipt: see crm.h.  Strings are borrowed from rec. */
int
crm_policy_from_record(const struct crm_reader *r,
    const struct crm_record *rec, long tz, struct crm_policy *p,
    struct crm_error *err)
{
	int rc;

	if (get_id(r, rec, CRM_F_POLICY_ID, &p->policy_id, err) == -1)
		return -1;
	if ((rc = get_time(r, rec, CRM_F_PUBLISHED_AT, tz, &p->published,
	    err)) == -1)
		return -1;
	if (rc == 0) {
		crm_error_set(err, NULL, 0, 0, "field 'published_at': empty");
		return -1;
	}
	if ((rc = get_time(r, rec, CRM_F_RECEIVED_AT, tz, &p->received,
	    err)) == -1)
		return -1;
	p->has_received = rc == 1;
	p->region = str(r, rec, CRM_F_REGION);
	p->rep_id = str(r, rec, CRM_F_REP_ID);
	p->interpretation = str(r, rec, CRM_F_INTERPRETATION);
	return 0;
}

/* The basis a value names, through the spellings crm-import accepts
 * (crm_value_word).  -1 when it names none. */
static int
basis_of(const char *s)
{
	static const char *const words[] = { "dashboard", "data", "experience",
	    "other" };		/* in enum crm_basis order */
	const char *w = crm_value_word(CRM_F_BASIS, s);

	for (size_t i = 0; w != NULL && i < sizeof words / sizeof words[0]; i++)
		if (strcmp(w, words[i]) == 0)
			return (int)i;
	return -1;
}

/* A decision: see crm.h.  Strings are borrowed from rec. */
int
crm_decision_from_record(const struct crm_reader *r,
    const struct crm_record *rec, long tz, struct crm_decision *d,
    struct crm_error *err)
{
	const char *s;
	int rc;

	if (get_id(r, rec, CRM_F_DECISION_ID, &d->decision_id, err) == -1)
		return -1;
	if ((rc = get_time(r, rec, CRM_F_MADE_AT, tz, &d->made, err)) == -1)
		return -1;
	if (rc == 0) {
		crm_error_set(err, NULL, 0, 0, "field 'made_at': empty");
		return -1;
	}
	if (get_id(r, rec, CRM_F_BASIS, &s, err) == -1)
		return -1;
	if ((rc = basis_of(s)) == -1) {
		crm_error_set(err, NULL, 0, 0, "field 'basis': expected "
		    "dashboard, data, experience or other, got '%s'", s);
		return -1;
	}
	d->basis = (enum crm_basis)rc;
	d->maker_id = str(r, rec, CRM_F_MAKER_ID);
	return 0;
}
