/* import.c - record kinds, and the normalisation of their values: the one
 * set of rules crm-import applies (and crm-check will validate with). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clcc.h"
#include "crm.h"

enum ftype {
	FT_ID,				/* text key: trimmed, no 1.38E+10 */
	FT_TEXT,			/* trimmed text */
	FT_DATE,			/* a calendar day */
	FT_TIME,			/* a date or a timestamp */
	FT_MONEY,			/* an amount: exact fen */
	FT_INT,				/* a count */
	FT_QTY,				/* a signed whole quantity */
	FT_LEDGER_KIND,			/* acquisition | service | ... */
	FT_SUB_KIND,			/* failure sub-kind, or other text */
	FT_BASIS,			/* dashboard | data | experience | other */
	FT_ROLE				/* director | regional_manager | ... */
};

struct fspec {
	enum crm_field f;		/* canonical field */
	enum ftype t;			/* how its value is read */
	bool req;			/* must be present and non-empty */
};

#define F(f, t, req) { CRM_F_##f, FT_##t, req }
static const struct fspec customers[] = {
	F(CUSTOMER_ID, ID, true), F(NAME, TEXT, false), F(REGION, TEXT, false),
	F(REP_ID, ID, false), F(TIER, TEXT, false), F(STATUS, TEXT, false),
	F(CREATED_AT, TIME, false), F(UPDATED_AT, TIME, false),
	F(CONTRACT_END, DATE, false), F(NEXT_ACTION, TEXT, false),
	F(NEXT_ACTION_DUE, DATE, false), F(BLOCKER, TEXT, false),
	F(BLOCKER_UNTIL, DATE, false),
};
static const struct fspec activities[] = {
	F(ACTIVITY_ID, ID, false), F(CUSTOMER_ID, ID, true), F(REP_ID, ID, false),
	F(TS, TIME, true), F(TYPE, TEXT, false), F(REF, ID, false),
	F(EVIDENCE, TEXT, false), F(COMPETITOR, TEXT, false), F(NOTE, TEXT, false),
	F(RECORDED_AT, TIME, false),
};
static const struct fspec reps[] = {
	F(REP_ID, ID, true), F(NAME, TEXT, false), F(MANAGER_ID, ID, false),
	F(REGION, TEXT, false), F(ROLE, ROLE, false),
};
static const struct fspec tasks[] = {
	F(TASK_ID, ID, true), F(ASSIGNEE_ID, ID, true), F(CUSTOMER_ID, ID, false),
	F(DELIVERABLE, TEXT, false), F(ACCEPTANCE, TEXT, false),
	F(DUE, TIME, true), F(DONE_AT, TIME, false), F(EVIDENCE, TEXT, false),
	F(REMINDERS, INT, false),
};
static const struct fspec ledger[] = {
	F(CUSTOMER_ID, ID, true), F(DATE, DATE, true), F(KIND, LEDGER_KIND, true),
	F(AMOUNT, MONEY, true), F(SUB_KIND, SUB_KIND, false), F(NOTE, TEXT, false),
};
static const struct fspec policies[] = {
	F(POLICY_ID, ID, true), F(REGION, TEXT, false), F(REP_ID, ID, false),
	F(PUBLISHED_AT, TIME, true), F(RECEIVED_AT, TIME, false),
	F(INTERPRETATION, TEXT, false),
};
static const struct fspec decisions[] = {
	F(DECISION_ID, ID, true), F(MADE_AT, TIME, true), F(MAKER_ID, ID, false),
	F(BASIS, BASIS, true),
};
static const struct fspec stock[] = {
	F(LOCATION_ID, ID, true), F(SKU, ID, true), F(BATCH, ID, false),
	F(QTY, QTY, true), F(EXPIRY, DATE, false), F(AS_OF, TIME, true),
	F(PRICE, MONEY, false),
};
static const struct fspec sales[] = {
	F(SALE_ID, ID, true), F(LOCATION_ID, ID, true), F(SKU, ID, true),
	F(TS, TIME, true), F(QTY, QTY, true), F(AMOUNT, MONEY, false),
	F(MEMBER_ID, ID, false),
};
static const struct fspec members[] = {
	F(MEMBER_ID, ID, true), F(LOCATION_ID, ID, false), F(JOINED, DATE, false),
	F(NAME, TEXT, false),
};
static const struct fspec shipments[] = {
	F(SHIPMENT_ID, ID, true), F(CUSTOMER_ID, ID, true),
	F(TRACKING_NO, ID, false), F(CARRIER, TEXT, false),
	F(SHIPPED_AT, TIME, true), F(ITEMS, TEXT, false),
};
#undef F

