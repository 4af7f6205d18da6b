/* The venue forms' own rules: a weekday's hours both given or both empty,
 * opening before closing; prices in öre, empty for a category the venue is
 * not let at, none above a million kronor; the venue's checkboxes and
 * choices as the venue they describe. */
#include "../unit.h"

#include "venues/fields.c"

static struct req r;

/* A fresh request with the given form fields (pairs, NULL-terminated). */
static void
post(const char *const *pairs)
{
	arena_reset(&r.a);
	r.form = (struct kvlist){0};
	for (int i = 0; pairs && pairs[i]; i += 2)
		kv_add(&r.a, &r.form, pairs[i], pairs[i + 1], strlen(pairs[i + 1]));
}

static int
teardown(void **state)
{
	arena_reset(&r.a);
	return 0;
}

/* The error form_read or the form's own rules noted beside a field. */
static const char *
error_of(const struct form *f, const char *name)
{
	return f->error[form_index(f, name)];
}

/* Good hours: minutes from midnight, a weekday without times closed, and
 * the form drawn again from them as HH:MM. */
static void
hours_as_minutes(void **state)
{
	static const char *const ok[] = {"fran-1", "08:00",  "till-1", "22:00",  "fran-6",
	                                 "09:30",  "till-6", "23:59",  "fran-7", "",
	                                 "till-7", "",       NULL};
	post(ok);
	struct form f;
	struct venue_hours h;
	form_init(&f, &r, &hours_form_def);
	assert_int_equal(hours_form_read(&f, &r, &h), 0);
	assert_int_equal(h.opens[1], 480);
	assert_int_equal(h.closes[1], 1320);
	assert_int_equal(h.opens[6], 570);
	assert_int_equal(h.closes[6], 1439);
	for (int d = 2; d <= 5; d++)
		assert_int_equal(h.closes[d], 0);
	assert_int_equal(h.closes[7], 0);

	struct form again;
	form_init(&again, &r, &hours_form_def);
	hours_form_set(&again, &r.a, &h);
	assert_string_equal(form_value(&again, "fran-6"), "09:30");
	assert_string_equal(form_value(&again, "till-1"), "22:00");
	assert_null(form_value(&again, "fran-2"));
}

/* Each weekday's mistake beside the field to fix: closing not after
 * opening beside the closing time, a missing one beside itself, a time
 * that is none by its own rule; good weekdays untouched. */
static void
hours_refused(void **state)
{
	static const char *const bad[] = {"fran-1", "18:00", "till-1", "08:00", "fran-2", "10:00",
	                                  "till-2", "10:00", "fran-3", "",      "till-3", "12:00",
	                                  "fran-4", "25:00", "till-4", "26:00", "fran-5", "08:00",
	                                  "till-5", "20:00", NULL};
	post(bad);
	struct form f;
	struct venue_hours h;
	form_init(&f, &r, &hours_form_def);
	assert_int_equal(hours_form_read(&f, &r, &h), 5);
	assert_string_equal(error_of(&f, "till-1"), "Lokalen måste stänga senare än den öppnar.");
	assert_null(error_of(&f, "fran-1"));
	assert_string_equal(error_of(&f, "till-2"), "Lokalen måste stänga senare än den öppnar.");
	assert_non_null(strstr(error_of(&f, "fran-3"), "Skriv både när lokalen öppnar"));
	assert_null(error_of(&f, "till-3"));
	assert_string_equal(error_of(&f, "fran-4"), "Skriv tiden som TT:MM, till exempel 18:00.");
	assert_string_equal(error_of(&f, "till-4"), "Skriv tiden som TT:MM, till exempel 18:00.");
	assert_null(error_of(&f, "fran-5"));
	assert_null(error_of(&f, "till-5"));

	r.p.english = 1;
	form_init(&f, &r, &hours_form_def);
	hours_form_read(&f, &r, &h);
	assert_string_equal(error_of(&f, "till-1"), "The venue must close later than it opens.");
	r.p.english = 0;
}

static const struct choice categories[] = {
        {"ordinarie", "Ordinarie", "Ordinary", 0},
        {"forening", "Förening", "Association", 0},
        {"ungdom", "Ungdomsförening (nolltaxa)", "Youth association (zero rate)", 0},
        {NULL, NULL, NULL, 0},
};

/* Prices in öre per category; empty is -1 (not let at it) and 0 kr a
 * price; the form shows them again in kronor. */
