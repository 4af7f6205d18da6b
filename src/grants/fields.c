/* The programme's forms and their rules beyond each field's own: the
 * window's end not before its start, the budget an amount, the address
 * made of the name when none is written, a choice question's choices. */
#include "grants/fields.h"
#include "base/fold.h"
#include "base/money.h"
#include "base/valid.h"
#include "register/assoc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MSG(sv, en) (english ? (en) : (sv))

/* An address of the site's own: a–z, digits and single hyphens. */
static const char *
slug_check(const char *v, int english)
{
	size_t n = strlen(v);
	int ok = n > 0 && n <= 80 && v[0] != '-' && v[n - 1] != '-';
	for (size_t i = 0; ok && i < n; i++)
		ok = (v[i] >= 'a' && v[i] <= 'z') || (v[i] >= '0' && v[i] <= '9') ||
		     (v[i] == '-' && v[i + 1] != '-');
	return ok ? NULL
	          : MSG("Skriv adressen med små bokstäver a–z, siffror och bindestreck, som "
	                "lokalkostnadsbidrag-2026.",
	                "Write the address in small letters a–z, digits and hyphens, like "
	                "lokalkostnadsbidrag-2026.");
}

/* An amount in kronor that money_parse reads (a budget, an amount asked
 * for). */
const char *
grant_money_check(const char *v, int english)
{
	int64_t ore;
	return money_parse(v, &ore) == 0
	               ? NULL
	               : MSG("Skriv beloppet i kronor med siffror, till exempel 250 000 eller "
	                     "12 500,50. Det kan inte vara negativt.",
	                     "Write the amount in kronor in digits, for example 250 000 or "
	                     "12 500,50. It cannot be negative.");
}

enum {
	P_NAME,
	P_SLUG,
	P_DEPT,
	P_KIND,
	P_OPENS,
	P_CLOSES,
	P_BUDGET,
	P_FOLLOWUP,
	P_INFORMAL,
	P_RULES,
	P_EASY,
	P_FIELDS
};

static const struct field_def programme_fields[] = {
        [P_NAME] = {.name = "namn",
                    .label_sv = "Programmets namn",
                    .label_en = "Name of the programme",
                    .type = FIELD_TEXT,
                    .required = 1,
                    .missing_sv = "Skriv programmets namn.",
                    .missing_en = "Write the programme's name."},
        [P_SLUG] = {.name = "adress",
                    .label_sv = "Adress på webbplatsen",
                    .label_en = "Address on the site",
                    .type = FIELD_TEXT,
                    .max = 80,
                    .hint_sv = "Sidan blir /bidrag/adressen. Lämna tomt så görs adressen av "
                               "namnet.",
                    .hint_en = "The page becomes /bidrag/address. Leave it empty and the "
                               "address is made from the name.",
                    .check = slug_check},
        [P_DEPT] = {.name = "forvaltning",
                    .label_sv = "Förvaltning",
                    .label_en = "Department",
                    .type = FIELD_SELECT,
                    .required = 1,
                    .invalid_sv = "Välj en av förvaltningarna i listan.",
                    .invalid_en = "Choose one of the departments in the list."},
        [P_KIND] = {.name = "typ",
                    .label_sv = "Typ av bidrag",
                    .label_en = "Kind of grant",
                    .type = FIELD_SELECT,
                    .required = 1,
                    .invalid_sv = "Välj en av bidragstyperna i listan.",
                    .invalid_en = "Choose one of the kinds of grant in the list."},
        [P_OPENS] = {.name = "oppnar",
                     .label_sv = "Ansökan öppnar",
                     .label_en = "Applications open",
                     .type = FIELD_DATE,
                     .required = 1,
                     .hint_sv = "ÅÅÅÅ-MM-DD",
                     .hint_en = "YYYY-MM-DD"},
        [P_CLOSES] = {.name = "stanger",
                      .label_sv = "Sista ansökningsdag",
                      .label_en = "Last day to apply",
                      .type = FIELD_DATE,
                      .required = 1,
                      .hint_sv = "ÅÅÅÅ-MM-DD",
                      .hint_en = "YYYY-MM-DD"},
        [P_BUDGET] = {.name = "budget",
                      .label_sv = "Budget per år i kronor",
                      .label_en = "Budget per year in kronor",
                      .type = FIELD_TEXT,
                      .required = 1,
                      .max = 30,
                      .hint_sv = "Till exempel 250 000 eller 12 500,50.",
                      .hint_en = "For example 250 000 or 12 500,50.",
                      .check = grant_money_check},
        [P_FOLLOWUP] = {.name = "aterrapport",
                        .label_sv = "Återrapport senast",
                        .label_en = "Follow-up report due",
                        .type = FIELD_DATE,
                        .hint_sv = "ÅÅÅÅ-MM-DD. Lämna tomt om ingen återrapport krävs.",
                        .hint_en = "YYYY-MM-DD. Leave it empty when no report is asked for."},
        [P_INFORMAL] = {.name = "informella",
                        .label_sv = "Informella nätverk utan organisationsnummer får söka",
                        .label_en = "Informal networks without an organisation number may apply",
                        .type = FIELD_CHECKBOX},
        [P_RULES] = {.name = "regler",
                     .label_sv = "Regler",
                     .label_en = "Rules",
                     .type = FIELD_TEXTAREA,
                     .required = 1,
                     .max = 20000,
                     .hint_sv = "Skrivs i Markdown: ## ger en rubrik, - en punktlista, *ord* "
                                "kursiv stil. HTML visas inte.",
                     .hint_en = "Written in Markdown: ## makes a heading, - a bulleted list, "
                                "*word* italics. HTML is not shown.",
                     .missing_sv = "Skriv programmets regler.",
                     .missing_en = "Write the programme's rules."},
        [P_EASY] = {.name = "lattlast",
                    .label_sv = "Lättläst version av reglerna",
                    .label_en = "Easy-read version of the rules",
                    .type = FIELD_TEXTAREA,
                    .max = 10000,
                    .hint_sv = "Korta meningar och vanliga ord, i Markdown. Visas genom en "
                               "länk på programmets sida.",
                    .hint_en = "Short sentences and common words, in Markdown. Shown through a "
                               "link on the programme's page."},
};
const struct form_def programme_form_def = {"program", programme_fields, P_FIELDS};

