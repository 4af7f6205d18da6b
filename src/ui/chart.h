/* Charts for pages: a bar or line chart drawn as SVG with its numbers in a
 * table under it, readable without colour and by a screen reader. The
 * caller fills a struct chart; chart_render writes the figure. */
#ifndef UI_CHART_H
#define UI_CHART_H
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/esc.h"

struct page;

enum chart_kind {
	CHART_BARS,    /* one bar per series side by side at each label */
	CHART_STACKED, /* the series stacked into one bar per label, with a total */
	CHART_LINES,   /* one line per series, a marker of its own shape at each value */
};

/* A value that is not known (a month without decisions has no median): no
 * bar or point, "–" in the table, and a gap in the line. */
#define CHART_NONE INT64_MIN

/* Text in both languages; en NULL means the same as sv (a month "2026-03"). */
struct chart_text {
	const char *sv, *en;
};

struct chart_series {
	struct chart_text name; /* the legend and the table's column */
	const int64_t *values;  /* one per label, or CHART_NONE */
};

struct chart {
	const char *id; /* unique on the page, letters, digits and '-': the elements' ids */
	enum chart_kind kind;
	struct chart_text title;   /* the figure's caption, the image's name, the table's caption */
	int heading;               /* 2…6: the title is also a heading of that level; 0: not */
	struct chart_text x_label; /* what the labels are ("Månad"): axis and first column */
	struct chart_text unit;    /* what the values count ("ärenden", "dagar"): the value axis */
	const struct chart_text *labels;
	size_t nlabels;
	const struct chart_series *series;
	size_t nseries;
	struct chart_text empty; /* said instead of a chart with no values; NULL: "no data" */
	int hundredths; /* the values are hundredths of the unit (öre of kronor): two decimals */
};

/* Where things go, worked out once from the data (chart_layout). Sizes are
 * in the viewBox's units, ten to a pixel of the drawing at its natural size,
 * so that integer coordinates are fine enough for hundreds of bars. */
struct chart_geom {
	int empty;            /* no label, no series or no known value: nothing to draw */
	int64_t lo, hi, step; /* the value axis: round steps from lo to hi */
	int nticks;
	int width, height;
	int left, top, right, bottom; /* the plot area */
	size_t label_every;           /* every k-th label is written under the axis */
};

enum { CHART_WIDTH = 4000, CHART_HEIGHT = 2400 };

void chart_render(struct buf *b, const struct page *p, const struct chart *c);
void chart_value(struct buf *b, const struct chart *c, int64_t v, int english);
/* The charts' tables as a workbook (XLSX), a sheet per chart named by its
 * id: an open descriptor to send, its file already removed; -1 on failure
 * (ui/chart_xlsx.c). */
int chart_xlsx(const struct chart *const *charts, size_t n, int english);

/* What the template asks while it draws. */
void chart_layout(const struct chart *c, struct chart_geom *g);
const char *chart_text(struct chart_text t, int english);
int64_t chart_tick(const struct chart_geom *g, int i);
int chart_y(const struct chart_geom *g, int64_t v);
int chart_x(const struct chart *c, const struct chart_geom *g, size_t label);
int chart_label_shown(const struct chart *c, const struct chart_geom *g, size_t label);

struct chart_box {
	int x, y, w, h;
};
int chart_bar(const struct chart *c, const struct chart_geom *g, size_t label, size_t series,
              struct chart_box *out);
int chart_total_column(const struct chart *c);
int64_t chart_total(const struct chart *c, size_t label, int *known);

struct html chart_heading(int level, int closing);
const char *chart_colour(size_t series);
int chart_pattern(size_t series);
const char *chart_dash(size_t series);
const char *chart_marker(size_t series);
#endif
