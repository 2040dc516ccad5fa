/* Profile `registration` (strict IDNA2008): a table of names with the reason
 * for each verdict — NV8 symbols, CONTEXTJ and CONTEXTO rules, bidi across
 * labels, hyphens, A-label round trips, lengths and the libidn2 defects —
 * then located messages, RFC 5892 properties and consistency with UTS #46. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S(lit) lit, sizeof(lit) - 1

static loc_idn *idn;
static loc_idn_ctx *ctx;

static int setup(void **state) {
  (void)state;
  return loc_idn_new(&idn) == LOC_OK && loc_idn_ctx_new(idn, &ctx) == LOC_OK ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  loc_idn_ctx_free(ctx);
  loc_idn_free(idn);
  return 0;
}

/* Comma-separated codes of the last call, each once. */
static void codes(char *buf, size_t cap) {
  buf[0] = '\0';
  for (size_t i = 0; i < loc_idn_error_count(ctx); i++) {
    const char *c = loc_idn_error_at(ctx, i)->code;
    bool seen = false;
    for (size_t k = 0; k < i; k++)
      seen |= strcmp(loc_idn_error_at(ctx, k)->code, c) == 0;
    if (!seen)
      snprintf(buf + strlen(buf), cap - strlen(buf), "%s%s", buf[0] ? "," : "", c);
  }
}

#define L63 "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabc"

