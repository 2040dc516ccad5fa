/* Private to the IDN sources (idn*.c). */
#ifndef LOC_IDN_INTERNAL_H
#define LOC_IDN_INTERNAL_H

#include "internal.h"

#include <unicode/uidna.h>
#include <unicode/uspoof.h>
#include <unicode/unorm2.h>

struct loc_idn {
  UIDNA *nontransitional;      /* ToUnicode and nontransitional ToASCII */
  UIDNA *transitional;         /* transitional ToASCII */
  UIDNA *url;                  /* profile url: no STD3 rules, nontransitional */
  const UNormalizer2 *uts46;   /* ICU's UTS #46 mapping + NFC (shared, immutable) */
  const UNormalizer2 *nfc;
  const UNormalizer2 *nfkc_cf; /* RFC 5892 §2.2 Unstable */
  USpoofChecker *spoof;        /* UTS #39 restriction levels (read-only after open) */
  int lk_scripts[32];          /* UScriptCode of each whole-script look-alike set */
};

/* A code point of the processed name and where it came from. */
typedef struct idn_cp {
  int32_t c;
  uint32_t src;   /* byte offset in the input (all inputs are < 2^32 bytes) */
} idn_cp;

/* One label of the processed name. */
typedef struct idn_label {
  size_t start, end;     /* in ctx->cps */
  size_t dstart, dend;   /* its Unicode form in ctx->dec */
  uint32_t src;          /* input offset of its first character; for an empty
                            label, of the full stop that ends it (or the
                            input's length for the last label) */
  bool ace;              /* began with "xn--" */
  bool ace_failed;       /* ... and did not decode: kept as it is */
} idn_label;

/* Growable array of fixed-size elements. */
typedef struct idn_vec {
  void *data;
  size_t len, cap;
} idn_vec;

struct loc_idn_ctx {
  const loc_idn *idn; /* the profile the context was made from */
  idn_vec cps;     /* idn_cp: mapped and normalized */
  idn_vec tmp;     /* idn_cp: mapping before normalization */
  idn_vec dec;     /* int32_t: Unicode labels, one after another */
  idn_vec labels;  /* idn_label */
  idn_vec u16;     /* UChar scratch */
  idn_vec u16b;    /* UChar scratch */
  idn_vec ace;     /* char: the Punycode part of an A-label */
  loc__buf out;    /* the result: ICU's output, or the one built here */
  loc__buf msgs;   /* message text; errors point into it */
  loc_idn_error errors[LOC_IDN_MAX_ERRORS];
  size_t msg_at[LOC_IDN_MAX_ERRORS]; /* offsets of the messages in msgs */
  size_t nerr;
  loc_idn_error warnings[LOC_IDN_MAX_ERRORS];
  size_t wmsg_at[LOC_IDN_MAX_ERRORS];
  size_t wlk_at[LOC_IDN_MAX_ERRORS]; /* offsets of the look-alikes in msgs, or SIZE_MAX */
  size_t nwarn;
  loc_idn_level level;      /* of the name (check only) */
  idn_vec label_levels;     /* loc_idn_level per label (check only) */
  USpoofCheckResult *spoof_result;
  bool labels_ready;        /* labels/dec describe this call's name */
  /* A rejected name's explanation, done on the first question about the
   * errors (idn__resolve): what it needs from the call. */
  int deferred;             /* IDN_DEFER_* */
  bool codes_only;          /* explaining without messages */
  const loc_idn *explain_idn;
  bool to_ascii, transitional;
  bool url;                 /* this call is profile url (LOC_IDN_URL) */
  idn_vec disallowed;       /* idn_cp: disallowed code points as mapped (step 1),
                               before NFC can change them */
  idn_vec input;            /* char: the name */
  bool truncated;
  bool ok;
  bool called;
  uint32_t icu;
};

/* Makes room for @n more elements of @size bytes (idn_vec.c). */
loc_status idn__vec_reserve(idn_vec *v, size_t size, size_t n);

/* UTS #46 status of a code point under UseSTD3ASCIIRules. */
typedef enum idn_status {
  IDN_VALID,
  IDN_MAPPED,
  IDN_IGNORED,
  IDN_DEVIATION,
  IDN_DISALLOWED,
} idn_status;

