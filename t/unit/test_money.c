/* test_money - the amount grammar (crm-clcc(1) AMOUNTS), the yuan format
 * and the exact 4-decimal ratios.  Every expected fen value is the amount
 * in yuan times 100, worked out by hand in the comment next to it. */
#include <stdint.h>
#include <stdlib.h>

#include "clcc.h"
#include "tap.h"

static struct crm_error err;

/* Parse s; the fen value, or a sentinel when it was rejected. */
#define REJECTED INT64_C(-7777777777777)
static int64_t
fen(const char *s)
{
	int64_t v;

	err.msg[0] = '\0';
	return crm_money_parse(s, &v, &err) == 0 ? v : REJECTED;
}

#define is_fen(s, want) do {						\
	int64_t g_ = fen(s);						\
	ok(g_ == (want), "'%s' is %lld fen", (s), (long long)(want));	\
	if (g_ != (want))						\
		printf("#   got %lld (%s)\n", (long long)g_, err.msg);	\
} while (0)

/* s is rejected and the message quotes it and says why. */
#define rejects(s, why) do {						\
	int64_t g_ = fen(s);						\
	ok(g_ == REJECTED && strstr(err.msg, "'" s "'") != NULL &&	\
	    strstr(err.msg, (why)) != NULL,				\
	    "'%s' is rejected: %s", (s), (why));			\
	if (g_ != REJECTED || strstr(err.msg, (why)) == NULL)		\
		printf("#   got %lld, message '%s'\n", (long long)g_,	\
		    err.msg);						\
} while (0)

static const char *
money(int64_t v)
{
	static char buf[CRM_MONEY_BUFSZ];

	crm_money_format(v, buf);
	return buf;
}

static const char *
ratio(int64_t n, int64_t d)
{
	static char buf[CRM_MONEY_BUFSZ];

	return crm_clcc_ratio(n, d, buf) == 0 ? buf : "(undefined)";
}

static const char *
change(int64_t c, int64_t m, int64_t pc, int64_t pm)
{
	static char buf[CRM_MONEY_BUFSZ];

	return crm_clcc_change(c, m, pc, pm, buf) == 0 ? buf : "(undefined)";
}

