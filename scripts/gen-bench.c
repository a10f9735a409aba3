/* gen-bench - deterministic CSV data for scripts/bench.
 *
 *   gen-bench customers N        N customers (customer_id,name,region,rep_id,
 *                                updated_at,tier,contract_end,created_at)
 *   gen-bench activities M N     M activities of those N customers
 *                                (activity_id,customer_id,rep_id,ts,type,note,
 *                                evidence)
 *   gen-bench ledger M N         M ledger entries of those N customers
 *                                (customer_id,date,kind,amount,sub_kind,note)
 *   gen-bench bytes M N          the size in bytes of activities M N, made
 *                                and counted, not written
 *
 * Same arguments, same bytes, on every machine: no libc rand, no clock, no
 * locale.  Every customer's profile (rep, region, whether it churned and on
 * which day, whether it was never touched) is a pure function of its index,
 * so the two files agree; activities come from one fixed-seed xorshift64*
 * stream and row k does not depend on M, so `activities 1000000 N` is exactly
 * the first million records of `activities 10000000 N`.
 *
 * Shape: ids C0000001.., A000000001..; UTF-8 Chinese store names, a few
 * quoted with an ASCII comma; regions 华东/华北/华南/西南; reps R001-R200;
 * updated_at a +08:00 timestamp or a bare date in 2025-01-01..2026-11-27,
 * about 10% empty; activity ts ISO 8601 with +08:00 at any hour of a day in
 * 2025-01-01..2026-11-27 (never after the bench's as-of day 2026-11-27);
 * types visit/call/proposal/pdf_blast, equally often; notes Chinese text,
 * 12% empty, 33% plain, 55% quoted with ASCII commas (8% of all with doubled
 * quotes), one quoted note in 2000 spanning two lines.  About 30% of
 * customers churned on some day (their touches stop there: with the default
 * sizes about 28% come out stale at 90 days), 0.5% were never touched, and
 * one activity in 50000 names a customer missing from the customers file.
 *
 * The columns after those, for crm-rules and crm-hotlist, come from streams
 * of their own, so the columns before them are what they were without
 * them: tier A (a key account) 15%, B 25%, C 60%; contract_end a day in
 * 2026-11-28..2027-11-27 (so about 1 key account in 350 ends within 7 days
 * of 2026-11-27); created_at a +08:00 timestamp, 3% on one of the 30 days
 * ending 2026-11-27 (crm-rules' new customers), 5% in the 30 before, the
 * rest in 2024; evidence, quoted, on 80% of visits ("checkin: lat,lon;
 * photo: ...", a tenth of them without the photo) and 30% of proposals
 * ("doc: ...").  About 105 bytes per activity row: 10 million rows are
 * 1.05 GB.
 *
 * Ledger: dates 2024-01-01..2026-11-27, each entry on a day when its
 * customer was alive (from a first day that is a pure function of the
 * customer's index to the day it churned, as above; the never-touched have
 * none), so entries per month grow with the customers alive; kinds
 * acquisition 4% (in the customer's first 60 days), service 46%, failure
 * 10%, margin 40%; amounts plain yuan with two decimals (40% whole yuan),
 * 1% of services refunds and 2% of margins returns, negative; failures
 * with sub_kind duplicate_quote 35%, lost_followup 35%, rework 25% or none
 * 5%; notes Chinese, 65% empty, 25% plain, 10% quoted with an ASCII comma,
 * one quoted note in 2000 spanning two lines; one entry in 50000 names a
 * customer missing from the customers file.  Row k does not depend on M.
 * About 47 bytes per entry: 5 million are 0.23 GB.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>

#define NCAL	1062		/* 2024-01-01 .. 2026-11-27 inclusive */
#define NDAYS	696		/* 2025-01-01 .. 2026-11-27: customers, activities */
#define NFUT	365		/* 2026-11-28 .. 2027-11-27: contract ends */
#define NREPS	200

static char cal[NCAL + NFUT][16];	/* "YYYY-MM-DD", cal[0] is 2024-01-01 */
static char (*const days)[16] = cal + (NCAL - NDAYS);	/* 2025-01-01.. */

/* ---- output: one big buffer, write(2) when full ---- */

#define OUTCAP	(4u << 20)
static char outbuf[OUTCAP + 4096];
static size_t outlen;
static int counting;		/* gen-bench bytes: count, write nothing */
static uint64_t counted;

