/* `loc serve`: a local HTTP/1.1 server (GNU libmicrohttpd) for the JSON API
 * under /api/v1/ and the page embedded in the binary. It never opens a file
 * a request names: the only files are the embedded page's. */
#include "serve.h"

#include "cli.h"
#include "serve_api.h"
#include "serve_req.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#define API_PREFIX "/api/v1/"

enum { OPT_LISTEN = OPT_FIRST_COMMAND_OWN, OPT_THREADS, OPT_MAX_BODY, OPT_TIMEOUT,
       OPT_MAX_CONNECTIONS, OPT_FONT, OPT_ZONE, OPT_LGR, OPT_MAX_TIME };

static const char help_text[] =
    "Usage: loc serve [--listen ADDR:PORT] [--threads N] [--max-body BYTES]\n"
    "                 [--timeout SECONDS] [--max-time SECONDS] [--max-connections N]\n"
    "                 [--zone FILE]...\n"
    "                 [--lgr FILE]... [--font FILE]...\n"
    "A local web app and JSON API over the library (docs/serve.md):\n"
    "  GET  /                  the page (Text and Names views)\n"
    "  GET  /api/v1/health     {\"status\":\"ok\",\"version\":...}\n"
    "  GET  /api/v1/config     {\"fonts\":[...],\"lgrs\":[...],\"zone\":true|false}\n"
    "  POST /api/v1/COMMAND    {\"text\":...,\"options\":{...}} -> {\"results\":[...]}\n"
    "\n"
    "  --listen ADDR:PORT     address to listen on (default 127.0.0.1:8080; IPv6 as\n"
    "                         [ADDR]:PORT; port 0 picks a free port). The address and\n"
    "                         port are printed on standard error once listening\n"
    "  --threads N            worker threads (default: one per core)\n"
    "  --max-body BYTES       largest request body (default 16777216); larger: 413\n"
    "  --timeout SECONDS      time to receive a request (default 30); slower: 408,\n"
    "                         or the connection is closed when it sends nothing\n"
    "  --max-time SECONDS     time to answer one request once it is in (default\n"
    "                         30); the work stops between lines or names: 503\n"
    "  --max-connections N    connections open at once (default 256); requests on\n"
    "                         more get 503 and the connection is closed\n"
    "  --zone FILE            registered names, one per line, for idn/confusables\n"
    "                         (loaded once into one index); repeatable\n"
    "  --lgr FILE             an RFC 7940 LGR for idn/lgr, idn/variants and\n"
    "                         idn/check, chosen in requests by its base name\n"
    "                         (option \"lgr\"); repeatable\n"
    "  --font FILE            a font for shape, render and fontcheck, chosen in\n"
    "                         requests by its base name (option \"font\");\n"
    "                         repeatable.\n"
    "                         render uses fonts/manifest.tsv's chain without it\n"
    "SIGTERM or SIGINT stops accepting, lets requests in flight finish, exits 0.\n";

typedef struct serve_cfg {
  size_t max_body;
  unsigned timeout;
  unsigned max_time;     /* seconds to answer a request once it is in */
  unsigned max_conn;     /* connections served; more get 503 */
  bool loopback;         /* listening on 127.0.0.0/8 or ::1 */
  unsigned port;         /* the port bound */
} serve_cfg;

static serve_cfg cfg;
static atomic_int in_flight;
static atomic_int open_connections;

static void on_connection(void *cls, struct MHD_Connection *mc, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe) {
  if (toe == MHD_CONNECTION_NOTIFY_STARTED)
    atomic_fetch_add(&open_connections, 1);
  else
    atomic_fetch_sub(&open_connections, 1);
}

/* One request's state, from its headers to its completion. */
typedef struct conn {
  struct timespec start;
  const serve_endpoint *ep;
  char *body;
  size_t len, cap;
  bool replied;          /* the answer is decided; further body is dropped */
  bool now;              /* queue answers at once instead of keeping them */
  struct MHD_Response *pending; /* the answer, kept until the body is in */
  unsigned pending_status;
} conn;

/* libmicrohttpd queues a response only once the request is read (or before
 * its body starts, which then closes the connection): answers decided
 * earlier wait in the conn until the final call. */
