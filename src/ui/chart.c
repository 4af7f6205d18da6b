/* Bar and line charts as SVG with their table (see chart.h): the geometry
 * is worked out here, in integers of the viewBox, and ui/chart.html writes
 * it with the template's escaping. */
#include "ui/chart.h"
#include "http/request.h"
#include "ui/chart.tpl.h"
#include "base/money.h"

#include <string.h>

/* Values beyond this are drawn at the edge (the table still says them),
 * so that no sum or scale can overflow. */
static const int64_t VALUE_LIMIT = 1000000000000000; /* 10^15 */

/* Text is 120 units high (17 px when the drawing is as wide as the style
 * sheet lets it be); on a phone the style sheet makes it 160 (14 px at
 * 375 px), so that it stays readable as the drawing shrinks, and the room
 * for labels is measured for that size: a character 0.6 of it wide. */
enum { CHAR_W = 96, TICK_GAP = 50 };

static int64_t
clamp(int64_t v)
{
	return v > VALUE_LIMIT ? VALUE_LIMIT : v < -VALUE_LIMIT ? -VALUE_LIMIT : v;
}

static int64_t
floor_div(int64_t a, int64_t d)
{
	return a >= 0 ? a / d : -((-a + d - 1) / d);
}

static int64_t
ceil_div(int64_t a, int64_t d)
{
	return a >= 0 ? (a + d - 1) / d : -(-a / d);
}

/* Rounds a non-negative coordinate to the nearest unit. */
static int
at(double x)
{
	return x <= 0 ? 0 : (int)(x + 0.5);
}

