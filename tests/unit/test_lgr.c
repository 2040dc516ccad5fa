/* RFC 7940 LGRs: the small LGRs in tests/lgr/ exercise one feature each; every
 * label below has its expected disposition and the reason it gets it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <loc/loc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path_buf[4096];

static const char *path(const char *rel) {
  const char *root = getenv("LOC_SOURCE_ROOT");
  snprintf(path_buf, sizeof path_buf, "%s/tests/lgr/%s", root ? root : ".", rel);
  return path_buf;
}

static loc_lgr *load(const char *rel) {
  loc_lgr *g = NULL;
  char *err = NULL;
  loc_status st = loc_lgr_new_file(path(rel), &g, &err);
  if (st != LOC_OK)
    fprintf(stderr, "%s\n", err ? err : loc_status_message(st));
  loc_free(err);
  assert_int_equal(st, LOC_OK);
  return g;
}

static loc_lgr *features;

/* The context made from @g (contexts remember their LGR), made on first
 * use and kept until teardown; NULL for a NULL @g. An LGR freed by a test
 * keeps its slot, so a later LGR at the same address gets a fresh one. */
enum { MAX_CTX = 128 };
static struct {
  const loc_lgr *g;
  loc_lgr_ctx *ctx;
} ctxs[MAX_CTX];
static size_t n_ctxs;

static loc_lgr_ctx *cx(const loc_lgr *g) {
  if (g == NULL)
    return NULL;
  for (size_t i = n_ctxs; i-- > 0;)
    if (ctxs[i].g == g)
      return ctxs[i].ctx;
  assert_true(n_ctxs < MAX_CTX);
  ctxs[n_ctxs].g = g;
  assert_int_equal(loc_lgr_ctx_new(g, &ctxs[n_ctxs].ctx), LOC_OK);
  return ctxs[n_ctxs++].ctx;
}

/* Forgets the contexts of @g before it is freed. */
static void forget(const loc_lgr *g) {
  for (size_t i = 0; i < n_ctxs; i++)
    if (ctxs[i].g == g) {
      loc_lgr_ctx_free(ctxs[i].ctx);
      ctxs[i] = ctxs[--n_ctxs];
      i--;
    }
}

static int setup(void **state) {
  (void)state;
  features = load("features.xml");
  return 0;
}

static int teardown(void **state) {
  (void)state;
  for (size_t i = 0; i < n_ctxs; i++)
    loc_lgr_ctx_free(ctxs[i].ctx);
  n_ctxs = 0;
  forget(features);
  loc_lgr_free(features);
  return 0;
}

static const struct {
  const char *label, *disposition, *reason, *index;
} cases[] = {
    /* repertoire: ranges, single chars, nothing else */
    {"example", "valid", "default action (valid: catch-all)", "example"},
    {"\xC3\xBF", "invalid", "U+00FF LATIN SMALL LETTER Y WITH DIAERESIS at code point 1: not in the repertoire", NULL},
    {"a.b", "invalid", "U+002E FULL STOP at code point 2: not in the repertoire", NULL},
    /* not-when with <start/>/<end/> around the anchor */
    {"-ab", "invalid", "context rule 'hyphen-at-edge' not satisfied", NULL},
    {"ab-", "invalid", "U+002D HYPHEN-MINUS at code point 3: context rule 'hyphen-at-edge'", NULL},
    {"a-b", "valid", "catch-all", "a-b"},
    /* when with look-behind and look-ahead: Catalan middle dot */
    {"col\xC2\xB7la", "valid", "catch-all", "c0l\xC2\xB7la"},
    {"co\xC2\xB7" "a", "invalid", "U+00B7 MIDDLE DOT at code point 3: context rule 'between-l'", NULL},
    /* match: start, class by tag with count 1+, end */
    {"123", "invalid", "action 1 at line 106 (invalid: label matches rule 'all-digits')", "123"},
    /* match: any count=2 then char count=2 */
    {"ab--c", "invalid", "rule 'double-hyphen-3-4'", "ab--c"},
    {"a--b", "valid", "catch-all", "a--b"},
    /* match through a choice of intersections of Unicode properties */
    {"\xCE\xBFk", "invalid", "label matches rule 'mixed-script'", "0k"},
    /* reflexive variant of type out-of-repertoire-var, any-variant */
    {"\xCE\xBF", "invalid", "any-variant=\"out-of-repertoire-var\"", "0"},
    /* a sequence (longest match) whose only element has a variant: the label
     * uses no variant type, so it falls through to not-match */
    {"ss", "restricted", "label does not match rule 'has-vowel'", "ss"},
    {"stra\xC3\x9F" "e", "valid", "catch-all", "strasse"},
    /* match on a named rule used by reference, symmetric difference, complement */
    {"ad", "held", "label matches rule 'reserved-prefix'", "ad"},
    {"add", "held", "reserved-prefix", "add"},
    {"ade", "held", "reserved-prefix", "ade"},
    {"ad1", "valid", "catch-all", "ad1"},
    {"bd", "restricted", "has-vowel", "bd"},
    /* count n:m over a difference of classes */
    {"strength", "needs-review", "rule 'consonant-cluster'", "strength"},
    {"strong", "valid", "catch-all", "str0ng"},
    /* digits and the o/0 variant (not-when after a digit) */
    {"foo", "valid", "catch-all", "f00"},
    {"fo0", "valid", "catch-all", "f00"},
    {"f0o", "valid", "catch-all", "f0o"},
    /* input checks */
    {"", "invalid", "empty label", NULL},
    {"a\xFF", "invalid", "invalid UTF-8: byte 0xFF at byte offset 1", NULL},
};

