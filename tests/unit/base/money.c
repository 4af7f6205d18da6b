/* Amounts in kronor as the grant forms take them, and öre as pages show
 * them. */
#include "../unit.h"

#include "base/money.h"

/* The öre of a text, or -1 when it is refused. */
static int64_t
ore(const char *s)
{
	int64_t v = -7;
	return money_parse(s, &v) == 0 ? v : -1;
}

/* What a person writes: whole kronor, grouped, with decimals, with kr. */
static void
accepted(void **state)
{
	assert_int_equal(ore("250000"), 25000000);
	assert_int_equal(ore("250 000"), 25000000);
	assert_int_equal(ore("12 500,50"), 1250050);
	assert_int_equal(ore("99.5"), 9950);
	assert_int_equal(ore("39 kr"), 3900);
	assert_int_equal(ore("1\xc2\xa0"
	                     "000"),
	                 100000);
	assert_int_equal(ore("0"), 0);
}

/* What is no amount: negative, letters after it, three decimals, a
 * dangling comma, nothing, far too much. */
static void
refused(void **state)
{
	assert_int_equal(ore("-5"), -1);
	assert_int_equal(ore("12,5x"), -1);
	assert_int_equal(ore("12,505"), -1);
	assert_int_equal(ore("12,"), -1);
	assert_int_equal(ore(""), -1);
	assert_int_equal(ore("kr"), -1);
	assert_int_equal(ore("9999999999999999"), -1);
	assert_int_equal(ore("1000000000001"), -1);
}

/* Pages show grouped kronor in each language, öre only when there are. */
static void
formatted(void **state)
{
	struct buf b = {0};
	money_format(&b, 125000000, 0);
	assert_string_equal(buf_cstr(&b), "1 250 000 kr");
	b.len = 0;
	money_format(&b, 125000000, 1);
	assert_string_equal(buf_cstr(&b), "SEK 1,250,000");
	b.len = 0;
	money_format(&b, 390050, 0);
	assert_string_equal(buf_cstr(&b), "3900,50 kr");
	b.len = 0;
	money_plain(&b, 1250050);
	assert_string_equal(buf_cstr(&b), "12500,50");
	b.len = 0;
	money_format(&b, -6900, 0);
	assert_string_equal(buf_cstr(&b), "-69 kr");
	buf_free(&b);
}

/* Files for other systems: two decimals after a point, always, no
 * grouping, so that a reader adds them up to the öre. */
static void
decimal(void **state)
{
	struct buf b = {0};
	const struct {
		int64_t ore;
		const char *text;
	} cases[] = {
	        {0, "0.00"},
	        {5, "0.05"},
	        {2000050, "20000.50"},
	        {125000000, "1250000.00"},
	        {-1500000, "-15000.00"},
	        {MONEY_MAX_ORE, "1000000000000.00"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		b.len = 0;
		money_decimal(&b, cases[i].ore);
		assert_string_equal(buf_cstr(&b), cases[i].text);
	}
	buf_free(&b);
}

/* A table's kronor: grouped per language, always two decimals. */
static void
number(void **state)
{
	struct buf b = {0};
	money_number(&b, 10970000000LL, 0);
	assert_string_equal(buf_cstr(&b), "109 700 000,00");
	b.len = 0;
	money_number(&b, 2480160700LL, 1);
	assert_string_equal(buf_cstr(&b), "24,801,607.00");
	b.len = 0;
	money_number(&b, 24801607, 0);
	assert_string_equal(buf_cstr(&b), "248 016,07");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(accepted), cmocka_unit_test(refused), cmocka_unit_test(formatted),
	        cmocka_unit_test(decimal),  cmocka_unit_test(number),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
