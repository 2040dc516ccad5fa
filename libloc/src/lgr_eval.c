/* RFC 7940 §8: a label's repertoire membership, contexts and disposition. */
#include "internal.h"
#include "lgr_internal.h"

#include <stdio.h>
#include <unicode/uchar.h>

bool lgr_context_ok(const loc_lgr *g, int32_t when, int32_t not_when, const uint32_t *label,
                    size_t n, size_t pos, size_t len, int32_t *failed) {
  if (when >= 0 && !lgr_rule_matches(g, when, label, n, pos, len)) {
    *failed = when;
    return false;
  }
  if (not_when >= 0 && lgr_rule_matches(g, not_when, label, n, pos, len)) {
    *failed = not_when;
    return false;
  }
  return true;
}

static const lgr_start *start_of(const loc_lgr *g, uint32_t cp) {
  size_t lo = 0, hi = g->n_starts;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (g->starts[mid].cp < cp)
      lo = mid + 1;
    else if (g->starts[mid].cp > cp)
      hi = mid;
    else
      return &g->starts[mid];
  }
  return NULL;
}

long lgr_decompose(const loc_lgr *g, const uint32_t *label, size_t n, lgr_piece *pieces,
                   size_t *n_pieces, int32_t *rule) {
  size_t k = 0;
  *rule = -1;
  for (size_t i = 0; i < n;) {
    const lgr_start *s = start_of(g, label[i]);
    bool placed = false;
    for (uint32_t j = 0; s && j < s->n && !placed; j++) {
      int32_t ci = (int32_t)g->by_start[s->first + j];
      const lgr_char *c = &g->chars[ci];
      if (c->cp_len > n - i ||
          memcmp(g->cps + c->cp_off, label + i, c->cp_len * sizeof(uint32_t)) != 0)
        continue;
      int32_t failed;
      if (!lgr_context_ok(g, c->when, c->not_when, label, n, i, c->cp_len, &failed)) {
        *rule = failed;
        continue;
      }
      pieces[k++] = (lgr_piece){(uint32_t)i, c->cp_len, ci};
      i += c->cp_len;
      placed = true;
    }
    if (!placed) {
      *n_pieces = k;
      return (long)i;
    }
    *rule = -1;
  }
  *n_pieces = k;
  return -1;
}

static bool type_in(const loc_lgr *g, const lgr_action *a, int32_t t) {
  for (uint32_t i = 0; i < a->n_types; i++)
    if (g->type_ids[a->types_off + i] == t)
      return true;
  return false;
}

size_t lgr_apply_actions(const loc_lgr *g, const uint32_t *label, size_t n, const int32_t *types,
                         size_t n_types, bool only_variants) {
  for (size_t i = 0; i < g->n_actions; i++) {
    const lgr_action *a = &g->actions[i];
    bool ok = true;
    if (a->kind == 1) {
      ok = false;
      for (size_t t = 0; t < n_types && !ok; t++)
        ok = type_in(g, a, types[t]);
    } else if (a->kind == 2 || a->kind == 3) {
      ok = n_types > 0 && (a->kind == 2 || only_variants);
      for (size_t t = 0; t < n_types && ok; t++)
        ok = type_in(g, a, types[t]);
    }
    if (!ok)
      continue;
    if (a->match >= 0)
      ok = lgr_rule_matches(g, a->match, label, n, 0, 0);
    else if (a->not_match >= 0)
      ok = !lgr_rule_matches(g, a->not_match, label, n, 0, 0);
    if (ok)
      return i;
  }
  return g->n_actions - 1; /* unreachable: the last default is a catch-all */
}

void lgr_action_text(const loc_lgr *g, size_t i, char *buf, size_t cap) {
  static const char *const kinds[] = {"", "any-variant", "all-variants", "only-variants"};
  const lgr_action *a = &g->actions[i];
  int w;
  if (a->is_default)
    w = snprintf(buf, cap, "default action (%s", g->names[a->disp]);
  else
    w = snprintf(buf, cap, "action %zu at line %d (%s", i + 1, (int)a->line, g->names[a->disp]);
  size_t k = w < 0 ? 0 : (size_t)w < cap ? (size_t)w : cap - 1;
  if (a->match >= 0 || a->not_match >= 0)
    k += (size_t)snprintf(buf + k, cap - k, ": %s rule '%s'",
                          a->match >= 0 ? "label matches" : "label does not match",
                          g->names[g->rules[a->match >= 0 ? a->match : a->not_match].name]);
  if (k < cap && a->kind) {
    k += (size_t)snprintf(buf + k, cap - k, "%s %s=\"", a->match >= 0 || a->not_match >= 0 ? "," : ":",
                          kinds[a->kind]);
    for (uint32_t t = 0; t < a->n_types && k < cap; t++)
      k += (size_t)snprintf(buf + k, cap - k, "%s%s", t ? " " : "",
                            g->names[g->type_ids[a->types_off + t]]);
    if (k < cap)
      k += (size_t)snprintf(buf + k, cap - k, "\"");
  }
  if (k < cap && a->match < 0 && a->not_match < 0 && a->kind == 0)
    k += (size_t)snprintf(buf + k, cap - k, ": catch-all");
  if (k < cap)
    snprintf(buf + k, cap - k, ")");
}

