/* fuzz_import - a whole crm-import run (stdout mode, no store) on arbitrary
 * input, with every kind forced in turn and once detected.  The input's
 * last byte picks options: --excel-1904, --strict, --rejects and the
 * output format.  Every run must account for each record: its line
 * "N read = W written + M merged + R rejected" adds up, N is what the
 * reader alone yields, the output holds W records (CSV output is read
 * back), and the rejects file holds R.  Never crash, hang or leak. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "harness.h"

#ifdef FUZZ_NAMESPACED
#define LLVMFuzzerTestOneInput fuzz_import
int fuzz_import(const uint8_t *data, size_t size);
#endif

/* Records (good and rejected) a reader yields from buf; -1 when it cannot
 * be opened. */
static long
count_records(const char *buf, size_t len, const struct crm_reader_opts *o)
{
	struct crm_error err = CRM_ERROR_INIT;
	struct crm_reader *r = crm_reader_open_mem("in", buf, len, o, &err);
	struct crm_record rec;
	long n = 0;

	if (r == NULL)
		return -1;
	for (;;) {
		enum crm_read_status st = crm_reader_next(r, &rec, &err);

		if (st == CRM_READ_EOF || st == CRM_READ_FATAL)
			break;
		if (++n > 1000000)
			abort();
	}
	crm_reader_free(r);
	return n;
}

/* Records in a CSV file written by crm-import (output or rejects); the
 * writer's output must read back cleanly. */
static long
count_csv(const char *buf, size_t len)
{
	struct crm_reader_opts o = CRM_READER_OPTS_INIT;
	struct crm_error err = CRM_ERROR_INIT;
	struct crm_reader *r;
	struct crm_record rec;
	long n = 0;

	o.format = CRM_FMT_CSV;
	o.encoding = CRM_ENC_UTF8;
	o.delimiter = ',';
	if (len == 0)
		return 0;
	if ((r = crm_reader_open_mem("out", buf, len, &o, &err)) == NULL) {
		dprintf(2, "output does not read back: %s\n", err.msg);
		abort();
	}
	for (;;) {
		enum crm_read_status st = crm_reader_next(r, &rec, &err);

		if (st == CRM_READ_EOF)
			break;
		if (st != CRM_READ_OK) {
			dprintf(2, "output line %ld does not read back: %s\n",
			    err.line, err.msg);
			abort();
		}
		n++;
	}
	crm_reader_free(r);
	return n;
}

static void
one_run(const char *in, const uint8_t *data, size_t size, enum crm_kind k,
    uint8_t opt)
{
	struct crm_import_opts o;
	struct crm_error err = CRM_ERROR_INIT;
	const char *files[] = { in, NULL };
	const char *rejects = fuzz_path("rejects.csv");
	char *out = NULL, *msgs = NULL, *rej = NULL;
	size_t nout = 0, nmsgs = 0, nrej = 0;
	FILE *fout, *fmsgs;
	long sum[4], expect;
	int status, lines;

	memset(&o, 0, sizeof o);
	o.kind = k;
	o.excel_1904 = opt & 1;
	o.input = (struct crm_input_opts)CRM_INPUT_OPTS_INIT;
	o.input.strict = (opt & 2) != 0;
	o.input.reader.max_quoted_lines = 20;
	o.rejects = opt & 4 ? rejects : NULL;
	o.out = (struct crm_writer_opts)CRM_WRITER_OPTS_INIT;
	o.out.format = opt & 8 ? CRM_FMT_JSONL : CRM_FMT_CSV;
	o.tz = CRM_TZ_DEFAULT;
	o.as_of = crm_days_from_civil(2026, 11, 27);
	o.files = files;
	unlink(rejects);

	fout = open_memstream(&out, &nout);
	fmsgs = fuzz_capture(&msgs, &nmsgs);
	status = crm_import_run(&o, fout, &err);
	fuzz_capture_end(fmsgs);
	fclose(fout);

	if (status != CRM_EXIT_OK && status != CRM_EXIT_ERROR) {
		dprintf(2, "crm_import_run returned %d\n", status);
		abort();
	}
	if (status == CRM_EXIT_ERROR && err.msg[0] == '\0') {
		dprintf(2, "crm_import_run failed without saying why\n");
		abort();
	}
	lines = fuzz_accounting(msgs, sum);
	if (lines > 1)
		abort();			/* one file, one line */
	if (lines == 1) {
		/* the import went through the file: compare with the reader */
		bool whole = status == CRM_EXIT_OK ||
		    strstr(err.msg, "records were rejected") != NULL;

		expect = count_records((const char *)data, size,
		    &o.input.reader);
		if (!o.input.strict && whole && sum[0] != expect) {
			dprintf(2, "import read %ld records, the reader %ld\n",
			    sum[0], expect);
			abort();
		}
		if (o.input.strict && sum[3] > 1)
			abort();		/* --strict stops at the first */
		if (whole && o.out.format == CRM_FMT_CSV &&
		    !(o.input.strict && sum[3] > 0) &&
		    count_csv(out, nout) != sum[1]) {
			dprintf(2, "%ld written, but the output holds %ld\n",
			    sum[1], count_csv(out, nout));
			abort();
		}
		if (o.rejects != NULL && status != CRM_EXIT_OK &&
		    strstr(err.msg, "records were rejected") != NULL) {
			FILE *f = fopen(rejects, "rb");
			char buf[65536];

			if (f == NULL)
				abort();
			nrej = fread(buf, 1, sizeof buf, f);
			fclose(f);
			rej = buf;
			if (nrej < sizeof buf && count_csv(rej, nrej) != sum[3]) {
				dprintf(2, "%ld rejected, but the rejects file "
				    "holds %ld\n", sum[3], count_csv(rej, nrej));
				abort();
			}
		}
	} else if (status == CRM_EXIT_OK) {
		/* no accounting line only when the run failed before reading */
		abort();
	}
	free(out);
	free(msgs);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in;
	uint8_t opt = size > 0 ? data[size - 1] : 0;

	if (size > 65536)
		return 0;
	in = fuzz_file("in.csv", data, size);
	one_run(in, data, size, CRM_KIND_NONE, opt);
	for (int k = 0; k < CRM_KIND_COUNT; k++)
		one_run(in, data, size, (enum crm_kind)k, opt);
	return 0;
}
