/* test_utf8 - crm_utf8_check against a plain reference decoder, on every
 * 3-byte sequence with a lead E0..EF, and every 2- and 4-byte lead with
 * boundary continuation bytes, each placed where the fast paths apply. */
#include <stdlib.h>

#include "crm.h"
#include "tap.h"

/* The reference: the length of the valid sequence at s (n bytes left), or
 * 0 when it is not valid UTF-8 (overlong, surrogate, > U+10FFFF, cut,
 * bad continuation) or is NUL. */
static size_t
ref_one(const unsigned char *s, size_t n)
{
	unsigned cp, min;
	size_t need;

	if (s[0] == 0)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC0 && s[0] < 0xE0)
		need = 1, cp = s[0] & 0x1F, min = 0x80;
	else if (s[0] >= 0xE0 && s[0] < 0xF0)
		need = 2, cp = s[0] & 0x0F, min = 0x800;
	else if (s[0] >= 0xF0 && s[0] < 0xF8)
		need = 3, cp = s[0] & 0x07, min = 0x10000;
	else
		return 0;
	if (n < need + 1)
		return 0;
	for (size_t k = 1; k <= need; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[k] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return need + 1;
}

static size_t
ref(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, k;

	while (i < n) {
		if ((k = ref_one(s + i, n - i)) == 0)
			return i;
		i += k;
	}
	return n;
}

static int bad;

static void
cmp(const char *buf, size_t n)
{
	if (crm_utf8_check(buf, n) != ref(buf, n) && bad++ < 5) {
		printf("# differ on");
		for (size_t i = 0; i < n; i++)
			printf(" %02X", (unsigned char)buf[i]);
		printf(": got %zu, want %zu\n", crm_utf8_check(buf, n), ref(buf, n));
	}
}

int
main(void)
{
	static const unsigned char cont[] = { 0x00, 0x41, 0x7F, 0x80, 0x8F,
	    0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF };
	char buf[32];
	size_t checked = 0;

	/* every 3-byte sequence E0..EF xx yy, between ASCII, in a run of
	 * two (the word-at-a-time loop), and cut at the end */
	for (unsigned a = 0xE0; a <= 0xEF; a++)
		for (unsigned b = 0; b < 256; b++)
			for (unsigned c = 0; c < 256; c++) {
				char *p = buf;

				*p++ = 'x';
				*p++ = (char)a, *p++ = (char)b, *p++ = (char)c;
				*p++ = (char)0xE4, *p++ = (char)0xB8, *p++ = (char)0x8A;
				*p++ = (char)a, *p++ = (char)b, *p++ = (char)c;
				*p++ = 'y';
				cmp(buf, (size_t)(p - buf));
				cmp(buf, 4);
				cmp(buf + 7, 3);
				cmp(buf + 7, 2);
				checked += 4;
			}
	/* 2- and 4-byte leads with boundary continuations */
	for (unsigned a = 0x80; a <= 0xFF; a++)
		for (size_t i = 0; i < sizeof cont; i++)
			for (size_t j = 0; j < sizeof cont; j++)
				for (size_t k = 0; k < sizeof cont; k++) {
					buf[0] = (char)a, buf[1] = (char)cont[i];
					buf[2] = (char)cont[j], buf[3] = (char)cont[k];
					buf[4] = 'z';
					for (size_t n = 1; n <= 5; n++)
						cmp(buf, n);
					checked += 5;
				}
	ok(bad == 0, "crm_utf8_check agrees with the reference on %zu inputs "
	    "(%d differ)", checked, bad);
	/* long ASCII and long CJK runs, with one bad byte at every offset */
	for (size_t at = 0; at < 30; at++) {
		for (size_t i = 0; i < 30; i += 3) {
			buf[i] = (char)0xE4, buf[i + 1] = (char)0xB8;
			buf[i + 2] = (char)0x8A;
		}
		buf[at] = (char)0xFF;
		cmp(buf, 30);
		memset(buf, 'a', 30);
		buf[at] = (char)0x80;
		cmp(buf, 30);
		buf[at] = 0;
		cmp(buf, 30);
	}
	ok(bad == 0, "a bad byte at every offset of ASCII and CJK runs");
	return tap_done();
}
