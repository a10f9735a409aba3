/* fuzz_time - the date, timestamp and zone parsers: never crash, and every
 * date they accept formats back to a real calendar day. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

#ifdef FUZZ_NAMESPACED
#define LLVMFuzzerTestOneInput fuzz_time
int fuzz_time(const uint8_t *data, size_t size);
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct crm_time t;
	long days, off, y, back;
	int m, d;
	char buf[16];

	memcpy(s, data, size);
	s[size] = '\0';
	if (crm_date_parse(s, &days) == 0) {
		crm_civil_from_days(days, &y, &m, &d);
		back = crm_days_from_civil(y, m, d);
		if (back != days || m < 1 || m > 12 || d < 1 || d > 31)
			abort();
		crm_date_format(days, buf);
		if (crm_date_parse(buf, &back) != 0 || back != days)
			abort();
		if (crm_time_parse(s, 0, &t) != 0 || crm_time_day(t.t, 0) != days)
			abort();
	}
	if (crm_time_parse(s, 8 * 3600, &t) == 0)
		(void)crm_time_day(t.t, 8 * 3600);
	if (crm_tz_parse(s, &off) == 0 && (off < -14 * 3600 || off > 14 * 3600 + 59 * 60))
		abort();
	(void)crm_field_lookup(s);
	(void)crm_utf8_width(s);
	free(s);
	return 0;
}
