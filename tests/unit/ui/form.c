/* The form model: what form_read accepts and refuses for each type, the
 * messages beside the fields, and how a page tells its forms apart. The
 * unit is included so its static helpers are tested too. */
#include "../unit.h"

#include "ui/form.c"

static struct req r;

/* A fresh request with the given form fields (pairs, NULL-terminated). */
static void
post(const char *const *pairs)
{
	arena_reset(&r.a);
	r.form = (struct kvlist){0};
	r.files = (struct uploads){0};
	for (int i = 0; pairs && pairs[i]; i += 2)
		kv_add(&r.a, &r.form, pairs[i], pairs[i + 1], strlen(pairs[i + 1]));
}

static int
teardown(void **state)
{
	arena_reset(&r.a);
	return 0;
}

static const struct choice outcomes[] = {
        {"bifall", "Bifall", "Granted", 0},
        {"avslag", "Avslag", "Refused", 0},
        {NULL, NULL, NULL, 0},
};

static const struct field_def fields[] = {
        {.name = "namn",
         .label_sv = "Namn",
         .label_en = "Name",
         .type = FIELD_TEXT,
         .required = 1,
         .max = 5},
        {.name = "text", .label_sv = "Text", .label_en = "Text", .type = FIELD_TEXTAREA},
        {.name = "epost", .label_sv = "E-post", .label_en = "E-mail", .type = FIELD_EMAIL},
        {.name = "datum",
         .label_sv = "Datum",
         .label_en = "Date",
         .type = FIELD_DATE,
         .missing_sv = "Skriv datumet.",
         .missing_en = "Write the date."},
        {.name = "antal",
         .label_sv = "Antal",
         .label_en = "Number",
         .type = FIELD_INT,
         .min = 0,
         .max_int = 10000000},
        {.name = "utfall",
         .label_sv = "Utfall",
         .label_en = "Outcome",
         .type = FIELD_RADIO,
         .required = 1,
         .choices = outcomes,
         .invalid_sv = "Välj bifall eller avslag.",
         .invalid_en = "Choose granted or refused."},
        {.name = "val", .label_sv = "Val", .label_en = "Choice", .type = FIELD_SELECT},
        {.name = "ja", .label_sv = "Ja", .label_en = "Yes", .type = FIELD_CHECKBOX, .required = 1},
        {.name = "fil", .label_sv = "Fil", .label_en = "File", .type = FIELD_FILE},
        {.name = "meddelande",
         .label_sv = "Svar",
         .label_en = "Answer",
         .type = FIELD_TEXTAREA,
         .id = "svar"},
};
static const struct form_def def = {"prov", fields, sizeof(fields) / sizeof(fields[0])};

/* The error form_read noted beside a field, NULL when none. */
static const char *
error_of(const struct form *f, const char *name)
{
	return f->error[form_index(f, name)];
}

/* A good request: nothing refused, the values as typed, a whole number as
 * a number. */
static void
accepts_good_values(void **state)
{
	static const char *const ok[] = {"namn",   "Åsa",
	                                 "text",   "Rad ett\nRad två",
	                                 "epost",  "asa@exempel.se",
	                                 "datum",  "2028-02-29",
	                                 "antal",  " 42 ",
	                                 "utfall", "avslag",
	                                 "ja",     "1",
	                                 NULL};
	post(ok);
	struct form f;
	form_init(&f, &r, &def);
	assert_int_equal(form_read(&f, &r), 0);
	assert_string_equal(form_value(&f, "namn"), "Åsa");
	assert_int_equal(form_int(&f, "antal"), 42);
	assert_null(form_value(&f, "val"));
	assert_null(form_file(&f, "fil"));
	assert_null(f.about);
}

/* Each rule refuses beside its own field, all at once, in the page's
 * language, with the field's own words where it declares them. */
