/* The chart component as a reader meets it: every value in the table, a
 * scale in round steps, bars as high as their values, something sensible
 * for no data, and markup that parses. */
#include "../unit.h"

#include "http/request.h"
#include "ui/chart.h"

#include <stdio.h>

/* Renders a chart into a fresh string (freed by the caller). */
static char *
render(const struct chart *c, int english)
{
	struct page p = {.english = english};
	struct buf b = {0};
	chart_render(&b, &p, c);
	assert_int_equal(b.err, 0);
	buf_cstr(&b);
	return buf_take(&b);
}

/* The text between start and end after from, into a malloc'd string;
 * NULL when either is missing. */
static char *
between(const char *from, const char *start, const char *end)
{
	const char *a = strstr(from, start);
	if (!a)
		return NULL;
	a += strlen(start);
	const char *e = strstr(a, end);
	if (!e)
		return NULL;
	return strndup(a, (size_t)(e - a));
}

/* The text of an element's content with the tags dropped. */
static void
text_of(const char *s, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	int in_tag = 0;
	for (size_t i = 0; i < n && k + 1 < cap; i++) {
		if (s[i] == '<')
			in_tag = 1;
		else if (s[i] == '>')
			in_tag = 0;
		else if (!in_tag)
			out[k++] = s[i];
	}
	out[k] = 0;
}

/* The texts of the table's cells (<td>) in order, each at most 63 bytes. */
static int
cells(const char *html, char out[][64], int max)
{
	const char *t = strstr(html, "<tbody>");
	int n = 0;
	assert_non_null(t);
	while (n < max && (t = strstr(t, "<td>")) != NULL) {
		const char *e = strstr(t, "</td>");
		assert_non_null(e);
		text_of(t + 4, (size_t)(e - t - 4), out[n++], 64);
		t = e;
	}
	return n;
}

/* How often needle occurs. */
static int
count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* An attribute's integer value in the tag that starts at tag. */
static long
attr(const char *tag, const char *name)
{
	char key[64];
	snprintf(key, sizeof(key), " %s=\"", name);
	const char *end = strchr(tag, '>');
	const char *a = strstr(tag, key);
	assert_non_null(a);
	assert_true(a < end);
	return strtol(a + strlen(key), NULL, 10);
}

struct shape {
	long label, series, value, x, y, w, h;
};

/* The bars (rect.chart-bar) of a rendered chart, in the order drawn. */
static int
bars(const char *html, struct shape *out, int max)
{
	int n = 0;
	for (const char *t = html; n < max && (t = strstr(t, "<rect class=\"chart-bar\"")) != NULL;
	     t++, n++)
		out[n] = (struct shape){attr(t, "data-label"), attr(t, "data-series"),
		                        attr(t, "data-value"), attr(t, "x"),
		                        attr(t, "y"),          attr(t, "width"),
		                        attr(t, "height")};
	return n;
}

/* The numbers written as ticks of the value axis, in order. */
static int
ticks(const char *html, long *out, int max)
{
	int n = 0;
	for (const char *t = html; n < max && (t = strstr(t, "class=\"chart-tick\"")) != NULL;
	     t++) {
		const char *v = strchr(t, '>') + 1;
		out[n++] = strtol(v, NULL, 10);
	}
	return n;
}

/* A small XML well-formedness check of the SVG: every element closed in
 * order, attributes quoted, only the entities esc_html writes, no '<' or
 * '&' loose in text. Returns 1 when it parses. */
