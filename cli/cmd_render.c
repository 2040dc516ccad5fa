/* loc render — lay out text (each line a paragraph) and draw it to PNG or SVG.
 *
 * Fonts: --font FILE (repeatable, fallback order) and --font-dir DIR (its
 * .ttf/.otf/.ttc files in name order), else the chain of fonts/manifest.tsv
 * (--manifest FILE, $LOC_FONT_MANIFEST, or the manifest of the source tree
 * an uninstalled loc was built in). */
#include "cli.h"

#include <dirent.h>
#include <strings.h>
#include <errno.h>
#include <limits.h>
#include <unistd.h>

enum {
  OPT_FONT = OPT_FIRST_COMMAND_OWN,
  OPT_FONT_DIR,
  OPT_MANIFEST,
  OPT_WIDTH,
  OPT_SIZE,
  OPT_MARGIN,
  OPT_FG,
  OPT_BG,
  OPT_ALIGN,
  OPT_LANG,
};

static const char render_usage[] =
    "Usage: loc render [--font FILE]... [--font-dir DIR]... -o OUT.png|OUT.svg\n"
    "                  [--width PX] [--size PX] [--margin PX] [--fg RRGGBB] [--bg RRGGBB]\n"
    "                  [--align start|left|right|center] [--lang TAG] [FILE...]\n"
    "Lays out each input line as a paragraph (bidi, script runs, font fallback by\n"
    "cluster, line breaking at the width, dictionary-based for Thai, Lao, Khmer and\n"
    "Myanmar) and draws the paragraphs one below the other.\n"
    "\n";

static const cli_opt render_opts[] = {
    {"font", OPT_FONT, " FILE", "a font; repeat for a fallback chain, first = preferred"},
    {"font-dir", OPT_FONT_DIR, " DIR", "every .ttf, .otf and .ttc file of DIR, in name order"},
    {"manifest", OPT_MANIFEST, " FILE",
     "the chain of a fonts/manifest.tsv (default without --font:\n"
     "$LOC_FONT_MANIFEST, else the source tree's fonts/manifest.tsv)"},
    {"output", 'o', " FILE", "output; .svg writes glyph outlines, anything else PNG"},
    {"width", OPT_WIDTH, " PX", "picture width (default 800)"},
    {"margin", OPT_MARGIN, " PX", "the margin (default 20)"},
    {"size", OPT_SIZE, " PX", "pixels per em (default 24)"},
    {"fg", OPT_FG, " RRGGBB", "text colour (default 000000)"},
    {"bg", OPT_BG, " RRGGBB", "background colour (default FFFFFF)"},
    {"align", OPT_ALIGN, " A",
     "start (default: left for LTR paragraphs, right for RTL),\n"
     "left, right or center"},
    {"lang", OPT_LANG, " TAG", "language for shaping (locl forms)"},
    {0},
};
static const char render_notes[] =
    "An empty line is an empty paragraph. Invalid UTF-8 is reported and drawn as\n"
    "U+FFFD.\n";
static const cli_command render_command = {"render", render_usage, render_opts, render_notes,
                                           19, 0, NULL};

typedef struct font_list {
  loc_font **f;
  char **path;           /* each font's file, for messages */
  size_t n, cap;
} font_list;

static bool add_font(font_list *l, const char *path, unsigned face, bool quiet) {
  loc_font *f = NULL;
  loc_status st = loc_font_new(path, face, &f);
  if (st != LOC_OK) {
    if (!quiet)
      fprintf(stderr, "loc: render: %s: %s\n", path,
              st == LOC_E_IO ? strerror(errno) : loc_status_message(st));
    return false;
  }
  if (l->n == l->cap) {
    size_t nc = l->cap ? l->cap * 2 : 16;
    loc_font **g = realloc(l->f, nc * sizeof *g);
    if (g != NULL)
      l->f = g;
    char **h = g ? realloc(l->path, nc * sizeof *h) : NULL;
    if (h == NULL) {
      loc_font_free(f);
      return false;
    }
    l->path = h;
    l->cap = nc;
  }
  if ((l->path[l->n] = strdup(path)) == NULL) {
    loc_font_free(f);
    return false;
  }
  l->f[l->n++] = f;
  return true;
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool add_dir(font_list *l, const char *dir) {
  DIR *d = opendir(dir);
  if (d == NULL) {
    fprintf(stderr, "loc: render: %s: %s\n", dir, strerror(errno));
    return false;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    size_t len = strlen(e->d_name);
    if (len < 5 || (strcasecmp(e->d_name + len - 4, ".ttf") && strcasecmp(e->d_name + len - 4, ".otf") &&
                    strcasecmp(e->d_name + len - 4, ".ttc")))
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 64;
      char **g = realloc(names, cap * sizeof *g);
      if (g == NULL)
        break;
      names = g;
    }
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  if (n > 0)
    qsort(names, n, sizeof *names, cmp_names);
  size_t before = l->n;
  for (size_t i = 0; i < n; i++) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    add_font(l, path, 0, false);
    free(names[i]);
  }
  free(names);
  if (l->n == before) {
    /* drawing with the other fonts instead would hide the mistake */
    fprintf(stderr, "loc: render: %s: no usable .ttf, .otf or .ttc font in it\n", dir);
    return false;
  }
  return true;
}

