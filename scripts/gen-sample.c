/* gen-sample - crmkit's deterministic sample data set; see sample/README.
 *
 *   gen-sample [--scale N] [--as-of YYYY-MM-DD] OUTDIR
 *
 * Same arguments, same bytes, on every machine: one fixed-seed PRNG
 * (xorshift64*, seeded per entity by splitmix64's finaliser), no libc rand,
 * no clock, no locale, no floating point.  Every date is counted from the
 * as-of day (default 2026-11-27), so --as-of moves the whole data set.
 * --scale 1 (the default) is the committed sample/; --scale N multiplies the
 * volume of activities and sales lines by N (at --scale 30 the sales lines
 * cover a year of 142 stores: 500,000 lines, 32 MB), streamed day by day:
 * memory does not grow with the scale.
 *
 * One data set, two teams of the article, one store:
 *
 * - 康济大药房, a pharmacy chain in Jiangsu and Zhejiang: 142 stores as
 *   customers PH001-PH142 (regions 苏南 PH001-048, 苏北 PH049-078, 浙北
 *   PH079-118, 浙南 PH119-142), director PD01, regional managers PM01-04
 *   (one per region), 12 supervisors PS01-12, 53 reps PR01-53; the East
 *   China central warehouse (华东中心仓) is location WH-HD01.  UTF-8 files
 *   with canonical headers.
 * - An FMCG distributor in East China: 360 outlets FC0001-FC0360 (regions
 *   上海, 苏锡常, 杭嘉湖, 宁绍), regional manager FM01, supervisors FS01-04,
 *   37 reps FR01-37.  Its customers and ledger are Chinese Excel exports:
 *   GB18030, Chinese headers, Excel serial dates, 2026/1/5 and 2026年1月5日,
 *   amounts like ￥1,234.50, 1.2万 and (300.00), a note with a comma and a
 *   doubled quote, a note spanning two lines.
 *
 * Files: customers, fmcg-customers, activities, reps, tasks, ledger,
 * fmcg-ledger, policies, decisions, stock, sales, members, shipments (.csv),
 * and history/customers-DATE.csv, history/fmcg-customers-DATE.csv: the
 * customer exports as they were at the ends of the three months before the
 * as-of month, for crm-import --as-of DATE in date order before the current
 * files, so the store's history sees the status changes (churn).  The store
 * dates a change by the first export that shows it, so a hand-kept field
 * changes between two month-end exports only when the customer was also
 * touched after the later one (in the as-of month: touched in the last 14
 * days), and the history does not make it look fresher than its last touch;
 * only a loss (流失) shows at the first export after it.  Shapes: freshness by region from 苏南 (94% touched in 30 days)
 * to 宁绍 (43% untouched over 60 days); tasks closed on time 88% (pharmacy)
 * and 72% (FMCG); policy receipts within 2 hours 93% and 83%; decisions on
 * dashboards or data 74% and 38%; activities recorded within 2 hours about
 * 92%; CLCC rising through 2025 (+10% in its last quarter) and falling
 * after the chain's system went live in January 2026.
 *
 * Planted facts, as of 2026-11-27 (the IDs do not depend on --as-of;
 * relative days are given as A-n):
 * - never touched (no updated_at, no activity): PH071, PH077, FC0101,
 *   FC0155, FC0203, FC0266, FC0311, FC0340; about 28% of the FMCG outlets
 *   are not updated for more than 90 days (the article's figure).
 * - time-out circuit breaker (first visit with check-in and photo within
 *   72 h of created_at): PH046 (created A-16, visited after 26 h with a
 *   check-in but no photo), FC0357 (created A-11, first visit after 96 h),
 *   FC0359 (created A-5, no visit at all); FC0360 (created A-1) is not due
 *   yet; the other new customers PH047, PH048, FC0353-FC0356, FC0358 were
 *   visited in time.
 * - decision heat map: seven KA outlets whose contract ends in 1-7 days
 *   (FC0007, FC0011, FC0019, FC0023, FC0042, FC0056, FC0078); three of them
 *   with a competitor mentioned at least twice in 90 days: FC0007 (3,
 *   康师傅), FC0019 (2, 统一), FC0042 (4, 农夫山泉 and 怡宝); FC0011 has
 *   one mention; FC0090 has three but its contract ends in 10 days.
 * - broken prescription chains (rx_review -> stock_deduct -> dispatch):
 *   ref CF<A-3>-015-99 at PH015 reordered (deduction before review),
 *   CF<A-5>-088-99 at PH088 without stock_deduct, CF<A-9>-126-99 at PH126
 *   without rx_review (<A-n> is the day as YYYYMMDD).
 * - prescription sales without the pharmacist's signature-page photo: at
 *   PH009 (A-2, a till receipt photo only) and PH101 (A-6, no evidence).
 * - overdue tasks, chased by hand (reminders > 0): the tasks past due
 *   without done_at, mostly the FMCG team's (each of its regions needs
 *   chasing for over 30% of its tasks, the pharmacy's for under 25%).
 * - policy ZC-P09 (会员日满199减30, published A-9) read three ways across
 *   the pharmacy regions; ZC-P08 two ways.
 * - churn: 12 FMCG outlets marked 流失 in each of the two months before the
 *   as-of month and 10 in it (30 more were lost before the history
 *   begins); FC0120 lost in the first of those months and won back in the
 *   second; the store PH060 left the chain (流失) in the second.
 * - stock: the warehouse WH-HD01 (counted every 4 hours) has had no
 *   YP10001 (连花清瘟胶囊, the stores' best seller) since A-3 16:00, 76 h
 *   at its last count A 20:00 and still out (ongoing); store PH023 (counted
 *   nightly) had no YP10002 in its counts of A-6 to A-4 (72 h, ended, it
 *   sold it before and after); near-expiry batches at PH005, PH012, PH031,
 *   PH052, PH066, PH083, PH097, PH104, PH121 (12 to 90 days: PH121's
 *   expires on day 90 exactly) and WH-HD01 (YP10015, 45 days); PH133's
 *   expires on day 91, just outside.
 * - sell-through: PH018, PH054, PH092, PH110, PH129, PH139 hold YP10013,
 *   YP10019, YP10021 and YP10022 and never sell them.
 * - members: about 10% of the members stopped buying (overdue by more than
 *   half their interval), a few joined recently and bought only twice.
 * - intent: sample requests matched by courier shipments within 7 days
 *   (one exactly 7 days, one shipment for two requests), a few requests
 *   never shipped and a few shipments without a request.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define DAY 86400L

static void
die(int status, const char *fmt, ...)
{
	va_list ap;

	fputs("gen-sample: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}

static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (p == NULL)
		die(1, "out of memory");
	return p;
}

/* ---- randomness ---- */

/* splitmix64's finaliser: a seed from a number. */
static uint64_t
mix(uint64_t z)
{
	z += 0x9E3779B97F4A7C15ULL;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

struct rng {
	uint64_t s;			/* xorshift64* state, never 0 */
};

/* The stream of purpose tag for entity (a, b). */
static struct rng
rng(uint64_t tag, uint64_t a, uint64_t b)
{
	struct rng r;

	r.s = mix(mix(mix(tag) ^ a) ^ (b * 0xD1B54A32D192ED03ULL));
	if (r.s == 0)
		r.s = 1;
	return r;
}

static uint64_t
nx(struct rng *r)
{
	uint64_t x = r->s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	r->s = x;
	return x * 0x2545F4914F6CDD1DULL;
}

/* A uniform integer in [0, n). */
static long
below(struct rng *r, long n)
{
	return n <= 0 ? 0 : (long)(((nx(r) >> 32) * (uint64_t)n) >> 32);
}

/* A uniform integer in [lo, hi]. */
static long
range(struct rng *r, long lo, long hi)
{
	return hi <= lo ? lo : lo + below(r, hi - lo + 1);
}

/* True with probability pm per mille. */
static int
pm(struct rng *r, long permille)
{
	return below(r, 1000) < permille;
}

/* An index drawn by the weights w[0..n). */
static int
wpick(struct rng *r, const int *w, int n)
{
	long sum = 0, x;
	int i;

	for (i = 0; i < n; i++)
		sum += w[i];
	x = below(r, sum);
	for (i = 0; i < n - 1; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

#define PICK(r, a) ((a)[below((r), (long)NELEM(a))])

/* Purpose tags: one stream family each. */
enum {
	G_REP = 1, G_CUST, G_STATE, G_ACT, G_DAY, G_TASK, G_LEDGER, G_POLICY,
	G_DECISION, G_STOCK, G_SALE, G_MEMBER, G_SHIP, G_RX, G_SAMPLE, G_PICK
};

/* ---- calendar: day numbers from 1970-01-01, times in seconds ---- */

static long
days_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp, yy;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

/* 0 is Monday. */
static int
weekday(long z)
{
	return (int)(((z + 3) % 7 + 7) % 7);
}

static long
month_first(long z)
{
	int y, m, d;

	civil(z, &y, &m, &d);
	return days_civil(y, m, 1);
}

static long
month_next(long z)
{
	int y, m, d;

	civil(z, &y, &m, &d);
	return m == 12 ? days_civil(y + 1, 1, 1) : days_civil(y, m + 1, 1);
}

/* Formatting: each call returns one of 32 rotating buffers. */
static char *
ring(void)
{
	static char buf[32][48];
	static unsigned i;

	return buf[i++ % 32];
}

static const char *
D(long z)
{
	char *b = ring();
	int y, m, d;

	civil(z, &y, &m, &d);
	snprintf(b, 48, "%04d-%02d-%02d", y, m, d);
	return b;
}

static const char *
Dslash(long z)
{
	char *b = ring();
	int y, m, d;

	civil(z, &y, &m, &d);
	snprintf(b, 48, "%d/%d/%d", y, m, d);
	return b;
}

static const char *
Dcn(long z)
{
	char *b = ring();
	int y, m, d;

	civil(z, &y, &m, &d);
	snprintf(b, 48, "%d年%d月%d日", y, m, d);
	return b;
}

static const char *
Dmd(long z)			/* 12月15日 */
{
	char *b = ring();
	int y, m, d;

	civil(z, &y, &m, &d);
	snprintf(b, 48, "%d月%d日", m, d);
	return b;
}

static const char *
Dcompact(long z)		/* 20261127 */
{
	char *b = ring();
	int y, m, d;

	civil(z, &y, &m, &d);
	snprintf(b, 48, "%04d%02d%02d", y, m, d);
	return b;
}

/* Excel's 1900 serial of a day. */
static const char *
Dserial(long z)
{
	char *b = ring();

	snprintf(b, 48, "%ld", z + 25569);
	return b;
}

static long
tday(int64_t t)
{
	return (long)(t / DAY);
}

static const char *
TS(int64_t t)			/* 2026-11-20T09:05:00+08:00 */
{
	char *b = ring();
	long s = (long)(t % DAY);
	int y, m, d;

	civil(tday(t), &y, &m, &d);
	snprintf(b, 48, "%04d-%02d-%02dT%02ld:%02ld:%02ld+08:00", y, m, d,
	    s / 3600, s / 60 % 60, s % 60);
	return b;
}

static const char *
TSslash(int64_t t)		/* 2026/11/20 9:05, as Excel shows it */
{
	char *b = ring();
	long s = (long)(t % DAY);
	int y, m, d;

	civil(tday(t), &y, &m, &d);
	snprintf(b, 48, "%d/%d/%d %ld:%02ld", y, m, d, s / 3600, s / 60 % 60);
	return b;
}

static const char *
TSspace(int64_t t)		/* 2026-11-20 09:05:00 */
{
	char *b = ring();
	long s = (long)(t % DAY);
	int y, m, d;

	civil(tday(t), &y, &m, &d);
	snprintf(b, 48, "%04d-%02d-%02d %02ld:%02ld:%02ld", y, m, d, s / 3600,
	    s / 60 % 60, s % 60);
	return b;
}

static const char *
TSmin(int64_t t)		/* 2026-11-20T22:00, no offset */
{
	char *b = ring();
	long s = (long)(t % DAY);
	int y, m, d;

	civil(tday(t), &y, &m, &d);
	snprintf(b, 48, "%04d-%02d-%02dT%02ld:%02ld", y, m, d, s / 3600,
	    s / 60 % 60);
	return b;
}

/* Excel serial with the time of day (to the minute) in 8 decimals. */
static const char *
TSserial(int64_t t)
{
	char *b = ring();
	long mins = (long)(t % DAY) / 60;

	snprintf(b, 48, "%ld.%08ld", tday(t) + 25569,
	    (long)(((int64_t)mins * 100000000 + 720) / 1440));
	return b;
}

static int64_t
at(long day, long h, long m)
{
	return (int64_t)day * DAY + h * 3600 + m * 60;
}

/* A time on day in the hours h0..h1, drawn from r: the hour, the minute,
 * then (when secs) the second.  Every draw of the generator is a statement
 * of its own or in a sequenced operand (&&, ||, ?:), never two arguments of
 * one call or two operands of one +, whose order C leaves to the compiler:
 * gcc and clang would write different bytes. */
static int64_t
at_rand(struct rng *r, long day, long h0, long h1, int secs)
{
	long h = range(r, h0, h1);
	long m = range(r, 0, 59);
	long sec = secs ? range(r, 0, 59) : 0;

	return at(day, h, m) + sec;
}

/* fen as yuan: 1234.50 */
static const char *
yuan(int64_t fen)
{
	char *b = ring();
	int64_t v = fen < 0 ? -fen : fen;

	snprintf(b, 48, "%s%lld.%02lld", fen < 0 ? "-" : "", (long long)(v / 100),
	    (long long)(v % 100));
	return b;
}

/* fen as yuan with thousands separators: 1,234.50 */
static const char *
yuan_sep(int64_t fen)
{
	char tmp[32], *b = ring();
	int64_t v = fen < 0 ? -fen : fen;
	size_t n, i, o = 0;

	snprintf(tmp, sizeof tmp, "%lld", (long long)(v / 100));
	n = strlen(tmp);
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			b[o++] = ',';
		b[o++] = tmp[i];
	}
	snprintf(b + o, 48 - o, ".%02lld", (long long)(v % 100));
	return b;
}

/* fen (a multiple of 100 yuan) as 万: 1.2万, 12万, 3.45万 */
static const char *
yuan_wan(int64_t fen)
{
	char *b = ring();
	int64_t y = fen / 100, w = y / 10000, r = y % 10000;
	int n;

	n = snprintf(b, 48, "%lld", (long long)w);
	if (r) {
		char frac[8];
		int k = 4;

		snprintf(frac, sizeof frac, "%04lld", (long long)r);
		while (k > 0 && frac[k - 1] == '0')
			frac[--k] = '\0';
		snprintf(b + n, 48 - n, ".%s", frac);
	}
	strcat(b, "万");
	return b;
}

/* ---- output: records into files, UTF-8 or GB18030 ---- */

static const char *outdir;

struct out {
	FILE *fp;
	iconv_t cd;			/* (iconv_t)-1 for UTF-8 */
	int crlf;			/* end lines with CR LF */
	char path[4096];
};

static char rec[1 << 16];		/* the record being built, UTF-8 */
static size_t rlen;
static int rnf;				/* fields in it so far */

static struct out *
oopen(const char *name, int gb, int bom, int crlf)
{
	struct out *o = xcalloc(1, sizeof *o);

	snprintf(o->path, sizeof o->path, "%s/%s", outdir, name);
	if ((o->fp = fopen(o->path, "wb")) == NULL)
		die(1, "%s: %s", o->path, strerror(errno));
	o->cd = (iconv_t)-1;
	if (gb && (o->cd = iconv_open("GB18030", "UTF-8")) == (iconv_t)-1)
		die(1, "iconv UTF-8 to GB18030: %s", strerror(errno));
	o->crlf = crlf;
	if (bom)
		fputs("\xEF\xBB\xBF", o->fp);
	return o;
}

static void
oclose(struct out *o)
{
	if (ferror(o->fp) | fclose(o->fp))
		die(1, "%s: write error", o->path);
	if (o->cd != (iconv_t)-1)
		iconv_close(o->cd);
	free(o);
}

static void
radd(const char *s, size_t n)
{
	if (rlen + n + 4 > sizeof rec)
		die(1, "record too long");
	memcpy(rec + rlen, s, n);
	rlen += n;
}

static void
rbeg(void)
{
	rlen = 0;
	rnf = 0;
}

/* A field, quoted when it holds a comma, a quote or a line break. */
static void
fld(const char *s)
{
	if (rnf++)
		radd(",", 1);
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		radd(s, strlen(s));
		return;
	}
	radd("\"", 1);
	for (; *s; s++) {
		if (*s == '"')
			radd("\"", 1);
		radd(s, 1);
	}
	radd("\"", 1);
}

static void
fldf(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	fld(buf);
}

/* End the record and write it. */
static void
rend(struct out *o)
{
	static char conv[sizeof rec * 2];
	char *in = rec, *op = conv;
	size_t inleft, outleft = sizeof conv;

	radd(o->crlf ? "\r\n" : "\n", o->crlf ? 2 : 1);
	if (o->cd == (iconv_t)-1) {
		fwrite(rec, 1, rlen, o->fp);
		return;
	}
	inleft = rlen;
	if (iconv(o->cd, &in, &inleft, &op, &outleft) == (size_t)-1)
		die(1, "%s: cannot convert to GB18030: %.60s", o->path, rec);
	fwrite(conv, 1, (size_t)(op - conv), o->fp);
}

/* A header line, given as one string of canonical or Chinese names. */
static void
header(struct out *o, const char *h)
{
	rbeg();
	radd(h, strlen(h));
	rnf = 1;
	rend(o);
}

/* ---- parameters ---- */

static long A;				/* the as-of day */
static long S[4];			/* snapshot days: 3 month ends, then A */
static int scale = 1;
static long ACT0;			/* the first day of activities */
static long span;			/* days of sales */
static long LEDGER0;			/* the first day of the ledger */

/* ---- names ---- */

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
	"马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
	"唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
	"潘", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "沈",
	"姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖",
	"贾", "夏", "方", "邹", "熊", "秦", "邱", "顾", "钱", "严", "戴", "孔",
};
static const char *const given[] = {
	"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
	"杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "英", "华", "建",
	"文", "辉", "玲", "红", "鹏", "飞", "斌", "宇", "浩", "凯", "婷", "雪",
	"琳", "晨", "颖", "欣", "峰", "俊", "帆", "亮", "倩", "宁", "海", "波",
	"鑫", "丹", "萍", "燕", "志", "鸿", "晓", "晶", "梅", "佳", "嘉", "雯",
	"昊", "睿", "怡", "思", "雨", "轩", "涵", "国", "春", "德",
};