static void test_dispositions(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    loc_lgr_result r;
    assert_int_equal(loc_lgr_evaluate(cx(features), cases[i].label, strlen(cases[i].label), &r),
                     LOC_OK);
    if (strcmp(r.disposition, cases[i].disposition) != 0 || !strstr(r.reason, cases[i].reason))
      fail_msg("%s: got %s (%s), want %s (%s)", cases[i].label, r.disposition, r.reason,
               cases[i].disposition, cases[i].reason);
    const char *idx;
    size_t n;
    loc_status st = loc_lgr_index_label(cx(features), cases[i].label, strlen(cases[i].label),
                                        &idx, &n);
    if (cases[i].index == NULL) {
      assert_int_not_equal(st, LOC_OK);
    } else {
      assert_int_equal(st, LOC_OK);
      if (n != strlen(cases[i].index) || memcmp(idx, cases[i].index, n) != 0)
        fail_msg("%s: index %.*s, want %s", cases[i].label, (int)n, idx, cases[i].index);
    }
  }
}

static void test_result_fields(void **state) {
  (void)state;
  loc_lgr_result r;
  assert_int_equal(loc_lgr_evaluate(cx(features), "co\xC2\xB7" "a", 5, &r), LOC_OK);
  assert_int_equal(r.codepoint, 0xB7);
  assert_int_equal(r.offset, 2);
  assert_int_equal(r.action, -1);
  assert_false(r.in_repertoire);
  assert_int_equal(loc_lgr_evaluate(cx(features), "123", 3, &r), LOC_OK);
  assert_int_equal(r.action, 0);
  assert_true(r.in_repertoire);
  assert_int_equal(loc_lgr_evaluate(cx(features), "abc", 3, &r), LOC_OK);
  assert_int_equal(r.action, -2);
  assert_int_equal(r.codepoint, -1);
  assert_int_equal(loc_lgr_evaluate(cx(NULL), "a", 1, &r), LOC_E_INVALID_ARGUMENT);
  assert_int_equal(loc_lgr_evaluate(cx(features), NULL, 1, &r), LOC_E_INVALID_ARGUMENT);
  /* 257 code points: too long, judged invalid */
  char big[300];
  memset(big, 'a', 257);
  assert_int_equal(loc_lgr_evaluate(cx(features), big, 257, &r), LOC_OK);
  assert_string_equal(r.disposition, "invalid");
  assert_non_null(strstr(r.reason, "longer than 256"));
  /* 256 code points are judged ("a" is a vowel: no rule fires) */
  assert_int_equal(loc_lgr_evaluate(cx(features), big, 256, &r), LOC_OK);
  assert_string_equal(r.disposition, "valid");
}

