/* Private to the checker (check*.c). */
#ifndef LOC_CHECK_INTERNAL_H
#define LOC_CHECK_INTERNAL_H

#include "internal.h"

#include <stdarg.h>
#include <unicode/uset.h>
#include <unicode/uspoof.h>

/*
 * The rule table, in family priority order. One row per rule: enum name,
 * id, family, severity, fixable, needs a language, summary. A new rule
 * (e.g. a legacy-encoding detector) is one more row plus its family's code.
 */
#define CHK_RULES(X)                                                          \
  X(UTF8_INVALID, "utf8-invalid", "encoding", ERROR, false, false,            \
    "ill-formed UTF-8 (each maximal subpart is one finding)")                 \
  X(NONCHAR, "nonchar", "encoding", ERROR, false, false,                      \
    "noncharacter code point (U+FDD0..U+FDEF, U+xxFFFE, U+xxFFFF)")           \
  X(UNASSIGNED, "unassigned", "encoding", WARNING, false, false,              \
    "code point unassigned in the Unicode version ICU implements")            \
  X(PUA, "pua", "encoding", INFO, false, false,                               \
    "private-use code point: its meaning depends on a font or agreement "     \
    "(suggestion: the character a published legacy table gives it)")         \
  X(DEPRECATED, "deprecated", "encoding", WARNING, false, false,              \
    "deprecated or discouraged character (Unicode says not to use it)")       \
  X(CONTROL, "control", "encoding", ERROR, false, false,                      \
    "C0 or C1 control character other than tab (or a final CR)")             \
  X(NOT_NFC, "not-nfc", "normalization", WARNING, true, false,                \
    "text not in Normalization Form C (fix: its NFC)")                        \
  X(COMPAT_CHAR, "compat-char", "normalization", WARNING, false, false,        \
    "compatibility character: presentation form, or foreign to the language") \
  X(BIDI_UNBALANCED, "bidi-unbalanced", "bidi", ERROR, false, false,          \
    "bidi embedding, override or isolate not closed in its line, or a "       \
    "closer without opener (Trojan Source)")                                  \
  X(BIDI_REORDER, "bidi-reorder", "bidi", WARNING, false, false,              \
    "bidi override, or a right-to-left embedding/isolate around "             \
    "left-to-right text: characters display in another order than stored")   \
  X(ZW_NO_CONTEXT, "zw-no-context", "invisible", WARNING, false, false,       \
    "ZWJ or ZWNJ where no joining, conjunct or emoji context exists")         \
  X(DEFAULT_IGNORABLE, "default-ignorable", "invisible", WARNING, false,      \
    false, "invisible (default-ignorable) character inside or beside a word") \
  X(ODD_SPACE, "odd-space", "invisible", INFO, false, false,                  \
    "unusual space character, or a run of spaces of mixed kinds")             \
  X(DO_NOT_USE, "do-not-use", "syllable", ERROR, true, false,                 \
    "sequence the Unicode core specification says not to use for a "          \
    "character that exists (fix: that character)")                           \
  X(BROKEN_CLUSTER, "broken-cluster", "syllable", ERROR, true, false,         \
    "broken syllable: a mark with no base, a doubled vowel sign, a virama "  \
    "in the wrong place, or a mark out of the USE cluster order (fix: "      \
    "Chakma o/au typed in reverse)")                                          \
  X(MARK_ORDER, "mark-order", "syllable", WARNING, true, false,               \
    "marks in an order that does not match the syllable structure (fix "      \
    "where one reordering is canonical)")                                     \
  X(MIXED_SCRIPT, "mixed-script", "script", WARNING, false, false,            \
    "word mixing scripts beyond UTS #39 highly restrictive level "            \
    "(suggestion: a single-script look-alike)")                               \
  X(EXEMPLAR, "exemplar", "language", WARNING, false, true,                   \
    "letter in none of the language's exemplar sets (ICU locale data)")       \
  X(EXEMPLAR_AUX, "exemplar-aux", "language", INFO, false, true,              \
    "letter only in the language's auxiliary exemplar set")                   \
  X(LEGACY_ENCODING, "legacy-encoding", "legacy", ERROR, false, false,        \
    "line in a legacy encoding: Burmese in Zawgyi; with --lang hi / bn, "     \
    "the Kruti Dev / Bijoy font hacks (convert with loc convert)")

typedef enum chk_rule {
#define CHK_ENUM_(e, id, fam, sev, fix, lang, sum) CHK_##e,
  CHK_RULES(CHK_ENUM_)
#undef CHK_ENUM_
  CHK_RULE_COUNT
} chk_rule;

