/* The JSON objects `loc COMMAND --json` prints that loc serve answers with
 * too: one writer each, so that the two cannot drift apart. */
#include "cli.h"

/* ,"KEY":"S" — or null when @s is NULL. */
static void json_field(out_buf *o, const char *key, const char *s) {
  out_printf(o, ",\"%s\":", key);
  if (s == NULL)
    out_write(o, "null", 4);
  else
    out_json_string(o, s, strlen(s));
}

static void json_diags(out_buf *o, const char *key, const loc_tag_info *t,
                       const loc_tag_diag *d, size_t n) {
  out_printf(o, ",\"%s\":[", key);
  for (size_t i = 0; i < n; i++) {
    out_write(o, i ? ",{\"code\":" : "{\"code\":", i ? 9 : 8);
    out_json_string(o, d[i].rule, strlen(d[i].rule));
    /* The subtag is only meaningful when it lies inside the input. */
    if (d[i].length > 0 && d[i].offset + d[i].length <= t->input_len &&
        strcmp(d[i].rule, "too-long") != 0) {
      out_write(o, ",\"subtag\":", 10);
      out_json_string(o, t->input + d[i].offset, d[i].length);
    }
    out_printf(o, ",\"offset\":%zu,\"length\":%zu,\"message\":", d[i].offset, d[i].length);
    out_json_string(o, d[i].message, strlen(d[i].message));
    out_putc(o, '}');
  }
  out_putc(o, ']');
}

void json_tag_info(out_buf *o, const loc_tag_info *t, size_t input_len) {
  out_write(o, "{\"input\":", 9);
  out_json_string(o, t->input, input_len);
  json_field(o, "canonical", t->canonical);
  json_field(o, "maximal", t->maximal);
  json_field(o, "minimal", t->minimal);
  json_field(o, "name", t->name);
  json_field(o, "autonym", t->autonym);
  out_printf(o, ",\"valid\":%s,\"registered\":%s", t->valid ? "true" : "false",
             t->registered ? "true" : "false");
  json_diags(o, "errors", t, t->errors, t->n_errors);
  json_diags(o, "warnings", t, t->warnings, t->n_warnings);
  out_putc(o, '}');
}

void json_script_summary(out_buf *o, const loc_script_summary *sum, const loc_script_count *list,
                         size_t n, const int32_t *expected) {
  int32_t dominant = loc_script_summary_dominant(sum);
  out_write(o, "{\"scripts\":{", 12);
  for (size_t i = 0; i < n; i++)
    out_printf(o, "%s\"%s\":%llu", i ? "," : "", list[i].code, (unsigned long long)list[i].count);
  out_printf(o, "},\"dominant\":\"%s\",\"total\":%llu", loc_script_name(dominant),
             (unsigned long long)loc_script_summary_total(sum));
  if (expected != NULL)
    out_printf(o, ",\"expected\":\"%s\",\"agrees\":%s", loc_script_name(*expected),
               loc_script_agrees(dominant, *expected) ? "true" : "false");
  out_putc(o, '}');
}
