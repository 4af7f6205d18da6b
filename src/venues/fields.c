/* The venue's forms and their rules beyond each field's own: a weekday's
 * hours both given or both empty and opening before closing, a price an
 * amount in kronor of at most a million, the department and area those
 * of the lists offered. */
#include "venues/fields.h"
#include "base/days.h"
#include "base/money.h"
#include "base/valid.h"

#include <stdio.h>
#include <string.h>

#define MSG(sv, en) (english ? (en) : (sv))

/* The dearest hour a venue may cost, in öre (the table's CHECK). */
#define PRICE_MAX 100000000

enum {
	V_NAME,
	V_TYPE,
	V_DEPT,
	V_ADDRESS,
	V_AREA,
	V_CAPACITY,
	V_STEP_FREE,
	V_TOILET,
	V_LOOP,
	V_LIFT,
	V_EQUIPMENT,
	V_DESCRIPTION,
	V_APPROVAL,
	V_CANCEL,
	V_ACTIVE,
	V_FIELDS
};

#define FACT(key, sv, en)                                                                          \
	{                                                                                          \
		.name = key, .label_sv = sv, .label_en = en, .type = FIELD_CHECKBOX                \
	}

static const struct field_def venue_fields[] = {
        [V_NAME] = {.name = "namn",
                    .label_sv = "Lokalens namn",
                    .label_en = "Name of the venue",
                    .type = FIELD_TEXT,
                    .required = 1,
                    .missing_sv = "Skriv lokalens namn.",
                    .missing_en = "Write the venue's name."},
        [V_TYPE] = {.name = "typ",
                    .label_sv = "Typ av lokal",
                    .label_en = "Kind of venue",
                    .type = FIELD_SELECT,
                    .required = 1,
                    .invalid_sv = "Välj en av lokaltyperna i listan.",
                    .invalid_en = "Choose one of the kinds of venue in the list."},
        [V_DEPT] = {.name = "forvaltning",
                    .label_sv = "Förvaltning som äger lokalen",
                    .label_en = "Department that owns the venue",
                    .type = FIELD_SELECT,
                    .required = 1,
                    .invalid_sv = "Välj en av förvaltningarna i listan.",
                    .invalid_en = "Choose one of the departments in the list."},
        [V_ADDRESS] = {.name = "adress",
                       .label_sv = "Adress",
                       .label_en = "Address",
                       .type = FIELD_TEXT,
                       .autocomplete = "off"},
        [V_AREA] = {.name = "omrade",
                    .label_sv = "Område",
                    .label_en = "Area",
                    .type = FIELD_SELECT,
                    .any_sv = "Inget område",
                    .any_en = "No area",
                    .invalid_sv = "Välj ett av områdena i listan.",
                    .invalid_en = "Choose one of the areas in the list."},
        [V_CAPACITY] = {.name = "kapacitet",
                        .label_sv = "Antal personer",
                        .label_en = "Number of people",
                        .type = FIELD_INT,
                        .required = 1,
                        .min = 1,
                        .max_int = 100000,
                        .hint_sv = "Hur många lokalen tar, med siffror.",
                        .hint_en = "How many the venue holds, in digits.",
                        .missing_sv = "Skriv hur många lokalen tar.",
                        .missing_en = "Write how many the venue holds."},
        [V_STEP_FREE] = FACT("steglos", "Entré utan trappsteg", "Step-free entrance"),
        [V_TOILET] = FACT("toalett", "Tillgänglig toalett", "Accessible toilet"),
        [V_LOOP] = FACT("horslinga", "Hörslinga", "Hearing loop"),
        [V_LIFT] = FACT("hiss", "Hiss", "Lift"),
        [V_EQUIPMENT] = {.name = "utrustning",
                         .label_sv = "Utrustning",
                         .label_en = "Equipment",
                         .type = FIELD_TEXTAREA,
                         .max = 2000,
                         .hint_sv = "Till exempel mål, ribbstolar, projektor, piano.",
                         .hint_en = "For example goals, wall bars, a projector, a piano."},
        [V_DESCRIPTION] = {.name = "beskrivning",
                           .label_sv = "Beskrivning",
                           .label_en = "Description",
                           .type = FIELD_TEXTAREA,
                           .max = 4000},
        [V_APPROVAL] = {.name = "godkannande",
                        .label_sv = "En bokning måste godkännas av en handläggare",
                        .label_en = "A booking must be approved by an officer",
                        .type = FIELD_CHECKBOX,
                        .hint_sv = "Utan kryss bekräftas en bokning direkt.",
                        .hint_en = "Without a tick a booking is confirmed at once."},
        [V_CANCEL] = {.name = "avbokning",
                      .label_sv = "Sen avbokning, timmar före start",
                      .label_en = "Late cancellation, hours before the start",
                      .type = FIELD_INT,
                      .required = 1,
                      .min = 0,
                      .max_int = 720,
                      .hint_sv = "En avbokning senare än så många timmar före starten "
                                 "debiteras ändå.",
                      .hint_en = "A cancellation later than this many hours before the start "
                                 "is still charged.",
                      .missing_sv = "Skriv antalet timmar, 0 om avbokning alltid är fri.",
                      .missing_en = "Write the number of hours, 0 when cancelling is always "
                                    "free."},
        [V_ACTIVE] = {.name = "aktiv",
                      .label_sv = "Lokalen går att boka",
                      .label_en = "The venue can be booked",
                      .type = FIELD_CHECKBOX,
                      .hint_sv = "Utan kryss visas lokalen inte för föreningarna.",
                      .hint_en = "Without a tick the venue is not shown to associations."},
};
const struct form_def venue_form_def = {"lokal", venue_fields, V_FIELDS};

