/* Translated text from Debian packages as training text for
 * tools/langid-train: the gettext catalogues (.mo) under
 * /usr/share/locale/LOCALE/LC_MESSAGES/ of the packages listed below (user
 * interface messages, and ISO code names from iso-codes), the
 * spell-check word lists (hunspell .dic) under /usr/share/hunspell/ and
 * the translated manual pages (/usr/share/man/LOCALE/manN/PAGE.gz, prose).
 *
 * Read from a root (/ or a copy of it): a package's files are the ones its
 * ROOT/var/lib/dpkg/info/PKG.list names, its version the one
 * ROOT/var/lib/dpkg/status gives. langid_debian_read() writes a manifest
 * line per package (name, version, files read, bytes, FNV-1a 64 of their
 * bytes) so that a rebuild can tell whether its inputs are the recorded
 * ones. */
#ifndef LANGID_DEBIAN_H
#define LANGID_DEBIAN_H

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

/* The packages read, in this order. Chosen for the most languages at a
 * small size (scripts/setup installs them): catalogues of 50-160 locales
 * (iso-codes, GTK, GLib, AT-SPI, shared-mime-info, xdg-user-dirs,
 * xkeyboard-config, util-linux), and word lists of languages with little
 * other text (Kazakh, Belarusian, Basque, Guarani, Kurmanji, Uzbek, Swahili,
 * Sinhala, Lao, Breton, Faroese, Tagalog, ...) or that the model confuses
 * (Bosnian, Croatian, Serbian; Indonesian; Bokmål and Nynorsk), and the
 * manual-page translations of manpages-l10n (21 languages: sentences). Left out:
 * libc-l10n and libpam-runtime (updated with most point releases: the
 * rebuild check would skip too often; their languages are here anyway). */
static const char *const langid_debian_packages[] = {
    "iso-codes", "libgtk-3-common", "libgtk2.0-common", "libglib2.0-data", "at-spi2-common",
    "shared-mime-info", "xdg-user-dirs", "xkb-data", "util-linux-locales",
    "hunspell-af", "hunspell-an", "hunspell-be", "hunspell-bn", "hunspell-bo", "hunspell-br",
    "hunspell-bs", "hunspell-dz", "hunspell-eu", "hunspell-gd", "hunspell-gl", "hunspell-gu",
    "hunspell-gug", "hunspell-hr", "hunspell-id", "hunspell-is", "hunspell-kk", "hunspell-kmr",
    "hunspell-lo", "hunspell-lt", "hunspell-lv", "hunspell-ml", "hunspell-mn", "hunspell-ne",
    "hunspell-no", "hunspell-oc", "hunspell-si", "hunspell-sl", "hunspell-sr", "hunspell-sw",
    "hunspell-te", "hunspell-th", "hunspell-uz", "hunspell-vi", "myspell-fo", "myspell-tl",
    "manpages-cs", "manpages-da", "manpages-de", "manpages-el", "manpages-es", "manpages-fi",
    "manpages-fr", "manpages-hu", "manpages-id", "manpages-it", "manpages-mk", "manpages-nb",
    "manpages-nl", "manpages-pl", "manpages-pt-br", "manpages-ro", "manpages-ru", "manpages-sr",
    "manpages-sv", "manpages-uk", "manpages-vi",
};

/* Catalogues not read: lists of proper names (every language's and
 * subdivision's name), mostly the same in every language. */
static const char *const langid_debian_skip_domains[] = {
    "iso_639-3.mo", "iso_639_3.mo", "iso_3166-2.mo", "iso_3166_2.mo", "iso_3166-3.mo",
};

enum { LANGID_DEB_MESSAGES, LANGID_DEB_WORDS, LANGID_DEB_MAN };

static inline void *langid_xrealloc(void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (p == NULL) {
    fprintf(stderr, "langid-train: out of memory\n");
    exit(1);
  }
  return p;
}

/* ---------- a set of strings ---------- */

typedef struct langid_strset {
  uint64_t *h; /* 0 = empty */
  size_t n, cap;
} langid_strset;

static inline uint64_t langid_fnv64(uint64_t h, const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++)
    h = (h ^ b[i]) * 1099511628211ull;
  return h;
}
#define LANGID_FNV64_INIT 14695981039346656037ull

/* Adds @s; false when it was there (by its 64-bit hash). */
static inline bool langid_strset_add(langid_strset *set, const char *s) {
  uint64_t h = langid_fnv64(LANGID_FNV64_INIT, s, strlen(s));
  h += h == 0;
  if (2 * (set->n + 1) > set->cap) {
    size_t cap = set->cap ? 2 * set->cap : 1024;
    uint64_t *t = calloc(cap, sizeof *t);
    if (t == NULL) {
      fprintf(stderr, "langid-train: out of memory\n");
      exit(1);
    }
    for (size_t i = 0; i < set->cap; i++)
      if (set->h[i]) {
        size_t k = set->h[i] & (cap - 1);
        while (t[k])
          k = (k + 1) & (cap - 1);
        t[k] = set->h[i];
      }
    free(set->h);
    set->h = t;
    set->cap = cap;
  }
  size_t k = h & (set->cap - 1);
  while (set->h[k]) {
    if (set->h[k] == h)
      return false;
    k = (k + 1) & (set->cap - 1);
  }
  set->h[k] = h;
  set->n++;
  return true;
}

