/* The checker: for every rule, inputs that must trigger it and near-misses
 * that must not, with the reason; safe fixes and their idempotence; the rule
 * table; --lang; configuration errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* The index of rule @id, or -1 when no rule has that id. */
static int rule_index(const char *id) {
  size_t i;
  return loc_check_rule_parse(id, &i) == LOC_OK ? (int)i : -1;
}

typedef struct rule_case {
  const char *lang;   /* NULL: no --lang */
  const char *text;
  const char *rule;
  bool fires;         /* must the rule report something? */
  const char *why;
} rule_case;

static const rule_case cases[] = {
    /* legacy encodings */
    {NULL, "" "\xE1" "" "\x80" "" "\xA1" "" "\xE1" "" "\x80" "" "\xBB" "" "\xE1" "" "\x80" "" "\x95" "" "\xE1" "" "\x80" "" "\x8A" "" "\xE1" "" "\x80" "" "\xB9" "" "\xE1" "" "\x80" "" "\xBB" "" "\xE1" "" "\x80" "" "\x95" "" "\xE1" "" "\x80" "" "\x8A" "" "\xE1" "" "\x80" "" "\xB9" "" "\xE1" "" "\x80" "" "\x86" "" "\xE1" "" "\x80" "" "\xAD" "" "\xE1" "" "\x80" "" "\xAF" "" "\xE1" "" "\x80" "" "\x84" "" "\xE1" "" "\x80" "" "\xB9" "" "\xE1" "" "\x80" "" "\x9B" "" "\xE1" "" "\x80" "" "\xAC" " " "\xE1" "" "\x80" "" "\x9C" "" "\xE1" "" "\x80" "" "\xB0" "" "\xE1" "" "\x82" "" "\x94" "" "\xE1" "" "\x80" "" "\xA1" "" "\xE1" "" "\x80" "" "\x81" "" "\xE1" "" "\x80" "" "\xBC" "" "\xE1" "" "\x80" "" "\x84" "" "\xE1" "" "\x80" "" "\xB9" "" "\xE1" "" "\x80" "" "\xB7" "" "\xE1" "" "\x80" "" "\xA1" "" "\xE1" "" "\x80" "" "\xB1" "" "\xE1" "" "\x80" "" "\x9B" "" "\xE1" "" "\x80" "" "\xB8" " " "\xE1" "" "\x80" "" "\xB1" "" "\xE1" "" "\x81" "" "\xBE" "" "\xE1" "" "\x80" "" "\x80" "" "\xE1" "" "\x80" "" "\x8A" "" "\xE1" "" "\x80" "" "\xAC" "" "\xE1" "" "\x80" "" "\x85" "" "\xE1" "" "\x80" "" "\xAC" "" "\xE1" "" "\x80" "" "\x90" "" "\xE1" "" "\x80" "" "\x99" "" "\xE1" "" "\x80" "" "\xB9" "" "\xE1" "" "\x80" "" "\xB8" "", "legacy-encoding", true,
     "Burmese in Zawgyi (myanmar-tools' golden file, UDHR title)"},
    {NULL, "" "\xE1" "" "\x80" "" "\xA1" "" "\xE1" "" "\x80" "" "\x95" "" "\xE1" "" "\x80" "" "\xBC" "" "\xE1" "" "\x80" "" "\x8A" "" "\xE1" "" "\x80" "" "\xBA" "" "\xE1" "" "\x80" "" "\x95" "" "\xE1" "" "\x80" "" "\xBC" "" "\xE1" "" "\x80" "" "\x8A" "" "\xE1" "" "\x80" "" "\xBA" "" "\xE1" "" "\x80" "" "\x86" "" "\xE1" "" "\x80" "" "\xAD" "" "\xE1" "" "\x80" "" "\xAF" "" "\xE1" "" "\x80" "" "\x84" "" "\xE1" "" "\x80" "" "\xBA" "" "\xE1" "" "\x80" "" "\x9B" "" "\xE1" "" "\x80" "" "\xAC" " " "\xE1" "" "\x80" "" "\x9C" "" "\xE1" "" "\x80" "" "\xB0" "" "\xE1" "" "\x80" "" "\xB7" "" "\xE1" "" "\x80" "" "\xA1" "" "\xE1" "" "\x80" "" "\x81" "" "\xE1" "" "\x80" "" "\xBD" "" "\xE1" "" "\x80" "" "\x84" "" "\xE1" "" "\x80" "" "\xB7" "" "\xE1" "" "\x80" "" "\xBA" "" "\xE1" "" "\x80" "" "\xA1" "" "\xE1" "" "\x80" "" "\x9B" "" "\xE1" "" "\x80" "" "\xB1" "" "\xE1" "" "\x80" "" "\xB8" " " "\xE1" "" "\x80" "" "\x80" "" "\xE1" "" "\x80" "" "\xBC" "" "\xE1" "" "\x80" "" "\xB1" "" "\xE1" "" "\x80" "" "\x8A" "" "\xE1" "" "\x80" "" "\xAC" "" "\xE1" "" "\x80" "" "\x85" "" "\xE1" "" "\x80" "" "\xAC" "" "\xE1" "" "\x80" "" "\x90" "" "\xE1" "" "\x80" "" "\x99" "" "\xE1" "" "\x80" "" "\xBA" "" "\xE1" "" "\x80" "" "\xB8" "", "legacy-encoding", false,
     "the same title in Unicode"},
    {"hi", "pwafd ekuo ifjokj ds lHkh lnL;ksa ds tUetkr xkSjo vkSj leku rFkk vfofPNUu vf/kdkj dh Loh" "\xC3" "" "\x91" "fr gh fo'o&'kkfUr] U;k; vkSj LorU=rk dh cqfu;kn gS]", "legacy-encoding", true,
     "Hindi UDHR text in Kruti Dev 010, with --lang hi"},
    {NULL, "pwafd ekuo ifjokj ds lHkh lnL;ksa ds tUetkr xkSjo vkSj leku rFkk vfofPNUu vf/kdkj dh Loh" "\xC3" "" "\x91" "fr gh fo'o&'kkfUr] U;k; vkSj LorU=rk dh cqfu;kn gS]", "legacy-encoding", false,
     "the same without --lang: Latin-1 text is not suspected"},
    /* encoding */
    {NULL, "ab\xFF" "c", "utf8-invalid", true, "0xFF never occurs in UTF-8"},
    {NULL, "\xED\xA0\x80", "utf8-invalid", true, "an encoded surrogate is ill-formed"},
    {NULL, "caf\xC3\xA9", "utf8-invalid", false, "well-formed two-byte sequence"},
    {NULL, "a\xEF\xB7\x90" "b", "nonchar", true, "U+FDD0 is a noncharacter"},
    {NULL, "\xF4\x8F\xBF\xBF", "nonchar", true, "U+10FFFF is a noncharacter"},
    {NULL, "\xEF\xBF\xBD", "nonchar", false, "U+FFFD is a character"},
    {NULL, "\xCD\xB8", "unassigned", true, "U+0378 is unassigned"},
    {NULL, "\xE0\xA4\x85", "unassigned", false, "U+0905 is assigned"},
    {NULL, "\xEE\x80\x80", "pua", true, "U+E000 is private use"},
    {NULL, "\xEF\xA3\xBF", "pua", true, "U+F8FF (the Apple logo by agreement) is private use"},
    {NULL, "\xEF\xA4\x80", "pua", false, "U+F900 is a CJK compatibility ideograph"},
    {NULL, "\xC5\x89", "deprecated", true, "U+0149 is Deprecated"},
    {NULL, "\xE1\x9E\xA3", "deprecated", true, "Khmer U+17A3 is Deprecated"},
    {NULL, "\xE0\xBD\xB3", "deprecated", true, "Tibetan U+0F73 is discouraged"},
    {NULL, "\xE1\x9E\xA2", "deprecated", false, "Khmer U+17A2 is the letter to use"},
    {NULL, "a\x01" "b", "control", true, "U+0001 is a C0 control"},
    {NULL, "a\xC2\x92" "b", "control", true, "U+0092: windows-1252 quote read as Latin-1"},
    {NULL, "a\tb", "control", false, "tab is text"},
    {NULL, "a b\r", "control", false, "a CR before the line end is CRLF"},
    {NULL, "a\rb", "control", true, "a CR inside a line is a control"},
    /* normalization */
    {NULL, "cafe\xCC\x81", "not-nfc", true, "e + combining acute composes"},
    {NULL, "caf\xC3\xA9", "not-nfc", false, "precomposed e acute is NFC"},
    {NULL, "\xE0\xA5\x98", "not-nfc", true, "U+0958 is a composition exclusion"},
    {NULL, "a\xCC\xA3\xCC\x81", "not-nfc", true, "marks out of canonical order (and composable)"},
    {NULL, "\xEF\xAC\x81", "compat-char", true, "U+FB01 fi ligature is a presentation form"},
    {NULL, "\xEF\xBB\xBB", "compat-char", true, "U+FEFB lam-alef is an Arabic presentation form"},
    {NULL, "\xC2\xB2", "compat-char", false, "superscript two is not judged without --lang"},
    {"en", "x\xC2\xB2", "compat-char", true, "superscript two is foreign to English"},
    {"en", "na\xC3\xAF" "ve", "compat-char", false, "i diaeresis is canonical, not compatibility"},
    /* bidi */
    {NULL, "a\xE2\x80\xAE" "bc", "bidi-unbalanced", true, "RLO never closed"},
    {NULL, "a\xE2\x80\xAC", "bidi-unbalanced", true, "PDF closes nothing"},
    {NULL, "\xE2\x81\xA7" "abc\xE2\x81\xA9", "bidi-unbalanced", false, "RLI closed by PDI"},
    {NULL, "\xE2\x81\xA6\xE2\x80\xAB" "a\xE2\x81\xA9", "bidi-unbalanced", true,
     "RLE inside an isolate, not closed before its PDI"},
    {NULL, "\xE2\x80\xAE" "abc\xE2\x80\xAC", "bidi-reorder", true, "an override reorders"},
    {NULL, "\xE2\x81\xA7" "if x\xE2\x81\xA9", "bidi-reorder", true,
     "RLI around left-to-right code (Trojan Source)"},
    {NULL, "\xE2\x81\xA7\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D\xE2\x81\xA9", "bidi-reorder", false,
     "RLI around Hebrew is what isolates are for"},
    {NULL, "\xE2\x81\xA6" "abc\xE2\x81\xA9", "bidi-reorder", false, "LRI around Latin"},
    /* joiners and invisibles */
    {NULL, "a\xE2\x80\x8D" "b", "zw-no-context", true, "ZWJ between Latin letters"},
    {NULL, "a\xE2\x80\x8C", "zw-no-context", true, "ZWNJ after a Latin letter"},
    {NULL, "\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8D\xE0\xA4\xB7", "zw-no-context", false,
     "Devanagari ka + virama + ZWJ + ssa: a half form"},
    {NULL, "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xAE\xD9\x88\xD8\xA7\xD9\x87\xD9\x85",
     "zw-no-context", false, "Persian mi + ZWNJ + khaham"},
    {NULL, "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB", "zw-no-context", false,
     "emoji ZWJ sequence"},
    {NULL, "pass\xE2\x80\x8Bword", "default-ignorable", true, "ZWSP inside a Latin word"},
    {NULL, "\xE0\xB8\x81\xE0\xB8\xB2\xE2\x80\x8B\xE0\xB8\x99", "default-ignorable", false,
     "ZWSP between Thai words marks a word break"},
    {NULL, "co\xC2\xAD" "operate", "default-ignorable", true, "soft hyphen in a word (info)"},
    {NULL, "\xEF\xBB\xBFhello", "default-ignorable", false, "a BOM at the start of a line"},
    {NULL, "he\xEF\xBB\xBFllo", "default-ignorable", true, "a BOM inside a word"},
    {NULL, "\xE2\x9D\xA4\xEF\xB8\x8F", "default-ignorable", false, "VS16 after a heart"},
    {NULL, "a \xE3\x85\xA4 b", "default-ignorable", true, "U+3164 Hangul filler as a blank"},
    {NULL, "a\xC2\xA0 b", "odd-space", true, "NBSP followed by a space"},
    {NULL, "a\xE2\x80\x8A" "b", "odd-space", true, "U+200A hair space"},
    {NULL, "1\xC2\xA0" "000", "odd-space", false, "a single NBSP is ordinary"},
    {NULL, "\xE3\x80\x80\xE3\x80\x80" "x", "odd-space", false, "two ideographic spaces indent"},
    {NULL, "a  b", "odd-space", false, "two ASCII spaces are not unusual kinds"},
    /* do-not-use */
    {NULL, "\xE0\xA4\x85\xE0\xA5\x86", "do-not-use", true, "Devanagari a + e sign for U+0904"},
    {NULL, "\xE0\xA4\x85\xE0\xA4\xBE", "do-not-use", true, "Devanagari a + aa sign for aa"},
    {NULL, "\xE0\xA6\x85\xE0\xA6\xBE", "do-not-use", true, "Bengali a + aa sign for aa"},
    {NULL, "\xE0\xA8\xB2\xE0\xA9\x87", "do-not-use", false, "Gurmukhi la + ee sign: a syllable"},
    {NULL, "\xE0\xB6\x85\xE0\xB7\x8F", "do-not-use", true, "Sinhala a + aa sign for aa"},
    {NULL, "\xE0\xA4\x95\xE0\xA4\xBE\xE0\xA5\x87", "do-not-use", true,
     "Devanagari o sign written as aa + e signs"},
    {NULL, "\xE0\xA4\x95\xE0\xA5\x8B", "do-not-use", false, "Devanagari ko, one o sign"},
    /* broken clusters */
    {NULL, " \xE0\xA4\xBF", "broken-cluster", true, "Devanagari i sign after a space"},
    {NULL, "\xE0\xA4\x95\xE0\xA4\xBE\xE0\xA4\xBE", "broken-cluster", true, "aa sign twice"},
    {NULL, "\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xBE", "broken-cluster", true,
     "vowel sign after a virama"},
    {NULL, "\xE0\xA4\x95\xE0\xA4\xBF\xE0\xA5\x8D", "broken-cluster", true,
     "virama after a vowel sign at the end of a word"},
    {NULL, "\xE0\xA4\x95\xE0\xA5\x81\xE0\xA5\x80", "broken-cluster", true,
     "two vowel signs u + ii on one consonant"},
    {NULL, "\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7\xE0\xA4\xBF", "broken-cluster", false,
     "ksha + i: a conjunct with one vowel sign"},
    {NULL, "\xE2\x97\x8C\xE0\xA4\xBF", "broken-cluster", false,
     "a sign shown on a dotted circle"},
    {NULL, "\xE0\xA6\x95\xE0\xA4\xBF", "broken-cluster", true,
     "a Devanagari sign on a Bengali consonant"},
    {NULL, "\xE1\x80\x80\xE1\x80\xAD\xE1\x80\xAF", "broken-cluster", false,
     "Myanmar ka + i + u: upper then lower vowel"},
    {NULL, "\xE1\x80\x80\xE1\x80\xAF\xE1\x80\xAF", "broken-cluster", true,
     "Myanmar u sign twice"},
    {NULL, "\xE1\xA8\xA0\xE1\xA9\xA2\xE1\xA9\xA2", "broken-cluster", false,
     "Tai Tham repeats signs (UDHR kkh_lana): not judged beyond a missing base"},
    /* mark order */
    {NULL, "\xE1\x9E\x80\xE1\x9F\x81\xE1\x9F\x92\xE1\x9E\x9A", "mark-order", true,
     "Khmer ka + e sign + coeng ro: the subscript belongs before the vowel"},
    {NULL, "\xE1\x9E\x80\xE1\x9F\x92\xE1\x9E\x9A\xE1\x9F\x81", "mark-order", false,
     "Khmer ka + coeng ro + e sign: the right order"},
    {NULL, "\xE0\xA4\x95\xE0\xA5\x87\xE0\xA4\xBC", "mark-order", true,
     "Devanagari nukta after the vowel sign"},
    {NULL, "\xE0\xA4\x95\xE0\xA4\x82\xE0\xA4\xBE", "mark-order", true,
     "Devanagari aa sign after anusvara"},
    {NULL, "\xE0\xA4\x95\xE0\xA4\xBE\xE0\xA4\x82", "mark-order", false,
     "Devanagari kaa + anusvara"},
    {NULL, "\xE0\xA8\x9F\xE0\xA8\xBF\xE0\xA9\x8D\xE0\xA8\xB0", "mark-order", true,
     "Gurmukhi i sign typed before virama + ra"},
    /* scripts */
    {NULL, "p\xD0\xB0yp\xD0\xB0l", "mixed-script", true, "Cyrillic a in a Latin word"},
    {NULL, "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xB8", "mixed-script", false,
     "Han + Hiragana is Japanese (highly restrictive)"},
    {NULL, "paypal \xD0\xBF\xD1\x80\xD0\xB8", "mixed-script", false,
     "Latin and Cyrillic words side by side"},
    /* language */
    {"fa", "\xDA\xA9\xD8\xAA\xD8\xA7\xD8\xA8", "exemplar-aux", false, "Persian with KEHEH"},
    {"fa", "\xD9\x83\xD8\xAA\xD8\xA7\xD8\xA8", "exemplar-aux", true,
     "Arabic KAF in Persian: only in the auxiliary set"},
    {"fa", "\xD9\x83\xD8\xAA\xD8\xA7\xD8\xA8", "exemplar", false,
     "KAF is in a set (the auxiliary one): no warning"},
    {"de", "Stra\xC3\x9F" "e", "exemplar", false, "sharp s is German"},
    {"de", "\xC5\x82\xC3\xB3" "d\xC5\xBA", "exemplar", true, "Polish letters in German"},
    {NULL, "\xD9\x83", "exemplar", false, "no --lang: exemplar rules are off"},
    {"sw", "chakula", "exemplar-aux", false, "Swahili c is in the main set's digraph ch"},
    {"vi", "Vie\xCC\xA3\xCC\x82t", "exemplar", false, "Vietnamese in NFD: marks of its letters"},
    {"hi", "\xE0\xA4\x95\xE0\xA4\xBC", "exemplar", false, "Hindi qa as ka + nukta"},
    {"zh", "\xE9\x89\xB4", "exemplar", false, "a Han character outside the common list"},
    {"en", "x\xCC\x88", "exemplar-aux", true, "diaeresis: English has it in loan words only"},
    {"en", "x\xCC\xA3", "exemplar", true, "a dot below is in no English letter"},
    {"ja", "\xEF\xBC\x91", "compat-char", false, "full-width digit in Japanese"},
};

