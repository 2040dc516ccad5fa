/* Rendering arbitrary text with fixed fonts (Noto Sans, Noto Sans
 * Devanagari, Noto Naskh Arabic, when installed; nothing is checked
 * without them) at small sizes. The first three bytes choose the size
 * (1-16 px), the picture width, the margin and the alignment, and whether
 * to write SVG too; the rest is the text, one paragraph per line. Every
 * paragraph is accepted, and the PNG (and SVG) are rendered into memory,
 * unless the picture is over the 2^28-pixel limit; into a caller's buffer
 * of a size the input picks, they come out the same up to its end, and
 * the size needed is the size of the picture. */
#include "fuzz.h"

static const char *const font_paths[] = {
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
};
#define N_PATHS (sizeof font_paths / sizeof *font_paths)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static loc_font *fonts[N_PATHS];
  static size_t n_fonts;
  static bool tried;
  if (size > FUZZ_MAX_INPUT)
    return 0;
  if (!tried) {
    tried = true;
    for (size_t i = 0; i < N_PATHS; i++)
      if (loc_font_new(font_paths[i], 0, &fonts[n_fonts]) == LOC_OK)
        n_fonts++;
  }
  if (n_fonts == 0 || size < 3)
    return 0;
  loc_render_options o = {
      .size = 1 + (data[0] & 15) + (data[0] >> 4) / 16.0,
      .width = 8 + data[1] * 4,
      .margin = data[2] & 3,
      .fg = 0x102030,
      .bg = 0xF0F0E0,
      .align = (loc_render_align)((data[2] >> 2) & 3),
      .line_spacing = (data[2] & 0x40) ? 1.5 : 0,
  };
  bool svg = data[2] & 0x80;
  loc_canvas *c = NULL;
  FUZZ_CHECK(loc_canvas_new((const loc_font *const *)fonts, n_fonts, &o, &c) == LOC_OK);
  const char *s = (const char *)data + 3;
  size_t len = size - 3;
  for (size_t at = 0; at <= len;) {
    const char *nl = memchr(s + at, '\n', len - at);
    size_t end = nl ? (size_t)(nl - s) : len;
    FUZZ_CHECK(loc_canvas_add_paragraph(c, s + at, end - at, (data[0] & 0x80) ? "ar" : NULL) ==
               LOC_OK);
    at = end + 1;
  }
  for (int f = 0; f < (svg ? 2 : 1); f++) {
    loc_render_format format = f ? LOC_RENDER_SVG : LOC_RENDER_PNG;
    uint8_t *mem = NULL;
    size_t n = 0;
    loc_status st = loc_render_alloc(c, format, &mem, &n);
    if (format == LOC_RENDER_PNG)
      FUZZ_CHECK(st == LOC_OK || st == LOC_E_OVERFLOW || st == LOC_E_UNSUPPORTED);
    else
      FUZZ_CHECK(st == LOC_OK);
    if (st != LOC_OK) {
      FUZZ_CHECK(mem == NULL);
      continue;
    }
    FUZZ_CHECK(n > 8 && memcmp(mem, f ? "<svg " : "\x89PNG", f ? 5 : 4) == 0);
    size_t cap = ((size_t)data[1] * 977 + size) % (n + 2);
    uint8_t *buf = malloc(cap ? cap : 1);
    FUZZ_CHECK(buf != NULL);
    size_t m = 0;
    st = loc_render(c, format, cap ? buf : NULL, cap, &m);
    FUZZ_CHECK(m == n && st == (cap >= n ? LOC_OK : LOC_E_BUFFER_TOO_SMALL));
    FUZZ_CHECK(memcmp(buf, mem, cap < n ? cap : n) == 0);
    free(buf);
    loc_free(mem);
  }
  loc_canvas_free(c);
  return 0;
}
