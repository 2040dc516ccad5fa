/* Shapers: HarfBuzz buffers set up exactly as hb-shape sets them up, so the
 * glyphs and their serialisation are the same byte for byte. */
#include "internal.h"
#include "shape_internal.h"

#include <hb-ft.h>
#include <math.h>
#include <strings.h>

struct loc_shaper {
  const loc_font *font;
  hb_font_t *hbf;
  hb_buffer_t *buf;
  hb_feature_t *features;
  unsigned n_features;
  hb_direction_t dir;
  hb_script_t script;
  hb_language_t lang;
  hb_buffer_flags_t flags;
  hb_buffer_cluster_level_t cluster_level;
  bool utf8_clusters, normalize_glyphs;
  hb_codepoint_t invisible_glyph, not_found_glyph;
  char **shapers;        /* NULL-terminated, or NULL: HarfBuzz's list */
  char *before, *after;  /* context, NUL-terminated, or NULL */
  loc_shape_trace_fn trace;
  void *trace_user;
  unsigned trace_flags;
  loc__buf trace_ser;
  loc_shape_glyph *glyphs;
  size_t n_glyphs, glyph_cap;
  bool glyphs_ready;
  loc__buf ser;
  /* Characters before `count_pos` in the paragraph `count_text` (so runs
   * shaped in order cost one pass over the paragraph). */
  const char *count_text;
  size_t count_pos, count_chars;
};

void loc_shape_options_init(loc_shape_options *opt) {
  if (opt)
    memset(opt, 0, sizeof *opt);
}

/* Splits @list at commas and spaces (as hb-shape does); each non-empty item
 * goes to @parse. Returns the item count, or -1 when one does not parse. */
static long parse_list(const char *list, void *items, size_t item_size,
                       bool (*parse)(const char *s, int len, void *item)) {
  long n = 0;
  const char *p = list;
  while (*p) {
    size_t len = strcspn(p, ", ");
    if (len > 0) {
      if (len > INT32_MAX)
        return -1;
      if (items && !parse(p, (int)len, (char *)items + (size_t)n * item_size))
        return -1;
      n++;
    }
    p += len;
    if (*p)
      p++;
  }
  return n;
}

static bool parse_feature(const char *s, int len, void *item) {
  return hb_feature_from_string(s, len, item);
}

static bool parse_variation(const char *s, int len, void *item) {
  return hb_variation_from_string(s, len, item);
}

static loc_status set_variations(loc_shaper *sh, const char *list) {
  long n = parse_list(list, NULL, 0, parse_variation);
  if (n <= 0)
    return n == 0 ? LOC_OK : LOC_E_BAD_FEATURE;
  hb_variation_t *v = calloc((size_t)n, sizeof *v);
  if (v == NULL)
    return LOC_E_NO_MEMORY;
  if (parse_list(list, v, sizeof *v, parse_variation) != n) {
    free(v);
    return LOC_E_BAD_FEATURE;
  }
  hb_font_set_variations(sh->hbf, v, (unsigned)n);
  free(v);
  return LOC_OK;
}

static char *dup_or_null(const char *s) {
  if (s == NULL)
    return NULL;
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d)
    memcpy(d, s, n);
  return d;
}

/* hb-shape's --shapers: comma-separated names, each one HarfBuzz has. */
static loc_status set_shapers(loc_shaper *sh, const char *list) {
  size_t n = 1;
  for (const char *p = list; *p; p++)
    n += *p == ',';
  sh->shapers = calloc(n + 1, sizeof *sh->shapers);
  if (sh->shapers == NULL)
    return LOC_E_NO_MEMORY;
  const char *p = list;
  for (size_t i = 0; i < n; i++) {
    size_t len = strcspn(p, ",");
    sh->shapers[i] = malloc(len + 1);
    if (sh->shapers[i] == NULL)
      return LOC_E_NO_MEMORY;
    memcpy(sh->shapers[i], p, len);
    sh->shapers[i][len] = '\0';
    bool known = false;
    for (const char **k = hb_shape_list_shapers(); *k && !known; k++)
      known = strcmp(*k, sh->shapers[i]) == 0;
    if (!known)
      return LOC_E_INVALID_ARGUMENT;
    p += len + (p[len] == ',');
  }
  return LOC_OK;
}

