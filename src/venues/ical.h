/* Calendar feeds (issue 11, point 7): a venue's, an association's and one
 * booking's times as iCalendar (RFC 5545), written with libical, in
 * Stockholm time with the zone's VTIMEZONE. */
#ifndef VENUES_ICAL_H
#define VENUES_ICAL_H
#include "http/request.h"

/* GET /lokaler/{id}/kalender.ics: the venue's pending and confirmed
 * bookings, its whole's and parts' included, named only where the
 * association chose to be shown. */
void venue_feed(struct req *r);
/* GET /foreningar/{id}/kalender.ics: a public association's confirmed
 * bookings that it chose to show. */
void association_feed(struct req *r);
/* GET /lokaler/bokningar/{id}/kalender.ics: one booking, for its
 * association's representatives, the venue's department's officers and
 * administrators; 404 for anyone else. */
void booking_feed(struct req *r);
#endif
