/* Segmentation: tables of cases with a reason each. Segments are compared as
 * their texts joined by '|' (with ":type" where a case checks types). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define S(lit) lit, sizeof(lit) - 1
#define G LOC_BREAK_GRAPHEME
#define W LOC_BREAK_WORD
#define SE LOC_BREAK_SENTENCE
#define L LOC_BREAK_LINE

static const struct seg_case {
  loc_segment_kind kind;
  const char *s;
  size_t n;
  const char *want;
  bool types;
  const char *why;
} cases[] = {
    /* dictionary words in scripts written without spaces */
    {W, S("ภาษาไทยง่ายนิดเดียว"), "ภาษา|ไทย|ง่าย|นิด|เดียว", false,
     "Thai: language|Thai|easy|a|little, from ICU's Thai dictionary"},
    {W, S("ສະບາຍດີປະເທດລາວ"), "ສະບາຍດີ|ປະເທດ|ລາວ", false,
     "Lao: hello|country|Lao, from the Lao dictionary"},
    {W, S("ខ្ញុំស្រឡាញ់ប្រទេសកម្ពុជា"), "ខ្ញុំ|ស្រឡាញ់|ប្រទេស|កម្ពុជា", false,
     "Khmer: I|love|country|Cambodia, from the Khmer dictionary"},
    {W, S("ကျွန်တော်စာအုပ်ဖတ်တယ်"), "ကျွန်တော်|စာအုပ်|ဖတ်|တယ်", false,
     "Burmese: I|book|read|(particle), from the Burmese dictionary"},
    {W, S("日本語のテキストです"), "日本語:ideo|の:ideo|テキスト:ideo|です:ideo", true,
     "Japanese: the CJ dictionary splits Han and kana words; dictionary words are ideo"},
    {W, S("中文分词测试"), "中文|分词|测试", false, "Chinese: Chinese|word-split|test"},
    {W, S("Hello, world"), "Hello:word|,:none| :none|world:word", true,
     "Latin words with punctuation and space between"},
    {W, S("can't 3.14 e-mail"), "can't| |3.14| |e|-|mail", false,
     "apostrophe inside a word (WB6/7), decimal number (WB11/12), hyphen breaks"},
    {W, S("ab 12 カタカナ 漢"), "ab:word| :none|12:number| :none|カタカナ:ideo| :none|漢:ideo",
     true, "rule status gives word, number and ideo types; ICU 72 sends kana through "
           "the CJ dictionary, whose words are all ideo"},
    {W, S("👍🏽!"), "👍🏽:none|!:none", true, "an emoji is one segment with no letter"},
    {W, S("a:b"), "a|:|b", false,
     "CLDR root: COLON is not MidLetter (UAX #29 would keep a:b whole)"},
    /* graphemes */
    {G, S("नमस्ते"), "न|म|स्ते", false,
     "Devanagari: vowel signs extend, virama + consonant stays one aksara"},
    {G, S("क्षत्रिय"), "क्ष|त्रि|य", false,
     "CLDR 42 root (ICU 72) keeps conjuncts (consonant virama consonant) in one "
     "cluster; UAX #29 adopted it as GB9c in Unicode 15.1"},
    {G, S("\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8C"), "\xE0\xA4\x95\xE0\xA5\x8D\xE2\x80\x8C", false,
     "virama then ZWNJ (half form request) extend the consonant"},
    {G, S("👨‍👩‍👧x"), "👨‍👩‍👧|x", false, "emoji ZWJ sequence is one grapheme (GB11)"},
    {G, S("🇯🇵🇫🇷🇩"), "🇯🇵|🇫🇷|🇩", false, "regional indicators pair into flags (GB12/13)"},
    {G, S("👍🏽"), "👍🏽", false, "emoji modifier extends its base"},
    {G, S("한국어"), "한|국|어", false, "precomposed Hangul syllables"},
    {G, S("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB" "a"), "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB|a",
     false, "conjoining jamo L V T form one syllable (GB6/7/8)"},
    {G, S("a\r\nb"), "a|\r\n|b", false, "CR LF is one grapheme (GB3)"},
    {G, S("e\xCC\x81\xCC\xA3"), "e\xCC\x81\xCC\xA3", false, "combining marks extend (GB9)"},
    /* sentences */
    {SE, S("Hello, world! How are you? Fine."),
     "Hello, world! :term|How are you? :term|Fine.:term", true, "! ? . end sentences"},
    {SE, S("Use e.g. this one."), "Use e.g. this one.", false,
     "a period before a lowercase word is no sentence end (SB8)"},
    {SE, S("Mr. Smith left."), "Mr. |Smith left.", false,
     "root has no abbreviation list: CLDR's suppressions (Mr.) come with locales"},
    {SE, S("日本語です。次の文。"), "日本語です。|次の文。", false,
     "ideographic full stop ends a sentence without a space"},
    {SE, S("यह है। वह है।"), "यह है। |वह है।", false, "Devanagari danda is STerm"},
    {SE, S("one\xE2\x80\xA9two"), "one\xE2\x80\xA9:sep|two:sep", true,
     "a paragraph separator ends a sentence (sep type)"},
    /* line-break opportunities */
    {L, S("Hello world"), "Hello :soft|world:soft", true, "break after spaces"},
    {L, S("ab\r\ncd"), "ab\r\n:hard|cd:soft", true, "CR LF is a mandatory break"},
    {L, S("well-known"), "well-|known", false, "break after a hyphen between letters"},
    {L, S("10\xC2\xA0km"), "10\xC2\xA0km", false, "no break at NO-BREAK SPACE (GL)"},
    {L, S("日本語とEnglish"), "日|本|語|と|English", false,
     "ideographs and kana allow breaks around each; Latin stays whole"},
    {L, S("ภาษาไทย ง่าย"), "ภาษา|ไทย |ง่าย", false,
     "Thai line breaks at dictionary word boundaries (SA)"},
    {L, S("(\"quoted\") text"), "(\"quoted\") |text", false,
     "no break after an opening or before a closing punctuation"},
    /* ill-formed UTF-8: one U+FFFD per maximal subpart, offsets exact */
    {G, S("a\xFF" "b"), "a|\xFF|b", false, "a stray byte is one cluster"},
    {W, S("ab\xE0\x80" "cd"), "ab|\xE0|\x80|cd", false,
     "E0 80 is two maximal subparts: two U+FFFD segments, no byte dropped"},
    {G, S("a\xE2\x82"), "a|\xE2\x82", false, "a truncated sequence at the end is one subpart"},
    {W, S("x\xED\xA0\x80y"), "x|\xED|\xA0|\x80|y", false,
     "an encoded surrogate is three subparts (Unicode §3.9)"},
};

