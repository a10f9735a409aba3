/* time.c - dates, timestamps and the team zone. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crm.h"

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian
 * calendar, no tables, no time zone database. */
long
crm_days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
crm_civil_from_days(long z, long *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int
days_in_month(long y, int m)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dim[m - 1];
}

/* Read between min and max ASCII digits at *pp into *v. */
static int
digits(const char **pp, int min, int max, long *v)
{
	const char *p = *pp;
	int n = 0;

	*v = 0;
	while (n < max && *p >= '0' && *p <= '9') {
		*v = *v * 10 + (*p++ - '0');
		n++;
	}
	if (n < min)
		return -1;
	*pp = p;
	return 0;
}

static int
lit(const char **pp, const char *s)
{
	size_t n = strlen(s);

	if (strncmp(*pp, s, n) != 0)
		return -1;
	*pp += n;
	return 0;
}

/* Parse the date at the start of *pp and advance past it. */
static int
date_prefix(const char **pp, long *days)
{
	const char *p = *pp;
	long y, m, d;

	if (digits(&p, 4, 4, &y) == -1)
		return -1;
	if (*p >= '0' && *p <= '9') {			/* YYYYMMDD */
		if (digits(&p, 2, 2, &m) == -1 || digits(&p, 2, 2, &d) == -1)
			return -1;
	} else if (*p == '-' || *p == '/' || *p == '.') {
		char sep = *p++;

		if (digits(&p, 1, 2, &m) == -1 || *p++ != sep ||
		    digits(&p, 1, 2, &d) == -1)
			return -1;
	} else if (lit(&p, "年") == 0) {
		if (digits(&p, 1, 2, &m) == -1 || lit(&p, "月") == -1 ||
		    digits(&p, 1, 2, &d) == -1 || lit(&p, "日") == -1)
			return -1;
	} else {
		return -1;
	}
	if (y < 1000 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, (int)m))
		return -1;
	*days = crm_days_from_civil(y, (int)m, (int)d);
	*pp = p;
	return 0;
}

int
crm_date_parse(const char *s, long *days)
{
	const char *p = s;

	if (date_prefix(&p, days) == -1 || *p != '\0')
		return -1;
	return 0;
}

/* Parse an offset at *pp: Z, +HH, +HHMM, +HH:MM. */
static int
offset_prefix(const char **pp, long *off)
{
	const char *p = *pp;
	long h, m = 0;
	int sign;

	if (*p == 'Z' || *p == 'z') {
		*off = 0;
		*pp = p + 1;
		return 0;
	}
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	if (digits(&p, 2, 2, &h) == -1)
		return -1;
	if (*p == ':') {
		p++;
		if (digits(&p, 2, 2, &m) == -1)
			return -1;
	} else if (*p >= '0' && *p <= '9') {
		if (digits(&p, 2, 2, &m) == -1)
			return -1;
	}
	if (m > 59 || h * 60 + m > 14 * 60)
		return -1;		/* real offsets lie within +-14:00 */
	*off = sign * (h * 3600 + m * 60);
	*pp = p;
	return 0;
}

int
crm_tz_parse(const char *s, long *off)
{
	const char *p = s;

	if (strcmp(s, "UTC") == 0 || strcmp(s, "utc") == 0) {
		*off = 0;
		return 0;
	}
	if (offset_prefix(&p, off) == -1 || *p != '\0')
		return -1;
	return 0;
}

int
crm_tz_default(long *off, struct crm_error *err)
{
	const char *s = getenv("CRM_TZ");

	*off = CRM_TZ_DEFAULT;
	if (s == NULL || *s == '\0')
		return 0;
	if (crm_tz_parse(s, off) == -1) {
		crm_error_set(err, NULL, 0, 0,
		    "CRM_TZ: not a zone offset '%s' (use e.g. +08:00)", s);
		return -1;
	}
	return 0;
}

/* The digit at s[i] as a number, or -1000 (making any sum negative). */
#define D(i) ((unsigned)(s[i] - '0') <= 9 ? s[i] - '0' : -1000)

/* The canonical form every export tool and crm-import write,
 * YYYY-MM-DDTHH:MM:SS+HH:MM, read at fixed positions.  Returns 0, or -1
 * when s is not exactly that (the general parser then decides). */
static int
iso_fast(const char *s, struct crm_time *out)
{
	long y, mo, d, h, mi, sec, oh, om, off;

	if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
	    s[16] != ':' || (s[19] != '+' && s[19] != '-') || s[22] != ':' ||
	    s[25] != '\0')
		return -1;
	y = D(0) * 1000 + D(1) * 100 + D(2) * 10 + D(3);
	mo = D(5) * 10 + D(6);
	d = D(8) * 10 + D(9);
	h = D(11) * 10 + D(12);
	mi = D(14) * 10 + D(15);
	sec = D(17) * 10 + D(18);
	oh = D(20) * 10 + D(21);
	om = D(23) * 10 + D(24);
	if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, (int)mo) ||
	    h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 ||
	    oh < 0 || om < 0 || om > 59 || oh * 60 + om > 14 * 60)
		return -1;
	off = (s[19] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
	out->has_time = true;
	out->t = (int64_t)crm_days_from_civil(y, (int)mo, (int)d) * 86400 +
	    h * 3600 + mi * 60 + sec - off;
	return 0;
}
#undef D

