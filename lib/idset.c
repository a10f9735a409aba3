/* idset.c - an exact set of strings, for the millions of activity_ids that
 * crm-score must count once each over a long window.
 *
 * The strings are packed in big blocks, each one its length (7 bits a
 * byte, low first) and its bytes: no NUL, no pointer, no per-key malloc.
 * The table is open addressing with linear probing, up to 80% full, of
 * 8-byte slots: the string's place in the blocks (the low REF_BITS) and
 * the top bits of its hash, a tag that spares reading the string of
 * nearly every other key on the way.  The home slot is the hash scaled to
 * the table (not masked), so the table grows by half, not by doubling.
 *
 * A set never answers "seen" without comparing the bytes: a tag that
 * matches is only a reason to look.  Growth rebuilds the table from the
 * blocks (each string hashed again, in the order stored, the slot misses
 * prefetched), so the old table is freed first and never coexists with
 * the new one.  A table grows by half, or up to four times when the
 * caller expects that many strings (crm_idset_expect): moving the strings
 * again costs as much as adding them, and a long window adds millions.  crm-score's memory per activity_id is 8 / load + 1 + its
 * length: about 24 bytes for a 10-byte id (crm-score(1)). */
#include <stdlib.h>
#include <string.h>

#include "crm.h"

#define REF_BITS	38		/* a string's place: 256 GiB of them */
#define REF_MASK	(((uint64_t)1 << REF_BITS) - 1)
#define TAG_MASK	(~REF_MASK)	/* the hash bits kept in a slot */
#define BLOCK_SHIFT	22		/* a place is block << 22 | offset */
#define BLOCK_MAX	((size_t)1 << BLOCK_SHIFT)	/* 4 MiB */
#define BLOCK_FIRST	((size_t)64 << 10)	/* then doubling to BLOCK_MAX */
#define OWN_BLOCK	((size_t)1 << 20)	/* longer: a block of its own */
#define MAX_BLOCKS	(((size_t)1 << (REF_BITS - BLOCK_SHIFT)) - 1)
#define CAP_FIRST	64		/* slots of a new set */
#define CAP_MAX		((size_t)1 << 32)	/* home() scales 32 bits */
#define PREFETCH	16		/* rebuild: slots in flight */

/* t/unit/test_idset_collide.c builds this file with a hash that collides
 * on purpose, so that tags match and the bytes must decide. */
#ifndef IDSET_HASH
#define IDSET_HASH crm_keytab_hash
#endif

struct block {
	unsigned char *p;		/* size bytes */
	size_t used, size;		/* bytes filled of size */
};

struct crm_idset {
	uint64_t *slot;			/* cap slots: 0, or tag | place + 1 */
	size_t cap;			/* slots */
	size_t n;			/* strings in the set */
	size_t limit;			/* grow before n passes it */
	size_t expect;			/* strings the caller expects */
	struct block *blk;		/* nblk blocks of strings */
	size_t nblk, capblk;		/* used and allocated */
	size_t open;			/* the block being filled */
	size_t next;			/* size of the next such block */
};

/* The slot where a hash starts probing: its low 32 bits scaled to cap. */
static size_t
home(uint64_t h, size_t cap)
{
	return (size_t)(((h & 0xFFFFFFFFu) * (uint64_t)cap) >> 32);
}

/* The length written at p; its byte count in *k. */
static size_t
get_len(const unsigned char *p, size_t *k)
{
	size_t n = 0;
	unsigned shift = 0;

	*k = 0;
	do {
		n |= (size_t)(p[*k] & 0x7F) << shift;
		shift += 7;
	} while (p[(*k)++] & 0x80);
	return n;
}

/* Write n at p; returns the bytes written (1 to 10). */
static size_t
put_len(unsigned char *p, size_t n)
{
	size_t k = 0;

	while (n >= 0x80) {
		p[k++] = (unsigned char)(n | 0x80);
		n >>= 7;
	}
	p[k++] = (unsigned char)n;
	return k;
}

/* The bytes put_len() takes for n. */
static size_t
len_bytes(size_t n)
{
	size_t k = 1;

	while (n >= 0x80) {
		n >>= 7;
		k++;
	}
	return k;
}

/* Where the string of a slot is stored. */
static const unsigned char *
at(const struct crm_idset *s, uint64_t v)
{
	uint64_t ref = (v & REF_MASK) - 1;

	return s->blk[ref >> BLOCK_SHIFT].p + (ref & (BLOCK_MAX - 1));
}

/* Whether the string of slot v is key[0..n). */
static bool
same(const struct crm_idset *s, uint64_t v, const char *key, size_t n)
{
	const unsigned char *p = at(s, v);
	size_t k;

	return get_len(p, &k) == n && memcmp(p + k, key, n) == 0;
}

/* A table of cap empty slots. */
static void
table_new(struct crm_idset *s, size_t cap)
{
	s->slot = crm_huge_alloc(cap * sizeof *s->slot);
	memset(s->slot, 0, cap * sizeof *s->slot);
	s->cap = cap;
	s->limit = cap - cap / 5;
}

/* Put a string known to be absent into the first free slot from its home. */
static void
place(struct crm_idset *s, uint64_t h, uint64_t ref1)
{
	size_t i = home(h, s->cap);

	while (s->slot[i] != 0)
		if (++i == s->cap)
			i = 0;
	s->slot[i] = (h & TAG_MASK) | ref1;
}

/* A table of cap slots holding every stored string: the old table is
 * freed first, the strings are read in the order stored and each slot is
 * prefetched PREFETCH strings ahead of its store. */
