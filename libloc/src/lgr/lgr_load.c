/* RFC 7940 LGR files: XML (libxml2) -> the model of lgr_internal.h. */
#include "internal.h"
#include "lgr_internal.h"
#include "lgr_load.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/entities.h>
#include <libxml/xmlerror.h>
#include <libxml/globals.h>
#include <unicode/uset.h>
#include <unicode/uchar.h>


/* ---------- sections ---------- */

static bool listed(const loader *L, uint32_t cp) { return L->listed[cp >> 3] >> (cp & 7) & 1; }

/* The tags of code points lo..hi, but not of those listed before (a
 * duplicate listing is ignored, its tags too, as in lgr-core); then marks
 * them listed. */
static void add_tags(loader *L, const xmlNode *e, uint32_t lo, uint32_t hi) {
  char *tags = lgr__attr(e, "tag");
  loc_lgr *g = L->g;
  if (tags == NULL)
    goto mark;
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
      lgr__nomem(L);
      break;
    }
    for (uint32_t cp = lo; cp <= hi; cp++) {
      if (listed(L, cp))
        continue;
      g->tag_cp[g->n_tag_cp][0] = (uint32_t)id;
      g->tag_cp[g->n_tag_cp][1] = cp;
      g->n_tag_cp++;
    }
  }
  xmlFree(tags);
mark:
  for (uint32_t cp = lo; cp <= hi; cp++)
    L->listed[cp >> 3] |= (uint8_t)(1u << (cp & 7));
}

/* when/not-when of chars and variants name rules that come later in the
 * file, so they are kept as names here (in `when`, as interned ids) and
 * resolved once the rules are known. */
static bool context_names(loader *L, const xmlNode *e, int32_t *when, int32_t *not_when) {
  char *w = lgr__attr(e, "when"), *nw = lgr__attr(e, "not-when");
  *when = w ? lgr__intern_str(L, w) : -1;
  *not_when = nw ? lgr__intern_str(L, nw) : -1;
  bool both = w && nw;
  xmlFree(w);
  xmlFree(nw);
  if (both)
    return lgr__fail(L, LOC_E_LGR_FORMAT, e, "both when and not-when given");
  return L->st == LOC_OK;
}