static void
person(struct rng *r, char *buf, size_t len)
{
	const char *s = PICK(r, surnames), *g1 = PICK(r, given);

	if (pm(r, 700))
		snprintf(buf, len, "%s%s%s", s, g1, PICK(r, given));
	else
		snprintf(buf, len, "%s%s", s, g1);
}

/* ---- regions, reps ---- */

enum { PH, FM };				/* the two teams */
enum { R_DIR, R_RM, R_SUP, R_REP };

static const char *const region_name[] = {
	"苏南", "苏北", "浙北", "浙南",		/* the pharmacy chain */
	"上海", "苏锡常", "杭嘉湖", "宁绍",	/* the FMCG distributor */
	"江浙", "华东",				/* the two heads */
};
static const int ph_reps_in[4] = { 16, 12, 14, 11 };	/* 53 */
static const int fm_reps_in[4] = { 11, 9, 9, 8 };	/* 37 */
static const int ph_stores_in[4] = { 48, 30, 40, 24 };	/* 142 */
static const int fm_outlets_in[4] = { 110, 95, 85, 70 };	/* 360 */

struct rep {
	char id[16];
	char name[24];
	int mgr;			/* index, -1 at the top */
	int region;			/* index into region_name */
	int role;			/* R_* */
	int team;			/* PH or FM */
	int style;			/* 0 value, 1 plain, 2 vanity */
};

static struct rep reps[128];
static int nrep;
static int reps_of_region[8][20];	/* rep indexes, role rep */
static int nreps_of_region[8];

static int
add_rep(const char *prefix, int num, int width, int mgr, int region, int role,
    int team)
{
	struct rep *p = &reps[nrep];
	struct rng r = rng(G_REP, (uint64_t)nrep, 0);
	int i, clash;

	snprintf(p->id, sizeof p->id, "%s%0*d", prefix, width, num);
	do {
		person(&r, p->name, sizeof p->name);
		for (clash = 0, i = 0; i < nrep; i++)
			clash |= strcmp(reps[i].name, p->name) == 0;
	} while (clash);
	p->mgr = mgr;
	p->region = region;
	p->role = role;
	p->team = team;
	p->style = (int)wpick(&r, team == PH ? (int[]){ 40, 40, 20 } :
	    (int[]){ 30, 40, 30 }, 3);
	if (role == R_REP)
		reps_of_region[region][nreps_of_region[region]++] = nrep;
	return nrep++;
}

static void
make_reps(void)
{
	int dir, rm[4], sup[8][3], fm, r, j, n = 0;

	dir = add_rep("PD", 1, 2, -1, 8, R_DIR, PH);
	for (r = 0; r < 4; r++)
		rm[r] = add_rep("PM", r + 1, 2, dir, r, R_RM, PH);
	for (r = 0; r < 4; r++)
		for (j = 0; j < 3; j++)
			sup[r][j] = add_rep("PS", r * 3 + j + 1, 2, rm[r], r,
			    R_SUP, PH);
	for (r = 0; r < 4; r++)
		for (j = 0; j < ph_reps_in[r]; j++)
			add_rep("PR", ++n, 2, sup[r][j % 3], r, R_REP, PH);
	fm = add_rep("FM", 1, 2, -1, 9, R_RM, FM);
	for (r = 4; r < 8; r++)
		sup[r][0] = add_rep("FS", r - 3, 2, fm, r, R_SUP, FM);
	n = 0;
	for (r = 4; r < 8; r++)
		for (j = 0; j < fm_reps_in[r - 4]; j++)
			add_rep("FR", ++n, 2, sup[r][0], r, R_REP, FM);
}

static void
write_reps(void)
{
	static const char *const role_en[] = { "director", "regional_manager",
	    "supervisor", "rep" };
	static const char *const role_cn[] = { "总监", "区域经理", "主管",
	    "销售代表" };
	struct out *o = oopen("reps.csv", 0, 0, 0);
	int i;

	header(o, "rep_id,name,manager_id,region,role");
	for (i = 0; i < nrep; i++) {
		const struct rep *p = &reps[i];

		rbeg();
		fld(p->id);
		fld(p->name);
		fld(p->mgr >= 0 ? reps[p->mgr].id : "");
		fld(region_name[p->region]);
		fld(p->team == PH ? role_en[p->role] : role_cn[p->role]);
		rend(o);
	}
	oclose(o);
}

/* ---- places ---- */

struct place {
	const char *name;
	int region;
	long lat, lon;			/* 1e-4 degrees */
};

static const struct place ph_places[] = {
	{ "苏州工业园区", 0, 313180, 1207190 }, { "苏州姑苏区", 0, 313090, 1206200 },
	{ "昆山市", 0, 313850, 1209800 }, { "无锡梁溪区", 0, 315680, 1202960 },
	{ "无锡新吴区", 0, 315500, 1203650 }, { "常州武进区", 0, 317000, 1199400 },
	{ "南京鼓楼区", 0, 320660, 1187700 }, { "南京江宁区", 0, 319530, 1188400 },
	{ "镇江京口区", 0, 321980, 1194700 }, { "张家港市", 0, 318750, 1205560 },
	{ "徐州云龙区", 1, 342540, 1172500 }, { "扬州邗江区", 1, 323770, 1193980 },
	{ "南通崇川区", 1, 320100, 1208600 }, { "淮安清江浦区", 1, 335520, 1190270 },
	{ "盐城亭湖区", 1, 333900, 1201600 }, { "连云港海州区", 1, 345700, 1191600 },
	{ "宿迁宿城区", 1, 339600, 1182900 }, { "泰州海陵区", 1, 324900, 1199200 },
	{ "杭州西湖区", 2, 302590, 1201300 }, { "杭州滨江区", 2, 302080, 1202110 },
	{ "杭州余杭区", 2, 304190, 1203000 }, { "嘉兴南湖区", 2, 307470, 1207830 },
	{ "湖州吴兴区", 2, 308600, 1201000 }, { "绍兴越城区", 2, 300000, 1205800 },
	{ "宁波鄞州区", 2, 298170, 1215470 }, { "桐乡市", 2, 306300, 1205600 },
	{ "温州鹿城区", 3, 280150, 1206550 }, { "温州瓯海区", 3, 279700, 1206400 },
	{ "台州椒江区", 3, 286800, 1214400 }, { "金华婺城区", 3, 290800, 1196500 },
	{ "义乌市", 3, 293060, 1200750 }, { "丽水莲都区", 3, 284500, 1199200 },
	{ "衢州柯城区", 3, 289700, 1188700 }, { "瑞安市", 3, 277800, 1206500 },
};
static const struct place fm_places[] = {
	{ "浦东新区", 4, 312210, 1215440 }, { "闵行区", 4, 311120, 1213820 },
	{ "徐汇区", 4, 311880, 1214370 }, { "宝山区", 4, 314050, 1214890 },
	{ "松江区", 4, 310320, 1212280 }, { "嘉定区", 4, 313830, 1212500 },
	{ "静安区", 4, 312290, 1214480 }, { "杨浦区", 4, 312590, 1215260 },
	{ "苏州吴中区", 5, 312620, 1206320 }, { "苏州相城区", 5, 313690, 1206420 },
	{ "无锡惠山区", 5, 316810, 1202980 }, { "无锡滨湖区", 5, 315500, 1202660 },
	{ "常州天宁区", 5, 317800, 1199740 }, { "常州新北区", 5, 318300, 1199740 },
	{ "江阴市", 5, 319100, 1202650 }, { "常熟市", 5, 316540, 1207520 },
	{ "杭州拱墅区", 6, 303190, 1201420 }, { "杭州上城区", 6, 302420, 1201690 },
	{ "杭州萧山区", 6, 301620, 1202640 }, { "嘉兴秀洲区", 6, 307650, 1207090 },
	{ "海宁市", 6, 305260, 1206880 }, { "湖州南浔区", 6, 308700, 1204180 },
	{ "德清县", 6, 305420, 1199770 }, { "平湖市", 6, 306760, 1210150 },
	{ "宁波海曙区", 7, 298590, 1215500 }, { "宁波江北区", 7, 298860, 1215550 },
	{ "慈溪市", 7, 301700, 1212660 }, { "余姚市", 7, 300370, 1211550 },
	{ "绍兴柯桥区", 7, 300830, 1204920 }, { "诸暨市", 7, 297130, 1202440 },
	{ "绍兴上虞区", 7, 300330, 1208680 }, { "宁波奉化区", 7, 296550, 1214060 },
};
static const char *const streets[] = {
	"人民路", "中山路", "解放路", "建设路", "文化路", "新华路", "长江路",
	"东环路", "星湖街", "南门街", "北京路", "青年路", "学府路", "西大街",
	"太湖路", "湖滨路", "望江路", "迎宾大道", "金桥路", "府前街", "幸福路",
	"和平路", "光明路", "花园路",
};
static const char *const ka_brands[] = {
	"华润万家", "大润发", "永辉超市", "联华超市", "世纪联华", "物美超市",
};
static const char *const cvs_brands[] = {
	"好德便利", "快客便利", "全家便利店", "罗森", "美宜佳", "可的便利",
};
static const char *const shop_kinds[] = {
	"副食品商行", "烟酒店", "食品批发部", "便民超市", "百货商店", "生活超市",
};

/* ---- customers ---- */

enum { T_A, T_B, T_C, T_KA };
static const char *const tier_ph[] = { "A", "B", "C", "A" };
static const char *const tier_fm[] = { "A类", "B类", "C类", "KA" };

enum {					/* planted roles */
	F_NEVER = 1, F_NEW = 2, F_HOT = 4, F_KAEND = 8, F_FRESH = 16,
	F_WON = 32
};

struct state {
	int status;			/* index into the team's statuses, -1 empty */
	int na;				/* next action, -1 empty */
	long na_due;			/* day, or 0 */
	int blk;			/* blocker, -1 empty */
	long blk_until;			/* day, or 0 */
};

struct cust {
	char id[16];
	int team, region, rep, tier, place;
	char name[128];
	int64_t created;		/* time */
	long lt;			/* day of the last touch, 0: never */
	int by_update;			/* updated_at falls on lt */
	int64_t upd[4];			/* updated_at per snapshot, -1 none */
	int fmt;			/* how its FMCG dates are written */
	long contract_end;		/* day, 0: none */
	int lost;			/* -1, or the snapshot that first has 流失 */
	long lost_day;
	int comp;			/* its competitor (index) */
	int flags;
	long first_visit;		/* scripted first visit day of new ones */
	long lat, lon;
	struct state st[4];		/* hand-kept fields per snapshot */
	int u;				/* rank key */
};

static struct cust *cs;
static int ncust, nph;			/* all; the pharmacy's are first */

#define PHC(n) ((n) - 1)			/* PH001 is 0 */
#define FMC(n) (nph + (n) - 1)			/* FC0001 */

static const char *const comp_ph[] = {
	"老百姓大药房", "益丰大药房", "海王星辰", "一心堂", "国大药房",
};
static const char *const comp_fm[] = {
	"康师傅", "统一", "农夫山泉", "怡宝", "娃哈哈", "元气森林",
};

static const char *const status_ph[] = {
	"合作中", "促销执行中", "待试用", "已报价", "竞品对比中", "整改中",
	"新店筹备", "流失",
};
#define PH_LOST 7
#define PH_NEWSTORE 6
static const char *const status_fm[] = {
	"初次接触", "已报价", "待试用", "样品试用中", "竞品对比中", "谈判中",
	"已签约", "合作中", "暂停进货", "流失",
};
#define FM_LOST 9
#define FM_COMPARE 4
#define FM_NEGOTIATE 5
#define FM_ACTIVE 7

