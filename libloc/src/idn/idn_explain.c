/* Why a name failed: the UTS #46 validity criteria (§4.1), CheckJoiners
 * (RFC 5892 Appendix A.1/A.2), CheckBidi (RFC 5893 §2) and VerifyDnsLength
 * (§4.2 step 4), each located in the input, in the status codes of
 * IdnaTestV2.txt. ICU's error bits remain the verdict: a bit that nothing
 * here explains still rejects the name (X_ICU), and when ICU accepts the
 * name nothing is reported. */
#include "idn_internal.h"

#include <unicode/uchar.h>
#include <unicode/utf16.h>

/* ICU bits each family of codes accounts for. */
#define BITS_LENGTH (UIDNA_ERROR_EMPTY_LABEL | UIDNA_ERROR_LABEL_TOO_LONG | \
                     UIDNA_ERROR_DOMAIN_NAME_TOO_LONG)

typedef struct explain {
  const loc_idn *idn;
  loc_idn_ctx *ctx;
  uint32_t explained; /* ICU bits some error accounts for */
  size_t gone_at;     /* next entry of ctx->disallowed (labels go in order) */
} explain;

static const char *bidi_name(int32_t c) {
  return u_getPropertyValueName(UCHAR_BIDI_CLASS, u_charDirection(c), U_SHORT_PROPERTY_NAME);
}

/* "U+2603 SNOWMAN", or nothing when only the codes are wanted (u_charName
 * is most of an explanation's cost). */
static const char *cpn(const explain *x, int32_t c, char *buf, size_t cap) {
  if (x->ctx->codes_only) {
    buf[0] = '\0';
    return buf;
  }
  return idn__cp_name(c, buf, cap);
}

static size_t cp_offset(const explain *x, const idn_label *l, size_t i) {
  if (l->ace && !l->ace_failed)
    return l->src;
  return ((const idn_cp *)x->ctx->cps.data)[l->start + i].src;
}

/* ---------- V1-V6 ---------- */

static void validity_checks(explain *x, size_t li, const idn_label *l);

/* ICU flags an A-label that fails any criterion as UIDNA_ERROR_INVALID_ACE_LABEL
 * as well. */
static void validity(explain *x, size_t li, const idn_label *l) {
  size_t before = x->ctx->nerr;
  validity_checks(x, li, l);
  if (l->ace && x->ctx->nerr != before)
    x->explained |= UIDNA_ERROR_INVALID_ACE_LABEL;
}