/* Reads the venue's form into v (its department and area from the chosen
 * choices' ids); the number of errors, each beside its field. */
int
venue_form_read(struct form *f, struct req *r, struct venue *v)
{
	form_read(f, r);
	const struct choice *dept = form_choice(f, "forvaltning");
	const struct choice *area = form_choice(f, "omrade");
	const char *equipment = form_value(f, "utrustning");
	const char *description = form_value(f, "beskrivning");
	const char *address = form_value(f, "adress");
	*v = (struct venue){
	        .department_id = dept ? dept->id : 0,
	        .area_id = area ? area->id : 0,
	        .type = form_value(f, "typ"),
	        .name = form_value(f, "namn"),
	        .address = address ? address : "",
	        .equipment = equipment ? equipment : "",
	        .description = description ? description : "",
	        .capacity = (int)form_int(f, "kapacitet"),
	        .step_free = form_value(f, "steglos") != NULL,
	        .accessible_toilet = form_value(f, "toalett") != NULL,
	        .hearing_loop = form_value(f, "horslinga") != NULL,
	        .lift = form_value(f, "hiss") != NULL,
	        .approval = form_value(f, "godkannande") != NULL,
	        .cancel_hours = (int)form_int(f, "avbokning"),
	        .active = form_value(f, "aktiv") != NULL,
	};
	return f->nerrors;
}

/* A whole number as the form shows it. */
static const char *
number(struct arena *a, int64_t v)
{
	char s[24];
	snprintf(s, sizeof(s), "%lld", (long long)v);
	return arena_strdup(a, s);
}

/* Fills the form with a stored venue, to be changed. */
void
venue_form_set(struct form *f, struct arena *a, const struct venue *v)
{
	form_set(f, "namn", v->name);
	form_set(f, "typ", v->type);
	form_set(f, "forvaltning", v->dept_code);
	form_set(f, "adress", v->address);
	form_set(f, "omrade", v->area_id ? v->area_slug : NULL);
	form_set(f, "kapacitet", number(a, v->capacity));
	form_set(f, "steglos", v->step_free ? "1" : NULL);
	form_set(f, "toalett", v->accessible_toilet ? "1" : NULL);
	form_set(f, "horslinga", v->hearing_loop ? "1" : NULL);
	form_set(f, "hiss", v->lift ? "1" : NULL);
	form_set(f, "utrustning", v->equipment);
	form_set(f, "beskrivning", v->description);
	form_set(f, "godkannande", v->approval ? "1" : NULL);
	form_set(f, "avbokning", number(a, v->cancel_hours));
	form_set(f, "aktiv", v->active ? "1" : NULL);
}

