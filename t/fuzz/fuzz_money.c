/* fuzz_money - the amount parser: never crash, every rejection says why,
 * and every accepted amount formats back (yuan, 2 decimals) to a plain
 * number that parses to the same fen.  An input with a newline is also
 * read as two amounts, to drive the exact ratios with them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clcc.h"

#ifdef FUZZ_NAMESPACED
#define LLVMFuzzerTestOneInput fuzz_money
int fuzz_money(const uint8_t *data, size_t size);
#endif

/* Parse s and check the round trip; 0 with *fen set when s is an amount. */
static int
check(const char *s, int64_t *fen)
{
	struct crm_error err = CRM_ERROR_INIT;
	char buf[CRM_MONEY_BUFSZ];
	int64_t back;

	if (crm_money_parse(s, fen, &err) == -1) {
		if (err.msg[0] == '\0')
			abort();
		return -1;
	}
	crm_money_format(*fen, buf);
	if (!crm_is_plain_number(buf) || strlen(buf) < 4 ||
	    buf[strlen(buf) - 3] != '.')
		abort();
	if (crm_money_parse(buf, &back, &err) != 0 || back != *fen)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *nl, buf[CRM_MONEY_BUFSZ];
	int64_t a, b;

	memcpy(s, data, size);
	s[size] = '\0';
	(void)check(s, &a);
	if ((nl = strchr(s, '\n')) != NULL) {
		*nl = '\0';
		if (check(s, &a) == 0 && check(nl + 1, &b) == 0) {
			/* a/b is defined exactly when b is not 0 */
			if ((crm_clcc_ratio(a, b, buf) == 0) != (b != 0))
				abort();
			if (b != 0 && !crm_is_plain_number(buf))
				abort();
			/* a period against itself changes by exactly 0 */
			if (crm_clcc_change(a, b, a, b, buf) == 0 &&
			    strcmp(buf, "0.0000") != 0)
				abort();
			if (crm_clcc_change(a, b, b, a, buf) == 0 &&
			    !crm_is_plain_number(buf + (buf[0] == '-')))
				abort();
		}
	}
	free(s);
	return 0;
}
