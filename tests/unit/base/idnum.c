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

/* Bankgiro numbers of seven and eight digits, with the hyphen or without,
 * come back as the bank writes them (5050-1055 is Skatteverket's; the
 * seven-digit one's check digit is computed by modulus 10). */
static void
bankgiro_valid(void **state)
{
	char out[12];
	assert_int_equal(giro(GIRO_BANK, "5050-1055", out), IDNUM_OK);
	assert_string_equal(out, "5050-1055");
	assert_int_equal(giro(GIRO_BANK, " 50501055 ", out), IDNUM_OK);
	assert_string_equal(out, "5050-1055");
	assert_int_equal(giro(GIRO_BANK, "123-4566", out), IDNUM_OK);
	assert_string_equal(out, "123-4566");
	assert_int_equal(giro(GIRO_BANK, "1234566", out), IDNUM_OK);
	assert_string_equal(out, "123-4566");
}

/* A bankgiro typed wrong is refused, so money never goes to a number that
 * cannot exist: a changed digit, swapped digits, the hyphen elsewhere,
 * too few or too many digits, letters. */
static void
bankgiro_refused(void **state)
{
	char out[12];
	assert_int_equal(giro(GIRO_BANK, "5050-1056", out), IDNUM_CHECK);
	assert_int_equal(giro(GIRO_BANK, "5005-1055", out), IDNUM_CHECK);
	assert_int_equal(giro(GIRO_BANK, "50501-055", out), IDNUM_FORMAT);
	assert_int_equal(giro(GIRO_BANK, "50-501055", out), IDNUM_FORMAT);
	assert_int_equal(giro(GIRO_BANK, "12-3456", out), IDNUM_FORMAT);
	assert_int_equal(giro(GIRO_BANK, "505010550", out), IDNUM_FORMAT);
	assert_int_equal(giro(GIRO_BANK, "5050-105S", out), IDNUM_FORMAT);
	assert_int_equal(giro(GIRO_BANK, "5050--1055", out), IDNUM_FORMAT);
	assert_int_equal(giro(GIRO_BANK, "-50501055", out), IDNUM_FORMAT);
	assert_int_equal(giro(GIRO_BANK, "", out), IDNUM_EMPTY);
}

/* Plusgiro numbers in groups of two with the check digit after a hyphen,
 * or as bare digits, come back as digits-N. */
static void
plusgiro_valid(void **state)
{
	char out[12];
	assert_int_equal(giro(GIRO_PLUS, "4 12 34-6", out), IDNUM_OK);
	assert_string_equal(out, "41234-6");
	assert_int_equal(giro(GIRO_PLUS, "412346", out), IDNUM_OK);
	assert_string_equal(out, "41234-6");
	assert_int_equal(giro(GIRO_PLUS, "1-8", out), IDNUM_OK);
	assert_string_equal(out, "1-8");
}

/* A plusgiro typed wrong is refused. */
static void
plusgiro_refused(void **state)
{
	char out[12];
	assert_int_equal(giro(GIRO_PLUS, "4 12 34-7", out), IDNUM_CHECK);
	assert_int_equal(giro(GIRO_PLUS, "4 12 3-46", out), IDNUM_FORMAT);
	assert_int_equal(giro(GIRO_PLUS, "7", out), IDNUM_FORMAT);
	assert_int_equal(giro(GIRO_PLUS, "123456789", out), IDNUM_FORMAT);
	assert_int_equal(giro(GIRO_PLUS, "4  12 34-6", out), IDNUM_FORMAT);
	assert_int_equal(giro(GIRO_PLUS, "4 12 34- 6", out), IDNUM_FORMAT);
	assert_int_equal(giro(GIRO_PLUS, "  ", out), IDNUM_EMPTY);
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
	        cmocka_unit_test(bankgiro_valid),       cmocka_unit_test(bankgiro_refused),
	        cmocka_unit_test(plusgiro_valid),       cmocka_unit_test(plusgiro_refused),
	        cmocka_unit_test(giro_messages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
