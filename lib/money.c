/* money.c - amounts as spreadsheet and CRM exports write them, parsed into
 * exact integer fen (RELIABILITY.md #30, #32, #33, #35): never a float,
 * never a wrapped sum, every rejected value quoted.  The grammar is in
 * crm-clcc(1), section AMOUNTS. */
#include <string.h>

#include "clcc.h"

/* Longest part of a value quoted in a message, in bytes. */
#define QUOTE_MAX 64

/* 10^n for the scales used here (2: yuan, 6: 万, 10: 亿). */
static const uint64_t pow10[] = { 1, 10, 100, 1000, 10000, 100000,
    1000000, 10000000, 100000000, 1000000000, 10000000000ULL };

/* If [p, e) starts with tok, the byte after it; else NULL. */
static const char *
match(const char *p, const char *e, const char *tok)
{
	size_t n = strlen(tok);

	return (size_t)(e - p) >= n && memcmp(p, tok, n) == 0 ? p + n : NULL;
}

/* Same, ignoring ASCII case (tok in upper case). */
static const char *
match_nocase(const char *p, const char *e, const char *tok)
{
	size_t i, n = strlen(tok);

	if ((size_t)(e - p) < n)
		return NULL;
	for (i = 0; i < n; i++) {
		char c = p[i];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c != tok[i])
			return NULL;
	}
	return p + n;
}

/* The byte after a blank at p (space, tab, U+00A0, U+3000), or NULL. */
static const char *
blank(const char *p, const char *e)
{
	const char *q;

	if (p < e && (*p == ' ' || *p == '\t'))
		return p + 1;
	if ((q = match(p, e, "\xC2\xA0")) != NULL)		/* U+00A0 */
		return q;
	return match(p, e, "\xE3\x80\x80");			/* U+3000 */
}

/* The first byte at or after p that does not start a blank. */
static const char *
skip_blanks(const char *p, const char *e)
{
	const char *q;

	while ((q = blank(p, e)) != NULL)
		p = q;
	return p;
}

/* A digit at p, ASCII or full-width (U+FF10..U+FF19): its value in *d and
 * the byte after it, or NULL. */
static const char *
digit(const char *p, const char *e, int *d)
{
	const unsigned char *u = (const unsigned char *)p;

	if (p < e && *p >= '0' && *p <= '9') {
		*d = *p - '0';
		return p + 1;
	}
	if (e - p >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 &&
	    u[2] <= 0x99) {
		*d = u[2] - 0x90;
		return p + 3;
	}
	return NULL;
}

/* A sign at p: '-', '+', U+2212 minus, full-width U+FF0D and U+FF0B.
 * Sets *neg and returns the byte after it, or NULL. */
static const char *
sign(const char *p, const char *e, bool *neg)
{
	const char *q;

	if (p < e && (*p == '-' || *p == '+')) {
		*neg = *p == '-';
		return p + 1;
	}
	if ((q = match(p, e, "\xE2\x88\x92")) != NULL ||	/* U+2212 */
	    (q = match(p, e, "\xEF\xBC\x8D")) != NULL) {	/* U+FF0D */
		*neg = true;
		return q;
	}
	if ((q = match(p, e, "\xEF\xBC\x8B")) != NULL) {	/* U+FF0B */
		*neg = false;
		return q;
	}
	return NULL;
}

/* A currency mark at p: ¥ (U+00A5), ￥ (U+FFE5), CNY or RMB. */
static const char *
currency(const char *p, const char *e)
{
	const char *q;

	if ((q = match(p, e, "\xC2\xA5")) != NULL ||
	    (q = match(p, e, "\xEF\xBF\xA5")) != NULL ||
	    (q = match_nocase(p, e, "CNY")) != NULL ||
	    (q = match_nocase(p, e, "RMB")) != NULL)
		return q;
	return NULL;
}

/* The byte after an opening parenthesis at p, ASCII or full-width. */
static const char *
open_paren(const char *p, const char *e)
{
	const char *q = match(p, e, "(");

	return q ? q : match(p, e, "\xEF\xBC\x88");		/* U+FF08 */
}

/* The byte after a closing parenthesis at p, ASCII or full-width. */
static const char *
close_paren(const char *p, const char *e)
{
	const char *q = match(p, e, ")");

	return q ? q : match(p, e, "\xEF\xBC\x89");		/* U+FF09 */
}