static void
flush_out(void)
{
	size_t off = 0;

	if (counting) {
		counted += outlen;
		outlen = 0;
		return;
	}

	while (off < outlen) {
		ssize_t n = write(1, outbuf + off, outlen - off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("gen-bench: write");
			exit(1);
		}
		off += (size_t)n;
	}
	outlen = 0;
}

static inline void
put(const char *s, size_t n)
{
	memcpy(outbuf + outlen, s, n);
	outlen += n;
}

#define PUTS(lit) put(lit, sizeof(lit) - 1)

static inline void
putc1(char c)
{
	outbuf[outlen++] = c;
}

/* n as exactly w digits, zero padded. */
static inline void
putnum(uint64_t n, int w)
{
	char *p = outbuf + outlen + w;

	outlen += (size_t)w;
	while (w-- > 0) {
		*--p = (char)('0' + n % 10);
		n /= 10;
	}
}

static inline void
put2(unsigned n)
{
	outbuf[outlen++] = (char)('0' + n / 10);
	outbuf[outlen++] = (char)('0' + n % 10);
}

/* ---- randomness ---- */

/* xorshift64* (Vigna); the state is never 0. */
static inline uint64_t
xs(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545F4914F6CDD1DULL;
}

/* A uniform integer in [0, n), n < 2^32. */
static inline uint32_t
below(uint64_t *s, uint32_t n)
{
	return (uint32_t)(((xs(s) >> 32) * (uint64_t)n) >> 32);
}

/* splitmix64's finaliser: seeds a customer's own stream from its index. */
static uint64_t
mix(uint64_t z)
{
	z += 0x9E3779B97F4A7C15ULL;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	z ^= z >> 31;
	return z ? z : 1;
}

/* ---- calendar ---- */

