/* record.c - customers and activities from records: the one place that
 * says which fields they need and how their values are read. */
#include "crm.h"

static const char *
str(const struct crm_reader *r, const struct crm_record *rec, enum crm_field f)
{
	int c = crm_reader_cols(r)[f];
	const char *s = c >= 0 && (size_t)c < rec->nfields ? rec->field[c] : NULL;

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
	if (crm_time_parse(s, tz, t) == -1) {
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
	if (c->has_contract_end && crm_date_parse(end, &c->contract_end) == -1) {
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
