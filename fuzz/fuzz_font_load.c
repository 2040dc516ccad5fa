/* Font loading from arbitrary bytes: either a clear error or a font that
 * shapes a fixed mixed-script text without reading out of bounds, with every
 * cluster inside the text and a serialisation that starts with '['. */
#include "fuzz.h"

static const char text[] = "Abc \xD7\x90\xD7\x91 \xE0\xA4\x95\xE0\xA4\xBF 12 \xE1\x80\x80\xE1\x80\xBA";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > FUZZ_MAX_INPUT)
    return 0;
  loc_font *font = NULL;
  loc_status st = loc_font_new_memory(data, size, 0, &font);
  if (st != LOC_OK) {
    FUZZ_CHECK(font == NULL);
    FUZZ_CHECK(st == LOC_E_FONT_LOAD || st == LOC_E_NO_MEMORY);
    return 0;
  }
  FUZZ_CHECK(loc_font_upem(font) > 0);
  (void)loc_font_has_char(font, 'A');
  (void)loc_font_has_mark_positioning(font);
  loc_shaper *sh = NULL;
  loc_shape_options opt;
  loc_shape_options_init(&opt);
  opt.features = "kern,-liga";
  if (loc_shaper_new(font, &opt, &sh) == LOC_OK) {
    size_t len = sizeof text - 1, nchars = loc_utf8_count_chars(text, len);
    FUZZ_CHECK(loc_shape_text(sh, text, len) == LOC_OK);
    const loc_shape_glyph *g;
    size_t n = loc_shaper_glyphs(sh, &g);
    for (size_t i = 0; i < n; i++)
      FUZZ_CHECK(g[i].cluster < nchars);
    const char *out;
    size_t out_len;
    FUZZ_CHECK(loc_shaper_serialize(sh, 0, &out, &out_len) == LOC_OK);
    FUZZ_CHECK(n == 0 ? out_len == 0 : (out_len >= 2 && out[0] == '['));
    FUZZ_CHECK(loc_shape_run(sh, text, len, 4, 8, LOC_DIR_RTL, -1) == LOC_OK);
    loc_shaper_free(sh);
  }
  loc_font_free(font);
  return 0;
}