static inline void langid_strset_free(langid_strset *set) {
  free(set->h);
  memset(set, 0, sizeof *set);
}

/* ---------- cleaning a message ---------- */

static inline bool langid_ascii_alpha(unsigned char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* Letters of @s: ASCII letters and code points from U+0080 up. */
static inline size_t langid_letters(const char *s, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    k += langid_ascii_alpha(c) || c >= 0xC0;
  }
  return k;
}

/* Length of the printf conversion at @s[0] == '%' (C and Python "%(name)s"
 * forms, positional "%1$d"); 0 when it is none. */
static inline size_t langid_format_len(const char *s) {
  size_t i = 1;
  if (s[i] == '%')
    return 2;
  if (s[i] == '(') {
    while (s[i] && s[i] != ')' && i < 40)
      i++;
    if (s[i] != ')')
      return 0;
    i++;
  }
  size_t d = i;
  while (s[i] >= '0' && s[i] <= '9')
    i++;
  if (s[i] == '$' && i > d)
    i++;
  else
    i = d;
  while (s[i] && strchr("-+ #0'I", s[i]) != NULL)
    i++;
  while ((s[i] >= '0' && s[i] <= '9') || s[i] == '*')
    i++;
  if (s[i] == '.') {
    i++;
    while ((s[i] >= '0' && s[i] <= '9') || s[i] == '*')
      i++;
  }
  while (s[i] && strchr("hlLqjzZt", s[i]) != NULL)
    i++;
  if (s[i] == 'I' && s[i + 1] == '6' && s[i + 2] == '4')
    i += 3;
  if (s[i] && strchr("diouxXeEfFgGaAcsSpnmC", s[i]) != NULL)
    return i + 1;
  if (s[i] == '<') { /* "%" PRIu64 in the catalogue: "%<PRIu64>" */
    const char *e = strchr(s + i, '>');
    return e != NULL && e - s < 32 ? (size_t)(e - s) + 1 : 0;
  }
  return 0;
}

/* @s cleaned into @out (at least strlen(@s) + 1 bytes): format
 * specifiers, markup tags, entities, placeholders ("{0}", "${name}") and
 * control characters become spaces, accelerators go ("_File", "&Open",
 * "(_O)"), words that look like paths, options, identifiers or addresses
 * (with / \ = @ _ | $ < > or a leading -, or letters and digits mixed)
 * are dropped, spaces are collapsed.
 * Returns the length; 0 when fewer than two letters stay. */
static inline size_t langid_clean_message(const char *s, char *out) {
  size_t n = strlen(s);
  char *t = malloc(n + 1);
  if (t == NULL) {
    fprintf(stderr, "langid-train: out of memory\n");
    exit(1);
  }
  size_t w = 0;
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)s[i];
    size_t k;
    if (c == '%' && (k = langid_format_len(s + i)) > 0) {
      t[w++] = ' ';
      i += k;
    } else if (c == '<' && i + 1 < n && (langid_ascii_alpha((unsigned char)s[i + 1]) || s[i + 1] == '/') &&
               (k = strcspn(s + i + 1, "<>")) < 200 && s[i + 1 + k] == '>') {
      t[w++] = ' ';
      i += k + 2;
    } else if (c == '&' && (k = strspn(s + i + 1, "#abcdefghijklmnopqrstuvwxyz0123456789")) > 0 &&
               s[i + 1 + k] == ';') {
      t[w++] = ' ';
      i += k + 2;
    } else if ((c == '&' || c == '_') && i + 1 < n &&
               (langid_ascii_alpha((unsigned char)s[i + 1]) || (unsigned char)s[i + 1] >= 0xC0) &&
               (i == 0 || s[i - 1] == ' ' || s[i - 1] == '(' ||
                (c == '_' && !langid_ascii_alpha((unsigned char)s[i - 1]) &&
                 !(s[i - 1] >= '0' && s[i - 1] <= '9')) ||
                c == '&' || (unsigned char)s[i - 1] >= 0x80)) {
      /* an accelerator: "(_O)" after CJK text goes whole */
      if (c == '_' && i > 0 && s[i - 1] == '(' && i + 2 < n && s[i + 2] == ')' &&
          langid_ascii_alpha((unsigned char)s[i + 1])) {
        if (w > 0 && t[w - 1] == '(')
          w--;
        t[w++] = ' ';
        i += 3;
      } else {
        i++;
      }
    } else if ((c == '{' || (c == '$' && i + 1 < n && s[i + 1] == '{')) &&
               (k = strcspn(s + i + 1, "{}")) < 40 && s[i + 1 + k] == '}') {
      t[w++] = ' ';
      i += k + 2;
    } else if (c < 0x20 || c == 0x7F) {
      t[w++] = ' ';
      i++;
    } else {
      t[w++] = (char)c;
      i++;
    }
  }
  t[w] = 0;
  /* words */
  size_t o = 0;
  for (size_t i = 0; i < w;) {
    while (i < w && t[i] == ' ')
      i++;
    size_t a = i;
    while (i < w && t[i] != ' ')
      i++;
    if (a == i)
      break;
    bool drop = t[a] == '-' && i - a > 1 && t[a + 1] != ' ', digit = false, alpha = false;
    for (size_t j = a; j < i && !drop; j++) {
      drop = strchr("/\\=@_|$<>", t[j]) != NULL;
      digit |= t[j] >= '0' && t[j] <= '9';
      alpha |= langid_ascii_alpha((unsigned char)t[j]);
    }
    drop |= digit && alpha; /* "prc4", "x86", "UTF8" */
    if (drop)
      continue;
    if (o)
      out[o++] = ' ';
    memcpy(out + o, t + a, i - a);
    o += i - a;
  }
  out[o] = 0;
  free(t);
  return langid_letters(out, o) >= 2 ? o : 0;
}

