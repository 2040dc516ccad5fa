/* loc serve: the font endpoints (shape, render, fontcheck). Fonts are loaded once
 * at start (--font FILE, chosen by the file's base name with option
 * "font"; render's default chain is the manifest's, as for loc render);
 * requests never name a file. */
#include "serve_api.h"

#include <pthread.h>

typedef struct loaded_font {
  char *name;            /* base name of the file */
  loc_font *font;
} loaded_font;

static loaded_font *fonts;
static size_t n_fonts;

static char *shape_language; /* loc shape's default --language, read at start */

void serve_fonts_init(void) {
  if (shape_language == NULL)
    shape_language = shape_environment_language();
}

static loc_font **chain;  /* render's default chain, loaded on first use */
static size_t n_chain;
static pthread_once_t chain_once = PTHREAD_ONCE_INIT;
static void load_chain(void) { render_default_chain(&chain, &n_chain); }

bool serve_load_font(const char *path) {
  const char *slash = strrchr(path, '/');
  const char *name = slash ? slash + 1 : path;
  for (size_t i = 0; i < n_fonts; i++)
    if (strcmp(fonts[i].name, name) == 0) {
      fprintf(stderr, "loc: serve: --font %s: a font named '%s' is loaded already (requests "
                      "choose fonts by base name)\n", path, name);
      return false;
    }
  loc_font *f;
  loc_status st = loc_font_new(path, 0, &f);
  if (st != LOC_OK) {
    fprintf(stderr, "loc: serve: --font %s: %s\n", path, cli_font_error(path, 0, st));
    return false;
  }
  loaded_font *g = realloc(fonts, (n_fonts + 1) * sizeof *g);
  char *copy = strdup(name);
  if (g == NULL || copy == NULL) {
    free(copy);
    if (g)
      fonts = g;
    loc_font_free(f);
    fputs("loc: serve: out of memory\n", stderr);
    return false;
  }
  fonts = g;
  fonts[n_fonts++] = (loaded_font){copy, f};
  return true;
}

void serve_unload(void) {
  free(shape_language);
  shape_language = NULL;
  for (size_t i = 0; i < n_fonts; i++) {
    free(fonts[i].name);
    loc_font_free(fonts[i].font);
  }
  free(fonts);
  fonts = NULL;
  n_fonts = 0;
  for (size_t i = 0; i < n_chain; i++)
    loc_font_free(chain[i]);
  free(chain);
  chain = NULL;
  n_chain = 0;
}

void serve_list_fonts(out_buf *o) {
  out_putc(o, '[');
  for (size_t i = 0; i < n_fonts; i++) {
    if (i)
      out_putc(o, ',');
    out_json_string(o, fonts[i].name, strlen(fonts[i].name));
  }
  out_putc(o, ']');
}

/* The font named by option "font", or NULL with @err filled. */
static const loaded_font *find_font(const serve_request *req, serve_error *err) {
  const char *name = serve_opt_string(req, "font");
  for (size_t i = 0; name && i < n_fonts; i++)
    if (strcmp(fonts[i].name, name) == 0)
      return &fonts[i];
  char list[200] = "";
  size_t n = 0;
  for (size_t i = 0; i < n_fonts && n < sizeof list - 1; i++)
    n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", fonts[i].name);
  if (name == NULL)
    serve_fail(err, 400, "option 'options.font' is required: the base name of a font loaded "
                         "with loc serve --font (%s)", n_fonts ? list : "none is loaded");
  else
    serve_fail(err, 400, "option 'options.font': no font '%s' is loaded (%s)", name,
               n_fonts ? list : "loc serve was started without --font");
  return NULL;
}

/* ---------- render ---------- */

typedef struct render_state {
  loc_canvas *canvas;
  const char *lang;
  loc_status st;
  uint64_t line;
} render_state;

static bool render_line(cli_run *run, const char *file, const lr_piece *p, void *user) {
  render_state *rs = user;
  rs->st = loc_canvas_add_paragraph(rs->canvas, p->data, p->len, rs->lang);
  rs->line = p->line;
  return rs->st == LOC_OK;
}

