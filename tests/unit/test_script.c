/* Script runs, summaries, likely scripts: tables of cases with a reason
 * each. Runs are compared in the CLI's text form, "START-END CODE ...". */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <stdio.h>
#include <string.h>
#include <unicode/uscript.h>

#define S(lit) lit, sizeof(lit) - 1

static const struct run_case {
  const char *s;
  size_t n;
  const char *runs;
  const char *why;
} run_cases[] = {
    {S(""), "", "empty text: no runs"},
    {S("Привет (мир) hello"), "0-22 Cyrl 22-27 Latn", "bracket pair inside one Cyrillic run"},
    {S("abc (αβγ) def"), "0-5 Latn 5-11 Grek 11-16 Latn",
     "closing bracket takes the opening bracket's script"},
    {S("hello (мир)"), "0-7 Latn 7-13 Cyrl 13-14 Latn", "trailing closing bracket back to Latin"},
    {S("(мир hello)"), "0-8 Cyrl 8-13 Latn 13-14 Cyrl",
     "leading bracket learns its script from the run it opened"},
    {S("α (β [abc) δ"), "0-8 Grek 8-11 Latn 11-15 Grek",
     "a closing bracket pops an unclosed inner bracket"},
    {S("abc 〈αβ〉"), "0-7 Latn 7-11 Grek 11-14 Latn",
     "U+2329 pairs with U+3009 (canonical equivalents)"},
    {S("abc 〈αβ》"), "0-7 Latn 7-14 Grek", "a closing bracket that matches nothing is Common"},
    {S("Cafe\xCC\x81"), "0-6 Latn", "combining acute after Latin"},
    {S("\xCC\x81" "abc"), "0-5 Latn", "leading combining mark joins the following run"},
    {S("\xCC\x81"), "0-2 Zinh", "a lone combining mark is Inherited"},
    {S("नमस्ते"), "0-18 Deva", "Devanagari vowel signs and virama"},
    {S("क\xE0\xA5\x91"), "0-6 Deva", "U+0951 (Inherited with extensions) after Devanagari"},
    {S("हिन्दी। १२३"), "0-31 Deva", "danda and Devanagari digits in Devanagari text"},
    {S("বাংলা। ১২"), "0-25 Beng", "danda in Bengali text stays Bengali"},
    {S("। বাংলা"), "0-19 Beng", "leading danda joins the Bengali run"},
    {S("বাংলা १२"), "0-16 Beng 16-22 Deva", "Devanagari digits are not Bengali"},
    {S("१क𑂍"), "0-6 Deva 6-10 Kthi",
     "a Devanagari letter narrows {Deva,Dogr,Kthi,Mahj} (digit) to Deva: Kaithi breaks"},
    {S("𑂍१"), "0-7 Kthi", "a Devanagari digit continues Kaithi (Script_Extensions)"},
    {S("abc। def"), "0-10 Latn", "danda after Latin is absorbed, not a run of its own"},
    {S("日本語のテキスト"), "0-24 Jpan", "Han + Hiragana + Katakana is Jpan"},
    {S("한국어 漢字"), "0-16 Kore", "Hangul + Han is Kore"},
    {S("中文"), "0-6 Hani", "pure Han stays Hani"},
    {S("ひらがな"), "0-12 Hira", "pure Hiragana"},
    {S("カタカナ"), "0-12 Kana", "pure Katakana"},
    {S("日本「テスト」"), "0-21 Jpan", "CJK brackets inside Japanese"},
    {S("中文 and 日本語のテキスト"), "0-7 Hani 7-11 Latn 11-35 Jpan", "CJK runs around Latin"},
    {S("かな한글"), "0-6 Hira 6-12 Hang", "kana and Hangul do not merge"},
    {S("مرحبا 123 (عالم)!"), "0-26 Arab", "Arabic with digits, brackets, punctuation"},
    {S("١٢٣، ٤"), "0-11 Arab", "Arabic-Indic digits and Arabic comma"},
    {S("abc مرحبا"), "0-4 Latn 4-14 Arab", "Latin then Arabic"},
    {S("שלום, עולם 42."), "0-22 Hebr", "Hebrew with digits and punctuation"},
    {S("क्\xE2\x80\x8Dष"), "0-12 Deva", "ZWJ inside Devanagari"},
    {S("می\xE2\x80\x8C" "خواهم"), "0-17 Arab", "ZWNJ inside Persian"},
    {S("👨\xE2\x80\x8D👩\xE2\x80\x8D👧 hi"), "0-21 Latn", "emoji ZWJ sequence leads into Latin"},
    {S("hi 👍🏽"), "0-11 Latn", "emoji with skin tone after Latin"},
    {S("😀"), "0-4 Zyyy", "emoji alone is Common"},
    {S("Привет 👋 hello"), "0-18 Cyrl 18-23 Latn", "emoji between scripts joins the left run"},
    {S("  abc  "), "0-7 Latn", "leading and trailing Common"},
    {S("... 123"), "0-7 Zyyy", "only Common"},
    {S("ab\xFF" "c"), "0-4 Latn", "an ill-formed byte is Common, like U+FFFD"},
    {S("\xFF"), "0-1 Zyyy", "only an ill-formed byte"},
    {S("x\xE2\x82"), "0-3 Latn", "truncated character at the end"},
    {S("αβ\xC0\xAF" "abc"), "0-6 Grek 6-9 Latn", "ill-formed bytes join the run before"},
    {S("α\xCD\xB8"), "0-2 Grek 2-4 Zzzz", "unassigned U+0378 is Unknown"},
    {S("\xEE\x80\x80"), "0-3 Zzzz", "private use is Unknown"},
    {S("᚛ᚁᚂ᚜"), "0-12 Ogam", "Ogham feather marks are strong brackets"},
    {S("abc\r"), "0-4 Latn", "a carriage return is Common content"},
};