static void
make_days(void)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = 2024, m = 1, d = 1, i;

	for (i = 0; i < NCAL + NFUT; i++) {
		char *p = cal[i];

		p[0] = (char)('0' + y / 1000);
		p[1] = (char)('0' + y / 100 % 10);
		p[2] = (char)('0' + y / 10 % 10);
		p[3] = (char)('0' + y % 10);
		p[4] = '-';
		p[5] = (char)('0' + m / 10);
		p[6] = (char)('0' + m % 10);
		p[7] = '-';
		p[8] = (char)('0' + d / 10);
		p[9] = (char)('0' + d % 10);
		p[10] = '\0';
		if (++d > dim[m - 1] + (m == 2 && y % 4 == 0)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	if (strcmp(days[0], "2025-01-01") != 0 ||
	    strcmp(days[NDAYS - 1], "2026-11-27") != 0 ||
	    strcmp(cal[NCAL + NFUT - 1], "2027-11-27") != 0) {
		fprintf(stderr, "gen-bench: calendar bug: %s\n", days[NDAYS - 1]);
		exit(1);
	}
}

/* ---- customers ---- */

struct profile {
	unsigned rep;		/* 1..NREPS */
	unsigned last;		/* last day index a touch can fall on */
	int ghost;		/* never touched: no activity, no updated_at */
	uint64_t seed;		/* the customer's own stream */
};

static struct profile
profile(uint64_t i)
{
	struct profile p;
	uint64_t s = mix(i ^ 0xC0FFEE1234ULL);

	p.rep = 1 + below(&s, NREPS);
	p.ghost = below(&s, 1000) < 5;
	if (below(&s, 100) < 30)
		p.last = 30 + below(&s, 621);	/* churned: 2025-01-31..2026-10-13 */
	else
		p.last = NDAYS - 1;
	p.seed = s;
	return p;
}

static const char *const regions[4] = { "华东", "华北", "华南", "西南" };

static const char *const brands[] = {
	"华联超市", "永辉超市", "大润发", "物美", "华润万家", "老百姓大药房",
	"益丰大药房", "一心堂", "海王星辰", "国大药房", "好又多", "联华快客",
	"美宜佳", "红旗连锁", "步步高", "利群百货", "苏果超市", "家家悦",
	"新华书店", "同仁堂药店",
};
static const char *const places[] = {
	"徐汇", "浦东", "静安", "朝阳", "海淀", "丰台", "天河", "福田", "南山",
	"武侯", "锦江", "渝中", "江宁", "鼓楼", "西湖", "滨江", "姑苏", "园区",
	"历下", "市南", "雨花", "岳麓", "思明", "青羊", "江北", "越秀", "白云",
	"河西", "玄武", "秦淮",
};
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void
put_str(const char *s)
{
	put(s, strlen(s));
}

static void
put_time(uint64_t *s)
{
	uint32_t sec;

	/* four in five during working hours, the rest at any hour (so some
	 * fall before 08:00, the previous day in UTC) */
	if (below(s, 5) < 4)
		sec = 8 * 3600 + below(s, 13 * 3600);
	else
		sec = below(s, 86400);
	put2(sec / 3600);
	putc1(':');
	put2(sec / 60 % 60);
	putc1(':');
	put2(sec % 60);
}

static void
customers(uint64_t n)
{
	uint64_t i;

	PUTS("customer_id,name,region,rep_id,updated_at,tier,contract_end,"
	    "created_at\n");
	for (i = 0; i < n; i++) {
		struct profile p = profile(i);
		uint64_t *s = &p.seed, t = mix(i ^ 0x7E12C0DE5EEDULL);
		uint32_t tier, created;
		const char *b = brands[below(s, NELEM(brands))];
		const char *pl = places[below(s, NELEM(places))];
		uint32_t u = below(s, 1000), form = below(s, 100);

		putc1('C');
		putnum(i + 1, 7);
		putc1(',');
		if (u < 5) {			/* a name with an ASCII comma */
			putc1('"');
			put_str(b);
			PUTS(", ");
			put_str(pl);
			PUTS("店\"");
		} else if (u < 300) {		/* brand(place店) */
			put_str(b);
			PUTS("(");
			put_str(pl);
			PUTS("店)");
		} else {
			put_str(b);
			put_str(pl);
			PUTS("店");
		}
		putc1(',');
		put_str(regions[(p.rep - 1) * 4 / NREPS]);
		PUTS(",R");
		putnum(p.rep, 3);
		putc1(',');
		if (!p.ghost && form >= 10) {	/* 10% have no updated_at */
			put(days[below(s, p.last + 1)], 10);
			if (form >= 25) {	/* most are timestamps */
				putc1('T');
				put_time(s);
				PUTS("+08:00");
			}
		}
		/* the rules' and the hot list's columns, from t */
		tier = below(&t, 100);
		put_str(tier < 15 ? ",A," : tier < 40 ? ",B," : ",C,");
		put(cal[NCAL + below(&t, NFUT)], 10);
		putc1(',');
		created = below(&t, 100);
		put(created < 3 ? days[NDAYS - 30 + below(&t, 30)] :
		    created < 8 ? days[NDAYS - 60 + below(&t, 30)] :
		    cal[below(&t, 366)], 10);
		putc1('T');
		put_time(&t);
		PUTS("+08:00\n");
		if (outlen >= OUTCAP)
			flush_out();
	}
}

/* ---- activities ---- */

static const char *const types[] = { "visit", "call", "proposal", "pdf_blast" };

/* Note phrases: Chinese, some with a full-width comma (not a separator). */
static const char *const phrases[] = {
	"拜访店长，确认陈列位",
	"电话回访",
	"客户要求报价单",
	"发送定制方案v2",
	"采购负责人休假至2月15日",
	"竞品对比中",
	"已报价",
	"待试用",
	"门头照片已上传",
	"周三前提供检测报告",
	"群发通用PDF",
	"补货 SKU 1024",
	"店员反馈动销慢",
	"约下周二再谈",
	"执业药师签字页已拍照",
	"新品试吃活动",
};

static void
note(uint64_t *s)
{
	uint32_t k = below(s, 100);
	const char *a = phrases[below(s, NELEM(phrases))];
	const char *b = phrases[below(s, NELEM(phrases))];

	if (k < 12)			/* empty */
		return;
	if (k < 45) {			/* plain, unquoted */
		put_str(a);
		return;
	}
	putc1('"');
	put_str(a);
	if (k < 90) {			/* two phrases, an ASCII comma */
		PUTS(", ");
		put_str(b);
	} else if (k < 98) {		/* doubled quotes */
		PUTS(", 客户说\"\"");
		put_str(b);
		PUTS("\"\"");
	} else {			/* a comma and two numbers */
		PUTS(", 订货 12,480 元, 账期 30 天");
	}
	if (below(s, 2000) == 0) {	/* rarely, a second line */
		PUTS("\n");
		put_str(b);
	}
	putc1('"');
}

/* The evidence of an activity of type ty, from its own stream t. */
static void
evidence(const char *ty, uint64_t *t)
{
	uint32_t k = below(t, 100);

	if (strcmp(ty, "visit") == 0 && k < 80) {
		PUTS("\"checkin: 3");
		putnum(below(t, 10), 1);
		putc1('.');
		putnum(below(t, 100), 2);
		PUTS(",12");
		putnum(below(t, 10), 1);
		putc1('.');
		putnum(below(t, 100), 2);
		if (k < 72) {
			PUTS("; photo: 门头照片 IMG_");
			putnum(below(t, 10000), 4);
			PUTS(".jpg");
		}
		putc1('"');
	} else if (strcmp(ty, "proposal") == 0 && k < 30) {
		PUTS("\"doc: 定制方案v");
		putnum(1 + below(t, 3), 1);
		PUTS(".pdf\"");
	}
}

static void
activities(uint64_t m, uint64_t n)
{
	uint64_t s = 0x5EEDBE7C4A11CE55ULL, t = 0xE71DE9CE5EED0001ULL, i;

	PUTS("activity_id,customer_id,rep_id,ts,type,note,evidence\n");
	for (i = 0; i < m; i++) {
		uint64_t c = (uint64_t)below(&s, (uint32_t)n);
		struct profile p;
		unsigned rep, day;
		const char *ty;

		if (below(&s, 50000) == 0) {	/* a customer we do not know */
			p = profile(c);
			c = n + below(&s, 1000);
		} else {
			/* never-touched customers get none: pass to the next
			 * (unless they all are) */
			uint64_t tries = 0;

			for (p = profile(c); p.ghost && ++tries < n; p = profile(c))
				c = (c + 1) % n;
		}
		rep = below(&s, 10) == 0 ? 1 + below(&s, NREPS) : p.rep;
		day = below(&s, p.last + 1);

		putc1('A');
		putnum(i + 1, 9);
		PUTS(",C");
		putnum(c + 1, 7);
		PUTS(",R");
		putnum(rep, 3);
		putc1(',');
		put(days[day], 10);
		putc1('T');
		put_time(&s);
		PUTS("+08:00,");
		ty = types[below(&s, NELEM(types))];
		put_str(ty);
		putc1(',');
		note(&s);
		putc1(',');
		evidence(ty, &t);
		putc1('\n');
		if (outlen >= OUTCAP)
			flush_out();
	}
}

/* ---- ledger ---- */

/* Ledger notes, by kind; some with a full-width comma. */
static const char *const lnotes[4][4] = {
	{ "展会获客", "渠道开发费", "新店开业支持", "招商会分摊" },
	{ "门店陈列费", "物流补贴", "样品费用", "培训店员两次" },
	{ "重复报价退差价", "跟进断档，订单被竞品拿走", "政策理解偏差返工",
	  "同一客户两个报价" },
	{ "月度毛利结算", "季度返利后", "退货冲减", "大单，账期30天" },
};
/* fen as yuan with two decimals: -12.30, 1234.50 */
static void
put_yuan(int64_t fen)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	uint64_t v = fen < 0 ? (uint64_t)-fen : (uint64_t)fen;

	*--p = (char)('0' + v % 10);
	*--p = (char)('0' + v / 10 % 10);
	*--p = '.';
	v /= 100;
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	if (fen < 0)
		*--p = '-';
	put(p, (size_t)(tmp + sizeof(tmp) - p));
}