static const struct {
  const char *in;
  size_t in_len;
  const char *out;
  const char *codes; /* "" = valid */
  const char *why;
} cases[] = {
    /* NV8: valid in UTS #46, DISALLOWED in IDNA2008 */
    {S("\xE2\x98\x83.net"), "xn--n3h.net", "R_DISALLOWED",
     "U+2603 SNOWMAN is a symbol (So), not a letter or digit (RFC 5892 §2.1); ICU's UTS #46 "
     "accepts it"},
    {S("\xC2\xA1.com"), "xn--7a.com", "R_DISALLOWED",
     "U+00A1 INVERTED EXCLAMATION MARK is punctuation (Po); UTS #46 accepts it"},
    /* libidn2's defects */
    {S("a$b.com"), "a$b.com", "R_DISALLOWED",
     "libidn2 with STD3 rules drops the '$' and returns ab.com"},
    {S("a..c"), "a..c", "A4_2", "libidn2 accepts the empty label"},
    {S(""), "", "A4_2", "the empty name"},
    {S("ab.1\xD7\x90"), "ab.xn--1-0hc", "B1",
     "bidi across labels: the Hebrew label starts with a digit (RFC 5893 rule 1); libidn2 "
     "judges labels alone"},
    {S("0a.\xD7\x90"), "0a.xn--4db", "B1",
     "bidi across labels: an LTR label starting with a digit breaks rule 1 because another "
     "label is RTL"},
    {S("0a.com"), "0a.com", "", "the same label without an RTL label in the name"},
    /* bidi domains */
    {S("a.\xD7\x90\xD7\x91"), "a.xn--4dbc", "", "an LTR and an RTL label: both pass"},
    {S("\xD7\x90" "1.com"), "xn--1-zhc.com", "", "an RTL label may end with a digit"},
    {S("abc.\xD8\xA7\xD8\xA8\xD8\xAC"), "abc.xn--mgbcm", "", "Latin and Arabic labels"},
    {S("\xD7\x90" "b"), "xn--b-zhc", "B2,B3",
     "Latin letter inside an RTL label (rule 2), and at its end (rule 3)"},
    {S("a\xD7\xB3"), "xn--a-0jc", "R_CONTEXTO,B5,B6",
     "GERESH after a Latin letter fails A.5, and its R class breaks rules 5-6"},
    /* CONTEXTJ */
    {S("\xE0\xA6\x95\xE0\xA7\x8D\xE2\x80\x8C\xE0\xA6\xB7"), "xn--p5b2ezc287j", "",
     "ZWNJ after a Bengali virama (RFC 5892 A.1)"},
    {S("a\xE2\x80\x8C" "b"), "xn--ab-j1t", "C1", "ZWNJ between Latin letters, no virama"},
    {S("\xD8\xA8\xE2\x80\x8C\xD8\xA8"), "xn--ngba799q", "",
     "ZWNJ between dual-joining Arabic letters (A.1 joining-type context)"},
    {S("\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8D\xE0\xA4\xB7"), "xn--11b2ezcw70k", "",
     "ZWJ after a Devanagari virama (A.2)"},
    {S("a\xE2\x80\x8D" "b"), "xn--ab-m1t", "C2", "ZWJ not after a virama"},
    /* CONTEXTO */
    {S("l\xC2\xB7l.com"), "xn--ll-0ea.com", "", "Catalan l·l: MIDDLE DOT between two l (A.3)"},
    {S("a\xC2\xB7l"), "xn--al-0ea", "R_CONTEXTO", "MIDDLE DOT after an a (A.3)"},
    {S("l\xC2\xB7"), "xn--l-gda", "R_CONTEXTO", "MIDDLE DOT at the end (A.3)"},
    {S("\xCE\xB1\xCD\xB5\xCE\xB2"), "xn--wva3je", "", "KERAIA before a Greek letter (A.4)"},
    {S("a\xCD\xB5"), "xn--a-kib", "R_CONTEXTO", "KERAIA at the end of a Latin label (A.4)"},
    {S("\xD7\x90\xD7\xB3"), "xn--4db4e", "", "GERESH after a Hebrew letter (A.5)"},
    {S("\xD7\xB3\xD7\x90"), "xn--4db3e", "R_CONTEXTO", "GERESH first in the label (A.5)"},
    {S("\xD7\xA6\xD7\x94\xD7\xB4\xD7\x9C"), "xn--8dbq2a9c", "",
     "GERSHAYIM after a Hebrew letter (A.6)"},
    {S("\xE3\x82\xA2\xE3\x83\xBB\xE3\x82\xAB"), "xn--ccks3v", "",
     "KATAKANA MIDDLE DOT with Katakana (A.7)"},
    {S("\xE6\xBC\xA2\xE3\x83\xBB\xE5\xAD\x97"), "xn--vek488jjom", "",
     "KATAKANA MIDDLE DOT with Han (A.7)"},
    {S("a\xE3\x83\xBB" "b"), "xn--ab-3n4a", "R_CONTEXTO",
     "KATAKANA MIDDLE DOT with Latin only (A.7)"},
    {S("\xD8\xA8\xD9\xA0\xD9\xA1"), "xn--ngb6id", "", "Arabic-Indic digits alone (A.8)"},
    {S("\xD8\xA8\xDB\xB1\xDB\xB2"), "xn--ngb61bd", "", "extended Arabic-Indic digits alone (A.9)"},
    {S("\xD8\xA8\xD9\xA0\xDB\xB1"), "xn--ngb6i1r", "B4,R_CONTEXTO",
     "Arabic-Indic mixed with extended Arabic-Indic digits (A.8, A.9; rule 4 as both are "
     "numbers of different classes)"},
    /* exceptions and other properties */
    {S("\xC3\x9F.de"), "xn--zca.de", "", "sharp s is PVALID by exception (§2.6)"},
    {S("\xCF\x82.gr"), "xn--3xa.gr", "", "final sigma is PVALID by exception"},
    {S("\xE3\x80\x87"), "xn--w6j", "", "U+3007 IDEOGRAPHIC NUMBER ZERO is PVALID by exception"},
    {S("a\xD9\x80" "b"), "xn--ab-hvd", "R_DISALLOWED,B5",
     "ARABIC TATWEEL is DISALLOWED by exception (and is AL in an LTR label)"},
    {S("\xCD\xB8"), "xn--zva", "R_UNASSIGNED", "U+0378 is unassigned"},
    {S("\xE1\x84\x80"), "xn--ypd", "R_DISALLOWED", "conjoining jamo are OldHangulJamo (§2.9)"},
    {S("a\xE3\x80\x82" "b"), "xn--ab-r13a", "R_DISALLOWED",
     "IDEOGRAPHIC FULL STOP is not mapped to a dot: nothing is mapped"},
    {S("\xEF\xBC\xA1"), "xn--ph7c", "R_DISALLOWED", "FULLWIDTH A is Unstable (§2.2)"},
    {S("B\xC3\xBC" "cher.de"), "xn--Bcher-kva.de", "R_DISALLOWED",
     "a capital letter in a U-label is Unstable (UTS #46 would map it)"},
    {S("Example.COM"), "example.com", "", "LDH labels may have capitals"},
    {S(" ab.c"), " ab.c", "R_DISALLOWED", "a leading space is part of the name"},
    {S("\xCC\x81" "a"), "xn--a-wbb", "V5", "a label must not begin with a combining mark"},
    {S("u\xCC\x88"), "xn--u-ccb", "V1", "a U-label must be in NFC"},
    /* hyphens */
    {S("ab--c"), "ab--c", "V2", "hyphens in positions 3-4 of an LDH label (R-LDH)"},
    {S("ab-"), "ab-", "V3", "trailing hyphen"},
    {S("a-b.c-d"), "a-b.c-d", "", "inner hyphens are fine"},
    /* A-labels */
    {S("xn--bcher-kva.de"), "xn--bcher-kva.de", "", "an A-label that round-trips"},
    {S("XN--BCHER-KVA.DE"), "xn--bcher-kva.de", "", "ACE prefix and Punycode in capitals"},
    {S("xn--"), "xn--", "R_ALABEL", "an A-label with nothing after the prefix"},
    {S("xn--abc-"), "xn--abc-", "R_ALABEL", "an A-label that decodes to ASCII only"},
    {S("xn--u-ccb"), "xn--u-ccb", "V1", "an A-label that decodes to non-NFC text"},
    {S("xn--n3h.net"), "xn--n3h.net", "R_DISALLOWED", "the A-label of the snowman"},
    {S("xn--xn--a--gua.pt"), "xn--xn--a--gua.pt", "V2",
     "an A-label whose U-label (xn--a-ä) has hyphens in positions 3-4 (found by fuzz_idn_check "
     "on IdnaTestV2 sources)"},
    {S("xn--a-\xC3\xA4"), "xn--a-\xC3\xA4", "P4", "an A-label with non-ASCII does not decode"},
    {S("xn--99999999999999999999a"), "xn--99999999999999999999a", "P4",
     "Punycode that overflows"},
    /* lengths in A-label form */
    {S(L63 ".com"), L63 ".com", "", "a 63-octet label"},
    {S(L63 "d.com"), L63 "d.com", "A4_2", "a 64-octet label"},
    {S("\xC3\xBC" L63), "xn--" L63 "-0qg", "A4_2",
     "a 64-character U-label is far over 63 octets as an A-label"},
    {S(L63 "." L63 "." L63 "." L63 ".a"), L63 "." L63 "." L63 "." L63 ".a", "A4_1",
     "257 octets"},
    {S("example.com."), "example.com.", "", "the root label after a final dot"},
    {S("bad\xFF.de"), "", "X_UTF8", "invalid UTF-8"},
};