static void runs_string(const loc_script_run *r, size_t n, char *buf, size_t cap) {
  size_t len = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < n; i++)
    len += (size_t)snprintf(buf + len, cap - len, "%s%zu-%zu %s", i ? " " : "",
                            r[i].start, r[i].end, r[i].code);
}

/* Feeds @s cut at the offsets in @cuts (ascending), draining after each piece. */
static void runs_in_pieces(loc_script_iter *it, const char *s, size_t n, const size_t *cuts,
                           size_t ncuts, char *buf, size_t cap) {
  loc_script_run r[64];
  size_t k = 0, from = 0;
  for (size_t c = 0; c <= ncuts; c++) {
    size_t to = c < ncuts ? cuts[c] : n;
    assert_int_equal(loc_script_iter_feed(it, s + from, to - from), LOC_OK);
    while (k < 64 && loc_script_iter_next(it, &r[k]))
      k++;
    from = to;
  }
  assert_int_equal(loc_script_iter_finish(it), LOC_OK);
  while (k < 64 && loc_script_iter_next(it, &r[k]))
    k++;
  runs_string(r, k, buf, cap);
}

static void test_runs(void **state) {
  (void)state;
  char got[512];
  for (size_t i = 0; i < sizeof run_cases / sizeof run_cases[0]; i++) {
    const struct run_case *c = &run_cases[i];
    loc_script_run *r;
    size_t n;
    assert_int_equal(loc_script_runs(c->s, c->n, &r, &n), LOC_OK);
    runs_string(r, n, got, sizeof got);
    if (strcmp(got, c->runs) != 0)
      fail_msg("%s: got \"%s\", want \"%s\"", c->why, got, c->runs);
    /* runs cover the text, in order, without gaps */
    for (size_t k = 0; k < n; k++) {
      assert_true(r[k].start < r[k].end);
      assert_int_equal(r[k].start, k ? r[k - 1].end : 0);
    }
    if (n)
      assert_int_equal(r[n - 1].end, c->n);
    loc_free(r);
  }
}

static void test_resume(void **state) {
  (void)state;
  loc_script_iter *it;
  assert_int_equal(loc_script_iter_new(&it), LOC_OK);
  char got[512];
  for (size_t i = 0; i < sizeof run_cases / sizeof run_cases[0]; i++) {
    const struct run_case *c = &run_cases[i];
    /* every single cut point, including inside characters */
    for (size_t cut = 0; cut <= c->n; cut++) {
      runs_in_pieces(it, c->s, c->n, &cut, 1, got, sizeof got);
      if (strcmp(got, c->runs) != 0)
        fail_msg("%s, cut at %zu: got \"%s\"", c->why, cut, got);
    }
    /* one byte at a time */
    size_t cuts[128];
    assert_true(c->n < 128);
    for (size_t k = 0; k < c->n; k++)
      cuts[k] = k;
    runs_in_pieces(it, c->s, c->n, cuts, c->n, got, sizeof got);
    if (strcmp(got, c->runs) != 0)
      fail_msg("%s, byte by byte: got \"%s\"", c->why, got);
  }
  /* every pair of cut points in a string mixing everything */
  static const char mixed[] = "(мир \xF0\x9F\x91\x8B abc) 日本語の\xFF\xE2\x82 क्\xE2\x80\x8Dष";
  size_t n = sizeof mixed - 1;
  char want[512];
  runs_in_pieces(it, mixed, n, NULL, 0, want, sizeof want);
  for (size_t a = 0; a <= n; a++)
    for (size_t b = a; b <= n; b++) {
      size_t cuts[2] = {a, b};
      runs_in_pieces(it, mixed, n, cuts, 2, got, sizeof got);
      if (strcmp(got, want) != 0)
        fail_msg("mixed, cuts %zu,%zu: got \"%s\", want \"%s\"", a, b, got, want);
    }
  loc_script_iter_free(it);
}