static const char *const na_ph[] = {
	"周三前提供检测报告", "周五前完成会员日物料布置", "约店长周四复盘动销",
	"提交跨仓调货申请", "周五前上传陈列整改照片", "安排店员慢病管理培训",
	"临期品促销方案确认", "核对医保对账单", "补齐执业药师排班表",
	"跟进冬季感冒药补货",
};
static const char *const na_fm[] = {
	"周三前提供检测报告", "周五前送样品试用装", "下周一前回复报价",
	"约采购经理周四面谈", "发送定制陈列方案v2", "确认年货节堆头位置",
	"跟进样品试用反馈", "安排新品品鉴会", "提交年度返利方案",
	"确认续签合同条款", "催收上月货款",
};
/* Blockers; those with %s take the blocker_until day as 12月15日. */
static const char *const blk_ph[] = {
	"店长更换交接中", "总部集采流程审批中", "医保对账未完成",
	"装修停业至%s", "执业药师休假至%s", "冷链配送排期紧张",
};
static const char *const blk_fm[] = {
	"采购负责人休假至%s", "总部集采流程审批中", "竞品买断陈列位至%s",
	"账期未结清", "老板出差至%s", "等待质检报告", "门店装修停业至%s",
};

static const char *
status_word(const struct cust *c, int s)
{
	return s < 0 ? "" : c->team == PH ? status_ph[s] : status_fm[s];
}

static const char *
na_word(const struct cust *c, int s)
{
	return s < 0 ? "" : c->team == PH ? na_ph[s] : na_fm[s];
}

static const char *
blk_word(const struct cust *c, const struct state *st)
{
	char *b = ring();
	const char *fmt;

	if (st->blk < 0)
		return "";
	fmt = c->team == PH ? blk_ph[st->blk] : blk_fm[st->blk];
	if (strstr(fmt, "%s") != NULL)
		snprintf(b, 48, fmt, Dmd(st->blk_until));
	else
		snprintf(b, 48, "%s", fmt);
	return b;
}

static int
blk_dated(const struct cust *c, int blk)
{
	return strstr(c->team == PH ? blk_ph[blk] : blk_fm[blk], "%s") != NULL;
}

static void
name_store(struct cust *c, int slot)
{
	const struct place *p = &ph_places[c->place];

	snprintf(c->name, sizeof c->name, "%s康济大药房%s店", p->name,
	    streets[(slot * 5 + c->place) % NELEM(streets)]);
}

static void
name_outlet(struct cust *c, struct rng *r, int slot)
{
	const struct place *p = &fm_places[c->place];
	const char *st = streets[(slot * 7 + c->place) % NELEM(streets)];

	if (c->tier == T_KA)
		snprintf(c->name, sizeof c->name, "%s（%s%s店）",
		    ka_brands[(slot + c->place) % NELEM(ka_brands)], p->name, st);
	else if (pm(r, 350))
		snprintf(c->name, sizeof c->name, "%s（%s%s店）",
		    PICK(r, cvs_brands), p->name, st);
	else {
		const char *sn = PICK(r, surnames);
		const char *kind = PICK(r, shop_kinds);

		snprintf(c->name, sizeof c->name, "%s%s%s记%s", p->name, st, sn,
		    kind);
	}
}

/* Freshness quotas per region, per mille of the region's customers:
 * days_since 0-30, 31-60, 61-90, over 90. */
static const int quota[8][4] = {
	{ 920, 50, 20, 10 }, { 640, 180, 110, 70 }, { 870, 80, 30, 20 },
	{ 760, 120, 70, 50 },
	{ 550, 140, 100, 210 }, { 490, 130, 110, 270 }, { 480, 120, 120, 280 },
	{ 310, 130, 130, 430 },
};

