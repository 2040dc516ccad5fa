/* Layout of arbitrary text with fixed fonts (Noto Sans, then Noto Sans
 * Arabic, when installed; nothing is checked without them), at a width
 * taken from the first byte: lines cover the text in order without gaps,
 * every glyph's cluster lies in its line and its font index in the list;
 * one loc_layout_ctx kept across inputs gives the same layout as
 * loc_layout_new (nothing of one input leaks into the next). */
#include "fuzz.h"

static const char *const font_paths[] = {
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static loc_font *fonts[2];
  static size_t n_fonts;
  static bool tried;
  static loc_layout_ctx *ctx;
  if (size > FUZZ_MAX_INPUT)
    return 0;
  if (!tried) {
    tried = true;
    for (size_t i = 0; i < 2; i++)
      if (loc_font_new(font_paths[i], 0, &fonts[n_fonts]) == LOC_OK)
        n_fonts++;
    FUZZ_CHECK(loc_layout_ctx_new(&ctx) == LOC_OK);
  }
  if (n_fonts == 0)
    return 0;
  loc_layout_options o = {.size = 1000, .width = size ? (int32_t)data[0] * 40 : 0};
  loc_layout *l = NULL;
  FUZZ_CHECK(loc_layout_new((const loc_font *const *)fonts, n_fonts, (const char *)data,
                                  size, &o, &l) == LOC_OK);
  const loc_layout_line *lines;
  const loc_layout_glyph *g;
  size_t nl = loc_layout_lines(l, &lines), ng = loc_layout_glyphs(l, &g);
  FUZZ_CHECK(nl >= 1);
  size_t at = 0, glyphs = 0;
  for (size_t i = 0; i < nl; i++) {
    FUZZ_CHECK(lines[i].start == at && lines[i].end >= at);
    FUZZ_CHECK(lines[i].first_glyph == glyphs);
    for (size_t k = 0; k < lines[i].n_glyphs; k++) {
      const loc_layout_glyph *p = &g[lines[i].first_glyph + k];
      FUZZ_CHECK(p->cluster >= lines[i].start && p->cluster < lines[i].end);
      FUZZ_CHECK(p->font < n_fonts);
    }
    glyphs += lines[i].n_glyphs;
    at = lines[i].end;
  }
  FUZZ_CHECK(at == size && glyphs == ng);
  loc_layout *lc = NULL;
  FUZZ_CHECK(loc_layout_ctx_new_layout(ctx, (const loc_font *const *)fonts, n_fonts,
                                      (const char *)data, size, &o, &lc) == LOC_OK);
  const loc_layout_line *lines_c;
  const loc_layout_glyph *g_c;
  FUZZ_CHECK(loc_layout_lines(lc, &lines_c) == nl && loc_layout_glyphs(lc, &g_c) == ng);
  FUZZ_CHECK(memcmp(lines, lines_c, nl * sizeof *lines) == 0);
  FUZZ_CHECK(ng == 0 || memcmp(g, g_c, ng * sizeof *g) == 0);
  FUZZ_CHECK(loc_layout_line_height(lc) == loc_layout_line_height(l));
  loc_layout_free(lc);
  loc_layout_free(l);
  return 0;
}
