#include "base/idnum.h"

#include <ctype.h>

/* Validates an organisationsnummer written with or without the hyphen (and
 * with spaces around it) and writes the canonical NNNNNN-NNNN form. */
enum idnum_err
orgnr_parse(const char *s, size_t n, char out[12])
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 0)
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
	int sum = 0;
	for (int i = 0; i < 10; i++) {
		int v = d[i] * (i % 2 == 0 ? 2 : 1);
		sum += v > 9 ? v - 9 : v;
	}
	if (sum % 10 != 0)
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