static bool fires(loc_check_ctx *x, const char *text, int rule) {
  const loc_check_finding *f;
  size_t n;
  assert_int_equal(loc_check_text(x, text, strlen(text), &f, &n), LOC_OK);
  for (size_t i = 0; i < n; i++) {
    assert_true(f[i].offset + f[i].length <= strlen(text));
    assert_non_null(f[i].message);
    if (f[i].rule == (size_t)rule)
      return true;
  }
  return false;
}

static void test_rules(void **state) {
  (void)state;
  int failures = 0;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const rule_case *c = &cases[i];
    loc_checker *ck;
    assert_int_equal(loc_checker_new(c->lang, &ck), LOC_OK);
    loc_check_ctx *x;
    assert_int_equal(loc_check_ctx_new(ck, &x), LOC_OK);
    int r = rule_index(c->rule);
    assert_true(r >= 0);
    if (fires(x, c->text, r) != c->fires) {
      fprintf(stderr, "case %zu: %s %s: %s\n", i, c->rule, c->fires ? "missed" : "fired",
              c->why);
      failures++;
    }
    loc_check_ctx_free(x);
    loc_checker_free(ck);
  }
  assert_int_equal(failures, 0);
}

static const struct fix_case {
  const char *in, *out, *why;
} fixes[] = {
    {"cafe\xCC\x81 ok", "caf\xC3\xA9 ok", "NFC"},
    {"\xE0\xA4\x85\xE0\xA5\x86", "\xE0\xA4\x84", "do-not-use: the single letter U+0904"},
    {"\xE0\xA4\x95\xE0\xA4\xBE\xE0\xA5\x87", "\xE0\xA4\x95\xE0\xA5\x8B", "split o sign joined"},
    {"\xE1\x9E\x80\xE1\x9F\x81\xE1\x9F\x92\xE1\x9E\x9A",
     "\xE1\x9E\x80\xE1\x9F\x92\xE1\x9E\x9A\xE1\x9F\x81", "Khmer coeng before the vowel"},
    {"\xE0\xA4\x95\xE0\xA5\x87\xE0\xA4\xBC", "\xE0\xA4\x95\xE0\xA4\xBC\xE0\xA5\x87",
     "nukta before the vowel sign"},
    {"\xE0\xA8\x9F\xE0\xA8\xBF\xE0\xA9\x8D\xE0\xA8\xB0",
     "\xE0\xA8\x9F\xE0\xA9\x8D\xE0\xA8\xB0\xE0\xA8\xBF", "Gurmukhi conjunct before the i sign"},
    {"a\xE2\x80\xAE" "b \xFF", "a\xE2\x80\xAE" "b \xFF", "no safe fix: nothing changes"},
    {"p\xD0\xB0ypal", "p\xD0\xB0ypal", "a suggestion is not a fix"},
};

