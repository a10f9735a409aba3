/* fuzz_rules - the rule-file parser of crm-rules, patterns compiled with
 * their limits: never crash or leak; a failure always says why; a success
 * parses the same again with the same rules.  Every compiled pattern is
 * also run once over the input, which must be decided or fail with a
 * message, and the evidence-list reader walks the input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

#ifdef FUZZ_NAMESPACED
#define LLVMFuzzerTestOneInput fuzz_rules
int fuzz_rules(const uint8_t *data, size_t size);
#endif

/* Count the items; abort on a kind that is not NUL-terminated sanely. */
static int
item_cb(const char *kind, const char *text, size_t n, void *ctx)
{
	(void)text;
	if (strlen(kind) > 63)
		abort();
	*(size_t *)ctx += n;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crm_error err = CRM_ERROR_INIT;
	struct crm_ruleset *rs, *again;
	struct crm_pattern *p;
	char *s = malloc(size + 1);
	size_t total = 0;

	memcpy(s, data, size);
	s[size] = '\0';
	rs = crm_rules_parse("fuzz", (const char *)data, size, &err);
	if (rs == NULL) {
		if (err.msg[0] == '\0')
			abort();
	} else {
		again = crm_rules_parse("fuzz", (const char *)data, size, &err);
		if (again == NULL || crm_rules_count(again) != crm_rules_count(rs))
			abort();
		for (size_t i = 0; i < crm_rules_count(rs); i++)
			if (strcmp(crm_rules_name(rs, i),
			    crm_rules_name(again, i)) != 0)
				abort();
		crm_rules_free(again);
		crm_rules_free(rs);
	}
	/* the input as one pattern, matched against itself */
	if (size <= CRM_PATTERN_MAX_LEN &&
	    (p = crm_pattern_new(s, size % 2 == 0, &err)) != NULL) {
		size_t n = strlen(s);

		if (crm_utf8_check(s, n) == n &&
		    crm_pattern_match(p, s, n, &err) == -1 && err.msg[0] == '\0')
			abort();
		crm_pattern_free(p);
	}
	crm_evidence_each(s, item_cb, &total);
	if (total > size)
		abort();
	free(s);
	return 0;
}
