/* demo.c — the demo organisation, built deterministically from a seed.
 *
 * Kwekerij De Groene Vlinder is a fictional plant nursery that runs a day
 * programme for people with care needs.  This file owns everything that makes
 * it up: the strategy, sixty people in five teams, three campaigns and about
 * three hundred content items with their messages, shares, figures and
 * conversations over DEMO_WEEKS weeks.
 *
 * How it is built, and why:
 *
 * - Only through the public core API, acting as each person in turn
 *   (store_impersonate) at the moment they act (store_clock_set).  So every
 *   row has its audit events, the engagement heatmaps have real history, and
 *   every pipeline rule (roles, stages, platform lengths, the fair-use policy)
 *   is honoured: the demo cannot show anything chorus itself would refuse.
 *
 * - In two passes.  First a plan: people, their temperaments, and for every
 *   item the steps of its life with their times, as a list of actions.  Then
 *   the actions sorted by time are carried out.  Planning needs no database,
 *   and executing in time order keeps event ids in time order as they would be.
 *
 * - One write transaction around it all: fast (one commit) and all-or-nothing.
 *
 * - Deterministic: two splitmix64 streams seeded from the seed, one for the
 *   plan and one for the words; nothing reads rand() or the wall clock except
 *   through store_now(), which $CHORUS_NOW can fix.
 *
 * - Uneven on purpose, like a real programme: a handful of front-runners do
 *   most of the sharing, many colleagues share now and then, about a fifth
 *   never take part, a few drift away (the "quiet" list), one leaves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "chorus/campaign.h"
#include "chorus/content.h"
#include "chorus/demo.h"
#include "chorus/demo_facts.h"
#include "chorus/i18n.h"
#include "chorus/message.h"
#include "chorus/people.h"
#include "chorus/policy.h"
#include "chorus/strategy.h"
#include "chorus/strategy_apply.h"
#include "chorus/strategy_schema.h"
#include "../core/store_test.h"
#include "../util/utf8.h"

#define DAY  86400
#define HOUR 3600
#define WEEK (7 * DAY)

/* --- random numbers -------------------------------------------------------- */

