/* The fields the registration and the yearly update share, declared once:
 * the board (one person per line, name and role, checked as the case will
 * read it) and the latest annual meeting minutes. */
#ifndef REGISTRATION_FIELDS_H
#define REGISTRATION_FIELDS_H
#include <jansson.h>

#include "ui/form.h"

#define BOARD_FIELD                                                                                \
	{                                                                                          \
		.name = "styrelse", .label_sv = "Styrelse", .label_en = "Board",                   \
		.type = FIELD_TEXTAREA, .required = 1, .max = 5000,                                \
		.hint_sv = "En person per rad: namn och roll, till exempel \"Anna Andersson, "     \
		           "ordförande\". Uppgifterna är inte offentliga.",                        \
		.hint_en = "One person per line: name and role, for example \"Anna Andersson, "    \
		           "chair\". This is not made public.",                                    \
		.check = board_problem,                                                            \
		.missing_sv = "Skriv minst en styrelseledamot, en per rad.",                       \
		.missing_en = "Write at least one board member, one per line."                     \
	}

#define MINUTES_FIELD                                                                              \
	{                                                                                          \
		.name = "protokoll", .label_sv = "Senaste årsmötesprotokoll",                      \
		.label_en = "Latest annual meeting minutes", .type = FIELD_FILE, .required = 1,    \
		.hint_sv = FILE_TYPES_SV, .hint_en = FILE_TYPES_EN,                                \
		.missing_sv = "Bifoga det senaste årsmötesprotokollet.",                           \
		.missing_en = "Attach the latest annual meeting minutes."                          \
	}

const char *board_problem(const char *text, int english);
json_t *board_lines(const char *text);
#endif
