/* Status codes: messages and names both come from LOC_STATUS_LIST. */
#include "internal.h"

const char *loc_status_message(int status) {
  switch (status) {
#define LOC_STATUS_TEXT_(name, value, text) \
  case value:                                \
    return text;
    LOC_STATUS_LIST(LOC_STATUS_TEXT_)
#undef LOC_STATUS_TEXT_
  }
  return "unknown status code";
}

const char *loc_status_name(int status) {
  switch (status) {
#define LOC_STATUS_NAME_(name, value, text) \
  case value:                                \
    return #name;
    LOC_STATUS_LIST(LOC_STATUS_NAME_)
#undef LOC_STATUS_NAME_
  }
  return NULL;
}

void loc_free(void *p) { free(p); }
