/* loc serve: decoding a JSON request body against an endpoint's contract.
 * Kept apart from the HTTP code so that the fuzz target can drive it. */
#ifndef LOC_SERVE_REQ_H
#define LOC_SERVE_REQ_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* What the body carries besides "options". */
typedef enum {
  SERVE_IN_TEXT,   /* {"text": "..."} */
  SERVE_IN_NAMES,  /* {"names": ["...", ...]} */
  SERVE_IN_TAGS,   /* {"tags": ["...", ...]} */
} serve_input;

/* SERVE_OPT_STRINGS: a string or an array of strings (a repeatable option). */
typedef enum { SERVE_OPT_STRING, SERVE_OPT_BOOL, SERVE_OPT_UINT, SERVE_OPT_STRINGS } serve_opt_type;

/* One option an endpoint accepts, named as the CLI's long option. */
typedef struct serve_opt {
  const char *name;
  serve_opt_type type;
} serve_opt;

typedef struct serve_contract {
  serve_input input;
  const serve_opt *opts; /* terminated by {NULL} */
} serve_contract;

/* A decoded request: borrowed views into @root, valid until
 * serve_request_free(). */
typedef struct serve_request {
  json_t *root;
  const char *text;      /* SERVE_IN_TEXT: the text (no NUL inside) */
  size_t text_len;
  json_t *items;         /* SERVE_IN_NAMES / SERVE_IN_TAGS: array of strings */
  json_t *options;       /* object (possibly empty, never NULL after success) */
} serve_request;

/* Why a request was refused: an HTTP status and a message naming the field. */
typedef struct serve_error {
  int status;
  char message[320];
} serve_error;

/* Decodes @body (@len bytes, any bytes) for @contract. On failure returns
 * false with @err filled (status 400) and nothing to free. */
bool serve_request_decode(const char *body, size_t len, const serve_contract *contract,
                          serve_request *req, serve_error *err);
void serve_request_free(serve_request *req);

/* Option lookups after a successful decode (types were checked). */
const char *serve_opt_string(const serve_request *req, const char *name);
bool serve_opt_bool(const serve_request *req, const char *name);
/* A SERVE_OPT_UINT option (an integer from 0), or @dflt when absent. */
unsigned long long serve_opt_uint(const serve_request *req, const char *name,
                                  unsigned long long dflt);
bool serve_opt_given(const serve_request *req, const char *name);

#endif