static bool add_char(loader *L, const xmlNode *e, uint32_t off, uint32_t len) {
  loc_lgr *g = L->g;
  if (!GROW(g->chars, g->n_chars, g->cap_chars, 1))
    return lgr__nomem(L);
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
  L->listed = calloc(0x110000 / 8, 1);
  if (L->listed == NULL)
    return lgr__nomem(L);
  for (const xmlNode *e = data->children; e && L->st == LOC_OK; e = e->next) {
    if (e->type != XML_ELEMENT_NODE)
      continue;
    if (lgr__is_el(e, "char")) {
      char *cp = lgr__attr(e, "cp");
      uint32_t off, len;
      bool ok = cp ? lgr__parse_cps(L, e, cp, &off, &len)
                   : lgr__fail(L, LOC_E_LGR_FORMAT, e, "<char> needs a cp attribute");
      xmlFree(cp);
      if (!ok || !add_char(L, e, off, len))
        return false;
      if (len == 1)
        add_tags(L, e, g->cps[off], g->cps[off]);
      lgr_char *c = &g->chars[g->n_chars - 1];
      for (const xmlNode *v = e->children; v; v = v->next) {
        if (v->type != XML_ELEMENT_NODE)
          continue;
        if (!lgr__is_el(v, "var"))
          return lgr__fail(L, LOC_E_LGR_FORMAT, v, "unexpected <%s> in <char>", (const char *)v->name);
        char *vcp = lgr__attr(v, "cp"), *type = lgr__attr(v, "type");
        uint32_t voff = 0, vlen = 0;
        ok = vcp ? lgr__parse_cps(L, v, vcp, &voff, &vlen)
                 : lgr__fail(L, LOC_E_LGR_FORMAT, v, "<var> needs a cp attribute");
        xmlFree(vcp);
        if (ok && !GROW(g->vars, g->n_vars, g->cap_vars, 1))
          ok = lgr__nomem(L);
        if (ok) {
          c = &g->chars[g->n_chars - 1];
          lgr_var *x = &g->vars[g->n_vars];
          x->cp_off = voff;
          x->cp_len = vlen;
          x->type = type ? lgr__intern_str(L, type) : -1;
          x->line = (int32_t)xmlGetLineNo(v);
          x->owner = (uint32_t)(g->n_chars - 1);
          x->order = (uint32_t)g->n_vars;
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
    } else if (lgr__is_el(e, "range")) {
      char *a = lgr__attr(e, "first-cp"), *b = lgr__attr(e, "last-cp");
      uint32_t lo = 0, hi = 0;
      const char *pa = a, *pb = b;
      bool ok = a && b && lgr__parse_cp(&pa, &lo) && *pa == '\0' && lgr__parse_cp(&pb, &hi) &&
                *pb == '\0' && lo <= hi;
      xmlFree(a);
      xmlFree(b);
      if (!ok)
        return lgr__fail(L, LOC_E_LGR_FORMAT, e, "<range> needs first-cp <= last-cp");
      if (!GROW(g->cps, g->n_cps, g->cap_cps, hi - lo + 1))
        return lgr__nomem(L);
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
      return lgr__fail(L, LOC_E_LGR_FORMAT, e, "unexpected <%s> in <data>", (const char *)e->name);
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
      if (!lgr__is_el(e, fields[f]))
        continue;
      char *t = lgr__text_of(L, e);
      if (t == NULL)
        return;
      if (f == LOC_LGR_META_LANGUAGE && g->meta[f]) {
        size_t a = strlen(g->meta[f]), b = strlen(t);
        char *j = realloc(g->meta[f], a + b + 2);
        if (j == NULL) {
          free(t);
          lgr__nomem(L);
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
        if (g->rules[r].name == *ctx[k] && !g->rules[r].undefined)
          found = (int32_t)r;
      if (found < 0) {
        char where[64];
        snprintf(where, sizeof where, "%s of a <%s>", k ? "not-when" : "when",
                 is_char ? "char" : "var");
        found = lgr__rule_index(L, line, g->names[*ctx[k]], where);
        if (found < 0)
          return false;
      }
      *ctx[k] = found;
    }
  }
  return true;
}

static int seq_cmp(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb) {
  for (uint32_t i = 0; i < na && i < nb; i++)
    if (a[i] != b[i])
      return a[i] < b[i] ? -1 : 1;
  return na < nb ? -1 : na > nb;
}

/* By first code point, longest sequence first (the order repertoire
 * matching tries them in), equal sequences together, file order last. */
static int cmp_start(const void *a, const void *b, void *g_) {
  const loc_lgr *g = g_;
  uint32_t ia = *(const uint32_t *)a, ib = *(const uint32_t *)b;
  const lgr_char *x = &g->chars[ia], *y = &g->chars[ib];
  uint32_t cx = g->cps[x->cp_off], cy = g->cps[y->cp_off];
  if (cx != cy)
    return cx < cy ? -1 : 1;
  if (x->cp_len != y->cp_len)
    return x->cp_len > y->cp_len ? -1 : 1; /* longest first */
  int c = seq_cmp(g->cps + x->cp_off, x->cp_len, g->cps + y->cp_off, y->cp_len);
  if (c)
    return c;
  return ia < ib ? -1 : 1;
}

/* Variants of one char together, each char's in code point order of the
 * variant (the order lgr-core generates variant labels in), file order
 * among equal ones. */
static int cmp_var(const void *a, const void *b, void *g_) {
  const loc_lgr *g = g_;
  const lgr_var *x = a, *y = b;
  if (x->owner != y->owner)
    return x->owner < y->owner ? -1 : 1;
  int c = seq_cmp(g->cps + x->cp_off, x->cp_len, g->cps + y->cp_off, y->cp_len);
  if (c)
    return c;
  return x->order < y->order ? -1 : x->order > y->order;
}

static void fmt_seq(char *buf, size_t cap, const uint32_t *cps, uint32_t n) {
  size_t k = 0;
  buf[0] = '\0';
  for (uint32_t i = 0; i < n && k + 12 < cap; i++)
    k += (size_t)snprintf(buf + k, cap - k, "%sU+%04X", i ? " " : "", (unsigned)cps[i]);
}

/* A sequence listed twice is an error of the file that lgr-core tolerates:
 * the first listing is kept and the later one's variants join it (a
 * variant it already has, with the same contexts, is dropped). Then the
 * index of chars by first code point. */
static bool index_chars(loader *L) {
  loc_lgr *g = L->g;
  size_t n = g->n_chars;
  uint32_t *order = malloc((n ? n : 1) * sizeof *order);
  uint32_t *keep = malloc((n ? n : 1) * sizeof *keep); /* old index -> kept old index */
  uint32_t *renum = malloc((n ? n : 1) * sizeof *renum);
  g->by_start = malloc((n ? n : 1) * sizeof *g->by_start);
  g->starts = malloc((n ? n : 1) * sizeof *g->starts);
  bool ok = order && keep && renum && g->by_start && g->starts;
  if (!ok)
    goto out;
  for (size_t i = 0; i < n; i++)
    order[i] = (uint32_t)i;
  qsort_r(order, n, sizeof *order, cmp_start, g);
  int32_t last_warned = -1;
  for (size_t k = 0; k < n; k++) {
    uint32_t i = order[k];
    keep[i] = i;
    if (k == 0)
      continue;
    const lgr_char *a = &g->chars[order[k - 1]], *b = &g->chars[i];
    if (a->cp_len != b->cp_len ||
        memcmp(g->cps + a->cp_off, g->cps + b->cp_off, a->cp_len * sizeof(uint32_t)) != 0)
      continue;
    keep[i] = keep[order[k - 1]];
    if (b->line != last_warned) {
      char seq[96];
      fmt_seq(seq, sizeof seq, g->cps + b->cp_off, b->cp_len);
      ok = lgr__warn(L, "duplicate", b->line, (int32_t)g->cps[b->cp_off],
                     "%s listed twice (first at line %d): this listing is ignored, its variants "
                     "are added to the first", seq, (int)g->chars[keep[i]].line);
      if (!ok)
        goto out;
      last_warned = b->line;
    }
  }
  /* Renumber the kept chars in file order, compact. */
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (keep[i] == i) {
      renum[i] = (uint32_t)m;
      g->chars[m++] = g->chars[i];
    }
  for (size_t i = 0; i < n; i++)
    renum[i] = renum[keep[i]];
  g->n_chars = m;
  for (size_t v = 0; v < g->n_vars; v++)
    g->vars[v].owner = renum[g->vars[v].owner];
  /* Variants grouped by char, in code point order; duplicates dropped. */
  if (g->n_vars)
    qsort_r(g->vars, g->n_vars, sizeof *g->vars, cmp_var, g);
  size_t nv = 0;
  for (size_t v = 0; v < g->n_vars; v++) {
    lgr_var *x = &g->vars[v];
    if (nv > 0) {
      const lgr_var *p = &g->vars[nv - 1];
      if (p->owner == x->owner && p->when == x->when && p->not_when == x->not_when &&
          seq_cmp(g->cps + p->cp_off, p->cp_len, g->cps + x->cp_off, x->cp_len) == 0) {
        char seq[96];
        fmt_seq(seq, sizeof seq, g->cps + x->cp_off, x->cp_len);
        if (!(ok = lgr__warn(L, "duplicate", x->line, (int32_t)g->cps[x->cp_off],
                             "variant %s listed twice for one code point (first at line %d): "
                             "this listing is ignored", seq, (int)p->line)))
          goto out;
        continue;
      }
    }
    g->vars[nv++] = *x;
  }
  g->n_vars = nv;
  for (size_t c = 0; c < g->n_chars; c++)
    g->chars[c].n_vars = g->chars[c].var_first = 0;
  for (size_t v = nv; v-- > 0;) {
    lgr_char *c = &g->chars[g->vars[v].owner];
    c->var_first = (uint32_t)v;
    c->n_vars++;
  }
  /* The index: kept chars only, in the sorted order. */
  size_t k2 = 0;
  for (size_t k = 0; k < n; k++)
    if (keep[order[k]] == order[k])
      g->by_start[k2++] = renum[order[k]];
  for (size_t i = 0; i < k2; i++) {
    uint32_t cp = g->cps[g->chars[g->by_start[i]].cp_off];
    if (g->n_starts && g->starts[g->n_starts - 1].cp == cp)
      g->starts[g->n_starts - 1].n++;
    else
      g->starts[g->n_starts++] = (lgr_start){cp, (uint32_t)i, 1};
  }
out:
  free(order);
  free(keep);
  free(renum);
  return ok ? true : L->st == LOC_OK ? lgr__nomem(L) : false;
}

static void add_defaults(loader *L) {
  /* RFC 7940 §7.6, in the order and form ICANN's lgr-core applies them. */
  lgr__add_action(L, NULL, "invalid", NULL, NULL, 1, "invalid", true);
  lgr__add_action(L, NULL, "blocked", NULL, NULL, 1, "blocked", true);
  lgr__add_action(L, NULL, "allocatable", NULL, NULL, 1, "allocatable", true);
  lgr__add_action(L, NULL, "activated", NULL, NULL, 2, "activated", true);
  lgr__add_action(L, NULL, "valid", NULL, NULL, 0, NULL, true);
  /* the verdict on a label whose evaluation needs an undefined rule */
  L->g->disp_undefined = lgr__intern_str(L, "undefined-rule");
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
    lgr__nomem(L);
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
    /* libxml2 suggests its XML_PARSE_HUGE option for some limits; that
     * option is for the program, not for the reader, and stays off. */
    const char *what = "not well-formed XML";
    if (strstr(m, "XML_PARSE_HUGE")) {
      what = "refused";
      snprintf(m, sizeof m, "%s",
               strstr(m, "depth") ? "elements nested more than 256 deep (the parser's limit; an "
                                    "LGR needs far less)"
                                  : "a name, text or attribute longer than the parser's limit");
    }
    size_t k = strlen(m);
    while (k && (m[k - 1] == '\n' || m[k - 1] == ' '))
      m[--k] = '\0';
    L->st = LOC_E_LGR_XML;
    size_t n = strlen(L->file) + k + 64;
    L->error = malloc(n);
    if (L->error)
      snprintf(L->error, n, "%s:%d: %s: %s", L->file, err ? err->line : 0, what, m);
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return;
  }
  xmlFreeParserCtxt(ctxt);
  xmlNode *root = xmlDocGetRootElement(doc);
  if (entities_declared(doc)) {
    lgr__fail(L, LOC_E_LGR_XML, root, "the document declares entities (refused: an LGR needs none)");
  } else if (root == NULL || !lgr__is_el(root, "lgr")) {
    lgr__fail(L, LOC_E_LGR_FORMAT, root, "the root element is not <lgr>");
  } else if (root->ns == NULL || strcmp((const char *)root->ns->href, LGR_NS) != 0) {
    lgr__fail(L, LOC_E_LGR_FORMAT, root, "<lgr> is not in namespace %s", LGR_NS);
  } else {
    const xmlNode *data_el = NULL, *rules = NULL;
    for (xmlNode *e = root->children; e && L->st == LOC_OK; e = e->next) {
      if (e->type != XML_ELEMENT_NODE)
        continue;
      if (lgr__is_el(e, "meta"))
        load_meta(L, e);
      else if (lgr__is_el(e, "data"))
        data_el = data_el ? (lgr__fail(L, LOC_E_LGR_FORMAT, e, "two <data> elements"), data_el) : e;
      else if (lgr__is_el(e, "rules"))
        rules = rules ? (lgr__fail(L, LOC_E_LGR_FORMAT, e, "two <rules> elements"), rules) : e;
      else
        lgr__fail(L, LOC_E_LGR_FORMAT, e, "unexpected <%s> in <lgr>", (const char *)e->name);
    }
    if (L->st == LOC_OK && data_el == NULL)
      lgr__fail(L, LOC_E_LGR_FORMAT, root, "no <data> element");
    if (L->st == LOC_OK)
      load_data(L, data_el);
    if (L->st == LOC_OK && rules)
      lgr__load_rules(L, rules);
    if (L->st == LOC_OK)
      resolve_contexts(L);
    if (L->st == LOC_OK) {
      int32_t r = lgr_rules_check_cycles(L->g);
      if (r >= 0)
        lgr__fail(L, LOC_E_LGR_CYCLE, L->rules[r].node, "rule '%s' refers to itself",
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

static int cmp_warning(const void *a, const void *b) {
  const struct lgr_warning *x = a, *y = b;
  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* libxml2 wants its global initialisation done once before threads parse. */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static void xml_init(void) { xmlInitParser(); }

loc_status loc_lgr_new_memory(const char *data, size_t len, const char *name, loc_lgr **out,
                               char **error) {
  pthread_once(&xml_once, xml_init);
  if (error)
    *error = NULL;
  if (out == NULL || (data == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  loader L = {.file = name ? name : "<memory>"};
  if (len > LOC_LGR_MAX_FILE || len > INT_MAX) {
    lgr__fail(&L, LOC_E_LGR_TOO_LARGE, NULL, "file of %zu bytes is larger than the limit of %u",
         len, LOC_LGR_MAX_FILE);
  } else if (len == 0) {
    lgr__fail(&L, LOC_E_LGR_XML, NULL, "empty file");
  } else {
    L.g = calloc(1, sizeof *L.g);
    if (L.g == NULL)
      lgr__nomem(&L);
    else {
      L.g->file = strdup(L.file);
      load_doc(&L, data, len);
    }
  }
  if (L.st == LOC_OK) {
    loc_lgr *g = L.g;
    g->disp_invalid = lgr__find_name(g, "invalid");
    g->disp_valid = lgr__find_name(g, "valid");
    g->disp_blocked = lgr__find_name(g, "blocked");
    g->disp_allocatable = lgr__find_name(g, "allocatable");
    /* warnings in file order */
    if (g->n_warnings)
      qsort(g->warnings, g->n_warnings, sizeof *g->warnings, cmp_warning);
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
  free(L.listed);
  return L.st;
}

loc_status loc_lgr_new_file(const char *path, loc_lgr **out, char **error) {
  if (error)
    *error = NULL;
  if (path == NULL || out == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  FILE *f = fopen(path, "rb");
  char m[512];
  struct stat sb;
  if (f != NULL && fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
    fclose(f);
    f = NULL;
    errno = EISDIR;
  }
  if (f == NULL) {
    snprintf(m, sizeof m, "%s: %s", path,
             errno == EISDIR ? "is a directory, not an LGR file" : strerror(errno));
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
    st = loc_lgr_new_memory(buf, len, path, out, error);
  } else if (error) {
    if (st == LOC_E_LGR_TOO_LARGE)
      snprintf(m, sizeof m, "%s: file larger than the limit of %u bytes", path, LOC_LGR_MAX_FILE);
    else
      snprintf(m, sizeof m, "%s: %s", path, loc_status_message(st));
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
  free(g->nodes);
  free(g->kids);
  free(g->rules);
  free(g->actions);
  free(g->type_ids);
  free(g->tag_cp);
  for (size_t i = 0; i < g->n_warnings; i++) {
    free(g->warnings[i].message);
    free(g->warnings[i].full);
  }
  free(g->warnings);
  free(g);
}

size_t loc_lgr_warning_count(const loc_lgr *g) { return g ? g->n_warnings : 0; }

const char *loc_lgr_warning(const loc_lgr *g, size_t i) {
  return g && i < g->n_warnings ? g->warnings[i].full : NULL;
}

const char *loc_lgr_meta(const loc_lgr *g, loc_lgr_meta_field f) {
  if (g == NULL || (unsigned)f >= 8)
    return NULL;
  return g->meta[f];
}
