/* loc serve: the endpoints. Each answers {"results":[...]} with the objects
 * `loc COMMAND --json` prints, one per input line, in order, plus "text"
 * where the command rewrites text. Lines are cut as the CLI cuts them: only
 * '\n' ends a line, a final line without one is a line, and an empty text
 * has none. Request bodies are valid UTF-8 by the time they get here. */
#include "serve_api.h"

#include <string.h>

static int fail(serve_error *err, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(serve_error *err, int status, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  va_end(ap);
  err->status = status;
  return status;
}

/* Calls @fn for each line of @s (without its '\n'), numbered from 1. */
typedef bool (*line_fn)(void *user, uint64_t line, const char *s, size_t len);
static bool each_line(const char *s, size_t len, line_fn fn, void *user) {
  uint64_t line = 1;
  size_t i = 0;
  while (i < len) {
    const char *nl = memchr(s + i, '\n', len - i);
    size_t end = nl ? (size_t)(nl - s) : len;
    if (!fn(user, line++, s + i, end - i))
      return false;
    i = end + 1;
  }
  return true;
}

/* ---------- script ---------- */

typedef struct script_state {
  out_buf *o;
  loc_script_iter *it;
  loc_script_summary *sum;
  bool first;
} script_state;

static bool script_line(void *user, uint64_t line, const char *s, size_t len) {
  script_state *st = user;
  out_buf *o = st->o;
  if (st->sum)
    return loc_script_summary_add(st->sum, s, len) == LOC_OK;
  out_printf(o, "%s{\"line\":%llu,\"runs\":[", st->first ? "" : ",", (unsigned long long)line);
  st->first = false;
  if (loc_script_iter_feed(st->it, s, len) != LOC_OK)
    return false;
  loc_script_run r;
  size_t n = 0;
  char buf[JSON_SPAN_MAX];
  for (int pass = 0; pass < 2; pass++) {
    while (loc_script_iter_next(st->it, &r))
      out_write(o, buf, json_span(buf, n++, r.start, r.end, "script", r.code, 4));
    if (pass == 0 && loc_script_iter_finish(st->it) != LOC_OK)
      return false;
  }
  out_write(o, "]}", 2);
  return true;
}

static int script_summary(const serve_request *req, script_state *st, serve_error *err) {
  const char *lang = serve_opt_string(req, "lang");
  int32_t expected = 0;
  if (lang) {
    loc_status s = loc_script_for_language(lang, &expected);
    if (s != LOC_OK)
      return fail(err, 400, "option 'options.lang': '%s': %s", lang,
                  s == LOC_E_UNKNOWN_SCRIPT ? "the tag implies no script"
                                            : "not a valid BCP 47 tag");
  }
  if (!each_line(req->text, req->text_len, script_line, st))
    return fail(err, 500, "script summary failed");
  size_t n = loc_script_summary_list(st->sum, NULL, 0);
  loc_script_count *list = calloc(n ? n : 1, sizeof *list);
  if (list == NULL)
    return fail(err, 500, "out of memory");
  loc_script_summary_list(st->sum, list, n);
  json_script_summary(st->o, st->sum, list, n, lang ? &expected : NULL);
  free(list);
  return 200;
}

static int do_script(const serve_request *req, out_buf *o, serve_error *err) {
  script_state st = {.o = o, .first = true};
  bool summary = serve_opt_bool(req, "summary");
  if (serve_opt_string(req, "lang") && !summary)
    return fail(err, 400, "option 'options.lang' needs 'options.summary': true");
  loc_status s = summary ? loc_script_summary_new(&st.sum) : loc_script_iter_new(&st.it);
  if (s != LOC_OK)
    return fail(err, 500, "script: %s", loc_status_message(s));
  out_write(o, "{\"results\":[", 12);
  int status = 200;
  if (summary)
    status = script_summary(req, &st, err);
  else if (!each_line(req->text, req->text_len, script_line, &st))
    status = fail(err, 500, "script runs failed");
  out_write(o, "]}", 2);
  loc_script_iter_free(st.it);
  loc_script_summary_free(st.sum);
  return status;
}

/* ---------- segment ---------- */

typedef struct seg_state {
  out_buf *o;
  loc_segment_iter *it;
  bool words_only;
  bool first;
} seg_state;

static bool seg_line(void *user, uint64_t line, const char *s, size_t len) {
  seg_state *st = user;
  out_buf *o = st->o;
  out_printf(o, "%s{\"line\":%llu,\"segments\":[", st->first ? "" : ",",
             (unsigned long long)line);
  st->first = false;
  if (loc_segment_iter_set_text(st->it, s, len) != LOC_OK)
    return false;
  loc_segment seg;
  size_t n = 0;
  char buf[JSON_SPAN_MAX];
  while (loc_segment_iter_next(st->it, &seg)) {
    if (st->words_only && !loc_segment_type_has_letter_or_digit(seg.type))
      continue;
    const char *type = loc_segment_type_name(seg.type);
    size_t type_len = strlen(type);
    if (type_len > 16)
      type_len = 16; /* as loc segment cuts it: the names are a few letters */
    out_write(o, buf, json_span(buf, n++, seg.start, seg.end, "type", type, type_len));
  }
  out_write(o, "]}", 2);
  return true;
}

static int do_segment(const serve_request *req, out_buf *o, serve_error *err) {
  const char *by = serve_opt_string(req, "by");
  const char *lang = serve_opt_string(req, "lang");
  bool strict = serve_opt_bool(req, "strict-uax");
  seg_state st = {.o = o, .first = true, .words_only = serve_opt_bool(req, "words-only")};
  loc_segment_kind kind;
  if (by == NULL)
    return fail(err, 400, "option 'options.by' is required: grapheme, word, sentence or line");
  if (loc_segment_kind_parse(by, &kind) != LOC_OK)
    return fail(err, 400, "option 'options.by': '%s' is not grapheme, word, sentence or line",
                by);
  if (st.words_only && kind != LOC_BREAK_WORD)
    return fail(err, 400, "option 'options.words-only' needs 'options.by': \"word\"");
  if (strict && lang)
    return fail(err, 400, "options 'strict-uax' and 'lang' exclude each other");
  loc_segmenter *own = NULL;
  loc_status s = LOC_OK;
  if (strict)
    s = loc_segmenter_new_uax(kind, &own);
  else if (lang)
    s = loc_segmenter_new_lang(kind, lang, strlen(lang), &own);
  if (s == LOC_E_INVALID_TAG)
    return fail(err, 400, "option 'options.lang': '%s' is not a valid BCP 47 language tag",
                lang);
  const loc_segmenter *sg = own ? own : loc_segmenter_root(kind);
  if (s == LOC_OK)
    s = sg ? loc_segment_iter_new(sg, &st.it) : LOC_E_ICU;
  if (s != LOC_OK) {
    loc_segmenter_free(own);
    return fail(err, 500, "segment: %s", loc_status_message(s));
  }
  out_write(o, "{\"results\":[", 12);
  int status = 200;
  if (!each_line(req->text, req->text_len, seg_line, &st))
    status = fail(err, 500, "segment: a line is too long to segment");
  out_write(o, "]}", 2);
  loc_segment_iter_free(st.it);
  loc_segmenter_free(own);
  return status;
}

/* ---------- normalize ---------- */

/* `loc normalize` has no --json: "results" stays empty and "text" is what
 * it writes to standard output. '\n' is a normalization boundary, so the
 * whole text normalized at once equals the lines normalized one by one. */
static int do_normalize(const serve_request *req, out_buf *o, serve_error *err) {
  const char *name = serve_opt_string(req, "form");
  loc_normalize_form form = LOC_NORMALIZE_NFC;
  if (name && loc_normalize_form_parse(name, &form) != LOC_OK)
    return fail(err, 400, "option 'options.form': unknown form '%s' (nfc, nfd, nfkc, nfkd, nfkc_cf)",
                name);
  char *out = NULL;
  size_t out_len = 0;
  loc_status s = loc_normalize_alloc(form, req->text, req->text_len, &out, &out_len);
  if (s != LOC_OK)
    return fail(err, 500, "normalize: %s", loc_status_message(s));
  out_write(o, "{\"results\":[],\"text\":", 21);
  out_json_string(o, out, out_len);
  out_putc(o, '}');
  loc_free(out);
  return 200;
}

/* ---------- key ---------- */

typedef struct key_state {
  out_buf *o;
  loc_key_ctx *ctx;
  bool first;
  loc_status st;
} key_state;

/* One line's key; a '\r' before the line's end is dropped, as the CLI
 * drops it. */
static bool key_line(void *user, uint64_t line, const char *s, size_t len) {
  key_state *ks = user;
  if (len > 0 && s[len - 1] == '\r')
    len--;
  const char *key;
  size_t n;
  ks->st = loc_key(ks->ctx, s, len, &key, &n);
  if (ks->st != LOC_OK)
    return false;
  out_printf(ks->o, "%s{\"line\":%llu,\"key\":", ks->first ? "" : ",",
             (unsigned long long)line);
  out_json_string(ks->o, key, n);
  out_putc(ks->o, '}');
  ks->first = false;
  return true;
}

static int do_key(const serve_request *req, out_buf *o, serve_error *err) {
  const char *lang = serve_opt_string(req, "lang");
  const char *fold = serve_opt_string(req, "fold");
  unsigned folds = 0;
  if (fold) {
    size_t bad = 0;
    if (loc_key_fold_parse(fold, &folds, &bad) != LOC_OK)
      return fail(err, 400, "option 'options.fold': '%s': unknown fold at '%.*s'", fold,
                  (int)strcspn(fold + bad, ","), fold + bad);
  }
  if (serve_opt_bool(req, "romanize"))
    folds |= LOC_KEY_FOLD_ROMANIZE;
  loc_keyer *keyer;
  loc_status s = loc_keyer_new(lang, lang ? strlen(lang) : 0, folds, &keyer);
  if (s == LOC_E_INVALID_TAG)
    return fail(err, 400, "option 'options.lang': '%s' is not a valid BCP 47 language tag",
                lang);
  key_state ks = {.o = o, .first = true};
  if (s == LOC_OK && (s = loc_key_ctx_new(keyer, &ks.ctx)) != LOC_OK)
    loc_keyer_free(keyer);
  if (s != LOC_OK)
    return fail(err, 500, "key: %s", loc_status_message(s));
  out_write(o, "{\"results\":[", 12);
  int status = 200;
  if (!each_line(req->text, req->text_len, key_line, &ks))
    status = fail(err, 500, "key: %s", loc_status_message(ks.st));
  out_write(o, "]}", 2);
  loc_key_ctx_free(ks.ctx);
  loc_keyer_free(keyer);
  return status;
}

/* ---------- tag ---------- */

static int do_tag(const serve_request *req, out_buf *o, serve_error *err) {
  out_write(o, "{\"results\":[", 12);
  size_t i;
  json_t *item;
  json_array_foreach(req->items, i, item) {
    loc_tag_info *t;
    loc_status s = loc_tag_analyze(json_string_value(item), json_string_length(item), &t);
    if (s != LOC_OK)
      return fail(err, 500, "tag %zu: %s", i, loc_status_message(s));
    if (i)
      out_putc(o, ',');
    json_tag_info(o, t, t->input_len);
    loc_tag_info_free(t);
  }
  out_write(o, "]}", 2);
  return 200;
}

/* ---------- the table ---------- */

static const serve_opt script_opts[] = {
    {"summary", SERVE_OPT_BOOL}, {"lang", SERVE_OPT_STRING}, {NULL, 0}};
static const serve_opt segment_opts[] = {{"by", SERVE_OPT_STRING},
                                         {"words-only", SERVE_OPT_BOOL},
                                         {"strict-uax", SERVE_OPT_BOOL},
                                         {"lang", SERVE_OPT_STRING},
                                         {NULL, 0}};
static const serve_opt normalize_opts[] = {{"form", SERVE_OPT_STRING}, {NULL, 0}};
static const serve_opt key_opts[] = {
    {"lang", SERVE_OPT_STRING}, {"fold", SERVE_OPT_STRING}, {"romanize", SERVE_OPT_BOOL}, {NULL, 0}};

#define TEXT(o) {SERVE_IN_TEXT, o}
#define NAMES {SERVE_IN_NAMES, NULL}

/* Every command of the CLI. Those without a handler answer 501 until they
 * are wired; their options are checked once they are. */
static const serve_endpoint endpoints[] = {
    {"normalize", TEXT(normalize_opts), do_normalize},
    {"script", TEXT(script_opts), do_script},
    {"segment", TEXT(segment_opts), do_segment},
    {"key", TEXT(key_opts), do_key},
    {"tag", {SERVE_IN_TAGS, NULL}, do_tag},
    {"check", TEXT(NULL), NULL},
    {"detect", TEXT(NULL), NULL},
    {"translit", TEXT(NULL), NULL},
    {"convert", TEXT(NULL), NULL},
    {"sort", TEXT(NULL), NULL},
    {"idn/to-ascii", NAMES, NULL},
    {"idn/to-unicode", NAMES, NULL},
    {"idn/check", NAMES, NULL},
    {"idn/confusables", NAMES, NULL},
    {"idn/lgr", NAMES, NULL},
    {"idn/variants", NAMES, NULL},
    {"shape", TEXT(NULL), NULL},
    {"render", TEXT(NULL), NULL},
    {"fontcheck", TEXT(NULL), NULL},
};

const serve_endpoint *serve_endpoint_find(const char *path) {
  for (size_t i = 0; i < sizeof endpoints / sizeof endpoints[0]; i++)
    if (strcmp(path, endpoints[i].path) == 0)
      return &endpoints[i];
  return NULL;
}

const serve_endpoint *serve_endpoints(size_t *n) {
  *n = sizeof endpoints / sizeof endpoints[0];
  return endpoints;
}