static void
rebuild(struct crm_idset *s, size_t cap)
{
	struct {
		uint64_t h, ref1;
	} q[PREFETCH];
	size_t nq = 0, b;

	free(s->slot);
	table_new(s, cap);
	for (b = 0; b < s->nblk; b++) {
		const unsigned char *p = s->blk[b].p;
		size_t pos = 0, k, n, r;

		while (pos < s->blk[b].used) {
			n = get_len(p + pos, &k);
			r = nq++ % PREFETCH;
			if (nq > PREFETCH)
				place(s, q[r].h, q[r].ref1);
			q[r].h = IDSET_HASH((const char *)p + pos + k, n);
			q[r].ref1 = ((uint64_t)b << BLOCK_SHIFT | pos) + 1;
			__builtin_prefetch(&s->slot[home(q[r].h, s->cap)], 1);
			pos += k + n;
		}
	}
	for (b = nq > PREFETCH ? nq - PREFETCH : 0; b < nq; b++)
		place(s, q[b % PREFETCH].h, q[b % PREFETCH].ref1);
}

/* A new block of size bytes; returns its index, or -1 past MAX_BLOCKS. */
static long
block_new(struct crm_idset *s, size_t size)
{
	if (s->nblk == MAX_BLOCKS)
		return -1;
	if (s->nblk == s->capblk) {
		s->capblk = s->capblk ? s->capblk * 2 : 16;
		s->blk = crm_xrealloc(s->blk, s->capblk * sizeof *s->blk);
	}
	s->blk[s->nblk].p = crm_huge_alloc(size);
	s->blk[s->nblk].used = 0;
	s->blk[s->nblk].size = size;
	return (long)s->nblk++;
}

/* Store key[0..n); returns its place + 1 (never 0), or 0 when the blocks
 * are out of places. */
static uint64_t
store(struct crm_idset *s, const char *key, size_t n)
{
	size_t need = len_bytes(n) + n;
	struct block *b;
	long i;

	if (s->nblk == 0 || s->blk[s->open].size - s->blk[s->open].used < need) {
		if (need > OWN_BLOCK) {
			/* a block of its own; the open one stays open */
			if ((i = block_new(s, need)) == -1)
				return 0;
		} else {
			size_t size = s->next > need ? s->next : need;

			if ((i = block_new(s, size)) == -1)
				return 0;
			s->open = (size_t)i;
			s->next = s->next * 2 > BLOCK_MAX ? BLOCK_MAX : s->next * 2;
		}
	} else {
		i = (long)s->open;
	}
	b = &s->blk[i];
	{
		uint64_t ref1 = ((uint64_t)i << BLOCK_SHIFT | b->used) + 1;
		size_t k = put_len(b->p + b->used, n);

		memcpy(b->p + b->used + k, key, n);
		b->used += k + n;
		return ref1;
	}
}

struct crm_idset *
crm_idset_new(void)
{
	struct crm_idset *s = crm_xmalloc(sizeof *s);

	memset(s, 0, sizeof *s);
	s->next = BLOCK_FIRST;
	table_new(s, CAP_FIRST);
	return s;
}

void
crm_idset_free(struct crm_idset *s)
{
	if (s == NULL)
		return;
	for (size_t b = 0; b < s->nblk; b++)
		free(s->blk[b].p);
	free(s->blk);
	free(s->slot);
	free(s);
}

/* The slot holding key (hash h), or the free slot where it would go. */
static size_t
probe(const struct crm_idset *s, const char *key, size_t n, uint64_t h)
{
	size_t i;
	uint64_t v;

	for (i = home(h, s->cap); (v = s->slot[i]) != 0;) {
		if (((v ^ h) & TAG_MASK) == 0 && same(s, v, key, n))
			return i;
		if (++i == s->cap)
			i = 0;
	}
	return i;
}

uint64_t
crm_idset_hash(const char *key, size_t n)
{
	return IDSET_HASH(key, n);
}

void
crm_idset_prefetch(const struct crm_idset *s, uint64_t h)
{
	__builtin_prefetch(&s->slot[home(h, s->cap)]);
}

bool
crm_idset_has(const struct crm_idset *s, const char *key, size_t n)
{
	return s->slot[probe(s, key, n, crm_idset_hash(key, n))] != 0;
}

int
crm_idset_add(struct crm_idset *s, const char *key, size_t n)
{
	return crm_idset_add_hashed(s, key, n, crm_idset_hash(key, n));
}

int
crm_idset_add_hashed(struct crm_idset *s, const char *key, size_t n,
    uint64_t h)
{
	uint64_t ref1;
	size_t i = probe(s, key, n, h);

	if (s->slot[i] != 0)
		return 1;
	if (s->n >= s->limit) {
		size_t cap = s->cap + s->cap / 2;
		size_t want = s->expect + s->expect / 3;	/* 75% full */

		if (want > cap)
			cap = want < 4 * s->cap ? want : 4 * s->cap;

		if (s->cap == CAP_MAX)
			return -1;
		rebuild(s, cap > CAP_MAX ? CAP_MAX : cap);
		for (i = home(h, s->cap); s->slot[i] != 0;)
			if (++i == s->cap)
				i = 0;
	}
	if ((ref1 = store(s, key, n)) == 0)
		return -1;
	s->slot[i] = (h & TAG_MASK) | ref1;
	s->n++;
	return 0;
}

void
crm_idset_expect(struct crm_idset *s, size_t n)
{
	s->expect = n;
}

size_t
crm_idset_count(const struct crm_idset *s)
{
	return s->n;
}

size_t
crm_idset_bytes(const struct crm_idset *s)
{
	size_t bytes = s->cap * sizeof *s->slot;

	for (size_t b = 0; b < s->nblk; b++)
		bytes += s->blk[b].used;
	return bytes;
}