static void join(const char *s, const loc_segment *segs, size_t n, bool types, char *buf,
                 size_t cap) {
  size_t k = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < n; i++) {
    int w = snprintf(buf + k, cap - k, "%s%.*s%s%s", i ? "|" : "",
                     (int)(segs[i].end - segs[i].start), s + segs[i].start, types ? ":" : "",
                     types ? loc_segment_type_name(segs[i].type) : "");
    assert_true(w >= 0 && (size_t)w < cap - k);
    k += (size_t)w;
  }
}

static void test_cases(void **state) {
  (void)state;
  char buf[1024];
  int bad = 0;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const struct seg_case *c = &cases[i];
    loc_segment *segs;
    size_t n;
    assert_int_equal(loc_segment_all(NULL, c->kind, c->s, c->n, &segs, &n), LOC_OK);
    for (size_t k = 0; k < n; k++) { /* contiguous cover, never empty */
      assert_int_equal(segs[k].start, k ? segs[k - 1].end : 0);
      assert_true(segs[k].end > segs[k].start);
    }
    assert_int_equal(n ? segs[n - 1].end : 0, c->n);
    join(c->s, segs, n, c->types, buf, sizeof buf);
    if (strcmp(buf, c->want) != 0) {
      print_message("case %zu (%s):\n  want %s\n  got  %s\n", i, c->why, c->want, buf);
      bad++;
    }
    loc_free(segs);
  }
  assert_int_equal(bad, 0);
}

static void test_empty(void **state) {
  (void)state;
  for (int k = 0; k < LOC_BREAK_KIND_COUNT_; k++) {
    loc_segment *segs = (loc_segment *)1;
    size_t n = 99;
    assert_int_equal(loc_segment_all(NULL, (loc_segment_kind)k, NULL, 0, &segs, &n), LOC_OK);
    assert_int_equal(n, 0);
    assert_null(segs);
    loc_segment_line_break *br;
    if (k == LOC_BREAK_LINE) {
      assert_int_equal(loc_segment_line_breaks(NULL, "", 0, &br, &n), LOC_OK);
      assert_int_equal(n, 0);
    }
  }
}

static void test_line_breaks(void **state) {
  (void)state;
  loc_segment_line_break *br;
  size_t n;
  const char text[] = "Hello world\nnext";
  assert_int_equal(loc_segment_line_breaks(NULL, text, sizeof text - 1, &br, &n), LOC_OK);
  assert_int_equal(n, 3);
  assert_int_equal(br[0].offset, 6); /* after "Hello " */
  assert_false(br[0].hard);
  assert_int_equal(br[1].offset, 12); /* after the LF */
  assert_true(br[1].hard);
  assert_int_equal(br[2].offset, sizeof text - 1);
  assert_false(br[2].hard);
  loc_free(br);
  /* a segmenter of another kind is refused */
  loc_segmenter *w;
  assert_int_equal(loc_segmenter_new(LOC_BREAK_WORD, NULL, &w), LOC_OK);
  assert_int_equal(loc_segment_line_breaks(w, "a b", 3, &br, &n), LOC_E_INVALID_ARGUMENT);
  loc_segmenter_free(w);
}

