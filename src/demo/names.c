/* The vocabulary of the demo: Malmö's departments and districts, target
 * groups, and the parts plausible association names are made of. */
#include "demo/demo.h"

#include <stdio.h>
#include <string.h>

const struct demo_dept demo_departments[] = {
        {"FRI", "Fritidsförvaltningen", "Leisure Department", "Fritidsnämnden"},
        {"KUL", "Kulturförvaltningen", "Culture Department", "Kulturnämnden"},
        {"AOS", "Arbetsmarknads- och socialförvaltningen", "Labour Market and Social Services",
         "Arbetsmarknads- och socialnämnden"},
        {"FUN", "Funktionsstödsförvaltningen", "Disability Support Department",
         "Funktionsstödsnämnden"},
        {"HVO", "Hälsa-, vård- och omsorgsförvaltningen", "Health and Care Department",
         "Hälsa-, vård- och omsorgsnämnden"},
        {"FSK", "Förskoleförvaltningen", "Preschool Department", "Förskolenämnden"},
        {"GRU", "Grundskoleförvaltningen", "Compulsory School Department", "Grundskolenämnden"},
        {"GYV", "Gymnasie- och vuxenutbildningsförvaltningen",
         "Upper Secondary and Adult Education Department", "Gymnasie- och vuxenutbildningsnämnden"},
        {"FGK", "Fastighets- och gatukontoret", "Property and Streets Office", "Tekniska nämnden"},
        {"MIL", "Miljöförvaltningen", "Environment Department", "Miljönämnden"},
        {"SBK", "Stadsbyggnadskontoret", "City Planning Office", "Stadsbyggnadsnämnden"},
        {"SK", "Stadskontoret", "City Office", "Kommunstyrelsen"},
        {NULL, NULL, NULL, NULL},
};

const char *const demo_areas[] = {
        "Lindängen",
        "Bunkeflo",
        "Klagshamn",
        "Hyllie",
        "Limhamn",
        "Fosie",
        "Oxie",
        "Husie",
        "Kirseberg",
        "Rosengård",
        "Centrum",
        "Södra Innerstaden",
        "Västra Innerstaden",
        "Möllevången",
        "Seved",
        "Sofielund",
        "Holma",
        "Kroksbäck",
        "Hermodsdal",
        "Nydala",
        "Augustenborg",
        "Västra hamnen",
        "Tygelsjö",
        "Kulladal",
        NULL,
};

const struct demo_group demo_groups[] = {
        {"barn", "Barn", "Children"},
        {"unga", "Unga", "Young people"},
        {"vuxna", "Vuxna", "Adults"},
        {"aldre", "Äldre", "Older people"},
        {"familjer", "Familjer", "Families"},
        {"nyanlanda", "Nyanlända", "Newly arrived"},
        {"funktionsnedsattning", "Personer med funktionsnedsättning", "People with disabilities"},
        {"kvinnor", "Kvinnor", "Women"},
        {"hbtqi", "HBTQI-personer", "LGBTQI people"},
        {"alla", "Alla malmöbor", "All residents"},
        {NULL, NULL, NULL},
};

/* An activity: how names are made of it, what the purpose says, the
 * form it usually has and the target group it usually serves. */
struct activity {
	const char *pattern; /* %s is the place */
	const char *purpose;
	const char *form;
	int group;
};