static int
svg_parses(const char *html)
{
	const char *s = strstr(html, "<svg class=\"chart-plot\"");
	if (!s)
		return 0;
	char stack[64][32];
	int depth = 0;
	const char *p = s;
	do {
		if (*p == '<') {
			int closing = p[1] == '/';
			const char *q = p + 1 + closing;
			size_t k = 0;
			char name[32];
			while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || *q == '-')
				if (k + 1 < sizeof(name))
					name[k++] = *q++;
				else
					return 0;
			name[k] = 0;
			if (!k)
				return 0;
			/* attributes: name="value" with no '<' inside */
			while (*q && *q != '>' && !(q[0] == '/' && q[1] == '>')) {
				if (*q == '"') {
					q = strchr(q + 1, '"');
					if (!q)
						return 0;
				} else if (*q == '<' || *q == '\'') {
					return 0;
				} else if (*q == '=' && q[1] != '"') {
					return 0;
				}
				q++;
			}
			if (!*q)
				return 0;
			if (closing) {
				if (depth == 0 || strcmp(stack[depth - 1], name) != 0)
					return 0;
				depth--;
			} else if (*q == '>') {
				if (depth == 64)
					return 0;
				memcpy(stack[depth++], name, k + 1);
			}
			p = *q == '>' ? q + 1 : q + 2;
		} else if (*p == '&') {
			static const char *ent[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
			size_t i = 0;
			while (i < 5 && strncmp(p, ent[i], strlen(ent[i])) != 0)
				i++;
			if (i == 5)
				return 0;
			p += strlen(ent[i]);
		} else if (!*p) {
			return 0;
		} else {
			p++;
		}
	} while (depth > 0);
	return 1;
}

/* The check above refuses what a browser's XML parser would. */
static void
checker_refuses_broken_svg(void **state)
{
	assert_true(
	        svg_parses("<svg class=\"chart-plot\" a=\"1\"><g><rect x=\"1\"/></g>&amp;</svg>"));
	assert_false(svg_parses("<svg class=\"chart-plot\"><g></svg>"));
	assert_false(svg_parses("<svg class=\"chart-plot\"><g></h></svg>"));
	assert_false(svg_parses("<svg class=\"chart-plot\">a & b</svg>"));
	assert_false(svg_parses("<svg class=\"chart-plot\" a=1></svg>"));
	assert_false(svg_parses("<svg class=\"chart-plot\" a=\"1></svg>"));
	assert_false(svg_parses("<svg class=\"chart-plot\"><rect>"));
}

static const struct chart_text months[] = {{"2026-01", NULL}, {"2026-02", NULL}, {"2026-03", NULL}};

/* A plain bar chart: the table holds every value, the scale runs in
 * round steps past the highest, bars are as high as their values, and
 * the image is named by its title. */
static void
bars_as_high_as_their_values(void **state)
{
	int64_t v[] = {4, 10, 7};
	struct chart_series s = {{"Inkomna", "Received"}, v};
	struct chart c = {.id = "in",
	                  .kind = CHART_BARS,
	                  .title = {"Inkomna ärenden", "Cases received"},
	                  .x_label = {"Månad", "Month"},
	                  .unit = {"ärenden", "cases"},
	                  .labels = months,
	                  .nlabels = 3,
	                  .series = &s,
	                  .nseries = 1};
	char *h = render(&c, 0);
	char cell[8][64];
	assert_int_equal(cells(h, cell, 8), 3);
	assert_string_equal(cell[0], "4");
	assert_string_equal(cell[1], "10");
	assert_string_equal(cell[2], "7");
	assert_non_null(strstr(h, "<th scope=\"row\">2026-02</th>"));
	assert_non_null(
	        strstr(h, "<th scope=\"col\">Månad</th><th scope=\"col\">Inkomna</th></tr>"));
	assert_non_null(strstr(h, "<caption id=\"in-tabell\">Inkomna ärenden (ärenden)</caption>"));
	assert_non_null(
	        strstr(h, "<figcaption class=\"chart-title\">Inkomna ärenden</figcaption>"));
	assert_non_null(strstr(h, "role=\"img\" aria-labelledby=\"in-namn\""));
	assert_non_null(strstr(h, "<title id=\"in-namn\">Inkomna ärenden</title>"));
	assert_non_null(strstr(h, "viewBox=\"0 0 4000 2400\" width=\"100%\""));
	assert_null(strstr(h, "style"));
	assert_null(strstr(h, "<script"));
	/* one series needs no legend */
	assert_null(strstr(h, "chart-legend"));

	long t[8];
	assert_int_equal(ticks(h, t, 8), 6);
	for (int i = 0; i < 6; i++)
		assert_int_equal(t[i], 2 * i);

	struct chart_geom g;
	chart_layout(&c, &g);
	long plot = g.bottom - g.top;
	assert_true(plot > 1000);
	struct shape b[8];
	assert_int_equal(bars(h, b, 8), 3);
	int zero = (int)(b[0].y + b[0].h);
	assert_int_equal(zero, g.bottom);
	assert_int_equal(b[1].y, g.top);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(b[i].label, i);
		assert_int_equal(b[i].value, v[i]);
		assert_int_equal(b[i].y + b[i].h, zero);
		/* the scale reaches 10, so a bar of 10 fills the plot */
		assert_true(labs(b[i].h * 10 - plot * v[i]) <= 10);
		if (i)
			assert_true(b[i].x > b[i - 1].x + b[i - 1].w);
	}
	assert_true(svg_parses(h));
	free(h);

	h = render(&c, 1);
	assert_non_null(strstr(h, "<th scope=\"col\">Month</th><th scope=\"col\">Received</th>"));
	assert_non_null(strstr(h, "<caption id=\"in-tabell\">Cases received (cases)</caption>"));
	assert_non_null(strstr(h, "Bar chart, Month 2026-01 to 2026-03."));
	free(h);
}

