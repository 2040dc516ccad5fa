/* RFC 7940 LGR files: XML (libxml2) -> the model of lgr_internal.h. */
#include "internal.h"
#include "lgr_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/entities.h>
#include <libxml/xmlerror.h>
#include <libxml/globals.h>
#include <unicode/uset.h>
#include <unicode/uchar.h>

#define LGR_NS "urn:ietf:params:xml:ns:lgr-1.0"
/* Nesting deeper than this in rules or classes is refused: it is never
 * needed and would let a hostile file exhaust the stack. */
#define MAX_DEPTH 64

typedef struct named {
  int32_t name;
  xmlNode *node;
  int32_t set;            /* classes: compiled set or -1 */
  int state;              /* 0 not compiled, 1 compiling, 2 done */
} named;

typedef struct loader {
  loc_lgr *g;
  const char *file;
  loc_status st;
  char *error;
  named *classes;
  size_t n_classes;
  named *rules;           /* rule index == position here */
  size_t n_rules;
} loader;

#define GROW(arr, n, cap, extra)                                                    \
  ((n) + (extra) <= (cap) ? true : grow_((void **)&(arr), &(cap), (n) + (extra), sizeof *(arr)))

static bool grow_(void **p, size_t *cap, size_t need, size_t size) {
  size_t c = *cap ? *cap : 16;
  while (c < need)
    c *= 2;
  void *q = realloc(*p, c * size);
  if (q == NULL)
    return false;
  *p = q;
  *cap = c;
  return true;
}

