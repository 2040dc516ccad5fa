/* The Debian-package readers of the language identification trainer
 * (tools/langid-debian.h): cleaning a catalogue message, gettext .mo files
 * (context, plurals, untranslated and malformed ones), hunspell word lists
 * in a legacy encoding, locale names, and a whole package root made here in
 * a temporary folder (dpkg status and file lists, the manifest). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../tools/langid-debian.h"

static char *clean(const char *s) {
  static char out[512];
  if (langid_clean_message(s, out) == 0)
    return NULL;
  return out;
}

static void cleaning(void **state) {
  (void)state;
  assert_string_equal(clean("Save _As\xe2\x80\xa6"), "Save As\xe2\x80\xa6");
  assert_string_equal(clean("%s of %d files"), "of files");
  assert_string_equal(clean("%1$s: %2$lu bytes, %'.2f%%"), ": bytes,");
  assert_string_equal(clean("%(name)s is <b>bold</b> &amp; &Open"), "is bold Open");
  assert_string_equal(clean("\xe9\x96\x8b\xe3\x81\x8f(_O)"), "\xe9\x96\x8b\xe3\x81\x8f");
  assert_string_equal(clean("Use --force or /usr/bin\tnow"), "Use or now");
  assert_string_equal(clean("x86 prc4 Envelope {0} ${HOME}"), "Envelope");
  assert_string_equal(clean("snake_case user@host a=b Word"), "Word");
  assert_null(clean("100%"));
  assert_null(clean("%s: %d"));
  assert_null(clean("A"));
}

/* A little-endian .mo file of @n (msgid, msgstr) pairs, each given with its
 * length (embedded NULs for context and plurals). */
typedef struct {
  const char *id;
  size_t il;
  const char *str;
  size_t sl;
} pair;

static unsigned char *make_mo(const pair *p, uint32_t n, size_t *len) {
  size_t size = 28 + 16 * (size_t)n;
  for (uint32_t i = 0; i < n; i++)
    size += p[i].il + 1 + p[i].sl + 1;
  unsigned char *b = calloc(1, size);
  uint32_t hdr[7] = {0x950412de, 0, n, 28, 28 + 8 * n, 0, 0};
  memcpy(b, hdr, sizeof hdr);
  size_t at = 28 + 16 * (size_t)n;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t e[2] = {(uint32_t)p[i].il, (uint32_t)at};
    memcpy(b + 28 + 8 * i, e, 8);
    memcpy(b + at, p[i].id, p[i].il);
    at += p[i].il + 1;
    e[0] = (uint32_t)p[i].sl;
    e[1] = (uint32_t)at;
    memcpy(b + 28 + 8 * n + 8 * i, e, 8);
    memcpy(b + at, p[i].str, p[i].sl);
    at += p[i].sl + 1;
  }
  *len = size;
  return b;
}

#define P(a, b) {a, sizeof a - 1, b, sizeof b - 1}
static const pair catalogue[] = {
    P("", "Content-Type: text/plain; charset=UTF-8\n"),
    P("Open", "Abrir"),
    P("menu\4Close", "Cerrar"),
    P("file\0files", "archivo\0archivos"),
    P("Same", "Same"),
    P("%d", "%d"),
    P("Untranslated", ""),
};

typedef struct {
  char got[16][256];
  char loc[16][64];
  int kind[16];
  int n;
} seen;

static void record(void *ctx, const char *locale, int kind, const char *s) {
  seen *sn = ctx;
  if (sn->n < 16) {
    snprintf(sn->got[sn->n], sizeof sn->got[0], "%.255s", s);
    snprintf(sn->loc[sn->n], sizeof sn->loc[0], "%.63s", locale);
    sn->kind[sn->n++] = kind;
  }
}

static void mo_files(void **state) {
  (void)state;
  size_t len, bad = 99;
  unsigned char *mo = make_mo(catalogue, sizeof catalogue / sizeof *catalogue, &len);
  seen sn = {0};
  assert_true(langid_mo_strings(mo, len, "es", record, &sn, &bad));
  assert_int_equal(sn.n, 3);
  assert_string_equal(sn.got[0], "Abrir");
  assert_string_equal(sn.got[1], "Cerrar");
  assert_string_equal(sn.got[2], "archivo");
  assert_int_equal(sn.kind[0], LANGID_DEB_MESSAGES);
  /* cut short: an entry points past the end */
  assert_false(langid_mo_strings(mo, len - 12, "es", record, &sn, &bad));
  assert_true(bad >= 28 && bad < len);
  /* not a catalogue */
  mo[0] ^= 0xFF;
  assert_false(langid_mo_strings(mo, len, "es", record, &sn, &bad));
  assert_int_equal(bad, 0);
  free(mo);
}