/* Reads the programme's form into g (its department from the chosen
 * department's id, the budget in öre, the address made of the name when
 * none is written); the number of errors, each beside its field. */
int
programme_form_read(struct form *f, struct req *r, struct grant_programme *g)
{
	form_read(f, r);
	const struct choice *dept = form_choice(f, "forvaltning");
	const char *opens = form_value(f, "oppnar"), *closes = form_value(f, "stanger");
	if (opens && closes && !f->error[P_OPENS] && !f->error[P_CLOSES] &&
	    strcmp(closes, opens) < 0)
		form_error(f, "stanger",
		           "Sista ansökningsdagen kan inte vara före dagen då ansökan öppnar.",
		           "The last day to apply cannot be before the day applications open.");
	const char *name = form_value(f, "namn");
	const char *slug = form_value(f, "adress");
	if (!slug && name && !f->error[P_NAME]) {
		slug = sv_slug(&r->a, name, 80);
		if (!*slug)
			form_error(f, "adress",
			           "Skriv en adress: namnet har inga bokstäver att göra den av.",
			           "Write an address: the name has no letters to make it of.");
	}
	int64_t budget = 0;
	const char *typed = form_value(f, "budget");
	if (typed && !f->error[P_BUDGET])
		money_parse(typed, &budget);
	*g = (struct grant_programme){
	        .department_id = dept ? dept->id : 0,
	        .slug = slug,
	        .name = name,
	        .kind = form_value(f, "typ"),
	        .rules_md = form_value(f, "regler"),
	        .easy_read_md = form_value(f, "lattlast") ? form_value(f, "lattlast") : "",
	        .informal_allowed = form_value(f, "informella") != NULL,
	        .opens = opens,
	        .closes = closes,
	        .followup_due = form_value(f, "aterrapport"),
	        .budget = budget,
	};
	return f->nerrors;
}

/* Fills the form with a stored programme, to be changed. */
void
programme_form_set(struct form *f, struct arena *a, const struct grant_programme *g)
{
	struct buf b = {0};
	money_plain(&b, g->budget);
	form_set(f, "namn", g->name);
	form_set(f, "adress", g->slug);
	form_set(f, "forvaltning", g->dept_code);
	form_set(f, "typ", g->kind);
	form_set(f, "oppnar", g->opens);
	form_set(f, "stanger", g->closes);
	form_set(f, "budget", arena_strdup(a, buf_cstr(&b)));
	form_set(f, "aterrapport", g->followup_due);
	form_set(f, "informella", g->informal_allowed ? "1" : NULL);
	form_set(f, "regler", g->rules_md);
	form_set(f, "lattlast", g->easy_read_md);
	buf_free(&b);
}

