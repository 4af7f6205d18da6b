/* Organisationsnummer as the admin form and the CSV import accept them,
 * and the bankgiro and plusgiro numbers grants are paid to. */
#include "../unit.h"

#include "base/idnum.h"

/* Parses a C string; out holds the canonical form on success. */
static enum idnum_err
parse(const char *s, char out[12])
{
	return orgnr_parse(s, strlen(s), out);
}

/* The usual written form is accepted and kept. */
static void
valid_with_hyphen(void **state)
{
	char out[12];
	assert_int_equal(parse("802000-0413", out), IDNUM_OK);
	assert_string_equal(out, "802000-0413");
}

/* Ten digits without the hyphen come back in the canonical form, so the
 * register holds one spelling of each number. */
static void
valid_without_hyphen(void **state)
{
	char out[12];
	assert_int_equal(parse("5560360793", out), IDNUM_OK);
	assert_string_equal(out, "556036-0793");
	assert_int_equal(parse("  802000-0413 ", out), IDNUM_OK);
	assert_string_equal(out, "802000-0413");
}

/* A typo in any digit breaks the Luhn check. */
static void
bad_check_digit(void **state)
{
	char out[12];
	assert_int_equal(parse("802000-0414", out), IDNUM_CHECK);
	assert_int_equal(parse("5560360794", out), IDNUM_CHECK);
	assert_int_equal(parse("802000-0431", out), IDNUM_CHECK);
}

/* Anything but ten digits with an optional hyphen before the last four. */
static void
wrong_format(void **state)
{
	char out[12];
	assert_int_equal(parse("802000-041", out), IDNUM_FORMAT);
	assert_int_equal(parse("80200004130", out), IDNUM_FORMAT);
	assert_int_equal(parse("802000-04130", out), IDNUM_FORMAT);
	assert_int_equal(parse("80200A-0413", out), IDNUM_FORMAT);
	assert_int_equal(parse("8020-000413", out), IDNUM_FORMAT);
	assert_int_equal(parse("802000 0413", out), IDNUM_FORMAT);
	assert_int_equal(parse("802000--0413", out), IDNUM_FORMAT);
	assert_int_equal(parse("16802000-0413", out), IDNUM_FORMAT);
	assert_int_equal(parse("", out), IDNUM_EMPTY);
	assert_int_equal(parse("   ", out), IDNUM_EMPTY);
}

/* A third digit of 0 or 1 is a month: someone typed a personnummer, which
 * must not end up in a public register. */
static void
personnummer_refused(void **state)
{
	char out[12];
	assert_int_equal(parse("811218-9876", out), IDNUM_THIRD);
	assert_int_equal(parse("8101011234", out), IDNUM_THIRD);
}

/* Each error has its own message in both languages. */
static void
messages(void **state)
{
	assert_string_equal(idnum_message(IDNUM_OK, 0), "");
	assert_non_null(strstr(idnum_message(IDNUM_EMPTY, 0), "Fyll i organisationsnummer"));
	assert_non_null(strstr(idnum_message(IDNUM_EMPTY, 1), "Enter the organisation number"));
	assert_non_null(strstr(idnum_message(IDNUM_FORMAT, 0), "NNNNNN-NNNN"));
	assert_non_null(strstr(idnum_message(IDNUM_FORMAT, 1), "ten digits"));
	assert_non_null(strstr(idnum_message(IDNUM_THIRD, 0), "personnummer"));
	assert_non_null(strstr(idnum_message(IDNUM_THIRD, 1), "personal identity number"));
	assert_non_null(strstr(idnum_message(IDNUM_CHECK, 0), "Kontrollsiffran"));
	assert_non_null(strstr(idnum_message(IDNUM_CHECK, 1), "check digit"));
	assert_string_not_equal(idnum_message(IDNUM_CHECK, 0), idnum_message(IDNUM_FORMAT, 0));
}

/* Parses a giro number from a C string. */
static enum idnum_err
giro(enum giro kind, const char *s, char out[12])
{
	return giro_parse(kind, s, strlen(s), out);
}

/* Giro numbers as typed, what giro_parse says of each, and the canonical
 * form it writes when it accepts one. */