/* Status of @c; for IDN_MAPPED the mapping goes to map[0..*nmap)
 * (map holds at least IDN_MAP_MAX code points). idn__status_rules: with
 * @std3 false, the status without UseSTD3ASCIIRules (profile url). */
#define IDN_MAP_MAX 32
idn_status idn__status(const loc_idn *idn, int32_t c, int32_t *map, int *nmap);
idn_status idn__status_rules(const loc_idn *idn, bool std3, int32_t c, int32_t *map,
                             int *nmap);

/* Bits of ctx->icu that are not ICU's: ICU could not judge the name (a
 * label over its Punycode limit of 1000 code points), so the explanation
 * pass decides; the URL Standard's checks after domain-to-ASCII failed. */
#define IDN_ICU_UNJUDGED (1u << 30)
#define IDN_URL_FAILED (1u << 29)
#define IDN_OWN_BITS (IDN_ICU_UNJUDGED | IDN_URL_FAILED)
/* ICU bits the url profile ignores: CheckHyphens and VerifyDnsLength off. */
#define IDN_URL_IGNORED_BITS                                                          \
  (UIDNA_ERROR_LEADING_HYPHEN | UIDNA_ERROR_TRAILING_HYPHEN | UIDNA_ERROR_HYPHEN_3_4 | \
   UIDNA_ERROR_EMPTY_LABEL | UIDNA_ERROR_LABEL_TOO_LONG | UIDNA_ERROR_DOMAIN_NAME_TOO_LONG)
/* A URL Standard forbidden domain code point (all are ASCII). */
bool idn__url_forbidden(int32_t c);

/* Steps 1-3 of UTS #46 §4: maps and normalizes @in (well-formed UTF-8)
 * into ctx->cps, then splits it into ctx->labels and decodes A-labels. */
loc_status idn__process(const loc_idn *idn, loc_idn_ctx *ctx, const char *in,
                        size_t len, bool transitional);

/* RFC 3492. Encode appends ASCII to @out; both return LOC_OK, LOC_E_OVERFLOW
 * (the label is too long to encode, or bad Punycode when decoding),
 * LOC_E_NO_MEMORY. decode appends code points to @out (int32_t). */
loc_status idn__punycode_encode(const int32_t *in, size_t n, loc__buf *out);
loc_status idn__punycode_decode(const char *in, size_t n, idn_vec *out);

/* The one A-label encoder: appends "xn--" + the Punycode of @in (@n code
 * points) to @out. LOC_OK; LOC_E_OVERFLOW (the label is too long to encode:
 * @out is then left exactly as it was, so the caller can report it and
 * write the label some other way); LOC_E_NO_MEMORY. */
loc_status idn__alabel_append(const int32_t *in, size_t n, loc__buf *out);

