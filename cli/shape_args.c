/* hb-shape 6.0's argument syntax for `loc shape` (cmd_shape.c): each
 * parser reads an option argument exactly as hb-shape's GOption callbacks
 * read it. */
#include "shape_args.h"

#include <errno.h>
#include <math.h>

/* g_unichar_to_utf8(): hb-shape's encoding of a --unicodes value, any
 * 32-bit number (HarfBuzz decodes what is not UTF-8 as U+FFFD). */
static size_t put_unichar(uint32_t c, char *out) {
  int len, first;
  if (c < 0x80) {
    first = 0;
    len = 1;
  } else if (c < 0x800) {
    first = 0xc0;
    len = 2;
  } else if (c < 0x10000) {
    first = 0xe0;
    len = 3;
  } else if (c < 0x200000) {
    first = 0xf0;
    len = 4;
  } else if (c < 0x4000000) {
    first = 0xf8;
    len = 5;
  } else {
    first = 0xfc;
    len = 6;
  }
  for (int i = len - 1; i > 0; --i) {
    out[i] = (char)((c & 0x3f) | 0x80);
    c >>= 6;
  }
  out[0] = (char)(c | (uint32_t)first);
  return (size_t)len;
}

/* hb-shape's --unicodes: hex numbers, anything of "<+-|>{},;&#\\xXuUnNiI"
 * and white space between them ("U+0915,U+094D", "<0915 094D>"). "*" is
 * the text "*". Returns false on a bad list, with the rest in *bad. */
bool parse_unicodes(const char *list, char **out, size_t *out_len, const char **bad) {
  static const char delims[] = "<+-|>{},;&#\\xXuUnNiI\n\t\v\f\r ";
  size_t cap = strlen(list) * 6 + 2, n = 0;
  char *buf = malloc(cap);
  if (buf == NULL)
    return false;
  if (strcmp(list, "*") == 0) {
    strcpy(buf, "*");
    *out = buf;
    *out_len = 1;
    return true;
  }
  const char *p = list;
  while (*p) {
    while (*p && strchr(delims, *p))
      p++;
    if (!*p)
      break;
    char *end;
    errno = 0;
    unsigned long cp = strtoul(p, &end, 16);
    if (errno || end == p) {
      *bad = p;
      free(buf);
      return false;
    }
    n += put_unichar((uint32_t)cp, buf + n);
    p = end;
  }
  buf[n] = '\0';
  *out = buf;
  *out_len = n;
  return true;
}

bool parse_font_size(const char *arg, loc_shape_options *o) {
  if (strcmp(arg, "upem") == 0) {
    o->font_size_x = o->font_size_y = 0;
    return true;
  }
  char *end;
  double x = strtod(arg, &end);
  if (end == arg || !(x > 0) || x > 1e9)
    return false;
  double y = x;
  if (*end == ',' || *end == ' ') {
    const char *p = end + 1;
    y = strtod(p, &end);
    if (end == p || !(y > 0) || y > 1e9)
      return false;
  }
  if (*end)
    return false;
  o->font_size_x = x;
  o->font_size_y = y;
  return true;
}

/* GOption's integer: strtol base 0, the whole argument, an int. */
bool parse_int(const char *arg, long min, long max, long *out) {
  char *end;
  errno = 0;
  long v = strtol(arg, &end, 0);
  if (*arg == '\0' || *end || errno || v < min || v > max)
    return false;
  *out = v;
  return true;
}

/* GOption's double: g_ascii_strtod, the whole argument, finite. */
bool parse_double(const char *arg, double *out) {
  char *end;
  errno = 0;
  double v = strtod(arg, &end);
  if (*arg == '\0' || *end || errno || !isfinite(v))
    return false;
  *out = v;
  return true;
}

/* hb-shape's --font-ppem: one or two integers, space or comma between. */
bool parse_ppem(const char *arg, loc_shape_options *o) {
  char *end;
  errno = 0;
  long x = strtol(arg, &end, 10), y = x;
  if (end == arg || errno || x < 0 || x > INT32_MAX)
    return false;
  if (*end == ',' || *end == ' ') {
    const char *p = end;
    while (*p == ',' || *p == ' ')
      p++;
    y = strtol(p, &end, 10);
    if (end == p || errno || y < 0 || y > INT32_MAX)
      return false;
  }
  if (*end)
    return false;
  o->ppem_x = (int)x;
  o->ppem_y = (int)y;
  return true;
}

/* hb_buffer_serialize_format_from_string(): the first four characters,
 * case-insensitively. */
bool parse_format(const char *arg, out_format *f) {
  if (*arg == '\0') {
    *f = FMT_NONE;
    return true;
  }
  char tag[5] = "    ";
  for (int i = 0; i < 4 && arg[i]; i++)
    tag[i] = (char)(arg[i] >= 'a' && arg[i] <= 'z' ? arg[i] - 32 : arg[i]);
  if (strcmp(tag, "TEXT") == 0)
    *f = FMT_TEXT;
  else if (strcmp(tag, "JSON") == 0)
    *f = FMT_JSON;
  else
    return false;
  return true;
}