/* The association forms a programme may be limited to, one checkbox each
 * (form-CODE), declared from the register's own list of forms. */
const struct form_def *
programme_forms_def(struct arena *a)
{
	int n = 0;
	while (assoc_forms[n].code)
		n++;
	struct field_def *f = arena_zalloc(a, (size_t)n * sizeof(*f));
	for (int i = 0; i < n; i++) {
		size_t len = strlen(assoc_forms[i].code) + 6;
		char *name = arena_alloc(a, len);
		snprintf(name, len, "form-%s", assoc_forms[i].code);
		f[i] = (struct field_def){.name = name,
		                          .label_sv = assoc_forms[i].name_sv,
		                          .label_en = assoc_forms[i].name_en,
		                          .type = FIELD_CHECKBOX};
	}
	struct form_def *d = arena_alloc(a, sizeof(*d));
	*d = (struct form_def){"programformer", f, n};
	return d;
}

/* The forms ticked, into the programme. */
void
programme_forms_read(struct form *f, struct req *r, struct grant_programme *g)
{
	form_read(f, r);
	g->nforms = 0;
	for (int i = 0; i < f->def->n && g->nforms < GRANT_MAX_FORMS; i++)
		if (f->value[i])
			g->forms[g->nforms++] = assoc_forms[i].code;
}

/* Ticks the forms a stored programme is limited to. */
void
programme_forms_set(struct form *f, const struct grant_programme *g)
{
	for (int i = 0; i < f->def->n; i++)
		for (int k = 0; k < g->nforms; k++)
			if (strcmp(assoc_forms[i].code, g->forms[k]) == 0)
				f->value[i] = "1";
}

static const struct field_def question_fields[] = {
        {.name = "fraga",
         .label_sv = "Frågan",
         .label_en = "The question",
         .type = FIELD_TEXT,
         .required = 1,
         .missing_sv = "Skriv frågan.",
         .missing_en = "Write the question."},
        {.name = "fraga_en",
         .label_sv = "Frågan på engelska",
         .label_en = "The question in English",
         .type = FIELD_TEXT},
        {.name = "fragetyp",
         .label_sv = "Typ av svar",
         .label_en = "Kind of answer",
         .type = FIELD_SELECT,
         .required = 1},
        {.name = "obligatorisk",
         .label_sv = "Sökande måste svara",
         .label_en = "Applicants must answer",
         .type = FIELD_CHECKBOX},
        {.name = "alternativ",
         .label_sv = "Alternativ, ett per rad",
         .label_en = "Choices, one per line",
         .type = FIELD_TEXTAREA,
         .max = 2000,
         .hint_sv = "Bara för frågor med val bland alternativ.",
         .hint_en = "Only for questions with a choice among options."},
};
const struct form_def question_form_def = {"fraga", question_fields, 5};

/* Reads a question of the programme's own: a choice question needs its
 * choices, the others keep none. */
int
question_form_read(struct form *f, struct req *r, struct grant_question *q)
{
	form_read(f, r);
	const char *type = form_value(f, "fragetyp");
	const char *choices = form_value(f, "alternativ");
	int choice = type && strcmp(type, "choice") == 0;
	if (choice && !choices)
		form_error(f, "alternativ", "Skriv alternativen, ett per rad.",
		           "Write the choices, one per line.");
	*q = (struct grant_question){
	        .label_sv = form_value(f, "fraga"),
	        .label_en = form_value(f, "fraga_en") ? form_value(f, "fraga_en") : "",
	        .type = type,
	        .required = form_value(f, "obligatorisk") != NULL,
	        .choices = choice && choices ? choices : "",
	};
	return f->nerrors;
}

static const struct field_def criterion_fields[] = {
        {.name = "kriterium",
         .label_sv = "Kriterium",
         .label_en = "Criterion",
         .type = FIELD_TEXT,
         .required = 1,
         .missing_sv = "Skriv kriteriet.",
         .missing_en = "Write the criterion."},
        {.name = "kriterium_en",
         .label_sv = "Kriteriet på engelska",
         .label_en = "The criterion in English",
         .type = FIELD_TEXT},
        {.name = "maxpoang",
         .label_sv = "Högsta poäng",
         .label_en = "Highest score",
         .type = FIELD_INT,
         .required = 1,
         .min = 1,
         .max_int = 100},
};
const struct form_def criterion_form_def = {"kriterium", criterion_fields, 3};