static void validity_checks(explain *x, size_t li, const idn_label *l) {
  loc_idn_ctx *ctx = x->ctx;
  const int32_t *c = (const int32_t *)ctx->dec.data + l->dstart;
  size_t n = l->dend - l->dstart;
  char name[160];
  int32_t map[IDN_MAP_MAX];
  int nmap;
  /* P1 is about the name as typed, A-labels included: a disallowed code
   * point survives mapping unchanged. */
  const bool std3 = !ctx->url;
  const idn_cp *raw = ctx->cps.data;
  for (size_t i = l->start; i < l->end; i++)
    if (idn__status_rules(x->idn, std3, raw[i].c, map, &nmap) == IDN_DISALLOWED) {
      idn__error(ctx, "P1", li, raw[i].src, raw[i].c,
                 "%s is disallowed (UTS #46 §4 step 1, status P1)",
                 cpn(x, raw[i].c, name, sizeof name));
      x->explained |= UIDNA_ERROR_DISALLOWED;
    }
  /* Disallowed code points that NFC (step 2) then changed, such as
   * U+2F868, which decomposes to U+36FC: step 1 already failed. */
  /* The entries are in input order, and so are the labels: those before
   * the full stop that ends this label are this label's. */
  const idn_cp *gone = ctx->disallowed.data;
  bool last = l->end >= ctx->cps.len;
  uint32_t stop = last ? UINT32_MAX : raw[l->end].src;
  for (; x->gone_at < ctx->disallowed.len && gone[x->gone_at].src < stop; x->gone_at++) {
    const idn_cp *g = &gone[x->gone_at];
    idn__error(ctx, "P1", li, g->src, g->c,
               "%s is disallowed (UTS #46 §4 step 1, status P1; normalization then "
               "changes it)", cpn(x, g->c, name, sizeof name));
    x->explained |= UIDNA_ERROR_DISALLOWED;
  }
  if (l->ace_failed) {
    idn__error(ctx, "P4", li, l->src, -1,
               "label %zu starts with 'xn--' but the rest is not valid Punycode "
               "(UTS #46 §4 step 4, status P4)", li);
    x->explained |= UIDNA_ERROR_PUNYCODE | UIDNA_ERROR_INVALID_ACE_LABEL;
    return;
  }
  if (l->ace) {
    /* An A-label must decode to something that needs one: not to nothing,
     * not to ASCII only ("xn--", "xn--ascii-"); UTS #46 15.1 §4 step 4
     * states it, ICU's INVALID_ACE_LABEL. */
    bool ascii = true;
    for (size_t i = 0; i < n && ascii; i++)
      ascii = c[i] < 0x80;
    if (ascii) {
      idn__error(ctx, "P4", li, l->src, -1,
                 "label %zu starts with 'xn--' but decodes to %s (UTS #46 §4 step 4, "
                 "status P4)", li, n == 0 ? "nothing" : "ASCII only");
      x->explained |= UIDNA_ERROR_INVALID_ACE_LABEL;
    }
  }
  if (n == 0)
    return;
  bool from_ace = l->ace;
  if (from_ace) {
    /* V1: an A-label must decode to NFC text. */
    UErrorCode e = U_ZERO_ERROR;
    ctx->u16.len = 0;
    if (idn__vec_reserve(&ctx->u16, sizeof(UChar), 2 * n) == LOC_OK) {
      UChar *u = ctx->u16.data;
      int32_t k = 0;
      for (size_t i = 0; i < n; i++)
        U16_APPEND_UNSAFE(u, k, c[i]);
      if (!unorm2_isNormalized(x->idn->nfc, u, k, &e) && U_SUCCESS(e)) {
        idn__error(ctx, "V1", li, l->src, -1,
                   "label %zu decodes to text that is not in NFC (UTS #46 §4.1 "
                   "criterion 1, status V1)", li);
        x->explained |= UIDNA_ERROR_INVALID_ACE_LABEL;
      }
    }
  }
  if (!std3) {
    /* profile url: CheckHyphens is off */
  } else if (n >= 4 && c[2] == '-' && c[3] == '-') {
    idn__error(ctx, "V2", li, l->src, -1,
               "label %zu has hyphens in the third and fourth positions (UTS #46 §4.1 "
               "criterion 2, CheckHyphens, status V2)", li);
    x->explained |= UIDNA_ERROR_HYPHEN_3_4;
  }
  if (std3 && (c[0] == '-' || c[n - 1] == '-')) {
    idn__error(ctx, "V3", li, c[0] == '-' ? cp_offset(x, l, 0) : cp_offset(x, l, n - 1), '-',
               "label %zu %s with a hyphen (UTS #46 §4.1 criterion 3, CheckHyphens, "
               "status V3)", li, c[0] == '-' ? "begins" : "ends");
    x->explained |= UIDNA_ERROR_LEADING_HYPHEN | UIDNA_ERROR_TRAILING_HYPHEN;
  }
  if (U_GET_GC_MASK(c[0]) & U_GC_M_MASK) {
    idn__error(ctx, "V5", li, cp_offset(x, l, 0), c[0],
               "label %zu begins with the combining mark %s (UTS #46 §4.1 criterion 5, "
               "status V5)", li, cpn(x, c[0], name, sizeof name));
    x->explained |= UIDNA_ERROR_LEADING_COMBINING_MARK;
  }
  bool v6 = false;
  for (size_t i = 0; i < n; i++) {
    if (c[i] == '.') {
      idn__error(ctx, "V4", li, l->src, '.',
                 "label %zu decodes to text with a FULL STOP (UTS #46 §4.1 criterion 4, "
                 "status V4)", li);
      x->explained |= UIDNA_ERROR_LABEL_HAS_DOT | UIDNA_ERROR_INVALID_ACE_LABEL;
      continue;
    }
    idn_status st = idn__status_rules(x->idn, std3, c[i], map, &nmap);
    if (st == IDN_VALID || st == IDN_DEVIATION)
      continue;
    if (!v6) {
      idn__error(ctx, "V6", li, cp_offset(x, l, i), c[i],
                 "%s is not valid in a label (UTS #46 §4.1 criterion 6, status V6)",
                 cpn(x, c[i], name, sizeof name));
      x->explained |= UIDNA_ERROR_DISALLOWED | UIDNA_ERROR_INVALID_ACE_LABEL;
      v6 = true;
    }
  }
}

