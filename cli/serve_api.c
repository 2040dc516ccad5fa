/* loc serve: the text endpoints. Each writes the lines `loc COMMAND --json`
 * prints, with the writers the commands themselves use (cli/json.c and the
 * per-line functions the cmd_*.c files export), plus "text" where the
 * command rewrites text. Lines are cut as the CLI cuts them (pieces_of_chunk
 * over the whole text: only '\n' ends a line, a final line without one is a
 * line, an empty text has none). Request bodies are valid UTF-8 here. */
#include "serve_api.h"

#include <pthread.h>
#include <string.h>

#define REQUEST_FILE "request" /* the "file" the shared code names in messages */

int serve_fail(serve_error *err, int status, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  va_end(ap);
  err->status = status;
  return status;
}
#define fail serve_fail

void serve_answer_init(serve_answer *a, const char *command) {
  memset(a, 0, sizeof *a);
  a->run = (cli_run){.command = command, .json = true, .jobs = 1, .invalid = INVALID_REPORT};
  a->lines.run = &a->run;
  out_init_mem(&a->lines.out);
  out_init_mem(&a->text);
  out_init_mem(&a->diags);
}

void serve_answer_free(serve_answer *a) {
  out_free(&a->lines.out);
  out_free(&a->text);
  out_free(&a->diags);
}

bool serve_in_time(serve_answer *a) {
  if (a->deadline.tv_sec == 0)
    return true;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (now.tv_sec > a->deadline.tv_sec ||
      (now.tv_sec == a->deadline.tv_sec && now.tv_nsec >= a->deadline.tv_nsec))
    a->timed_out = true;
  return !a->timed_out;
}

typedef struct timed_piece {
  serve_answer *a;
  lr_piece_fn fn;
  void *user;
} timed_piece;

/* Each line first checks the time limit; once it is up, no more lines. */
static bool timed(cli_run *run, const char *file, const lr_piece *p, void *user) {
  timed_piece *t = user;
  return serve_in_time(t->a) && t->fn(run, file, p, t->user);
}

/* Feeds every line of the request's text to @fn as the CLI's reader would
 * (as one chunk), until the request's time is up. */
bool serve_each_piece(const serve_request *req, serve_answer *a, lr_piece_fn fn, void *user) {
  lr_chunk c = {.data = req->text, .len = req->text_len, .line = 1};
  timed_piece t = {a, fn, user};
  return pieces_of_chunk(&a->run, REQUEST_FILE, &c, timed, &t);
}

/* ---------- script ---------- */

typedef struct script_state {
  serve_answer *a;
  loc_script_iter *it;
  loc_script_summary *sum;
} script_state;

static bool script_line(cli_run *run, const char *file, const lr_piece *p, void *user) {
  script_state *st = user;
  if (st->sum)
    return loc_script_summary_add(st->sum, p->data, p->len) == LOC_OK;
  out_buf *o = &st->a->lines.out;
  state_line_begin(&st->a->lines, NULL, p->line, SCRIPT_JSON_OPEN);
  if (loc_script_iter_feed(st->it, p->data, p->len) != LOC_OK)
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
  state_line_end(&st->a->lines, SPANS_JSON_CLOSE);
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
  if (!serve_each_piece(req, st->a, script_line, st))
    return fail(err, 500, "script summary failed");
  size_t n = loc_script_summary_list(st->sum, NULL, 0);
  loc_script_count *list = calloc(n ? n : 1, sizeof *list);
  if (list == NULL)
    return fail(err, 500, "out of memory");
  loc_script_summary_list(st->sum, list, n);
  json_script_summary(&st->a->lines.out, st->sum, list, n, lang ? &expected : NULL);
  out_putc(&st->a->lines.out, '\n');
  free(list);
  return 200;
}

static int do_script(const serve_request *req, serve_answer *a, serve_error *err) {
  script_state st = {.a = a};
  bool summary = serve_opt_bool(req, "summary");
  if (serve_opt_string(req, "lang") && !summary)
    return fail(err, 400, "option 'options.lang' needs 'options.summary': true");
  loc_status s = summary ? loc_script_summary_new(&st.sum) : loc_script_iter_new(&st.it);
  if (s != LOC_OK)
    return fail(err, 500, "script: %s", loc_status_message(s));
  int status = 200;
  if (summary)
    status = script_summary(req, &st, err);
  else if (!serve_each_piece(req, a, script_line, &st))
    status = fail(err, 500, "script runs failed");
  loc_script_iter_free(st.it);
  loc_script_summary_free(st.sum);
  return status;
}

