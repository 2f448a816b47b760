// Starts the real app and backend (as `npm start` does) and a headless
// Debian Chromium for the end-to-end tests.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../..',
);
export const appUrl = 'http://localhost:3000';
export const backendUrl = 'http://localhost:7007';
export const screenshotDir = path.join(root, 'e2e-results', 'screenshots');

/**
 * Starts the example mail sink (examples/mail) on free ports, keeping what
 * it receives in a fresh temp directory: point the app's
 * notifications.processors.email at its `smtpPort`, read `httpUrl`/messages.
 */
export async function startMail() {
  const sink = path.join(root, 'examples', 'mail', 'sink.mjs');
  const { startMailSink } = await import(pathToFileURL(sink).href);
  return startMailSink({
    smtpPort: 0,
    httpPort: 0,
    directory: fs.mkdtempSync(path.join(os.tmpdir(), 'rollout-mail-')),
  });
}

/**
 * Starts the example monitoring stack (examples/monitoring: the demo
 * exporter, Debian's Prometheus and Alertmanager) on free ports. Loaded by
 * path: the examples are not a package of the monorepo.
 */
export async function startMonitoring() {
  const stack = path.join(root, 'examples', 'monitoring', 'stack.mjs');
  const { startMonitoringStack } = await import(pathToFileURL(stack).href);
  return startMonitoringStack({ ports: 'auto' });
}

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function answers(url) {
  try {
    const response = await fetch(url);
    return response.ok;
  } catch {
    return false;
  }
}