struct loc_checker {
  bool enabled[CHK_RULE_COUNT];
  bool has_lang;
  char lang[64];
  USet *ex_main;     /* exemplar sets, case-closed (NULL without a language) */
  USet *ex_aux;
  USet *ex_other;    /* index + punctuation sets: never reported */
  /* the code points of the NFD of every item (characters and strings such
   * as Swahili "ch") of the main and auxiliary sets: decomposed text and
   * the letters of digraphs pass */
  USet *ex_main_nfd;
  USet *ex_aux_nfd;
  bool ex_han;       /* the main set has Han: not a closed repertoire */
  bool ex_cjk;       /* ... or kana or Hangul: full-width forms are text */
  USpoofChecker *spoof;  /* restriction level: highly restrictive */
  /* Latin, Cyrillic and Greek letters by their one-code-point confusable
   * skeleton, for suggesting single-script look-alikes (check_script.c) */
  struct chk_lookalike *look;
  size_t nlook;
};

/* One decoded code point of the line (cp = -1 for an ill-formed subpart). */
typedef struct chk_char {
  int32_t cp;
  uint32_t off;
  uint8_t len;
  int8_t gc;          /* UCharCategory */
} chk_char;

/* A finding while it is built: strings live in the context's arena. */
typedef struct chk_finding {
  size_t off, len;
  chk_rule rule;
  loc_check_severity sev;
  size_t msg, fix, sugg;     /* arena offsets; SIZE_MAX = none */
  size_t fix_len, sugg_len;
} chk_finding;

struct loc_check_ctx {
  const loc_checker *ck;
  const char *s;
  size_t len;
  chk_char *ch;
  size_t nch, chcap;
  chk_finding *f;
  size_t nf, fcap;
  loc__buf arena;
  loc_check_finding *pub;
  size_t pubcap;
  UChar *u16;                /* scratch for ICU calls */
  size_t u16cap;
  loc__buf tmp;              /* scratch UTF-8 */
  USpoofCheckResult *spoof_result;
  /* what decode() saw, so families with nothing to look at skip the line */
  uint32_t seen_gc;          /* bit 1 << UCharCategory, non-ASCII only */
  bool seen_invisible;       /* a filler or variation selector */
  int32_t max_cp;            /* the highest code point (the USE scripts start at U+0F00) */
};

#define CHK_NONE ((size_t)-1)

static inline bool chk_on(const loc_check_ctx *x, chk_rule r) {
  return x->ck->enabled[r];
}

/* Records a finding; @fix / @sugg may be NULL (none). Message printf-style.
 * Returns LOC_OK or LOC_E_NO_MEMORY. */
loc_status chk_add(loc_check_ctx *x, chk_rule rule, loc_check_severity sev,
                   size_t off, size_t len, const char *fix, size_t fix_len,
                   const char *sugg, size_t sugg_len, const char *fmt, ...)
    __attribute__((format(printf, 10, 11)));

/* UTF-16 copy of s[off..off+len) (valid UTF-8) in x->u16; NULL on failure. */
UChar *chk_u16(loc_check_ctx *x, size_t off, size_t len, int32_t *u16len);

/* Byte end of character i (start of i + 1). */
static inline size_t chk_end(const loc_check_ctx *x, size_t i) {
  return x->ch[i].off + x->ch[i].len;
}

static inline bool chk_is_mark(int8_t gc) {
  return gc == 6 /* U_NON_SPACING_MARK */ || gc == 8 /* U_COMBINING_SPACING_MARK */ ||
         gc == 7 /* U_ENCLOSING_MARK */;
}
static inline bool chk_is_letter(int8_t gc) {
  return gc >= 1 && gc <= 5; /* U_UPPERCASE_LETTER .. U_OTHER_LETTER */
}

/* The families, each over the decoded line in x->ch. */
loc_status chk_encoding(loc_check_ctx *x);
loc_status chk_normalization(loc_check_ctx *x);
loc_status chk_invisible(loc_check_ctx *x);
loc_status chk_syllable(loc_check_ctx *x);
loc_status chk_script(loc_check_ctx *x);
loc_status chk_language(loc_check_ctx *x);
loc_status chk_legacy(loc_check_ctx *x);
/* check_use.c: the Universal Shaping Engine cluster model (broken-cluster). */
loc_status chk_use(loc_check_ctx *x);

/* check_script.c: builds / frees the checker's look-alike table. */
loc_status chk_lookalike_init(loc_checker *c);
void chk_lookalike_free(loc_checker *c);



/* check_syllable.c: Indic_Syllabic_Category / Indic_Positional_Category of
 * @cp as indic_isc / indic_ipc values (tables/indic_data.h). */
void chk_indic(int32_t cp, int *isc, int *ipc);
/* True when @cp belongs to a script whose shaping joins or stacks letters
 * (Brahmic, Arabic-type joining scripts, Khmer, Myanmar, ...), where ZWJ and
 * ZWNJ have a meaning. */
bool chk_complex_script(int32_t cp);
#endif