/* A uniform amount in [lo, hi] yuan, in fen; 40% of them whole yuan. */
static int64_t
amount(uint64_t *s, uint32_t lo, uint32_t hi)
{
	int64_t fen = (int64_t)lo * 100 + below(s, (hi - lo) * 100 + 1);

	if (below(s, 10) < 4)
		fen -= fen % 100;
	return fen;
}

static void
ledger(uint64_t m, uint64_t n)
{
	uint64_t s = 0x1ED6E5B00C5EED11ULL, i;

	PUTS("customer_id,date,kind,amount,sub_kind,note\n");
	for (i = 0; i < m; i++) {
		uint64_t c, st;
		struct profile p;
		unsigned start, end, day, tries;
		uint32_t k = below(&s, 1000), u;
		const char *kind, *sub = "";
		int64_t fen;
		int ki;

		/* A customer, and a day of its life: a customer's first day is
		 * a pure function of its index, its last the day it churned
		 * (as in the activities); the never-touched have no ledger.
		 * Drawing the day first and keeping the customer only when it
		 * was alive makes the entries of a month grow with the
		 * customers alive in it (the business grows). */
		for (tries = 0;; tries++) {
			c = below(&s, (uint32_t)n);
			p = profile(c);
			end = p.last + (NCAL - NDAYS);
			st = mix(c ^ 0x1ED6E5ULL);
			start = below(&st, end + 1);
			day = below(&s, NCAL);
			if (!p.ghost && day >= start && day <= end)
				break;
			if ((!p.ghost && tries >= 64) || tries >= 64 + n) {
				day = start + day % (end - start + 1);
				break;
			}
		}
		if (k < 40) {
			/* acquisition falls in the customer's first 60 days */
			kind = "acquisition", ki = 0;
			day = start + below(&s, end - start < 60 ? end - start + 1 : 61);
			fen = amount(&s, 800, 30000);
		} else if (k < 500) {
			kind = "service", ki = 1;
			if (below(&s, 100) == 0)	/* a refund */
				fen = -amount(&s, 10, 500);
			else
				fen = amount(&s, 50, 5000);
		} else if (k < 600) {
			kind = "failure", ki = 2;
			u = below(&s, 100);
			if (u < 35) {
				sub = "duplicate_quote";
				fen = amount(&s, 200, 20000);
			} else if (u < 70) {
				sub = "lost_followup";
				fen = amount(&s, 1000, 50000);
			} else if (u < 95) {
				sub = "rework";
				fen = amount(&s, 100, 3000);
			} else			/* no sub_kind: other */
				fen = amount(&s, 100, 5000);
		} else {
			kind = "margin", ki = 3;
			if (below(&s, 50) == 0)		/* a return */
				fen = -amount(&s, 100, 5000);
			else
				fen = amount(&s, 500, 80000);
		}
		if (below(&s, 50000) == 0)	/* a customer we do not know */
			c = n + below(&s, 1000);

		putc1('C');
		putnum(c + 1, 7);
		putc1(',');
		put(cal[day], 10);
		putc1(',');
		put_str(kind);
		putc1(',');
		put_yuan(fen);
		putc1(',');
		put_str(sub);
		putc1(',');
		u = below(&s, 100);
		if (u >= 65) {
			const char *a = lnotes[ki][below(&s, 4)];

			if (u < 90)		/* plain */
				put_str(a);
			else {			/* quoted, an ASCII comma */
				putc1('"');
				put_str(a);
				PUTS(", ");
				put_str(lnotes[ki][below(&s, 4)]);
				if (below(&s, 2000) == 0) {	/* a second line */
					PUTS("\n");
					put_str(a);
				}
				putc1('"');
			}
		}
		putc1('\n');
		if (outlen >= OUTCAP)
			flush_out();
	}
}

