/* orgnr_parse and giro_parse: whatever is accepted comes out in the
 * canonical form (NNNNNN-NNNN; a bankgiro NNNN-NNNN, a plusgiro digits-N),
 * which is accepted again unchanged; every result has a message in both
 * languages. */
#include "fuzz.h"

#include <ctype.h>
#include <string.h>

#include "base/idnum.h"

/* A giro number of either kind: the canonical form's shape and that it
 * parses to itself. */
static void
giro_property(enum giro kind, const uint8_t *data, size_t size)
{
	char out[12] = {0}, again[12] = {0};
	enum idnum_err e = giro_parse(kind, (const char *)data, size, out);
	PROPERTY(giro_message(kind, e, 0) && giro_message(kind, e, 1));
	PROPERTY((e == IDNUM_OK) == (giro_message(kind, e, 0)[0] == 0));
	if (e != IDNUM_OK)
		return;
	size_t n = strlen(out);
	size_t dash = kind == GIRO_BANK ? n - 5 : n - 2;
	PROPERTY(kind == GIRO_BANK ? (n == 8 || n == 9) : (n >= 3 && n <= 9));
	for (size_t i = 0; i < n; i++)
		PROPERTY(i == dash ? out[i] == '-' : isdigit((unsigned char)out[i]) != 0);
	PROPERTY(giro_parse(kind, out, n, again) == IDNUM_OK && strcmp(out, again) == 0);
}

/* Parses the input, then its canonical form. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	giro_property(GIRO_BANK, data, size);
	giro_property(GIRO_PLUS, data, size);
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