/* The picture, rendered by the library straight into the answer. */
static int write_image(loc_canvas *canvas, bool svg, serve_answer *a, serve_error *err) {
  loc_status st =
      loc_render_write(canvas, svg ? LOC_RENDER_SVG : LOC_RENDER_PNG, out_sink, &a->text);
  a->media_type = svg ? "image/svg+xml" : "image/png";
  if (st != LOC_OK)
    return serve_fail(err, st == LOC_E_OVERFLOW ? 413 : 500, "render: %s",
                      loc_status_message(st));
  return 200;
}

int serve_render(const serve_request *req, serve_answer *a, serve_error *err) {
  loc_render_options ro = {.size = 24, .width = 800, .margin = 20, .fg = 0, .bg = 0xFFFFFF};
  unsigned long long width = serve_opt_uint(req, "width", 800);
  unsigned long long size = serve_opt_uint(req, "size", 24);
  unsigned long long margin = serve_opt_uint(req, "margin", 20);
  if (width < 16 || width > 20000)
    return serve_fail(err, 400, "option 'options.width' takes 16 to 20000 pixels");
  if (size < 1 || size > 1000)
    return serve_fail(err, 400, "option 'options.size' takes 1 to 1000 pixels");
  if (margin > 5000)
    return serve_fail(err, 400, "option 'options.margin' takes 0 to 5000 pixels");
  ro.width = (int)width;
  ro.size = (double)size;
  ro.margin = (int)margin;
  const char *fg = serve_opt_string(req, "fg"), *bg = serve_opt_string(req, "bg");
  if ((fg && !render_parse_colour(fg, &ro.fg)) || (bg && !render_parse_colour(bg, &ro.bg)))
    return serve_fail(err, 400, "option 'options.%s': colours are RRGGBB, not '%s'",
                      fg && !render_parse_colour(fg, &ro.fg) ? "fg" : "bg",
                      fg && !render_parse_colour(fg, &ro.fg) ? fg : bg);
  const char *align = serve_opt_string(req, "align");
  if (align == NULL || strcmp(align, "start") == 0) ro.align = LOC_RENDER_ALIGN_START;
  else if (strcmp(align, "left") == 0) ro.align = LOC_RENDER_ALIGN_LEFT;
  else if (strcmp(align, "right") == 0) ro.align = LOC_RENDER_ALIGN_RIGHT;
  else if (strcmp(align, "center") == 0) ro.align = LOC_RENDER_ALIGN_CENTER;
  else
    return serve_fail(err, 400, "option 'options.align' takes start, left, right or center");
  if (ro.margin * 2 >= ro.width)
    return serve_fail(err, 400, "the margins leave no room in 'options.width'");
  const char *format = serve_opt_string(req, "format");
  if (format && strcmp(format, "svg") != 0 && strcmp(format, "png") != 0)
    return serve_fail(err, 400, "option 'options.format' takes svg or png");
  bool svg = format == NULL || strcmp(format, "svg") == 0;
  render_state rs = {.lang = serve_opt_string(req, "lang")};
  if (rs.lang) {
    loc_tag_info *t;
    if (loc_tag_analyze(rs.lang, strlen(rs.lang), &t) != LOC_OK)
      return serve_fail(err, 500, "out of memory");
    bool valid = t->valid && rs.lang[0] != '\0';
    loc_tag_info_free(t);
    if (!valid)
      return serve_fail(err, 400, "option 'options.lang': '%s' is not a valid BCP 47 tag",
                        rs.lang);
  }
  const loc_font *const *use;
  size_t n_use;
  const loaded_font *lf = NULL;
  if (serve_opt_given(req, "font")) {
    if ((lf = find_font(req, err)) == NULL)
      return err->status;
    use = (const loc_font *const *)&lf->font;
    n_use = 1;
  } else {
    pthread_once(&chain_once, load_chain);
    if (n_chain == 0)
      return serve_fail(err, 500, "render: no fonts: the default chain (fonts/manifest.tsv) "
                                  "has no installed font; start loc serve with --font");
    use = (const loc_font *const *)chain;
    n_use = n_chain;
  }
  loc_status st = loc_canvas_new(use, n_use, &ro, &rs.canvas);
  if (st != LOC_OK)
    return serve_fail(err, 500, "render: %s", loc_status_message(st));
  int status = 200;
  if (!serve_each_piece(req, a, render_line, &rs))
    status = serve_fail(err, 500, "render: line %llu: %s", (unsigned long long)rs.line,
                        loc_status_message(rs.st));
  else
    status = write_image(rs.canvas, svg, a, err);
  loc_canvas_free(rs.canvas);
  return status;
}