/* ---------- segment ---------- */

typedef struct seg_state {
  serve_answer *a;
  loc_segment_iter *it;
  bool words_only;
} seg_state;

static bool seg_line(cli_run *run, const char *file, const lr_piece *p, void *user) {
  seg_state *st = user;
  out_buf *o = &st->a->lines.out;
  state_line_begin(&st->a->lines, NULL, p->line, SEGMENT_JSON_OPEN);
  if (loc_segment_iter_set_text(st->it, p->data, p->len) != LOC_OK)
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
  state_line_end(&st->a->lines, SPANS_JSON_CLOSE);
  return true;
}

static int do_segment(const serve_request *req, serve_answer *a, serve_error *err) {
  const char *by = serve_opt_string(req, "by");
  const char *lang = serve_opt_string(req, "lang");
  bool strict = serve_opt_bool(req, "strict-uax");
  seg_state st = {.a = a, .words_only = serve_opt_bool(req, "words-only")};
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
  int status = 200;
  if (!serve_each_piece(req, a, seg_line, &st))
    status = fail(err, 500, "segment: a line is too long to segment");
  loc_segment_iter_free(st.it);
  loc_segmenter_free(own);
  return status;
}

/* ---------- normalize ---------- */

/* `loc normalize` has no --json: no lines, and "text" is what it writes to
 * standard output. '\n' is a normalization boundary, so the whole text
 * normalized at once equals the lines normalized one by one. */
static int do_normalize(const serve_request *req, serve_answer *a, serve_error *err) {
  const char *name = serve_opt_string(req, "form");
  loc_normalize_form form = LOC_NORMALIZE_NFC;
  if (name && loc_normalize_form_parse(name, &form) != LOC_OK)
    return fail(err, 400,
                "option 'options.form': unknown form '%s' (nfc, nfd, nfkc, nfkd, nfkc_cf)", name);
  char *out = NULL;
  size_t out_len = 0;
  loc_status s = loc_normalize_alloc(form, req->text, req->text_len, &out, &out_len);
  if (s != LOC_OK)
    return fail(err, 500, "normalize: %s", loc_status_message(s));
  out_write(&a->text, out, out_len);
  a->has_text = true;
  loc_free(out);
  return 200;
}

/* ---------- key ---------- */

typedef struct key_state {
  serve_answer *a;
  loc_key_ctx *ctx;
  loc_status st;
} key_state;

/* One line's key; a '\r' before the line's end is dropped, as the CLI
 * drops it. */
static bool key_line(cli_run *run, const char *file, const lr_piece *p, void *user) {
  key_state *ks = user;
  size_t len = p->len;
  if (len > 0 && p->data[len - 1] == '\r')
    len--;
  const char *key;
  size_t n;
  ks->st = loc_key(ks->ctx, p->data, len, &key, &n);
  if (ks->st != LOC_OK)
    return false;
  state_line_begin(&ks->a->lines, NULL, p->line, KEY_JSON_OPEN);
  out_json_chars(&ks->a->lines.out, key, n);
  state_line_end(&ks->a->lines, KEY_JSON_CLOSE);
  return true;
}

static int do_key(const serve_request *req, serve_answer *a, serve_error *err) {
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
  key_state ks = {.a = a};
  if (s == LOC_OK && (s = loc_key_ctx_new(keyer, &ks.ctx)) != LOC_OK)
    loc_keyer_free(keyer);
  if (s != LOC_OK)
    return fail(err, 500, "key: %s", loc_status_message(s));
  int status = 200;
  if (!serve_each_piece(req, a, key_line, &ks))
    status = fail(err, 500, "key: %s", loc_status_message(ks.st));
  loc_key_ctx_free(ks.ctx);
  loc_keyer_free(keyer);
  return status;
}

/* ---------- tag ---------- */

