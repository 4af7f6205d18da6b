/* Every route of samverka in one table: method, path, handler, who may
 * call it, and the content domain its page shows when it may be cached for
 * anonymous visitors (0: never), ROUTE_FILES on the forms that take files
 * (no other route reads a multipart body) and ROUTE_SLOW on those that
 * hash a password. A route without access is
 * refused to everyone. */
#include "admin/admin.h"
#include "account/account.h"
#include "account/login.h"
#include "auth/roles.h"
#include "cases/document_routes.h"
#include "cases/documents.h"
#include "cases/eservice.h"
#include "cases/pages.h"
#include "grants/grants.h"
#include "grants/payouts.h"
#include "grants/transparency.h"
#include "home/home.h"
#include "http/router.h"
#include "register/pages.h"
#include "registration/eservices.h"
#include "static/static.h"
#include "venues/admin.h"
#include "venues/ical.h"
#include "venues/venues.h"
#include "venues/watch.h"

/* The domains of cached pages, each with its generation in the meta table:
 * the register's, bumped by the triggers on the register's tables
 * (migrations 001 and 004), and the public diary's, bumped by those on
 * cases (migration 006). */
static const struct cache_domain REGISTER = {"register", "generation"};
static const struct cache_domain DIARIUM = {"diarium", "generation:diarium"};

