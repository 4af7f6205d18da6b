/* A named choice: an area, a target group, a legal form, an outcome. */
#ifndef BASE_CHOICE_H
#define BASE_CHOICE_H
#include <stdint.h>

struct choice {
	const char *code;
	const char *name_sv, *name_en;
	int64_t id;
};
#endif
