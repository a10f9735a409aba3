/* test_keytab - the key table against a plain array searched by strcmp. */
#include <stdio.h>
#include <stdlib.h>

#include "crm.h"
#include "tap.h"

int
main(void)
{
	struct crm_keytab *t = crm_keytab_new();
	static char keys[20000][32];
	bool existed, all = true;
	long i;

	ok(crm_keytab_find(t, "C1") == -1, "an empty table finds nothing");
	ok(crm_keytab_add(t, "C1", &existed) == 0 && !existed, "first key is 0");
	ok(crm_keytab_add(t, "C1", &existed) == 0 && existed, "again: existed");
	ok(crm_keytab_add(t, "", &existed) == 1 && !existed, "the empty key");
	ok(crm_keytab_add(t, "C0000001-long-key-beyond-eight", &existed) == 2,
	    "a key longer than 8 bytes");
	ok(crm_keytab_find(t, "C0000001-long-key-beyond-eighT") == -1,
	    "differs only past byte 8: not found");
	ok(crm_keytab_find(t, "C0000001") == -1, "a prefix of 8 bytes: not found");
	ok(crm_keytab_add(t, "上海一号店", &existed) == 3, "a UTF-8 key");
	/* grow through many rehashes; every key keeps its index */
	for (i = 0; i < 20000; i++) {
		snprintf(keys[i], sizeof keys[i], i % 2 ? "K%07ld" : "K%07ld-x", i);
		if (crm_keytab_add(t, keys[i], &existed) != i + 4 || existed)
			all = false;
	}
	ok(all, "20000 keys get indexes 4..20003 in order");
	all = true;
	for (i = 0; i < 20000; i++)
		if (crm_keytab_find(t, keys[i]) != i + 4 ||
		    strcmp(crm_keytab_key(t, i + 4), keys[i]) != 0)
			all = false;
	ok(all, "each is found at its index, with its key");
	ok(crm_keytab_find(t, "K0020000") == -1, "an absent key is not found");
	ok(crm_keytab_count(t) == 20004, "count");
	crm_keytab_free(t);
	return tap_done();
}
