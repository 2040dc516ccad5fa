/* RFC 7940 <rules>: classes (compiled to code point sets with ICU's USet),
 * rules (compiled to the node trees lgr_rules.c matches) and actions. */
#include "internal.h"
#include "lgr_internal.h"
#include "lgr_load.h"

#include <errno.h>
#include <stdio.h>
#include <libxml/parser.h>
#include <unicode/uchar.h>

/* ---------- classes ---------- */

static int32_t store_set(loader *L, USet *u) {
  loc_lgr *g = L->g;
  if (!GROW(g->sets, g->n_sets, g->cap_sets, 1)) {
    lgr__nomem(L);
    return -1;
  }
  int32_t items = uset_getItemCount(u);
  lgr_set s = {NULL, 0};
  if (items > 0) {
    s.r = malloc((size_t)items * sizeof *s.r);
    if (s.r == NULL) {
      lgr__nomem(L);
      return -1;
    }
  }
  for (int32_t i = 0; i < items; i++) {
    UChar32 a, b;
    UErrorCode e = U_ZERO_ERROR;
    if (uset_getItem(u, i, &a, &b, NULL, 0, &e) == 0) {
      s.r[s.n][0] = (uint32_t)a;
      s.r[s.n][1] = (uint32_t)b;
      s.n++;
    }
  }
  g->sets[g->n_sets] = s;
  return (int32_t)g->n_sets++;
}

static bool class_into(loader *L, const xmlNode *e, USet *u, int depth);

/* The set of a named class, compiled on first use. */
static bool named_class_into(loader *L, const xmlNode *at, const char *name, USet *u,
                             int depth) {
  int32_t id = lgr__find_name(L->g, name);
  for (size_t i = 0; id >= 0 && i < L->n_classes; i++) {
    named *c = &L->classes[i];
    if (c->name != id)
      continue;
    if (c->state == 1)
      return lgr__fail(L, LOC_E_LGR_CYCLE, at, "class '%s' is defined through itself", name);
    if (c->state == 0) {
      c->state = 1;
      USet *own = uset_openEmpty();
      if (own == NULL)
        return lgr__nomem(L);
      bool ok = class_into(L, c->node, own, depth + 1);
      if (ok) {
        uset_freeze(own);
        c->set = store_set(L, own);
        ok = c->set >= 0;
      }
      uset_close(own);
      if (!ok)
        return false;
      c->state = 2;
    }
    const lgr_set *s = &L->g->sets[c->set];
    for (size_t k = 0; k < s->n; k++)
      uset_addRange(u, (UChar32)s->r[k][0], (UChar32)s->r[k][1]);
    return true;
  }
  return lgr__fail(L, LOC_E_LGR_REFERENCE, at, "undefined class '%s'", name);
}

static bool property_into(loader *L, const xmlNode *at, const char *prop, USet *u) {
  const char *colon = strchr(prop, ':');
  if (colon == NULL || colon == prop || colon[1] == '\0' || strlen(prop) > 120)
    return lgr__fail(L, LOC_E_LGR_FORMAT, at, "property '%.60s' is not NAME:VALUE", prop);
  UChar name[128], value[128];
  size_t nl = (size_t)(colon - prop), vl = strlen(colon + 1);
  for (size_t i = 0; i < nl; i++)
    name[i] = (UChar)(unsigned char)prop[i];
  for (size_t i = 0; i < vl; i++)
    value[i] = (UChar)(unsigned char)colon[1 + i];
  USet *p = uset_openEmpty();
  if (p == NULL)
    return lgr__nomem(L);
  UErrorCode e = U_ZERO_ERROR;
  uset_applyPropertyAlias(p, name, (int32_t)nl, value, (int32_t)vl, &e);
  if (U_FAILURE(e)) {
    uset_close(p);
    return lgr__fail(L, LOC_E_LGR_FORMAT, at, "unknown Unicode property '%.60s'", prop);
  }
  uset_addAll(u, p);
  uset_close(p);
  return true;
}

static bool tag_into(loader *L, const xmlNode *at, const char *tag, USet *u) {
  int32_t id = lgr__find_name(L->g, tag);
  bool any = false;
  for (size_t i = 0; id >= 0 && i < L->g->n_tag_cp; i++)
    if (L->g->tag_cp[i][0] == (uint32_t)id) {
      uset_add(u, (UChar32)L->g->tag_cp[i][1]);
      any = true;
    }
  if (!any)
    return lgr__fail(L, LOC_E_LGR_REFERENCE, at, "no code point has tag '%s'", tag);
  return true;
}

