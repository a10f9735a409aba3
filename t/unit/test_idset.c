/* test_idset - the id set against the key table (a second, older method)
 * on keys of every awkward kind: the empty key and one-byte keys, keys
 * that share long prefixes or differ only in their last or first byte,
 * lengths around 8, 127/128, 255/256 and 16383/16384 bytes, UTF-8, a key
 * of its own block, and enough keys for many growths.  Every add must say
 * "seen" exactly when the key table says the key existed, so a false
 * duplicate and a missed one both fail.  test_idset_collide.c runs the
 * same with a hash that collides on purpose. */
#include <stdio.h>
#include <stdlib.h>

#include "crm.h"
#include "tap.h"

#ifndef NKEYS
#define NKEYS 300000			/* adds, a third of them repeats */
#endif

/* Key number i of the run, into buf (NUL-terminated; no NUL inside). */
static size_t
make_key(unsigned long i, char *buf, size_t len)
{
	static const char *const forms[] = {
		"A%09lu", "%lu", "客户-%lu-上海", "C%lu-long-key-beyond-eight-bytes",
		"%lu\xE3\x80\x80", "x%lu", "%lux", "Z"
	};
	unsigned long k = i / 8;
	size_t n;

	switch (i % 8) {
	case 7:
		/* a shared prefix of 0 to 299 bytes, then the number */
		n = k % 300;
		memset(buf, 'p', n);
		n += (size_t)snprintf(buf + n, len - n, "%lu", k);
		return n;
	case 6:
		/* 260 bytes differing only in the last few */
		memset(buf, 'q', 250);
		n = 250 + (size_t)snprintf(buf + 250, len - 250, "%010lu", k);
		return n;
	default:
		return (size_t)snprintf(buf, len, forms[i % 8], k);
	}
}

/* The key number of the i-th add: every third one a repeat. */
static unsigned long
key_of(unsigned long i)
{
	return i % 3 == 2 ? (i * 7919) % (i + 1) : i;
}

/* A key of len bytes (> 0) 'L', then with its last byte, then its first
 * byte changed: all three new, the changed ones absent before. */
static bool
three_new(struct crm_idset *s, char *buf, size_t len)
{
	bool good = true;

	memset(buf, 'L', len);
	if (crm_idset_add(s, buf, len) != 0)
		good = false;
	buf[len - 1] = 'M';
	if (crm_idset_has(s, buf, len) || crm_idset_add(s, buf, len) != 0)
		good = false;
	buf[len - 1] = 'L';
	buf[0] = 'M';
	if (crm_idset_add(s, buf, len) != 0)
		good = false;
	buf[0] = 'L';
	return good;
}

/* The add of key into s checked against t: whether "seen" is right. */
static bool
agree(struct crm_idset *s, struct crm_keytab *t, const char *key)
{
	bool existed;
	int seen;

	crm_keytab_add(t, key, &existed);
	seen = crm_idset_add(s, key, strlen(key));
	return seen == (existed ? 1 : 0);
}

