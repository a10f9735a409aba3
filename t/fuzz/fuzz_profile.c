/* fuzz_profile - the --map profile loader of crm-import: arbitrary bytes as
 * the profile JSON (up to the first NUL byte), then the rest, or a small
 * CSV when there is no NUL, imported through it: its renames, drops,
 * kind and defaults (stdout mode, no store).  The real loader reads the
 * profile from a file in a private directory.  Invariants: a failure says
 * why; a profile that fails to load reads no input; each run accounts
 * for every record ("N read = W written + M merged + R rejected" adds
 * up); two runs on the same input give the same output and message.
 * Never crash, hang or leak. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "harness.h"

#ifdef FUZZ_NAMESPACED
#define LLVMFuzzerTestOneInput fuzz_profile
int fuzz_profile(const uint8_t *data, size_t size);
#endif

static const char small_csv[] =
    "外部联系人ID,添加人,添加时间,上次跟进时间,标签,客户名称,金额,kind\n"
    "wm001,R01,2026-01-05 10:30,2026-03-01,VIP,甲公司,12.50,获客\n"
    "wm002,,45292,,,乙公司,,\n"
    "wm001,R02,2026/1/6,2026-02-01,,甲公司,-3,service\n";

struct result {
	int status;
	char *out, *msgs;
	size_t nout, nmsgs;
	char msg[512];
	char path[256];
};

static void
run(const char *profile, const char *in, enum crm_kind kind,
    struct result *res)
{
	struct crm_import_opts o;
	struct crm_error err = CRM_ERROR_INIT;
	const char *files[] = { in, NULL };
	FILE *fout, *fmsgs;

	memset(&o, 0, sizeof o);
	o.kind = kind;
	o.profile = profile;
	o.input = (struct crm_input_opts)CRM_INPUT_OPTS_INIT;
	o.input.reader.max_quoted_lines = 20;
	o.out = (struct crm_writer_opts)CRM_WRITER_OPTS_INIT;
	o.tz = CRM_TZ_DEFAULT;
	o.as_of = crm_days_from_civil(2026, 11, 27);
	o.files = files;
	memset(res, 0, sizeof *res);
	fout = open_memstream(&res->out, &res->nout);
	fmsgs = fuzz_capture(&res->msgs, &res->nmsgs);
	res->status = crm_import_run(&o, fout, &err);
	fuzz_capture_end(fmsgs);
	fclose(fout);
	memcpy(res->msg, err.msg, sizeof res->msg);
	memcpy(res->path, err.path, sizeof res->path);
	if (res->status != CRM_EXIT_OK && res->status != CRM_EXIT_ERROR)
		abort();
	if (res->status == CRM_EXIT_ERROR && err.msg[0] == '\0')
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t plen = nul ? (size_t)(nul - data) : size;
	const char *profile, *in;
	struct result a, b;
	long sum[4];
	int lines;

	if (size > 65536)
		return 0;
	profile = fuzz_file("profile.json", data, plen);
	if (nul != NULL)
		in = fuzz_file("in.csv", nul + 1, size - plen - 1);
	else
		in = fuzz_file("in.csv", small_csv, sizeof small_csv - 1);
	run(profile, in, CRM_KIND_NONE, &a);
	lines = fuzz_accounting(a.msgs, sum);
	if (lines > 1)
		abort();
	if (a.status == CRM_EXIT_OK && lines != 1)
		abort();
	if (lines > 0 && a.status == CRM_EXIT_ERROR &&
	    strcmp(a.path, profile) == 0)
		abort();		/* a profile that failed read input */
	/* the same again: nothing may depend on state left behind */
	run(profile, in, CRM_KIND_NONE, &b);
	if (a.status != b.status || a.nout != b.nout ||
	    memcmp(a.out, b.out, a.nout) != 0 || strcmp(a.msg, b.msg) != 0) {
		dprintf(2, "two runs differ: %d '%s' / %d '%s'\n", a.status,
		    a.msg, b.status, b.msg);
		abort();
	}
	free(a.out);
	free(a.msgs);
	free(b.out);
	free(b.msgs);
	/* the profile with the kind forced, as --kind and --map together */
	if (size > 0) {
		run(profile, in, (enum crm_kind)(data[size - 1] % CRM_KIND_COUNT),
		    &a);
		if (fuzz_accounting(a.msgs, sum) > 1)
			abort();
		free(a.out);
		free(a.msgs);
	}
	return 0;
}
