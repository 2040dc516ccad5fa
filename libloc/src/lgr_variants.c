/* RFC 7940 §8.2–8.3: the variant labels of a label and their dispositions.
 *
 * Depth-first over every way of splitting the label into repertoire
 * elements, not only the longest-match one: at each position each element
 * that starts there and whose context holds (on the label as generated so
 * far, the rest as it is), then for that element the element itself
 * (unless a reflexive mapping applies, whose type then counts) or any
 * variant whose when/not-when holds with the variant in place. Each
 * complete label is judged like a label (repertoire, then the actions with
 * the variant types collected on the way); the first way a label is
 * reached gives its types, as in lgr-core. A state already explored
 * (position, label so far, types) is not explored again, so splits that
 * only regroup unchanged code points cost nothing. The work is bounded:
 * past the cap, or past a number of states or candidate labels, generation
 * stops and the count becomes an estimate. */
#include "internal.h"
#include "buf.h"
#include "lgr_internal.h"

/* A set of 64-bit hashes (0 never stored). */
typedef struct hset {
  uint64_t *t;
  size_t cap, n;
} hset;

typedef struct gen {
  const loc_lgr *g;
  loc_lgr_ctx *ctx;
  size_t max;
  bool with_invalid;       /* list invalid variants too */
  uint64_t limit;          /* candidate labels examined at most */
  uint64_t state_limit;    /* partial labels examined at most */
  uint64_t states;
  uint32_t cur[LGR_MAX_LABEL * 2];
  size_t cur_n;
  int32_t types[LGR_MAX_LABEL];
  size_t n_types;
  uint32_t undef;          /* contexts on the path that needed an undefined rule */
  hset seen;               /* labels already judged */
  hset explored;           /* states already explored */
  bool stop;
  loc_status st;
} gen;

static uint64_t hash_label(const uint32_t *s, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++) {
    h ^= s[i];
    h *= 1099511628211ull;
  }
  return h;
}

/* False when already present (or out of memory, which stops generation). */
static bool hset_add(gen *G, hset *s, uint64_t h) {
  h |= 1;
  if (s->n * 2 >= s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 1024;
    uint64_t *t = calloc(cap, sizeof *t);
    if (t == NULL) {
      G->st = LOC_E_NO_MEMORY;
      G->stop = true;
      return false;
    }
    for (size_t i = 0; i < s->cap; i++)
      if (s->t[i])
        for (size_t j = s->t[i] & (cap - 1);; j = (j + 1) & (cap - 1))
          if (t[j] == 0) {
            t[j] = s->t[i];
            break;
          }
    free(s->t);
    s->t = t;
    s->cap = cap;
  }
  for (size_t j = h & (s->cap - 1);; j = (j + 1) & (s->cap - 1)) {
    if (s->t[j] == h)
      return false;
    if (s->t[j] == 0) {
      s->t[j] = h;
      s->n++;
      return true;
    }
  }
}

static void leaf(gen *G, bool only) {
  loc_lgr_ctx *ctx = G->ctx;
  const loc_lgr *g = G->g;
  if (G->cur_n == ctx->n && memcmp(G->cur, ctx->label, ctx->n * sizeof(uint32_t)) == 0)
    return; /* the label itself */
  if (++ctx->work > G->limit) {
    ctx->truncated = true;
    G->stop = true;
    return;
  }
  if (G->cur_n > LGR_MAX_LABEL || !hset_add(G, &G->seen, hash_label(G->cur, G->cur_n)))
    return;
  /* Eligibility: in the repertoire, and not invalid by the actions alone;
   * a label whose judgement needs an undefined rule is listed as such. */
  int32_t disp;
  int32_t undef = -1;
  if (G->undef) {
    disp = g->disp_undefined;
  } else {
    lgr_piece pieces[LGR_MAX_LABEL];
    size_t np;
    int32_t rule;
    bool eligible = lgr_decompose(g, G->cur, G->cur_n, pieces, &np, &rule, &undef) < 0;
    size_t a = 0;
    if (eligible && undef < 0) {
      a = lgr_apply_actions(g, G->cur, G->cur_n, NULL, 0, false, &undef);
      eligible = undef >= 0 || g->actions[a].disp != g->disp_invalid;
    }
    if (eligible && undef < 0)
      a = lgr_apply_actions(g, G->cur, G->cur_n, G->types, G->n_types, only && G->n_types > 0,
                            &undef);
    disp = undef >= 0 ? g->disp_undefined : eligible ? g->actions[a].disp : g->disp_invalid;
    if (disp == g->disp_invalid && !G->with_invalid)
      return;
  }
  if (ctx->n_vrec == G->max) {
    ctx->truncated = true;
    G->stop = true;
    return;
  }
  ctx->total++;
  if (ctx->n_vrec == ctx->cap_vrec) {
    void *r = ctx->vrec;
    loc_status gst = loc__grow(&r, &ctx->cap_vrec, ctx->n_vrec + 1, sizeof *ctx->vrec, 64);
    ctx->vrec = r;
    if (gst != LOC_OK) {
      G->st = gst;
      G->stop = true;
      return;
    }
  }
  size_t off = ctx->vbuf_len;
  if (lgr_utf8_append(&ctx->vbuf, &ctx->vbuf_len, &ctx->vbuf_cap, G->cur, G->cur_n) != LOC_OK) {
    G->st = LOC_E_NO_MEMORY;
    G->stop = true;
    return;
  }
  ctx->vrec[ctx->n_vrec++] = (struct lgr_vrec){off, ctx->vbuf_len - off, disp};
}