/* Stacked bars: each part starts where the one below ends, the parts are
 * as high as their values, a pattern and a legend tell them apart, and
 * the table adds a total. */
static void
stacked_with_total_and_legend(void **state)
{
	int64_t a[] = {3, 0, 5}, b[] = {2, 4, CHART_NONE};
	struct chart_series s[] = {{{"Bidrag", "Grants"}, a}, {{"Lokaler", "Venues"}, b}};
	struct chart c = {.id = "typ",
	                  .kind = CHART_STACKED,
	                  .title = {"Per typ", "By type"},
	                  .heading = 2,
	                  .x_label = {"Månad", "Month"},
	                  .unit = {"ärenden", "cases"},
	                  .labels = months,
	                  .nlabels = 3,
	                  .series = s,
	                  .nseries = 2};
	char *h = render(&c, 0);
	char cell[16][64];
	assert_int_equal(cells(h, cell, 16), 9);
	const char *want[] = {"3", "2", "5", "0", "4", "4", "5", "–uppgift saknas", "5"};
	for (int i = 0; i < 9; i++)
		assert_string_equal(cell[i], want[i]);
	assert_non_null(strstr(h, "<th scope=\"col\">Totalt</th>"));
	assert_non_null(
	        strstr(h, "<figcaption class=\"chart-title\"><h2>Per typ</h2></figcaption>"));
	assert_int_equal(count(h, "<pattern id=\"typ-fyll"), 2);
	/* the second series has stripes, the first is plain */
	assert_non_null(strstr(h,
	                       "<pattern id=\"typ-fyll1\" width=\"80\" height=\"80\" "
	                       "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"));
	char *legend = between(h, "<ul class=\"chart-legend\">", "</ul>");
	assert_non_null(legend);
	assert_int_equal(count(legend, "<li>"), 2);
	assert_non_null(strstr(legend, "fill=\"url(#typ-fyll0)\""));
	assert_non_null(strstr(legend, "</svg> Lokaler</li>"));
	assert_non_null(strstr(legend, "aria-hidden=\"true\""));
	free(legend);

	struct shape r[8];
	/* no bar for 0 or an unknown value */
	assert_int_equal(bars(h, r, 8), 4);
	assert_int_equal(r[0].label, 0);
	assert_int_equal(r[0].series, 0);
	assert_int_equal(r[1].label, 0);
	assert_int_equal(r[1].series, 1);
	assert_int_equal(r[1].y + r[1].h, r[0].y);
	assert_int_equal(r[0].x, r[1].x);
	assert_true(labs(r[0].h * 2 - r[1].h * 3) <= 3);
	assert_int_equal(r[2].label, 1);
	assert_int_equal(r[2].series, 1);
	assert_true(labs(r[2].h - 2 * r[1].h) <= 1);
	assert_int_equal(r[3].label, 2);
	assert_int_equal(r[3].series, 0);
	assert_true(labs(2 * r[3].h - 5 * r[1].h) <= 3);
	assert_true(svg_parses(h));
	free(h);
}