/* The plain rules differ from ICU's root tailorings exactly where CLDR
 * tailors: each case gives both results and the reason. */
static const struct uax_case {
  loc_segment_kind kind;
  const char *s, *tailored, *plain, *why;
} uax_cases[] = {
    {LOC_BREAK_WORD, "a:b", "a|:|b", "a:b",
     "UAX #29 makes COLON MidLetter (Swedish 'k:a'); CLDR root does not"},
    {LOC_BREAK_WORD, "\xE0\xB8\x97\xE0\xB8\x94", "\xE0\xB8\x97\xE0\xB8\x94",
     "\xE0\xB8\x97|\xE0\xB8\x94",
     "Thai letters are Word_Break Other: the plain rules leave words to dictionaries"},
    {LOC_BREAK_WORD, "can't", "can't", "can't", "APOSTROPHE is MidNumLet in both"},
    {LOC_BREAK_SENTENCE, "Hi. \xE2\x80\x8B", "Hi. \xE2\x80\x8B", "Hi. \xE2\x80\x8B",
     "a format character after a terminator is absorbed (SB5)"},
    {LOC_BREAK_GRAPHEME, "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7\xF0\x9F\x87\xAB",
     "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7|\xF0\x9F\x87\xAB",
     "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7|\xF0\x9F\x87\xAB",
     "regional indicators pair up from the start (GB12)"},
    {LOC_BREAK_LINE, "a \xFF b", "a |\xFF |b", "a |\xFF |b",
     "an ill-formed byte reads as U+FFFD and is never split or dropped"},
};

static void test_uax(void **state) {
  (void)state;
  char buf[256];
  for (size_t i = 0; i < sizeof uax_cases / sizeof uax_cases[0]; i++) {
    const struct uax_case *c = &uax_cases[i];
    loc_segmenter *sg;
    assert_int_equal(loc_segmenter_new_uax(c->kind, &sg), LOC_OK);
    assert_int_equal(loc_segmenter_kind(sg), c->kind);
    for (int plain = 0; plain < 2; plain++) {
      loc_segment *segs;
      size_t n;
      assert_int_equal(loc_segment_all(plain ? sg : NULL, c->kind, c->s, strlen(c->s), &segs, &n),
                       LOC_OK);
      join(c->s, segs, n, false, buf, sizeof buf);
      if (strcmp(buf, plain ? c->plain : c->tailored) != 0)
        fail_msg("case %zu %s (%s): got %s", i, plain ? "plain" : "tailored", c->why, buf);
      loc_free(segs);
    }
    loc_segmenter_free(sg);
  }
  loc_segmenter *sg;
  assert_int_equal(loc_segmenter_new_uax(LOC_BREAK_KIND_COUNT_, &sg), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_segmenter_new_uax(LOC_BREAK_LINE, &sg), LOC_OK);
  loc_segment_line_break *br;
  size_t n;
  assert_int_equal(loc_segment_line_breaks(sg, "a b\n", 4, &br, &n), LOC_OK);
  assert_int_equal(n, 2);
  assert_int_equal(br[0].offset, 2);
  assert_false(br[0].hard);
  assert_int_equal(br[1].offset, 4);
  assert_true(br[1].hard);
  loc_free(br);
  loc_segmenter_free(sg);
}

static void test_lang(void **state) {
  (void)state;
  const char text[] = "He met Mr. Smith. They talked.";
  loc_segment *segs;
  size_t n;
  /* root has no abbreviations: "Mr." ends a sentence */
  assert_int_equal(loc_segment_all(NULL, LOC_BREAK_SENTENCE, text, sizeof text - 1, &segs, &n),
                   LOC_OK);
  assert_int_equal(n, 3);
  loc_free(segs);
  loc_segmenter *sg;
  /* "iw" is canonicalized first; English knows "Mr." */
  assert_int_equal(loc_segmenter_new_lang(LOC_BREAK_SENTENCE, "en-US", 5, &sg), LOC_OK);
  assert_int_equal(loc_segment_all(sg, LOC_BREAK_SENTENCE, text, sizeof text - 1, &segs, &n),
                   LOC_OK);
  assert_int_equal(n, 2);
  assert_int_equal(segs[0].end, 18);
  loc_free(segs);
  loc_segmenter_free(sg);
  assert_int_equal(loc_segmenter_new_lang(LOC_BREAK_WORD, "iw", 2, &sg), LOC_OK);
  loc_segmenter_free(sg);
  assert_int_equal(loc_segmenter_new_lang(LOC_BREAK_WORD, "x-", 2, &sg), LOC_E_INVALID_TAG);
  assert_null(sg);
  assert_int_equal(loc_segmenter_new_lang(LOC_BREAK_WORD, NULL, 0, &sg), LOC_OK);
  loc_segmenter_free(sg);
}

