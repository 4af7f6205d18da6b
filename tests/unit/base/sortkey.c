/* The register's order: sort keys from ICU's Swedish collation compared as
 * bytes, as both engines compare the column, the text they are written in
 * against memcmp of the bytes, and the keys against ICU's own comparison
 * of the same names (ucol_strcollUTF8 on a collator of its own, with the
 * defaults of "sv") and against what a Swedish reader expects. */
#include "../unit.h"

#include "base/sortkey.c"

#include <pthread.h>
#include <unicode/ucol.h>

/* Names as Malmö's associations spell them: Swedish with å ä ö, German
 * ü, Danish and Norwegian ø and æ, French é, Polish, Turkish, Somali,
 * Greek and Arabic, digits, one name in three cases. */
static const char *const names[] = {
        "Örebro SK",     "Ängelholms FF",
        "Åby IF",        "Zinkgruvan IK",
        "Étoile",        "Eskilstuna",
        "ale fk",        "Alby",
        "Müller",        "Myrén",
        "Mylla",         "Muzak",
        "Øresund",       "Östra",
        "Æble",          "Ärla",
        "Oslo",          "Zorn",
        "Åsa",           "ÅSA",
        "åsa",           "2 Klubben",
        "10 Klubben",    "Łódź Polonia",
        "Lodz",          "Żabka",
        "Zielona Góra",  "Świętokrzyska",
        "Şişli Spor",    "Sisli",
        "İzmir Derneği", "Izmir",
        "Ilgaz",         "Çağlar",
        "Cabdi Xasan",   "Xamar Cadde",
        "Dhagax",        "Soomaali Dhaqan",
        "Ωμέγα",         "Αθήνα",
        "Βήτα",          "Άλφα",
        "النور",         "الأمل",
        "جمعية",         "Ödeshög",
};
enum { NNAMES = sizeof(names) / sizeof(names[0]) };

/* The key of a C string (freed by the caller). */
static char *
key(const char *s)
{
	struct buf b = {0};
	sv_sort_key(&b, s, strlen(s));
	return b.data ? buf_take(&b) : strdup("");
}

/* -1, 0 or 1 as a and b compare by their keys, bytewise. */
static int
order(const char *a, const char *b)
{
	char *ka = key(a), *kb = key(b);
	int c = strcmp(ka, kb);
	free(ka);
	free(kb);
	return c < 0 ? -1 : c > 0;
}

/* qsort comparison by key. */
static int
by_key(const void *a, const void *b)
{
	return order(*(const char *const *)a, *(const char *const *)b);
}

/* ICU's own comparison, on a collator opened here with sv's defaults. */
static UCollator *icu;

/* qsort comparison by ICU. */
static int
by_icu(const void *a, const void *b)
{
	UErrorCode st = U_ZERO_ERROR;
	int c = ucol_strcollUTF8(icu, *(const char *const *)a, -1, *(const char *const *)b, -1,
	                         &st);
	assert_true(U_SUCCESS(st));
	return c;
}

/* The names ordered by their keys are the names ordered by ICU. */
static void
same_as_icu(void **state)
{
	UErrorCode st = U_ZERO_ERROR;
	icu = ucol_open("sv", &st);
	assert_true(U_SUCCESS(st) && st != U_USING_DEFAULT_WARNING);
	const char *mine[NNAMES], *theirs[NNAMES];
	memcpy(mine, names, sizeof(names));
	memcpy(theirs, names, sizeof(names));
	qsort(mine, NNAMES, sizeof(mine[0]), by_key);
	qsort(theirs, NNAMES, sizeof(theirs[0]), by_icu);
	for (int i = 0; i < NNAMES; i++)
		assert_string_equal(mine[i], theirs[i]);
	ucol_close(icu);
}

/* What a Swedish reader expects, said outright. */
static void
swedish_expectations(void **state)
{
	/* å, ä, ö are the last letters, in that order */
	assert_int_equal(order("Zorn", "Åby IF"), -1);
	assert_int_equal(order("Åsa", "Ängelholms FF"), -1);
	assert_int_equal(order("Ärla", "Ödeshög"), -1);
	assert_int_equal(order("Zinkgruvan IK", "Åby IF"), -1);
	/* ü is a y, not a u */
	assert_int_equal(order("Muzak", "Müller"), -1);
	assert_int_equal(order("Mylla", "Müller"), -1);
	assert_int_equal(order("Müller", "Myrén"), -1);
	/* ø is an ö, æ an ä */
	assert_int_equal(order("Örebro SK", "Øresund"), -1);
	assert_int_equal(order("Øresund", "Östra"), -1);
	assert_int_equal(order("Ängelholms FF", "Æble"), 1);
	assert_int_equal(order("Æble", "Ärla"), -1);
	/* é is an e with an accent: after e, before the next letter */
	assert_int_equal(order("Eskilstuna", "Étoile"), -1);
	assert_int_equal(order("Étoile", "Ezra"), -1);
	assert_int_equal(order("Etoile", "Étoile"), -1);
	/* case tells names apart last: lower case first, the three together */
	assert_int_equal(order("åsa", "Åsa"), -1);
	assert_int_equal(order("Åsa", "ÅSA"), -1);
	assert_int_equal(order("ÅSA", "Åsb"), -1);
	assert_int_equal(order("ale fk", "Alby"), 1);
	/* digits before letters, other scripts after Latin in their own order */
	assert_int_equal(order("10 Klubben", "Alby"), -1);
	assert_int_equal(order("2 Klubben", "Alby"), -1);
	assert_int_equal(order("Ödeshög", "Άλφα"), -1);
	assert_int_equal(order("Άλφα", "Βήτα"), -1);
	assert_int_equal(order("Βήτα", "Ωμέγα"), -1);
	assert_int_equal(order("Ωμέγα", "الأمل"), -1);
	assert_int_equal(order("النور", "جمعية"), -1);
	/* Latin letters of other languages stay with Latin */
	assert_int_equal(order("Çağlar", "Dhagax"), -1);
	assert_int_equal(order("Xamar Cadde", "Zorn"), -1);
	assert_int_equal(order("Świętokrzyska", "Zorn"), -1);
	assert_int_equal(order("Şişli Spor", "Åby IF"), -1);
}