static void test_fix(void **state) {
  (void)state;
  loc_checker *ck;
  loc_check_ctx *x;
  assert_int_equal(loc_checker_new(NULL, &ck), LOC_OK);
  assert_int_equal(loc_check_ctx_new(ck, &x), LOC_OK);
  for (size_t i = 0; i < sizeof fixes / sizeof fixes[0]; i++) {
    char *out, *again;
    size_t n, m;
    assert_int_equal(loc_check_fix_alloc(x, fixes[i].in, strlen(fixes[i].in), &out, &n),
                     LOC_OK);
    if (n != strlen(fixes[i].out) || memcmp(out, fixes[i].out, n) != 0)
      fail_msg("fix case %zu (%s): got '%s'", i, fixes[i].why, out);
    assert_int_equal(loc_check_fix_alloc(x, out, n, &again, &m), LOC_OK);
    assert_true(m == n && memcmp(out, again, n) == 0);
    loc_free(out);
    loc_free(again);
  }
  loc_check_ctx_free(x);
  loc_checker_free(ck);
}

static void test_suggestion(void **state) {
  (void)state;
  loc_checker *ck;
  loc_check_ctx *x;
  assert_int_equal(loc_checker_new(NULL, &ck), LOC_OK);
  assert_int_equal(loc_check_ctx_new(ck, &x), LOC_OK);
  const char *s = "p\xD0\xB0yp\xD0\xB0l";
  const loc_check_finding *f;
  size_t n;
  assert_int_equal(loc_check_text(x, s, strlen(s), &f, &n), LOC_OK);
  assert_int_equal(n, 1);
  assert_string_equal(loc_check_rule_at(f[0].rule)->id, "mixed-script");
  assert_int_equal(f[0].offset, 0);
  assert_int_equal(f[0].length, strlen(s));
  assert_null(f[0].fix);
  assert_non_null(f[0].suggestion);
  assert_int_equal(f[0].suggestion_len, 6);
  assert_memory_equal(f[0].suggestion, "paypal", 6);
  loc_check_ctx_free(x);
  loc_checker_free(ck);
}