/* ---------- fontcheck ---------- */

int serve_fontcheck(const serve_request *req, serve_answer *a, serve_error *err) {
  const loaded_font *lf = find_font(req, err);
  if (lf == NULL)
    return err->status;
  json_t *langs = json_object_get(req->options, "lang");
  size_t n_langs = langs == NULL ? 0 : json_is_array(langs) ? json_array_size(langs) : 1;
  const char *text = req->text_len ? req->text : NULL;
  char *list = NULL;
  size_t n_list = 0;
  bool listing = n_langs == 0, all = serve_opt_bool(req, "all");
  if (all && !listing)
    return serve_fail(err, 400, "option 'options.all' goes without 'options.lang'");
  if (listing && loc_fontcheck_languages(lf->font, &list, &n_list) != LOC_OK)
    return serve_fail(err, 500, "out of memory");
  const char *tag = list;
  int status = 200;
  for (size_t i = 0; i < (listing ? n_list : n_langs) && serve_in_time(a); i++) {
    const char *lang = listing ? tag
                       : json_is_array(langs) ? json_string_value(json_array_get(langs, i))
                                              : json_string_value(langs);
    if (listing)
      tag += strlen(tag) + 1;
    loc_fontcheck_report r;
    loc_status st = loc_fontcheck(lf->font, lang, text, req->text_len, &r);
    if (st == LOC_E_INVALID_TAG || st == LOC_E_UNKNOWN_SCRIPT) {
      if (!listing) {
        status = serve_fail(err, 400, "option 'options.lang': '%s': %s", lang,
                            st == LOC_E_INVALID_TAG
                                ? "not a valid BCP 47 tag"
                                : "ICU has no exemplar characters and no script for it");
        break;
      }
      continue;
    }
    if (st != LOC_OK) {
      status = serve_fail(err, 500, "fontcheck: %s: %s", lang, loc_status_message(st));
      break;
    }
    if (!listing || all || r.verdict == LOC_FONT_SUPPORTED)
      json_fontcheck_report(&a->lines.out, lf->name, lang, &r);
    loc_fontcheck_report_clear(&r);
  }
  loc_free(list);
  return status;
}

/* ---------- shape ---------- */