/* No labels, no series or nothing known: a sentence instead of a chart,
 * and no scale worked out of nothing. */
static void
no_data_says_so(void **state)
{
	int64_t none[] = {CHART_NONE, CHART_NONE, CHART_NONE};
	struct chart_series s = {{"Median", NULL}, none};
	struct chart c = {.id = "tom", .kind = CHART_LINES, .title = {"Handläggningstid", NULL}};
	char *h = render(&c, 0);
	assert_non_null(strstr(h, "<p class=\"chart-empty\">Inga uppgifter att visa.</p>"));
	assert_non_null(strstr(h, "Handläggningstid</figcaption>"));
	assert_null(strstr(h, "<svg"));
	assert_null(strstr(h, "<table"));
	free(h);

	c.labels = months, c.nlabels = 3;
	h = render(&c, 1);
	assert_non_null(strstr(h, "No data to show."));
	free(h);

	c.series = &s, c.nseries = 1;
	c.empty = (struct chart_text){"Inga beslut under perioden.", "No decisions in the period."};
	h = render(&c, 0);
	assert_non_null(strstr(h, "Inga beslut under perioden."));
	assert_null(strstr(h, "<svg"));
	free(h);
	for (int k = CHART_BARS; k <= CHART_LINES; k++) {
		c.kind = (enum chart_kind)k;
		h = render(&c, 1);
		assert_non_null(strstr(h, "No decisions in the period."));
		free(h);
	}
}

/* Values of zero only still get a scale (0 and 1), and bars of nothing. */
static void
all_zero(void **state)
{
	int64_t z[] = {0, 0, 0};
	struct chart_series s = {{"Inkomna", NULL}, z};
	struct chart c = {.id = "noll",
	                  .kind = CHART_BARS,
	                  .title = {"Noll", NULL},
	                  .labels = months,
	                  .nlabels = 3,
	                  .series = &s,
	                  .nseries = 1};
	char *h = render(&c, 0);
	long t[8];
	assert_int_equal(ticks(h, t, 8), 2);
	assert_int_equal(t[0], 0);
	assert_int_equal(t[1], 1);
	struct shape b[4];
	assert_int_equal(bars(h, b, 4), 0);
	char cell[4][64];
	assert_int_equal(cells(h, cell, 4), 3);
	assert_string_equal(cell[2], "0");
	assert_true(svg_parses(h));
	free(h);
}

/* Negative values hang below the zero line, the scale covers both signs
 * in round steps, and a zero is in the table with no bar. */
static void
negative_values(void **state)
{
	int64_t v[] = {-3, 0, 5};
	struct chart_series s = {{"Resultat", "Result"}, v};
	struct chart c = {.id = "neg",
	                  .kind = CHART_BARS,
	                  .title = {"Över och under", NULL},
	                  .unit = {"kr", NULL},
	                  .labels = months,
	                  .nlabels = 3,
	                  .series = &s,
	                  .nseries = 1};
	char *h = render(&c, 0);
	long t[8];
	assert_int_equal(ticks(h, t, 8), 6);
	for (int i = 0; i < 6; i++)
		assert_int_equal(t[i], -4 + 2 * i);
	struct chart_geom g;
	chart_layout(&c, &g);
	int zero = chart_y(&g, 0);
	struct shape b[4];
	assert_int_equal(bars(h, b, 4), 2);
	assert_int_equal(b[0].value, -3);
	assert_int_equal(b[0].y, zero);
	assert_int_equal(b[1].value, 5);
	assert_int_equal(b[1].y + b[1].h, zero);
	assert_true(labs(b[0].h * 5 - b[1].h * 3) <= 5);
	char cell[4][64];
	assert_int_equal(cells(h, cell, 4), 3);
	assert_string_equal(cell[0], "-3");
	assert_string_equal(cell[1], "0");
	assert_true(svg_parses(h));
	free(h);
}

