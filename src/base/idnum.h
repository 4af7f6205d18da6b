/* Swedish organisationsnummer: NNNNNN-NNNN with a Luhn check digit. */
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

enum idnum_err orgnr_parse(const char *s, size_t n, char out[12]);
const char *idnum_message(enum idnum_err e, int english);
#endif
