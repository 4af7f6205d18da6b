/* The demo's grant programmes, after Malmö's: the leisure committee's
 * association grant, premises grant (39 kr per eligible member and 69 kr
 * per activity) and activity support, the culture committee's operating
 * and project grants, labour market and social services' organisation
 * grant, and disability support's. Their windows are set from the day
 * the demo is loaded, so some are open, some open soon and some have
 * closed whenever it is run. A programme whose address exists is left as
 * it is. */
#include "demo/demo.h"
#include "grants/programme.h"

#include <stddef.h>

static struct dbq Q_DEPT_ID = {"SELECT id FROM departments WHERE code = $1", NULL, 0};
static struct dbq Q_GROUP_ID = {"SELECT id FROM target_groups WHERE slug = $1", NULL, 0};

struct demo_question {
	const char *sv, *en, *type, *choices;
	int required;
};

struct demo_programme {
	const char *dept, *slug, *name, *kind;
	int opens, closes, followup; /* days from today; followup 0: no report */
	int64_t budget_kr;
	int informal;
	const char *groups[3];
	const char *forms[3];
	const char *rules, *easy;
	struct demo_question questions[3];
	const char *criteria[4];
};

static const struct demo_programme programmes[] = {
        {"FRI",
         "foreningsbidrag",
         "Föreningsbidrag",
         "organisationsbidrag",
         -20,
         25,
         400,
         18500000,
         0,
         {NULL},
         {"ideell", NULL},
         "# Föreningsbidrag\n\n"
         "Fritidsnämnden ger föreningsbidrag till ideella föreningar som bedriver "
         "fritidsverksamhet för barn och unga i Malmö.\n\n"
         "## Villkor\n\n"
         "- Föreningen ska vara registrerad i föreningsregistret och ha haft sin årliga "
         "uppdatering godkänd.\n"
         "- Föreningen ska ha minst tio medlemmar, varav minst hälften i åldern 7–25 år.\n"
         "- Verksamheten ska vara öppen för alla och drogfri.\n"
         "- Föreningen ska ha en demokratiskt vald styrelse och hålla årsmöte.\n\n"
         "## Så beräknas bidraget\n\n"
         "Bidraget är ett grundbidrag på 5 000 kr och ett medlemsbidrag per bidragsberättigad "
         "medlem enligt den senaste årliga uppdateringen.\n\n"
         "## Redovisning\n\n"
         "Föreningen redovisar hur pengarna har använts i sin verksamhetsberättelse, som "
         "lämnas senast den dag som anges för återrapport.\n",
         "Föreningar som har aktiviteter för barn och unga kan få pengar.\n\n"
         "Föreningen måste finnas i föreningsregistret.\n\n"
         "Ni får mer pengar om ni har fler medlemmar.\n\n"
         "Sök innan sista dagen.",
         {{"Hur många av medlemmarna är 7–25 år?", "How many of the members are 7–25 years old?",
           "number", "", 1}},
         {"Verksamhet för barn och unga", "Föreningsdemokrati", NULL}},
        {"FRI",
         "lokalkostnadsbidrag",
         "Lokalkostnadsbidrag",
         "lokalkostnadsbidrag",
         -5,
         40,
         0,
         24000000,
         0,
         {NULL},
         {NULL},
         "# Lokalkostnadsbidrag\n\n"
         "Bidraget hjälper föreningar att betala för egna eller hyrda lokaler och anläggningar "
         "där barn och unga har verksamhet.\n\n"
         "## Så beräknas bidraget\n\n"
         "- **39 kr** per bidragsberättigad medlem, enligt föreningens senaste årliga "
         "uppdatering.\n"
         "- **69 kr** per godkänd aktivitet under det senaste året.\n\n"
         "Bidraget kan inte bli större än föreningens faktiska lokalkostnad.\n\n"
         "## Vad ska bifogas\n\n"
         "Hyresavtal eller ägarbevis och en sammanställning av lokalkostnaderna för "
         "föregående år.\n",
         "Ni kan få pengar för att hyra en lokal.\n\n"
         "Ni får 39 kronor för varje medlem och 69 kronor för varje aktivitet.\n\n"
         "Skicka med ert hyresavtal.",
         {{"Hyresavtal eller ägarbevis", "Rental agreement or proof of ownership", "file", "", 1},
          {"Lokalens typ", "Kind of premises", "choice",
           "Egen lokal\nHyrd lokal\nKommunal anläggning", 1}},
         {"Lokalens betydelse för verksamheten", NULL}},
        {"FRI",
         "aktivitetsstod",
         "Aktivitetsstöd",
         "aktivitetsstod",
         30,
         75,
         0,
         31000000,
         0,
         {"barn", "unga", NULL},
         {NULL},
         "# Aktivitetsstöd\n\n"
         "Aktivitetsstödet ges för varje redovisad sammankomst med deltagare i åldern 7–25 "
         "år.\n\n"
         "## Villkor\n\n"
         "- En sammankomst ska vara minst 60 minuter och ledas av en ledare som är minst 13 "
         "år.\n"
         "- Minst tre och högst 30 deltagare räknas per sammankomst.\n"
         "- Närvaron redovisas med en närvarofil för varje halvår.\n\n"
         "Redovisningen för våren öppnar den dag som anges nedan.\n",
         "Ni kan få pengar för varje träff med barn och unga.\n\n"
         "Skriv upp vilka som var med på varje träff.",
         {{NULL}},
         {NULL}},
        {"FRI",
         "arrangemangsbidrag",
         "Arrangemangsbidrag",
         "projektbidrag",
         -120,
         -60,
         0,
         2500000,
         1,
         {NULL},
         {NULL},
         "# Arrangemangsbidrag\n\n"
         "Bidrag till öppna arrangemang, cuper och turneringar i Malmö som föreningen "
         "arrangerar själv.\n\n"
         "Ansökan ska komma in senast åtta veckor före arrangemanget.\n",
         "",
         {{NULL}},
         {NULL}},
        {"KUL",
         "verksamhetsbidrag-kultur",
         "Verksamhetsbidrag till kulturföreningar",
         "verksamhetsbidrag",
         14,
         45,
         500,
         42000000,
         0,
         {NULL},
         {"ideell", "stiftelse", NULL},
         "# Verksamhetsbidrag till kulturföreningar\n\n"
         "Kulturnämnden ger verksamhetsbidrag för ett eller flera år till föreningar och "
         "stiftelser med en kontinuerlig konstnärlig eller kulturell verksamhet.\n\n"
         "## Nämnden prioriterar\n\n"
         "1. verksamhet med hög konstnärlig kvalitet,\n"
         "2. verksamhet som når barn och unga,\n"
         "3. verksamhet utanför centrala Malmö.\n\n"
         "## Återrapport\n\n"
         "En verksamhetsberättelse och en ekonomisk redovisning lämnas senast den dag som "
         "anges.\n",
         "Kulturföreningar kan få pengar för sin verksamhet.\n\n"
         "Berätta vad ni gör och vilka ni når.",
         {{"Konstområde", "Art form", "choice", "Musik\nScenkonst\nBild och form\nLitteratur", 1},
          {"Antal publikbesök förra året", "Audience visits last year", "number", "", 0}},
         {"Konstnärlig kvalitet", "Barn och unga", "Geografisk spridning", NULL}},
        {"KUL",
         "projektbidrag-kultur",
         "Projektbidrag kultur",
         "projektbidrag",
         -40,
         10,
         200,
         6500000,
         1,
         {NULL},
         {NULL},
         "# Projektbidrag kultur\n\n"
         "Bidrag till tidsbegränsade kulturprojekt i Malmö. Även informella nätverk och "
         "grupper utan organisationsnummer kan söka.\n\n"
         "Projektet ska vara öppet för allmänheten och genomföras inom ett år från beslutet. "
         "Bidraget täcker högst 70 procent av projektets kostnader.\n",
         "Ni kan få pengar för ett kulturprojekt.\n\n"
         "Projektet ska vara klart inom ett år.",
         {{"Projektets tidsplan", "The project's timeline", "text", "", 1}},
         {"Konstnärlig kvalitet", "Delaktighet", NULL}},
        {"AOS",
         "organisationsbidrag-aos",
         "Organisationsbidrag arbetsmarknad och social hållbarhet",
         "organisationsbidrag",
         -200,
         -150,
         0,
         8700000,
         0,
         {"nyanlanda", "vuxna", NULL},
         {NULL},
         "# Organisationsbidrag\n\n"
         "Arbetsmarknads- och socialnämnden ger organisationsbidrag till föreningar som arbetar "
         "för att människor ska komma i arbete, få bostad eller stöd i en utsatt situation.\n\n"
         "Föreningen ska ha funnits i minst ett år och ha en verksamhet som kompletterar "
         "kommunens.\n",
         "",
         {{NULL}},
         {"Verksamhetens nytta för målgruppen", NULL}},
        {"FUN",
         "organisationsbidrag-funktionsstod",
         "Organisationsbidrag till funktionsrättsföreningar",
         "organisationsbidrag",
         -15,
         30,
         400,
         12500000,
         0,
         {"funktionsnedsattning", NULL},
         {NULL},
         "# Organisationsbidrag till funktionsrättsföreningar\n\n"
         "Funktionsstödsnämnden ger bidrag till ett fyrtiotal föreningar som arbetar för "
         "personer med funktionsnedsättning och deras anhöriga.\n\n"
         "## Villkor\n\n"
         "- Föreningen ska ha sitt säte i Malmö.\n"
         "- Verksamheten ska vara tillgänglig för personer med olika funktionsnedsättningar.\n",
         "Föreningar för personer med funktionsnedsättning kan få pengar.\n\n"
         "Det ska vara lätt för alla att vara med i föreningen.",
         {{"Hur gör ni verksamheten tillgänglig?", "How do you make the activities accessible?",
           "text", "", 1}},
         {"Tillgänglighet", "Medlemmarnas inflytande", NULL}},
};

