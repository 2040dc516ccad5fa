/* Itemisation and shaping of arbitrary text with a fixed font (Noto Sans
 * from fonts-noto-core when installed; itemisation alone otherwise): items
 * cover the text in order without gaps, the visual order is a permutation,
 * and shaping each item (and the whole text) keeps clusters inside it. */
#include "fuzz.h"

static const char *const font_paths[] = {
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
};

static loc_shaper *shaper_for(loc_font **keep) {
  for (size_t i = 0; i < sizeof font_paths / sizeof font_paths[0]; i++) {
    loc_font *f = NULL;
    loc_shaper *sh = NULL;
    if (loc_font_new(font_paths[i], 0, &f) != LOC_OK)
      continue;
    if (loc_shaper_new(f, NULL, &sh) == LOC_OK) {
      *keep = f;
      return sh;
    }
    loc_font_free(f);
  }
  return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static loc_font *font;
  static loc_shaper *sh;
  static bool tried;
  if (size > FUZZ_MAX_INPUT)
    return 0;
  if (!tried) {
    tried = true;
    sh = shaper_for(&font);
  }
  const char *s = (const char *)data;
  loc_shape_item *items = NULL;
  size_t n = 0, *visual = NULL;
  loc_shape_direction base = size && (data[0] & 1) ? LOC_DIR_RTL : LOC_DIR_AUTO;
  FUZZ_CHECK(loc_shape_itemize(s, size, base, &items, &n, &visual) == LOC_OK);
  FUZZ_CHECK((n == 0) == (size == 0));
  size_t at = 0;
  bool *seen = calloc(n ? n : 1, 1);
  for (size_t i = 0; i < n; i++) {
    FUZZ_CHECK(items[i].start == at && items[i].end > at);
    FUZZ_CHECK(items[i].level <= 126);
    at = items[i].end;
    FUZZ_CHECK(visual[i] < n && !seen[visual[i]]);
    seen[visual[i]] = true;
  }
  FUZZ_CHECK(at == size);
  if (sh) {
    size_t nchars = 0; /* HarfBuzz's count: a bad byte is one character */
    for (size_t i = 0; i < size;) {
      size_t k = 1;
      size_t v = loc_utf8_valid_prefix(s + i, size - i);
      if (v > 0)
        k = v, nchars += loc_utf8_count_chars(s + i, v);
      else
        nchars++;
      i += k;
    }
    for (size_t i = 0; i < n; i++) {
      FUZZ_CHECK(loc_shape_run(sh, s, size, items[i].start, items[i].end,
                               (items[i].level & 1) ? LOC_DIR_RTL : LOC_DIR_LTR,
                               items[i].script) == LOC_OK);
      const loc_shape_glyph *g;
      size_t ng = loc_shaper_glyphs(sh, &g);
      for (size_t k = 0; k < ng; k++)
        FUZZ_CHECK(g[k].cluster < nchars);
    }
    FUZZ_CHECK(loc_shape_text(sh, s, size) == LOC_OK);
  }
  free(seen);
  loc_free(items);
  loc_free(visual);
  return 0;
}