static enum MHD_Result deliver(struct MHD_Connection *mc, conn *c, unsigned status,
                               struct MHD_Response *r) {
  c->replied = true;
  if (!c->now) {
    c->pending = r;
    c->pending_status = status;
    return MHD_YES;
  }
  enum MHD_Result ret = MHD_queue_response(mc, status, r);
  MHD_destroy_response(r);
  return ret;
}

/* ---------- responses ---------- */

static void security_headers(struct MHD_Response *r) {
  MHD_add_response_header(r, "Content-Security-Policy",
                          "default-src 'none'; script-src 'self'; style-src 'self'; "
                          "connect-src 'self'; img-src 'self' data:; base-uri 'none'; "
                          "form-action 'none'; frame-ancestors 'none'");
  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(r, "X-Frame-Options", "DENY");
  MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
  MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
  MHD_add_response_header(r, "Cache-Control", "no-store");
}

/* Queues @len bytes of @data (malloc'd; MHD frees it). */
static enum MHD_Result send_owned(struct MHD_Connection *mc, conn *c, unsigned status,
                                  const char *type, char *data, size_t len) {
  struct MHD_Response *r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
  if (r == NULL) {
    free(data);
    return MHD_NO;
  }
  MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
  security_headers(r);
  if (status == MHD_HTTP_SERVICE_UNAVAILABLE)
    MHD_add_response_header(r, "Retry-After", "1");
  if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
    MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW,
                            c->ep ? "POST" : "GET, HEAD");
  return deliver(mc, c, status, r);
}

static enum MHD_Result send_error(struct MHD_Connection *mc, conn *c, unsigned status,
                                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static enum MHD_Result send_error(struct MHD_Connection *mc, conn *c, unsigned status,
                                  const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  out_buf o;
  out_init_mem(&o);
  out_printf(&o, "{\"error\":{\"code\":%u,\"message\":", status);
  out_json_string(&o, msg, strlen(msg));
  out_write(&o, "}}\n", 3);
  if (o.error) {
    out_free(&o);
    return MHD_NO;
  }
  return send_owned(mc, c, status, "application/json", o.buf, o.len);
}

static enum MHD_Result send_static(struct MHD_Connection *mc, conn *c, const char *type,
                                   const void *data, size_t len) {
  struct MHD_Response *r =
      MHD_create_response_from_buffer(len, (void *)data, MHD_RESPMEM_PERSISTENT);
  if (r == NULL)
    return MHD_NO;
  MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
  security_headers(r);
  return deliver(mc, c, MHD_HTTP_OK, r);
}

/* ---------- requests ---------- */

static double elapsed(const conn *c) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - c->start.tv_sec) + (now.tv_nsec - c->start.tv_nsec) / 1e9;
}

static bool is_get(const char *method) {
  return strcmp(method, MHD_HTTP_METHOD_GET) == 0 || strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;
}

/* On loopback, the Host header must name the server itself: a page on
 * another site that re-points its own name at 127.0.0.1 (DNS rebinding)
 * then cannot use the API as if it were same-origin. Elsewhere any Host
 * goes: the operator chose to expose the server. */
static bool host_allowed(const char *host) {
  if (!cfg.loopback)
    return true;
  if (host == NULL)
    return false;
  static const char *const names[] = {"127.0.0.1", "localhost", "[::1]"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    size_t n = strlen(names[i]);
    if (strncasecmp(host, names[i], n) != 0)
      continue;
    if (host[n] == '\0')
      return cfg.port == 80;
    char *end;
    return host[n] == ':' && strtoul(host + n + 1, &end, 10) == cfg.port && *end == '\0' &&
           host[n + 1] >= '0' && host[n + 1] <= '9';
  }
  return false;
}

/* Everything decided from the request line and headers. Returns true when a
 * response was queued (or queuing failed: *ret says). */
