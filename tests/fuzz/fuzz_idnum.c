/* orgnr_parse: whatever is accepted comes out as NNNNNN-NNNN, and the
 * canonical form is accepted again unchanged; every result has a message
 * in both languages. */
#include "fuzz.h"

#include <ctype.h>
#include <string.h>

#include "base/idnum.h"

/* Parses the input, then its canonical form. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[12] = {0}, again[12] = {0};
	enum idnum_err e = orgnr_parse((const char *)data, size, out);
	PROPERTY(idnum_message(e, 0) && idnum_message(e, 1));
	PROPERTY((e == IDNUM_OK) == (idnum_message(e, 0)[0] == 0));
	if (e != IDNUM_OK)
		return 0;
	PROPERTY(strlen(out) == 11 && out[6] == '-');
	for (int i = 0; i < 11; i++)
		PROPERTY(i == 6 || isdigit((unsigned char)out[i]));
	PROPERTY(out[2] >= '2');
	PROPERTY(orgnr_parse(out, 11, again) == IDNUM_OK && strcmp(out, again) == 0);
	return 0;
}
