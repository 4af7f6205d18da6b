/* The shared rules for typed values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/valid.h"

/* Only dates on the calendar pass: no 31 February, leap years right. */
static void
dates(void **state)
{
	assert_true(date_valid("2026-03-12"));
	assert_true(date_valid("2028-02-29"));
	assert_true(date_valid("2000-02-29"));
	assert_true(date_valid("2026-12-31"));
	assert_false(date_valid("2026-02-31"));
	assert_false(date_valid("2026-02-29"));
	assert_false(date_valid("1900-02-29"));
	assert_false(date_valid("2026-04-31"));
	assert_false(date_valid("2026-13-01"));
	assert_false(date_valid("2026-00-10"));
	assert_false(date_valid("2026-01-00"));
	assert_false(date_valid("2026-1-01"));
	assert_false(date_valid("26-01-2026"));
	assert_false(date_valid("2026-01-01 "));
	assert_false(date_valid("2026/01/01"));
	assert_false(date_valid(""));
	assert_false(date_valid(NULL));
}

/* One rule for addresses wherever they are typed. */
static void
emails(void **state)
{
	assert_true(email_valid("anna@exempel.se"));
	assert_true(email_valid("a.b+c@sub.kommun.se"));
	assert_false(email_valid(""));
	assert_false(email_valid("anna"));
	assert_false(email_valid("@exempel.se"));
	assert_false(email_valid("anna@exempel"));
	assert_false(email_valid("anna@.se"));
	assert_false(email_valid("anna@exempel.se."));
	assert_false(email_valid("an na@exempel.se"));
	assert_false(email_valid("a@b@exempel.se"));
	assert_false(email_valid("anna@exempel.se\r\nBcc: x@y.se"));
}

/* Blank means nothing but spaces and line breaks; characters are counted,
 * not bytes. */
static void
blanks_and_lengths(void **state)
{
	assert_true(text_blank(NULL));
	assert_true(text_blank(""));
	assert_true(text_blank(" \t\r\n "));
	assert_false(text_blank(" a "));
	assert_int_equal(utf8_chars("Malmö"), 5);
	assert_int_equal(utf8_chars("åäö"), 3);
	assert_int_equal(utf8_chars(""), 0);
}

/* Numbers in a range and nothing else. */
static void
ranges(void **state)
{
	int64_t v = 0;
	assert_true(int_in_range("12", 1, 100, &v) && v == 12);
	assert_true(int_in_range(" 7 ", 1, 100, &v) && v == 7);
	assert_false(int_in_range("0", 1, 100, &v));
	assert_false(int_in_range("101", 1, 100, &v));
	assert_false(int_in_range("1e3", 1, 10000, &v));
	assert_false(int_in_range("12abc", 1, 100, &v));
	assert_false(int_in_range("", 1, 100, &v));
	assert_false(int_in_range(NULL, 1, 100, &v));
	assert_false(int_in_range("+5", 1, 100, &v));
	assert_false(int_in_range("99999999999999999999999", 1, 100, &v));
}

/* Only a path on this site may follow a sign-in. */
static void
local_paths(void **state)
{
	assert_string_equal(local_path("/arenden/FRI-2026-0001", "/x"), "/arenden/FRI-2026-0001");
	assert_string_equal(local_path("/foreningar?q=a%20b", "/x"), "/foreningar?q=a%20b");
	assert_string_equal(local_path("//evil.example/", "/x"), "/x");
	assert_string_equal(local_path("/\\evil.example/", "/x"), "/x");
	assert_string_equal(local_path("/\t/evil.example/", "/x"), "/x");
	assert_string_equal(local_path("/a\r\nSet-Cookie: x", "/x"), "/x");
	assert_string_equal(local_path("https://evil.example/", "/x"), "/x");
	assert_string_equal(local_path("", "/x"), "/x");
	assert_string_equal(local_path(NULL, "/x"), "/x");
}

/* What a browser would turn into another origin, or our server into a
 * path that starts with "//", never passes: escaped slashes, backslashes
 * and controls, dot segments, runs of slashes; plain paths with dots,
 * percent signs in their query and a trailing slash still do. */
static void
local_paths_normalised(void **state)
{
	static const char *const refused[] = {
	        "/%2F/evil.example",
	        "/%2f/evil.example",
	        "/%5C/evil.example",
	        "/%09/evil.example",
	        "/%0a/evil.example",
	        "/%7F/evil.example",
	        "/..//evil.example",
	        "/../evil.example",
	        "/./evil.example",
	        "/.",
	        "/..",
	        "/%2e%2e//evil.example",
	        "/%2E./x",
	        "/a/../../b",
	        "/a//b",
	        "/a/%2F/b",
	        "/a%2F%2Fb",
	        "/100%",
	        "/%zz",
	        "/%2",
	        "/a?x=\\y",
	        "/a#\tb",
	        "\\/evil.example",
	        "/\x7f",
	};
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		assert_string_equal(local_path(refused[i], "/x"), "/x");
	static const char *const kept[] = {
	        "/",
	        "/mina-sidor",
	        "/arenden/FRI-2026-0001/",
	        "/foreningar?q=a//b&sida=2",
	        "/foreningar?q=100%25",
	        "/a.b/...",
	        "/%C3%A5",
	        "/logga-in?till=%2Fmina-sidor",
	};
	for (size_t i = 0; i < sizeof(kept) / sizeof(kept[0]); i++)
		assert_ptr_equal(local_path(kept[i], "/x"), kept[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(dates),
	        cmocka_unit_test(emails),
	        cmocka_unit_test(blanks_and_lengths),
	        cmocka_unit_test(ranges),
	        cmocka_unit_test(local_paths),
	        cmocka_unit_test(local_paths_normalised),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