/* The state at position @pos of the label: what is generated so far, the
 * types collected, whether only variants were used, undefined rules met. */
static uint64_t state_hash(const gen *G, size_t pos, bool only) {
  uint64_t h = hash_label(G->cur, G->cur_n);
  uint64_t t = 0;
  for (size_t i = 0; i < G->n_types; i++) /* a set: order does not count */
    t += ((uint64_t)G->types[i] + 0x9E3779B97F4A7C15ull) * 0xBF58476D1CE4E5B9ull;
  h ^= t * 0x94D049BB133111EBull;
  h ^= ((uint64_t)pos << 40) ^ ((uint64_t)only << 39) ^ ((uint64_t)(G->undef != 0) << 38);
  return h * 0xD6E8FEB86659FD93ull;
}

/* Context of a char or variant placed at G->cur[base..) with @tail code
 * points of the label after it: 1 holds, 0 does not, -1 needs an
 * undefined rule. */
static int context_at(gen *G, int32_t when, int32_t not_when, const uint32_t *cps, uint32_t len,
                      size_t rest, size_t tail) {
  if (when < 0 && not_when < 0)
    return 1;
  loc_lgr_ctx *ctx = G->ctx;
  size_t base = G->cur_n;
  uint32_t tmp[LGR_MAX_LABEL];
  if (base + len + tail > LGR_MAX_LABEL)
    return 0;
  memcpy(tmp, G->cur, base * sizeof *tmp);
  memcpy(tmp + base, cps, len * sizeof *tmp);
  memcpy(tmp + base + len, ctx->label + rest, tail * sizeof *tmp);
  int32_t failed, undef = -1;
  if (lgr_context_ok(G->g, when, not_when, tmp, base + len + tail, base, len, &failed, &undef))
    return 1;
  return undef >= 0 ? -1 : 0;
}

static void walk(gen *G, size_t pos, bool only);

/* One choice for the element at @pos: @cps in its place, then the rest. */
static void choose(gen *G, size_t next, const uint32_t *cps, uint32_t len, int32_t type,
                   bool only, bool undef) {
  size_t base = G->cur_n, types_base = G->n_types;
  memcpy(G->cur + base, cps, len * sizeof(uint32_t));
  G->cur_n = base + len;
  if (type >= 0) {
    bool have = false;
    for (size_t t = 0; t < G->n_types; t++)
      have = have || G->types[t] == type;
    if (!have)
      G->types[G->n_types++] = type;
  }
  G->undef += undef;
  walk(G, next, only);
  G->undef -= undef;
  G->n_types = types_base;
  G->cur_n = base;
}