static const struct {
	const char *name, *singular;
	const struct fspec *f;
	size_t n;
} kinds[CRM_KIND_COUNT] = {
#define K(name, sing, a) { name, sing, a, sizeof a / sizeof a[0] }
	K("customers", "customer", customers),
	K("activities", "activity", activities),
	K("reps", "rep", reps),
	K("tasks", "task", tasks),
	K("ledger", "ledger", ledger),
	K("policies", "policy", policies),
	K("decisions", "decision", decisions),
	K("stock", "stock", stock),
	K("sales", "sale", sales),
	K("members", "member", members),
	K("shipments", "shipment", shipments),
#undef K
};

/* Value spellings that map onto a canonical word. */
struct alias {
	const char *from, *to;
};
static const struct alias ledger_kinds[] = {
	{ "acquisition", "acquisition" }, { "获客", "acquisition" },
	{ "获客成本", "acquisition" }, { "service", "service" },
	{ "服务", "service" }, { "服务成本", "service" },
	{ "failure", "failure" }, { "失败", "failure" },
	{ "失败成本", "failure" }, { "margin", "margin" }, { "毛利", "margin" },
	{ NULL, NULL }
};
static const struct alias sub_kinds[] = {
	{ "duplicate_quote", "duplicate_quote" }, { "重复报价", "duplicate_quote" },
	{ "lost_followup", "lost_followup" }, { "跟进断档", "lost_followup" },
	{ "丢单", "lost_followup" }, { "跟进断档/丢单", "lost_followup" },
	{ "rework", "rework" }, { "返工", "rework" },
	{ "other", "other" }, { "其他", "other" }, { NULL, NULL }
};
static const struct alias bases[] = {
	{ "dashboard", "dashboard" }, { "看板", "dashboard" },
	{ "仪表盘", "dashboard" }, { "data", "data" }, { "数据", "data" },
	{ "experience", "experience" }, { "经验", "experience" },
	{ "我觉得", "experience" }, { "上次好像", "experience" },
	{ "other", "other" }, { "其他", "other" },
	{ NULL, NULL }
};
static const struct alias roles[] = {
	{ "director", "director" }, { "总监", "director" },
	{ "regional_manager", "regional_manager" },
	{ "区域总监", "regional_manager" }, { "区域经理", "regional_manager" },
	{ "大区经理", "regional_manager" }, { "supervisor", "supervisor" },
	{ "主管", "supervisor" }, { "rep", "rep" }, { "销售代表", "rep" },
	{ "业务员", "rep" }, { NULL, NULL }
};

/* Cells that mean "no value": Excel error tokens and null spellings. */
static const char *const nulls[] = {
	"#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!",
	"NULL", "null", "N/A", "n/a", "-", "--", "—", "－", NULL
};

/* Whether c starts one of nulls[]: a test, not strchr(), as every
 * short value of every record asks. */
static bool
null_start(char c)
{
	switch ((unsigned char)c) {
	case '#': case '-': case 'N': case 'n': case 0xE2: case 0xEF:
		return true;
	default:
		return false;
	}
}

const char *
crm_kind_name(enum crm_kind k)
{
	return k >= 0 && k < CRM_KIND_COUNT ? kinds[k].name : "unknown";
}

const char *
crm_kind_names(void)
{
	static char list[256];

	if (list[0] == '\0')
		for (int k = 0; k < CRM_KIND_COUNT; k++) {
			size_t len = strlen(list);

			snprintf(list + len, sizeof list - len, "%s%s",
			    k == 0 ? "" : k + 1 < CRM_KIND_COUNT ? ", " : " or ",
			    kinds[k].name);
		}
	return list;
}

enum crm_kind
crm_kind_parse(const char *s)
{
	for (int k = 0; k < CRM_KIND_COUNT; k++)
		if (strcmp(s, kinds[k].name) == 0 || strcmp(s, kinds[k].singular) == 0)
			return (enum crm_kind)k;
	return CRM_KIND_NONE;
}

size_t
crm_kind_fields(enum crm_kind k, const enum crm_field **fields)
{
	static enum crm_field list[CRM_KIND_COUNT][16];

	for (size_t i = 0; i < kinds[k].n; i++)
		list[k][i] = kinds[k].f[i].f;
	*fields = list[k];
	return kinds[k].n;
}

