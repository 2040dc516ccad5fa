/* libloc — BCP 47 language tags (RFC 5646): validation, canonical form,
 * likely subtags and names. */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/tag.h> directly."
#endif
#ifndef LOC_TAG_H
#define LOC_TAG_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Tags are checked against the IANA Language Subtag Registry compiled into
 * the library (loc_tag_registry_date() says which); nothing is read at run
 * time except ICU's own data for CLDR aliases, likely subtags and names.
 *
 * Canonical form: RFC 5646 §4.5 (case conventions; grandfathered and
 * redundant tags, extlangs and deprecated subtags replaced by their
 * Preferred-Value; extensions ordered by singleton), then CLDR's (UTS #35)
 * canonicalization (UTS #35 Annex C) with the alias data of the ICU the
 * library runs with: language, script, territory and variant aliases, also
 * those of several variants together ("hepburn-heploc" → "alalc97"), and
 * variants in alphabetical order; so "iw" → "he", "zh-min-nan" → "nan",
 * "i-klingon" → "tlh", "sh" → "sr-Latn", "mo" → "ro". The canonical form of a
 * valid tag is a registered tag, and canonicalizing it again gives it
 * unchanged.
 *
 * Accepted tags: registered ones (every subtag in the registry), and
 * well-formed ones whose unregistered subtags CLDR aliases to registered
 * ones — ISO 639-2/639-3 synonyms of two-letter codes ("eng" → "en", "chi" →
 * "zh"), UN M.49 numeric regions ("und-004" → "und-AF"), language-region and
 * language-variant aliases ("sgn-076" → "bzs", "no-bokmal" → "nb"). Such a
 * tag is valid with registered == false and an "unregistered" warning per
 * subtag. Codes that are neither ("xx", "qqq-bogus") are invalid.
 *
 * All functions are thread-safe: the tables are immutable and nothing
 * global is ever changed.
 */

/* Longest tag accepted, in bytes. RFC 5646 sets no limit; real tags stay far
 * below this, and a bound keeps every buffer fixed. */
#define LOC_TAG_MAX_LEN 255

/* One finding about a tag. @rule is one of:
 *  errors (the tag is not valid):
 *   "syntax"              not well-formed per RFC 5646 §2.1 (also empty
 *                         subtags, non-ASCII bytes, invalid UTF-8)
 *   "too-long"            more than LOC_TAG_MAX_LEN bytes
 *   "unknown-subtag"      a language, extlang, script, region or variant
 *                         subtag the registry does not list
 *   "extlang-prefix"      an extlang after a language other than its Prefix,
 *                         or a second extlang
 *   "duplicate-variant", "duplicate-singleton"
 *  warnings (the tag stays valid):
 *   "suppress-script"     a script the language's Suppress-Script says not
 *                         to write ("en-Latn")
 *   "variant-prefix"      a variant whose registered Prefix the tag lacks
 *   "unknown-extension"   a singleton other than the registered t and u
 *   "unknown-u-key", "unknown-u-type", "unknown-t-key", "unknown-t-type",
 *   "unknown-t-lang"      a -u- or -t- key or type CLDR does not define
 *                         (UTS #35: "de-u-co-bogus", "en-u-co" without a
 *                         type), or a -t- source language subtag the
 *                         registry lacks; RFC 5646 only asks extension
 *                         subtags to be well-formed
 *   "unregistered"        a subtag not in the registry that CLDR aliases
 *                         (the tag is valid, not registered) */
typedef struct loc_tag_diag {
  const char *rule;     /* (transfer none) static string above */
  size_t offset;        /* byte offset of the offending subtag in the input */
  size_t length;        /* its length in bytes (0 at the end of the input) */
  char message[160];    /* one English sentence naming the subtag */
} loc_tag_diag;

typedef struct loc_tag_info {
  char *input;           /* copy of the input (may hold any bytes) */
  size_t input_len;
  bool valid;            /* well-formed, every subtag registered or a CLDR
                            alias of registered ones */
  /* NUL-terminated, NULL when the tag is not valid: */
  char *canonical;       /* canonical form (above) */
  char *maximal;         /* likely subtags added (ICU, CLDR) */
  char *minimal;         /* likely subtags removed */
  /* NULL when ICU has no name for the language: */
  char *name;            /* English display name, e.g. "Serbian (Latin)" */
  char *autonym;         /* display name in the language itself */
  loc_tag_diag *errors;
  size_t n_errors;
  loc_tag_diag *warnings;
  size_t n_warnings;
  bool registered;       /* the input is a valid IANA-registered BCP 47 tag
                            (implies valid) */
} loc_tag_info;

/**
 * loc_tag_analyze:
 * @tag: (transfer none) the tag, @len bytes (NULL allowed when @len is 0);
 *       any bytes — what is not a tag gives errors, not a failure.
 * @out: (out) (transfer full) the result, free with loc_tag_info_free().
 *
 * Private-use-only tags ("x-foo") and grandfathered tags without a
 * Preferred-Value ("i-default") are valid; their maximal and minimal forms
 * are the canonical form and they have no names.
 *
 * Returns: LOC_OK (also for invalid tags), LOC_E_NO_MEMORY,
 * LOC_E_INVALID_ARGUMENT (NULL @out, or NULL @tag with @len > 0).
 */
LOC_API loc_status loc_tag_analyze(const char *tag, size_t len, loc_tag_info **out);

/**
 * loc_tag_info_free:
 * @info: (transfer full) (nullable)
 */
LOC_API void loc_tag_info_free(loc_tag_info *info);

/**
 * loc_tag_canonicalize:
 * @tag: (transfer none) the tag, @len bytes.
 * @out: (out caller-allocates) (nullable) room for @cap bytes.
 * @out_len: (out) length of the canonical form without its NUL; with
 *           LOC_E_BUFFER_TOO_SMALL the length needed.
 *
 * The canonical form of loc_tag_analyze() without the ICU name lookups, for
 * callers that take a --lang. Writes it NUL-terminated when it fits
 * (@cap > *out_len).
 *
 * Returns: LOC_OK, LOC_E_BUFFER_TOO_SMALL, LOC_E_INVALID_TAG (not a valid
 * tag), LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_tag_canonicalize(const char *tag, size_t len, char *out,
                                        size_t cap, size_t *out_len);

/**
 * loc_tag_registry_date:
 *
 * Returns: (transfer none) the File-Date of the IANA Language Subtag
 * Registry the library was built with, "YYYY-MM-DD".
 */
LOC_API const char *loc_tag_registry_date(void);

#ifdef __cplusplus
}
#endif
#endif