/* What a new venue's form starts with: requests approved by an officer,
 * late cancellation two days before, bookable. */
void
venue_form_defaults(struct form *f)
{
	form_set(f, "godkannande", "1");
	form_set(f, "avbokning", "48");
	form_set(f, "aktiv", "1");
}

static const struct field_def part_fields[] = {
        {.name = "del-namn",
         .label_sv = "Delens namn",
         .label_en = "Name of the part",
         .type = FIELD_TEXT,
         .required = 1,
         .hint_sv = "Till exempel Halva A.",
         .hint_en = "For example Half A.",
         .missing_sv = "Skriv delens namn.",
         .missing_en = "Write the part's name."},
        {.name = "del-kapacitet",
         .label_sv = "Antal personer i delen",
         .label_en = "Number of people in the part",
         .type = FIELD_INT,
         .required = 1,
         .min = 1,
         .max_int = 100000,
         .missing_sv = "Skriv hur många delen tar.",
         .missing_en = "Write how many the part holds."},
};
const struct form_def part_form_def = {"del", part_fields, 2};

#define TIME(key, sv, en)                                                                          \
	{                                                                                          \
		.name = key, .label_sv = sv, .label_en = en, .type = FIELD_TIME                    \
	}
#define DAY(n, sv, en)                                                                             \
	TIME("fran-" #n, sv " öppnar", en " opens"), TIME("till-" #n, sv " stänger", en " closes")

/* Two fields a weekday, Monday first: fran-1, till-1 … till-7. */
static const struct field_def hours_fields[] = {
        DAY(1, "Måndag", "Monday"),    DAY(2, "Tisdag", "Tuesday"), DAY(3, "Onsdag", "Wednesday"),
        DAY(4, "Torsdag", "Thursday"), DAY(5, "Fredag", "Friday"),  DAY(6, "Lördag", "Saturday"),
        DAY(7, "Söndag", "Sunday"),
};
const struct form_def hours_form_def = {"tider", hours_fields, 14};

/* Reads the week's hours into h: a weekday with both times empty is
 * closed; one time without the other, or opening not before closing, is
 * refused beside the field to fix. */
int
hours_form_read(struct form *f, struct req *r, struct venue_hours *h)
{
	form_read(f, r);
	memset(h, 0, sizeof *h);
	for (int d = 1; d <= 7; d++) {
		int i = 2 * (d - 1);
		const char *opens = form_value(f, f->def->fields[i].name);
		const char *closes = form_value(f, f->def->fields[i + 1].name);
		if (f->error[i] || f->error[i + 1] || (!opens && !closes))
			continue;
		if (!opens || !closes) {
			form_error(
			        f, f->def->fields[opens ? i + 1 : i].name,
			        "Skriv både när lokalen öppnar och när den stänger, eller ingen av "
			        "tiderna om den är stängd den dagen.",
			        "Write both when the venue opens and when it closes, or neither "
			        "when it is closed that day.");
			continue;
		}
		h->opens[d] = minute_of(opens);
		h->closes[d] = minute_of(closes);
		if (h->opens[d] >= h->closes[d])
			form_error(f, f->def->fields[i + 1].name,
			           "Lokalen måste stänga senare än den öppnar.",
			           "The venue must close later than it opens.");
	}
	return f->nerrors;
}

/* Fills the form with the stored hours; a closed weekday stays empty. */
void
hours_form_set(struct form *f, struct arena *a, const struct venue_hours *h)
{
	for (int d = 1; d <= 7; d++) {
		if (h->closes[d] <= h->opens[d])
			continue;
		char *t = arena_alloc(a, 12);
		hhmm(h->opens[d], t);
		hhmm(h->closes[d], t + 6);
		f->value[2 * (d - 1)] = t;
		f->value[2 * (d - 1) + 1] = t + 6;
	}
}

static const struct field_def closed_fields[] = {
        {.name = "dag",
         .label_sv = "Stängd dag",
         .label_en = "Closed day",
         .type = FIELD_DATE,
         .required = 1,
         .hint_sv = "ÅÅÅÅ-MM-DD",
         .hint_en = "YYYY-MM-DD",
         .missing_sv = "Skriv dagen lokalen är stängd.",
         .missing_en = "Write the day the venue is closed."},
        {.name = "orsak",
         .label_sv = "Orsak",
         .label_en = "Reason",
         .type = FIELD_TEXT,
         .hint_sv = "Till exempel julafton eller golvslipning.",
         .hint_en = "For example Christmas Eve or floor sanding."},
};
const struct form_def closed_form_def = {"stangt", closed_fields, 2};

/* An hour's price in kronor that money_parse reads, at most a million. */
static const char *
price_check(const char *v, int english)
{
	int64_t ore;
	if (money_parse(v, &ore) == 0 && ore <= PRICE_MAX)
		return NULL;
	return MSG("Skriv priset per timme i kronor med siffror, till exempel 150 eller 87,50. "
	           "Det kan inte vara negativt eller över 1 000 000 kronor.",
	           "Write the price per hour in kronor in digits, for example 150 or 87,50. It "
	           "cannot be negative or above 1 000 000 kronor.");
}

/* One price field a category (pris-CODE), declared from the database's
 * list of categories. */
const struct form_def *
prices_form_def(struct arena *a, const struct choice *categories)
{
	int n = 0;
	while (categories[n].code)
		n++;
	struct field_def *f = arena_zalloc(a, (size_t)(n ? n : 1) * sizeof(*f));
	for (int i = 0; i < n; i++) {
		size_t len = strlen(categories[i].code) + 6;
		char *name = arena_alloc(a, len);
		snprintf(name, len, "pris-%s", categories[i].code);
		f[i] = (struct field_def){
		        .name = name,
		        .label_sv = categories[i].name_sv,
		        .label_en = categories[i].name_en,
		        .type = FIELD_TEXT,
		        .max = 30,
		        .hint_sv = "Kronor per timme. Tomt: lokalen hyrs inte ut i den kategorin.",
		        .hint_en = "Kronor per hour. Empty: the venue is not let at that category.",
		        .check = price_check};
	}
	struct form_def *d = arena_alloc(a, sizeof(*d));
	*d = (struct form_def){"priser", f, n};
	return d;
}

/* Reads the prices, per_hour[i] in öre for the i-th category, -1 when its
 * field is empty; the number of errors. */
int
prices_form_read(struct form *f, struct req *r, int64_t *per_hour)
{
	form_read(f, r);
	for (int i = 0; i < f->def->n; i++) {
		per_hour[i] = -1;
		if (!f->error[i] && !text_blank(f->value[i]))
			money_parse(f->value[i], &per_hour[i]);
	}
	return f->nerrors;
}

/* Fills the form with the stored prices (-1: none). */
void
prices_form_set(struct form *f, struct arena *a, const int64_t *per_hour)
{
	for (int i = 0; i < f->def->n; i++) {
		if (per_hour[i] < 0)
			continue;
		struct buf b = {0};
		money_plain(&b, per_hour[i]);
		f->value[i] = arena_strdup(a, buf_cstr(&b));
		buf_free(&b);
	}
}

static const struct field_def youth_fields[] = {
        {.name = "andel",
         .label_sv = "Andel medlemmar 7–25 år för nolltaxa, procent",
         .label_en = "Share of members aged 7–25 for the zero rate, per cent",
         .type = FIELD_INT,
         .min = 1,
         .max_int = 100,
         .hint_sv = "En förening bokar förvaltningens lokaler till ungdomspriset när minst så "
                    "stor andel av medlemmarna i dess senaste årliga uppdatering är 7–25 år. "
                    "Tomt: ingen förening får nolltaxa.",
         .hint_en = "An association books the department's venues at the youth price when at "
                    "least this share of the members in its latest yearly update are aged "
                    "7–25. Empty: no association gets the zero rate."},
};
const struct form_def youth_form_def = {"nolltaxa", youth_fields, 1};
