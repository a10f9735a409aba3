/* harness.h - helpers for the harnesses that run whole tools: a private
 * directory for their input files, created once and removed at exit, and
 * the tools' messages on stderr kept out of the fuzzer's log (or captured
 * for a check).  Only the stdio stream is replaced: the sanitizers write
 * to descriptor 2 directly, so their reports still show.  Set
 * FUZZ_VERBOSE=1 to see the tools' messages; the directory is made under
 * $TMPDIR (/tmp by default: a tmpfs such as /dev/shm makes store writes
 * cheap). */
#ifndef FUZZ_HARNESS_H
#define FUZZ_HARNESS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"

static char fuzz_dir[64];
static FILE *fuzz_stderr;		/* the stream stderr goes to between runs */
static char *fuzz_names[32];		/* files made in fuzz_dir */
static size_t fuzz_nnames;

static inline void
fuzz_cleanup(void)
{
	for (size_t i = 0; i < fuzz_nnames; i++) {
		unlink(fuzz_names[i]);
		free(fuzz_names[i]);
	}
	fuzz_nnames = 0;
	if (fuzz_dir[0] != '\0')
		rmdir(fuzz_dir);
}

/* The full path of name in the private directory (made on first use);
 * the string is static per name, valid until exit. */
static inline const char *
fuzz_path(const char *name)
{
	size_t n;

	if (fuzz_dir[0] == '\0') {
		const char *tmp = getenv("TMPDIR");

		if (tmp == NULL || *tmp == '\0' || strlen(tmp) > 40)
			tmp = "/tmp";
		snprintf(fuzz_dir, sizeof fuzz_dir, "%s/crmfuzz.XXXXXX", tmp);
		if (mkdtemp(fuzz_dir) == NULL)
			abort();
		atexit(fuzz_cleanup);
	}
	n = strlen(fuzz_dir) + strlen(name) + 2;
	for (size_t i = 0; i < fuzz_nnames; i++)
		if (strcmp(fuzz_names[i] + strlen(fuzz_dir) + 1, name) == 0)
			return fuzz_names[i];
	if (fuzz_nnames == sizeof fuzz_names / sizeof fuzz_names[0])
		abort();
	fuzz_names[fuzz_nnames] = malloc(n);
	snprintf(fuzz_names[fuzz_nnames], n, "%s/%s", fuzz_dir, name);
	return fuzz_names[fuzz_nnames++];
}

/* Write data to the file name in the private directory; its path. */
static inline const char *
fuzz_file(const char *name, const void *data, size_t size)
{
	const char *path = fuzz_path(name);
	FILE *f = fopen(path, "wb");

	if (f == NULL || (size > 0 && fwrite(data, 1, size, f) != size) ||
	    fclose(f) != 0)
		abort();
	return path;
}

/* Point stderr at the quiet sink (once: /dev/null unless FUZZ_VERBOSE). */
static inline void
fuzz_quiet(void)
{
	if (fuzz_stderr == NULL) {
		const char *v = getenv("FUZZ_VERBOSE");

		fuzz_stderr = v != NULL && *v != '\0' && strcmp(v, "0") != 0 ?
		    stderr : fopen("/dev/null", "w");
		if (fuzz_stderr == NULL)
			abort();
	}
	stderr = fuzz_stderr;
}

/* Capture what the library prints on stderr into *buf until
 * fuzz_capture_end(). */
static inline FILE *
fuzz_capture(char **buf, size_t *len)
{
	FILE *f;

	fuzz_quiet();
	if ((f = open_memstream(buf, len)) == NULL)
		abort();
	stderr = f;
	return f;
}

static inline void
fuzz_capture_end(FILE *f)
{
	fclose(f);
	stderr = fuzz_stderr;
}

/* The accounting lines of crm-import in captured text, "N read = W
 * written + M merged + R rejected": abort when one does not add up.
 * Returns how many there were; the sums over them in *sum[4]. */
