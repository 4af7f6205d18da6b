/* The growable buffer every page is rendered into. */
#include "../unit.h"

#include "base/buf.h"

/* Appending byte by byte past many doublings keeps every byte and the
 * terminating NUL. */
static void
growth(void **state)
{
	struct buf b = {0};
	for (int i = 0; i < 100000; i++)
		buf_putc(&b, (char)('a' + i % 26));
	assert_int_equal(b.err, 0);
	assert_int_equal(b.len, 100000);
	assert_true(b.cap > b.len);
	assert_int_equal(b.data[b.len], 0);
	for (int i = 0; i < 100000; i++)
		assert_int_equal(b.data[i], 'a' + i % 26);
	buf_free(&b);
	assert_string_equal(buf_cstr(&b), "");
}

/* An empty buffer appended to another (its data NULL, its length 0) adds
 * nothing and is no error: a list with no rows draws an empty piece. */
static void
empty_piece(void **state)
{
	struct buf b = {0}, none = {0};
	buf_puts(&b, "<ul>");
	buf_add(&b, none.data, none.len);
	buf_puts(&b, "</ul>");
	assert_int_equal(b.err, 0);
	assert_string_equal(buf_cstr(&b), "<ul></ul>");
	buf_free(&b);
}

/* Past its limit a buffer stops growing and stays in error, even for
 * later appends that would fit: the caller checks once at the end and
 * answers with an error instead of a truncated page. */
static void
sticky_error(void **state)
{
	struct buf b = {.limit = 10};
	buf_puts(&b, "12345");
	buf_puts(&b, "67890");
	assert_int_equal(b.err, 0);
	assert_string_equal(buf_cstr(&b), "1234567890");
	buf_putc(&b, 'x');
	assert_int_equal(b.err, 1);
	buf_free(&b);
	b.limit = 8;
	buf_puts(&b, "12345");
	buf_puts(&b, "6789");
	assert_int_equal(b.err, 1);
	buf_puts(&b, "6");
	buf_int(&b, 7);
	buf_printf(&b, "%d", 8);
	assert_int_equal(b.err, 1);
	assert_string_equal(buf_cstr(&b), "12345");
	buf_free(&b);
	assert_int_equal(b.err, 0);
}

/* A helper for buf_int cases. */
static void
check_int(int64_t v, const char *want)
{
	struct buf b = {0};
	buf_int(&b, v);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

/* Integers at both ends of the range, where negation overflows. */
static void
integers(void **state)
{
	check_int(0, "0");
	check_int(-1, "-1");
	check_int(1910, "1910");
	check_int(INT64_MAX, "9223372036854775807");
	check_int(INT64_MIN, "-9223372036854775808");
}

/* printf-style appends and handing the data over. */
static void
printf_and_take(void **state)
{
	struct buf b = {0};
	buf_puts(&b, "sida=");
	buf_printf(&b, "%d&q=%s", 2, "öl");
	assert_string_equal(buf_cstr(&b), "sida=2&q=öl");
	assert_int_equal(b.len, strlen("sida=2&q=öl"));
	char *p = buf_take(&b);
	assert_string_equal(p, "sida=2&q=öl");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	free(p);
	p = buf_take(&b);
	assert_string_equal(p, "");
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(growth),          cmocka_unit_test(empty_piece),
	        cmocka_unit_test(sticky_error),    cmocka_unit_test(integers),
	        cmocka_unit_test(printf_and_take),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
