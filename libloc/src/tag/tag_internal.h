/* Private to the language-tag module (tag*.c). */
#ifndef LOC_TAG_INTERNAL_H
#define LOC_TAG_INTERNAL_H

#include "internal.h"

/* ---------- the registry table (tag_registry.c, tables/lsr_data.h) ---------- */

/* Packs a subtag of 1..4 ASCII letters/digits (any case) into an integer:
 * base 37, a-z = 1..26, 0-9 = 27..36. Returns 0 for anything else. */
uint32_t loc__lsr_pack(const char *s, size_t len);
/* Writes the lowercase subtag of a packed value into out[0..4], NUL-ended;
 * returns its length. */
size_t loc__lsr_unpack(uint32_t v, char out[5]);

/* Each lookup takes a subtag (any case) and returns whether the registry
 * has it; the out parameters may be NULL. Packed values are 0 when absent. */
bool loc__lsr_language(const char *s, size_t len, uint32_t *preferred,
                       uint32_t *suppress_script);
bool loc__lsr_extlang(const char *s, size_t len, uint32_t *prefix);
bool loc__lsr_script(const char *s, size_t len);
bool loc__lsr_region(const char *s, size_t len, uint32_t *preferred);
/* @preferred, @prefixes: (transfer none) static strings, "" when none;
 * @prefixes holds the variant's Prefix fields separated by spaces. */
bool loc__lsr_variant(const char *s, size_t len, const char **preferred,
                      const char **prefixes);
/* A grandfathered or redundant tag, the whole @s compared without case.
 * @preferred: its Preferred-Value or "" (transfer none). */
bool loc__lsr_tag(const char *s, size_t len, const char **preferred,
                  bool *grandfathered);
/* File-Date of the registry the table was made from, and its source. */
const char *loc__lsr_file_date(void);
const char *loc__lsr_source(void);

/* ---------- extension contents (tag_ext.c) ---------- */

/* Receives one problem: a rule ("unknown-u-key", "unknown-u-type",
 * "unknown-t-key", "unknown-t-type", "unknown-t-lang"), the byte span in
 * the tag, and an English message. */
typedef void (*tag_ext_report)(void *user, const char *rule, size_t off, size_t len,
                               const char *message);
/* Checks the @n subtags after the singleton @singleton ('u' or 't'; others
 * are ignored) of a well-formed @tag, subtag i at tag + off[i], len[i] bytes,
 * against CLDR's BCP 47 key and type data. */
void loc__tag_check_extension(char singleton, const char *tag, const size_t *off,
                              const size_t *len, size_t n, tag_ext_report report, void *user);

/* ---------- the ICU side (tag_icu.c) ---------- */

/* CLDR canonicalization (UTS #35 Annex C) of a well-formed tag, by ICU's
 * icu::Locale::canonicalize() (tag_cldr.cc): language, script, territory and
 * variant aliases (also multi-variant ones), variants sorted. Writes a
 * NUL-terminated BCP 47 tag into @out. LOC_OK, LOC_E_INVALID_TAG (ICU does
 * not take the whole tag), LOC_E_BUFFER_TOO_SMALL, LOC_E_ICU. */
loc_status loc__tag_cldr_canonicalize(const char *tag, char *out, size_t cap);

/* Likely subtags of a canonical tag: @max and @min receive BCP 47 tags
 * (NUL-terminated, at most @cap bytes each). When ICU knows nothing about
 * the language both are copies of @tag. */
loc_status loc__tag_likely(const char *tag, char *max, char *min, size_t cap);

/* English display name and autonym of a canonical tag, allocated (free()),
 * NULL when ICU has no name for the language (it would print the code) or,
 * for the autonym, no locale data in that language. */
loc_status loc__tag_names(const char *tag, char **name, char **autonym);

#endif