/* Adds one error; @label/@offset/@cp locate it, the message is printf-style. */
void idn__error(loc_idn_ctx *ctx, const char *code, size_t label, size_t offset,
                int32_t cp, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void idn__warning(loc_idn_ctx *ctx, const char *code, size_t label, size_t offset,
                  int32_t cp, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* A warning with the Latin text the label can pass for (loc_idn_error.lookalike). */
void idn__warning_lookalike(loc_idn_ctx *ctx, const char *code, size_t label,
                            size_t offset, int32_t cp, const char *lookalike, const char *fmt,
                            ...) __attribute__((format(printf, 7, 8)));

/* Look-alike warnings of loc_idn_check() on label @li of level @level
 * (idn_lookalike.c, data in tables/lookalikes.txt); @tld is the name's last
 * label in Unicode form, NULL for a name of one label. */
void idn__lookalike_checks(const loc_idn *idn, loc_idn_ctx *ctx, size_t li,
                           const idn_label *l, const int32_t *c, size_t n, loc_idn_level level,
                           const int32_t *tld, size_t ntld);
/* The extended skeleton's replacement of @c (ASCII), or NULL. */
const char *idn__lookalike_map(int32_t c);
/* The number of whole-script sets, and the UScriptCode of set @i. */
int idn__lookalike_script_count(void);
int idn__lookalike_script_code(int i);
/* "U+2603 SNOWMAN" into buf. */
const char *idn__cp_name(int32_t c, char *buf, size_t cap);

/* The validity criteria, CheckJoiners and CheckBidi on the processed labels,
 * the DNS lengths of the ASCII output (@ascii_out, NULL for ToUnicode), and
 * the reconciliation with ICU's verdict ctx->icu. */
void idn__explain(const loc_idn *idn, loc_idn_ctx *ctx, bool to_ascii,
                  const char *ascii_out, size_t ascii_len);

/* The CheckJoiners, whole-domain bidi and DNS length checks of
 * idn_explain.c on ctx->labels / ctx->dec, for the registration profile
 * (lengths cite RFC 5890 and RFC 1035 there). */
void idn__check_joiners(const loc_idn *idn, loc_idn_ctx *ctx);
void idn__check_bidi(const loc_idn *idn, loc_idn_ctx *ctx);
void idn__check_lengths(const loc_idn *idn, loc_idn_ctx *ctx, const char *ascii,
                        size_t ascii_len);

/* RFC 5892 property of @c; *@rule (optional) gets the rule that decided it,
 * e.g. "RFC 5892 §2.2 Unstable: ...". */
loc_idn_property idn__rfc5892(const loc_idn *idn, int32_t c, const char **rule);
/* NULL when the CONTEXTO code point @c[@i] is allowed where it stands in the
 * label @c[0..@n); else the rule it breaks, as one phrase. */
const char *idn__contexto(const int32_t *c, size_t n, size_t i);

/* The UTS #39 checker of loc_idn_new(): restriction levels with the
 * identifier profile (recommended + inclusion sets) as the allowed set. */
USpoofChecker *idn__spoof_open(UErrorCode *e);
/* Restriction level of each label and of the name, W_INVISIBLE and
 * W_MIXED_NUMBERS warnings, and R_LEVEL when @flags set a maximum. */
loc_status idn__spoof_checks(const loc_idn *idn, loc_idn_ctx *ctx, unsigned flags);

/* ICU error bits for which ICU's output of a rejected name is the output
 * UTS #46 defines, so the library's own mapping pass can wait, provided the
 * output has no U+FFFD (where ICU replaced a disallowed character that
 * UTS #46 keeps; ASCII ones under STD3 rules ICU keeps, hence DISALLOWED
 * here). Found by comparing both outputs on IdnaTestV2.txt (13.0 and 15.0)
 * and the 1 M benchmark names; the A-label bits (INVALID_ACE_LABEL,
 * PUNYCODE, LABEL_HAS_DOT) are not safe: ICU keeps such labels unencoded. */
#define ICU_OUTPUT_OK_BITS                                                                  \
  (UIDNA_ERROR_EMPTY_LABEL | UIDNA_ERROR_LABEL_TOO_LONG | UIDNA_ERROR_DOMAIN_NAME_TOO_LONG | \
   UIDNA_ERROR_LEADING_HYPHEN | UIDNA_ERROR_TRAILING_HYPHEN | UIDNA_ERROR_HYPHEN_3_4 |       \
   UIDNA_ERROR_LEADING_COMBINING_MARK | UIDNA_ERROR_BIDI | UIDNA_ERROR_CONTEXTJ |            \
   UIDNA_ERROR_DISALLOWED)

enum { IDN_DEFER_NONE, IDN_DEFER_ALL, IDN_DEFER_MESSAGES };
/* Runs the deferred explanation of the last call on @ctx: codes, labels and
 * offsets, and with @messages the messages too. */
void idn__resolve(const loc_idn_ctx *ctx, bool messages);

/* ToUnicode for callers that need the output only (the confusable index):
 * the errors are not explained (an invalid name gets no error list, only
 * ok false); the output is in ctx->out. */
#define IDN_QUIET (1u << 31)
loc_status idn__to_unicode_quiet(const loc_idn *idn, loc_idn_ctx *ctx, const char *in,
                                 size_t len);

/* Helpers of idn.c shared with idn_register.c. */
void idn__reset(loc_idn_ctx *ctx);
void idn__finish_errors(loc_idn_ctx *ctx);
/* The registration profile on well-formed UTF-8 @in (ctx already reset):
 * fills ctx->out with the name's A-label form and ctx->errors. */
loc_status idn__register(const loc_idn *idn, loc_idn_ctx *ctx, const char *in,
                         size_t len);

#endif
