/* importer.c - crm-import: exports in, canonical records out (to stdout or
 * the store), every input record accounted for: written, merged as a
 * duplicate of the same key, or rejected with its reason. */
#define _GNU_SOURCE			/* fopencookie */
#include <sys/stat.h>

#include <errno.h>
#include <pthread.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <uthash.h>

#include "crm.h"

/* A --map profile: how one kind of export's columns map and default. */
struct profile {
	enum crm_kind kind;		/* or CRM_KIND_NONE */
	char **from;			/* rename: column name ... */
	enum crm_field *to;		/* ... to field (CRM_F_NONE: drop) */
	size_t n;
	char *defaults[CRM_F_COUNT];	/* value for an empty field */
};

/* An entity kept for merging on stdout (customers, reps, tasks, ...). */
struct entity {
	char *key;			/* the natural key, fields joined */
	char **vals;			/* normalised values, nvals of them */
	size_t nvals;
	size_t order;			/* first seen: output order */
	UT_hash_handle hh;
};

struct run {
	const struct crm_import_opts *o;
	struct profile prof;
	struct crm_writer *out;		/* stdout records */
	enum crm_kind out_kind;		/* the kind on stdout */
	struct crm_writer *rej;		/* --rejects */
	FILE *rejfp;
	char rejtmp[PATH_MAX];
	struct crm_store *store;
	struct entity *ents;		/* stdout merging */
	size_t nents;
	struct crm_norm norm;
	char seen[16];			/* as-of day: when changes are seen */
	long rejected;			/* over all files */
};

static void
profile_free(struct profile *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->from[i]);
	free(p->from);
	free(p->to);
	for (int f = 0; f < CRM_F_COUNT; f++)
		free(p->defaults[f]);
}

/* Find a profile by name: $CRM_SHARE/profiles, the installed share
 * directory, then beside the binary: ../share/crmkit (an installed tree
 * that was moved) and ../share (the source tree). */
static int
profile_path(const char *name, char *buf, size_t len)
{
	char exe[PATH_MAX];
	const char *env = getenv("CRM_SHARE");
	ssize_t n;

	if (strchr(name, '/') != NULL || strstr(name, ".json") != NULL) {
		snprintf(buf, len, "%s", name);
		return 0;
	}
	if (env != NULL) {
		snprintf(buf, len, "%s/profiles/%s.json", env, name);
		if (access(buf, R_OK) == 0)
			return 0;
	}
#ifdef CRM_SHAREDIR
	snprintf(buf, len, "%s/profiles/%s.json", CRM_SHAREDIR, name);
	if (access(buf, R_OK) == 0)
		return 0;
#endif
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		*strrchr(exe, '/') = '\0';
		/* an installed tree moved elsewhere, then the source tree */
		if ((size_t)snprintf(buf, len, "%s/../share/crmkit/profiles/%s.json",
		    exe, name) < len && access(buf, R_OK) == 0)
			return 0;
		if ((size_t)snprintf(buf, len, "%s/../share/profiles/%s.json",
		    exe, name) < len && access(buf, R_OK) == 0)
			return 0;
	}
	return -1;
}

