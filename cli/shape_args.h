/* hb-shape 6.0's argument syntax (shape_args.c), for cmd_shape.c. */
#ifndef LOC_CLI_SHAPE_ARGS_H
#define LOC_CLI_SHAPE_ARGS_H

#include "cli.h"

typedef enum { FMT_TEXT, FMT_JSON, FMT_NONE } out_format;

/* --unicodes: the text, allocated (free()), NUL-ended, *out_len bytes; false
 * on a bad list (*bad: where, or NULL when out of memory). */
bool parse_unicodes(const char *list, char **out, size_t *out_len, const char **bad);
/* --font-size: "upem" or one or two positive numbers. */
bool parse_font_size(const char *arg, loc_shape_options *o);
/* GOption's integer (strtol base 0, whole argument) within [min, max]. */
bool parse_int(const char *arg, long min, long max, long *out);
/* GOption's double (whole argument, finite). */
bool parse_double(const char *arg, double *out);
/* --font-ppem: one or two integers. */
bool parse_ppem(const char *arg, loc_shape_options *o);
/* -O: hb_buffer_serialize_format_from_string() ("" is FMT_NONE). */
bool parse_format(const char *arg, out_format *f);

#endif
