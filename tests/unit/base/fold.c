/* The fold that matches names typed in another case or without accents
 * (the import's areas, the administration's slugs): å, ä, ö stay letters
 * of their own, accents Swedish does not distinguish fold to their base
 * letter. */
#include "../unit.h"

#include "base/arena.h"
#include "base/fold.h"

/* The fold of a C string (freed by the caller). */
static char *
key(const char *s)
{
	struct buf b = {0};
	sv_fold(&b, s, strlen(s));
	return buf_take(&b);
}

/* -1, 0 or 1 as a and b compare by their folds. */
static int
order(const char *a, const char *b)
{
	char *ka = key(a), *kb = key(b);
	int c = strcmp(ka, kb);
	free(ka);
	free(kb);
	return c < 0 ? -1 : c > 0;
}

/* qsort comparison by fold. */
static int
by_key(const void *a, const void *b)
{
	return order(*(const char *const *)a, *(const char *const *)b);
}

/* The last letters of the alphabet in Swedish order. */
static void
alphabet_end(void **state)
{
	assert_int_equal(order("a", "z"), -1);
	assert_int_equal(order("z", "å"), -1);
	assert_int_equal(order("å", "ä"), -1);
	assert_int_equal(order("ä", "ö"), -1);
	assert_int_equal(order("Zorn", "Åby"), -1);
	assert_int_equal(order("Ödeshög", "Zinkgruvan"), 1);
	assert_int_equal(order("Ål", "Ärla"), -1);
}

/* é is an e, ü a y; letter case does not matter. */
static void
folding(void **state)
{
	assert_int_equal(order("Éva", "eva"), 0);
	assert_int_equal(order("café", "cafe"), 0);
	assert_int_equal(order("Müller", "Myller"), 0);
	assert_int_equal(order("ÖSTRA SORSELE", "östra sorsele"), 0);
	assert_int_equal(order("ÅBY", "åby"), 0);
	assert_int_equal(order("Ändå", "ändå"), 0);
	assert_int_equal(order("Éva", "Ewa"), -1);
}

/* A list of names sorted as a Swedish reader expects. */
static void
sorted_list(void **state)
{
	const char *names[] = {"Örebro SK", "Ängelholms FF", "Åby IF", "Zinkgruvan IK",
	                       "Étoile",    "Eskilstuna",    "ale fk", "Alby"};
	const char *want[] = {"Alby",          "ale fk", "Eskilstuna",    "Étoile",
	                      "Zinkgruvan IK", "Åby IF", "Ängelholms FF", "Örebro SK"};
	qsort(names, 8, sizeof(names[0]), by_key);
	for (int i = 0; i < 8; i++)
		assert_string_equal(names[i], want[i]);
}

/* One name, one address: the letters folded, each run of anything else a
 * hyphen, none at the ends, cut at the length asked. */
static void
slugs(void **state)
{
	struct arena a = {0};
	assert_string_equal(sv_slug(&a, "Västra hamnen", 80), "vastra-hamnen");
	assert_string_equal(sv_slug(&a, "Östra Barnsten", 80), "ostra-barnsten");
	assert_string_equal(sv_slug(&a, "Projektbidrag kultur 2026", 80),
	                    "projektbidrag-kultur-2026");
	assert_string_equal(sv_slug(&a, "  Café  Möllan ", 80), "cafe-mollan");
	assert_string_equal(sv_slug(&a, "Ελληνικά och Åby", 80), "och-aby");
	assert_string_equal(sv_slug(&a, "!!!", 80), "");
	assert_string_equal(sv_slug(&a, "Lokalkostnadsbidrag", 5), "lokal");
	arena_reset(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(alphabet_end),
	        cmocka_unit_test(folding),
	        cmocka_unit_test(sorted_list),
	        cmocka_unit_test(slugs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
