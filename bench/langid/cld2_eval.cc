// bench/langid: CLD2 (Debian libcld2-dev, the "full" tables) over the same
// held-out text as detect_eval, same output: truth, script, CLD2's language
// code (mapped to ISO 639-3 later by run.sh), 1, the code again.
#include <algorithm>
#include <ctime>
#include <cstdio>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <cld2/internal/lang_script.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

// CPU time of the process: steadier than wall time on a loaded machine.
static double cpu_seconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    std::fprintf(stderr, "Usage: cld2_eval FILE.tsv [REPEAT]\n");
    return 2;
  }
  int repeat = argc > 2 ? std::atoi(argv[2]) : 3;
  FILE *f = std::fopen(argv[1], "r");
  if (f == nullptr) {
    std::perror(argv[1]);
    return 2;
  }
  std::vector<std::string> truth, script, text;
  char *buf = nullptr;
  size_t cap = 0, bytes = 0;
  ssize_t got;
  while ((got = getline(&buf, &cap, f)) > 0) {
    if (buf[got - 1] == '\n')
      buf[got - 1] = 0;
    std::string l(buf);
    size_t a = l.find('\t'), b = l.find('\t', a + 1), c = l.find('\t', b + 1);
    truth.push_back(l.substr(0, a));
    script.push_back(l.substr(b + 1, c - b - 1));
    text.push_back(l.substr(c + 1));
    bytes += text.back().size();
  }
  std::fclose(f);
  std::vector<CLD2::Language> res(text.size());
  std::vector<double> times;
  for (int r = 0; r < (repeat < 1 ? 1 : repeat); r++) {
    double t0 = cpu_seconds();
    for (size_t i = 0; i < text.size(); i++) {
      bool reliable;
      res[i] = CLD2::DetectLanguage(text[i].data(), (int)text[i].size(), true, &reliable);
    }
    times.push_back(cpu_seconds() - t0);
  }
  std::sort(times.begin(), times.end());
  double best = times[times.size() / 2]; // the median pass
  for (size_t i = 0; i < text.size(); i++) {
    const char *code = CLD2::LanguageCode(res[i]);
    std::printf("%s\t%s\t%s\t1\t%s\n", truth[i].c_str(), script[i].c_str(), code, code);
  }
  std::fprintf(stderr, "cld2\t%zu texts\t%zu bytes\t%.6f s\n", text.size(), bytes, best);
  return 0;
}
