/* test_writer - CSV quoting, the formula guard, JSON Lines, the table. */
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "tap.h"

static char *
render(enum crm_format fmt, bool raw, const char *const *rows, size_t nrows)
{
	static const char *const names[] = { "name", "amount" };
	static const enum crm_coltype types[] = { CRM_COL_STR, CRM_COL_NUM };
	struct crm_writer_opts o = CRM_WRITER_OPTS_INIT;
	char *buf = NULL;
	size_t n = 0;
	FILE *out = open_memstream(&buf, &n);
	struct crm_writer *w;

	o.format = fmt;
	o.raw = raw;
	w = crm_writer_new(out, &o, names, types, 2);
	for (size_t i = 0; i < nrows; i++)
		crm_writer_row(w, rows + 2 * i);
	crm_writer_close(w);
	fclose(out);
	return buf;
}

int
main(void)
{
	static const char *const danger[] = {
		"=HYPERLINK(\"http://x\")", "+1+1", "-1+1", "@SUM(A1)",
		"\tTAB", "\rCR", "\nLF", "＝1+1", "＋1", "－1", "＠x",
	};
	static const char *const safe[] = {
		"-12.5", "12", "0.5", "-0", "plain", "a=b", "中文", "",
	};
	static const char *const rows[] = {
		"a,b", "1", "say \"hi\"", "-2.50", "=1+1", NULL, " pad ", "3",
		"=A1,\"x\"", "4",
	};
	char *s;

	for (size_t i = 0; i < sizeof danger / sizeof *danger; i++)
		ok(crm_cell_is_formula(danger[i]), "formula-like: danger[%zu]", i);
	for (size_t i = 0; i < sizeof safe / sizeof *safe; i++)
		ok(!crm_cell_is_formula(safe[i]), "not formula-like: '%s'", safe[i]);
	ok(!crm_is_plain_number("1."), "'1.' is not a plain number");
	ok(!crm_is_plain_number("1e5"), "'1e5' is not a plain number");

	s = render(CRM_FMT_CSV, false, rows, 5);
	is_str(s, "name,amount\n\"a,b\",1\n\"say \"\"hi\"\"\",-2.50\n'=1+1,\n"
	    "\" pad \",3\n\"'=A1,\"\"x\"\"\",4\n",
	    "CSV: quoting, apostrophe on a formula (inside the quotes), numbers kept");
	free(s);
	s = render(CRM_FMT_CSV, true, rows, 4);
	is_str(s, "name,amount\n\"a,b\",1\n\"say \"\"hi\"\"\",-2.50\n=1+1,\n"
	    "\" pad \",3\n", "CSV --raw: no apostrophe");
	free(s);
	s = render(CRM_FMT_JSONL, false, rows, 4);
	is_str(s, "{\"name\":\"a,b\",\"amount\":1}\n"
	    "{\"name\":\"say \\\"hi\\\"\",\"amount\":-2.50}\n"
	    "{\"name\":\"=1+1\",\"amount\":null}\n"
	    "{\"name\":\" pad \",\"amount\":3}\n",
	    "JSON Lines: typed numbers, null, escapes, no apostrophe");
	free(s);
	s = render(CRM_FMT_TABLE, false, rows, 2);
	is_str(s, "name      amount\na,b            1\nsay \"hi\"   -2.50\n",
	    "table: strings left, numbers right");
	free(s);
	s = render(CRM_FMT_CSV, false, rows, 0);
	is_str(s, "name,amount\n", "CSV: a header even with no rows");
	free(s);
	s = render(CRM_FMT_JSONL, false, rows, 0);
	is_str(s, "", "JSON Lines: nothing with no rows");
	free(s);
	{
		static const char *const cjk[] = { "上海", "1" };

		s = render(CRM_FMT_TABLE, false, cjk, 1);
		is_str(s, "name  amount\n上海       1\n",
		    "table: CJK counts two columns");
		free(s);
	}
	{
		/* from the review: 007 is not a JSON number */
		static const char *const z[] = { "x", "007", "y", "-0.5" };

		s = render(CRM_FMT_JSONL, false, z, 2);
		is_str(s, "{\"name\":\"x\",\"amount\":\"007\"}\n"
		    "{\"name\":\"y\",\"amount\":-0.5}\n",
		    "JSON Lines: a number with leading zeros stays a string");
		free(s);
	}
	{
		/* every special byte at every place of cells of 1 to 40
		 * bytes, against a byte-at-a-time model of the rule (raw:
		 * no formula guard for a leading CR or LF) */
		static const char specials[] = ",\"\n\r";
		char cell[48], want[128], *got;
		bool all = true;

		for (size_t len = 1; len <= 40 && all; len++)
			for (size_t at = 0; at <= len && all; at++)
				for (size_t k = 0; k < 4 && all; k++) {
					const char *row[2] = { cell, "1" };
					size_t o = 0;

					memset(cell, 'x', len);
					cell[len] = '\0';
					if (at < len)
						cell[at] = specials[k];
					if (at < len) {
						want[o++] = '"';
						for (size_t i = 0; i < len; i++) {
							if (cell[i] == '"')
								want[o++] = '"';
							want[o++] = cell[i];
						}
						want[o++] = '"';
					} else {
						memcpy(want, cell, len);
						o = len;
					}
					memcpy(want + o, ",1\n", 4);
					got = render(CRM_FMT_CSV, true, row, 1);
					if (strcmp(got + strlen("name,amount\n"),
					    want) != 0) {
						printf("# len %zu at %zu: got %s", len,
						    at, got);
						all = false;
					}
					free(got);
				}
		ok(all, "CSV: a cell is quoted exactly when it holds a comma, "
		    "quote, CR or LF, at any place (1 to 40 bytes)");
	}
	ok(crm_field_lookup("rep_name") == CRM_F_NONE,
	    "rep_name is not the customer's name");
	ok(crm_utf8_width("上海a") == 5, "width of 上海a is 5");
	ok(crm_utf8_check("\xC0\xAF", 2) == 0, "overlong '/' is invalid");
	ok(crm_utf8_check("\xED\xA0\x80", 3) == 0, "a surrogate is invalid");
	ok(crm_utf8_check("\xF4\x90\x80\x80", 4) == 0, "above U+10FFFF is invalid");
	ok(crm_utf8_check("ab\xE4\xB8", 4) == 2, "truncated sequence at the end");
	ok(crm_utf8_check("上海", 6) == 6, "valid CJK");
	ok(crm_field_lookup("Customer ID") == CRM_F_CUSTOMER_ID, "'Customer ID'");
	ok(crm_field_lookup(" 客户编号 ") == CRM_F_CUSTOMER_ID, "' 客户编号 '");
	ok(crm_field_lookup("ＣＵＳＴＯＭＥＲ＿ＩＤ") == CRM_F_CUSTOMER_ID,
	    "full-width CUSTOMER_ID");
	ok(crm_field_lookup("updated-at") == CRM_F_UPDATED_AT, "'updated-at'");
	ok(crm_field_lookup("最后跟进时间") == CRM_F_UPDATED_AT, "最后跟进时间");
	ok(crm_field_lookup("favourite colour") == CRM_F_NONE, "unknown stays unknown");
	return tap_done();
}
