/* keytab.c - a table of keys (customer ids, rep ids) to dense indexes 0, 1,
 * 2, ..., built for the lookup every activity row makes.
 *
 * Open addressing with linear probing, at most 80% full.  A slot is 16
 * bytes: its index, 16 bits of the key's hash, its length and its first 8
 * bytes, so finding a key of up to 8 bytes (C0000123) reads one slot and
 * no key string, and a longer key reads its stored copy once.  Small slots
 * and a full table keep 200,000 customers in 4 MiB, which stays in cache
 * where 24-byte slots half full took 12 MiB and a miss a lookup.  Callers keep
 * per-key state in arrays indexed by the index, which stay dense and
 * cache-friendly; uthash's chained nodes cost several cache misses per
 * lookup on a 200,000-customer table (scripts/bench). */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

#define EMPTY UINT32_MAX

#define LONG_KEY UINT16_MAX	/* the length of keys this long or longer */

struct slot {
	uint32_t idx;			/* its index, or EMPTY */
	uint16_t tag;			/* the hash's top 16 bits */
	uint16_t len;			/* its length, or LONG_KEY */
	uint64_t head;			/* its first 8 bytes (head()) */
};

/* What a slot stores of key[0..n) with hash h. */
static inline uint16_t
tag_of(uint64_t h)
{
	return (uint16_t)(h >> 48);
}

static inline uint16_t
len_of(size_t n)
{
	return n < LONG_KEY ? (uint16_t)n : LONG_KEY;
}

struct crm_keytab {
	struct slot *slot;		/* cap slots, cap a power of two */
	size_t cap;
	const char **key;		/* by index: the key (in arena) */
	size_t n, keycap;
	struct crm_arena *arena;
};

/* A fast 64-bit hash of a short string, eight bytes at a time. */
static uint64_t
hash(const char *s, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xC2B2AE3D27D4EB4FULL);
	uint64_t w;

	while (n >= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
		h ^= h >> 32;
		s += 8;
		n -= 8;
	}
	/* the last 0-7 bytes in two overlapping words or three bytes, not
	 * a copy of n bytes that the next load would have to wait for */
	if (n >= 4) {
		uint32_t a, b;

		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		w = (uint64_t)a << 32 | b;
	} else if (n > 0) {
		w = (uint64_t)(unsigned char)s[0] << 16 |
		    (uint64_t)(unsigned char)s[n >> 1] << 8 |
		    (unsigned char)s[n - 1];
	} else {
		w = 0;
	}
	h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
	h ^= h >> 29;
	h *= 0xFF51AFD7ED558CCDULL;
	return h ^ (h >> 32);
}

struct crm_keytab *
crm_keytab_new(void)
{
	struct crm_keytab *t = crm_xmalloc(sizeof *t);

	t->cap = 1024;
	t->slot = crm_huge_alloc(t->cap * sizeof *t->slot);
	for (size_t i = 0; i < t->cap; i++)
		t->slot[i].idx = EMPTY;
	t->n = 0;
	t->keycap = 0;
	t->key = NULL;
	t->arena = crm_arena_new();
	return t;
}

void
crm_keytab_free(struct crm_keytab *t)
{
	if (t == NULL)
		return;
	free(t->slot);
	free(t->key);
	crm_arena_free(t->arena);
	free(t);
}

/* The first 8 bytes of key[0..n) as a word, the missing ones zero: equal
 * for two keys of one length exactly when those bytes are.  Built a byte
 * at a time below 8, not copied, so it is ready without a stall. */
static uint64_t
head(const char *key, size_t n)
{
	uint64_t w = 0;

	if (n >= 8) {
		memcpy(&w, key, 8);
		return w;
	}
	for (size_t i = 0; i < n; i++)
		w |= (uint64_t)(unsigned char)key[i] << (8 * i);
	return w;
}

/* The slot holding key, or the empty slot where it would go. */
static struct slot *
probe(const struct crm_keytab *t, const char *key, size_t n, uint64_t h)
{
	size_t mask = t->cap - 1, i = (size_t)h & mask;
	uint16_t tag = tag_of(h), len = len_of(n);
	uint64_t hd = head(key, n);

	for (;; i = (i + 1) & mask) {
		struct slot *s = &t->slot[i];

		if (s->idx == EMPTY)
			return s;
		if (s->tag != tag || s->len != len || s->head != hd)
			continue;
		/* a length of 8 or less is the whole key; a longer one is
		 * compared from byte 8, or in full when too long to know */
		if (n <= 8 || (len != LONG_KEY ?
		    memcmp(t->key[s->idx] + 8, key + 8, n - 8) == 0 :
		    strcmp(t->key[s->idx], key) == 0))
			return s;
	}
}

long
crm_keytab_find(const struct crm_keytab *t, const char *key)
{
	size_t n = strlen(key);
	const struct slot *s = probe(t, key, n, hash(key, n));

	return s->idx == EMPTY ? -1 : (long)s->idx;
}

uint64_t
crm_keytab_hash(const char *key, size_t n)
{
	return hash(key, n);
}