static bool route(struct MHD_Connection *mc, conn *c, const char *url, const char *method,
                  enum MHD_Result *ret) {
  if (!host_allowed(MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Host"))) {
    *ret = send_error(mc, c, MHD_HTTP_BAD_REQUEST,
                      "header 'Host' must name this loopback server (127.0.0.1:%u, "
                      "localhost:%u or [::1]:%u)",
                      cfg.port, cfg.port, cfg.port);
    return true;
  }
  if (strncmp(url, API_PREFIX, sizeof API_PREFIX - 1) != 0) {
    for (size_t i = 0; i < serve_asset_count; i++) {
      if (strcmp(url, serve_assets[i].path) != 0)
        continue;
      *ret = is_get(method) ? send_static(mc, c, serve_assets[i].type, serve_assets[i].data,
                                          serve_assets[i].len)
                            : send_error(mc, c, MHD_HTTP_METHOD_NOT_ALLOWED,
                                         "%s %s: only GET and HEAD are allowed", method, url);
      return true;
    }
    *ret = send_error(mc, c, MHD_HTTP_NOT_FOUND, "no such page: %s", url);
    return true;
  }
  const char *path = url + sizeof API_PREFIX - 1;
  if (strcmp(path, "health") == 0) {
    if (!is_get(method)) {
      *ret = send_error(mc, c, MHD_HTTP_METHOD_NOT_ALLOWED,
                        "%s %s: only GET and HEAD are allowed", method, url);
      return true;
    }
    out_buf o;
    out_init_mem(&o);
    out_write(&o, "{\"status\":\"ok\",\"version\":", 25);
    out_json_string(&o, loc_version(), strlen(loc_version()));
    out_write(&o, "}\n", 2);
    *ret = o.error ? MHD_NO : send_owned(mc, c, MHD_HTTP_OK, "application/json", o.buf, o.len);
    return true;
  }
  if (strcmp(path, "config") == 0) {
    if (!is_get(method)) {
      *ret = send_error(mc, c, MHD_HTTP_METHOD_NOT_ALLOWED,
                        "%s %s: only GET and HEAD are allowed", method, url);
      return true;
    }
    /* what the page offers: the fonts and LGRs loaded at start */
    out_buf o;
    out_init_mem(&o);
    out_write(&o, "{\"fonts\":", 9);
    serve_list_fonts(&o);
    out_write(&o, ",\"lgrs\":", 8);
    serve_list_lgrs(&o);
    out_printf(&o, ",\"zone\":%s}\n", serve_has_zone() ? "true" : "false");
    *ret = o.error ? MHD_NO : send_owned(mc, c, MHD_HTTP_OK, "application/json", o.buf, o.len);
    return true;
  }
  c->ep = serve_endpoint_find(path);
  if (c->ep == NULL) {
    *ret = send_error(mc, c, MHD_HTTP_NOT_FOUND,
                      "no endpoint '%s' (GET /api/v1/health, POST /api/v1/COMMAND with a "
                      "loc command path such as 'script' or 'idn/check')",
                      path);
    return true;
  }
  if (strcmp(method, MHD_HTTP_METHOD_POST) != 0) {
    *ret = send_error(mc, c, MHD_HTTP_METHOD_NOT_ALLOWED, "%s %s: only POST is allowed",
                      method, url);
    return true;
  }
  const char *type = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Content-Type");
  if (type == NULL || strncasecmp(type, "application/json", 16) != 0 ||
      (type[16] != '\0' && type[16] != ';' && type[16] != ' ')) {
    *ret = send_error(mc, c, MHD_HTTP_BAD_REQUEST,
                      "header 'Content-Type' must be application/json (got '%s')",
                      type ? type : "none");
    return true;
  }
  const char *cl = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Content-Length");
  if (cl != NULL) {
    char *end;
    errno = 0;
    unsigned long long n = strtoull(cl, &end, 10);
    if (errno == 0 && *end == '\0' && n > cfg.max_body) {
      c->now = true; /* before the body: answered at once, then closed */
      *ret = send_error(mc, c, MHD_HTTP_CONTENT_TOO_LARGE,
                        "request body of %llu bytes is over the limit of %zu bytes "
                        "(--max-body)",
                        n, cfg.max_body);
      return true;
    }
  }
  return false;
}

/* Does the client ask for NDJSON (Accept: application/x-ndjson)? */
static bool wants_ndjson(struct MHD_Connection *mc) {
  const char *accept = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Accept");
  return accept != NULL && strstr(accept, "application/x-ndjson") != NULL;
}

/* The body for @a: {"results":[...]} (with "text" where the command
 * rewrites text), or with @ndjson the lines themselves, then {"text":...}
 * as a last line. */
static void assemble(serve_answer *a, bool ndjson, out_buf *o) {
  out_buf *lines = &a->lines.out;
  if (ndjson) {
    out_write(o, lines->buf, lines->len);
    if (a->has_text) {
      out_write(o, "{\"text\":", 8);
      out_json_string(o, a->text.buf, a->text.len);
      out_write(o, "}\n", 2);
    }
    return;
  }
  out_write(o, "{\"results\":[", 12);
  /* each line ends in '\n', which JSON strings never hold raw: the line
   * ends are the separators */
  for (size_t i = 0; i < lines->len; i++)
    if (lines->buf[i] == '\n')
      lines->buf[i] = i + 1 < lines->len ? ',' : ']';
  if (lines->len)
    out_write(o, lines->buf, lines->len);
  else
    out_putc(o, ']');
  if (a->has_text) {
    out_write(o, ",\"text\":", 8);
    out_json_string(o, a->text.buf, a->text.len);
  }
  out_write(o, "}\n", 2);
}

static enum MHD_Result answer(struct MHD_Connection *mc, conn *c) {
  serve_request req;
  serve_error err;
  if (!serve_request_decode(c->body, c->len, &c->ep->contract, &req, &err))
    return send_error(mc, c, (unsigned)err.status, "%s", err.message);
  serve_answer a;
  serve_answer_init(&a, c->ep->path);
  clock_gettime(CLOCK_MONOTONIC, &a.deadline);
  a.deadline.tv_sec += cfg.max_time;
  diag_capture(&a.diags);
  int status = c->ep->handler(&req, &a, &err);
  diag_capture(NULL);
  serve_request_free(&req);
  if (a.timed_out)
    status = serve_fail(&err, MHD_HTTP_SERVICE_UNAVAILABLE,
                        "the request took longer than %u s to answer (--max-time); send less "
                        "per request", cfg.max_time);
  if (status == 200 && a.run.failed) {
    /* the shared code reported a failure ("loc: request:LINE: ...") */
    size_t n = a.diags.len;
    while (n > 0 && a.diags.buf[n - 1] == '\n')
      n--;
    status = serve_fail(&err, 500, "%.*s", (int)(n < 300 ? n : 300),
                        n ? a.diags.buf : "the command failed");
  }
  if (status == 200 && (a.lines.out.error || a.text.error))
    status = serve_fail(&err, 500, "out of memory");
  if (status != 200) {
    serve_answer_free(&a);
    return send_error(mc, c, (unsigned)status, "%s", err.message);
  }
  if (a.media_type != NULL) {
    char *img = a.text.buf;
    size_t len = a.text.len;
    a.text.buf = NULL;
    serve_answer_free(&a);
    return send_owned(mc, c, MHD_HTTP_OK, a.media_type, img, len);
  }
  bool ndjson = wants_ndjson(mc);
  out_buf o;
  out_init_mem(&o);
  assemble(&a, ndjson, &o);
  serve_answer_free(&a);
  if (o.error) {
    out_free(&o);
    return send_error(mc, c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
  }
  return send_owned(mc, c, MHD_HTTP_OK, ndjson ? "application/x-ndjson" : "application/json",
                    o.buf, o.len);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
  conn *c = *con_cls;
  if (c == NULL) { /* the headers are in */
    c = calloc(1, sizeof *c);
    if (c == NULL)
      return MHD_NO;
    clock_gettime(CLOCK_MONOTONIC, &c->start);
    *con_cls = c;
    atomic_fetch_add(&in_flight, 1);
    enum MHD_Result ret = MHD_YES;
    if ((unsigned)atomic_load(&open_connections) > cfg.max_conn) {
      c->now = true; /* answered before any body, then closed */
      return send_error(mc, c, MHD_HTTP_SERVICE_UNAVAILABLE,
                        "too many connections: this server takes %u at once "
                        "(--max-connections); try again", cfg.max_conn);
    }
    if (route(mc, c, url, method, &ret))
      return ret;
    return MHD_YES;
  }
  if (*upload_data_size) {
    size_t n = *upload_data_size;
    *upload_data_size = 0;
    if (c->replied) /* the answer is decided; the rest is dropped, but a */
      return elapsed(c) > 2.0 * cfg.timeout ? MHD_NO : MHD_YES; /* trickle is cut */
    if (elapsed(c) > cfg.timeout)
      return send_error(mc, c, MHD_HTTP_REQUEST_TIMEOUT,
                        "the request body took longer than %u s to arrive (--timeout)",
                        cfg.timeout);
    if (n > cfg.max_body - c->len)
      return send_error(mc, c, MHD_HTTP_CONTENT_TOO_LARGE,
                        "request body is over the limit of %zu bytes (--max-body)",
                        cfg.max_body);
    if (c->len + n > c->cap) {
      size_t cap = c->cap ? c->cap : 4096;
      while (cap < c->len + n)
        cap *= 2;
      if (cap > cfg.max_body)
        cap = cfg.max_body;
      char *g = realloc(c->body, cap);
      if (g == NULL)
        return send_error(mc, c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
      c->body = g;
      c->cap = cap;
    }
    memcpy(c->body + c->len, upload_data, n);
    c->len += n;
    return MHD_YES;
  }
  c->now = true;
  if (c->pending) {
    enum MHD_Result ret = MHD_queue_response(mc, c->pending_status, c->pending);
    MHD_destroy_response(c->pending);
    c->pending = NULL;
    return ret;
  }
  if (c->replied)
    return MHD_YES;
  if (elapsed(c) > cfg.timeout)
    return send_error(mc, c, MHD_HTTP_REQUEST_TIMEOUT,
                      "the request took longer than %u s to arrive (--timeout)", cfg.timeout);
  return answer(mc, c);
}

static void on_completed(void *cls, struct MHD_Connection *mc, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
  conn *c = *con_cls;
  if (c == NULL)
    return;
  if (c->pending)
    MHD_destroy_response(c->pending);
  free(c->body);
  free(c);
  *con_cls = NULL;
  atomic_fetch_sub(&in_flight, 1);
}

static void log_mhd(void *cls, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
static void log_mhd(void *cls, const char *fmt, va_list ap) {
  fputs("loc: serve: ", stderr);
  vfprintf(stderr, fmt, ap);
}

/* ---------- options ---------- */

static bool parse_count(const char *arg, unsigned long long max, unsigned long long *v) {
  char *end;
  errno = 0;
  if (arg[0] < '0' || arg[0] > '9')
    return false;
  *v = strtoull(arg, &end, 10);
  return errno == 0 && *end == '\0' && *v <= max;
}

/* ADDR:PORT with a numeric IPv4 address, or [IPv6]:PORT. */
static bool parse_listen(const char *arg, struct sockaddr_storage *ss) {
  char host[64];
  const char *colon;
  memset(ss, 0, sizeof *ss);
  bool v6 = arg[0] == '[';
  if (v6) {
    const char *close = strchr(arg, ']');
    if (close == NULL || close[1] != ':' || (size_t)(close - arg - 1) >= sizeof host)
      return false;
    memcpy(host, arg + 1, (size_t)(close - arg - 1));
    host[close - arg - 1] = '\0';
    colon = close + 1;
  } else {
    colon = strrchr(arg, ':');
    if (colon == NULL || (size_t)(colon - arg) >= sizeof host)
      return false;
    memcpy(host, arg, (size_t)(colon - arg));
    host[colon - arg] = '\0';
  }
  unsigned long long port;
  if (!parse_count(colon + 1, 65535, &port))
    return false;
  if (v6) {
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
    a->sin6_family = AF_INET6;
    a->sin6_port = htons((uint16_t)port);
    return inet_pton(AF_INET6, host, &a->sin6_addr) == 1;
  }
  struct sockaddr_in *a = (struct sockaddr_in *)ss;
  a->sin_family = AF_INET;
  a->sin_port = htons((uint16_t)port);
  return inet_pton(AF_INET, host, &a->sin_addr) == 1;
}

/* ---------- the command ---------- */

static int serve_run(const char *listen, unsigned threads, unsigned max_conn, int argc,
                     char **argv);

/* Frees what the options loaded; returns @status. */
static int unload(char **zones, int status) {
  serve_unload();
  serve_unload_names();
  free(zones);
  return status;
}

int cmd_serve(int argc, char **argv) {
  static const struct option longopts[] = {
      {"listen", required_argument, NULL, OPT_LISTEN},
      {"threads", required_argument, NULL, OPT_THREADS},
      {"max-body", required_argument, NULL, OPT_MAX_BODY},
      {"timeout", required_argument, NULL, OPT_TIMEOUT},
      {"max-connections", required_argument, NULL, OPT_MAX_CONNECTIONS},
      {"max-time", required_argument, NULL, OPT_MAX_TIME},
      {"font", required_argument, NULL, OPT_FONT},
      {"zone", required_argument, NULL, OPT_ZONE},
      {"lgr", required_argument, NULL, OPT_LGR},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0},
  };
  const char *listen = "127.0.0.1:8080";
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  unsigned long long threads = cpus > 0 ? (unsigned long long)cpus : 1, max_conn = 256, v;
  cfg.max_body = 16u << 20;
  cfg.timeout = 30;
  cfg.max_time = 30;
  cli_run run = {.command = "serve", .jobs = 1};
  char **zones = calloc((size_t)argc + 1, sizeof *zones);
  int n_zones = 0;
  if (zones == NULL)
    return EXIT_USAGE;
  int opt;
  optind = 1;
  opterr = 0;
  while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
    switch (opt) {
    case OPT_LISTEN:
      listen = optarg;
      break;
    case OPT_THREADS:
      if (!parse_count(optarg, 1024, &threads) || threads == 0)
        return unload(zones,
                      diag_usage("serve", "--threads '%s': not a number from 1 to 1024", optarg));
      break;
    case OPT_MAX_BODY:
      if (!parse_count(optarg, (unsigned long long)1 << 31, &v) || v == 0)
        return unload(zones, diag_usage("serve", "--max-body '%s': not a byte count from 1 "
                                                 "to 2147483648", optarg));
      cfg.max_body = (size_t)v;
      break;
    case OPT_TIMEOUT:
      if (!parse_count(optarg, 86400, &v) || v == 0)
        return unload(zones, diag_usage("serve", "--timeout '%s': not a number of seconds "
                                                 "from 1 to 86400", optarg));
      cfg.timeout = (unsigned)v;
      break;
    case OPT_MAX_TIME:
      if (!parse_count(optarg, 86400, &v) || v == 0)
        return unload(zones, diag_usage("serve", "--max-time '%s': not a number of seconds "
                                                 "from 1 to 86400", optarg));
      cfg.max_time = (unsigned)v;
      break;
    case OPT_MAX_CONNECTIONS:
      if (!parse_count(optarg, 65536, &max_conn) || max_conn == 0)
        return unload(zones, diag_usage("serve", "--max-connections '%s': not a number "
                                                 "from 1 to 65536", optarg));
      break;
    case OPT_FONT:
      if (!serve_load_font(optarg))
        return unload(zones, EXIT_USAGE);
      break;
    case OPT_LGR:
      if (!serve_load_lgr(optarg))
        return unload(zones, EXIT_USAGE);
      break;
    case OPT_ZONE:
      zones[n_zones++] = optarg;
      break;
    default:
      if ((opt = cli_option(&run, opt, optarg, help_text, argv)) != CLI_NEXT_OPTION)
        return unload(zones, opt);
    }
  }
  if (n_zones && !serve_load_zone(n_zones, zones))
    return unload(zones, EXIT_USAGE);
  serve_fonts_init();
  int status = serve_run(listen, (unsigned)threads, (unsigned)max_conn, argc, argv);
  return unload(zones, status);
}

/* Listens, answers until SIGTERM or SIGINT, drains. */
static int serve_run(const char *listen_arg, unsigned threads, unsigned max_conn, int argc,
                     char **argv) {
  if (optind < argc)
    return diag_usage("serve", "unexpected operand '%s'", argv[optind]);
  struct sockaddr_storage addr;
  if (!parse_listen(listen_arg, &addr))
    return diag_usage("serve", "--listen '%s': not ADDR:PORT (127.0.0.1:8080, [::1]:8080)",
                      listen_arg);

  /* Signals are taken by sigwait() below: block them before any thread
   * starts, so that every thread inherits the mask. */
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGTERM);
  sigaddset(&sigs, SIGINT);
  pthread_sigmask(SIG_BLOCK, &sigs, NULL);
  signal(SIGPIPE, SIG_IGN);

  /* The socket is bound here, before any thread starts, so that the port
   * (port 0 picks one) and whether it is loopback are known to every
   * request: requests read cfg, which no one writes once they can come. */
  bool v6 = addr.ss_family == AF_INET6;
  int ls = socket(addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  socklen_t alen = v6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
  if (ls < 0 || setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
      (v6 && setsockopt(ls, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one) != 0) ||
      bind(ls, (struct sockaddr *)&addr, alen) != 0 || listen(ls, SOMAXCONN) != 0 ||
      getsockname(ls, (struct sockaddr *)&addr, &alen) != 0) {
    fprintf(stderr, "loc: serve: cannot listen on %s: %s\n", listen_arg, strerror(errno));
    if (ls >= 0)
      close(ls);
    return EXIT_USAGE;
  }
  unsigned port = ntohs(v6 ? ((struct sockaddr_in6 *)&addr)->sin6_port
                           : ((struct sockaddr_in *)&addr)->sin_port);
  cfg.port = port;
  if (v6)
    cfg.loopback = IN6_IS_ADDR_LOOPBACK(&((struct sockaddr_in6 *)&addr)->sin6_addr);
  else
    cfg.loopback = (ntohl(((struct sockaddr_in *)&addr)->sin_addr.s_addr) >> 24) == 127;
  cfg.max_conn = max_conn;
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
                   MHD_USE_ERROR_LOG;
  if (v6)
    flags |= MHD_USE_IPv6;
  struct MHD_Daemon *d = MHD_start_daemon(
      flags, 0, NULL, NULL, on_request, NULL, MHD_OPTION_EXTERNAL_LOGGER, log_mhd, NULL,
      MHD_OPTION_LISTEN_SOCKET, (MHD_socket)ls,
      MHD_OPTION_THREAD_POOL_SIZE, threads,
      /* past max_conn a request is answered 503; beyond this, unaccepted */
      MHD_OPTION_CONNECTION_LIMIT, max_conn + 64, MHD_OPTION_NOTIFY_CONNECTION, on_connection,
      NULL, MHD_OPTION_CONNECTION_TIMEOUT, cfg.timeout,
      MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
  if (d == NULL) {
    fprintf(stderr, "loc: serve: cannot listen on %s: %s\n", listen_arg,
            errno ? strerror(errno) : "the server did not start");
    close(ls);
    return EXIT_USAGE;
  }
  char shown[INET6_ADDRSTRLEN];
  if (addr.ss_family == AF_INET6)
    inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&addr)->sin6_addr, shown, sizeof shown);
  else
    inet_ntop(AF_INET, &((struct sockaddr_in *)&addr)->sin_addr, shown, sizeof shown);
  fprintf(stderr, addr.ss_family == AF_INET6 ? "loc: serve: listening on http://[%s]:%u/\n"
                                             : "loc: serve: listening on http://%s:%u/\n",
          shown, port);
  fflush(stderr);

  int sig = 0;
  while (sigwait(&sigs, &sig) != 0)
    ;
  /* Drain: stop accepting, let requests in flight finish (they cannot take
   * much longer than the receive limit plus their work), then stop. */
  MHD_socket qs = MHD_quiesce_daemon(d);
  if (qs != MHD_INVALID_SOCKET)
    close(qs);
  struct timespec nap = {0, 10 * 1000 * 1000};
  for (unsigned waited = 0; atomic_load(&in_flight) > 0 && waited < 100u * (cfg.timeout + 30);
       waited++)
    nanosleep(&nap, NULL);
  MHD_stop_daemon(d);
  fprintf(stderr, "loc: serve: stopped (%s)\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
  return EXIT_DONE;
}