/* Reads an assessment criterion. */
int
criterion_form_read(struct form *f, struct req *r, struct grant_criterion *c)
{
	form_read(f, r);
	*c = (struct grant_criterion){
	        .label_sv = form_value(f, "kriterium"),
	        .label_en = form_value(f, "kriterium_en") ? form_value(f, "kriterium_en") : "",
	        .max_score = (int)form_int(f, "maxpoang"),
	};
	return f->nerrors;
}

enum {
	F_FORMULA,
	F_PER_MEMBER,
	F_PER_ACTIVITY,
	F_PER_OCCASION,
	F_AGE_MIN,
	F_AGE_MAX,
	F_MIN_PARTICIPANTS,
	F_FROM,
	F_TO,
	F_FIELDS
};

#define AMOUNT(key, sv, en)                                                                        \
	{                                                                                          \
		.name = key, .label_sv = sv, .label_en = en, .type = FIELD_TEXT, .max = 30,        \
		.hint_sv = "I kronor, till exempel 39.", .hint_en = "In kronor, for example 39.",  \
		.check = grant_money_check                                                         \
	}

static const struct field_def formula_fields[] = {
        [F_FORMULA] = {.name = "berakning",
                       .label_sv = "Hur bidraget beräknas",
                       .label_en = "How the grant is computed",
                       .type = FIELD_SELECT,
                       .any_sv = "Beräknas inte: den sökande skriver beloppet",
                       .any_en = "Not computed: the applicant writes the amount",
                       .invalid_sv = "Välj ett av sätten att beräkna i listan.",
                       .invalid_en = "Choose one of the ways of computing in the list."},
        [F_PER_MEMBER] = AMOUNT("per-medlem", "Belopp per bidragsberättigad medlem",
                                "Amount per eligible member"),
        [F_PER_ACTIVITY] = AMOUNT("per-aktivitet", "Belopp per godkänd aktivitet",
                                  "Amount per approved activity"),
        [F_PER_OCCASION] =
                AMOUNT("per-sammankomst", "Belopp per sammankomst", "Amount per activity occasion"),
        [F_AGE_MIN] = {.name = "alder-fran",
                       .label_sv = "Deltagare räknas från åldern",
                       .label_en = "Participants count from the age of",
                       .type = FIELD_INT,
                       .max_int = 120,
                       .hint_sv = "Till exempel 7.",
                       .hint_en = "For example 7."},
        [F_AGE_MAX] = {.name = "alder-till",
                       .label_sv = "till och med åldern",
                       .label_en = "up to and including the age of",
                       .type = FIELD_INT,
                       .max_int = 120,
                       .hint_sv = "Till exempel 25.",
                       .hint_en = "For example 25."},
        [F_MIN_PARTICIPANTS] = {.name = "minsta-deltagare",
                                .label_sv = "Minsta antal deltagare i åldrarna per sammankomst",
                                .label_en = "Least participants of those ages per occasion",
                                .type = FIELD_INT,
                                .min = 1,
                                .max_int = 1000,
                                .hint_sv = "Till exempel 3.",
                                .hint_en = "For example 3."},
        [F_FROM] = {.name = "sammankomster-fran",
                    .label_sv = "Sammankomster räknas från",
                    .label_en = "Occasions count from",
                    .type = FIELD_DATE,
                    .hint_sv = "ÅÅÅÅ-MM-DD",
                    .hint_en = "YYYY-MM-DD"},
        [F_TO] = {.name = "sammankomster-till",
                  .label_sv = "Sammankomster räknas till och med",
                  .label_en = "Occasions count up to and including",
                  .type = FIELD_DATE,
                  .hint_sv = "ÅÅÅÅ-MM-DD",
                  .hint_en = "YYYY-MM-DD"},
};
const struct form_def formula_form_def = {"berakning", formula_fields, F_FIELDS};

/* Notes beside a constant the formula needs that was left empty. */
static void
needed(struct form *f, int i, const char *sv, const char *en)
{
	if (text_blank(f->value[i]) && !f->error[i])
		form_error(f, f->def->fields[i].name, sv, en);
}