static loc_status setup(loc_shaper *sh, const loc_shape_options *o) {
  if (o->features) {
    long n = parse_list(o->features, NULL, 0, parse_feature);
    if (n > 0) {
      sh->features = calloc((size_t)n, sizeof *sh->features);
      if (sh->features == NULL)
        return LOC_E_NO_MEMORY;
      if (parse_list(o->features, sh->features, sizeof *sh->features, parse_feature) != n)
        return LOC_E_BAD_FEATURE;
      sh->n_features = (unsigned)n;
    } else if (n < 0) {
      return LOC_E_BAD_FEATURE;
    }
  }
  sh->dir = HB_DIRECTION_INVALID;
  if (o->direction) {
    sh->dir = hb_direction_from_string(o->direction, -1);
    if (sh->dir == HB_DIRECTION_INVALID)
      return LOC_E_INVALID_ARGUMENT;
  }
  sh->script = HB_SCRIPT_INVALID;
  if (o->script) {
    if (strlen(o->script) != 4)
      return LOC_E_INVALID_ARGUMENT;
    sh->script = hb_script_from_string(o->script, -1);
  }
  sh->lang = o->language ? hb_language_from_string(o->language, -1) : HB_LANGUAGE_INVALID;
  if (o->cluster_level < 0 || o->cluster_level > 3)
    return LOC_E_INVALID_ARGUMENT;
  sh->cluster_level = (hb_buffer_cluster_level_t)o->cluster_level;
  sh->flags = HB_BUFFER_FLAG_DEFAULT | (o->bot ? HB_BUFFER_FLAG_BOT : 0) |
              (o->eot ? HB_BUFFER_FLAG_EOT : 0) | (o->verify ? HB_BUFFER_FLAG_VERIFY : 0) |
              (o->unsafe_to_concat ? HB_BUFFER_FLAG_PRODUCE_UNSAFE_TO_CONCAT : 0) |
              (o->safe_to_insert_tatweel ? HB_BUFFER_FLAG_PRODUCE_SAFE_TO_INSERT_TATWEEL : 0) |
              (o->preserve_default_ignorables ? HB_BUFFER_FLAG_PRESERVE_DEFAULT_IGNORABLES : 0) |
              (o->remove_default_ignorables ? HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES : 0);
  sh->invisible_glyph = o->invisible_glyph;
  sh->not_found_glyph = o->not_found_glyph;
  sh->utf8_clusters = o->utf8_clusters;
  sh->normalize_glyphs = o->normalize_glyphs;
  if (o->shapers) {
    loc_status st = set_shapers(sh, o->shapers);
    if (st != LOC_OK)
      return st;
  }
  if ((o->context_before && (sh->before = dup_or_null(o->context_before)) == NULL) ||
      (o->context_after && (sh->after = dup_or_null(o->context_after)) == NULL))
    return LOC_E_NO_MEMORY;
  void (*funcs)(hb_font_t *) = hb_ot_font_set_funcs;
  if (o->font_funcs) {
    if (strcasecmp(o->font_funcs, "ft") == 0)
      funcs = hb_ft_font_set_funcs;
    else if (strcasecmp(o->font_funcs, "ot") != 0)
      return LOC_E_INVALID_ARGUMENT;
  }
  /* hb-shape's order: ppem, ptem, slant, scale, variations, font functions
   * (FreeType's take the scale and variations set before them). Its scale
   * is the size itself (0 sub-pixel bits) through scalbnf(), in float. */
  hb_font_set_ppem(sh->hbf, (unsigned)o->ppem_x, (unsigned)o->ppem_y);
  hb_font_set_ptem(sh->hbf, (float)o->ptem);
  hb_font_set_synthetic_slant(sh->hbf, (float)o->slant);
  double sx = o->font_size_x > 0 ? o->font_size_x : sh->font->upem;
  double sy = o->font_size_y > 0 ? o->font_size_y : o->font_size_x > 0 ? sx : sh->font->upem;
  if (sx > INT32_MAX || sy > INT32_MAX)
    return LOC_E_INVALID_ARGUMENT;
  hb_font_set_scale(sh->hbf, (int)scalbnf((float)sx, 0), (int)scalbnf((float)sy, 0));
  if (o->variations) {
    loc_status st = set_variations(sh, o->variations);
    if (st != LOC_OK)
      return st;
  }
  funcs(sh->hbf);
  hb_ft_font_set_load_flags(sh->hbf, o->ft_load_flags_set ? o->ft_load_flags : 2);
  return LOC_OK;
}

