/* The loader's helpers, shared by lgr_load.c (document, <meta>, <data>) and
 * lgr_load_rules.c (<rules>): growth, errors and warnings, interned names,
 * XML attribute and text access, code point lists, rule references. Kept
 * apart so the two loaders call into this file and never into each other. */
#include "internal.h"
#include "buf.h"
#include "lgr_internal.h"
#include "lgr_load.h"

#include <stdarg.h>
#include <stdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/entities.h>

bool lgr__grow(void **p, size_t *cap, size_t need, size_t size) {
  return loc__grow(p, cap, need, size, 16) == LOC_OK;
}

bool lgr__fail(loader *L, loc_status st, const xmlNode *at, const char *fmt, ...) {
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

bool lgr__nomem(loader *L) {
  return lgr__fail(L, LOC_E_NO_MEMORY, NULL, "out of memory");
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

int32_t lgr__intern(loc_lgr *g, const char *s, size_t len) {
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

int32_t lgr__intern_str(loader *L, const char *s) {
  int32_t id = lgr__intern(L->g, s, strlen(s));
  if (id < 0)
    lgr__nomem(L);
  return id;
}

int32_t lgr__find_name(const loc_lgr *g, const char *s) {
  if (g->name_hash_cap == 0)
    return -1;
  int32_t e = g->name_hash[name_slot(g, s, strlen(s))];
  return e - 1;
}

bool lgr__is_el(const xmlNode *n, const char *name) {
  return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Attribute value (owned by the caller through xmlFree) or NULL. */
char *lgr__attr(const xmlNode *n, const char *name) {
  return (char *)xmlGetNoNsProp(n, (const xmlChar *)name);
}

/* Text of an element: text and CDATA children only, so that an entity
 * reference is never expanded behind our back. Returns malloc'ed text. */
char *lgr__text_of(loader *L, const xmlNode *e) {
  size_t len = 0;
  for (const xmlNode *c = e->children; c; c = c->next) {
    if (c->type == XML_ENTITY_REF_NODE) {
      lgr__fail(L, LOC_E_LGR_XML, e, "entity references are not allowed in an LGR");
      return NULL;
    }
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
      len += strlen((const char *)c->content);
  }
  char *t = malloc(len + 1);
  if (t == NULL) {
    lgr__nomem(L);
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
bool lgr__parse_cp(const char **p, uint32_t *cp) {
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

const char *lgr__skip_ws(const char *s) {
  while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
    s++;
  return s;
}

/* "0061 0301" -> code points appended to the pool. */
bool lgr__parse_cps(loader *L, const xmlNode *at, const char *s, uint32_t *off,
                      uint32_t *len) {
  loc_lgr *g = L->g;
  *off = (uint32_t)g->n_cps;
  *len = 0;
  s = lgr__skip_ws(s);
  while (*s) {
    uint32_t cp;
    if (!lgr__parse_cp(&s, &cp) || (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r'))
      return lgr__fail(L, LOC_E_LGR_FORMAT, at, "malformed code point list '%.60s'", s);
    if (*len >= LGR_MAX_LABEL)
      return lgr__fail(L, LOC_E_LGR_FORMAT, at, "code point sequence too long");
    if (!GROW(g->cps, g->n_cps, g->cap_cps, 1))
      return lgr__nomem(L);
    g->cps[g->n_cps++] = cp;
    (*len)++;
    s = lgr__skip_ws(s);
  }
  if (*len == 0)
    return lgr__fail(L, LOC_E_LGR_FORMAT, at, "empty code point list");
  return true;
}

bool lgr__warn(loader *L, const char *check, long line, int32_t cp, const char *fmt, ...) {
  loc_lgr *g = L->g;
  if (!GROW(g->warnings, g->n_warnings, g->cap_warnings, 1))
    return lgr__nomem(L);
  char msg[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  size_t n = strlen(L->file) + strlen(msg) + 32;
  struct lgr_warning *w = &g->warnings[g->n_warnings];
  w->check = check;
  w->order = g->n_warnings;
  w->line = (int32_t)line;
  w->codepoint = cp;
  w->message = strdup(msg);
  w->full = malloc(n);
  if (w->message == NULL || w->full == NULL) {
    free(w->message);
    free(w->full);
    return lgr__nomem(L);
  }
  if (line > 0)
    snprintf(w->full, n, "%s:%ld: %s", L->file, line, msg);
  else
    snprintf(w->full, n, "%s: %s", L->file, msg);
  g->n_warnings++;
  return true;
}

/* The index of rule @name; a name no rule has gets an undefined rule (and
 * a warning naming the reference): lgr-core loads such files, and only a
 * label whose evaluation needs the rule fails. -1 after an error. */
int32_t lgr__rule_index(loader *L, long line, const char *name, const char *where) {
  loc_lgr *g = L->g;
  int32_t id = lgr__intern_str(L, name);
  if (id < 0)
    return -1;
  for (size_t i = 0; i < g->n_rules; i++)
    if (g->rules[i].name == id) {
      if (g->rules[i].undefined &&
          !lgr__warn(L, "undefined-rule", line, -1, "undefined rule '%s' in %s", name, where))
        return -1;
      return (int32_t)i;
    }
  if (!GROW(g->rules, g->n_rules, g->cap_rules, 1)) {
    lgr__nomem(L);
    return -1;
  }
  g->rules[g->n_rules] = (lgr_rule){.name = id, .root = -1, .undefined = true,
                                    .needs_undefined = (int32_t)g->n_rules, .line = (int32_t)line};
  if (!lgr__warn(L, "undefined-rule", line, -1, "undefined rule '%s' in %s", name, where))
    return -1;
  return (int32_t)g->n_rules++;
}

/* Resolves a rule name (of an action or a by-ref) to its index. */
bool lgr__rule_ref(loader *L, const xmlNode *at, const char *name, const char *where, int32_t *out) {
  *out = -1;
  if (name == NULL)
    return true;
  *out = lgr__rule_index(L, at ? xmlGetLineNo(at) : 0, name, where);
  return *out >= 0;
}