/* ---------- gettext catalogues ---------- */

static inline uint32_t langid_u32(const unsigned char *p, bool swap) {
  uint32_t v;
  memcpy(&v, p, 4);
  return swap ? __builtin_bswap32(v) : v;
}

typedef void (*langid_deb_cb)(void *ctx, const char *locale, int kind, const char *s);

/* The translations (msgstr; of plural forms the first) of the catalogue
 * @b[0..@n), cleaned (langid_clean_message()), one call of @cb each;
 * entries without a translation of their own (the header, a msgstr equal
 * to its msgid) are left out. Returns false when the file is not a valid
 * catalogue, with the byte offset of the fault in *@bad. */
static inline bool langid_mo_strings(const unsigned char *b, size_t n, const char *locale,
                                     langid_deb_cb cb, void *ctx, size_t *bad) {
  if (n < 20) {
    *bad = 0;
    return false;
  }
  uint32_t magic;
  memcpy(&magic, b, 4);
  bool swap = magic == 0xde120495u;
  if (!swap && magic != 0x950412deu) {
    *bad = 0;
    return false;
  }
  uint32_t count = langid_u32(b + 8, swap), oo = langid_u32(b + 12, swap),
           to = langid_u32(b + 16, swap);
  if (oo > n || to > n || count > (n - oo) / 8 || count > (n - to) / 8) {
    *bad = 8;
    return false;
  }
  char *buf = NULL, *clean = NULL;
  size_t cap = 0;
  for (uint32_t i = 0; i < count; i++) {
    uint32_t il = langid_u32(b + oo + 8 * i, swap), io = langid_u32(b + oo + 8 * i + 4, swap);
    uint32_t sl = langid_u32(b + to + 8 * i, swap), so = langid_u32(b + to + 8 * i + 4, swap);
    if (io > n || il >= n - io || so > n || sl >= n - so) {
      *bad = (size_t)(il >= n - io || io > n ? oo : to) + 8 * i;
      free(buf);
      free(clean);
      return false;
    }
    if (il == 0 || sl == 0)
      continue; /* the header, or no translation */
    /* msgid without its context ("ctx\4id") and plural */
    const char *id = (const char *)b + io;
    const char *eot = memchr(id, 4, il);
    if (eot != NULL)
      id = eot + 1;
    const char *st = (const char *)b + so;
    size_t slen = strnlen(st, sl);
    if (strlen(id) == slen && memcmp(id, st, slen) == 0)
      continue;
    if (slen + 1 > cap) {
      cap = 2 * slen + 64;
      buf = realloc(buf, cap);
      clean = realloc(clean, cap);
      if (buf == NULL || clean == NULL) {
        fprintf(stderr, "langid-train: out of memory\n");
        exit(1);
      }
    }
    memcpy(buf, st, slen);
    buf[slen] = 0;
    if (langid_clean_message(buf, clean) > 0)
      cb(ctx, locale, LANGID_DEB_MESSAGES, clean);
  }
  free(buf);
  free(clean);
  return true;
}

/* ---------- hunspell word lists ---------- */

/* The words of the word list @b[0..@n) (first line: the count; then a word
 * a line, "/FLAGS" and morphological fields after a tab or space cut off),
 * converted to UTF-8 from the encoding @enc (the .aff file's SET; NULL:
 * UTF-8); words with a digit or a period, or of fewer than two letters,
 * are left out. Returns false when the encoding is unknown to iconv. */
