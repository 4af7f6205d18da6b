/* Every case type of samverka in one table. Adding an e-service is its
 * own folder and one line here; the engine, the inbox, the statistics, the
 * case page and the diary read the table. */
#include "cases/eservice.h"
#include "grants/eservice.h"
#include "registration/eservices.h"
#include "venues/eservice.h"

const struct eservice *const eservices[] = {
        &registration_eservice,
        &update_eservice,
        &grant_application_eservice,
        &followup_eservice, /* återrapport */
        &iop_eservice,      /* IOP-avtal */
        &account_change_eservice,
        &venue_booking_eservice, /* lokalbokning */
        NULL,
};