static void test_iter_states(void **state) {
  (void)state;
  loc_script_iter *it;
  loc_script_run r;
  assert_int_equal(loc_script_iter_new(&it), LOC_OK);
  assert_int_equal(loc_script_iter_feed(it, S("abc αβγ")), LOC_OK);
  assert_int_equal(loc_script_iter_feed(it, S("x")), LOC_E_STATE); /* not drained */
  assert_int_equal(loc_script_iter_finish(it), LOC_E_STATE);
  assert_true(loc_script_iter_next(it, &r));
  assert_string_equal(r.code, "Latn");
  assert_false(loc_script_iter_next(it, &r)); /* Greek is still open */
  assert_int_equal(loc_script_iter_finish(it), LOC_OK);
  assert_int_equal(loc_script_iter_feed(it, S("x")), LOC_E_STATE);
  assert_true(loc_script_iter_next(it, &r));
  assert_int_equal(r.start, 4);
  assert_int_equal(r.end, 10);
  assert_false(loc_script_iter_next(it, &r));
  /* ready for a new text: offsets from 0 again */
  assert_int_equal(loc_script_iter_feed(it, S("мир")), LOC_OK);
  assert_false(loc_script_iter_next(it, &r));
  loc_script_iter_reset(it); /* drop it */
  assert_int_equal(loc_script_iter_feed(it, S("ab")), LOC_OK);
  assert_false(loc_script_iter_next(it, &r));
  assert_int_equal(loc_script_iter_finish(it), LOC_OK);
  assert_true(loc_script_iter_next(it, &r));
  assert_int_equal(r.start, 0);
  assert_int_equal(r.end, 2);
  assert_string_equal(r.code, "Latn");
  assert_false(loc_script_iter_next(it, &r));
  /* the same script again in a new text starts a new run at 0 */
  for (int round = 0; round < 2; round++) {
    assert_int_equal(loc_script_iter_feed(it, S("cd")), LOC_OK);
    assert_false(loc_script_iter_next(it, &r));
    assert_int_equal(loc_script_iter_finish(it), LOC_OK);
    assert_true(loc_script_iter_next(it, &r));
    assert_int_equal(r.start, 0);
    assert_int_equal(r.end, 2);
    assert_false(loc_script_iter_next(it, &r));
  }
  /* ill-formed subparts are counted across texts, a truncated character
   * at the very end only once the text is finished */
  assert_int_equal(loc_script_iter_invalid(it), 0);
  assert_int_equal(loc_script_iter_feed(it, S("a\xFF\xC0\xAF b\xE2\x82")), LOC_OK);
  while (loc_script_iter_next(it, &r))
    ;
  assert_int_equal(loc_script_iter_invalid(it), 3);
  assert_int_equal(loc_script_iter_finish(it), LOC_OK);
  assert_true(loc_script_iter_next(it, &r));
  assert_int_equal(r.end, 8);
  assert_false(loc_script_iter_next(it, &r));
  assert_int_equal(loc_script_iter_invalid(it), 4);
  loc_script_iter_reset(it);
  assert_int_equal(loc_script_iter_invalid(it), 0);
  assert_int_equal(loc_script_iter_invalid(NULL), 0);
  assert_int_equal(loc_script_iter_feed(NULL, "", 0), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_script_iter_feed(it, NULL, 3), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_script_iter_new(NULL), LOC_E_INVALID_ARGUMENT);
  loc_script_iter_free(it);
  loc_script_iter_free(NULL);
}

/* More open brackets than the stack holds: the newest are matched, the
 * rest are ordinary Common characters. */
