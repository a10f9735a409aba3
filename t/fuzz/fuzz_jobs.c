/* fuzz_jobs - --jobs against one thread on arbitrary input: crm-stale,
 * crm-score, crm-clcc, crm-health, crm-rules and crm-hotlist (tools.h),
 * each run once with one thread and once with two or three over input
 * chunks of 1 to 4096 bytes (CRM_CHUNK_BYTES), must give the same status
 * and byte for byte the same output.  The input is fuzz_tools' (its
 * corpus serves here); the activities and the ledger are repeated past
 * 64 KiB (amplify).  Never crash, hang or leak. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools.h"

#ifdef FUZZ_NAMESPACED
#define LLVMFuzzerTestOneInput fuzz_jobs
int fuzz_jobs(const uint8_t *data, size_t size);
#endif

typedef int tool_fn(struct fuzz_job *j, FILE *out,
    struct crm_error *err);

/* Run fn with one thread, then with more over small chunks: the same
 * status and output, or abort. */
static void
same(const char *tool, tool_fn *fn, struct fuzz_job *j)
{
	struct crm_error err = CRM_ERROR_INIT;
	char *a = NULL, *b = NULL, chunk[16];
	size_t alen = 0, blen = 0;
	FILE *out;
	int sa, sb;

	crm_jobs_set(1);
	out = open_memstream(&a, &alen);
	sa = fn(j, out, &err);
	fclose(out);
	snprintf(chunk, sizeof chunk, "%d", 1 + (j->opt * 37) % 4096);
	setenv("CRM_CHUNK_BYTES", chunk, 1);
	crm_jobs_set(2 + (j->opt >> 2 & 1));
	out = open_memstream(&b, &blen);
	sb = fn(j, out, &err);
	fclose(out);
	crm_jobs_set(1);
	unsetenv("CRM_CHUNK_BYTES");
	if (sa != sb || alen != blen || memcmp(a, b, alen) != 0) {
		dprintf(2, "%s: --jobs differs from one thread (status %d, %d; "
		    "%zu, %zu bytes of output)\n", tool, sa, sb, alen, blen);
		abort();
	}
	free(a);
	free(b);
}

/* Rewrite the file at path (name) as its header and then its body again
 * and again to past 64 KiB: an input is cut only when it is still
 * being read after the reader's first 64 KiB, and the copies are
 * duplicates in other chunks, which the merges must judge in order. */
static void
amplify(const char *path, const char *name)
{
	FILE *f = fopen(path, "rb");
	char *in, *out;
	size_t n, head, len = 0;

	if (f == NULL)
		abort();
	in = malloc(65537);
	if (in == NULL)
		abort();
	n = fread(in, 1, 65536, f);
	fclose(f);
	for (head = 0; head < n && in[head] != '\n'; head++)
		;
	if (head + 1 >= n) {
		free(in);
		return;			/* a header alone: nothing to repeat */
	}
	head++;
	out = malloc(head + 70000 + n);
	if (out == NULL)
		abort();
	memcpy(out, in, head);
	len = head;
	while (len < 70000) {
		memcpy(out + len, in + head, n - head);
		len += n - head;
	}
	(void)fuzz_file(name, out, len);
	free(in);
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_job j;

	if (size > 65536)
		return 0;
	fuzz_job_init(&j, data, size);
	if (j.path[P_LEDGER] != NULL) {
		amplify(j.path[P_LEDGER], "ledger.csv");
		same("crm-clcc", fuzz_clcc, &j);
	}
	if (j.path[P_ACT] == NULL)
		return 0;
	amplify(j.path[P_ACT], "activities.csv");
	if (j.path[P_CUST] != NULL) {
		same("crm-stale", fuzz_stale, &j);
		same("crm-health", fuzz_health, &j);
		same("crm-hotlist", fuzz_hotlist, &j);
	}
	same("crm-score", fuzz_score, &j);
	same("crm-rules", fuzz_rules_run, &j);
	return 0;
}