static inline int
fuzz_accounting(const char *text, long sum[4])
{
	int n = 0;

	sum[0] = sum[1] = sum[2] = sum[3] = 0;
	for (const char *p = text; (p = strstr(p, " read = ")) != NULL; p++) {
		const char *s = p;
		long v[4];

		while (s > text && s[-1] >= '0' && s[-1] <= '9')
			s--;
		if (s == p)
			continue;		/* a file name holding the words */
		if (sscanf(s, "%ld read = %ld written + %ld merged + %ld rejected",
		    &v[0], &v[1], &v[2], &v[3]) != 4)
			continue;
		if (v[0] < 0 || v[1] < 0 || v[2] < 0 || v[3] < 0 ||
		    v[0] != v[1] + v[2] + v[3]) {
			dprintf(2, "accounting does not add up: %.120s\n", s);
			abort();
		}
		for (int i = 0; i < 4; i++)
			sum[i] += v[i];
		n++;
	}
	return n;
}

/* Split data at every byte sep into at most max parts: starts in part[],
 * lengths in len[]; returns how many. */
static inline size_t
fuzz_split(const uint8_t *data, size_t size, uint8_t sep,
    const uint8_t **part, size_t *len, size_t max)
{
	size_t n = 0, start = 0;

	for (size_t i = 0; i <= size && n < max; i++)
		if (i == size || (data[i] == sep && n + 1 < max)) {
			part[n] = data + start;
			len[n++] = i - start;
			start = i + 1;
		}
	return n;
}

/* The harnesses of whole tool runs (fuzz_tools, fuzz_report) take an
 * input split at RS bytes (0x1E) into an options byte and then up to
 * count - 1 files, written under names[1..]: path[i] is file i's path, or
 * NULL when its part is absent or empty, and list[i] the one-file list {
 * path[i], NULL }.  The options byte also sets what every tool shares:
 * --strict (0x80) and the output format (bits 5-6: CSV, JSON Lines or a
 * table).  Returns the options byte. */
static inline uint8_t
fuzz_tool_inputs(const uint8_t *data, size_t size, const char *const *names,
    size_t count, const char **path, const char *(*list)[2],
    struct crm_input_opts *in, struct crm_writer_opts *wo)
{
	const uint8_t *part[32];
	size_t len[32], n;
	uint8_t opt;

	if (count > 32)
		abort();
	fuzz_quiet();
	n = fuzz_split(data, size, 0x1e, part, len, count);
	opt = n > 0 && len[0] > 0 ? part[0][0] : 0;
	for (size_t i = 1; i < count; i++) {
		path[i] = NULL;
		list[i][0] = list[i][1] = NULL;
		if (i < n && len[i] > 0) {
			path[i] = fuzz_file(names[i], part[i], len[i]);
			list[i][0] = path[i];
		}
	}
	*in = (struct crm_input_opts)CRM_INPUT_OPTS_INIT;
	in->strict = (opt & 0x80) != 0;
	in->reader.max_quoted_lines = 20;
	*wo = (struct crm_writer_opts)CRM_WRITER_OPTS_INIT;
	wo->format = (opt >> 5 & 3) == 1 ? CRM_FMT_JSONL :
	    (opt >> 5 & 3) == 2 ? CRM_FMT_TABLE : CRM_FMT_CSV;
	return opt;
}

/* A tool's status must be one it documents (a finding only when it can
 * fail on one), and a failure must say why: abort otherwise. */
static inline void
fuzz_status_ok(const char *tool, int status, bool finding,
    const struct crm_error *err)
{
	if (status == CRM_EXIT_OK || (finding && status == CRM_EXIT_FINDING))
		return;
	if (status != CRM_EXIT_ERROR) {
		dprintf(2, "%s returned %d\n", tool, status);
		abort();
	}
	if (err->msg[0] == '\0') {
		dprintf(2, "%s failed without saying why\n", tool);
		abort();
	}
}

#endif /* FUZZ_HARNESS_H */