bool
crm_kind_required(enum crm_kind k, enum crm_field f)
{
	for (size_t i = 0; i < kinds[k].n; i++)
		if (kinds[k].f[i].f == f)
			return kinds[k].f[i].req;
	return false;
}

enum crm_storage
crm_kind_storage(enum crm_kind k, enum crm_field f)
{
	for (size_t i = 0; i < kinds[k].n; i++)
		if (kinds[k].f[i].f == f)
			return kinds[k].f[i].t == FT_MONEY ? CRM_STORE_FEN :
			    kinds[k].f[i].t == FT_INT || kinds[k].f[i].t == FT_QTY ?
			    CRM_STORE_INT : CRM_STORE_TEXT;
	return CRM_STORE_TEXT;
}

enum crm_kind
crm_kind_detect(const struct crm_reader *r)
{
#define HAS(f) (crm_reader_col(r, CRM_F_##f) != -1)
	/* the most specific evidence first */
	if (HAS(DECISION_ID) || (HAS(MADE_AT) && HAS(BASIS)))
		return CRM_KIND_DECISIONS;
	if (HAS(POLICY_ID))
		return CRM_KIND_POLICIES;
	if (HAS(TASK_ID) || HAS(ASSIGNEE_ID))
		return CRM_KIND_TASKS;
	if (HAS(SHIPMENT_ID) || HAS(TRACKING_NO))
		return CRM_KIND_SHIPMENTS;
	if (HAS(SALE_ID) || (HAS(SKU) && HAS(TS)))
		return CRM_KIND_SALES;
	if (HAS(SKU))
		return CRM_KIND_STOCK;
	if (HAS(MEMBER_ID))
		return CRM_KIND_MEMBERS;
	if (HAS(KIND) && HAS(AMOUNT))
		return CRM_KIND_LEDGER;
	if (HAS(CUSTOMER_ID) && (HAS(TS) || HAS(ACTIVITY_ID)))
		return CRM_KIND_ACTIVITIES;
	if (HAS(CUSTOMER_ID))
		return CRM_KIND_CUSTOMERS;
	if (HAS(REP_ID) && (HAS(MANAGER_ID) || HAS(ROLE)))
		return CRM_KIND_REPS;
	return CRM_KIND_NONE;
#undef HAS
}

/* See crm.h: the kind given, else the one the columns tell. */
enum crm_kind
crm_kind_of(const struct crm_reader *r, enum crm_kind given,
    struct crm_error *err)
{
	enum crm_kind k = given != CRM_KIND_NONE ? given : crm_kind_detect(r);

	if (k == CRM_KIND_NONE)
		crm_error_set(err, crm_reader_name(r), 1, 0, "cannot tell what "
		    "records these columns hold; give --kind");
	return k;
}

/* See crm.h: required fields without a column or a default. */
size_t
crm_kind_missing(const struct crm_reader *r, enum crm_kind k,
    const char *const *defaults, enum crm_field *missing)
{
	size_t n = 0;

	if (crm_reader_format(r) != CRM_FMT_CSV)
		return 0;
	for (size_t i = 0; i < kinds[k].n; i++) {
		enum crm_field f = kinds[k].f[i].f;

		if (kinds[k].f[i].req && crm_reader_col(r, f) == -1 &&
		    (defaults == NULL || defaults[f] == NULL))
			missing[n++] = f;
	}
	return n;
}

/* See crm.h: the fields of a kind's natural key. */
size_t
crm_kind_key(enum crm_kind k, const enum crm_field **fields)
{
	/* crm-store(5)'s keys; an activity's only when it has an id */
	static const enum crm_field keys[CRM_KIND_COUNT][4] = {
		[CRM_KIND_CUSTOMERS] = { CRM_F_CUSTOMER_ID },
		[CRM_KIND_ACTIVITIES] = { CRM_F_ACTIVITY_ID },
		[CRM_KIND_REPS] = { CRM_F_REP_ID },
		[CRM_KIND_TASKS] = { CRM_F_TASK_ID },
		[CRM_KIND_LEDGER] = { CRM_F_NONE },
		[CRM_KIND_POLICIES] = { CRM_F_POLICY_ID, CRM_F_REGION, CRM_F_REP_ID },
		[CRM_KIND_DECISIONS] = { CRM_F_DECISION_ID },
		[CRM_KIND_STOCK] = { CRM_F_LOCATION_ID, CRM_F_SKU, CRM_F_BATCH,
		    CRM_F_AS_OF },
		[CRM_KIND_SALES] = { CRM_F_SALE_ID, CRM_F_SKU },
		[CRM_KIND_MEMBERS] = { CRM_F_MEMBER_ID },
		[CRM_KIND_SHIPMENTS] = { CRM_F_SHIPMENT_ID },
	};
	static const size_t nkeys[CRM_KIND_COUNT] = { 1, 1, 1, 1, 0, 3, 1, 4, 2,
	    1, 1 };

	*fields = keys[k];
	return nkeys[k];
}