static int
cmp_u(const void *a, const void *b)
{
	const struct cust *x = &cs[*(const int *)a], *y = &cs[*(const int *)b];

	if (x->u != y->u)
		return x->u < y->u ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* The ids of planted roles. */
static const int never_ph[] = { 71, 77 };
static const int never_fm[] = { 101, 155, 203, 266, 311, 340 };
static const int hot_fm[] = { 7, 19, 42 };
static const int kaend_fm[] = { 11, 23, 56, 78 };
static const int hot_days[] = { 3, 5, 6 };
static const int kaend_days[] = { 2, 4, 6, 7 };

static void
make_customers(void)
{
	int r, j, i, k, n;

	nph = 142;
	ncust = nph + 360;
	cs = xcalloc((size_t)ncust, sizeof *cs);

	/* pharmacy stores, region by region */
	for (i = 0, r = 0; r < 4; r++) {
		int places[16], np = 0, slot[NELEM(ph_places)] = { 0 };

		for (k = 0; k < (int)NELEM(ph_places); k++)
			if (ph_places[k].region == r)
				places[np++] = k;
		for (j = 0; j < ph_stores_in[r]; j++, i++) {
			struct cust *c = &cs[i];
			struct rng g = rng(G_CUST, (uint64_t)i, 0);

			snprintf(c->id, sizeof c->id, "PH%03d", i + 1);
			c->team = PH;
			c->region = r;
			c->rep = reps_of_region[r][j % nreps_of_region[r]];
			c->place = places[j % np];
			name_store(c, slot[c->place]++);
			c->tier = (int)wpick(&g, (int[]){ 25, 50, 25 }, 3);
			/* entered when the chain's system went live */
			c->created = at_rand(&g, A - 326 + below(&g, 5), 9, 17, 0);
			c->lat = ph_places[c->place].lat + range(&g, -250, 250);
			c->lon = ph_places[c->place].lon + range(&g, -250, 250);
			c->comp = (int)below(&g, NELEM(comp_ph));
			c->u = (int)below(&g, 1000000);
		}
	}
	/* FMCG outlets */
	for (r = 4; r < 8; r++) {
		int places[16], np = 0, slot[NELEM(fm_places)] = { 0 };

		for (k = 0; k < (int)NELEM(fm_places); k++)
			if (fm_places[k].region == r)
				places[np++] = k;
		for (j = 0; j < fm_outlets_in[r - 4]; j++, i++) {
			struct cust *c = &cs[i];
			struct rng g = rng(G_CUST, (uint64_t)i, 0);

			snprintf(c->id, sizeof c->id, "FC%04d", i - nph + 1);
			c->team = FM;
			c->region = r;
			c->rep = reps_of_region[r][j % nreps_of_region[r]];
			c->place = places[(j * 3) % np];
			c->tier = (int)wpick(&g, (int[]){ 15, 40, 45, 3 }, 4);
			name_outlet(c, &g, slot[c->place]++);
			c->created = at_rand(&g, days_civil(2019, 3, 1) +
			    below(&g, A - 60 - days_civil(2019, 3, 1)), 9, 18, 0);
			c->lat = fm_places[c->place].lat + range(&g, -300, 300);
			c->lon = fm_places[c->place].lon + range(&g, -300, 300);
			c->comp = (int)below(&g, NELEM(comp_fm));
			c->fmt = (int)below(&g, 100);
			c->u = (int)below(&g, 1000000);
		}
	}
	/* one name with an ASCII comma, as Excel users type them */
	snprintf(cs[FMC(64)].name, sizeof cs[FMC(64)].name,
	    "%s,%s", "老周烟酒店", "金桥路批发部");

	/* planted roles */
	for (k = 0; k < (int)NELEM(never_ph); k++)
		cs[PHC(never_ph[k])].flags |= F_NEVER;
	for (k = 0; k < (int)NELEM(never_fm); k++)
		cs[FMC(never_fm[k])].flags |= F_NEVER;
	for (k = 0; k < 3; k++) {
		struct cust *c = &cs[FMC(hot_fm[k])];

		c->flags |= F_HOT | F_FRESH;
		c->tier = T_KA;
		c->contract_end = A + hot_days[k];
	}
	for (k = 0; k < 4; k++) {
		struct cust *c = &cs[FMC(kaend_fm[k])];

		c->flags |= F_KAEND | F_FRESH;
		c->tier = T_KA;
		c->contract_end = A + kaend_days[k];
	}
	cs[FMC(90)].flags |= F_HOT | F_FRESH;
	cs[FMC(90)].tier = T_KA;
	cs[FMC(90)].contract_end = A + 10;
	for (k = 0; k < 3; k++) {	/* new stores PH046-048 */
		struct cust *c = &cs[PHC(46 + k)];
		static const long ago[] = { 16, 9, 3 };

		c->flags |= F_NEW;
		c->created = at(A - ago[k], 10, 0);
	}
	for (k = 0; k < 8; k++) {	/* new outlets FC0353-0360 */
		struct cust *c = &cs[FMC(353 + k)];
		static const long ago[] = { 25, 21, 18, 14, 11, 8, 5, 1 };
		struct rng g = rng(G_CUST, (uint64_t)(FMC(353 + k)), 7);

		c->flags |= F_NEW;
		c->created = at_rand(&g, A - ago[k], 9, 16, 0);
		if (c->tier == T_KA)
			c->tier = T_B;
	}
	cs[FMC(357)].created = at(A - 11, 9, 30);
	cs[FMC(120)].flags |= F_WON | F_FRESH;
	cs[FMC(33)].flags |= F_FRESH;		/* planted sample requests */
	cs[FMC(77)].flags |= F_FRESH;
	/* the stores in planted stock, rules and sales facts stay fresh */
	{
		static const int fresh_ph[] = { 9, 15, 23, 88, 101, 126, 60 };

		for (k = 0; k < (int)NELEM(fresh_ph); k++)
			cs[PHC(fresh_ph[k])].flags |= F_FRESH;
	}
	/* KA outlets: ten more, never planted ones */
	for (n = 0, i = FMC(1); n < 10; i = FMC(1) + (i - FMC(1) + 37) % 360) {
		if (cs[i].flags || cs[i].tier == T_KA)
			continue;
		cs[i].tier = T_KA;
		n++;
	}
	/* KA outlets are supermarkets */
	for (i = nph; i < ncust; i++)
		if (cs[i].tier == T_KA) {
			struct rng g = rng(G_CUST, (uint64_t)i, 9);

			name_outlet(&cs[i], &g, i);
		}
}

/* The days since the last touch, by freshness quota. */
static void
assign_freshness(void)
{
	int order[400], n, r, k, i;

	for (r = 0; r < 8; r++) {
		for (n = 0, i = 0; i < ncust; i++)
			if (cs[i].region == r && !(cs[i].flags & (F_NEVER | F_NEW)))
				order[n++] = i;
		qsort(order, (size_t)n, sizeof order[0], cmp_u);
		for (k = 0; k < n; k++) {
			struct cust *c = &cs[order[k]];
			struct rng g = rng(G_CUST, (uint64_t)order[k], 1);
			long pos = (long)k * 1000 / n, ago;
			long oldest = A - tday(c->created);
			int b;

			for (b = 0; b < 3 && pos >= quota[r][b]; b++)
				pos -= quota[r][b];
			if (c->flags & F_FRESH)
				b = 0;
			switch (b) {
			case 0:
				ago = wpick(&g, (int[]){ 60, 30, 10 }, 3);
				ago = ago == 0 ? range(&g, 0, 7) : ago == 1 ?
				    range(&g, 8, 20) : range(&g, 21, 30);
				if (c->flags & F_FRESH)
					ago = range(&g, 0, 2);
				break;
			case 1:
				ago = range(&g, 31, 60);
				break;
			case 2:
				ago = range(&g, 61, 90);
				break;
			default:
				ago = range(&g, 91, oldest < 420 ? oldest : 420);
				break;
			}
			if (ago > oldest)
				ago = oldest;
			c->lt = A - ago;
		}
	}
	for (i = 0; i < ncust; i++) {
		struct cust *c = &cs[i];
		struct rng g = rng(G_CUST, (uint64_t)i, 2);

		if (c->flags & F_NEVER) {
			c->lt = 0;
			continue;
		}
		if (c->flags & F_NEW) {
			long cd = tday(c->created);

			c->first_visit = cd + (pm(&g, 500) ? 0 : 1);
			c->lt = A - range(&g, 0, 2);
			if (c->lt < c->first_visit)
				c->lt = c->first_visit;
		}
		c->by_update = pm(&g, 550);
		if (c->lt < ACT0)
			c->by_update = 1;
	}
	/* the planted new customers */
	cs[PHC(46)].first_visit = A - 15;
	cs[FMC(357)].first_visit = A - 7;
	cs[FMC(359)].lt = A - 5;
	cs[FMC(359)].by_update = 1;
	cs[FMC(359)].first_visit = 0;
	cs[FMC(360)].lt = A - 1;
	cs[FMC(360)].by_update = 1;
	cs[FMC(360)].first_visit = 0;
}

/* Lost customers: 30 before the first snapshot, then 12, 12, 12 a month
 * (the article's figure) and 10 in the as-of month; the store PH060. */
static void
assign_churn(void)
{
	static const int want[4] = { 30, 12, 12, 10 };
	int order[400], n, k, i, got;

	for (i = 0; i < ncust; i++)
		cs[i].lost = -1;
	for (n = 0, i = nph; i < ncust; i++)
		order[n++] = i;
	qsort(order, (size_t)n, sizeof order[0], cmp_u);
	for (k = 0; k < 4; k++) {
		long lo = k == 0 ? 0 : S[k - 1] + 1, hi = k == 0 ? S[0] - 20 :
		    k == 3 ? A - 2 : S[k];

		for (got = 0, i = 0; i < n && got < want[k]; i++) {
			struct cust *c = &cs[order[i]];

			if (c->flags || c->tier == T_KA || c->lost >= 0 ||
			    c->lt < lo || c->lt > hi ||
			    tday(c->created) > (k == 0 ? hi : lo) - 60)
				continue;
			c->lost = k;
			c->lost_day = c->lt;
			c->by_update = 1;
			got++;
		}
	}
	/* won back: lost in the first month, active again by the second */
	{
		struct cust *c = &cs[FMC(120)];

		c->lost = 1;
		c->lost_day = S[0] + 12;
	}
	/* the store that left the chain */
	{
		struct cust *c = &cs[PHC(60)];

		c->lost = 2;
		c->lt = S[1] + 17;
		c->lost_day = c->lt;
		c->by_update = 1;
		c->flags &= ~F_FRESH;
	}
}

static void
pick_state(struct cust *c, struct rng *g, struct state *st, long ref)
{
	int fresh = A - c->lt <= 30;

	if (c->team == PH)
		st->status = (int)wpick(g, (int[]){ 40, 15, 15, 10, 10, 10, 0, 0 }, 8);
	else if (fresh)
		st->status = (int)wpick(g, (int[]){ 5, 15, 12, 10, 12, 11, 5, 30,
		    0, 0 }, 10);
	else
		st->status = (int)wpick(g, (int[]){ 15, 20, 10, 0, 0, 0, 0, 35,
		    20, 0 }, 10);
	st->na = pm(g, 850) ? (int)below(g, c->team == PH ? (long)NELEM(na_ph) :
	    (long)NELEM(na_fm)) : -1;
	st->na_due = st->na >= 0 ? ref + range(g, 2, 10) : 0;
	st->blk = -1;
	st->blk_until = 0;
	if (pm(g, fresh ? 300 : 150)) {
		st->blk = (int)below(g, c->team == PH ? (long)NELEM(blk_ph) :
		    (long)NELEM(blk_fm));
		if (blk_dated(c, st->blk))
			st->blk_until = ref + range(g, 5, 60);
	}
}

/* The hand-kept fields at each snapshot, and updated_at. */
static void
assign_states(void)
{
	int i, k;

	for (i = 0; i < ncust; i++) {
		struct cust *c = &cs[i];
		struct rng g = rng(G_STATE, (uint64_t)i, 0);
		struct state *st = c->st;
		int lostw = c->team == PH ? PH_LOST : FM_LOST;

		if (c->flags & F_NEVER) {
			for (k = 0; k < 4; k++) {
				st[k].status = st[k].na = st[k].blk = -1;
				st[k].na_due = st[k].blk_until = 0;
				c->upd[k] = -1;
			}
			continue;
		}
		pick_state(c, &g, &st[3], c->lt);
		if (c->flags & F_HOT)
			st[3].status = FM_COMPARE;
		if (c->flags & F_KAEND)
			st[3].status = pm(&g, 500) ? FM_NEGOTIATE : FM_ACTIVE;
		if ((c->flags & F_NEW) && c->team == PH)
			st[3].status = PH_NEWSTORE;
		if ((c->flags & F_NEW) && c->team == FM)
			st[3].status = 0;
		/* backwards: a change in (S[k-1], S[k]] only when touched
		 * after it (so the store never sees a change the data does
		 * not show), in the current month when touched in 14 days */
		for (k = 2; k >= 0; k--) {
			int eligible = k == 2 ? c->lt >= A - 14 : c->lt >= S[k + 1];

			st[k] = st[k + 1];
			if (eligible && pm(&g, 550)) {
				struct state prev;

				pick_state(c, &g, &prev, S[k] - range(&g, 3, 20));
				if (prev.status == st[k].status)
					prev.status = (prev.status + 1) %
					    (c->team == PH ? 6 : 9);
				st[k] = prev;
			}
		}
		if (c->lost >= 0) {
			struct state lost;

			lost.status = lostw;
			lost.na = -1;
			lost.na_due = 0;
			lost.blk = -1;
			lost.blk_until = 0;
			for (k = c->lost; k < 4; k++)
				st[k] = lost;
			if (c->lost > 0 && st[c->lost - 1].status == lostw)
				st[c->lost - 1].status = 0;
			if (c->lost > 0 && c->team == FM && pm(&g, 600))
				st[c->lost - 1].status = 8;	/* 暂停进货 */
		}
		if (c->flags & F_WON) {
			st[2].status = FM_ACTIVE;
			st[3].status = FM_ACTIVE;
			st[3].na = 8;
			st[3].na_due = A + 6;
		}
		/* updated_at now, then at each snapshot (never later than
		 * the next one, so a later export always replaces it) */
		if (c->by_update)
			c->upd[3] = at_rand(&g, c->lt, 8, 20, 1);
		else if (pm(&g, c->team == PH ? 950 : 880)) {
			long d = c->lt - range(&g, 1, 40);

			if (d < tday(c->created))
				d = tday(c->created);
			c->upd[3] = at_rand(&g, d, 8, 20, 1);
		} else
			c->upd[3] = -1;
		if (c->upd[3] >= 0 && c->upd[3] < c->created)
			c->upd[3] = c->created;
		for (k = 2; k >= 0; k--) {
			if (c->upd[k + 1] < 0 || tday(c->upd[k + 1]) <= S[k])
				c->upd[k] = c->upd[k + 1];
			else {
				long d = S[k] - range(&g, 0, 20);

				c->upd[k] = at_rand(&g, d, 8, 20, 0);
				if (c->upd[k] < c->created)
					c->upd[k] = c->created;
			}
		}
	}
}

static void
assign_contracts(void)
{
	int i;

	for (i = 0; i < ncust; i++) {
		struct cust *c = &cs[i];
		struct rng g = rng(G_CUST, (uint64_t)i, 3);

		if (c->contract_end)
			continue;
		if (c->team == PH) {
			if (pm(&g, 300))
				c->contract_end = A + range(&g, 35, 400);
			continue;
		}
		if (c->flags & F_NEVER || !pm(&g, 780))
			continue;
		if (c->lost >= 0 || pm(&g, 220))
			c->contract_end = A - range(&g, 30, 400);
		else
			c->contract_end = A + range(&g, 20, 500);
	}
}

/* A customer export: the pharmacy's (UTF-8, canonical) or the FMCG
 * distributor's (GB18030, Chinese headers, Excel dates) at snapshot k. */
static void
write_customers(const char *name, int team, int k)
{
	struct out *o = oopen(name, team == FM, 0, 0);
	int i;

	if (team == PH)
		header(o, "customer_id,name,region,rep_id,tier,status,created_at,"
		    "updated_at,contract_end,next_action,next_action_due,blocker,"
		    "blocker_until");
	else
		header(o, "客户编号,客户名称,区域,业务员,客户等级,客户状态,建档日期,"
		    "最后跟进时间,合同到期日,下次跟进关键动作,下次跟进时间,阻力源,"
		    "阻力截止");
	for (i = 0; i < ncust; i++) {
		const struct cust *c = &cs[i];
		const struct state *st = &c->st[k];
		int f = c->fmt;

		if (c->team != team || tday(c->created) > S[k])
			continue;
		rbeg();
		fld(c->id);
		fld(c->name);
		fld(region_name[c->region]);
		fld(reps[c->rep].id);
		fld(team == PH ? tier_ph[c->tier] : tier_fm[c->tier]);
		fld(status_word(c, st->status));
		if (team == PH) {
			fld(TS(c->created));
			fld(c->upd[k] >= 0 ? TS(c->upd[k]) : "");
			fld(c->contract_end ? D(c->contract_end) : "");
			fld(na_word(c, st->na));
			fld(st->na_due ? D(st->na_due) : "");
			fld(blk_word(c, st));
			fld(st->blk_until ? D(st->blk_until) : "");
		} else {
			long cd = tday(c->created);

			fld(f < 50 ? Dserial(cd) : f < 80 ? Dslash(cd) : Dcn(cd));
			if (c->upd[k] < 0)
				fld("");
			else if (f % 20 < 11)
				fld(TSslash(c->upd[k]));
			else if (f % 20 < 14)
				fld(Dslash(tday(c->upd[k])));
			else if (f % 20 < 17)
				fld(TSserial(c->upd[k]));
			else
				fld(TSspace(c->upd[k]));
			if (!c->contract_end)
				fld("");
			else if (f % 5 < 2)
				fld(Dcn(c->contract_end));
			else if (f % 5 < 4)
				fld(Dslash(c->contract_end));
			else
				fld(Dserial(c->contract_end));
			fld(na_word(c, st->na));
			fld(st->na_due ? Dslash(st->na_due) : "");
			fld(blk_word(c, st));
			fld(st->blk_until ? Dslash(st->blk_until) : "");
		}
		rend(o);
	}
	oclose(o);
}

/* ---- activities ---- */

struct ev {
	int64_t t;			/* ts */
	int64_t rec;			/* recorded_at, -1 none, 0 derive */
	long seq;			/* tie-breaker, unique */
	int cust, rep;
	const char *type;
	char ref[24];
	char evid[160];
	char comp[24];
	char note[200];
};

static struct ev *scripted;
static size_t nscripted, capscripted;

static struct ev *
new_scripted(int cust, int64_t t, const char *type)
{
	struct ev *e;

	if (nscripted == capscripted) {
		capscripted = capscripted ? capscripted * 2 : 1024;
		scripted = realloc(scripted, capscripted * sizeof *scripted);
		if (scripted == NULL)
			die(1, "out of memory");
	}
	e = &scripted[nscripted];
	memset(e, 0, sizeof *e);
	e->seq = (long)nscripted++;
	e->cust = cust;
	e->rep = cs[cust].rep;
	e->t = t;
	e->type = type;
	return e;
}

static int
cmp_ev(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static const char *const photo_kinds[] = {
	"门头照片", "陈列照片", "货架照片", "合影", "店招照片",
};

static void
evidence_visit(struct ev *e, struct rng *g, int checkin, int photo)
{
	const struct cust *c = &cs[e->cust];
	char a[64] = "", b[64] = "";

	if (checkin) {
		long la = c->lat + range(g, -8, 8), lo = c->lon + range(g, -8, 8);

		snprintf(a, sizeof a, "checkin: %ld.%04ld,%ld.%04ld", la / 10000,
		    la % 10000, lo / 10000, lo % 10000);
	}
	if (photo) {
		const char *what = PICK(g, photo_kinds);

		snprintf(b, sizeof b, "photo: %s IMG_%04ld.jpg", what,
		    range(g, 1, 9999));
	}
	snprintf(e->evid, sizeof e->evid, "%s%s%s", a, *a && *b ? "; " : "", b);
}

static const char *const notes_visit[] = {
	"拜访店长，确认陈列位", "门头照片已上传", "店员反馈动销慢",
	"约下周二再谈", "检查价签和陈列", "补货建议已发店长", "店长不在，见了店员",
	"新品试吃活动", "核对库存，缺货两个品",
};
static const char *const notes_call[] = {
	"电话回访", "确认到货时间", "客户要求报价单", "催收货款", "提醒下单",
};
static const char *const notes_prop_ph[] = {
	"发送冬季感冒药陈列方案v2", "会员日促销方案", "慢病会员关怀方案",
};
static const char *const notes_prop_fm[] = {
	"发送定制陈列方案v2", "年货节堆头方案", "新品铺货方案", "返利阶梯方案",
};
/* notes of the other types, by type */
static const char *const notes_other[][4] = {
	{ "pdf_blast", "群发通用PDF", "新品目录PDF", "冬季促销彩页" },
	{ "complaint_invalid", "客户投诉包装破损，核实为运输前已拆封",
	    "投诉缺货，核实为客户未下单", "投诉价格高，已解释" },
	{ "collab_started", "跨部门协同：调货", "申请市场部支持物料",
	    "拉采购一起做方案" },
	{ "demo_booked", "预约下周演示", "预约新品品鉴会", "预约店员培训演示" },
	{ "店员培训", "店员培训：慢病用药", "店员培训：会员日话术",
	    "店员培训：冬季感冒药" },
	{ "陈列检查", "陈列检查：缺两个排面", "陈列检查：价签缺失",
	    "陈列检查：堆头完好" },
};
static const char *const docs_prop[] = {
	"doc: 陈列方案v2.pdf", "doc: 促销方案.pdf", "doc: 返利方案.xlsx",
};

static const char *const cn_type[][2] = {
	{ "visit", "拜访" }, { "call", "电话" }, { "quote", "报价" },
	{ "proposal", "发送定制方案" }, { "pdf_blast", "群发通用PDF" },
	{ "complaint_invalid", "无效客诉处理" }, { "demo_booked", "预约演示" },
	{ "collab_started", "发起内部协作" },
};

/* Fill a background activity of customer c. */
static void
background(struct ev *e, struct rng *g)
{
	static const char *const ph_types[] = { "visit", "call", "proposal",
	    "pdf_blast", "complaint_invalid", "collab_started", "demo_booked",
	    "quote", "店员培训" };
	static const char *const fm_types[] = { "visit", "call", "quote",
	    "proposal", "pdf_blast", "complaint_invalid", "demo_booked",
	    "collab_started", "陈列检查" };
	static const int ph_w[3][9] = {
		{ 380, 120, 180, 40, 30, 90, 45, 30, 15 },
		{ 430, 130, 90, 90, 50, 60, 25, 30, 15 },
		{ 470, 140, 35, 220, 80, 20, 10, 10, 15 },
	};
	static const int fm_w[3][9] = {
		{ 300, 170, 110, 150, 50, 40, 60, 50, 20 },
		{ 330, 200, 90, 80, 110, 60, 30, 30, 20 },
		{ 360, 230, 50, 30, 220, 90, 10, 10, 20 },
	};
	const struct cust *c = &cs[e->cust];
	const struct rep *p = &reps[c->rep];
	int t, k;
	const char *type;

	if (c->team == PH) {
		t = wpick(g, ph_w[p->style], 9);
		type = ph_types[t];
	} else {
		t = wpick(g, fm_w[p->style], 9);
		type = fm_types[t];
	}
	e->type = type;
	if (strcmp(type, "visit") == 0) {
		long x = below(g, 1000);

		if (c->team == PH)
			evidence_visit(e, g, x < 960, x < 900 || x >= 985);
		else
			evidence_visit(e, g, x < 850, x < 700 || (x >= 850 && x < 900));
		if (pm(g, 600))
			snprintf(e->note, sizeof e->note, "%s", PICK(g, notes_visit));
	} else if (strcmp(type, "call") == 0) {
		if (pm(g, 600))
			snprintf(e->note, sizeof e->note, "%s", PICK(g, notes_call));
	} else if (strcmp(type, "proposal") == 0) {
		snprintf(e->evid, sizeof e->evid, "%s", PICK(g, docs_prop));
		snprintf(e->note, sizeof e->note, "%s", c->team == PH ?
		    PICK(g, notes_prop_ph) : PICK(g, notes_prop_fm));
	} else if (strcmp(type, "quote") == 0) {
		snprintf(e->evid, sizeof e->evid, "doc: 报价单BJ%s-%02ld.pdf",
		    Dcompact(tday(e->t)), range(g, 1, 40));
		if (pm(g, 400))
			snprintf(e->note, sizeof e->note, "含税报价，账期30天");
	} else if (pm(g, 500))
		for (k = 0; k < (int)NELEM(notes_other); k++)
			if (strcmp(type, notes_other[k][0]) == 0)
				snprintf(e->note, sizeof e->note, "%s",
				    notes_other[k][1 + below(g, 3)]);
	/* a few notes with an ASCII comma, as typed on a phone */
	if (*e->note && pm(g, 40))
		strcat(e->note, ", 下周再跟");
	/* competitors come up in conversation */
	if (!(c->flags & (F_HOT | F_KAEND)) && pm(g, c->team == PH ? 20 : 50)) {
		const char *x = c->team == PH ? comp_ph[c->comp] : comp_fm[c->comp];

		snprintf(e->comp, sizeof e->comp, "%s", x);
		snprintf(e->note, sizeof e->note, "客户提到%s在做活动", x);
	}
	/* the FMCG team's app writes Chinese type names for some */
	if (c->team == FM && pm(g, 350))
		for (k = 0; k < (int)NELEM(cn_type); k++)
			if (strcmp(type, cn_type[k][0]) == 0)
				e->type = cn_type[k][1];
}

/* The rep who did it: mostly the customer's, sometimes the supervisor on
 * a joint visit, or a colleague covering. */
static int
act_rep(const struct cust *c, struct rng *g)
{
	long x = below(g, 1000);

	if (x < 50)
		return reps[c->rep].mgr;
	if (x < 80)
		return reps_of_region[c->region][below(g,
		    nreps_of_region[c->region])];
	return c->rep;
}

static int64_t
work_time(struct rng *g, long day)
{
	return at_rand(g, day, 8, 18, 1);
}

/* Scripted activities: first visits, prescription chains and sales, sample
 * requests, competitor mentions, the last touch of each customer. */
static long sreq_n;
struct sreq {
	int cust;
	int64_t t;
	int ship;			/* 0 no, else days to shipment */
	int paired;			/* shares the shipment of the one before */
};
static struct sreq sreqs[512];

static void
script_activities(void)
{
	int i, k;
	long d, w;

	/* the last touch of customers touched by an activity */
	for (i = 0; i < ncust; i++) {
		struct cust *c = &cs[i];
		struct rng g = rng(G_ACT, (uint64_t)i, 1);
		struct ev *e;

		if (c->flags & F_NEVER || c->by_update || c->lt < ACT0)
			continue;
		e = new_scripted(i, work_time(&g, c->lt), "visit");
		background(e, &g);
		e->rep = c->rep;
	}
	/* the loss, as the rep recorded it */
	for (i = 0; i < ncust; i++) {
		struct cust *c = &cs[i];
		struct rng g = rng(G_ACT, (uint64_t)i, 2);
		struct ev *e;

		if (c->lost < 1 || c->lost_day < ACT0)
			continue;
		e = new_scripted(i, work_time(&g, c->lost_day), "call");
		if (c->team == PH)
			snprintf(e->note, sizeof e->note, "加盟商确认退出加盟，%s停止配送",
			    D(c->lost_day));
		else {
			snprintf(e->comp, sizeof e->comp, "%s", comp_fm[c->comp]);
			snprintf(e->note, sizeof e->note, "客户确认改进%s的货，暂停进货",
			    comp_fm[c->comp]);
		}
	}
	/* the won-back outlet */
	{
		int ci = FMC(120);
		struct ev *e = new_scripted(ci, at(S[1] + 9, 15, 20), "proposal");

		snprintf(e->evid, sizeof e->evid, "doc: 挽回方案-返利加码.pdf");
		snprintf(e->note, sizeof e->note, "流失客户挽回：返利加码，重新进货");
	}
	/* first visits of new customers */
	for (i = 0; i < ncust; i++) {
		struct cust *c = &cs[i];
		struct rng g = rng(G_ACT, (uint64_t)i, 3);
		struct ev *e;
		int64_t t;

		if (!(c->flags & F_NEW) || !c->first_visit)
			continue;
		t = c->created + range(&g, 4 * 3600, 50 * 3600);
		if (i == PHC(46))
			t = c->created + 26 * 3600 + 1800;
		if (i == FMC(357))
			t = c->created + 96 * 3600 + 2400;
		c->first_visit = tday(t);
		e = new_scripted(i, t, c->team == FM && pm(&g, 400) ? "拜访" : "visit");
		evidence_visit(e, &g, 1, i != PHC(46));
		snprintf(e->note, sizeof e->note, "%s", c->team == PH ?
		    "新店首访，确认证照和执业药师到岗" : "新客户首次拜访，建档核实");
		if (c->lt < c->first_visit)
			c->lt = c->first_visit;
	}
	{	/* FC0357 got a call before its late visit */
		struct ev *e = new_scripted(FMC(357), at(A - 10, 16, 5), "call");

		snprintf(e->note, sizeof e->note, "约首访时间，客户说周末忙");
	}
	/* competitor mentions at the key accounts */
	{
		static const struct {
			int fc, n;
			const char *comp[4];
			int ago[4];
		} m[] = {
			{ 7, 3, { "康师傅", "康师傅", "康师傅" }, { 40, 18, 6 } },
			{ 19, 2, { "统一", "统一" }, { 25, 4 } },
			{ 42, 4, { "农夫山泉", "怡宝", "农夫山泉", "怡宝" },
			    { 70, 33, 12, 2 } },
			{ 11, 1, { "娃哈哈" }, { 30 } },
			{ 90, 3, { "元气森林", "元气森林", "元气森林" }, { 50, 20, 8 } },
		};
		static const char *const mtype[] = { "visit", "quote", "call" };

		for (i = 0; i < (int)NELEM(m); i++)
			for (k = 0; k < m[i].n; k++) {
				struct rng g = rng(G_ACT, (uint64_t)i, 10 + (uint64_t)k);
				int ci = FMC(m[i].fc);
				struct ev *e = new_scripted(ci, work_time(&g, A - m[i].ago[k]),
				    mtype[k % 3]);

				snprintf(e->comp, sizeof e->comp, "%s", m[i].comp[k]);
				if (k % 3 == 0)
					evidence_visit(e, &g, 1, 1);
				if (i == 0 && k == 1)
					snprintf(e->note, sizeof e->note,
					    "客户原话:\"%s给到9折, 你们能跟吗\"", m[i].comp[k]);
				else
					snprintf(e->note, sizeof e->note,
					    "客户拿%s报价单比价，合同到期前要答复", m[i].comp[k]);
			}
	}
	/* a note spanning two lines */
	{
		struct rng g = rng(G_ACT, 0, 99);
		struct ev *e = new_scripted(PHC(9), at(A - 4, 10, 12), "visit");

		evidence_visit(e, &g, 1, 1);
		snprintf(e->note, sizeof e->note,
		    "店长反馈：\n冬季感冒药需提前两周备货");
	}
	/* the broken chains */
	{
		static const struct {
			int store, ago;
			const char *step[3];
			int mins[3];
		} b[] = {
			{ 15, 3, { "stock_deduct", "rx_review", "dispatch" }, { 0, 7, 35 } },
			{ 88, 5, { "rx_review", "dispatch", NULL }, { 0, 45, 0 } },
			{ 126, 9, { "stock_deduct", "dispatch", NULL }, { 0, 43, 0 } },
		};

		for (i = 0; i < (int)NELEM(b); i++) {
			long day = A - b[i].ago;
			char ref[24];

			snprintf(ref, sizeof ref, "CF%s-%03d-99", Dcompact(day), b[i].store);
			for (k = 0; k < 3 && b[i].step[k]; k++) {
				struct ev *e = new_scripted(PHC(b[i].store),
				    at(day, 10 + i, 5) + b[i].mins[k] * 60, b[i].step[k]);

				snprintf(e->ref, sizeof e->ref, "%s", ref);
				if (strcmp(b[i].step[k], "rx_review") == 0)
					snprintf(e->evid, sizeof e->evid, "doc: 电子处方 %s", ref);
			}
		}
	}
	/* prescription sales without the signature page */
	{
		struct ev *e = new_scripted(PHC(9), at(A - 2, 15, 41), "rx_sale");

		snprintf(e->ref, sizeof e->ref, "POS%s009777", Dcompact(A - 2));
		snprintf(e->evid, sizeof e->evid, "photo: 收银小票 IMG_5512.jpg");
		snprintf(e->note, sizeof e->note, "阿莫西林胶囊2盒");
		e = new_scripted(PHC(101), at(A - 6, 19, 12), "rx_sale");
		snprintf(e->ref, sizeof e->ref, "POS%s101778", Dcompact(A - 6));
		snprintf(e->note, sizeof e->note, "晚班，签字页稍后补拍");
	}
	/* sample requests of the FMCG outlets, last 8 weeks */
	for (i = nph; i < ncust; i++) {
		struct cust *c = &cs[i];

		if (c->flags & (F_NEVER | F_NEW))
			continue;
		for (w = 0; w < 8; w++) {
			struct rng g = rng(G_SAMPLE, (uint64_t)i, (uint64_t)w);

			if (!pm(&g, 30))
				continue;
			d = A - w * 7 - below(&g, 7);
			if (d > c->lt || sreq_n >= (long)NELEM(sreqs) - 4)
				continue;
			sreqs[sreq_n].cust = i;
			sreqs[sreq_n].t = work_time(&g, d);
			sreqs[sreq_n].ship = (int)range(&g, 1, 3);
			sreq_n++;
		}
	}
	/* planted: one shipped after exactly 7 days, two requests for one
	 * shipment, and four never shipped */
	{
		int ci = FMC(33), cj = FMC(77);

		sreqs[sreq_n].cust = ci;
		sreqs[sreq_n].t = at(A - 9, 10, 30);
		sreqs[sreq_n++].ship = 7;
		sreqs[sreq_n].cust = cj;
		sreqs[sreq_n].t = at(A - 13, 9, 40);
		sreqs[sreq_n++].ship = 3;
		sreqs[sreq_n].cust = cj;
		sreqs[sreq_n].t = at(A - 12, 16, 15);
		sreqs[sreq_n].ship = 2;
		sreqs[sreq_n++].paired = 1;
	}
	for (k = 0, i = 0; i < sreq_n && k < 4; i++)
		if (sreqs[i].t < at(A - 10, 0, 0) && !sreqs[i].paired &&
		    sreqs[i].ship < 7 && (i + 1 >= sreq_n || !sreqs[i + 1].paired) &&
		    i % 9 == 4) {
			sreqs[i].ship = 0;
			k++;
		}
	for (i = 0; i < sreq_n; i++) {
		static const char *const items[] = { "气泡水480ml", "无糖茶500ml",
		    "乳酸菌饮品", "燕麦牛奶", "原味薯片试吃装", "混合坚果" };
		struct rng g = rng(G_SAMPLE, (uint64_t)i, 1000);
		struct ev *e = new_scripted(sreqs[i].cust, sreqs[i].t,
		    "sample_request");

		snprintf(e->note, sizeof e->note, "客户主动索要样品：%s",
		    PICK(&g, items));
		if (pm(&g, 300))
			snprintf(e->evid, sizeof e->evid, "doc: 样品申请单");
	}
	qsort(scripted, nscripted, sizeof *scripted, cmp_ev);
}

/* recorded_at: mostly within 2 hours of ts, some hours or days late. */
static int64_t
recorded(const struct ev *e, struct rng *g)
{
	long x = below(g, 1000);
	int64_t r;
	int ph = cs[e->cust].team == PH;

	if (x < 25)
		return -1;
	x = below(g, 1000);
	if (x < (ph ? 945 : 880))
		r = e->t + (pm(g, 600) ? range(g, 60, 1800) : range(g, 1801, 7199));
	else if (x < (ph ? 990 : 960))
		r = e->t + range(g, 2 * 3600 + 1, 14 * 3600);
	else {
		r = e->t + range(g, 1, 4) * DAY;
		r += range(g, 0, 7200);
	}
	if (r > at(A, 23, 50))
		r = at(A, 23, 50);
	if (r < e->t)
		r = e->t;
	return r;
}

/* The activities of one day, sorted before they are written. */
static struct ev *dayev;
static size_t nday, capday;

static struct ev *
push_day(int cust)
{
	struct ev *e;

	if (nday == capday) {
		capday = capday ? capday * 2 : 256;
		dayev = realloc(dayev, capday * sizeof *dayev);
		if (dayev == NULL)
			die(1, "out of memory");
	}
	e = &dayev[nday++];
	memset(e, 0, sizeof *e);
	e->seq = 1000000000L + (long)nday;
	e->cust = cust;
	e->rep = cs[cust].rep;
	return e;
}

/* A store's prescription orders (review, deduction, dispatch, sharing a
 * ref) and prescription sales with the signature page, on day d of the
 * last 8 weeks. */
static void
rx_day(int i, long d)
{
	const struct cust *c = &cs[i];
	struct rng g = rng(G_RX, (uint64_t)i, (uint64_t)d);
	long lam = 200 * scale / 7, n = lam / 1000 + pm(&g, lam % 1000);
	long ls = 300 * scale / 7, ns = ls / 1000 + pm(&g, ls % 1000), k;

	if (c->flags & F_NEVER || d < A - 55 || d > c->lt ||
	    d < tday(c->created))
		return;
	for (k = 0; k < n && d < A; k++) {
		int64_t t = at_rand(&g, d, 9, 19, 0);
		int cn = pm(&g, 100);
		char ref[24];
		struct ev *e;

		snprintf(ref, sizeof ref, "CF%s-%03d-%02d", Dcompact(d), i + 1,
		    (int)(k + 1) % 100);
		e = push_day(i);
		e->t = t;
		e->type = cn ? "处方审核" : "rx_review";
		snprintf(e->ref, sizeof e->ref, "%s", ref);
		snprintf(e->evid, sizeof e->evid, "doc: 电子处方 %s", ref);
		e = push_day(i);
		e->t = t += range(&g, 3, 25) * 60;
		e->type = cn ? "库存扣减" : "stock_deduct";
		snprintf(e->ref, sizeof e->ref, "%s", ref);
		e = push_day(i);
		e->t = t += range(&g, 15, 90) * 60;
		e->type = cn ? "物流派单" : "dispatch";
		snprintf(e->ref, sizeof e->ref, "%s", ref);
		snprintf(e->evid, sizeof e->evid, "doc: 配送单 PS%s%04ld",
		    Dcompact(d), range(&g, 1, 9999));
	}
	for (k = 0; k < ns; k++) {
		struct ev *e = push_day(i);

		e->t = work_time(&g, d);
		e->type = pm(&g, 150) ? "处方药销售" : "rx_sale";
		snprintf(e->ref, sizeof e->ref, "POS%s%03d%03ld", Dcompact(d),
		    i + 1, range(&g, 1, 999));
		if (pm(&g, 30))
			snprintf(e->evid, sizeof e->evid,
			    "photo: pharmacist signature page IMG_%04ld.jpg",
			    range(&g, 1, 9999));
		else {
			long sig = range(&g, 1, 9999), rx = range(&g, 1, 9999);

			snprintf(e->evid, sizeof e->evid, "photo: 执业药师签字页 "
			    "IMG_%04ld.jpg; photo: 处方笺 IMG_%04ld.jpg", sig, rx);
		}
	}
}

static void
write_activities(void)
{
	struct out *o = oopen("activities.csv", 0, 0, 0);
	size_t si = 0;
	long id = 0, d;
	int i;

	header(o, "activity_id,customer_id,rep_id,ts,type,ref,evidence,"
	    "competitor,note,recorded_at");
	for (d = ACT0; d <= A; d++) {
		nday = 0;
		for (i = 0; i < ncust; i++) {
			const struct cust *c = &cs[i];
			struct rng g = rng(G_DAY, (uint64_t)i, (uint64_t)d);
			long from = ACT0, lam, n, k;

			if (c->flags & F_NEVER || d > c->lt)
				continue;
			if (tday(c->created) > from)
				from = tday(c->created);
			if (c->flags & F_NEW)
				from = c->first_visit ? c->first_visit + 1 : A + 1;
			if (i == PHC(46))
				from = A - 12;
			if (d < from)
				continue;
			if (c->team == PH)
				lam = d >= A - 55 ? 1100 : 550;
			else
				lam = d >= A - 55 ? 800 : 450;
			if (weekday(d) >= 5)
				lam /= 4;
			lam = lam * scale / 7;
			n = lam / 1000 + pm(&g, lam % 1000);
			for (k = 0; k < n; k++) {
				struct ev *e = push_day(i);

				e->t = work_time(&g, d);
				e->rep = act_rep(c, &g);
				background(e, &g);
			}
		}
		for (i = 0; i < nph; i++)
			rx_day(i, d);
		while (si < nscripted && tday(scripted[si].t) == d) {
			struct ev *e = push_day(scripted[si].cust);
			long seq = e->seq;

			*e = scripted[si++];
			e->seq = seq - 1000000000L + 2000000000L;
		}
		qsort(dayev, nday, sizeof *dayev, cmp_ev);
		for (size_t j = 0; j < nday; j++) {
			struct ev *e = &dayev[j];
			struct rng g = rng(G_ACT, (uint64_t)e->cust, (uint64_t)e->t);
			int slash = cs[e->cust].team == FM && pm(&g, 300);
			int64_t r = recorded(e, &g);

			rbeg();
			fldf("A%07ld", ++id);
			fld(cs[e->cust].id);
			fld(reps[e->rep].id);
			fld(slash ? TSslash(e->t) : TS(e->t));
			fld(e->type);
			fld(e->ref);
			fld(e->evid);
			fld(e->comp);
			fld(e->note);
			fld(r < 0 ? "" : slash ? TSslash(r) : TS(r));
			rend(o);
		}
	}
	if (si != nscripted)
		die(1, "scripted activities outside the window: %s",
		    TS(scripted[si].t));
	free(dayev);
	oclose(o);
}

/* ---- tasks ---- */

struct task {
	int rep, cust;			/* cust -1: internal */
	long due;			/* day */
	int due_time;			/* due has a time: 18:00 */
	int64_t done;			/* -1 not done */
	int deliv, evid;		/* evid 0: none */
	int reminders;
	long seq;
};

/* deliverable, acceptance, evidence; the pharmacy's, then the FMCG team's */
static const char *const deliverables[2][7][3] = { {
	{ "完成冬季感冒药陈列整改", "陈列照片3张(正面、侧面、端架)",
	    "photo: 陈列整改照片 IMG_%04ld.jpg" },
	{ "提交周边竞店价格调研表", "覆盖周边5家药店", "doc: 竞品价格调研.xlsx" },
	{ "跨仓调货申请", "调货单号+到货签收", "doc: 调货单 DH%04ld" },
	{ "会员日物料布置", "门头+收银台照片", "photo: 会员日物料 IMG_%04ld.jpg" },
	{ "临期品处理方案", "处理清单+照片", "photo: 临期品下架 IMG_%04ld.jpg" },
	{ "医保对账单核对", "对账差异为0", "doc: 医保对账单.xlsx" },
	{ "店员慢病管理培训", "签到表+考试成绩", "photo: 培训签到表 IMG_%04ld.jpg" },
}, {
	{ "提供第三方检测报告", "客户签收回执", "doc: 检测报告.pdf" },
	{ "提交竞品价格调研表", "覆盖5家竞品终端", "doc: 竞品价格调研.xlsx" },
	{ "送样品试用装", "快递单号+客户签收", "doc: 快递签收截图" },
	{ "年度返利方案", "客户盖章确认", "doc: 返利方案盖章版.pdf" },
	{ "完成年货节堆头布置", "堆头照片2张", "photo: 堆头 IMG_%04ld.jpg" },
	{ "新品铺货", "铺货照片+订单号", "photo: 铺货 IMG_%04ld.jpg" },
	{ "催收逾期货款", "回款凭证", "doc: 回款凭证 HK%04ld" },
} };

static int
cmp_task(const void *a, const void *b)
{
	const struct task *x = a, *y = b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
write_tasks(void)
{
	struct out *o = oopen("tasks.csv", 0, 1, 0);
	struct task *ts = xcalloc(4096, sizeof *ts);
	size_t n = 0, i;
	int ri;

	for (ri = 0; ri < nrep; ri++) {
		const struct rep *p = &reps[ri];
		struct rng g = rng(G_TASK, (uint64_t)ri, 0);
		long d = A - 84 + range(&g, 0, 10);
		int mine[40], nmine = 0, ci;

		if (p->role != R_REP && p->role != R_SUP)
			continue;
		for (ci = 0; ci < ncust && nmine < 40; ci++)
			if (cs[ci].rep == ri && !(cs[ci].flags & F_NEVER) &&
			    cs[ci].lost < 0)
				mine[nmine++] = ci;
		for (; d <= A + 14 && n < 4096; d += range(&g, 6, 15)) {
			struct task *t = &ts[n];
			long x = below(&g, 1000), due = d;
			int fm = p->team == FM;

			if (weekday(due) >= 5)
				due -= weekday(due) - 4;
			if (due == A)
				due = A + 1;
			t->seq = (long)n;
			t->rep = ri;
			t->cust = nmine && pm(&g, 850) ? mine[below(&g, nmine)] : -1;
			t->due = due;
			t->due_time = pm(&g, 300);
			t->deliv = (int)below(&g, NELEM(deliverables[0]));
			t->evid = 1;
			t->reminders = 0;
			if (due > A) {
				t->done = pm(&g, 200) ? work_time(&g, A - below(&g, 3)) : -1;
				if (t->done >= 0 && tday(t->done) > due)
					t->done = -1;
			} else if (x < (fm ? 720 : 880)) {		/* on time */
				t->done = work_time(&g, due - (pm(&g, 600) ? 0 :
				    range(&g, 1, 3)));
				if (pm(&g, fm ? 180 : 100))
					t->reminders = 1;
			} else if (x < (fm ? 770 : 910)) {		/* no evidence */
				t->done = work_time(&g, due - below(&g, 2));
				t->evid = 0;
				t->reminders = (int)below(&g, 2);
			} else if (x < (fm ? 920 : 970)) {		/* late */
				long late = due + range(&g, 1, 5);

				t->done = late <= A ? work_time(&g, late) : -1;
				t->reminders = pm(&g, 850) ? (int)range(&g, 1, 2) : 0;
			} else if (due < A - 30 && pm(&g, 700)) {	/* chased, late */
				t->done = work_time(&g, due + range(&g, 5, 25));
				t->reminders = (int)range(&g, 2, 3);
			} else {					/* not done */
				t->done = -1;
				t->reminders = (int)range(&g, fm ? 1 : 0, 3);
			}
			if (t->done >= 0 && t->done > at(A, 20, 0))
				t->done = at(A, 20, 0);
			if (t->done < 0 && due <= A && t->reminders == 0 && pm(&g, 700))
				t->reminders = 1;
			n++;
		}
	}
	qsort(ts, n, sizeof *ts, cmp_task);
	header(o, "task_id,assignee_id,customer_id,deliverable,acceptance,due,"
	    "done_at,evidence,reminders");
	for (i = 0; i < n; i++) {
		const struct task *t = &ts[i];
		struct rng g = rng(G_TASK, i, 1);
		char ev[96];

		const char *const *dl = deliverables[reps[t->rep].team][t->deliv];

		snprintf(ev, sizeof ev, dl[2], range(&g, 1, 9999));
		rbeg();
		fldf("T%05zu", i + 1);
		fld(reps[t->rep].id);
		fld(t->cust >= 0 ? cs[t->cust].id : "");
		fld(dl[0]);
		fld(dl[1]);
		fld(t->due_time ? TS(at(t->due, 18, 0)) : D(t->due));
		fld(t->done >= 0 ? TS(t->done) : "");
		fld(t->done >= 0 && t->evid ? ev : "");
		fldf("%d", t->reminders);
		rend(o);
	}
	free(ts);
	oclose(o);
}

/* ---- ledger ---- */

struct lrow {
	int cust;
	long date;
	int kind;			/* 0 acquisition, 1 service, 2 failure, 3 margin */
	int sub;			/* failure: 0 duplicate_quote, 1 lost_followup, 2 rework */
	int64_t fen;
	const char *note;
	long seq;
};

static int
cmp_lrow(const void *a, const void *b)
{
	const struct lrow *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The failure rate per mille per customer-month, by quarter from LEDGER0:
 * rising through 2025, falling after the chain's system went live. */
static long
failure_rate(int team, long q)
{
	static const long ph[] = { 90, 120, 160, 80, 60, 50, 45, 40 };
	static const long fm[] = { 110, 130, 150, 140, 130, 120, 115, 110 };

	if (q < 0)
		q = 0;
	if (q > 7)
		q = 7;
	return team == PH ? ph[q] : fm[q];
}

/* Service cost per cent, by quarter from LEDGER0. */
static long
service_trend(int team, long q)
{
	static const long ph[] = { 100, 104, 112, 97, 92, 89, 87, 86 };
	static const long fm[] = { 100, 102, 104, 107, 110, 113, 116, 118 };

	if (q < 0)
		q = 0;
	if (q > 7)
		q = 7;
	return team == PH ? ph[q] : fm[q];
}

static long
quarter_of(long day)
{
	int y0, m0, d0, y, m, dd;

	civil(LEDGER0, &y0, &m0, &d0);
	civil(day, &y, &m, &dd);
	return ((y - y0) * 12 + (m - m0)) / 3;
}

static int64_t
amount(struct rng *g, long lo, long hi)	/* yuan, to fen; 40% whole */
{
	int64_t fen = (int64_t)lo * 100 + below(g, (hi - lo) * 100 + 1);

	if (pm(g, 400))
		fen -= fen % 100;
	return fen;
}

static void
write_ledgers(void)
{
	static const char *const notes[4][4] = {
		{ "新店开业支持", "进场费", "展会获客", "渠道开发费" },
		{ "陈列费", "物流补贴", "店员培训", "样品费用" },
		{ "两个业务员重复报价，退差价", "跟进断档，订单被竞品拿走",
		    "政策理解偏差返工4小时", "同一客户两个报价" },
		{ "月度毛利结算", "季度返利后", "大单，账期30天", "" },
	};
	static const char *const kind_en[] = { "acquisition", "service",
	    "failure", "margin" };
	static const char *const kind_cn[] = { "获客成本", "服务成本",
	    "失败成本", "毛利" };
	static const char *const sub_en[] = { "duplicate_quote", "lost_followup",
	    "rework" };
	static const char *const sub_cn[] = { "重复报价", "跟进断档", "返工",
	    "丢单" };
	struct lrow *rows = xcalloc(60000, sizeof *rows);
	size_t n = 0, i;
	int ci, team;

	for (ci = 0; ci < ncust; ci++) {
		const struct cust *c = &cs[ci];
		long m, first = month_first(tday(c->created));
		long end = c->lost >= 0 && !(c->flags & F_WON) ? c->lost_day : A;

		if (c->flags & F_NEVER)
			continue;
		if (c->team == PH && !(c->flags & F_NEW))
			first = LEDGER0;	/* stores sold before the CRM */
		if (first < LEDGER0)
			first = LEDGER0;
		for (m = first; m <= end && n < 59990; m = month_next(m)) {
			struct rng g = rng(G_LEDGER, (uint64_t)ci, (uint64_t)m);
			long last = month_next(m) - 1, q = quarter_of(m);
			long grow = 100 + q * 2;	/* per cent */
			int ph = c->team == PH;

			if (last > end)
				last = end;
			/* winning it: new customers only (the stores before the
			 * new ones were opened before the ledger starts) */
			if (m == month_first(tday(c->created)) &&
			    tday(c->created) >= LEDGER0 && (!ph || (c->flags & F_NEW))) {
				rows[n].cust = ci;
				rows[n].date = tday(c->created) + below(&g, 10);
				if (rows[n].date > A)
					rows[n].date = A;
				rows[n].kind = 0;
				rows[n].fen = ph ? amount(&g, 20000, 50000) :
				    c->tier == T_KA ? amount(&g, 30000, 60000) :
				    amount(&g, 2000, 20000);
				rows[n].note = notes[0][ph ? 0 : below(&g, 4)];
				rows[n].seq = (long)n;
				n++;
			}
			/* the margin of the month, settled on the 25th */
			if (m + 24 <= last) {
				long lo, hi;

				if (ph) {
					lo = c->tier == T_A ? 55000 : c->tier == T_B ?
					    35000 : 20000;
					hi = lo * 3 / 2;
				} else {
					lo = c->tier == T_KA ? 30000 : c->tier == T_A ?
					    8000 : c->tier == T_B ? 3000 : 800;
					hi = lo * 5 / 2;
				}
				rows[n].cust = ci;
				rows[n].date = m + 24;
				rows[n].kind = 3;
				rows[n].fen = amount(&g, lo, hi) * grow / 100;
				if (pm(&g, 15))	/* goods returned */
					rows[n].fen = -amount(&g, lo / 20, lo / 4);
				rows[n].note = notes[3][below(&g, 4)];
				rows[n].seq = (long)n;
				n++;
			}
			/* service, every month: rising through the first year,
			 * falling at the chain after its system went live */
			{
				long lo, hi, day = m + range(&g, 4, 24);

				if (ph) {
					lo = 3000;
					hi = 8500;
				} else {
					lo = c->tier == T_KA ? 5000 : c->tier == T_A ?
					    1000 : c->tier == T_B ? 350 : 100;
					hi = lo * 8 / 3;
				}
				if (day <= end && day <= A) {
					rows[n].cust = ci;
					rows[n].date = day;
					rows[n].kind = 1;
					rows[n].fen = amount(&g, lo, hi) *
					    service_trend(c->team, q) / 100;
					if (pm(&g, 10))	/* a refund */
						rows[n].fen = -amount(&g, 10, 300);
					rows[n].note = notes[1][below(&g, 4)];
					rows[n].seq = (long)n;
					n++;
				}
			}
			/* failure */
			if (pm(&g, failure_rate(c->team, q))) {
				long day = m + below(&g, last - m + 1);
				int sub = (int)wpick(&g, (int[]){ 35, 35, 30 }, 3);

				rows[n].cust = ci;
				rows[n].date = day;
				rows[n].kind = 2;
				rows[n].sub = sub;
				rows[n].fen = sub == 0 ? amount(&g, 500, 5000) :
				    sub == 1 ? amount(&g, 2000, 20000) :
				    amount(&g, 300, 3000);
				if (!ph)
					rows[n].fen /= 3;
				rows[n].note = notes[2][sub];
				rows[n].seq = (long)n;
				n++;
			}
		}
		if (c->lost >= 0 && c->lost_day >= LEDGER0) {	/* the lost order */
			struct rng g = rng(G_LEDGER, (uint64_t)ci, 1);

			rows[n].cust = ci;
			rows[n].date = c->lost_day;
			rows[n].kind = 2;
			rows[n].sub = 1;
			rows[n].fen = c->team == PH ? amount(&g, 20000, 40000) :
			    amount(&g, 1000, 8000);
			rows[n].note = "跟进断档，客户转向竞品";
			rows[n].seq = (long)n;
			n++;
		}
	}
	qsort(rows, n, sizeof *rows, cmp_lrow);
	for (team = PH; team <= FM; team++) {
		struct out *o = oopen(team == PH ? "ledger.csv" : "fmcg-ledger.csv",
		    team == FM, 0, 0);
		long k = 0;

		header(o, team == PH ? "customer_id,date,kind,amount,sub_kind,note" :
		    "客户编号,日期,费用类型,金额,子类,备注");
		for (i = 0; i < n; i++) {
			const struct lrow *r = &rows[i];
			struct rng g = rng(G_LEDGER, i, 7);
			long x = below(&g, 100);
			char note[200];

			if (cs[r->cust].team != team)
				continue;
			k++;
			snprintf(note, sizeof note, "%s", below(&g, 100) < 45 ? "" :
			    r->note);
			rbeg();
			fld(cs[r->cust].id);
			if (team == PH) {
				fld(D(r->date));
				fld(kind_en[r->kind]);
				if (x < 5 && r->fen > 0)
					fldf("¥%s", yuan_sep(r->fen));
				else
					fld(yuan(r->fen));
				fld(r->kind == 2 ? sub_en[r->sub] : "");
			} else {
				long y = below(&g, 100);

				fld(y < 40 ? D(r->date) : y < 65 ? Dslash(r->date) :
				    y < 80 ? Dcn(r->date) : Dserial(r->date));
				fld(kind_cn[r->kind]);
				if (r->fen < 0)
					fldf(x < 50 ? "(%s)" : "-￥%s", yuan_sep(-r->fen));
				else if (r->fen >= 1000000 && x < 30)	/* 7.21万 */
					fld(yuan_wan(r->fen - r->fen % 10000));
				else if (x < 35)
					fldf("￥%s", yuan_sep(r->fen));
				else if (x < 50 && r->fen % 100 == 0)
					fld(yuan_sep(r->fen));
				else
					fld(yuan(r->fen));
				fld(r->kind == 2 ? sub_cn[r->sub == 1 && x % 2 ? 3 :
				    r->sub] : "");
				if (k == 40)
					snprintf(note, sizeof note,
					    "客户说\"下月再补货\", 本月暂停配送");
				if (k == 41)
					snprintf(note, sizeof note, "退货冲减\n含破损12箱");
			}
			fld(note);
			rend(o);
		}
		oclose(o);
	}
	free(rows);
}

/* ---- policies ---- */

static void
write_policies(void)
{
	static const struct {
		long ago;		/* published A - ago */
		int team;		/* PH, FM, or 2 both */
		const char *title;
		const char *reading[4];	/* by pharmacy region; [0] for all */
	} pol[] = {
		{ 110, FM, "中秋堆头费用补贴", { "按堆头面积补贴，凭照片报销" } },
		{ 95, PH, "国庆会员日满减", { "满100减15，会员专享" } },
		{ 80, 2, "新品上市铺货奖励", { "首单铺货满20箱奖励2箱" } },
		{ 66, PH, "慢病会员回访口径", { "每月电话回访一次，记录用药情况" } },
		{ 52, FM, "10月返利结算口径", { "按回款额计算返利" } },
		{ 40, PH, "冬季感冒药陈列规范", { "感冒药端架陈列，每店至少2个端架" } },
		{ 26, FM, "双十一价格管控", { "线下不低于线上到手价" } },
		{ 17, PH, "医保支付新规门店执行", { "医保卡不得购买非药品",
		    "医保卡不得购买非药品", "医保卡不得购买非药品及保健品",
		    "医保卡不得购买非药品" } },
		{ 9, PH, "会员日满199减30", { "满199减30，可与会员折扣叠加",
		    "满199减30，不与会员折扣叠加", "满199减30，可与会员折扣叠加",
		    "满199减30，仅限非处方药" } },
		{ 4, FM, "年货节订货政策", { "12月20日前订货享9.5折" } },
		{ 2, 2, "12月价格调整通知", { "12月1日起按新价目表执行" } },
	};
	struct out *o = oopen("policies.csv", 0, 0, 0);
	size_t k;
	int ri;

	header(o, "policy_id,region,rep_id,published_at,received_at,interpretation");
	for (k = 0; k < NELEM(pol); k++) {
		struct rng g = rng(G_POLICY, k, 0);
		int64_t pub = at_rand(&g, A - pol[k].ago, 9, 16, 0);
		char id[16];

		snprintf(id, sizeof id, "ZC-P%02zu", k + 1);
		for (ri = 0; ri < nrep; ri++) {
			const struct rep *p = &reps[ri];
			struct rng h = rng(G_POLICY, k, (uint64_t)ri + 1);
			long x = below(&h, 1000);
			int64_t rcv;
			const char *reading;

			if (p->role != R_REP || (pol[k].team != 2 && pol[k].team != p->team))
				continue;
			if (x < (p->team == PH ? 930 : 830))
				rcv = pub + range(&h, 180, 7199);
			else if (x < (p->team == PH ? 975 : 930))
				rcv = pub + range(&h, 7201, 20 * 3600);
			else if (x < 990) {
				rcv = pub + range(&h, 1, 3) * DAY;
				rcv += range(&h, 0, 3600);
			}
			else
				rcv = -1;
			if (k == 8 && ri == reps_of_region[0][1])
				rcv = pub + 7200;		/* exactly two hours */
			if (rcv > at(A, 22, 0))
				rcv = -1;
			reading = pol[k].reading[p->team == PH && pol[k].reading[1] ?
			    p->region : 0];
			rbeg();
			fld(id);
			fld(region_name[p->region]);
			fld(p->id);
			fld(TS(pub));
			fld(rcv >= 0 ? TS(rcv) : "");
			fld(rcv >= 0 && pm(&h, 960) ? reading : "");
			rend(o);
		}
		(void)pol[k].title;
	}
	oclose(o);
}

/* ---- decisions ---- */

struct dec {
	int64_t t;
	int maker;
	int basis;			/* 0 dashboard, 1 data, 2 experience, 3 other */
	int word;
};

static int
cmp_dec(const void *a, const void *b)
{
	const struct dec *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->maker - y->maker;
}

static void
write_decisions(void)
{
	static const char *const words[4][4] = {
		{ "dashboard", "看板", "仪表盘", "dashboard" },
		{ "data", "数据", "data", "数据" },
		{ "experience", "我觉得", "上次好像", "经验" },
		{ "other", "其他", "other", "其他" },
	};
	struct out *o = oopen("decisions.csv", 0, 1, 1);
	struct dec *ds = xcalloc(4096, sizeof *ds);
	size_t n = 0, i;
	int ri;

	for (ri = 0; ri < nrep; ri++) {
		const struct rep *p = &reps[ri];
		struct rng g = rng(G_DECISION, (uint64_t)ri, 0);
		long d;

		if (p->role == R_REP)
			continue;
		for (d = A - 120 + below(&g, 5); d <= A && n < 4096;
		    d += range(&g, 2, 8)) {
			int recent = d > A - 60;
			const int *w = p->team == PH ?
			    (recent ? (int[]){ 52, 22, 19, 7 } : (int[]){ 40, 20, 32, 8 }) :
			    (int[]){ 24, 14, 56, 6 };

			ds[n].t = work_time(&g, d);
			ds[n].maker = ri;
			ds[n].basis = wpick(&g, w, 4);
			ds[n].word = (int)below(&g, 4);
			if (p->team == FM && ds[n].word == 0)
				ds[n].word = 1;
			n++;
		}
	}
	qsort(ds, n, sizeof *ds, cmp_dec);
	header(o, "decision_id,made_at,maker_id,basis");
	for (i = 0; i < n; i++) {
		rbeg();
		fldf("JC%05zu", i + 1);
		fld(TS(ds[i].t));
		fld(reps[ds[i].maker].id);
		fld(words[ds[i].basis][ds[i].word]);
		rend(o);
	}
	free(ds);
	oclose(o);
}

/* ---- the pharmacy's stock, sales and members ---- */

struct sku {
	const char *id, *name;
	int price;			/* fen, retail */
	int rx;
	int pop;			/* sales weight */
	int shelf;			/* days */
};

static const struct sku skus[] = {
	{ "YP10001", "连花清瘟胶囊 0.35g×24粒", 2980, 0, 120, 1095 },
	{ "YP10002", "布洛芬缓释胶囊 0.3g×20粒", 1850, 0, 100, 1095 },
	{ "YP10003", "感冒灵颗粒 10g×9袋", 1680, 0, 90, 730 },
	{ "YP10004", "阿莫西林胶囊 0.25g×24粒", 1250, 1, 60, 1095 },
	{ "YP10005", "复方甘草片 100片", 990, 0, 30, 1095 },
	{ "YP10006", "维生素C泡腾片 20片", 3500, 0, 50, 730 },
	{ "YP10007", "氯雷他定片 10mg×6片", 2200, 0, 35, 1095 },
	{ "YP10008", "奥美拉唑肠溶胶囊 20mg×14粒", 2600, 1, 40, 730 },
	{ "YP10009", "苯磺酸氨氯地平片 5mg×28片", 3150, 1, 45, 1095 },
	{ "YP10010", "盐酸二甲双胍缓释片 0.5g×30片", 2800, 1, 45, 1095 },
	{ "YP10011", "阿托伐他汀钙片 20mg×7片", 4600, 1, 35, 730 },
	{ "YP10012", "医用外科口罩 50只", 2500, 0, 80, 730 },
	{ "YP10013", "血糖试纸 50片", 9800, 0, 20, 540 },
	{ "YP10014", "碳酸钙D3片 60片", 5800, 0, 25, 1095 },
	{ "YP10015", "蒲地蓝消炎口服液 10ml×10支", 3900, 0, 30, 730 },
	{ "YP10016", "健胃消食片 32片", 1200, 0, 55, 1095 },
	{ "YP10017", "板蓝根颗粒 10g×20袋", 1500, 0, 60, 1095 },
	{ "YP10018", "云南白药气雾剂 85g", 4500, 0, 25, 1095 },
	{ "YP10019", "电子血压计 上臂式", 23900, 0, 3, 1825 },
	{ "YP10020", "儿童退热贴 6贴", 2800, 0, 20, 730 },
	{ "YP10021", "阿胶 250g", 59800, 0, 2, 1825 },
	{ "YP10022", "宁夏枸杞子 500g", 6800, 0, 8, 540 },
	{ "YP10023", "艾司奥美拉唑镁肠溶片 20mg×7片", 8800, 1, 20, 730 },
	{ "YP10024", "硝苯地平控释片 30mg×7片", 3500, 1, 30, 1095 },
};
#define NSKU ((int)NELEM(skus))
#define WH_OUT_SKU 0			/* YP10001 runs out at the warehouse */
#define STORE_OUT_SKU 1			/* YP10002 at PH023 */
#define STORE_OUT PHC(23)

static const int slow_stores[] = { 18, 54, 92, 110, 129, 139 };
static const int slow_skus[] = { 12, 18, 20, 21 };	/* YP10013/19/21/22 */
static const int chronic[] = { 8, 9, 10, 23 };
static const struct {
	int store, sku, days;
} near_expiry[] = {
	{ 5, 2, 12 }, { 12, 5, 25 }, { 31, 15, 33 }, { 52, 11, 41 },
	{ 66, 16, 56 }, { 83, 1, 63 }, { 97, 2, 77 }, { 104, 15, 85 },
	{ 121, 11, 90 }, { 133, 5, 91 },
};

static int
is_slow_store(int l)
{
	size_t k;

	for (k = 0; k < NELEM(slow_stores); k++)
		if (PHC(slow_stores[k]) == l)
			return 1;
	return 0;
}

/* The SKUs store l holds, and whether it ever sells each; returns n. */
static int
store_skus(int l, int *sku, int *sells)
{
	struct rng g = rng(G_STOCK, (uint64_t)l, 0);
	static const int core[] = { 0, 1, 2, 11, 15 };
	int n = 0, k, s;
	size_t j;

	for (j = 0; j < NELEM(core); j++) {
		sku[n] = core[j];
		sells[n++] = 1;
	}
	sku[n] = chronic[below(&g, NELEM(chronic))];
	sells[n++] = 1;
	while (n < 8) {
		s = (int)below(&g, NSKU);
		for (k = 0; k < n && sku[k] != s; k++)
			;
		if (k < n || s == 18 || s == 20 || s == 21 || s == 12)
			continue;
		sku[n] = s;
		sells[n++] = 1;
	}
	if (is_slow_store(l))
		for (j = 0; j < NELEM(slow_skus); j++) {
			sku[n] = slow_skus[j];
			sells[n++] = 0;
		}
	for (j = 0; j < NELEM(near_expiry); j++)
		if (PHC(near_expiry[j].store) == l) {
			for (k = 0; k < n && sku[k] != near_expiry[j].sku; k++)
				;
			if (k == n) {
				sku[n] = near_expiry[j].sku;
				sells[n++] = 1;
			}
		}
	return n;
}

/* Whether the store sells at all on day d (opened, still in the chain). */
static int
store_open(int l, long d)
{
	const struct cust *c = &cs[l];

	return d >= tday(c->created) - (c->flags & F_NEW ? 0 : 3650) &&
	    !(c->lost >= 0 && d > c->lost_day);
}

/* Batches: a SKU's three current batches, shared by the warehouse and the
 * stores; expiry day of batch b. */
static long
batch_expiry(int s, int b)
{
	struct rng g = rng(G_STOCK, (uint64_t)s, 100 + (uint64_t)b);

	return A + 150 + below(&g, skus[s].shelf - 160 > 10 ? skus[s].shelf - 160 : 10);
}

static const char *
batch_id(int s, long expiry)
{
	char *b = ring();
	int y, m, d;

	civil(expiry - skus[s].shelf, &y, &m, &d);
	snprintf(b, 48, "B%02d%02d%02d%c", y % 100, m, d, 'A' + s % 7);
	return b;
}

static void
stock_row(struct out *o, const char *loc, int s, long expiry, long qty,
    int64_t t, int price, int store)
{
	rbeg();
	fld(loc);
	fld(skus[s].id);
	fld(batch_id(s, expiry));
	fldf("%ld", qty);
	fld(D(expiry));
	fld(store ? TSmin(t) : TS(t));
	fld(price ? yuan(price) : "");
	rend(o);
}

static void
write_stock(void)
{
	struct out *o = oopen("stock.csv", 0, 0, 0);
	long d;
	int l, h, s, k;

	header(o, "location_id,sku,batch,qty,expiry,as_of,price");
	for (d = A - 9; d <= A; d++) {
		/* the warehouse, every 4 hours */
		for (h = 0; h < 24; h += 4) {
			int64_t t = at(d, h, 0);
			long hrs = (long)((at(A - 3, 16, 0) - t) / 3600);

			for (s = 0; s < NSKU; s++) {
				struct rng g = rng(G_STOCK, (uint64_t)s, 7);
				long cap = 300 + skus[s].pop * 25, per = 3;
				long ph = below(&g, per * 6), pos, qty;

				pos = ((d - A) * 6 + h / 4 + ph) % (per * 6);
				if (pos < 0)
					pos += per * 6;
				qty = cap - cap * pos / (per * 6 + 2);
				if (s == WH_OUT_SKU) {
					/* shipped out faster than it came in */
					qty = hrs <= 0 ? 0 : hrs * 12 + 8;
					if (qty > cap)
						qty = cap;
				}
				stock_row(o, "WH-HD01", s, batch_expiry(s, 0), qty, t,
				    skus[s].price * 7 / 10, 0);
				if (s % 3 == 1 && s != WH_OUT_SKU)
					stock_row(o, "WH-HD01", s, batch_expiry(s, 1),
					    cap / 4 + below(&g, 40), t,
					    skus[s].price * 7 / 10, 0);
				if (s == 14)	/* YP10015: a batch near expiry */
					stock_row(o, "WH-HD01", s, A + 45, 120, t,
					    skus[s].price * 7 / 10, 0);
			}
		}
		if (d < A - 7)
			continue;
		/* the stores, once a day after closing */
		for (l = 0; l < nph; l++) {
			int sku[16], sells[16], n = store_skus(l, sku, sells);
			int64_t t = at(d, 22, 0);

			if (!store_open(l, d) || d < tday(cs[l].created))
				continue;
			for (k = 0; k < n; k++) {
				struct rng g = rng(G_STOCK, (uint64_t)l, 1000 + (uint64_t)sku[k]);
				long cap = 6 + skus[sku[k]].pop / 4 + below(&g, 12);
				long phase = below(&g, 7), pos = ((d + phase) % 7 + 7) % 7;
				long qty = cap - pos * cap / 8;
				int price = pm(&g, 30) ? 0 : skus[sku[k]].price;
				size_t j;

				s = sku[k];
				if (!sells[k])
					qty = 1 + below(&g, 4);
				if (l == STORE_OUT && s == STORE_OUT_SKU) {
					if (d >= A - 6 && d <= A - 4)
						qty = 0;
					else if (d == A - 7)
						qty = 2;
				}
				stock_row(o, cs[l].id, s, batch_expiry(s,
				    (int)below(&g, 3)), qty, t, price, 1);
				for (j = 0; j < NELEM(near_expiry); j++)
					if (PHC(near_expiry[j].store) == l &&
					    near_expiry[j].sku == s) {
						long left = 14 - (d - (A - 7)) / 2;

						stock_row(o, cs[l].id, s,
						    A + near_expiry[j].days, left, t, price, 1);
					}
			}
		}
	}
	oclose(o);
}

/* Members: a pure function of their index, so sales can be streamed. */
struct member {
	int store;
	long joined;
	int interval;			/* days */
	long first;			/* day of purchase 0 */
	long stop;			/* no purchase after it */
	int kind;			/* 0 regular, 1 overdue, 2 two purchases */
	int usual;			/* its SKU */
	char name[24];
};

static long members_per_store;

static void
member_of(long mi, struct member *m)
{
	struct rng g = rng(G_MEMBER, (uint64_t)mi, 0);
	int l = (int)(mi / members_per_store);
	int sku[16], sells[16], n = store_skus(l, sku, sells), k;
	static const int intervals[] = { 14, 21, 28, 30, 30, 45 };
	long open = tday(cs[l].created);
	long x = below(&g, 1000);

	m->store = l;
	m->kind = x < 850 ? 0 : x < 950 ? 1 : 2;
	m->interval = m->kind == 1 && span < 180 ? 14 : (int)PICK(&g, intervals);
	if (m->kind == 2) {
		m->interval = (int)range(&g, 14, 30);
		m->joined = A - range(&g, m->interval + 5, 70);
	} else
		m->joined = A - range(&g, 100, 900);
	if (cs[l].flags & F_NEW && m->joined < open)
		m->joined = open + below(&g, A - open + 1), m->kind = 2;
	m->first = m->joined + below(&g, m->interval);
	m->stop = m->kind == 1 ? A - (m->interval * 3 / 2 + range(&g, 6, 20)) : A;
	if (m->kind == 2)
		m->stop = m->first + m->interval + 1;
	/* chronic patients refill their prescription, others their usual */
	for (k = 0; k < 20; k++) {
		int j = (int)below(&g, n);

		m->usual = sku[j];
		if (sells[j] && skus[m->usual].pop >= 3)
			break;
	}
	if (m->interval >= 28)
		for (k = 0; k < n; k++)
			if (skus[sku[k]].rx && sku[k] != 3)
				m->usual = sku[k];
	{
		const char *s = PICK(&g, surnames);

		if (pm(&g, 600))
			snprintf(m->name, sizeof m->name, "%s*%s", s, PICK(&g, given));
		else
			snprintf(m->name, sizeof m->name, "%s**", s);
	}
}

/* Whether member m buys on day d. */
static int
member_buys(long mi, const struct member *m, long d)
{
	long k0, k;

	if (d < m->joined || d > m->stop || d < m->first - 1)
		return 0;
	k0 = (d - m->first) / m->interval;
	for (k = k0 - 1; k <= k0 + 1; k++) {
		struct rng g = rng(G_MEMBER, (uint64_t)mi, 1000 + (uint64_t)(k + 1));
		long p = m->first + k * m->interval + range(&g, -1, 1);

		if (k < 0 || (m->kind == 2 && k > 1))
			continue;
		if (k == 0)
			p = m->first;
		if (p == d && p >= m->joined && p <= m->stop)
			return 1;
	}
	return 0;
}

static void
write_members(void)
{
	struct out *o = oopen("members.csv", 0, 0, 0);
	long mi;

	header(o, "member_id,location_id,joined,name");
	for (mi = 0; mi < members_per_store * nph; mi++) {
		struct member m;

		if (cs[mi / members_per_store].lost >= 0)
			continue;
		member_of(mi, &m);
		rbeg();
		fldf("HY%07ld", mi + 1);
		fld(cs[m.store].id);
		fld(D(m.joined));
		fld(m.name);
		rend(o);
	}
	oclose(o);
}

struct receipt {
	int64_t t;
	long member;			/* -1 none */
	int lines, sku[3], qty[3];
	long seq;
};

static int
cmp_receipt(const void *a, const void *b)
{
	const struct receipt *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* A SKU store l sells on day d, by popularity; -1 when none. */
static int
pick_sku(struct rng *g, int l, long d, const int *sku, const int *sells, int n)
{
	int w[16], k;
	long sum = 0;

	for (k = 0; k < n; k++) {
		w[k] = sells[k] ? skus[sku[k]].pop : 0;
		if (l == STORE_OUT && sku[k] == STORE_OUT_SKU && d >= A - 6 &&
		    d <= A - 3)
			w[k] = 0;
		sum += w[k];
	}
	if (sum == 0)
		return -1;
	return sku[wpick(g, w, n)];
}

static void
write_sales(void)
{
	struct out *o = oopen("sales.csv", 0, 0, 0);
	struct receipt *rc = NULL;
	size_t cap = 0;
	long d, id = 0;
	int l;

	header(o, "sale_id,location_id,sku,ts,qty,amount,member_id");
	for (d = A - span + 1; d <= A; d++) {
		for (l = 0; l < nph; l++) {
			int sku[16], sells[16], n;
			struct rng g = rng(G_SALE, (uint64_t)l, (uint64_t)d);
			size_t nr = 0, j;
			long lam, k, mi, cnt;

			if (!store_open(l, d))
				continue;
			n = store_skus(l, sku, sells);
			lam = 450 * scale * 90 / span;
			lam = lam * (cs[l].tier == T_A ? 150 : cs[l].tier == T_B ? 100 : 70) / 100;
			cnt = lam / 1000 + pm(&g, lam % 1000);
			if (cs[l].lost < 0)
				for (mi = (long)l * members_per_store;
				    mi < (long)(l + 1) * members_per_store; mi++) {
					struct member m;

					member_of(mi, &m);
					if (!member_buys(mi, &m, d))
						continue;
					if (nr == cap) {
						cap = cap ? cap * 2 : 64;
						rc = realloc(rc, cap * sizeof *rc);
						if (rc == NULL)
							die(1, "out of memory");
					}
					rc[nr].member = mi;
					rc[nr].lines = 1;
					rc[nr].sku[0] = m.usual;
					if (l == STORE_OUT && m.usual == STORE_OUT_SKU &&
					    d >= A - 6 && d <= A - 3)
						rc[nr].sku[0] = pick_sku(&g, l, d, sku, sells, n);
					rc[nr].qty[0] = skus[rc[nr].sku[0]].rx ? 1 + pm(&g, 300) : 1;
					nr++;
				}
			for (k = 0; k < cnt; k++) {
				if (nr == cap) {
					cap = cap ? cap * 2 : 64;
					rc = realloc(rc, cap * sizeof *rc);
					if (rc == NULL)
						die(1, "out of memory");
				}
				rc[nr].member = -1;
				rc[nr].lines = 1;
				rc[nr].sku[0] = pick_sku(&g, l, d, sku, sells, n);
				rc[nr].qty[0] = 1;
				nr++;
			}
			for (j = 0; j < nr; j++) {
				struct receipt *r = &rc[j];
				int want = (int)wpick(&g, (int[]){ 65, 28, 7 }, 3) + 1, tries;

				r->seq = (long)j;
				r->t = at_rand(&g, d, 8, 21, 1);
				for (tries = 0; r->lines < want && tries < 10; tries++) {
					int s = pick_sku(&g, l, d, sku, sells, n), q;

					for (q = 0; q < r->lines && r->sku[q] != s; q++)
						;
					if (q < r->lines)
						continue;
					r->sku[r->lines] = s;
					r->qty[r->lines++] = pm(&g, 750) ? 1 : pm(&g, 700) ? 2 :
					    (int)range(&g, 3, 5);
				}
			}
			qsort(rc, nr, sizeof *rc, cmp_receipt);
			for (j = 0; j < nr; j++) {
				struct receipt *r = &rc[j];
				int q;

				id++;
				for (q = 0; q < r->lines; q++) {
					int64_t amt = (int64_t)r->qty[q] * skus[r->sku[q]].price;

					if (r->member >= 0 && pm(&g, 200))
						amt = amt * 95 / 100;
					rbeg();
					fldf("XS%08ld", id);
					fld(cs[l].id);
					fld(skus[r->sku[q]].id);
					fld(TS(r->t));
					fldf("%d", r->qty[q]);
					fld(yuan(amt));
					if (r->member >= 0)
						fldf("HY%07ld", r->member + 1);
					else
						fld("");
					rend(o);
				}
			}
		}
	}
	free(rc);
	oclose(o);
}

/* ---- shipments of samples ---- */

struct ship {
	int cust;
	int64_t t;
	int carrier;
	int req;			/* the request it carries, -1 none */
};

static int
cmp_ship(const void *a, const void *b)
{
	const struct ship *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->cust - y->cust;
}

static void
write_shipments(void)
{
	static const char *const carriers[] = { "顺丰", "京东物流", "中通" };
	static const int digits[] = { 12, 13, 14 };
	static const char *const items[] = { "气泡水480ml×6", "无糖茶500ml×6",
	    "乳酸菌饮品×12", "燕麦牛奶×6", "原味薯片试吃装×20", "混合坚果×10" };
	struct out *o = oopen("shipments.csv", 0, 0, 0);
	struct ship sh[600];
	size_t n = 0, i;
	long k;

	for (k = 0; k < sreq_n; k++) {
		struct rng g = rng(G_SHIP, (uint64_t)k, 0);
		int64_t t;

		if (!sreqs[k].ship || sreqs[k].paired)
			continue;
		t = at_rand(&g, tday(sreqs[k].t) + sreqs[k].ship, 10, 18, 0);
		if (sreqs[k].ship == 7)
			t = sreqs[k].t + 7 * DAY;
		if (t > at(A, 20, 0))
			continue;	/* not shipped yet */
		sh[n].cust = sreqs[k].cust;
		sh[n].t = t;
		sh[n].carrier = (int)wpick(&g, (int[]){ 55, 20, 25 }, 3);
		sh[n].req = (int)k;
		n++;
	}
	/* shipments nobody recorded a request for */
	{
		static const int fc[] = { 15, 148, 287 };
		static const long ago[] = { 20, 11, 3 };

		for (i = 0; i < NELEM(fc); i++) {
			struct rng g = rng(G_SHIP, 10000 + i, 0);

			sh[n].cust = FMC(fc[i]);
			sh[n].t = at_rand(&g, A - ago[i], 10, 18, 0);
			sh[n].carrier = (int)i;
			sh[n].req = -1;
			n++;
		}
	}
	qsort(sh, n, sizeof *sh, cmp_ship);
	header(o, "shipment_id,customer_id,tracking_no,carrier,shipped_at,items");
	for (i = 0; i < n; i++) {
		struct rng g = rng(G_SHIP, i, 1);
		char trk[24];
		int j, nd = digits[sh[i].carrier] + (int)below(&g, 2);

		trk[0] = (char)('1' + below(&g, 9));
		for (j = 1; j < nd; j++)
			trk[j] = (char)('0' + below(&g, 10));
		trk[nd] = '\0';
		rbeg();
		fldf("FH%06zu", i + 1);
		fld(cs[sh[i].cust].id);
		fld(trk);
		fld(carriers[sh[i].carrier]);
		fld(TS(sh[i].t));
		{
			const char *a = PICK(&g, items), *b = PICK(&g, items);

			fldf("样品: %s; %s", a, b);
		}
		rend(o);
	}
	oclose(o);
}

/* ---- main ---- */

static _Noreturn void
usage(void)
{
	fprintf(stderr, "usage: gen-sample [--scale N] [--as-of YYYY-MM-DD] "
	    "OUTDIR\n");
	exit(2);
}

static long
parse_day(const char *s)
{
	int y = 0, m = 0, d = 0, y2, m2, d2;
	char tail;
	long z;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
	    s[4] != '-' || s[7] != '-' || y < 2000 || y > 2200)
		die(2, "--as-of: not a date YYYY-MM-DD '%s'", s);
	z = days_civil(y, m, d);
	civil(z, &y2, &m2, &d2);
	if (y2 != y || m2 != m || d2 != d)
		die(2, "--as-of: no such day '%s'", s);
	return z;
}

static void
mkdir_p(const char *path)
{
	if (mkdir(path, 0777) == -1 && errno != EEXIST)
		die(1, "%s: %s", path, strerror(errno));
}

int
main(int argc, char *argv[])
{
	char hist[4096], name[128];
	int i, k;

	A = days_civil(2026, 11, 27);
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (strcmp(argv[i], "--scale") == 0 && i + 1 < argc) {
			char *end;
			long v = strtol(argv[++i], &end, 10);

			if (*argv[i] == '\0' || *end != '\0' || v < 1 || v > 100)
				die(2, "--scale: not a number from 1 to 100 '%s'", argv[i]);
			scale = (int)v;
		} else if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc)
			A = parse_day(argv[++i]);
		else if (strcmp(argv[i], "--help") == 0) {
			printf("usage: gen-sample [--scale N] [--as-of YYYY-MM-DD] "
			    "OUTDIR\n");
			return 0;
		} else
			usage();
	}
	if (argc - i != 1)
		usage();
	outdir = argv[i];

	S[3] = A;
	S[2] = month_first(A) - 1;
	S[1] = month_first(S[2]) - 1;
	S[0] = month_first(S[1]) - 1;
	ACT0 = A - 181;
	span = 90L * scale < 365 ? 90L * scale : 365;
	members_per_store = 14L * scale * 90 / span;
	{
		int y, m, d;

		civil(A, &y, &m, &d);
		/* the quarter six quarters before the as-of one */
		m = (m - 1) / 3 * 3 + 1 - 18;
		while (m < 1) {
			m += 12;
			y--;
		}
		LEDGER0 = days_civil(y, m, 1);
	}

	mkdir_p(outdir);
	snprintf(hist, sizeof hist, "%s/history", outdir);
	mkdir_p(hist);

	make_reps();
	make_customers();
	assign_freshness();
	assign_churn();
	assign_contracts();
	script_activities();
	assign_states();

	write_reps();
	write_customers("customers.csv", PH, 3);
	write_customers("fmcg-customers.csv", FM, 3);
	for (k = 0; k < 3; k++) {
		snprintf(name, sizeof name, "history/customers-%s.csv", D(S[k]));
		write_customers(name, PH, k);
		snprintf(name, sizeof name, "history/fmcg-customers-%s.csv", D(S[k]));
		write_customers(name, FM, k);
	}
	write_activities();
	write_tasks();
	write_ledgers();
	write_policies();
	write_decisions();
	write_stock();
	write_members();
	write_sales();
	write_shipments();
	free(scripted);
	free(cs);
	return 0;
}
