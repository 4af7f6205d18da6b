/* Demo data that looks like a real Swedish municipality's. */
#ifndef DEMO_DEMO_H
#define DEMO_DEMO_H
#include <stdio.h>

#include "db/db.h"
#include "register/store.h"

struct demo_dept {
	const char *code, *name_sv, *name_en, *committee;
};
struct demo_group {
	const char *slug, *name_sv, *name_en;
};

extern const struct demo_dept demo_departments[];
extern const char *const demo_areas[];
extern const struct demo_group demo_groups[];

void demo_association(unsigned long i, int numbered, char *name, size_t name_len, char *purpose,
                      size_t purpose_len, const char **form, char orgnr[12], int *founded,
                      int *members, int *area, int *group);
size_t demo_area_count(void);
size_t demo_group_count(void);
int demo_cases(struct db *db, int with_history, const int64_t *area_ids, const int64_t *group_ids);
int demo_grants(struct db *db);
int demo_grant_history(struct db *db, long awards);
int demo_venues(struct db *db, const int64_t *area_ids, long venues, long bookings);
int demo_load(struct db *db, long n, int with_history, long grant_awards, long venues,
              long bookings, FILE *out);
void demo_slug(const char *name, char *out, size_t n);
void demo_person(unsigned long k, char *out, size_t n);
void demo_email(const char *name, const char *domain, char *out, size_t n);
void demo_orgnr(const char nine[9], char out[12]);
#endif
