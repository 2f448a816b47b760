// The weight of the rollout plugin's lazily loaded code in the app's
// production build: the chunks a browser fetches when it opens the Rollout
// tab, the Rollouts board and the sign-off card, each gzipped, and within
// them what the plugin's own code weighs apart from the chart library and
// the other packages from node_modules.
//
//   node scripts/bench/frontendWeight.mjs [--no-build]
//
// It builds packages/app for production with bundle stats (about a minute
// and a half on two cores), then moves the build to
// bench-results/frontend-build: the backend's app plugin serves
// packages/app/dist when it finds one, and a backend started meanwhile (the
// benchmark's own, an end-to-end test's) should not. --no-build analyses the
// build the last run left there.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';

const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const appDir = path.join(root, 'packages', 'app');
const buildDir = path.join(root, 'bench-results', 'frontend-build');

/** The goal of issue 16: the plugin's own code of a lazily loaded view. */
const OWN_CODE_GOAL_KB = 60;

/**
 * The views measured: each is the chunk group of one `import()` in the
 * plugin's alpha.ts, the entry point of the app's new frontend system.
 */
const views = [
  {
    name: 'Rollout tab',
    request: './components/EntityRolloutContent/EntityRolloutContent',
    goal: true,
  },
  { name: 'Rollouts board', request: './components/RolloutsPage', goal: true },
  {
    name: 'Sign-off card',
    request: './components/EntityRolloutSignOffCard/EntityRolloutSignOffCard',
    goal: false,
  },
];
const viewOrigin = /plugins\/rollout\/src\/alpha\.ts/;

/** The kinds of code a chunk's bytes are counted under, in table order. */
const kinds = ['own', 'chart', 'modules', 'runtime'];

function run(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', data => {
      output += data;
    });
    child.stderr.on('data', data => {
      output += data;
    });
    child.on('error', reject);
    child.on('exit', code =>
      code === 0
        ? resolve(output)
        : reject(
            new Error(
              `${command} ${args.join(' ')} exited with ${code}:\n${output
                .split('\n')
                .slice(-30)
                .join('\n')}`,
            ),
          ),
    );
  });
}

/** Builds the app with bundle stats into {@link buildDir}; returns seconds. */
export async function buildApp() {
  const started = Date.now();
  await run('npx', ['backstage-cli', 'package', 'build', '--stats'], appDir);
  fs.rmSync(buildDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(buildDir), { recursive: true });
  fs.renameSync(path.join(appDir, 'dist'), buildDir);
  return (Date.now() - started) / 1000;
}

/** Every package.json under a node_modules directory of the repository. */
function installedPackages() {
  const found = [];
  const scan = (dir, depth) => {
    const modules = path.join(dir, 'node_modules');
    if (depth > 4 || !fs.existsSync(modules)) return;
    for (const entry of fs.readdirSync(modules)) {
      const names = entry.startsWith('@')
        ? fs
            .readdirSync(path.join(modules, entry))
            .map(name => `${entry}/${name}`)
        : [entry];
      for (const name of names) {
        const file = path.join(modules, name, 'package.json');
        if (fs.existsSync(file)) {
          found.push(file);
          scan(path.dirname(file), depth + 1);
        }
      }
    }
  };
  for (const dir of [root, ...['packages', 'plugins'].flatMap(workspaces)]) {
    scan(dir, 0);
  }
  return found;
}

function workspaces(folder) {
  return fs
    .readdirSync(path.join(root, folder))
    .map(name => path.join(root, folder, name));
}

const dependenciesOf = file =>
  Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')).dependencies ?? {});

/**
 * The packages of the chart library: recharts and what it depends on,
 * transitively, less the packages that something else installed depends on
 * as well (lodash, clsx, react-is...): those are not the chart's own weight.
 * Recharts itself stays whoever depends on it (the plugin does).
 */
