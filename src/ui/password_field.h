/* The new-password field, declared once for sign-up and for the
 * administrator's "add a user": the same limits, hint and message. */
#ifndef UI_PASSWORD_FIELD_H
#define UI_PASSWORD_FIELD_H
#include "auth/password.h"
#include "ui/form.h"

#define NEW_PASSWORD_FIELD(field_name)                                                             \
	{                                                                                          \
		.name = field_name, .label_sv = "Lösenord", .label_en = "Password",                \
		.type = FIELD_PASSWORD, .required = 1, .max = PASSWORD_MAX,                        \
		.hint_sv = "Minst 10 tecken.", .hint_en = "At least 10 characters.",               \
		.autocomplete = "new-password", .check = password_problem,                         \
		.missing_sv = "Lösenordet ska vara 10 till 256 tecken.",                           \
		.missing_en = "The password must be 10 to 256 characters."                         \
	}
#endif
