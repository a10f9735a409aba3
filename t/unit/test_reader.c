/* test_reader - the record reader: RFC 4180 cases, line numbers in
 * messages, BOM, CRLF, limits, recovery after errors, JSON Lines.  Every
 * case runs three ways (fast path, libcsv only, one byte per read) and all
 * three must agree with the expected digest written by hand. */
#include <stdlib.h>
#include <unistd.h>

#include "crm.h"
#include "tap.h"

/* Read all of in; return a digest: "cols N" then one line per record
 * "L: [a] [b]" (absent JSON fields "<null>"), or per reject
 * "! L:C msg" (C omitted when 0).  With msgs false, rejects show "! L". */
static char *
digest(const char *in, struct crm_reader_opts o, int mode, int msgs)
{
	struct crm_error err = CRM_ERROR_INIT;
	struct crm_reader *r;
	struct crm_record rec;
	char *buf = NULL;
	size_t n = 0;
	FILE *out = open_memstream(&buf, &n);

	if (mode == 1)
		o.no_fastpath = true;
	if (mode == 2) {
		/* small reads (one byte for small inputs) from a file */
		FILE *tmp = tmpfile();
		int fd;

		o.read_size = strlen(in) > 10000 ? 4093 : 1;
		if (tmp == NULL || fwrite(in, 1, strlen(in), tmp) != strlen(in) ||
		    fflush(tmp) != 0 || (fd = dup(fileno(tmp))) == -1 ||
		    lseek(fd, 0, SEEK_SET) != 0)
			abort();
		fclose(tmp);
		r = crm_reader_open_fd("in.csv", fd, &o, &err);
	} else {
		r = crm_reader_open_mem("in.csv", in, strlen(in), &o, &err);
	}
	if (r == NULL) {
		fprintf(out, "open: %ld: %s", err.line, err.msg);
		fclose(out);
		return buf;
	}
	fprintf(out, "cols %zu", crm_reader_ncols(r));
	for (;;) {
		enum crm_read_status st = crm_reader_next(r, &rec, &err);

		if (st == CRM_READ_EOF)
			break;
		if (st == CRM_READ_FATAL) {
			fprintf(out, "\nfatal %s", err.msg);
			break;
		}
		if (st == CRM_READ_REJECT) {
			fprintf(out, "\n! %ld", err.line);
			if (msgs && err.col)
				fprintf(out, ":%ld", err.col);
			if (msgs)
				fprintf(out, " %s", err.msg);
			continue;
		}
		fprintf(out, "\n%ld:", rec.line);
		for (size_t i = 0; i < rec.nfields; i++)
			fprintf(out, rec.field[i] ? " [%s]" : " <null>",
			    rec.field[i]);
	}
	crm_reader_free(r);
	fclose(out);
	return buf;
}

/* A string of n copies of c followed by tail. */
static char *
repeat(char c, size_t n, const char *head, const char *tail)
{
	char *s = malloc(strlen(head) + n + strlen(tail) + 1);

	strcpy(s, head);
	memset(s + strlen(head), c, n);
	strcpy(s + strlen(head) + n, tail);
	return s;
}

static void
check_opts(const char *title, const char *in, const char *want,
    struct crm_reader_opts o, int msgs)
{
	static const char *mode[] = { "fast path", "libcsv only", "1-byte reads" };

	for (int m = 0; m < 3; m++) {
		char *got = digest(in, o, m, msgs);

		is_str(got, want, "%s (%s)", title, mode[m]);
		free(got);
	}
}

static void
check(const char *title, const char *in, const char *want)
{
	struct crm_reader_opts o = CRM_READER_OPTS_INIT;

	check_opts(title, in, want, o, 0);
}

static void
check_msg(const char *title, const char *in, const char *want)
{
	struct crm_reader_opts o = CRM_READER_OPTS_INIT;

	check_opts(title, in, want, o, 1);
}