/* Stores one programme with its questions and criteria, unless its
 * address is taken. */
static int
load_programme(struct db *db, const struct demo_programme *d)
{
	char opens[11], closes[11], due[11];
	int taken = grant_slug_taken(db, d->slug, 0);
	if (taken)
		return taken < 0 ? -1 : 0;
	grant_day(d->opens, opens);
	grant_day(d->closes, closes);
	grant_day(d->followup, due);
	struct grant_programme g = {
	        .department_id = db_int(db, &Q_DEPT_ID, DB_ARGS(DB_TEXT(d->dept)), 0),
	        .slug = d->slug,
	        .name = d->name,
	        .kind = d->kind,
	        .rules_md = d->rules,
	        .easy_read_md = d->easy,
	        .informal_allowed = d->informal,
	        .opens = opens,
	        .closes = closes,
	        .followup_due = d->followup ? due : NULL,
	        .budget = d->budget_kr * 100,
	};
	for (int i = 0; i < 3 && d->forms[i]; i++)
		g.forms[g.nforms++] = d->forms[i];
	for (int i = 0; i < 3 && d->groups[i]; i++)
		g.group_ids[g.ngroups++] =
		        db_int(db, &Q_GROUP_ID, DB_ARGS(DB_TEXT(d->groups[i])), 0);
	int64_t id;
	if (grant_save(db, 0, &g, &id) != DB_OK)
		return -1;
	for (int i = 0; i < 3 && d->questions[i].sv; i++) {
		const struct demo_question *q = &d->questions[i];
		struct grant_question gq = {.label_sv = q->sv,
		                            .label_en = q->en,
		                            .type = q->type,
		                            .choices = q->choices,
		                            .required = q->required};
		if (grant_question_add(db, id, &gq) != DB_OK)
			return -1;
	}
	for (int i = 0; i < 4 && d->criteria[i]; i++) {
		struct grant_criterion c = {
		        .label_sv = d->criteria[i], .label_en = "", .max_score = 5};
		if (grant_criterion_add(db, id, &c) != DB_OK)
			return -1;
	}
	return 0;
}

/* Every demo programme, in the demo's transaction. */
int
demo_grants(struct db *db)
{
	for (size_t i = 0; i < sizeof(programmes) / sizeof(programmes[0]); i++)
		if (load_programme(db, &programmes[i]) != 0)
			return -1;
	return 0;
}
