/* loc_fontcheck on arbitrary input. The first byte chooses:
 *  - bit 0 clear: a fixed font (Noto Sans Devanagari, when installed), the
 *    language from a short list (byte 1), the rest as the sample text;
 *  - bit 0 set: the rest as font bytes (loc_font_new_memory), checked for
 *    Hindi, Arabic and Latin-script English with a fixed text;
 *  - bit 1 set (with the fixed font): the language tag itself is read from
 *    the input, up to a NUL, the text after it.
 * Checked: a clear status (never a crash), and a report that agrees with
 * itself — missing code points ascending, at most the exemplars, and the
 * verdict the counts imply (header <loc/fontcheck.h>). */
#include "fuzz.h"

static const char *const langs[] = {"hi", "mr", "ne", "sa", "en", "ar", "und-Deva", "kok",
                                    "bho", "mai", "sat", "zz"};

static const char sample[] = "\xE0\xA4\xA8\xE0\xA4\xAE\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4"
                             "\xE0\xA5\x87 abc \xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xE0\xA4\x95"
                             "\xE0\xA5\x8D\xE0\xA4\xB7\n\xE0\xA4\xBF\xE0\xA5\x8D 123";

static void check_report(const loc_fontcheck_report *r) {
  FUZZ_CHECK(r->verdict == LOC_FONT_SUPPORTED || r->verdict == LOC_FONT_PARTIAL ||
             r->verdict == LOC_FONT_UNSUPPORTED);
  FUZZ_CHECK(r->n_missing <= r->exemplars);
  FUZZ_CHECK(r->n_missing == 0 || r->missing != NULL);
  for (size_t i = 1; i < r->n_missing; i++)
    FUZZ_CHECK(r->missing[i - 1] < r->missing[i]);
  bool clean = r->n_missing == 0 && r->notdef == 0 && r->dotted_circles == 0 &&
               r->unattached_marks == 0;
  if (r->verdict == LOC_FONT_SUPPORTED)
    FUZZ_CHECK(clean && r->exemplars > 0);
  if (r->exemplars == 0 || r->n_missing * 4 > r->exemplars)
    FUZZ_CHECK(r->verdict == LOC_FONT_UNSUPPORTED);
  else if (!clean)
    FUZZ_CHECK(r->verdict == LOC_FONT_PARTIAL);
  FUZZ_CHECK(memchr(r->script, '\0', sizeof r->script) != NULL);
}

static void run(const loc_font *font, const char *lang, const char *text, size_t len) {
  loc_fontcheck_report r;
  memset(&r, 0xA5, sizeof r); /* the call must fill it in */
  loc_status st = loc_fontcheck(font, lang, text, len, &r);
  if (st == LOC_OK)
    check_report(&r);
  else
    FUZZ_CHECK(st == LOC_E_INVALID_TAG || st == LOC_E_UNKNOWN_SCRIPT || st == LOC_E_NO_MEMORY);
  if (st == LOC_OK)
    loc_fontcheck_report_clear(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static loc_font *deva;
  static bool tried;
  if (size > FUZZ_MAX_INPUT || size < 2)
    return 0;
  if (!tried) {
    tried = true;
    if (loc_font_new("/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf", 0,
                      &deva) != LOC_OK)
      deva = NULL;
  }
  if (data[0] & 1) {
    loc_font *f = NULL;
    loc_status st = loc_font_new_memory(data + 1, size - 1, 0, &f);
    FUZZ_CHECK(st == LOC_OK || st == LOC_E_FONT_LOAD || st == LOC_E_NO_MEMORY);
    if (st != LOC_OK)
      return 0;
    run(f, "hi", sample, sizeof sample - 1);
    run(f, "ar", sample, sizeof sample - 1);
    run(f, "en", NULL, 0);
    loc_font_free(f);
    return 0;
  }
  if (deva == NULL)
    return 0;
  if (data[0] & 2) {
    const uint8_t *nul = memchr(data + 1, '\0', size - 1);
    if (nul == NULL || nul - (data + 1) > 64)
      return 0;
    const char *text = (const char *)nul + 1;
    run(deva, (const char *)data + 1, text, size - (size_t)(nul + 1 - data));
    return 0;
  }
  const char *lang = langs[data[1] % (sizeof langs / sizeof *langs)];
  run(deva, lang, (const char *)data + 2, size - 2);
  return 0;
}
