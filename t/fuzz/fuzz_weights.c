/* fuzz_weights - the weights file parser (CSV or JSON object): never
 * crash or leak, and every table it accepts is consistent: each weight
 * formats back to itself, and each type finds its own weight. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"

#ifdef FUZZ_NAMESPACED
#define LLVMFuzzerTestOneInput fuzz_weights
int fuzz_weights(const uint8_t *data, size_t size);
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crm_error err = CRM_ERROR_INIT;
	struct crm_weights *w;
	char buf[24], why[64], canon[256];
	size_t i;
	long v, back;

	w = crm_weights_parse("fuzz", (const char *)data, size, &err);
	if (w == NULL) {
		/* a failure always says why */
		if (err.msg[0] == '\0')
			abort();
		return 0;
	}
	if (crm_weights_count(w) == 0)
		abort();
	for (i = 0; i < crm_weights_count(w); i++) {
		const char *type = crm_weights_at(w, i, &v);

		if (v < -CRM_WEIGHT_MAX || v > CRM_WEIGHT_MAX)
			abort();
		crm_weight_format(v, buf);
		if (crm_weight_parse(buf, &back, why, sizeof why) != 0 ||
		    back != v)
			abort();
		if (crm_weights_find(w, type) != (long)i)
			abort();
		if (strcmp(crm_type_canonical(type, canon, sizeof canon),
		    type) != 0)
			abort();
	}
	crm_weights_free(w);
	return 0;
}
