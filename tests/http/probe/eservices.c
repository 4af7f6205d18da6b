/* The test build's table of case types: the product's, and the probe. */
#include "cases/eservice.h"
#include "registration/eservices.h"

extern const struct eservice probe_eservice;

const struct eservice *const eservices[] = {
        &registration_eservice,
        &update_eservice,
        &probe_eservice,
        NULL,
};
