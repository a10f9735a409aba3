/* test_utf8 - crm_utf8_check against a plain reference decoder, on every
 * 3-byte sequence with a lead E0..EF, and every 2- and 4-byte lead with
 * boundary continuation bytes, each placed where the fast paths apply;
 * then on long random texts of valid and broken characters, where the
 * 16-byte blocks apply, with every sequence moved across a block edge. */
#include <stdlib.h>
#include <string.h>

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

	/* every 1- to 4-byte sequence above from the table (valid or not),
	 * between CJK text, at each of 16 offsets of a block, then cut at
	 * every length: the blocks and the scalar tail must agree */
	{
		static const unsigned char probe[] = { 0x00, 0x41, 0x7F, 0x80,
		    0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
		    0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5,
		    0xF8, 0xFF };
		const size_t np = sizeof probe;
		char big[96];
		size_t before = checked;

		for (size_t a = 0; a < np; a++)
			for (size_t b = 0; b < np; b++)
				for (size_t c = 0; c < np; c++)
					for (size_t off = 0; off < 48; off += 3) {
						for (size_t i = 0; i < sizeof big; i += 3) {
							big[i] = (char)0xE4;
							big[i + 1] = (char)0xB8;
							big[i + 2] = (char)0x8A;
						}
						big[off + 14] = (char)probe[a];
						big[off + 15] = (char)probe[b];
						big[off + 16] = (char)probe[c];
						cmp(big, sizeof big);
						cmp(big, off + 16);
						cmp(big, off + 17);
						cmp(big + 1, 40);
						checked += 4;
					}
		ok(bad == 0, "three probe bytes across every block edge in CJK "
		    "text: %zu inputs agree", checked - before);
	}
	{
		/* random texts: valid characters of 1 to 4 bytes, and now and
		 * then a random byte, lengths 0 to 300 */
		static const char *const chars[] = { "a", "Z", ",", "\xC2\xA0",
		    "\xDF\xBF", "\xE4\xB8\x8A", "\xE0\xA0\x80",
		    "\xED\x9F\xBF", "\xEF\xBF\xBD", "\xF0\x90\x80\x80",
		    "\xF4\x8F\xBF\xBF", "\xF3\xA0\x80\x81" };
		char text[320];
		unsigned long x = 12345;
		size_t before = checked;

		for (int round = 0; round < 200000; round++) {
			size_t len = 0, want;

			x = x * 6364136223846793005UL + 1442695040888963407UL;
			want = (size_t)(x >> 33) % 300;
			while (len < want) {
				x = x * 6364136223846793005UL +
				    1442695040888963407UL;
				if ((x >> 40) % 97 == 0) {
					text[len++] = (char)(x >> 20);
				} else {
					const char *ch = chars[(x >> 33) %
					    (sizeof chars / sizeof chars[0])];
					size_t k = strlen(ch);

					memcpy(text + len, ch, k);
					len += k;
				}
			}
			cmp(text, len);
			checked++;
		}
		ok(bad == 0, "%zu random texts agree", checked - before);
	}
	return tap_done();
}
