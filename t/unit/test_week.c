/* test_week - ISO weeks: week of a day, Monday of a week, 'YYYY-Www',
 * the last complete week before a date.  Every expected week was worked out
 * independently with GNU date, e.g.
 *   date -u -d 2027-01-01 +%G-W%V   -> 2026-W53
 *   date -u -d 2027-01-01 +%u       -> 5 (Friday)
 *   date -u -d 2026-12-28 +%V       -> 53 (28 December: weeks in the year)
 * and the table below is that output, copied. */
#include <stdlib.h>

#include "score.h"
#include "tap.h"

static long
day(const char *s)
{
	long d;

	if (crm_date_parse(s, &d) == -1)
		abort();
	return d;
}

/* date -u -d DATE '+%G-W%V %u' for each DATE. */
static const struct {
	const char *date, *week;
	int weekday;
} iso[] = {
	{ "2026-11-22", "2026-W47", 7 },	/* Sunday before the W48 tests */
	{ "2026-11-23", "2026-W48", 1 },
	{ "2026-12-28", "2026-W53", 1 },	/* 2026 starts on a Thursday */
	{ "2026-12-31", "2026-W53", 4 },
	{ "2027-01-01", "2026-W53", 5 },
	{ "2027-01-03", "2026-W53", 7 },
	{ "2027-01-04", "2027-W01", 1 },
	{ "2020-12-28", "2020-W53", 1 },	/* 2020: leap, starts Wednesday */
	{ "2021-01-03", "2020-W53", 7 },
	{ "2021-01-04", "2021-W01", 1 },
	{ "2024-12-30", "2025-W01", 1 },	/* December day in next year's W01 */
	{ "2008-12-29", "2009-W01", 1 },
	{ "2010-01-03", "2009-W53", 7 },
	{ "1970-01-01", "1970-W01", 4 },	/* day 0 was a Thursday */
	{ "2000-01-01", "1999-W52", 6 },
	{ "2020-02-29", "2020-W09", 6 },
	{ "2025-12-28", "2025-W52", 7 },
	{ "2032-12-28", "2032-W53", 2 },
	{ "2015-12-28", "2015-W53", 1 },
	{ "2027-12-28", "2027-W52", 2 },
};