/* See crm.h: a normalised record's natural key, joined by US. */
char *
crm_norm_key(enum crm_kind k, const struct crm_norm *n)
{
	const enum crm_field *kf, *f;
	size_t nk = crm_kind_key(k, &kf), nf = crm_kind_fields(k, &f), len = 0;
	char *key = NULL;

	for (size_t j = 0; j < nk; j++)
		for (size_t i = 0; i < nf; i++) {
			size_t l;

			if (f[i] != kf[j])
				continue;
			if (k == CRM_KIND_ACTIVITIES && *n->vals[i] == '\0') {
				free(key);
				return NULL;
			}
			l = strlen(n->vals[i]);
			key = crm_xrealloc(key, len + l + 2);
			memcpy(key + len, n->vals[i], l);
			len += l;
			key[len++] = '\x1f';
			key[len] = '\0';
		}
	return key;
}

/* Append a value to n->buf as value number i. */
static void
put(struct crm_norm *n, size_t i, const char *s, size_t len)
{
	if (n->len + len + 1 > n->cap) {
		while (n->len + len + 1 > n->cap)
			n->cap = n->cap ? n->cap * 2 : 1024;
		n->buf = crm_xrealloc(n->buf, n->cap);
	}
	memcpy(n->buf + n->len, s, len);
	n->buf[n->len + len] = '\0';
	n->off[i] = n->len;
	n->len += len + 1;
}

/* Trim ASCII blanks, NBSP (U+00A0) and the ideographic space (U+3000)
 * from s, which is *len bytes long and NUL-terminated there; *len becomes
 * the trimmed length. */
static const char *
trim(const char *s, size_t *len)
{
	const char *e = s + *len;

	for (;;) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
			s += 2;
		else if ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
		    (unsigned char)s[2] == 0x80)
			s += 3;
		else
			break;
	}
	for (;;) {
		if (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		else if (e - s >= 2 && (unsigned char)e[-2] == 0xC2 &&
		    (unsigned char)e[-1] == 0xA0)
			e -= 2;
		else if (e - s >= 3 && (unsigned char)e[-3] == 0xE3 &&
		    (unsigned char)e[-2] == 0x80 && (unsigned char)e[-1] == 0x80)
			e -= 3;
		else
			break;
	}
	*len = (size_t)(e - s);
	return s;
}

static const char *
alias(const struct alias *a, const char *s)
{
	for (; a->from != NULL; a++)
		if (strcasecmp(a->from, s) == 0)
			return a->to;
	return NULL;
}

const char *
crm_value_word(enum crm_field f, const char *s)
{
	const struct alias *table = f == CRM_F_KIND ? ledger_kinds :
	    f == CRM_F_SUB_KIND ? sub_kinds : f == CRM_F_BASIS ? bases :
	    f == CRM_F_ROLE ? roles : NULL;
	char buf[64];
	size_t n;

	if (table == NULL)
		return NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= sizeof buf)
		return NULL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return alias(table, buf);
}

/* Whether s looks like a number Excel wrote in scientific notation. */
static bool
scientific(const char *s)
{
	const char *p = s;

	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	if (*p != 'e' && *p != 'E')
		return false;
	p++;
	if (*p == '+' || *p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	return *p == '\0';
}

/* A whole quantity as exports write one: an optional sign, digits with
 * optional thousands commas in groups of three, and an optional fraction
 * of zeros (Excel's 12.0); at most a billion either way.  Returns 0 with
 * *q set, or -1. */
static int
parse_qty(const char *s, long *q)
{
	const char *p = s;
	long v = 0;
	int digits = 0, group = -1;
	bool neg = false;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; (*p >= '0' && *p <= '9') || *p == ','; p++) {
		if (*p == ',') {
			/* a comma needs 1-3 digits before it, then groups of 3 */
			if (digits == 0 || (group == -1 ? digits > 3 : group != 3))
				return -1;
			group = 0;
			continue;
		}
		if (++digits > 10)
			return -1;
		if (group != -1)
			group++;
		v = v * 10 + (*p - '0');
	}
	if (digits == 0 || (group != -1 && group != 3))
		return -1;
	if (*p == '.')
		for (p++; *p == '0'; p++)
			;
	if (*p != '\0' || v > 1000000000L)
		return -1;
	*q = neg ? -v : v;
	return 0;
}