/* Round steps for a few ranges: 1, 2 or 5 times a power of ten, at most
 * five of them, and the axis reaching past the values. */
static void
round_steps(void **state)
{
	static const struct {
		int64_t lo, hi, step, from, to;
	} t[] = {
	        {0, 1, 1, 0, 1},      {0, 5, 1, 0, 5},
	        {0, 6, 2, 0, 6},      {0, 7, 2, 0, 8},
	        {0, 11, 5, 0, 15},    {0, 23, 5, 0, 25},
	        {0, 26, 10, 0, 30},   {0, 99, 20, 0, 100},
	        {0, 101, 50, 0, 150}, {0, 1234, 500, 0, 1500},
	        {-7, 3, 5, -10, 5},   {-1, 9, 5, -5, 10},
	        {-20, 0, 5, -20, 0},  {0, 86400, 20000, 0, 100000},
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int64_t v[] = {t[i].lo, t[i].hi};
		struct chart_series s = {{"x", NULL}, v};
		struct chart c = {.id = "s",
		                  .kind = CHART_LINES,
		                  .labels = months,
		                  .nlabels = 2,
		                  .series = &s,
		                  .nseries = 1};
		struct chart_geom g;
		chart_layout(&c, &g);
		assert_int_equal(g.step, t[i].step);
		assert_int_equal(g.lo, t[i].from);
		assert_int_equal(g.hi, t[i].to);
		assert_true(g.nticks >= 2 && g.nticks <= 6);
	}
}

/* Hundreds of labels: every one in the table, only as many under the
 * axis as fit side by side (the latest always), and the bars in order. */
static void
many_labels(void **state)
{
	enum { N = 240 };
	static struct chart_text labels[N];
	static char names[N][16];
	static int64_t v[N];
	for (int i = 0; i < N; i++) {
		snprintf(names[i], sizeof(names[i]), "%d-%02d", 2006 + i / 12, i % 12 + 1);
		labels[i] = (struct chart_text){names[i], NULL};
		v[i] = i % 17;
	}
	struct chart_series s = {{"Inkomna", NULL}, v};
	struct chart c = {.id = "lang",
	                  .kind = CHART_BARS,
	                  .title = {"Tjugo år", NULL},
	                  .labels = labels,
	                  .nlabels = N,
	                  .series = &s,
	                  .nseries = 1};
	char *h = render(&c, 0);
	static char cell[N + 1][64];
	assert_int_equal(cells(h, cell, N + 1), N);
	for (int i = 0; i < N; i++) {
		char want[8];
		snprintf(want, sizeof(want), "%d", i % 17);
		assert_string_equal(cell[i], want);
	}
	assert_int_equal(count(h, "<th scope=\"row\">"), N);
	int shown = count(h, "class=\"chart-label\"");
	assert_true(shown >= 3);
	assert_true(shown <= 10);
	char last[64];
	snprintf(last, sizeof(last), "text-anchor=\"middle\">%s</text>", names[N - 1]);
	assert_non_null(strstr(h, last));
	/* written labels stand at least a label's width apart */
	long prev = -1;
	for (const char *t = h; (t = strstr(t, "<text class=\"chart-label\"")) != NULL; t++) {
		long x = attr(t, "x");
		if (prev >= 0)
			assert_true(x - prev >= 7 * 96);
		prev = x;
	}
	struct shape *b = calloc(N, sizeof(*b));
	int nb = bars(h, b, N);
	int nonzero = 0;
	for (int i = 0; i < N; i++)
		nonzero += v[i] != 0;
	assert_int_equal(nb, nonzero);
	for (int i = 1; i < nb; i++) {
		assert_true(b[i].x > b[i - 1].x);
		assert_true(b[i].w >= 1);
		assert_true(b[i].x + b[i].w <= CHART_WIDTH);
	}
	free(b);
	assert_true(svg_parses(h));
	free(h);
}

