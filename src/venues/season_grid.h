/* The season's grid for the department's officers: per venue (a split
 * hall with its parts together) a table of weekday × hour with the
 * wished times in each cell, the conflicts written out, each wish's
 * priority under the rule with its reason, the allocation form per venue
 * and the form that decides the season. Drawn by season_grid.c, decided
 * by season_decide.c. */
#ifndef VENUES_SEASON_GRID_H
#define VENUES_SEASON_GRID_H
#include "ui/form.h"
#include "venues/season.h"

struct grid_row {
	const struct season_wish *w;
	const struct season_app *app;
	const char *reason;    /* the priority rule's reason for its application */
	const char *conflicts; /* the wishes it conflicts with, NULL for none */
	int field;             /* its box in the venue's form; -1: its case is decided */
};

struct grid_group {
	int64_t whole_id;
	const char *name;
	struct grid_row *rows; /* in priority order */
	size_t n;
	int first_hour, last_hour; /* the rows of the table, [first, last) */
	int days[8];               /* the weekdays with wishes */
	struct form f;
	struct field *fields;
	const char *action;
};

struct season_grid {
	struct season s;
	struct season_app *apps; /* in priority order */
	const char **reasons;    /* the rule's reason for each */
	size_t napps;
	struct season_wish *w;
	size_t nw;
	struct grid_group *g;
	size_t ng;
	struct form decide;
};

extern const struct form_def season_decision_form;
/* The grid of a season the officer manages (loaded): 0, or -1. */
int season_grid_load(struct req *r, struct season_grid *g);
/* The group of a whole venue, NULL when the season has no wish there. */
struct grid_group *season_grid_group(struct season_grid *g, int64_t whole_id);
void season_grid_render(struct req *r, struct season_grid *g, const char *notice);
#endif