void
crm_keytab_prefetch(const struct crm_keytab *t, uint64_t h)
{
	__builtin_prefetch(&t->slot[(size_t)h & (t->cap - 1)]);
}

long
crm_keytab_find_hashed(const struct crm_keytab *t, const char *key, size_t n,
    uint64_t h)
{
	const struct slot *s = probe(t, key, n, h);

	return s->idx == EMPTY ? -1 : (long)s->idx;
}

/* ---- lookups in flight (crm.h: struct crm_keyring) ---- */

#define RING_LAG 8		/* pushes from a slot's prefetch to its find */

void
crm_keyring_init(struct crm_keyring *q, const struct crm_keytab *t,
    crm_keyring_fn *done, void *ctx, const void *base, size_t stride)
{
	q->t = t;
	q->done = done;
	q->ctx = ctx;
	q->base = base;
	q->stride = stride;
	q->pushed = q->found = q->applied = 0;
}

static void
ring_find(struct crm_keyring *q)
{
	struct crm_keyring_entry *e = &q->e[q->found++ % CRM_KEYRING_SIZE];

	e->idx = crm_keytab_find_hashed(q->t, e->key, e->n, e->h);
	if (e->idx != -1 && q->base != NULL)
		__builtin_prefetch(q->base + (size_t)e->idx * q->stride, 1);
}

static void
ring_apply(struct crm_keyring *q)
{
	if (q->found == q->applied)
		ring_find(q);
	q->done(q->ctx, &q->e[q->applied++ % CRM_KEYRING_SIZE]);
}

void
crm_keyring_flush(struct crm_keyring *q)
{
	while (q->applied < q->pushed)
		ring_apply(q);
}

void
crm_keyring_push(struct crm_keyring *q, const char *key, size_t n,
    uint64_t h, uint64_t d0, uint64_t d1)
{
	struct crm_keyring_entry *e;

	if (q->pushed - q->applied == CRM_KEYRING_SIZE)
		ring_apply(q);
	e = &q->e[q->pushed % CRM_KEYRING_SIZE];
	e->data[0] = d0;
	e->data[1] = d1;
	if (n >= sizeof e->key) {
		/* a long key: finish the others, then this one, in order */
		crm_keyring_flush(q);
		e->idx = crm_keytab_find_hashed(q->t, key, n, h);
		memcpy(e->key, key, sizeof e->key - 1);
		e->key[sizeof e->key - 1] = '\0';
		e->n = sizeof e->key - 1;
		q->pushed++, q->found++, q->applied++;
		q->done(q->ctx, e);
		return;
	}
	memcpy(e->key, key, n);
	e->key[n] = '\0';
	e->n = n;
	e->h = h;
	__builtin_prefetch(&q->t->slot[(size_t)e->h & (q->t->cap - 1)]);
	q->pushed++;
	if (q->pushed - q->found > RING_LAG)
		ring_find(q);
}

static void
grow(struct crm_keytab *t)
{
	struct slot *old = t->slot;
	size_t oldcap = t->cap;

	t->cap *= 2;
	t->slot = crm_huge_alloc(t->cap * sizeof *t->slot);
	for (size_t i = 0; i < t->cap; i++)
		t->slot[i].idx = EMPTY;
	for (size_t i = 0; i < oldcap; i++) {
		const char *k;
		size_t j;

		if (old[i].idx == EMPTY)
			continue;
		/* the home slot needs the whole hash: the key's again */
		k = t->key[old[i].idx];
		for (j = (size_t)hash(k, old[i].len != LONG_KEY ? old[i].len :
		    strlen(k)) & (t->cap - 1); t->slot[j].idx != EMPTY;
		    j = (j + 1) & (t->cap - 1))
			;
		t->slot[j] = old[i];
	}
	free(old);
}

long
crm_keytab_add(struct crm_keytab *t, const char *key, bool *existed)
{
	size_t n = strlen(key);

	return crm_keytab_add_hashed(t, key, n, hash(key, n), existed);
}

long
crm_keytab_add_hashed(struct crm_keytab *t, const char *key, size_t n,
    uint64_t h, bool *existed)
{
	struct slot *s = probe(t, key, n, h);

	*existed = s->idx != EMPTY;
	if (*existed)
		return (long)s->idx;
	if (t->n >= EMPTY - 1)
		return -1;
	if (t->n == t->keycap) {
		t->keycap = t->keycap ? t->keycap * 2 : 1024;
		t->key = crm_xrealloc(t->key, t->keycap * sizeof *t->key);
	}
	t->key[t->n] = crm_arena_strndup(t->arena, key, n);
	s->tag = tag_of(h);
	s->len = len_of(n);
	s->head = head(key, n);
	s->idx = (uint32_t)t->n;
	if (++t->n * 5 > t->cap * 4)	/* 80% full */
		grow(t);
	return (long)t->n - 1;
}

const char *
crm_keytab_key(const struct crm_keytab *t, long idx)
{
	return t->key[idx];
}

size_t
crm_keytab_count(const struct crm_keytab *t)
{
	return t->n;
}