/* Persian: KAF is reported (info) with KEHEH as the suggestion. */
static void test_persian_kaf(void **state) {
  (void)state;
  loc_checker *ck;
  loc_check_ctx *x;
  assert_int_equal(loc_checker_new("fa", &ck), LOC_OK);
  assert_int_equal(loc_check_ctx_new(ck, &x), LOC_OK);
  const char *s = "\xD9\x83\xD8\xAA\xD8\xA7\xD8\xA8"; /* KAF TEH ALEF BEH */
  const loc_check_finding *f;
  size_t n;
  assert_int_equal(loc_check_text(x, s, strlen(s), &f, &n), LOC_OK);
  assert_int_equal(n, 1);
  assert_string_equal(loc_check_rule_at(f[0].rule)->id, "exemplar-aux");
  assert_int_equal(f[0].severity, LOC_SEVERITY_INFO);
  assert_int_equal(f[0].offset, 0);
  assert_int_equal(f[0].length, 2);
  assert_null(f[0].fix);
  assert_int_equal(f[0].suggestion_len, 2);
  assert_memory_equal(f[0].suggestion, "\xDA\xA9", 2);
  loc_check_ctx_free(x);
  loc_checker_free(ck);
}

/* One checker shared by threads, a context each: the same findings. */
typedef struct worker {
  const loc_checker *ck;
  size_t count;
  bool ok;
} worker;

