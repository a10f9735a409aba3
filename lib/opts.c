/* opts.c - the options every tool shares. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crm.h"

static int
limit(const char *name, const char *arg, long min, long max, long *out,
    struct crm_error *err)
{
	if (crm_parse_long(arg, min, max, out) == -1) {
		crm_error_set(err, NULL, 0, 0,
		    "--%s: expected a number from %ld to %ld, got '%s'",
		    name, min, max, arg);
		return -1;
	}
	return 1;
}

int
crm_common_option(struct crm_common *c, int ch, const char *arg,
    struct crm_error *err)
{
	long v;

	switch (ch) {
	case CRM_OPT_AS_OF:
		if (crm_date_parse(arg, &c->as_of) == -1) {
			crm_error_set(err, NULL, 0, 0,
			    "--as-of: not a date '%s' (use YYYY-MM-DD)", arg);
			return -1;
		}
		c->as_of_arg = arg;
		return 1;
	case CRM_OPT_BOM:
		c->out.bom = true;
		return 1;
	case CRM_OPT_DB:
		c->input.db = *arg != '\0' ? arg : NULL;
		c->db_set = true;
		return 1;
	case CRM_OPT_DELIMITER:
		if (strcmp(arg, "\\t") == 0 || strcmp(arg, "tab") == 0)
			arg = "\t";
		if (strlen(arg) != 1 || *arg == '"' || *arg == '\n' ||
		    *arg == '\r' || (unsigned char)*arg >= 0x80) {
			crm_error_set(err, NULL, 0, 0,
			    "--delimiter: expected one ASCII character, got '%s'",
			    arg);
			return -1;
		}
		c->input.reader.delimiter = *arg;
		return 1;
	case CRM_OPT_ENCODING:
		if (strcmp(arg, "auto") == 0)
			c->input.reader.encoding = CRM_ENC_AUTO;
		else if (strcasecmp(arg, "utf-8") == 0 || strcasecmp(arg, "utf8") == 0)
			c->input.reader.encoding = CRM_ENC_UTF8;
		else if (strcasecmp(arg, "gb18030") == 0 || strcasecmp(arg, "gbk") == 0)
			c->input.reader.encoding = CRM_ENC_GB18030;
		else if (strcasecmp(arg, "utf-16") == 0 || strcasecmp(arg, "utf16") == 0)
			c->input.reader.encoding = CRM_ENC_UTF16;
		else {
			crm_error_set(err, NULL, 0, 0, "--encoding: expected auto, "
			    "utf-8, gb18030 or utf-16, got '%s'", arg);
			return -1;
		}
		return 1;
	case 'j':
	case CRM_OPT_JSON:
		c->out.format = CRM_FMT_JSONL;
		return 1;
	case CRM_OPT_MAX_COLUMNS:
		if (limit("max-columns", arg, 1, 2000, &v, err) == -1)
			return -1;
		c->input.reader.max_columns = (size_t)v;
		return 1;
	case CRM_OPT_MAX_FIELD_BYTES:
		if (limit("max-field-bytes", arg, 1, 1L << 30, &v, err) == -1)
			return -1;
		c->input.reader.max_field_bytes = (size_t)v;
		return 1;
	case CRM_OPT_MAX_QUOTED_LINES:
		if (limit("max-quoted-lines", arg, 1, 1000000, &v, err) == -1)
			return -1;
		c->input.reader.max_quoted_lines = v;
		return 1;
	case CRM_OPT_MAX_RECORD_BYTES:
		if (limit("max-record-bytes", arg, 1024, 1L << 30, &v, err) == -1)
			return -1;
		c->input.reader.max_record_bytes = (size_t)v;
		return 1;
	case CRM_OPT_RAW:
		c->out.raw = true;
		return 1;
	case CRM_OPT_STRICT:
		c->input.strict = true;
		return 1;
	case 't':
	case CRM_OPT_TABLE:
		c->out.format = CRM_FMT_TABLE;
		return 1;
	case CRM_OPT_TZ:
		if (crm_tz_parse(arg, &c->tz) == -1) {
			crm_error_set(err, NULL, 0, 0,
			    "--tz: not a zone offset '%s' (use e.g. +08:00)", arg);
			return -1;
		}
		c->tz_set = true;
		return 1;
	default:
		return 0;
	}
}

int
crm_common_finish(struct crm_common *c, struct crm_error *err)
{
	const char *db = getenv("CRM_DB");

	if (!c->db_set && db != NULL && *db != '\0')
		c->input.db = db;
	if (!c->tz_set && crm_tz_default(&c->tz, err) == -1)
		return -1;
	if (c->as_of_arg == NULL && crm_today(c->tz, &c->as_of, err) == -1)
		return -1;
	return 0;
}

bool
crm_common_take(struct crm_common *c, int ch, const char *arg)
{
	struct crm_error err = CRM_ERROR_INIT;
	int rc = crm_common_option(c, ch, arg, &err);

	if (rc == -1)
		crm_errx(CRM_EXIT_ERROR, "%s", err.msg);
	return rc == 1;
}

void
crm_common_done(struct crm_common *c)
{
	struct crm_error err = CRM_ERROR_INIT;

	if (crm_common_finish(c, &err) == -1)
		crm_errx(CRM_EXIT_ERROR, "%s", err.msg);
}

const char *
crm_common_usage(void)
{
	return
	    "  --as-of DATE          the day to measure from (default: today)\n"
	    "  --tz OFFSET           team zone for times without one (default +08:00)\n"
	    "  -j, --json            write JSON Lines\n"
	    "  -t, --table           write an aligned table for people\n"
	    "  --bom                 start CSV output with a UTF-8 BOM (Excel)\n"
	    "  --raw                 do not neutralise formula-like CSV cells\n"
	    "  --strict              stop at the first bad input record\n"
	    "  --delimiter C         CSV input delimiter (default: comma or tab)\n"
	    "  --encoding E          auto, utf-8, gb18030 or utf-16 (default auto)\n"
	    "  --max-field-bytes N, --max-record-bytes N, --max-columns N,\n"
	    "  --max-quoted-lines N  input limits (see crm(7))\n"
	    "  -h, --help            print this help and exit\n";
}

void
crm_paths_add(const char ***list, size_t *n, int argc, const char *path)
{
	if (*list == NULL)
		*list = crm_xmalloc(((size_t)argc + 1) * sizeof **list);
	(*list)[(*n)++] = path;
	(*list)[*n] = NULL;
}
