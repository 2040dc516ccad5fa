// myanmar-tools' ZawgyiDetector on every line of FILE, as bench/lib_zawgyi
// scores them. Usage: node zawgyi_node.js DETECTOR.js FILE REPS
// Prints the lines, how many are called Zawgyi (P > 0.95) and the time of
// the pass over the lines only (best of REPS), in the same format.
"use strict";
const fs = require("fs");
const [detectorPath, file, repsArg] = process.argv.slice(2);
const { ZawgyiDetector } = require(detectorPath);
const detector = new ZawgyiDetector();
const buf = fs.readFileSync(file);
const lines = buf.toString("utf8").split("\n");
if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
let best = Infinity, bestCpu = Infinity, zawgyi = 0;
for (let r = 0; r < Number(repsArg || 1); r++) {
  zawgyi = 0;
  const t0 = process.hrtime.bigint(), c0 = process.cpuUsage();
  for (const line of lines)
    if (detector.getZawgyiProbability(line) > 0.95) zawgyi++;
  const t = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  best = Math.min(best, t);
  bestCpu = Math.min(bestCpu, (c.user + c.system) / 1e6);
}
console.log(`lines=${lines.length} zawgyi=${zawgyi} bytes=${buf.length} ` +
            `seconds=${best.toFixed(4)} cpu=${bestCpu.toFixed(4)}`);