static bool fail(loader *L, loc_status st, const xmlNode *at, const char *fmt, ...) {
  if (L->st != LOC_OK)
    return false;
  L->st = st;
  char msg[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  long line = at ? xmlGetLineNo(at) : 0;
  size_t n = strlen(L->file) + strlen(msg) + 32;
  L->error = malloc(n);
  if (L->error) {
    if (line > 0)
      snprintf(L->error, n, "%s:%ld: %s", L->file, line, msg);
    else
      snprintf(L->error, n, "%s: %s", L->file, msg);
  }
  return false;
}

static bool nomem(loader *L) {
  return fail(L, LOC_E_NO_MEMORY, NULL, "out of memory");
}


static uint32_t hash_str(const char *s, size_t len) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

/* Slot of @s in the name hash: its entry, or the empty slot to fill. */
static size_t name_slot(const loc_lgr *g, const char *s, size_t len) {
  size_t mask = g->name_hash_cap - 1;
  for (size_t j = hash_str(s, len) & mask;; j = (j + 1) & mask) {
    int32_t e = g->name_hash[j];
    if (e == 0)
      return j;
    const char *n = g->names[e - 1];
    if (strncmp(n, s, len) == 0 && n[len] == '\0')
      return j;
  }
}

static int32_t lgr__intern(loc_lgr *g, const char *s, size_t len) {
  if (g->name_hash_cap == 0 || (g->n_names + 1) * 2 > g->name_hash_cap) {
    size_t cap = g->name_hash_cap ? g->name_hash_cap * 2 : 256;
    int32_t *h = calloc(cap, sizeof *h);
    if (h == NULL)
      return -1;
    free(g->name_hash);
    g->name_hash = h;
    g->name_hash_cap = cap;
    for (size_t i = 0; i < g->n_names; i++)
      h[name_slot(g, g->names[i], strlen(g->names[i]))] = (int32_t)i + 1;
  }
  size_t slot = name_slot(g, s, len);
  if (g->name_hash[slot])
    return g->name_hash[slot] - 1;
  if (!GROW(g->names, g->n_names, g->cap_names, 1))
    return -1;
  char *c = malloc(len + 1);
  if (c == NULL)
    return -1;
  memcpy(c, s, len);
  c[len] = '\0';
  g->names[g->n_names] = c;
  g->name_hash[slot] = (int32_t)g->n_names + 1;
  return (int32_t)g->n_names++;
}

static int32_t intern(loader *L, const char *s) {
  int32_t id = lgr__intern(L->g, s, strlen(s));
  if (id < 0)
    nomem(L);
  return id;
}

static int32_t find_name(const loc_lgr *g, const char *s) {
  if (g->name_hash_cap == 0)
    return -1;
  int32_t e = g->name_hash[name_slot(g, s, strlen(s))];
  return e - 1;
}

static bool is_el(const xmlNode *n, const char *name) {
  return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Attribute value (owned by the caller through xmlFree) or NULL. */
static char *attr(const xmlNode *n, const char *name) {
  return (char *)xmlGetNoNsProp(n, (const xmlChar *)name);
}

/* Text of an element: text and CDATA children only, so that an entity
 * reference is never expanded behind our back. Returns malloc'ed text. */
static char *text_of(loader *L, const xmlNode *e) {
  size_t len = 0;
  for (const xmlNode *c = e->children; c; c = c->next) {
    if (c->type == XML_ENTITY_REF_NODE) {
      fail(L, LOC_E_LGR_XML, e, "entity references are not allowed in an LGR");
      return NULL;
    }
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
      len += strlen((const char *)c->content);
  }
  char *t = malloc(len + 1);
  if (t == NULL) {
    nomem(L);
    return NULL;
  }
  size_t k = 0;
  for (const xmlNode *c = e->children; c; c = c->next)
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
      size_t m = strlen((const char *)c->content);
      memcpy(t + k, c->content, m);
      k += m;
    }
  t[k] = '\0';
  return t;
}

/* Parses one hexadecimal code point of 4 to 6 digits. */
static bool parse_cp(const char **p, uint32_t *cp) {
  const char *s = *p;
  uint32_t v = 0;
  int digits = 0;
  for (; digits < 7; digits++, s++) {
    int d = (*s >= '0' && *s <= '9')   ? *s - '0'
            : (*s >= 'A' && *s <= 'F') ? *s - 'A' + 10
            : (*s >= 'a' && *s <= 'f') ? *s - 'a' + 10
                                       : -1;
    if (d < 0)
      break;
    v = v * 16 + (uint32_t)d;
  }
  if (digits < 4 || digits > 6 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
    return false;
  *cp = v;
  *p = s;
  return true;
}

static const char *skip_ws(const char *s) {
  while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
    s++;
  return s;
}

/* "0061 0301" -> code points appended to the pool. */
static bool parse_cps(loader *L, const xmlNode *at, const char *s, uint32_t *off,
                      uint32_t *len) {
  loc_lgr *g = L->g;
  *off = (uint32_t)g->n_cps;
  *len = 0;
  s = skip_ws(s);
  while (*s) {
    uint32_t cp;
    if (!parse_cp(&s, &cp) || (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r'))
      return fail(L, LOC_E_LGR_FORMAT, at, "malformed code point list '%.60s'", s);
    if (*len >= LGR_MAX_LABEL)
      return fail(L, LOC_E_LGR_FORMAT, at, "code point sequence too long");
    if (!GROW(g->cps, g->n_cps, g->cap_cps, 1))
      return nomem(L);
    g->cps[g->n_cps++] = cp;
    (*len)++;
    s = skip_ws(s);
  }
  if (*len == 0)
    return fail(L, LOC_E_LGR_FORMAT, at, "empty code point list");
  return true;
}

/* Resolves a rule name to its index. */
static bool rule_ref(loader *L, const xmlNode *at, const char *name, int32_t *out) {
  *out = -1;
  if (name == NULL)
    return true;
  int32_t id = find_name(L->g, name);
  for (size_t i = 0; id >= 0 && i < L->n_rules; i++)
    if (L->rules[i].name == id) {
      *out = (int32_t)i;
      return true;
    }
  return fail(L, LOC_E_LGR_REFERENCE, at, "undefined rule '%s'", name);
}

/* ---------- classes ---------- */

static int32_t store_set(loader *L, USet *u) {
  loc_lgr *g = L->g;
  if (!GROW(g->sets, g->n_sets, g->cap_sets, 1)) {
    nomem(L);
    return -1;
  }
  int32_t items = uset_getItemCount(u);
  lgr_set s = {NULL, 0};
  if (items > 0) {
    s.r = malloc((size_t)items * sizeof *s.r);
    if (s.r == NULL) {
      nomem(L);
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
  int32_t id = find_name(L->g, name);
  for (size_t i = 0; id >= 0 && i < L->n_classes; i++) {
    named *c = &L->classes[i];
    if (c->name != id)
      continue;
    if (c->state == 1)
      return fail(L, LOC_E_LGR_CYCLE, at, "class '%s' is defined through itself", name);
    if (c->state == 0) {
      c->state = 1;
      USet *own = uset_openEmpty();
      if (own == NULL)
        return nomem(L);
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
  return fail(L, LOC_E_LGR_REFERENCE, at, "undefined class '%s'", name);
}

static bool property_into(loader *L, const xmlNode *at, const char *prop, USet *u) {
  const char *colon = strchr(prop, ':');
  if (colon == NULL || colon == prop || colon[1] == '\0' || strlen(prop) > 120)
    return fail(L, LOC_E_LGR_FORMAT, at, "property '%.60s' is not NAME:VALUE", prop);
  UChar name[128], value[128];
  size_t nl = (size_t)(colon - prop), vl = strlen(colon + 1);
  for (size_t i = 0; i < nl; i++)
    name[i] = (UChar)(unsigned char)prop[i];
  for (size_t i = 0; i < vl; i++)
    value[i] = (UChar)(unsigned char)colon[1 + i];
  USet *p = uset_openEmpty();
  if (p == NULL)
    return nomem(L);
  UErrorCode e = U_ZERO_ERROR;
  uset_applyPropertyAlias(p, name, (int32_t)nl, value, (int32_t)vl, &e);
  if (U_FAILURE(e)) {
    uset_close(p);
    return fail(L, LOC_E_LGR_FORMAT, at, "unknown Unicode property '%.60s'", prop);
  }
  uset_addAll(u, p);
  uset_close(p);
  return true;
}

static bool tag_into(loader *L, const xmlNode *at, const char *tag, USet *u) {
  int32_t id = find_name(L->g, tag);
  bool any = false;
  for (size_t i = 0; id >= 0 && i < L->g->n_tag_cp; i++)
    if (L->g->tag_cp[i][0] == (uint32_t)id) {
      uset_add(u, (UChar32)L->g->tag_cp[i][1]);
      any = true;
    }
  if (!any)
    return fail(L, LOC_E_LGR_REFERENCE, at, "no code point has tag '%s'", tag);
  return true;
}

static bool is_set_op(const xmlNode *n) {
  return is_el(n, "union") || is_el(n, "intersection") || is_el(n, "difference") ||
         is_el(n, "symmetric-difference") || is_el(n, "complement");
}

/* Adds the code points of class-valued element @e to @u. */
static bool class_into(loader *L, const xmlNode *e, USet *u, int depth) {
  if (depth > MAX_DEPTH)
    return fail(L, LOC_E_LGR_FORMAT, e, "classes nested too deeply");
  if (is_el(e, "class")) {
    char *ref = attr(e, "by-ref"), *tag = attr(e, "from-tag"), *prop = attr(e, "property");
    bool ok;
    if (ref)
      ok = named_class_into(L, e, ref, u, depth);
    else if (tag)
      ok = tag_into(L, e, tag, u);
    else if (prop)
      ok = property_into(L, e, prop, u);
    else {
      char *t = text_of(L, e);
      ok = t != NULL;
      const char *s = t ? skip_ws(t) : "";
      while (ok && *s) {
        uint32_t a, b;
        if (!parse_cp(&s, &a)) {
          ok = fail(L, LOC_E_LGR_FORMAT, e, "malformed code point in class: '%.40s'", s);
          break;
        }
        b = a;
        if (*s == '-') {
          s++;
          if (!parse_cp(&s, &b) || b < a) {
            ok = fail(L, LOC_E_LGR_FORMAT, e, "malformed range in class");
            break;
          }
        }
        if (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') {
          ok = fail(L, LOC_E_LGR_FORMAT, e, "malformed code point in class: '%.40s'", s);
          break;
        }
        uset_addRange(u, (UChar32)a, (UChar32)b);
        s = skip_ws(s);
      }
      free(t);
    }
    xmlFree(ref);
    xmlFree(tag);
    xmlFree(prop);
    return ok;
  }
  if (!is_set_op(e))
    return fail(L, LOC_E_LGR_FORMAT, e, "<%s> is not a class", (const char *)e->name);
  int kids = 0;
  USet *acc = uset_openEmpty();
  if (acc == NULL)
    return nomem(L);
  bool ok = true;
  for (const xmlNode *c = e->children; c && ok; c = c->next) {
    if (c->type != XML_ELEMENT_NODE)
      continue;
    USet *k = uset_openEmpty();
    if (k == NULL) {
      ok = nomem(L);
      break;
    }
    ok = class_into(L, c, k, depth + 1);
    if (ok) {
      if (kids == 0 || is_el(e, "union"))
        uset_addAll(acc, k);
      else if (is_el(e, "intersection"))
        uset_retainAll(acc, k);
      else if (is_el(e, "difference"))
        uset_removeAll(acc, k);
      else if (is_el(e, "symmetric-difference")) {
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
  if (ok && is_el(e, "complement")) {
    if (kids != 1)
      ok = fail(L, LOC_E_LGR_FORMAT, e, "<complement> takes exactly one class");
    else
      uset_complement(acc);
  } else if (ok && kids < 2 && !is_el(e, "complement")) {
    ok = fail(L, LOC_E_LGR_FORMAT, e, "<%s> takes at least two classes", (const char *)e->name);
  }
  if (ok)
    uset_addAll(u, acc);
  uset_close(acc);
  return ok;
}

static int32_t compile_class(loader *L, const xmlNode *e) {
  USet *u = uset_openEmpty();
  if (u == NULL) {
    nomem(L);
    return -1;
  }
  int32_t idx = class_into(L, e, u, 0) ? store_set(L, u) : -1;
  uset_close(u);
  return idx;
}

/* ---------- rules ---------- */

static bool parse_count(loader *L, const xmlNode *e, lgr_node *n) {
  n->min = n->max = 1;
  char *c = attr(e, "count");
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
    return fail(L, LOC_E_LGR_FORMAT, e, "malformed count (want N, N:M or N+)");
  n->min = (uint32_t)a;
  n->max = (uint32_t)b;
  return true;
}

static int32_t new_node(loader *L, lgr_node_kind k, const xmlNode *e) {
  loc_lgr *g = L->g;
  if (!GROW(g->nodes, g->n_nodes, g->cap_nodes, 1)) {
    nomem(L);
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
      ok = k < 0 ? false : nomem(L);
      break;
    }
    tmp[n++] = (uint32_t)k;
  }
  loc_lgr *g = L->g;
  if (ok && !GROW(g->kids, g->n_kids, g->cap_kids, n ? n : 1))
    ok = nomem(L);
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
    fail(L, LOC_E_LGR_FORMAT, e, "rule nested too deeply");
    return -1;
  }
  int32_t idx = -1;
  if (is_el(e, "start") || is_el(e, "end") || is_el(e, "anchor")) {
    idx = new_node(L, is_el(e, "start") ? LN_START : is_el(e, "end") ? LN_END : LN_ANCHOR, e);
  } else if (is_el(e, "any")) {
    idx = new_node(L, LN_ANY, e);
    if (idx >= 0 && !parse_count(L, e, &L->g->nodes[idx]))
      return -1;
  } else if (is_el(e, "char")) {
    char *cp = attr(e, "cp");
    idx = new_node(L, LN_CHAR, e);
    if (cp == NULL) {
      fail(L, LOC_E_LGR_FORMAT, e, "<char> in a rule needs a cp attribute");
      idx = -1;
    } else if (idx >= 0) {
      uint32_t off, len;
      if (!parse_cps(L, e, cp, &off, &len) || !parse_count(L, e, &L->g->nodes[idx]))
        idx = -1;
      else {
        L->g->nodes[idx].cp_off = off;
        L->g->nodes[idx].cp_len = len;
      }
    }
    xmlFree(cp);
  } else if (is_el(e, "class") || is_set_op(e)) {
    int32_t set = compile_class(L, e);
    idx = set < 0 ? -1 : new_node(L, LN_CLASS, e);
    if (idx >= 0) {
      L->g->nodes[idx].ref = set;
      if (!parse_count(L, e, &L->g->nodes[idx]))
        return -1;
    }
  } else if (is_el(e, "choice") || is_el(e, "look-behind") || is_el(e, "look-ahead")) {
    idx = new_node(L, is_el(e, "choice") ? LN_CHOICE : is_el(e, "look-behind") ? LN_LOOK_BEHIND
                                                                              : LN_LOOK_AHEAD,
                   e);
    if (idx >= 0 && is_el(e, "choice") && !parse_count(L, e, &L->g->nodes[idx]))
      return -1;
    if (idx >= 0 && !build_kids(L, e, idx, depth))
      return -1;
  } else if (is_el(e, "rule")) {
    char *ref = attr(e, "by-ref"), *name = attr(e, "name");
    if (name) {
      fail(L, LOC_E_LGR_FORMAT, e, "a nested <rule> must not be named");
    } else if (ref) {
      int32_t r;
      if (rule_ref(L, e, ref, &r)) {
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
    fail(L, LOC_E_LGR_FORMAT, e, "unexpected <%s> in a rule", (const char *)e->name);
  }
  return idx;
}

/* ---------- sections ---------- */

static void add_tags(loader *L, const xmlNode *e, uint32_t lo, uint32_t hi) {
  char *tags = attr(e, "tag");
  if (tags == NULL)
    return;
  loc_lgr *g = L->g;
  for (char *s = tags; *s && L->st == LOC_OK;) {
    while (*s == ' ')
      s++;
    char *t = s;
    while (*s && *s != ' ')
      s++;
    if (s == t)
      break;
    int32_t id = lgr__intern(g, t, (size_t)(s - t));
    if (id < 0 || !GROW(g->tag_cp, g->n_tag_cp, g->cap_tag_cp, hi - lo + 1)) {
      nomem(L);
      break;
    }
    for (uint32_t cp = lo; cp <= hi; cp++) {
      g->tag_cp[g->n_tag_cp][0] = (uint32_t)id;
      g->tag_cp[g->n_tag_cp][1] = cp;
      g->n_tag_cp++;
    }
  }
  xmlFree(tags);
}

/* when/not-when of chars and variants name rules that come later in the
 * file, so they are kept as names here (in `when`, as interned ids) and
 * resolved once the rules are known. */
static bool context_names(loader *L, const xmlNode *e, int32_t *when, int32_t *not_when) {
  char *w = attr(e, "when"), *nw = attr(e, "not-when");
  *when = w ? intern(L, w) : -1;
  *not_when = nw ? intern(L, nw) : -1;
  bool both = w && nw;
  xmlFree(w);
  xmlFree(nw);
  if (both)
    return fail(L, LOC_E_LGR_FORMAT, e, "both when and not-when given");
  return L->st == LOC_OK;
}

static bool add_char(loader *L, const xmlNode *e, uint32_t off, uint32_t len) {
  loc_lgr *g = L->g;
  if (!GROW(g->chars, g->n_chars, g->cap_chars, 1))
    return nomem(L);
  lgr_char *c = &g->chars[g->n_chars];
  memset(c, 0, sizeof *c);
  c->cp_off = off;
  c->cp_len = len;
  c->line = (int32_t)xmlGetLineNo(e);
  if (!context_names(L, e, &c->when, &c->not_when))
    return false;
  c->var_first = (uint32_t)g->n_vars;
  g->n_chars++;
  return true;
}

static bool load_data(loader *L, const xmlNode *data) {
  loc_lgr *g = L->g;
  for (const xmlNode *e = data->children; e && L->st == LOC_OK; e = e->next) {
    if (e->type != XML_ELEMENT_NODE)
      continue;
    if (is_el(e, "char")) {
      char *cp = attr(e, "cp");
      uint32_t off, len;
      bool ok = cp ? parse_cps(L, e, cp, &off, &len)
                   : fail(L, LOC_E_LGR_FORMAT, e, "<char> needs a cp attribute");
      xmlFree(cp);
      if (!ok || !add_char(L, e, off, len))
        return false;
      if (len == 1)
        add_tags(L, e, g->cps[off], g->cps[off]);
      lgr_char *c = &g->chars[g->n_chars - 1];
      for (const xmlNode *v = e->children; v; v = v->next) {
        if (v->type != XML_ELEMENT_NODE)
          continue;
        if (!is_el(v, "var"))
          return fail(L, LOC_E_LGR_FORMAT, v, "unexpected <%s> in <char>", (const char *)v->name);
        char *vcp = attr(v, "cp"), *type = attr(v, "type");
        uint32_t voff = 0, vlen = 0;
        ok = vcp ? parse_cps(L, v, vcp, &voff, &vlen)
                 : fail(L, LOC_E_LGR_FORMAT, v, "<var> needs a cp attribute");
        xmlFree(vcp);
        if (ok && !GROW(g->vars, g->n_vars, g->cap_vars, 1))
          ok = nomem(L);
        if (ok) {
          c = &g->chars[g->n_chars - 1];
          lgr_var *x = &g->vars[g->n_vars];
          x->cp_off = voff;
          x->cp_len = vlen;
          x->type = type ? intern(L, type) : -1;
          x->line = (int32_t)xmlGetLineNo(v);
          x->reflexive = vlen == c->cp_len &&
                         memcmp(g->cps + voff, g->cps + c->cp_off, vlen * sizeof(uint32_t)) == 0;
          ok = context_names(L, v, &x->when, &x->not_when);
          if (ok) {
            g->n_vars++;
            c->n_vars++;
          }
        }
        xmlFree(type);
        if (!ok)
          return false;
      }
    } else if (is_el(e, "range")) {
      char *a = attr(e, "first-cp"), *b = attr(e, "last-cp");
      uint32_t lo = 0, hi = 0;
      const char *pa = a, *pb = b;
      bool ok = a && b && parse_cp(&pa, &lo) && *pa == '\0' && parse_cp(&pb, &hi) &&
                *pb == '\0' && lo <= hi;
      xmlFree(a);
      xmlFree(b);
      if (!ok)
        return fail(L, LOC_E_LGR_FORMAT, e, "<range> needs first-cp <= last-cp");
      if (!GROW(g->cps, g->n_cps, g->cap_cps, hi - lo + 1))
        return nomem(L);
      for (uint32_t cp = lo; cp <= hi; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
          continue;
        uint32_t off = (uint32_t)g->n_cps;
        g->cps[g->n_cps++] = cp;
        if (!add_char(L, e, off, 1))
          return false;
      }
      add_tags(L, e, lo, hi);
    } else {
      return fail(L, LOC_E_LGR_FORMAT, e, "unexpected <%s> in <data>", (const char *)e->name);
    }
  }
  return L->st == LOC_OK;
}

static void load_meta(loader *L, const xmlNode *meta) {
  static const char *const fields[] = {"version",         "date",           "language",
                                       "scope",           "unicode-version", "validity-start",
                                       "validity-end",    "description"};
  loc_lgr *g = L->g;
  for (const xmlNode *e = meta->children; e && L->st == LOC_OK; e = e->next) {
    for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
      if (!is_el(e, fields[f]))
        continue;
      char *t = text_of(L, e);
      if (t == NULL)
        return;
      if (f == LOC_LGR_META_LANGUAGE && g->meta[f]) {
        size_t a = strlen(g->meta[f]), b = strlen(t);
        char *j = realloc(g->meta[f], a + b + 2);
        if (j == NULL) {
          free(t);
          nomem(L);
          return;
        }
        j[a] = ' ';
        memcpy(j + a + 1, t, b + 1);
        g->meta[f] = j;
        free(t);
      } else {
        free(g->meta[f]);
        g->meta[f] = t;
      }
    }
  }
}

static const char *const set_ops[] = {"class", "union", "intersection", "difference",
                                      "symmetric-difference", "complement"};

static bool is_top_class(const xmlNode *e) {
  for (size_t i = 0; i < sizeof set_ops / sizeof set_ops[0]; i++)
    if (is_el(e, set_ops[i]))
      return true;
  return false;
}

static bool add_action(loader *L, const xmlNode *e, const char *disp, const char *match,
                       const char *not_match, int kind, const char *types, bool dflt) {
  loc_lgr *g = L->g;
  if (!GROW(g->actions, g->n_actions, g->cap_actions, 1))
    return nomem(L);
  lgr_action a = {.match = -1, .not_match = -1, .kind = kind, .is_default = dflt};
  a.line = e ? (int32_t)xmlGetLineNo(e) : 0;
  a.disp = intern(L, disp);
  if (match && !rule_ref(L, e, match, &a.match))
    return false;
  if (not_match && !rule_ref(L, e, not_match, &a.not_match))
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
      return nomem(L);
    g->type_ids[g->n_type_ids++] = id;
    a.n_types++;
  }
  if (kind && a.n_types == 0)
    return fail(L, LOC_E_LGR_FORMAT, e, "empty variant type list in <action>");
  g->actions[g->n_actions++] = a;
  return L->st == LOC_OK;
}

static bool load_rules(loader *L, const xmlNode *rules) {
  loc_lgr *g = L->g;
  /* Pass 1: names, so references may point forward. */
  size_t nc = 0, nr = 0;
  for (const xmlNode *e = rules->children; e; e = e->next) {
    nc += is_top_class(e);
    nr += is_el(e, "rule");
  }
  L->classes = calloc(nc ? nc : 1, sizeof *L->classes);
  L->rules = calloc(nr ? nr : 1, sizeof *L->rules);
  g->rules = calloc(nr ? nr : 1, sizeof *g->rules);
  if (!L->classes || !L->rules || !g->rules)
    return nomem(L);
  g->cap_rules = nr ? nr : 1;
  for (const xmlNode *e = rules->children; e && L->st == LOC_OK; e = e->next) {
    if (e->type != XML_ELEMENT_NODE)
      continue;
    bool cls = is_top_class(e), rule = is_el(e, "rule");
    if (!cls && !rule)
      continue;
    char *name = attr(e, "name");
    if (name == NULL) {
      xmlFree(name);
      return fail(L, LOC_E_LGR_FORMAT, e, "<%s> directly in <rules> needs a name",
                  (const char *)e->name);
    }
    int32_t id = intern(L, name);
    named *list = cls ? L->classes : L->rules;
    size_t n = cls ? L->n_classes : L->n_rules;
    for (size_t i = 0; i < n; i++)
      if (list[i].name == id) {
        fail(L, LOC_E_LGR_FORMAT, e, "%s '%s' defined twice", cls ? "class" : "rule", name);
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
    g->rules[i].line = (int32_t)xmlGetLineNo(L->rules[i].node);
  }
  /* Pass 2: compile. */
  for (size_t i = 0; i < L->n_classes && L->st == LOC_OK; i++) {
    if (L->classes[i].state == 0) {
      USet *u = uset_openEmpty();
      if (u == NULL)
        return nomem(L);
      named_class_into(L, L->classes[i].node, g->names[L->classes[i].name], u, 0);
      uset_close(u);
    }
  }
  for (size_t i = 0; i < L->n_rules && L->st == LOC_OK; i++) {
    const xmlNode *e = L->rules[i].node;
    char *ref = attr(e, "by-ref");
    if (ref) {
      xmlFree(ref);
      return fail(L, LOC_E_LGR_FORMAT, e, "a named rule cannot also be by-ref");
    }
    int32_t root = new_node(L, LN_SEQ, e);
    if (root < 0 || !build_kids(L, e, root, 0))
      return false;
    g->rules[i].root = root;
  }
  for (const xmlNode *e = rules->children; e && L->st == LOC_OK; e = e->next) {
    if (e->type != XML_ELEMENT_NODE || is_top_class(e) || is_el(e, "rule"))
      continue;
    if (!is_el(e, "action"))
      return fail(L, LOC_E_LGR_FORMAT, e, "unexpected <%s> in <rules>", (const char *)e->name);
    char *disp = attr(e, "disp"), *m = attr(e, "match"), *nm = attr(e, "not-match");
    char *av = attr(e, "any-variant"), *alv = attr(e, "all-variants"),
         *ov = attr(e, "only-variants");
    int kinds = !!av + !!alv + !!ov;
    if (disp == NULL || disp[0] == '\0')
      fail(L, LOC_E_LGR_FORMAT, e, "<action> needs a disp attribute");
    else if (m && nm)
      fail(L, LOC_E_LGR_FORMAT, e, "<action> with both match and not-match");
    else if (kinds > 1)
      fail(L, LOC_E_LGR_FORMAT, e, "<action> with more than one variant condition");
    else
      add_action(L, e, disp, m, nm, av ? 1 : alv ? 2 : ov ? 3 : 0, av ? av : alv ? alv : ov,
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

/* Chars and variants: rule names -> rule indices. */
static bool resolve_contexts(loader *L) {
  loc_lgr *g = L->g;
  for (size_t i = 0; i < g->n_chars + g->n_vars; i++) {
    bool is_char = i < g->n_chars;
    int32_t *ctx[2], line;
    if (is_char) {
      ctx[0] = &g->chars[i].when;
      ctx[1] = &g->chars[i].not_when;
      line = g->chars[i].line;
    } else {
      ctx[0] = &g->vars[i - g->n_chars].when;
      ctx[1] = &g->vars[i - g->n_chars].not_when;
      line = g->vars[i - g->n_chars].line;
    }
    for (int k = 0; k < 2; k++) {
      if (*ctx[k] < 0)
        continue;
      int32_t found = -1;
      for (size_t r = 0; r < g->n_rules && found < 0; r++)
        if (g->rules[r].name == *ctx[k])
          found = (int32_t)r;
      if (found < 0) {
        char m[300];
        snprintf(m, sizeof m, "%s:%d: undefined rule '%s' in %s of a <%s>", L->file, (int)line,
                 g->names[*ctx[k]], k ? "not-when" : "when", is_char ? "char" : "var");
        L->st = LOC_E_LGR_REFERENCE;
        L->error = strdup(m);
        return false;
      }
      *ctx[k] = found;
    }
  }
  return true;
}

static int cmp_start(const void *a, const void *b, void *g_) {
  const loc_lgr *g = g_;
  const lgr_char *x = &g->chars[*(const uint32_t *)a], *y = &g->chars[*(const uint32_t *)b];
  uint32_t cx = g->cps[x->cp_off], cy = g->cps[y->cp_off];
  if (cx != cy)
    return cx < cy ? -1 : 1;
  if (x->cp_len != y->cp_len)
    return x->cp_len > y->cp_len ? -1 : 1; /* longest first */
  return *(const uint32_t *)a < *(const uint32_t *)b ? -1 : 1;
}

static bool index_chars(loader *L) {
  loc_lgr *g = L->g;
  g->by_start = malloc((g->n_chars ? g->n_chars : 1) * sizeof *g->by_start);
  g->starts = malloc((g->n_chars ? g->n_chars : 1) * sizeof *g->starts);
  if (!g->by_start || !g->starts)
    return nomem(L);
  for (size_t i = 0; i < g->n_chars; i++)
    g->by_start[i] = (uint32_t)i;
  qsort_r(g->by_start, g->n_chars, sizeof *g->by_start, cmp_start, g);
  for (size_t i = 0; i < g->n_chars; i++) {
    uint32_t cp = g->cps[g->chars[g->by_start[i]].cp_off];
    if (g->n_starts && g->starts[g->n_starts - 1].cp == cp) {
      g->starts[g->n_starts - 1].n++;
      /* the same sequence twice is an error of the file */
      const lgr_char *a = &g->chars[g->by_start[i - 1]], *b = &g->chars[g->by_start[i]];
      if (a->cp_len == b->cp_len &&
          memcmp(g->cps + a->cp_off, g->cps + b->cp_off, a->cp_len * sizeof(uint32_t)) == 0 &&
          a->when < 0 && a->not_when < 0 && b->when < 0 && b->not_when < 0) {
        char m[200];
        snprintf(m, sizeof m, "%s:%d: code point U+%04X listed twice", L->file, (int)b->line,
                 (unsigned)cp);
        L->st = LOC_E_LGR_FORMAT;
        L->error = strdup(m);
        return false;
      }
    } else {
      g->starts[g->n_starts++] = (lgr_start){cp, (uint32_t)i, 1};
    }
  }
  return true;
}

static void add_defaults(loader *L) {
  /* RFC 7940 §7.6, in the order and form ICANN's lgr-core applies them. */
  add_action(L, NULL, "invalid", NULL, NULL, 1, "invalid", true);
  add_action(L, NULL, "blocked", NULL, NULL, 1, "blocked", true);
  add_action(L, NULL, "allocatable", NULL, NULL, 1, "allocatable", true);
  add_action(L, NULL, "activated", NULL, NULL, 2, "activated", true);
  add_action(L, NULL, "valid", NULL, NULL, 0, NULL, true);
}

static void load_doc_quietly(loader *L, const char *data, size_t len);

static bool entities_declared(const xmlDoc *doc) {
  const xmlDtd *d[2] = {doc->intSubset, doc->extSubset};
  for (int i = 0; i < 2; i++)
    if (d[i] && (d[i]->entities || d[i]->pentities))
      return true;
  return false;
}

/* libxml2 reports some errors (input encoding conversion) through its
 * generic error handler, on stderr by default, whatever the parser options:
 * silenced for the duration of a load. The handler is per thread in
 * libxml2, so this touches no other thread. */
static void quiet(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

static void load_doc(loader *L, const char *data, size_t len) {
  xmlGenericErrorFunc saved = xmlGenericError;
  void *saved_ctx = xmlGenericErrorContext;
  xmlSetGenericErrorFunc(NULL, quiet);
  load_doc_quietly(L, data, len);
  xmlSetGenericErrorFunc(saved_ctx, saved);
}

static void load_doc_quietly(loader *L, const char *data, size_t len) {
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (ctxt == NULL) {
    nomem(L);
    return;
  }
  /* No network, no DTD loading, no entity substitution (no XML_PARSE_NOENT,
   * no XML_PARSE_DTDLOAD), libxml2's own size limits kept (no
   * XML_PARSE_HUGE). */
  int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES |
             XML_PARSE_NOCDATA;
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, L->file, NULL, opts);
  if (doc == NULL || !ctxt->wellFormed) {
    const xmlError *err = xmlCtxtGetLastError(ctxt);
    char m[300];
    snprintf(m, sizeof m, "%s", err && err->message ? err->message : "not well-formed XML");
    size_t k = strlen(m);
    while (k && (m[k - 1] == '\n' || m[k - 1] == ' '))
      m[--k] = '\0';
    L->st = LOC_E_LGR_XML;
    size_t n = strlen(L->file) + k + 64;
    L->error = malloc(n);
    if (L->error)
      snprintf(L->error, n, "%s:%d: not well-formed XML: %s", L->file, err ? err->line : 0, m);
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return;
  }
  xmlFreeParserCtxt(ctxt);
  xmlNode *root = xmlDocGetRootElement(doc);
  if (entities_declared(doc)) {
    fail(L, LOC_E_LGR_XML, root, "the document declares entities (refused: an LGR needs none)");
  } else if (root == NULL || !is_el(root, "lgr")) {
    fail(L, LOC_E_LGR_FORMAT, root, "the root element is not <lgr>");
  } else if (root->ns == NULL || strcmp((const char *)root->ns->href, LGR_NS) != 0) {
    fail(L, LOC_E_LGR_FORMAT, root, "<lgr> is not in namespace %s", LGR_NS);
  } else {
    const xmlNode *data_el = NULL, *rules = NULL;
    for (xmlNode *e = root->children; e && L->st == LOC_OK; e = e->next) {
      if (e->type != XML_ELEMENT_NODE)
        continue;
      if (is_el(e, "meta"))
        load_meta(L, e);
      else if (is_el(e, "data"))
        data_el = data_el ? (fail(L, LOC_E_LGR_FORMAT, e, "two <data> elements"), data_el) : e;
      else if (is_el(e, "rules"))
        rules = rules ? (fail(L, LOC_E_LGR_FORMAT, e, "two <rules> elements"), rules) : e;
      else
        fail(L, LOC_E_LGR_FORMAT, e, "unexpected <%s> in <lgr>", (const char *)e->name);
    }
    if (L->st == LOC_OK && data_el == NULL)
      fail(L, LOC_E_LGR_FORMAT, root, "no <data> element");
    if (L->st == LOC_OK)
      load_data(L, data_el);
    if (L->st == LOC_OK && rules)
      load_rules(L, rules);
    if (L->st == LOC_OK)
      resolve_contexts(L);
    if (L->st == LOC_OK) {
      int32_t r = lgr_rules_check_cycles(L->g);
      if (r >= 0)
        fail(L, LOC_E_LGR_CYCLE, L->rules[r].node, "rule '%s' refers to itself",
             L->g->names[L->g->rules[r].name]);
    }
    if (L->st == LOC_OK) {
      L->g->n_file_actions = L->g->n_actions;
      add_defaults(L);
    }
    if (L->st == LOC_OK)
      index_chars(L);
  }
  xmlFreeDoc(doc);
}

loc_status loc_lgr_load_memory(const char *data, size_t len, const char *name, loc_lgr **out,
                               char **error) {
  if (error)
    *error = NULL;
  if (out == NULL || (data == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  loader L = {.file = name ? name : "<memory>"};
  if (len > LOC_LGR_MAX_FILE || len > INT_MAX) {
    fail(&L, LOC_E_LGR_TOO_LARGE, NULL, "file of %zu bytes is larger than the limit of %u",
         len, LOC_LGR_MAX_FILE);
  } else if (len == 0) {
    fail(&L, LOC_E_LGR_XML, NULL, "empty file");
  } else {
    L.g = calloc(1, sizeof *L.g);
    if (L.g == NULL)
      nomem(&L);
    else {
      L.g->file = strdup(L.file);
      load_doc(&L, data, len);
    }
  }
  if (L.st == LOC_OK) {
    loc_lgr *g = L.g;
    g->disp_invalid = find_name(g, "invalid");
    g->disp_valid = find_name(g, "valid");
    g->disp_blocked = find_name(g, "blocked");
    g->disp_allocatable = find_name(g, "allocatable");
    g->class_name = NULL;
    *out = g;
  } else {
    loc_lgr_free(L.g);
    if (error)
      *error = L.error;
    else
      free(L.error);
    L.error = NULL;
  }
  free(L.error);
  free(L.classes);
  free(L.rules);
  return L.st;
}

loc_status loc_lgr_load_file(const char *path, loc_lgr **out, char **error) {
  if (error)
    *error = NULL;
  if (path == NULL || out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  FILE *f = fopen(path, "rb");
  char m[512];
  if (f == NULL) {
    snprintf(m, sizeof m, "%s: %s", path, strerror(errno));
    if (error)
      *error = strdup(m);
    return LOC_E_IO;
  }
  /* Read at most one byte past the limit: a 100 MB file is refused after
   * 64 MiB of reading, never held whole. */
  size_t cap = 1 << 16, len = 0;
  char *buf = malloc(cap);
  loc_status st = buf ? LOC_OK : LOC_E_NO_MEMORY;
  while (st == LOC_OK) {
    if (len == cap) {
      if (cap > LOC_LGR_MAX_FILE) {
        st = LOC_E_LGR_TOO_LARGE;
        break;
      }
      char *g = realloc(buf, cap * 2);
      if (g == NULL) {
        st = LOC_E_NO_MEMORY;
        break;
      }
      buf = g;
      cap *= 2;
    }
    size_t n = fread(buf + len, 1, cap - len, f);
    len += n;
    if (n == 0) {
      if (ferror(f))
        st = LOC_E_IO;
      break;
    }
  }
  fclose(f);
  if (st == LOC_OK) {
    st = loc_lgr_load_memory(buf, len, path, out, error);
  } else if (error) {
    if (st == LOC_E_LGR_TOO_LARGE)
      snprintf(m, sizeof m, "%s: file larger than the limit of %u bytes", path, LOC_LGR_MAX_FILE);
    else
      snprintf(m, sizeof m, "%s: %s", path, loc_strerror(st));
    *error = strdup(m);
  }
  free(buf);
  return st;
}

void loc_lgr_free(loc_lgr *g) {
  if (g == NULL)
    return;
  for (size_t i = 0; i < 8; i++)
    free(g->meta[i]);
  free(g->languages);
  free(g->file);
  for (size_t i = 0; i < g->n_names; i++)
    free(g->names[i]);
  free(g->names);
  free(g->name_hash);
  free(g->cps);
  free(g->chars);
  free(g->vars);
  free(g->by_start);
  free(g->starts);
  for (size_t i = 0; i < g->n_sets; i++)
    free(g->sets[i].r);
  free(g->sets);
  free(g->class_name);
  free(g->nodes);
  free(g->kids);
  free(g->rules);
  free(g->actions);
  free(g->type_ids);
  free(g->tag_cp);
  free(g);
}

const char *loc_lgr_meta(const loc_lgr *g, loc_lgr_meta_field f) {
  if (g == NULL || (unsigned)f >= 8)
    return NULL;
  return g->meta[f];
}