static int
profile_load(const char *name, struct profile *p, struct crm_error *err)
{
	char path[PATH_MAX];
	json_error_t jerr;
	json_t *root, *v, *x;
	const char *key;

	memset(p, 0, sizeof *p);
	p->kind = CRM_KIND_NONE;
	if (profile_path(name, path, sizeof path) == -1) {
		crm_error_set(err, NULL, 0, 0, "--map: no profile '%s' (shipped: "
		    "wecom, dingtalk, u8; or give a JSON file)", name);
		return -1;
	}
	root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		crm_error_set(err, path, jerr.line, jerr.column, "%s", jerr.text);
		return -1;
	}
	if (!json_is_object(root))
		goto bad;
	json_object_foreach(root, key, v) {
		if (strcmp(key, "kind") == 0) {
			if (!json_is_string(v) ||
			    (p->kind = crm_kind_parse(json_string_value(v))) ==
			    CRM_KIND_NONE)
				goto bad_key;
		} else if (strcmp(key, "rename") == 0 || strcmp(key, "drop") == 0) {
			bool drop = key[0] == 'd';

			if (drop ? !json_is_array(v) : !json_is_object(v))
				goto bad_key;
			{
				const char *k2;
				size_t idx;

				if (drop) {
					json_array_foreach(v, idx, x) {
						if (!json_is_string(x))
							goto bad_key;
						p->from = crm_xrealloc(p->from, (p->n + 1) *
						    sizeof *p->from);
						p->to = crm_xrealloc(p->to, (p->n + 1) *
						    sizeof *p->to);
						p->from[p->n] = crm_xstrdup(json_string_value(x));
						p->to[p->n++] = CRM_F_NONE;
					}
				} else {
					json_object_foreach(v, k2, x) {
						enum crm_field f = json_is_string(x) ?
						    crm_field_lookup(json_string_value(x)) :
						    CRM_F_NONE;

						if (f == CRM_F_NONE) {
							crm_error_set(err, path, 0, 0,
							    "rename '%s': not a field name", k2);
							json_decref(root);
							profile_free(p);
							return -1;
						}
						p->from = crm_xrealloc(p->from, (p->n + 1) *
						    sizeof *p->from);
						p->to = crm_xrealloc(p->to, (p->n + 1) *
						    sizeof *p->to);
						p->from[p->n] = crm_xstrdup(k2);
						p->to[p->n++] = f;
					}
				}
			}
		} else if (strcmp(key, "defaults") == 0) {
			const char *k2;

			if (!json_is_object(v))
				goto bad_key;
			json_object_foreach(v, k2, x) {
				enum crm_field f = crm_field_lookup(k2);

				if (f == CRM_F_NONE || !json_is_string(x)) {
					crm_error_set(err, path, 0, 0, "defaults '%s': "
					    "needs a field name and a string", k2);
					json_decref(root);
					profile_free(p);
					return -1;
				}
				free(p->defaults[f]);
				p->defaults[f] = crm_xstrdup(json_string_value(x));
			}
		} else if (strcmp(key, "name") != 0 && strcmp(key, "note") != 0) {
			goto bad_key;
		}
	}
	json_decref(root);
	return 0;
bad_key:
	crm_error_set(err, path, 0, 0, "profile key '%s': expected kind (a "
	    "string), rename (an object), drop (an array), defaults (an object)",
	    key);
	json_decref(root);
	profile_free(p);
	return -1;
bad:
	crm_error_set(err, path, 0, 0, "a profile is a JSON object");
	json_decref(root);
	profile_free(p);
	return -1;
}

/* "field 'x': ..." -> x, for the rejects file. */
static void
field_of(const char *msg, char *buf, size_t len)
{
	const char *q;

	buf[0] = '\0';
	if (strncmp(msg, "field '", 7) == 0 && (q = strchr(msg + 7, '\'')) != NULL)
		snprintf(buf, len, "%.*s", (int)(q - msg - 7), msg + 7);
}

/* The original record as one CSV line, for the rejects file. */
static char *
record_text(const struct crm_record *rec)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	for (size_t i = 0; rec != NULL && i < rec->nfields; i++) {
		const char *v = rec->field[i] ? rec->field[i] : "";

		if (i > 0)
			fputc(',', f);
		if (strpbrk(v, ",\"\n\r") == NULL) {
			fputs(v, f);
			continue;
		}
		fputc('"', f);
		for (; *v; v++) {
			if (*v == '"')
				fputc('"', f);
			fputc(*v, f);
		}
		fputc('"', f);
	}
	fclose(f);
	return buf;
}

static void
reject(struct run *run, const struct crm_error *err, const struct crm_record *rec,
    long *count)
{
	char field[64];

	(*count)++;
	run->rejected++;
	if (*count <= run->o->input.max_reported)
		crm_warn_error(err);
	if (run->rej != NULL) {
		char line[24], *text = record_text(rec);
		const char *v[5];

		snprintf(line, sizeof line, "%ld", err->line);
		field_of(err->msg, field, sizeof field);
		v[0] = err->path;
		v[1] = line;
		v[2] = field;
		v[3] = err->msg;
		v[4] = text;
		crm_writer_row(run->rej, v);
		free(text);
	}
}