static int do_tag(const serve_request *req, serve_answer *a, serve_error *err) {
  size_t i;
  json_t *item;
  json_array_foreach(req->items, i, item) {
    if (!serve_in_time(a))
      break;
    loc_tag_info *t;
    loc_status s = loc_tag_analyze(json_string_value(item), json_string_length(item), &t);
    if (s != LOC_OK)
      return fail(err, 500, "tag %zu: %s", i, loc_status_message(s));
    json_tag_info(&a->lines.out, t, t->input_len);
    out_putc(&a->lines.out, '\n');
    loc_tag_info_free(t);
  }
  return 200;
}

/* ---------- check ---------- */

/* The checker of `loc check` without options, made once: most requests
 * use it. */
static loc_checker *default_checker;
static loc_status default_checker_status;
static pthread_once_t default_checker_once = PTHREAD_ONCE_INIT;
static void make_default_checker(void) {
  default_checker_status = loc_checker_new(NULL, &default_checker);
}

/* "id,id,...": false with @err filled for an unknown id. */
static bool set_rules(loc_checker *ck, const char *opt, const char *list, serve_error *err) {
  char *copy = strdup(list);
  if (copy == NULL)
    return fail(err, 500, "out of memory"), false;
  bool ok = true;
  for (char *save = NULL, *id = strtok_r(copy, ",", &save); id != NULL;
       id = strtok_r(NULL, ",", &save)) {
    if (loc_checker_set_rule(ck, id, strcmp(opt, "enable") == 0) != LOC_OK) {
      fail(err, 400, "option 'options.%s': unknown rule '%s' ('loc check --rules' lists them)",
           opt, id);
      ok = false;
      break;
    }
  }
  free(copy);
  return ok;
}

typedef struct check_state {
  serve_answer *a;
  loc_check_ctx *ctx;
  bool fix;
  loc_status st;
} check_state;

/* What check_piece of `loc check` does for a piece, in memory. */
static bool check_line(cli_run *run, const char *file, const lr_piece *p, void *user) {
  check_state *cs = user;
  const loc_check_finding *f;
  size_t n;
  if ((cs->st = loc_check_text(cs->ctx, p->data, p->len, &f, &n)) != LOC_OK)
    return false;
  check_where w = {.json = true, .line = p->line, .offset = p->offset};
  check_write_findings(&cs->a->lines.out, &w, p->data, f, n);
  if (cs->fix) {
    char *fixed;
    size_t fixed_len;
    if (n == 0) {
      out_write(&cs->a->text, p->data, p->len);
    } else if ((cs->st = loc_check_fix_alloc(cs->ctx, p->data, p->len, &fixed, &fixed_len)) ==
               LOC_OK) {
      out_write(&cs->a->text, fixed, fixed_len);
      loc_free(fixed);
    } else {
      return false;
    }
    if (p->newline)
      out_putc(&cs->a->text, '\n');
  }
  return true;
}

static int do_check(const serve_request *req, serve_answer *a, serve_error *err) {
  const char *lang = serve_opt_string(req, "lang");
  const char *disable = serve_opt_string(req, "disable");
  const char *enable = serve_opt_string(req, "enable");
  check_state cs = {.a = a, .fix = serve_opt_bool(req, "fix")};
  loc_checker *own = NULL;
  const loc_checker *ck;
  loc_status st;
  if (lang == NULL && disable == NULL && enable == NULL) {
    pthread_once(&default_checker_once, make_default_checker);
    if ((st = default_checker_status) != LOC_OK)
      return fail(err, 500, "check: %s", loc_status_message(st));
    ck = default_checker;
  } else {
    st = loc_checker_new(lang, &own);
    if (st == LOC_E_INVALID_TAG)
      return fail(err, 400, "option 'options.lang': '%s': not a valid BCP 47 tag", lang);
    if (st == LOC_E_UNSUPPORTED)
      return fail(err, 400, "option 'options.lang': '%s': ICU has no exemplar characters for it",
                  lang);
    if (st != LOC_OK)
      return fail(err, 500, "check: %s", loc_status_message(st));
    /* as on the command line: --disable before --enable when both are given */
    if ((disable && !set_rules(own, "disable", disable, err)) ||
        (enable && !set_rules(own, "enable", enable, err))) {
      loc_checker_free(own);
      return err->status;
    }
    ck = own;
  }
  int status = 200;
  if ((st = loc_check_ctx_new(ck, &cs.ctx)) != LOC_OK)
    status = fail(err, 500, "check: %s", loc_status_message(st));
  else if (!serve_each_piece(req, a, check_line, &cs))
    status = fail(err, 500, "check: %s", loc_status_message(cs.st));
  a->has_text = cs.fix;
  loc_check_ctx_free(cs.ctx);
  loc_checker_free(own);
  return status;
}