/* An Excel serial date: 1900 system (day 1 = 1900-01-01, with Lotus's
 * phantom 1900-02-29 as day 60, so serials from 61 on are 1899-12-30 + n)
 * or the 1904 system (1904-01-01 + n).  An optional fraction is the time
 * of day.  Returns 0 with *t set, or -1. */
static int
excel_serial(const char *s, bool is1904, long tz, struct crm_time *t)
{
	const char *p = s;
	long serial = 0, frac_num = 0, frac_den = 1;
	int digits = 0;

	while (*p >= '0' && *p <= '9' && digits < 7) {
		serial = serial * 10 + (*p++ - '0');
		digits++;
	}
	if (digits < 2 || digits > 6)
		return -1;
	t->has_time = false;
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9' && frac_den < 100000000) {
			frac_num = frac_num * 10 + (*p++ - '0');
			frac_den *= 10;
		}
		t->has_time = frac_num > 0;
	}
	if (*p != '\0' || (!is1904 && serial <= 60))
		return -1;
	/* day numbers from 1970-01-01: serial 25569 is the epoch (1900
	 * system); the 1904 system is 1462 days later */
	{
		long days = serial - 25569 + (is1904 ? 1462 : 0);
		long secs = (long)((frac_num * 86400L + frac_den / 2) / frac_den);

		t->t = (int64_t)days * 86400 + secs - tz;
	}
	return 0;
}

int
crm_value_time(const char *s, long tz, bool excel_1904, struct crm_time *t)
{
	if (crm_time_parse(s, tz, t) == 0 || excel_serial(s, excel_1904, tz, t) == 0)
		return 0;
	return -1;
}

int
crm_value_date(const char *s, long tz, bool excel_1904, long *day)
{
	struct crm_time t;

	if (crm_date_parse(s, day) == 0)
		return 0;
	if (crm_value_time(s, tz, excel_1904, &t) == -1)
		return -1;
	*day = crm_time_day(t.t, tz);
	return 0;
}

/* See crm.h: an ID field holding 1.38E+10 and the like. */
bool
crm_id_scientific(enum crm_kind k, enum crm_field f, const char *v)
{
	char small[64], *val;
	size_t len;
	bool sci;

	if (v == NULL)
		return false;
	for (size_t i = 0; i < kinds[k].n; i++) {
		if (kinds[k].f[i].f != f)
			continue;
		if (kinds[k].f[i].t != FT_ID)
			return false;
		len = strlen(v);
		v = trim(v, &len);
		val = len < sizeof small ? small : crm_xmalloc(len + 1);
		memcpy(val, v, len);
		val[len] = '\0';
		sci = scientific(val);
		if (val != small)
			free(val);
		return sci;
	}
	return false;
}

