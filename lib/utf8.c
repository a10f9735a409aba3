/* utf8.c - strict UTF-8 validation and display width. */
#include <string.h>

#include "crm.h"

#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL

size_t
crm_utf8_check(const char *str, size_t n)
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
