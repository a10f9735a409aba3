/* util.c - memory helpers and a string arena. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

static _Noreturn void
oom(size_t n)
{
	fprintf(stderr, "%s: out of memory (%zu bytes)\n", crm_progname(), n);
	exit(CRM_EXIT_ERROR);
}

void *
crm_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
crm_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

char *
crm_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(crm_xmalloc(n), s, n);
}

/* Blocks of ARENA_BLOCK bytes; a larger string gets a block of its own. */
#define ARENA_BLOCK (64 * 1024)

struct arena_block {
	struct arena_block *next;	/* older block */
	size_t used, size;		/* bytes used of size in data[] */
	char data[];
};

struct crm_arena {
	struct arena_block *head;	/* block being filled */
	struct arena_block *spare;	/* emptied by crm_arena_reset() */
};

struct crm_arena *
crm_arena_new(void)
{
	struct crm_arena *a = crm_xmalloc(sizeof *a);

	a->head = a->spare = NULL;
	return a;
}

char *
crm_arena_strndup(struct crm_arena *a, const char *s, size_t n)
{
	struct arena_block *b = a->head;
	char *p;

	if (b == NULL || b->size - b->used < n + 1) {
		size_t size = n + 1 > ARENA_BLOCK ? n + 1 : ARENA_BLOCK;

		if (size == ARENA_BLOCK && a->spare != NULL) {
			b = a->spare;
			a->spare = b->next;
		} else {
			b = crm_xmalloc(sizeof *b + size);
			b->size = size;
		}
		b->used = 0;
		if (n + 1 > ARENA_BLOCK && a->head != NULL) {
			/* keep filling the current block afterwards */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = b->data + b->used;
	memcpy(p, s, n);
	p[n] = '\0';
	b->used += n + 1;
	return p;
}

void
crm_arena_reset(struct crm_arena *a)
{
	struct arena_block *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		if (b->size == ARENA_BLOCK) {
			b->next = a->spare;
			a->spare = b;
		} else {
			free(b);
		}
	}
	a->head = NULL;
}

void
crm_arena_free(struct crm_arena *a)
{
	struct arena_block *b, *next;

	if (a == NULL)
		return;
	crm_arena_reset(a);
	for (b = a->spare; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void
crm_pct_format(long part, long whole, char *buf, size_t len)
{
	int64_t tenths;

	if (whole == 0) {
		snprintf(buf, len, "%s", "");
		return;
	}
	tenths = ((int64_t)part * 2000 + whole) / (2 * (int64_t)whole);
	snprintf(buf, len, "%lld.%lld", (long long)(tenths / 10),
	    (long long)(tenths % 10));
}

void
crm_sort(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}