static void test_meta(void **state) {
  (void)state;
  assert_string_equal(loc_lgr_meta(features, LOC_LGR_META_VERSION), "3");
  assert_string_equal(loc_lgr_meta(features, LOC_LGR_META_DATE), "2026-11-28");
  assert_string_equal(loc_lgr_meta(features, LOC_LGR_META_LANGUAGE), "und-Latn ca");
  assert_string_equal(loc_lgr_meta(features, LOC_LGR_META_SCOPE), "example");
  assert_string_equal(loc_lgr_meta(features, LOC_LGR_META_UNICODE_VERSION), "11.0.0");
  assert_string_equal(loc_lgr_meta(features, LOC_LGR_META_VALIDITY_START), "2026-01-01");
  assert_null(loc_lgr_meta(features, LOC_LGR_META_VALIDITY_END));
  assert_string_equal(loc_lgr_meta(features, LOC_LGR_META_DESCRIPTION), "Test LGR for libloc");
  assert_null(loc_lgr_meta(features, (loc_lgr_meta_field)99));
}

/* Variants as "label=disposition" lines, in generation order. */
static void variants(const loc_lgr *g, const char *label, size_t max, char *buf, size_t cap) {
  assert_int_equal(loc_lgr_variants(cx(g), label, strlen(label), max), LOC_OK);
  size_t k = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < loc_lgr_variant_count(cx(g)); i++) {
    const char *v;
    size_t n;
    const char *d = loc_lgr_variant_at(cx(g), i, &v, &n);
    assert_non_null(d);
    k += (size_t)snprintf(buf + k, cap - k, "%.*s=%s\n", (int)n, v, d);
  }
  assert_null(loc_lgr_variant_at(cx(g), loc_lgr_variant_count(cx(g)), NULL, NULL));
}

static void test_variants(void **state) {
  (void)state;
  char buf[2048];
  /* foo: fο…/…ο mix scripts (invalid, not listed); f00 fails the
   * not-when (0 after a digit); the label itself is not listed. */
  variants(features, "foo", 0, buf, sizeof buf);
  assert_string_equal(buf, "fo0=blocked\nf0o=blocked\n");
  assert_int_equal(loc_lgr_variants_total(cx(features)), 2);
  assert_false(loc_lgr_variants_truncated(cx(features)));
  /* all-variants: one sharp-s mapping among original code points */
  variants(features, "stra\xC3\x9F" "e", 0, buf, sizeof buf);
  assert_string_equal(buf, "strasse=allocatable\n");
  /* only-variants: every element is a variant */
  variants(features, "\xC3\x9F", 0, buf, sizeof buf);
  assert_string_equal(buf, "ss=reserved\n");
  variants(features, "ss", 0, buf, sizeof buf);
  assert_string_equal(buf, "\xC3\x9F=reserved\n");
  /* the cap: one listed, the count becomes the estimate 3 x 3 - 1 */
  variants(features, "foo", 1, buf, sizeof buf);
  assert_string_equal(buf, "fo0=blocked\n");
  assert_true(loc_lgr_variants_truncated(cx(features)));
  assert_int_equal(loc_lgr_variants_total(cx(features)), 8);
  /* not in the repertoire: no variants */
  variants(features, "\xC3\xBF", 0, buf, sizeof buf);
  assert_string_equal(buf, "");
  assert_int_equal(loc_lgr_variants_total(cx(features)), 0);
}

static void test_default_actions(void **state) {
  (void)state;
  loc_lgr *g = load("defaults.xml");
  loc_lgr_result r;
  char buf[1024];
  /* reflexive mapping of type allocatable: default any-variant=allocatable */
  assert_int_equal(loc_lgr_evaluate(cx(g), "ijm", 3, &r), LOC_OK);
  assert_string_equal(r.disposition, "allocatable");
  assert_int_equal(r.action, -2);
  assert_string_equal(r.reason, "default action (allocatable: any-variant=\"allocatable\") for "
                                "U+006D at code point 3 (reflexive variant type 'allocatable')");
  assert_int_equal(r.codepoint, 'm');
  assert_int_equal(r.offset, 2);
  /* no variant type: default catch-all */
  assert_int_equal(loc_lgr_evaluate(cx(g), "jk", 2, &r), LOC_OK);
  assert_string_equal(r.reason, "default action (valid: catch-all)");
  /* blocked types win over allocatable; "invalid" variants are dropped */
  variants(g, "ijm", 0, buf, sizeof buf);
  assert_string_equal(buf, "ikm=allocatable\n\xC4\xB1jm=blocked\n\xC4\xB1km=blocked\n");
  variants(g, "jk", 0, buf, sizeof buf);
  assert_string_equal(buf, "jj=allocatable\nkk=allocatable\nkj=allocatable\n");
  /* the index label collides across the variant set */
  const char *a, *b;
  size_t na, nb;
  assert_int_equal(loc_lgr_index_label(cx(g), "ikm", 3, &a, &na), LOC_OK);
  char first[16];
  memcpy(first, a, na);
  assert_int_equal(loc_lgr_index_label(cx(g), "\xC4\xB1jm", 4, &b, &nb), LOC_OK);
  assert_int_equal(na, nb);
  assert_memory_equal(first, b, na);
  forget(g);
  loc_lgr_free(g);
}