static void
prices_in_ore(void **state)
{
	static const char *const ok[] = {
	        "pris-ordinarie", "1 000 000", "pris-forening", "150,50", "pris-ungdom", "0", NULL};
	post(ok);
	const struct form_def *d = prices_form_def(&r.a, categories);
	assert_int_equal(d->n, 3);
	assert_string_equal(d->fields[1].name, "pris-forening");
	struct form f;
	int64_t ore[3];
	form_init(&f, &r, d);
	assert_int_equal(prices_form_read(&f, &r, ore), 0);
	assert_int_equal(ore[0], 100000000);
	assert_int_equal(ore[1], 15050);
	assert_int_equal(ore[2], 0);
	static const char *const empty[] = {"pris-ordinarie", " ", NULL};
	post(empty);
	d = prices_form_def(&r.a, categories);
	form_init(&f, &r, d);
	assert_int_equal(prices_form_read(&f, &r, ore), 0);
	assert_int_equal(ore[0], -1);
	assert_int_equal(ore[1], -1);

	int64_t stored[3] = {45000, -1, 0};
	form_init(&f, &r, d);
	prices_form_set(&f, &r.a, stored);
	assert_string_equal(form_value(&f, "pris-ordinarie"), "450");
	assert_null(form_value(&f, "pris-forening"));
	assert_string_equal(form_value(&f, "pris-ungdom"), "0");
}

/* A price that is no amount, negative or above a million is refused
 * beside its field. */
static void
prices_refused(void **state)
{
	static const char *const bad[] = {
	        "pris-ordinarie", "12,5x", "pris-forening", "-100", "pris-ungdom",
	        "1 000 000,01",   NULL};
	post(bad);
	const struct form_def *d = prices_form_def(&r.a, categories);
	struct form f;
	int64_t ore[3];
	form_init(&f, &r, d);
	assert_int_equal(prices_form_read(&f, &r, ore), 3);
	for (int i = 0; i < 3; i++) {
		assert_non_null(strstr(f.error[i], "Skriv priset per timme i kronor"));
		assert_int_equal(ore[i], -1);
	}
}

static const struct choice depts[] = {{"FRI", "Fritid", "Leisure", 7}, {NULL, NULL, NULL, 0}};
static const struct choice types[] = {{"idrottshall", "Idrottshall", "Sports hall", 0},
                                      {NULL, NULL, NULL, 0}};
static const struct choice areas[] = {{"rosengard", "Rosengård", "Rosengård", 3},
                                      {NULL, NULL, NULL, 0}};

/* The venue's form as the venue: the chosen department's and area's ids,
 * each ticked box a 1, an unticked one a 0, empty texts "". */
static void
venue_as_read(void **state)
{
	static const char *const ok[] = {"namn",        "Rosengårdshallen",
	                                 "typ",         "idrottshall",
	                                 "forvaltning", "FRI",
	                                 "omrade",      "rosengard",
	                                 "kapacitet",   "300",
	                                 "steglos",     "1",
	                                 "hiss",        "1",
	                                 "avbokning",   "24",
	                                 "aktiv",       "1",
	                                 NULL};
	post(ok);
	struct form f;
	struct venue v;
	form_init(&f, &r, &venue_form_def);
	form_set_choices(&f, "forvaltning", depts);
	form_set_choices(&f, "typ", types);
	form_set_choices(&f, "omrade", areas);
	assert_int_equal(venue_form_read(&f, &r, &v), 0);
	assert_int_equal(v.department_id, 7);
	assert_int_equal(v.area_id, 3);
	assert_string_equal(v.type, "idrottshall");
	assert_int_equal(v.capacity, 300);
	assert_int_equal(v.step_free, 1);
	assert_int_equal(v.lift, 1);
	assert_int_equal(v.accessible_toilet, 0);
	assert_int_equal(v.approval, 0);
	assert_int_equal(v.active, 1);
	assert_int_equal(v.cancel_hours, 24);
	assert_string_equal(v.address, "");
	assert_string_equal(v.equipment, "");

	static const char *const bad[] = {
	        "namn",      "",  "typ",       "slott", "forvaltning", "KUL", "omrade", "atlantis",
	        "kapacitet", "0", "avbokning", "",      NULL};
	post(bad);
	form_init(&f, &r, &venue_form_def);
	form_set_choices(&f, "forvaltning", depts);
	form_set_choices(&f, "typ", types);
	form_set_choices(&f, "omrade", areas);
	assert_int_equal(venue_form_read(&f, &r, &v), 6);
	assert_string_equal(error_of(&f, "namn"), "Skriv lokalens namn.");
	assert_string_equal(error_of(&f, "typ"), "Välj en av lokaltyperna i listan.");
	assert_string_equal(error_of(&f, "forvaltning"), "Välj en av förvaltningarna i listan.");
	assert_string_equal(error_of(&f, "omrade"), "Välj ett av områdena i listan.");
	assert_string_equal(error_of(&f, "kapacitet"), "Skriv ett heltal från 1 till 100 000.");
	assert_non_null(strstr(error_of(&f, "avbokning"), "Skriv antalet timmar"));
	assert_int_equal(v.department_id, 0);
	assert_int_equal(v.area_id, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_teardown(hours_as_minutes, teardown),
	        cmocka_unit_test_teardown(hours_refused, teardown),
	        cmocka_unit_test_teardown(prices_in_ore, teardown),
	        cmocka_unit_test_teardown(prices_refused, teardown),
	        cmocka_unit_test_teardown(venue_as_read, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
