/* RFC 7940 §8.2–8.3: the variant labels of a label and their dispositions.
 *
 * Depth-first over the label's repertoire elements: at each one, the
 * element itself (unless it has a reflexive mapping, whose type then
 * applies) or any variant whose when/not-when holds with the variant in
 * place. Each complete variant label is judged like a label (repertoire,
 * then actions with the variant types collected on the way). The work is
 * bounded: past the cap, or past a number of candidate labels, generation
 * stops and the count becomes an estimate. */
#include "internal.h"
#include "lgr_internal.h"

typedef struct gen {
  const loc_lgr *g;
  loc_lgr_context *ctx;
  size_t max;
  uint64_t limit;          /* candidate labels examined at most */
  uint32_t cur[LGR_MAX_LABEL * 2];
  size_t cur_n;
  int32_t types[LGR_MAX_LABEL];
  size_t n_types;
  uint64_t *seen;          /* hashes of labels already judged */
  size_t seen_cap, seen_n;
  bool stop;
  loc_status st;
} gen;

static uint64_t hash_label(const uint32_t *s, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++) {
    h ^= s[i];
    h *= 1099511628211ull;
  }
  return h | 1; /* 0 marks an empty slot */
}

/* False when already present. */
static bool seen_add(gen *G, uint64_t h) {
  if (G->seen_n * 2 >= G->seen_cap) {
    size_t cap = G->seen_cap ? G->seen_cap * 2 : 1024;
    uint64_t *t = calloc(cap, sizeof *t);
    if (t == NULL) {
      G->st = LOC_E_NO_MEMORY;
      G->stop = true;
      return false;
    }
    for (size_t i = 0; i < G->seen_cap; i++)
      if (G->seen[i])
        for (size_t j = G->seen[i] & (cap - 1);; j = (j + 1) & (cap - 1))
          if (t[j] == 0) {
            t[j] = G->seen[i];
            break;
          }
    free(G->seen);
    G->seen = t;
    G->seen_cap = cap;
  }
  for (size_t j = h & (G->seen_cap - 1);; j = (j + 1) & (G->seen_cap - 1)) {
    if (G->seen[j] == h)
      return false;
    if (G->seen[j] == 0) {
      G->seen[j] = h;
      G->seen_n++;
      return true;
    }
  }
}

static void leaf(gen *G, bool only) {
  loc_lgr_context *ctx = G->ctx;
  const loc_lgr *g = G->g;
  if (G->cur_n == ctx->n && memcmp(G->cur, ctx->label, ctx->n * sizeof(uint32_t)) == 0)
    return; /* the label itself */
  if (++ctx->work > G->limit) {
    ctx->truncated = true;
    G->stop = true;
    return;
  }
  if (G->cur_n > LGR_MAX_LABEL || !seen_add(G, hash_label(G->cur, G->cur_n)))
    return;
  /* Eligibility: in the repertoire, and not invalid by the actions alone. */
  lgr_piece pieces[LGR_MAX_LABEL];
  size_t np;
  int32_t rule;
  if (lgr_decompose(g, G->cur, G->cur_n, pieces, &np, &rule) >= 0)
    return;
  size_t a = lgr_apply_actions(g, G->cur, G->cur_n, NULL, 0, false);
  if (g->actions[a].disp == g->disp_invalid)
    return;
  a = lgr_apply_actions(g, G->cur, G->cur_n, G->types, G->n_types, only && G->n_types > 0);
  int32_t disp = g->actions[a].disp;
  if (disp == g->disp_invalid)
    return;
  if (ctx->n_vrec == G->max) {
    ctx->truncated = true;
    G->stop = true;
    return;
  }
  ctx->total++;
  if (ctx->n_vrec == ctx->cap_vrec) {
    size_t cap = ctx->cap_vrec ? ctx->cap_vrec * 2 : 64;
    void *r = realloc(ctx->vrec, cap * sizeof *ctx->vrec);
    if (r == NULL) {
      G->st = LOC_E_NO_MEMORY;
      G->stop = true;
      return;
    }
    ctx->vrec = r;
    ctx->cap_vrec = cap;
  }
  size_t off = ctx->vbuf_len;
  if (lgr_utf8_append(&ctx->vbuf, &ctx->vbuf_len, &ctx->vbuf_cap, G->cur, G->cur_n) != LOC_OK) {
    G->st = LOC_E_NO_MEMORY;
    G->stop = true;
    return;
  }
  ctx->vrec[ctx->n_vrec++] = (struct lgr_vrec){off, ctx->vbuf_len - off, disp};
}