typedef struct problems {
  char text[2048];
  size_t len;
} problems;

static void collect(const loc_lgr_problem *p, void *user) {
  problems *ps = user;
  ps->len += (size_t)snprintf(ps->text + ps->len, sizeof ps->text - ps->len, "%s:%d\n", p->check,
                              p->line);
}

static void test_validate(void **state) {
  (void)state;
  loc_lgr *g = load("asym.xml");
  problems ps = {{0}, 0};
  size_t n = 0;
  assert_int_equal(loc_lgr_validate(g, NULL, collect, &ps, &n), LOC_OK);
  bool have_age = access("/usr/share/unicode/DerivedAge.txt", R_OK) == 0;
  assert_string_equal(ps.text, have_age ? "symmetry:6\ntransitivity:6\nidna2008:9\n"
                                          "unicode-version:10\nunused-rule:13\n"
                                        : "symmetry:6\ntransitivity:6\nidna2008:9\n"
                                          "unused-rule:13\n");
  assert_int_equal(n, have_age ? 5 : 4);
  forget(g);
  loc_lgr_free(g);
  /* the feature file is clean */
  n = 99;
  assert_int_equal(loc_lgr_validate(features, "/nonexistent", NULL, NULL, &n), LOC_OK);
  assert_int_equal(n, 0);
}

static const struct {
  const char *file;
  loc_status st;
  const char *message; /* part of the error, after "FILE:" */
} bad[] = {
    {"bad/not-xml.xml", LOC_E_LGR_XML, "not-xml.xml:1: not well-formed XML"},
    {"bad/truncated.xml", LOC_E_LGR_XML, "truncated.xml:38: not well-formed XML"},
    {"bad/wrong-ns.xml", LOC_E_LGR_FORMAT, "wrong-ns.xml:2: <lgr> is not in namespace"},
    {"bad/dangling-class.xml", LOC_E_LGR_REFERENCE, "dangling-class.xml:5: undefined class 'nowhere'"},
    {"bad/rule-cycle.xml", LOC_E_LGR_CYCLE, "rule-cycle.xml:5: rule 'a' refers to itself"},
    {"bad/class-cycle.xml", LOC_E_LGR_CYCLE, "class-cycle.xml:6: class 'x' is defined through itself"},
    {"bad/billion-laughs.xml", LOC_E_LGR_XML, "billion-laughs.xml:"},
    {"bad/external-entity.xml", LOC_E_LGR_XML, "external-entity.xml:3: the document declares entities"},
    {"bad/bad-cp.xml", LOC_E_LGR_FORMAT, "bad-cp.xml:5: malformed code point list 'D800'"},
    {"bad/bad-count.xml", LOC_E_LGR_FORMAT, "bad-count.xml:5: malformed count"},
    {"bad/bad-property.xml", LOC_E_LGR_FORMAT, "bad-property.xml:5: unknown Unicode property"},
    {"bad/deep-nesting.xml", LOC_E_LGR_XML,
     "deep-nesting.xml:6: refused: elements nested more than 256 deep"},
};

static void test_bad_files(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    loc_lgr *g = (loc_lgr *)1;
    char *err = NULL;
    loc_status st = loc_lgr_new_file(path(bad[i].file), &g, &err);
    if (st != bad[i].st || err == NULL || !strstr(err, bad[i].message))
      fail_msg("%s: status %s, error '%s'", bad[i].file, loc_status_name(st), err ? err : "");
    assert_null(g);
    loc_free(err);
  }
  loc_lgr *g;
  char *err;
  assert_int_equal(loc_lgr_new_file("/nonexistent/x.xml", &g, &err), LOC_E_IO);
  assert_non_null(err);
  loc_free(err);
  assert_int_equal(loc_lgr_new_file("/", &g, &err), LOC_E_IO);
  assert_string_equal(err, "/: is a directory, not an LGR file");
  loc_free(err);
  assert_int_equal(loc_lgr_new_memory("", 0, NULL, &g, NULL), LOC_E_LGR_XML);
  assert_int_equal(loc_lgr_new_memory(NULL, 1, NULL, &g, NULL), LOC_E_INVALID_ARGUMENT);
  loc_lgr_free(NULL);
  loc_lgr_ctx_free(NULL);
}

