/* RFC 7940 Label Generation Rulesets: the loaded model, shared by lgr_*.c.
 *
 * Everything here is built once by lgr_load.c and read-only afterwards, so a
 * loc_lgr can be shared by threads; per-call scratch lives in loc_lgr_ctx.
 * Strings (names, dispositions, variant types) are interned as indices into
 * `names`, so comparing two of them is comparing two integers. */
#ifndef LOC_LGR_INTERNAL_H
#define LOC_LGR_INTERNAL_H

#include "internal.h"

/* Longest label evaluated, in code points (a DNS label has at most 63
 * octets; the margin lets U-labels longer than that be judged, not cut). */
#define LGR_MAX_LABEL 256
#define LGR_PSET_WORDS ((LGR_MAX_LABEL + 1 + 63) / 64)

/* A set of positions 0..n in a label: what a rule element can reach. */
typedef struct lgr_pset {
  uint64_t w[LGR_PSET_WORDS];
} lgr_pset;

/* A class: sorted, disjoint, non-adjacent code point ranges. */
typedef struct lgr_set {
  uint32_t (*r)[2];
  size_t n;
} lgr_set;

bool lgr_set_has(const lgr_set *s, uint32_t cp);

/* Rule elements (RFC 7940 §6.3). */
typedef enum {
  LN_SEQ,         /* children in order (a rule, look-around bodies) */
  LN_CHOICE,      /* one of the children */
  LN_CHAR,        /* a code point sequence */
  LN_CLASS,       /* one code point of a set */
  LN_ANY,         /* any one code point */
  LN_START,       /* label start */
  LN_END,         /* label end */
  LN_ANCHOR,      /* the code point(s) whose context is being tested */
  LN_LOOK_BEHIND, /* zero width: the body ends here */
  LN_LOOK_AHEAD,  /* zero width: the body starts here */
  LN_RULE_REF,    /* a named rule used by reference */
} lgr_node_kind;

typedef struct lgr_node {
  lgr_node_kind kind;
  uint32_t min, max;      /* count: max == UINT32_MAX for "n+" */
  uint32_t first, n_kids; /* children: kids[first .. first+n_kids) */
  uint32_t cp_off, cp_len;/* LN_CHAR: cps[cp_off ..] */
  int32_t ref;            /* LN_CLASS: set index; LN_RULE_REF: rule index */
  int32_t line;           /* source line, for messages */
} lgr_node;

typedef struct lgr_rule {
  int32_t name;           /* interned name */
  int32_t root;           /* node index of its LN_SEQ body, -1 while loading
                             and for an undefined rule */
  bool undefined;         /* named by a reference but never defined: the
                             file loads (with a warning, as lgr-core loads
                             it) and a label that needs it is judged
                             "undefined-rule" */
  int32_t needs_undefined;/* an undefined rule it refers to (itself when
                             undefined, or through references), or -1 */
  bool has_anchor;        /* directly or through references */
  int32_t line;
} lgr_rule;

typedef struct lgr_var {
  uint32_t cp_off, cp_len;
  int32_t type;           /* interned type, -1 when none */
  int32_t when, not_when; /* rule indices or -1 */
  bool reflexive;
  int32_t line;
  uint32_t owner;         /* its char (loading only: duplicates merge) */
  uint32_t order;         /* its place in the file (loading only) */
} lgr_var;

typedef struct lgr_char {
  uint32_t cp_off, cp_len;
  int32_t when, not_when;
  uint32_t var_first, n_vars;
  int32_t line;
} lgr_char;

typedef struct lgr_action {
  int32_t disp;           /* interned disposition */
  int32_t match, not_match;           /* rule index or -1 */
  int kind;               /* 0 none, 1 any-variant, 2 all-variants, 3 only-variants */
  uint32_t types_off, n_types;        /* interned type ids in type_ids[] */
  bool is_default;
  int32_t line;
} lgr_action;

/* Index of the chars whose sequence starts with a code point: entries
 * first_cp -> chars, longest sequence first. */
typedef struct lgr_start {
  uint32_t cp;
  uint32_t first, n;      /* into by_start[] */
} lgr_start;

struct loc_lgr {
  /* metadata */
  char *meta[8];          /* loc_lgr_meta_field -> string or NULL (languages
                             space-separated) */
  char *file;             /* name given at load, for messages */

  /* interned strings */
  char **names;
  size_t n_names, cap_names;
  int32_t *name_hash;     /* open addressing: name index + 1, 0 empty */
  size_t name_hash_cap;

  uint32_t *cps;          /* code point pool */
  size_t n_cps, cap_cps;

  lgr_char *chars;
  size_t n_chars, cap_chars;
  lgr_var *vars;
  size_t n_vars, cap_vars;
  uint32_t *by_start;     /* char indices grouped by first code point */
  lgr_start *starts;
  size_t n_starts;

  lgr_set *sets;          /* compiled classes (named and anonymous) */
  size_t n_sets, cap_sets;