static const struct activity activities[] = {
        {"%s Idrottsförening",
         "Föreningen bedriver idrott för barn och unga i %s: fotboll, "
         "friidrott och innebandy, med träning flera kvällar i veckan och läger på loven.",
         "ideell", 1},
        {"%s Bollklubb",
         "Vi erbjuder fotboll för alla åldrar i %s, med särskilt fokus på "
         "flickors idrott och på att ingen ska behöva betala för att vara med.",
         "ideell", 0},
        {"Kulturföreningen %s",
         "Föreningen arrangerar konserter, teater och utställningar i %s "
         "och ger lokala konstnärer en scen.",
         "ideell", 9},
        {"%s Pensionärsförening",
         "Vi ordnar träffar, studiecirklar, resor och friskvård för "
         "pensionärer i %s och motverkar ensamhet.",
         "ideell", 3},
        {"Hyresgästföreningen %s",
         "Föreningen tillvaratar hyresgästernas intressen i %s och "
         "ordnar gemensamma aktiviteter på gården.",
         "ideell", 2},
        {"Stiftelsen %s Fritidsgård",
         "Stiftelsen driver en öppen mötesplats för unga i %s med "
         "läxhjälp, musikstudio och idrott.",
         "stiftelse", 1},
        {"%s Schackklubb",
         "Schack för alla i %s, nybörjarkurser för barn och turneringar för "
         "vuxna.",
         "ideell", 9},
        {"Föräldranätverket %s",
         "Ett nätverk av föräldrar i %s som nattvandrar, ordnar "
         "familjeaktiviteter och samarbetar med skolan.",
         "informell", 4},
        {"%s Församling",
         "Församlingen samlar till gudstjänst och driver öppen förskola, "
         "språkcafé och stöd till människor i utsatthet i %s.",
         "trossamfund", 9},
        {"Språkcafé %s",
         "Vi träffas varje vecka i %s och övar svenska tillsammans, för "
         "nyanlända och alla som vill lära sig.",
         "informell", 5},
        {"%s Kvinnoförening",
         "Föreningen stärker kvinnors delaktighet i %s genom "
         "studiecirklar, motion och samtalsgrupper.",
         "ideell", 7},
        {"Odlingsföreningen %s",
         "Vi odlar tillsammans i stadsodlingen i %s och lär barn och "
         "vuxna om mat, natur och klimat.",
         "ideell", 4},
        {"%s Dansförening",
         "Dans för barn och unga i %s: street, folkdans och balett, med "
         "uppvisningar två gånger om året.",
         "ideell", 0},
        {"Funktionsrättsföreningen %s",
         "Föreningen arbetar för tillgänglighet och delaktighet "
         "för personer med funktionsnedsättning i %s.",
         "ideell", 6},
        {"%s Boxningsklubb",
         "Boxning och kampsport för unga i %s, med läxhjälp före träningen "
         "och förebilder som ledare.",
         "ideell", 1},
        {"Kooperativet %s Matkasse",
         "Ett ekonomiskt kooperativ i %s som säljer närodlad mat och "
         "skapar arbetstillfällen lokalt.",
         "ekonomisk", 2},
        {"%s Regnbågsförening",
         "En trygg mötesplats för hbtqi-personer i %s med fika, "
         "föreläsningar och stöd.",
         "ideell", 8},
        {"Scoutkåren %s",
         "Scouting för barn och unga i %s: friluftsliv, ledarskap och "
         "gemenskap varje vecka.",
         "ideell", 0},
        {"%s Musikförening",
         "Föreningen driver kör, orkester och replokaler för unga musiker "
         "i %s.",
         "ideell", 1},
        {"Läxhjälpen %s",
         "Frivilliga studenter ger läxhjälp till elever i %s två "
         "eftermiddagar i veckan.",
         "informell", 0},
};

static const char *const prefixes[] = {
        "", "Nya ", "Södra ", "Norra ", "Östra ", "Västra ", "Gamla ", "Stora ",
};

/* Where a place-name can be used as a genitive ("Lindängens"). */
static void
genitive(const char *place, char *out, size_t n)
{
	size_t len = strlen(place);
	int ends_s = len && (place[len - 1] == 's' || place[len - 1] == 'x');
	snprintf(out, n, "%s%s", place, ends_s ? "" : "s");
}