/* ---------- C1, C2 ---------- */

static bool after_virama(const int32_t *c, size_t i) {
  return i > 0 && u_getCombiningClass(c[i - 1]) == 9;
}

static int jt(int32_t c) { return u_getIntPropertyValue(c, UCHAR_JOINING_TYPE); }

/* RFC 5892 A.1: (Joining_Type:{L,D})(Joining_Type:T)* ZWNJ (Joining_Type:T)*
 * (Joining_Type:{R,D}) */
static bool zwnj_ok(const int32_t *c, size_t n, size_t i) {
  if (after_virama(c, i))
    return true;
  size_t j = i;
  while (j > 0 && jt(c[j - 1]) == U_JT_TRANSPARENT)
    j--;
  if (j == 0 || (jt(c[j - 1]) != U_JT_LEFT_JOINING && jt(c[j - 1]) != U_JT_DUAL_JOINING))
    return false;
  size_t k = i + 1;
  while (k < n && jt(c[k]) == U_JT_TRANSPARENT)
    k++;
  return k < n && (jt(c[k]) == U_JT_RIGHT_JOINING || jt(c[k]) == U_JT_DUAL_JOINING);
}

static void joiners(explain *x, size_t li, const idn_label *l) {
  const int32_t *c = (const int32_t *)x->ctx->dec.data + l->dstart;
  size_t n = l->dend - l->dstart;
  for (size_t i = 0; i < n; i++) {
    if (c[i] == 0x200C && !zwnj_ok(c, n, i)) {
      idn__error(x->ctx, "C1", li, cp_offset(x, l, i), c[i],
                 "U+200C ZERO WIDTH NON-JOINER is neither after a virama nor between "
                 "joining letters (RFC 5892 Appendix A.1, CheckJoiners, status C1)");
      x->explained |= UIDNA_ERROR_CONTEXTJ;
    } else if (c[i] == 0x200D && !after_virama(c, i)) {
      idn__error(x->ctx, "C2", li, cp_offset(x, l, i), c[i],
                 "U+200D ZERO WIDTH JOINER does not follow a virama (RFC 5892 Appendix "
                 "A.2, CheckJoiners, status C2)");
      x->explained |= UIDNA_ERROR_CONTEXTJ;
    }
  }
}

/* ---------- B1-B6 ---------- */

static bool is_rtl_char(int32_t c) {
  int d = u_charDirection(c);
  return d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC || d == U_ARABIC_NUMBER;
}

#define DIR(d) (1u << (d))

