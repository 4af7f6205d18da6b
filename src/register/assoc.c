#include "register/assoc.h"

#include <string.h>
#include <strings.h>

/* The legal forms, by the code the CSV, the API and the database use. */
const struct choice assoc_forms[] = {
        {"ideell", "Ideell förening", "Non-profit association", 0},
        {"stiftelse", "Stiftelse", "Foundation", 0},
        {"trossamfund", "Registrerat trossamfund", "Registered religious community", 0},
        {"ekonomisk", "Ekonomisk förening", "Economic association", 0},
        {"informell", "Informellt nätverk", "Informal network", 0},
        {NULL, NULL, NULL, 0},
};

/* The form's name in the page's language; the code itself if unknown. */
const char *
assoc_form_name(const char *code, int english)
{
	for (const struct choice *f = assoc_forms; f->code; f++)
		if (strcmp(f->code, code) == 0)
			return english ? f->name_en : f->name_sv;
	return code;
}

/* Accepts a code or a Swedish or English name, in any case. */
const char *
assoc_form_code(const char *text)
{
	for (const struct choice *f = assoc_forms; f->code; f++)
		if (strcasecmp(f->code, text) == 0 || strcasecmp(f->name_sv, text) == 0 ||
		    strcasecmp(f->name_en, text) == 0)
			return f->code;
	return NULL;
}
