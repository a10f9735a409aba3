/* test_keytab - the key table against a plain array searched by strcmp,
 * and its lookups in flight (crm_keyring) against plain finds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "tap.h"

/* What a keyring handed back, in order. */
struct got {
	long n;
	long idx[30000];
	uint64_t d0[30000], d1[30000];
	char key[30000][64];
};

static void
record(void *ctx, const struct crm_keyring_entry *e)
{
	struct got *g = ctx;

	if (g->n < 30000) {
		g->idx[g->n] = e->idx;
		g->d0[g->n] = e->data[0];
		g->d1[g->n] = e->data[1];
		snprintf(g->key[g->n], sizeof g->key[0], "%s", e->key);
	}
	g->n++;
}

/* Push n keys (present, absent, long) through a keyring, a flush at
 * every flush_at pushes; every key must come back in order, found as
 * crm_keytab_find finds it, with its data. */
static void
ring_test(struct crm_keytab *t, long n, long flush_at, const char *what)
{
	static struct got g;
	static char keys[30000][200];
	struct crm_keyring q;
	unsigned long maxfl = 0;
	bool all = true;
	long i;

	memset(&g, 0, sizeof g);
	crm_keyring_init(&q, t, record, &g, NULL, 0);
	for (i = 0; i < n; i++) {
		switch (i % 7) {
		case 0:	/* absent */
			snprintf(keys[i], sizeof keys[i], "absent-%ld", i);
			break;
		case 3:	/* long, absent: 80 bytes */
			snprintf(keys[i], sizeof keys[i], "%078ld-L", i);
			break;
		case 5:	/* exactly 63 and 64 bytes */
			snprintf(keys[i], sizeof keys[i], "%0*ld", i % 2 ? 63 : 64,
			    i);
			break;
		default:
			snprintf(keys[i], sizeof keys[i], i % 2 ? "K%07ld" :
			    "K%07ld-x", i % 20000);
		}
		crm_keyring_push(&q, keys[i], strlen(keys[i]),
		    crm_keytab_hash(keys[i], strlen(keys[i])), (uint64_t)i,
		    ~(uint64_t)i);
		if (q.pushed - q.applied > maxfl)
			maxfl = q.pushed - q.applied;
		if (flush_at > 0 && i % flush_at == flush_at - 1)
			crm_keyring_flush(&q);
	}
	crm_keyring_flush(&q);
	if (g.n != n)
		all = false;
	for (i = 0; i < n && all; i++) {
		char want[64];

		snprintf(want, sizeof want, "%.63s", keys[i]);
		if (g.idx[i] != crm_keytab_find(t, keys[i]) ||
		    g.d0[i] != (uint64_t)i || g.d1[i] != ~(uint64_t)i ||
		    strcmp(g.key[i], want) != 0) {
			printf("# key %ld '%s': idx %ld want %ld, key '%s'\n", i,
			    keys[i], g.idx[i], crm_keytab_find(t, keys[i]),
			    g.key[i]);
			all = false;
		}
	}
	ok(all, "keyring (%s): %ld keys back in order, found, with data", what,
	    n);
	ok(maxfl > 1 && (n > 3 || maxfl == (unsigned long)n),
	    "keyring (%s): up to %lu keys were in flight", what, maxfl);
}

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
	{
		/* keys too long for a slot's length: 65534 to 70001 bytes,
		 * alike but for the last byte or the length */
		static const size_t lens[] = { 65534, 65535, 65536, 70000,
		    70001 };
		char *k[10];
		long idx[10];
		bool distinct = true;

		for (size_t j = 0; j < 10; j++) {
			size_t n = lens[j / 2];

			k[j] = malloc(n + 1);
			memset(k[j], 'L', n);
			k[j][n - 1] = j % 2 ? 'x' : 'y';
			k[j][n] = '\0';
			idx[j] = crm_keytab_add(t, k[j], &existed);
			if (existed)
				distinct = false;
		}
		for (size_t j = 0; j < 10; j++)
			if (crm_keytab_find(t, k[j]) != idx[j] ||
			    crm_keytab_add(t, k[j], &existed) != idx[j] || !existed)
				distinct = false;
		ok(distinct, "ten long keys (64 KiB and more, alike but for "
		    "the last byte or the length): ten indexes, each found");
		for (size_t j = 0; j < 10; j++)
			free(k[j]);
	}
	/* a key of exactly 63 bytes that is present */
	{
		char k63[64];

		snprintf(k63, sizeof k63, "%063d", 5);
		(void)crm_keytab_add(t, k63, &existed);
	}
	ring_test(t, 30000, 0, "no flushes");
	ring_test(t, 30000, 5, "a flush every 5");
	ring_test(t, 3, 0, "fewer than in flight");
	crm_keytab_free(t);

	/* every length to 17, each key one byte off another (the first 8
	 * bytes, the tail words, the last byte), and prefixes of each other:
	 * all apart, and the hashed find agrees */
	t = crm_keytab_new();
	for (int pass = 0; pass < 2; pass++) {
		all = true;
		i = 0;
		for (int n = 1; n <= 17; n++)
			for (int p = -1; p < n; p++) {
				char k[32];

				memset(k, 'a', (size_t)n);
				k[n] = '\0';
				if (p >= 0)
					k[p] = 'b';
				if (pass == 0 ?
				    crm_keytab_add(t, k, &existed) != i || existed :
				    crm_keytab_find(t, k) != i ||
				    crm_keytab_find_hashed(t, k, (size_t)n,
				    crm_keytab_hash(k, (size_t)n)) != i)
					all = false;
				i++;
			}
		ok(all, pass == 0 ? "keys one byte apart get their own index" :
		    "and are found there, by find and by find_hashed");
	}
	crm_keytab_free(t);
	return tap_done();
}