/* Reject s: err->msg = "not an amount 's' (why)", with s cut to
 * QUOTE_MAX bytes on a character boundary.  Returns -1. */
static int
reject(const char *s, const char *why, struct crm_error *err)
{
	size_t n = strlen(s);
	const char *more = "";

	if (n > QUOTE_MAX) {
		n = QUOTE_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		more = "...";
	}
	crm_error_set(err, NULL, 0, 0, "not an amount '%.*s%s'%s%s%s",
	    (int)n, s, more, why ? " (" : "", why ? why : "",
	    why ? ")" : "");
	return -1;
}

/* Why the text at p cannot follow a number, for the message; NULL when
 * there is nothing more specific to say than "not an amount". */
static const char *
trailing_why(const char *p, const char *e)
{
	if (p == e)
		return NULL;
	if (*p == 'e' || *p == 'E')
		return "scientific notation";
	if (*p == '%' || match(p, e, "\xEF\xBC\x85"))		/* U+FF05 */
		return "a percentage";
	if (*p == ',')
		return "misplaced thousands separator or decimal comma";
	if (*p == '.' || match(p, e, "\xEF\xBC\x8E"))
		return "a second decimal point";
	return NULL;
}

/* The common plain form, -?[0-9]{1,15}(.[0-9]{1,2})?, read without the
 * general machinery (most ledgers are written so).  Returns -1 for
 * anything else, which then takes the general path. */
static int
plain_amount(const char *s, int64_t *fen)
{
	const char *p = s + (*s == '-'), *start = p;
	uint64_t v = 0;			/* wraps harmlessly past 19 digits */
	unsigned d;

	/* c - '0' as unsigned is at most 9 for a digit only: one test */
	while ((d = (unsigned)(unsigned char)*p - '0') <= 9) {
		v = v * 10 + d;
		p++;
	}
	if (p == start || p - start > 15)
		return -1;
	v *= 100;			/* < 10^17: no overflow */
	if (*p == '.') {
		if ((d = (unsigned)(unsigned char)p[1] - '0') > 9)
			return -1;
		v += d * 10;
		p += 2;
		if ((d = (unsigned)(unsigned char)*p - '0') <= 9) {
			v += d;
			p++;
		}
	}
	if (*p != '\0')
		return -1;
	*fen = *s == '-' ? -(int64_t)v : (int64_t)v;
	return 0;
}

/* crm_money_parse() beyond the plain form.  The value is read in one
 * pass: prefix (sign, currency, parenthesis), digits into an unsigned 64-bit mantissa with overflow
 * noted, suffix (万, 亿, 元, parenthesis); then the scale is checked and
 * applied with checked multiplication.  Not inlined: its register saves
 * would then be paid by every plain amount too. */