async function waitFor(url, timeoutMs, server) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(
        `the app exited with ${server.exitCode} before ${url} answered`,
      );
    }
    if (await answers(url)) {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

/**
 * Runs `backstage-cli <args>` in its own process group, its output in
 * `e2e-results/<log.name>`, on an in-memory database unless `env` names
 * another.
 */
function spawnLogged(args, { cwd, log, env }) {
  fs.mkdirSync(path.join(root, 'e2e-results'), { recursive: true });
  const fd = fs.openSync(path.join(root, 'e2e-results', log.name), log.flags);
  // Not the test runner's context: with it, the `node --test` that a step's
  // command runs (the demo's `make review-test`) would skip its files.
  const { NODE_TEST_CONTEXT: _testContext, ...inherited } = process.env;
  return spawn('npx', ['backstage-cli', ...args], {
    cwd,
    detached: true,
    stdio: ['ignore', fd, fd],
    env: {
      ...inherited,
      APP_CONFIG_backend_database_connection: ':memory:',
      ...env,
    },
  });
}

/**
 * Starts `backstage-cli repo start` and waits until app and backend answer.
 * `env` adds to the environment, such as `APP_CONFIG_*` overrides. The
 * backend runs on in-memory SQLite, not the files `npm start` keeps, so each
 * run starts empty with the demo data and leaves no data behind.
 */
export async function startApp({ env = {} } = {}) {
  for (const url of [appUrl, backendUrl]) {
    if (await answers(url)) {
      throw new Error(
        `${url} already answers: stop the running app before the end-to-end tests, they start their own`,
      );
    }
  }
  const server = spawnLogged(['repo', 'start'], {
    cwd: root,
    log: { name: 'app.log', flags: 'w' },
    env: { ...env, BROWSER: 'none' },
  });
  const stop = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  try {
    await waitFor(
      `${backendUrl}/.backstage/health/v1/readiness`,
      240_000,
      server,
    );
    await waitFor(appUrl, 240_000, server);
  } catch (error) {
    stop();
    throw error;
  }
  return { stop };
}

/** A TCP port free on this machine now, for a server of a test's own. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the backend alone (`backstage-cli package start` in
 * packages/backend) and waits until it is ready. `env` adds to the
 * environment, as for {@link startApp}; the database is in memory unless
 * `env` says otherwise. On `port` (7007 unless given) and with that
 * address as its `backend.baseUrl`, so that several can run side by side;
 * the answer's `baseUrl` is where it listens. Its output goes to
 * `e2e-results/<logName>`, appended unless `logFlags` is `'w'`. `stop` ends
 * it as Ctrl-C would; `kill` ends it at once with SIGKILL, the whole process
 * group, as a crash or an OOM kill would.
 */
export async function startBackend({
  env = {},
  logName = 'backend.log',
  logFlags = 'a',
  port,
} = {}) {
  const baseUrl = port ? `http://localhost:${port}` : backendUrl;
  if (await answers(baseUrl)) {
    throw new Error(`${baseUrl} already answers: stop the running backend`);
  }
  const server = spawnLogged(['package', 'start'], {
    cwd: path.join(root, 'packages', 'backend'),
    log: { name: logName, flags: logFlags },
    env: port
      ? {
          APP_CONFIG_backend_listen_port: String(port),
          APP_CONFIG_backend_baseUrl: baseUrl,
          ...env,
        }
      : env,
  });
  const signal = name => {
    try {
      process.kill(-server.pid, name);
    } catch {
      // already gone
    }
  };
  const exited = new Promise(resolve => server.once('exit', resolve));
  try {
    await waitFor(`${baseUrl}/.backstage/health/v1/readiness`, 240_000, server);
  } catch (error) {
    signal('SIGKILL');
    throw error;
  }
  return {
    baseUrl,
    stop: () => signal('SIGTERM'),
    kill: async () => {
      signal('SIGKILL');
      await exited;
      while (await answers(baseUrl)) {
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    },
  };
}

/** Calls until `done(answer)`, as a client that retries would. */
export async function until(what, call, done, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await call();
    if (done(answer)) {
      return answer;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: last answer ${JSON.stringify(answer)}`);
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

/**
 * A token of the guest user, from the guest provider of the backend at
 * `baseUrl` (the one on 7007 unless given).
 */
export async function guestToken(baseUrl = backendUrl) {
  const response = await fetch(`${baseUrl}/api/auth/guest/refresh`);
  const { backstageIdentity } = await response.json();
  return backstageIdentity.token;
}

/** A headless Chromium page, signed in as the guest user. */
export async function openSignedIn() {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({
    viewport: { width: 1400, height: 1000 },
  });
  page.setDefaultTimeout(30_000);
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.getByRole('link', { name: 'Catalog' }).first().waitFor();
  return { browser, page };
}

/**
 * Saves a screenshot of the full page, or of one element when given a
 * locator, and returns its path.
 */
export async function screenshot(pageOrLocator, name) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await pageOrLocator.screenshot(
    'goto' in pageOrLocator ? { path: file, fullPage: true } : { path: file },
  );
  return file;
}

/**
 * Opens an entity's page, reloading while the catalog has not ingested the
 * example entities yet (it does so in the first seconds after start).
 */
export async function openEntityPage(page, kind, name) {
  const deadline = Date.now() + 120_000;
  await page.goto(`${appUrl}/catalog/default/${kind}/${name}`);
  for (;;) {
    const heading = page.getByRole('heading', { name, exact: true }).first();
    try {
      await heading.waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await page.reload();
    }
  }
}

/**
 * The WCAG 2 A and AA violations axe-core finds on the page, or in one part
 * of it, as `rule: n nodes` lines (empty when there are none).
 */
export async function accessibilityViolations(page, selector) {
  const require = createRequire(import.meta.url);
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(
    async context =>
      (
        await window.axe.run(context ?? document, {
          runOnly: ['wcag2a', 'wcag2aa'],
        })
      ).violations.map(v => ({
        id: v.id,
        nodes: v.nodes.map(n => {
          const colors = n.any.find(c => c.data?.contrastRatio)?.data;
          return colors
            ? `${n.target.join(' ')} [${colors.fgColor} on ${colors.bgColor}: ${
                colors.contrastRatio
              }]`
            : n.target.join(' ');
        }),
      })),
    selector,
  );
  return violations.map(
    v => `${v.id}: ${v.nodes.length} nodes (${v.nodes.join(', ')})`,
  );
}

/**
 * Waits until the guest may edit the open rollout, reloading the tab (and
 * waiting for it with `waitForTab`) meanwhile: the demo rollout is loaded
 * before the catalog has read its entity, and its owner (the guest's team)
 * arrives with the backend's next refresh from the catalog.
 */
export async function waitForOwnership(page, waitForTab) {
  const deadline = Date.now() + 120_000;
  const checkbox = page.getByTestId('check-check-1').getByRole('checkbox');
  while (!(await checkbox.isEnabled())) {
    if (Date.now() > deadline) {
      throw new Error('the guest never became an owner of the rollout');
    }
    await new Promise(resolve => setTimeout(resolve, 2_000));
    await page.reload();
    await waitForTab();
  }
}

/**
 * Ticks the checkbox of a checklist row as the guest and waits until the row
 * says who ticked it. The box follows the server's answer, so it changes only
 * after the request returns; Playwright's `check()` looks right after its
 * click and fails on a busy machine. A click the page lost while it
 * re-rendered is repeated, but only while the box is still unticked.
 */
export async function tick(row) {
  const box = row.getByRole('checkbox');
  const ticked = row.filter({ hasText: /by\s+guest on/i });
  for (let attempt = 1; ; attempt++) {
    if (!(await box.isChecked())) {
      await box.click();
    }
    try {
      await ticked.waitFor({ timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt === 3) {
        throw error;
      }
    }
  }
}
