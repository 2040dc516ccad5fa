/* RFC 7940 §8: a label's repertoire membership, contexts and disposition. */
#include "internal.h"
#include "buf.h"
#include "lgr_internal.h"

#include <stdio.h>
#include <unicode/uchar.h>

bool lgr_context_ok(const loc_lgr *g, int32_t when, int32_t not_when, const uint32_t *label,
                    size_t n, size_t pos, size_t len, int32_t *failed, int32_t *undef) {
  int32_t u = -1;
  if (when >= 0 && !lgr_rule_matches(g, when, label, n, pos, len, &u)) {
    *failed = when;
    if (u >= 0 && undef && *undef < 0)
      *undef = u;
    return false;
  }
  if (not_when >= 0 && (lgr_rule_matches(g, not_when, label, n, pos, len, &u) || u >= 0)) {
    *failed = not_when;
    if (u >= 0 && undef && *undef < 0)
      *undef = u;
    return false;
  }
  return true;
}

const lgr_start *lgr_start_of(const loc_lgr *g, uint32_t cp) {
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
                   size_t *n_pieces, int32_t *rule, int32_t *undef) {
  size_t k = 0;
  *rule = -1;
  for (size_t i = 0; i < n;) {
    const lgr_start *s = lgr_start_of(g, label[i]);
    bool placed = false;
    for (uint32_t j = 0; s && j < s->n && !placed; j++) {
      int32_t ci = (int32_t)g->by_start[s->first + j];
      const lgr_char *c = &g->chars[ci];
      if (c->cp_len > n - i ||
          memcmp(g->cps + c->cp_off, label + i, c->cp_len * sizeof(uint32_t)) != 0)
        continue;
      int32_t failed, u = -1;
      if (!lgr_context_ok(g, c->when, c->not_when, label, n, i, c->cp_len, &failed, &u)) {
        *rule = failed;
        if (u >= 0) {
          /* lgr-core stops at the rule it cannot find */
          if (undef && *undef < 0)
            *undef = u;
          *n_pieces = k;
          return (long)i;
        }
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
                         size_t n_types, bool only_variants, int32_t *undef) {
  for (size_t i = 0; i < g->n_actions; i++) {
    const lgr_action *a = &g->actions[i];
    int32_t r = a->match >= 0 ? a->match : a->not_match;
    if (r >= 0 && g->rules[r].needs_undefined >= 0) {
      if (undef && *undef < 0)
        *undef = g->rules[r].needs_undefined;
      return i;
    }
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
      ok = lgr_rule_matches(g, a->match, label, n, 0, 0, NULL);
    else if (a->not_match >= 0)
      ok = !lgr_rule_matches(g, a->not_match, label, n, 0, 0, NULL);
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

loc_status lgr_load_label(loc_lgr_ctx *ctx, const char *s, size_t len, bool *ok, char *why,
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
  if (n > (SIZE_MAX - *len - 1) / 4)
    return LOC_E_NO_MEMORY;
  void *p = *buf;
  loc_status st = loc__grow(&p, cap, *len + 4 * n + 1, 1, 64);
  *buf = p;
  if (st != LOC_OK)
    return st;
  for (size_t i = 0; i < n; i++)
    *len += loc__utf8_encode(cps[i], *buf + *len);
  (*buf)[*len] = '\0';
  return LOC_OK;
}

/* Byte offset of code point @i of the label in its UTF-8 form. */
static size_t byte_offset(const loc_lgr_ctx *ctx, size_t i) {
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
static void name_variant_cp(const loc_lgr *g, loc_lgr_ctx *ctx, const lgr_action *act,
                            loc_lgr_result *out) {
  for (size_t k = 0; k < ctx->n_pieces; k++) {
    const lgr_piece *p = &ctx->pieces[k];
    const lgr_char *c = &g->chars[p->ch];
    for (uint32_t v = 0; v < c->n_vars; v++) {
      const lgr_var *x = &g->vars[c->var_first + v];
      int32_t failed;
      if (!x->reflexive || x->type < 0 || !type_in(g, act, x->type) ||
          !lgr_context_ok(g, x->when, x->not_when, ctx->label, ctx->n, p->pos, p->len, &failed,
                          NULL))
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

/* The verdict on a label whose evaluation needed undefined rule @u. */
static void undefined_verdict(const loc_lgr *g, loc_lgr_ctx *ctx, loc_lgr_result *out,
                              int32_t u, const char *what) {
  out->disposition = g->names[g->disp_undefined];
  snprintf(ctx->reason, sizeof ctx->reason,
           "%s needs rule '%s', which the LGR names (line %d) but does not define", what,
           g->names[g->rules[u].name], (int)g->rules[u].line);
}

static void cp_name(uint32_t cp, char *name, size_t cap) {
  UErrorCode e = U_ZERO_ERROR;
  int32_t nl = u_charName((UChar32)cp, U_UNICODE_CHAR_NAME, name, (int32_t)cap, &e);
  if (U_FAILURE(e) || nl <= 0)
    snprintf(name, cap, "unnamed");
}

loc_status loc_lgr_evaluate(loc_lgr_ctx *ctx, const char *label,
                            size_t len, loc_lgr_result *out) {
  const loc_lgr *g = ctx ? ctx->lgr : NULL;
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
  int32_t rule, undef = -1;
  long bad = lgr_decompose(g, ctx->label, ctx->n, ctx->pieces, &ctx->n_pieces, &rule, &undef);
  if (bad >= 0) {
    uint32_t cp = ctx->label[bad];
    out->codepoint = (int32_t)cp;
    out->offset = byte_offset(ctx, (size_t)bad);
    char name[96], what[160];
    cp_name(cp, name, sizeof name);
    if (undef >= 0) {
      snprintf(what, sizeof what, "U+%04X %s at code point %ld: its context", (unsigned)cp, name,
               bad + 1);
      undefined_verdict(g, ctx, out, undef, what);
    } else if (rule >= 0)
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
      if (!x->reflexive)
        continue;
      if (!lgr_context_ok(g, x->when, x->not_when, ctx->label, ctx->n, p->pos, p->len, &failed,
                          &undef)) {
        if (undef >= 0) {
          uint32_t cp = ctx->label[p->pos];
          char name[96], what[200];
          cp_name(cp, name, sizeof name);
          out->codepoint = (int32_t)cp;
          out->offset = byte_offset(ctx, p->pos);
          snprintf(what, sizeof what,
                   "U+%04X %s at code point %zu: the context of its reflexive variant",
                   (unsigned)cp, name, (size_t)p->pos + 1);
          undefined_verdict(g, ctx, out, undef, what);
          return LOC_OK;
        }
        continue;
      }
      add_type(types, &n_types, x->type);
      is_var = true;
    }
    only = only && is_var;
  }
  size_t a = lgr_apply_actions(g, ctx->label, ctx->n, types, n_types, only && n_types > 0, &undef);
  const lgr_action *act = &g->actions[a];
  out->action = act->is_default ? -2 : (int)a;
  if (undef >= 0) {
    char what[64];
    snprintf(what, sizeof what, "action %zu at line %d", a + 1, (int)act->line);
    undefined_verdict(g, ctx, out, undef, what);
    return LOC_OK;
  }
  out->disposition = g->names[act->disp];
  lgr_action_text(g, a, ctx->reason, sizeof ctx->reason);
  if (act->kind != 0)
    name_variant_cp(g, ctx, act, out);
  return LOC_OK;
}

/* ---------- index label (RFC 7940 §8.5, as lgr-core computes it) ----------
 *
 * Over every partition of the label into repertoire elements whose
 * contexts hold: per element the least (in code point order) of it and
 * its variants whose context holds with the variant in place (the rest of
 * the label as it is); the index label is the least of these over the
 * partitions. Since the choice for an element depends only on where it
 * is, the least completion from each position is computed once, right to
 * left: pick[i] is the element (and its least form) that starts it. */

typedef struct ipick {
  const uint32_t *s;      /* the element's least form */
  uint32_t len;
  uint32_t next;          /* position after the element */
  bool ok;                /* the label from here can be partitioned */
} ipick;

/* Streams the code points of "s[0..len) then the least completion from next". */
typedef struct istream {
  const ipick *pick;
  const uint32_t *s;
  uint32_t left;
  uint32_t next;
  uint32_t end;
} istream;

static bool is_next(istream *it, uint32_t *cp) {
  while (it->left == 0) {
    if (it->next >= it->end)
      return false;
    const ipick *p = &it->pick[it->next];
    it->s = p->s;
    it->left = p->len;
    it->next = p->next;
  }
  *cp = *it->s++;
  it->left--;
  return true;
}

/* Code point order of two candidates (shorter first when one is a prefix). */
static int cand_cmp(const ipick *pick, uint32_t end, const uint32_t *sa, uint32_t la, uint32_t na,
                    const uint32_t *sb, uint32_t lb, uint32_t nb) {
  istream a = {pick, sa, la, na, end}, b = {pick, sb, lb, nb, end};
  for (;;) {
    uint32_t x, y;
    bool ha = is_next(&a, &x), hb = is_next(&b, &y);
    if (!ha || !hb)
      return ha ? 1 : hb ? -1 : 0;
    if (x != y)
      return x < y ? -1 : 1;
  }
}

static int seq_cmp(const uint32_t *a, size_t na, const uint32_t *b, size_t nb) {
  for (size_t i = 0; i < na && i < nb; i++)
    if (a[i] != b[i])
      return a[i] < b[i] ? -1 : 1;
  return na < nb ? -1 : na > nb;
}

loc_status loc_lgr_index_label(loc_lgr_ctx *ctx, const char *label,
                               size_t len, const char **index, size_t *index_len) {
  const loc_lgr *g = ctx ? ctx->lgr : NULL;
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
  int32_t rule, undef = -1;
  /* As in lgr-core, a label must first pass the repertoire check. */
  if (lgr_decompose(g, ctx->label, ctx->n, ctx->pieces, &ctx->n_pieces, &rule, &undef) >= 0)
    return undef >= 0 ? LOC_E_LGR_REFERENCE : LOC_E_INVALID_ARGUMENT;
  size_t n = ctx->n;
  ipick pick[LGR_MAX_LABEL + 1];
  memset(pick, 0, sizeof pick);
  pick[n].ok = true;
  pick[n].next = (uint32_t)n;
  uint32_t tmp[LGR_MAX_LABEL * 2];
  for (size_t i = n; i-- > 0;) {
    const lgr_start *st = lgr_start_of(g, ctx->label[i]);
    for (uint32_t j = 0; st && j < st->n; j++) {
      const lgr_char *c = &g->chars[g->by_start[st->first + j]];
      if (c->cp_len > n - i || !pick[i + c->cp_len].ok ||
          memcmp(g->cps + c->cp_off, ctx->label + i, c->cp_len * sizeof(uint32_t)) != 0)
        continue;
      int32_t failed;
      if (!lgr_context_ok(g, c->when, c->not_when, ctx->label, n, i, c->cp_len, &failed, &undef)) {
        if (undef >= 0)
          return LOC_E_LGR_REFERENCE;
        continue;
      }
      const uint32_t *best = g->cps + c->cp_off;
      uint32_t best_n = c->cp_len;
      size_t tail = n - i - c->cp_len;
      for (uint32_t v = 0; v < c->n_vars; v++) {
        const lgr_var *x = &g->vars[c->var_first + v];
        /* The variant's context is judged with the variant in place. */
        size_t tn = i + x->cp_len + tail;
        if (tn > LGR_MAX_LABEL)
          continue;
        memcpy(tmp, ctx->label, i * sizeof *tmp);
        memcpy(tmp + i, g->cps + x->cp_off, x->cp_len * sizeof *tmp);
        memcpy(tmp + i + x->cp_len, ctx->label + i + c->cp_len, tail * sizeof *tmp);
        if (!lgr_context_ok(g, x->when, x->not_when, tmp, tn, i, x->cp_len, &failed, &undef)) {
          if (undef >= 0)
            return LOC_E_LGR_REFERENCE;
          continue;
        }
        if (seq_cmp(g->cps + x->cp_off, x->cp_len, best, best_n) < 0) {
          best = g->cps + x->cp_off;
          best_n = x->cp_len;
        }
      }
      uint32_t next = (uint32_t)(i + c->cp_len);
      if (!pick[i].ok ||
          cand_cmp(pick, (uint32_t)n, best, best_n, next, pick[i].s, pick[i].len, pick[i].next) < 0)
        pick[i] = (ipick){best, best_n, next, true};
    }
  }
  if (!pick[0].ok)
    return LOC_E_INVALID_ARGUMENT; /* unreachable: the longest-match split exists */
  ctx->index_len = 0;
  for (uint32_t i = 0; i < n; i = pick[i].next)
    if (lgr_utf8_append(&ctx->index, &ctx->index_len, &ctx->index_cap, pick[i].s, pick[i].len) !=
        LOC_OK)
      return LOC_E_NO_MEMORY;
  *index = ctx->index;
  *index_len = ctx->index_len;
  return LOC_OK;
}

loc_status loc_lgr_ctx_new(const loc_lgr *lgr, loc_lgr_ctx **out) {
  if (out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  if (lgr == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = calloc(1, sizeof **out);
  if (*out == NULL)
    return LOC_E_NO_MEMORY;
  (*out)->lgr = lgr;
  return LOC_OK;
}

void loc_lgr_ctx_free(loc_lgr_ctx *ctx) {
  if (ctx == NULL)
    return;
  free(ctx->index);
  free(ctx->vbuf);
  free(ctx->vrec);
  free(ctx);
}
