/* Validation of an association, shared by the admin form and the CSV
 * import: which input is refused, with which message. */
#include "../unit.h"

#include <stdio.h>
#include <time.h>

#include "base/idnum.h"
#include "register/store.h"

static struct assoc_input in;
static struct assoc_rec rec;
static struct assoc_errors e;

/* A complete, valid association to vary from. */
static int
valid_input(void **state)
{
	in = (struct assoc_input){
	        .orgnr = "802000-0413",
	        .name = "Malmö FF",
	        .form = "ideell",
	        .purpose = "Fotboll för alla åldrar.",
	        .email = "info@mff.se",
	        .phone = "040-34 10 00",
	        .website = "https://mff.se",
	        .founded = "1910",
	        .members = "1200",
	};
	return 0;
}

/* Validates in (Swedish unless english) and returns the error count. */
static int
validate(int english)
{
	return assoc_validate(&in, english, &rec, &e);
}

/* A complete association passes and comes out normalised. */
static void
valid(void **state)
{
	assert_int_equal(validate(0), 0);
	assert_string_equal(rec.orgnr, "802000-0413");
	assert_string_equal(rec.name, "Malmö FF");
	assert_string_equal(rec.form, "ideell");
	assert_int_equal(rec.founded, 1910);
	assert_int_equal(rec.members, 1200);
	in.orgnr = "5560360793";
	in.form = "Ekonomisk förening";
	in.founded = "";
	in.members = " ";
	assert_int_equal(validate(0), 0);
	assert_string_equal(rec.orgnr, "556036-0793");
	assert_string_equal(rec.form, "ekonomisk");
	assert_int_equal(rec.founded, 0);
	assert_int_equal(rec.members, 0);
}

/* The name is required; blank is not a name. */
static void
name_required(void **state)
{
	in.name = "";
	assert_int_equal(validate(0), 1);
	assert_string_equal(e.name, "Fältet måste fyllas i.");
	in.name = "  \t ";
	assert_int_equal(validate(1), 1);
	assert_string_equal(e.name, "This field is required.");
	in.name = NULL;
	assert_int_equal(validate(0), 1);
	assert_non_null(e.name);
}

/* A wrong organisationsnummer gets the message that says what is wrong. */
static void
orgnr_messages(void **state)
{
	in.orgnr = "802000-0414";
	assert_int_equal(validate(0), 1);
	assert_string_equal(e.orgnr, idnum_message(IDNUM_CHECK, 0));
	in.orgnr = "811218-9876";
	assert_int_equal(validate(1), 1);
	assert_string_equal(e.orgnr, idnum_message(IDNUM_THIRD, 1));
	in.orgnr = "12345";
	assert_int_equal(validate(0), 1);
	assert_string_equal(e.orgnr, idnum_message(IDNUM_FORMAT, 0));
	in.orgnr = "";
	assert_int_equal(validate(0), 1);
	assert_non_null(strstr(e.orgnr, "Bara informella nätverk"));
	assert_int_equal(validate(1), 1);
	assert_non_null(strstr(e.orgnr, "Only informal networks"));
}

/* An informal network may lack an organisationsnummer, under its code or
 * its name; an unknown form is refused. */
static void
informal_network(void **state)
{
	in.orgnr = "";
	in.form = "informell";
	assert_int_equal(validate(0), 0);
	assert_string_equal(rec.orgnr, "");
	in.form = "Informal network";
	assert_int_equal(validate(1), 0);
	assert_string_equal(rec.form, "informell");
	in.orgnr = "802000-0414";
	assert_int_equal(validate(0), 1);
	assert_non_null(e.orgnr);
	in.orgnr = "802000-0413";
	in.form = "aktiebolag";
	assert_int_equal(validate(0), 1);
	assert_string_equal(e.form, "Välj en av formerna i listan.");
	in.form = "";
	assert_int_equal(validate(1), 1);
	assert_string_equal(e.form, "Choose one of the forms in the list.");
}