static void bidi_label(explain *x, size_t li, const idn_label *l) {
  const int32_t *c = (const int32_t *)x->ctx->dec.data + l->dstart;
  size_t n = l->dend - l->dstart;
  if (n == 0)
    return;
  char name[160];
  int first = u_charDirection(c[0]);
  bool rtl = first == U_RIGHT_TO_LEFT || first == U_RIGHT_TO_LEFT_ARABIC;
  bool ltr = first == U_LEFT_TO_RIGHT;
  const size_t before = x->ctx->nerr;
  if (!rtl && !ltr)
    idn__error(x->ctx, "B1", li, cp_offset(x, l, 0), c[0],
               "label %zu of a domain name with right-to-left labels begins with %s "
               "(bidi class %s), which is neither left-to-right nor right-to-left "
               "(RFC 5893 rule 1, status B1)", li, cpn(x, c[0], name, sizeof name),
               bidi_name(c[0]));
  /* The last character that is not a nonspacing mark decides rules 3 and 6.
   * A label of nonspacing marks only breaks both, whatever its direction;
   * otherwise a label that is neither RTL nor LTR breaks rule 1 only, as in
   * IdnaTestV2.txt. */
  size_t last = n;
  while (last > 0 && u_charDirection(c[last - 1]) == U_DIR_NON_SPACING_MARK)
    last--;
  if (last == 0) {
    idn__error(x->ctx, "B3", li, cp_offset(x, l, n - 1), c[n - 1],
               "label %zu has only nonspacing marks, so it ends with neither a letter "
               "nor a digit (RFC 5893 rule 3, status B3)", li);
    idn__error(x->ctx, "B6", li, cp_offset(x, l, n - 1), c[n - 1],
               "label %zu has only nonspacing marks, so it ends with neither a letter "
               "nor a digit (RFC 5893 rule 6, status B6)", li);
    x->explained |= UIDNA_ERROR_BIDI;
    return;
  }
  int end = (int)u_charDirection(c[last - 1]);
  int32_t end_cp = c[last - 1];
  size_t end_at = last - 1;
  if (rtl) { /* rules 2-4 */
    const uint32_t allowed = DIR(U_RIGHT_TO_LEFT) | DIR(U_RIGHT_TO_LEFT_ARABIC) |
                             DIR(U_ARABIC_NUMBER) | DIR(U_EUROPEAN_NUMBER) |
                             DIR(U_EUROPEAN_NUMBER_SEPARATOR) | DIR(U_COMMON_NUMBER_SEPARATOR) |
                             DIR(U_EUROPEAN_NUMBER_TERMINATOR) | DIR(U_OTHER_NEUTRAL) |
                             DIR(U_BOUNDARY_NEUTRAL) | DIR(U_DIR_NON_SPACING_MARK);
    bool en = false, an = false;
    for (size_t i = 0; i < n; i++) {
      int d = u_charDirection(c[i]);
      en |= d == U_EUROPEAN_NUMBER;
      an |= d == U_ARABIC_NUMBER;
      if (!(allowed & DIR(d))) {
        idn__error(x->ctx, "B2", li, cp_offset(x, l, i), c[i],
                   "%s (bidi class %s) is not allowed in a right-to-left label "
                   "(RFC 5893 rule 2, status B2)", cpn(x, c[i], name, sizeof name),
                   bidi_name(c[i]));
        break;
      }
    }
    if (end != U_RIGHT_TO_LEFT && end != U_RIGHT_TO_LEFT_ARABIC && end != U_EUROPEAN_NUMBER &&
        end != U_ARABIC_NUMBER)
      idn__error(x->ctx, "B3", li, cp_offset(x, l, end_at), end_cp,
                 "right-to-left label %zu ends with %s (bidi class %s); it must end with "
                 "a right-to-left letter or a digit (RFC 5893 rule 3, status B3)", li,
                 cpn(x, end_cp, name, sizeof name), bidi_name(end_cp));
    if (en && an)
      idn__error(x->ctx, "B4", li, l->src, -1,
                 "right-to-left label %zu mixes European and Arabic-Indic digits "
                 "(RFC 5893 rule 4, status B4)", li);
  }
  if (ltr) { /* rules 5-6 */
    const uint32_t allowed = DIR(U_LEFT_TO_RIGHT) | DIR(U_EUROPEAN_NUMBER) |
                             DIR(U_EUROPEAN_NUMBER_SEPARATOR) | DIR(U_COMMON_NUMBER_SEPARATOR) |
                             DIR(U_EUROPEAN_NUMBER_TERMINATOR) | DIR(U_OTHER_NEUTRAL) |
                             DIR(U_BOUNDARY_NEUTRAL) | DIR(U_DIR_NON_SPACING_MARK);
    for (size_t i = 0; i < n; i++) {
      if (!(allowed & DIR(u_charDirection(c[i])))) {
        idn__error(x->ctx, "B5", li, cp_offset(x, l, i), c[i],
                   "%s (bidi class %s) is not allowed in a left-to-right label of a domain "
                   "name with right-to-left labels (RFC 5893 rule 5, status B5)",
                   cpn(x, c[i], name, sizeof name), bidi_name(c[i]));
        break;
      }
    }
    if (end != U_LEFT_TO_RIGHT && end != U_EUROPEAN_NUMBER)
      idn__error(x->ctx, "B6", li, cp_offset(x, l, end_at), end_cp,
                 "left-to-right label %zu ends with %s (bidi class %s); it must end with "
                 "a left-to-right letter or a European digit (RFC 5893 rule 6, status B6)",
                 li, cpn(x, end_cp, name, sizeof name), bidi_name(end_cp));
  }
  if (x->ctx->nerr != before)
    x->explained |= UIDNA_ERROR_BIDI;
}