/* Lines: an unknown value breaks the line and is "–" in the table, each
 * series has a marker of its own shape and dashes of its own, and the
 * legend shows both. */
static void
lines_with_gaps_and_markers(void **state)
{
	static const struct chart_text q[] = {{"2025 K1", "2025 Q1"},
	                                      {"2025 K2", "2025 Q2"},
	                                      {"2025 K3", "2025 Q3"},
	                                      {"2025 K4", "2025 Q4"}};
	int64_t a[] = {5, CHART_NONE, 7, 9}, b[] = {12, 20, 0, CHART_NONE};
	struct chart_series s[] = {{{"Bidrag", "Grants"}, a}, {{"Lokaler", "Venues"}, b}};
	struct chart c = {.id = "tid",
	                  .kind = CHART_LINES,
	                  .title = {"Handläggningstid", "Handling time"},
	                  .x_label = {"Kvartal", "Quarter"},
	                  .unit = {"dagar", "days"},
	                  .labels = q,
	                  .nlabels = 4,
	                  .series = s,
	                  .nseries = 2};
	char *h = render(&c, 1);
	char cell[16][64];
	assert_int_equal(cells(h, cell, 16), 8);
	const char *want[] = {"5", "12", "–no value", "20", "7", "0", "9", "–no value"};
	for (int i = 0; i < 8; i++)
		assert_string_equal(cell[i], want[i]);
	assert_null(strstr(h, "Total"));
	assert_non_null(strstr(h, "<th scope=\"row\">2025 Q3</th>"));
	assert_int_equal(count(h, "class=\"chart-point\""), 6);
	assert_int_equal(count(h, "<path class=\"chart-line\""), 2);
	char *first = between(h, "<path class=\"chart-line\" d=\"", "\"");
	assert_non_null(first);
	assert_int_equal(count(first, "M"), 2);
	assert_int_equal(count(first, "L"), 1);
	free(first);
	assert_int_equal(count(h, chart_marker(0)), 3 + 1);
	assert_int_equal(count(h, chart_marker(1)), 3 + 1);
	assert_string_not_equal(chart_marker(0), chart_marker(1));
	assert_string_not_equal(chart_dash(0), chart_dash(1));
	assert_non_null(strstr(h, "stroke-dasharray=\"80 40\""));
	assert_non_null(
	        strstr(h, "Line chart, Quarter 2025 Q1 to 2025 Q4; series: Grants, Venues."));
	assert_non_null(strstr(h, "<title>2025 Q2, Venues: 20 days</title>"));
	assert_null(strstr(h, "<pattern"));
	assert_true(svg_parses(h));
	free(h);
}

/* What the caller gives is text: markup in a title, a label or a name is
 * shown, not run, and the SVG still parses. */
