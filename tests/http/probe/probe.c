/* A throw-away case type for the test build: declared here, in a folder of
 * its own, and listed in this build's table, without a line of the engine
 * changed. It proves that a type is one declaration: the engine serves its
 * form, files its cases, shows what was sent and runs its decision hook. */
#include "cases/eservice.h"

static const struct field_def fields[] = {
        {.name = "amne",
         .label_sv = "Ämne",
         .label_en = "Subject",
         .type = FIELD_TEXT,
         .required = 1,
         .max = 100},
        {.name = "antal",
         .label_sv = "Antal deltagare",
         .label_en = "Participants",
         .type = FIELD_INT,
         .required = 1,
         .min = 1,
         .max_int = 500},
        {.name = "dag",
         .label_sv = "Dag",
         .label_en = "Day",
         .type = FIELD_DATE,
         .required = 1,
         .hint_sv = "ÅÅÅÅ-MM-DD",
         .hint_en = "YYYY-MM-DD"},
        {.name = "kontakt", .label_sv = "E-post", .label_en = "E-mail", .type = FIELD_EMAIL},
        {.name = "bilaga", .label_sv = "Bilaga", .label_en = "Attachment", .type = FIELD_FILE},
};
static const struct form_def form = {"prov", fields, 5};

/* What the decision does outside the case: a trail entry of its own, so
 * the test sees that the engine ran the type's hook in the decision. */
static int
granted(struct req *r, struct case_row *c, json_t *payload, struct form *decision)
{
	(void)payload;
	(void)decision;
	struct actor a = {0, "provtjänsten"};
	return case_event(r->db, c->id, &a, "prov", "beviljad") == DB_OK ? 0 : -1;
}

const struct eservice probe_eservice = {
        .code = "prov",
        .name_sv = "Provärende",
        .name_en = "Probe case",
        .department_setting = "register_department",
        .form = &form,
        .mail_subject = "Nytt ärende: provärende",
        .mail_body = "Ett provärende har kommit in.",
        .granted = granted,
};