static inline bool langid_dic_words(const char *b, size_t n, const char *enc, const char *locale,
                                    langid_deb_cb cb, void *ctx) {
  iconv_t cd = (iconv_t)-1;
  if (enc != NULL && strcmp(enc, "UTF-8") != 0) {
    cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1)
      return false;
  }
  if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0) {
    b += 3;
    n -= 3;
  }
  char word[256], conv[1024];
  for (size_t i = 0, line = 0; i < n; line++) {
    size_t e = i;
    while (e < n && b[e] != '\n')
      e++;
    size_t k = i;
    while (k < e && b[k] != '/' && b[k] != '\t' && b[k] != ' ' && b[k] != '\r')
      k++;
    size_t len = k - i;
    const char *wd = b + i;
    i = e + 1;
    if (line == 0 || len == 0 || len >= sizeof word)
      continue;
    memcpy(word, wd, len);
    word[len] = 0;
    if (strpbrk(word, "0123456789.#") != NULL)
      continue;
    const char *u = word;
    if (cd != (iconv_t)-1) {
      char *in = word, *outp = conv;
      size_t il = len, ol = sizeof conv - 1;
      if (iconv(cd, &in, &il, &outp, &ol) == (size_t)-1) {
        iconv(cd, NULL, NULL, NULL, NULL);
        continue;
      }
      *outp = 0;
      u = conv;
    }
    if (langid_letters(u, strlen(u)) >= 2)
      cb(ctx, locale, LANGID_DEB_WORDS, u);
  }
  if (cd != (iconv_t)-1)
    iconv_close(cd);
  return true;
}

/* ---------- manual pages ---------- */

/* The gzip stream @b[0..@n) inflated (NUL-terminated; its length in
 * *@len); NULL when it is not gzip or is corrupt. */
static inline char *langid_gunzip(const unsigned char *b, size_t n, size_t *len) {
  z_stream z;
  memset(&z, 0, sizeof z);
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
    return NULL;
  size_t cap = 4 * n + 4096, got = 0;
  char *out = langid_xrealloc(NULL, cap + 1);
  z.next_in = (unsigned char *)b;
  z.avail_in = (uInt)n;
  int rc;
  do {
    if (got == cap)
      out = langid_xrealloc(out, (cap *= 2) + 1);
    z.next_out = (unsigned char *)out + got;
    z.avail_out = (uInt)(cap - got);
    rc = inflate(&z, Z_NO_FLUSH);
    got = cap - z.avail_out;
  } while (rc == Z_OK);
  inflateEnd(&z);
  if (rc != Z_STREAM_END) {
    free(out);
    return NULL;
  }
  out[got] = 0;
  *len = got;
  return out;
}

/* Skips a roff escape's argument at @s: "x", "(xx" or "[...]"; returns
 * the bytes used. */
static inline size_t langid_roff_name(const char *s) {
  if (*s == '(')
    return s[1] && s[2] ? 3 : 1;
  if (*s == '[') {
    const char *e = strchr(s, ']');
    return e ? (size_t)(e - s) + 1 : 1;
  }
  return *s ? 1 : 0;
}

/* A text line of a manual page with its roff escapes resolved into @out
 * (at least 2 * strlen(@s) + 1 bytes): font changes, size changes,
 * zero-width marks and comments go, \- and the dashes and quotes of
 * \(xx and \[xx] become their characters, other special characters,
 * strings, registers and drawing escapes become spaces. */
static inline void langid_roff_text(const char *s, char *out) {
  size_t o = 0;
  while (*s) {
    if (*s != '\\') {
      out[o++] = *s++;
      continue;
    }
    char c = s[1];
    s += c ? 2 : 1;
    if (c == '"' || c == '#' || c == 0)
      break; /* a comment, or the end */
    if (c == 'f' || c == 'F' || c == 'k' || c == 'm' || c == 'M') {
      s += langid_roff_name(s);
    } else if (c == 's') {
      if (*s == '+' || *s == '-')
        s++;
      if (*s == '(' || *s == '[')
        s += langid_roff_name(s);
      else
        while (*s >= '0' && *s <= '9')
          s++;
    } else if (c == '(' || c == '[') {
      const char *name = s - 1;
      size_t k = langid_roff_name(name);
      s = name + k;
      const char *nm = name + 1;
      size_t nl = c == '(' ? 2 : (k >= 2 ? k - 2 : 0);
      const char *rep = " ";
      if ((nl == 2 && strncmp(nm, "em", 2) == 0))
        rep = "\xe2\x80\x94";
      else if (nl == 2 && strncmp(nm, "en", 2) == 0)
        rep = "\xe2\x80\x93";
      else if (nl == 2 && (strncmp(nm, "aq", 2) == 0 || strncmp(nm, "cq", 2) == 0 ||
                           strncmp(nm, "oq", 2) == 0))
        rep = "'";
      else if (nl == 2 && (strncmp(nm, "lq", 2) == 0 || strncmp(nm, "rq", 2) == 0 ||
                           strncmp(nm, "dq", 2) == 0))
        rep = "\"";
      else if (nl == 2 && strncmp(nm, "hy", 2) == 0)
        rep = "-";
      size_t rl = strlen(rep);
      memcpy(out + o, rep, rl);
      o += rl;
    } else if (c == '*' || c == 'n' || c == 'g' || c == 'Y' || c == 'V') {
      if ((c == 'n') && (*s == '+' || *s == '-'))
        s++;
      s += langid_roff_name(s);
      out[o++] = ' ';
    } else if (strchr("NhvwoLlXZDbCRSxuHAB", c) != NULL && *s == '\'') {
      const char *e = strchr(s + 1, '\'');
      s = e ? e + 1 : s + strlen(s);
      out[o++] = ' ';
    } else if (c == '-') {
      out[o++] = '-';
    } else if (c == ' ' || c == '~' || c == '0' || c == 'e' || c == 't') {
      out[o++] = ' ';
    } /* \& \c \% \| \^ \: \) \/ \, and others: nothing */
  }
  out[o] = 0;
}