static void
refuses_beside_each_field(void **state)
{
	static const char *const bad[] = {"namn",       "Sex tkn", "epost",    "asa@",   "datum",
	                                  "2026-02-31", "antal",   "10000001", "utfall", "delvis",
	                                  "val",        "x",       NULL};
	post(bad);
	struct form f;
	form_init(&f, &r, &def);
	assert_int_equal(form_read(&f, &r), 7);
	assert_string_equal(error_of(&f, "namn"),
	                    "Skriv högst 5 tecken. Texten nedan har kortats till så många.");
	assert_string_equal(error_of(&f, "epost"), "Skriv en e-postadress som namn@exempel.se.");
	assert_string_equal(error_of(&f, "datum"), "Skriv ett datum som finns, som ÅÅÅÅ-MM-DD.");
	assert_string_equal(error_of(&f, "antal"), "Skriv ett heltal från 0 till 10 000 000.");
	assert_string_equal(error_of(&f, "utfall"), "Välj bifall eller avslag.");
	assert_string_equal(error_of(&f, "val"), "Välj ett av alternativen.");
	assert_string_equal(error_of(&f, "ja"), "Kryssa i rutan.");
	assert_null(error_of(&f, "text"));
	/* kept for the form, up to the limit */
	assert_string_equal(form_value(&f, "namn"), "Sex t");

	r.p.english = 1;
	form_init(&f, &r, &def);
	form_read(&f, &r);
	assert_string_equal(error_of(&f, "antal"), "Write a whole number from 0 to 10,000,000.");
	assert_string_equal(error_of(&f, "utfall"), "Choose granted or refused.");
	assert_string_equal(error_of(&f, "ja"), "Tick the box.");
	r.p.english = 0;
}

/* Blank is missing: a required field says so (in its own words when it
 * has them), an optional one is simply empty. */
static void
blank_is_missing(void **state)
{
	static const char *const blank[] = {"namn", " \r\n ", "datum", "", "utfall", "", NULL};
	post(blank);
	struct form f;
	form_init(&f, &r, &def);
	form_read(&f, &r);
	assert_string_equal(error_of(&f, "namn"), "Fyll i fältet.");
	assert_null(error_of(&f, "datum")); /* not required */
	assert_string_equal(error_of(&f, "utfall"), "Välj bifall eller avslag.");
	assert_null(form_value(&f, "namn"));
}

/* Limits count characters, not bytes; only a textarea takes line breaks,
 * and no field control characters;
 * without a declared limit a text takes 200 characters, a textarea
 * 10 000, and the message writes the number as people do. */
static void
lengths_and_line_breaks(void **state)
{
	static const char *const five[] = {"namn", "åäöÅÄ", "utfall", "bifall", "ja", "1", NULL};
	post(five);
	struct form f;
	form_init(&f, &r, &def);
	assert_int_equal(form_read(&f, &r), 0);

	static const char *const broken[] = {"namn", "a\nb", "utfall", "bifall", "ja", "1", NULL};
	post(broken);
	form_init(&f, &r, &def);
	assert_int_equal(form_read(&f, &r), 1);
	assert_string_equal(error_of(&f, "namn"), "Texten får inte ha radbrytningar.");

	static const char *const control[] = {"namn", "a\x01", "utfall", "bifall", "ja", "1", NULL};
	post(control);
	form_init(&f, &r, &def);
	assert_int_equal(form_read(&f, &r), 1);
	assert_string_equal(error_of(&f, "namn"), "Texten innehåller otillåtna tecken.");

	char *long_text = malloc(10002);
	memset(long_text, 'a', 10001);
	long_text[10001] = 0;
	const char *const too_long[] = {"namn", "a",    "utfall",  "bifall", "ja",
	                                "1",    "text", long_text, NULL};
	post(too_long);
	form_init(&f, &r, &def);
	assert_int_equal(form_read(&f, &r), 1);
	assert_string_equal(error_of(&f, "text"),
	                    "Skriv högst 10 000 tecken. Texten nedan har kortats till så många.");
	free(long_text);
}

/* A megabyte in any field is refused beside it by its length before any
 * other rule, and drawn back cut at the field's limit (whole characters):
 * the declared limit, else 200, 10 000 for a text area; a whole number or
 * a choice in its own words. */