loc_status lgr_load_label(loc_lgr_context *ctx, const char *s, size_t len, bool *ok, char *why,
                          size_t why_cap) {
  ctx->n = 0;
  *ok = false;
  if (len == 0) {
    snprintf(why, why_cap, "empty label");
    return LOC_OK;
  }
  for (size_t i = 0; i < len;) {
    size_t k;
    int32_t cp = loc__utf8_decode((const uint8_t *)s, len, i, &k);
    if (cp < 0) {
      snprintf(why, why_cap, "invalid UTF-8: byte 0x%02X at byte offset %zu",
               (unsigned)(unsigned char)s[i], i);
      return LOC_OK;
    }
    if (ctx->n == LGR_MAX_LABEL) {
      snprintf(why, why_cap, "label longer than %d code points", LGR_MAX_LABEL);
      return LOC_OK;
    }
    ctx->label[ctx->n++] = (uint32_t)cp;
    i += k;
  }
  *ok = true;
  return LOC_OK;
}

loc_status lgr_utf8_append(char **buf, size_t *len, size_t *cap, const uint32_t *cps, size_t n) {
  if (*len + 4 * n + 1 > *cap) {
    size_t c = *cap ? *cap : 64;
    while (c < *len + 4 * n + 1)
      c *= 2;
    char *g = realloc(*buf, c);
    if (g == NULL)
      return LOC_E_NO_MEMORY;
    *buf = g;
    *cap = c;
  }
  for (size_t i = 0; i < n; i++)
    *len += loc__utf8_encode(cps[i], *buf + *len);
  (*buf)[*len] = '\0';
  return LOC_OK;
}

/* Byte offset of code point @i of the label in its UTF-8 form. */
static size_t byte_offset(const loc_lgr_context *ctx, size_t i) {
  size_t off = 0;
  char tmp[4];
  for (size_t k = 0; k < i; k++)
    off += loc__utf8_encode(ctx->label[k], tmp);
  return off;
}

static void add_type(int32_t *types, size_t *n, int32_t t) {
  if (t < 0)
    return;
  for (size_t i = 0; i < *n; i++)
    if (types[i] == t)
      return;
  if (*n < LGR_MAX_LABEL)
    types[(*n)++] = t;
}

/* For an action triggered by variant types: the first code point whose
 * reflexive mapping carries one of them goes into the reason. */
static void name_variant_cp(const loc_lgr *g, loc_lgr_context *ctx, const lgr_action *act,
                            loc_lgr_result *out) {
  for (size_t k = 0; k < ctx->n_pieces; k++) {
    const lgr_piece *p = &ctx->pieces[k];
    const lgr_char *c = &g->chars[p->ch];
    for (uint32_t v = 0; v < c->n_vars; v++) {
      const lgr_var *x = &g->vars[c->var_first + v];
      int32_t failed;
      if (!x->reflexive || x->type < 0 || !type_in(g, act, x->type) ||
          !lgr_context_ok(g, x->when, x->not_when, ctx->label, ctx->n, p->pos, p->len, &failed))
        continue;
      uint32_t cp = ctx->label[p->pos];
      out->codepoint = (int32_t)cp;
      out->offset = byte_offset(ctx, p->pos);
      size_t n = strlen(ctx->reason);
      snprintf(ctx->reason + n, sizeof ctx->reason - n,
               " for U+%04X at code point %zu (reflexive variant type '%s')", (unsigned)cp,
               (size_t)p->pos + 1, g->names[x->type]);
      return;
    }
  }
}

