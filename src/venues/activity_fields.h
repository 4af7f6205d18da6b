/* The fields a booking and a season's application both ask: what the
 * association will do and about how many take part. */
#ifndef VENUES_ACTIVITY_FIELDS_H
#define VENUES_ACTIVITY_FIELDS_H
#include "ui/form.h"

#define ACTIVITY_FIELD                                                                             \
	{                                                                                          \
		.name = "aktivitet", .label_sv = "Aktivitet", .label_en = "Activity",              \
		.type = FIELD_TEXT, .required = 1,                                                 \
		.hint_sv = "Till exempel Basketträning för juniorer",                              \
		.hint_en = "For example Basketball practice for juniors"                           \
	}
#define PARTICIPANTS_FIELD                                                                         \
	{                                                                                          \
		.name = "deltagare", .label_sv = "Ungefär hur många deltar",                       \
		.label_en = "About how many take part", .type = FIELD_INT, .required = 1,          \
		.min = 1, .max_int = 100000                                                        \
	}
#endif
