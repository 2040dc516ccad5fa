/* libloc — fonts and shaping (HarfBuzz), with bidi and script itemisation. */
#ifndef LOC_H_INSIDE
#error "Include <loc/loc.h>, not <loc/shape.h> directly."
#endif
#ifndef LOC_SHAPE_H
#define LOC_SHAPE_H

#ifdef __cplusplus
extern "C" {
#endif

/* ---------- fonts ---------- */

/*
 * An opened font face: immutable once made, so one loc_font may be shared by
 * any number of threads and shapers. The font file is read into memory once.
 */
typedef struct loc_font loc_font;

/**
 * loc_font_new:
 * @path: (transfer none) a TrueType/OpenType file (a collection too).
 * @face_index: face in a collection; 0 for a single font.
 * @out: (out) (transfer full) the font, free with loc_font_free().
 *
 * The file is checked enough to be used safely: it must parse as an sfnt
 * with glyphs (HarfBuzz sanitizes every table it reads afterwards).
 *
 * Returns: LOC_OK; LOC_E_IO (cannot read @path); LOC_E_FONT_LOAD (not a
 * font, truncated, no such face); LOC_E_NO_MEMORY; LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_font_new(const char *path, unsigned face_index,
                                 loc_font **out);

/**
 * loc_font_new_memory:
 * @data: (transfer none) font bytes, copied.
 * @len: their count.
 * @face_index: as for loc_font_new().
 * @out: (out) (transfer full) the font.
 *
 * Returns: as loc_font_new(), without LOC_E_IO.
 */
LOC_API loc_status loc_font_new_memory(const void *data, size_t len,
                                        unsigned face_index, loc_font **out);

/**
 * loc_font_free:
 * @font: (transfer full) (nullable)
 *
 * Must not be called while a shaper made from @font still exists.
 */
LOC_API void loc_font_free(loc_font *font);

/**
 * loc_font_path:
 * Returns: (transfer none) the path the font was opened from ("" for a font
 * opened from memory).
 */
LOC_API const char *loc_font_path(const loc_font *font);

/**
 * loc_font_upem:
 * Returns: the font's units per em.
 */
LOC_API unsigned loc_font_upem(const loc_font *font);

/**
 * loc_font_has_char:
 * @cp: a code point.
 *
 * Returns: true when the font's cmap maps @cp to a glyph other than 0.
 * Thread-safe.
 */
LOC_API bool loc_font_has_char(const loc_font *font, uint32_t cp);

/**
 * loc_font_has_mark_positioning:
 * Returns: true when the font's GPOS has a 'mark' or 'mkmk' feature (for any
 * script), so a mark left at offset 0 there is a finding rather than the
 * font's only way to show it.
 */
LOC_API bool loc_font_has_mark_positioning(const loc_font *font);

/* ---------- shaping options ---------- */

/*
 * Options of one shaper, named after hb-shape's. Strings are parsed by
 * loc_shaper_new() and need not outlive it. NULL / 0 means "as hb-shape by
 * default": direction, script and language guessed from each text
 * (hb_buffer_guess_segment_properties; the language then is HarfBuzz's
 * default, from the C locale of the process).
 */
typedef struct loc_shape_options {
  const char *features;    /* "kern,-liga,aalt[3:5]=2": comma or space separated */
  const char *variations;  /* "wght=500,slnt=-7.5" */
  const char *direction;   /* "ltr", "rtl", "ttb", "btt" */
  const char *script;      /* ISO 15924: "Deva" */
  const char *language;    /* BCP 47: "hi" */
  double font_size_x;      /* 0: units per em (hb-shape's "upem") */
  double font_size_y;      /* 0: same as x */
  int cluster_level;       /* 0 to 3 (HarfBuzz cluster levels; 3: characters) */
  bool utf8_clusters;      /* clusters are UTF-8 byte offsets, not character indices */
  bool bot, eot;           /* beginning / end of paragraph */
  bool preserve_default_ignorables;
  bool remove_default_ignorables;
  bool normalize_glyphs;   /* hb_buffer_normalize_glyphs after shaping */
  /* The rest of hb-shape 6.0's options (0 / NULL / false: its defaults). */
  int ppem_x, ppem_y;      /* --font-ppem: pixels per em (0: disabled) */
  double ptem;             /* --font-ptem: point size (0: disabled; AAT 'trak') */
  double slant;            /* --font-slant: synthetic slant ratio */
  const char *font_funcs;  /* --font-funcs: "ot" (default) or "ft" (FreeType) */
  bool ft_load_flags_set;  /* --ft-load-flags given: */
  int ft_load_flags;       /*   FreeType load flags (default 2, NO_HINTING) */
  const char *shapers;     /* --shapers: comma-separated, of hb_shape_list_shapers() */
  uint32_t invisible_glyph;  /* --invisible-glyph: replaces default ignorables */
  uint32_t not_found_glyph;  /* --not-found-glyph: replaces unmapped characters */
  bool unsafe_to_concat;   /* --unsafe-to-concat: produce that glyph flag */
  bool safe_to_insert_tatweel; /* --safe-to-insert-tatweel: produce that flag */
  bool verify;             /* --verify: HarfBuzz's sanity checks (messages to
                              the trace function, else HarfBuzz's stderr) */
  const char *context_before; /* --text-before / --unicodes-before: UTF-8 */
  const char *context_after;  /* --text-after / --unicodes-after */
} loc_shape_options;

/**
 * loc_shape_options_init:
 * @opt: (out caller-allocates) set to the defaults (all NULL / 0 / false).
 */
LOC_API void loc_shape_options_init(loc_shape_options *opt);

/* ---------- shapers ---------- */

/*
 * A shaper: one font at one size with one set of options, and the buffers of
 * the last shaping call. Belongs to one thread at a time; make one per thread
 * from a shared loc_font.
 */
typedef struct loc_shaper loc_shaper;

/* One shaped glyph (positions in font units scaled to the font size). */
typedef struct loc_shape_glyph {
  uint32_t id;        /* glyph index; 0 is .notdef */
  uint32_t cluster;   /* character index (or UTF-8 byte offset) in the text */
  int32_t x_advance, y_advance;
  int32_t x_offset, y_offset;
  uint32_t flags;     /* LOC_GLYPH_UNSAFE_TO_BREAK, ... */
} loc_shape_glyph;

/* Glyph flags: HarfBuzz's hb_glyph_flags_t values. */
enum {
  LOC_GLYPH_UNSAFE_TO_BREAK = 1,  /* breaking the line before this glyph needs re-shaping */
  LOC_GLYPH_UNSAFE_TO_CONCAT = 2,
};

/**
 * loc_shaper_new:
 * @font: (transfer none) must outlive the shaper.
 * @opt: (nullable) options; NULL for the defaults.
 * @out: (out) (transfer full) free with loc_shaper_free().
 *
 * Returns: LOC_OK; LOC_E_BAD_FEATURE (a feature or variation string that
 * does not parse); LOC_E_INVALID_ARGUMENT (unknown direction, a script code
 * that is not four letters, cluster level out of range, an unknown shaper
 * or font-funcs name, NULLs); LOC_E_NO_MEMORY.
 */
LOC_API loc_status loc_shaper_new(const loc_font *font, const loc_shape_options *opt,
                                  loc_shaper **out);

/**
 * loc_shape_shapers:
 *
 * Returns: (transfer none) the shapers HarfBuzz has, in its order of
 * preference, NULL-terminated (hb_shape_list_shapers(): "ot", "fallback",
 * and "graphite2" when HarfBuzz was built with it); the names the shapers
 * option takes.
 */
LOC_API const char *const *loc_shape_shapers(void);

/**
 * loc_shaper_free:
 * @sh: (transfer full) (nullable)
 */
LOC_API void loc_shaper_free(loc_shaper *sh);

/**
 * loc_shape_text:
 * @sh: the shaper.
 * @s: (transfer none) UTF-8 text of @len bytes (NULL allowed when @len is 0).
 *
 * Shapes @s as one buffer exactly as hb-shape does with the same options:
 * properties not set in the options are guessed from the text; ill-formed
 * UTF-8 becomes U+FFFD as HarfBuzz decodes it; clusters are character
 * indices unless utf8_clusters was set.
 *
 * The options' context_before / context_after are the text's context.
 *
 * Returns: LOC_OK, LOC_E_OVERFLOW (@len over INT32_MAX), LOC_E_NO_MEMORY,
 * LOC_E_INVALID_ARGUMENT, LOC_E_UNSUPPORTED (none of the options' shapers
 * could shape it: hb-shape's "Shaping failed."; no glyphs then).
 */
LOC_API loc_status loc_shape_text(loc_shaper *sh, const char *s, size_t len);

/**
 * loc_shaper_serialize_input:
 * @sh: the shaper.
 * @s: (transfer none) UTF-8 text of @len bytes.
 * @out: (out) (transfer none) the characters of @s as loc_shape_text() puts
 *       them in the buffer, serialized as hb-shape's --show-unicode prints
 *       them ("<U+0915=0|U+094D=1>"), valid until the next call on @sh.
 * @out_len: (out) its length.
 *
 * Does not shape; the next loc_shape_text() starts afresh.
 *
 * Returns: as loc_shape_text() (never LOC_E_UNSUPPORTED).
 */
LOC_API loc_status loc_shaper_serialize_input(loc_shaper *sh, const char *s, size_t len,
                                              const char **out, size_t *out_len);

/*
 * A trace function: called during shaping for each of HarfBuzz's buffer
 * messages ("start table GSUB", "end lookup 3", ...), with the buffer at
 * that point serialized by the flags given to loc_shaper_set_trace() (as
 * hb-shape --trace prints it). @buffer is valid during the call only.
 */
typedef void (*loc_shape_trace_fn)(void *user, const char *message, const char *buffer,
                                   size_t len);

/**
 * loc_shaper_set_trace:
 * @fn: (nullable) the function; NULL stops tracing.
 * @flags: LOC_SER_* bits for the buffer's serialization.
 */
LOC_API void loc_shaper_set_trace(loc_shaper *sh, unsigned flags, loc_shape_trace_fn fn,
                                  void *user);

/* Directions for loc_shape_run() (HarfBuzz's values). */
typedef enum loc_shape_direction {
  LOC_DIR_AUTO = 0,
  LOC_DIR_LTR = 4,
  LOC_DIR_RTL = 5,
  LOC_DIR_TTB = 6,
  LOC_DIR_BTT = 7,
} loc_shape_direction;

/**
 * loc_shape_run:
 * @sh: the shaper.
 * @s: (transfer none) the whole paragraph, @len bytes.
 * @start: byte offset of the run in @s.
 * @end: byte offset after it (start <= end <= len).
 * @dir: the run's direction (LOC_DIR_AUTO: the options' or guessed).
 * @script: the run's script (UScriptCode; -1 or Zyyy/Zinh: the options' or
 *          guessed).
 *
 * Shapes s[start..end) with the rest of @s as context (so joining and
 * contextual forms across the run's ends come out right). Clusters are
 * character indices in @s (or byte offsets with utf8_clusters), so feature
 * ranges refer to the paragraph. The language is the options' or HarfBuzz's
 * default.
 *
 * Returns: as loc_shape_text(); LOC_E_INVALID_ARGUMENT for a bad range.
 */
LOC_API loc_status loc_shape_run(loc_shaper *sh, const char *s, size_t len,
                                 size_t start, size_t end, loc_shape_direction dir,
                                 loc_script script);

/**
 * loc_shaper_glyphs:
 * @glyphs: (out) (transfer none) the glyphs of the last shaping call, in
 *          visual order (left to right for horizontal text), valid until
 *          the next call on @sh.
 *
 * Returns: the glyph count.
 */
LOC_API size_t loc_shaper_glyphs(loc_shaper *sh, const loc_shape_glyph **glyphs);

/* What loc_shaper_serialize() writes (hb-shape's --no-* options). */
enum {
  LOC_SER_NO_GLYPH_NAMES = 1 << 0,
  LOC_SER_NO_POSITIONS = 1 << 1,
  LOC_SER_NO_CLUSTERS = 1 << 2,
  LOC_SER_NO_ADVANCES = 1 << 3,
  LOC_SER_EXTENTS = 1 << 4,
  LOC_SER_FLAGS = 1 << 5,
  LOC_SER_JSON = 1 << 6,          /* JSON instead of text */
};

/**
 * loc_shaper_serialize:
 * @sh: the shaper.
 * @flags: LOC_SER_* bits.
 * @out: (out) (transfer none) the result of the last shaping call in
 *       hb-shape's text (or JSON) format, "[...]", without a newline; an
 *       empty buffer gives "" (as hb-shape prints an empty line). Valid until
 *       the next call on @sh.
 * @out_len: (out) its length.
 *
 * Returns: LOC_OK, LOC_E_NO_MEMORY.
 */
LOC_API loc_status loc_shaper_serialize(loc_shaper *sh, unsigned flags,
                                        const char **out, size_t *out_len);

/* ---------- itemisation: bidi levels and script runs ---------- */

/* A run of one bidi level and one script, bytes [start, end) of the text. */
typedef struct loc_shape_item {
  size_t start, end;
  uint8_t level;       /* bidi embedding level (odd = right to left) */
  loc_script script;   /* from the script run iterator */
} loc_shape_item;

/**
 * loc_shape_itemize:
 * @s: (transfer none) one paragraph of UTF-8 (ill-formed bytes are taken as
 *     U+FFFD), at most INT32_MAX/2 bytes.
 * @len: its length.
 * @base: LOC_DIR_LTR or LOC_DIR_RTL for that paragraph level, LOC_DIR_AUTO
 *        for the first strong character's (UAX #9 P2-P3, left to right
 *        when there is none).
 * @items: (out) (transfer full) runs in logical order, covering the text
 *         without gaps; free with loc_free(); NULL for an empty text.
 * @n_items: (out) their count.
 * @visual: (out) (nullable) (transfer full) when not NULL, the item
 *          indices in visual order (left to right), free with loc_free().
 *
 * Bidi levels come from ICU's ubidi (UAX #9), script runs from
 * loc_script_iter; an item ends wherever either changes.
 *
 * Returns: LOC_OK, LOC_E_ICU, LOC_E_NO_MEMORY, LOC_E_OVERFLOW,
 * LOC_E_INVALID_ARGUMENT.
 */
LOC_API loc_status loc_shape_itemize(const char *s, size_t len, loc_shape_direction base,
                               loc_shape_item **items, size_t *n_items, size_t **visual);

#ifdef __cplusplus
}
#endif
#endif