static const struct {
	enum giro kind;
	const char *typed;
	enum idnum_err want;
	const char *canonical;
} giro_cases[] = {
        /* bankgiro of seven and eight digits, with the hyphen or without,
         * as the bank writes them (5050-1055 is Skatteverket's; the
         * seven-digit one's check digit is computed by modulus 10) */
        {GIRO_BANK, "5050-1055", IDNUM_OK, "5050-1055"},
        {GIRO_BANK, " 50501055 ", IDNUM_OK, "5050-1055"},
        {GIRO_BANK, "123-4566", IDNUM_OK, "123-4566"},
        {GIRO_BANK, "1234566", IDNUM_OK, "123-4566"},
        /* typed wrong, so money never goes to a number that cannot exist:
         * a changed digit, swapped digits, the hyphen elsewhere, too few or
         * too many digits, letters */
        {GIRO_BANK, "5050-1056", IDNUM_CHECK, NULL},
        {GIRO_BANK, "5005-1055", IDNUM_CHECK, NULL},
        {GIRO_BANK, "50501-055", IDNUM_FORMAT, NULL},
        {GIRO_BANK, "50-501055", IDNUM_FORMAT, NULL},
        {GIRO_BANK, "12-3456", IDNUM_FORMAT, NULL},
        {GIRO_BANK, "505010550", IDNUM_FORMAT, NULL},
        {GIRO_BANK, "5050-105S", IDNUM_FORMAT, NULL},
        {GIRO_BANK, "5050--1055", IDNUM_FORMAT, NULL},
        {GIRO_BANK, "-50501055", IDNUM_FORMAT, NULL},
        {GIRO_BANK, "", IDNUM_EMPTY, NULL},
        /* plusgiro in groups of two with the check digit after a hyphen, or
         * bare digits, come back as digits-N */
        {GIRO_PLUS, "4 12 34-6", IDNUM_OK, "41234-6"},
        {GIRO_PLUS, "412346", IDNUM_OK, "41234-6"},
        {GIRO_PLUS, "1-8", IDNUM_OK, "1-8"},
        {GIRO_PLUS, "4 12 34-7", IDNUM_CHECK, NULL},
        {GIRO_PLUS, "4 12 3-46", IDNUM_FORMAT, NULL},
        {GIRO_PLUS, "7", IDNUM_FORMAT, NULL},
        {GIRO_PLUS, "123456789", IDNUM_FORMAT, NULL},
        {GIRO_PLUS, "4  12 34-6", IDNUM_FORMAT, NULL},
        {GIRO_PLUS, "4 12 34- 6", IDNUM_FORMAT, NULL},
        {GIRO_PLUS, "  ", IDNUM_EMPTY, NULL},
};

/* Every case of the table, by its kind. */
static void
giro_numbers(void **state)
{
	for (size_t i = 0; i < sizeof(giro_cases) / sizeof(giro_cases[0]); i++) {
		char out[12] = "";
		enum idnum_err e = giro(giro_cases[i].kind, giro_cases[i].typed, out);
		if (e != giro_cases[i].want)
			fail_msg("'%s': %d, want %d", giro_cases[i].typed, e, giro_cases[i].want);
		if (giro_cases[i].canonical)
			assert_string_equal(out, giro_cases[i].canonical);
	}
}

/* Each giro error names its kind, in both languages. */
static void
giro_messages(void **state)
{
	assert_string_equal(giro_message(GIRO_BANK, IDNUM_OK, 0), "");
	assert_non_null(strstr(giro_message(GIRO_BANK, IDNUM_EMPTY, 0), "bankgironummer"));
	assert_non_null(strstr(giro_message(GIRO_PLUS, IDNUM_EMPTY, 1), "plusgiro number"));
	assert_non_null(strstr(giro_message(GIRO_BANK, IDNUM_FORMAT, 1), "NNNN-NNNN"));
	assert_non_null(strstr(giro_message(GIRO_PLUS, IDNUM_FORMAT, 0), "12 34 56-7"));
	assert_non_null(strstr(giro_message(GIRO_PLUS, IDNUM_CHECK, 0), "Kontrollsiffran"));
	assert_non_null(strstr(giro_message(GIRO_BANK, IDNUM_CHECK, 1), "check digit"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(valid_with_hyphen),    cmocka_unit_test(valid_without_hyphen),
	        cmocka_unit_test(bad_check_digit),      cmocka_unit_test(wrong_format),
	        cmocka_unit_test(personnummer_refused), cmocka_unit_test(messages),
	        cmocka_unit_test(giro_numbers),         cmocka_unit_test(giro_messages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