static void
limits_on_every_field(void **state)
{
	size_t big = 1000 * 1000;
	char *mb = malloc(big + 1);
	memset(mb, 'a', big);
	mb[big] = 0;
	memcpy(mb, "\xc3\xa5\xc3\xa5\xc3\xa5", 6); /* three å: the cut counts characters */
	const char *const huge[] = {"namn", mb, "text", mb, "epost",  mb, "datum", mb, "antal", mb,
	                            "val",  mb, "ja",   mb, "utfall", mb, NULL};
	post(huge);
	struct form f;
	form_init(&f, &r, &def);
	assert_int_equal(form_read(&f, &r), 7);
	assert_string_equal(error_of(&f, "namn"),
	                    "Skriv högst 5 tecken. Texten nedan har kortats till så många.");
	assert_string_equal(error_of(&f, "text"),
	                    "Skriv högst 10 000 tecken. Texten nedan har kortats till så många.");
	assert_string_equal(error_of(&f, "epost"),
	                    "Skriv högst 200 tecken. Texten nedan har kortats till så många.");
	assert_string_equal(error_of(&f, "datum"),
	                    "Skriv högst 200 tecken. Texten nedan har kortats till så många.");
	assert_string_equal(error_of(&f, "antal"), "Skriv ett heltal från 0 till 10 000 000.");
	assert_string_equal(error_of(&f, "val"), "Välj ett av alternativen.");
	assert_string_equal(error_of(&f, "utfall"), "Välj bifall eller avslag.");
	assert_string_equal(form_value(&f, "namn"), "\xc3\xa5\xc3\xa5\xc3\xa5"
	                                            "aa");
	assert_int_equal(utf8_chars(form_value(&f, "text")), 10000);
	struct field *drawn = form_fields(&f, &r.a);
	for (int i = 0; i < def.n; i++)
		assert_true(!drawn[i].value || strlen(drawn[i].value) <= 10000 + 3);
	free(mb);
}

/* Control characters: a text area takes tabs, LF and CR LF; every other
 * field none of them; no field a lone CR, a C0 or C1 control or DEL. */
static void
control_characters(void **state)
{
	static const char *const fine[] = {
	        "namn", "a", "text", "ett\tb\r\ntvå\nc", "utfall", "bifall", "ja", "1", NULL};
	post(fine);
	struct form f;
	form_init(&f, &r, &def);
	assert_int_equal(form_read(&f, &r), 0);
	assert_string_equal(form_value(&f, "text"), "ett\tb\r\ntvå\nc");

	static const struct {
		const char *field, *value, *error;
	} refused[] = {
	        {"namn", "a\tb", "Texten får inte ha tabbtecken."},
	        {"namn", "a\rb", "Texten får inte ha radbrytningar."},
	        {"epost", "a@b.se\n", "Texten får inte ha radbrytningar."},
	        {"namn", "a\x7f", "Texten innehåller otillåtna tecken."},
	        {"namn", "a\xc2\x85", "Texten innehåller otillåtna tecken."}, /* NEL */
	        {"text", "rad\rrad", "Texten innehåller otillåtna tecken."},
	        {"text",
	         "a\x1b"
	         "[31m",
	         "Texten innehåller otillåtna tecken."},
	        {"text",
	         "\xc2\x9b"
	         "31m",
	         "Texten innehåller otillåtna tecken."}, /* CSI */
	        {"text", "a\xff", "Texten innehåller otillåtna tecken."},
	};
	for (size_t k = 0; k < sizeof(refused) / sizeof(refused[0]); k++) {
		/* the first value of a name counts: the refused one comes first */
		const char *const one[] = {refused[k].field,
		                           refused[k].value,
		                           "namn",
		                           "a",
		                           "utfall",
		                           "bifall",
		                           "ja",
		                           "1",
		                           NULL};
		post(one);
		form_init(&f, &r, &def);
		assert_int_equal(form_read(&f, &r), 1);
		assert_string_equal(error_of(&f, refused[k].field), refused[k].error);
	}
	/* "ä" and the other letters of Latin-1 Supplement are no controls */
	static const char *const latin[] = {
	        "namn", "\xc3\xa4\xc2\xa0\xc2\xbd", "utfall", "bifall", "ja", "1", NULL};
	post(latin);
	form_init(&f, &r, &def);
	assert_int_equal(form_read(&f, &r), 0);
}

/* A file counts when it has bytes or a name the person chose; the empty
 * nameless part a browser sends for a file input left alone is none. */