/* ---------- detect ---------- */

typedef struct detect_state {
  serve_answer *a;
  loc_detector *det;
  size_t top;
  bool spans, whole;
  uint64_t lines;
} detect_state;

static bool detect_line(cli_run *run, const char *file, const lr_piece *p, void *user) {
  detect_state *ds = user;
  out_buf *o = &ds->a->lines.out;
  ds->lines++;
  if (ds->whole) {
    loc_detect_feed(ds->det, p->data, p->len);
    loc_detect_feed(ds->det, "\n", 1);
    return true;
  }
  if (ds->spans) {
    loc_detect_span *sp;
    size_t n;
    if (loc_detect_spans(ds->det, p->data, p->len, &sp, &n) != LOC_OK)
      return false;
    out_json_line(o, run, NULL, p->line);
    out_write(o, ",\"spans\":[", 10);
    for (size_t i = 0; i < n; i++)
      json_detect_span(o, i > 0, p->offset, &sp[i]);
    out_write(o, "]}\n", 3);
    loc_free(sp);
    return true;
  }
  double zawgyi;
  if (loc_legacy_zawgyi_probability(p->data, p->len, &zawgyi) != LOC_OK)
    zawgyi = -1;
  loc_detect_begin(ds->det);
  loc_detect_feed(ds->det, p->data, p->len);
  loc_detect_result r;
  loc_detect_end(ds->det, ds->top, &r);
  json_detect_result(o, run, NULL, p->line, &r, zawgyi);
  return true;
}

static int do_detect(const serve_request *req, serve_answer *a, serve_error *err) {
  detect_state ds = {.a = a, .spans = serve_opt_bool(req, "spans"),
                     .whole = serve_opt_bool(req, "whole")};
  unsigned long long top = serve_opt_uint(req, "top", 3);
  if (top < 1 || top > LOC_DETECT_MAX_TOP)
    return fail(err, 400, "option 'options.top': %llu is not a number from 1 to %d", top,
                LOC_DETECT_MAX_TOP);
  ds.top = (size_t)top;
  if (ds.spans && ds.whole)
    return fail(err, 400, "options 'spans' and 'whole' cannot be combined");
  const loc_detect_model *m = loc_detect_model_default();
  loc_status st = m ? loc_detector_new(m, &ds.det) : LOC_E_INTERNAL;
  if (st != LOC_OK)
    return fail(err, 500, "detect: %s", loc_status_message(st));
  if (ds.whole)
    loc_detect_begin(ds.det);
  int status = 200;
  if (!serve_each_piece(req, a, detect_line, &ds)) {
    status = fail(err, 500, "detect: out of memory");
  } else if (ds.whole) {
    loc_detect_result r;
    loc_detect_end(ds.det, ds.top, &r);
    json_detect_result(&a->lines.out, &a->run, NULL, ds.lines, &r, -1);
  }
  loc_detector_free(ds.det);
  return status;
}

/* ---------- translit ---------- */

typedef struct translit_state {
  serve_answer *a;
  loc_translit_ctx *ctx;
  loc_status st;
} translit_state;

static bool translit_line(cli_run *run, const char *file, const lr_piece *p, void *user) {
  translit_state *ts = user;
  ts->st = translit_write_piece(ts->ctx, &ts->a->text, p->data, p->len, p->last, p->newline);
  return ts->st == LOC_OK;
}