/* Keep a record for the merged stdout output.  Returns true when it
 * merged into one seen before (the later one wins, except that a customer
 * row with an older updated_at does not replace a newer one). */
static bool
keep_entity(struct run *run, enum crm_kind k, const struct crm_norm *n,
    char *key)
{
	struct entity *e;
	bool merged;

	HASH_FIND_STR(run->ents, key, e);
	merged = e != NULL;
	if (e == NULL) {
		e = crm_xmalloc(sizeof *e);
		e->key = key;
		e->order = run->nents++;
		e->vals = crm_xmalloc(n->nvals * sizeof *e->vals);
		e->nvals = n->nvals;
		for (size_t i = 0; i < n->nvals; i++)
			e->vals[i] = NULL;
		HASH_ADD_KEYPTR(hh, run->ents, e->key, strlen(e->key), e);
	} else {
		free(key);
		const enum crm_field *f;
		size_t nf = crm_kind_fields(k, &f);

		for (size_t i = 0; i < nf && k == CRM_KIND_CUSTOMERS; i++)
			if (f[i] == CRM_F_UPDATED_AT && *n->vals[i] &&
			    *e->vals[i] && strcmp(n->vals[i], e->vals[i]) < 0)
				return true;	/* an older row: keep the newer */
	}
	for (size_t i = 0; i < n->nvals; i++) {
		free(e->vals[i]);
		e->vals[i] = crm_xstrdup(n->vals[i]);
	}
	return merged;
}

static int
cmp_order(const void *a, const void *b)
{
	const struct entity *x = *(const struct entity *const *)a;
	const struct entity *y = *(const struct entity *const *)b;

	return x->order < y->order ? -1 : x->order > y->order;
}

static int
flush_entities(struct run *run)
{
	struct entity **list, *e, *tmp;
	size_t i = 0;
	int rc = 0;

	list = crm_xmalloc((run->nents + 1) * sizeof *list);
	HASH_ITER(hh, run->ents, e, tmp)
		list[i++] = e;
	qsort(list, i, sizeof *list, cmp_order);
	for (size_t j = 0; j < i; j++) {
		if (rc == 0 && crm_writer_row(run->out,
		    (const char *const *)list[j]->vals) == -1)
			rc = -1;
	}
	HASH_ITER(hh, run->ents, e, tmp) {
		HASH_DEL(run->ents, e);
		for (size_t k = 0; k < e->nvals; k++)
			free(e->vals[k]);
		free(e->vals);
		free(e->key);
		free(e);
	}
	free(list);
	return rc;
}

static bool
entity_kind(enum crm_kind k)
{
	/* the kinds that come in millions stream; the rest merge in memory */
	return k != CRM_KIND_ACTIVITIES && k != CRM_KIND_LEDGER &&
	    k != CRM_KIND_STOCK && k != CRM_KIND_SALES;
}

/* --jobs: a CSV file of a streaming kind to standard output is cut into
 * chunks, each normalised by a worker into its own part of the output
 * (rows without a header, in memory); the parts are written in input
 * order, so the output and the messages are those of one thread. */
struct obuf {				/* a part's output bytes */
	char *p;
	size_t len, cap;
};

struct ipart {
	enum crm_kind k;
	long tz;
	struct obuf b;
	FILE *f;			/* writes into b */
	struct crm_writer *w;		/* the part's rows */
	struct crm_norm norm;
	struct ictx *x;
};

struct ictx {
	struct run *run;
	enum crm_kind k;
	FILE *out;			/* where run->out writes */
	const char *const *names;	/* the columns */
	const enum crm_coltype *types;
	size_t nf;
	/* buffers of parts written out, to reuse: fresh memory of this size
	 * comes from mmap, a page fault every 4 KiB */
	pthread_mutex_t mu;
	struct obuf pool[8];
	int npool;
};