int
main(void)
{
	char buf[16];
	long monday, y, d, prev_y;
	int w, prev_w;
	size_t i;
	bool consistent;

	for (i = 0; i < sizeof iso / sizeof iso[0]; i++) {
		crm_week_format(day(iso[i].date), buf);
		is_str(buf, iso[i].week, "%s: its ISO week", iso[i].date);
		ok(crm_weekday(day(iso[i].date)) == iso[i].weekday,
		    "%s is weekday %d", iso[i].date, iso[i].weekday);
	}

	/* date -d YYYY-12-28 +%V */
	ok(crm_weeks_in_year(2026) == 53, "2026 has 53 weeks");
	ok(crm_weeks_in_year(2020) == 53, "2020 has 53 weeks");
	ok(crm_weeks_in_year(2015) == 53, "2015 has 53 weeks");
	ok(crm_weeks_in_year(2032) == 53, "2032 has 53 weeks");
	ok(crm_weeks_in_year(2025) == 52, "2025 has 52 weeks");
	ok(crm_weeks_in_year(2027) == 52, "2027 has 52 weeks");

	/* Mondays: 2026-W48 starts 2026-11-23 (date above); 2026-W01 starts
	 * 2025-12-29 (date -d 2025-12-29 +%G-W%V = 2026-W01, %u = 1). */
	ok(crm_week_parse("2026-W48", &monday) == 0 &&
	    monday == day("2026-11-23"), "2026-W48 starts on 2026-11-23");
	ok(crm_week_parse("2026W48", &monday) == 0 &&
	    monday == day("2026-11-23"), "2026W48 (no dash) too");
	ok(crm_week_parse("2026-w48", &monday) == 0 &&
	    monday == day("2026-11-23"), "2026-w48 (lower case) too");
	ok(crm_week_parse("2026-W01", &monday) == 0 &&
	    monday == day("2025-12-29"), "2026-W01 starts on 2025-12-29");
	ok(crm_week_parse("2026-W53", &monday) == 0 &&
	    monday == day("2026-12-28"), "2026-W53 starts on 2026-12-28");
	ok(crm_week_parse("2020-W53", &monday) == 0 &&
	    monday == day("2020-12-28"), "2020-W53 starts on 2020-12-28");
	ok(crm_week_parse("2025-W01", &monday) == 0 &&
	    monday == day("2024-12-30"), "2025-W01 starts on 2024-12-30");
	ok(crm_week_parse("2025-W53", &monday) == -1, "2025-W53 does not exist");
	ok(crm_week_parse("2026-W00", &monday) == -1, "week 00 is rejected");
	ok(crm_week_parse("2026-W54", &monday) == -1, "week 54 is rejected");
	ok(crm_week_parse("2026-W5", &monday) == -1, "one week digit is rejected");
	ok(crm_week_parse("2026-W488", &monday) == -1, "three week digits are rejected");
	ok(crm_week_parse("2026-W48x", &monday) == -1, "trailing junk is rejected");
	ok(crm_week_parse("26-W48", &monday) == -1, "a 2-digit year is rejected");
	ok(crm_week_parse("2026-48", &monday) == -1, "no W is rejected");
	ok(crm_week_parse("2026--W48", &monday) == -1, "two dashes are rejected");
	ok(crm_week_parse("", &monday) == -1, "empty is rejected");
	ok(crm_week_start(2026, 53, &monday) == 0 && monday == day("2026-12-28"),
	    "crm_week_start(2026, 53)");
	ok(crm_week_start(2027, 53, &monday) == -1, "crm_week_start(2027, 53) fails");

	/* the last complete week: its Sunday is before the as-of date */
	crm_week_format(crm_week_last_complete(day("2026-11-23")), buf);
	is_str(buf, "2026-W47", "as of Monday 2026-11-23: 2026-W47");
	ok(crm_week_last_complete(day("2026-11-23")) == day("2026-11-16"),
	    "2026-W47 starts on 2026-11-16");
	crm_week_format(crm_week_last_complete(day("2026-11-27")), buf);
	is_str(buf, "2026-W47", "as of Friday 2026-11-27: 2026-W47");
	crm_week_format(crm_week_last_complete(day("2026-11-29")), buf);
	is_str(buf, "2026-W47", "as of Sunday 2026-11-29: 2026-W47 (W48 not over)");
	crm_week_format(crm_week_last_complete(day("2026-11-22")), buf);
	is_str(buf, "2026-W46", "as of Sunday 2026-11-22: 2026-W46");
	crm_week_format(crm_week_last_complete(day("2027-01-04")), buf);
	is_str(buf, "2026-W53", "as of Monday 2027-01-04: 2026-W53");
	crm_week_format(crm_week_last_complete(day("2021-01-04")), buf);
	is_str(buf, "2020-W53", "as of Monday 2021-01-04: 2020-W53");

	/* every day 1900..2100: Monday..Sunday share a week, the week number
	 * goes up by one each Monday or restarts at 1 in the next ISO year
	 * after week 52 or 53, and the Monday round-trips through
	 * crm_week_start() and crm_week_format()/crm_week_parse() */
	consistent = true;
	prev_y = 0;
	prev_w = 0;
	for (d = day("1900-01-01"); d <= day("2100-12-31") && consistent; d++) {
		crm_week_of(d, &y, &w);
		if (crm_weekday(d) == 1 && prev_w != 0) {
			if (!((y == prev_y && w == prev_w + 1) ||
			    (y == prev_y + 1 && w == 1 &&
			    prev_w == crm_weeks_in_year(prev_y))))
				consistent = false;
		} else if (prev_w != 0 && (y != prev_y || w != prev_w)) {
			consistent = false;
		}
		if (crm_week_start(y, w, &monday) == -1 ||
		    monday != crm_week_monday(d) || d - monday > 6)
			consistent = false;
		crm_week_format(d, buf);
		if (crm_week_parse(buf, &monday) == -1 ||
		    monday != crm_week_monday(d))
			consistent = false;
		prev_y = y;
		prev_w = w;
	}
	ok(consistent, "1900..2100: weeks are consecutive and round-trip");
	return tap_done();
}
