// The benchmark's results as markdown, and the files under bench-results/.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { frontendTable } from './frontendWeight.mjs';

const require = createRequire(import.meta.url);
// The repository's prettier aligns the tables' columns, for a terminal, and
// leaves `prettier --check .` nothing to say about bench-results/.
const prettier = require('prettier');

const rps = value => (value === undefined ? '—' : value.toFixed(0));
const ms = value => (value === undefined ? '—' : String(value));
const count = value => value.toLocaleString('en-US');

function header(results) {
  const { options, machine, prometheus } = results;
  return [
    `Database: ${options.database === 'pg' ? 'PostgreSQL' : 'SQLite'}`,
    `rollouts: ${count(options.rollouts)} seeded, and the measured one`,
    `catalog: ${count(options.entities)} generated entities${
      results.catalogEntities
        ? ` (${count(results.catalogEntities)} in all)`
        : ''
    }`,
    `${options.connections} connections, ${options.seconds} s a run, ${
      options.rounds
    } round${options.rounds === 1 ? '' : 's'} (medians)`,
    `machine: ${machine.cores} cores, Node ${machine.node}, ${machine.platform}`,
    `Prometheus: ${
      prometheus.real
        ? 'real (the example monitoring stack)'
        : `not real (${prometheus.reason}; the gates read metrics as unknown)`
    }`,
  ].join('; ');
}

function growthTable(growth) {
  return [
    '| rollouts seeded | rollout read req/s | p50 ms | p99 ms | board page req/s | p50 ms | p99 ms |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...growth.map(
      ({ rollouts, pair }) =>
        `| ${count(rollouts)} | ${rps(pair.a.median.rps)} | ${ms(
          pair.a.median.p50,
        )} | ${ms(pair.a.median.p99)} | ${rps(pair.b.median.rps)} | ${ms(
          pair.b.median.p50,
        )} | ${ms(pair.b.median.p99)} |`,
    ),
  ].join('\n');
}

function pairsTable(pairs) {
  return [
    '| A | req/s | p50 ms | p99 ms | B | req/s | p50 ms | p99 ms | A/B req/s | goal |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...pairs.map(
      p =>
        `| ${p.a.label} | ${rps(p.a.median.rps)} | ${ms(p.a.median.p50)} | ${ms(
          p.a.median.p99,
        )} | ${p.b?.label ?? '—'} | ${rps(p.b?.median.rps)} | ${ms(
          p.b?.median.p50,
        )} | ${ms(p.b?.median.p99)} | ${
          p.ratio === undefined ? '—' : `${p.ratio.toFixed(2)}×`
        } | ${
          p.goal ? `${p.goal.met ? 'met' : 'NOT met'} (${p.goal.text})` : '—'
        } |`,
    ),
  ].join('\n');
}

function phasesTable(phases) {
  return [
    '| phase | seconds | |',
    '| --- | --- | --- |',
    ...phases.map(
      p => `| ${p.name} | ${p.seconds.toFixed(1)} | ${p.note ?? ''} |`,
    ),
  ].join('\n');
}

/** The whole report as markdown. */
export function markdownReport(results) {
  const sections = [
    `# npm run bench, ${results.startedAt}`,
    '',
    header(results),
  ];
  if (results.growth.length) {
    sections.push(
      '',
      '## Cost that grows with data',
      '',
      growthTable(results.growth),
    );
  }
  if (results.pairs.length) {
    sections.push(
      '',
      `## At ${count(results.options.rollouts)} rollouts, A and B alternated`,
      '',
      pairsTable(results.pairs),
    );
  }
  if (results.frontend) {
    sections.push(
      '',
      '## Frontend weight (production build, lazily loaded chunks)',
      '',
      frontendTable(results.frontend.views),
      '',
      'Own code: plugins/rollout and plugins/rollout-common as emitted, attributed by source map and gzipped apart from the rest of each chunk. Chart library: recharts and the packages only it depends on. A view counts every chunk of its `import()`, also those another view may have loaded before.',
      '',
      ...results.frontend.views.map(
        v =>
          `- ${v.name}: ${v.chunks
            .map(
              c => `${path.basename(c.file)} ${(c.gzip / 1024).toFixed(1)} KB`,
            )
            .join(', ')}`,
      ),
    );
  }
  if (results.notes.length) {
    sections.push('', '## Notes', '', ...results.notes.map(n => `- ${n}`));
  }
  sections.push('', '## Phases', '', phasesTable(results.phases));
  return prettier.format(sections.join('\n'), { parser: 'markdown' });
}

/**
 * Writes bench-results/<timestamp>.json and .md and bench-results/latest.md;
 * resolves with the markdown file's path.
 */
export function writeResults(root, results, markdown) {
  const dir = path.join(root, 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  fs.writeFileSync(
    path.join(dir, `${stamp}.json`),
    prettier.format(JSON.stringify(results), { parser: 'json' }),
  );
  fs.writeFileSync(path.join(dir, `${stamp}.md`), markdown);
  fs.writeFileSync(path.join(dir, 'latest.md'), markdown);
  return path.join(dir, `${stamp}.md`);
}