static int do_translit(const serve_request *req, serve_answer *a, serve_error *err) {
  const char *id = serve_opt_string(req, "transform");
  if (id == NULL)
    return fail(err, 400, "option 'options.transform' is required: an ICU transform ID "
                          "such as \"Any-Latin\" ('loc translit --list')");
  unsigned flags = (serve_opt_bool(req, "reverse") ? LOC_TRANSLIT_REVERSE : 0) |
                   (serve_opt_bool(req, "whole-lines") ? LOC_TRANSLIT_LINES : 0);
  loc_translit *t;
  loc_translit_error te;
  loc_status st = loc_translit_new(id, flags, &t, &te);
  if (st == LOC_E_TRANSFORM_RULES && te.line > 0)
    return fail(err, 400, "option 'options.transform': line %u, column %u: %s", te.line,
                te.column, te.message);
  if (st == LOC_E_UNKNOWN_TRANSFORM || st == LOC_E_TRANSFORM_RULES)
    return fail(err, 400, "option 'options.transform': %s (see 'loc translit --list')",
                te.message);
  if (st != LOC_OK)
    return fail(err, 500, "translit: %s", loc_status_message(st));
  translit_state ts = {.a = a};
  int status = 200;
  if ((st = loc_translit_ctx_new(t, &ts.ctx)) != LOC_OK)
    status = fail(err, 500, "translit: %s", loc_status_message(st));
  else if (!serve_each_piece(req, a, translit_line, &ts))
    status = fail(err, 500, "translit: %s", loc_status_message(ts.st));
  a->has_text = true;
  loc_translit_ctx_free(ts.ctx);
  loc_translit_free(t);
  return status;
}

/* ---------- convert ---------- */

/* Text in a JSON request is UTF-8: the legacy encodings (zawgyi, krutidev,
 * bijoy), which `loc convert` converts line by line, to or from UTF-8. */
static int do_convert(const serve_request *req, serve_answer *a, serve_error *err) {
  const char *from = serve_opt_string(req, "from"), *to = serve_opt_string(req, "to");
  bool if_zawgyi = serve_opt_bool(req, "if-zawgyi");
  bool if_detected = serve_opt_bool(req, "if-detected");
  if (from == NULL && to == NULL)
    return fail(err, 400, "option 'options.from' is required");
  if (from == NULL)
    from = "UTF-8";
  if (to == NULL)
    to = "UTF-8";
  loc_legacy_encoding lf, lt;
  bool legacy_from = loc_legacy_encoding_parse(from, &lf) == LOC_OK;
  bool legacy_to = loc_legacy_encoding_parse(to, &lt) == LOC_OK;
  if (if_zawgyi && !(legacy_from && lf == LOC_LEGACY_ZAWGYI))
    return fail(err, 400, "option 'options.if-zawgyi' needs 'options.from': \"zawgyi\"");
  if (if_detected && !legacy_from)
    return fail(err, 400, "option 'options.if-detected' needs 'options.from' with a legacy "
                          "encoding");
  if (legacy_from && legacy_to)
    return fail(err, 400, "convert between two legacy encodings through UTF-8");
  if (!legacy_from && !legacy_to)
    return fail(err, 400, "options 'from' and 'to': JSON text is UTF-8, so one of them must be "
                          "a legacy encoding (zawgyi, krutidev, bijoy); byte encodings are "
                          "for 'loc convert'");
  if (!loc_encoding_is_utf8(legacy_from ? to : from))
    return fail(err, 400, "legacy encoding '%s' converts to and from UTF-8 only",
                legacy_from ? from : to);
  loc_status st;
  legacy_cmd *lc = legacy_lines_new(&a->run, legacy_from ? lf : lt,
                                    legacy_from ? LOC_LEGACY_TO_UNICODE : LOC_LEGACY_FROM_UNICODE,
                                    if_zawgyi || if_detected, -1, &st);
  if (lc == NULL)
    return fail(err, 500, "convert: %s", loc_status_message(st));
  serve_each_piece(req, a, legacy_piece, lc);
  out_buf *o = legacy_lines_out(lc);
  out_write(&a->text, o->buf, o->len);
  if (o->error)
    a->text.error = true;
  a->has_text = true;
  legacy_lines_free(lc);
  return 200;
}

/* ---------- sort ---------- */

