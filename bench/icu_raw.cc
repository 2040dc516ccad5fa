// Baseline for the library: ICU's own UTF-8 normalizer called directly, the
// fastest a caller of ICU can get. Only the normalization calls are timed.
#include "blocks.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>
#include <vector>

static const icu::Normalizer2 *instance(const char *form, UErrorCode &ec) {
  if (strcmp(form, "nfc") == 0)
    return icu::Normalizer2::getNFCInstance(ec);
  if (strcmp(form, "nfd") == 0)
    return icu::Normalizer2::getNFDInstance(ec);
  if (strcmp(form, "nfkc") == 0)
    return icu::Normalizer2::getNFKCInstance(ec);
  if (strcmp(form, "nfkd") == 0)
    return icu::Normalizer2::getNFKDInstance(ec);
  if (strcmp(form, "nfkc_cf") == 0)
    return icu::Normalizer2::getNFKCCasefoldInstance(ec);
  return nullptr;
}

static void usage(void) {
  fprintf(stderr, "usage: icu_raw [-f nfc|nfd|nfkc|nfkd|nfkc_cf] [-r REPS] "
                  "[-o OUT] FILE\n");
  exit(2);
}

int main(int argc, char **argv) {
  const char *form = "nfc", *out_path = nullptr;
  int reps = 5, opt;
  while ((opt = getopt(argc, argv, "f:r:o:")) != -1) {
    switch (opt) {
    case 'f': form = optarg; break;
    case 'r': reps = bench_parse_reps("icu_raw", optarg); break;
    case 'o': out_path = optarg; break;
    default: usage();
    }
  }
  if (optind != argc - 1)
    usage();

  UErrorCode ec = U_ZERO_ERROR;
  const icu::Normalizer2 *norm = instance(form, ec);
  if (norm == nullptr || U_FAILURE(ec)) {
    fprintf(stderr, "icu_raw: no normalizer for '%s' (%s)\n", form,
            u_errorName(ec));
    return 2;
  }
  bench_file f;
  bench_load(argv[optind], &f);
  FILE *out = nullptr;
  if (out_path != nullptr && (out = fopen(out_path, "wb")) == nullptr) {
    perror(out_path);
    return 2;
  }

  // One reused output buffer, grown on overflow: what a careful caller does.
  std::vector<char> buf(3 * BENCH_BLOCK + 64);
  std::vector<double> times((size_t)reps), cpus((size_t)reps);
  size_t out_total = 0;
  for (int r = 0; r < reps; r++) {
    double spent = 0, spent_cpu = 0;
    out_total = 0;
    for (size_t pos = 0; pos < f.len;) {
      size_t n = bench_block_len(f.data, f.len, pos);
      for (;;) {
        icu::CheckedArrayByteSink sink(buf.data(), (int32_t)buf.size());
        ec = U_ZERO_ERROR;
        double t0 = bench_now(), c0 = bench_cpu_now();
        norm->normalizeUTF8(0, icu::StringPiece(f.data + pos, (int32_t)n),
                            sink, nullptr, ec);
        spent_cpu += bench_cpu_now() - c0;
        spent += bench_now() - t0;
        if (U_FAILURE(ec)) {
          fprintf(stderr, "icu_raw: %s\n", u_errorName(ec));
          return 1;
        }
        if (sink.Overflowed()) {
          buf.resize((size_t)sink.NumberOfBytesAppended() + 64);
          continue;
        }
        size_t got = (size_t)sink.NumberOfBytesWritten();
        if (out != nullptr && r == 0 && fwrite(buf.data(), 1, got, out) != got) {
          perror(out_path);
          return 2;
        }
        out_total += got;
        break;
      }
      pos += n;
    }
    times[(size_t)r] = spent;
    cpus[(size_t)r] = spent_cpu;
  }
  if (out != nullptr && fclose(out) != 0) {
    perror(out_path);
    return 2;
  }
  char what[32];
  snprintf(what, sizeof what, "form=%s", form);
  bench_report("icu_raw", what, f.len, out_total, reps,
               bench_median(times.data(), reps),
               bench_median(cpus.data(), reps));
  bench_unload(&f);
  return 0;
}