static bool is_set_op(const xmlNode *n) {
  return lgr__is_el(n, "union") || lgr__is_el(n, "intersection") || lgr__is_el(n, "difference") ||
         lgr__is_el(n, "symmetric-difference") || lgr__is_el(n, "complement");
}

/* Adds the code points of class-valued element @e to @u. */
static bool class_into(loader *L, const xmlNode *e, USet *u, int depth) {
  if (depth > MAX_DEPTH)
    return lgr__fail(L, LOC_E_LGR_FORMAT, e, "classes nested too deeply");
  if (lgr__is_el(e, "class")) {
    char *ref = lgr__attr(e, "by-ref"), *tag = lgr__attr(e, "from-tag"), *prop = lgr__attr(e, "property");
    bool ok;
    if (ref)
      ok = named_class_into(L, e, ref, u, depth);
    else if (tag)
      ok = tag_into(L, e, tag, u);
    else if (prop)
      ok = property_into(L, e, prop, u);
    else {
      char *t = lgr__text_of(L, e);
      ok = t != NULL;
      const char *s = t ? lgr__skip_ws(t) : "";
      while (ok && *s) {
        uint32_t a, b;
        if (!lgr__parse_cp(&s, &a)) {
          ok = lgr__fail(L, LOC_E_LGR_FORMAT, e, "malformed code point in class: '%.40s'", s);
          break;
        }
        b = a;
        if (*s == '-') {
          s++;
          if (!lgr__parse_cp(&s, &b) || b < a) {
            ok = lgr__fail(L, LOC_E_LGR_FORMAT, e, "malformed range in class");
            break;
          }
        }
        if (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') {
          ok = lgr__fail(L, LOC_E_LGR_FORMAT, e, "malformed code point in class: '%.40s'", s);
          break;
        }
        uset_addRange(u, (UChar32)a, (UChar32)b);
        s = lgr__skip_ws(s);
      }
      free(t);
    }
    xmlFree(ref);
    xmlFree(tag);
    xmlFree(prop);
    return ok;
  }
  if (!is_set_op(e))
    return lgr__fail(L, LOC_E_LGR_FORMAT, e, "<%s> is not a class", (const char *)e->name);
  int kids = 0;
  USet *acc = uset_openEmpty();
  if (acc == NULL)
    return lgr__nomem(L);
  bool ok = true;
  for (const xmlNode *c = e->children; c && ok; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    USet *k = uset_openEmpty();
    if (k == NULL) {
      ok = lgr__nomem(L);
      break;
    }
    ok = class_into(L, c, k, depth + 1);
    if (ok) {
      if (kids == 0 || lgr__is_el(e, "union"))
        uset_addAll(acc, k);
      else if (lgr__is_el(e, "intersection"))
        uset_retainAll(acc, k);
      else if (lgr__is_el(e, "difference"))
        uset_removeAll(acc, k);
      else if (lgr__is_el(e, "symmetric-difference")) {
        USet *both = uset_clone(acc);
        uset_retainAll(both, k);
        uset_addAll(acc, k);
        uset_removeAll(acc, both);
        uset_close(both);
      }
    }
    uset_close(k);
    kids++;
  }
  if (ok && lgr__is_el(e, "complement")) {
    if (kids != 1)
      ok = lgr__fail(L, LOC_E_LGR_FORMAT, e, "<complement> takes exactly one class");
    else
      uset_complement(acc);
  } else if (ok && kids < 2 && !lgr__is_el(e, "complement")) {
    ok = lgr__fail(L, LOC_E_LGR_FORMAT, e, "<%s> takes at least two classes", (const char *)e->name);
  }
  if (ok)
    uset_addAll(u, acc);
  uset_close(acc);
  return ok;
}

static int32_t compile_class(loader *L, const xmlNode *e) {
  USet *u = uset_openEmpty();
  if (u == NULL) {
    lgr__nomem(L);
    return -1;
  }
  int32_t idx = class_into(L, e, u, 0) ? store_set(L, u) : -1;
  uset_close(u);
  return idx;
}