static const char thread_text[] =
    "p\xD0\xB0ypal cafe\xCC\x81 \xE0\xA4\x85\xE0\xA5\x86 \xE2\x80\xAE \xD9\x83 "
    "\xE1\x9E\x80\xE1\x9F\x81\xE1\x9F\x92\xE1\x9E\x9A \xFF";

static void *work(void *arg) {
  worker *w = arg;
  loc_check_ctx *x;
  w->ok = loc_check_ctx_new(w->ck, &x) == LOC_OK;
  for (int i = 0; w->ok && i < 300; i++) {
    const loc_check_finding *f;
    size_t n;
    char *fixed;
    size_t fixed_len;
    w->ok = loc_check_text(x, thread_text, sizeof thread_text - 1, &f, &n) == LOC_OK &&
            (i == 0 || n == w->count) &&
            loc_check_fix_alloc(x, thread_text, sizeof thread_text - 1, &fixed, &fixed_len) ==
                LOC_OK;
    w->count = n;
    if (w->ok)
      loc_free(fixed);
  }
  loc_check_ctx_free(x);
  return NULL;
}

static void test_threads(void **state) {
  (void)state;
  loc_checker *ck;
  assert_int_equal(loc_checker_new("fa", &ck), LOC_OK);
  worker w[4];
  pthread_t t[4];
  for (int i = 0; i < 4; i++) {
    w[i] = (worker){ck, 0, false};
    assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
  }
  for (int i = 0; i < 4; i++) {
    pthread_join(t[i], NULL);
    assert_true(w[i].ok);
    assert_int_equal(w[i].count, w[0].count);
  }
  assert_true(w[0].count >= 6);
  loc_checker_free(ck);
}

