/* The throttle's schedule and keys: how long each counter makes an
 * attacker wait, what the owner of an attacked account waits at most,
 * how many checks an hour lets through, and which spellings of an address
 * or a client count as one. The unit is included for its static parts;
 * the database side is tested over HTTP (tests/http/test_auth.c). */
#include "../unit.h"

#include "auth/throttle.c"

/* Attempts at a steady pace against one counter for a while, each let
 * through when the counter asks for no wait (and then counted, as
 * throttle_claim does): how many were let through. */
static int
let_through(enum throttle_kind k, int64_t every, int64_t from, int64_t until)
{
	int64_t failures = 0, last = 0;
	int n = 0;
	for (int64_t t = from; t < until; t += every)
		if (wait_for(&rules[k], failures, last, t) == 0) {
			failures = last < t - THROTTLE_WINDOW ? 1 : failures + 1;
			last = t;
			n++;
		}
	return n;
}

/* Free attempts first, then a wait that doubles from a second up to the
 * cap: the owner of an account never waits a minute. */
static void
schedule(void **state)
{
	static const int64_t account[] = {0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 45, 45};
	for (int n = 0; n < 13; n++)
		assert_int_equal(delay_after(&rules[THROTTLE_ACCOUNT], n), account[n]);
	for (int64_t n = 0; n < 100000; n += 7)
		assert_true(delay_after(&rules[THROTTLE_ACCOUNT], n) < 60);
	assert_int_equal(delay_after(&rules[THROTTLE_ADDRESS], 9), 0);
	assert_int_equal(delay_after(&rules[THROTTLE_ADDRESS], 10), 1);
	assert_int_equal(delay_after(&rules[THROTTLE_ADDRESS], 1000), 900);
	assert_int_equal(delay_after(&rules[THROTTLE_PREFIX], 29), 0);
	assert_int_equal(delay_after(&rules[THROTTLE_PREFIX], 64), 900);
	/* the wait runs from the last failure; an hour later it is forgotten */
	assert_int_equal(wait_for(&rules[THROTTLE_ACCOUNT], 12, 1000, 1010), 35);
	assert_int_equal(wait_for(&rules[THROTTLE_ACCOUNT], 12, 1000, 1045), 0);
	assert_int_equal(wait_for(&rules[THROTTLE_ADDRESS], 500, 1000, 1000 + 3601), 0);
	assert_int_equal(wait_for(&rules[THROTTLE_ADDRESS], 0, 1000, 1000), 0);
}

/* ASVS 2.2.1: an attacker with addresses enough to try once a second
 * (so only the account's counter holds) gets at most 100 checks in any
 * hour of a day; one address trying a thousand accounts in two minutes
 * gets about a dozen, and a few an hour after. */
static void
checks_an_hour(void **state)
{
	for (int64_t h = 0; h < 24 * 3600; h += 600) {
		int n = let_through(THROTTLE_ACCOUNT, 1, 0, h + 3600) -
		        let_through(THROTTLE_ACCOUNT, 1, 0, h);
		assert_true(n <= 100);
	}
	assert_true(let_through(THROTTLE_ACCOUNT, 1, 0, 3600) >= 80);
	int quick = let_through(THROTTLE_ADDRESS, 1, 0, 120);
	assert_true(quick >= 10 && quick <= 20);
	assert_true(let_through(THROTTLE_ADDRESS, 1, 0, 3600) <= 25);
	assert_true(let_through(THROTTLE_ADDRESS, 1, 0, 7200) -
	                    let_through(THROTTLE_ADDRESS, 1, 0, 3600) <=
	            6);
	assert_true(let_through(THROTTLE_PREFIX, 1, 0, 3600) <= 45);
}

/* An address as its counter knows it: trimmed, case folded (ß as ss) and
 * composed, so every spelling of one account is one counter. */
static void
account_spellings(void **state)
{
	static const char *const same[][2] = {
	        {"  Åsa@Exempel.SE \t", "åsa@exempel.se"},
	        {"A\xcc\x8asa@exempel.se", "åsa@exempel.se"}, /* A and a combining ring */
	        {"STRASSE@exempel.de", "straße@exempel.de"},
	};
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		uint8_t a[1024], b[1024];
		size_t na = sizeof(a), nb = sizeof(b);
		uint8_t *fa = account_fold(same[i][0], a, &na);
		uint8_t *fb = account_fold(same[i][1], b, &nb);
		assert_int_equal(na, nb);
		assert_memory_equal(fa, fb, na);
	}
}

/* The client address in one form, and its /24 or /64. */
static void
prefixes(void **state)
{
	static const char *const cases[][3] = {
	        {"192.0.2.77", "192.0.2.77", "192.0.2.0/24"},
	        {"::ffff:192.0.2.77", "192.0.2.77", "192.0.2.0/24"},
	        {"2001:DB8:1:2:3:4:5:6", "2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"},
	        {"2001:db8::1", "2001:db8::1", "2001:db8::/64"},
	        {"", "", ""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[64], prefix[64];
		address_prefix(cases[i][0], text, prefix);
		assert_string_equal(text, cases[i][1]);
		assert_string_equal(prefix, cases[i][2]);
	}
}

/* Keys: one per kind for the same text, the spellings of one account and
 * of one client alike, and nothing alike under another server's secret. */
static void
keys_by_kind_and_secret(void **state)
{
	char a[33], b[33], c[33];
	memset(secret, 7, sizeof(secret));
	key_of(THROTTLE_ACCOUNT, "x", 1, a);
	key_of(THROTTLE_ADDRESS, "x", 1, b);
	assert_string_not_equal(a, b);
	assert_int_equal(strlen(a), 32);
	struct throttle t1, t2;
	keys("  ÅSA@exempel.se", "::ffff:192.0.2.7", &t1);
	keys("åsa@exempel.se", "192.0.2.7", &t2);
	for (int k = 0; k < THROTTLE_KINDS; k++)
		assert_string_equal(t1.key[k], t2.key[k]);
	keys("åsa@exempel.se", "192.0.2.8", &t2);
	assert_string_not_equal(t1.key[THROTTLE_ADDRESS], t2.key[THROTTLE_ADDRESS]);
	assert_string_equal(t1.key[THROTTLE_PREFIX], t2.key[THROTTLE_PREFIX]);
	memset(secret, 8, sizeof(secret));
	key_of(THROTTLE_ACCOUNT, "x", 1, c);
	assert_string_not_equal(a, c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(schedule),
	        cmocka_unit_test(checks_an_hour),
	        cmocka_unit_test(account_spellings),
	        cmocka_unit_test(prefixes),
	        cmocka_unit_test(keys_by_kind_and_secret),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
