/* loc serve: request bodies. JSON is parsed by Jansson (which rejects
 * invalid UTF-8, lone surrogates, NUL escapes and, with
 * JSON_REJECT_DUPLICATES, duplicate keys); this file checks the shape:
 * known fields only, each of the right type, and says which one is wrong. */
#include "serve_req.h"

#include <loc/loc.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static bool fail(serve_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static bool fail(serve_error *err, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  va_end(ap);
  /* Jansson quotes the input near an error by bytes, and the message may
   * have been cut: a character cut in two becomes '?'. */
  size_t len = strlen(err->message), from = 0;
  loc_utf8_error e;
  while (loc_utf8_next_error(err->message, len, from, &e)) {
    memset(err->message + e.offset, '?', e.length);
    from = e.offset + e.length;
  }
  err->status = 400;
  return false;
}

/* A key for a message: printable, bounded (keys are valid UTF-8 here). */
static const char *shown(const char *key, char *buf, size_t cap) {
  size_t n = strlen(key);
  if (n < cap) {
    memcpy(buf, key, n + 1);
    return buf;
  }
  size_t cut = cap - 4;
  while (cut > 0 && ((unsigned char)key[cut] & 0xC0) == 0x80)
    cut--; /* not inside a character */
  memcpy(buf, key, cut);
  memcpy(buf + cut, "...", 4);
  return buf;
}

static const char *input_field(serve_input in) {
  switch (in) {
  case SERVE_IN_NAMES:
    return "names";
  case SERVE_IN_TAGS:
    return "tags";
  default:
    return "text";
  }
}

static const char *type_name(serve_opt_type t) {
  return t == SERVE_OPT_BOOL ? "true or false"
         : t == SERVE_OPT_UINT    ? "an integer from 0"
         : t == SERVE_OPT_STRINGS ? "a string or an array of strings"
                                  : "a string";
}

/* A string, or an array of strings. */
static bool strings(json_t *v) {
  if (json_is_string(v))
    return true;
  if (!json_is_array(v))
    return false;
  size_t i;
  json_t *item;
  json_array_foreach(v, i, item) if (!json_is_string(item)) return false;
  return true;
}

static bool check_options(json_t *options, const serve_opt *opts, serve_error *err) {
  const char *key;
  json_t *value;
  char kb[64];
  json_object_foreach(options, key, value) {
    const serve_opt *o = opts;
    while (o && o->name && strcmp(o->name, key) != 0)
      o++;
    if (o == NULL || o->name == NULL)
      return fail(err, "unknown option 'options.%s'", shown(key, kb, sizeof kb));
    bool ok = o->type == SERVE_OPT_BOOL   ? json_is_boolean(value)
              : o->type == SERVE_OPT_UINT ? json_is_integer(value) && json_integer_value(value) >= 0
              : o->type == SERVE_OPT_STRINGS ? strings(value)
                                             : json_is_string(value);
    if (!ok)
      return fail(err, "option 'options.%s' must be %s", o->name, type_name(o->type));
  }
  return true;
}

bool serve_request_decode(const char *body, size_t len, const serve_contract *contract,
                          serve_request *req, serve_error *err) {
  memset(req, 0, sizeof *req);
  err->status = 0;
  err->message[0] = '\0';
  if (len == 0)
    return fail(err, "the request body is empty: a JSON object is expected");
  /* Invalid UTF-8 first, with its offset: Jansson's message for it is
   * less precise. */
  loc_utf8_error ue;
  if (loc_utf8_next_error(body, len, 0, &ue))
    return fail(err, "invalid UTF-8 in the request body: byte 0x%02X at byte offset %zu",
                (unsigned)(unsigned char)body[ue.offset], ue.offset);
  json_error_t je;
  json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
  if (root == NULL)
    return fail(err, "bad JSON at line %d, column %d (byte offset %d): %s", je.line,
                je.column, je.position, je.text);
  if (!json_is_object(root)) {
    json_decref(root);
    return fail(err, "the request body must be a JSON object");
  }
  const char *want = input_field(contract->input);
  const char *key;
  json_t *value;
  char kb[64];
  json_object_foreach(root, key, value) {
    if (strcmp(key, "options") == 0) {
      if (!json_is_object(value)) {
        json_decref(root);
        return fail(err, "field 'options' must be an object");
      }
      if (!check_options(value, contract->opts, err)) {
        json_decref(root);
        return false;
      }
      req->options = value;
    } else if (strcmp(key, want) == 0) {
      if (contract->input == SERVE_IN_TEXT) {
        if (!json_is_string(value)) {
          json_decref(root);
          return fail(err, "field 'text' must be a string");
        }
        req->text = json_string_value(value);
        req->text_len = json_string_length(value);
      } else {
        if (!json_is_array(value)) {
          json_decref(root);
          return fail(err, "field '%s' must be an array of strings", want);
        }
        size_t i;
        json_t *item;
        json_array_foreach(value, i, item) {
          if (!json_is_string(item)) {
            json_decref(root);
            return fail(err, "field '%s[%zu]' must be a string", want, i);
          }
        }
        req->items = value;
      }
    } else {
      fail(err, "unknown field '%s' (this endpoint takes '%s' and 'options')",
           shown(key, kb, sizeof kb), want);
      json_decref(root); /* after the message: @key belongs to @root */
      return false;
    }
  }
  if (req->text == NULL && req->items == NULL) {
    json_decref(root);
    return fail(err, "missing field '%s'", want);
  }
  if (req->options == NULL) {
    req->options = json_object();
    if (req->options == NULL) {
      json_decref(root);
      err->status = 500;
      snprintf(err->message, sizeof err->message, "out of memory");
      return false;
    }
    if (json_object_set_new(root, "options", req->options) != 0) {
      json_decref(root);
      err->status = 500;
      snprintf(err->message, sizeof err->message, "out of memory");
      return false;
    }
  }
  req->root = root;
  return true;
}

void serve_request_free(serve_request *req) {
  json_decref(req->root);
  memset(req, 0, sizeof *req);
}

const char *serve_opt_string(const serve_request *req, const char *name) {
  return json_string_value(json_object_get(req->options, name));
}

bool serve_opt_bool(const serve_request *req, const char *name) {
  return json_is_true(json_object_get(req->options, name));
}

unsigned long long serve_opt_uint(const serve_request *req, const char *name,
                                  unsigned long long dflt) {
  json_t *v = json_object_get(req->options, name);
  return v ? (unsigned long long)json_integer_value(v) : dflt;
}

bool serve_opt_given(const serve_request *req, const char *name) {
  return json_object_get(req->options, name) != NULL;
}