static void word_lists(void **state) {
  (void)state;
  /* ISO 8859-1: "næring/AB", "øy", a word with a digit, one letter */
  static const char dic[] = "4\nn\xe6ring/AB\n\xf8y\tpo:noun\nx1/A\nb\n";
  seen sn = {0};
  assert_true(langid_dic_words(dic, sizeof dic - 1, "ISO8859-1", "nb_NO", record, &sn));
  assert_int_equal(sn.n, 2);
  assert_string_equal(sn.got[0], "n\xc3\xa6ring");
  assert_string_equal(sn.got[1], "\xc3\xb8y");
  assert_int_equal(sn.kind[1], LANGID_DEB_WORDS);
  /* UTF-8 with a byte order mark */
  static const char u[] = "\xEF\xBB\xBF" "1\n\xd0\xb0\xd0\xb1\xd0\xb0/AB\n";
  memset(&sn, 0, sizeof sn);
  assert_true(langid_dic_words(u, sizeof u - 1, "UTF-8", "kk_KZ", record, &sn));
  assert_int_equal(sn.n, 1);
  assert_string_equal(sn.got[0], "\xd0\xb0\xd0\xb1\xd0\xb0");
  assert_false(langid_dic_words(u, sizeof u - 1, "NO-SUCH-CHARSET", "kk", record, &sn));
}

static void locales(void **state) {
  (void)state;
  char p[8];
  assert_true(langid_locale_primary("pt_BR", p, sizeof p));
  assert_string_equal(p, "pt");
  assert_true(langid_locale_primary("sr@latin", p, sizeof p));
  assert_string_equal(p, "sr");
  assert_true(langid_locale_primary("kmr_Latn", p, sizeof p));
  assert_string_equal(p, "kmr");
  assert_true(langid_locale_primary("ca@valencia", p, sizeof p));
  assert_false(langid_locale_primary("en@shaw", p, sizeof p));
  assert_false(langid_locale_primary("be@tarask", p, sizeof p));
  assert_false(langid_locale_primary("C", p, sizeof p));
  int kind;
  assert_true(langid_debian_file("/usr/share/locale/pt_BR/LC_MESSAGES/gtk30.mo", p, sizeof p,
                                 &kind));
  assert_string_equal(p, "pt_BR");
  assert_false(langid_debian_file("/usr/share/locale/fr/LC_MESSAGES/iso_639-3.mo", p, sizeof p,
                                  &kind));
  assert_false(langid_debian_file("/usr/share/doc/iso-codes/README.mo", p, sizeof p, &kind));
  assert_true(langid_debian_file("/usr/share/hunspell/af_ZA.dic", p, sizeof p, &kind));
  assert_int_equal(kind, LANGID_DEB_WORDS);
}

static void manual_pages(void **state) {
  (void)state;
  static const char page[] =
      ".TH LS 1 2023 \"GNU coreutils\"\n"
      ".SH NAME\n"
      "ls \\- Verzeichnisinhalte auflisten\n"
      ".SH BESCHREIBUNG\n"
      "Listet Informationen \\(lqüber die \\fIDATEIEN\\fP\\(rq auf. Sortiert die\n"
      "Einträge alphabetisch, \\%falls weder \\fB\\-cftuvSUX\\fP noch \\fB\\-\\-sort\\fP angegeben ist.\n"
      ".PP\n"
      ".nf\n"
      "Dies ist ein Beispiel und wird nicht gelesen, obwohl es lang genug ist.\n"
      ".fi\n"
      "Print the groups a user is in, and the names of the groups.\n"
      ".\\\" a comment line\n"
      "Kurz.\n";
  seen sn = {0};
  langid_man_text(page, sizeof page - 1, "de", record, &sn);
  assert_int_equal(sn.n, 3);
  assert_string_equal(sn.got[0], "ls - Verzeichnisinhalte auflisten");
  assert_string_equal(sn.got[1], "Listet Informationen \"über die DATEIEN\" auf.");
  assert_string_equal(sn.got[2], "Sortiert die Einträge alphabetisch, falls weder noch angegeben ist.");
  assert_int_equal(sn.kind[2], LANGID_DEB_MAN);
  /* gzip round trip */
  unsigned char gz[1024];
  z_stream z;
  memset(&z, 0, sizeof z);
  assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  z.next_in = (unsigned char *)page;
  z.avail_in = sizeof page - 1;
  z.next_out = gz;
  z.avail_out = sizeof gz;
  assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
  size_t gl = sizeof gz - z.avail_out, tl;
  deflateEnd(&z);
  char *t = langid_gunzip(gz, gl, &tl);
  assert_non_null(t);
  assert_int_equal(tl, sizeof page - 1);
  assert_memory_equal(t, page, tl);
  free(t);
  assert_null(langid_gunzip(gz, gl / 2, &tl)); /* cut short */
  assert_null(langid_gunzip((const unsigned char *)page, 40, &tl)); /* not gzip */
  int kind;
  char p[16];
  assert_true(langid_debian_file("/usr/share/man/pt_BR/man1/ls.1.gz", p, sizeof p, &kind));
  assert_string_equal(p, "pt_BR");
  assert_int_equal(kind, LANGID_DEB_MAN);
  assert_false(langid_debian_file("/usr/share/man/man1/ls.1.gz", p, sizeof p, &kind));
}