static int do_sort(const serve_request *req, serve_answer *a, serve_error *err) {
  const char *lang = serve_opt_string(req, "lang");
  loc_collator *coll;
  loc_status st = loc_collator_new(lang, lang ? strlen(lang) : 0, &coll);
  if (st == LOC_E_INVALID_TAG)
    return fail(err, 400, "option 'options.lang': '%s': not a valid BCP 47 language tag", lang);
  if (st == LOC_E_UNSUPPORTED)
    return fail(err, 400, "option 'options.lang': '%s': ICU has no such collation", lang);
  if (st != LOC_OK)
    return fail(err, 500, "sort: %s", loc_status_message(st));
  sort_cmd *sc =
      sort_lines_new(&a->run, coll, serve_opt_bool(req, "reverse"), serve_opt_bool(req, "unique"));
  int status = 200;
  if (sc == NULL) {
    status = fail(err, 500, "out of memory");
  } else {
    serve_each_piece(req, a, sort_lines_piece, sc);
    if (!sort_lines_write(sc, &a->text))
      status = fail(err, 500, "sort: a line could not be sorted");
  }
  a->has_text = true;
  sort_lines_free(sc);
  loc_collator_free(coll);
  return status;
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
    {"lang", SERVE_OPT_STRING},
    {"fold", SERVE_OPT_STRING},
    {"romanize", SERVE_OPT_BOOL},
    {NULL, 0}};
static const serve_opt check_opts[] = {{"lang", SERVE_OPT_STRING},
                                       {"disable", SERVE_OPT_STRING},
                                       {"enable", SERVE_OPT_STRING},
                                       {"fix", SERVE_OPT_BOOL},
                                       {NULL, 0}};
static const serve_opt detect_opts[] = {
    {"top", SERVE_OPT_UINT}, {"spans", SERVE_OPT_BOOL}, {"whole", SERVE_OPT_BOOL}, {NULL, 0}};
static const serve_opt translit_opts[] = {{"transform", SERVE_OPT_STRING},
                                          {"reverse", SERVE_OPT_BOOL},
                                          {"whole-lines", SERVE_OPT_BOOL},
                                          {NULL, 0}};
static const serve_opt convert_opts[] = {{"from", SERVE_OPT_STRING},
                                         {"to", SERVE_OPT_STRING},
                                         {"if-zawgyi", SERVE_OPT_BOOL},
                                         {"if-detected", SERVE_OPT_BOOL},
                                         {NULL, 0}};
static const serve_opt sort_opts[] = {
    {"lang", SERVE_OPT_STRING}, {"reverse", SERVE_OPT_BOOL}, {"unique", SERVE_OPT_BOOL}, {NULL, 0}};

#define TEXT(o) {SERVE_IN_TEXT, o}
#define NAMES(o) {SERVE_IN_NAMES, o}

/* Every command of the CLI. */
static const serve_endpoint endpoints[] = {
    {"check", TEXT(check_opts), do_check},
    {"detect", TEXT(detect_opts), do_detect},
    {"script", TEXT(script_opts), do_script},
    {"normalize", TEXT(normalize_opts), do_normalize},
    {"translit", TEXT(translit_opts), do_translit},
    {"convert", TEXT(convert_opts), do_convert},
    {"key", TEXT(key_opts), do_key},
    {"segment", TEXT(segment_opts), do_segment},
    {"sort", TEXT(sort_opts), do_sort},
    {"tag", {SERVE_IN_TAGS, NULL}, do_tag},
    {"idn/to-ascii", NAMES(serve_idn_ascii_opts), serve_idn_to_ascii},
    {"idn/to-unicode", NAMES(serve_idn_unicode_opts), serve_idn_to_unicode},
    {"idn/check", NAMES(serve_idn_check_opts), serve_idn_check},
    {"idn/confusables", NAMES(NULL), serve_idn_confusables},
    {"idn/lgr", NAMES(serve_idn_lgr_opts), serve_idn_lgr},
    {"idn/variants", NAMES(serve_idn_variants_opts), serve_idn_variants},
    {"shape", TEXT(serve_shape_opts), serve_shape},
    {"render", TEXT(serve_render_opts), serve_render},
    {"fontcheck", TEXT(serve_fontcheck_opts), serve_fontcheck},
};

const serve_endpoint *serve_endpoint_find(const char *path) {
  for (size_t i = 0; i < sizeof endpoints / sizeof endpoints[0]; i++)
    if (strcmp(path, endpoints[i].path) == 0)
      return &endpoints[i];
  return NULL;
}
