/* Swedish numbers with a Luhn check digit: the organisationsnummer
 * (NNNNNN-NNNN) and the bankgiro and plusgiro numbers grants are paid to. */
#ifndef BASE_IDNUM_H
#define BASE_IDNUM_H
#include <stddef.h>

enum idnum_err {
	IDNUM_OK,
	IDNUM_EMPTY,
	IDNUM_FORMAT, /* not NNNNNN-NNNN */
	IDNUM_THIRD,  /* third digit below 2: a personnummer, not an organisation */
	IDNUM_CHECK,  /* Luhn check digit wrong */
};

enum giro { GIRO_BANK, GIRO_PLUS };

enum idnum_err orgnr_parse(const char *s, size_t n, char out[12]);
const char *idnum_message(enum idnum_err e, int english);
/* A bankgiro number is 7 or 8 digits, written NNN-NNNN or NNNN-NNNN; a
 * plusgiro number 2 to 8, with the check digit after a hyphen (12 34 56-7).
 * out gets the canonical form: bankgiro NNNN-NNNN, plusgiro digits-N. */
enum idnum_err giro_parse(enum giro kind, const char *s, size_t n, char out[12]);
const char *giro_message(enum giro kind, enum idnum_err e, int english);
#endif