int
main(void)
{
	struct crm_reader_opts o = CRM_READER_OPTS_INIT;

	check("plain rows", "a,b\n1,2\n3,4\n",
	    "cols 2\n2: [1] [2]\n3: [3] [4]");
	check("no final newline", "a,b\n1,2", "cols 2\n2: [1] [2]");
	check("header only", "a,b\n", "cols 2");
	check("header only, no newline", "a,b", "cols 2");
	check_msg("empty input has no header", "", "open: 0: no header (empty input)");
	check_msg("blank lines only have no header", "\n \n\n",
	    "open: 0: no header (empty input)");
	check("quoted comma, doubled quote", "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n",
	    "cols 2\n2: [x,y] [say \"hi\"]");
	check("newline inside quotes keeps physical line numbers",
	    "a,b\n\"multi\nline\",1\nlast,2\n",
	    "cols 2\n2: [multi\nline] [1]\n4: [last] [2]");
	check("CRLF line endings", "a,b\r\n1,2\r\n\"q\",3\r\n",
	    "cols 2\n2: [1] [2]\n3: [q] [3]");
	check("UTF-8 BOM before an unquoted header", "\xEF\xBB\xBFid,n\n1,2\n",
	    "cols 2\n2: [1] [2]");
	check("UTF-8 BOM before a quoted header", "\xEF\xBB\xBF\"id\",n\n1,2\n",
	    "cols 2\n2: [1] [2]");
	check("spaces around unquoted fields are trimmed", "a,b\n  x , y\t\n",
	    "cols 2\n2: [x] [y]");
	check("blank lines are skipped, numbering kept", "a,b\n\n1,2\n\n3,4\n",
	    "cols 2\n3: [1] [2]\n5: [3] [4]");
	check("empty fields", "a,b,c\n,,\n", "cols 3\n2: [] [] []");
	check("Chinese text", "客户编号,名称\nC1,上海一号店\n",
	    "cols 2\n2: [C1] [上海一号店]");

	check_msg("ragged row: too few fields", "a,b\n1\n2,3\n",
	    "cols 2\n! 2 expected 2 fields as in the header, found 1\n3: [2] [3]");
	check_msg("ragged row: too many fields", "a,b\n1,2,3\n",
	    "cols 2\n! 2 expected 2 fields as in the header, found 3");
	check_msg("quote inside an unquoted field: line and column",
	    "a,b\nok,1\nbad,12\" screen\nok,2\n",
	    "cols 2\n2: [ok] [1]\n! 3:7 malformed CSV: a quote must open a field "
	    "and be followed by a delimiter or line end when it closes\n4: [ok] [2]");
	check_msg("text after a closing quote", "a,b\n\"a\"b,1\n2,3\n",
	    "cols 2\n! 2:4 malformed CSV: a quote must open a field and be "
	    "followed by a delimiter or line end when it closes\n3: [2] [3]");
	check_msg("unterminated quote at EOF rejects its line, keeps the rest",
	    "a,b\n1,\"open\n2,3\n4,5\n",
	    "cols 2\n! 2 quoted field starting on this line is never closed\n"
	    "3: [2] [3]\n4: [4] [5]");
	check_msg("lone CR inside a line", "a,b\n1,2\r3,4\n5,6\n",
	    "cols 2\n! 2 carriage return inside a line (a lone CR splits records; "
	    "convert the line endings)\n3: [5] [6]");
	check("GB18030 bytes are detected and decoded",
	    "a,b\nx,\xC9\xCF\xBA\xA3\ny,2\n", "cols 2\n2: [x] [上海]\n3: [y] [2]");
	o = (struct crm_reader_opts)CRM_READER_OPTS_INIT;
	o.encoding = CRM_ENC_UTF8;
	check_opts("--encoding utf-8: GBK bytes name line, column and a hint",
	    "a,b\nx,\xC9\xCF\xBA\xA3\ny,2\n",
	    "cols 2\n! 2:3 invalid UTF-8 byte 0xC9 (a GB18030/GBK export? give "
	    "--encoding gb18030)\n3: [y] [2]", o, 1);
	o.encoding = CRM_ENC_GB18030;
	check_opts("--encoding gb18030: an invalid byte names line and column",
	    "a,b\nx,\xFF\ny,\xC9\xCF\n",
	    "cols 2\n! 2:3 byte sequence not valid in GB18030\n3: [y] [上]", o, 1);
	check_opts("--encoding gb18030: CP936's euro sign 0x80 is taken as U+20AC",
	    "a\n\x80 5\n", "cols 1\n2: [€ 5]", o, 1);
	check_opts("a GB18030 export with Chinese headers",
	    "\x63\x75\x73\x74\x6F\x6D\x65\x72\x5F\x69\x64\x2C\x6E\x61\x6D\x65\x0A\x31\x2C\xC9\xCF\xBA\xA3\xD2\xBB\xBA\xC5\xB5\xEA\x0A", "cols 2\n2: [1] [上海一号店]", o, 0);
	o = (struct crm_reader_opts)CRM_READER_OPTS_INIT;
	{
		/* Excel "Unicode text": UTF-16LE with BOM, tab-separated */
		static const char u16[] = "\xFF\xFE\x69\x00\x64\x00\x09\x00\x6E\x00\x61\x00\x6D\x00\x65\x00\x0D\x00\x0A\x00\x31\x00\x09\x00\x0A\x4E\x77\x6D\x0D\x00\x0A\x00\x32\x00\x09\x00\x22\x00\x61\x00\x09\x00\x62\x00\x22\x00\x0D\x00\x0A\x00";
		struct crm_error err = CRM_ERROR_INIT;
		struct crm_reader *r = crm_reader_open_mem("u16.txt", u16,
		    sizeof u16 - 1, &o, &err);
		struct crm_record rec;
		bool guessed;

		ok(r != NULL && crm_reader_ncols(r) == 2 &&
		    crm_reader_delimiter(r) == '\t' &&
		    strcmp(crm_reader_encoding(r, &guessed), "UTF-16") == 0,
		    "UTF-16LE with BOM: tab-separated header of 2 columns");
		ok(r && crm_reader_next(r, &rec, &err) == CRM_READ_OK &&
		    rec.line == 2 && strcmp(rec.field[1], "上海") == 0,
		    "UTF-16LE: line 2 is 1, 上海");
		ok(r && crm_reader_next(r, &rec, &err) == CRM_READ_OK &&
		    rec.line == 3 && strcmp(rec.field[1], "a\tb") == 0,
		    "UTF-16LE: a quoted tab");
		ok(r && crm_reader_next(r, &rec, &err) == CRM_READ_EOF, "UTF-16LE: end");
		crm_reader_free(r);
	}
	check("the delimiter is a tab when the header has more tabs than commas",
	    "a\tb\tc,d\n1\t2\t3,4\n", "cols 3\n2: [1] [2] [3,4]");
	check_msg("a tie between tabs and commas is a comma (and a tab in a "
	    "column name is a control character)", "a\tb,c\n1\t2,3\n",
	    "open: 1: control character in column name 'a\tb'");
	check_msg("an Excel sep= line needs --delimiter",
	    "sep=;\na;b\n1;2\n",
	    "open: 1: a 'sep=;' line: give --delimiter ';' to read this file");
	o.delimiter = ';';
	check_opts("an Excel sep= line with the same --delimiter is skipped",
	    "sep=;\na;b\n1;2\n", "cols 2\n3: [1] [2]", o, 0);
	o = (struct crm_reader_opts)CRM_READER_OPTS_INIT;
	check_msg("NUL byte", "a,b\nx,1\0002\ny,2\n", "cols 2\n2: [x] [1]");
	{
		/* strlen() stops at the NUL: feed it with the explicit length */
		static const char in[] = "a,b\nx,1\0002\ny,2\n";
		struct crm_error err = CRM_ERROR_INIT;
		struct crm_reader *r = crm_reader_open_mem("in.csv", in,
		    sizeof in - 1, &o, &err);
		struct crm_record rec;
		enum crm_read_status st = crm_reader_next(r, &rec, &err);

		ok(st == CRM_READ_REJECT && err.line == 2 && err.col == 4 &&
		    strcmp(err.msg, "NUL byte in input") == 0,
		    "NUL byte is rejected at 2:4 (%ld:%ld %s)", err.line, err.col,
		    err.msg);
		st = crm_reader_next(r, &rec, &err);
		ok(st == CRM_READ_OK && rec.line == 3, "and the next row is read");
		crm_reader_free(r);
	}
	check_msg("duplicate header", "amount,amount\n1,2\n",
	    "open: 1: duplicate column 'amount'");
	check_msg("two names for one field", "customer_id,客户编号\n1,2\n",
	    "open: 1: columns 'customer_id' and '客户编号' both mean customer_id");
	check_msg("malformed header", "a,\"b\n",
	    "open: 1: quoted field starting on this line is never closed "
	    "(in the header)");

	o.max_field_bytes = 4;
	check_opts("field over --max-field-bytes", "a,b\n12345,1\n\"12345\",2\n1,2\n",
	    "cols 2\n! 2\n! 3\n4: [1] [2]", o, 0);
	o = (struct crm_reader_opts)CRM_READER_OPTS_INIT;
	o.max_columns = 2;
	check_opts("row over --max-columns", "a,b\n1,2,3\n1,2\n",
	    "cols 2\n! 2 more than 2 fields (--max-columns)\n3: [1] [2]", o, 1);
	o = (struct crm_reader_opts)CRM_READER_OPTS_INIT;
	o.max_quoted_lines = 3;
	check_opts("a quote spanning more than --max-quoted-lines lines",
	    "a,b\n\"x\n1,2\n3,4\n5,6\n7,8\n",
	    "cols 2\n! 2 quoted field starting on this line runs over 3 lines "
	    "(--max-quoted-lines)\n3: [1] [2]\n4: [3] [4]\n5: [5] [6]\n6: [7] [8]",
	    o, 1);
	o = (struct crm_reader_opts)CRM_READER_OPTS_INIT;
	o.delimiter = '\t';
	check_opts("tab delimiter", "a\tb\nx y\t2\n", "cols 2\n2: [x y] [2]", o, 0);

	o = (struct crm_reader_opts)CRM_READER_OPTS_INIT;
	check("JSON Lines: keys in any order, absent and null fields",
	    "{\"a\":\"x\",\"b\":1}\n\n{\"b\":2.5,\"a\":null}\n{\"c\":true}\n",
	    "cols 0\n1: [x] [1]\n3: <null> [2.5]\n4: <null> <null> [true]");
	check_msg("JSON Lines: syntax error with line and column",
	    "{\"a\":1}\n{\"a\":}\n{\"a\":3}\n",
	    "cols 0\n1: [1]\n! 2:6 unexpected token near '}'\n3: [3]");
	check_msg("JSON Lines: duplicate keys are rejected",
	    "{\"a\":1,\"a\":2}\n",
	    "cols 0\n! 1:10 duplicate object key near '\"a\"'");
	check_msg("JSON Lines: nested values are rejected",
	    "{\"a\":[1]}\n", "cols 0\n! 1 field 'a': nested objects and arrays "
	    "are not supported");
	check_msg("JSON Lines: a scalar line is rejected", "{\"a\":1}\n42\n",
	    "cols 0\n1: [1]\n! 2:2 '[' or '{' expected near '42'");
	check_msg("a JSON array file is refused with a hint", "[{\"a\":1}]",
	    "open: 1: a JSON array; give one JSON object per line (JSON Lines), "
	    "e.g. jq -c '.[]'");
	check("JSON Lines with a BOM and CRLF", "\xEF\xBB\xBF{\"a\":\"x\"}\r\n",
	    "cols 0\n1: [x]");
	/* found by fuzz_csv: format detection after a buffer refill */
	check("JSON after blank lines is detected with 1-byte reads too",
	    "\xEF\xBB\xBF\n\n  \n{\"a\":1}\n", "cols 0\n4: [1]");
	check("CSV after blank lines is detected with 1-byte reads too",
	    "\xEF\xBB\xBF\n\n  \na,b\n1,2\n", "cols 2\n5: [1] [2]");
	check("a '{' a few bytes into a CSV header is not JSON (1-byte reads)",
	    "\xEF\xBB\xBF\na,b{\n1,2\n", "cols 2\n3: [1] [2]");
	/* found by fuzz_csv: the quoted fast path gave up on a quote that
	 * closes on the next line but kept the fields it had cut */
	check("a quoted field that closes on the next line, after a plain field",
	    "id,n\n1,\"ope(\n\"\n", "cols 2\n2: [1] [ope(\n]");
	check("simple quoted fields on the fast path",
	    "a,b,c\n \"x, y\" ,\"say \"\"hi\"\"\",\"\"\n", "cols 3\n2: [x, y] [say \"hi\"] []");
	{
		/* from the bad-input corpus: a NUL in ASCII is not GB18030 */
		static const char in[] = "a,b\nx,1\0002\ny,2\n";
		struct crm_error err = CRM_ERROR_INIT;
		struct crm_reader *r = crm_reader_open_mem("in.csv", in,
		    sizeof in - 1, &o, &err);
		bool guessed;

		ok(r != NULL && strcmp(crm_reader_encoding(r, &guessed),
		    "UTF-8") == 0, "a NUL byte does not make the input GB18030");
		crm_reader_free(r);
	}
	/* from the review of the reader (each failed before its fix) */
	check_msg("a bare CR before an opening quote is a lone CR, not a record",
	    "customer_id,updated_at\r\nc1,\"2025-01-01\"\r\"x\r\n"
	    "c2,2025-02-01\r\nc3,2025-03-01\r\n",
	    "cols 2\n! 2 carriage return inside a line (a lone CR splits "
	    "records; convert the line endings)\n3: [c2] [2025-02-01]\n"
	    "4: [c3] [2025-03-01]");
	o = (struct crm_reader_opts)CRM_READER_OPTS_INIT;
	o.max_field_bytes = 16;
	check_opts("an overlong quoted field is rejected whole: no phantom rows",
	    "customer_id,note,updated_at\nc1,\"call notes:\nc9,fake,2025-01-01\n"
	    "end of notes\",2025-12-30\nc2,ok,2025-12-31\n",
	    "cols 3\n! 2 field is longer than 16 bytes (--max-field-bytes); the "
	    "record on lines 2-4 is rejected\n5: [c2] [ok] [2025-12-31]", o, 1);
	{
		char *in = repeat('x', 300000, "a,b\n1,", "\n2,3\n");

		o = (struct crm_reader_opts)CRM_READER_OPTS_INIT;
		o.max_record_bytes = 2000;
		check_opts("a long line with a small --max-record-bytes (the window "
		    "never shrinks)", in, "cols 2\n! 2 record is longer than "
		    "2000 bytes (--max-record-bytes)\n3: [2] [3]", o, 1);
		free(in);
		in = repeat('x', 300000, "a,b\n1,\"", "\n\",2\n2,3\n");
		check_opts("a long quoted record is skipped to its real end",
		    in, "cols 2\n! 2 record is longer than 2000 bytes "
		    "(--max-record-bytes); the record on lines 2-3 is rejected\n"
		    "4: [2] [3]", o, 1);
		free(in);
		in = repeat('\n', 300000, "", "");
		check_opts("a long run of blank lines is no header, not a hang", in,
		    "open: 0: no header (empty input)", o, 1);
		free(in);
		in = repeat(' ', 300000, "\n", "\na,b\n1,2\n");
		check_opts("blank space before the header keeps line numbers", in,
		    "cols 2\n4: [1] [2]", o, 1);
		free(in);
	}
	o = (struct crm_reader_opts)CRM_READER_OPTS_INIT;
	o.delimiter = '\t';
	check_opts("a tab-separated line of tabs is a record, not a blank line",
	    "a\tb\n\t\n", "cols 2\n2: [] []", o, 0);
	return tap_done();
}