static void test_bracket_depth(void **state) {
  (void)state;
  enum { OPEN = 100 };
  char s[2 * OPEN + 8];
  size_t n = 0;
  s[n++] = 'a';
  for (int i = 0; i < OPEN; i++)
    s[n++] = '(';
  memcpy(s + n, "\xCE\xB1", 2); /* α */
  n += 2;
  for (int i = 0; i < OPEN; i++)
    s[n++] = ')';
  loc_script_run *r;
  size_t nr;
  char got[128], want[128];
  assert_int_equal(loc_script_runs(s, n, &r, &nr), LOC_OK);
  runs_string(r, nr, got, sizeof got);
  snprintf(want, sizeof want, "0-%d Latn %d-%d Grek %d-%zu Latn", OPEN + 1, OPEN + 1,
           OPEN + 3, OPEN + 3, n);
  assert_string_equal(got, want);
  loc_free(r);
}

static void test_codes(void **state) {
  (void)state;
  int32_t sc;
  assert_string_equal(loc_script_name(USCRIPT_JAPANESE), "Jpan");
  assert_string_equal(loc_script_name(USCRIPT_KOREAN), "Kore");
  assert_string_equal(loc_script_name(USCRIPT_COMMON), "Zyyy");
  assert_string_equal(loc_script_name(-3), "Zzzz");
  assert_string_equal(loc_script_name(100000), "Zzzz");
  assert_int_equal(loc_script_parse("Ethi", &sc), LOC_OK);
  assert_int_equal(sc, USCRIPT_ETHIOPIC);
  assert_int_equal(loc_script_parse("latn", &sc), LOC_OK);
  assert_int_equal(sc, USCRIPT_LATIN);
  assert_int_equal(loc_script_parse("Xyzw", &sc), LOC_E_UNKNOWN_SCRIPT);
  assert_int_equal(loc_script_parse(NULL, &sc), LOC_E_INVALID_ARGUMENT);
}

static const struct summary_case {
  const char *s;
  size_t n;
  const char *dominant;
  uint64_t total;
  const char *why;
} summary_cases[] = {
    {S(""), "Zzzz", 0, "empty input"},
    {S("Hello, world"), "Latn", 12, "Latin letters beat spaces and punctuation"},
    {S("a......"), "Latn", 7, "one letter is enough to beat Common"},
    {S("... 123"), "Zyyy", 7, "only Common"},
    {S("\xCC\x81"), "Zinh", 1, "only Inherited"},
    {S("\xFF\xFE"), "Zzzz", 2, "only ill-formed bytes: one character each"},
    {S("\xF0\x9F\x98" "a"), "Latn", 2, "a truncated character counts once"},
    {S("\xEE\x80\x80\xEE\x80\x80 x"), "Latn", 4, "Unknown is never dominant over a script"},
    {S("abc αβγδ"), "Grek", 8, "more Greek than Latin"},
    {S("ab αβ"), "Grek", 5, "a tie goes to the smaller code (Grek 14 < Latn 25)"},
    {S("日本語のテキスト"), "Jpan", 8, "Han with kana"},
    {S("ひらがなカタカナ"), "Jpan", 8, "Hiragana with Katakana"},
    {S("ひらがな"), "Hira", 4, "Hiragana alone"},
    {S("中文中文中文中文中文中文テ"), "Hani", 13, "a lone katakana in Chinese: less than a tenth"},
    {S("한국어 漢字"), "Kore", 6, "Hangul with Han"},
    {S("한국어"), "Hang", 3, "Hangul alone"},
    {S("中文"), "Hani", 2, "Han alone"},
    {S("ሰላም ልዑል"), "Ethi", 7, "Ethiopic"},
};

static void test_summary(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof summary_cases / sizeof summary_cases[0]; i++) {
    const struct summary_case *c = &summary_cases[i];
    loc_script_summary *sum;
    assert_int_equal(loc_script_summary_new(&sum), LOC_OK);
    assert_int_equal(loc_script_summary_add(sum, c->s, c->n), LOC_OK);
    const char *dom = loc_script_name(loc_script_summary_dominant(sum));
    if (strcmp(dom, c->dominant) != 0 || loc_script_summary_total(sum) != c->total)
      fail_msg("%s: dominant %s total %llu", c->why, dom,
               (unsigned long long)loc_script_summary_total(sum));
    /* the list adds up to the total, most first */
    loc_script_count list[16];
    size_t n = loc_script_summary_list(sum, list, 16);
    uint64_t all = 0;
    for (size_t k = 0; k < n; k++) {
      all += list[k].count;
      assert_true(k == 0 || list[k - 1].count >= list[k].count);
      assert_int_equal(loc_script_summary_count(sum, list[k].script), list[k].count);
    }
    assert_int_equal(all, c->total);
    loc_script_summary_free(sum);
  }
}