/* E-mail: one @, a dot in the domain, no spaces; empty is allowed. */
static void
email(void **state)
{
	const char *bad[] = {"info",         "info@mff", "@mff.se",      "a@b@mff.se",
	                     "in fo@mff.se", "info@.se", "info@mff.se.", "<a>@mff.se"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		in.email = bad[i];
		assert_int_equal(validate(0), 1);
		assert_non_null(strstr(e.email, "namn@exempel.se"));
	}
	in.email = "";
	assert_int_equal(validate(0), 0);
	in.email = "kansli.info@fotboll.malmo.se";
	assert_int_equal(validate(0), 0);
}

/* Phone numbers in digits with the usual separators. */
static void
phone(void **state)
{
	const char *good[] = {"040-34 10 00", "+46 40 34 10 00", "(040) 341000", ""};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		in.phone = good[i];
		assert_int_equal(validate(0), 0);
	}
	in.phone = "ring kansliet";
	assert_int_equal(validate(1), 1);
	assert_non_null(strstr(e.phone, "digits"));
	in.phone = "040-34 10 00 00 00 00 00 00 00 00";
	assert_int_equal(validate(0), 1);
}

/* A website is an http(s) address: no javascript:, no bare domain. */
static void
website(void **state)
{
	const char *bad[] = {"mff.se",         "www.mff.se", "javascript:alert(1)",
	                     "ftp://mff.se",   "https://",   "https://mff.se/<x>",
	                     "https://m ff.se"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		in.website = bad[i];
		assert_int_equal(validate(0), 1);
		assert_non_null(strstr(e.website, "https://"));
	}
	in.website = "http://example.se/forening?id=1";
	assert_int_equal(validate(0), 0);
	in.website = "";
	assert_int_equal(validate(0), 0);
}

/* The founding year lies between 1600 and this year; members is a whole
 * number. */
static void
numbers(void **state)
{
	char this_year[16], next_year[16];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	snprintf(this_year, sizeof(this_year), "%d", tm.tm_year + 1900);
	snprintf(next_year, sizeof(next_year), "%d", tm.tm_year + 1901);
	in.founded = this_year;
	assert_int_equal(validate(0), 0);
	const char *bad[] = {next_year, "1599", "nittonhundra", "1985a", "19 85"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		in.founded = bad[i];
		assert_int_equal(validate(0), 1);
		assert_string_equal(e.founded, "Skriv ett årtal, till exempel 1985.");
	}
	in.founded = "1985";
	in.members = "-1";
	assert_int_equal(validate(1), 1);
	assert_string_equal(e.members, "Write the number of members as a number.");
	in.members = "många";
	assert_int_equal(validate(0), 1);
}

/* Text must be valid UTF-8 without control bytes, and not too long; every
 * bad field is counted so the form can show them all. */
static void
text_limits(void **state)
{
	in.name = "Malm\xf6 FF";
	assert_int_equal(validate(0), 1);
	assert_string_equal(e.name, "Texten innehåller otillåtna tecken.");
	char long_name[202];
	memset(long_name, 'x', 201);
	long_name[201] = 0;
	in.name = long_name;
	assert_int_equal(validate(1), 1);
	assert_string_equal(e.name, "The text is too long.");
	long_name[200] = 0;
	assert_int_equal(validate(0), 0);
	in.purpose = "rad\x01";
	in.email = "x";
	in.website = "x";
	in.orgnr = "x";
	assert_int_equal(validate(0), 4);
	assert_int_equal(e.count, 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup(valid, valid_input),
	        cmocka_unit_test_setup(name_required, valid_input),
	        cmocka_unit_test_setup(orgnr_messages, valid_input),
	        cmocka_unit_test_setup(informal_network, valid_input),
	        cmocka_unit_test_setup(email, valid_input),
	        cmocka_unit_test_setup(phone, valid_input),
	        cmocka_unit_test_setup(website, valid_input),
	        cmocka_unit_test_setup(numbers, valid_input),
	        cmocka_unit_test_setup(text_limits, valid_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