/* Characters (not bytes) of a UTF-8 string. */
static size_t
chars(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* How many characters an integer takes when written, sign included. */
static size_t
digits(int64_t v)
{
	size_t n = v < 0 ? 2 : 1;
	for (v = v < 0 ? -(v / 10) : v / 10; v; v /= 10)
		n++;
	return n;
}

const char *
chart_text(struct chart_text t, int english)
{
	if (english && t.en)
		return t.en;
	return t.sv ? t.sv : "";
}

/* The highest and lowest a bar or point reaches, 0 included: a stacked
 * bar reaches the sum of its positive parts up and of its negative down. */
static int
value_range(const struct chart *c, int64_t *lo, int64_t *hi)
{
	int known = 0;
	*lo = *hi = 0;
	for (size_t i = 0; i < c->nlabels; i++) {
		int64_t up = 0, down = 0;
		for (size_t s = 0; s < c->nseries; s++) {
			int64_t v = c->series[s].values[i];
			if (v == CHART_NONE)
				continue;
			known = 1;
			v = clamp(v);
			if (c->kind == CHART_STACKED) {
				if (v > 0)
					up = clamp(up + v);
				else
					down = clamp(down + v);
			} else {
				up = v > up ? v : up;
				down = v < down ? v : down;
			}
		}
		*hi = up > *hi ? up : *hi;
		*lo = down < *lo ? down : *lo;
	}
	return known;
}

/* A value axis in round steps (1, 2 or 5 times a power of ten) with at
 * most five of them, from a multiple of the step at or below the lowest
 * value to one at or above the highest. All zero still gets a scale. */
static void
round_axis(int64_t lo, int64_t hi, struct chart_geom *g)
{
	static const int64_t mult[] = {1, 2, 5};
	if (lo == hi)
		hi = lo + 1;
	for (int64_t mag = 1;; mag *= 10)
		for (size_t k = 0; k < sizeof(mult) / sizeof(mult[0]); k++) {
			int64_t step = mult[k] * mag;
			int64_t a = floor_div(lo, step) * step, b = ceil_div(hi, step) * step;
			if ((b - a) / step <= 5) {
				g->lo = a, g->hi = b, g->step = step;
				g->nticks = (int)((b - a) / step) + 1;
				return;
			}
		}
}

/* The widest label in either language, as drawn under the axis. */
static int
label_width(const struct chart *c)
{
	size_t n = 1;
	for (size_t i = 0; i < c->nlabels; i++) {
		size_t a = chars(chart_text(c->labels[i], 0)),
		       b = chars(chart_text(c->labels[i], 1));
		n = a > n ? a : n;
		n = b > n ? b : n;
	}
	if (n > 40)
		n = 40;
	return (int)n * CHAR_W + 2 * CHAR_W;
}

/* Works out the scale, the plot area and which labels fit under the axis:
 * a label is written only every so many slots, so that none overlap;
 * the table has them all. */
void
chart_layout(const struct chart *c, struct chart_geom *g)
{
	int64_t lo, hi;
	*g = (struct chart_geom){.width = CHART_WIDTH, .height = CHART_HEIGHT, .label_every = 1};
	if (!c->nlabels || !c->nseries || !value_range(c, &lo, &hi)) {
		g->empty = 1;
		return;
	}
	round_axis(lo, hi, g);
	size_t d = digits(g->lo) > digits(g->hi) ? digits(g->lo) : digits(g->hi);
	if (c->hundredths) /* the separators are as wide as the digits they part */
		d = d + d / 3 + 1;
	int lw = label_width(c);
	g->top = 300;
	g->bottom = g->height - 440;
	g->left = 60 + (int)d * CHAR_W + TICK_GAP;
	g->right = g->width - 80;
	/* the first and last labels are centred on their slot and may stick
	 * out of it: the margins make room */
	for (int pass = 0; pass < 2; pass++) {
		double slot = (double)(g->right - g->left) / (double)c->nlabels;
		int over = at(lw / 2.0 - slot / 2.0);
		if (g->width - g->right < over + 40)
			g->right = g->width - (over + 40);
		if (g->left < over + 40)
			g->left = over + 40;
	}
	double slot = (double)(g->right - g->left) / (double)c->nlabels;
	size_t every = (size_t)((double)lw / slot) + 1;
	if (lw <= slot)
		every = 1;
	g->label_every = every;
}

int64_t
chart_tick(const struct chart_geom *g, int i)
{
	return g->lo + (int64_t)i * g->step;
}

/* The height in the drawing of a value. */
int
chart_y(const struct chart_geom *g, int64_t v)
{
	v = clamp(v);
	if (v < g->lo)
		v = g->lo;
	if (v > g->hi)
		v = g->hi;
	double f = (double)(v - g->lo) / (double)(g->hi - g->lo);
	return at(g->bottom - f * (g->bottom - g->top));
}

static double
slot_width(const struct chart *c, const struct chart_geom *g)
{
	return (double)(g->right - g->left) / (double)c->nlabels;
}

/* The middle of a label's slot: where its text and its points stand. */
int
chart_x(const struct chart *c, const struct chart_geom *g, size_t label)
{
	return at(g->left + ((double)label + 0.5) * slot_width(c, g));
}

/* Whether a label is written under the axis; the last one always is. */
int
chart_label_shown(const struct chart *c, const struct chart_geom *g, size_t label)
{
	return (c->nlabels - 1 - label) % g->label_every == 0;
}

/* The box of one series' bar at one label; 0 when there is none to draw
 * (an unknown or zero value). Side by side, the series share 80 % of the
 * slot; stacked, each part starts where the same-signed parts below it
 * end. A value too small to show is still drawn one unit high. */
int
chart_bar(const struct chart *c, const struct chart_geom *g, size_t label, size_t series,
          struct chart_box *out)
{
	int64_t v = c->series[series].values[label];
	if (g->empty || v == CHART_NONE || v == 0)
		return 0;
	v = clamp(v);
	double slot = slot_width(c, g), x0, x1;
	int64_t from = 0;
	if (c->kind == CHART_STACKED) {
		for (size_t s = 0; s < series; s++) {
			int64_t w = c->series[s].values[label];
			if (w != CHART_NONE && (w > 0) == (v > 0))
				from = clamp(from + clamp(w));
		}
		x0 = g->left + (label + 0.15) * slot;
		x1 = x0 + 0.7 * slot;
	} else {
		double each = 0.8 * slot / (double)c->nseries;
		x0 = g->left + (label + 0.1) * slot + (double)series * each;
		x1 = x0 + each;
	}
	int ya = chart_y(g, from), yb = chart_y(g, clamp(from + v));
	out->x = at(x0);
	out->w = at(x1) - out->x;
	if (out->w < 1)
		out->w = 1;
	out->y = ya < yb ? ya : yb;
	out->h = ya < yb ? yb - ya : ya - yb;
	if (out->h < 1) {
		out->h = 1;
		if (v > 0)
			out->y--;
	}
	return 1;
}

/* Stacked bars of more than one series get a total in the table. */
int
chart_total_column(const struct chart *c)
{
	return c->kind == CHART_STACKED && c->nseries > 1;
}

/* The sum of a label's known values (saturating, as no real count gets
 * near); *known is 0 when none is known. */
int64_t
chart_total(const struct chart *c, size_t label, int *known)
{
	int64_t sum = 0;
	*known = 0;
	for (size_t s = 0; s < c->nseries; s++) {
		int64_t v = c->series[s].values[label];
		if (v == CHART_NONE)
			continue;
		*known = 1;
		if (__builtin_add_overflow(sum, v, &sum))
			sum = v > 0 ? INT64_MAX : INT64_MIN + 1;
	}
	return sum;
}

/* Colours with at least 4.5:1 against white (WCAG asks 3:1 of graphics);
 * seven colours and six fill patterns, so that series up to 42 differ in
 * both. */
const char *
chart_colour(size_t series)
{
	static const char *c[] = {"#1f4e79", "#b35900", "#2e7d32", "#7b3f9e",
	                          "#8c6a00", "#a8234f", "#00707a"};
	return c[series % (sizeof(c) / sizeof(c[0]))];
}

/* 0 solid, 1 diagonal stripes, 2 dots, 3 crossed, 4 across, 5 upright:
 * bars are told apart without colour (the template draws them). */
int
chart_pattern(size_t series)
{
	return (int)(series % 6);
}

/* Lines are told apart by their dashes as well as their markers. */
const char *
chart_dash(size_t series)
{
	static const char *d[] = {"none", "80 40", "20 30", "100 30 20 30"};
	return d[series % (sizeof(d) / sizeof(d[0]))];
}

/* A marker's shape as a path relative to its centre: circle, square,
 * triangle, diamond, triangle down, cross. */
const char *
chart_marker(size_t series)
{
	static const char *m[] = {
	        "m-50 0a50 50 0 1 0 100 0a50 50 0 1 0-100 0z",
	        "m-45-45h90v90h-90z",
	        "m0-60l60 100h-120z",
	        "m0-65l65 65-65 65-65-65z",
	        "m0 60l60-100h-120z",
	        "m-20-60h40v40h40v40h-40v40h-40v-40h-40v-40h40z",
	};
	return m[series % (sizeof(m) / sizeof(m[0]))];
}

/* The tag of the title's heading, when it is one. */
struct html
chart_heading(int level, int closing)
{
	static const char *open[] = {"<h2>", "<h3>", "<h4>", "<h5>", "<h6>"};
	static const char *close[] = {"</h2>", "</h3>", "</h4>", "</h5>", "</h6>"};
	if (level < 2 || level > 6)
		return (struct html){"", 0};
	const char *t = closing ? close[level - 2] : open[level - 2];
	return (struct html){t, strlen(t)};
}

/* A value as the table, the tooltips and the axis write it: a whole
 * number, or with two decimals when the chart counts hundredths. */
void
chart_value(struct buf *b, const struct chart *c, int64_t v, int english)
{
	if (c->hundredths)
		money_number(b, v, english);
	else
		buf_int(b, v);
}

void
chart_render(struct buf *b, const struct page *p, const struct chart *c)
{
	struct chart_geom g;
	chart_layout(c, &g);
	tpl_ui_chart(b, p, c, &g);
}