int
crm_time_parse(const char *s, long tz, struct crm_time *out)
{
	/* exports list many activities of the same day in a row: remember
	 * the last ISO date so its calendar arithmetic is done once */
	static _Thread_local char last[10];
	static _Thread_local long last_days = LONG_MIN;
	const char *p = s;
	long days, h = 0, mi = 0, sec = 0, off = tz;

	if (strnlen(s, 26) == 25 && iso_fast(s, out) == 0)
		return 0;
	if (last_days != LONG_MIN && strncmp(s, last, 10) == 0 &&
	    (s[10] < '0' || s[10] > '9')) {
		days = last_days;
		p = s + 10;
	} else {
		if (date_prefix(&p, &days) == -1)
			return -1;
		if (p - s == 10 && s[4] == '-' && s[7] == '-') {
			memcpy(last, s, 10);
			last_days = days;
		}
	}
	out->has_time = false;
	if ((*p == 'T' || *p == 't' || *p == ' ') && p[1] >= '0' && p[1] <= '9') {
		p++;
		if (digits(&p, 1, 2, &h) == -1 || *p++ != ':' ||
		    digits(&p, 2, 2, &mi) == -1)
			return -1;
		if (*p == ':') {
			p++;
			if (digits(&p, 2, 2, &sec) == -1)
				return -1;
			if (*p == '.' || *p == ',') {
				p++;
				if (*p < '0' || *p > '9')
					return -1;
				while (*p >= '0' && *p <= '9')
					p++;
			}
		}
		if (h > 23 || mi > 59 || sec > 59)
			return -1;
		out->has_time = true;
		if (*p == ' ' && (p[1] == '+' || p[1] == '-'))
			p++;
	}
	/* an offset belongs to a time: "2026-01-05+14:00" would move the
	 * day someone wrote, so a date alone takes none */
	if (*p != '\0' && (!out->has_time || offset_prefix(&p, &off) == -1))
		return -1;
	if (*p != '\0')
		return -1;
	out->t = (int64_t)days * 86400 + h * 3600 + mi * 60 + sec - off;
	return 0;
}

long
crm_time_day(int64_t t, long tz)
{
	int64_t local = t + tz;

	return (long)(local >= 0 ? local / 86400 : -((-local + 86399) / 86400));
}

/* Write v as exactly n decimal digits at p. */
static void
put_digits(char *p, long v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void
crm_date_format(long days, char *buf)
{
	long y;
	int m, d;

	crm_civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999) {
		snprintf(buf, 16, "%ld-%02d-%02d", y, m, d);
		return;
	}
	put_digits(buf, y, 4);
	buf[4] = '-';
	put_digits(buf + 5, m, 2);
	buf[7] = '-';
	put_digits(buf + 8, d, 2);
	buf[10] = '\0';
}

int
crm_today(long tz, long *days, struct crm_error *err)
{
	const char *s = getenv("CRM_TODAY");

	if (s != NULL && *s != '\0') {
		if (crm_date_parse(s, days) == -1) {
			crm_error_set(err, NULL, 0, 0,
			    "CRM_TODAY: not a date '%s'", s);
			return -1;
		}
		return 0;
	}
	*days = crm_time_day((int64_t)time(NULL), tz);
	return 0;
}

void
crm_time_format(const struct crm_time *t, long tz, char *buf)
{
	int64_t local = t->t + tz;
	long day = crm_time_day(t->t, tz);
	long secs = (long)(local - (int64_t)day * 86400);
	long a = tz < 0 ? -tz : tz;
	char *p;

	crm_date_format(day, buf);
	if (!t->has_time)
		return;
	p = buf + strlen(buf);
	p[0] = 'T';
	put_digits(p + 1, secs / 3600, 2);
	p[3] = ':';
	put_digits(p + 4, secs / 60 % 60, 2);
	p[6] = ':';
	put_digits(p + 7, secs % 60, 2);
	p[9] = tz < 0 ? '-' : '+';
	put_digits(p + 10, a / 3600 % 100, 2);
	p[12] = ':';
	put_digits(p + 13, a / 60 % 60, 2);
	p[15] = '\0';
}

bool
crm_time_later(const struct crm_time *a, const struct crm_time *b, long tz)
{
	if (!a->has_time || !b->has_time)
		return crm_time_day(a->t, tz) > crm_time_day(b->t, tz);
	return a->t > b->t;
}