/* The fonts of a manifest, each file (and face) once, in manifest order. */
static bool add_manifest(font_list *l, const char *path) {
  FILE *fp = fopen(path, "r");
  if (fp == NULL)
    return false;
  char line[1024];
  char seen[64][300];
  size_t nseen = 0;
  while (fgets(line, sizeof line, fp)) {
    if (line[0] == '#')
      continue;
    char *f[5] = {0};
    char *p = line;
    for (int i = 0; i < 5 && p; i++) {
      f[i] = p;
      p = strchr(p, '\t');
      if (p)
        *p++ = '\0';
    }
    if (f[2] == NULL || f[3] == NULL)
      continue;
    char full[300];
    snprintf(full, sizeof full, "/usr/share/fonts/%s#%s", f[2], f[3]);
    bool dup = false;
    for (size_t i = 0; i < nseen; i++)
      dup |= strcmp(seen[i], full) == 0;
    if (dup || nseen == 64)
      continue;
    memcpy(seen[nseen++], full, sizeof full);
    char file[300];
    snprintf(file, sizeof file, "/usr/share/fonts/%s", f[2]);
    add_font(l, file, (unsigned)atoi(f[3]), true); /* missing fonts are skipped */
  }
  fclose(fp);
  return true;
}

static const char *default_manifest(char *buf, size_t cap) {
  const char *env = getenv("LOC_FONT_MANIFEST");
  if (env && *env)
    return env;
  /* an uninstalled loc: BUILD/cli/loc with the sources one level above BUILD */
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0)
    return NULL;
  exe[n] = '\0';
  for (int up = 0; up < 3; up++) {
    char *slash = strrchr(exe, '/');
    if (slash == NULL)
      return NULL;
    *slash = '\0';
    static const char tail[] = "/fonts/manifest.tsv";
    size_t dl = strlen(exe);
    if (dl + sizeof tail > cap)
      return NULL;
    memcpy(buf, exe, dl);
    memcpy(buf + dl, tail, sizeof tail);
    if (access(buf, R_OK) == 0)
      return buf;
  }
  return NULL;
}

bool render_parse_colour(const char *s, uint32_t *out) {
  char *end;
  if (*s == '#')
    s++;
  unsigned long v = strtoul(s, &end, 16);
  if (strlen(s) != 6 || *end)
    return false;
  *out = (uint32_t)v;
  return true;
}

static bool parse_int(const char *s, int lo, int hi, int *out) {
  char *end;
  long v = strtol(s, &end, 10);
  if (*s == '\0' || *end || v < lo || v > hi)
    return false;
  *out = (int)v;
  return true;
}

bool render_default_chain(loc_font ***fonts, size_t *n) {
  font_list l = {0};
  char mbuf[PATH_MAX];
  const char *manifest = default_manifest(mbuf, sizeof mbuf);
  if (manifest != NULL)
    add_manifest(&l, manifest);
  for (size_t i = 0; i < l.n; i++)
    free(l.path[i]);
  free(l.path);
  *fonts = l.f;
  *n = l.n;
  if (l.n == 0) {
    free(l.f);
    *fonts = NULL;
  }
  return l.n > 0;
}

typedef struct render_cmd {
  cli_run *run;
  loc_canvas *canvas;
  const char *lang;
  char *line;
  size_t len, cap;
} render_cmd;

static bool render_piece(cli_run *run, const char *file, const lr_piece *p, void *user) {
  render_cmd *rc = user;
  if (p->first)
    rc->len = 0;
  if (!cli_append(&rc->line, &rc->len, &rc->cap, p->data, p->len)) {
    diag_fail(run, "%s: out of memory", file);
    return false;
  }
  if (p->last) {
    if (loc_utf8_valid_prefix(rc->line, rc->len) != rc->len) {
      line_pos pos = {p->line, 0};
      report_invalid_utf8(run, file, &pos, 0, rc->line, rc->len);
    }
    loc_status st = loc_canvas_add_paragraph(rc->canvas, rc->line, rc->len, rc->lang);
    if (st != LOC_OK)
      diag_at(run, file, p->line, 1, "%s", loc_status_message(st));
  }
  return !run->failed;
}

static void render_input(cli_run *run, line_reader *r, void *user) {
  for_each_piece(run, r, render_piece, user);
}