/* ---------- rules ---------- */

static bool parse_count(loader *L, const xmlNode *e, lgr_node *n) {
  n->min = n->max = 1;
  char *c = lgr__attr(e, "count");
  if (c == NULL)
    return true;
  char *end;
  errno = 0;
  unsigned long a = strtoul(c, &end, 10), b = a;
  bool ok = end != c && c[0] >= '0' && c[0] <= '9' && a <= 1000;
  if (ok && *end == '+') {
    b = UINT32_MAX;
    end++;
  } else if (ok && *end == ':') {
    const char *s = end + 1;
    b = strtoul(s, &end, 10);
    ok = end != s && s[0] >= '0' && s[0] <= '9' && b >= a && b <= 1000;
  }
  ok = ok && *end == '\0' && errno == 0;
  xmlFree(c);
  if (!ok)
    return lgr__fail(L, LOC_E_LGR_FORMAT, e, "malformed count (want N, N:M or N+)");
  n->min = (uint32_t)a;
  n->max = (uint32_t)b;
  return true;
}

static int32_t new_node(loader *L, lgr_node_kind k, const xmlNode *e) {
  loc_lgr *g = L->g;
  if (!GROW(g->nodes, g->n_nodes, g->cap_nodes, 1)) {
    lgr__nomem(L);
    return -1;
  }
  lgr_node *n = &g->nodes[g->n_nodes];
  memset(n, 0, sizeof *n);
  n->kind = k;
  n->min = n->max = 1;
  n->ref = -1;
  n->line = e ? (int32_t)xmlGetLineNo(e) : 0;
  return (int32_t)g->n_nodes++;
}

static int32_t build_node(loader *L, const xmlNode *e, int depth);

/* The element children of @e become the kids of node @idx. */
static bool build_kids(loader *L, const xmlNode *e, int32_t idx, int depth) {
  size_t n = 0, cap = 0;
  uint32_t *tmp = NULL;
  bool ok = true;
  for (const xmlNode *c = e->children; c && ok; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    int32_t k = build_node(L, c, depth + 1);
    if (k < 0 || !GROW(tmp, n, cap, 1)) {
      ok = k < 0 ? false : lgr__nomem(L);
      break;
    }
    tmp[n++] = (uint32_t)k;
  }
  loc_lgr *g = L->g;
  if (ok && !GROW(g->kids, g->n_kids, g->cap_kids, n ? n : 1))
    ok = lgr__nomem(L);
  if (ok) {
    if (n)
      memcpy(g->kids + g->n_kids, tmp, n * sizeof *tmp);
    g->nodes[idx].first = (uint32_t)g->n_kids;
    g->nodes[idx].n_kids = (uint32_t)n;
    g->n_kids += n;
  }
  free(tmp);
  return ok;
}