/* Whether a sentence looks English (a page's paragraphs that were not
 * translated stay English): at least a quarter of its words, and two or
 * more, are among the commonest English function words. */
static inline bool langid_english(const char *s) {
  static const char *const stop[] = {"the", "of", "and", "to", "is", "a", "in", "for", "with",
                                     "be", "this", "that", "are", "by", "on", "or", "not", "if",
                                     "it", "an", "as", "from", "which", "will", "can", "when"};
  size_t words = 0, hits = 0;
  for (const char *p = s; *p;) {
    while (*p == ' ')
      p++;
    const char *a = p;
    while (*p && *p != ' ')
      p++;
    if (p == a)
      break;
    words++;
    for (size_t k = 0; k < sizeof stop / sizeof *stop; k++)
      if (strlen(stop[k]) == (size_t)(p - a) && strncasecmp(a, stop[k], (size_t)(p - a)) == 0) {
        hits++;
        break;
      }
  }
  return hits >= 2 && 4 * hits >= words;
}

/* The prose of a manual page (roff source @b[0..@n), NUL-terminated):
 * its text lines outside examples (.nf/.fi, .EX/.EE), joined into
 * paragraphs (a request line, such as .PP, .TP or .B, or an empty line
 * ends one), cut into sentences at . ! ?
 * followed by a space, cleaned (langid_clean_message()); sentences of at
 * least 20 letters, one call of @cb each. */
static inline void langid_man_text(const char *b, size_t n, const char *locale, langid_deb_cb cb,
                                   void *ctx) {
  char *para = langid_xrealloc(NULL, 2 * n + 2), *line = langid_xrealloc(NULL, 2 * n + 2);
  char *clean = langid_xrealloc(NULL, 2 * n + 2);
  size_t pl = 0;
  bool literal = false;
  for (size_t i = 0; i <= n;) {
    size_t e = i;
    while (e < n && b[e] != '\n')
      e++;
    bool end = i >= n;
    bool request = !end && (b[i] == '.' || b[i] == '\'');
    if (request) {
      if (strncmp(b + i + 1, "nf", 2) == 0 || strncmp(b + i + 1, "EX", 2) == 0)
        literal = true;
      else if (strncmp(b + i + 1, "fi", 2) == 0 || strncmp(b + i + 1, "EE", 2) == 0)
        literal = false;
    }
    if (end || request || e == i) {
      /* the paragraph so far, by sentence */
      para[pl] = 0;
      for (size_t a = 0; a < pl;) {
        size_t z = a;
        while (z < pl && !((para[z] == '.' || para[z] == '!' || para[z] == '?') &&
                           (z + 1 == pl || para[z + 1] == ' ')))
          z++;
        if (z < pl)
          z++;
        char keep = para[z];
        para[z] = 0;
        size_t cl = langid_clean_message(para + a, clean);
        para[z] = keep;
        if (cl > 0 && langid_letters(clean, cl) >= 20 && !langid_english(clean))
          cb(ctx, locale, LANGID_DEB_MAN, clean);
        a = z;
        while (a < pl && para[a] == ' ')
          a++;
      }
      pl = 0;
    } else if (!literal) {
      char *raw = langid_xrealloc(NULL, e - i + 1);
      memcpy(raw, b + i, e - i);
      raw[e - i] = 0;
      langid_roff_text(raw, line);
      free(raw);
      size_t ll = strlen(line);
      if (pl > 0)
        para[pl++] = ' ';
      memcpy(para + pl, line, ll);
      pl += ll;
    }
    if (end)
      break;
    i = e + 1;
  }
  free(para);
  free(line);
  free(clean);
}

/* ---------- packages ---------- */

static inline char *langid_slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return NULL;
  char *buf = NULL;
  size_t n = 0, cap = 0, got;
  do {
    if (n + 65536 > cap) {
      cap = 2 * cap + 65536;
      char *nb = realloc(buf, cap + 1);
      if (nb == NULL) {
        fprintf(stderr, "langid-train: out of memory\n");
        exit(1);
      }
      buf = nb;
    }
    got = fread(buf + n, 1, cap - n, f);
    n += got;
  } while (got > 0);
  bool err = ferror(f);
  fclose(f);
  if (err) {
    free(buf);
    return NULL;
  }
  buf[n] = 0;
  *len = n;
  return buf;
}