  lgr_node *nodes;
  size_t n_nodes, cap_nodes;
  uint32_t *kids;         /* child lists */
  size_t n_kids, cap_kids;
  lgr_rule *rules;
  size_t n_rules, cap_rules;

  lgr_action *actions;    /* file's actions, then the RFC 7940 defaults */
  size_t n_actions, cap_actions, n_file_actions;
  int32_t *type_ids;
  size_t n_type_ids, cap_type_ids;

  /* tags: (tag, cp) pairs, for from-tag classes */
  uint32_t (*tag_cp)[2];
  size_t n_tag_cp, cap_tag_cp;

  int32_t disp_invalid, disp_valid, disp_blocked, disp_allocatable, disp_undefined;

  /* Faults of the file that lgr-core tolerates and so do we (undefined
   * rules, code points listed twice): warnings at load, errors of
   * --validate. */
  struct lgr_warning {
    const char *check;    /* "undefined-rule", "duplicate" */
    int32_t line;
    int32_t codepoint;    /* or -1 */
    char *message;        /* without the file name */
    char *full;           /* "FILE:LINE: message" */
    size_t order;         /* as found (ties of line keep it) */
  } *warnings;
  size_t n_warnings, cap_warnings;
};

/* One code point sequence of a decomposed label. */
typedef struct lgr_piece {
  uint32_t pos, len;      /* position in the label (code points) */
  int32_t ch;             /* char index */
} lgr_piece;

struct loc_lgr_ctx {
  const loc_lgr *lgr; /* the ruleset the context was made from */
  uint32_t label[LGR_MAX_LABEL];
  size_t n;
  lgr_piece pieces[LGR_MAX_LABEL];
  size_t n_pieces;
  char reason[512];
  char *index;            /* UTF-8 index label */
  size_t index_len, index_cap;
  /* variants of the last loc_lgr_variants() call */
  char *vbuf;             /* UTF-8 labels, back to back */
  size_t vbuf_len, vbuf_cap;
  struct lgr_vrec { size_t off, len; int32_t disp; } *vrec;
  size_t n_vrec, cap_vrec;
  uint64_t total;
  bool truncated;
  uint64_t work;
};

/* ---------- lgr_rules.c ---------- */

/* True when rule @r matches @label[0..n) (search anywhere); with an anchor
 * (anchor_len > 0) the rule's <anchor/> must sit at @pos and match the
 * @anchor_len code points there. When the match needed an undefined rule,
 * *undef (when not NULL, and still -1) receives it and the result is false. */
bool lgr_rule_matches(const loc_lgr *g, int32_t r, const uint32_t *label, size_t n,
                      size_t pos, size_t anchor_len, int32_t *undef);
/* Detects reference cycles among rules; fills has_anchor. Returns the rule
 * index in a cycle or -1. */
int32_t lgr_rules_check_cycles(loc_lgr *g);

/* ---------- lgr_eval.c ---------- */

/* The chars whose sequence starts with @cp (longest first), or NULL. */
const lgr_start *lgr_start_of(const loc_lgr *g, uint32_t cp);

/* when/not-when of a char or variant at @pos in @label. Returns true when
 * the context allows it; *failed receives the rule that refused it. A
 * context that needs an undefined rule refuses, with *undef set to it
 * (@undef may be NULL; it is set only while still -1). */
bool lgr_context_ok(const loc_lgr *g, int32_t when, int32_t not_when,
                    const uint32_t *label, size_t n, size_t pos, size_t len,
                    int32_t *failed, int32_t *undef);
/* Splits @label into repertoire elements (longest sequence whose context
 * holds first). Returns -1 when it decomposes; otherwise the position of the
 * first code point that cannot be placed, with *rule the context rule that
 * refused it (-1: not in the repertoire). A context that needs an undefined
 * rule stops the split there: *undef receives the rule. */
long lgr_decompose(const loc_lgr *g, const uint32_t *label, size_t n,
                   lgr_piece *pieces, size_t *n_pieces, int32_t *rule, int32_t *undef);
/* Runs the actions for a label with variant types @types (a sorted list),
 * returning the action index that fired. An action whose match/not-match
 * rule is (or needs) an undefined rule stops there, as in lgr-core, which
 * tests the rule before the variant types: its index is returned and
 * *undef receives the rule. */
size_t lgr_apply_actions(const loc_lgr *g, const uint32_t *label, size_t n,
                         const int32_t *types, size_t n_types, bool only_variants,
                         int32_t *undef);
/* Describes action @a in @buf. */
void lgr_action_text(const loc_lgr *g, size_t a, char *buf, size_t cap);
/* Decodes UTF-8 into ctx->label; false when not valid or too long. */
loc_status lgr_load_label(loc_lgr_ctx *ctx, const char *s, size_t len, bool *ok,
                          char *why, size_t why_cap);
/* Appends cp as UTF-8. */
loc_status lgr_utf8_append(char **buf, size_t *len, size_t *cap, const uint32_t *cps,
                           size_t n);

#endif