static void
files(void **state)
{
	static const char *const ok[] = {"namn", "a", "utfall", "bifall", "ja", "1", NULL};
	post(ok);
	static struct upload items[2];
	items[0] = (struct upload){
	        .field = "fil", .filename = "", .ctype = "application/octet-stream", .data = ""};
	r.files = (struct uploads){items, 1, 2};
	struct form f;
	form_init(&f, &r, &def);
	form_read(&f, &r);
	assert_null(form_file(&f, "fil"));
	items[0].filename = "tom.pdf";
	form_init(&f, &r, &def);
	form_read(&f, &r);
	assert_ptr_equal(form_file(&f, "fil"), &items[0]);
	r.files = (struct uploads){0};
}

/* What the template draws: ids (the declared one, with the form's key),
 * typed values, never a password, and choices set by the page. */
static void
fields_as_drawn(void **state)
{
	static const char *const typed[] = {"meddelande", "Hej", NULL};
	post(typed);
	struct form f;
	form_init(&f, &r, &def);
	form_read(&f, &r);
	struct field *v = form_fields(&f, &r.a);
	int i = form_index(&f, "meddelande");
	assert_string_equal(v[i].id, "svar");
	assert_string_equal(v[i].name, "meddelande");
	assert_string_equal(v[i].value, "Hej");
	assert_string_equal(v[form_index(&f, "utfall")].type, "radio");
	assert_string_equal(v[form_index(&f, "antal")].type, "text");

	f.key = "42";
	v = form_fields(&f, &r.a);
	assert_string_equal(v[i].id, "svar-42");
	assert_string_equal(v[0].id, "namn-42");

	static const struct choice mine[] = {{"7", "Kim", "Kim", 7}, {NULL, NULL, NULL, 0}};
	static const char *const pick[] = {"namn", "a",   "utfall", "bifall", "ja",
	                                   "1",    "val", "7",      NULL};
	post(pick);
	form_init(&f, &r, &def);
	form_set_choices(&f, "val", mine);
	assert_int_equal(form_read(&f, &r), 0);
	assert_ptr_equal(form_fields(&f, &r.a)[form_index(&f, "val")].choices, mine);
	assert_ptr_equal(form_choice(&f, "val"), &mine[0]);
	assert_string_equal(form_choice(&f, "utfall")->name_en, "Granted");
	assert_null(form_choice(&f, "namn")); /* no choices */
}

static const struct field_def pw_fields[] = {
        {.name = "losenord",
         .label_sv = "Lösenord",
         .label_en = "Password",
         .type = FIELD_PASSWORD,
         .required = 1},
};
static const struct form_def pw_def = {"losen", pw_fields, 1};

/* A password is read but never drawn back. */
static void
passwords_not_sent_back(void **state)
{
	static const char *const pw[] = {"losenord", "hemligt-losenord", NULL};
	post(pw);
	struct form f;
	form_init(&f, &r, &pw_def);
	assert_int_equal(form_read(&f, &r), 0);
	assert_string_equal(form_value(&f, "losenord"), "hemligt-losenord");
	assert_string_equal(form_fields(&f, &r.a)[0].value, "");

	/* too long: said without "cut", as nothing is drawn back */
	char long_pw[202];
	memset(long_pw, 'p', 201);
	long_pw[201] = 0;
	const char *const too_long[] = {"losenord", long_pw, NULL};
	post(too_long);
	form_init(&f, &r, &pw_def);
	assert_int_equal(form_read(&f, &r), 1);
	assert_string_equal(error_of(&f, "losenord"), "Skriv högst 200 tecken.");
	assert_string_equal(form_fields(&f, &r.a)[0].value, "");
}

/* Of a page's forms, only the one that was sent (the same declaration,
 * the same key) gets back what was typed; a refusal about the whole form
 * counts as an error and names no field. */