static void walk(gen *G, size_t k, bool only) {
  loc_lgr_context *ctx = G->ctx;
  const loc_lgr *g = G->g;
  if (G->stop)
    return;
  if (k == ctx->n_pieces) {
    leaf(G, only);
    return;
  }
  const lgr_piece *p = &ctx->pieces[k];
  const lgr_char *c = &g->chars[p->ch];
  size_t base = G->cur_n, types_base = G->n_types;
  bool reflexive = false;
  for (uint32_t v = 0; v < c->n_vars; v++)
    reflexive = reflexive || g->vars[c->var_first + v].reflexive;
  if (!reflexive) {
    memcpy(G->cur + base, ctx->label + p->pos, p->len * sizeof(uint32_t));
    G->cur_n = base + p->len;
    walk(G, k + 1, false);
  }
  size_t tail = ctx->n - p->pos - p->len;
  for (uint32_t v = 0; v < c->n_vars && !G->stop; v++) {
    const lgr_var *x = &g->vars[c->var_first + v];
    if (base + x->cp_len + tail > LGR_MAX_LABEL)
      continue;
    /* Context with the variant in place: prefix as generated so far. */
    uint32_t tmp[LGR_MAX_LABEL];
    memcpy(tmp, G->cur, base * sizeof *tmp);
    memcpy(tmp + base, g->cps + x->cp_off, x->cp_len * sizeof *tmp);
    memcpy(tmp + base + x->cp_len, ctx->label + p->pos + p->len, tail * sizeof *tmp);
    int32_t failed;
    if (!lgr_context_ok(g, x->when, x->not_when, tmp, base + x->cp_len + tail, base, x->cp_len,
                        &failed))
      continue;
    memcpy(G->cur + base, g->cps + x->cp_off, x->cp_len * sizeof(uint32_t));
    G->cur_n = base + x->cp_len;
    G->n_types = types_base;
    if (x->type >= 0) {
      bool have = false;
      for (size_t t = 0; t < G->n_types; t++)
        have = have || G->types[t] == x->type;
      if (!have)
        G->types[G->n_types++] = x->type;
    }
    walk(G, k + 1, only);
    G->n_types = types_base;
  }
  G->cur_n = base;
}

/* Upper bound as ICANN's lgr-core estimates it: the product over the
 * label's elements of (non-reflexive variants + 1), less the label. */
static uint64_t estimate(const loc_lgr *g, const loc_lgr_context *ctx) {
  uint64_t prod = 1;
  for (size_t k = 0; k < ctx->n_pieces; k++) {
    const lgr_char *c = &g->chars[ctx->pieces[k].ch];
    uint64_t m = 1;
    for (uint32_t v = 0; v < c->n_vars; v++)
      m += !g->vars[c->var_first + v].reflexive;
    prod = prod > UINT64_MAX / m ? UINT64_MAX : prod * m;
  }
  return prod - 1;
}

loc_status loc_lgr_variants(const loc_lgr *g, loc_lgr_context *ctx, const char *label,
                            size_t len, size_t max) {
  if (g == NULL || ctx == NULL || (label == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  ctx->n_vrec = 0;
  ctx->vbuf_len = 0;
  ctx->total = 0;
  ctx->truncated = false;
  ctx->work = 0;
  bool ok;
  char why[128];
  lgr_load_label(ctx, label, len, &ok, why, sizeof why);
  int32_t rule;
  if (!ok || lgr_decompose(g, ctx->label, ctx->n, ctx->pieces, &ctx->n_pieces, &rule) >= 0)
    return LOC_OK;
  gen *G = calloc(1, sizeof *G);
  if (G == NULL)
    return LOC_E_NO_MEMORY;
  G->g = g;
  G->ctx = ctx;
  G->max = max ? max : LOC_LGR_DEFAULT_MAX_VARIANTS;
  /* Invalid candidates cost work but are not listed: allow a multiple of
   * the cap before giving up on an exact count, so that a label whose
   * variants are nearly all invalid costs a bounded time too. */
  G->limit = 16 * (uint64_t)G->max + 1000;
  walk(G, 0, true);
  loc_status st = G->st;
  free(G->seen);
  free(G);
  if (ctx->truncated)
    ctx->total = estimate(g, ctx);
  return st;
}

size_t loc_lgr_variant_count(const loc_lgr_context *ctx) { return ctx ? ctx->n_vrec : 0; }

const char *loc_lgr_variant_at(const loc_lgr *g, const loc_lgr_context *ctx, size_t i,
                               const char **label, size_t *label_len) {
  if (g == NULL || ctx == NULL || i >= ctx->n_vrec)
    return NULL;
  if (label)
    *label = ctx->vbuf + ctx->vrec[i].off;
  if (label_len)
    *label_len = ctx->vrec[i].len;
  return g->names[ctx->vrec[i].disp];
}

uint64_t loc_lgr_variants_total(const loc_lgr_context *ctx) { return ctx ? ctx->total : 0; }

bool loc_lgr_variants_truncated(const loc_lgr_context *ctx) { return ctx && ctx->truncated; }
