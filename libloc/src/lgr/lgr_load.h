/* Shared by lgr_load.c (document, <meta>, <data>) and lgr_load_rules.c
 * (<rules>: classes, rules, actions): the loader state, and the helpers of
 * lgr_load_util.c. */
#ifndef LOC_LGR_LOAD_H
#define LOC_LGR_LOAD_H

#include "lgr_internal.h"

#include <libxml/tree.h>
#include <unicode/uset.h>

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
  uint8_t *listed;        /* bitmap of the code points listed alone so far:
                             a later listing is a duplicate, its tags dropped */
} loader;

#define GROW(arr, n, cap, extra)                                                    \
  ((n) + (extra) <= (cap) ? true : lgr__grow((void **)&(arr), &(cap), (n) + (extra), sizeof *(arr)))

bool lgr__grow(void **p, size_t *cap, size_t need, size_t size);
/* Records the first error as "FILE:LINE: message" (line of @at); returns false. */
bool lgr__fail(loader *L, loc_status st, const xmlNode *at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
bool lgr__nomem(loader *L);
/* Interned string ids (-1 on allocation failure). */
int32_t lgr__intern(loc_lgr *g, const char *s, size_t len);
int32_t lgr__intern_str(loader *L, const char *s);
int32_t lgr__find_name(const loc_lgr *g, const char *s);
bool lgr__is_el(const xmlNode *n, const char *name);
/* Attribute value (free with xmlFree) or NULL. */
char *lgr__attr(const xmlNode *n, const char *name);
/* Text and CDATA children only (entity references refused); malloc'ed. */
char *lgr__text_of(loader *L, const xmlNode *e);
bool lgr__parse_cp(const char **p, uint32_t *cp);
const char *lgr__skip_ws(const char *s);
/* "0061 0301" -> code points appended to the pool. */
bool lgr__parse_cps(loader *L, const xmlNode *at, const char *s, uint32_t *off, uint32_t *len);
/* The index of rule @name; a name no rule has gets an undefined rule (and a
 * warning that names @where it is referred to). -1 after an error. */
int32_t lgr__rule_index(loader *L, long line, const char *name, const char *where);
/* Rule name -> index (-1 for NULL); an unknown name becomes an undefined
 * rule, with a warning that names @where it is referred to. */
bool lgr__rule_ref(loader *L, const xmlNode *at, const char *name, const char *where,
                   int32_t *out);
/* Records a warning (a fault lgr-core tolerates); false on allocation failure. */
bool lgr__warn(loader *L, const char *check, long line, int32_t cp, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* lgr_load_rules.c */
bool lgr__load_rules(loader *L, const xmlNode *rules);
bool lgr__add_action(loader *L, const xmlNode *e, const char *disp, const char *match,
                     const char *not_match, int kind, const char *types, bool dflt);

#endif
