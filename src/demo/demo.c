/* samverka demo: reference data, associations, one user per role, grant
 * programmes and, by default, two years of cases handled by the leisure
 * department's officers. Running it twice changes nothing the first run made. */
#include "demo/demo.h"
#include "auth/users.h"
#include "cases/register_department.h"
#include "register/bulk.h"

#include <string.h>
#include <time.h>

static struct dbq Q_DEPT = {
        "INSERT INTO departments (code, name_sv, name_en, committee) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (code) DO NOTHING",
        NULL, 0};
static struct dbq Q_AREA = {
        "INSERT INTO areas (slug, name) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING", NULL, 0};
static struct dbq Q_GROUP = {
        "INSERT INTO target_groups (slug, name_sv, name_en) VALUES ($1, $2, $3) "
        "ON CONFLICT (slug) DO NOTHING",
        NULL, 0};
static struct dbq Q_AREA_ID = {"SELECT id FROM areas WHERE slug = $1", NULL, 0};
static struct dbq Q_GROUP_ID = {"SELECT id FROM target_groups WHERE slug = $1", NULL, 0};
static struct dbq Q_USER_ID = {"SELECT id FROM users WHERE email = $1", NULL, 0};
static struct dbq Q_FIRST_ASSOC = {
        "SELECT id FROM associations WHERE public = 1 AND active = 1 ORDER BY sort_key LIMIT 1",
        NULL, 0};

struct demo_user {
	const char *role, *email, *name, *password, *dept, *area;
};

static const struct demo_user users[] = {
        {"admin", "admin@demo.samverka.se", "Åsa Administratör", "demo-admin-2026", NULL, NULL},
        {"officer", "handlaggare@demo.samverka.se", "Hamid Handläggare", "demo-handlaggare-2026",
         "FRI", NULL},
        {"moderator", "moderator@demo.samverka.se", "Maja Moderator", "demo-moderator-2026", NULL,
         "lindangen"},
        {"coordinator", "samordnare@demo.samverka.se", "Sven Samordnare", "demo-samordnare-2026",
         NULL, NULL},
        {"representative", "forening@demo.samverka.se", "Fatima Företrädare", "demo-forening-2026",
         NULL, NULL},
};

/* The leisure department's other officers, who handle the history's cases
 * with Hamid; they sign in like the other demo users but are not printed,
 * as the printed list has one user per role. */
static const struct demo_user colleagues[] = {
        {"officer", "lena.lindqvist@demo.samverka.se", "Lena Lindqvist", "demo-lindqvist-2026",
         "FRI", NULL},
        {"officer", "johan.ekstrom@demo.samverka.se", "Johan Ekström", "demo-ekstrom-2026", "FRI",
         NULL},
        {"officer", "amira.haddad@demo.samverka.se", "Amira Haddad", "demo-haddad-2026", "FRI",
         NULL},
};

/* Departments (FRI keeping the register, unless an administrator has
 * chosen another since), areas and target groups. */
static int
load_reference(struct db *db, int64_t *area_ids, int64_t *group_ids)
{
	for (const struct demo_dept *d = demo_departments; d->code; d++)
		if (db_exec(db, &Q_DEPT,
		            DB_ARGS(DB_TEXT(d->code), DB_TEXT(d->name_sv), DB_TEXT(d->name_en),
		                    DB_TEXT(d->committee))) != DB_OK)
			return -1;
	struct arena a = {0};
	struct dept_ref keeper;
	int chosen = register_department(db, &a, &keeper);
	arena_reset(&a);
	if (chosen < 0 || (chosen == 0 && register_department_set(db, "FRI") != 1))
		return -1;
	for (size_t i = 0; demo_areas[i]; i++) {
		char slug[64];
		demo_slug(demo_areas[i], slug, sizeof(slug));
		if (db_exec(db, &Q_AREA, DB_ARGS(DB_TEXT(slug), DB_TEXT(demo_areas[i]))) != DB_OK)
			return -1;
		area_ids[i] = db_int(db, &Q_AREA_ID, DB_ARGS(DB_TEXT(slug)), 0);
	}
	for (size_t i = 0; demo_groups[i].slug; i++) {
		const struct demo_group *g = &demo_groups[i];
		if (db_exec(db, &Q_GROUP,
		            DB_ARGS(DB_TEXT(g->slug), DB_TEXT(g->name_sv), DB_TEXT(g->name_en))) !=
		    DB_OK)
			return -1;
		group_ids[i] = db_int(db, &Q_GROUP_ID, DB_ARGS(DB_TEXT(g->slug)), 0);
	}
	return 0;
}

/* Tells how many associations are stored, every thousand or so. */
static void
count_stored(void *arg, size_t done, size_t total)
{
	if (done % 1024 < ASSOC_BULK_CHUNK || done == total) {
		fprintf(arg, "\r%zu associations", done);
		fflush(arg);
	}
}