int serve_shape(const serve_request *req, serve_answer *a, serve_error *err) {
  const loaded_font *lf = find_font(req, err);
  if (lf == NULL)
    return err->status;
  loc_shape_options opt;
  loc_shape_options_init(&opt);
  opt.features = serve_opt_string(req, "features");
  opt.variations = serve_opt_string(req, "variations");
  opt.direction = serve_opt_string(req, "direction");
  opt.script = serve_opt_string(req, "script");
  opt.language = serve_opt_string(req, "language");
  if (opt.language == NULL)
    opt.language = shape_language;
  if (serve_opt_given(req, "cluster-level")) {
    unsigned long long l = serve_opt_uint(req, "cluster-level", 0);
    if (l > 3)
      return serve_fail(err, 400, "option 'options.cluster-level' takes 0 to 3");
    opt.cluster_level = (int)l;
  }
  opt.utf8_clusters = serve_opt_bool(req, "utf8-clusters");
  opt.bot = serve_opt_bool(req, "bot");
  opt.eot = serve_opt_bool(req, "eot");
  opt.preserve_default_ignorables = serve_opt_bool(req, "preserve-default-ignorables");
  opt.remove_default_ignorables = serve_opt_bool(req, "remove-default-ignorables");
  opt.normalize_glyphs = serve_opt_bool(req, "normalize-glyphs");
  unsigned flags = (serve_opt_bool(req, "no-glyph-names") ? LOC_SER_NO_GLYPH_NAMES : 0) |
                   (serve_opt_bool(req, "no-positions") ? LOC_SER_NO_POSITIONS : 0) |
                   (serve_opt_bool(req, "no-clusters") ? LOC_SER_NO_CLUSTERS : 0) |
                   (serve_opt_bool(req, "no-advances") ? LOC_SER_NO_ADVANCES : 0) |
                   (serve_opt_bool(req, "show-extents") ? LOC_SER_EXTENTS : 0) |
                   (serve_opt_bool(req, "show-flags") ? LOC_SER_FLAGS : 0);
  loc_shaper *shaper;
  loc_status st = loc_shaper_new(lf->font, &opt, &shaper);
  if (st == LOC_E_BAD_FEATURE)
    return serve_fail(err, 400, "options 'features' or 'variations': a setting does not parse");
  if (st == LOC_E_INVALID_ARGUMENT)
    return serve_fail(err, 400, "options 'direction' or 'script': not a direction (ltr, rtl, "
                                "ttb, btt) or an ISO 15924 code");
  if (st != LOC_OK)
    return serve_fail(err, 500, "shape: %s", loc_status_message(st));
  shape_cmd *sc = shape_lines_new(&a->run, shaper, flags, serve_opt_bool(req, "runs"), -1);
  int status = 200;
  if (sc == NULL) {
    status = serve_fail(err, 500, "out of memory");
  } else {
    serve_each_piece(req, a, shape_piece, sc);
    out_buf *o = shape_lines_out(sc);
    out_write(&a->lines.out, o->buf, o->len);
    if (o->error)
      a->lines.out.error = true;
  }
  shape_lines_free(sc);
  loc_shaper_free(shaper);
  return status;
}

const serve_opt serve_shape_opts[] = {{"font", SERVE_OPT_STRING},
                                      {"features", SERVE_OPT_STRING},
                                      {"variations", SERVE_OPT_STRING},
                                      {"direction", SERVE_OPT_STRING},
                                      {"script", SERVE_OPT_STRING},
                                      {"language", SERVE_OPT_STRING},
                                      {"cluster-level", SERVE_OPT_UINT},
                                      {"utf8-clusters", SERVE_OPT_BOOL},
                                      {"bot", SERVE_OPT_BOOL},
                                      {"eot", SERVE_OPT_BOOL},
                                      {"preserve-default-ignorables", SERVE_OPT_BOOL},
                                      {"remove-default-ignorables", SERVE_OPT_BOOL},
                                      {"normalize-glyphs", SERVE_OPT_BOOL},
                                      {"no-glyph-names", SERVE_OPT_BOOL},
                                      {"no-positions", SERVE_OPT_BOOL},
                                      {"no-clusters", SERVE_OPT_BOOL},
                                      {"no-advances", SERVE_OPT_BOOL},
                                      {"show-extents", SERVE_OPT_BOOL},
                                      {"show-flags", SERVE_OPT_BOOL},
                                      {"runs", SERVE_OPT_BOOL},
                                      {NULL, 0}};

const serve_opt serve_render_opts[] = {
    {"font", SERVE_OPT_STRING}, {"width", SERVE_OPT_UINT},  {"size", SERVE_OPT_UINT},
    {"margin", SERVE_OPT_UINT}, {"fg", SERVE_OPT_STRING},   {"bg", SERVE_OPT_STRING},
    {"align", SERVE_OPT_STRING}, {"lang", SERVE_OPT_STRING}, {"format", SERVE_OPT_STRING},
    {NULL, 0}};
const serve_opt serve_fontcheck_opts[] = {
    {"font", SERVE_OPT_STRING}, {"lang", SERVE_OPT_STRINGS}, {"all", SERVE_OPT_BOOL}, {NULL, 0}};
