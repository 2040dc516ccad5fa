// Peer for bench/translit.sh: any-ascii (npm) over a file, line-preserving.
// Usage: node any-ascii.mjs PACKAGE_DIR < in > out
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const anyAscii = (await import(pathToFileURL(path.join(process.argv[2], 'any-ascii.js')))).default;
let rest = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) {
  const text = rest + chunk;
  const cut = text.lastIndexOf('\n') + 1;
  rest = text.slice(cut);
  if (cut > 0 && !process.stdout.write(anyAscii(text.slice(0, cut))))
    await new Promise((r) => process.stdout.once('drain', r));
}
process.stdout.write(anyAscii(rest));