/* A 100 MB file is refused after reading past the limit, not parsed. */
static void test_huge_file(void **state) {
  (void)state;
  char tmpl[] = "/tmp/loc-lgr-huge-XXXXXX";
  int fd = mkstemp(tmpl);
  assert_true(fd >= 0);
  assert_int_equal(ftruncate(fd, 100 * 1024 * 1024), 0);
  close(fd);
  loc_lgr *g;
  char *err = NULL;
  assert_int_equal(loc_lgr_new_file(tmpl, &g, &err), LOC_E_LGR_TOO_LARGE);
  assert_non_null(strstr(err, "larger than the limit"));
  loc_free(err);
  unlink(tmpl);
}

/* Nested counts multiply; matching stays fast and correct. */
static void test_nested_counts(void **state) {
  (void)state;
  loc_lgr *g = load("nested-counts.xml");
  loc_lgr_result r;
  char label[200];
  memset(label, 'a', sizeof label);
  label[199] = 'q';
  assert_int_equal(loc_lgr_evaluate(cx(g), label, sizeof label, &r), LOC_OK);
  assert_string_equal(r.disposition, "blocked");
  assert_int_equal(loc_lgr_evaluate(cx(g), label, 199, &r), LOC_OK);
  assert_string_equal(r.disposition, "valid");
  forget(g);
  loc_lgr_free(g);
}

/* One LGR, many threads, one context each: same answers. */
static char defaults_path[4096];

static void *worker(void *arg) {
  /* loads run concurrently too */
  loc_lgr *own = NULL;
  if (loc_lgr_new_file(defaults_path, &own, NULL) != LOC_OK)
    return arg;
  loc_lgr_free(own);
  loc_lgr_ctx *c;
  if (loc_lgr_ctx_new(features, &c) != LOC_OK)
    return arg;
  for (int round = 0; round < 200; round++)
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
      loc_lgr_result r;
      loc_lgr_evaluate(c, cases[i].label, strlen(cases[i].label), &r);
      if (strcmp(r.disposition, cases[i].disposition) != 0) {
        fprintf(stderr, "thread: %s: %s\n", cases[i].label, r.disposition);
        loc_lgr_ctx_free(c);
        return arg;
      }
    }
  loc_lgr_ctx_free(c);
  return NULL;
}

static void test_threads(void **state) {
  (void)state;
  snprintf(defaults_path, sizeof defaults_path, "%s", path("defaults.xml"));
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    assert_int_equal(pthread_create(&t[i], NULL, worker, (void *)1), 0);
  for (int i = 0; i < 4; i++) {
    void *res;
    pthread_join(t[i], &res);
    assert_null(res);
  }
}

/* What lgr-core tolerates: undefined rules, code points listed twice. The
 * file loads with warnings; a label that needs the missing rule is judged
 * "undefined-rule"; validation reports each fault. */
