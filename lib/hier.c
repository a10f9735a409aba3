/* hier.c - the reps hierarchy (DOMAIN.md: director -> regional_manager ->
 * supervisor -> rep, through manager_id): parents, sorted children,
 * ancestors by role, and the checks that make walking it safe (every
 * manager is a rep, no cycles). */
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "rules.h"

struct crm_hier {
	const struct crm_reps *reps;	/* borrowed */
	struct crm_keytab *keys;	/* rep_id -> index (reps file order) */
	long *parent;			/* by index; -1 for a top */
	long *kids;			/* children of every rep, grouped */
	size_t *kid_off, *kid_n;	/* by index + 1 (0 is the tops) */
};

static const struct crm_hier *sort_h;	/* for cmp_kids */

static int
cmp_kids(const void *pa, const void *pb)
{
	long a = *(const long *)pa, b = *(const long *)pb;

	return strcmp(crm_reps_at(sort_h->reps, (size_t)a)->rep_id,
	    crm_reps_at(sort_h->reps, (size_t)b)->rep_id);
}

/* Build the hierarchy: see rules.h. */
struct crm_hier *
crm_hier_new(const struct crm_reps *reps, struct crm_error *err)
{
	struct crm_hier *h = crm_xmalloc(sizeof *h);
	size_t n = crm_reps_count(reps), i, *fill;
	char *state;
	bool existed;

	memset(h, 0, sizeof *h);
	h->reps = reps;
	h->keys = crm_keytab_new();
	h->parent = crm_xmalloc((n + 1) * sizeof *h->parent);
	h->kids = crm_xmalloc((n + 1) * sizeof *h->kids);
	h->kid_off = crm_xmalloc((n + 2) * sizeof *h->kid_off);
	h->kid_n = crm_xmalloc((n + 2) * sizeof *h->kid_n);
	for (i = 0; i < n; i++)
		crm_keytab_add(h->keys, crm_reps_at(reps, i)->rep_id, &existed);
	for (i = 0; i < n; i++) {
		const struct crm_rep *r = crm_reps_at(reps, i);

		h->parent[i] = -1;
		if (*r->manager_id == '\0')
			continue;
		h->parent[i] = crm_keytab_find(h->keys, r->manager_id);
		if (h->parent[i] == -1) {
			crm_error_set(err, NULL, 0, 0, "reps hierarchy: rep '%s' "
			    "has manager '%s', who is not in the reps file",
			    r->rep_id, r->manager_id);
			crm_hier_free(h);
			return NULL;
		}
	}
	/* cycles: walk up from every rep; 0 unseen, 1 on this walk, 2 done */
	state = crm_xmalloc(n + 1);
	memset(state, 0, n + 1);
	for (i = 0; i < n; i++) {
		long j;

		for (j = (long)i; j != -1 && state[j] == 0; j = h->parent[j])
			state[j] = 1;
		if (j != -1 && state[j] == 1) {
			/* j is on a cycle: name its reps in manager order */
			char buf[400];
			size_t len = 0;
			long k = j;

			do {
				len += (size_t)snprintf(buf + len, sizeof buf - len,
				    "%s -> ", crm_reps_at(reps, (size_t)k)->rep_id);
				if (len >= sizeof buf - 64)
					break;
				k = h->parent[k];
			} while (k != j);
			if (len < sizeof buf)
				snprintf(buf + len, sizeof buf - len, "%s",
				    crm_reps_at(reps, (size_t)j)->rep_id);
			crm_error_set(err, NULL, 0, 0,
			    "reps hierarchy: a cycle of managers: %s", buf);
			free(state);
			crm_hier_free(h);
			return NULL;
		}
		for (j = (long)i; j != -1 && state[j] == 1; j = h->parent[j])
			state[j] = 2;
	}
	free(state);
	/* children, grouped by parent (slot 0 is the tops), sorted by id */
	memset(h->kid_n, 0, (n + 2) * sizeof *h->kid_n);
	for (i = 0; i < n; i++)
		h->kid_n[h->parent[i] + 1]++;
	h->kid_off[0] = 0;
	for (i = 1; i <= n + 1; i++)
		h->kid_off[i] = h->kid_off[i - 1] + h->kid_n[i - 1];
	fill = crm_xmalloc((n + 2) * sizeof *fill);
	memcpy(fill, h->kid_off, (n + 2) * sizeof *fill);
	for (i = 0; i < n; i++)
		h->kids[fill[h->parent[i] + 1]++] = (long)i;
	free(fill);
	sort_h = h;
	for (i = 0; i <= n; i++)
		crm_sort(h->kids + h->kid_off[i], h->kid_n[i], sizeof *h->kids,
		    cmp_kids);
	return h;
}

void
crm_hier_free(struct crm_hier *h)
{
	if (h == NULL)
		return;
	crm_keytab_free(h->keys);
	free(h->parent);
	free(h->kids);
	free(h->kid_off);
	free(h->kid_n);
	free(h);
}

long
crm_hier_find(const struct crm_hier *h, const char *id)
{
	return h == NULL || id == NULL ? -1 : crm_keytab_find(h->keys, id);
}

size_t
crm_hier_count(const struct crm_hier *h)
{
	return crm_reps_count(h->reps);
}

const struct crm_rep *
crm_hier_rep(const struct crm_hier *h, long i)
{
	return crm_reps_at(h->reps, (size_t)i);
}

long
crm_hier_parent(const struct crm_hier *h, long i)
{
	return h->parent[i];
}

const long *
crm_hier_children(const struct crm_hier *h, long i, size_t *n)
{
	*n = h->kid_n[i + 1];
	return h->kids + h->kid_off[i + 1];
}

long
crm_hier_ancestor_role(const struct crm_hier *h, long i, const char *role)
{
	for (i = h->parent[i]; i != -1; i = h->parent[i]) {
		const char *r = crm_hier_rep(h, i)->role;
		const char *w = crm_value_word(CRM_F_ROLE, r);

		if (strcmp(w ? w : r, role) == 0)
			return i;
	}
	return -1;
}

bool
crm_hier_under(const struct crm_hier *h, long i, long a)
{
	for (; i != -1; i = h->parent[i])
		if (i == a)
			return true;
	return false;
}
