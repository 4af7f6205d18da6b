/* The kept pieces of pages: a piece comes back only at the version it was
 * kept at, a newer one replaces it, two keys of one slot take it in turn,
 * and a piece too long is not kept; threads reading and writing the same
 * keys never see one key's piece under another. */
#include "../unit.h"

#include <pthread.h>
#include <stdio.h>

#include "base/fragments.h"

/* The piece under key at version {v, 7}, as a C string in a, or NULL. */
static const char *
get(struct fragments *f, struct arena *a, uint64_t key, uint64_t v)
{
	size_t n;
	const uint64_t ver[2] = {v, 7};
	return fragments_get(f, key, ver, a, &n);
}

/* Keeps s under key at version {v, 7}. */
static void
put(struct fragments *f, uint64_t key, uint64_t v, const char *s)
{
	const uint64_t ver[2] = {v, 7};
	fragments_put(f, key, ver, s, strlen(s));
}

/* Only the version a piece was kept at gives it back. */
static void
versions(void **state)
{
	static struct fragments f = FRAGMENTS_INIT(4);
	struct arena a = {0};
	assert_null(get(&f, &a, 3, 1));
	put(&f, 3, 1, "<li>Schackklubben</li>");
	assert_string_equal(get(&f, &a, 3, 1), "<li>Schackklubben</li>");
	assert_null(get(&f, &a, 3, 2));
	const uint64_t other_names[2] = {1, 8};
	size_t n;
	assert_null(fragments_get(&f, 3, other_names, &a, &n));
	put(&f, 3, 2, "<li>Schackklubben Malmö</li>");
	assert_null(get(&f, &a, 3, 1));
	assert_string_equal(get(&f, &a, 3, 2), "<li>Schackklubben Malmö</li>");
	assert_null(get(&f, &a, 4, 2));
	arena_reset(&a);
}

/* With two slots, many keys share one; each gives back only its own
 * piece, and the last kept holds the slot. */
static void
shared_slots(void **state)
{
	static struct fragments f = FRAGMENTS_INIT(1);
	struct arena a = {0};
	char s[32];
	for (uint64_t k = 1; k <= 40; k++) {
		snprintf(s, sizeof s, "row %llu", (unsigned long long)k);
		put(&f, k, 1, s);
		assert_string_equal(get(&f, &a, k, 1), s);
	}
	int kept = 0;
	for (uint64_t k = 1; k <= 40; k++) {
		const char *got = get(&f, &a, k, 1);
		if (got) {
			snprintf(s, sizeof s, "row %llu", (unsigned long long)k);
			assert_string_equal(got, s);
			kept++;
		}
	}
	assert_in_range(kept, 1, 2);
	arena_reset(&a);
}

/* A piece longer than FRAGMENT_MAX is not kept (nor is it cut). */
static void
too_long(void **state)
{
	static struct fragments f = FRAGMENTS_INIT(4);
	struct arena a = {0};
	char *big = malloc(FRAGMENT_MAX + 2);
	memset(big, 'x', FRAGMENT_MAX + 1);
	big[FRAGMENT_MAX + 1] = 0;
	put(&f, 9, 1, big);
	assert_null(get(&f, &a, 9, 1));
	big[FRAGMENT_MAX] = 0;
	put(&f, 9, 1, big);
	assert_int_equal(strlen(get(&f, &a, 9, 1)), FRAGMENT_MAX);
	free(big);
	arena_reset(&a);
}

static struct fragments busy = FRAGMENTS_INIT(3);

/* Writes and reads keys 1–64 with pieces that name their key and
 * version; every piece read must name the key and version asked. */
static void *
churn(void *arg)
{
	struct arena a = {0};
	char s[48];
	for (int round = 0; round < 2000; round++) {
		uint64_t k = (uint64_t)(round * 7 + (int)(intptr_t)arg) % 64 + 1;
		uint64_t v = (uint64_t)round % 3;
		snprintf(s, sizeof s, "key %llu v %llu", (unsigned long long)k,
		         (unsigned long long)v);
		put(&busy, k, v, s);
		const char *got = get(&busy, &a, k, v);
		if (got && strcmp(got, s) != 0)
			return "a piece came back under another key or version";
		arena_reset(&a);
	}
	return NULL;
}

/* Four threads at once over eight slots. */
static void
threads(void **state)
{
	pthread_t t[4];
	for (intptr_t i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, churn, (void *)i);
	for (int i = 0; i < 4; i++) {
		void *err;
		pthread_join(t[i], &err);
		assert_null(err);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(versions),
	        cmocka_unit_test(shared_slots),
	        cmocka_unit_test(too_long),
	        cmocka_unit_test(threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
