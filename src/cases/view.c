#include "cases/view.h"
#include "base/esc.h"
#include "cases/case.h"

const char *
view_outcome(const char *outcome, int english)
{
	if (strcmp(outcome, "bifall") == 0)
		return english ? "Granted" : "Bifall";
	if (strcmp(outcome, "delvis") == 0)
		return english ? "Partly granted" : "Delvis bifall";
	return english ? "Refused" : "Avslag";
}

/* What an entry in the trail says. */
const char *
view_event(const char *kind, int english)
{
	static const struct {
		const char *kind, *sv, *en;
	} names[] = {
	        {"skapad", "ärendet skapades", "case created"},
	        {"status", "status ändrad", "status changed"},
	        {"tilldelad", "tilldelat", "assigned"},
	        {"meddelande", "meddelande", "message"},
	        {"dokument", "dokument tillagt", "document added"},
	        {"beslut", "beslut", "decision"},
	        {"sekretess", "sekretessmarkerat", "marked confidential"},
	        {"sekretess_havd", "sekretessmarkering hävd", "confidentiality lifted"},
	        {"bedomning", "bedömning sparad", "assessment saved"},
	        {"budget_overskriden", "budgeten överskreds", "budget exceeded"},
	        {"avtalsversion", "ny version av avtalet", "new version of the agreement"},
	        {"uppfoljningsmote", "uppföljningsmöte", "follow-up meeting"},
	        {"utbetalning", "utbetalning", "payment"},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i].kind, kind) == 0)
			return english ? names[i].en : names[i].sv;
	return kind;
}

/* An entry's detail in words: status codes and outcomes become names. */
void
view_event_detail(struct buf *b, const char *kind, const char *detail, int english)
{
	if (strcmp(kind, "beslut") == 0) {
		esc_html(b, view_outcome(detail, english), strlen(view_outcome(detail, english)));
		return;
	}
	const char *arrow = strstr(detail, " → ");
	if (strcmp(kind, "status") != 0 || !arrow) {
		esc_html(b, detail, strlen(detail));
		return;
	}
	char from[32], to[32];
	size_t fn = (size_t)(arrow - detail), tn = strcspn(arrow + 5, ":");
	if (fn >= sizeof(from) || tn >= sizeof(to)) {
		esc_html(b, detail, strlen(detail));
		return;
	}
	memcpy(from, detail, fn);
	from[fn] = 0;
	memcpy(to, arrow + 5, tn);
	to[tn] = 0;
	const char *f = case_status_name(from, english), *t = case_status_name(to, english);
	esc_html(b, f, strlen(f));
	buf_puts(b, " → ");
	esc_html(b, t, strlen(t));
	const char *rest = arrow + 5 + tn;
	esc_html(b, rest, strlen(rest));
}
