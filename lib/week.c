/* week.c - ISO 8601 weeks over crm.h's day numbers: a week runs Monday to
 * Sunday and belongs to the year that holds its Thursday, so 2027-01-01
 * is in 2026-W53 and 2021-01-03 in 2020-W53. */
#include <stdio.h>

#include "score.h"

/* Floor of a mod 7, in 0..6, for negative a too. */
static long
mod7(long a)
{
	long r = a % 7;

	return r < 0 ? r + 7 : r;
}

/* Day 0, 1970-01-01, was a Thursday (4). */
int
crm_weekday(long day)
{
	return (int)(mod7(day + 3) + 1);
}

/* Step back to Monday.  Can't fail. */
long
crm_week_monday(long day)
{
	return day - (crm_weekday(day) - 1);
}

/* The ISO year is the calendar year of the week's Thursday; the week
 * number counts weeks from the first Thursday of that year. */
void
crm_week_of(long day, long *year, int *week)
{
	long thu = crm_week_monday(day) + 3;
	int m, d;

	crm_civil_from_days(thu, year, &m, &d);
	*week = (int)((thu - crm_days_from_civil(*year, 1, 1)) / 7 + 1);
}

/* 28 December is always in the last week of its ISO year. */
int
crm_weeks_in_year(long year)
{
	long y;
	int w;

	crm_week_of(crm_days_from_civil(year, 12, 28), &y, &w);
	return w;
}

/* Week 1 is the week that holds 4 January. */
int
crm_week_start(long year, int week, long *monday)
{
	if (week < 1 || week > crm_weeks_in_year(year))
		return -1;
	*monday = crm_week_monday(crm_days_from_civil(year, 1, 4)) +
	    7L * (week - 1);
	return 0;
}

/* Exactly four year digits, an optional '-', 'W' or 'w', two week
 * digits, nothing after. */
int
crm_week_parse(const char *s, long *monday)
{
	long year = 0;
	int i, week;

	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		year = year * 10 + (s[i] - '0');
	}
	s += 4;
	if (*s == '-')
		s++;
	if (*s != 'W' && *s != 'w')
		return -1;
	s++;
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' || s[2] != '\0')
		return -1;
	week = (s[0] - '0') * 10 + (s[1] - '0');
	return crm_week_start(year, week, monday);
}

/* "YYYY-Www" of day's ISO week.  Can't fail. */
void
crm_week_format(long day, char *buf)
{
	long year;
	int week;

	crm_week_of(day, &year, &week);
	snprintf(buf, 16, "%04ld-W%02d", year, week);
}

/* A week is complete when its Sunday is before as_of: from Monday on, the
 * week before is; on a Sunday the week it ends is not over yet. */
long
crm_week_last_complete(long as_of)
{
	return crm_week_monday(as_of) - 7;
}
