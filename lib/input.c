/* input.c - the loop every tool runs over its inputs: open, check the
 * columns, stream the records, report and count every rejected one. */
#include <string.h>

#include "crm.h"

void
crm_counts_report(const char *path, const struct crm_counts *c)
{
	char extra[128] = "";

	if (c->merged > 0)
		snprintf(extra + strlen(extra), sizeof extra - strlen(extra),
		    ", %ld merged as duplicates", c->merged);
	if (c->ignored > 0)
		snprintf(extra + strlen(extra), sizeof extra - strlen(extra),
		    ", %ld ignored", c->ignored);
	crm_warnx("%s: %ld records read, %ld used%s, %ld rejected", path,
	    c->read, c->used, extra, c->rejected);
}

void
crm_counts_move(struct crm_counts *c, int res)
{
	if (res == CRM_REC_USED)
		return;
	c->used--;
	if (res == CRM_REC_MERGED)
		c->merged++;
	else
		c->ignored++;
}

/* See crm.h: a file, or "@kind" from the store, opened and checked. */
struct crm_reader *
crm_input_open(const char *path, const struct crm_input_opts *o,
    const enum crm_field *req, struct crm_error *err)
{
	struct crm_reader *r;

	if (path[0] == '@' && o->db != NULL) {
		enum crm_kind k = crm_kind_parse(path + 1);

		if (k == CRM_KIND_NONE) {
			crm_error_set(err, NULL, 0, 0, "no record kind '%s'", path + 1);
			return NULL;
		}
		r = crm_store_reader(o->db, k, err);
	} else {
		r = crm_reader_open(path, &o->reader, err);
	}
	if (r == NULL)
		return NULL;
	{
		bool guessed;
		const char *enc = crm_reader_encoding(r, &guessed);

		if (guessed && strcmp(enc, "UTF-8") != 0)
			crm_warnx("%s: reading as %s (detected; --encoding to "
			    "choose)", crm_reader_name(r), enc);
	}
	if (crm_reader_require(r, req, err) == -1) {
		crm_reader_free(r);
		return NULL;
	}
	return r;
}

int
crm_input_each(const char *path, const struct crm_input_opts *o,
    const enum crm_field *req, crm_record_fn fn, void *ctx,
    struct crm_counts *counts, struct crm_error *err)
{
	struct crm_reader *r;
	struct crm_record rec;
	struct crm_counts c = { 0, 0, 0, 0, 0 };
	int status = 0;

	if ((r = crm_input_open(path, o, req, err)) == NULL)
		return -1;
	crm_progress_start(r);
	for (;;) {
		enum crm_read_status st = crm_reader_next(r, &rec, err);
		int res;

		crm_progress_tick();
		if (st == CRM_READ_EOF)
			break;
		if (st == CRM_READ_FATAL) {
			status = -1;
			break;
		}
		c.read++;
		if (st == CRM_READ_OK) {
			err->msg[0] = '\0';
			res = fn(r, &rec, ctx, err);
			if (res == CRM_REC_FATAL) {
				status = -1;
				break;
			}
			if (res == CRM_REC_USED)
				c.used++;
			else if (res == CRM_REC_IGNORED)
				c.ignored++;
			else if (res == CRM_REC_MERGED)
				c.merged++;
			if (res != CRM_REC_REJECT)
				continue;
			/* the callback gave the reason; we give the place */
			{
				char msg[sizeof err->msg];

				memcpy(msg, err->msg, sizeof msg);
				crm_error_set(err, crm_reader_name(r), rec.line,
				    err->col, "%s", msg);
			}
		}
		c.rejected++;
		if (o->strict) {
			status = -1;
			break;
		}
		if (c.rejected <= o->max_reported)
			crm_warn_error(err);
		status = 1;
	}
	crm_progress_done();
	if (status != -1) {
		if (c.rejected > o->max_reported)
			crm_warnx("%s: %ld more rejected records not shown",
			    crm_reader_name(r), c.rejected - o->max_reported);
		if (c.read == 0)
			crm_warnx("%s: no data records", crm_reader_name(r));
	}
	if (counts != NULL) {
		counts->read += c.read;
		counts->used += c.used;
		counts->merged += c.merged;
		counts->rejected += c.rejected;
		counts->ignored += c.ignored;
	}
	crm_reader_free(r);
	return status;
}

int
crm_input_all(const char *const *paths, const struct crm_input_opts *o,
    const enum crm_field *req, crm_record_fn fn, void *ctx,
    void (*each)(void *ctx), bool *rejects, struct crm_error *err)
{
	for (; paths != NULL && *paths != NULL; paths++) {
		struct crm_counts c = { 0, 0, 0, 0, 0 };
		int rc;

		if (each != NULL)
			each(ctx);
		rc = crm_input_each(*paths, o, req, fn, ctx, &c, err);
		if (rc == -1)
			return -1;
		if (rc == 1 || c.merged > 0) {
			char name[512];

			/* "@ledger" read from the store: say which store */
			if (**paths == '@' && o->db != NULL)
				snprintf(name, sizeof name, "%s:%s", o->db, *paths + 1);
			else
				snprintf(name, sizeof name, "%s", *paths);
			crm_counts_report(name, &c);
		}
		if (rc == 1)
			*rejects = true;
	}
	return 0;
}

const char **
crm_store_paths(enum crm_kind k)
{
	static const char *paths[CRM_KIND_COUNT][2];

	if (paths[k][0] == NULL) {
		static char names[CRM_KIND_COUNT][32];

		snprintf(names[k], sizeof names[k], "@%s", crm_kind_name(k));
		paths[k][0] = names[k];
	}
	return paths[k];
}