/* Version of installed package @pkg in the dpkg status file @status
 * (NUL-terminated), into @out; false when not installed. */
static inline bool langid_dpkg_version(const char *status, const char *pkg, char *out, size_t cap) {
  size_t pl = strlen(pkg);
  for (const char *p = status; p != NULL && *p;) {
    const char *end = strstr(p, "\n\n");
    size_t plen = end ? (size_t)(end - p) : strlen(p);
    if (strncmp(p, "Package: ", 9) == 0 && strncmp(p + 9, pkg, pl) == 0 && p[9 + pl] == '\n') {
      const char *st = strstr(p, "\nStatus: "), *v = strstr(p, "\nVersion: ");
      if (st != NULL && st < p + plen && strncmp(st + 9, "install ok installed", 20) == 0 &&
          v != NULL && v < p + plen) {
        size_t vl = strcspn(v + 10, "\n");
        if (vl >= cap)
          vl = cap - 1;
        memcpy(out, v + 10, vl);
        out[vl] = 0;
        return true;
      }
    }
    p = end ? end + 2 : NULL;
  }
  return false;
}

static int langid_cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The locale of a file the readers take (NULL: not one of them) and its
 * kind: /usr/share/locale/LOCALE/LC_MESSAGES/DOMAIN.mo (not the skipped
 * domains), /usr/share/hunspell/LOCALE.dic. */
static inline bool langid_debian_file(const char *path, char *locale, size_t cap, int *kind) {
  static const char loc[] = "/usr/share/locale/", hun[] = "/usr/share/hunspell/";
  size_t n = strlen(path);
  if (strncmp(path, loc, sizeof loc - 1) == 0 && n > 3 && strcmp(path + n - 3, ".mo") == 0) {
    const char *l = path + sizeof loc - 1, *sl = strchr(l, '/');
    if (sl == NULL || strncmp(sl, "/LC_MESSAGES/", 13) != 0 || strchr(sl + 13, '/') != NULL)
      return false;
    for (size_t i = 0; i < sizeof langid_debian_skip_domains / sizeof *langid_debian_skip_domains;
         i++)
      if (strcmp(sl + 13, langid_debian_skip_domains[i]) == 0)
        return false;
    if ((size_t)(sl - l) >= cap)
      return false;
    memcpy(locale, l, (size_t)(sl - l));
    locale[sl - l] = 0;
    *kind = LANGID_DEB_MESSAGES;
    return true;
  }
  static const char man[] = "/usr/share/man/";
  if (strncmp(path, man, sizeof man - 1) == 0 && n > 3 && strcmp(path + n - 3, ".gz") == 0) {
    const char *l = path + sizeof man - 1, *sl = strchr(l, '/');
    /* LOCALE/manN/PAGE.gz; not the English pages (manN/PAGE.gz) */
    if (sl != NULL && strncmp(l, "man", 3) != 0 && strncmp(sl, "/man", 4) == 0 &&
        strchr(sl + 1, '/') != NULL && (size_t)(sl - l) < cap) {
      memcpy(locale, l, (size_t)(sl - l));
      locale[sl - l] = 0;
      *kind = LANGID_DEB_MAN;
      return true;
    }
  }
  if (strncmp(path, hun, sizeof hun - 1) == 0 && n > 4 && strcmp(path + n - 4, ".dic") == 0 &&
      strchr(path + sizeof hun - 1, '/') == NULL) {
    size_t ll = n - 4 - (sizeof hun - 1);
    if (ll >= cap)
      return false;
    memcpy(locale, path + sizeof hun - 1, ll);
    locale[ll] = 0;
    *kind = LANGID_DEB_WORDS;
    return true;
  }
  return false;
}

/* Reads the packages of langid_debian_packages under @root, calling @cb
 * for every string, and writes the manifest to @manifest (may be NULL):
 * "PACKAGE\tVERSION\tFILES\tBYTES\tFNV64" per package, "-" as the version
 * of one not installed (then nothing of it is read). A file the package
 * lists but that is absent (dpkg's path-exclude) is not counted. Exits (2)
 * with the file and offset on a malformed catalogue. */