static void test_lenient(void **state) {
  (void)state;
  loc_lgr *g = load("bad/dangling-rule.xml");
  assert_int_equal(loc_lgr_warning_count(g), 1);
  assert_non_null(strstr(loc_lgr_warning(g, 0),
                         "dangling-rule.xml:5: undefined rule 'no-such-rule' in when of a <char>"));
  assert_null(loc_lgr_warning(g, 1));
  loc_lgr_result r;
  assert_int_equal(loc_lgr_evaluate(cx(g), "a", 1, &r), LOC_OK);
  assert_string_equal(r.disposition, "valid");
  assert_int_equal(loc_lgr_evaluate(cx(g), "ab", 2, &r), LOC_OK);
  assert_string_equal(r.disposition, "undefined-rule");
  assert_int_equal(r.codepoint, 0x62);
  assert_int_equal(r.offset, 1);
  assert_non_null(strstr(r.reason, "needs rule 'no-such-rule'"));
  const char *idx;
  size_t n;
  assert_int_equal(loc_lgr_index_label(cx(g), "ab", 2, &idx, &n), LOC_E_LGR_REFERENCE);
  problems ps = {{0}, 0};
  assert_int_equal(loc_lgr_validate(g, "/nonexistent", collect, &ps, &n), LOC_OK);
  assert_string_equal(ps.text, "undefined-rule:5\nmeta:0\n");
  forget(g);
  loc_lgr_free(g);

  g = load("lenient.xml");
  assert_int_equal(loc_lgr_warning_count(g), 4);
  assert_non_null(strstr(loc_lgr_warning(g, 0), ":8: U+0063 listed twice (first at line 7)"));
  assert_non_null(strstr(loc_lgr_warning(g, 1), ":9: undefined rule 'nowhere' in when of a <var>"));
  assert_non_null(strstr(loc_lgr_warning(g, 2), ":11: U+0065 listed twice (first at line 10)"));
  assert_non_null(strstr(loc_lgr_warning(g, 3), ":12: undefined rule 'missing-context'"));
  char buf[512];
  /* the second listing of c brought its variant d */
  variants(g, "c", 0, buf, sizeof buf);
  assert_string_equal(buf, "d=blocked\n");
  /* d's variant c depends on the undefined rule: listed as such */
  variants(g, "d", 0, buf, sizeof buf);
  assert_string_equal(buf, "c=undefined-rule\n");
  assert_int_equal(loc_lgr_index_label(cx(g), "d", 1, &idx, &n), LOC_E_LGR_REFERENCE);
  assert_int_equal(loc_lgr_index_label(cx(g), "efg", 3, &idx, &n), LOC_OK);
  assert_int_equal(loc_lgr_evaluate(cx(g), "efg", 3, &r), LOC_OK);
  assert_string_equal(r.disposition, "valid");
  assert_int_equal(loc_lgr_evaluate(cx(g), "ax", 2, &r), LOC_OK);
  assert_string_equal(r.disposition, "undefined-rule");
  ps.len = 0;
  ps.text[0] = '\0';
  assert_int_equal(loc_lgr_validate(g, "/nonexistent", collect, &ps, &n), LOC_OK);
  assert_string_equal(ps.text, "duplicate:8\nundefined-rule:9\nduplicate:11\nundefined-rule:12\n");
  forget(g);
  loc_lgr_free(g);

  /* the tags of a duplicate listing are dropped with it */
  static const char tagged[] =
      "<lgr xmlns='urn:ietf:params:xml:ns:lgr-1.0'><data>"
      "<char cp='0061'/><char cp='0061' tag='t'/><char cp='0062' tag='t'/></data>"
      "<rules><rule name='has-t'><class from-tag='t'/></rule>"
      "<action disp='tagged' match='has-t'/></rules></lgr>";
  assert_int_equal(loc_lgr_new_memory(tagged, sizeof tagged - 1, NULL, &g, NULL), LOC_OK);
  assert_int_equal(loc_lgr_warning_count(g), 1);
  assert_int_equal(loc_lgr_evaluate(cx(g), "a", 1, &r), LOC_OK);
  assert_string_equal(r.disposition, "valid");
  assert_int_equal(loc_lgr_evaluate(cx(g), "ab", 2, &r), LOC_OK);
  assert_string_equal(r.disposition, "tagged");
  forget(g);
  loc_lgr_free(g);

  /* an action whose rule refers to an undefined one: lgr-core tests the
   * rule first, so every label that reaches the action needs it */
  g = load("lenient-action.xml");
  assert_int_equal(loc_lgr_warning_count(g), 1);
  assert_non_null(strstr(loc_lgr_warning(g, 0), ":9: undefined rule 'gone' in a <rule by-ref>"));
  assert_int_equal(loc_lgr_evaluate(cx(g), "go", 2, &r), LOC_OK);
  assert_string_equal(r.disposition, "held");
  assert_int_equal(loc_lgr_evaluate(cx(g), "ok", 2, &r), LOC_OK);
  assert_string_equal(r.disposition, "undefined-rule");
  assert_int_equal(r.action, 1);
  assert_non_null(strstr(r.reason, "action 2 at line 11 needs rule 'gone'"));
  forget(g);
  loc_lgr_free(g);
}

/* Every split of a label into repertoire elements counts, not only the
 * longest-match one (the cases of lgr-core's tests). */