static void
text_is_escaped(void **state)
{
	static const struct chart_text l[] = {{"<b>&", NULL}, {"\"x\"", NULL}};
	int64_t v[] = {1, 2};
	struct chart_series s[] = {{{"<script>alert(1)</script>", NULL}, v},
	                           {{"O'Brien & co", NULL}, v}};
	struct chart c = {.id = "esc",
	                  .kind = CHART_STACKED,
	                  .title = {"<img src=x onerror=alert(1)>", NULL},
	                  .unit = {"\"st\"", NULL},
	                  .labels = l,
	                  .nlabels = 2,
	                  .series = s,
	                  .nseries = 2};
	char *h = render(&c, 0);
	assert_null(strstr(h, "<script"));
	assert_null(strstr(h, "<img"));
	assert_null(strstr(h, "<b>"));
	assert_non_null(strstr(h, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(h, "O&#39;Brien &amp; co"));
	assert_non_null(strstr(h, "<th scope=\"row\">&lt;b&gt;&amp;</th>"));
	assert_non_null(strstr(h, "(&quot;st&quot;)"));
	assert_true(svg_parses(h));
	free(h);
}

/* Values at the ends of int64 are drawn at the edge of a finite scale
 * and written in full in the table. */
static void
extreme_values(void **state)
{
	int64_t v[] = {INT64_MAX, INT64_MIN + 1, 1};
	struct chart_series s[] = {{{"a", NULL}, v}, {{"b", NULL}, v}};
	for (int k = CHART_BARS; k <= CHART_LINES; k++) {
		struct chart c = {.id = "stor",
		                  .kind = (enum chart_kind)k,
		                  .title = {"Stora tal", NULL},
		                  .labels = months,
		                  .nlabels = 3,
		                  .series = s,
		                  .nseries = 2};
		char *h = render(&c, 0);
		assert_non_null(strstr(h, "<td>9223372036854775807</td>"));
		assert_non_null(strstr(h, "<td>-9223372036854775807</td>"));
		struct chart_geom g;
		chart_layout(&c, &g);
		assert_true(g.step > 0);
		assert_true(g.left < g.right);
		assert_true(chart_y(&g, INT64_MAX) >= g.top);
		assert_true(chart_y(&g, INT64_MIN + 1) <= g.bottom);
		assert_true(svg_parses(h));
		free(h);
	}
}

/* Öre counted as hundredths of a krona: the table, the tooltips and the
 * axis write kronor with two decimals in the page's language, a data
 * attribute the öre; the total too. */
static void
hundredths_as_kronor(void **state)
{
	static const struct chart_text labels[] = {{"2018", NULL}, {"2019", NULL}};
	static const int64_t a[] = {10970000000LL, 5}, b[] = {24801607, 100};
	const struct chart_series series[] = {{{"FRI", NULL}, a}, {{"FUN", NULL}, b}};
	struct chart c = {.id = "kr",
	                  .kind = CHART_STACKED,
	                  .title = {"Beviljat", "Granted"},
	                  .x_label = {"År", "Year"},
	                  .unit = {"kr", "SEK"},
	                  .labels = labels,
	                  .nlabels = 2,
	                  .series = series,
	                  .nseries = 2,
	                  .hundredths = 1};
	char *sv = render(&c, 0), *en = render(&c, 1);
	assert_non_null(strstr(sv, "<td>109 700 000,00</td>"));
	assert_non_null(strstr(sv, "<td>248 016,07</td>"));
	assert_non_null(strstr(sv, "<td>109 948 016,07</td>")); /* the total */
	assert_non_null(strstr(sv, "<td>0,05</td>"));
	assert_non_null(strstr(sv, "data-value=\"10970000000\""));
	assert_non_null(strstr(en, "<td>109,700,000.00</td>"));
	assert_non_null(strstr(en, "<td>1.05</td>"));
	free(sv);
	free(en);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(checker_refuses_broken_svg),
	        cmocka_unit_test(bars_as_high_as_their_values),
	        cmocka_unit_test(stacked_with_total_and_legend),
	        cmocka_unit_test(no_data_says_so),
	        cmocka_unit_test(all_zero),
	        cmocka_unit_test(negative_values),
	        cmocka_unit_test(round_steps),
	        cmocka_unit_test(many_labels),
	        cmocka_unit_test(lines_with_gaps_and_markers),
	        cmocka_unit_test(text_is_escaped),
	        cmocka_unit_test(extreme_values),
	        cmocka_unit_test(hundredths_as_kronor),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