static uint64_t
count(const char *s, uint64_t max)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *s == '\0' || *end != '\0' || v < 1 || v > max) {
		fprintf(stderr, "gen-bench: not a count in 1..%llu: '%s'\n",
		    (unsigned long long)max, s);
		exit(2);
	}
	return v;
}

int
main(int argc, char *argv[])
{
	make_days();
	if (argc == 3 && strcmp(argv[1], "customers") == 0)
		customers(count(argv[2], 9999999 - 1000));
	else if (argc == 4 && strcmp(argv[1], "activities") == 0)
		activities(count(argv[2], 999999999),
		    count(argv[3], 9999999 - 1000));
	else if (argc == 4 && strcmp(argv[1], "ledger") == 0)
		ledger(count(argv[2], 999999999),
		    count(argv[3], 9999999 - 1000));
	else if (argc == 4 && strcmp(argv[1], "bytes") == 0) {
		counting = 1;
		activities(count(argv[2], 999999999),
		    count(argv[3], 9999999 - 1000));
		flush_out();
		printf("%llu\n", (unsigned long long)counted);
		return 0;
	} else {
		fprintf(stderr, "usage: gen-bench customers N\n"
		    "       gen-bench activities M N\n"
		    "       gen-bench ledger M N\n"
		    "       gen-bench bytes M N   (the size of activities M N)\n");
		return 2;
	}
	flush_out();
	return 0;
}