/* A key is text of the ordered alphabet, so it is text to both engines
 * and safe in an address. */
static void
key_text(void **state)
{
	for (int i = 0; i < NNAMES; i++) {
		char *k = key(names[i]);
		size_t n = strlen(k);
		assert_true(n > 0);
		assert_int_equal(strspn(k, "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_"
		                           "abcdefghijklmnopqrstuvwxyz"),
		                 n);
		free(k);
	}
}

/* -1, 0 or 1 as memcmp orders two byte strings, the shorter first when
 * one starts the other. */
static int
bytes_order(const uint8_t *a, size_t na, const uint8_t *b, size_t nb)
{
	int c = memcmp(a, b, na < nb ? na : nb);
	if (c == 0)
		c = (na > nb) - (na < nb);
	return c < 0 ? -1 : c > 0;
}

/* The text of byte strings orders as the bytes: random strings of 0 to 8
 * bytes from a small alphabet, so that many share a start or end early. */
static void
text_orders_as_bytes(void **state)
{
	static const uint8_t pick[] = {0x00, 0x01, 0x02, 0x3f, 0x40, 0x7f, 0x80, 0xc0, 0xfe, 0xff};
	srand(9);
	for (int round = 0; round < 20000; round++) {
		uint8_t a[8], b[8];
		size_t na = (size_t)rand() % 9, nb = (size_t)rand() % 9;
		for (size_t i = 0; i < na; i++)
			a[i] = pick[rand() % 10];
		for (size_t i = 0; i < nb; i++)
			b[i] = rand() % 2 && i < na ? a[i] : pick[rand() % 10];
		struct buf ta = {0}, tb = {0};
		ordered_base64(&ta, a, na);
		ordered_base64(&tb, b, nb);
		int c = strcmp(buf_cstr(&ta), buf_cstr(&tb));
		assert_int_equal(c < 0 ? -1 : c > 0, bytes_order(a, na, b, nb));
		assert_int_equal(ta.len, (na * 8 + 5) / 6);
		buf_free(&ta);
		buf_free(&tb);
	}
}

/* A name typed with its accents apart, or in an unusual order, is the
 * same name. */
static void
canonical_forms(void **state)
{
	assert_int_equal(order("\xc3\x85"
	                       "by",
	                       "A\xcc\x8a"
	                       "by"),
	                 0); /* Å, A + ring */
	assert_int_equal(order("a\xcc\xa3\xcc\x82", "a\xcc\x82\xcc\xa3"), 0);
	assert_int_equal(order("\xe1\xba\xad", "a\xcc\x82\xcc\xa3"), 0);
}

/* A name of long expansions is cut at SV_SORT_KEY_MAX bytes of key: it
 * still orders after a shorter one, and names alike for that long are
 * equal (the register then orders them by id). */
static void
long_names(void **state)
{
	char name[1202] = {0};
	for (int i = 0; i < 400; i++)
		memcpy(name + 3 * i, "\xef\xb7\xba", 3); /* U+FDFA: 40 bytes of key each */
	char *k = key(name);
	assert_int_equal(strlen(k), (SV_SORT_KEY_MAX * 8 + 5) / 6);
	free(k);
	assert_int_equal(order("\xef\xb7\xba", name), -1);
	char longer[1203];
	memcpy(longer, name, 1200);
	memcpy(longer + 1200, "a", 2);
	assert_int_equal(order(name, longer), 0);
}

/* Invalid UTF-8 gets a key too, not a crash. */
static void
invalid_utf8(void **state)
{
	char *k = key("ab\xff");
	assert_true(strlen(k) > 0);
	free(k);
	assert_int_equal(order("", "a"), -1);
}

/* Every name's key, made on a thread of its own. */
static void *
keys_on_a_thread(void *arg)
{
	char **out = arg;
	for (int i = 0; i < NNAMES; i++)
		out[i] = key(names[i]);
	return NULL;
}

/* Threads have their own collator and make the same keys. */
static void
threads(void **state)
{
	char *a[NNAMES], *b[NNAMES];
	pthread_t t1, t2;
	assert_int_equal(pthread_create(&t1, NULL, keys_on_a_thread, a), 0);
	assert_int_equal(pthread_create(&t2, NULL, keys_on_a_thread, b), 0);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	for (int i = 0; i < NNAMES; i++) {
		char *k = key(names[i]);
		assert_string_equal(a[i], k);
		assert_string_equal(b[i], k);
		free(a[i]);
		free(b[i]);
		free(k);
	}
}

/* The version names the collator and our format, and stays put. */
static void
version(void **state)
{
	int64_t v = sv_sort_key_version();
	assert_true(v >> 32 >= 1);
	assert_true((v & 0xffffffff) != 0);
	assert_true(v == sv_sort_key_version());
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(same_as_icu),     cmocka_unit_test(swedish_expectations),
	        cmocka_unit_test(key_text),        cmocka_unit_test(text_orders_as_bytes),
	        cmocka_unit_test(canonical_forms), cmocka_unit_test(long_names),
	        cmocka_unit_test(invalid_utf8),    cmocka_unit_test(threads),
	        cmocka_unit_test(version),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