int cmd_render(int argc, char **argv) {
  cli_run run;
  cli_args args = cli_args_of(&render_command, &run, argc, argv);
  render_cmd rc = {.run = &run};
  font_list fonts = {0};
  loc_render_options ro = {.size = 24, .width = 800, .margin = 20, .fg = 0, .bg = 0xFFFFFF};
  const char *out = NULL, *manifest = NULL;
  int o, v;
  bool bad = false;
  int status = EXIT_USAGE;
  while (!bad && (o = cli_next(&args)) >= 0) {
    switch (o) {
    case OPT_FONT: bad = !add_font(&fonts, optarg, 0, false); break;
    case OPT_FONT_DIR: bad = !add_dir(&fonts, optarg); break;
    case OPT_MANIFEST: manifest = optarg; break;
    case 'o': out = optarg; break;
    case OPT_WIDTH:
      if (!parse_int(optarg, 16, 20000, &ro.width)) {
        diag_usage("render", "--width takes 16 to 20000 pixels, not '%s'", optarg);
        bad = true;
        break;
      }
      break;
    case OPT_SIZE:
      if (!parse_int(optarg, 1, 1000, &v)) {
        diag_usage("render", "--size takes 1 to 1000 pixels, not '%s'", optarg);
        bad = true;
        break;
      }
      ro.size = v;
      break;
    case OPT_MARGIN:
      if (!parse_int(optarg, 0, 5000, &ro.margin)) {
        diag_usage("render", "--margin takes 0 to 5000 pixels, not '%s'", optarg);
        bad = true;
        break;
      }
      break;
    case OPT_FG:
    case OPT_BG:
      if (!render_parse_colour(optarg, o == OPT_FG ? &ro.fg : &ro.bg)) {
        diag_usage("render", "colours are RRGGBB, not '%s'", optarg);
        bad = true;
        break;
      }
      break;
    case OPT_ALIGN:
      if (strcmp(optarg, "start") == 0) ro.align = LOC_RENDER_ALIGN_START;
      else if (strcmp(optarg, "left") == 0) ro.align = LOC_RENDER_ALIGN_LEFT;
      else if (strcmp(optarg, "right") == 0) ro.align = LOC_RENDER_ALIGN_RIGHT;
      else if (strcmp(optarg, "center") == 0) ro.align = LOC_RENDER_ALIGN_CENTER;
      else {
        diag_usage("render", "--align takes start, left, right or center");
        bad = true;
      }
      break;
    case OPT_LANG: rc.lang = optarg; break;
    }
  }
  if (o == CLI_STOP) {
    status = args.status;
    goto done;
  }
  char mbuf[PATH_MAX];
  if (bad)
    goto done;
  if (rc.lang != NULL && !cli_lang_ok("render", rc.lang))
    goto done;
  if (out == NULL) {
    status = diag_usage("render", "-o OUT.png|OUT.svg is required");
    goto done;
  }
  if (ro.margin * 2 >= ro.width) {
    status = diag_usage("render", "the margins leave no room in --width");
    goto done;
  }
  if (fonts.n == 0) {
    if (manifest == NULL)
      manifest = default_manifest(mbuf, sizeof mbuf);
    if (manifest == NULL || !add_manifest(&fonts, manifest) || fonts.n == 0) {
      fprintf(stderr, "loc: render: no fonts: give --font, --font-dir or --manifest\n");
      goto done;
    }
  }
  loc_status st = loc_canvas_new((const loc_font *const *)fonts.f, fonts.n, &ro, &rc.canvas);
  if (st == LOC_E_FONT_LOAD) {
    /* name the font FreeType refuses (HarfBuzz took it): each alone */
    for (size_t i = 0; i < fonts.n; i++) {
      loc_canvas *one = NULL;
      if (loc_canvas_new((const loc_font *const *)&fonts.f[i], 1, &ro, &one) == LOC_E_FONT_LOAD)
        fprintf(stderr, "loc: render: %s: FreeType cannot load it: %s\n", fonts.path[i],
                loc_status_message(st));
      loc_canvas_free(one);
    }
    goto done;
  }
  if (st != LOC_OK) {
    diag_lib_error("render", st);
    goto done;
  }
  for_each_input(&run, argc - optind, argv + optind, LR_DEFAULT_BLOCK, render_input, &rc);
  size_t olen = strlen(out);
  bool svg = olen >= 4 && strcasecmp(out + olen - 4, ".svg") == 0;
  st = svg ? loc_canvas_write_svg(rc.canvas, out) : loc_canvas_write_png(rc.canvas, out);
  if (st != LOC_OK)
    diag_fail(&run, "%s: %s", out, st == LOC_E_IO ? strerror(errno) : loc_status_message(st));
  status = cli_exit_status(&run);
done:
  loc_canvas_free(rc.canvas);
  free(rc.line);
  for (size_t i = 0; i < fonts.n; i++) {
    loc_font_free(fonts.f[i]);
    free(fonts.path[i]);
  }
  free(fonts.f);
  free(fonts.path);
  return status;
}