static inline void langid_debian_read(const char *root, FILE *manifest, langid_deb_cb cb,
                                      void *ctx) {
  char path[4096];
  snprintf(path, sizeof path, "%s/var/lib/dpkg/status", root);
  size_t slen;
  char *status = langid_slurp(path, &slen);
  if (status == NULL) {
    fprintf(stderr, "langid-train: %s: %s\n", path, strerror(errno));
    exit(2);
  }
  size_t npk = sizeof langid_debian_packages / sizeof *langid_debian_packages;
  for (size_t p = 0; p < npk; p++) {
    const char *pkg = langid_debian_packages[p];
    char version[128], *list = NULL;
    size_t llen = 0;
    if (langid_dpkg_version(status, pkg, version, sizeof version)) {
      snprintf(path, sizeof path, "%s/var/lib/dpkg/info/%s.list", root, pkg);
      list = langid_slurp(path, &llen);
      if (list == NULL) {
        snprintf(path, sizeof path, "%s/var/lib/dpkg/info/%s:all.list", root, pkg);
        list = langid_slurp(path, &llen);
      }
    }
    if (list == NULL) {
      fprintf(stderr, "langid-train: Debian package %s is not installed under %s; left out\n",
              pkg, root);
      if (manifest)
        fprintf(manifest, "%s\t-\t0\t0\t0\n", pkg);
      continue;
    }
    /* its files, sorted */
    char **files = NULL;
    size_t nf = 0;
    for (char *s = strtok(list, "\n"); s != NULL; s = strtok(NULL, "\n")) {
      char **nfp = realloc(files, (nf + 1) * sizeof *files);
      if (nfp == NULL) {
        fprintf(stderr, "langid-train: out of memory\n");
        exit(1);
      }
      files = nfp;
      files[nf++] = s;
    }
    qsort(files, nf, sizeof *files, langid_cmp_str);
    size_t read = 0, bytes = 0;
    uint64_t h = LANGID_FNV64_INIT;
    for (size_t i = 0; i < nf; i++) {
      char locale[64];
      int kind;
      if (!langid_debian_file(files[i], locale, sizeof locale, &kind))
        continue;
      snprintf(path, sizeof path, "%s%s", root, files[i]);
      size_t n;
      char *b = langid_slurp(path, &n);
      if (b == NULL)
        continue; /* listed, not there */
      read++;
      bytes += n;
      h = langid_fnv64(h, b, n);
      if (kind == LANGID_DEB_MAN) {
        size_t tl;
        char *t = langid_gunzip((const unsigned char *)b, n, &tl);
        if (t == NULL) {
          fprintf(stderr, "langid-train: %s: not a valid gzip file\n", path);
          exit(2);
        }
        langid_man_text(t, tl, locale, cb, ctx);
        free(t);
      } else if (kind == LANGID_DEB_MESSAGES) {
        size_t bad;
        if (!langid_mo_strings((const unsigned char *)b, n, locale, cb, ctx, &bad)) {
          fprintf(stderr, "langid-train: %s: not a valid gettext catalogue (at byte %zu)\n", path,
                  bad);
          exit(2);
        }
      } else {
        /* the encoding: the SET line of the .aff file beside it */
        char aff[4096], enc[64] = "ISO8859-1";
        snprintf(aff, sizeof aff, "%.*s.aff", (int)(strlen(path) - 4), path);
        size_t al;
        char *a = langid_slurp(aff, &al);
        if (a != NULL) {
          char *set = strstr(a, "SET ");
          if (set != NULL && (set == a || set[-1] == '\n' || set[-1] == '\xBF')) {
            size_t el = strcspn(set + 4, " \t\r\n");
            if (el < sizeof enc) {
              memcpy(enc, set + 4, el);
              enc[el] = 0;
            }
          }
          free(a);
        }
        if (!langid_dic_words(b, n, enc, locale, cb, ctx)) {
          fprintf(stderr, "langid-train: %s: unknown encoding %s\n", aff, enc);
          exit(2);
        }
      }
      free(b);
    }
    if (manifest)
      fprintf(manifest, "%s\t%s\t%zu\t%zu\t%016llx\n", pkg, version, read, bytes,
              (unsigned long long)h);
    free(files);
    free(list);
  }
  free(status);
}

/* ---------- strings by locale ---------- */

/* The strings of one locale directory or word list, deduplicated. */
typedef struct langid_deb_bucket {
  char locale[64];
  int kind;
  char **v;
  size_t n;
  langid_strset seen;
} langid_deb_bucket;

typedef struct langid_deb_buckets {
  langid_deb_bucket *b;
  size_t n, last;
} langid_deb_buckets;

/* A langid_deb_cb: adds @s to the bucket of (@locale, @kind) of the
 * langid_deb_buckets @ctx, unless it is there. */
static inline void langid_deb_collect(void *ctx, const char *locale, int kind, const char *s) {
  langid_deb_buckets *bk = ctx;
  size_t b = bk->last;
  if (b >= bk->n || bk->b[b].kind != kind || strcmp(bk->b[b].locale, locale) != 0) {
    for (b = 0; b < bk->n && (bk->b[b].kind != kind || strcmp(bk->b[b].locale, locale) != 0); b++)
      ;
    if (b == bk->n) {
      bk->b = langid_xrealloc(bk->b, (bk->n + 1) * sizeof *bk->b);
      memset(&bk->b[b], 0, sizeof *bk->b);
      snprintf(bk->b[b].locale, sizeof bk->b[b].locale, "%s", locale);
      bk->b[b].kind = kind;
      bk->n++;
    }
    bk->last = b;
  }
  langid_deb_bucket *d = &bk->b[b];
  if (!langid_strset_add(&d->seen, s))
    return;
  if ((d->n & (d->n - 1)) == 0)
    d->v = langid_xrealloc(d->v, (d->n ? 2 * d->n : 1) * sizeof *d->v);
  size_t len = strlen(s) + 1;
  d->v[d->n++] = memcpy(langid_xrealloc(NULL, len), s, len);
}