/* splitmix64: tiny, fast, and any seed (even 0) gives a good stream. */
static uint64_t rng_next(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* 0 .. n-1 (0 when n <= 0). */
static int rng_below(uint64_t *x, int n)
{
	return n > 0 ? (int)(rng_next(x) % (uint64_t)n) : 0;
}

/* lo .. hi inclusive. */
static int64_t rng_range(uint64_t *x, int64_t lo, int64_t hi)
{
	return hi > lo ? lo + (int64_t)(rng_next(x) % (uint64_t)(hi - lo + 1)) : lo;
}

static int rng_chance(uint64_t *x, int percent)
{
	return rng_below(x, 100) < percent;
}

/* --- the organisation, as data ---------------------------------------------- */

enum { PL_LINKEDIN, PL_X, PL_INSTAGRAM, PL_FACEBOOK, NPLAT };

/* EMV rates are illustrative, not market figures.  Instagram has no web share
 * link, so its template is empty and publishers copy the text instead. */
static const struct {
	const char *key, *name;
	int max;
	const char *share_url;
	double cpm, cpc, reaction_multiplier;
} demo_platforms[NPLAT] = {
	{ "linkedin", "LinkedIn", 3000, "https://www.linkedin.com/sharing/share-offsite/?url={url}", 32.0, 5.50, 0.90 },
	{ "x", "X", 280, "https://x.com/intent/post?text={text}&url={url}", 6.50, 0.90, 0.30 },
	{ "instagram", "Instagram", 2200, NULL, 8.00, 1.20, 0.50 },
	{ "facebook", "Facebook", 63206, "https://www.facebook.com/sharer/sharer.php?u={url}", 10.0, 1.00, 0.40 },
};

enum { TEAM_KWEEK, TEAM_SALES, TEAM_ZORG, TEAM_LOGISTIEK, TEAM_STAF, NTEAMS };

static const struct {
	const char *name;
	int size;          /* people, the masters included */
	int editors;       /* besides the masters */
	int creators;
	int english;       /* percent of their items written in English */
} demo_teams[NTEAMS] = {
	{ "Kweek & Teelt", 16, 1, 3, 10 },
	{ "Sales & Export", 11, 1, 3, 50 },
	{ "Zorg & Welzijn", 10, 1, 3, 5 },
	{ "Logistiek", 13, 1, 2, 10 },
	{ "Staf & Communicatie", 10, 2, 1, 25 },
};

/* Display name and the letters a login is made of. */
static const char *const demo_first[][2] = {
	{ "Femke", "femke" }, { "Daan", "daan" }, { "Sanne", "sanne" }, { "Joris", "joris" },
	{ "Lieke", "lieke" }, { "Bram", "bram" }, { "Noor", "noor" }, { "Thijs", "thijs" },
	{ "Eva", "eva" }, { "Jeroen", "jeroen" }, { "Marloes", "marloes" }, { "Sven", "sven" },
	{ "Ilse", "ilse" }, { "Ruben", "ruben" }, { "Fleur", "fleur" }, { "Esther", "esther" },
	{ "Wouter", "wouter" }, { "Maaike", "maaike" }, { "Hamza", "hamza" }, { "Yara", "yara" },
	{ "Mehmet", "mehmet" }, { "Priya", "priya" }, { "Lotte", "lotte" }, { "Niels", "niels" },
	{ "Merel", "merel" }, { "Stijn", "stijn" }, { "Iris", "iris" }, { "Pieter", "pieter" },
	{ "Floor", "floor" }, { "Gijs", "gijs" }, { "Romy", "romy" }, { "Julia", "julia" },
	{ "Mila", "mila" }, { "Levi", "levi" }, { "Ayoub", "ayoub" }, { "Fatima", "fatima" },
	{ "Dewi", "dewi" }, { "Kees", "kees" }, { "Ans", "ans" }, { "Henk", "henk" },
	{ "Gerda", "gerda" }, { "Jelle", "jelle" }, { "Tessa", "tessa" }, { "Olivier", "olivier" },
	{ "Zoë", "zoe" }, { "Chloë", "chloe" }, { "Anneke", "anneke" }, { "Mariëlle", "marielle" },
	{ "Björn", "bjorn" }, { "Ingrid", "ingrid" }, { "Saskia", "saskia" }, { "Joost", "joost" },
	{ "Bas", "bas" }, { "Nadia", "nadia" }, { "Emre", "emre" }, { "Lucas", "lucas" },
	{ "Renée", "renee" }, { "Hélène", "helene" }, { "Coen", "coen" }, { "Mirjam", "mirjam" },
	{ "Wessel", "wessel" }, { "Aylin", "aylin" }, { "Youssef", "youssef" }, { "Sietske", "sietske" },
	{ "Hidde", "hidde" }, { "Anouk", "anouk" }, { "Sébastien", "sebastien" },
};

static const char *const demo_last[][2] = {
	{ "de Vries", "devries" }, { "Jansen", "jansen" }, { "Bakker", "bakker" }, { "Visser", "visser" },
	{ "Smit", "smit" }, { "Meijer", "meijer" }, { "de Boer", "deboer" }, { "Mulder", "mulder" },
	{ "de Groot", "degroot" }, { "Bos", "bos" }, { "Vos", "vos" }, { "Peters", "peters" },
	{ "Hendriks", "hendriks" }, { "van Leeuwen", "vanleeuwen" }, { "Dekker", "dekker" },
	{ "Brouwer", "brouwer" }, { "de Wit", "dewit" }, { "Dijkstra", "dijkstra" },
	{ "de Graaf", "degraaf" }, { "van der Meer", "vandermeer" }, { "van der Linden", "vanderlinden" },
	{ "Kok", "kok" }, { "de Haan", "dehaan" }, { "Vermeulen", "vermeulen" },
	{ "van den Heuvel", "vandenheuvel" }, { "van der Veen", "vanderveen" }, { "Kuipers", "kuipers" },
	{ "Schouten", "schouten" }, { "Willems", "willems" }, { "Hoekstra", "hoekstra" },
	{ "van Dam", "vandam" }, { "Verhoeven", "verhoeven" }, { "Koster", "koster" }, { "Prins", "prins" },
	{ "Huisman", "huisman" }, { "Postma", "postma" }, { "Yılmaz", "yilmaz" },
	{ "El Amrani", "elamrani" }, { "Çelik", "celik" }, { "Kramer", "kramer" },
	{ "Timmermans", "timmermans" }, { "Groen", "groen" }, { "Lambrechts", "lambrechts" },
	{ "Oosterhuis", "oosterhuis" }, { "ter Horst", "terhorst" }, { "op den Akker", "opdenakker" },
	{ "in 't Veld", "intveld" }, { "Nijenhuis", "nijenhuis" }, { "Wijnands", "wijnands" },
	{ "Rahimi", "rahimi" }, { "Boukhari", "boukhari" }, { "Dupré", "dupre" }, { "van 't Hof", "vanthof" },
};

#define DEMO_DOMAIN "degroenevlinder.example"

enum { LANG_NL, LANG_EN };

/* Plants: Dutch, English, and a word for media file names. */
static const char *const demo_plants[][3] = {
	{ "lavendel", "lavender", "lavendel" }, { "siergrassen", "ornamental grasses", "siergras" },
	{ "hortensia's", "hydrangeas", "hortensia" }, { "beuken", "beeches", "beuk" },
	{ "ilexen", "hollies", "ilex" }, { "vaste planten", "perennials", "vasteplanten" },
	{ "vlinderstruiken", "butterfly bushes", "buddleja" }, { "kruiden", "herbs", "kruiden" },
	{ "taxussen", "yews", "taxus" }, { "varens", "ferns", "varens" },
	{ "salvia's", "salvias", "salvia" }, { "asters", "asters", "aster" },
	{ "rozen", "roses", "rozen" }, { "klimplanten", "climbers", "klimplant" },
	{ "heesters", "shrubs", "heesters" },
};

static const char *const demo_places[][2] = {
	{ "kas 3", "greenhouse 3" }, { "de schaduwhal", "the shade hall" }, { "kas 7", "greenhouse 7" },
	{ "de nieuwe kas", "the new greenhouse" }, { "het containerveld", "the container field" },
};

static const char *const demo_weekdays[][2] = {
	{ "maandag", "Monday" }, { "dinsdag", "Tuesday" }, { "woensdag", "Wednesday" },
	{ "donderdag", "Thursday" }, { "vrijdag", "Friday" },
};

static const char *const demo_months[][2] = {
	{ "januari", "January" }, { "februari", "February" }, { "maart", "March" }, { "april", "April" },
	{ "mei", "May" }, { "juni", "June" }, { "juli", "July" }, { "augustus", "August" },
	{ "september", "September" }, { "oktober", "October" }, { "november", "November" },
	{ "december", "December" },
};

#define NELEM(a) ((int)(sizeof (a) / sizeof (a)[0]))

/* A NULL-terminated list of text fragments. */
typedef const char *const *demo_list;
#define LIST(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* Fragments use slots filled per item: {P} plant, {K} place, {N} a colleague's
 * first name, {T} that colleague's team, {n} a small number, {k} thousands,
 * {Y} years, {D} weekday, {M} month, {C} the creator's and {E} the editor's
 * first name. */
enum { PIL_CRAFT, PIL_GREEN, PIL_PEOPLE, PIL_CARE, PIL_TRADE, NPILLARS };

static const struct {
	const char *name, *colour, *description;
	demo_list titles[2], lines[2];
	const char *tags;       /* hashtags for messages */
	const char *slug;       /* media file names */
	int team;               /* where its colleagues come from (-1: anywhere) */
	int plats[3];           /* platforms in order of fit */
} demo_pillars[NPILLARS] = {
	[PIL_CRAFT] = { "Craftsmanship", "#2e8b57",
		"The trade: propagating, potting, pruning, and the care in every plant.",
		{ LIST("Eerste {P} van het seizoen staan klaar in {K}",
		       "{N} laat zien hoe je {P} stekt",
		       "Waarom onze {P} drie weken langer blijven staan",
		       "Stekken, oppotten, wachten: een dag met {N}",
		       "Proefvak {P}: de eerste resultaten",
		       "Snoeien met de hand: {P} in {K}",
		       "De oppotlijn draait: {k} potten in één week",
		       "Zo zie je of {P} klaar zijn voor de verkoop",
		       "Afharden in {M}: {P} gaan naar buiten",
		       "Vraag van een klant: waarom zijn onze {P} zo compact?"),
		  LIST("How {N} propagates {P}",
		       "Behind the scenes: potting {P} in {K}",
		       "Why our {P} stay three weeks longer",
		       "Hardening off {P} in {M}") },
		{ LIST("Elke stek gaat door minstens vier paar handen voordat hij de kwekerij verlaat.",
		       "We snoeien met de hand, ook waar een machine sneller zou zijn: de plant loopt dan mooier uit.",
		       "Na zes weken beworteling gaan de {P} naar buiten om af te harden.",
		       "{N} werkt hier al {Y} jaar en ziet in één oogopslag of een plant dorst heeft.",
		       "We hebben de temperatuur in {K} een graad lager gezet; de planten groeien langzamer maar compacter.",
		       "Het team heeft deze week {k} potten gevuld.",
		       "Wie goed kijkt, ziet dat de wortels de hele pot vullen: zo hoort het.",
		       "De kwaliteit zie je pas echt in het tweede jaar, in de tuin van de klant.",
		       "Stekken is geduldwerk; van de {n} trays is er maar één uitgevallen."),
		  LIST("Every cutting passes through at least four pairs of hands before it leaves the nursery.",
		       "We prune by hand, even where a machine would be faster: the plants branch out better.",
		       "After six weeks of rooting, the {P} move outside to harden off.",
		       "{N} has worked here for {Y} years and can tell at a glance when a plant is thirsty.",
		       "This week the team filled {k} pots.",
		       "You only really see the quality in the second year, in the customer's garden.") },
		"#vakmanschap #kwekerij #groenevlinder", "kweek", TEAM_KWEEK,
		{ PL_INSTAGRAM, PL_LINKEDIN, PL_X } },
	[PIL_GREEN] = { "Sustainable growing", "#6b8e23",
		"Water, energy, soil and biodiversity: how we grow more with less.",
		{ LIST("Regenwater vangen: de nieuwe bassins zijn vol",
		       "Sluipwespen in {K}: bladluis bestrijden zonder gif",
		       "Turfvrije potgrond: na een jaar testen stappen we over",
		       "Zonnepanelen op de schuur: {n} MWh in {M}",
		       "Minder plastic: {P} voortaan in papieren potten",
		       "De vlinderstrook langs het containerveld bloeit",
		       "Restwarmte van de buren verwarmt {K}",
		       "Geen druppel te veel: nieuwe druppelslangen voor de {P}"),
		  LIST("Peat-free compost: after a year of trials we switch",
		       "Wasps against aphids in {K}",
		       "Rainwater only: our new basins are full") },
		{ LIST("Sinds dit voorjaar gebruiken we alleen nog opgevangen regenwater voor de containervelden.",
		       "De sluipwespen doen het werk; we hebben dit seizoen nog niet één keer hoeven spuiten.",
		       "Turfvrije grond houdt het water anders vast, dus we geven vaker maar minder.",
		       "De papieren potten composteren gewoon mee in de tuin van de klant.",
		       "Langs de randen van de velden laten we bloemen staan voor bijen en vlinders.",
		       "Het scheelt ons ongeveer een derde aan gas vergeleken met vorig jaar.",
		       "Het was even zoeken naar de juiste mix, maar de {P} staan er prima bij.",
		       "{N} houdt elke ochtend de vochtmeters in de gaten."),
		  LIST("Since this spring we water the container fields with collected rainwater only.",
		       "The parasitic wasps do the work: we have not sprayed once this season.",
		       "Peat-free compost holds water differently, so we water more often but less.",
		       "Along the field edges we leave flowers for bees and butterflies.",
		       "It saves us about a third of our gas compared with last year.") },
		"#duurzaam #biodiversiteit #kwekerij", "duurzaam", TEAM_KWEEK,
		{ PL_LINKEDIN, PL_INSTAGRAM, PL_X } },
	[PIL_PEOPLE] = { "Our people", "#d2691e",
		"The colleagues behind the plants, and what it is like to work here.",
		{ LIST("Even voorstellen: {N}, nieuw bij {T}",
		       "{N} is {Y} jaar in dienst: taart in de kantine",
		       "Stagiairs van het groencollege draaien mee in {K}",
		       "Een dag meerijden met de chauffeurs van Logistiek",
		       "Vacature: teeltmedewerker voor {K}",
		       "Van zaterdagbaan tot teamleider: het verhaal van {N}",
		       "Bedrijfsfietstocht langs de kwekerijen in de regio",
		       "Wat doet een planner eigenlijk? {N} legt het uit",
		       "Open sollicitatiedag op {D}"),
		  LIST("Meet {N}, new at {T}",
		       "We're hiring: a grower for {K}",
		       "A day on the road with our drivers") },
		{ LIST("Het leukste aan dit werk vind ik dat je aan het eind van de dag ziet wat je gedaan hebt.",
		       "Je hoeft geen diploma in de groene sector te hebben; we leren je het vak hier.",
		       "Iedereen begint met een week meedraaien op alle afdelingen.",
		       "In de pauze zit iedereen aan de lange tafel in de kantine, van directeur tot stagiair.",
		       "We zoeken iemand die van aanpakken houdt en het niet erg vindt om vroeg te beginnen.",
		       "{N} begon hier als scholier en plant nu de hele teelt in.",
		       "Wie zin heeft om een dagje mee te lopen is welkom; stuur {N} even een bericht.",
		       "Met zestig collega's zijn we precies groot genoeg om elkaar te kennen."),
		  LIST("The best part of this job is seeing what you have done at the end of the day.",
		       "You don't need a horticulture degree: we teach you the trade here.",
		       "At lunch everyone sits at the long table in the canteen, from director to intern.",
		       "{N} started here with a Saturday job and now plans the whole crop.") },
		"#werkenbij #vacature #groenevlinder", "mensen", -1,
		{ PL_LINKEDIN, PL_FACEBOOK, PL_INSTAGRAM } },
	[PIL_CARE] = { "Care & inclusion", "#8a5fbf",
		"The day programme: participants who work with us, at their own pace.",
		{ LIST("Dagbesteding op de kwekerij: de groep van {D}",
		       "Trots: de deelnemers hebben de hele vlinderstrook ingeplant",
		       "{N} begeleidt al {Y} jaar de groene groep",
		       "Nieuwe werkplek in {K}, ook bereikbaar met een rolstoel",
		       "Samen oogsten: kruiden uit eigen tuin voor de kantine",
		       "Open middag voor verwijzers en begeleiders",
		       "Van deelnemer naar collega",
		       "{n} nieuwe deelnemers dit kwartaal"),
		  LIST("Day programme at the nursery: the {D} group",
		       "From participant to colleague") },
		{ LIST("Iedereen werkt in zijn eigen tempo, en dat zie je terug in de planten.",
		       "De tafels in {K} staan nu op hoogte, zodat iedereen erbij kan.",
		       "Na een paar weken weet iedereen precies welke planten water nodig hebben.",
		       "De begeleiders van Zorg & Welzijn werken naast de kwekers, niet apart.",
		       "Verwijzers zijn welkom om een ochtend mee te kijken.",
		       "Het werk is echt: wat de groep oppot, gaat naar onze klanten.",
		       "In twee ochtenden zette de groep er {k} plantjes in.",
		       "{N} zegt: ‘Hier tel je mee, gewoon omdat je er bent.’"),
		  LIST("Everyone works at their own pace, and you can see it in the plants.",
		       "The work is real: what the group pots goes to our customers.",
		       "Referrers are welcome to join us for a morning.") },
		"#zorgkwekerij #meedoen #dagbesteding", "zorg", TEAM_ZORG,
		{ PL_FACEBOOK, PL_LINKEDIN, PL_INSTAGRAM } },
	[PIL_TRADE] = { "For landscapers", "#1e6fb8",
		"Range, sizes, deliveries and planting advice for trade customers.",
		{ LIST("Najaarsassortiment: {P} in grote maten",
		       "Tip van de kweker: {P} planten in {M}",
		       "Bestellen voor het voorjaar? Zo plannen we de leveringen",
		       "Nieuw: {P} op rolcontainers, direct naar de bouwplaats",
		       "Haagplanten van 60 tot 180 cm op voorraad",
		       "Klantverhaal: een hovenier over onze {P}",
		       "Het weer en de levertijden: een update",
		       "{k} {P} op weg naar een nieuwe woonwijk"),
		  LIST("Autumn range: {P} in large sizes",
		       "Grower's tip: planting {P} in {M}",
		       "Customer story: a landscaper on our {P}",
		       "Order now for spring: how we plan deliveries") },
		{ LIST("Hoveniers kunnen de planten op de kwekerij komen uitzoeken; bel even voor een afspraak.",
		       "We leveren op rolcontainers, zodat je op de bouwplaats snel kunt lossen.",
		       "Door de warme zomer zijn de {P} dit jaar extra goed doorgeworteld.",
		       "Bestel op tijd voor het voorjaar, dan stemmen we de levering af op jouw planning.",
		       "Elke partij krijgt een label met de herkomst en verzorgingstips.",
		       "Een hovenier uit de regio plantte er vorige maand een hele straat mee in.",
		       "{N} van {T} denkt graag mee over de juiste maat en soort."),
		  LIST("Landscapers are welcome to select plants on site; just call ahead.",
		       "We deliver on trolleys, so unloading on site is quick.",
		       "Order early for spring and we will match the delivery to your schedule.",
		       "Every batch carries a label with its origin and care tips.",
		       "{N} from {T} is happy to help you choose the right size and variety.") },
		"#hoveniers #groenvoorziening #plantenkwekerij", "hovenier", TEAM_SALES,
		{ PL_LINKEDIN, PL_FACEBOOK, PL_X } },
};

/* Which pillars each team's creators mostly write about (weights). */
static const int demo_team_pillars[NTEAMS][NPILLARS] = {
	[TEAM_KWEEK]     = { 5, 4, 1, 0, 1 },
	[TEAM_SALES]     = { 1, 1, 1, 0, 6 },
	[TEAM_ZORG]      = { 1, 1, 1, 6, 0 },
	[TEAM_LOGISTIEK] = { 2, 2, 3, 0, 3 },
	[TEAM_STAF]      = { 1, 2, 5, 2, 1 },
};

static const char *const demo_kinds[] = { "story", "photo", "video", "news", "blog" };
static const int demo_kind_weights[] = { 40, 30, 8, 12, 10 };

/* What a creator writes first, per kind. */
static const char *const demo_openers[][2] = {
	{ "", "" },
	{ "Foto's van vandaag, zie de map.", "Photos from today, see the folder." },
	{ "Filmpje van ruim een minuut, staat op de share.", "A one-minute clip, it's on the share." },
	{ "Nieuwtje voor de website en social:", "News for the website and social:" },
	{ "Een stukje voor het blog, mag ingekort worden.", "A piece for the blog, feel free to shorten it." },
};

static const demo_list demo_closers[2] = {
	LIST("Kan iemand hier een bericht van maken?", "Groet, {C}", "Zeg het maar als er iets mist.",
	     "Meer foto's heb ik ook nog."),
	LIST("Could someone turn this into a post?", "Cheers, {C}", "Let me know if anything is missing."),
};

/* Things a creator should not have written: the editor catches them. */
static const char *const demo_risky_body[] = {
	"PS: dit hoort bij project Kolibrie, dat mag vast wel genoemd worden?",
	"De factuur van de fotograaf graag overmaken op NL02 GRVL 0123 4567 89.",
	"Het BSN van de nieuwe stagiair voor het contract: 123456782.",
};
static const char *const demo_risky_message[2] = {
	"Binnenkort meer over project Zwaluw, onze nieuwe potgrond!",
	"More about Project Kolibrie soon!",
};

static const demo_list demo_hooks[2] = {
	LIST("Vandaag op de kwekerij:", "Dit wil ik even met jullie delen.", "Mooi om te zien!",
	     "Trots op mijn collega's.", "Wist je dat?", "Een kijkje achter de schermen.",
	     "Zo ziet mijn werk er deze week uit.", "Even iets anders dan anders:"),
	LIST("Today at the nursery:", "Proud of my colleagues.", "A look behind the scenes.",
	     "Something I wanted to share.", "Did you know?"),
};

/* Saying that you work here (the "mention you work here" rule looks for it). */
static const demo_list demo_disclosures[2] = {
	LIST("Ik werk zelf bij Kwekerij De Groene Vlinder.", "Bij ons op de kwekerij gaat dat zo.",
	     "Mijn collega's hebben hier hard aan gewerkt.", "Ik werk er elke dag met plezier."),
	LIST("I work at De Groene Vlinder, and I'm proud of this.", "My colleagues did great work here.",
	     "We work on this every day."),
};

static const demo_list demo_fb_closers[2] = {
	LIST("Kom gerust eens langs!", "Vragen? Stel ze hieronder.",
	     "Deel het gerust met wie een groene baan zoekt."),
	LIST("Questions? Ask below.", "Feel free to pass it on."),
};

/* Lines that a warning rule flags: realistic slips, not blocking ones. */
static const char *const demo_brochure[2] = {
	"Wij zijn toonaangevend in duurzame teelt.",
	"We are the market leader in quality hedging.",
};
static const char *const demo_offer[2] = {
	"Deze maand 10% korting voor hoveniers.",
	"This month 10% off for landscapers.",
};
static const char *const demo_care_slip = "Voor deelnemers met autisme is de rustige kas ideaal.";

static const char *const demo_emoji[] = { "🌱 ", "🦋 ", "🌿 ", "" };

static const char *const demo_reasons[] = {
	"Dubbel: hier hebben we vorige week al een bericht over gemaakt.",
	"Deelnemers staan herkenbaar op de foto's; vraag eerst toestemming via hun begeleider.",
	"Te weinig om een bericht van te maken; heb je er een foto of een quote bij?",
	"Dit is eerder iets voor de interne nieuwsbrief dan voor social media.",
	"Prijzen verschillen per klant; dit laten we aan Sales over.",
	"Gaat over de nieuwe potgrond die nog niet is aangekondigd; we wachten op de lancering.",
	"Too close to the customer's own announcement; let them go first.",
};
/* For an item whose body holds personal data. */
static const char *const demo_reason_personal =
	"Er staan persoonsgegevens in de tekst (een rekeningnummer of BSN); haal ze eruit en stuur het opnieuw in.";

/* Conversations: an editor's question and the creator's answer, by index. */
static const char *const demo_questions[][2] = {
	{ "Mooie foto's, {C}! Mag ik de naam van de klant noemen?", "Ja hoor, ze vinden het prima." },
	{ "Heb je ook een foto in liggend formaat? Voor LinkedIn werkt dat beter.", "Staat nu in de map, drie stuks." },
	{ "Wanneer was dit precies? Dan zet ik het in de planning.", "Afgelopen dinsdag, rond de middag." },
	{ "Leuk verhaal. Wil {N} er een quote bij geven?", "Heb het gevraagd, er komt vandaag nog iets." },
	{ "Klopt het aantal? Het lijkt me veel.", "Ja, dubbel gecheckt met de planning." },
	{ "Could you send me the name of the variety?", "Sure, it's on the label in the second photo." },
	{ "Mag dit al naar buiten, of wachten we op de klant?", "Mag naar buiten, de klant weet ervan." },
};
static const char *const demo_inbox_notes[] = {
	"Dank je! Ik kijk er deze week naar.",
	"Leuk, {C}. Ik pak het op zodra er ruimte is in de planning.",
	"Thanks {C}, I'll pick this up next week.",
	"Goed idee. Heb je er nog een foto bij?",
};
static const char *const demo_share_notes[] = {
	"Gedeeld op LinkedIn; binnen een uur al {n} reacties.",
	"Mijn buurman vroeg meteen of we nog mensen zoeken 🙂",
	"Shared with my network in Germany.",
	"Gedeeld! Ik heb er zelf een zin bij gezet over mijn eigen werk.",
	"Twee oud-klasgenoten reageerden, leuk.",
	"Posted it in the landscapers' group, {n} likes so far.",
	"Een hovenier vroeg via de reacties naar de levertijden; doorgestuurd naar Sales.",
};
static const char *const demo_reject_replies[] = {
	"Helder, ik pas het aan.", "Jammer, maar ik snap het.",
	"Ik stuur na de lancering een nieuwe versie.", "OK, makes sense.",
};
static const char *const demo_back_notes[] = {
	"Link klopte niet, aangepast. Kan weer door.",
	"Teruggezet: de foto moest nog gewisseld worden.",
	"Typo in de LinkedIn-tekst; opgelost.",
};
static const char *const demo_edit_notes[] = {
	"Noot redactie: foto 2 en 3 gebruiken, 1 is onscherp.",
	"Noot redactie: naam klant weggelaten op verzoek.",
	"Noot redactie: plantnamen gecontroleerd.",
	"Editor's note: shortened for social.",
};

static const struct {
	const char *title, *description, *kpi_metric;
	double kpi_target;
	const char *kpi_period;
	const char *audiences[2];
} demo_goals[] = {
	{ "Attract new colleagues",
	  "Fill this year's seasonal and permanent vacancies through colleagues' own networks.",
	  "clicks", 1200, "quarter", { "Job seekers & students", "Neighbours & region" } },
	{ "Grow trade sales",
	  "Be the first nursery landscapers and garden centres think of for hedging and perennials.",
	  "reach", 250000, "quarter", { "Landscapers & garden centres", NULL } },
	{ "Make the care nursery known",
	  "More referrals for the day programme, and pride in what the participants make.",
	  "shares", 300, "half-year", { "Care professionals & referrers", "Neighbours & region" } },
};

static const struct {
	const char *name, *info_need;
	const char *platforms[3];
} demo_audiences[] = {
	{ "Job seekers & students",
	  "What is the work really like, who are the colleagues, can I learn the trade without a diploma?",
	  { "linkedin", "instagram", "facebook" } },
	{ "Landscapers & garden centres",
	  "Availability, sizes and quality; delivery times; planting advice.",
	  { "linkedin", "facebook", NULL } },
	{ "Care professionals & referrers",
	  "Is the work meaningful and safe, how is support organised, how do I refer someone?",
	  { "linkedin", "facebook", NULL } },
	{ "Neighbours & region",
	  "What happens behind the hedge, open days, how the nursery cares for its surroundings.",
	  { "facebook", "instagram", "x" } },
};

static const char *const demo_message_types[][2] = {
	{ "News", "Something happened: a fact, a date, a first." },
	{ "Behind the scenes", "How the work is done; the people and the craft." },
	{ "Vacancy", "A job, told by someone who does it." },
	{ "Customer story", "A customer's project with our plants, with their permission." },
	{ "Grower's tip", "Advice a landscaper or gardener can use tomorrow." },
	{ "Event", "Open days, fairs and visits: when, where, for whom." },
	{ "Milestone", "Anniversaries, records and results worth celebrating." },
	{ "Opinion", "A colleague's view on the trade, care or sustainability." },
};

/* Guidance, not prohibition: four rules explain, two block (a code name and
 * personal data are the only things that must never go out). */
static const struct {
	const char *name, *pattern;
	enum severity severity;
	const char *guidance;
} demo_rules[] = {
	{ "Confidential project names", "(?i)\\bproject\\s+(kolibrie|zwaluw|ijsvogel)\\b", SEV_BLOCK,
	  "Kolibrie, Zwaluw and IJsvogel are internal code names until they are announced. "
	  "Describe what it does for customers instead, or wait for the launch." },
	{ "Personal data", "\\bNL\\d{2}\\s?[A-Z]{4}(?:\\s?\\d{4}){2}\\s?\\d{2}\\b|\\b\\d{9}\\b", SEV_BLOCK,
	  "An account number (IBAN) or a citizen service number (BSN) never goes in a post. "
	  "Remove it; if someone needs it, send it to them privately." },
	{ "Say it in your own words",
	  "(?i)\\b(marktleider|market leader|toonaangevend|innovatieve oplossingen?|ontzorgen|"
	  "world[- ]class|best[- ]in[- ]class|game[- ]?changer|synergie)\\b", SEV_WARN,
	  "Brochure language reads like an advert. Say it in your own words: what did you see, do or learn?" },
	{ "Mention you work here",
	  "(?si)\\A(?!.*?(?:ik werk|we werken|wij werken|werk bij|bij ons|collega|i work|we work|"
	  "colleague|#werkenbij))", SEV_INFO,
	  "Readers should know you are an employee: mention you work here (\"bij ons op de kwekerij\", "
	  "\"my colleagues\") or add #werkenbij." },
	{ "Prices and offers", "(?i)€\\s?\\d|\\b\\d+\\s?%\\s?(?:korting|off|discount)\\b|\\bgratis\\b", SEV_WARN,
	  "Prices and offers change and differ per customer; link to the shop or ask Sales instead of quoting them." },
	{ "Participants' privacy", "(?i)\\b(diagnos\\w*|autis\\w*|dementie|beperking|cliëntdossier)\\b", SEV_WARN,
	  "Talk about what participants do, not about their diagnosis; ask them (and their mentor) "
	  "before you post a name or a photo." },
};

/* Three campaigns; their periods are placed relative to the start of the
 * history (weeks), the last one runs until after "now". */
static const struct {
	const char *name, *description, *goal, *audience;
	int start_week, end_week;   /* weeks after the start of the history */
	int target;
	int pillar, pillar2;        /* the pillars its items come from */
} demo_campaigns[] = {
	{ "Werken bij de kwekerij",
	  "Spring recruitment: growers, drivers and interns tell what their work is like.",
	  "Attract new colleagues", "Job seekers & students", 4, 12, 150, PIL_PEOPLE, PIL_CRAFT },
	{ "Open Kwekerijdag",
	  "The open day: the neighbourhood, referrers and families see the nursery and the care programme.",
	  "Make the care nursery known", "Neighbours & region", 14, 18, 90, PIL_CARE, PIL_GREEN },
	{ "Najaarscollectie voor hoveniers",
	  "The autumn range for landscapers and garden centres: sizes, hedging and delivery.",
	  "Grow trade sales", "Landscapers & garden centres", 21, 29, 120, PIL_TRADE, PIL_TRADE },
};
#define NCAMPAIGNS NELEM(demo_campaigns)

/* --- the plan ----------------------------------------------------------------- */

enum temper { T_NEVER, T_QUIET, T_REGULAR, T_CHAMPION };

struct dperson {
	char login[64];
	char name[128];
	char first[128];
	int team;
	int roles;
	enum temper temper;
	int share_w, make_w, edit_w;   /* weights as publisher, creator, editor */
	int from_week, to_week;        /* when they share (weeks into the history) */
	int leaves;                    /* set inactive after to_week */
	int plats;                     /* bit per platform they post on */
	int followers[NPLAT];
};

#define DEMO_MAXMSG 9
#define DEMO_MAXPEOPLE 128

struct ditem {
	int64_t id;              /* content id, once submitted */
	int final;               /* the stage it ends in */
	int lang, pillar, title, colleague, kind;
	int plant, place, num, thousands, years, weekday, month, year;
	int creator, editor;
	int pillar_at_submit;
	int campaign;            /* -1: none */
	int risky;               /* 1: its body, 2: a draft message breaks a blocking rule */
	int reason;              /* rejection reason, -1 for the personal-data one */
	int nmsg;
	int64_t msg[DEMO_MAXMSG];
	int msg_plat[DEMO_MAXMSG];
	uint64_t shared_by[DEMO_MAXPEOPLE / 64];
};

enum act {
	A_SUBMIT, A_TAKE, A_PILLAR, A_CAMPAIGN, A_EDIT, A_MESSAGE, A_APPROVE, A_BACK,
	A_REJECT, A_ARCHIVE, A_SHARE, A_FIGURES, A_COMMENT, A_ADD_CAMPAIGN, A_LEAVE,
};

/* Comment kinds, the arg of A_COMMENT is kind * 100 + index. */
enum { C_QUESTION, C_ANSWER, C_INBOX, C_SHARE, C_REJECTED, C_BACK };

/* Message flags in the arg of A_MESSAGE: platform | variant << 4 | flags << 8. */
enum { M_RISKY = 1, M_CLEAN = 2 };

struct daction {
	int64_t at;
	int seq;            /* ties keep the order the plan made them in */
	int kind;
	int person;
	int item;
	int arg;
};

struct dshare {
	int item, person, plat;
	int64_t id, at;
};

struct demo {
	struct store *s;
	struct err *e;
	uint64_t rng;        /* the plan */
	uint64_t words;      /* the texts */
	int64_t now, t0;     /* the history runs from t0 to now */
	struct dperson people[DEMO_MAXPEOPLE];
	int npeople;
	struct ditem *items;
	int nitems;
	struct daction *acts;
	int nacts, capacts, seq;
	struct dshare *shares;
	int nshares, capshares;
	int64_t camp_start[NCAMPAIGNS], camp_end[NCAMPAIGNS];
	struct policy *pol;
	int cur;             /* who we act as now */
	int share_serial;    /* makes every share URL unique */
};

/* Steps of one item while it is planned: its pipeline, strictly in order. */
#define PLAN_MAX 48
struct plan {
	struct daction v[PLAN_MAX];
	int n;
};

static int nomem(struct demo *d)
{
	return err_set(d->e, CH_UNUSABLE, _("building the demo: out of memory"));
}

static int act_add(struct demo *d, int kind, int64_t at, int person, int item, int arg)
{
	if (d->nacts == d->capacts) {
		int cap = d->capacts ? d->capacts * 2 : 4096;
		struct daction *v = realloc(d->acts, (size_t)cap * sizeof *v);
		if (!v)
			return nomem(d);
		d->acts = v;
		d->capacts = cap;
	}
	d->acts[d->nacts++] = (struct daction){ at, d->seq++, kind, person, item, arg };
	return CH_OK;
}

/* A pipeline step: never earlier than a minute after the previous one. */
static int64_t plan_add(struct plan *p, int kind, int64_t at, int person, int arg)
{
	if (p->n && at < p->v[p->n - 1].at + 60)
		at = p->v[p->n - 1].at + 60;
	if (p->n < PLAN_MAX)
		p->v[p->n++] = (struct daction){ at, 0, kind, person, 0, arg };
	return at;
}

/* Office hours (07:00–16:30 UTC, Monday to Friday): editors and creators act
 * then, which is what makes the heatmaps look like a workplace. */
static int64_t work_time(struct demo *d, int64_t t)
{
	for (int guard = 0; guard < 8; guard++) {
		int64_t day = t / DAY, sec = t % DAY;
		int wd = (int)((day + 3) % 7);      /* 1970-01-01 was a Thursday; 0 = Monday */
		if (wd >= 5)
			t = (day + 7 - wd) * DAY + 7 * HOUR + rng_range(&d->rng, 0, 90 * 60);
		else if (sec < 7 * HOUR)
			t = day * DAY + 7 * HOUR + rng_range(&d->rng, 0, 90 * 60);
		else if (sec >= 16 * HOUR + 1800)
			t = (day + 1) * DAY + 7 * HOUR + rng_range(&d->rng, 0, 90 * 60);
		else
			break;
	}
	return t;
}

/* People share in their own time too, evenings and weekends. */
static int64_t free_time(struct demo *d, int64_t t)
{
	int64_t day = t / DAY, sec = t % DAY;
	if (sec < 6 * HOUR)
		return day * DAY + 6 * HOUR + rng_range(&d->rng, 0, 3 * HOUR);
	if (sec >= 21 * HOUR)
		return (day + 1) * DAY + 6 * HOUR + rng_range(&d->rng, 0, 4 * HOUR);
	return t;
}

static int week_of(const struct demo *d, int64_t t)
{
	return (int)((t - d->t0) / WEEK);
}

/* When someone who leaves is set inactive (0: never). */
static int64_t gone_at(const struct demo *d, int person);

/* --- people ------------------------------------------------------------------ */

static int64_t gone_at(const struct demo *d, int person)
{
	const struct dperson *p = &d->people[person];
	return p->leaves ? d->t0 + (int64_t)(p->to_week + 1) * WEEK : 0;
}

static void person_set(struct dperson *p, const char *first, const char *first_ascii,
		       const char *last, const char *last_ascii, int team)
{
	memset(p, 0, sizeof *p);
	snprintf(p->name, sizeof p->name, "%s %s", first, last);
	snprintf(p->first, sizeof p->first, "%s", first);
	snprintf(p->login, sizeof p->login, "%s.%s", first_ascii, last_ascii);
	p->team = team;
	p->roles = ROLE_PUBLISHER;
}

static int login_taken(const struct demo *d, const char *login)
{
	for (int i = 0; i < d->npeople; i++)
		if (strcmp(d->people[i].login, login) == 0)
			return 1;
	return 0;
}

/* Weighted choice among people; weight(p) <= 0 excludes.  -1 when none. */
static int pick_weighted(uint64_t *r, const int *w, int n)
{
	int64_t total = 0;
	for (int i = 0; i < n; i++)
		total += w[i] > 0 ? w[i] : 0;
	if (total <= 0)
		return -1;
	int64_t x = rng_range(r, 0, total - 1);
	for (int i = 0; i < n; i++) {
		if (w[i] <= 0)
			continue;
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return -1;
}

/* The roster: the caller (a master already), a fictional master, then the
 * teams; roles, temperaments, platforms and followers. */
static void plan_people(struct demo *d, const char *caller, const char *caller_name)
{
	uint64_t *r = &d->rng;
	struct dperson *p = &d->people[0];
	memset(p, 0, sizeof *p);
	snprintf(p->login, sizeof p->login, "%s", caller);
	snprintf(p->name, sizeof p->name, "%s", caller_name);
	snprintf(p->first, sizeof p->first, "%s", caller_name);
	p->team = TEAM_STAF;
	p->roles = ROLE_MASTER | ROLE_EDITOR | ROLE_CREATOR | ROLE_PUBLISHER;
	person_set(&d->people[1], "Anouk", "anouk", "van 't Hof", "vanthof", TEAM_STAF);
	d->people[1].roles = ROLE_MASTER | ROLE_EDITOR | ROLE_CREATOR | ROLE_PUBLISHER;
	d->npeople = 1;
	if (login_taken(d, d->people[1].login))   /* the caller's own login, by chance */
		snprintf(d->people[1].login, sizeof d->people[1].login, "anouk.vanthof2");
	d->npeople = 2;

	for (int t = 0; t < NTEAMS; t++) {
		int have = t == TEAM_STAF ? 2 : 0, first_member = d->npeople;
		for (; have < demo_teams[t].size && d->npeople < DEMO_MAXPEOPLE; have++) {
			struct dperson *q = &d->people[d->npeople];
			if (t == TEAM_SALES && have == 0) {
				person_set(q, "Sébastien", "sebastien", "Dupré", "dupre", t);
				if (login_taken(d, q->login))
					snprintf(q->login, sizeof q->login, "sebastien.dupre2");
			} else {
				/* The last two first names and surnames are reserved for the
				 * two named people. */
				for (int tries = 0; tries < 200; tries++) {
					int f = rng_below(r, NELEM(demo_first) - 2);
					int l = rng_below(r, NELEM(demo_last) - 2);
					person_set(q, demo_first[f][0], demo_first[f][1], demo_last[l][0],
						   demo_last[l][1], t);
					if (!login_taken(d, q->login))
						break;
				}
			}
			d->npeople++;
		}
		/* Roles by position in the team: editors first, then creators. */
		int k = 0;
		for (int i = first_member; i < d->npeople; i++, k++) {
			if (k < demo_teams[t].editors)
				d->people[i].roles |= ROLE_EDITOR;
			else if (k < demo_teams[t].editors + demo_teams[t].creators)
				d->people[i].roles |= ROLE_CREATOR;
		}
	}

	/* Temperaments: about a fifth never take part (only people without a
	 * pipeline role: editors and creators do their job), five front-runners. */
	int nnever = d->npeople / 5, nchamp = 2;
	d->people[1].temper = T_CHAMPION;
	for (int i = 2; i < d->npeople; i++)
		d->people[i].temper = T_QUIET;
	d->people[0].temper = T_REGULAR;
	for (int i = 2; i < d->npeople; i++)
		if (strncmp(d->people[i].login, "sebastien.dupre", 15) == 0)
			d->people[i].temper = T_CHAMPION;
	for (int guard = 0; nnever > 0 && guard < 10000; guard++) {
		int i = (int)rng_range(r, 2, d->npeople - 1);
		if (d->people[i].roles == ROLE_PUBLISHER && d->people[i].temper == T_QUIET) {
			d->people[i].temper = T_NEVER;
			nnever--;
		}
	}
	for (int guard = 0; nchamp < 5 && guard < 10000; guard++) {
		int i = (int)rng_range(r, 2, d->npeople - 1);
		if (d->people[i].temper == T_QUIET) {
			d->people[i].temper = T_CHAMPION;
			nchamp++;
		}
	}
	for (int i = 2; i < d->npeople; i++)
		if (d->people[i].temper == T_QUIET && rng_chance(r, 38))
			d->people[i].temper = T_REGULAR;

	int churn = 5, leaver = 1;
	for (int i = 0; i < d->npeople; i++) {
		struct dperson *q = &d->people[i];
		q->to_week = DEMO_WEEKS;
		switch (q->temper) {
		case T_NEVER:    q->share_w = 0; break;
		case T_QUIET:    q->share_w = (int)rng_range(r, 4, 14); q->from_week = (int)rng_range(r, 1, 16); break;
		case T_REGULAR:  q->share_w = (int)rng_range(r, 22, 40); q->from_week = (int)rng_range(r, 0, 6); break;
		case T_CHAMPION: q->share_w = (int)rng_range(r, 85, 120); q->from_week = (int)rng_range(r, 0, 1); break;
		}
		/* A few lose interest and show up in the quiet list; one leaves. */
		if (i >= 2 && q->roles == ROLE_PUBLISHER && q->temper != T_NEVER && q->temper != T_CHAMPION &&
		    churn > 0 && rng_chance(r, 30)) {
			q->to_week = DEMO_WEEKS - (int)rng_range(r, 5, 10);
			if (q->from_week > q->to_week - 3)
				q->from_week = q->to_week - 3 > 0 ? q->to_week - 3 : 0;
			churn--;
			if (leaver > 0 && q->to_week < DEMO_WEEKS - 6) {
				q->leaves = 1;
				leaver--;
			}
		}
		if (q->roles & ROLE_CREATOR)
			q->make_w = q->temper == T_CHAMPION ? 6 : (int)rng_range(r, 1, 4);
		else if (q->roles & (ROLE_EDITOR | ROLE_MASTER))
			q->make_w = 1;
		if (q->roles & (ROLE_EDITOR | ROLE_MASTER))
			q->edit_w = i == 1 ? 4 : i == 0 ? 1 : (int)rng_range(r, 2, 4);
		/* Where they post: almost everyone on LinkedIn. */
		int big = q->temper == T_CHAMPION ? 3 : q->temper == T_REGULAR ? 2 : 1;
		if (rng_chance(r, 90))
			q->plats |= 1 << PL_LINKEDIN;
		if (rng_chance(r, 50))
			q->plats |= 1 << PL_FACEBOOK;
		if (rng_chance(r, 45))
			q->plats |= 1 << PL_INSTAGRAM;
		if (rng_chance(r, 20))
			q->plats |= 1 << PL_X;
		if (!q->plats)
			q->plats = 1 << PL_LINKEDIN;
		q->followers[PL_LINKEDIN] = (int)rng_range(r, 80, 400) * big + (big == 3 ? 700 : 0);
		q->followers[PL_X] = (int)rng_range(r, 20, 300) * big;
		q->followers[PL_INSTAGRAM] = (int)rng_range(r, 60, 500) * big;
		q->followers[PL_FACEBOOK] = (int)rng_range(r, 90, 350) * big;
	}
}

/* --- text ----------------------------------------------------------------------- */

struct dbuf {
	char s[4096];
	size_t n;
};

static void buf_reset(struct dbuf *b)
{
	b->n = 0;
	b->s[0] = 0;
}

/* Append a whole fragment, or nothing: never cut a word or a character. */
static void buf_add(struct dbuf *b, const char *t)
{
	size_t l = strlen(t);
	if (b->n + l >= sizeof b->s)
		return;
	memcpy(b->s + b->n, t, l + 1);
	b->n += l;
}

static int list_len(demo_list l)
{
	int n = 0;
	while (l[n])
		n++;
	return n;
}

static const char *list_pick(uint64_t *r, demo_list l)
{
	return l[rng_below(r, list_len(l))];
}

/* Fill the slots of a fragment for an item. */
static void fill(const struct demo *d, const struct ditem *it, const char *tmpl, struct dbuf *b)
{
	char tmp[64];
	int lang = it->lang;
	const struct dperson *col = &d->people[it->colleague];
	for (const char *p = tmpl; *p; p++) {
		if (p[0] != '{' || !p[1] || p[2] != '}') {
			char c[2] = { *p, 0 };
			buf_add(b, c);
			continue;
		}
		const char *v = "";
		switch (p[1]) {
		case 'P': v = demo_plants[it->plant][lang]; break;
		case 'K': v = demo_places[it->place][lang]; break;
		case 'N': v = col->first; break;
		case 'T': v = demo_teams[col->team].name; break;
		case 'C': v = d->people[it->creator].first; break;
		case 'E': v = d->people[it->editor].first; break;
		case 'D': v = demo_weekdays[it->weekday][lang]; break;
		case 'M': v = demo_months[it->month][lang]; break;
		case 'n': snprintf(tmp, sizeof tmp, "%d", it->num); v = tmp; break;
		case 'Y': snprintf(tmp, sizeof tmp, "%d", it->years); v = tmp; break;
		case 'k':
			snprintf(tmp, sizeof tmp, "%d%s000", it->thousands, lang == LANG_NL ? "." : ",");
			v = tmp;
			break;
		}
		buf_add(b, v);
		p += 2;
	}
}

static void fill_title(const struct demo *d, const struct ditem *it, struct dbuf *b)
{
	buf_reset(b);
	fill(d, it, demo_pillars[it->pillar].titles[it->lang][it->title], b);
}

/* The title as the first sentence of a post. */
static void add_title_sentence(const struct demo *d, const struct ditem *it, struct dbuf *b)
{
	struct dbuf t;
	fill_title(d, it, &t);
	buf_add(b, t.s);
	if (t.n && !strchr("?!.", t.s[t.n - 1]))
		buf_add(b, ".");
}

/* Pick k distinct lines of the item's pillar, in random order, into idx. */
static int pick_lines(uint64_t *r, const struct ditem *it, int k, int *idx)
{
	demo_list l = demo_pillars[it->pillar].lines[it->lang];
	int n = list_len(l), got = 0;
	if (k > n)
		k = n;
	while (got < k) {
		int x = rng_below(r, n), dup = 0;
		for (int i = 0; i < got; i++)
			dup |= idx[i] == x;
		if (!dup)
			idx[got++] = x;
	}
	return got;
}

/* What the creator writes: a line about the material, two to four sentences
 * of the pillar, sometimes a sign-off, and now and then something that must
 * not go out (for the editor to catch). */
static void make_body(struct demo *d, const struct ditem *it, struct dbuf *b)
{
	uint64_t *r = &d->words;
	demo_list lines = demo_pillars[it->pillar].lines[it->lang];
	int idx[4], n = pick_lines(r, it, (int)rng_range(r, 2, 4), idx);
	buf_reset(b);
	const char *opener = demo_openers[it->kind][it->lang];
	if (*opener) {
		buf_add(b, opener);
		buf_add(b, "\n\n");
	}
	for (int i = 0; i < n; i++) {
		if (i)
			buf_add(b, i == 2 ? "\n\n" : " ");
		fill(d, it, lines[idx[i]], b);
	}
	if (it->risky == 1) {
		buf_add(b, "\n\n");
		buf_add(b, demo_risky_body[it->num % NELEM(demo_risky_body)]);
	}
	if (rng_chance(r, 40)) {
		buf_add(b, "\n\n");
		fill(d, it, list_pick(r, demo_closers[it->lang]), b);
	}
}

/* The first hashtag of a pillar, for X where space is short. */
static void first_tag(const char *tags, char *out, size_t n)
{
	size_t l = strcspn(tags, " ");
	snprintf(out, n, "%.*s", (int)l, tags);
}

/* One message for a platform.  Variants differ in hook, lines and order, so
 * that publishers never all post the same words. */
static void make_message(struct demo *d, const struct ditem *it, int plat, int flags, struct dbuf *b)
{
	uint64_t *r = &d->words;
	int lang = it->lang, plain = !(flags & M_RISKY) && (flags & 0x10);
	demo_list lines = demo_pillars[it->pillar].lines[lang];
	int idx[3];
	buf_reset(b);
	if (plat == PL_X) {
		char tag[48];
		first_tag(demo_pillars[it->pillar].tags, tag, sizeof tag);
		for (int attempt = 0; attempt < 3; attempt++) {
			buf_reset(b);
			if (attempt < 2 && rng_chance(r, 50)) {
				buf_add(b, list_pick(r, demo_hooks[lang]));
				buf_add(b, " ");
			}
			add_title_sentence(d, it, b);
			if (attempt == 0) {
				pick_lines(r, it, 1, idx);
				buf_add(b, " ");
				fill(d, it, lines[idx[0]], b);
			}
			if (flags & M_RISKY) {
				buf_add(b, " ");
				buf_add(b, demo_risky_message[lang]);
			}
			buf_add(b, " ");
			buf_add(b, tag);
			if (utf8_count(b->s, strlen(b->s)) <= (size_t)demo_platforms[PL_X].max)
				break;
		}
		return;
	}
	if (plat == PL_INSTAGRAM)
		buf_add(b, demo_emoji[rng_below(r, NELEM(demo_emoji))]);
	else {
		buf_add(b, list_pick(r, demo_hooks[lang]));
		buf_add(b, plat == PL_FACEBOOK ? " " : "\n\n");
	}
	add_title_sentence(d, it, b);
	int n = pick_lines(r, it, plat == PL_LINKEDIN ? (int)rng_range(r, 2, 3) : (int)rng_range(r, 1, 2), idx);
	buf_add(b, plat == PL_FACEBOOK ? " " : "\n\n");
	for (int i = 0; i < n; i++) {
		if (i)
			buf_add(b, " ");
		fill(d, it, lines[idx[i]], b);
	}
	if (!plain) {
		/* Slips a warning rule will point out; approval still goes through. */
		if (rng_chance(r, 6)) {
			buf_add(b, " ");
			buf_add(b, demo_brochure[lang]);
		}
		if (it->pillar == PIL_TRADE && plat == PL_FACEBOOK && rng_chance(r, 20)) {
			buf_add(b, " ");
			buf_add(b, demo_offer[lang]);
		}
		if (it->pillar == PIL_CARE && lang == LANG_NL && rng_chance(r, 12)) {
			buf_add(b, " ");
			buf_add(b, demo_care_slip);
		}
	}
	if (flags & M_RISKY) {
		buf_add(b, " ");
		buf_add(b, demo_risky_message[lang]);
	}
	/* Most say they work here; those that do not get the info flag. */
	if (rng_chance(r, plat == PL_LINKEDIN ? 85 : 65)) {
		buf_add(b, plat == PL_FACEBOOK ? " " : "\n\n");
		buf_add(b, list_pick(r, demo_disclosures[lang]));
	}
	if (plat == PL_FACEBOOK) {
		buf_add(b, " ");
		buf_add(b, list_pick(r, demo_fb_closers[lang]));
	} else {
		buf_add(b, "\n\n");
		buf_add(b, demo_pillars[it->pillar].tags);
		if (plat == PL_INSTAGRAM)
			buf_add(b, " #tuinliefde #planten");
	}
}

/* Does text pass the blocking rules (what approval demands)? */
static int passes_policy(struct demo *d, const char *text)
{
	struct policy_match *m = NULL;
	int n = 0, worst = policy_check(d->pol, text, &m, &n), ok = worst >= 0 && worst < SEV_BLOCK;
	for (int i = 0; i < n; i++)
		if (m[i].too_expensive && m[i].rule->severity == SEV_BLOCK)
			ok = 0;
	free(m);
	return ok;
}

/* --- planning the items ------------------------------------------------------------ */

/* A creator (weighted); people with no creator weight never submit. */
static int pick_creator(struct demo *d)
{
	int w[DEMO_MAXPEOPLE] = { 0 };
	for (int i = 0; i < d->npeople; i++)
		w[i] = d->people[i].make_w;
	int p = pick_weighted(&d->rng, w, d->npeople);
	return p < 0 ? 1 : p;
}

static int pick_editor(struct demo *d)
{
	int w[DEMO_MAXPEOPLE] = { 0 };
	for (int i = 0; i < d->npeople; i++)
		w[i] = d->people[i].edit_w;
	int p = pick_weighted(&d->rng, w, d->npeople);
	return p < 0 ? 1 : p;
}

/* A publisher who takes part at time t and has not shared this item yet. */
static int pick_publisher(struct demo *d, const struct ditem *it, int64_t t, int boost_campaign)
{
	int w[DEMO_MAXPEOPLE] = { 0 }, week = week_of(d, t);
	for (int i = 0; i < d->npeople; i++) {
		const struct dperson *p = &d->people[i];
		int done = (int)(it->shared_by[i / 64] >> (i % 64)) & 1;
		w[i] = !done && week >= p->from_week && week <= p->to_week ? p->share_w : 0;
		/* Campaigns bring out the regulars more than the front-runners. */
		if (boost_campaign && p->temper == T_REGULAR)
			w[i] = w[i] * 3 / 2;
	}
	return pick_weighted(&d->rng, w, d->npeople);
}

/* A colleague to mention: from the pillar's team when it has one. */
static int pick_colleague(struct demo *d, int pillar)
{
	int w[DEMO_MAXPEOPLE] = { 0 }, team = demo_pillars[pillar].team;
	for (int i = 0; i < d->npeople; i++)
		w[i] = i >= 2 && (team < 0 || d->people[i].team == team) ? 1 : 0;
	int p = pick_weighted(&d->rng, w, d->npeople);
	return p < 0 ? 2 : p;
}

static int pick_pillar(struct demo *d, int team, int64_t t)
{
	/* Near a campaign, half the items are written for it. */
	for (int c = 0; c < NCAMPAIGNS; c++)
		if (t >= d->camp_start[c] - 2 * WEEK && t <= d->camp_end[c] && rng_chance(&d->rng, 50))
			return rng_chance(&d->rng, 70) ? demo_campaigns[c].pillar : demo_campaigns[c].pillar2;
	int w[NPILLARS];
	for (int i = 0; i < NPILLARS; i++)
		w[i] = demo_team_pillars[team][i];
	int p = pick_weighted(&d->rng, w, NPILLARS);
	return p < 0 ? PIL_CRAFT : p;
}

/* Submit time: in [lo, hi], denser towards hi (the programme grows). */
static int64_t pick_time(struct demo *d, int64_t lo, int64_t hi, int grow)
{
	if (hi <= lo)
		return lo;
	uint64_t span = (uint64_t)(hi - lo);
	uint64_t a = rng_next(&d->rng) % span, b = rng_next(&d->rng) % span;
	/* The larger of two draws leans late; a plain draw otherwise. */
	return lo + (int64_t)(grow && b > a ? b : a);
}

/* Messages for a content item: one to three platforms, one to three variants. */
static void plan_messages(struct demo *d, struct plan *p, const struct ditem *it, int64_t *t,
			  int flags, int few)
{
	uint64_t *r = &d->rng;
	int nplat = few ? 1 : rng_chance(r, 35) ? 1 : rng_chance(r, 70) ? 2 : 3;
	for (int k = 0; k < nplat; k++) {
		int plat = demo_pillars[it->pillar].plats[k];
		int nvar = plat == PL_LINKEDIN ? (rng_chance(r, 45) ? 1 : rng_chance(r, 65) ? 2 : 3)
					       : (rng_chance(r, 70) ? 1 : 2);
		if (few)
			nvar = 1;
		for (int v = 0; v < nvar; v++) {
			int f = flags;
			if ((flags & M_RISKY) && (k || v))
				f &= ~M_RISKY;   /* one bad draft is enough */
			*t = plan_add(p, A_MESSAGE, work_time(d, *t + rng_range(r, 5 * 60, 40 * 60)), it->editor,
				      plat | v << 4 | f << 8);
		}
	}
}

/* The editor takes an item: pillar, a question and its answer, an edit. */
static int64_t plan_take(struct demo *d, struct plan *p, struct ditem *it, int64_t t, int edit_pct)
{
	uint64_t *r = &d->rng;
	t = plan_add(p, A_TAKE, work_time(d, t + rng_range(r, 2 * HOUR, 72 * HOUR)), it->editor, 0);
	if (!it->pillar_at_submit)
		t = plan_add(p, A_PILLAR, t + rng_range(r, 60, 600), it->editor, 0);
	if (rng_chance(r, 35)) {
		/* index 5 is the English question */
		int q = it->lang == LANG_EN ? 5 : rng_below(r, NELEM(demo_questions) - 1);
		if (it->lang == LANG_NL && q >= 5)
			q++;
		t = plan_add(p, A_COMMENT, t + rng_range(r, 10 * 60, 60 * 60), it->editor, C_QUESTION * 100 + q);
		t = plan_add(p, A_COMMENT, work_time(d, t + rng_range(r, HOUR, 20 * HOUR)), it->creator,
			     C_ANSWER * 100 + q);
	}
	if (rng_chance(r, edit_pct))
		t = plan_add(p, A_EDIT, work_time(d, t + rng_range(r, 20 * 60, 4 * HOUR)), it->editor,
			     rng_below(r, NELEM(demo_edit_notes)));
	return t;
}

enum { VIA_SHARED, VIA_INBOX, VIA_REJECTED };

/* Move all steps by delta seconds. */
static void plan_shift(struct plan *p, int64_t delta)
{
	for (int i = 0; i < p->n; i++)
		p->v[i].at += delta;
}

/* Keep the whole pipeline in the past: whole weeks back (weekday and hour
 * stay), or, when that would leave the history, steps packed closer. */
static void plan_fit(struct demo *d, struct plan *p)
{
	int64_t limit = d->now - 1800;
	while (p->n && p->v[p->n - 1].at > limit && p->v[0].at - WEEK >= d->t0)
		plan_shift(p, -WEEK);
	if (p->n && p->v[p->n - 1].at > limit) {
		int64_t gap = (limit - p->v[0].at) / (p->n + 1);
		if (gap > 2 * HOUR)
			gap = 2 * HOUR;
		if (gap < 60)
			gap = 60;
		for (int i = 1; i < p->n; i++)
			p->v[i].at = p->v[i - 1].at + gap;
	}
}

static int64_t step_time(const struct plan *p, int kind)
{
	for (int i = 0; i < p->n; i++)
		if (p->v[i].kind == kind)
			return p->v[i].at;
	return 0;
}

static int add_share(struct demo *d, int item, int person, int64_t at)
{
	if (d->nshares == d->capshares) {
		int cap = d->capshares ? d->capshares * 2 : 1024;
		struct dshare *v = realloc(d->shares, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		d->shares = v;
		d->capshares = cap;
	}
	d->shares[d->nshares] = (struct dshare){ item, person, 0, 0, at };
	d->items[item].shared_by[person / 64] |= (uint64_t)1 << (person % 64);
	return d->nshares++;
}

/* One share with what follows it: its figures a few days later (most people
 * report them), and sometimes a word about how it went. */
static int plan_one_share(struct demo *d, int item, int person, int64_t at)
{
	uint64_t *r = &d->rng;
	int sh = add_share(d, item, person, at);
	if (sh < 0)
		return nomem(d);
	int st = act_add(d, A_SHARE, at, person, item, sh);
	int64_t gone = gone_at(d, person), until = gone && gone < d->now - 60 ? gone : d->now - 60;
	int64_t f = free_time(d, at + rng_range(r, DAY, 6 * DAY));
	if (st == CH_OK && f < until && rng_chance(r, 78))
		st = act_add(d, A_FIGURES, f, person, item, sh);
	int64_t c = free_time(d, at + rng_range(r, 30 * 60, 2 * DAY));
	if (st == CH_OK && c < until && rng_chance(r, 14))
		st = act_add(d, A_COMMENT, c, person, item, C_SHARE * 100 + rng_below(r, NELEM(demo_share_notes)));
	return st;
}

/* The shares of an approved item: the first soon after approval, the rest
 * trailing off over the following weeks.  Returns the last share's time. */
static int plan_shares(struct demo *d, int item, int64_t first, int64_t approved, int64_t *last)
{
	uint64_t *r = &d->rng;
	struct ditem *it = &d->items[item];
	int boost = it->campaign >= 0;
	int k = 1 + (int)rng_range(r, 0, 4) + (boost ? (int)rng_range(r, 1, 3) : 0)
		+ (it->pillar == PIL_PEOPLE || it->pillar == PIL_CARE ? 1 : 0)
		+ (rng_chance(r, 8) ? (int)rng_range(r, 5, 10) : 0);
	int who = pick_publisher(d, it, first, boost);
	if (who < 0)
		who = it->editor;    /* someone shares it: it is in stage shared */
	int st = plan_one_share(d, item, who, first);
	int64_t t = first;
	*last = first;
	for (int i = 1; st == CH_OK && i < k; i++) {
		int64_t u = rng_range(r, 0, 1000);
		t = free_time(d, t + 2 * HOUR + u * u * 4 * DAY / 1000000);
		if (t > d->now - 300 || t > approved + 5 * WEEK)
			break;
		who = pick_publisher(d, it, t, boost);
		if (who < 0)
			continue;
		st = plan_one_share(d, item, who, t);
		*last = t;
	}
	return st;
}

/* Everything about one content item, from submission to its final stage. */
static int plan_item(struct demo *d, int i, int nth_shared)
{
	uint64_t *r = &d->rng;
	struct ditem *it = &d->items[i];
	struct plan p = { .n = 0 };
	int64_t now = d->now, t0 = d->t0, S;
	int via = VIA_SHARED;
	if (it->final == STAGE_ARCHIVED)
		via = rng_chance(r, 60) ? VIA_SHARED : rng_chance(r, 62) ? VIA_INBOX : VIA_REJECTED;

	switch (it->final) {
	case STAGE_INBOX:
		S = rng_chance(r, 15) ? pick_time(d, now - 45 * DAY, now - 15 * DAY, 0)
				      : pick_time(d, now - 14 * DAY, now - HOUR, 1);
		break;
	case STAGE_EDITING:  S = pick_time(d, now - 21 * DAY, now - DAY, 1); break;
	case STAGE_READY:    S = pick_time(d, now - 30 * DAY, now - 4 * DAY, 1); break;
	case STAGE_REJECTED: S = pick_time(d, t0 + 3 * DAY, now - 2 * DAY, 0); break;
	case STAGE_ARCHIVED: S = pick_time(d, t0 + DAY, now - (via == VIA_SHARED ? 90 : 70) * DAY, 0); break;
	default:
		/* One shared item a week first, so every week of the history has
		 * shares; the rest leaning to the later weeks. */
		S = nth_shared < DEMO_WEEKS - 1 ? t0 + nth_shared * WEEK + rng_range(r, 0, 4 * DAY)
						: pick_time(d, t0 + DAY, now - 12 * DAY, 1);
		break;
	}

	it->creator = pick_creator(d);
	it->editor = pick_editor(d);
	const struct dperson *cr = &d->people[it->creator];
	it->lang = rng_chance(r, demo_teams[cr->team].english) ? LANG_EN : LANG_NL;
	it->pillar = pick_pillar(d, cr->team, S);
	it->title = rng_below(r, list_len(demo_pillars[it->pillar].titles[it->lang]));
	it->colleague = pick_colleague(d, it->pillar);
	int kw[NELEM(demo_kind_weights)];
	memcpy(kw, demo_kind_weights, sizeof kw);
	it->kind = pick_weighted(r, kw, NELEM(kw));
	it->plant = rng_below(r, NELEM(demo_plants));
	it->place = rng_below(r, NELEM(demo_places));
	it->num = (int)rng_range(r, 2, 30);
	it->thousands = (int)rng_range(r, 3, 40);
	it->years = (int)rng_range(r, 3, 31);
	it->weekday = rng_below(r, NELEM(demo_weekdays));
	it->pillar_at_submit = rng_chance(r, 60);
	it->campaign = -1;
	it->reason = rng_below(r, NELEM(demo_reasons));
	if ((it->final == STAGE_INBOX && rng_chance(r, 12)) ||
	    (it->final == STAGE_REJECTED && rng_chance(r, 15))) {
		it->risky = 1;
		it->reason = -1;
	} else if (it->final == STAGE_EDITING && rng_chance(r, 12)) {
		it->risky = 2;
	}

	int64_t t = plan_add(&p, A_SUBMIT, work_time(d, S), it->creator, 0);
	int goes_ready = it->final == STAGE_READY || it->final == STAGE_SHARED ||
			 (it->final == STAGE_ARCHIVED && via == VIA_SHARED);
	if (it->final == STAGE_REJECTED || (it->final == STAGE_ARCHIVED && via == VIA_REJECTED)) {
		if (it->risky || rng_chance(r, 40)) {
			t = plan_add(&p, A_REJECT, work_time(d, t + rng_range(r, 3 * HOUR, 96 * HOUR)), it->editor, 0);
		} else {
			t = plan_take(d, &p, it, t, 0);
			if (rng_chance(r, 30))
				plan_messages(d, &p, it, &t, 0, 1);
			t = plan_add(&p, A_REJECT, work_time(d, t + rng_range(r, 2 * HOUR, 72 * HOUR)), it->editor, 0);
		}
	} else if (it->final == STAGE_EDITING) {
		t = plan_take(d, &p, it, t, 40);
		if (it->risky || rng_chance(r, 70))
			plan_messages(d, &p, it, &t, it->risky ? M_RISKY : 0, 0);
	} else if (goes_ready) {
		t = plan_take(d, &p, it, t, 50);
		plan_messages(d, &p, it, &t, M_CLEAN, 0);
		int approver = rng_chance(r, 20) ? 1 : it->editor;
		t = plan_add(&p, A_APPROVE, work_time(d, t + rng_range(r, HOUR, 30 * HOUR)), approver, 0);
		if (rng_chance(r, 6)) {
			/* Approved too soon: back to editing, fixed, approved again. */
			t = plan_add(&p, A_BACK, work_time(d, t + rng_range(r, 30 * 60, 5 * HOUR)), approver, 0);
			t = plan_add(&p, A_COMMENT, t + rng_range(r, 60, 600), approver,
				     C_BACK * 100 + rng_below(r, NELEM(demo_back_notes)));
			t = plan_add(&p, A_APPROVE, work_time(d, t + rng_range(r, 30 * 60, 24 * HOUR)), approver, 0);
		}
		if (it->final != STAGE_READY)
			plan_add(&p, A_SHARE, free_time(d, t + rng_range(r, HOUR, 30 * HOUR)), -1, 0);
	}
	plan_fit(d, &p);

	/* When and in what campaign, now that the times are final. */
	int64_t submitted = p.v[0].at, taken = step_time(&p, A_TAKE);
	time_t tt = (time_t)submitted;
	struct tm tm;
	gmtime_r(&tt, &tm);
	it->month = tm.tm_mon;
	it->year = tm.tm_year + 1900;
	for (int c = 0; taken && c < NCAMPAIGNS && it->campaign < 0; c++) {
		int fits = it->pillar == demo_campaigns[c].pillar || it->pillar == demo_campaigns[c].pillar2;
		if (taken >= d->camp_start[c] - 10 * DAY && taken <= d->camp_end[c] &&
		    rng_chance(r, fits ? 80 : 10))
			it->campaign = c;
	}

	int st = CH_OK;
	int64_t first_share = 0, approved = 0, end = p.v[p.n - 1].at;
	for (int k = 0; st == CH_OK && k < p.n; k++) {
		struct daction *a = &p.v[k];
		if (a->kind == A_SHARE) {
			first_share = a->at;
			continue;
		}
		if (a->kind == A_APPROVE)
			approved = a->at;
		st = act_add(d, a->kind, a->at, a->person, i, a->arg);
		if (st == CH_OK && a->kind == A_TAKE && it->campaign >= 0)
			st = act_add(d, A_CAMPAIGN, a->at + 120, a->person, i, it->campaign);
	}

	/* Side conversations, outside the pipeline's order. */
	if (st == CH_OK && rng_chance(r, 20)) {
		int64_t c = work_time(d, submitted + rng_range(r, HOUR, 30 * HOUR));
		if (c < now - 60 && (!taken || c < taken))
			st = act_add(d, A_COMMENT, c, pick_editor(d), i, C_INBOX * 100 + rng_below(r, NELEM(demo_inbox_notes)));
	}
	int64_t rejected = step_time(&p, A_REJECT);
	if (st == CH_OK && rejected && rng_chance(r, 50)) {
		int64_t c = work_time(d, rejected + rng_range(r, HOUR, 48 * HOUR));
		if (c < now - 60)
			st = act_add(d, A_COMMENT, c, it->creator, i,
				     C_REJECTED * 100 + rng_below(r, NELEM(demo_reject_replies)));
		if (c > end)
			end = c;
	}

	if (st == CH_OK && first_share) {
		int64_t last = first_share;
		st = plan_shares(d, i, first_share, approved, &last);
		end = last;
	}
	if (st == CH_OK && it->final == STAGE_ARCHIVED) {
		int64_t a = work_time(d, end + (via == VIA_SHARED ? rng_range(r, 10 * DAY, 40 * DAY)
								: rng_range(r, 14 * DAY, 50 * DAY)));
		if (a > now - 120)
			a = end + 60 < now - 120 ? now - 120 : end + 60;
		st = act_add(d, A_ARCHIVE, a, rng_chance(r, 80) ? 1 : 0, i, 0);
	}
	return st;
}

static int act_cmp(const void *x, const void *y)
{
	const struct daction *a = x, *b = y;
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Stages of all items, in the proportions of a programme that runs. */
static int plan_items(struct demo *d)
{
	uint64_t *r = &d->rng;
	int n = 296 + (int)rng_range(r, 0, 8);
	d->items = calloc((size_t)n, sizeof *d->items);
	if (!d->items)
		return nomem(d);
	d->nitems = n;
	int counts[STAGE_COUNT] = {
		[STAGE_INBOX] = n * 8 / 100, [STAGE_EDITING] = n * 7 / 100, [STAGE_READY] = n * 9 / 100,
		[STAGE_REJECTED] = n * 9 / 100, [STAGE_ARCHIVED] = n * 10 / 100,
	};
	int k = 0;
	for (int s = 0; s < STAGE_COUNT; s++)
		for (int j = 0; j < counts[s]; j++)
			d->items[k++].final = s;
	while (k < n)
		d->items[k++].final = STAGE_SHARED;
	for (int i = n - 1; i > 0; i--) {
		int j = rng_below(r, i + 1), f = d->items[i].final;
		d->items[i].final = d->items[j].final;
		d->items[j].final = f;
	}
	int st = CH_OK, nth_shared = 0;
	for (int i = 0; st == CH_OK && i < n; i++) {
		st = plan_item(d, i, d->items[i].final == STAGE_SHARED ? nth_shared : DEMO_WEEKS);
		nth_shared += d->items[i].final == STAGE_SHARED;
	}
	/* Campaigns are set up two weeks before they start; one colleague leaves. */
	for (int c = 0; st == CH_OK && c < NCAMPAIGNS; c++)
		st = act_add(d, A_ADD_CAMPAIGN, work_time(d, d->camp_start[c] - 14 * DAY), 1, -1, c);
	for (int i = 0; st == CH_OK && i < d->npeople; i++)
		if (d->people[i].leaves)
			st = act_add(d, A_LEAVE, gone_at(d, i), 1, -1, i);
	if (st == CH_OK)
		qsort(d->acts, (size_t)d->nacts, sizeof *d->acts, act_cmp);
	return st;
}

/* --- setting it up ---------------------------------------------------------------------- */

static void step_clock(int64_t *t, int64_t by)
{
	*t += by;
	store_clock_set(*t);
}

static int setup_strategy(struct demo *d, int64_t *t)
{
	struct store *s = d->s;
	struct err *e = d->e;
	int st = CH_OK;
	for (int i = 0; st == CH_OK && i < NPLAT; i++) {
		struct platform p = {
			.key = (char *)demo_platforms[i].key, .name = (char *)demo_platforms[i].name,
			.max_length = demo_platforms[i].max, .share_url = (char *)demo_platforms[i].share_url,
			.cpm = demo_platforms[i].cpm, .cpc = demo_platforms[i].cpc,
			.reaction_multiplier = demo_platforms[i].reaction_multiplier,
		};
		step_clock(t, 45);
		st = platform_add(s, &p, NULL, e);
	}
	for (int i = 0; st == CH_OK && i < NELEM(demo_audiences); i++) {
		char *plats[3];
		int n = 0;
		for (int k = 0; k < 3 && demo_audiences[i].platforms[k]; k++)
			plats[n++] = (char *)demo_audiences[i].platforms[k];
		struct audience a = { .name = (char *)demo_audiences[i].name,
				      .info_need = (char *)demo_audiences[i].info_need,
				      .platforms = plats, .nplatforms = n };
		step_clock(t, 90);
		st = audience_add(s, &a, NULL, e);
	}
	for (int i = 0; st == CH_OK && i < NELEM(demo_goals); i++) {
		char *auds[2];
		int n = 0;
		for (int k = 0; k < 2 && demo_goals[i].audiences[k]; k++)
			auds[n++] = (char *)demo_goals[i].audiences[k];
		struct goal g = { .title = (char *)demo_goals[i].title, .description = (char *)demo_goals[i].description,
				  .kpi_metric = (char *)demo_goals[i].kpi_metric, .kpi_target = demo_goals[i].kpi_target,
				  .audiences = auds, .naudiences = n };
		char period[16];   /* "quarter": the demo's current one (a calendar period) */
		if (strategy_period_of_word(demo_goals[i].kpi_period, store_now(), period, sizeof period) == 0)
			g.kpi_period = period;
		step_clock(t, 120);
		st = goal_add(s, &g, NULL, e);
	}
	for (int i = 0; st == CH_OK && i < NPILLARS; i++) {
		struct pillar p = { .name = (char *)demo_pillars[i].name,
				    .description = (char *)demo_pillars[i].description,
				    .colour = (char *)demo_pillars[i].colour };
		step_clock(t, 60);
		st = pillar_add(s, &p, NULL, e);
	}
	for (int i = 0; st == CH_OK && i < NELEM(demo_message_types); i++) {
		struct message_type m = { .name = (char *)demo_message_types[i][0],
					  .description = (char *)demo_message_types[i][1] };
		step_clock(t, 30);
		st = message_type_add(s, &m, NULL, e);
	}
	for (int i = 0; st == CH_OK && i < NELEM(demo_rules); i++) {
		struct policy_rule rule = { .name = (char *)demo_rules[i].name,
					    .pattern = (char *)demo_rules[i].pattern,
					    .severity = demo_rules[i].severity,
					    .guidance = (char *)demo_rules[i].guidance };
		step_clock(t, 75);
		st = policy_rule_add(s, &rule, NULL, e);
	}
	static const char *const settings[][2] = {
		{ "quiet_weeks", "4" }, { "adoption_target", "0.10" },
		{ "wip_editing", "20" }, { "wip_ready", "30" },
	};
	for (int i = 0; st == CH_OK && i < NELEM(settings); i++)
		st = store_setting_set(s, settings[i][0], settings[i][1], e);
	/* The whole organisation, not only the people in chorus: about ten
	 * staff for everyone registered, so adoption reads as it would. */
	struct headcount_change hc = { 0, d->npeople * 10 };
	struct strategy org = { .headcount = &hc, .nheadcount = 1 };
	if (st == CH_OK)
		st = strategy_set_headcount(s, &org, e);
	return st;
}

/* Everyone, by the fictional master; handles and focus groups too. */
static int setup_people(struct demo *d, int64_t *t)
{
	struct store *s = d->s;
	struct err *e = d->e;
	int st = CH_OK;
	char email[160];
	for (int i = 2; st == CH_OK && i < d->npeople; i++) {
		struct dperson *p = &d->people[i];
		snprintf(email, sizeof email, "%.63s@%s", p->login, DEMO_DOMAIN);
		/* Where they stand on the ambassador journey: those who never
		 * take part were invited, the quiet ones trained, the others active. */
		static const char *const journey[] = { "invited", "onboarded", "active", "active" };
		struct person_change c = { .name = p->name, .email = email, .team = demo_teams[p->team].name,
					   .roles = p->roles, .active = -1, .state = journey[p->temper] };
		step_clock(t, 40);
		st = people_add(s, p->login, &c, NULL, e);
	}
	for (int i = 0; st == CH_OK && i < d->npeople; i++) {
		struct dperson *p = &d->people[i];
		for (int k = 0; st == CH_OK && k < NPLAT; k++) {
			if (!(p->plats & (1 << k)))
				continue;
			char handle[96], base[64];
			/* linkedin: anouk-vanthof, x: @anoukvanthof, others: the login */
			size_t n = 0;
			for (const char *c = p->login; *c && n + 1 < sizeof base; c++)
				if (k == PL_X ? *c != '.' : 1)
					base[n++] = k == PL_LINKEDIN && *c == '.' ? '-' : *c;
			base[n] = 0;
			if (k == PL_X && n > 15)
				base[15] = 0;
			snprintf(handle, sizeof handle, "%s%s", k == PL_X ? "@" : "", base);
			step_clock(t, 5);
			st = people_set_handle(s, p->login, demo_platforms[k].key, handle, p->followers[k], e);
		}
	}
	step_clock(t, 600);
	if (st == CH_OK)
		st = focus_group_add(s, "Voorlopers", "The front-runners who started the programme: "
				     "they try new things first and help colleagues along.", NULL, e);
	for (int i = 0; st == CH_OK && i < d->npeople; i++)
		if (d->people[i].temper == T_CHAMPION)
			st = focus_group_member(s, "Voorlopers", d->people[i].login, 1, e);
	if (st == CH_OK)
		st = focus_group_add(s, "Zorgambassadeurs", "Colleagues of Zorg & Welzijn who tell "
				     "the story of the day programme.", NULL, e);
	for (int i = 0; st == CH_OK && i < d->npeople; i++)
		if (d->people[i].team == TEAM_ZORG && d->people[i].temper != T_NEVER)
			st = focus_group_member(s, "Zorgambassadeurs", d->people[i].login, 1, e);
	return st;
}

/* The caller and the fictional master, then the strategy and everyone else. */
static int setup(struct demo *d)
{
	struct store *s = d->s;
	struct err *e = d->e;
	int64_t t = work_time(d, d->t0 - 4 * DAY);
	store_clock_set(t);
	char email[160];
	struct dperson *m = &d->people[1];
	snprintf(email, sizeof email, "%.63s@%s", m->login, DEMO_DOMAIN);
	struct person_change c = { .name = m->name, .email = email, .team = demo_teams[TEAM_STAF].name,
				   .roles = m->roles, .active = -1 };
	int st = people_add(s, m->login, &c, NULL, e);
	if (st == CH_OK) {
		struct person_change me = { .team = demo_teams[TEAM_STAF].name, .roles = -1, .active = -1 };
		step_clock(&t, 30);
		st = people_set(s, d->people[0].login, &me, 0, e);
	}
	if (st == CH_OK) {
		step_clock(&t, 300);
		st = store_impersonate(s, m->login, e);
		d->cur = 1;
	}
	if (st == CH_OK)
		st = demo_mark(s, e);
	if (st == CH_OK)
		st = setup_strategy(d, &t);
	if (st == CH_OK)
		st = setup_people(d, &t);
	if (st == CH_OK)
		st = policy_load(s, &d->pol, e);
	return st;
}

/* --- carrying out the plan ---------------------------------------------------------------- */

static int exec_submit(struct demo *d, struct ditem *it, int idx)
{
	struct dbuf title, body;
	fill_title(d, it, &title);
	make_body(d, it, &body);
	char paths[3][160];
	const char *media[3];
	int nmedia = 0, kind = it->kind;
	int want = kind == 1 ? (int)rng_range(&d->words, 1, 3) : kind == 2 ? 1 + rng_chance(&d->words, 50)
		 : rng_chance(&d->words, 25);
	for (int k = 0; k < want; k++) {
		const char *ext = kind == 2 && k == 0 ? "mp4" : kind == 3 && rng_chance(&d->words, 40) ? "png" : "jpg";
		snprintf(paths[k], sizeof paths[k], "/srv/share/media/%04d/%02d/%s-%s-%03d-%d.%s", it->year,
			 it->month + 1, demo_pillars[it->pillar].slug, demo_plants[it->plant][2], idx + 1, k + 1, ext);
		media[nmedia++] = paths[k];
	}
	struct submission sub = {
		.title = title.s, .body = body.s, .kind = demo_kinds[kind],
		.pillar = it->pillar_at_submit ? demo_pillars[it->pillar].name : NULL,
		.media = media, .nmedia = nmedia,
	};
	return content_submit(d->s, &sub, &it->id, d->e);
}

static int exec_edit(struct demo *d, struct ditem *it, int note)
{
	struct content c;
	int st = content_get(d->s, it->id, &c, d->e);
	if (st != CH_OK)
		return st;
	size_t n = strlen(c.body) + strlen(demo_edit_notes[note]) + 3;
	char *body = malloc(n);
	if (!body) {
		content_free(&c);
		return nomem(d);
	}
	snprintf(body, n, "%s\n\n%s", c.body, demo_edit_notes[note]);
	st = content_edit(d->s, it->id, c.title, body, c.version, d->e);
	free(body);
	content_free(&c);
	return st;
}

static int exec_message(struct demo *d, struct ditem *it, int arg)
{
	int plat = arg & 15, flags = arg >> 8;
	struct dbuf b;
	make_message(d, it, plat, flags, &b);
	/* Approval refuses a blocking match: items headed for ready get clean
	 * text (the fragments are clean; this only guards against a slip). */
	for (int tries = 0; (flags & M_CLEAN) && !passes_policy(d, b.s) && tries < 3; tries++)
		make_message(d, it, plat, 0x10, &b);
	char link[160];
	snprintf(link, sizeof link, "https://www.%s/verhalen/%lld", DEMO_DOMAIN, (long long)it->id);
	int64_t id = 0;
	int st = message_add(d->s, it->id, demo_platforms[plat].key, b.s,
			     rng_chance(&d->words, 85) ? link : NULL, &id, d->e);
	if (st == CH_OK && it->nmsg < DEMO_MAXMSG) {
		it->msg[it->nmsg] = id;
		it->msg_plat[it->nmsg++] = plat;
	}
	return st;
}

/* The post's address as the platform would give it; unique per share. */
static void share_url(struct demo *d, const struct dperson *p, int plat, char *out, size_t n)
{
	uint64_t *r = &d->words;
	int serial = ++d->share_serial;
	char base[64];
	size_t k = 0;
	for (const char *c = p->login; *c && k + 1 < sizeof base; c++)
		base[k++] = *c == '.' ? (plat == PL_LINKEDIN ? '-' : '_') : *c;
	base[k] = 0;
	long long num = 7100000000000000000LL + (long long)serial * 1000003LL + rng_range(r, 0, 999999);
	switch (plat) {
	case PL_LINKEDIN:
		snprintf(out, n, "https://www.linkedin.com/posts/%s_activity-%lld", base, num);
		break;
	case PL_X:
		snprintf(out, n, "https://x.com/%s/status/%lld", base, num + 1800000000000000000LL);
		break;
	case PL_INSTAGRAM: {
		static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
		char code[16];
		for (int i = 0; i < 8; i++)
			code[i] = al[rng_below(r, 64)];
		/* the serial in the last characters keeps it unique */
		for (int i = 0, v = serial; i < 3; i++, v /= 64)
			code[8 + i] = al[v % 64];
		code[11] = 0;
		snprintf(out, n, "https://www.instagram.com/p/%s/", code);
		break;
	}
	default:
		snprintf(out, n, "https://www.facebook.com/%s/posts/%lld", base, num / 1000);
		break;
	}
}

/* A share of one of the item's messages, on a platform the publisher uses
 * when there is one. */
static int exec_share(struct demo *d, struct ditem *it, struct dshare *sh)
{
	const struct dperson *p = &d->people[sh->person];
	if (!it->nmsg)
		return err_set(d->e, CH_INVALID, _("internal: demo item %lld has no message to share"), (long long)it->id);
	int fit[DEMO_MAXMSG], nfit = 0;
	for (int k = 0; k < it->nmsg; k++)
		if (p->plats & (1 << it->msg_plat[k]))
			fit[nfit++] = k;
	int k = nfit ? fit[rng_below(&d->words, nfit)] : rng_below(&d->words, it->nmsg);
	sh->plat = it->msg_plat[k];
	char url[256];
	share_url(d, p, sh->plat, url, sizeof url);
	return share_log(d->s, it->msg[k], NULL, rng_chance(&d->words, 88) ? url : NULL, 0, &sh->id, d->e);
}

/* Figures in proportion to the publisher's audience there, with the usual
 * spread: most posts do modestly, a few take off. */
static int exec_figures(struct demo *d, const struct ditem *it, const struct dshare *sh)
{
	uint64_t *r = &d->words;
	const struct dperson *p = &d->people[sh->person];
	int64_t f = p->followers[sh->plat] > 0 ? p->followers[sh->plat] : 150;
	int64_t reach = rng_range(r, 20, 140) + (rng_chance(r, 7) ? rng_range(r, 200, 900) : 0);
	struct share_figures fig;
	fig.impressions = f * reach / 100 + rng_range(r, 0, 40);
	if (it->campaign >= 0)
		fig.impressions = fig.impressions * 6 / 5;
	fig.clicks = fig.impressions * rng_range(r, 4, 30) / 1000;
	fig.reactions = fig.impressions * rng_range(r, 10, 60) / 1000;
	fig.comments = fig.reactions * rng_range(r, 0, 20) / 100;
	fig.reshares = fig.reactions * rng_range(r, 0, 10) / 100;
	return share_set_figures(d->s, sh->id, &fig, d->e);
}

static int exec_comment(struct demo *d, struct ditem *it, int arg)
{
	const char *tmpl = "";
	int idx = arg % 100;
	switch (arg / 100) {
	case C_QUESTION: tmpl = demo_questions[idx][0]; break;
	case C_ANSWER:   tmpl = demo_questions[idx][1]; break;
	case C_INBOX:    tmpl = demo_inbox_notes[idx]; break;
	case C_SHARE:    tmpl = demo_share_notes[idx]; break;
	case C_REJECTED: tmpl = demo_reject_replies[idx]; break;
	case C_BACK:     tmpl = demo_back_notes[idx]; break;
	}
	struct dbuf b;
	buf_reset(&b);
	fill(d, it, tmpl, &b);
	return comment_add(d->s, it->id, b.s, NULL, d->e);
}

static int exec_add_campaign(struct demo *d, int c)
{
	char starts[16], ends[16];
	struct tm tm;
	time_t a = (time_t)d->camp_start[c], b = (time_t)d->camp_end[c];
	gmtime_r(&a, &tm);
	strftime(starts, sizeof starts, "%Y-%m-%d", &tm);
	gmtime_r(&b, &tm);
	strftime(ends, sizeof ends, "%Y-%m-%d", &tm);
	struct campaign_change cc = {
		.name = demo_campaigns[c].name, .description = demo_campaigns[c].description,
		.goal = demo_campaigns[c].goal, .audience = demo_campaigns[c].audience,
		.starts = starts, .ends = ends, .target_shares = demo_campaigns[c].target,
	};
	return campaign_add(d->s, &cc, NULL, d->e);
}

static const char *act_name(int kind)
{
	static const char *const names[] = {
		N_("submitting"), N_("taking"), N_("setting the pillar"), N_("setting the campaign"), N_("editing"),
		N_("writing a message"), N_("approving"), N_("moving back"), N_("rejecting"), N_("archiving"),
		N_("sharing"), N_("logging figures"), N_("commenting"), N_("adding a campaign"),
		N_("marking a leaver"),
	};
	return _(kind >= 0 && kind < NELEM(names) ? names[kind] : N_("acting"));
}

static int exec_action(struct demo *d, const struct daction *a)
{
	struct store *s = d->s;
	struct err *e = d->e;
	store_clock_set(a->at);
	int st = CH_OK;
	if (a->person != d->cur) {
		st = store_impersonate(s, d->people[a->person].login, e);
		d->cur = a->person;
	}
	struct ditem *it = a->item >= 0 ? &d->items[a->item] : NULL;
	if (st != CH_OK)
		return st;
	switch (a->kind) {
	case A_SUBMIT:   return exec_submit(d, it, a->item);
	case A_TAKE:     return content_take(s, it->id, 0, e);
	case A_PILLAR:   return content_set_pillar(s, it->id, demo_pillars[it->pillar].name, 0, e);
	case A_CAMPAIGN: return content_set_campaign(s, it->id, demo_campaigns[a->arg].name, 0, e);
	case A_EDIT:     return exec_edit(d, it, a->arg);
	case A_MESSAGE:  return exec_message(d, it, a->arg);
	case A_APPROVE:  return content_approve(s, it->id, 0, e);
	case A_BACK:     return content_back(s, it->id, 0, e);
	case A_REJECT:
		return content_reject(s, it->id, it->reason < 0 ? demo_reason_personal : demo_reasons[it->reason], 0, e);
	case A_ARCHIVE:  return content_archive(s, it->id, 0, e);
	case A_SHARE:    return exec_share(d, it, &d->shares[a->arg]);
	case A_FIGURES:  return exec_figures(d, it, &d->shares[a->arg]);
	case A_COMMENT:  return exec_comment(d, it, a->arg);
	case A_ADD_CAMPAIGN: return exec_add_campaign(d, a->arg);
	case A_LEAVE: {
		struct person_change c = { .roles = -1, .active = 0 };
		return people_set(s, d->people[a->arg].login, &c, 0, e);
	}
	}
	return err_set(e, CH_INVALID, _("internal: unknown demo action %d"), a->kind);
}

/* --- the whole -------------------------------------------------------------------------------- */

int demo_build(struct store *s, uint32_t seed, struct err *e)
{
	if (!s->me || !(s->my_roles & ROLE_MASTER))
		return err_set(e, CH_INVALID, _("internal: demo_build needs the master identified"));
	struct demo *d = calloc(1, sizeof *d);
	if (!d)
		return err_set(e, CH_UNUSABLE, _("building the demo: out of memory"));
	d->s = s;
	d->e = e;
	d->rng = 0x43484F5255530000ull ^ seed;
	d->words = 0x574F524453000000ull ^ ((uint64_t)seed << 16);
	d->now = store_now();
	d->t0 = d->now - (int64_t)DEMO_WEEKS * WEEK;
	d->cur = 0;
	for (int c = 0; c < NCAMPAIGNS; c++) {
		d->camp_start[c] = d->t0 + (int64_t)demo_campaigns[c].start_week * WEEK;
		d->camp_end[c] = d->t0 + (int64_t)demo_campaigns[c].end_week * WEEK;
	}
	char caller[64], caller_name[128];
	snprintf(caller, sizeof caller, "%s", s->my_login);
	snprintf(caller_name, sizeof caller_name, "%s", s->my_name);
	plan_people(d, caller, caller_name);
	int st = plan_items(d);
	if (st == CH_OK)
		st = store_begin(s, 1, e);
	if (st == CH_OK) {
		st = setup(d);
		for (int i = 0; st == CH_OK && i < d->nacts; i++) {
			st = exec_action(d, &d->acts[i]);
			if (st != CH_OK) {
				/* Say where the plan went wrong: a demo that cannot be
				 * built is a bug in the plan or in the core. */
				char why[sizeof e->msg];
				snprintf(why, sizeof why, "%s", e->msg);
				err_set(e, st, _("building the demo failed while %s as %s: %s"),
					act_name(d->acts[i].kind), d->people[d->acts[i].person].login, why);
			}
		}
		if (st == CH_OK)
			st = store_impersonate(s, caller, e);
		st = store_end(s, st, e);
	}
	store_clock_set(0);
	policy_free(d->pol);
	free(d->acts);
	free(d->shares);
	free(d->items);
	free(d);
	return st;
}