int
main(void)
{
	int64_t v;

	/* the brief's examples */
	is_fen("¥1,234.50", INT64_C(123450));	/* 1234.50 yuan */
	is_fen("(20.00)", INT64_C(-2000));	/* accounting negative */
	is_fen("\xE2\x88\x92" "20", INT64_C(-2000));	/* U+2212 minus */
	is_fen("－２０", INT64_C(-2000));	/* full-width minus, digits */
	is_fen("1.2万", INT64_C(1200000));	/* 12000.00 yuan */
	is_fen("1.23456万", INT64_C(1234560));	/* 12345.60 yuan */
	rejects("1.23E+05", "scientific notation");
	rejects("1,23", "misplaced thousands separator");
	rejects("12.345", "more than 2 decimals");
	/* 9223372036854775807 yuan is 100 times INT64_MAX fen */
	rejects("9223372036854775807", "out of range");

	/* plain forms */
	is_fen("0", INT64_C(0));
	is_fen("7", INT64_C(700));
	is_fen("1234.5", INT64_C(123450));
	is_fen("1234.05", INT64_C(123405));
	is_fen("0.01", INT64_C(1));
	is_fen("007", INT64_C(700));		/* leading zeros */
	is_fen("+15", INT64_C(1500));
	is_fen("-15.5", INT64_C(-1550));
	is_fen("  42  ", INT64_C(4200));	/* blanks trimmed */
	is_fen("\t42\xE3\x80\x80", INT64_C(4200));	/* tab, U+3000 */
	is_fen("\xC2\xA0" "42", INT64_C(4200));	/* U+00A0 */
	is_fen("-0", INT64_C(0));		/* negative zero is 0 */
	is_fen("(0.00)", INT64_C(0));
	ok(fen("-0.00") == 0 && strcmp(money(fen("-0.00")), "0.00") == 0,
	    "'-0.00' formats as 0.00");

	/* the plain fast path (up to 15 integer digits) and past it */
	is_fen("-0.5", INT64_C(-50));
	is_fen("999999999999999.99", INT64_C(99999999999999999));
	is_fen("1234567890123456", INT64_C(123456789012345600));	/* 16 digits */
	rejects("1.", "no digit after the decimal point");
	rejects("-1.234", "more than 2 decimals");
	rejects("5-", "not an amount");
	is_fen("123456789012345", INT64_C(12345678901234500));	/* 15 digits */
	is_fen("-123456789012345.6", INT64_C(-12345678901234560));
	/* the fast path's accumulator wraps at 2^64 to 0 here: the length
	 * test, not the value, must send it on */
	rejects("18446744073709551616", "out of range");
	rejects("-18446744073709551616.00", "out of range");
	rejects("-", "not an amount '-'");
	rejects(".5", "no digit before the decimal point");
	rejects("1.5x", "not an amount '1.5x'");

	/* thousands separators: groups of exactly three */
	is_fen("1,234", INT64_C(123400));
	is_fen("12,345,678.90", INT64_C(1234567890));
	is_fen("999,999", INT64_C(99999900));
	rejects("1234,567", "misplaced thousands separator");
	rejects("1,2345", "misplaced thousands separator");
	rejects("1,234,56", "misplaced thousands separator");
	rejects(",123", "not an amount");
	rejects("1,", "misplaced thousands separator or decimal comma");
	rejects("1.234,50", "a decimal comma");

	/* currency marks and 元 */
	is_fen("￥88", INT64_C(8800));		/* U+FFE5 */
	is_fen("¥ 88.80", INT64_C(8880));	/* accounting format pads */
	is_fen("CNY 1,000", INT64_C(100000));
	is_fen("RMB1000", INT64_C(100000));
	is_fen("rmb 5", INT64_C(500));
	is_fen("100元", INT64_C(10000));
	is_fen("3万元", INT64_C(3000000));	/* 30000 yuan */
	is_fen("¥-20", INT64_C(-2000));
	is_fen("-¥20", INT64_C(-2000));
	is_fen("(¥1,234.50)", INT64_C(-123450));
	is_fen("¥(1,234.50)", INT64_C(-123450));
	is_fen("（20）", INT64_C(-2000));	/* full-width parentheses */
	is_fen("(20)元", INT64_C(-2000));
	is_fen("＋５", INT64_C(500));		/* full-width plus */
	is_fen("１２．５", INT64_C(1250));	/* full-width point */

	/* 万 and 亿: whole fen only */
	is_fen("2亿", INT64_C(20000000000));	/* 2e8 yuan = 2e10 fen */
	is_fen("1.5亿", INT64_C(15000000000));
	is_fen("0.0000000001亿", INT64_C(1));	/* 0.01 yuan */
	is_fen("1.000001万", INT64_C(1000001));	/* 10000.01 yuan */
	is_fen("1.2 万", INT64_C(1200000));
	rejects("1.2345678万", "more than 6 decimals with 万");
	rejects("1.00000000001亿", "more than 10 decimals with 亿");
	rejects("1.2万万", "not an amount");
	rejects("1元万", "not an amount");

	/* signs and parentheses */
	rejects("(-20)", "a sign inside accounting parentheses");
	rejects("-(20)", "not an amount");
	rejects("--20", "not an amount");
	rejects("+-20", "not an amount");
	rejects("(20", "unbalanced parenthesis");
	rejects("20)", "not an amount");

	/* the rest of the world is rejected, with the value quoted */
	ok(fen("") == REJECTED && strcmp(err.msg, "empty amount") == 0,
	    "empty is 'empty amount' (the caller decides about absent)");
	ok(fen("   ") == REJECTED && strcmp(err.msg, "empty amount") == 0,
	    "blank is 'empty amount'");
	rejects("12%", "a percentage");
	rejects("12％", "a percentage");
	rejects("1e5", "scientific notation");
	rejects("#N/A", "an Excel error value");
	rejects("#VALUE!", "an Excel error value");
	rejects("N/A", "not an amount");
	rejects("-", "not an amount");
	rejects("¥", "not an amount");
	rejects("abc", "not an amount");
	rejects("1.", "no digit after the decimal point");
	rejects(".5", "no digit before the decimal point");
	rejects("1.2.3", "a second decimal point");
	rejects("12 34", "not an amount");
	rejects("20 USD", "not an amount");
	rejects("0x10", "not an amount");
	ok(fen("1.23E+05") == REJECTED &&
	    strcmp(err.msg, "not an amount '1.23E+05' (scientific notation)") == 0,
	    "the message is exactly: not an amount '1.23E+05' (scientific notation)");
	ok(fen("123456789012345678901234567890123456789012345678901234567890"
	    "123456789012345678901234567890") == REJECTED &&
	    strstr(err.msg, "...'") != NULL,
	    "a long value is quoted cut short");

	/* the int64 edges: INT64_MAX fen is 92233720368547758.07 yuan */
	is_fen("92233720368547758.07", INT64_MAX);
	rejects("92233720368547758.08", "out of range");
	is_fen("-92233720368547758.08", INT64_MIN);
	rejects("-92233720368547758.09", "out of range");
	rejects("99999999999999999999", "out of range");	/* m itself overflows */
	rejects("922337203685477.5808万", "out of range");

	/* format */
	is_str(money(123450), "1234.50", "123450 fen is 1234.50");
	is_str(money(-5), "-0.05", "-5 fen is -0.05");
	is_str(money(-2000), "-20.00", "-2000 fen is -20.00");
	is_str(money(0), "0.00", "0 fen is 0.00");
	is_str(money(INT64_MAX), "92233720368547758.07", "INT64_MAX");
	is_str(money(INT64_MIN), "-92233720368547758.08", "INT64_MIN");
	ok(crm_money_parse(money(INT64_MIN), &v, &err) == 0 && v == INT64_MIN,
	    "INT64_MIN round-trips");

	/* ratios: 4 decimals, half away from zero */
	is_str(ratio(1, 8), "0.1250", "1/8 = 0.125 exactly");
	is_str(ratio(1, 3), "0.3333", "1/3 = 0.33333... rounds down");
	is_str(ratio(2, 3), "0.6667", "2/3 = 0.66666... rounds up");
	is_str(ratio(1, 20000), "0.0001", "0.00005 rounds half away from zero: up");
	is_str(ratio(-1, 20000), "-0.0001", "-0.00005 rounds half away from zero: down");
	is_str(ratio(3, 20000), "0.0002", "0.00015 (a tie in decimal) rounds to 0.0002");
	is_str(ratio(1, 20001), "0.0000", "just under a half rounds to 0");
	is_str(ratio(-1, 30000), "0.0000", "-0.0000333 prints 0.0000, not -0.0000");
	is_str(ratio(99999, 100000), "1.0000", "0.99999 carries into the integer part");
	is_str(ratio(5, 0), "(undefined)", "x/0 is undefined, not inf");
	is_str(ratio(0, 0), "(undefined)", "0/0 is undefined, not nan");
	is_str(ratio(INT64_MAX, 1), "9223372036854775807.0000", "INT64_MAX/1");
	is_str(ratio(INT64_MIN, 1), "-9223372036854775808.0000", "INT64_MIN/1");
	is_str(ratio(INT64_MAX, INT64_MAX - 1), "1.0000", "big/big");

	/* change rates, as one exact fraction */
	/* 0.1127 / 0.1000 - 1 = 0.127 */
	is_str(change(1127000, 10000000, 1000000, 10000000), "0.1270",
	    "clcc 0.1000 -> 0.1127 is +0.1270");
	/* 0.1067269 / 0.1127 - 1 = -0.053 exactly (0.1127 * 0.947) */
	is_str(change(1067269, 10000000, 1127000, 10000000), "-0.0530",
	    "clcc 0.1127 -> 0.1067269 is -0.0530");
	/* 0.99995 - 1 = -0.00005: exact, so half away from zero gives
	 * -0.0001; rounding the quotient first would give 1.0000 - 1 = 0 */
	is_str(change(99995, 100000, 1, 1), "-0.0001",
	    "no intermediate rounding: -0.00005 -> -0.0001");
	is_str(change(1, 1, 0, 5), "(undefined)", "previous clcc 0: undefined");
	is_str(change(1, 0, 1, 5), "(undefined)", "margin 0: undefined");
	/* extremes: (MAX/1)/(1/MAX) - 1 = MAX^2 - 1, exact in 128 bits */
	is_str(change(INT64_MAX, 1, 1, INT64_MAX),
	    "85070591730234615847396907784232501248.0000",
	    "(2^63-1)^2 - 1 does not overflow");
	is_str(change(INT64_MIN, 1, INT64_MAX, 1), "-2.0000",
	    "(-2^63)/(2^63-1) - 1 rounds to -2.0000");

	return tap_done();
}