#define LANGID_DEB_KINDS 3 /* LANGID_DEB_MESSAGES, _WORDS, _MAN */

/* The strings of the buckets @bk by language and kind: list
 * LANGID_DEB_KINDS * LANG + KIND of *@v_out (lengths in *@n_out; @nl
 * languages), where @lang_of gives a bucket's language (@nl: none; the
 * bucket is left out, said on stderr) and @keep whether a string of it
 * stays; deduplicated per list (pt and pt_BR, a message in two packages).
 * Frees the buckets; returns how many were used. */
static inline size_t langid_deb_by_language(langid_deb_buckets *bk, size_t nl,
                                            size_t (*lang_of)(const langid_deb_bucket *),
                                            bool (*keep)(size_t lang, int kind, const char *s),
                                            char ****v_out, size_t **n_out) {
  size_t lists = LANGID_DEB_KINDS * nl, used = 0;
  char ***v = langid_xrealloc(NULL, lists * sizeof *v);
  size_t *n = langid_xrealloc(NULL, lists * sizeof *n);
  langid_strset *seen = langid_xrealloc(NULL, lists * sizeof *seen);
  memset(v, 0, lists * sizeof *v);
  memset(n, 0, lists * sizeof *n);
  memset(seen, 0, lists * sizeof *seen);
  for (size_t b = 0; b < bk->n; b++) {
    langid_deb_bucket *d = &bk->b[b];
    size_t j = lang_of(d);
    if (j == nl) {
      fprintf(stderr, "langid-train: Debian %s %s: no language of the model in its script; "
              "left out\n", d->kind == LANGID_DEB_WORDS ? "word list" : d->kind == LANGID_DEB_MAN ?
              "manual pages" : "locale", d->locale);
    } else {
      size_t s = LANGID_DEB_KINDS * j + (size_t)d->kind;
      used++;
      for (size_t k = 0; k < d->n; k++) {
        if (!langid_strset_add(&seen[s], d->v[k]) || !keep(j, d->kind, d->v[k])) {
          free(d->v[k]);
          continue;
        }
        if ((n[s] & (n[s] - 1)) == 0) /* grow by doubling */
          v[s] = langid_xrealloc(v[s], (n[s] ? 2 * n[s] : 1) * sizeof **v);
        v[s][n[s]++] = d->v[k];
      }
      d->n = 0;
    }
    for (size_t k = 0; k < d->n; k++)
      free(d->v[k]);
    free(d->v);
    langid_strset_free(&d->seen);
  }
  free(bk->b);
  memset(bk, 0, sizeof *bk);
  for (size_t s = 0; s < lists; s++)
    langid_strset_free(&seen[s]);
  free(seen);
  *v_out = v;
  *n_out = n;
  return used;
}

/* Locale subtags whose language the model's tags name otherwise (its tag
 * is the ISO 639-3 code, or an individual language of a macrolanguage). */
static const struct {
  const char *prim, *iso;
} langid_debian_alias[] = {{"ca", "cat"}, {"fil", "tgl"}, {"ha", "hau"},
                           {"ms", "zlm"}, {"no", "nob"}, {"sq", "als"}};

/* The BCP 47 primary language subtag of a locale name ("pt_BR" -> "pt",
 * "sr@latin" -> "sr", "kmr_Latn" -> "kmr") into @out; false for the
 * locales left out: "C", variants with a modifier other than a script
 * (latin, Latn, cyrillic) or a region's form (valencia, ijekavian, ije,
 * ijekavianlatin), such as en@shaw, be@tarask, en@quot. */
static inline bool langid_locale_primary(const char *locale, char *out, size_t cap) {
  const char *at = strchr(locale, '@');
  if (at != NULL && strcmp(at, "@latin") != 0 && strcmp(at, "@Latn") != 0 &&
      strcmp(at, "@cyrillic") != 0 && strcmp(at, "@valencia") != 0 &&
      strcmp(at, "@ijekavian") != 0 && strcmp(at, "@ije") != 0 &&
      strcmp(at, "@ijekavianlatin") != 0)
    return false;
  size_t n = strcspn(locale, "_-.@");
  if (n < 2 || n > 3 || n >= cap)
    return false;
  for (size_t i = 0; i < n; i++)
    out[i] = (char)(locale[i] | 0x20);
  out[n] = 0;
  return true;
}

#endif