loc_status loc_shaper_new(const loc_font *font, const loc_shape_options *opt,
                          loc_shaper **out) {
  if (out == NULL || font == NULL)
    return LOC_E_INVALID_ARGUMENT;
  *out = NULL;
  loc_shape_options defaults;
  loc_shape_options_init(&defaults);
  loc_shaper *sh = calloc(1, sizeof *sh);
  if (sh == NULL)
    return LOC_E_NO_MEMORY;
  sh->font = font;
  /* A font of its own per shaper: size and variations are per shaper, and
   * a direct hb_font_t gives the same rounding as hb-shape's. */
  sh->hbf = hb_font_create(font->face);
  sh->buf = hb_buffer_create();
  if (!hb_buffer_allocation_successful(sh->buf)) {
    loc_shaper_free(sh);
    return LOC_E_NO_MEMORY;
  }
  loc_status st = setup(sh, opt ? opt : &defaults);
  if (st != LOC_OK) {
    loc_shaper_free(sh);
    return st;
  }
  *out = sh;
  return LOC_OK;
}

const char *const *loc_shape_shapers(void) { return hb_shape_list_shapers(); }

void loc_shaper_free(loc_shaper *sh) {
  if (sh == NULL)
    return;
  hb_buffer_destroy(sh->buf);
  hb_font_destroy(sh->hbf);
  free(sh->features);
  if (sh->shapers)
    for (char **p = sh->shapers; *p; p++)
      free(*p);
  free(sh->shapers);
  free(sh->before);
  free(sh->after);
  free(sh->trace_ser.data);
  free(sh->glyphs);
  free(sh->ser.data);
  free(sh);
}

static void set_properties(loc_shaper *sh, hb_direction_t dir, hb_script_t script) {
  hb_buffer_set_direction(sh->buf, dir);
  hb_buffer_set_script(sh->buf, script);
  hb_buffer_set_language(sh->buf, sh->lang);
  hb_buffer_set_flags(sh->buf, sh->flags);
  hb_buffer_set_invisible_glyph(sh->buf, sh->invisible_glyph);
  hb_buffer_set_not_found_glyph(sh->buf, sh->not_found_glyph);
  hb_buffer_set_cluster_level(sh->buf, sh->cluster_level);
  hb_buffer_guess_segment_properties(sh->buf);
}

static loc_status run_shaper(loc_shaper *sh) {
  sh->glyphs_ready = false;
  if (!hb_buffer_allocation_successful(sh->buf))
    return LOC_E_NO_MEMORY;
  bool shaped = hb_shape_full(sh->hbf, sh->buf, sh->features, sh->n_features,
                              (const char *const *)sh->shapers);
  if (!hb_buffer_allocation_successful(sh->buf))
    return LOC_E_NO_MEMORY;
  if (!shaped)
    return LOC_E_UNSUPPORTED;
  if (sh->normalize_glyphs)
    hb_buffer_normalize_glyphs(sh->buf);
  return LOC_OK;
}

/* The buffer of @s as hb-shape fills it: the context before, the text, the
 * context after; clusters renumbered; properties set and guessed. */
static loc_status populate(loc_shaper *sh, const char *s, size_t len) {
  if (sh == NULL || (s == NULL && len > 0))
    return LOC_E_INVALID_ARGUMENT;
  if (len > INT32_MAX)
    return LOC_E_OVERFLOW;
  sh->glyphs_ready = false;
  hb_buffer_clear_contents(sh->buf);
  if (sh->before) {
    size_t n = strlen(sh->before);
    if (n > INT32_MAX)
      return LOC_E_OVERFLOW;
    hb_buffer_add_utf8(sh->buf, sh->before, (int)n, (unsigned)n, 0);
  }
  hb_buffer_add_utf8(sh->buf, s ? s : "", (int)len, 0, (int)len);
  if (sh->after)
    hb_buffer_add_utf8(sh->buf, sh->after, -1, 0, 0);
  if (!sh->utf8_clusters) {
    /* hb-shape numbers characters as HarfBuzz decoded them. */
    unsigned n = 0;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(sh->buf, &n);
    for (unsigned i = 0; i < n; i++)
      info[i].cluster = i;
  }
  set_properties(sh, sh->dir, sh->script);
  return LOC_OK;
}

loc_status loc_shape_text(loc_shaper *sh, const char *s, size_t len) {
  loc_status st = populate(sh, s, len);
  return st == LOC_OK ? run_shaper(sh) : st;
}

