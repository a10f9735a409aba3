/* test_time - dates, timestamps, zones and the +08:00 day boundary.
 * Expected day numbers were worked out independently with
 * `date -u -d YYYY-MM-DD +%s` / 86400. */
#include <stdlib.h>

#include "crm.h"
#include "tap.h"

static long
day(const char *s)
{
	long d;

	return crm_date_parse(s, &d) == 0 ? d : -999999;
}

static long
tday(const char *s, long tz)
{
	struct crm_time t;

	return crm_time_parse(s, tz, &t) == 0 ? crm_time_day(t.t, tz) : -999999;
}

int
main(void)
{
	const long h8 = 8 * 3600;
	struct crm_time t;
	char buf[16];
	long off;

	ok(day("1970-01-01") == 0, "epoch is day 0");
	ok(day("2026-11-27") == 20784, "2026-11-27 is day 20784");
	ok(day("2024-02-29") == 19782, "leap day 2024-02-29");
	ok(day("2026/1/5") == day("2026-01-05"), "2026/1/5");
	ok(day("2026.01.05") == day("2026-01-05"), "2026.01.05");
	ok(day("2026年1月5日") == day("2026-01-05"), "2026年1月5日");
	ok(day("20260105") == day("2026-01-05"), "20260105");
	ok(day("2026-02-30") == -999999, "impossible 2026-02-30 is rejected");
	ok(day("2025-02-29") == -999999, "2025-02-29 is rejected (not leap)");
	ok(day("2026/13/1") == -999999, "month 13 is rejected");
	ok(day("2026/1/5 extra") == -999999, "trailing junk is rejected");
	ok(day("45292") == -999999, "a bare Excel serial is not a date here");
	ok(day("2026-1-5x") == -999999, "2026-1-5x is rejected");
	ok(day("2026-01/05") == -999999, "mixed separators are rejected");
	ok(day("") == -999999, "empty is rejected");

	crm_date_format(20784, buf);
	is_str(buf, "2026-11-27", "format day 20784");

	/* the +08:00 day boundary */
	ok(tday("2026-11-26T15:59:59Z", h8) == 20783,
	    "15:59:59Z is still 26 November in +08:00");
	ok(tday("2026-11-26T16:00:00Z", h8) == 20784,
	    "16:00:00Z is 27 November in +08:00");
	ok(tday("2026-11-27 00:00", h8) == 20784,
	    "naive midnight is in the team zone");
	ok(tday("2026-11-27T07:59:59+08:00", 0) == 20783,
	    "07:59:59+08:00 is 26 November in UTC");
	ok(tday("2026-11-27T00:30:00-05:00", h8) == 20784,
	    "00:30-05:00 is 13:30+08:00 on 27 November");
	ok(tday("2026-11-27T23:30:00-05:00", h8) == 20785,
	    "23:30-05:00 is 28 November in +08:00");
	ok(tday("2026-11-27T10:00:00.123+0800", h8) == 20784,
	    "fractions and +0800");
	ok(tday("2026-11-27", h8) == 20784, "a date alone is that day");
	ok(crm_time_parse("2026-11-27", h8, &t) == 0 && !t.has_time,
	    "a date alone has no time");
	ok(crm_time_parse("2026-11-27 9:05", h8, &t) == 0 && t.has_time &&
	    t.t == 20784L * 86400 + 9 * 3600 + 5 * 60 - h8,
	    "9:05 naive is 01:05Z");
	ok(crm_time_parse("2026-11-27T24:00", h8, &t) == -1, "24:00 is rejected");
	ok(crm_time_parse("2026-11-27T10:60", h8, &t) == -1, "minute 60 is rejected");
	ok(crm_time_parse("2026-11-27T10:00+15:00", h8, &t) == -1,
	    "offset +15:00 is rejected");
	ok(crm_time_parse("2026-11-27T10:00Zjunk", h8, &t) == -1,
	    "junk after the zone is rejected");

	/* from the review: an offset on a date alone moved the day */
	ok(crm_time_parse("2026-01-05+14:00", h8, &t) == -1,
	    "a date alone takes no offset");
	ok(crm_time_parse("2026-01-05Z", h8, &t) == -1, "nor Z");
	ok(tday("2026-11-27t10:00:00z", h8) == 20784, "lower-case t and z");
	ok(crm_tz_parse("+08:00", &off) == 0 && off == h8, "+08:00");
	ok(crm_tz_parse("-0530", &off) == 0 && off == -(5 * 3600 + 30 * 60), "-0530");
	ok(crm_tz_parse("UTC", &off) == 0 && off == 0, "UTC");
	ok(crm_tz_parse("Asia/Shanghai", &off) == -1, "zone names are refused");
	/* found by fuzz_time: minutes past 14 hours were accepted */
	ok(crm_tz_parse("-1407", &off) == -1, "-14:07 is beyond any zone");
	ok(crm_tz_parse("+14:00", &off) == 0 && off == 14 * 3600, "+14:00 is the last");

	ok(crm_time_day(-1, 0) == -1, "one second before the epoch is day -1");
	return tap_done();
}