loc_status loc_lgr_evaluate(const loc_lgr *g, loc_lgr_context *ctx, const char *label,
                            size_t len, loc_lgr_result *out) {
  if (g == NULL || ctx == NULL || out == NULL || (label == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  memset(out, 0, sizeof *out);
  out->codepoint = -1;
  out->action = -1;
  out->reason = ctx->reason;
  out->disposition = g->names[g->disp_invalid];
  bool ok;
  lgr_load_label(ctx, label, len, &ok, ctx->reason, sizeof ctx->reason);
  if (!ok)
    return LOC_OK;
  int32_t rule;
  long bad = lgr_decompose(g, ctx->label, ctx->n, ctx->pieces, &ctx->n_pieces, &rule);
  if (bad >= 0) {
    uint32_t cp = ctx->label[bad];
    out->codepoint = (int32_t)cp;
    out->offset = byte_offset(ctx, (size_t)bad);
    char name[96];
    UErrorCode e = U_ZERO_ERROR;
    int32_t nl = u_charName((UChar32)cp, U_UNICODE_CHAR_NAME, name, sizeof name, &e);
    if (U_FAILURE(e) || nl <= 0)
      snprintf(name, sizeof name, "unnamed");
    if (rule >= 0)
      snprintf(ctx->reason, sizeof ctx->reason,
               "U+%04X %s at code point %ld: context rule '%s' not satisfied", (unsigned)cp, name,
               bad + 1, g->names[g->rules[rule].name]);
    else
      snprintf(ctx->reason, sizeof ctx->reason, "U+%04X %s at code point %ld: not in the repertoire",
               (unsigned)cp, name, bad + 1);
    return LOC_OK;
  }
  out->in_repertoire = true;
  /* Reflexive variants give the label itself variant types (§5.3.4). */
  int32_t types[LGR_MAX_LABEL];
  size_t n_types = 0;
  bool only = true;
  for (size_t k = 0; k < ctx->n_pieces; k++) {
    const lgr_piece *p = &ctx->pieces[k];
    const lgr_char *c = &g->chars[p->ch];
    bool is_var = false;
    for (uint32_t v = 0; v < c->n_vars; v++) {
      const lgr_var *x = &g->vars[c->var_first + v];
      int32_t failed;
      if (!x->reflexive ||
          !lgr_context_ok(g, x->when, x->not_when, ctx->label, ctx->n, p->pos, p->len, &failed))
        continue;
      add_type(types, &n_types, x->type);
      is_var = true;
    }
    only = only && is_var;
  }
  size_t a = lgr_apply_actions(g, ctx->label, ctx->n, types, n_types, only && n_types > 0);
  const lgr_action *act = &g->actions[a];
  out->disposition = g->names[act->disp];
  out->action = act->is_default ? -2 : (int)a;
  lgr_action_text(g, a, ctx->reason, sizeof ctx->reason);
  if (act->kind != 0)
    name_variant_cp(g, ctx, act, out);
  return LOC_OK;
}

/* Code point order of two sequences. */
static int seq_cmp(const uint32_t *a, size_t na, const uint32_t *b, size_t nb) {
  for (size_t i = 0; i < na && i < nb; i++)
    if (a[i] != b[i])
      return a[i] < b[i] ? -1 : 1;
  return na < nb ? -1 : na > nb;
}

loc_status loc_lgr_index_label(const loc_lgr *g, loc_lgr_context *ctx, const char *label,
                               size_t len, const char **index, size_t *index_len) {
  if (g == NULL || ctx == NULL || index == NULL || index_len == NULL ||
      (label == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  *index = NULL;
  *index_len = 0;
  bool ok;
  char why[128];
  lgr_load_label(ctx, label, len, &ok, why, sizeof why);
  if (!ok)
    return len && loc_utf8_valid_prefix(label, len) != len ? LOC_E_INVALID_UTF8
                                                           : LOC_E_INVALID_ARGUMENT;
  int32_t rule;
  if (lgr_decompose(g, ctx->label, ctx->n, ctx->pieces, &ctx->n_pieces, &rule) >= 0)
    return LOC_E_INVALID_ARGUMENT;
  ctx->index_len = 0;
  uint32_t tmp[LGR_MAX_LABEL * 2];
  for (size_t k = 0; k < ctx->n_pieces; k++) {
    const lgr_piece *p = &ctx->pieces[k];
    const lgr_char *c = &g->chars[p->ch];
    const uint32_t *best = g->cps + c->cp_off;
    size_t best_n = c->cp_len;
    for (uint32_t v = 0; v < c->n_vars; v++) {
      const lgr_var *x = &g->vars[c->var_first + v];
      /* The variant's context is judged with the variant in place. */
      size_t tail = ctx->n - p->pos - p->len;
      if (p->pos + x->cp_len + tail > sizeof tmp / sizeof tmp[0])
        continue;
      memcpy(tmp, ctx->label, p->pos * sizeof *tmp);
      memcpy(tmp + p->pos, g->cps + x->cp_off, x->cp_len * sizeof *tmp);
      memcpy(tmp + p->pos + x->cp_len, ctx->label + p->pos + p->len, tail * sizeof *tmp);
      int32_t failed;
      size_t tn = p->pos + x->cp_len + tail;
      if (tn > LGR_MAX_LABEL ||
          !lgr_context_ok(g, x->when, x->not_when, tmp, tn, p->pos, x->cp_len, &failed))
        continue;
      if (seq_cmp(g->cps + x->cp_off, x->cp_len, best, best_n) < 0) {
        best = g->cps + x->cp_off;
        best_n = x->cp_len;
      }
    }
    if (lgr_utf8_append(&ctx->index, &ctx->index_len, &ctx->index_cap, best, best_n) != LOC_OK)
      return LOC_E_NO_MEMORY;
  }
  *index = ctx->index;
  *index_len = ctx->index_len;
  return LOC_OK;
}

loc_status loc_lgr_context_new(loc_lgr_context **out) {
  if (out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = calloc(1, sizeof **out);
  return *out ? LOC_OK : LOC_E_NO_MEMORY;
}

void loc_lgr_context_free(loc_lgr_context *ctx) {
  if (ctx == NULL)
    return;
  free(ctx->index);
  free(ctx->vbuf);
  free(ctx->vrec);
  free(ctx);
}
