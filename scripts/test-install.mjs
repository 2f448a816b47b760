#!/usr/bin/env node
// Installs the plugins as a platform team would: packs each one, installs the
// tarballs into a clean-room backend outside the workspace (with the Backstage
// versions of our package-lock.json), starts it on SQLite with guest sign-in,
// imports the seed checklist, and type-checks an app's use of the packed
// frontend plugin. Fails on the first step that does not hold.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const here = path.join(root, 'scripts', 'install-test');
const keep = process.argv.includes('--keep');

// Built in this order: the others type-check against rollout-common's dist.
const plugins = [
  'rollout-common',
  'rollout-node',
  'rollout-backend',
  'scaffolder-backend-module-rollout',
  'rollout',
];
const backendPlugins = [
  '@backstage/backend-defaults',
  '@backstage/plugin-auth-backend',
  '@backstage/plugin-auth-backend-module-guest-provider',
  '@backstage/plugin-catalog-backend',
  '@backstage/plugin-scaffolder-backend',
  '@backstage/plugin-permission-backend',
  '@backstage/plugin-permission-backend-module-allow-all-policy',
  '@backstage/plugin-notifications-backend',
  '@backstage/plugin-signals-backend',
  '@backstage/plugin-events-backend',
];
const rolloutActions = [
  'rollout:checklist:create',
  'rollout:step:report',
  'rollout:gates:check',
  'rollout:command:run',
];
// What a tarball may hold; config.d.ts ships compiled, as config.schema.json.
const allowedInTarball =
  /^(dist\/.+|migrations\/[^/]+\.js|config\.schema\.json|README\.md|CHANGELOG\.md|package\.json)$/;
const seedPath = path.join(
  root,
  'examples',
  'rollouts',
  'stage-01_03-rollout-checklist.md',
);
const entityRef = 'component:default/multipass-reviewer';

let stepNumber = 0;
let backendProcess;
let cleanRoom;

let stepStarted = Date.now();

function step(title) {
  if (stepNumber) {
    console.log(`  (${Math.round((Date.now() - stepStarted) / 1000)} s)`);
  }
  stepNumber += 1;
  stepStarted = Date.now();
  console.log(`\n[test:install] ${stepNumber}. ${title}`);
}

function info(message) {
  console.log(`  ${message}`);
}

function fail(message) {
  throw new Error(message);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
    ...options,
  });
  if (result.status !== 0) {
    if (options.capture) {
      process.stdout.write(result.stdout ?? '');
      process.stderr.write(result.stderr ?? '');
    }
    fail(
      `${command} ${args.join(' ')} (in ${options.cwd ?? process.cwd()}) ` +
        `exited with ${result.status ?? result.signal}`,
    );
  }
  return result.stdout;
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function writeJson(file, value) {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** The version of each package the lockfile installs at the top level. */
function lockedVersions() {
  const lock = readJson(path.join(root, 'package-lock.json'));
  const versions = new Map();
  const seen = new Map();
  for (const [location, entry] of Object.entries(lock.packages)) {
    const match = location.match(/(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)$/);
    if (!match || entry.link || !entry.version) {
      continue;
    }
    const name = match[1];
    if (!seen.has(name)) {
      seen.set(name, new Set());
    }
    seen.get(name).add(entry.version);
    if (location === `node_modules/${name}`) {
      versions.set(name, entry.version);
    }
  }
  return { versions, seen };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

async function poll(what, timeoutMs, fn) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (backendProcess && backendProcess.exitCode !== null) {
      fail(`the backend exited with ${backendProcess.exitCode} ${what}`);
    }
    try {
      const value = await fn();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      last = error;
    }
    await sleep(500);
  }
  fail(`timed out ${what}${last ? `: ${last.message}` : ''}`);
}

/** npm pack leaves package.json rewritten when stopped between its scripts. */
function restorePackageJsons() {
  for (const plugin of plugins) {
    const dir = path.join(root, 'plugins', plugin);
    if (fs.existsSync(path.join(dir, 'package.json-prepack'))) {
      console.error(`[test:install] restoring ${plugin}/package.json`);
      spawnSync('npx', ['backstage-cli', 'package', 'postpack'], {
        cwd: dir,
        stdio: 'inherit',
      });
    }
  }
}