static __attribute__((noinline)) int
money_parse(const char *s, int64_t *fen, struct crm_error *err)
{
	const char *p = s, *e = s + strlen(s), *q;
	bool neg = false, have_sign = false, have_cur = false, paren = false;
	bool closed = false, have_yuan = false, have_mult = false, ovf = false;
	bool commas = false;
	uint64_t m = 0, mag;
	int scale = 2, nint = 0, nfrac = 0, group = 0, d;
	const char *mult = "";

	/* blanks around the value */
	p = skip_blanks(p, e);
	while (e > p) {
		const char *b = e - 1;

		while (b > p && ((unsigned char)*b & 0xC0) == 0x80)
			b--;
		if (blank(b, e) != e)
			break;
		e = b;
	}
	if (p == e) {
		crm_error_set(err, NULL, 0, 0, "empty amount");
		return -1;
	}
	if (*p == '#')
		return reject(s, "an Excel error value", err);

	/* prefix: one sign, one currency mark, one '(' (not after a sign) */
	for (;;) {
		bool n;

		p = skip_blanks(p, e);
		if (!have_sign && (q = sign(p, e, &n)) != NULL) {
			if (paren)
				return reject(s, "a sign inside accounting "
				    "parentheses", err);
			have_sign = true;
			neg = n;
		} else if (!have_cur && (q = currency(p, e)) != NULL) {
			have_cur = true;
		} else if (!paren && (q = open_paren(p, e)) != NULL) {
			if (have_sign)
				return reject(s, "a sign and accounting "
				    "parentheses", err);
			paren = true;
		} else {
			break;
		}
		p = q;
	}

	/* integer part, with ',' only between groups of three digits */
	for (;;) {
		if ((q = digit(p, e, &d)) != NULL) {
			if (__builtin_mul_overflow(m, 10, &m) ||
			    __builtin_add_overflow(m, (uint64_t)d, &m))
				ovf = true;
			nint++;
			group++;
			p = q;
		} else if (p < e && *p == ',' && group > 0 && digit(p + 1, e, &d)) {
			if (commas ? group != 3 : group > 3)
				return reject(s, "misplaced thousands separator",
				    err);
			commas = true;
			group = 0;
			p++;
		} else {
			break;
		}
	}
	if (nint == 0) {
		if (p < e && (*p == '.' || match(p, e, "\xEF\xBC\x8E")))
			return reject(s, "no digit before the decimal point",
			    err);
		return reject(s, p < e && *p == ',' ?
		    "misplaced thousands separator" : NULL, err);
	}
	if (commas && group != 3)
		return reject(s, "misplaced thousands separator", err);

	/* fraction */
	if ((q = match(p, e, ".")) != NULL ||
	    (q = match(p, e, "\xEF\xBC\x8E")) != NULL) {		/* U+FF0E */
		p = q;
		while ((q = digit(p, e, &d)) != NULL) {
			if (__builtin_mul_overflow(m, 10, &m) ||
			    __builtin_add_overflow(m, (uint64_t)d, &m))
				ovf = true;
			nfrac++;
			p = q;
		}
		if (nfrac == 0)
			return reject(s, "no digit after the decimal point", err);
		if (p < e && *p == ',')
			return reject(s, "a decimal comma", err);
	}

	/* suffix: 万 or 亿, then 元, and the ')' that closes a '(' */
	for (;;) {
		p = skip_blanks(p, e);
		if (!have_mult && !have_yuan && !closed &&
		    (q = match(p, e, "\xE4\xB8\x87")) != NULL) {	/* 万 */
			have_mult = true;
			scale = 6;
			mult = " with 万";
		} else if (!have_mult && !have_yuan && !closed &&
		    (q = match(p, e, "\xE4\xBA\xBF")) != NULL) {	/* 亿 */
			have_mult = true;
			scale = 10;
			mult = " with 亿";
		} else if (!have_yuan && (q = match(p, e, "\xE5\x85\x83")) != NULL) {
			have_yuan = true;				/* 元 */
		} else if (paren && !closed && (q = close_paren(p, e)) != NULL) {
			closed = true;
		} else {
			break;
		}
		p = q;
	}
	if (p != e)
		return reject(s, trailing_why(p, e), err);
	if (paren && !closed)
		return reject(s, "unbalanced parenthesis", err);
	if (nfrac > scale) {
		char why[64];

		/* 万 is 10^6 fen, 亿 10^10: more digits than that are
		 * fractions of a fen */
		snprintf(why, sizeof why, "more than %d decimals%s: not a "
		    "whole fen", scale, mult);
		return reject(s, why, err);
	}
	if (ovf || __builtin_mul_overflow(m, pow10[scale - nfrac], &mag) ||
	    mag > (uint64_t)INT64_MAX + (neg || paren))
		return reject(s, "out of range", err);
	if (neg || paren)
		*fen = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN :
		    -(int64_t)mag;
	else
		*fen = (int64_t)mag;
	return 0;
}

/* See clcc.h.  The plain form first, before even the strlen() of the
 * general parser: it is most of every ledger. */
int
crm_money_parse(const char *s, int64_t *fen, struct crm_error *err)
{
	if (plain_amount(s, fen) == 0)
		return 0;
	return money_parse(s, fen, err);
}

/* See clcc.h. */
void
crm_money_format(int64_t fen, char *buf)
{
	uint64_t mag = fen < 0 ? -(uint64_t)fen : (uint64_t)fen;
	char tmp[CRM_MONEY_BUFSZ];
	size_t i = sizeof tmp, n;

	/* by hand, not snprintf: a report writes millions of these */
	tmp[--i] = (char)('0' + mag % 10);
	mag /= 10;
	tmp[--i] = (char)('0' + mag % 10);
	mag /= 10;
	tmp[--i] = '.';
	do {
		tmp[--i] = (char)('0' + mag % 10);
		mag /= 10;
	} while (mag > 0);
	if (fen < 0)
		tmp[--i] = '-';
	n = sizeof tmp - i;
	memcpy(buf, tmp + i, n);
	buf[n] = '\0';
}