/* Byte length of the character at s[i] as HarfBuzz's UTF-8 decoder takes it:
 * a well-formed sequence, or else one byte (its U+FFFD). */
static size_t hb_char_len(const unsigned char *s, size_t len, size_t i) {
  size_t n = 1;
  int32_t cp = loc__utf8_decode(s, len, i, &n);
  return cp < 0 ? 1 : n;
}

static size_t chars_before(loc_shaper *sh, const char *s, size_t len, size_t pos) {
  size_t from = 0, chars = 0;
  if (sh->count_text == s && sh->count_pos <= pos) {
    from = sh->count_pos;
    chars = sh->count_chars;
  }
  while (from < pos) {
    from += hb_char_len((const unsigned char *)s, len, from);
    chars++;
  }
  sh->count_text = s;
  sh->count_pos = from;
  sh->count_chars = chars;
  return chars;
}

loc_status loc_shape_run(loc_shaper *sh, const char *s, size_t len, size_t start,
                         size_t end, loc_shape_direction dir, int32_t script) {
  if (sh == NULL || (s == NULL && len > 0) || start > end || end > len)
    return LOC_E_INVALID_ARGUMENT;
  if (len > INT32_MAX)
    return LOC_E_OVERFLOW;
  hb_buffer_clear_contents(sh->buf);
  hb_buffer_add_utf8(sh->buf, s ? s : "", (int)len, (unsigned)start, (int)(end - start));
  if (!sh->utf8_clusters) {
    size_t base = chars_before(sh, s, len, start);
    unsigned n = 0;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(sh->buf, &n);
    for (unsigned i = 0; i < n; i++)
      info[i].cluster = (uint32_t)(base + i);
  }
  hb_direction_t d = dir == LOC_DIR_AUTO ? sh->dir : (hb_direction_t)dir;
  hb_script_t sc = sh->script;
  if (script >= 0 && sc == HB_SCRIPT_INVALID) {
    const char *code = loc_script_name(script);
    /* Common and Inherited runs take the script HarfBuzz guesses. */
    if (strcmp(code, "Zyyy") != 0 && strcmp(code, "Zinh") != 0 && strcmp(code, "Zzzz") != 0)
      sc = hb_script_from_string(code, 4);
    /* Jpan/Kore/Hans/Hant are writing systems, not OpenType scripts. */
    if (sc == HB_TAG('J', 'p', 'a', 'n') || sc == HB_TAG('K', 'o', 'r', 'e'))
      sc = HB_SCRIPT_INVALID;
  }
  set_properties(sh, d, sc);
  return run_shaper(sh);
}

size_t loc_shaper_glyphs(loc_shaper *sh, const loc_shape_glyph **glyphs) {
  if (sh == NULL) {
    if (glyphs)
      *glyphs = NULL;
    return 0;
  }
  if (!sh->glyphs_ready) {
    unsigned n = 0;
    const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(sh->buf, &n);
    const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(sh->buf, NULL);
    if (n > sh->glyph_cap) {
      loc_shape_glyph *g = realloc(sh->glyphs, (size_t)n * sizeof *g);
      if (g == NULL)
        n = 0; /* reported as no glyphs rather than read out of bounds */
      else {
        sh->glyphs = g;
        sh->glyph_cap = n;
      }
    }
    for (unsigned i = 0; i < n; i++) {
      sh->glyphs[i] = (loc_shape_glyph){
          .id = info[i].codepoint,
          .cluster = info[i].cluster,
          .x_advance = pos[i].x_advance,
          .y_advance = pos[i].y_advance,
          .x_offset = pos[i].x_offset,
          .y_offset = pos[i].y_offset,
          .flags = hb_glyph_info_get_glyph_flags(&info[i]),
      };
    }
    sh->n_glyphs = n;
    sh->glyphs_ready = true;
  }
  if (glyphs)
    *glyphs = sh->glyphs;
  return sh->n_glyphs;
}