static void test_table(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *out = NULL;
    size_t n = 0;
    loc_status st = loc_idn_check_alloc(ctx, 0, cases[i].in, cases[i].in_len, &out, &n);
    char got[160];
    codes(got, sizeof got);
    bool ok = st == LOC_OK && strcmp(out, cases[i].out) == 0 &&
              strcmp(got, cases[i].codes) == 0 &&
              loc_idn_ok(ctx) == (cases[i].codes[0] == '\0');
    if (!ok)
      fail_msg("case %zu (%s): status %d, output \"%s\", codes \"%s\" (want \"%s\" [%s])", i,
               cases[i].why, st, out ? out : "", got, cases[i].out, cases[i].codes);
    loc_free(out);
  }
}

/* Registration is stricter than UTS #46: what it accepts, UTS #46 accepts
 * with the same A-label form. */
static void test_stricter_than_uts46(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    if (cases[i].codes[0] != '\0')
      continue;
    char *out = NULL;
    size_t n;
    assert_int_equal(loc_idn_to_ascii_alloc(ctx, 0, cases[i].in, cases[i].in_len, &out, &n),
                     LOC_OK);
    if (!loc_idn_ok(ctx) || strcmp(out, cases[i].out) != 0)
      fail_msg("case %zu (%s): UTS #46 gives \"%s\", ok %d", i, cases[i].why, out,
               loc_idn_ok(ctx));
    loc_free(out);
    /* and check --profile uts46 is to-ascii */
    assert_int_equal(loc_idn_check_alloc(ctx, LOC_IDN_CHECK_UTS46, cases[i].in,
                                         cases[i].in_len, &out, &n), LOC_OK);
    assert_true(loc_idn_ok(ctx));
    assert_string_equal(out, cases[i].out);
    loc_free(out);
  }
}

static const loc_idn_error *find(const char *code) {
  for (size_t i = 0; i < loc_idn_error_count(ctx); i++)
    if (strcmp(loc_idn_error_at(ctx, i)->code, code) == 0)
      return loc_idn_error_at(ctx, i);
  return NULL;
}