static void
the_form_that_was_sent(void **state)
{
	post(NULL);
	struct form sent;
	form_init(&sent, &r, &def);
	assert_true(form_sent(&sent, &def, NULL));
	assert_false(form_sent(&sent, &pw_def, NULL));
	assert_false(form_sent(NULL, &def, NULL));
	assert_false(form_sent(&sent, &def, "42"));
	sent.key = "42";
	assert_true(form_sent(&sent, &def, "42"));
	assert_false(form_sent(&sent, &def, "43"));
	assert_false(form_sent(&sent, &def, NULL));

	form_refuse(&sent, "Ärendet är avslutat.", "The case is closed.");
	assert_int_equal(sent.nerrors, 1);
	assert_string_equal(sent.about, "Ärendet är avslutat.");
	form_error(&sent, "namn", "Första.", "First.");
	form_error(&sent, "namn", "Andra.", "Second.");
	assert_string_equal(error_of(&sent, "namn"), "Första."); /* the first stays */
	assert_int_equal(sent.nerrors, 2);
	form_error(&sent, "finns-inte", "x", "x"); /* no such field: nothing */
	assert_int_equal(sent.nerrors, 2);
}

/* A file that came with a refused form is not kept by the browser, so its
 * hint asks for it again; a file refused itself has its error instead. */
static void
files_asked_again(void **state)
{
	static const struct field_def doc[] = {
	        {.name = "fil",
	         .label_sv = "Fil",
	         .label_en = "File",
	         .type = FIELD_FILE,
	         .hint_sv = FILE_TYPES_SV,
	         .hint_en = FILE_TYPES_EN},
	        {.name = "bilaga",
	         .label_sv = "Bilaga",
	         .label_en = "Attachment",
	         .type = FIELD_FILE},
	};
	static const struct form_def doc_def = {"dok", doc, 2};
	post(NULL);
	struct form f;
	form_init(&f, &r, &doc_def);
	form_read(&f, &r);
	struct field *v = form_fields(&f, &r.a);
	assert_string_equal(v[0].hint, FILE_TYPES_SV); /* nothing sent: as declared */
	assert_null(v[1].hint);

	static struct upload items[2];
	items[0] = (struct upload){.field = "fil",
	                           .filename = "stadgar.pdf",
	                           .ctype = "application/pdf",
	                           .data = "%PDF",
	                           .len = 4};
	items[1] = (struct upload){.field = "bilaga",
	                           .filename = "bilaga.pdf",
	                           .ctype = "application/pdf",
	                           .data = "%PDF",
	                           .len = 4};
	r.files = (struct uploads){items, 2, 2};
	form_init(&f, &r, &doc_def);
	form_read(&f, &r);
	form_error(&f, "bilaga", "Filen är för stor.", "The file is too large.");
	v = form_fields(&f, &r.a);
	assert_non_null(strstr(v[0].hint, FILE_TYPES_SV));
	assert_non_null(strstr(v[0].hint, "Välj filen igen"));
	assert_null(v[0].error);
	assert_null(v[1].hint); /* its own error says what to do */
	r.p.english = 1;
	form_init(&f, &r, &doc_def);
	form_read(&f, &r);
	v = form_fields(&f, &r.a);
	assert_non_null(strstr(v[1].hint, "Choose the file again"));
	r.p.english = 0;
	r.files = (struct uploads){0};
}

static const struct field_def filter_fields[] = {
        {.name = "q", .label_sv = "Sök", .label_en = "Search", .type = FIELD_SEARCH},
        {.name = "utfall",
         .label_sv = "Utfall",
         .label_en = "Outcome",
         .type = FIELD_SELECT,
         .choices = outcomes,
         .any_sv = "Alla utfall",
         .any_en = "All outcomes"},
        {.name = "dagar",
         .label_sv = "Dagar",
         .label_en = "Days",
         .type = FIELD_INT,
         .min = 0,
         .max_int = 365},
};
static const struct form_def filter_def = {"filter", filter_fields, 3};

/* A GET form of filters: read from the address as it stands, with no
 * errors (an unknown choice is the list's to match), each parameter
 * marked as read for the page cache, and drawn in a row: no field marked
 * optional, a select's empty choice in its own words, a whole number as a
 * number box with its range. */
