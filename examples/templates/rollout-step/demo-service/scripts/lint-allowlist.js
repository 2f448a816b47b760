// Fails unless the allowlist is sorted, without duplicates or blank lines.
const fs = require('fs');

const file = process.argv[2];
const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
const problems = [];
lines.forEach((line, i) => {
  if (line !== line.trim()) problems.push(`${file}:${i + 1}: stray whitespace`);
  if (i > 0 && lines[i - 1] >= line) {
    problems.push(`${file}:${i + 1}: "${line}" is out of order or repeated`);
  }
});
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`${file}: ${lines.length} entries, sorted and unique`);