/* Counts of parts, added up, give the summary of the whole. */
static void test_summary_add_count(void **state) {
  (void)state;
  loc_script_summary *whole, *a, *b, *sum;
  assert_int_equal(loc_script_summary_new(&whole), LOC_OK);
  assert_int_equal(loc_script_summary_new(&a), LOC_OK);
  assert_int_equal(loc_script_summary_new(&b), LOC_OK);
  assert_int_equal(loc_script_summary_new(&sum), LOC_OK);
  loc_script_summary_add(whole, S("中文中文 ひらがな abc \xFF"));
  loc_script_summary_add(a, S("中文中文 ひら"));
  loc_script_summary_add(b, S("がな abc \xFF"));
  loc_script_count list[16];
  for (loc_script_summary *part = a; part != NULL; part = part == a ? b : NULL) {
    size_t n = loc_script_summary_list(part, list, 16);
    for (size_t k = 0; k < n; k++)
      assert_int_equal(loc_script_summary_add_count(sum, list[k].script, list[k].count), LOC_OK);
  }
  assert_int_equal(loc_script_summary_total(sum), loc_script_summary_total(whole));
  assert_int_equal(loc_script_summary_dominant(sum), USCRIPT_JAPANESE);
  assert_int_equal(loc_script_summary_dominant(whole), USCRIPT_JAPANESE);
  size_t n = loc_script_summary_list(whole, list, 16);
  for (size_t k = 0; k < n; k++)
    assert_int_equal(loc_script_summary_count(sum, list[k].script), list[k].count);
  assert_int_equal(loc_script_summary_add_count(sum, USCRIPT_JAPANESE, 1), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_script_summary_add_count(sum, -1, 1), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_script_summary_add_count(sum, USCRIPT_LATIN, UINT64_MAX),
                   LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_script_summary_add_count(NULL, USCRIPT_LATIN, 1), LOC_E_INVALID_ARGUMENT);
  loc_script_summary_free(whole);
  loc_script_summary_free(a);
  loc_script_summary_free(b);
  loc_script_summary_free(sum);
}

static void test_summary_accumulates(void **state) {
  (void)state;
  loc_script_summary *sum;
  assert_int_equal(loc_script_summary_new(&sum), LOC_OK);
  loc_script_summary_add(sum, S("abc "));
  loc_script_summary_add(sum, S("мир"));
  loc_script_summary_add(sum, S("мир"));
  assert_int_equal(loc_script_summary_total(sum), 10);
  assert_int_equal(loc_script_summary_count(sum, USCRIPT_CYRILLIC), 6);
  assert_int_equal(loc_script_summary_count(sum, USCRIPT_LATIN), 3);
  assert_int_equal(loc_script_summary_count(sum, USCRIPT_COMMON), 1);
  assert_int_equal(loc_script_summary_count(sum, USCRIPT_JAPANESE), 0);
  assert_int_equal(loc_script_summary_dominant(sum), USCRIPT_CYRILLIC);
  assert_int_equal(loc_script_summary_list(sum, NULL, 0), 3);
  loc_script_count one;
  assert_int_equal(loc_script_summary_list(sum, &one, 1), 3);
  assert_string_equal(one.code, "Cyrl");
  assert_int_equal(loc_script_summary_add(sum, NULL, 1), LOC_E_INVALID_ARGUMENT);
  loc_script_summary_free(sum);
  loc_script_summary_free(NULL);
}