static void
filters(void **state)
{
	post(NULL);
	r.query = (struct kvlist){0};
	r.query_read = 0;
	kv_add(&r.a, &r.query, "utfall", "okänt", strlen("okänt"));
	kv_add(&r.a, &r.query, "q", "schack", 6);
	kv_add(&r.a, &r.query, "dagar", "x", 1);
	struct form f;
	form_init(&f, &r, &filter_def);
	form_read_query(&f, &r);
	assert_int_equal(f.nerrors, 0);
	assert_true(f.filter);
	assert_string_equal(form_value(&f, "q"), "schack");
	assert_string_equal(form_value(&f, "utfall"), "okänt");
	assert_string_equal(form_value(&f, "dagar"), "x");
	assert_true(req_query_all_read(&r));

	struct field *v = form_fields(&f, &r.a);
	assert_string_equal(v[0].type, "search");
	assert_true(v[0].filter);
	assert_string_equal(v[1].any, "Alla utfall");
	assert_string_equal(v[2].type, "number");
	assert_int_equal(v[2].min, 0);
	assert_int_equal(v[2].max, 365);

	/* the same declaration as a form that is sent: a text box, no row */
	form_init(&f, &r, &filter_def);
	v = form_fields(&f, &r.a);
	assert_string_equal(v[2].type, "text");
	assert_false(v[0].filter);
	r.query = (struct kvlist){0};
}

/* Numbers in messages are grouped from five digits up. */
static void
numbers_as_written(void **state)
{
	assert_string_equal(grouped(&r.a, 200, 0), "200");
	assert_string_equal(grouped(&r.a, 1600, 0), "1600");
	assert_string_equal(grouped(&r.a, 10000, 0), "10 000");
	assert_string_equal(grouped(&r.a, 10000, 1), "10,000");
	assert_string_equal(grouped(&r.a, 1234567, 0), "1 234 567");
	assert_string_equal(grouped(&r.a, -25000, 1), "-25,000");
}

/* A time of day: HH:MM from 00:00 to 23:59, refused in its own words
 * otherwise (a time input cannot show 24:00 again), drawn as a time
 * input with what was typed. */
static void
times_of_day(void **state)
{
	static const struct field_def times[] = {
	        {.name = "fran", .label_sv = "Från", .label_en = "From", .type = FIELD_TIME},
	        {.name = "till", .label_sv = "Till", .label_en = "To", .type = FIELD_TIME},
	};
	static const struct form_def times_def = {"tider", times, 2};
	static const char *const good[] = {"fran", "00:00", "till", "23:59", NULL};
	post(good);
	struct form f;
	form_init(&f, &r, &times_def);
	assert_int_equal(form_read(&f, &r), 0);
	assert_string_equal(form_value(&f, "fran"), "00:00");
	struct field *drawn = form_fields(&f, &r.a);
	assert_string_equal(drawn[0].type, "time");
	assert_string_equal(drawn[1].value, "23:59");

	static const char *const bad[][2] = {
	        {"25:00", "24:00"}, {"9:00", "18:60"}, {"tio", "18.00"}, {"18:00:00", "-1:00"}};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		const char *const pairs[] = {"fran", bad[i][0], "till", bad[i][1], NULL};
		post(pairs);
		form_init(&f, &r, &times_def);
		assert_int_equal(form_read(&f, &r), 2);
		assert_string_equal(error_of(&f, "fran"),
		                    "Skriv tiden som TT:MM, till exempel 18:00.");
		assert_string_equal(form_fields(&f, &r.a)[0].value, bad[i][0]);
	}
	r.p.english = 1;
	form_init(&f, &r, &times_def);
	form_read(&f, &r);
	assert_string_equal(error_of(&f, "till"), "Write the time as HH:MM, for example 18:00.");
	r.p.english = 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_teardown(accepts_good_values, teardown),
	        cmocka_unit_test_teardown(refuses_beside_each_field, teardown),
	        cmocka_unit_test_teardown(blank_is_missing, teardown),
	        cmocka_unit_test_teardown(lengths_and_line_breaks, teardown),
	        cmocka_unit_test_teardown(limits_on_every_field, teardown),
	        cmocka_unit_test_teardown(control_characters, teardown),
	        cmocka_unit_test_teardown(files, teardown),
	        cmocka_unit_test_teardown(fields_as_drawn, teardown),
	        cmocka_unit_test_teardown(passwords_not_sent_back, teardown),
	        cmocka_unit_test_teardown(the_form_that_was_sent, teardown),
	        cmocka_unit_test_teardown(files_asked_again, teardown),
	        cmocka_unit_test_teardown(filters, teardown),
	        cmocka_unit_test_teardown(numbers_as_written, teardown),
	        cmocka_unit_test_teardown(times_of_day, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