async function stopBackend() {
  if (!backendProcess || backendProcess.exitCode !== null) {
    return;
  }
  const exited = new Promise(resolve => backendProcess.once('exit', resolve));
  backendProcess.kill('SIGTERM');
  const timer = setTimeout(() => backendProcess.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function cleanUp() {
  await stopBackend();
  restorePackageJsons();
  if (cleanRoom && !keep) {
    fs.rmSync(cleanRoom, { recursive: true, force: true });
  } else if (cleanRoom) {
    console.log(`[test:install] kept ${cleanRoom}`);
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`[test:install] ${signal}: cleaning up`);
    cleanUp().finally(() => process.exit(1));
  });
}

async function main() {
  const started = Date.now();
  cleanRoom = fs.realpathSync(
    fs.mkdtempSync(path.join(os.tmpdir(), 'rollout-install-')),
  );
  if (!path.relative(root, cleanRoom).startsWith('..')) {
    fail(`the clean room ${cleanRoom} is inside the workspace`);
  }
  const tarballDir = path.join(cleanRoom, 'tarballs');
  const backendDir = path.join(cleanRoom, 'backend');
  const appDir = path.join(cleanRoom, 'app');
  for (const dir of [tarballDir, backendDir, appDir]) {
    fs.mkdirSync(dir);
  }
  info(`clean room: ${cleanRoom}`);

  step('Build the type declarations and every plugin');
  run('npx', ['tsc'], { cwd: root });
  for (const plugin of plugins) {
    info(`building plugins/${plugin}`);
    run('npx', ['backstage-cli', 'package', 'build'], {
      cwd: path.join(root, 'plugins', plugin),
    });
  }

  step('Pack every plugin with npm pack');
  const tarballs = new Map();
  for (const plugin of plugins) {
    const dir = path.join(root, 'plugins', plugin);
    const name = readJson(path.join(dir, 'package.json')).name;
    const before = new Set(fs.readdirSync(tarballDir));
    run('npm', ['pack', '--pack-destination', tarballDir], {
      cwd: dir,
      capture: true,
    });
    const [file] = fs.readdirSync(tarballDir).filter(f => !before.has(f));
    if (!file) {
      fail(`npm pack wrote no tarball for ${name}`);
    }
    const tarball = path.join(tarballDir, file);
    tarballs.set(name, tarball);

    const files = run('tar', ['-tzf', tarball], { capture: true })
      .split('\n')
      .filter(Boolean)
      .map(f => f.replace(/^package\//, ''))
      .sort();
    const pkg = JSON.parse(
      run('tar', ['-xzOf', tarball, 'package/package.json'], {
        capture: true,
      }),
    );
    console.log(`  ${file} (${files.length} files):`);
    for (const f of files) {
      console.log(`    ${f}`);
    }
    const unexpected = files.filter(f => !allowedInTarball.test(f));
    if (unexpected.length) {
      fail(`${file} holds files it should not: ${unexpected.join(', ')}`);
    }
    // Every entry point must name a file that ships.
    const entryFiles = [pkg.main, pkg.module, pkg.types];
    for (const target of Object.values(pkg.exports ?? {})) {
      entryFiles.push(
        ...(typeof target === 'string' ? [target] : Object.values(target)),
      );
    }
    for (const paths of Object.values(pkg.typesVersions?.['*'] ?? {})) {
      entryFiles.push(...paths);
    }
    if (pkg.configSchema) {
      entryFiles.push(pkg.configSchema);
    }
    for (const entry of entryFiles.filter(e => e && !e.includes('@'))) {
      const normalized = path.posix.normalize(entry);
      if (!files.includes(normalized)) {
        fail(`${name}'s package.json points at ${entry}, not in the tarball`);
      }
      if (/\.tsx?$/.test(normalized) && !normalized.endsWith('.d.ts')) {
        fail(`${name}'s package.json points at the source file ${entry}`);
      }
    }
    info(
      `entry points: main ${pkg.main}, types ${pkg.types}` +
        (pkg.exports ? `, exports ${Object.keys(pkg.exports).join(' ')}` : ''),
    );
  }

  step('Create the clean-room backend with the lockfile Backstage versions');
  const { versions, seen } = lockedVersions();
  const pinned = name => versions.get(name);
  // Transitive @backstage packages installed once in the workspace stay at
  // that version in the clean room too.
  const overrides = {};
  for (const [name, found] of seen) {
    if (name.startsWith('@backstage/') && found.size === 1) {
      overrides[name] = [...found][0];
    }
  }
  overrides['better-sqlite3'] = pinned('better-sqlite3');
  const fileSpec = name => `file:${tarballs.get(name)}`;
  const backendDeps = {};
  for (const name of backendPlugins) {
    // Not in the workspace's lockfile: the newest the registry serves,
    // which brings in the pinned versions above.
    backendDeps[name] = pinned(name) ?? 'latest';
  }
  backendDeps['better-sqlite3'] = pinned('better-sqlite3');
  for (const name of tarballs.keys()) {
    if (name !== '@rollout/backstage-plugin-rollout') {
      backendDeps[name] = fileSpec(name);
    }
  }
  for (const name of tarballs.keys()) {
    overrides[name] = fileSpec(name);
  }
  for (const name of Object.keys(backendDeps)) {
    if (overrides[name] && overrides[name] !== backendDeps[name]) {
      backendDeps[name] = overrides[name];
    }
  }
  writeJson(path.join(backendDir, 'package.json'), {
    name: 'clean-room-backend',
    version: '0.0.0',
    private: true,
    dependencies: backendDeps,
    overrides,
  });
  for (const [name, spec] of Object.entries(backendDeps)) {
    info(`${name}@${spec.startsWith('file:') ? path.basename(spec) : spec}`);
  }

  const npmInstall = [
    'install',
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
    '--legacy-peer-deps',
    '--loglevel=error',
  ];
  run('npm', npmInstall, { cwd: backendDir });
  const backendRequire = createRequire(path.join(backendDir, 'package.json'));
  for (const name of [
    '@backstage/plugin-events-backend',
    '@backstage/plugin-permission-backend-module-allow-all-policy',
  ]) {
    info(
      `${name} installed at ${backendRequire(`${name}/package.json`).version}`,
    );
  }

  step('Start the clean-room backend (SQLite, guest sign-in)');
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const dbDir = path.join(backendDir, 'db');
  fs.mkdirSync(dbDir);
  fs.copyFileSync(
    path.join(here, 'index.js'),
    path.join(backendDir, 'index.js'),
  );
  fs.copyFileSync(
    path.join(here, 'entities.yaml'),
    path.join(backendDir, 'entities.yaml'),
  );
  fs.writeFileSync(
    path.join(backendDir, 'app-config.yaml'),
    JSON.stringify(
      {
        app: { baseUrl: 'http://localhost:3000' },
        backend: {
          baseUrl,
          listen: { port, host: '127.0.0.1' },
          database: {
            client: 'better-sqlite3',
            connection: { directory: dbDir },
          },
        },
        auth: {
          providers: {
            guest: {
              dangerouslyAllowOutsideDevelopment: true,
              userEntityRef: 'user:default/guest',
              ownershipEntityRefs: [
                'user:default/guest',
                'group:default/reviewer-team',
              ],
            },
          },
        },
        catalog: {
          rules: [{ allow: ['Component', 'Group', 'User', 'Location'] }],
          locations: [
            { type: 'file', target: path.join(backendDir, 'entities.yaml') },
          ],
        },
        permission: { enabled: true },
        scaffolder: {},
      },
      null,
      2,
    ),
  );
  const logFile = path.join(backendDir, 'backend.log');
  const log = fs.openSync(logFile, 'w');
  backendProcess = spawn(
    process.execPath,
    ['index.js', '--config', 'app-config.yaml'],
    {
      cwd: backendDir,
      env: { ...process.env, NODE_ENV: 'development' },
      stdio: ['ignore', log, log],
    },
  );
  const tailLog = () =>
    fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
  try {
    await poll('waiting for the backend to be ready', 120_000, async () => {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      return res.ok ? true : undefined;
    });
  } catch (error) {
    console.error(tailLog());
    throw error;
  }
  info(`ready at ${baseUrl} (pid ${backendProcess.pid})`);

  try {
    await checkBackend({ baseUrl, dbDir, tarballs, backendRequire });
  } catch (error) {
    console.error('  backend log, last lines:');
    console.error(tailLog());
    throw error;
  }
  await stopBackend();
  info('backend stopped');

  await checkFrontend({ appDir, tarballs, versions, overrides, npmInstall });

  console.log(`  (${Math.round((Date.now() - stepStarted) / 1000)} s)`);
  console.log(
    `\n[test:install] OK: ${stepNumber} steps in ${Math.round(
      (Date.now() - started) / 1000,
    )} s`,
  );
}

async function checkBackend({ baseUrl, dbDir, tarballs, backendRequire }) {
  step('Sign in as guest');
  const refresh = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!refresh.ok) {
    fail(`GET /api/auth/guest/refresh answered ${refresh.status}`);
  }
  const token = (await refresh.json()).backstageIdentity?.token;
  if (!token) {
    fail('the guest refresh returned no backstageIdentity.token');
  }
  const headers = { Authorization: `Bearer ${token}` };
  info('got a guest token');

  step(`Wait for the catalog to hold ${entityRef}`);
  await poll('waiting for the catalog', 60_000, async () => {
    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-name/component/default/multipass-reviewer`,
      { headers },
    );
    return res.ok ? true : undefined;
  });
  info('found');

  step('Import the seed checklist as markdown');
  const markdown = fs.readFileSync(seedPath, 'utf8');
  const created = await fetch(
    `${baseUrl}/api/rollout/rollouts?entityRef=${encodeURIComponent(
      entityRef,
    )}&version=v0.3.0`,
    {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'text/markdown' },
      body: markdown,
    },
  );
  const createdBody = await created.text();
  if (created.status !== 201) {
    fail(
      `POST /api/rollout/rollouts answered ${created.status}: ${createdBody}`,
    );
  }
  const rollout = JSON.parse(createdBody);
  info(`201 Created: rollout ${rollout.id}`);

  step('Read the rollout back');
  const read = await fetch(`${baseUrl}/api/rollout/rollouts/${rollout.id}`, {
    headers,
  });
  if (!read.ok) {
    fail(`GET /api/rollout/rollouts/${rollout.id} answered ${read.status}`);
  }
  const back = await read.json();
  const steps = back.checklist?.steps ?? [];
  if (
    back.entityRef !== entityRef ||
    back.version !== 'v0.3.0' ||
    steps.length === 0
  ) {
    fail(
      `read back ${back.entityRef}@${back.version} with ${steps.length} steps`,
    );
  }
  info(
    `${back.entityRef} ${back.version}, status ${back.status}, ` +
      `${steps.length} steps, ${
        back.checklist.signOffs?.length ?? 0
      } sign-offs`,
  );
  const printed = await fetch(
    `${baseUrl}/api/rollout/rollouts/${rollout.id}/markdown`,
    { headers },
  );
  const printedText = await printed.text();
  if (!printed.ok || !printedText.startsWith('# ')) {
    fail(`GET …/markdown answered ${printed.status}`);
  }
  info(`markdown: ${printedText.split('\n')[0]}`);

  step('List the scaffolder actions');
  const actionsRes = await fetch(`${baseUrl}/api/scaffolder/v2/actions`, {
    headers,
  });
  if (!actionsRes.ok) {
    fail(`GET /api/scaffolder/v2/actions answered ${actionsRes.status}`);
  }
  const actionIds = (await actionsRes.json()).map(a => a.id);
  const missing = rolloutActions.filter(id => !actionIds.includes(id));
  if (missing.length) {
    fail(`the scaffolder lacks ${missing.join(', ')}`);
  }
  info(actionIds.filter(id => id.startsWith('rollout:')).join(', '));

  step("Check the rollout plugin's migrations ran");
  const dbFile = fs
    .readdirSync(dbDir)
    .find(f => /rollout/.test(f) && /\.sqlite$/.test(f));
  if (!dbFile) {
    fail(`no rollout database in ${dbDir}: ${fs.readdirSync(dbDir)}`);
  }
  const Database = backendRequire('better-sqlite3');
  const db = new Database(path.join(dbDir, dbFile), { readonly: true });
  let ran;
  try {
    ran = db
      .prepare('SELECT name FROM knex_migrations ORDER BY id')
      .all()
      .map(r => r.name);
  } finally {
    db.close();
  }
  const shipped = run(
    'tar',
    ['-tzf', tarballs.get('@rollout/backstage-plugin-rollout-backend')],
    { capture: true },
  )
    .split('\n')
    .filter(f => /^package\/migrations\/[^/]+\.js$/.test(f))
    .map(f => path.basename(f))
    .sort();
  if (JSON.stringify(ran) !== JSON.stringify(shipped)) {
    fail(`${dbFile} ran ${ran.join(', ')}; shipped ${shipped.join(', ')}`);
  }
  info(`${dbFile}: ${ran.join(', ')}`);
}

async function checkFrontend({
  appDir,
  tarballs,
  versions,
  overrides,
  npmInstall,
}) {
  step('Install the packed frontend plugin into a clean-room app');
  const frontendName = '@rollout/backstage-plugin-rollout';
  const deps = {
    [frontendName]: `file:${tarballs.get(frontendName)}`,
    '@rollout/backstage-plugin-rollout-common': `file:${tarballs.get(
      '@rollout/backstage-plugin-rollout-common',
    )}`,
  };
  // Peers an app provides; legacy peer deps leave them out.
  for (const name of [
    'react',
    'react-dom',
    'react-router-dom',
    '@types/react',
    '@types/react-dom',
  ]) {
    deps[name] = versions.get(name);
  }
  writeJson(path.join(appDir, 'package.json'), {
    name: 'clean-room-app',
    version: '0.0.0',
    private: true,
    dependencies: deps,
    overrides: Object.fromEntries(
      Object.entries(overrides).filter(([name]) => name !== 'better-sqlite3'),
    ),
  });
  run('npm', npmInstall, { cwd: appDir });

  step("Resolve the frontend plugin's entry points");
  const appRequire = createRequire(path.join(appDir, 'package.json'));
  const pkgDir = path.dirname(
    appRequire.resolve(`${frontendName}/package.json`),
  );
  const pkg = readJson(path.join(pkgDir, 'package.json'));
  for (const entry of ['.', './alpha']) {
    const specifier = path.posix.join(frontendName, entry);
    const target = pkg.exports?.[entry];
    if (!target || typeof target !== 'object') {
      fail(`${frontendName} exports nothing at ${entry}`);
    }
    const resolved = appRequire.resolve(specifier);
    for (const file of [resolved, path.join(pkgDir, target.types ?? '')]) {
      if (
        !path.relative(path.join(pkgDir, 'dist'), file).match(/^[^.]/) ||
        !fs.statSync(file).isFile()
      ) {
        fail(`${specifier} does not resolve to a built file: ${file}`);
      }
    }
    info(
      `${specifier} -> ${path.relative(pkgDir, resolved)}, types ${
        target.types
      }`,
    );
  }

  step('Type-check an app file against the packed declarations');
  const typescript = path.join(root, 'node_modules', '.bin', 'tsc');
  fs.copyFileSync(
    path.join(here, 'consumer.tsx'),
    path.join(appDir, 'consumer.tsx'),
  );
  // bundler resolution reads `exports`, node10 reads `typesVersions`.
  for (const moduleResolution of ['bundler', 'node10']) {
    writeJson(path.join(appDir, `tsconfig.${moduleResolution}.json`), {
      compilerOptions: {
        target: 'ES2022',
        module: moduleResolution === 'bundler' ? 'ES2022' : 'CommonJS',
        moduleResolution,
        jsx: 'react-jsx',
        lib: ['DOM', 'DOM.Iterable', 'ES2022'],
        strict: true,
        noEmit: true,
        esModuleInterop: true,
        skipLibCheck: true,
        types: [],
      },
      files: ['consumer.tsx'],
    });
    run(typescript, ['-p', `tsconfig.${moduleResolution}.json`], {
      cwd: appDir,
    });
    info(`tsc --noEmit, moduleResolution ${moduleResolution}: no errors`);
  }
  // Under skipLibCheck a declaration that imports a package nobody
  // installed reads as `any`; check ours (not the whole node_modules) without it.
  const full = spawnSync(
    typescript,
    [
      '-p',
      'tsconfig.bundler.json',
      '--skipLibCheck',
      'false',
      '--pretty',
      'false',
    ],
    { cwd: appDir, encoding: 'utf8' },
  );
  const errors = `${full.stdout}${full.stderr}`
    .split('\n')
    .filter(line => /error TS/.test(line));
  const ours = errors.filter(line =>
    /^(consumer\.tsx|node_modules\/@rollout\/)/.test(line),
  );
  if (ours.length) {
    fail(`the packed declarations do not type-check:\n${ours.join('\n')}`);
  }
  info(
    `tsc --noEmit --skipLibCheck false: no errors in @rollout declarations` +
      (errors.length ? ` (${errors.length} in other packages, ignored)` : ''),
  );
}

main()
  .then(cleanUp)
  .catch(async error => {
    console.error(`\n[test:install] FAILED: ${error.message}`);
    await cleanUp();
    process.exit(1);
  });
