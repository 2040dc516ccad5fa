/* loc serve: the name endpoints (idn/to-ascii, idn/to-unicode, idn/check,
 * idn/confusables, idn/lgr, idn/variants). {"names":[...]} are handled as
 * `loc idn OP NAME...` handles its arguments, with the same JSON writers
 * (cli/json_idn.c, idn_lgr_one_label). The UTS #46 data is loaded once;
 * the registered names of --zone FILE and the LGRs of --lgr FILE (chosen by
 * base name with option "lgr") are loaded at start. */
#include "idn_lgr.h"
#include "serve_api.h"

#include <pthread.h>

#define ARGUMENT "<argument>" /* as the CLI names its NAME operands */
#define SERVE_MAX_VARIANTS 100000

static loc_idn *idn;
static loc_status idn_status;
static pthread_once_t idn_once = PTHREAD_ONCE_INIT;
static void load_idn(void) { idn_status = loc_idn_new(&idn); }

static loc_confusable_index *zone;

typedef struct loaded_lgr {
  char *name;            /* base name of the file */
  loc_lgr *lgr;
} loaded_lgr;
static loaded_lgr *lgrs;
static size_t n_lgrs;

bool serve_load_zone(int n, char **files) {
  cli_run run = {.command = "serve", .jobs = 1};
  zone = confusables_load(&run, n, files);
  return zone != NULL;
}

bool serve_load_lgr(const char *path) {
  const char *slash = strrchr(path, '/');
  const char *name = slash ? slash + 1 : path;
  for (size_t i = 0; i < n_lgrs; i++)
    if (strcmp(lgrs[i].name, name) == 0) {
      fprintf(stderr, "loc: serve: --lgr %s: an LGR named '%s' is loaded already (requests "
                      "choose LGRs by base name)\n", path, name);
      return false;
    }
  loc_lgr *lgr;
  char *err = NULL;
  loc_status st = loc_lgr_new_file(path, &lgr, &err);
  if (st != LOC_OK) {
    fprintf(stderr, "loc: serve: --lgr: %s\n", err ? err : loc_status_message(st));
    free(err);
    return false;
  }
  idn_lgr_print_warnings(lgr, path);
  loaded_lgr *g = realloc(lgrs, (n_lgrs + 1) * sizeof *g);
  char *copy = strdup(name);
  if (g == NULL || copy == NULL) {
    free(copy);
    if (g)
      lgrs = g;
    loc_lgr_free(lgr);
    fputs("loc: serve: out of memory\n", stderr);
    return false;
  }
  lgrs = g;
  lgrs[n_lgrs++] = (loaded_lgr){copy, lgr};
  return true;
}

void serve_unload_names(void) {
  loc_confusable_index_free(zone);
  zone = NULL;
  for (size_t i = 0; i < n_lgrs; i++) {
    free(lgrs[i].name);
    loc_lgr_free(lgrs[i].lgr);
  }
  free(lgrs);
  lgrs = NULL;
  n_lgrs = 0;
  loc_idn_free(idn);
  idn = NULL;
}

void serve_list_lgrs(out_buf *o) {
  out_putc(o, '[');
  for (size_t i = 0; i < n_lgrs; i++) {
    if (i)
      out_putc(o, ',');
    out_json_string(o, lgrs[i].name, strlen(lgrs[i].name));
  }
  out_putc(o, ']');
}

bool serve_has_zone(void) { return zone != NULL; }

/* The LGR named by option "lgr": NULL without the option (*err untouched)
 * or, with @err filled, when no such LGR is loaded. */
static const loc_lgr *find_lgr(const serve_request *req, bool required, serve_error *err) {
  const char *name = serve_opt_string(req, "lgr");
  for (size_t i = 0; name && i < n_lgrs; i++)
    if (strcmp(lgrs[i].name, name) == 0)
      return lgrs[i].lgr;
  if (name == NULL && !required)
    return NULL;
  char list[200] = "";
  size_t n = 0;
  for (size_t i = 0; i < n_lgrs && n < sizeof list - 1; i++)
    n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", lgrs[i].name);
  if (name == NULL)
    serve_fail(err, 400, "option 'options.lgr' is required: the base name of an LGR loaded "
                         "with loc serve --lgr (%s)", n_lgrs ? list : "none is loaded");
  else
    serve_fail(err, 400, "option 'options.lgr': no LGR '%s' is loaded (%s)", name,
               n_lgrs ? list : "loc serve was started without --lgr");
  return NULL;
}