function chartPackages() {
  const packages = installedPackages().map(file => ({
    name: path.relative(
      path.join(
        file.slice(0, file.lastIndexOf('node_modules')),
        'node_modules',
      ),
      path.dirname(file),
    ),
    dependencies: dependenciesOf(file),
  }));
  const closure = new Set(['recharts']);
  let grew = true;
  while (grew) {
    grew = false;
    for (const pkg of packages) {
      if (!closure.has(pkg.name)) continue;
      for (const dependency of pkg.dependencies) {
        if (!closure.has(dependency)) {
          closure.add(dependency);
          grew = true;
        }
      }
    }
  }
  const shared = new Set(
    packages
      .filter(pkg => !closure.has(pkg.name))
      .flatMap(pkg => pkg.dependencies),
  );
  return new Set(
    [...closure].filter(name => name === 'recharts' || !shared.has(name)),
  );
}

/** Which kind of code a source map's source is. */
function kindOf(source, chart) {
  // Before the plugin's folders: rollout-common has node_modules of its own.
  const match = source.match(/.*node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (match) return chart.has(match[1]) ? 'chart' : 'modules';
  if (/\/plugins\/rollout(-common)?\//.test(source)) return 'own';
  return 'runtime';
}

const base64 = Object.fromEntries(
  [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map(
    (char, index) => [char, index],
  ),
);

/** The numbers of one segment of a source map's `mappings`. */
function decodeSegment(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = base64[char];
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/**
 * The text of a built file split by kind of code: every generated column
 * range goes to the kind of the source its mapping names; text without a
 * mapping (the bundler's module wrappers and runtime, line ends) is
 * `runtime`.
 */
function splitByKind(code, map, chart) {
  const sourceKinds = map.sources.map(source => kindOf(source, chart));
  const parts = Object.fromEntries(kinds.map(kind => [kind, []]));
  const lines = code.split('\n');
  const mappingLines = map.mappings.split(';');
  let source = 0;
  lines.forEach((line, lineIndex) => {
    let column = 0;
    let start = 0;
    let kind = 'runtime';
    for (const segment of (mappingLines[lineIndex] ?? '').split(',')) {
      if (!segment) continue;
      // Only the first two fields matter here: the generated column and the
      // source; the source's line and column say where in it, not which.
      const [columnDelta, sourceDelta] = decodeSegment(segment);
      column += columnDelta;
      parts[kind].push(line.slice(start, column));
      start = column;
      if (sourceDelta === undefined) {
        kind = 'runtime';
      } else {
        source += sourceDelta;
        kind = sourceKinds[source];
      }
    }
    parts[kind].push(line.slice(start));
    if (lineIndex < lines.length - 1) parts.runtime.push('\n');
  });
  return parts;
}

const gzipSize = text => zlib.gzipSync(Buffer.from(text)).length;

/** One built file: its size, gzipped size and each kind's share of both. */
function measureFile(file, chart) {
  const code = fs.readFileSync(path.join(buildDir, file), 'utf8');
  const result = {
    file,
    bytes: Buffer.byteLength(code),
    gzip: gzipSize(code),
    kinds: {},
  };
  const mapFile = path.join(buildDir, `${file}.map`);
  if (!file.endsWith('.js') || !fs.existsSync(mapFile)) {
    result.kinds.runtime = { bytes: result.bytes, gzip: result.gzip };
    return result;
  }
  const parts = splitByKind(
    code,
    JSON.parse(fs.readFileSync(mapFile, 'utf8')),
    chart,
  );
  for (const kind of kinds) {
    const text = parts[kind].join('');
    // Each kind gzipped alone, as if it were a file of its own: it cannot
    // borrow repeated strings from the other kinds' code, so the kinds add
    // up to a little more than the file's own gzipped size.
    result.kinds[kind] = text.length
      ? { bytes: Buffer.byteLength(text), gzip: gzipSize(text) }
      : { bytes: 0, gzip: 0 };
  }
  return result;
}

/**
 * Measures the build in {@link buildDir}: for each view, the chunks its
 * `import()` loads, and the same for the entry point every page loads.
 */
export function measureBuild() {
  const stats = JSON.parse(
    fs.readFileSync(path.join(buildDir, 'bundle-stats.json'), 'utf8'),
  );
  const chart = chartPackages();
  const files = new Map();
  const fileOf = name => {
    if (!files.has(name)) files.set(name, measureFile(name, chart));
    return files.get(name);
  };
  const chunkFiles = chunks =>
    chunks.flatMap(chunk => chunk.files.filter(file => !file.endsWith('.map')));
  const summarize = (name, chunks, goal) => {
    const measured = chunkFiles(chunks).map(fileOf);
    const total = { bytes: 0, gzip: 0 };
    const byKind = Object.fromEntries(
      kinds.map(kind => [kind, { bytes: 0, gzip: 0 }]),
    );
    for (const file of measured) {
      total.bytes += file.bytes;
      total.gzip += file.gzip;
      for (const kind of kinds) {
        byKind[kind].bytes += file.kinds[kind]?.bytes ?? 0;
        byKind[kind].gzip += file.kinds[kind]?.gzip ?? 0;
      }
    }
    return {
      name,
      chunks: measured.map(({ file, gzip, kinds: k }) => ({
        file,
        gzip,
        own: k.own?.gzip ?? 0,
      })),
      total,
      kinds: byKind,
      goal: goal
        ? {
            text: `own ≤ ${OWN_CODE_GOAL_KB} KB gzip`,
            met: byKind.own.gzip <= OWN_CODE_GOAL_KB * 1024,
          }
        : undefined,
    };
  };
  const results = views.map(({ name, request, goal }) => {
    // A chunk belongs to an import()'s chunk group when the import is among
    // its origins; the browser fetches the group's chunks it does not have.
    const chunks = stats.chunks.filter(chunk =>
      (chunk.origins ?? []).some(
        origin =>
          origin.request === request && viewOrigin.test(origin.moduleName),
      ),
    );
    if (!chunks.length) {
      throw new Error(`no chunk of the build loads ${request} from alpha.ts`);
    }
    return summarize(name, chunks, goal);
  });
  const entryIds = new Set(stats.entrypoints.main.chunks.map(String));
  results.push(
    summarize(
      'Every page (entry chunks)',
      stats.chunks.filter(chunk => entryIds.has(String(chunk.id))),
      false,
    ),
  );
  return results;
}

const kb = bytes => (bytes / 1024).toFixed(1);

/** The views as a markdown table, sizes in KB gzipped. */
export function frontendTable(results) {
  return [
    '| frontend (gzip KB) | chunks | total | plugin own code | chart library | other node_modules | bundler runtime | goal |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(
      r =>
        `| ${r.name} | ${r.chunks.length} | ${kb(r.total.gzip)} | ${kb(
          r.kinds.own.gzip,
        )} | ${kb(r.kinds.chart.gzip)} | ${kb(r.kinds.modules.gzip)} | ${kb(
          r.kinds.runtime.gzip,
        )} | ${
          r.goal ? `${r.goal.met ? 'met' : 'NOT met'} (${r.goal.text})` : '—'
        } |`,
    ),
  ].join('\n');
}

/** Builds (unless `build` is false) and measures. */
export async function frontendWeight({ build = true, log = () => {} } = {}) {
  let buildSeconds;
  if (build) {
    log('building the app for production (npx backstage-cli package build)');
    buildSeconds = await buildApp();
    log(`built in ${buildSeconds.toFixed(0)} s`);
  }
  return { buildSeconds, views: measureBuild() };
}

async function main() {
  const { values } = parseArgs({
    options: { 'no-build': { type: 'boolean' } },
  });
  const result = await frontendWeight({
    build: !values['no-build'],
    log: message => process.stdout.write(`[frontend] ${message}\n`),
  });
  process.stdout.write(`\n${frontendTable(result.views)}\n\n`);
  for (const view of result.views.filter(v => v.goal)) {
    process.stdout.write(
      `${view.name}: ${view.chunks
        .map(c => `${c.file} ${kb(c.gzip)} KB (own ${kb(c.own)})`)
        .join(', ')}\n`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch(error => {
    process.stderr.write(`[frontend] failed: ${error.stack ?? error}\n`);
    process.exitCode = 1;
  });
}