static void bidi(explain *x) {
  const idn_label *l = x->ctx->labels.data;
  const int32_t *d = x->ctx->dec.data;
  bool rtl_domain = false;
  for (size_t i = 0; i < x->ctx->labels.len && !rtl_domain; i++)
    for (size_t k = l[i].dstart; k < l[i].dend && !rtl_domain; k++)
      rtl_domain = is_rtl_char(d[k]);
  if (!rtl_domain)
    return;
  for (size_t i = 0; i < x->ctx->labels.len; i++)
    if (!l[i].ace_failed)
      bidi_label(x, i, &l[i]);
}

/* ---------- lengths ---------- */

static void lengths(explain *x, bool to_ascii, const char *out, size_t out_len,
                    bool registration) {
  /* The same octet limits, cited from where each profile defines them. */
  const char *ref = registration ? "RFC 5890 §2.3.2.1, RFC 1035 §2.3.4"
                                 : "UTS #46 §4.2 step 4, VerifyDnsLength";
  const idn_label *l = x->ctx->labels.data;
  size_t nl = x->ctx->labels.len;
  /* The empty label after a final full stop is the root: not an error. */
  size_t last = nl > 1 && l[nl - 1].dend == l[nl - 1].dstart ? nl - 1 : nl;
  size_t at = 0; /* offset of the current label in @out */
  for (size_t i = 0; i < last; i++) {
    size_t n = 0;
    if (to_ascii) {
      const char *dot = at < out_len ? memchr(out + at, '.', out_len - at) : NULL;
      n = at < out_len ? (dot ? (size_t)(dot - out) : out_len) - at : 0;
      at += n + 1;
    } else {
      n = l[i].dend - l[i].dstart;
    }
    if (n == 0) {
      idn__error(x->ctx, to_ascii ? "A4_2" : "X4_2", i, l[i].src, -1,
                 "label %zu is empty (%s, status %s)", i, ref, to_ascii ? "A4_2" : "X4_2");
      x->explained |= UIDNA_ERROR_EMPTY_LABEL;
    } else if (to_ascii && n > 63) {
      idn__error(x->ctx, "A4_2", i, l[i].src, -1,
                 "label %zu is %zu bytes long in ASCII form; at most 63 are allowed "
                 "(%s, status A4_2)", i, n, ref);
      x->explained |= UIDNA_ERROR_LABEL_TOO_LONG;
    }
  }
  size_t total = last < nl && out_len > 0 ? out_len - 1 : out_len;
  if (to_ascii && total > 253) {
    idn__error(x->ctx, "A4_1", 0, 0, -1,
               "the name is %zu bytes long in ASCII form; at most 253 are allowed "
               "(%s, status A4_1)", total, ref);
    x->explained |= UIDNA_ERROR_DOMAIN_NAME_TOO_LONG;
  }
}

/* ---------- the URL Standard's host parser ---------- */

/* After domain to ASCII: an empty result fails, and so does one with a
 * forbidden domain code point (each is reported where it is). */