static const loc_idn *shared_idn(serve_error *err) {
  pthread_once(&idn_once, load_idn);
  if (idn_status != LOC_OK) {
    serve_fail(err, 500, "cannot load ICU's UTS #46 data: %s", loc_status_message(idn_status));
    return NULL;
  }
  return idn;
}

/* ---------- to-ascii, to-unicode, check ---------- */

enum idn_op { OP_TO_ASCII, OP_TO_UNICODE, OP_CHECK };

static int idn_names(const serve_request *req, serve_answer *a, serve_error *err,
                     enum idn_op op) {
  unsigned flags = 0;
  const char *profile = serve_opt_string(req, "profile");
  if (profile == NULL || (op == OP_CHECK ? strcmp(profile, "registration") == 0
                                         : strcmp(profile, "uts46") == 0))
    ;
  else if (op == OP_CHECK && strcmp(profile, "uts46") == 0)
    flags |= LOC_IDN_CHECK_UTS46;
  else if (strcmp(profile, "url") == 0)
    flags |= LOC_IDN_URL;
  else
    return serve_fail(err, 400, "option 'options.profile': '%s' is not available here (%s)",
                      profile, op == OP_CHECK ? "registration, uts46 or url" : "uts46 or url");
  if (serve_opt_bool(req, "transitional")) {
    if (flags & LOC_IDN_URL)
      return serve_fail(err, 400, "option 'options.transitional' does not apply to profile url "
                                  "(the URL Standard is nontransitional)");
    flags |= LOC_IDN_TRANSITIONAL;
  }
  const char *max_level = serve_opt_string(req, "max-level");
  if (max_level) {
    loc_idn_level l = LOC_IDN_LEVEL_NONE;
    if (loc_idn_level_parse(max_level, &l) != LOC_OK)
      return serve_fail(err, 400, "option 'options.max-level': unknown restriction level '%s' "
                                  "(ascii, single-script, highly-restrictive, "
                                  "moderately-restrictive, minimally-restrictive, unrestricted)",
                        max_level);
    flags = (flags & ~(unsigned)LOC_IDN_MAX_LEVEL_MASK) | LOC_IDN_MAX_LEVEL(l);
  }
  const loc_lgr *lgr = NULL;
  if (op == OP_CHECK && serve_opt_given(req, "lgr") && (lgr = find_lgr(req, true, err)) == NULL)
    return err->status;
  const loc_idn *id = shared_idn(err);
  if (id == NULL)
    return err->status;
  loc_idn_ctx *ctx = NULL, *label_ctx = NULL;
  loc_lgr_ctx *lgr_ctx = NULL;
  loc_status st = loc_idn_ctx_new(id, &ctx);
  if (st == LOC_OK && lgr && (st = loc_lgr_ctx_new(lgr, &lgr_ctx)) == LOC_OK)
    st = loc_idn_ctx_new(id, &label_ctx);
  size_t i;
  json_t *item;
  json_array_foreach(req->items, i, item) {
    if (st != LOC_OK || !serve_in_time(a))
      break;
    const char *s = json_string_value(item);
    size_t len = json_string_length(item);
    char *out = NULL;
    size_t n = 0;
    st = op == OP_TO_ASCII     ? loc_idn_to_ascii_alloc(ctx, flags, s, len, &out, &n)
         : op == OP_TO_UNICODE ? loc_idn_to_unicode_alloc(ctx, flags, s, len, &out, &n)
                               : loc_idn_check_alloc(ctx, flags, s, len, &out, &n);
    if (st != LOC_OK)
      break;
    idn_lgr_verdict v = {0};
    if (lgr)
      idn_lgr_first_label(lgr, lgr_ctx, label_ctx, NULL, loc_idn_ok(ctx), out, n, &v);
    json_idn_result(&a->lines.out, NULL, s, len, out, n, ctx, op == OP_CHECK,
                    lgr ? &v : NULL, false);
    loc_free(out);
  }
  int status = st == LOC_OK ? 200 : serve_fail(err, 500, "names[%zu]: %s", i,
                                               loc_status_message(st));
  loc_idn_ctx_free(ctx);
  loc_idn_ctx_free(label_ctx);
  loc_lgr_ctx_free(lgr_ctx);
  return status;
}