/* The Luhn check digit over the first nine digits. */
static int
luhn_digit(const char *nine)
{
	int sum = 0;
	for (int i = 0; i < 9; i++) {
		int v = (nine[i] - '0') * (i % 2 == 0 ? 2 : 1);
		sum += v > 9 ? v - 9 : v;
	}
	return (10 - sum % 10) % 10;
}

size_t
demo_area_count(void)
{
	size_t n = 0;
	while (demo_areas[n])
		n++;
	return n;
}

size_t
demo_group_count(void)
{
	size_t n = 0;
	while (demo_groups[n].slug)
		n++;
	return n;
}

/* The i-th demo association, the same every time. numbered adds a serial
 * so that a large generated register has no two equal names. */
void
demo_association(unsigned long i, int numbered, char *name, size_t name_len, char *purpose,
                 size_t purpose_len, const char **form, char orgnr[12], int *founded, int *members,
                 int *area, int *group)
{
	size_t na = demo_area_count();
	size_t nact = sizeof(activities) / sizeof(activities[0]);
	const struct activity *act = &activities[i % nact];
	*area = (int)((i / nact + (i % nact) * 5) % na);
	const char *place = demo_areas[*area];
	const char *prefix = prefixes[(i / (nact * na)) % (sizeof(prefixes) / sizeof(prefixes[0]))];
	char gen[64], full[96];
	genitive(place, gen, sizeof(gen));
	const char *p = strncmp(act->pattern, "%s", 2) == 0 ? gen : place;
	snprintf(full, sizeof(full), "%s%s", prefix, p);
	if (numbered)
		snprintf(name, name_len, act->pattern, full),
		        snprintf(name + strlen(name), name_len - strlen(name), " %lu", i + 1);
	else
		snprintf(name, name_len, act->pattern, full);
	snprintf(purpose, purpose_len, act->purpose, place);
	*form = act->form;
	*group = act->group;
	*founded = 1890 + (int)((i * 37) % 134);
	*members = 12 + (int)((i * 7919) % 2400);
	/* ideella föreningar and stiftelser have numbers starting 80–89 */
	char nine[10];
	snprintf(nine, sizeof(nine), "8%d2%06lu", (int)(i / 1000000 % 10), i % 1000000);
	snprintf(orgnr, 12, "%.6s-%.3s%d", nine, nine + 6, luhn_digit(nine));
	if (strcmp(act->form, "informell") == 0)
		orgnr[0] = 0;
}

/* "Västra hamnen" becomes "vastra-hamnen": ASCII for URLs. */
void
demo_slug(const char *name, char *out, size_t n)
{
	size_t k = 0;
	const unsigned char *s = (const unsigned char *)name;
	while (*s && k + 1 < n) {
		if (s[0] == 0xc3 && s[1]) {
			unsigned char c = s[1];
			out[k++] = (c == 0xa5 || c == 0xa4 || c == 0x85 || c == 0x84) ? 'a'
			           : (c == 0xb6 || c == 0x96)                         ? 'o'
			           : (c == 0xa9 || c == 0x89)                         ? 'e'
			                                                              : 'x';
			s += 2;
			continue;
		}
		if (*s == ' ')
			out[k++] = '-';
		else if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
			out[k++] = (char)*s;
		else if (*s >= 'A' && *s <= 'Z')
			out[k++] = (char)(*s + 32);
		s++;
	}
	out[k] = 0;
}

/* People: first names and surnames as they are in Malmö, combined so that
 * the k-th person is the same every time and no two of the first few
 * thousand share a name (the counts are primes). */