static void test_partitions(void **state) {
  (void)state;
  static const char same_cp[] =
      "<lgr xmlns='urn:ietf:params:xml:ns:lgr-1.0'><data>"
      "<char cp='05D9 05D9'><var cp='05F2'/></char><char cp='05F2'><var cp='05D9 05D9'/></char>"
      "<char cp='05D9'/></data></lgr>";
  loc_lgr *g;
  assert_int_equal(loc_lgr_new_memory(same_cp, sizeof same_cp - 1, NULL, &g, NULL), LOC_OK);
  char buf[512];
  variants(g, "\xD7\x99\xD7\x99\xD7\x99", 0, buf, sizeof buf);
  assert_string_equal(buf, "\xD7\xB2\xD7\x99=valid\n\xD7\x99\xD7\xB2=valid\n");
  forget(g);
  loc_lgr_free(g);
  static const char null_var[] =
      "<lgr xmlns='urn:ietf:params:xml:ns:lgr-1.0'><data>"
      "<char cp='0061'/><char cp='0062'><var cp='0062 0063'/></char><char cp='0063'/>"
      "<char cp='0064'/><char cp='0062 0063'><var cp='0062'/></char></data></lgr>";
  assert_int_equal(loc_lgr_new_memory(null_var, sizeof null_var - 1, NULL, &g, NULL), LOC_OK);
  static const char *const idx[][2] = {{"abc", "ab"}, {"bcd", "bcd"}, {"bca", "ba"}};
  for (size_t i = 0; i < 3; i++) {
    const char *ix;
    size_t n;
    assert_int_equal(loc_lgr_index_label(cx(g), idx[i][0], 3, &ix, &n), LOC_OK);
    assert_int_equal(n, strlen(idx[i][1]));
    assert_memory_equal(ix, idx[i][1], n);
  }
  forget(g);
  loc_lgr_free(g);
  /* a long run with two splits per pair of code points: the repeated
   * states are explored once (no exponential blow-up), nothing truncated */
  static const char runs[] =
      "<lgr xmlns='urn:ietf:params:xml:ns:lgr-1.0'><data>"
      "<char cp='0061'/><char cp='0061 0061'/><char cp='0062'><var cp='0063'/></char>"
      "<char cp='0063'><var cp='0062'/></char></data></lgr>";
  assert_int_equal(loc_lgr_new_memory(runs, sizeof runs - 1, NULL, &g, NULL), LOC_OK);
  char label[200];
  memset(label, 'a', 199);
  label[199] = 'b';
  assert_int_equal(loc_lgr_variants(cx(g), label, 200, 0), LOC_OK);
  assert_int_equal(loc_lgr_variant_count(cx(g)), 1);
  assert_false(loc_lgr_variants_truncated(cx(g)));
  forget(g);
  loc_lgr_free(g);
}

/* Past 64 bits the estimate says so (UINT64_MAX) instead of a number. */
static void test_estimate_overflow(void **state) {
  (void)state;
  static const char many[] =
      "<lgr xmlns='urn:ietf:params:xml:ns:lgr-1.0'><data>"
      "<char cp='0061'><var cp='0062'/><var cp='0063'/><var cp='0064'/></char>"
      "<char cp='0062'/><char cp='0063'/><char cp='0064'/></data></lgr>";
  loc_lgr *g;
  assert_int_equal(loc_lgr_new_memory(many, sizeof many - 1, NULL, &g, NULL), LOC_OK);
  char label[40];
  memset(label, 'a', 40);
  /* 4^32 - 1 = 2^64 - 1 does not fit with room for "overflow" */
  assert_int_equal(loc_lgr_variants(cx(g), label, 32, 5), LOC_OK);
  assert_true(loc_lgr_variants_truncated(cx(g)));
  assert_true(loc_lgr_variants_total(cx(g)) == UINT64_MAX);
  /* 4^31 - 1 fits */
  assert_int_equal(loc_lgr_variants(cx(g), label, 31, 5), LOC_OK);
  assert_true(loc_lgr_variants_total(cx(g)) == (UINT64_C(1) << 62) - 1);
  forget(g);
  loc_lgr_free(g);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_dispositions),  cmocka_unit_test(test_result_fields),
      cmocka_unit_test(test_meta),          cmocka_unit_test(test_variants),
      cmocka_unit_test(test_default_actions), cmocka_unit_test(test_validate),
      cmocka_unit_test(test_bad_files),     cmocka_unit_test(test_huge_file),
      cmocka_unit_test(test_nested_counts), cmocka_unit_test(test_threads),
      cmocka_unit_test(test_lenient),       cmocka_unit_test(test_partitions),
      cmocka_unit_test(test_estimate_overflow),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