int serve_idn_to_ascii(const serve_request *req, serve_answer *a, serve_error *err) {
  return idn_names(req, a, err, OP_TO_ASCII);
}
int serve_idn_to_unicode(const serve_request *req, serve_answer *a, serve_error *err) {
  return idn_names(req, a, err, OP_TO_UNICODE);
}
int serve_idn_check(const serve_request *req, serve_answer *a, serve_error *err) {
  return idn_names(req, a, err, OP_CHECK);
}

/* ---------- confusables ---------- */

int serve_idn_confusables(const serve_request *req, serve_answer *a, serve_error *err) {
  if (zone == NULL)
    return serve_fail(err, 400, "idn/confusables looks names up in the registered names of "
                                "loc serve --zone FILE, and none were loaded");
  loc_confusable_ctx *ctx;
  loc_status st = loc_confusable_ctx_new(zone, &ctx);
  if (st != LOC_OK)
    return serve_fail(err, 500, "confusables: %s", loc_status_message(st));
  loc_confusable_diff *diffs = NULL;
  size_t cap = 0, i;
  json_t *item;
  int status = 200;
  json_array_foreach(req->items, i, item) {
    if (!serve_in_time(a))
      break;
    const char *s = json_string_value(item);
    size_t len = json_string_length(item), count = 0;
    /* a name that cannot be looked up has no matches, as in the CLI */
    (void)loc_confusable_lookup(ctx, s, len, &count);
    loc_status dst = LOC_OK;
    json_confusable_result(&a->lines.out, NULL, s, len, ctx, count, &diffs, &cap, &dst);
    if (dst != LOC_OK) {
      status = serve_fail(err, 500, "confusables: %s", loc_status_message(dst));
      break;
    }
  }
  free(diffs);
  loc_confusable_ctx_free(ctx);
  return status;
}

/* ---------- lgr, variants ---------- */

static int lgr_labels(const serve_request *req, serve_answer *a, serve_error *err,
                      bool variants) {
  const loc_lgr *lgr = find_lgr(req, true, err);
  if (lgr == NULL)
    return err->status;
  lgr_shared sh = {.lgr = lgr, .variants = variants, .max = LOC_LGR_DEFAULT_MAX_VARIANTS,
                   .include_invalid = serve_opt_bool(req, "include-invalid")};
  if (serve_opt_given(req, "max")) {
    unsigned long long m = serve_opt_uint(req, "max", 0);
    /* one label's variants cannot be stopped halfway: a lower ceiling than
     * the CLI's 100000000 keeps a request within reach of --max-time */
    if (m < 1 || m > SERVE_MAX_VARIANTS)
      return serve_fail(err, 400, "option 'options.max' wants a number from 1 to %d",
                        SERVE_MAX_VARIANTS);
    sh.max = (size_t)m;
  }
  lgr_job job = {.sh = &sh, .run = &a->run, .out = &a->lines.out};
  loc_status st = loc_lgr_ctx_new(lgr, &job.ctx);
  if (st != LOC_OK)
    return serve_fail(err, 500, "lgr: %s", loc_status_message(st));
  size_t i;
  json_t *item;
  json_array_foreach(req->items, i, item) {
    if (!serve_in_time(a))
      break;
    idn_lgr_one_label(&job, ARGUMENT, i + 1, json_string_value(item), json_string_length(item));
  }
  loc_lgr_ctx_free(job.ctx);
  return 200;
}

int serve_idn_lgr(const serve_request *req, serve_answer *a, serve_error *err) {
  return lgr_labels(req, a, err, false);
}
int serve_idn_variants(const serve_request *req, serve_answer *a, serve_error *err) {
  return lgr_labels(req, a, err, true);
}

const serve_opt serve_idn_ascii_opts[] = {
    {"profile", SERVE_OPT_STRING}, {"transitional", SERVE_OPT_BOOL}, {NULL, 0}};
const serve_opt serve_idn_unicode_opts[] = {{"profile", SERVE_OPT_STRING}, {NULL, 0}};
const serve_opt serve_idn_check_opts[] = {{"profile", SERVE_OPT_STRING},
                                          {"max-level", SERVE_OPT_STRING},
                                          {"lgr", SERVE_OPT_STRING},
                                          {NULL, 0}};
const serve_opt serve_idn_lgr_opts[] = {{"lgr", SERVE_OPT_STRING}, {NULL, 0}};
const serve_opt serve_idn_variants_opts[] = {{"lgr", SERVE_OPT_STRING},
                                             {"max", SERVE_OPT_UINT},
                                             {"include-invalid", SERVE_OPT_BOOL},
                                             {NULL, 0}};
