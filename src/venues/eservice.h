/* A booking request as a case type (lokalbokning): what was asked, the
 * times it holds, and the decision that confirms them or lets them go. */
#ifndef VENUES_ESERVICE_H
#define VENUES_ESERVICE_H
#include <jansson.h>

#include "cases/eservice.h"
#include "venues/book.h"

extern const struct eservice venue_booking_eservice;
/* What the case keeps of the request as it was sent. */
json_t *venue_booking_payload(const struct book_plan *x);
#endif
