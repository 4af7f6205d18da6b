#include "base/idnum.h"

#include <ctype.h>

/* The Luhn (modulus 10) check over k digits, the last being the check
 * digit: every second digit from the right is doubled. */
static int
luhn_ok(const int *d, int k)
{
	int sum = 0;
	for (int i = 0; i < k; i++) {
		int v = d[k - 1 - i] * (i % 2 ? 2 : 1);
		sum += v > 9 ? v - 9 : v;
	}
	return sum % 10 == 0;
}

/* Drops the spaces around what was typed; 0 when nothing is left. */
static int
trim(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)**s))
		(*s)++, (*n)--;
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
	return *n != 0;
}

/* Validates an organisationsnummer written with or without the hyphen (and
 * with spaces around it) and writes the canonical NNNNNN-NNNN form. */
enum idnum_err
orgnr_parse(const char *s, size_t n, char out[12])
{
	if (!trim(&s, &n))
		return IDNUM_EMPTY;
	int d[10], k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '-' && k == 6 && i == 6)
			continue;
		if (!isdigit(c) || k == 10)
			return IDNUM_FORMAT;
		d[k++] = c - '0';
	}
	if (k != 10 || (n == 11 && s[6] != '-'))
		return IDNUM_FORMAT;
	if (d[2] < 2)
		return IDNUM_THIRD;
	if (!luhn_ok(d, 10))
		return IDNUM_CHECK;
	for (int i = 0, j = 0; i < 10; i++) {
		if (i == 6)
			out[j++] = '-';
		out[j++] = (char)('0' + d[i]);
	}
	out[11] = 0;
	return IDNUM_OK;
}

/* What to tell the person who typed it. */
const char *
idnum_message(enum idnum_err e, int english)
{
	switch (e) {
	case IDNUM_OK:
		return "";
	case IDNUM_EMPTY:
		return english ? "Enter the organisation number." : "Fyll i organisationsnummer.";
	case IDNUM_FORMAT:
		return english ? "Write the organisation number as NNNNNN-NNNN (ten digits)."
		               : "Skriv organisationsnumret som NNNNNN-NNNN (tio siffror).";
	case IDNUM_THIRD:
		return english ? "The third digit of an organisation number is 2 or higher; "
		                 "this looks like a personal identity number."
		               : "Tredje siffran i ett organisationsnummer är 2 eller högre; "
		                 "detta ser ut som ett personnummer.";
	case IDNUM_CHECK:
		return english ? "The check digit is wrong: check the number for typos."
		               : "Kontrollsiffran stämmer inte: kontrollera numret.";
	}
	return "";
}

/* Validates a bankgiro or plusgiro number as people write them: spaces
 * between groups and one hyphen where the kind puts it (before the last
 * four digits of a bankgiro, before the check digit of a plusgiro), or
 * none. */
enum idnum_err
giro_parse(enum giro kind, const char *s, size_t n, char out[12])
{
	if (!trim(&s, &n))
		return IDNUM_EMPTY;
	int d[8], k = 0, hyphen = -1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' && k > 0 && s[i - 1] != ' ' && s[i - 1] != '-')
			continue;
		if (c == '-' && hyphen < 0 && k > 0 && s[i - 1] != ' ') {
			hyphen = k;
			continue;
		}
		if (!isdigit(c) || k == 8)
			return IDNUM_FORMAT;
		d[k++] = c - '0';
	}
	int lo = kind == GIRO_BANK ? 7 : 2;
	int split = kind == GIRO_BANK ? k - 4 : k - 1;
	if (k < lo || (hyphen >= 0 && hyphen != split))
		return IDNUM_FORMAT;
	if (!luhn_ok(d, k))
		return IDNUM_CHECK;
	int j = 0;
	for (int i = 0; i < k; i++) {
		if (i == split)
			out[j++] = '-';
		out[j++] = (char)('0' + d[i]);
	}
	out[j] = 0;
	return IDNUM_OK;
}

/* What to tell the person who typed a giro number. */
const char *
giro_message(enum giro kind, enum idnum_err e, int english)
{
	int bank = kind == GIRO_BANK;
	switch (e) {
	case IDNUM_OK:
		return "";
	case IDNUM_EMPTY:
		return bank ? (english ? "Enter the bankgiro number." : "Fyll i bankgironummer.")
		            : (english ? "Enter the plusgiro number." : "Fyll i plusgironummer.");
	case IDNUM_FORMAT:
	case IDNUM_THIRD:
		return bank ? (english ? "Write the bankgiro number as NNN-NNNN or NNNN-NNNN."
		                       : "Skriv bankgironumret som NNN-NNNN eller NNNN-NNNN.")
		            : (english ? "Write the plusgiro number as 2 to 8 digits, the last "
		                         "after a hyphen (12 34 56-7)."
		                       : "Skriv plusgironumret med 2 till 8 siffror, den sista "
		                         "efter ett bindestreck (12 34 56-7).");
	case IDNUM_CHECK:
		return idnum_message(e, english);
	}
	return "";
}