/* Reads how the programme computes its amount: a formula needs every
 * constant it is made of, each missing one named beside its field; the
 * ages and the period must not run backwards. The number of errors. */
int
formula_form_read(struct form *f, struct req *r, struct grant_formula *g)
{
	form_read(f, r);
	const char *code = form_value(f, "berakning");
	*g = (struct grant_formula){.kind = f->error[F_FORMULA] ? FORMULA_NONE
	                                                        : grant_formula_of(code)};
	if (g->kind == FORMULA_MEMBERS) {
		needed(f, F_PER_MEMBER,
		       "Skriv beloppet per medlem: programmet beräknar bidraget av det.",
		       "Write the amount per member: the programme computes the grant from it.");
		needed(f, F_PER_ACTIVITY,
		       "Skriv beloppet per aktivitet: programmet beräknar bidraget av det.",
		       "Write the amount per activity: the programme computes the grant from it.");
	} else if (g->kind == FORMULA_OCCASIONS) {
		needed(f, F_PER_OCCASION,
		       "Skriv beloppet per sammankomst: programmet beräknar bidraget av det.",
		       "Write the amount per occasion: the programme computes the grant from it.");
		needed(f, F_AGE_MIN, "Skriv den lägsta ålder som räknas.",
		       "Write the lowest age that counts.");
		needed(f, F_AGE_MAX, "Skriv den högsta ålder som räknas.",
		       "Write the highest age that counts.");
		needed(f, F_MIN_PARTICIPANTS,
		       "Skriv hur många deltagare en sammankomst minst ska ha.",
		       "Write the least number of participants an occasion must have.");
		needed(f, F_FROM, "Skriv första dagen då sammankomster räknas.",
		       "Write the first day occasions count.");
		needed(f, F_TO, "Skriv sista dagen då sammankomster räknas.",
		       "Write the last day occasions count.");
	}
	if (f->nerrors)
		return f->nerrors;
	if (g->kind == FORMULA_MEMBERS) {
		money_parse(f->value[F_PER_MEMBER], &g->per_member);
		money_parse(f->value[F_PER_ACTIVITY], &g->per_activity);
	} else if (g->kind == FORMULA_OCCASIONS) {
		money_parse(f->value[F_PER_OCCASION], &g->per_occasion);
		g->age_min = (int)form_int(f, "alder-fran");
		g->age_max = (int)form_int(f, "alder-till");
		g->min_participants = (int)form_int(f, "minsta-deltagare");
		g->occasions_from = f->value[F_FROM];
		g->occasions_to = f->value[F_TO];
		if (g->age_max < g->age_min)
			form_error(f, "alder-till",
			           "Den högsta åldern kan inte vara lägre än den lägsta.",
			           "The highest age cannot be lower than the lowest.");
		if (strcmp(g->occasions_to, g->occasions_from) < 0)
			form_error(f, "sammankomster-till",
			           "Sista dagen kan inte vara före den första.",
			           "The last day cannot be before the first.");
	}
	return f->nerrors;
}

/* A constant in kronor or a whole number, as the form shows it again. */
static void
set_number(struct form *f, struct arena *a, int i, int64_t v, int money)
{
	struct buf b = {0};
	if (money)
		money_plain(&b, v);
	else
		buf_int(&b, v);
	f->value[i] = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
}

/* Fills the form with a programme's stored formula, to be changed. */
void
formula_form_set(struct form *f, struct arena *a, const struct grant_formula *g)
{
	form_set(f, "berakning", grant_formula_code(g->kind));
	if (g->kind == FORMULA_MEMBERS) {
		set_number(f, a, F_PER_MEMBER, g->per_member, 1);
		set_number(f, a, F_PER_ACTIVITY, g->per_activity, 1);
	} else if (g->kind == FORMULA_OCCASIONS) {
		set_number(f, a, F_PER_OCCASION, g->per_occasion, 1);
		set_number(f, a, F_AGE_MIN, g->age_min, 0);
		set_number(f, a, F_AGE_MAX, g->age_max, 0);
		set_number(f, a, F_MIN_PARTICIPANTS, g->min_participants, 0);
		form_set(f, "sammankomster-fran", g->occasions_from);
		form_set(f, "sammankomster-till", g->occasions_to);
	}
}