int
crm_normalize(enum crm_kind k, const struct crm_reader *r,
    const struct crm_record *rec, long tz, struct crm_norm *n,
    struct crm_error *err)
{
	n->len = 0;
	n->nvals = kinds[k].n;
	n->fen = 0;
	for (size_t i = 0; i < kinds[k].n; i++) {
		const struct fspec *fs = &kinds[k].f[i];
		const char *name = crm_field_name(fs->f);
		size_t len;
		const char *raw = crm_record_get_len(r, rec, fs->f, &len);
		const char *v, *to;
		char buf[64];
		struct crm_time t;
		long day;

		if (len == 0 && n->defaults != NULL &&
		    n->defaults[fs->f] != NULL) {
			raw = n->defaults[fs->f];
			len = strlen(raw);
		}
		v = trim(raw ? raw : "", &len);
		if (len > 0 && len < 8 && null_start(v[0]))
			for (const char *const *z = nulls; *z; z++)
				if (strlen(*z) == len && memcmp(v, *z, len) == 0)
					len = 0;
		if (len == 0) {
			if (fs->req) {
				crm_error_set(err, NULL, 0, 0, "field '%s': empty", name);
				return -1;
			}
			put(n, i, "", 0);
			continue;
		}
		{
			/* the trimmed value, NUL-terminated, for the parsers:
			 * the field itself unless its end was trimmed */
			char small[256], *copy = NULL;
			const char *val = v, *text;
			size_t tlen;
			int rc = 0;

			if (v[len] != '\0') {
				copy = len < sizeof small ? small :
				    crm_xmalloc(len + 1);
				memcpy(copy, v, len);
				copy[len] = '\0';
				val = copy;
			}
			/* what is written: the value as read, unless a case
			 * below writes it in its canonical form */
			text = val;
			tlen = len;
			switch (fs->t) {
			case FT_ID:
				if (scientific(val)) {
					crm_error_set(err, NULL, 0, 0, "field '%s': "
					    "'%s' looks like a number Excel turned into "
					    "scientific notation; export the column as "
					    "text", name, val);
					rc = -1;
				}
				break;
			case FT_DATE:
				if (crm_value_date(val, tz, n->excel_1904, &day) == -1) {
					crm_error_set(err, NULL, 0, 0,
					    "field '%s': not a date '%s'", name, val);
					rc = -1;
					break;
				}
				n->num[i] = day;
				if (!n->lean) {
					crm_date_format(day, buf);
					text = buf;
					tlen = strlen(buf);
				}
				break;
			case FT_TIME:
				if (crm_value_time(val, tz, n->excel_1904, &t) == -1) {
					crm_error_set(err, NULL, 0, 0,
					    "field '%s': not a date or time '%s'",
					    name, val);
					rc = -1;
					break;
				}
				n->tm[i] = t;
				if (!n->lean) {
					crm_time_format(&t, tz, buf);
					text = buf;
					tlen = strlen(buf);
				}
				break;
			case FT_MONEY:
				if (crm_money_parse(val, &n->fen, err) == -1) {
					char msg[sizeof err->msg];

					memcpy(msg, err->msg, sizeof msg);
					crm_error_set(err, NULL, 0, 0, "field '%s': %s",
					    name, msg);
					rc = -1;
					break;
				}
				if (!n->lean) {
					crm_money_format(n->fen, buf);
					text = buf;
					tlen = strlen(buf);
				}
				break;
			case FT_INT: {
				long count;

				if (crm_parse_long(val, 0, 1000000, &count) == -1) {
					crm_error_set(err, NULL, 0, 0,
					    "field '%s': not a count '%s'", name, val);
					rc = -1;
					break;
				}
				n->num[i] = count;
				if (!n->lean) {
					tlen = (size_t)snprintf(buf, sizeof buf, "%ld",
					    count);
					text = buf;
				}
				break;
			}
			case FT_QTY: {
				long q;

				if (parse_qty(val, &q) == -1) {
					crm_error_set(err, NULL, 0, 0, "field '%s': not "
					    "a whole quantity '%s'", name, val);
					rc = -1;
					break;
				}
				n->num[i] = q;
				if (!n->lean) {
					tlen = (size_t)snprintf(buf, sizeof buf, "%ld",
					    q);
					text = buf;
				}
				break;
			}
			case FT_LEDGER_KIND:
			case FT_BASIS:
			case FT_ROLE:
				to = alias(fs->t == FT_LEDGER_KIND ? ledger_kinds :
				    fs->t == FT_BASIS ? bases : roles, val);
				if (to == NULL) {
					crm_error_set(err, NULL, 0, 0,
					    "field '%s': unknown value '%s'", name, val);
					rc = -1;
					break;
				}
				text = to;
				tlen = strlen(to);
				break;
			case FT_SUB_KIND:
				if ((to = alias(sub_kinds, val)) != NULL) {
					text = to;
					tlen = strlen(to);
				}
				break;
			default:
				break;
			}
			if (rc == 0)
				put(n, i, text, tlen);
			if (copy != small)
				free(copy);
			if (rc == -1)
				return -1;
		}
	}
	for (size_t i = 0; i < n->nvals; i++)
		n->vals[i] = n->buf + n->off[i];
	return 0;
}

void
crm_norm_free(struct crm_norm *n)
{
	free(n->buf);
	n->buf = NULL;
	n->len = n->cap = 0;
}