/* The demo's associations: about 300 by default, or n generated ones. A
 * few are inactive or not public, as in a real register. Stored all at
 * once (assoc_bulk): one statement a row would take PostgreSQL minutes for
 * 100 000. */
static int
load_associations(struct db *db, long n, const int64_t *area_ids, const int64_t *group_ids,
                  FILE *progress)
{
	int numbered = n > 0;
	if (n <= 0)
		n = 300;
	size_t na = demo_area_count(), ng = demo_group_count();
	struct assoc_bulk b;
	assoc_bulk_init(&b, db);
	if (progress && n >= 1000) {
		b.progress = count_stored;
		b.progress_arg = progress;
	}
	for (long i = 0; i < n; i++) {
		char name[160], purpose[512];
		const char *form;
		int founded, members, area, group;
		struct assoc_rec rec = {0};
		demo_association((unsigned long)i, numbered, name, sizeof(name), purpose,
		                 sizeof(purpose), &form, rec.orgnr, &founded, &members, &area,
		                 &group);
		rec.name = name;
		rec.purpose = purpose;
		rec.form = form;
		rec.founded = founded;
		rec.members = members;
		rec.active = i % 41 != 40;
		rec.public_ = i % 53 != 52;
		char email[200];
		snprintf(email, sizeof(email), "info@forening%ld.example.se", i + 1);
		rec.email = email;
		rec.phone = i % 3 ? "040-34 10 00" : "";
		rec.website = i % 4 == 0 ? "https://www.example.se/" : "";
		rec.area_ids[rec.nareas++] = area_ids[area];
		if (i % 5 == 0)
			rec.area_ids[rec.nareas++] = area_ids[(size_t)(area + 1) % na];
		rec.group_ids[rec.ngroups++] = group_ids[group];
		if (i % 3 == 0)
			rec.group_ids[rec.ngroups++] = group_ids[(size_t)(group + 3) % ng];
		assoc_bulk_add(&b, &rec, 0);
	}
	int rc = assoc_bulk_store(&b);
	assoc_bulk_free(&b);
	if (rc != DB_OK)
		return -1;
	if (progress && n >= 1000)
		fprintf(progress, "\n");
	return 0;
}

/* Creates the users that do not exist yet; a representative represents
 * the first association. */
static int
create_users(struct db *db, const struct demo_user *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct demo_user *u = &list[i];
		if (db_int(db, &Q_USER_ID, DB_ARGS(DB_TEXT(u->email)), 0) == 0) {
			int64_t id;
			int64_t dept = u->dept ? department_id(db, u->dept) : 0;
			int64_t area =
			        u->area ? db_int(db, &Q_AREA_ID, DB_ARGS(DB_TEXT(u->area)), 0) : 0;
			int64_t assoc = strcmp(u->role, "representative") == 0
			                        ? db_int(db, &Q_FIRST_ASSOC, DB_NOARGS, 0)
			                        : 0;
			if (user_create(db, u->email, u->name, u->password, &id) != DB_OK ||
			    user_grant(db, id, u->role, dept, area, assoc) != DB_OK)
				return -1;
		}
	}
	return 0;
}

/* One user per role, printed; the officers' colleagues with the history. */
static int
load_users(struct db *db, int with_history, FILE *out)
{
	if (create_users(db, users, sizeof(users) / sizeof(users[0])) != 0 ||
	    (with_history &&
	     create_users(db, colleagues, sizeof(colleagues) / sizeof(colleagues[0])) != 0))
		return -1;
	for (size_t i = 0; i < sizeof(users) / sizeof(users[0]); i++)
		fprintf(out, "%s %s %s\n", users[i].role, users[i].email, users[i].password);
	return 0;
}

/* Loads everything in one transaction; with the history (or when
 * grant_awards asks for a number of them), ten years of decided grants;
 * with the history (or when venues or bookings ask for a number of them),
 * the venues and their season's bookings. */
int
demo_load(struct db *db, long n, int with_history, long grant_awards, long venues, long bookings,
          FILE *out)
{
	int64_t area_ids[64], group_ids[32];
	if (db_begin(db) != DB_OK || db_keep_plans(db, 0) != DB_OK)
		goto fail;
	if (load_reference(db, area_ids, group_ids) != 0 ||
	    load_associations(db, n, area_ids, group_ids, n >= 1000 ? stderr : NULL) != 0 ||
	    load_users(db, with_history, out) != 0 ||
	    demo_cases(db, with_history, area_ids, group_ids) != 0 || demo_grants(db) != 0 ||
	    ((with_history || grant_awards > 0) && demo_grant_history(db, grant_awards) != 0) ||
	    ((with_history || venues > 0 || bookings > 0) &&
	     demo_venues(db, area_ids, venues, bookings) != 0)) {
		db_rollback(db);
		goto fail;
	}
	if (db_commit(db) != DB_OK)
		goto fail;
	return 0;
fail:
	fprintf(stderr, "samverka demo: %s\n", db_errmsg(db));
	return -1;
}
