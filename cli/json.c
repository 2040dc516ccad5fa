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

/* ---------- loc check ---------- */

void json_check_finding(out_buf *o, const char *file, uint64_t line, uint64_t col,
                        uint64_t offset, const char *s, const loc_check_finding *f) {
  const loc_check_rule *r = loc_check_rule_at(f->rule);
  if (file != NULL) {
    out_write(o, "{\"file\":", 8);
    out_json_string(o, file, strlen(file));
    out_write(o, ",\"line\":", 8);
  } else {
    out_write(o, "{\"line\":", 8);
  }
  out_printf(o, "%llu,\"col\":%llu,\"offset\":%llu,\"length\":%zu,\"rule\":\"%s\","
                "\"severity\":\"%s\",\"message\":",
             (unsigned long long)line, (unsigned long long)col,
             (unsigned long long)offset, f->length, r->id,
             loc_check_severity_name(f->severity));
  out_json_string(o, f->message, strlen(f->message));
  out_write(o, ",\"codepoints\":[", 15);
  size_t n = 0;
  for (size_t i = f->offset; i < f->offset + f->length && n < 32;) {
    size_t valid = loc_utf8_valid_prefix(s + i, f->offset + f->length - i);
    if (valid == 0)
      break;
    /* one character at a time */
    const unsigned char *u = (const unsigned char *)s + i;
    size_t w = u[0] < 0x80 ? 1 : u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4;
    uint32_t cp = w == 1 ? u[0] : w == 2 ? u[0] & 0x1F : w == 3 ? u[0] & 0x0F : u[0] & 0x07;
    for (size_t k = 1; k < w; k++)
      cp = cp << 6 | (u[k] & 0x3F);
    out_printf(o, "%s\"U+%04X\"", n ? "," : "", (unsigned)cp);
    n++;
    i += w;
  }
  out_putc(o, ']');
  if (f->fix) {
    out_write(o, ",\"fix\":", 7);
    out_json_string(o, f->fix, f->fix_len);
  }
  if (f->suggestion) {
    out_write(o, ",\"suggestion\":", 14);
    out_json_string(o, f->suggestion, f->suggestion_len);
  }
  out_putc(o, '}');
}

bool check_write_findings(out_buf *o, const check_where *w, const char *s,
                          const loc_check_finding *f, size_t n) {
  bool error = false;
  size_t counted = 0;
  uint64_t col = w->chars + 1;
  for (size_t i = 0; i < n; i++) {
    col += loc_utf8_count_chars(s + counted, f[i].offset - counted);
    counted = f[i].offset;
    if (f[i].severity == LOC_SEVERITY_ERROR)
      error = true;
    if (w->json) {
      json_check_finding(o, w->json_file, w->line, col, w->offset + f[i].offset, s, &f[i]);
      out_putc(o, '\n');
    } else {
      out_printf(o, "%s:%llu:%llu: %s: %s [%s]\n", w->file, (unsigned long long)w->line,
                 (unsigned long long)col, loc_check_severity_name(f[i].severity), f[i].message,
                 loc_check_rule_at(f[i].rule)->id);
    }
  }
  return error;
}

/* ---------- loc detect ---------- */

/* @a, @s and @b, without printf (a tenth of a short line's time). */
static void out_str3(out_buf *o, const char *a, const char *s, const char *b) {
  out_write(o, a, strlen(a));
  out_write(o, s, strlen(s));
  out_write(o, b, strlen(b));
}

void json_detect_result(out_buf *o, const cli_run *run, const char *file, uint64_t line,
                        const loc_detect_result *r, double zawgyi) {
  out_json_line(o, run, file, line);
  /* (the codes are ASCII letters, digits and '-': nothing to escape) */
  out_str3(o, ",\"lang\":\"", r->lang, "\",\"iso639_3\":\"");
  out_str3(o, "", r->iso639_3, "\",\"script\":\"");
  out_str3(o, "", r->script_code, "\",\"confidence\":");
  out_conf(o, r->confidence);
  if (r->group)
    out_write(o, ",\"group\":true", 13);
  if (zawgyi >= 0) {
    out_write(o, ",\"zawgyi\":", 10);
    out_conf(o, zawgyi);
  }
  out_write(o, ",\"candidates\":[", 15);
  for (size_t i = 0; i < r->n_candidates; i++) {
    out_str3(o, i ? ",{\"lang\":\"" : "{\"lang\":\"", r->candidates[i].lang,
             "\",\"iso639_3\":\"");
    out_str3(o, "", r->candidates[i].iso639_3, "\",\"confidence\":");
    out_conf(o, r->candidates[i].confidence);
    out_putc(o, '}');
  }
  out_write(o, "]}\n", 3);
}

void json_detect_span(out_buf *o, bool comma, uint64_t offset, const loc_detect_span *s) {
  out_printf(o, "%s{\"start\":%llu,\"end\":%llu,\"lang\":\"%s\",\"iso639_3\":\"%s\","
                "\"script\":\"%s\",\"confidence\":",
             comma ? "," : "", (unsigned long long)(offset + s->start),
             (unsigned long long)(offset + s->end), s->lang, s->iso639_3,
             loc_script_name(s->script));
  out_conf(o, s->confidence);
  out_putc(o, '}');
}

/* ---------- loc fontcheck ---------- */

void json_fontcheck_report(out_buf *o, const char *font, const char *lang,
                           const loc_fontcheck_report *r) {
  out_write(o, "{\"font\":", 8);
  out_json_string(o, font, strlen(font));
  out_write(o, ",\"lang\":", 8);
  out_json_string(o, lang, strlen(lang));
  out_printf(o, ",\"verdict\":\"%s\",\"script\":\"%s\",\"exemplars\":%zu,"
                "\"exemplars_from_script\":%s,\"missing\":[",
             loc_fontcheck_verdict_name(r->verdict), r->script, r->exemplars,
             r->exemplars_from_script ? "true" : "false");
  for (size_t i = 0; i < r->n_missing; i++)
    out_printf(o, "%s\"U+%04X\"", i ? "," : "", (unsigned)r->missing[i]);
  out_printf(o, "],\"notdef\":%zu,\"notdef_other\":%zu,\"dotted_circles\":%zu,"
                "\"unattached_marks\":%zu,\"text_chars\":%zu}\n",
             r->notdef, r->notdef_other, r->dotted_circles, r->unattached_marks,
             r->text_chars);
}
