/* RFC 7940 §6.3 rules: matching over sets of label positions.
 *
 * A rule element is evaluated as a function from the set of positions where
 * it may start to the set of positions where it may end. Sequences fold,
 * choices unite, counts iterate to a fixed point, look-around elements
 * filter positions. No backtracking: the work is (rule size) x (label
 * length) whatever the rule, so a hostile LGR cannot make matching hang. */
#include "internal.h"
#include "lgr_internal.h"

bool lgr_set_has(const lgr_set *s, uint32_t cp) {
  size_t lo = 0, hi = s->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (cp < s->r[mid][0])
      hi = mid;
    else if (cp > s->r[mid][1])
      lo = mid + 1;
    else
      return true;
  }
  return false;
}

static inline void ps_add(lgr_pset *s, size_t p) { s->w[p >> 6] |= 1ull << (p & 63); }
static inline bool ps_has(const lgr_pset *s, size_t p) { return s->w[p >> 6] >> (p & 63) & 1; }
static bool ps_empty(const lgr_pset *s) {
  for (size_t i = 0; i < LGR_PSET_WORDS; i++)
    if (s->w[i])
      return false;
  return true;
}
static void ps_or(lgr_pset *a, const lgr_pset *b) {
  for (size_t i = 0; i < LGR_PSET_WORDS; i++)
    a->w[i] |= b->w[i];
}
static bool ps_eq(const lgr_pset *a, const lgr_pset *b) {
  return memcmp(a, b, sizeof *a) == 0;
}

typedef struct mstate {
  const loc_lgr *g;
  const uint32_t *label;
  size_t n;
  size_t anchor_pos, anchor_len; /* anchor_len 0: no anchor */
  /* Element evaluations left: nested counts (count="1000" inside
   * count="1000" ...) multiply, so a hostile LGR could otherwise make one
   * match take forever. Exhausted = no match. */
  uint64_t budget;
} mstate;

static void eval(mstate *m, int32_t node, const lgr_pset *in, lgr_pset *out, int depth);

static void eval_seq(mstate *m, const lgr_node *nd, const lgr_pset *in, lgr_pset *out,
                     int depth) {
  lgr_pset cur = *in;
  for (uint32_t k = 0; k < nd->n_kids && !ps_empty(&cur); k++) {
    lgr_pset next;
    eval(m, (int32_t)m->g->kids[nd->first + k], &cur, &next, depth + 1);
    cur = next;
  }
  *out = cur;
}

/* One occurrence of the element, ignoring its count. */
static void eval_once(mstate *m, const lgr_node *nd, const lgr_pset *in, lgr_pset *out,
                      int depth) {
  const loc_lgr *g = m->g;
  memset(out, 0, sizeof *out);
  switch (nd->kind) {
  case LN_SEQ:
    eval_seq(m, nd, in, out, depth);
    break;
  case LN_CHOICE:
    for (uint32_t k = 0; k < nd->n_kids; k++) {
      lgr_pset r;
      eval(m, (int32_t)g->kids[nd->first + k], in, &r, depth + 1);
      ps_or(out, &r);
    }
    break;
  case LN_CHAR:
    for (size_t p = 0; p + nd->cp_len <= m->n; p++)
      if (ps_has(in, p) &&
          memcmp(m->label + p, g->cps + nd->cp_off, nd->cp_len * sizeof(uint32_t)) == 0)
        ps_add(out, p + nd->cp_len);
    break;
  case LN_CLASS:
    for (size_t p = 0; p < m->n; p++)
      if (ps_has(in, p) && lgr_set_has(&g->sets[nd->ref], m->label[p]))
        ps_add(out, p + 1);
    break;
  case LN_ANY:
    for (size_t p = 0; p < m->n; p++)
      if (ps_has(in, p))
        ps_add(out, p + 1);
    break;
  case LN_START:
    if (ps_has(in, 0))
      ps_add(out, 0);
    break;
  case LN_END:
    if (ps_has(in, m->n))
      ps_add(out, m->n);
    break;
  case LN_ANCHOR:
    /* Only a context evaluation has an anchor: the code point(s) in
     * question, at their own position. */
    if (m->anchor_len && ps_has(in, m->anchor_pos))
      ps_add(out, m->anchor_pos + m->anchor_len);
    break;
  case LN_LOOK_BEHIND: {
    /* Positions some match of the body ends at, from any start. */
    lgr_pset all, ends;
    memset(&all, 0, sizeof all);
    for (size_t p = 0; p <= m->n; p++)
      ps_add(&all, p);
    eval_seq(m, nd, &all, &ends, depth);
    for (size_t i = 0; i < LGR_PSET_WORDS; i++)
      out->w[i] = in->w[i] & ends.w[i];
    break;
  }
  case LN_LOOK_AHEAD:
    for (size_t p = 0; p <= m->n; p++) {
      if (!ps_has(in, p))
        continue;
      lgr_pset one, r;
      memset(&one, 0, sizeof one);
      ps_add(&one, p);
      eval_seq(m, nd, &one, &r, depth);
      if (!ps_empty(&r))
        ps_add(out, p);
    }
    break;
  case LN_RULE_REF: {
    int32_t root = g->rules[nd->ref].root;
    if (root >= 0)
      eval_seq(m, &g->nodes[root], in, out, depth);
    break;
  }
  }
}

