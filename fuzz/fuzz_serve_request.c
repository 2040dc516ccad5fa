/* loc serve's request decoding (cli/serve_req.c): any bytes as a body for
 * each kind of endpoint. A refusal is a 400 with a message that is valid
 * UTF-8 and names something; an acceptance gives a text without NUL whose
 * length is its JSON length, or an array of strings, and options of the
 * declared types only. The first byte picks the endpoint's contract. */
#include "fuzz.h"

#include "../cli/serve_req.h"

static const serve_opt opts[] = {{"by", SERVE_OPT_STRING},   {"summary", SERVE_OPT_BOOL},
                                 {"lang", SERVE_OPT_STRINGS}, {"top", SERVE_OPT_UINT},
                                 {NULL, 0}};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > FUZZ_MAX_INPUT)
    return 0;
  serve_contract c = {(serve_input)(data[0] % 3), data[0] & 4 ? NULL : opts};
  serve_request req;
  serve_error err;
  if (!serve_request_decode((const char *)data + 1, size - 1, &c, &req, &err)) {
    FUZZ_CHECK(err.status == 400 || err.status == 500);
    size_t n = strlen(err.message);
    FUZZ_CHECK(n > 0);
    FUZZ_CHECK(loc_utf8_valid_prefix(err.message, n) == n);
    FUZZ_CHECK(req.root == NULL);
    return 0;
  }
  FUZZ_CHECK(req.root != NULL && json_is_object(req.options));
  if (c.input == SERVE_IN_TEXT) {
    FUZZ_CHECK(req.text != NULL && req.items == NULL);
    FUZZ_CHECK(strlen(req.text) == req.text_len);
    FUZZ_CHECK(loc_utf8_valid_prefix(req.text, req.text_len) == req.text_len);
  } else {
    FUZZ_CHECK(req.text == NULL && json_is_array(req.items));
    for (size_t i = 0; i < json_array_size(req.items); i++)
      FUZZ_CHECK(json_is_string(json_array_get(req.items, i)));
  }
  const char *key;
  json_t *value;
  json_object_foreach(req.options, key, value) {
    const serve_opt *o = c.opts;
    while (o && o->name && strcmp(o->name, key) != 0)
      o++;
    FUZZ_CHECK(o && o->name);
    if (o->type == SERVE_OPT_BOOL) {
      FUZZ_CHECK(json_is_boolean(value));
    } else if (o->type == SERVE_OPT_UINT) {
      FUZZ_CHECK(json_is_integer(value) && json_integer_value(value) >= 0);
    } else if (o->type == SERVE_OPT_STRINGS && json_is_array(value)) {
      for (size_t i = 0; i < json_array_size(value); i++)
        FUZZ_CHECK(json_is_string(json_array_get(value, i)));
    } else {
      FUZZ_CHECK(json_is_string(value));
    }
  }
  (void)serve_opt_string(&req, "by");
  (void)serve_opt_bool(&req, "summary");
  (void)serve_opt_uint(&req, "top", 3);
  (void)serve_opt_given(&req, "lang");
  serve_request_free(&req);
  return 0;
}
