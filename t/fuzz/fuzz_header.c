/* fuzz_header - header mapping: arbitrary bytes as a header line (and a
 * data row: the input's second line, else one made up of plausible values
 * for as many columns as the header has) through the reader's column
 * mapping, crm_field_lookup, crm_reader_remap, crm_kind_detect,
 * crm_kind_missing and crm_normalize for every kind.  Invariants:
 *  - a column the reader mapped to field f is named by a header that
 *    crm_field_lookup maps to f, and the other way round;
 *  - after crm_reader_remap(col, f) the column means f and only f;
 *  - a kind's missing fields are exactly its required fields without a
 *    column (CSV), and a kind with one missing never normalises;
 *  - a normalised record has crm_kind_fields values, each valid UTF-8,
 *    the required ones non-empty; a normalisation that fails says why;
 *  - a kind that has a natural key gives one.
 * Never crash or leak. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

#ifdef FUZZ_NAMESPACED
#define LLVMFuzzerTestOneInput fuzz_header
int fuzz_header(const uint8_t *data, size_t size);
#endif

static const char *const plausible[] = {
	"C001", "2026-01-05", "acquisition", "1,234.50", "3", "data",
	"rep", "R01", "2026-01-05 10:30", "华东", "45292", "-20", "",
	"N/A", "A", "1.38E+10", "2026/2/30", "visit",
};

static void
check_norm(enum crm_kind k, const struct crm_reader *r,
    const struct crm_record *rec, const char *const *defaults)
{
	struct crm_norm n;
	struct crm_error err = CRM_ERROR_INIT;
	enum crm_field missing[CRM_F_COUNT + 1];
	const enum crm_field *fields, *kf;
	size_t nf = crm_kind_fields(k, &fields), nm, nk;

	memset(&n, 0, sizeof n);
	n.defaults = defaults;
	nm = crm_kind_missing(r, k, defaults, missing);
	for (size_t i = 0; i < nm; i++)
		if (!crm_kind_required(k, missing[i]) ||
		    crm_reader_col(r, missing[i]) != -1 ||
		    (defaults != NULL && defaults[missing[i]] != NULL))
			abort();
	if (crm_reader_format(r) == CRM_FMT_CSV)
		for (size_t i = 0; i < nf; i++) {
			bool listed = false;

			for (size_t j = 0; j < nm; j++)
				listed |= missing[j] == fields[i];
			if (crm_kind_required(k, fields[i]) &&
			    crm_reader_col(r, fields[i]) == -1 &&
			    (defaults == NULL || defaults[fields[i]] == NULL) &&
			    !listed)
				abort();
		}
	if (crm_normalize(k, r, rec, CRM_TZ_DEFAULT, &n, &err) == -1) {
		if (err.msg[0] == '\0')
			abort();
		crm_norm_free(&n);
		return;
	}
	if (nm > 0) {
		dprintf(2, "%s: normalised with field %s missing\n",
		    crm_kind_name(k), crm_field_name(missing[0]));
		abort();
	}
	if (n.nvals != nf)
		abort();
	for (size_t i = 0; i < nf; i++) {
		size_t len = strlen(n.vals[i]);

		if (crm_utf8_check(n.vals[i], len) != len)
			abort();
		if (crm_kind_required(k, fields[i]) && len == 0)
			abort();
	}
	nk = crm_kind_key(k, &kf);
	if (nk > 0) {
		char *key = crm_norm_key(k, &n);

		if (key == NULL && k != CRM_KIND_ACTIVITIES)
			abort();
		free(key);
	}
	crm_norm_free(&n);
}

static void
check_reader(struct crm_reader *r, const uint8_t *data, size_t size)
{
	struct crm_record rec;
	struct crm_error err = CRM_ERROR_INIT;
	enum crm_read_status st;
	enum crm_kind k;
	const char *defaults[CRM_F_COUNT];
	size_t ncols = crm_reader_ncols(r);

	/* the mapping agrees with crm_field_lookup (CSV: all columns known) */
	if (crm_reader_format(r) == CRM_FMT_CSV) {
		for (size_t i = 0; i < ncols; i++) {
			enum crm_field f = crm_field_lookup(crm_reader_colname(r, i));

			if (f != CRM_F_NONE && crm_reader_col(r, f) != (int)i) {
				dprintf(2, "column %zu '%s' is %s, but the reader "
				    "says column %d\n", i, crm_reader_colname(r, i),
				    crm_field_name(f), crm_reader_col(r, f));
				abort();
			}
		}
		for (int f = 0; f < CRM_F_COUNT; f++) {
			int c = crm_reader_col(r, (enum crm_field)f);

			if (c != -1 && (c < 0 || (size_t)c >= ncols ||
			    crm_field_lookup(crm_reader_colname(r, (size_t)c)) !=
			    (enum crm_field)f))
				abort();
		}
	}
	st = crm_reader_next(r, &rec, &err);
	if (st != CRM_READ_OK)
		return;
	/* every kind, as the columns are */
	k = crm_kind_detect(r);
	if (k != CRM_KIND_NONE && (k < 0 || k >= CRM_KIND_COUNT))
		abort();
	for (int kk = 0; kk < CRM_KIND_COUNT; kk++)
		check_norm((enum crm_kind)kk, r, &rec, NULL);
	/* remap a column the input picks to a field the input picks */
	if (ncols > 0 && size >= 2) {
		size_t col = data[0] % ncols;
		int f = (int)(data[1] % (CRM_F_COUNT + 1)) - 1;
		const char *name = crm_reader_colname(r, col);

		if (crm_reader_remap(r, name, (enum crm_field)f) != 0)
			abort();
		if (crm_reader_format(r) == CRM_FMT_CSV) {
			if (f != CRM_F_NONE &&
			    crm_reader_col(r, (enum crm_field)f) != (int)col)
				abort();
			for (int g = 0; g < CRM_F_COUNT; g++)
				if (g != f && crm_reader_col(r,
				    (enum crm_field)g) == (int)col)
					abort();
		}
		if (crm_reader_remap(r, "\x01no such column", CRM_F_NOTE) != -1)
			abort();
		for (int kk = 0; kk < CRM_KIND_COUNT; kk++)
			check_norm((enum crm_kind)kk, r, &rec, NULL);
	}
	/* defaults for a field the input picks */
	memset(defaults, 0, sizeof defaults);
	if (size >= 3) {
		defaults[data[2] % CRM_F_COUNT] = plausible[data[2] %
		    (sizeof plausible / sizeof plausible[0])];
		for (int kk = 0; kk < CRM_KIND_COUNT; kk++)
			check_norm((enum crm_kind)kk, r, &rec, defaults);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crm_reader_opts o = CRM_READER_OPTS_INIT;
	struct crm_error err = CRM_ERROR_INIT;
	struct crm_reader *r;
	const uint8_t *nl = memchr(data, '\n', size);
	char *buf;
	size_t len;

	if (size > 8192)
		return 0;
	o.max_quoted_lines = 20;
	if (nl != NULL && (size_t)(nl - data) + 1 < size) {
		/* a header and at least one more line: as given */
		r = crm_reader_open_mem("in", (const char *)data, size, &o, &err);
		if (r != NULL) {
			check_reader(r, data, size);
			crm_reader_free(r);
		}
		return 0;
	}
	/* the header alone: learn its columns, then add a row of as many */
	r = crm_reader_open_mem("in", (const char *)data, size, &o, &err);
	if (r == NULL)
		return 0;
	{
		size_t ncols = crm_reader_ncols(r);
		char delim = crm_reader_delimiter(r);
		bool jsonl = crm_reader_format(r) != CRM_FMT_CSV;
		FILE *f;

		crm_reader_free(r);
		if (jsonl || ncols == 0 || ncols > 1024)
			return 0;
		buf = NULL;
		len = 0;
		f = open_memstream(&buf, &len);
		fwrite(data, 1, size, f);
		if (nl == NULL)
			fputc('\n', f);
		for (size_t i = 0; i < ncols; i++) {
			const char *v = plausible[(i + (size ? data[0] : 0)) %
			    (sizeof plausible / sizeof plausible[0])];

			if (i > 0)
				fputc(delim ? delim : ',', f);
			if (strchr(v, ',') != NULL ||
			    (delim != '\0' && strchr(v, delim) != NULL))
				fprintf(f, "\"%s\"", v);
			else
				fputs(v, f);
		}
		fputc('\n', f);
		fclose(f);
	}
	r = crm_reader_open_mem("in", buf, len, &o, &err);
	if (r != NULL) {
		check_reader(r, data, size);
		crm_reader_free(r);
	}
	free(buf);
	return 0;
}