static void walk(gen *G, size_t pos, bool only) {
  loc_lgr_ctx *ctx = G->ctx;
  const loc_lgr *g = G->g;
  if (G->stop)
    return;
  if (pos == ctx->n) {
    leaf(G, only);
    return;
  }
  if (!hset_add(G, &G->explored, state_hash(G, pos, only)))
    return;
  if (++G->states > G->state_limit) {
    ctx->truncated = true;
    G->stop = true;
    return;
  }
  const lgr_start *st = lgr_start_of(g, ctx->label[pos]);
  for (uint32_t j = 0; st && j < st->n && !G->stop; j++) {
    const lgr_char *c = &g->chars[g->by_start[st->first + j]];
    if (c->cp_len > ctx->n - pos ||
        memcmp(g->cps + c->cp_off, ctx->label + pos, c->cp_len * sizeof(uint32_t)) != 0)
      continue;
    size_t rest = pos + c->cp_len, tail = ctx->n - rest;
    if (G->cur_n + c->cp_len + tail > LGR_MAX_LABEL)
      continue;
    int cc = context_at(G, c->when, c->not_when, g->cps + c->cp_off, c->cp_len, rest, tail);
    if (cc == 0)
      continue;
    /* A reflexive mapping whose context holds replaces the element itself. */
    bool reflexive = false;
    for (uint32_t v = 0; v < c->n_vars && !reflexive; v++) {
      const lgr_var *x = &g->vars[c->var_first + v];
      reflexive = x->reflexive &&
                  context_at(G, x->when, x->not_when, g->cps + x->cp_off, x->cp_len, rest, tail) != 0;
    }
    if (!reflexive)
      choose(G, rest, g->cps + c->cp_off, c->cp_len, -1, false, cc < 0);
    for (uint32_t v = 0; v < c->n_vars && !G->stop; v++) {
      const lgr_var *x = &g->vars[c->var_first + v];
      if (G->cur_n + x->cp_len + tail > LGR_MAX_LABEL)
        continue;
      int vc = context_at(G, x->when, x->not_when, g->cps + x->cp_off, x->cp_len, rest, tail);
      if (vc == 0)
        continue;
      choose(G, rest, g->cps + x->cp_off, x->cp_len, x->type, only, cc < 0 || vc < 0);
    }
  }
}

/* The estimate lgr-core prints: the product over the label's elements
 * (longest-match split) of (non-reflexive variants + 1), less the label.
 * UINT64_MAX when it does not fit in 64 bits. */
static uint64_t estimate(const loc_lgr *g, const loc_lgr_ctx *ctx) {
  uint64_t prod = 1;
  for (size_t k = 0; k < ctx->n_pieces; k++) {
    const lgr_char *c = &g->chars[ctx->pieces[k].ch];
    uint64_t m = 1;
    for (uint32_t v = 0; v < c->n_vars; v++)
      m += !g->vars[c->var_first + v].reflexive;
    if (prod > UINT64_MAX / m)
      return UINT64_MAX;
    prod *= m;
  }
  return prod - 1;
}

loc_status loc_lgr_variants(loc_lgr_ctx *ctx, const char *label,
                            size_t len, size_t max) {
  return loc_lgr_variants_ex(ctx, label, len, max, 0);
}

loc_status loc_lgr_variants_ex(loc_lgr_ctx *ctx, const char *label,
                               size_t len, size_t max, unsigned flags) {
  const loc_lgr *g = ctx ? ctx->lgr : NULL;
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
  int32_t rule, undef = -1;
  if (!ok || lgr_decompose(g, ctx->label, ctx->n, ctx->pieces, &ctx->n_pieces, &rule, &undef) >= 0)
    return LOC_OK;
  gen *G = calloc(1, sizeof *G);
  if (G == NULL)
    return LOC_E_NO_MEMORY;
  G->g = g;
  G->ctx = ctx;
  G->max = max ? max : LOC_LGR_DEFAULT_MAX_VARIANTS;
  G->with_invalid = (flags & LOC_LGR_VARIANTS_WITH_INVALID) != 0;
  /* Invalid candidates cost work but are not listed: allow a multiple of
   * the cap before giving up on an exact count, so that a label whose
   * variants are nearly all invalid costs a bounded time too; likewise
   * for the partial labels explored. */
  G->limit = 16 * (uint64_t)G->max + 1000;
  G->state_limit = 64 * (uint64_t)G->max + 100000;
  walk(G, 0, true);
  loc_status st = G->st;
  free(G->seen.t);
  free(G->explored.t);
  free(G);
  if (ctx->truncated) {
    /* never fewer than listed (the estimate ignores other splits) */
    ctx->total = estimate(g, ctx);
    if (ctx->total < ctx->n_vrec)
      ctx->total = ctx->n_vrec;
  }
  return st;
}

size_t loc_lgr_variant_count(const loc_lgr_ctx *ctx) { return ctx ? ctx->n_vrec : 0; }

const char *loc_lgr_variant_at(const loc_lgr_ctx *ctx, size_t i,
                               const char **label, size_t *label_len) {
  const loc_lgr *g = ctx ? ctx->lgr : NULL;
  if (g == NULL || ctx == NULL || i >= ctx->n_vrec)
    return NULL;
  if (label)
    *label = ctx->vbuf + ctx->vrec[i].off;
  if (label_len)
    *label_len = ctx->vrec[i].len;
  return g->names[ctx->vrec[i].disp];
}

uint64_t loc_lgr_variants_total(const loc_lgr_ctx *ctx) { return ctx ? ctx->total : 0; }

bool loc_lgr_variants_truncated(const loc_lgr_ctx *ctx) { return ctx && ctx->truncated; }