static ssize_t
obuf_write(void *cookie, const char *data, size_t n)
{
	struct obuf *b = cookie;

	if (b->len + n > b->cap) {
		while (b->len + n > b->cap)
			b->cap = b->cap ? b->cap * 2 : (size_t)1 << 20;
		b->p = crm_xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
	return (ssize_t)n;
}

static void *
ipart_new(void *ctx)
{
	static const cookie_io_functions_t io = { NULL, obuf_write, NULL, NULL };
	struct ictx *x = ctx;
	struct ipart *p = crm_xmalloc(sizeof *p);

	memset(p, 0, sizeof *p);
	p->x = x;
	p->k = x->k;
	p->tz = x->run->o->tz;
	pthread_mutex_lock(&x->mu);
	if (x->npool > 0)
		p->b = x->pool[--x->npool];
	pthread_mutex_unlock(&x->mu);
	p->b.len = 0;
	p->f = fopencookie(&p->b, "w", io);
	p->w = p->f == NULL ? NULL : crm_writer_new(p->f, &x->run->o->out,
	    x->names, x->types, x->nf);
	if (p->w == NULL)
		crm_errx(CRM_EXIT_ERROR, "out of memory");
	crm_writer_headless(p->w);
	p->norm.defaults = (const char *const *)x->run->prof.defaults;
	p->norm.excel_1904 = x->run->o->excel_1904;
	return p;
}

static int
ipart_record(struct crm_reader *r, const struct crm_record *rec, void *part,
    struct crm_error *err)
{
	struct ipart *p = part;

	if (crm_normalize(p->k, r, rec, p->tz, &p->norm, err) == -1)
		return CRM_REC_REJECT;
	if (crm_writer_row(p->w, p->norm.vals) == -1) {
		crm_error_set(err, NULL, 0, 0, "write error: %s",
		    strerror(errno));
		return CRM_REC_FATAL;
	}
	return CRM_REC_USED;
}

static int
ipart_merge(void *ctx, void *part, struct crm_error *err)
{
	struct ictx *x = ctx;
	struct ipart *p = part;

	if (fflush(p->f) == EOF || crm_writer_header(x->run->out) == -1 ||
	    (p->b.len > 0 && fwrite(p->b.p, 1, p->b.len, x->out) != p->b.len)) {
		crm_error_set(err, NULL, 0, 0, "write error: %s",
		    strerror(errno));
		return -1;
	}
	return 0;
}

static void
ipart_free(void *ctx, void *part)
{
	struct ictx *x = ctx;
	struct ipart *p = part;

	crm_writer_close(p->w);
	fclose(p->f);
	pthread_mutex_lock(&x->mu);
	if (x->npool < (int)(sizeof x->pool / sizeof x->pool[0])) {
		x->pool[x->npool++] = p->b;
		p->b.p = NULL;
	}
	pthread_mutex_unlock(&x->mu);
	free(p->b.p);
	crm_norm_free(&p->norm);
	free(p);
}

static const struct crm_par_ops import_ops = {
	ipart_new, ipart_record, NULL, ipart_merge, ipart_free, NULL, NULL,
	NULL, NULL
};

/* Whether r's records can be read with --jobs: a splittable CSV input of
 * a streaming kind going to standard output as CSV or JSON Lines, with no
 * rejects file (its rows need the records the reader rejects) and no
 * --strict (which stops at the first reject). */
static bool
import_par(const struct run *run, const struct crm_reader *r, enum crm_kind k)
{
	const struct crm_import_opts *o = run->o;

	return crm_jobs() > 1 && o->db == NULL && o->rejects == NULL &&
	    !o->input.strict && !entity_kind(k) &&
	    o->out.format != CRM_FMT_TABLE && crm_reader_splittable(r);
}

/* Apply the profile's renames and drops to the columns r has so far. */
static void
apply_profile(const struct run *run, struct crm_reader *r)
{
	for (size_t i = 0; i < run->prof.n; i++)
		(void)crm_reader_remap(r, run->prof.from[i], run->prof.to[i]);
}

/* Import one file.  Returns CRM_EXIT_OK, _ERROR or _TEMPFAIL. */
static int
import_file(struct run *run, const char *path, FILE *out, struct crm_error *err)
{
	const struct crm_import_opts *o = run->o;
	struct crm_reader_opts ro = o->input.reader;
	struct crm_reader *r;
	struct crm_record rec;
	struct crm_counts c = { 0, 0, 0, 0, 0 };
	enum crm_kind k;
	const enum crm_field *fields;
	const char *names[32];
	enum crm_coltype types[32];
	size_t nf, ncols;
	long written = 0, import_id = 0;
	int status = CRM_EXIT_OK;
	bool guessed;
	const char *enc;

	ro.hash = o->db != NULL;	/* the store logs what it imported */
	if (o->db != NULL && strcmp(path, "-") != 0) {
		/* a file imported before changes nothing: say so, read nothing */
		char when[64];
		uint64_t h = crm_hash_file(path);
		int seen = h == 0 ? 0 : crm_store_seen(run->store, h, when,
		    sizeof when, err);

		if (seen < 0)
			return -seen;
		if (seen > 0) {
			crm_warnx("%s: already imported on %s; nothing changed",
			    path, when);
			return CRM_EXIT_OK;
		}
	}
	if ((r = crm_reader_open(path, &ro, err)) == NULL)
		return CRM_EXIT_ERROR;
	enc = crm_reader_encoding(r, &guessed);
	apply_profile(run, r);
	ncols = crm_reader_ncols(r);
	k = crm_kind_of(r, o->kind != CRM_KIND_NONE ? o->kind : run->prof.kind,
	    err);
	if (k == CRM_KIND_NONE) {
		crm_reader_free(r);
		return CRM_EXIT_ERROR;
	}
	if (o->kind == CRM_KIND_NONE || guessed)
		crm_warnx("%s: %s%s%s", crm_reader_name(r), crm_kind_name(k),
		    o->kind == CRM_KIND_NONE ? " (detected from the columns)" : "",
		    guessed && strcmp(enc, "UTF-8") != 0 ? ", GB18030 (detected)" : "");
	nf = crm_kind_fields(k, &fields);
	{
		/* each required field needs a column, or a profile default */
		enum crm_field missing[CRM_F_COUNT + 1];

		if (crm_kind_missing(r, k, (const char *const *)run->prof.defaults,
		    missing) > 0) {
			missing[1] = CRM_F_NONE;
			(void)crm_reader_require(r, missing, err);
			crm_reader_free(r);
			return CRM_EXIT_ERROR;
		}
	}
	for (size_t i = 0; i < nf; i++) {
		names[i] = crm_field_name(fields[i]);
		types[i] = crm_kind_storage(k, fields[i]) == CRM_STORE_TEXT ?
		    CRM_COL_STR : CRM_COL_NUM;
	}
	if (o->db == NULL) {
		if (run->out == NULL) {
			run->out = crm_writer_new(out, &o->out, names, types, nf);
			run->out_kind = k;
		} else if (run->out_kind != k) {
			crm_error_set(err, crm_reader_name(r), 0, 0, "holds %s, "
			    "but the files before it hold %s: import one kind at a "
			    "time to standard output, or use --db",
			    crm_kind_name(k), crm_kind_name(run->out_kind));
			crm_reader_free(r);
			return CRM_EXIT_ERROR;
		}
	} else {
		/* one transaction per file; the log row gets its hash at
		 * the end, when the whole input has been read */
		if ((status = crm_store_begin(run->store, err)) != CRM_EXIT_OK)
			goto fail;
		if ((status = crm_store_log(run->store, 0, path, k, run->seen, NULL,
		    0, &import_id, err)) != CRM_EXIT_OK) {
			crm_store_rollback(run->store);
			goto fail;
		}
	}
	run->norm.defaults = (const char *const *)run->prof.defaults;
	run->norm.excel_1904 = o->excel_1904;
	if (import_par(run, r, k)) {
		struct ictx x;

		memset(&x, 0, sizeof x);
		x.run = run;
		x.k = k;
		x.out = out;
		x.names = names;
		x.types = types;
		x.nf = nf;
		pthread_mutex_init(&x.mu, NULL);
		if (crm_reader_each_par(r, &o->input, &import_ops, &x, &c,
		    err) == -1)
			status = CRM_EXIT_ERROR;
		while (x.npool > 0)
			free(x.pool[--x.npool].p);
		pthread_mutex_destroy(&x.mu);
		written = c.used;
		run->rejected += c.rejected;
	} else for (;;) {
		enum crm_read_status st = crm_reader_next(r, &rec, err);
		bool merged = false;

		if (st == CRM_READ_EOF)
			break;
		if (st == CRM_READ_FATAL) {
			status = CRM_EXIT_ERROR;
			break;
		}
		c.read++;
		if (st == CRM_READ_REJECT) {
			reject(run, err, NULL, &c.rejected);
			if (o->input.strict) {
				status = CRM_EXIT_ERROR;
				break;
			}
			continue;
		}
		if (crm_reader_ncols(r) != ncols) {
			/* JSON Lines: keys appear with the records, so the
			 * profile's renames and drops apply as they do */
			apply_profile(run, r);
			ncols = crm_reader_ncols(r);
		}
		if (crm_normalize(k, r, &rec, o->tz, &run->norm, err) == -1) {
			char msg[sizeof err->msg];

			memcpy(msg, err->msg, sizeof msg);
			crm_error_set(err, crm_reader_name(r), rec.line, 0, "%s", msg);
			reject(run, err, &rec, &c.rejected);
			if (o->input.strict) {
				status = CRM_EXIT_ERROR;
				break;
			}
			continue;
		}
		if (o->db != NULL) {
			status = crm_store_put(run->store, k, &run->norm, import_id,
			    run->seen, &merged, err);
			if (status != CRM_EXIT_OK)
				break;
		} else if (entity_kind(k)) {
			merged = keep_entity(run, k, &run->norm,
			    crm_norm_key(k, &run->norm));
		} else if (crm_writer_row(run->out, run->norm.vals) == -1) {
			crm_error_set(err, NULL, 0, 0, "write error: %s",
			    strerror(errno));
			status = CRM_EXIT_ERROR;
			c.read--;	/* not written: the count adds up */
			break;
		}
		if (merged)
			c.merged++;
		else
			written++;
	}
	c.used = written;
	if (o->db != NULL) {
		char when[64];
		int seen;

		if (status != CRM_EXIT_OK) {
			crm_store_rollback(run->store);
		} else if ((seen = crm_store_seen(run->store, crm_reader_hash(r),
		    when, sizeof when, err)) != 0) {
			crm_store_rollback(run->store);
			if (seen < 0) {
				status = -seen;
			} else {
				crm_warnx("%s: already imported on %s; nothing "
				    "changed", crm_reader_name(r), when);
				run->rejected -= c.rejected;
			}
			crm_reader_free(r);
			return status;
		} else if ((status = crm_store_log(run->store, crm_reader_hash(r),
		    path, k, run->seen, &c, written, &import_id, err)) !=
		    CRM_EXIT_OK || (status = crm_store_commit(run->store, err)) !=
		    CRM_EXIT_OK) {
			crm_store_rollback(run->store);
		}
	}
	if (status == CRM_EXIT_OK || c.read > 0)
		crm_warnx("%s: %ld read = %ld written + %ld merged + %ld "
		    "rejected%s", crm_reader_name(r), c.read, written, c.merged,
		    c.rejected, o->db != NULL && status != CRM_EXIT_OK ?
		    " (nothing stored: rolled back)" : "");
	if (c.rejected > o->input.max_reported)
		crm_warnx("%s: %ld more rejected records not shown (see "
		    "--rejects)", crm_reader_name(r), c.rejected -
		    o->input.max_reported);
	crm_reader_free(r);
	return status;
fail:
	crm_reader_free(r);
	return status;
}

int
crm_import_run(const struct crm_import_opts *o, FILE *out, struct crm_error *err)
{
	struct run run;
	FILE *dest = out;
	int status = CRM_EXIT_OK;

	memset(&run, 0, sizeof run);
	run.o = o;
	run.prof.kind = CRM_KIND_NONE;
	crm_date_format(o->as_of, run.seen);
	if (o->profile != NULL && profile_load(o->profile, &run.prof, err) == -1)
		return CRM_EXIT_ERROR;
	if (o->rejects != NULL) {
		static const char *const names[] = { "file", "line", "field",
		    "reason", "record" };
		static const enum crm_coltype types[] = { CRM_COL_STR, CRM_COL_INT,
		    CRM_COL_STR, CRM_COL_STR, CRM_COL_STR };
		struct crm_writer_opts wo = CRM_WRITER_OPTS_INIT;
		struct stat st;
		int fd;

		/* written to a temporary name and renamed: never rename over a
		 * device, a FIFO or a directory (as root, /dev/null would go) */
		if (stat(o->rejects, &st) == 0 && !S_ISREG(st.st_mode)) {
			crm_error_set(err, o->rejects, 0, 0, "not a regular file");
			profile_free(&run.prof);
			return CRM_EXIT_ERROR;
		}
		snprintf(run.rejtmp, sizeof run.rejtmp, "%s.XXXXXX", o->rejects);
		if ((fd = mkstemp(run.rejtmp)) == -1 ||
		    (run.rejfp = fdopen(fd, "w")) == NULL) {
			crm_error_set(err, o->rejects, 0, 0, "%s", strerror(errno));
			profile_free(&run.prof);
			return CRM_EXIT_ERROR;
		}
		run.rej = crm_writer_new(run.rejfp, &wo, names, types, 5);
	}
	if (o->db != NULL) {
		status = crm_store_open(o->db, true, &run.store, err);
		if (status != CRM_EXIT_OK)
			goto out;
	} else if (o->input.strict) {
		/* nothing reaches stdout unless every record is good */
		if ((dest = tmpfile()) == NULL) {
			crm_error_set(err, NULL, 0, 0, "tmpfile: %s", strerror(errno));
			status = CRM_EXIT_ERROR;
			goto out;
		}
	}
	for (const char **f = o->files; *f != NULL && status == CRM_EXIT_OK; f++) {
		status = import_file(&run, *f, dest, err);
		if (status == CRM_EXIT_OK && o->input.strict && run.rejected > 0)
			status = CRM_EXIT_ERROR;
	}
	if (run.out != NULL) {
		if (status == CRM_EXIT_OK && entity_kind(run.out_kind) &&
		    flush_entities(&run) == -1) {
			crm_error_set(err, NULL, 0, 0, "write error: %s",
			    strerror(errno));
			status = CRM_EXIT_ERROR;
		} else if (status != CRM_EXIT_OK && entity_kind(run.out_kind))
			(void)flush_entities(&run);	/* to free them */
		if (crm_writer_close(run.out) == -1 && status == CRM_EXIT_OK) {
			crm_error_set(err, NULL, 0, 0, "write error: %s",
			    strerror(errno));
			status = CRM_EXIT_ERROR;
		}
	}
	if (dest != out) {
		if (status == CRM_EXIT_OK && run.rejected == 0) {
			char buf[65536];
			size_t n;

			rewind(dest);
			while ((n = fread(buf, 1, sizeof buf, dest)) > 0)
				if (fwrite(buf, 1, n, out) != n)
					break;
		}
		fclose(dest);
	}
out:
	if (run.rej != NULL) {
		int bad = crm_writer_close(run.rej) == -1 || fflush(run.rejfp) != 0 ||
		    fsync(fileno(run.rejfp)) != 0;

		if (fclose(run.rejfp) != 0 || bad ||
		    rename(run.rejtmp, o->rejects) != 0) {
			crm_error_set(err, o->rejects, 0, 0, "cannot write: %s",
			    strerror(errno));
			unlink(run.rejtmp);
			status = CRM_EXIT_ERROR;
		}
	}
	crm_store_close(run.store);
	crm_norm_free(&run.norm);
	profile_free(&run.prof);
	if (status == CRM_EXIT_OK && run.rejected > 0) {
		crm_error_set(err, NULL, 0, 0, "%ld records were rejected%s",
		    run.rejected, o->rejects ? " (see the rejects file)" : "");
		status = CRM_EXIT_ERROR;
	}
	return status;
}
