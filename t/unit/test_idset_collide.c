/* test_idset_collide - test_idset.c on a copy of lib/idset.c whose hash
 * depends only on a key's length and last byte: whole runs of keys share
 * their home slot and tag, so only the comparison of the bytes can tell
 * them apart, and the probing wraps around the table. */
#include <stddef.h>
#include <stdint.h>

static uint64_t collide_hash(const char *key, size_t n);
#define IDSET_HASH collide_hash
#include "../../lib/idset.c"

static uint64_t
collide_hash(const char *key, size_t n)
{
	uint64_t last = n > 0 ? (unsigned char)key[n - 1] % 4 : 0;

	return (n % 8 + last * 8) * 0x9E3779B97F4A7C15ULL;
}

#define NKEYS 6000
#include "test_idset.c"
