/* The attendance file's rules: the heading row, the period, the ages
 * counted and the least participants, and every wrong line named with its
 * reason while the whole file is refused. */
#include "../unit.h"

#include "grants/attendance.c"

static const struct grant_formula lok = {.kind = FORMULA_OCCASIONS,
                                         .per_occasion = 3200,
                                         .age_min = 7,
                                         .age_max = 25,
                                         .min_participants = 3,
                                         .occasions_from = "2026-01-01",
                                         .occasions_to = "2026-06-30"};

static int
read(struct arena *a, const char *csv, struct attendance *x, const char **sv, const char **en)
{
	*sv = *en = NULL;
	return grant_attendance_read(a, csv, strlen(csv), &lok, x, sv, en);
}

/* Occasions with three of the ages count; one with two, or with only
 * adults and small children, does not; both separators, a byte order
 * mark, Windows line ends and the heading without the ring are taken. */
static void
counts_the_occasions(void **state)
{
	struct arena a = {0};
	struct attendance x;
	const char *sv, *en;
	assert_int_equal(read(&a,
	                      "\xef\xbb\xbf"
	                      "datum;aktivitet;aldrar\r\n"
	                      "2026-01-01;Fotboll;7 8 25\r\n"
	                      "2026-02-03;Fotboll;6 26 30 7 8\r\n"
	                      "2026-06-30;\"Schack, nybörjare\";  12   13 14  \r\n"
	                      "2026-03-03;Föräldramöte;40 41 42\r\n",
	                      &x, &sv, &en),
	                 0);
	assert_int_equal(x.rows, 4);
	assert_int_equal(x.ncounted, 2);
	assert_int_equal(x.counted[0].line, 2);
	assert_int_equal(x.counted[0].participants, 3);
	assert_string_equal(x.counted[1].activity, "Schack, nybörjare");
	assert_string_equal(x.counted[1].day, "2026-06-30");
	arena_reset(&a);
}

/* Any wrong line refuses the file: each named with its line and reason
 * in both languages, the good lines not named, nothing counted. */
static void
refuses_the_whole_file(void **state)
{
	struct arena a = {0};
	struct attendance x;
	const char *sv, *en;
	assert_int_equal(read(&a,
	                      "datum,aktivitet,åldrar\n"
	                      "2026-01-05,Fotboll,8 9 10\n"
	                      "2026-02-30,Fotboll,8 9 10\n"
	                      "2025-12-31,Fotboll,8 9 10\n"
	                      "2026-01-06,  ,8 9 10\n"
	                      "2026-01-07,Fotboll,8 -9 10\n"
	                      "2026-01-08,Fotboll,\n"
	                      "2026-01-09,Fotboll\n"
	                      "2026-01-10,\"Fotboll,8 9\n",
	                      &x, &sv, &en),
	                 -1);
	assert_int_equal(x.ncounted, 0);
	assert_null(strstr(sv, "Rad 2:"));
	assert_non_null(strstr(sv, "Rad 3: datumet ”2026-02-30” finns inte"));
	assert_non_null(
	        strstr(sv, "Rad 4: datumet 2025-12-31 (2026-01-01–2026-06-30) ligger utanför"));
	assert_non_null(strstr(sv, "Rad 5: aktiviteten saknas."));
	assert_non_null(strstr(sv, "Rad 6: åldern ”-9” är inte ett heltal"));
	assert_non_null(strstr(sv, "Rad 7: deltagarnas åldrar saknas."));
	assert_null(strstr(sv, "Rad 8:"));
	assert_non_null(strstr(sv, "Och 2 rader till."));
	assert_non_null(strstr(en, "Line 6: the age “-9” is not a whole number"));
	arena_reset(&a);
}

/* A file without the heading row, without occasions, or not UTF-8 text
 * is refused at its first line. */
static void
refuses_what_is_no_attendance(void **state)
{
	struct arena a = {0};
	struct attendance x;
	const char *sv, *en;
	assert_int_equal(read(&a, "2026-01-05,Fotboll,8 9 10\n", &x, &sv, &en), -1);
	assert_non_null(strstr(sv, "Rad 1: den första raden ska vara rubrikerna"));
	assert_int_equal(read(&a, "datum,aktivitet,åldrar\n\n", &x, &sv, &en), -1);
	assert_non_null(strstr(sv, "filen har inga sammankomster"));
	assert_int_equal(read(&a, "datum,aktivitet,\xe5ldrar\n", &x, &sv, &en), -1);
	assert_non_null(strstr(sv, "UTF-8"));
	arena_reset(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(counts_the_occasions),
	        cmocka_unit_test(refuses_the_whole_file),
	        cmocka_unit_test(refuses_what_is_no_attendance),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