static void test_api(void **state) {
  (void)state;
  loc_segment_kind k;
  assert_int_equal(loc_segment_kind_parse("sentence", &k), LOC_OK);
  assert_int_equal(k, LOC_BREAK_SENTENCE);
  assert_int_equal(loc_segment_kind_parse("words", &k), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_segment_kind_parse(NULL, &k), LOC_E_INVALID_ARGUMENT);
  assert_string_equal(loc_segment_type_name(LOC_SEG_KANA), "kana");
  assert_string_equal(loc_segment_type_name((loc_segment_type)99), "?");
  assert_true(loc_segment_type_has_letter_or_digit(LOC_SEG_NUMBER));
  assert_false(loc_segment_type_has_letter_or_digit(LOC_SEG_NONE));
  assert_false(loc_segment_type_has_letter_or_digit(LOC_SEG_GRAPHEME));
  loc_segmenter *sg;
  assert_int_equal(loc_segmenter_new(LOC_BREAK_KIND_COUNT_, NULL, &sg),
                   LOC_E_INVALID_ARGUMENT);
  assert_null(loc_segmenter_root(LOC_BREAK_KIND_COUNT_));
  assert_true(loc_segmenter_root(G) == loc_segmenter_root(G));
  assert_int_equal(loc_segmenter_kind(loc_segmenter_root(L)), L);
  loc_segment_iter *it;
  assert_int_equal(loc_segment_iter_new(NULL, &it), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_segment_iter_new(loc_segmenter_root(W), &it), LOC_OK);
  loc_segment seg;
  assert_false(loc_segment_iter_next(it, &seg)); /* no text yet */
  assert_int_equal(loc_segment_iter_set_text(it, NULL, 3), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_segment_iter_set_text(it, "x", (size_t)INT32_MAX + 1),
                   LOC_E_OVERFLOW);
  assert_false(loc_segment_iter_next(it, &seg));
  /* reuse: a second text starts at offset 0 again */
  assert_int_equal(loc_segment_iter_set_text(it, "ab cd", 5), LOC_OK);
  assert_true(loc_segment_iter_next(it, &seg));
  assert_int_equal(loc_segment_iter_set_text(it, "xyz", 3), LOC_OK);
  assert_true(loc_segment_iter_next(it, &seg));
  assert_int_equal(seg.start, 0);
  assert_int_equal(seg.end, 3);
  assert_false(loc_segment_iter_next(it, &seg));
  loc_segment_iter_free(it);
  loc_segment_iter_free(NULL);
  loc_segmenter_free(NULL);
  /* a locale tailoring: Swedish keeps letter:letter together (CLDR sv) */
  assert_int_equal(loc_segmenter_new(W, "sv", &sg), LOC_OK);
  loc_segment *segs;
  size_t n;
  assert_int_equal(loc_segment_all(sg, W, "a:b", 3, &segs, &n), LOC_OK);
  assert_int_equal(n, 1);
  loc_free(segs);
  loc_segmenter_free(sg);
}

/* One segmenter shared by threads, each with its own iterators. */
static void *worker(void *arg) {
  const loc_segmenter *sg = arg;
  const char text[] = "ภาษาไทยง่ายนิดเดียว";
  for (int i = 0; i < 200; i++) {
    loc_segment_iter *it;
    if (loc_segment_iter_new(sg, &it) != LOC_OK)
      return (void *)1;
    loc_segment seg;
    size_t n = 0;
    if (loc_segment_iter_set_text(it, text, sizeof text - 1) != LOC_OK)
      return (void *)1;
    while (loc_segment_iter_next(it, &seg))
      n++;
    loc_segment_iter_free(it);
    if (n != 5)
      return (void *)1;
  }
  return NULL;
}

static void test_threads(void **state) {
  (void)state;
  loc_segmenter *sg;
  assert_int_equal(loc_segmenter_new(W, NULL, &sg), LOC_OK);
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    assert_int_equal(pthread_create(&t[i], NULL, worker, sg), 0);
  for (int i = 0; i < 4; i++) {
    void *r;
    assert_int_equal(pthread_join(t[i], &r), 0);
    assert_null(r);
  }
  loc_segmenter_free(sg);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cases),      cmocka_unit_test(test_empty),
      cmocka_unit_test(test_line_breaks), cmocka_unit_test(test_api),
      cmocka_unit_test(test_threads),     cmocka_unit_test(test_uax),
      cmocka_unit_test(test_lang),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
