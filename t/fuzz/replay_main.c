/* replay_main - run fuzz harnesses over files without libFuzzer:
 * replay NAME FILE...; make check replays every committed corpus. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fuzz_csv(const uint8_t *data, size_t size);
int fuzz_header(const uint8_t *data, size_t size);
int fuzz_import(const uint8_t *data, size_t size);
int fuzz_jobs(const uint8_t *data, size_t size);
int fuzz_money(const uint8_t *data, size_t size);
int fuzz_profile(const uint8_t *data, size_t size);
int fuzz_report(const uint8_t *data, size_t size);
int fuzz_rules(const uint8_t *data, size_t size);
int fuzz_thresholds(const uint8_t *data, size_t size);
int fuzz_time(const uint8_t *data, size_t size);
int fuzz_tools(const uint8_t *data, size_t size);
int fuzz_weights(const uint8_t *data, size_t size);

static const struct {
	const char *name;
	int (*fn)(const uint8_t *, size_t);
} harness[] = {
	{ "fuzz_csv", fuzz_csv },
	{ "fuzz_header", fuzz_header },
	{ "fuzz_import", fuzz_import },
	{ "fuzz_jobs", fuzz_jobs },
	{ "fuzz_money", fuzz_money },
	{ "fuzz_profile", fuzz_profile },
	{ "fuzz_report", fuzz_report },
	{ "fuzz_rules", fuzz_rules },
	{ "fuzz_thresholds", fuzz_thresholds },
	{ "fuzz_time", fuzz_time },
	{ "fuzz_tools", fuzz_tools },
	{ "fuzz_weights", fuzz_weights },
};

int
main(int argc, char *argv[])
{
	size_t h;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: replay harness [file ...]\n");
		return 2;
	}
	for (h = 0; h < sizeof harness / sizeof harness[0]; h++)
		if (strcmp(harness[h].name, argv[1]) == 0)
			break;
	if (h == sizeof harness / sizeof harness[0]) {
		fprintf(stderr, "replay: no harness '%s'\n", argv[1]);
		return 2;
	}
	for (i = 2; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		char *buf = NULL;
		size_t n = 0, cap = 0, k;

		if (f == NULL) {
			perror(argv[i]);
			return 2;
		}
		do {
			if (n == cap)
				buf = realloc(buf, cap = cap ? cap * 2 : 65536);
			k = fread(buf + n, 1, cap - n, f);
			n += k;
		} while (k > 0);
		fclose(f);
		harness[h].fn((const uint8_t *)buf, n);
		free(buf);
	}
	return 0;
}
