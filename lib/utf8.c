/* utf8.c - strict UTF-8 validation and display width. */
#include <string.h>

#include "crm.h"

#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL

/* The scalar check: the offset of the first byte of s[0..n) that is not
 * valid UTF-8 (or is NUL), n when all are. */
static size_t
check_scalar(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];

		if (c < 0x80) {
			if (c == 0)
				return i;
			i++;
			/* then eight ASCII bytes at a time, none of them NUL */
			while (i + 8 <= n) {
				uint64_t w;

				memcpy(&w, s + i, 8);
				if ((w & HIGHS) != 0 || ((w - ONES) & ~w & HIGHS) != 0)
					break;
				i += 8;
			}
			continue;
		}
		/* runs of 3-byte sequences (CJK) stay in these loops: first
		 * one mask test per character for the common leads (E1..EC,
		 * EE, EF: no overlong or surrogate possible), read as a word */
		while ((c & 0xF0) == 0xE0 && c != 0xE0 && c != 0xED && n - i >= 4) {
			uint32_t w = (uint32_t)s[i] | (uint32_t)s[i + 1] << 8 |
			    (uint32_t)s[i + 2] << 16;
			if ((w & 0xC0C0F0) != 0x8080E0)
				break;
			i += 3;
			c = s[i];
		}
		while ((c & 0xF0) == 0xE0) {
			if (n - i < 3 || (s[i + 1] & 0xC0) != 0x80 ||
			    (s[i + 2] & 0xC0) != 0x80 ||
			    (c == 0xE0 && s[i + 1] < 0xA0) ||	/* overlong */
			    (c == 0xED && s[i + 1] >= 0xA0))	/* surrogate */
				return i;
			i += 3;
			if (i >= n)
				return n;
			c = s[i];
		}
		if (c < 0x80)
			continue;
		if (c >= 0xC2 && c <= 0xDF) {
			if (n - i < 2 || (s[i + 1] & 0xC0) != 0x80)
				return i;
			i += 2;
		} else if (c >= 0xF0 && c <= 0xF4) {
			if (n - i < 4 || (s[i + 1] & 0xC0) != 0x80 ||
			    (s[i + 2] & 0xC0) != 0x80 || (s[i + 3] & 0xC0) != 0x80 ||
			    (c == 0xF0 && s[i + 1] < 0x90) ||	/* overlong */
			    (c == 0xF4 && s[i + 1] >= 0x90))	/* > U+10FFFF */
				return i;
			i += 4;
		} else {
			return i;
		}
	}
	return n;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
/* Sixteen bytes a step with SSSE3, after the table method of Keiser and
 * Lemire ("Validating UTF-8 in less than one instruction per byte",
 * 2021).  Every error of UTF-8 shows in a pair of bytes (p, c), p just
 * before c, and each kind of error is a condition on p's high nibble,
 * p's low nibble and c's high nibble taken one at a time: so three
 * 16-entry tables, indexed by those nibbles with PSHUFB and ANDed, give
 * a byte of error bits per pair.  The one error a pair cannot see, a
 * continuation too many or too few after a 3- or 4-byte lead, is the
 * two-continuations bit compared with whether the byte two or three back
 * is such a lead.  The tables are built from the rules below, not
 * written out. */
#include <pthread.h>
#include <immintrin.h>

enum {
	E_SHORT = 1,		/* a lead, then no continuation */
	E_LONG = 2,		/* ASCII, then a continuation */
	E_OVER3 = 4,		/* E0 80..9F: overlong */
	E_LARGE = 8,		/* F4..FF 90..BF: above U+10FFFF */
	E_SURR = 16,		/* ED A0..BF: a surrogate */
	E_OVER2 = 32,		/* C0 or C1, then a continuation: overlong */
	E_LARGE8 = 64,		/* F0 80..8F (overlong), F5..FF 80..8F */
	E_CONT2 = 128		/* two continuations: right only as the 3rd
				   or 4th byte of a sequence */
};

/* Each rule as three sets of nibbles (bit k: nibble k is in the set). */
static const struct {
	unsigned char bit;
	unsigned short p_hi, p_lo, c_hi;
} rules[] = {
	{ E_SHORT,  0xF000, 0xFFFF, 0xF0FF },	/* C..F  any    0..7,C..F */
	{ E_LONG,   0x00FF, 0xFFFF, 0x0F00 },	/* 0..7  any    8..B */
	{ E_OVER3,  0x4000, 0x0001, 0x0300 },	/* E     0      8..9 */
	{ E_LARGE,  0x8000, 0xFFF0, 0x0E00 },	/* F     4..F   9..B */
	{ E_SURR,   0x4000, 0x2000, 0x0C00 },	/* E     D      A..B */
	{ E_OVER2,  0x1000, 0x0003, 0x0F00 },	/* C     0..1   8..B */
	{ E_LARGE8, 0x8000, 0xFFE1, 0x0100 },	/* F     0,5..F 8 */
	{ E_CONT2,  0x0F00, 0xFFFF, 0x0F00 },	/* 8..B  any    8..B */
};

static unsigned char tab_p_hi[16], tab_p_lo[16], tab_c_hi[16];
static pthread_once_t tab_once = PTHREAD_ONCE_INIT;
static int have_ssse3;