static void url_checks(explain *x, const char *ascii, size_t ascii_len) {
  loc_idn_ctx *ctx = x->ctx;
  const idn_label *l = ctx->labels.data;
  const int32_t *d = ctx->dec.data;
  char name[160];
  bool empty = ascii ? ascii_len == 0 : ctx->labels.len == 1 && l[0].dend == l[0].dstart;
  if (empty)
    idn__error(ctx, "X_EMPTY", 0, 0, -1,
               "the name is empty after UTS #46 processing (URL Standard, domain to "
               "ASCII, status X_EMPTY)");
  for (size_t i = 0; i < ctx->labels.len; i++)
    for (size_t k = l[i].dstart; k < l[i].dend; k++)
      if (idn__url_forbidden(d[k]))
        idn__error(ctx, "X_FORBIDDEN", i, cp_offset(x, &l[i], k - l[i].dstart), d[k],
                   "%s is a forbidden domain code point (URL Standard, host parsing, "
                   "domain-invalid-code-point, status X_FORBIDDEN)",
                   cpn(x, d[k], name, sizeof name));
}

/* ---------- reconciliation with ICU ---------- */

static const struct {
  uint32_t bit;
  const char *name;
} icu_bits[] = {
    {UIDNA_ERROR_EMPTY_LABEL, "EMPTY_LABEL"},
    {UIDNA_ERROR_LABEL_TOO_LONG, "LABEL_TOO_LONG"},
    {UIDNA_ERROR_DOMAIN_NAME_TOO_LONG, "DOMAIN_NAME_TOO_LONG"},
    {UIDNA_ERROR_LEADING_HYPHEN, "LEADING_HYPHEN"},
    {UIDNA_ERROR_TRAILING_HYPHEN, "TRAILING_HYPHEN"},
    {UIDNA_ERROR_HYPHEN_3_4, "HYPHEN_3_4"},
    {UIDNA_ERROR_LEADING_COMBINING_MARK, "LEADING_COMBINING_MARK"},
    {UIDNA_ERROR_DISALLOWED, "DISALLOWED"},
    {UIDNA_ERROR_PUNYCODE, "PUNYCODE"},
    {UIDNA_ERROR_LABEL_HAS_DOT, "LABEL_HAS_DOT"},
    {UIDNA_ERROR_INVALID_ACE_LABEL, "INVALID_ACE_LABEL"},
    {UIDNA_ERROR_BIDI, "BIDI"},
    {UIDNA_ERROR_CONTEXTJ, "CONTEXTJ"},
};

void idn__explain(const loc_idn *idn, loc_idn_ctx *ctx, bool to_ascii,
                  const char *ascii_out, size_t ascii_len) {
  /* ICU's verdict stands: for a name it accepts there is nothing to explain
   * (a finding here would be this module's mistake). */
  if (ctx->icu == 0)
    return;
  explain x = {idn, ctx, 0, 0};
  const idn_label *l = ctx->labels.data;
  for (size_t i = 0; i < ctx->labels.len; i++) {
    validity(&x, i, &l[i]);
    if (!l[i].ace_failed)
      joiners(&x, i, &l[i]);
  }
  bidi(&x);
  if (ctx->url)
    url_checks(&x, to_ascii ? ascii_out : NULL, ascii_len);
  else
    lengths(&x, to_ascii, ascii_out, ascii_len, false);
  for (size_t i = 0; i < sizeof icu_bits / sizeof icu_bits[0]; i++)
    if ((ctx->icu & icu_bits[i].bit) && !(x.explained & icu_bits[i].bit))
      idn__error(ctx, "X_ICU", 0, 0, -1,
                 "ICU's UTS #46 check reports UIDNA_ERROR_%s, which this explanation "
                 "could not locate (status X_ICU)", icu_bits[i].name);
}

/* ---------- shared with the registration profile ---------- */

void idn__check_joiners(const loc_idn *idn, loc_idn_ctx *ctx) {
  explain x = {idn, ctx, 0, 0};
  const idn_label *l = ctx->labels.data;
  for (size_t i = 0; i < ctx->labels.len; i++)
    if (!l[i].ace_failed)
      joiners(&x, i, &l[i]);
}

void idn__check_bidi(const loc_idn *idn, loc_idn_ctx *ctx) {
  explain x = {idn, ctx, 0, 0};
  bidi(&x);
}

void idn__check_lengths(const loc_idn *idn, loc_idn_ctx *ctx, const char *ascii,
                        size_t ascii_len) {
  explain x = {idn, ctx, 0, 0};
  lengths(&x, true, ascii, ascii_len, true);
}