static void put(const char *root, const char *rel, const void *b, size_t n) {
  char path[512], dir[512];
  snprintf(path, sizeof path, "%s%s", root, rel);
  for (char *s = strchr(path + strlen(root) + 1, '/'); s != NULL; s = strchr(s + 1, '/')) {
    snprintf(dir, sizeof dir, "%.*s", (int)(s - path), path);
    mkdir(dir, 0755);
  }
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(b, 1, n, f), n);
  fclose(f);
}

static void package_root(void **state) {
  (void)state;
  char root[] = "/tmp/langid-debian-XXXXXX";
  assert_non_null(mkdtemp(root));
  static const char status[] =
      "Package: iso-codes\nStatus: install ok installed\nVersion: 4.15.0-1\n\n"
      "Package: hunspell-af\nStatus: deinstall ok config-files\nVersion: 1:7.5.0-1\n\n"
      "Package: myspell-tl\nStatus: install ok installed\nVersion: 0.4-0-22\n";
  put(root, "/var/lib/dpkg/status", status, sizeof status - 1);
  static const char list[] = "/usr\n/usr/share/locale/es/LC_MESSAGES/iso_3166-1.mo\n"
                             "/usr/share/locale/fr/LC_MESSAGES/iso_3166-1.mo\n"
                             "/usr/share/locale/es/LC_MESSAGES/iso_639-3.mo\n";
  put(root, "/var/lib/dpkg/info/iso-codes.list", list, sizeof list - 1);
  static const char tl[] = "/usr/share/hunspell/tl.dic\n/usr/share/hunspell/tl.aff\n";
  put(root, "/var/lib/dpkg/info/myspell-tl.list", tl, sizeof tl - 1);
  size_t len;
  unsigned char *mo = make_mo(catalogue, 3, &len);
  put(root, "/usr/share/locale/es/LC_MESSAGES/iso_3166-1.mo", mo, len);
  put(root, "/usr/share/locale/es/LC_MESSAGES/iso_639-3.mo", mo, len); /* skipped domain */
  /* fr: listed, not there (dpkg's path-exclude) */
  static const char dic[] = "2\nbahay/A\nsalamat\n", aff[] = "SET ISO8859-1\n";
  put(root, "/usr/share/hunspell/tl.dic", dic, sizeof dic - 1);
  put(root, "/usr/share/hunspell/tl.aff", aff, sizeof aff - 1);
  char mpath[600];
  snprintf(mpath, sizeof mpath, "%s/manifest.tsv", root);
  FILE *m = fopen(mpath, "w");
  seen sn = {0};
  langid_debian_read(root, m, record, &sn);
  fclose(m);
  assert_int_equal(sn.n, 4);
  assert_string_equal(sn.got[0], "Abrir");
  assert_string_equal(sn.loc[1], "es");
  assert_string_equal(sn.got[1], "Cerrar");
  assert_string_equal(sn.got[2], "bahay");
  assert_string_equal(sn.loc[3], "tl");
  size_t ml;
  char *man = langid_slurp(mpath, &ml);
  assert_non_null(man);
  char want[256];
  uint64_t h = langid_fnv64(LANGID_FNV64_INIT, mo, len);
  snprintf(want, sizeof want, "iso-codes\t4.15.0-1\t1\t%zu\t%016llx\n", len,
           (unsigned long long)h);
  assert_memory_equal(man, want, strlen(want));
  assert_non_null(strstr(man, "\nhunspell-af\t-\t0\t0\t0\n")); /* removed, not purged */
  assert_non_null(strstr(man, "\nmyspell-tl\t0.4-0-22\t1\t"));
  free(man);
  free(mo);
  char cmd[700];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
  assert_int_equal(system(cmd), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(cleaning),     cmocka_unit_test(mo_files),
      cmocka_unit_test(word_lists),   cmocka_unit_test(locales),
      cmocka_unit_test(manual_pages), cmocka_unit_test(package_root),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
