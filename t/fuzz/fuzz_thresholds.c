/* fuzz_thresholds - the thresholds JSON parser of crm-health: never crash
 * or leak; a failure always says why and leaves the thresholds as they
 * were; a success leaves every threshold in its documented range, and
 * applying the same file again changes nothing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "health.h"

#ifdef FUZZ_NAMESPACED
#define LLVMFuzzerTestOneInput fuzz_thresholds
int fuzz_thresholds(const uint8_t *data, size_t size);
#endif

/* Abort unless min <= v <= max. */
static void
in_range(long v, long min, long max)
{
	if (v < min || v > max)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crm_error err = CRM_ERROR_INIT;
	struct crm_health_thresholds def, t, again;

	crm_health_thresholds_default(&def);
	t = def;
	if (crm_health_thresholds_parse("fuzz", (const char *)data, size, &t,
	    &err) == -1) {
		if (err.msg[0] == '\0' || memcmp(&t, &def, sizeof t) != 0)
			abort();
		return 0;
	}
	in_range(t.fresh_healthy_pct, 0, 1000);
	in_range(t.fresh_healthy_days, 0, 36500);
	in_range(t.fresh_risk_pct, 0, 1000);
	in_range(t.fresh_risk_days, 0, 36500);
	in_range(t.task_healthy_pct, 0, 1000);
	in_range(t.task_risk_pct, 0, 1000);
	in_range(t.sync_healthy_pct, 0, 1000);
	in_range(t.sync_within_minutes, 0, 43200);
	in_range(t.sync_risk_readings, 2, 1000);
	in_range(t.basis_healthy_pct, 0, 1000);
	in_range(t.basis_risk_pct, 0, 1000);
	again = t;
	if (crm_health_thresholds_parse("fuzz", (const char *)data, size,
	    &again, &err) != 0 || memcmp(&t, &again, sizeof t) != 0)
		abort();
	return 0;
}