static hb_buffer_serialize_flags_t hb_ser_flags(unsigned flags) {
  unsigned hf = HB_BUFFER_SERIALIZE_FLAG_DEFAULT;
  if (flags & LOC_SER_NO_GLYPH_NAMES)
    hf |= HB_BUFFER_SERIALIZE_FLAG_NO_GLYPH_NAMES;
  if (flags & LOC_SER_NO_POSITIONS)
    hf |= HB_BUFFER_SERIALIZE_FLAG_NO_POSITIONS;
  if (flags & LOC_SER_NO_CLUSTERS)
    hf |= HB_BUFFER_SERIALIZE_FLAG_NO_CLUSTERS;
  if (flags & LOC_SER_NO_ADVANCES)
    hf |= HB_BUFFER_SERIALIZE_FLAG_NO_ADVANCES;
  if (flags & LOC_SER_EXTENTS)
    hf |= HB_BUFFER_SERIALIZE_FLAG_GLYPH_EXTENTS;
  if (flags & LOC_SER_FLAGS)
    hf |= HB_BUFFER_SERIALIZE_FLAG_GLYPH_FLAGS;
  return (hb_buffer_serialize_flags_t)hf;
}

/* The buffer (glyphs, or characters before shaping) into @b, NUL-ended. */
static loc_status serialize(loc_shaper *sh, hb_buffer_t *buf, hb_buffer_serialize_format_t fmt,
                            hb_buffer_serialize_flags_t hf, loc__buf *b) {
  b->len = 0;
  unsigned n = hb_buffer_get_length(buf);
  unsigned start = 0;
  /* The same loop as hb-shape, with its 32 KiB buffer: HarfBuzz restarts
   * the pen position of --no-advances output at each call, so the chunk
   * size shows in the output and must be hb-shape's to match it. */
  enum { CHUNK = 32768 };
  while (start < n) {
    if (loc__buf_reserve(b, CHUNK) != LOC_OK)
      return LOC_E_NO_MEMORY;
    unsigned written = 0;
    unsigned done = hb_buffer_serialize(buf, start, n, b->data + b->len, CHUNK, &written,
                                        sh->hbf, fmt, hf);
    if (done == 0)
      break; /* as hb-shape: a glyph that does not fit ends the output */
    b->len += written;
    start += done;
  }
  if (loc__buf_reserve(b, 1) != LOC_OK)
    return LOC_E_NO_MEMORY;
  b->data[b->len] = '\0';
  return LOC_OK;
}

loc_status loc_shaper_serialize(loc_shaper *sh, unsigned flags, const char **out,
                                size_t *out_len) {
  if (sh == NULL || out == NULL || out_len == NULL)
    return LOC_E_INVALID_ARGUMENT;
  hb_buffer_serialize_format_t fmt =
      (flags & LOC_SER_JSON) ? HB_BUFFER_SERIALIZE_FORMAT_JSON : HB_BUFFER_SERIALIZE_FORMAT_TEXT;
  loc_status st = serialize(sh, sh->buf, fmt, hb_ser_flags(flags), &sh->ser);
  if (st != LOC_OK)
    return st;
  *out = sh->ser.data;
  *out_len = sh->ser.len;
  return LOC_OK;
}

loc_status loc_shaper_serialize_input(loc_shaper *sh, const char *s, size_t len,
                                      const char **out, size_t *out_len) {
  if (out == NULL || out_len == NULL)
    return LOC_E_INVALID_ARGUMENT;
  loc_status st = populate(sh, s, len);
  if (st == LOC_OK)
    st = serialize(sh, sh->buf, HB_BUFFER_SERIALIZE_FORMAT_TEXT, HB_BUFFER_SERIALIZE_FLAG_DEFAULT,
                   &sh->ser);
  if (st != LOC_OK)
    return st;
  *out = sh->ser.data;
  *out_len = sh->ser.len;
  return LOC_OK;
}

static hb_bool_t trace_message(hb_buffer_t *buf, hb_font_t *font, const char *message,
                               void *user) {
  (void)font;
  loc_shaper *sh = user;
  hb_buffer_serialize_format_t fmt = (sh->trace_flags & LOC_SER_JSON)
                                         ? HB_BUFFER_SERIALIZE_FORMAT_JSON
                                         : HB_BUFFER_SERIALIZE_FORMAT_TEXT;
  if (serialize(sh, buf, fmt, hb_ser_flags(sh->trace_flags), &sh->trace_ser) == LOC_OK)
    sh->trace(sh->trace_user, message, sh->trace_ser.data, sh->trace_ser.len);
  return true;
}

void loc_shaper_set_trace(loc_shaper *sh, unsigned flags, loc_shape_trace_fn fn, void *user) {
  if (sh == NULL)
    return;
  sh->trace = fn;
  sh->trace_user = user;
  sh->trace_flags = flags;
  if (fn)
    hb_buffer_set_message_func(sh->buf, trace_message, sh, NULL);
  else
    hb_buffer_set_message_func(sh->buf, NULL, NULL, NULL);
}