static const char *const first_names[] = {
        "Anna",    "Erik",     "Maria",     "Lars",    "Karin",  "Johan",  "Eva",      "Anders",
        "Sara",    "Mohammed", "Fatima",    "Ali",     "Leila",  "Omar",   "Elin",     "Nils",
        "Ida",     "Oskar",    "Emma",      "Ahmed",   "Amina",  "Hassan", "Zeynep",   "Emir",
        "Jelena",  "Marko",    "Agnieszka", "Piotr",   "Sofia",  "Lina",   "Viktor",   "Hanna",
        "Magnus",  "Ulla",     "Birgitta",  "Kerstin", "Göran",  "Bengt",  "Ingrid",   "Yusuf",
        "Noor",    "Samir",    "Dragan",    "Ana",     "Mehmet", "Ayşe",   "Kristina", "Per",
        "Malin",   "Jonas",    "Josefin",   "Axel",    "Astrid", "Khalid", "Rania",    "Tomas",
        "Gunilla", "Isak",     "Miriam",    "Daniel",  "Linnea",
};
static const char *const surnames[] = {
        "Andersson", "Johansson", "Karlsson",    "Nilsson",    "Eriksson",   "Larsson",
        "Olsson",    "Persson",   "Svensson",    "Gustafsson", "Pettersson", "Jönsson",
        "Hansson",   "Bengtsson", "Lindberg",    "Holm",       "Mattsson",   "Nyström",
        "Sandberg",  "Ali",       "Hassan",      "Mohammed",   "Yılmaz",     "Kaya",
        "Nowak",     "Jovanović", "Petrović",    "Ahmadi",     "Karimi",     "Haddad",
        "Said",      "Abdi",      "Omar",        "Hussein",    "Rahimi",     "Kovač",
        "Lindgren",  "Axelsson",  "Berglund",    "Sjöberg",    "Wallin",     "Engström",
        "Lundin",    "Håkansson", "Fredriksson", "Öberg",      "Åberg",      "Nordin",
        "Strand",    "Falk",      "Ström",       "Björk",      "Dahl",       "Ekberg",
        "Lind",      "Sundberg",  "Mårtensson",  "Ohlsson",    "Blom",
};

void
demo_person(unsigned long k, char *out, size_t n)
{
	size_t nf = sizeof(first_names) / sizeof(first_names[0]);
	size_t ns = sizeof(surnames) / sizeof(surnames[0]);
	snprintf(out, n, "%s %s", first_names[(k * 7 + 3) % nf], surnames[(k * 13 + 5) % ns]);
}

/* "Ayşe Öberg" becomes "ayse.oberg@domain": the letters an address may
 * have, the rest folded to their base letter or left out. */
void
demo_email(const char *name, const char *domain, char *out, size_t n)
{
	size_t k = 0;
	const unsigned char *s = (const unsigned char *)name;
	while (*s && k + 1 < n) {
		char c = 0;
		if (s[0] >= 0xc3 && s[0] <= 0xc5 && s[1]) {
			unsigned v = (unsigned)(s[0] - 0xc3) << 8 | s[1];
			c = v == 0xa5 || v == 0xa4 || v == 0x85 || v == 0x84       ? 'a'
			    : v == 0xb6 || v == 0x96                               ? 'o'
			    : v == 0xa9 || v == 0x89                               ? 'e'
			    : v == 0xbc || v == 0x9c                               ? 'u'
			    : v == 0x187 || v == 0x18d || v == 0x186 || v == 0x18c ? 'c'
			    : v == 0x29f || v == 0x29e || v == 0x2a1 || v == 0x2a0 ? 's'
			    : v == 0x1b1                                           ? 'i'
			                                                           : 0;
			s += 2;
		} else {
			c = *s >= 'A' && *s <= 'Z' ? (char)(*s + 32) : (char)*s;
			if (c == ' ')
				c = '.';
			else if (!((c >= 'a' && c <= 'z') || c == '-'))
				c = 0;
			s++;
		}
		if (c)
			out[k++] = c;
	}
	out[k] = 0;
	snprintf(out + k, n - k, "@%s", domain);
}

/* An organisationsnummer from nine digits and their Luhn check digit. */
void
demo_orgnr(const char nine[9], char out[12])
{
	snprintf(out, 12, "%.6s-%.3s%d", nine, nine + 6, luhn_digit(nine));
}