static void test_likely(void **state) {
  (void)state;
  static const struct {
    const char *tag;
    loc_status st;
    const char *code;
    const char *why;
  } cases[] = {
      {"am", LOC_OK, "Ethi", "Amharic"},
      {"ti", LOC_OK, "Ethi", "Tigrinya"},
      {"sr", LOC_OK, "Cyrl", "Serbian defaults to Cyrillic"},
      {"sr-Latn", LOC_OK, "Latn", "explicit script wins"},
      {"ja", LOC_OK, "Jpan", "Japanese"},
      {"ko", LOC_OK, "Kore", "Korean"},
      {"zh", LOC_OK, "Hans", "Chinese: Simplified"},
      {"zh-TW", LOC_OK, "Hant", "Chinese in Taiwan: Traditional"},
      {"hi", LOC_OK, "Deva", "Hindi"},
      {"ar", LOC_OK, "Arab", "Arabic"},
      {"ru", LOC_OK, "Cyrl", "Russian"},
      {"yi", LOC_OK, "Hebr", "Yiddish"},
      {"my", LOC_OK, "Mymr", "Burmese"},
      {"en", LOC_OK, "Latn", "English"},
      {"und-RU", LOC_OK, "Cyrl", "a region is enough"},
      {"und", LOC_E_UNKNOWN_SCRIPT, NULL, "und alone implies nothing"},
      {"", LOC_E_UNKNOWN_SCRIPT, NULL, "empty tag"},
      {"not a tag!", LOC_E_INVALID_ARGUMENT, NULL, "not BCP 47"},
      {"iw", LOC_OK, "Hebr", "deprecated code, canonicalized to he first"},
      {"sh", LOC_OK, "Latn", "CLDR alias sh -> sr-Latn, not Serbian's Cyrillic"},
      {"xx", LOC_E_INVALID_ARGUMENT, NULL, "well-formed but not in the IANA registry"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int32_t sc = -1;
    loc_status st = loc_script_for_language(cases[i].tag, &sc);
    if (st != cases[i].st)
      fail_msg("%s (%s): status %s", cases[i].why, cases[i].tag, loc_status_name(st));
    if (cases[i].code && strcmp(loc_script_name(sc), cases[i].code) != 0)
      fail_msg("%s (%s): got %s", cases[i].why, cases[i].tag, loc_script_name(sc));
  }
  assert_int_equal(loc_script_for_language(NULL, NULL), LOC_E_INVALID_ARGUMENT);
}

static void test_agrees(void **state) {
  (void)state;
  static const struct {
    int32_t found, expected;
    bool agrees;
    const char *why;
  } cases[] = {
      {USCRIPT_ETHIOPIC, USCRIPT_ETHIOPIC, true, "exact"},
      {USCRIPT_JAPANESE, USCRIPT_JAPANESE, true, "Jpan found for ja"},
      {USCRIPT_HAN, USCRIPT_JAPANESE, true, "kanji-only Japanese text"},
      {USCRIPT_HIRAGANA, USCRIPT_JAPANESE, true, "kana-only Japanese text"},
      {USCRIPT_KATAKANA, USCRIPT_JAPANESE, true, "katakana-only Japanese text"},
      {USCRIPT_HANGUL, USCRIPT_KOREAN, true, "Hangul-only Korean"},
      {USCRIPT_KOREAN, USCRIPT_KOREAN, true, "mixed Korean"},
      {USCRIPT_HAN, USCRIPT_SIMPLIFIED_HAN, true, "Chinese found as Hani for zh"},
      {USCRIPT_HAN, USCRIPT_TRADITIONAL_HAN, true, "Chinese found as Hani for zh-TW"},
      {USCRIPT_JAPANESE, USCRIPT_HAN, true, "symmetric"},
      {USCRIPT_JAPANESE, USCRIPT_SIMPLIFIED_HAN, false, "Japanese text is not Chinese"},
      {USCRIPT_KOREAN, USCRIPT_JAPANESE, false, "Korean is not Japanese"},
      {USCRIPT_HANGUL, USCRIPT_JAPANESE, false, "Hangul is not Japanese"},
      {USCRIPT_SIMPLIFIED_HAN, USCRIPT_TRADITIONAL_HAN, false, "Hans is not Hant"},
      {USCRIPT_LATIN, USCRIPT_CYRILLIC, false, "different scripts"},
      {USCRIPT_COMMON, USCRIPT_LATIN, false, "Common agrees with nothing else"},
      {USCRIPT_UNKNOWN, USCRIPT_LATIN, false, "Unknown agrees with nothing else"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    if (loc_script_agrees(cases[i].found, cases[i].expected) != cases[i].agrees)
      fail_msg("%s", cases[i].why);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_runs),
      cmocka_unit_test(test_resume),
      cmocka_unit_test(test_iter_states),
      cmocka_unit_test(test_bracket_depth),
      cmocka_unit_test(test_codes),
      cmocka_unit_test(test_summary),
      cmocka_unit_test(test_summary_accumulates),
      cmocka_unit_test(test_summary_add_count),
      cmocka_unit_test(test_likely),
      cmocka_unit_test(test_agrees),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