const struct route routes[] = {
        {M_GET, "/", home_page, ACCESS_PUBLIC, &REGISTER, 0},
        {M_GET, "/healthz", health_check, ACCESS_PUBLIC, 0, 0},
        {M_GET, "/static/{file}", static_file, ACCESS_PUBLIC, 0, 0},

        {M_GET, "/foreningar", register_list_page, ACCESS_PUBLIC, &REGISTER, 0},
        {M_GET, "/foreningar/{id}", register_detail_page, ACCESS_PUBLIC, &REGISTER, 0},
        {M_GET, "/api/v1/foreningar", register_list_json, ACCESS_PUBLIC, &REGISTER, 0},
        {M_GET, "/api/v1/foreningar/{id}", register_detail_json, ACCESS_PUBLIC, &REGISTER, 0},
        {M_GET, "/oppna-data/foreningar.csv", register_csv, ACCESS_PUBLIC, &REGISTER, 0},

        /* calendar feeds; one booking's checks its reader itself, a 404 to
           anyone else, signed in or not */
        {M_GET, "/lokaler/{id}/kalender.ics", venue_feed, ACCESS_PUBLIC, 0, 0},
        {M_GET, "/foreningar/{id}/kalender.ics", association_feed, ACCESS_PUBLIC, 0, 0},
        {M_GET, "/lokaler/bokningar/{id}/kalender.ics", booking_feed, ACCESS_PUBLIC, 0, 0},

        {M_GET, "/bidrag", grants_list_page, ACCESS_PUBLIC, 0, 0},
        {M_GET, "/bidrag/beviljade", grants_granted_page, ACCESS_PUBLIC, 0, 0},
        {M_GET, "/bidrag/statistik", grants_stats_page, ACCESS_PUBLIC, 0, 0},
        {M_GET, "/bidrag/statistik.xlsx", grants_stats_xlsx, ACCESS_PUBLIC, 0, 0},
        {M_GET, "/oppna-data/bidrag.csv", grants_granted_csv, ACCESS_PUBLIC, 0, 0},
        {M_GET, "/api/v1/bidrag", grants_granted_json, ACCESS_PUBLIC, 0, 0},
        {M_GET, "/bidrag/{slug}", grants_programme_page, ACCESS_PUBLIC, 0, 0},
        {M_GET, "/lokaler", venues_list_page, ACCESS_PUBLIC, 0, 0},
        {M_GET, "/lokaler/lediga", venues_free_page, ACCESS_PUBLIC, 0, 0},
        {M_GET, "/lokaler/{id}", venue_page, ACCESS_PUBLIC, 0, 0},
        {M_GET, "/lokaler/{id}/boka", venue_book_form, ROLE_REPRESENTATIVE, 0, 0},
        {M_POST, "/lokaler/{id}/boka", venue_book_submit, ROLE_REPRESENTATIVE, 0, 0},
        {M_GET, "/lokaler/bokningar/{id}", booking_page, ACCESS_USER, 0, 0},
        {M_POST, "/lokaler/bokningar/{id}/avboka", booking_cancel, ACCESS_USER, 0, 0},
        {M_POST, "/lokaler/bokningar/{id}/avsla", booking_decline, ROLE_OFFICER | ROLE_ADMIN, 0, 0},
        {M_GET, "/mina-sidor/bokningar", bookings_mine_page, ROLE_REPRESENTATIVE, 0, 0},
        {M_GET, "/lokaler/{id}/bevaka", venue_watch_form, ROLE_REPRESENTATIVE, 0, 0},
        {M_POST, "/lokaler/{id}/bevaka", venue_watch_submit, ROLE_REPRESENTATIVE, 0, 0},
        {M_POST, "/lokaler/bevakningar/{id}/ta-bort", venue_watch_remove, ROLE_REPRESENTATIVE, 0,
         0},
        {M_GET, "/bidrag/{slug}/lattlast", grants_easy_read_page, ACCESS_PUBLIC, 0, 0},
        {M_GET, "/bidrag/{slug}/ansok", grants_apply_form, ROLE_REPRESENTATIVE, 0, 0},
        {M_POST, "/bidrag/{slug}/ansok", grants_apply_submit, ROLE_REPRESENTATIVE, 0, ROUTE_FILES},

        {M_GET, "/logga-in", login_form, ACCESS_PUBLIC, 0, 0},
        {M_POST, "/logga-in", login_submit, ACCESS_PUBLIC, 0, ROUTE_SLOW},
        {M_POST, "/logga-ut", logout_submit, ACCESS_USER, 0, 0},
        {M_GET, "/mina-sidor", my_pages, ACCESS_USER, 0, 0},
        {M_GET, "/skapa-konto", signup_form, ACCESS_PUBLIC, 0, 0},
        {M_POST, "/skapa-konto", signup_submit, ACCESS_PUBLIC, 0, ROUTE_SLOW},
        {M_GET, "/mina-sidor/mina-uppgifter.json", account_export, ACCESS_USER, 0, 0},
        {M_POST, "/mina-sidor/radera-konto", account_delete, ACCESS_USER, 0, ROUTE_SLOW},

        {M_GET, "/admin", admin_index, ROLE_ADMIN, 0, 0},
        {M_GET, "/admin/foreningar", admin_assoc_list, ROLE_ADMIN, 0, 0},
        {M_GET, "/admin/foreningar/ny", admin_assoc_new, ROLE_ADMIN, 0, 0},
        {M_POST, "/admin/foreningar/ny", admin_assoc_create, ROLE_ADMIN, 0, 0},
        {M_GET, "/admin/foreningar/{id}", admin_assoc_edit, ROLE_ADMIN, 0, 0},
        {M_POST, "/admin/foreningar/{id}", admin_assoc_update, ROLE_ADMIN, 0, 0},
        {M_GET, "/admin/forvaltningar", admin_departments, ROLE_ADMIN, 0, 0},
        {M_POST, "/admin/forvaltningar", admin_department_add, ROLE_ADMIN, 0, 0},
        {M_GET, "/admin/omraden", admin_areas, ROLE_ADMIN, 0, 0},
        {M_POST, "/admin/omraden", admin_area_add, ROLE_ADMIN, 0, 0},
        {M_GET, "/admin/malgrupper", admin_groups, ROLE_ADMIN, 0, 0},
        {M_POST, "/admin/malgrupper", admin_group_add, ROLE_ADMIN, 0, 0},
        {M_GET, "/admin/installningar", admin_settings, ROLE_ADMIN, 0, 0},
        {M_POST, "/admin/installningar", admin_settings_save, ROLE_ADMIN, 0, 0},
        {M_GET, "/admin/anvandare", admin_users, ROLE_ADMIN, 0, 0},
        {M_POST, "/admin/anvandare", admin_user_add, ROLE_ADMIN, 0, ROUTE_SLOW},
        {M_POST, "/admin/anvandare/roll", admin_user_role, ROLE_ADMIN, 0, 0},
        {M_GET, "/admin/bidrag", grants_admin_list, ROLE_ADMIN, 0, 0},
        {M_GET, "/admin/bidrag/ny", grants_admin_new, ROLE_ADMIN, 0, 0},
        {M_POST, "/admin/bidrag/ny", grants_admin_create, ROLE_ADMIN, 0, 0},
        {M_GET, "/admin/bidrag/{id}", grants_admin_edit, ROLE_ADMIN, 0, 0},
        {M_POST, "/admin/bidrag/{id}", grants_admin_update, ROLE_ADMIN, 0, 0},
        {M_POST, "/admin/bidrag/{id}/fragor", grants_admin_question_add, ROLE_ADMIN, 0, 0},
        {M_POST, "/admin/bidrag/{id}/fragor/{q}/ta-bort", grants_admin_question_remove, ROLE_ADMIN,
         0, 0},
        {M_POST, "/admin/bidrag/{id}/kriterier", grants_admin_criterion_add, ROLE_ADMIN, 0, 0},
        {M_POST, "/admin/bidrag/{id}/kriterier/{c}/ta-bort", grants_admin_criterion_remove,
         ROLE_ADMIN, 0, 0},
        {M_GET, "/admin/lokaler", venues_admin_list, ROLE_ADMIN, 0, 0},
        {M_GET, "/admin/lokaler/ny", venues_admin_new, ROLE_ADMIN, 0, 0},
        {M_POST, "/admin/lokaler/ny", venues_admin_create, ROLE_ADMIN, 0, 0},
        {M_GET, "/admin/lokaler/{id}", venues_admin_edit, ROLE_ADMIN, 0, 0},
        {M_POST, "/admin/lokaler/{id}", venues_admin_update, ROLE_ADMIN, 0, 0},
        {M_POST, "/admin/lokaler/{id}/delar", venues_admin_part_add, ROLE_ADMIN, 0, 0},
        {M_POST, "/admin/lokaler/{id}/tider", venues_admin_hours_save, ROLE_ADMIN, 0, 0},
        {M_POST, "/admin/lokaler/{id}/stangt", venues_admin_closed_add, ROLE_ADMIN, 0, 0},
        {M_POST, "/admin/lokaler/{id}/stangt/{dag}/ta-bort", venues_admin_closed_remove, ROLE_ADMIN,
         0, 0},
        {M_POST, "/admin/lokaler/{id}/priser", venues_admin_prices_save, ROLE_ADMIN, 0, 0},
        {M_POST, "/admin/lokaler/{id}/nolltaxa", venues_admin_youth_save, ROLE_ADMIN, 0, 0},

        {M_GET, "/registrera-forening", registration_form, ACCESS_USER, 0, 0},
        {M_POST, "/registrera-forening", registration_submit, ACCESS_USER, 0, ROUTE_FILES},
        {M_POST, "/foreningar/{id}/bjud-in", invite_submit, ROLE_REPRESENTATIVE, 0, 0},
        {M_GET, "/inbjudan/{token}", invite_page, ACCESS_PUBLIC, 0, 0},
        {M_POST, "/inbjudan/{token}", invite_accept, ACCESS_USER, 0, 0},
        {M_GET, "/arsuppdatering/{id}", update_form, ROLE_REPRESENTATIVE, 0, 0},
        {M_POST, "/arsuppdatering/{id}", update_submit, ROLE_REPRESENTATIVE, 0, ROUTE_FILES},
        {M_GET, "/e-tjanster/{code}", eservice_form_page, ACCESS_USER, 0, 0},
        {M_POST, "/e-tjanster/{code}", eservice_submit_page, ACCESS_USER, 0, ROUTE_FILES},
        {M_GET, "/arenden/{dnr}", case_page, ACCESS_USER, 0, 0},
        {M_POST, "/arenden/{dnr}/meddelande", case_post_message, ACCESS_USER, 0, 0},
        {M_POST, "/arenden/{dnr}/aterkalla", case_withdraw, ACCESS_USER, 0, 0},
        {M_POST, "/arenden/{dnr}/komplettera", case_complete, ACCESS_USER, 0, ROUTE_FILES},
        {M_POST, "/arenden/{dnr}/tilldela", case_assign, ROLE_OFFICER, 0, 0},
        {M_POST, "/arenden/{dnr}/status", case_change_status, ROLE_OFFICER, 0, 0},
        {M_POST, "/arenden/{dnr}/komplettering", case_request_completion, ROLE_OFFICER, 0, 0},
        {M_POST, "/arenden/{dnr}/beslut", case_decide, ROLE_OFFICER, 0, 0},
        {M_POST, "/arenden/{dnr}/sekretess", case_confidential, ROLE_OFFICER, 0, 0},
        {M_POST, "/arenden/{dnr}/bedomning", grant_assessment_save, ROLE_OFFICER, 0, 0},
        DOCUMENT_ROUTES{M_GET, "/handlaggning", cases_inbox_page, ROLE_OFFICER, 0, 0},
        {M_GET, "/handlaggning/statistik", cases_stats_page, ROLE_OFFICER, 0, 0},
        {M_GET, "/handlaggning/statistik.xlsx", cases_stats_xlsx, ROLE_OFFICER, 0, 0},
        {M_GET, "/mina-sidor/aterrapporter/{id}", grants_followup_form, ROLE_REPRESENTATIVE, 0, 0},
        {M_POST, "/mina-sidor/aterrapporter/{id}", grants_followup_submit, ROLE_REPRESENTATIVE, 0,
         ROUTE_FILES},
        {M_GET, "/handlaggning/bidrag/aterrapporter", grants_followup_overdue, ROLE_OFFICER, 0, 0},
        {M_GET, "/iop-avtal/ny", grants_iop_form, ROLE_REPRESENTATIVE, 0, 0},
        {M_POST, "/iop-avtal/ny", grants_iop_submit, ROLE_REPRESENTATIVE, 0, ROUTE_FILES},
        {M_POST, "/arenden/{dnr}/avtalsversion", grants_iop_version, ROLE_OFFICER, 0, 0},
        {M_POST, "/arenden/{dnr}/uppfoljningsmote", grants_iop_meeting, ROLE_OFFICER, 0, 0},
        {M_GET, "/handlaggning/bidrag/beslut", payouts_awards_page, ROLE_OFFICER, 0, 0},
        {M_GET, "/handlaggning/bidrag/beslut/{id}", payouts_award_page, ROLE_OFFICER, 0, 0},
        {M_POST, "/handlaggning/bidrag/beslut/{id}/planera", payouts_plan, ROLE_OFFICER, 0, 0},
        {M_POST, "/handlaggning/bidrag/beslut/{id}/aterkrav", payouts_reclaim, ROLE_OFFICER, 0, 0},
        {M_POST, "/handlaggning/bidrag/beslut/{id}/betald/{payment}", payouts_mark_paid,
         ROLE_OFFICER, 0, 0},
        {M_POST, "/handlaggning/bidrag/beslut/{id}/betalning/{payment}/ta-bort", payouts_remove,
         ROLE_OFFICER, 0, 0},
        {M_GET, "/handlaggning/bidrag/utbetalningar", payment_file_page, ROLE_OFFICER, 0, 0},
        {M_POST, "/handlaggning/bidrag/utbetalningar", payment_file_create, ROLE_OFFICER, 0, 0},
        {M_GET, "/handlaggning/bidrag/betalfiler/{id}/betalfil.csv", payment_file_csv, ROLE_OFFICER,
         0, 0},
        {M_GET, "/handlaggning/bidrag/betalfiler/{id}/betalfil.xlsx", payment_file_xlsx,
         ROLE_OFFICER, 0, 0},
        {M_POST, "/handlaggning/bidrag/betalfiler/{id}/betald", payment_file_paid, ROLE_OFFICER, 0,
         0},
        {M_GET, "/bidrag/konto/{id}", account_change_form, ROLE_REPRESENTATIVE, 0, 0},
        {M_POST, "/bidrag/konto/{id}", account_change_submit, ROLE_REPRESENTATIVE, 0, 0},
        {M_GET, "/handlaggning/bidrag", grants_admin_list, ROLE_OFFICER, 0, 0},
        {M_GET, "/handlaggning/bidrag/ny", grants_admin_new, ROLE_OFFICER, 0, 0},
        {M_GET, "/handlaggning/bidrag/{id}/ansokningar", grants_committee_page, ROLE_OFFICER, 0, 0},
        {M_POST, "/handlaggning/bidrag/{id}/ansokningar", grants_committee_decide, ROLE_OFFICER, 0,
         0},
        {M_POST, "/handlaggning/bidrag/ny", grants_admin_create, ROLE_OFFICER, 0, 0},
        {M_GET, "/handlaggning/bidrag/{id}", grants_admin_edit, ROLE_OFFICER, 0, 0},
        {M_POST, "/handlaggning/bidrag/{id}", grants_admin_update, ROLE_OFFICER, 0, 0},
        {M_POST, "/handlaggning/bidrag/{id}/fragor", grants_admin_question_add, ROLE_OFFICER, 0, 0},
        {M_POST, "/handlaggning/bidrag/{id}/fragor/{q}/ta-bort", grants_admin_question_remove,
         ROLE_OFFICER, 0, 0},
        {M_POST, "/handlaggning/bidrag/{id}/kriterier", grants_admin_criterion_add, ROLE_OFFICER, 0,
         0},
        {M_POST, "/handlaggning/bidrag/{id}/kriterier/{c}/ta-bort", grants_admin_criterion_remove,
         ROLE_OFFICER, 0, 0},
        {M_GET, "/handlaggning/lokaler", venues_admin_list, ROLE_OFFICER, 0, 0},
        {M_GET, "/handlaggning/lokaler/ny", venues_admin_new, ROLE_OFFICER, 0, 0},
        {M_POST, "/handlaggning/lokaler/ny", venues_admin_create, ROLE_OFFICER, 0, 0},
        {M_GET, "/handlaggning/lokaler/{id}", venues_admin_edit, ROLE_OFFICER, 0, 0},
        {M_POST, "/handlaggning/lokaler/{id}", venues_admin_update, ROLE_OFFICER, 0, 0},
        {M_POST, "/handlaggning/lokaler/{id}/delar", venues_admin_part_add, ROLE_OFFICER, 0, 0},
        {M_POST, "/handlaggning/lokaler/{id}/tider", venues_admin_hours_save, ROLE_OFFICER, 0, 0},
        {M_POST, "/handlaggning/lokaler/{id}/stangt", venues_admin_closed_add, ROLE_OFFICER, 0, 0},
        {M_POST, "/handlaggning/lokaler/{id}/stangt/{dag}/ta-bort", venues_admin_closed_remove,
         ROLE_OFFICER, 0, 0},
        {M_POST, "/handlaggning/lokaler/{id}/priser", venues_admin_prices_save, ROLE_OFFICER, 0, 0},
        {M_POST, "/handlaggning/lokaler/{id}/nolltaxa", venues_admin_youth_save, ROLE_OFFICER, 0,
         0},
        {M_GET, "/diarium", cases_diary_page, ACCESS_PUBLIC, &DIARIUM, 0},
        {M_GET, "/api/v1/mina-arenden", cases_mine_json, ACCESS_USER, 0, 0},
        {M_GET, "/api/v1/handlaggning", cases_inbox_json, ROLE_OFFICER, 0, 0},
        {0, NULL, NULL, 0, 0, 0},
};

/* What the grant system adds to an association's page in the register. */
register_section *const register_detail_sections[] = {grants_association_section,
                                                      venues_association_section, NULL};
