/* The grant application as a case type: what was sent, the officer's
 * assessment, and the decision that awards the amount granted. */
#include "grants/eservice.h"
#include "grants/followup.h"

/* The application on its case page, and what was granted once decided. */
static void
show(struct req *r, struct buf *b, const struct case_row *c, enum case_role role, json_t *payload)
{
	followup_notice(r, b, c, role);
	grant_application_show(r, b, payload);
	grant_award_show(r, b, c);
}

const struct eservice grant_application_eservice = {
        .code = "bidragsansokan",
        .name_sv = "Bidragsansökan",
        .name_en = "Grant application",
        .mail_subject = "Nytt ärende: bidragsansökan",
        .mail_body = "En förening har skickat en ansökan om bidrag.",
        .show = show,
        .decision_form = &grant_decision_form,
        .decision_prefill = grant_decision_prefill,
        .granted = grant_decision_granted,
        .panel = grant_assessment_panel,
};
