/* The season application as a case type (sasongsansokan): what was asked,
 * the wished times with what the allocation gave them, and the decision
 * whose grant books the allocated times. */
#ifndef VENUES_SEASON_ESERVICE_H
#define VENUES_SEASON_ESERVICE_H
#include "cases/eservice.h"

extern const struct eservice season_application_eservice;
#endif
