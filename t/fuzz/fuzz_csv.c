/* fuzz_csv - the CSV and JSON Lines reader, three ways at once: over memory
 * with the fast path, over memory through libcsv only, and over a file read
 * a few bytes at a time; in a source encoding the input's last byte picks
 * (auto, UTF-8, GB18030, UTF-16), so transcoding is fuzzed too.  All three must give the same records, the same
 * rejects at the same lines, and never crash or hang. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"

#ifdef FUZZ_NAMESPACED
#define LLVMFuzzerTestOneInput fuzz_csv
int fuzz_csv(const uint8_t *data, size_t size);
#endif

/* A digest of everything a reader produced, as text. */
static char *
run(struct crm_reader *r, struct crm_error *err, size_t *len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *out = open_memstream(&buf, &n);
	struct crm_record rec;
	int guard = 0;

	if (r == NULL) {
		fprintf(out, "open failed: line %ld\n", err->line);
	} else {
		fprintf(out, "cols %zu\n", crm_reader_ncols(r));
		for (;;) {
			enum crm_read_status st = crm_reader_next(r, &rec, err);

			if (st == CRM_READ_EOF || st == CRM_READ_FATAL)
				break;
			if (++guard > 100000)
				abort();	/* no progress: a hang */
			if (st == CRM_READ_REJECT) {
				fprintf(out, "reject %ld\n", err->line);
				continue;
			}
			fprintf(out, "rec %ld:", rec.line);
			for (size_t i = 0; i < rec.nfields; i++) {
				if (rec.field[i] == NULL)
					fprintf(out, " <null>");
				else {
					if (strlen(rec.field[i]) != rec.len[i])
						abort();
					fprintf(out, " [%s]", rec.field[i]);
				}
			}
			fputc('\n', out);
		}
		crm_reader_free(r);
	}
	fclose(out);
	*len = n;
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crm_reader_opts o = CRM_READER_OPTS_INIT;
	struct crm_error err = CRM_ERROR_INIT;
	char *a, *b, *c;
	size_t na, nb, nc;
	char path[] = "/tmp/fuzz_csv.XXXXXX";
	int fd;

	o.max_quoted_lines = 20;
	/* the last byte picks the source encoding, the same for all three */
	o.encoding = size ? (enum crm_encoding)(data[size - 1] % 4) : CRM_ENC_AUTO;
	a = run(crm_reader_open_mem("in", (const char *)data, size, &o, &err), &err, &na);
	o.no_fastpath = true;
	b = run(crm_reader_open_mem("in", (const char *)data, size, &o, &err), &err, &nb);
	o.no_fastpath = false;
	o.read_size = 1 + (size ? data[0] % 7 : 0);
	fd = mkstemp(path);
	if (fd == -1)
		abort();
	unlink(path);
	if (write(fd, data, size) != (ssize_t)size || lseek(fd, 0, SEEK_SET) != 0)
		abort();
	c = run(crm_reader_open_fd("in", fd, &o, &err), &err, &nc);
	if (na != nb || memcmp(a, b, na) != 0) {
		fprintf(stderr, "fast path and libcsv differ:\n%s---\n%s", a, b);
		abort();
	}
	if (na != nc || memcmp(a, c, na) != 0) {
		fprintf(stderr, "memory and small reads differ:\n%s---\n%s", a, c);
		abort();
	}
	free(a);
	free(b);
	free(c);
	return 0;
}