static void test_table_and_config(void **state) {
  (void)state;
  size_t n = loc_check_rule_count();
  assert_true(n >= 19);
  for (size_t i = 0; i < n; i++) {
    const loc_check_rule *r = loc_check_rule_at(i);
    assert_non_null(r);
    size_t at = SIZE_MAX;
    assert_int_equal(loc_check_rule_parse(r->id, &at), LOC_OK);
    assert_int_equal(at, i);
    assert_non_null(loc_check_severity_name(r->severity));
    assert_true(strlen(r->summary) > 10);
  }
  assert_null(loc_check_rule_at(n));
  size_t kept = 7;
  assert_int_equal(loc_check_rule_parse("no-such-rule", &kept), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(kept, 7);
  assert_int_equal(loc_check_rule_parse(NULL, &kept), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_check_rule_parse("pua", NULL), LOC_E_INVALID_ARGUMENT);

  loc_checker *ck;
  assert_int_equal(loc_checker_new("not a tag!", &ck), LOC_E_INVALID_TAG);
  assert_null(ck);
  assert_int_equal(loc_checker_new(NULL, &ck), LOC_OK);
  assert_int_equal(loc_checker_set_rule(ck, "nope", false), LOC_E_INVALID_ARGUMENT);
  int nfc = rule_index("not-nfc"), ex = rule_index("exemplar");
  assert_false(loc_checker_rule_enabled(ck, (size_t)ex)); /* needs --lang */
  assert_int_equal(loc_checker_set_rule(ck, "all", false), LOC_OK);
  assert_false(loc_checker_rule_enabled(ck, (size_t)nfc));
  assert_int_equal(loc_checker_set_rule(ck, "not-nfc", true), LOC_OK);
  assert_true(loc_checker_rule_enabled(ck, (size_t)nfc));
  assert_int_equal(loc_checker_set_rule(ck, "exemplar", true), LOC_OK);
  assert_false(loc_checker_rule_enabled(ck, (size_t)ex));
  loc_check_ctx *x;
  assert_int_equal(loc_check_ctx_new(ck, &x), LOC_OK);
  /* only not-nfc runs: the control character and bad byte go unreported */
  const char *s = "e\xCC\x81\x01\xFF";
  const loc_check_finding *f;
  size_t count;
  assert_int_equal(loc_check_text(x, s, strlen(s), &f, &count), LOC_OK);
  assert_int_equal(count, 1);
  assert_int_equal(f[0].rule, (size_t)nfc);
  /* empty text and NULL with length 0 */
  assert_int_equal(loc_check_text(x, NULL, 0, &f, &count), LOC_OK);
  assert_int_equal(count, 0);
  assert_int_equal(loc_check_text(NULL, s, 1, &f, &count), LOC_E_INVALID_ARGUMENT);
  loc_check_ctx_free(x);
  loc_checker_free(ck);
  loc_checker_free(NULL);
  loc_check_ctx_free(NULL);
}

/* Every code point ICU calls Deprecated is reported (the checker keeps the
 * property lookup to a few ranges). */
static void test_every_deprecated(void **state) {
  (void)state;
  loc_checker *ck;
  loc_check_ctx *x;
  assert_int_equal(loc_checker_new(NULL, &ck), LOC_OK);
  assert_int_equal(loc_check_ctx_new(ck, &x), LOC_OK);
  int rule = rule_index("deprecated"), seen = 0;
  for (UChar32 cp = 0; cp <= 0x10FFFF; cp++) {
    if (!u_hasBinaryProperty(cp, UCHAR_DEPRECATED))
      continue;
    char buf[8];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, cp);
    buf[n] = '\0';
    if (!fires(x, buf, rule))
      fail_msg("U+%04X is Deprecated but not reported", (unsigned)cp);
    seen++;
  }
  assert_true(seen >= 10);
  loc_check_ctx_free(x);
  loc_checker_free(ck);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rules),
      cmocka_unit_test(test_fix),
      cmocka_unit_test(test_suggestion),
      cmocka_unit_test(test_persian_kaf),
      cmocka_unit_test(test_table_and_config),
      cmocka_unit_test(test_every_deprecated),
      cmocka_unit_test(test_threads),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