static void test_messages(void **state) {
  (void)state;
  char out[64];
  size_t n;
  /* "ok.a☃": the snowman is label 1, byte 4 */
  assert_int_equal(loc_idn_check(ctx, 0, S("ok.a\xE2\x98\x83"), out, sizeof out, &n),
                   LOC_OK);
  const loc_idn_error *e = find("R_DISALLOWED");
  assert_non_null(e);
  assert_int_equal(e->label, 1);
  assert_int_equal(e->offset, 4);
  assert_int_equal(e->codepoint, 0x2603);
  assert_non_null(strstr(e->message, "U+2603 SNOWMAN"));
  assert_non_null(strstr(e->message, "RFC 5892 §2.1"));
  assert_non_null(strstr(e->message, "NV8"));
  assert_int_equal(loc_idn_check(ctx, 0, S("x.a\xC2\xB7l"), out, sizeof out, &n), LOC_OK);
  e = find("R_CONTEXTO");
  assert_non_null(e);
  assert_int_equal(e->label, 1);
  assert_int_equal(e->offset, 3);
  assert_non_null(strstr(e->message, "U+00B7 MIDDLE DOT"));
  assert_non_null(strstr(e->message, "RFC 5892 Appendix A.3"));
  assert_int_equal(loc_idn_check(ctx, 0, S("\xEF\xBC\xA1"), out, sizeof out, &n), LOC_OK);
  assert_non_null(strstr(find("R_DISALLOWED")->message, "§2.2 Unstable"));
  assert_int_equal(loc_idn_check(ctx, 0, S("a..c"), out, sizeof out, &n), LOC_OK);
  assert_non_null(strstr(find("A4_2")->message, "RFC 1035"));
  /* the checks are not UTS #46's: ICU is not asked */
  assert_int_equal(loc_idn_icu_errors(ctx), 0);
}

static void test_properties(void **state) {
  (void)state;
  static const struct {
    int32_t cp;
    loc_idn_property p;
  } props[] = {
      {'a', LOC_IDN_PVALID},        {'0', LOC_IDN_PVALID},
      {'-', LOC_IDN_PVALID},        {'A', LOC_IDN_DISALLOWED},
      {0x00DF, LOC_IDN_PVALID},     {0x00B7, LOC_IDN_CONTEXTO},
      {0x0660, LOC_IDN_CONTEXTO},   {0x06F9, LOC_IDN_CONTEXTO},
      {0x200C, LOC_IDN_CONTEXTJ},   {0x200D, LOC_IDN_CONTEXTJ},
      {0x0378, LOC_IDN_UNASSIGNED}, {0xFDD0, LOC_IDN_DISALLOWED},
      {0x00AD, LOC_IDN_DISALLOWED}, {0x1D100, LOC_IDN_DISALLOWED},
      {0x20D0, LOC_IDN_DISALLOWED}, {0x1100, LOC_IDN_DISALLOWED},
      {0x0640, LOC_IDN_DISALLOWED}, {0x0301, LOC_IDN_PVALID},
      {0x0915, LOC_IDN_PVALID},     {0x1F600, LOC_IDN_DISALLOWED},
      {0xD800, LOC_IDN_DISALLOWED}, {0x110000, LOC_IDN_DISALLOWED},
      /* added in Unicode 14/15, after libidn2 2.3.3's tables */
      {0x0870, LOC_IDN_PVALID},     {0x11F04, LOC_IDN_PVALID},
      {0x1E4D0, LOC_IDN_PVALID},    {0x1E030, LOC_IDN_DISALLOWED}, /* superscript: Unstable */
  };
  for (size_t i = 0; i < sizeof props / sizeof props[0]; i++)
    if (loc_idn_rfc5892_property(idn, props[i].cp) != props[i].p)
      fail_msg("U+%04X: property %d, want %d", (unsigned)props[i].cp,
               loc_idn_rfc5892_property(idn, props[i].cp), props[i].p);
  assert_int_equal(loc_idn_rfc5892_property(NULL, 'a'), LOC_IDN_DISALLOWED);
}

/* UTS #39 restriction levels per label, the name's being the least
 * restrictive; warnings that never change the verdict. */
