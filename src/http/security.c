/* Headers every response carries, error pages included. */
#include "http/security.h"

/* The CSP forbids inline script and style; pages of signed-in users are
 * never stored by caches. */
void
security_headers(struct MHD_Response *resp, const struct req *r)
{
	MHD_add_response_header(resp, "Content-Security-Policy",
	                        "default-src 'self'; object-src 'none'; base-uri 'none'; "
	                        "frame-ancestors 'none'; form-action 'self'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "Permissions-Policy",
	                        "camera=(), microphone=(), geolocation=()");
	if (r->user || r->status >= 400)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
}
