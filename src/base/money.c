/* Reading amounts in kronor as Swedes and others type them, and writing
 * öre back as kronor. */
#include "base/money.h"

/* Whether the bytes at s are a space that groups digits: a plain space or
 * a no-break space (U+00A0, U+202F), as a copied figure often has. Returns
 * its length, 0 when it is none. */
static size_t
group_space(const unsigned char *s)
{
	if (s[0] == ' ')
		return 1;
	if (s[0] == 0xc2 && s[1] == 0xa0)
		return 2;
	if (s[0] == 0xe2 && s[1] == 0x80 && s[2] == 0xaf)
		return 3;
	return 0;
}

/* An amount in kronor: digits, optionally grouped by spaces, and at most
 * two decimals after a comma or a point ("250 000", "12 500,50",
 * "99.5"), with "kr" after it allowed. Negative amounts, other
 * characters and more than MONEY_MAX_ORE are refused (-1); 0 with *ore
 * set otherwise. */
int
money_parse(const char *s, int64_t *ore)
{
	const unsigned char *p = (const unsigned char *)s;
	int64_t kr = 0;
	int digits = 0, decimals = 0, cents = 0;
	if (!s)
		return -1;
	while (*p == ' ')
		p++;
	for (size_t sp; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (kr > MONEY_MAX_ORE / 100)
				return -1;
			kr = kr * 10 + (*p - '0');
			digits++;
		} else if (digits && (sp = group_space(p)) && p[sp] >= '0' && p[sp] <= '9') {
			p += sp - 1;
		} else {
			break;
		}
	}
	if (!digits)
		return -1;
	if (*p == ',' || *p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (++decimals > 2)
				return -1;
			cents = cents * 10 + (*p - '0');
		}
		if (!decimals)
			return -1;
		if (decimals == 1)
			cents *= 10;
	}
	while (*p == ' ')
		p++;
	if (p[0] == 'k' && p[1] == 'r')
		for (p += 2; *p == ' ';)
			p++;
	if (*p)
		return -1;
	int64_t v = kr * 100 + cents;
	if (v > MONEY_MAX_ORE)
		return -1;
	*ore = v;
	return 0;
}

/* The kronor of an amount with their digits grouped by sep, and the öre
 * after dec when there are any. */
static void
kronor(struct buf *b, int64_t ore, char sep, char dec)
{
	int64_t v = ore < 0 ? -ore : ore;
	char digits[24];
	int n = 0;
	int64_t kr = v / 100;
	do {
		digits[n++] = (char)('0' + kr % 10);
		kr /= 10;
	} while (kr);
	if (ore < 0)
		buf_putc(b, '-');
	for (int i = n - 1; i >= 0; i--) {
		buf_putc(b, digits[i]);
		if (sep && i > 0 && i % 3 == 0 && n > 4)
			buf_putc(b, sep);
	}
	if (v % 100) {
		buf_putc(b, dec);
		buf_putc(b, (char)('0' + v % 100 / 10));
		buf_putc(b, (char)('0' + v % 10));
	}
}

/* An amount as a page shows it: "1 250 000 kr" in Swedish, "SEK
 * 1,250,000" in English, with öre only when there are any. */
void
money_format(struct buf *b, int64_t ore, int english)
{
	if (english) {
		buf_puts(b, "SEK ");
		kronor(b, ore, ',', '.');
	} else {
		kronor(b, ore, ' ', ',');
		buf_puts(b, " kr");
	}
}

/* An amount as the form shows it back to be edited: kronor without
 * grouping, so it reads back as typed ("250000", "12500,50"). */
void
money_plain(struct buf *b, int64_t ore)
{
	kronor(b, ore, 0, ',');
}

/* An amount as files for other systems take it (a finance system's
 * payment file, open data): kronor with two decimals after a point and
 * no grouping, a minus before a negative one ("1250.50", "-69.00"). */
void
money_decimal(struct buf *b, int64_t ore)
{
	int64_t v = ore < 0 ? -ore : ore;
	buf_printf(b, "%s%lld.%02lld", ore < 0 ? "-" : "", (long long)(v / 100),
	           (long long)(v % 100));
}

/* An amount in a table whose heading names the currency: kronor grouped
 * per language and always two decimals, so the column lines up
 * ("1 250 000,00", "1,250,000.00"). */
void
money_number(struct buf *b, int64_t ore, int english)
{
	kronor(b, ore, english ? ',' : ' ', english ? '.' : ',');
	if (!((ore < 0 ? -ore : ore) % 100))
		buf_puts(b, english ? ".00" : ",00");
}