int
main(void)
{
	struct crm_idset *s = crm_idset_new();
	struct crm_keytab *t;
	static char big[(3 << 19) + 1];	/* 1.5 MiB: a block of its own */
	char key[400], near[400];
	unsigned long i, wrong = 0, falsedup = 0, missed = 0, absent = 0;
	size_t n;

	ok(!crm_idset_has(s, "", 0), "an empty set has not the empty key");
	ok(crm_idset_add(s, "", 0) == 0, "the empty key is added");
	ok(crm_idset_add(s, "", 0) == 1, "and then seen");
	ok(crm_idset_add(s, "\x01", 1) == 0 && crm_idset_add(s, " ", 1) == 0 &&
	    crm_idset_add(s, "0", 1) == 0, "one-byte keys beside it are new");
	ok(crm_idset_add(s, "a\0b", 3) == 0 && crm_idset_add(s, "a\0c", 3) == 0 &&
	    crm_idset_add(s, "a", 1) == 0 && crm_idset_add(s, "a\0", 2) == 0,
	    "a NUL inside a key is a byte like the others");
	ok(crm_idset_add(s, "a\0b", 3) == 1 && crm_idset_has(s, "a\0", 2) &&
	    !crm_idset_has(s, "a\0d", 3), "and is compared as one");
	ok(crm_idset_count(s) == 8, "count");
	crm_idset_free(s);

	/* lengths where the stored length takes one more byte, or where the
	 * key stops fitting in one word */
	s = crm_idset_new();
	{
		static const size_t lens[] = { 7, 8, 9, 126, 127, 128, 129, 254,
		    255, 256, 257, 16383, 16384, 16385 };
		static char buf[16386];
		bool all = true;

		for (i = 0; i < sizeof lens / sizeof lens[0]; i++)
			if (!three_new(s, buf, lens[i]))
				all = false;
		for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
			memset(buf, 'L', lens[i]);
			if (crm_idset_add(s, buf, lens[i]) != 1)
				all = false;
			if (crm_idset_has(s, buf, lens[i] + 1) !=
			    (i + 1 < sizeof lens / sizeof lens[0] &&
			    lens[i + 1] == lens[i] + 1))
				all = false;
		}
		ok(all, "keys of 7 to 16385 bytes, and their near misses");
	}
	memset(big, 'B', sizeof big - 1);
	ok(crm_idset_add(s, big, sizeof big - 1) == 0, "a key of 1.5 MiB");
	ok(crm_idset_add(s, "after-big", 9) == 0 &&
	    crm_idset_add(s, "after-big", 9) == 1, "a short key after it");
	ok(crm_idset_add(s, big, sizeof big - 1) == 1, "the big key is seen");
	big[sizeof big - 2] = 'C';
	ok(!crm_idset_has(s, big, sizeof big - 1) &&
	    crm_idset_add(s, big, sizeof big - 1) == 0,
	    "one that differs in its last byte is not");
	big[0] = 'C';
	ok(crm_idset_add(s, big, sizeof big - 1) == 0, "nor in its first too");
	crm_idset_free(s);

	/* many keys, a third of them repeats, through many growths */
	s = crm_idset_new();
	t = crm_keytab_new();
	ok(agree(s, t, ""), "the empty key first");
	for (i = 0; i < NKEYS; i++) {
		make_key(key_of(i), key, sizeof key);
		if (!agree(s, t, key)) {
			wrong++;
			if (crm_keytab_find(t, key) >= 0 &&
			    crm_idset_has(s, key, strlen(key)))
				falsedup++;
			else
				missed++;
		}
	}
	ok(wrong == 0, "%d adds agree with the key table (false duplicates "
	    "%lu, missed %lu)", NKEYS, falsedup, missed);
	ok(crm_idset_count(s) == crm_keytab_count(t), "count %zu",
	    crm_idset_count(s));
	wrong = 0;
	for (i = 0; i < NKEYS; i++) {
		make_key(key_of(i), key, sizeof key);
		if (crm_idset_add(s, key, strlen(key)) != 1)
			wrong++;
	}
	ok(wrong == 0, "every key again: seen (%lu not)", wrong);
	wrong = 0;
	for (i = 0; i < NKEYS; i++) {
		/* near misses: one more byte, one less, the last one changed */
		n = make_key(key_of(i), key, sizeof key);
		memcpy(near, key, n + 1);
		near[n] = '~';
		near[n + 1] = '\0';
		if (crm_idset_has(s, near, n + 1) != (crm_keytab_find(t, near) >= 0))
			wrong++;
		key[n - 1] = '\0';
		if (crm_idset_has(s, key, n - 1) != (crm_keytab_find(t, key) >= 0))
			wrong++;
		near[n - 1] ^= 0x01;
		near[n] = '\0';
		if (crm_idset_has(s, near, n) != (crm_keytab_find(t, near) >= 0))
			wrong++;
		if (crm_keytab_find(t, near) < 0)
			absent++;
	}
	ok(wrong == 0 && absent > NKEYS / 2,
	    "near misses are found exactly when present (%lu wrong, %lu absent)",
	    wrong, absent);
	crm_idset_free(s);
	crm_keytab_free(t);

	/* the memory a 10-byte id takes, as crm-score(1) says */
	s = crm_idset_new();
	for (i = 0; i < NKEYS; i++) {
		snprintf(key, sizeof key, "A%09lu", i * 2654435761UL % 1000000000);
		(void)crm_idset_add(s, key, 10);
	}
	n = crm_idset_bytes(s);
	ok(n >= crm_idset_count(s) * 19 && n <= crm_idset_count(s) * 27,
	    "%.1f bytes a 10-byte id", (double)n / (double)crm_idset_count(s));
	crm_idset_free(s);

	/* told how many are coming, the table grows up to four times at
	 * once and ends holding them 75% full; a guess far too high makes
	 * no step larger than four times; every answer stays exact */
	{
		static const size_t guess[] = { NKEYS, NKEYS / 3, 1000000000 };

		for (size_t g = 0; g < 3; g++) {
			size_t adds = g == 2 ? 100 : NKEYS, table;

			s = crm_idset_new();
			crm_idset_expect(s, guess[g]);
			wrong = 0;
			for (i = 0; i < adds; i++) {
				snprintf(key, sizeof key, "A%09lu", i);
				if (crm_idset_add(s, key, 10) != 0)
					wrong++;
				if (i % 3 == 0 && crm_idset_add(s, key, 10) != 1)
					wrong++;
			}
			/* the strings take 11 bytes each: the rest is slots */
			table = (crm_idset_bytes(s) - adds * 11) / 8;
			ok(wrong == 0 && crm_idset_count(s) == adds &&
			    (g != 0 || table == NKEYS + NKEYS / 3) &&
			    (g != 1 || table > adds * 5 / 4) &&
			    (g != 2 || table == 256),
			    "expecting %zu: %zu adds exact, a table of %zu slots",
			    guess[g], adds, table);
			crm_idset_free(s);
		}
	}
	return tap_done();
}
