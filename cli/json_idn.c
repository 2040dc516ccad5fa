/* The JSON object of `loc idn to-ascii|to-unicode|check --json` for one
 * name, shared by the command and by loc serve. */
#include "cli.h"
#include "idn_lgr.h"

/* A JSON array of errors or warnings. */
static void put_findings(out_buf *o, const loc_idn_ctx *ctx, bool warnings) {
  size_t n = warnings ? loc_idn_warning_count(ctx) : loc_idn_error_count(ctx);
  out_putc(o, '[');
  for (size_t i = 0; i < n; i++) {
    const loc_idn_error *e = warnings ? loc_idn_warning_at(ctx, i) : loc_idn_error_at(ctx, i);
    out_printf(o, "%s{\"code\":\"%s\",\"label\":%zu,\"offset\":%zu,\"codepoint\":",
               i ? "," : "", e->code, e->label, e->offset);
    if (e->codepoint >= 0)
      out_printf(o, "\"U+%04X\"", (unsigned)e->codepoint);
    else
      out_write(o, "null", 4);
    out_write(o, ",\"message\":", 11);
    out_json_string(o, e->message, strlen(e->message));
    if (e->lookalike) {
      out_write(o, ",\"lookalike\":", 13);
      out_json_string(o, e->lookalike, strlen(e->lookalike));
    }
    out_putc(o, '}');
  }
  out_putc(o, ']');
}

void json_idn_result(out_buf *o, const idn_record *rec, const char *in, size_t len,
                     const char *out, size_t out_len, const loc_idn_ctx *ctx, bool check,
                     const idn_lgr_verdict *v, bool with_collisions) {
  bool ok = loc_idn_ok(ctx);
  const char *level = loc_idn_level_name(loc_idn_restriction_level(ctx));
  out_putc(o, '{');
  if (rec)
    idn_put_columns(o, true, rec);
  out_write(o, "\"input\":", 8);
  out_json_string(o, in, len);
  out_write(o, ",\"output\":", 10);
  out_json_string(o, out, out_len);
  out_printf(o, ",\"ok\":%s,\"errors\":", ok ? "true" : "false");
  put_findings(o, ctx, false);
  if (loc_idn_truncated(ctx))
    out_write(o, ",\"truncated\":true", 17);
  if (check) {
    out_write(o, ",\"warnings\":", 12);
    put_findings(o, ctx, true);
    if (level) {
      out_printf(o, ",\"restriction_level\":\"%s\",\"label_levels\":[", level);
      for (size_t i = 0; i < loc_idn_label_count(ctx); i++) {
        const char *l = loc_idn_level_name(loc_idn_label_level(ctx, i));
        out_printf(o, i ? ",%s%s%s" : "%s%s%s", l ? "\"" : "", l ? l : "null", l ? "\"" : "");
      }
      out_putc(o, ']');
    } else {
      out_write(o, ",\"restriction_level\":null", 25);
    }
    if (v) {
      out_putc(o, ',');
      idn_lgr_put_json(o, v, with_collisions);
    }
  }
  out_write(o, "}\n", 2);
}

/* check --lgr: the LGR's verdict on the name's first label (the label a
 * registrant applies for under the zone), as a U-label. A name the IDNA2008
 * checks rejected is "invalid" without asking the LGR. */
void idn_lgr_first_label(const loc_lgr *lgr, loc_lgr_ctx *lgr_ctx, loc_idn_ctx *label_ctx,
                         const idn_lgr_registry *reg, bool ok, const char *out, size_t out_len,
                         idn_lgr_verdict *v) {
  if (!ok) {
    idn_lgr_rejected(v, "rejected by the IDNA2008 checks (see the errors)");
    return;
  }
  const char *dot = memchr(out, '.', out_len);
  size_t n = dot ? (size_t)(dot - out) : out_len;
  const char *label = out;
  char *u = NULL;
  size_t ulen = n;
  if (n >= 4 && memcmp(out, "xn--", 4) == 0 &&
      loc_idn_to_unicode_alloc(label_ctx, 0, out, n, &u, &ulen) == LOC_OK)
    label = u;
  idn_lgr_judge(lgr, lgr_ctx, label, ulen, v);
  if (reg)
    idn_lgr_registry_find(reg, v);
  loc_free(u);
}


/* ---------- loc idn confusables ---------- */

size_t confusable_diffs(loc_confusable_ctx *ctx, size_t i, loc_confusable_diff **diffs,
                        size_t *cap, loc_status *st) {
  size_t n = 0;
  while ((*st = loc_confusable_match_diff(ctx, i, *diffs, *cap, &n)) ==
         LOC_E_BUFFER_TOO_SMALL) {
    loc_confusable_diff *d = realloc(*diffs, n * sizeof *d);
    if (d == NULL) {
      *st = LOC_E_NO_MEMORY;
      break;
    }
    *diffs = d;
    *cap = n;
  }
  return *st == LOC_OK ? n : (size_t)-1;
}

void json_confusable_result(out_buf *o, const idn_record *rec, const char *s, size_t len,
                            loc_confusable_ctx *ctx, size_t count, loc_confusable_diff **diffs,
                            size_t *cap, loc_status *diff_st) {
  size_t slen, xlen;
  const char *skel = loc_confusable_skeleton(ctx, &slen);
  const char *xskel = loc_confusable_extended_skeleton(ctx, &xlen);
  out_putc(o, '{');
  if (rec)
    idn_put_columns(o, true, rec);
  out_write(o, "\"input\":", 8);
  out_json_string(o, s, len);
  out_write(o, ",\"skeleton\":", 12);
  out_json_string(o, skel, slen);
  out_write(o, ",\"extended_skeleton\":", 21);
  out_json_string(o, xskel, xlen);
  out_write(o, ",\"matches\":[", 12);
  for (size_t i = 0; i < count; i++) {
    size_t mlen;
    const char *m = loc_confusable_match(ctx, i, &mlen);
    loc_status st;
    size_t nd = confusable_diffs(ctx, i, diffs, cap, &st);
    if (nd == (size_t)-1) {
      if (*diff_st == LOC_OK)
        *diff_st = st;
      nd = 0;
    }
    const char *key = loc_confusable_match_key(ctx, i);
    bool uts39 = strcmp(key, "uts39") == 0;
    out_write(o, i ? ",{\"name\":" : "{\"name\":", i ? 9 : 8);
    out_json_string(o, m, mlen);
    out_printf(o, ",\"key\":\"%s\",\"skeleton\":", key);
    out_json_string(o, uts39 ? skel : xskel, uts39 ? slen : xlen);
    out_write(o, ",\"differences\":[", 16);
    for (size_t k = 0; k < nd; k++) {
      out_write(o, k ? ",{\"input\":" : "{\"input\":", k ? 10 : 9);
      if ((*diffs)[k].input < 0)
        out_write(o, "null", 4);
      else
        out_printf(o, "\"U+%04X\"", (unsigned)(*diffs)[k].input);
      out_write(o, ",\"registered\":", 14);
      if ((*diffs)[k].registered < 0)
        out_write(o, "null", 4);
      else
        out_printf(o, "\"U+%04X\"", (unsigned)(*diffs)[k].registered);
      out_putc(o, '}');
    }
    out_write(o, "]}", 2);
  }
  out_write(o, "]}\n", 3);
}
