/* loc serve: the JSON API's endpoints (POST /api/v1/COMMAND). */
#ifndef LOC_SERVE_API_H
#define LOC_SERVE_API_H

#include "cli.h"
#include "serve_req.h"

/* Writes the answer body for a decoded request into @o (an in-memory
 * out_buf). Returns 200, or an error status with @err filled. */
typedef int (*serve_handler)(const serve_request *req, out_buf *o, serve_error *err);

typedef struct serve_endpoint {
  const char *path;          /* command path: "script", "idn/check" */
  serve_contract contract;
  serve_handler handler;     /* NULL: not implemented yet (501) */
} serve_endpoint;

/* The endpoint for a command path (after "/api/v1/"), or NULL. */
const serve_endpoint *serve_endpoint_find(const char *path);
/* Every endpoint, for listings; *n gets the count. */
const serve_endpoint *serve_endpoints(size_t *n);

#endif