static void
tab_init(void)
{
	for (int k = 0; k < 16; k++)
		for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++) {
			if (rules[r].p_hi >> k & 1)
				tab_p_hi[k] |= rules[r].bit;
			if (rules[r].p_lo >> k & 1)
				tab_p_lo[k] |= rules[r].bit;
			if (rules[r].c_hi >> k & 1)
				tab_c_hi[k] |= rules[r].bit;
		}
	__builtin_cpu_init();
	have_ssse3 = __builtin_cpu_supports("ssse3");
}

/* Where the scalar check takes over after the blocks before s + i: the
 * start of the character that holds s[i - 1] (the blocks have checked
 * every pair before i, so what comes before that start is valid). */
static size_t
restart(const unsigned char *s, size_t i)
{
	size_t j = i > 0 ? i - 1 : 0;

	while (j > 0 && i - j < 4 && (s[j] & 0xC0) == 0x80)
		j--;
	return j;
}

/* The blocks: returns where the scalar check must go on (at the first
 * block with an error, or the tail shorter than a block). */
__attribute__((target("ssse3")))
static size_t
check_blocks(const unsigned char *s, size_t n)
{
	const __m128i p_hi = _mm_loadu_si128((const __m128i *)tab_p_hi);
	const __m128i p_lo = _mm_loadu_si128((const __m128i *)tab_p_lo);
	const __m128i c_hi = _mm_loadu_si128((const __m128i *)tab_c_hi);
	const __m128i nib = _mm_set1_epi8(0x0F), zero = _mm_setzero_si128();
	const __m128i b80 = _mm_set1_epi8((char)0x80);
	const __m128i df = _mm_set1_epi8((char)0xDF), ef = _mm_set1_epi8((char)0xEF);
	/* above these, the last three bytes of a block begin a character
	 * that goes on into the next one: F0.., E0.., C0.. */
	const __m128i last3 = _mm_setr_epi8((char)0xEF, (char)0xDF,
	    (char)0xBF, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
	__m128i prev = zero;
	size_t i;

	for (i = 0; i + 16 <= n; i += 16) {
		__m128i in = _mm_loadu_si128((const __m128i *)(s + i));
		__m128i err = _mm_cmpeq_epi8(in, zero);	/* NUL */
		__m128i open = _mm_subs_epu8(_mm_alignr_epi8(zero, prev, 13),
		    last3);

		if (_mm_movemask_epi8(in) != 0 ||
		    _mm_movemask_epi8(_mm_cmpeq_epi8(open, zero)) != 0xFFFF) {
			/* not ASCII after complete characters */
			__m128i p1 = _mm_alignr_epi8(in, prev, 15);
			__m128i p2 = _mm_alignr_epi8(in, prev, 14);
			__m128i p3 = _mm_alignr_epi8(in, prev, 13);
			__m128i sp = _mm_and_si128(_mm_and_si128(
			    _mm_shuffle_epi8(p_hi, _mm_and_si128(
			    _mm_srli_epi16(p1, 4), nib)),
			    _mm_shuffle_epi8(p_lo, _mm_and_si128(p1, nib))),
			    _mm_shuffle_epi8(c_hi, _mm_and_si128(
			    _mm_srli_epi16(in, 4), nib)));
			__m128i lead34 = _mm_or_si128(_mm_subs_epu8(p2, df),
			    _mm_subs_epu8(p3, ef));
			__m128i must = _mm_andnot_si128(_mm_cmpeq_epi8(lead34,
			    zero), b80);

			err = _mm_or_si128(err, _mm_xor_si128(sp, must));
		}
		if (_mm_movemask_epi8(_mm_cmpeq_epi8(err, zero)) != 0xFFFF)
			return restart(s, i);
		prev = in;
	}
	return restart(s, i);
}
#endif

size_t
crm_utf8_check(const char *str, size_t n)
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
	if (n >= 32) {
		size_t i;

		pthread_once(&tab_once, tab_init);
		if (have_ssse3) {
			i = check_blocks((const unsigned char *)str, n);
			return i + check_scalar(str + i, n - i);
		}
	}
#endif
	return check_scalar(str, n);
}

size_t
crm_utf8_chars(const char *s, size_t n)
{
	size_t i, chars = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			chars++;
	return chars;
}

/* East Asian wide and fullwidth ranges (a subset of Unicode's EAW W/F
 * that covers CJK, Hangul, kana, full-width forms and CJK symbols). */
static int
wide(unsigned cp)
{
	return (cp >= 0x1100 && cp <= 0x115F) ||
	    (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
	    (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	    (cp >= 0xA000 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
	    (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
	    (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

size_t
crm_utf8_width(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t w = 0;

	while (*s) {
		unsigned cp = *s, k, need = 0;

		if (cp >= 0xF0) { need = 3; cp &= 0x07; }
		else if (cp >= 0xE0) { need = 2; cp &= 0x0F; }
		else if (cp >= 0xC0) { need = 1; cp &= 0x1F; }
		s++;
		for (k = 0; k < need && (*s & 0xC0) == 0x80; k++, s++)
			cp = (cp << 6) | (*s & 0x3F);
		if (cp >= 0x300 && cp <= 0x36F)
			continue;		/* combining marks */
		w += wide(cp) ? 2 : 1;
	}
	return w;
}