static void eval(mstate *m, int32_t node, const lgr_pset *in, lgr_pset *out, int depth) {
  const lgr_node *nd = &m->g->nodes[node];
  /* References are checked acyclic at load; the depth bound is a second
   * line of defence. */
  if (depth > 200 || m->budget == 0 || --m->budget == 0) {
    memset(out, 0, sizeof *out);
    return;
  }
  if (nd->min == 1 && nd->max == 1) {
    eval_once(m, nd, in, out, depth);
    return;
  }
  lgr_pset cur = *in;
  for (uint32_t i = 0; i < nd->min && !ps_empty(&cur) && m->budget; i++) {
    lgr_pset next;
    eval_once(m, nd, &cur, &next, depth);
    if (ps_eq(&next, &cur))
      break; /* a fixed point: more rounds change nothing */
    cur = next;
  }
  lgr_pset acc = cur;
  /* Further repetitions up to max; positions only grow, so at most n+1
   * rounds change anything. */
  for (uint32_t i = nd->min; i < nd->max && i <= nd->min + m->n + 1 && !ps_empty(&cur); i++) {
    lgr_pset next, before = acc;
    eval_once(m, nd, &cur, &next, depth);
    ps_or(&acc, &next);
    cur = next;
    if (ps_eq(&before, &acc))
      break;
  }
  *out = acc;
}

bool lgr_rule_matches(const loc_lgr *g, int32_t r, const uint32_t *label, size_t n, size_t pos,
                      size_t anchor_len, int32_t *undef) {
  /* lgr-core compiles a rule whole before matching, so a rule that refers
   * to an undefined one (anywhere in it) cannot be used at all. */
  if (r >= 0 && (size_t)r < g->n_rules && g->rules[r].needs_undefined >= 0) {
    if (undef && *undef < 0)
      *undef = g->rules[r].needs_undefined;
    return false;
  }
  if (r < 0 || (size_t)r >= g->n_rules || g->rules[r].root < 0 || n > LGR_MAX_LABEL)
    return false;
  mstate m = {g, label, n, pos, g->rules[r].has_anchor ? anchor_len : 0, 1u << 20};
  lgr_pset in, out;
  memset(&in, 0, sizeof in);
  for (size_t p = 0; p <= n; p++)
    ps_add(&in, p);
  const lgr_node *root = &g->nodes[g->rules[r].root];
  if (root->n_kids == 0)
    return false; /* an empty rule matches nothing */
  eval_seq(&m, root, &in, &out, 0);
  return m.budget > 0 && !ps_empty(&out);
}

/* ---------- load-time checks ---------- */

static bool node_has(const loc_lgr *g, int32_t node, lgr_node_kind kind, int depth) {
  const lgr_node *nd = &g->nodes[node];
  if (depth > 200)
    return false;
  if (nd->kind == kind)
    return true;
  if (nd->kind == LN_RULE_REF && g->rules[nd->ref].root >= 0)
    return node_has(g, g->rules[nd->ref].root, kind, depth + 1);
  for (uint32_t k = 0; k < nd->n_kids; k++)
    if (node_has(g, (int32_t)g->kids[nd->first + k], kind, depth + 1))
      return true;
  return false;
}

/* The first undefined rule reachable from @node through references, or -1. */
static int32_t node_undefined(const loc_lgr *g, int32_t node, int depth) {
  const lgr_node *nd = &g->nodes[node];
  if (depth > 200)
    return -1;
  if (nd->kind == LN_RULE_REF) {
    if (g->rules[nd->ref].undefined)
      return nd->ref;
    if (g->rules[nd->ref].root >= 0)
      return node_undefined(g, g->rules[nd->ref].root, depth + 1);
  }
  for (uint32_t k = 0; k < nd->n_kids; k++) {
    int32_t u = node_undefined(g, (int32_t)g->kids[nd->first + k], depth + 1);
    if (u >= 0)
      return u;
  }
  return -1;
}

/* 0 = unvisited, 1 = on the current path, 2 = finished. */
static int32_t visit(const loc_lgr *g, int32_t node, uint8_t *state, int32_t *owner) {
  const lgr_node *nd = &g->nodes[node];
  if (nd->kind == LN_RULE_REF) {
    int32_t r = nd->ref;
    if (state[r] == 1)
      return r;
    if (state[r] == 0) {
      state[r] = 1;
      int32_t c = g->rules[r].root >= 0 ? visit(g, g->rules[r].root, state, owner) : -1;
      if (c >= 0)
        return c;
      state[r] = 2;
    }
    return -1;
  }
  for (uint32_t k = 0; k < nd->n_kids; k++) {
    int32_t c = visit(g, (int32_t)g->kids[nd->first + k], state, owner);
    if (c >= 0)
      return c;
  }
  return -1;
}

int32_t lgr_rules_check_cycles(loc_lgr *g) {
  uint8_t *state = calloc(g->n_rules ? g->n_rules : 1, 1);
  if (state == NULL)
    return -1;
  int32_t cyc = -1;
  for (size_t r = 0; r < g->n_rules && cyc < 0; r++) {
    if (state[r] || g->rules[r].root < 0)
      continue;
    state[r] = 1;
    cyc = visit(g, g->rules[r].root, state, NULL);
    state[r] = 2;
  }
  free(state);
  if (cyc >= 0)
    return cyc;
  for (size_t r = 0; r < g->n_rules; r++) {
    g->rules[r].has_anchor =
        g->rules[r].root >= 0 && node_has(g, g->rules[r].root, LN_ANCHOR, 0);
    g->rules[r].needs_undefined = g->rules[r].undefined ? (int32_t)r
                                  : g->rules[r].root >= 0 ? node_undefined(g, g->rules[r].root, 0)
                                                          : -1;
  }
  return -1;
}