static int32_t build_node(loader *L, const xmlNode *e, int depth) {
  if (depth > MAX_DEPTH) {
    lgr__fail(L, LOC_E_LGR_FORMAT, e, "rule nested too deeply");
    return -1;
  }
  int32_t idx = -1;
  if (lgr__is_el(e, "start") || lgr__is_el(e, "end") || lgr__is_el(e, "anchor")) {
    idx = new_node(L, lgr__is_el(e, "start") ? LN_START : lgr__is_el(e, "end") ? LN_END : LN_ANCHOR, e);
  } else if (lgr__is_el(e, "any")) {
    idx = new_node(L, LN_ANY, e);
    if (idx >= 0 && !parse_count(L, e, &L->g->nodes[idx]))
      return -1;
  } else if (lgr__is_el(e, "char")) {
    char *cp = lgr__attr(e, "cp");
    idx = new_node(L, LN_CHAR, e);
    if (cp == NULL) {
      lgr__fail(L, LOC_E_LGR_FORMAT, e, "<char> in a rule needs a cp attribute");
      idx = -1;
    } else if (idx >= 0) {
      uint32_t off, len;
      if (!lgr__parse_cps(L, e, cp, &off, &len) || !parse_count(L, e, &L->g->nodes[idx]))
        idx = -1;
      else {
        L->g->nodes[idx].cp_off = off;
        L->g->nodes[idx].cp_len = len;
      }
    }
    xmlFree(cp);
  } else if (lgr__is_el(e, "class") || is_set_op(e)) {
    int32_t set = compile_class(L, e);
    idx = set < 0 ? -1 : new_node(L, LN_CLASS, e);
    if (idx >= 0) {
      L->g->nodes[idx].ref = set;
      if (!parse_count(L, e, &L->g->nodes[idx]))
        return -1;
    }
  } else if (lgr__is_el(e, "choice") || lgr__is_el(e, "look-behind") || lgr__is_el(e, "look-ahead")) {
    idx = new_node(L, lgr__is_el(e, "choice") ? LN_CHOICE : lgr__is_el(e, "look-behind") ? LN_LOOK_BEHIND
                                                                              : LN_LOOK_AHEAD,
                   e);
    if (idx >= 0 && lgr__is_el(e, "choice") && !parse_count(L, e, &L->g->nodes[idx]))
      return -1;
    if (idx >= 0 && !build_kids(L, e, idx, depth))
      return -1;
  } else if (lgr__is_el(e, "rule")) {
    char *ref = lgr__attr(e, "by-ref"), *name = lgr__attr(e, "name");
    if (name) {
      lgr__fail(L, LOC_E_LGR_FORMAT, e, "a nested <rule> must not be named");
    } else if (ref) {
      int32_t r;
      if (lgr__rule_ref(L, e, ref, "a <rule by-ref>", &r)) {
        idx = new_node(L, LN_RULE_REF, e);
        if (idx >= 0) {
          L->g->nodes[idx].ref = r;
          if (!parse_count(L, e, &L->g->nodes[idx]))
            idx = -1;
        }
      }
    } else {
      idx = new_node(L, LN_SEQ, e);
      if (idx >= 0 && (!parse_count(L, e, &L->g->nodes[idx]) || !build_kids(L, e, idx, depth)))
        idx = -1;
    }
    xmlFree(ref);
    xmlFree(name);
  } else {
    lgr__fail(L, LOC_E_LGR_FORMAT, e, "unexpected <%s> in a rule", (const char *)e->name);
  }
  return idx;
}

static const char *const set_ops[] = {"class", "union", "intersection", "difference",
                                      "symmetric-difference", "complement"};

static bool is_top_class(const xmlNode *e) {
  for (size_t i = 0; i < sizeof set_ops / sizeof set_ops[0]; i++)
    if (lgr__is_el(e, set_ops[i]))
      return true;
  return false;
}

bool lgr__add_action(loader *L, const xmlNode *e, const char *disp, const char *match,
                       const char *not_match, int kind, const char *types, bool dflt) {
  loc_lgr *g = L->g;
  if (!GROW(g->actions, g->n_actions, g->cap_actions, 1))
    return lgr__nomem(L);
  lgr_action a = {.match = -1, .not_match = -1, .kind = kind, .is_default = dflt};
  a.line = e ? (int32_t)xmlGetLineNo(e) : 0;
  a.disp = lgr__intern_str(L, disp);
  if (match && !lgr__rule_ref(L, e, match, "match of an <action>", &a.match))
    return false;
  if (not_match && !lgr__rule_ref(L, e, not_match, "not-match of an <action>", &a.not_match))
    return false;
  a.types_off = (uint32_t)g->n_type_ids;
  for (const char *s = types; s && *s;) {
    while (*s == ' ')
      s++;
    const char *t = s;
    while (*s && *s != ' ')
      s++;
    if (s == t)
      break;
    int32_t id = lgr__intern(g, t, (size_t)(s - t));
    if (id < 0 || !GROW(g->type_ids, g->n_type_ids, g->cap_type_ids, 1))
      return lgr__nomem(L);
    g->type_ids[g->n_type_ids++] = id;
    a.n_types++;
  }
  if (kind && a.n_types == 0)
    return lgr__fail(L, LOC_E_LGR_FORMAT, e, "empty variant type list in <action>");
  g->actions[g->n_actions++] = a;
  return L->st == LOC_OK;
}

