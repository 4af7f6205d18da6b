/* An association as the register keeps it. */
#ifndef REGISTER_ASSOC_H
#define REGISTER_ASSOC_H
#include <stdint.h>

#include "base/choice.h"

struct assoc {
	int64_t id;
	const char *orgnr; /* "" for an informal network */
	const char *name;
	const char *form;
	const char *purpose;
	const char *email, *phone, *website;
	int64_t founded, members; /* 0 when unknown */
	int active, public_;
	const char *areas;  /* names, '|'-separated */
	const char *groups; /* names, '|'-separated */
	int64_t updated;
	int64_t last_update; /* last granted registration or yearly update, 0 if none */
	int64_t rev;         /* moves when what its list row shows changes (migration 032) */
};

extern const struct choice assoc_forms[];
const char *assoc_form_name(const char *code, int english);
const char *assoc_form_code(const char *text);
#endif
