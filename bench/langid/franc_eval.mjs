// bench/langid: franc-all over the same held-out text as detect_eval, same
// output (truth, script, guess, 1, guess). Candidates are restricted to the
// ISO 639-3 codes of libloc's model (the `only` option), so both choose
// among the same languages.
//   node franc_eval.mjs NODE_DIR FILE.tsv LANGUAGES.tsv [REPEAT]
// NODE_DIR holds node_modules/franc-all (npm install franc-all@7.2.0).
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

const [nodeDir, file, langFile, rep] = process.argv.slice(2)
const {franc} = await import(pathToFileURL(join(nodeDir, 'node_modules/franc-all/index.js')).href)
const only = [...new Set(readFileSync(langFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t')[0]))]
const rows = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t'))
const repeat = Number(rep || 3)
const times = []
let out = []
let bytes = 0
for (const r of rows) bytes += Buffer.byteLength(r[3])
for (let k = 0; k < repeat; k++) {
  const t0 = process.cpuUsage()
  const res = rows.map((r) => franc(r[3], {only, minLength: 1}))
  const u = process.cpuUsage(t0) // CPU time: steadier than wall time under load
  const t = (u.user + u.system) / 1e6
  times.push(t)
  out = res
}
let text = ''
times.sort((a, b) => a - b)
const best = times[Math.floor(times.length / 2)] // the median pass
rows.forEach((r, i) => { text += `${r[0]}\t${r[2]}\t${out[i]}\t1\t${out[i]}\n` })
process.stdout.write(text)
process.stderr.write(`franc-all\t${rows.length} texts\t${bytes} bytes\t${best.toFixed(6)} s\n`)