static void test_levels(void **state) {
  (void)state;
  static const struct {
    const char *in;
    unsigned flags;
    loc_idn_level level;
    bool ok;
    const char *warning; /* first warning code, "" for none */
    const char *why;
  } levels[] = {
      {"apple.com", 0, LOC_IDN_LEVEL_ASCII, true, "", "ASCII only"},
      {"\xD0\xB0\xD1\x80\xD1\x80\xD3\x8F\xD0\xB5.com", 0, LOC_IDN_LEVEL_SINGLE_SCRIPT, true,
       "W_WHOLE_SCRIPT", "all-Cyrillic аррӏе is single-script, and a whole-script look-alike "
       "of apple under .com"},
      {"\xD0\xB0\xD1\x80\xD1\x80\xD3\x8F\xD0\xB5.\xD1\x80\xD1\x84", 0,
       LOC_IDN_LEVEL_SINGLE_SCRIPT, true, "", "under .рф a Cyrillic label is expected"},
      {"\xD0\xB0\xD1\x80\xD1\x80\xD3\x8F\xD0\xB5.bg", 0, LOC_IDN_LEVEL_SINGLE_SCRIPT, true,
       "", "and under .bg"},
      {"1\xD5\xB7.com", 0, LOC_IDN_LEVEL_SINGLE_SCRIPT, true, "W_DIGIT_LOOKALIKE",
       "1 and ARMENIAN SMALL LETTER SHA, which looks like 2"},
      {"pi\xCC\x87xel.com", 0, LOC_IDN_LEVEL_SINGLE_SCRIPT, true, "W_LOOKALIKE_CONTEXT",
       "a dot above on i"},
      {"p\xD0\xB0ypal.com", 0, LOC_IDN_LEVEL_MINIMALLY_RESTRICTIVE, true, "",
       "Latin with a Cyrillic а"},
      {"p\xD0\xB0ypal.com", LOC_IDN_MAX_LEVEL(LOC_IDN_LEVEL_HIGHLY_RESTRICTIVE),
       LOC_IDN_LEVEL_MINIMALLY_RESTRICTIVE, false, "", "--max-level rejects it"},
      {"\xE3\x82\xAB\xE3\x82\xBF" "abc.jp", 0, LOC_IDN_LEVEL_HIGHLY_RESTRICTIVE, true, "",
       "Katakana + Latin is a Japanese combination"},
      {"\xE3\x82\xAB\xE3\x82\xBF" "abc.jp", LOC_IDN_MAX_LEVEL(LOC_IDN_LEVEL_HIGHLY_RESTRICTIVE),
       LOC_IDN_LEVEL_HIGHLY_RESTRICTIVE, true, "", "and is within highly-restrictive"},
      {"ab.\xD7\x90\xD7\x91", 0, LOC_IDN_LEVEL_SINGLE_SCRIPT, true, "",
       "labels are judged alone: Latin and Hebrew labels are each single-script"},
      {"\xE2\x98\x83.net", 0, LOC_IDN_LEVEL_UNRESTRICTED, false, "",
       "a symbol outside the identifier profile"},
      {"\xE0\xA6\x95\xE0\xA7\x8D\xE2\x80\x8C\xE0\xA6\xB7", 0, LOC_IDN_LEVEL_SINGLE_SCRIPT, true,
       "W_INVISIBLE", "an allowed ZWNJ is a warning, not an error"},
      {"\xE0\xA4\x95\xE0\xA4\x82\xE0\xA4\x82", 0, LOC_IDN_LEVEL_SINGLE_SCRIPT, true,
       "W_INVISIBLE", "the same nonspacing mark twice"},
      {"a1\xD9\xA1.com", LOC_IDN_CHECK_UTS46, LOC_IDN_LEVEL_MODERATELY_RESTRICTIVE, false,
       "W_MIXED_NUMBERS", "digit one and ARABIC-INDIC DIGIT ONE (and bidi errors)"},
      {"\xE0\xA5\xA7" "1", 0, LOC_IDN_LEVEL_SINGLE_SCRIPT, true, "W_MIXED_NUMBERS",
       "DEVANAGARI DIGIT ONE and DIGIT ONE: valid, with a warning"},
      {"P\xD0\x90YPAL.com", LOC_IDN_CHECK_UTS46, LOC_IDN_LEVEL_MINIMALLY_RESTRICTIVE, true, "",
       "profile uts46: levels of the mapped labels"},
  };
  for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
    char *out = NULL;
    size_t n;
    assert_int_equal(loc_idn_check_alloc(ctx, levels[i].flags, levels[i].in,
                                         strlen(levels[i].in), &out, &n), LOC_OK);
    loc_free(out);
    const loc_idn_error *w = loc_idn_warning_at(ctx, 0);
    if (loc_idn_restriction_level(ctx) != levels[i].level || loc_idn_ok(ctx) != levels[i].ok ||
        strcmp(w ? w->code : "", levels[i].warning) != 0)
      fail_msg("case %zu (%s): level %d, ok %d, warning %s, error %s", i, levels[i].why,
               loc_idn_restriction_level(ctx), loc_idn_ok(ctx), w ? w->code : "-",
               loc_idn_error_count(ctx) ? loc_idn_error_at(ctx, 0)->message : "-");
  }
  /* the Latin look-alike of a whole-script confusable */
  char *o2 = NULL;
  size_t n2;
  assert_int_equal(loc_idn_check_alloc(ctx, 0, S("\xD0\xB0\xD1\x80\xD1\x80\xD3\x8F\xD0\xB5.com"),
                                       &o2, &n2), LOC_OK);
  loc_free(o2);
  assert_int_equal(loc_idn_warning_count(ctx), 1);
  assert_string_equal(loc_idn_warning_at(ctx, 0)->lookalike, "apple");
  assert_non_null(strstr(loc_idn_warning_at(ctx, 0)->message, "U+04CF"));
  assert_int_equal(loc_idn_check_alloc(ctx, 0, S("\xE2\x98\x83.net"), &o2, &n2), LOC_OK);
  loc_free(o2);
  assert_null(loc_idn_error_at(ctx, 0)->lookalike); /* errors never have one */
  /* label by label */
  char out[64];
  size_t n;
  assert_int_equal(loc_idn_check(ctx, 0, S("p\xD0\xB0ypal.com"), out, sizeof out, &n),
                   LOC_OK);
  assert_int_equal(loc_idn_label_count(ctx), 2);
  assert_int_equal(loc_idn_label_level(ctx, 0), LOC_IDN_LEVEL_MINIMALLY_RESTRICTIVE);
  assert_int_equal(loc_idn_label_level(ctx, 1), LOC_IDN_LEVEL_ASCII);
  assert_int_equal(loc_idn_label_level(ctx, 2), LOC_IDN_LEVEL_NONE);
  /* a warning is located */
  assert_int_equal(loc_idn_check(ctx, 0, S("x.\xE0\xA6\x95\xE0\xA7\x8D\xE2\x80\x8C\xE0\xA6\xB7"),
                                 out, sizeof out, &n), LOC_OK);
  const loc_idn_error *w = loc_idn_warning_at(ctx, 0);
  assert_int_equal(w->label, 1);
  assert_int_equal(w->offset, 8);
  assert_int_equal(w->codepoint, 0x200C);
  assert_non_null(strstr(w->message, "UTS #39"));
  /* no levels for unreadable input nor after a conversion */
  assert_int_equal(loc_idn_check(ctx, 0, S("a\xFF"), out, sizeof out, &n), LOC_OK);
  assert_int_equal(loc_idn_restriction_level(ctx), LOC_IDN_LEVEL_NONE);
  assert_int_equal(loc_idn_to_ascii(ctx, 0, S("a"), out, sizeof out, &n), LOC_OK);
  assert_int_equal(loc_idn_restriction_level(ctx), LOC_IDN_LEVEL_NONE);
  assert_int_equal(loc_idn_warning_count(ctx), 0);
  /* names */
  for (int l = LOC_IDN_LEVEL_ASCII; l <= LOC_IDN_LEVEL_UNRESTRICTED; l++)
    assert_int_equal(loc_idn_level_parse(loc_idn_level_name((loc_idn_level)l)), l);
  assert_null(loc_idn_level_name(LOC_IDN_LEVEL_NONE));
  assert_int_equal(loc_idn_level_parse("strict"), LOC_IDN_LEVEL_NONE);
  assert_int_equal(loc_idn_level_parse(NULL), LOC_IDN_LEVEL_NONE);
  assert_int_equal(loc_idn_check(ctx, LOC_IDN_MAX_LEVEL(7), S("a"), out, sizeof out, &n),
                   LOC_E_INVALID_ARGUMENT);
}

static void test_arguments(void **state) {
  (void)state;
  char out[8];
  size_t n;
  assert_int_equal(loc_idn_check(ctx, LOC_IDN_TRANSITIONAL, S("a"), out, sizeof out, &n),
                   LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_idn_check(NULL, 0, S("a"), out, sizeof out, &n),
                   LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_idn_check(ctx, 0, S("\xC3\xBC.de"), out, 2, &n),
                   LOC_E_BUFFER_TOO_SMALL);
  assert_int_equal(n, strlen("xn--tda.de"));
  assert_true(loc_idn_ok(ctx));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table),
      cmocka_unit_test(test_stricter_than_uts46),
      cmocka_unit_test(test_messages),
      cmocka_unit_test(test_properties),
      cmocka_unit_test(test_levels),
      cmocka_unit_test(test_arguments),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
