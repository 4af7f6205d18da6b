/* The per-request arena: many small allocations, freed at once. */
#include "../unit.h"

#include "base/arena.h"

/* Allocations across many blocks stay aligned and keep their contents. */
static void
many_blocks(void **state)
{
	struct arena a = {0};
	unsigned char *p[2000];
	for (int i = 0; i < 2000; i++) {
		size_t n = (size_t)(1 + i % 97);
		p[i] = arena_alloc(&a, n);
		assert_int_equal((uintptr_t)p[i] % 16, 0);
		memset(p[i], i & 0xff, n);
	}
	for (int i = 0; i < 2000; i++)
		for (size_t k = 0; k < (size_t)(1 + i % 97); k++)
			assert_int_equal(p[i][k], i & 0xff);
	arena_reset(&a);
	assert_null(a.head);
}

/* One allocation larger than a block, then small ones after it. */
static void
large_allocation(void **state)
{
	struct arena a = {0};
	char *small = arena_strdup(&a, "före");
	char *big = arena_alloc(&a, 1 << 20);
	memset(big, 'x', 1 << 20);
	char *after = arena_strdup(&a, "efter");
	assert_string_equal(small, "före");
	assert_string_equal(after, "efter");
	assert_int_equal(big[(1 << 20) - 1], 'x');
	arena_reset(&a);
}

/* Copies end with a NUL; zeroed memory is zero; a reset arena is usable. */
static void
copies_and_reuse(void **state)
{
	struct arena a = {0};
	char *s = arena_strndup(&a, "Malmö FF, Sverige", 9);
	assert_string_equal(s, "Malmö FF");
	int *z = arena_zalloc(&a, 64 * sizeof(int));
	for (int i = 0; i < 64; i++)
		assert_int_equal(z[i], 0);
	arena_reset(&a);
	s = arena_strdup(&a, "igen");
	assert_string_equal(s, "igen");
	arena_reset(&a);
}

/* An array grown one item at a time keeps every item it had. */
static void
grows(void **state)
{
	struct arena a = {0};
	size_t cap = 2;
	int *v = arena_alloc(&a, cap * sizeof(*v));
	for (int i = 0; i < 1000; i++) {
		v = arena_grow(&a, v, (size_t)i, &cap, sizeof(*v));
		v[i] = i * 7;
	}
	assert_true(cap >= 1000 && cap < 2048);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(v[i], i * 7);
	arena_reset(&a);
}

/* Records the order cleanups ran in. */
static char ran[8];
static int nran;

static void
note(void *arg)
{
	ran[nran++] = *(const char *)arg;
}

/* Cleanups run once each, newest first, when the arena is reset, and not
 * again on the next reset; the arena is usable afterwards. */
static void
cleanups_run_at_reset(void **state)
{
	struct arena a = {0};
	static const char x = 'x', y = 'y';
	nran = 0;
	arena_defer(&a, note, (void *)&x);
	arena_alloc(&a, 100000);
	arena_defer(&a, note, (void *)&y);
	assert_int_equal(nran, 0);
	arena_reset(&a);
	assert_int_equal(nran, 2);
	assert_memory_equal(ran, "yx", 2);
	arena_reset(&a);
	assert_int_equal(nran, 2);
	assert_non_null(arena_strdup(&a, "again"));
	arena_reset(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(many_blocks),           cmocka_unit_test(large_allocation),
	        cmocka_unit_test(copies_and_reuse),      cmocka_unit_test(grows),
	        cmocka_unit_test(cleanups_run_at_reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
