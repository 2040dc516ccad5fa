/* loc serve: the JSON API's endpoints (POST /api/v1/COMMAND). */
#ifndef LOC_SERVE_API_H
#define LOC_SERVE_API_H

#include "cli.h"
#include "serve_req.h"

#include <time.h>

/* What an endpoint answers: the lines `loc COMMAND --json` prints (NDJSON,
 * each ending in '\n', without "file"), and "text" where the command
 * rewrites text; render answers an image instead. */
typedef struct serve_answer {
  cli_run run;           /* json; run.failed after a diagnostic */
  cli_state lines;       /* lines.out: the NDJSON lines */
  out_buf text;          /* the "text" field (has_text), or the image */
  bool has_text;
  const char *media_type; /* non-NULL: the answer is @text's bytes of this type */
  out_buf diags;         /* diagnostics the shared code wrote */
  struct timespec deadline; /* the per-request time limit (zero: none) */
  bool timed_out;        /* the work stopped at the deadline */
} serve_answer;

/* false (and a->timed_out set) once the request's time is up: handlers
 * check it between lines and names. */
bool serve_in_time(serve_answer *a);

void serve_answer_init(serve_answer *a, const char *command);
void serve_answer_free(serve_answer *a);

/* Fills @err; returns @status. */
int serve_fail(serve_error *err, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Feeds the lines of the request's text to @fn as pieces, as the CLI's
 * reader would. */
bool serve_each_piece(const serve_request *req, serve_answer *a, lr_piece_fn fn, void *user);

/* Fills @a for a decoded request. Returns 200, or an error status with @err
 * filled. */
typedef int (*serve_handler)(const serve_request *req, serve_answer *a, serve_error *err);

typedef struct serve_endpoint {
  const char *path;          /* command path: "script", "idn/check" */
  serve_contract contract;
  serve_handler handler;
} serve_endpoint;

/* The endpoint for a command path (after "/api/v1/"), or NULL. */
const serve_endpoint *serve_endpoint_find(const char *path);

/* What `loc serve --font FILE` loads, once, for render and fontcheck;
 * requests choose a font by the file's base name. false after a message
 * on stderr. (cli/serve_font.c) */
bool serve_load_font(const char *path);
/* Frees what was loaded (at exit). */
void serve_unload(void);
/* Reads loc shape's default language (setlocale): before threads start. */
void serve_fonts_init(void);
int serve_shape(const serve_request *req, serve_answer *a, serve_error *err);
int serve_render(const serve_request *req, serve_answer *a, serve_error *err);
int serve_fontcheck(const serve_request *req, serve_answer *a, serve_error *err);
extern const serve_opt serve_render_opts[], serve_fontcheck_opts[], serve_shape_opts[];
/* --zone FILE... and --lgr FILE (cli/serve_idn.c); false after a message. */
bool serve_load_zone(int n, char **files);
bool serve_load_lgr(const char *path);
void serve_unload_names(void);
/* JSON arrays of the base names loaded with --font and --lgr; whether
 * --zone loaded names. For GET /api/v1/config. */
void serve_list_fonts(out_buf *o);
void serve_list_lgrs(out_buf *o);
bool serve_has_zone(void);
int serve_idn_to_ascii(const serve_request *req, serve_answer *a, serve_error *err);
int serve_idn_to_unicode(const serve_request *req, serve_answer *a, serve_error *err);
int serve_idn_check(const serve_request *req, serve_answer *a, serve_error *err);
int serve_idn_confusables(const serve_request *req, serve_answer *a, serve_error *err);
int serve_idn_lgr(const serve_request *req, serve_answer *a, serve_error *err);
int serve_idn_variants(const serve_request *req, serve_answer *a, serve_error *err);
extern const serve_opt serve_idn_ascii_opts[], serve_idn_unicode_opts[], serve_idn_check_opts[],
    serve_idn_lgr_opts[], serve_idn_variants_opts[];

#endif