bool lgr__load_rules(loader *L, const xmlNode *rules) {
  loc_lgr *g = L->g;
  /* Pass 1: names, so references may point forward. */
  size_t nc = 0, nr = 0;
  for (const xmlNode *e = rules->children; e; e = e->next) {
    nc += is_top_class(e);
    nr += lgr__is_el(e, "rule");
  }
  L->classes = calloc(nc ? nc : 1, sizeof *L->classes);
  L->rules = calloc(nr ? nr : 1, sizeof *L->rules);
  g->rules = calloc(nr ? nr : 1, sizeof *g->rules);
  if (!L->classes || !L->rules || !g->rules)
    return lgr__nomem(L);
  g->cap_rules = nr ? nr : 1;
  for (const xmlNode *e = rules->children; e && L->st == LOC_OK; e = e->next) {
    if (e->type != XML_ELEMENT_NODE)
      continue;
    bool cls = is_top_class(e), rule = lgr__is_el(e, "rule");
    if (!cls && !rule)
      continue;
    char *name = lgr__attr(e, "name");
    if (name == NULL) {
      xmlFree(name);
      return lgr__fail(L, LOC_E_LGR_FORMAT, e, "<%s> directly in <rules> needs a name",
                  (const char *)e->name);
    }
    int32_t id = lgr__intern_str(L, name);
    named *list = cls ? L->classes : L->rules;
    size_t n = cls ? L->n_classes : L->n_rules;
    for (size_t i = 0; i < n; i++)
      if (list[i].name == id) {
        lgr__fail(L, LOC_E_LGR_FORMAT, e, "%s '%s' defined twice", cls ? "class" : "rule", name);
        break;
      }
    xmlFree(name);
    named *slot = cls ? &L->classes[L->n_classes++] : &L->rules[L->n_rules++];
    slot->name = id;
    slot->node = (xmlNode *)e;
    slot->set = -1;
  }
  g->n_rules = L->n_rules;
  for (size_t i = 0; i < L->n_rules; i++) {
    g->rules[i].name = L->rules[i].name;
    g->rules[i].root = -1;
    g->rules[i].needs_undefined = -1;
    g->rules[i].line = (int32_t)xmlGetLineNo(L->rules[i].node);
  }
  /* Pass 2: compile. */
  for (size_t i = 0; i < L->n_classes && L->st == LOC_OK; i++) {
    if (L->classes[i].state == 0) {
      USet *u = uset_openEmpty();
      if (u == NULL)
        return lgr__nomem(L);
      named_class_into(L, L->classes[i].node, g->names[L->classes[i].name], u, 0);
      uset_close(u);
    }
  }
  for (size_t i = 0; i < L->n_rules && L->st == LOC_OK; i++) {
    const xmlNode *e = L->rules[i].node;
    char *ref = lgr__attr(e, "by-ref");
    if (ref) {
      xmlFree(ref);
      return lgr__fail(L, LOC_E_LGR_FORMAT, e, "a named rule cannot also be by-ref");
    }
    int32_t root = new_node(L, LN_SEQ, e);
    if (root < 0 || !build_kids(L, e, root, 0))
      return false;
    g->rules[i].root = root;
  }
  for (const xmlNode *e = rules->children; e && L->st == LOC_OK; e = e->next) {
    if (e->type != XML_ELEMENT_NODE || is_top_class(e) || lgr__is_el(e, "rule"))
      continue;
    if (!lgr__is_el(e, "action"))
      return lgr__fail(L, LOC_E_LGR_FORMAT, e, "unexpected <%s> in <rules>", (const char *)e->name);
    char *disp = lgr__attr(e, "disp"), *m = lgr__attr(e, "match"), *nm = lgr__attr(e, "not-match");
    char *av = lgr__attr(e, "any-variant"), *alv = lgr__attr(e, "all-variants"),
         *ov = lgr__attr(e, "only-variants");
    int kinds = !!av + !!alv + !!ov;
    if (disp == NULL || disp[0] == '\0')
      lgr__fail(L, LOC_E_LGR_FORMAT, e, "<action> needs a disp attribute");
    else if (m && nm)
      lgr__fail(L, LOC_E_LGR_FORMAT, e, "<action> with both match and not-match");
    else if (kinds > 1)
      lgr__fail(L, LOC_E_LGR_FORMAT, e, "<action> with more than one variant condition");
    else
      lgr__add_action(L, e, disp, m, nm, av ? 1 : alv ? 2 : ov ? 3 : 0, av ? av : alv ? alv : ov,
                 false);
    xmlFree(disp);
    xmlFree(m);
    xmlFree(nm);
    xmlFree(av);
    xmlFree(alv);
    xmlFree(ov);
  }
  return L->st == LOC_OK;
}

