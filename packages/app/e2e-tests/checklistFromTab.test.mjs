// End-to-end: every part of the seed checklist worked from the Rollout tab,
// in order, on a fresh app with the demo data: edit the checklist (an
// approval resets), skip step 1, tick the communication plan, start once the
// pre-flight checks are done, fail step 3 on purpose (criterion 1 triggers
// and blocks), run the rollback (rolled back to v0.2.0), then download the
// markdown and import it again as a new version. Prometheus and
// Alertmanager start with the app, with a 30-minute baseline window: the
// tab is used within minutes of their start, as a new install is.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  accessibilityViolations,
  appUrl,
  backendUrl,
  guestToken,
  openEntityPage,
  openSignedIn,
  waitForOwnership,
  root,
  screenshot,
  startApp,
  startMonitoring,
  tick,
} from './harness.mjs';

// The demo's switch: while this file exists, step 3's smoke tests fail.
const switches = fs.mkdtempSync(path.join(os.tmpdir(), 'rollout-switches-'));
const failReviewTest = path.join(switches, 'fail-review-test');

let app;
let browser;
let page;
let monitoring;

before(async () => {
  monitoring = await startMonitoring();
  app = await startApp({
    env: {
      ROLLOUT_DEMO_SWITCHES: switches,
      APP_CONFIG_rollout_prometheus_baseUrl: monitoring.prometheusUrl,
      APP_CONFIG_rollout_alertmanager_baseUrl: monitoring.alertmanagerUrl,
      APP_CONFIG_rollout_gates_baselineWindow: '30m',
    },
  });
  ({ browser, page } = await openSignedIn());
});

after(async () => {
  await browser?.close();
  app?.stop();
  await monitoring?.stop();
  fs.rmSync(switches, { recursive: true, force: true });
});

const section = name => page.getByRole('region', { name });
const step = number => page.getByTestId(`step-step-${number}`);
const toolbar = () => page.getByRole('toolbar', { name: 'Rollout actions' });

async function noViolations(selector) {
  assert.deepEqual(await accessibilityViolations(page, selector), []);
}

/** Waits for the tab of the selected version. */
async function waitForTab() {
  await page
    .getByRole('heading', { name: 'Stage 01_03 · Rollout Checklist' })
    .waitFor();
  await section('History').getByText('Created the rollout').waitFor();
}

/** The id of the demo entity's rollout of a version, read from the API. */
async function rolloutId(version) {
  const response = await fetch(
    `${backendUrl}/api/rollout/rollouts?entityRef=component:default/multipass-reviewer`,
    { headers: { authorization: `Bearer ${await guestToken()}` } },
  );
  const { items } = await response.json();
  return items.find(rollout => rollout.version === version).id;
}

/** Runs a step with its Run button, waiting for the backend to take it. */
async function run(number, label = `Run step ${number}`) {
  const started = page.waitForResponse(
    response =>
      new RegExp(`/steps/step-${number}/run$`).test(response.url()) &&
      response.request().method() === 'POST',
  );
  await step(number).getByRole('button', { name: label }).click();
  assert.equal((await started).status(), 202);
}

test('editing a step’s notes on the tab resets the QA approval, and the tab says so', async t => {
  await openEntityPage(page, 'component', 'multipass-reviewer');
  await page.getByRole('link', { name: 'Rollout', exact: true }).click();
  await waitForTab();
  await waitForOwnership(page, waitForTab);

  // Prometheus has run for minutes, not the baseline's 30: a metric that
  // compares with its baseline says so instead of a breach or an ok.
  const failures = section('Monitoring & observability').getByRole('region', {
    name: 'review_pass_failures_total',
  });
  await failures.getByTestId('gate-state-unknown').waitFor({ timeout: 60_000 });
  await failures
    .getByText(
      /not enough history: the baseline window holds (under 1|\d+) of 30 minutes of review_pass_failures_total/,
    )
    .waitFor({ timeout: 60_000 });
  assert.equal(await failures.getByTestId('gate-state-breached').count(), 0);
  // Nor does it show a baseline it cannot compare with.
  assert.match(await failures.innerText(), /Baseline\s+—/);
  t.diagnostic(
    `screenshot: ${await screenshot(failures, 'metric-not-enough-history')}`,
  );

  const qa = page.getByTestId('signoff-qa-lead');
  await qa.getByRole('button', { name: 'Approve' }).click();
  const approve = page.getByRole('dialog');
  await approve.getByRole('button', { name: 'Approve' }).click();
  await approve.waitFor({ state: 'hidden' });
  await qa.getByTestId('status-approved').waitFor();

  await toolbar().getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', {
    name: 'Edit the checklist of v0.3.0',
  });
  const editor = dialog.getByLabel('Checklist markdown');
  await editor.waitFor();
  const markdown = await editor.inputValue();
  assert.match(markdown, /^# Stage 01_03 · Rollout Checklist/);
  await editor.fill(
    markdown.replace(
      'Reviewer smoke tests must pass.',
      'Reviewer smoke tests must pass twice in a row.',
    ),
  );
  // The preview follows the text.
  await dialog.getByText('must pass twice in a row.').last().waitFor();
  await noViolations('[role="dialog"]');
  t.diagnostic(`screenshot: ${await screenshot(dialog, 'edit-dialog')}`);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'hidden' });

  const banner = page.getByRole('status').filter({ hasText: 'The edit' });
  await banner.waitFor();
  assert.match(
    await banner.innerText(),
    /The edit changed the runbook.*The edit reset the approvals of QA Lead: they are pending again\./s,
  );
  await qa.getByTestId('status-pending').waitFor();
  await step(3).getByText('must pass twice in a row.').waitFor();
  assert.match(await section('History').innerText(), /QA Lead/);
  await noViolations('body');
  t.diagnostic(`screenshot: ${await screenshot(page, 'edit-approval-reset')}`);
});

test('step 1 is skipped with a reason and the communication plan is ticked; deploy steps and the start wait', async t => {
  // In a draft, a deploy step says why it does not run yet.
  assert.match(
    await step(6).getByTestId('step-step-6-why').innerText(),
    /Step 6 deploys: it runs only once the rollout is started/,
  );
  assert.equal(
    await step(6)
      .getByRole('button', { name: /Run step 6/ })
      .isDisabled(),
    true,
  );
  // Step 2 waits for step 1: Run asks for a reason.
  await step(2)
    .getByRole('button', { name: 'Run step 2 out of order' })
    .waitFor();

  // Keyboard only: the dialog puts the focus in its field, and the focus
  // comes back to the row's button when it closes.
  await step(1).getByRole('button', { name: 'Skip step 1' }).focus();
  await page.keyboard.press('Enter');
  const skip = page.getByRole('dialog', { name: 'Skip step 1?' });
  await page.waitForFunction(
    () => document.activeElement?.id === 'rollout-skip-note',
  );
  await page.keyboard.type('The image already has the dependencies');
  await skip.getByRole('button', { name: 'Skip step' }).focus();
  await page.keyboard.press('Enter');
  await skip.waitFor({ state: 'hidden' });
  await step(1).getByTestId('status-skipped').waitFor();
  await page.waitForFunction(
    () =>
      document.activeElement?.getAttribute('aria-label') ===
      'Undo the skip of step 1',
  );
  await step(2).getByRole('button', { name: 'Run step 2' }).waitFor();

  for (const id of ['comms-1', 'comms-2', 'comms-3']) {
    const item = page.getByTestId(`comms-${id}`);
    await tick(item);
    assert.match(await item.innerText(), /by\s+guest on/i);
  }

  const start = page
    .getByRole('group', { name: 'Status changes' })
    .getByRole('button', { name: 'Start rollout' });
  assert.equal(await start.isDisabled(), true);
  assert.match(
    await page.getByTestId('start-blockers').innerText(),
    /Starts once every pre-flight check is ticked: 7 pre-flight check\(s\) open/,
  );
  assert.match(
    await section('History').innerText(),
    /Skipped step 1 \(poetry install --with dev\): The image already has the dependencies/,
  );
  t.diagnostic(`screenshot: ${await screenshot(page, 'skip-and-comms')}`);
});

test('started once the checks are done, step 3 failing on purpose triggers criterion 1 and blocks the rollout', async t => {
  await run(2);
  await step(2).getByTestId('status-succeeded').waitFor({ timeout: 90_000 });
  // Step 2 ticked its check; a person ticks the others.
  for (let n = 2; n <= 7; n++) {
    const check = page.getByTestId(`check-check-${n}`);
    if (!(await check.getByRole('checkbox').isChecked())) {
      await tick(check);
    }
  }
  const status = page.getByRole('group', { name: 'Status changes' });
  await status.getByRole('button', { name: 'Start rollout' }).click();
  const confirm = page.getByRole('dialog', { name: 'Start rollout v0.3.0?' });
  // Starting says what is still open: the sign-offs, QA's reset by the edit.
  await confirm
    .getByRole('list', { name: 'Sign-offs not approved (4)' })
    .waitFor();
  assert.match(
    await confirm.getByTestId('rollout-status-open').innerText(),
    /It can start, but these are still open: completing waits for them, and a rejection or a gate blocks it\.\s+Sign-offs not approved \(4\)\s+Architecture Lead: pending\s+QA Lead: pending/,
  );
  await page.waitForFunction(
    () => document.activeElement?.id === 'rollout-status-reason',
  );
  await noViolations('[role="dialog"]');
  t.diagnostic(`screenshot: ${await screenshot(confirm, 'start-warnings')}`);
  await confirm.getByRole('button', { name: 'Start rollout' }).click();
  await confirm.waitFor({ state: 'hidden' });
  await page.getByTestId('status-in_progress').first().waitFor();

  // Complete lists what it waits for, each a link to its row.
  await status.getByRole('button', { name: 'Complete' }).click();
  const refusal = page.getByRole('dialog', {
    name: 'v0.3.0 cannot be completed yet',
  });
  const steps = refusal.getByRole('list', {
    name: /^Runbook steps neither succeeded nor skipped/,
  });
  assert.match(await steps.innerText(), /Step 3 \(pending\): make review-test/);
  assert.equal(
    await refusal.getByRole('button', { name: 'Complete' }).count(),
    0,
  );
  await noViolations('[role="dialog"]');
  t.diagnostic(
    `screenshot: ${await screenshot(refusal, 'complete-open-items')}`,
  );
  await steps.getByRole('link', { name: /^Step 3 / }).click();
  await refusal.waitFor({ state: 'hidden' });
  await page.waitForFunction(
    () => document.activeElement?.id === 'rollout-step-step-3',
  );

  // A person's step, marked done out of order with the reason, then undone.
  await step(8)
    .getByRole('button', { name: 'Mark done step 8 out of order' })
    .click();
  const mark = page.getByRole('dialog', {
    name: 'Mark step 8 done out of order?',
  });
  await mark.getByLabel('Reason').fill('Watched the logs during the canary');
  await noViolations('[role="dialog"]');
  await mark.getByRole('button', { name: 'Mark done' }).click();
  await mark.waitFor({ state: 'hidden' });
  await step(8).getByTestId('status-succeeded').waitFor();
  // The backend's answer says who marked it and when.
  await step(8)
    .getByTestId('step-step-8-by')
    .filter({ hasText: /^Marked done by\s+guest on /i })
    .waitFor();
  assert.match(
    await step(8).getByTestId('step-step-8-summary').innerText(),
    /Watched the logs during the canary/,
  );
  t.diagnostic(
    `screenshot: ${await screenshot(step(8), 'step-8-marked-done')}`,
  );
  await step(8)
    .getByRole('button', { name: 'Undo marking done step 8' })
    .click();
  await step(8).getByTestId('status-pending').waitFor();
  const reopened = section('History')
    .locator('li')
    .filter({ hasText: /^Reopened step 8/ });
  await reopened.waitFor();
  assert.match(
    await reopened.innerText(),
    /^Reopened step 8 \(Tail docker compose logs reviewer -f\), which was marked done/,
  );

  // The demo switch makes `make review-test` fail.
  fs.writeFileSync(failReviewTest, 'on\n');
  await run(3);
  await step(3).getByTestId('status-failed').waitFor({ timeout: 90_000 });
  fs.rmSync(failReviewTest);

  const criteria = section('Monitoring & observability').getByRole('table', {
    name: 'Rollback criteria',
  });
  const criterion1 = criteria.locator('tbody tr', {
    hasText: 'fails post-deploy',
  });
  await criterion1
    .getByTestId('gate-state-triggered')
    .waitFor({ timeout: 60_000 });
  assert.match(
    await criterion1.innerText(),
    /step 3 \(make review-test\) failed after the rollout started/,
  );
  await page.getByTestId('status-blocked').first().waitFor({ timeout: 60_000 });

  // The header says what blocks, and its link goes there.
  const cause = page.getByTestId('rollout-block-cause');
  await cause.waitFor();
  assert.match(
    await cause.innerText(),
    /Blocked\s+Blocked the rollout: the rollback criterion .*fails post-deploy.* triggered\./,
  );
  t.diagnostic(
    `screenshot: ${await screenshot(
      page.locator('.MuiCard-root', {
        has: page.getByTestId('rollout-versions'),
      }),
      'header-block-cause',
    )}`,
  );
  const jump = cause.getByRole('link', {
    name: 'Go to the rollback criterion',
  });
  const target = (await jump.getAttribute('href')).slice(1);
  await jump.click();
  await page.waitForFunction(id => document.activeElement?.id === id, target);

  // The failure, summed up: the exit code and the command's last line; the
  // whole output a click away, without the scaffolder's chatter.
  assert.match(
    await step(3).getByTestId('step-step-3-summary').innerText(),
    /make review-test" exited with code [1-9]\d*/,
  );
  const log = step(3).getByTestId('step-step-3-log');
  await log.waitFor();
  assert.match(await log.innerText(), /Exit code [1-9]\d*/);
  await step(3)
    .getByRole('button', { name: 'Show the output of step 3' })
    .click();
  const output = step(3).getByLabel('Output of step 3', { exact: true });
  assert.doesNotMatch(await output.innerText(), /Skipping step|^\s+at /m);
  assert.match(
    await page.locator('#rollout-progress-label').innerText(),
    /Runbook: 2 of 9 steps done, 1 failed/,
  );
  t.diagnostic(`screenshot: ${await screenshot(step(3), 'step-3-output')}`);
  t.diagnostic(
    `screenshot: ${await screenshot(page, 'step-3-failed-blocked')}`,
  );
  t.diagnostic(
    `screenshot: ${await screenshot(
      section('Monitoring & observability'),
      'criterion-1-triggered',
    )}`,
  );
});

test('Roll back in the header runs the rollback step: the rollout goes back to v0.2.0', async t => {
  await page
    .getByRole('group', { name: 'Status changes' })
    .getByRole('button', { name: 'Roll back' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Roll back v0.3.0?' });
  assert.match(
    await dialog.getByTestId('rollback-run').innerText(),
    /Runs rollback step 10 \(git checkout v0\.2\.0\) as scaffolder tasks/,
  );
  await noViolations('[role="dialog"]');
  t.diagnostic(`screenshot: ${await screenshot(dialog, 'rollback-dialog')}`);
  await dialog.getByRole('button', { name: 'Run rollback' }).click();
  await dialog.waitFor({ state: 'hidden' });

  await step(10).getByTestId('status-succeeded').waitFor({ timeout: 90_000 });
  await page.getByTestId('status-rolled_back').first().waitFor();
  await step(10)
    .getByRole('button', { name: 'Show the output of step 10' })
    .click();
  await step(10)
    .getByLabel('Output of step 10', { exact: true })
    .getByText('checked out: v0.2.0 (VERSION 0.2.0)')
    .waitFor();
  assert.match(
    await section('History').innerText(),
    /Rolled back from v0\.3\.0 to v0\.2\.0: rollback step 10 succeeded/,
  );
  // The picker follows the status without a reload.
  const picker = page.locator('[aria-labelledby^="rollout-version-label"]');
  await page.waitForFunction(() =>
    /v0\.3\.0 \(rolled back\)/.test(
      document.querySelector('[aria-labelledby^="rollout-version-label"]')
        ?.textContent ?? '',
    ),
  );
  assert.match(await picker.innerText(), /v0\.3\.0 \(rolled back\)/);
  // Final: read-only on the tab and in the API.
  assert.match(
    await page.getByTestId('rollout-final').innerText(),
    /Rollout v0\.3\.0 is rolled back: it is final and read-only; create a new version to change it/,
  );
  assert.equal(
    await step(4)
      .getByRole('button', { name: /^Run step 4/ })
      .isDisabled(),
    true,
  );
  assert.equal(
    await page.getByTestId('check-check-1').getByRole('checkbox').isDisabled(),
    true,
  );
  assert.equal(
    await page
      .getByTestId('signoff-qa-lead')
      .getByRole('button', { name: 'Approve' })
      .isDisabled(),
    true,
  );
  const id = await rolloutId('v0.3.0');
  const refused = await fetch(
    `${backendUrl}/api/rollout/rollouts/${id}/preflight/check-1`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await guestToken()}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ expectedRevision: 1000, checked: false }),
    },
  );
  assert.equal(refused.status, 409);
  const body = await refused.json();
  assert.equal(body.error.name, 'ConflictError');
  assert.match(body.error.message, /final and read-only/);
  t.diagnostic(`screenshot: ${await screenshot(page, 'rolled-back')}`);
});

test('the checklist downloads as markdown and comes back as a new version', async t => {
  const downloading = page.waitForEvent('download');
  await toolbar().getByRole('button', { name: 'Download markdown' }).click();
  const download = await downloading;
  assert.equal(
    download.suggestedFilename(),
    'multipass-reviewer-v0.3.0-checklist.md',
  );
  const file = path.join(root, 'e2e-results', download.suggestedFilename());
  await download.saveAs(file);
  const markdown = fs.readFileSync(file, 'utf8');
  assert.match(markdown, /^# Stage 01_03 · Rollout Checklist/);
  assert.match(markdown, /must pass twice in a row\./);

  await toolbar().getByRole('button', { name: 'New version' }).click();
  const dialog = page.getByRole('dialog', { name: 'New version' });
  await dialog.getByRole('textbox', { name: /^Version/ }).fill('v0.3.1');
  assert.equal(
    await dialog
      .getByRole('textbox', { name: 'Previous version' })
      .inputValue(),
    'v0.3.0',
  );
  await dialog.getByLabel('An uploaded markdown file').check();
  await dialog.getByLabel('Markdown file', { exact: true }).setInputFiles(file);
  await noViolations('[role="dialog"]');
  t.diagnostic(`screenshot: ${await screenshot(dialog, 'new-version-dialog')}`);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'hidden' });

  await page
    .getByTestId('rollout-versions')
    .getByText('v0.3.1 ← v0.3.0')
    .waitFor();
  await page.getByTestId('status-draft').first().waitFor();
  await step(3).getByText('must pass twice in a row.').waitFor();
  await step(1).getByTestId('status-pending').waitFor();
  // The picker lists both versions with their status.
  const picker = page.locator('[aria-labelledby^="rollout-version-label"]');
  assert.match(await picker.innerText(), /v0\.3\.1 \(draft\)/);
  await picker.click();
  assert.deepEqual(await page.getByRole('option').allInnerTexts(), [
    'v0.3.1 (draft)',
    'v0.3.0 (rolled back)',
  ]);
  await page.keyboard.press('Escape');
  await noViolations('body');
  t.diagnostic(`screenshot: ${await screenshot(page, 'new-version')}`);

  // The shown version is in the URL; the picker works from the keyboard
  // and keeps the focus; Back returns to the version before.
  assert.equal(new URL(page.url()).searchParams.get('version'), 'v0.3.1');
  await picker.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: 'v0.3.0 (rolled back)' }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByTestId('rollout-final').waitFor();
  assert.equal(new URL(page.url()).searchParams.get('version'), 'v0.3.0');
  assert.equal(
    await page.evaluate(() =>
      document.activeElement
        ?.getAttribute('aria-labelledby')
        ?.startsWith('rollout-version-label'),
    ),
    true,
  );
  await page.goBack();
  await page.getByTestId('status-draft').first().waitFor();
  assert.equal(new URL(page.url()).searchParams.get('version'), 'v0.3.1');
  // A link to a version opens it.
  await page.goto(
    `${appUrl}/catalog/default/component/multipass-reviewer/rollout?version=v0.3.0`,
  );
  await page.getByTestId('rollout-final').waitFor();
});

/**
 * The tab at a small size: nothing overflows, every action is in reach, and
 * axe finds no WCAG violation.
 */
async function tabAtSize(t, width, height) {
  await page.setViewportSize({ width, height });
  try {
    await page.goto(
      `${appUrl}/catalog/default/component/multipass-reviewer/rollout?version=v0.3.1`,
    );
    await waitForTab();
    await page.getByTestId('status-draft').first().waitFor();
    // The page scrolls down, never sideways, and headers keep their words.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    assert.ok(overflow <= 1, `the page is ${overflow} px too wide`);
    // Nor does any list item's text run out of its card, cut off.
    const cut = await page.evaluate(() =>
      [...document.querySelectorAll('main li .MuiListItemText-root')]
        .filter(text => text.scrollWidth > text.clientWidth + 1)
        .map(text => text.textContent.slice(0, 60)),
    );
    assert.deepEqual(cut, [], 'list items cut off');
    for (const button of await page
      .getByTestId('signoff-qa-lead')
      .getByRole('button')
      .all()) {
      await button.scrollIntoViewIfNeeded();
      const box = await button.boundingBox();
      assert.ok(
        box && box.x >= 0 && box.x + box.width <= width,
        `${await button.innerText()} is out of reach at ${width} px`,
      );
    }
    const runbook = section('Operator runbook');
    if (width < 600) {
      // On a phone the rows are cards, each cell under its column's name.
      assert.equal(await runbook.locator('thead').first().isVisible(), false);
      assert.match(
        await step(3).locator('td[data-label="Status"]').innerText(),
        /pending/i,
      );
    } else {
      // A header's words stay on one line ("Stakeholder", not "Stak ehold er").
      for (const header of await page.locator('th').all()) {
        const lines = await header.evaluate(th => {
          const range = document.createRange();
          range.selectNodeContents(th);
          return new Set(
            [...range.getClientRects()].map(rect => Math.round(rect.top)),
          ).size;
        });
        assert.equal(
          lines,
          1,
          `the header "${await header.innerText()}" takes ${lines} lines`,
        );
      }
    }
    // Section titles are headings, which a screen reader lists.
    await page
      .getByRole('heading', { level: 2, name: 'Operator runbook' })
      .waitFor();
    // A pre-flight check's words tick its box, and again untick it.
    const check = page.getByTestId('check-check-1');
    const box = check.getByRole('checkbox');
    for (const ticked of [true, false]) {
      const saved = page.waitForResponse(
        response =>
          /\/preflight\/check-1$/.test(response.url()) &&
          response.request().method() === 'POST',
      );
      await check.locator('label').first().click();
      assert.equal((await saved).status(), 200);
      assert.equal(await box.isChecked(), ticked);
    }
    await noViolations('body');
    t.diagnostic(
      `screenshot: ${await screenshot(page, `tab-${width}x${height}`)}`,
    );
  } finally {
    await page.setViewportSize({ width: 1400, height: 1000 });
  }
}

for (const [width, height] of [
  [1024, 768],
  [390, 844],
]) {
  test(`the tab works at ${width}×${height}: nothing overflows, every action is in reach, no WCAG violations`, t =>
    tabAtSize(t, width, height));
}

test('the home page, the Create page and the Overview lead to rollouts', async t => {
  await page.goto(appUrl);
  await page.getByRole('heading', { name: 'Rollout for Backstage' }).waitFor();
  await page.getByRole('link', { name: 'Open the Rollouts board' }).waitFor();
  await page
    .getByRole('link', { name: 'Start a rollout from the template' })
    .waitFor();
  await noViolations('body');
  t.diagnostic(`screenshot: ${await screenshot(page, 'home')}`);

  await page.goto(`${appUrl}/create`);
  await page.getByText('Start a rollout', { exact: true }).first().waitFor();
  assert.equal(await page.getByText('Run a rollout step').count(), 0);
  t.diagnostic(`screenshot: ${await screenshot(page, 'create-page')}`);

  await openEntityPage(page, 'component', 'multipass-reviewer');
  const overview = page.getByRole('link', {
    name: /^Open v0\.3\.1 on the Rollout tab/,
  });
  await overview.waitFor();
  t.diagnostic(`screenshot: ${await screenshot(page, 'overview-card')}`);
  await overview.click();
  await page.getByTestId('status-draft').first().waitFor();
  assert.equal(new URL(page.url()).searchParams.get('version'), 'v0.3.1');
});

// A checklist as another team writes it: in Russian, the runbook as a
// numbered list, a section known only by its content, signers by handle.
const russianChecklist = `# Выкат multipass-reviewer 0.4.0

## 1. Шаги

1. \`make review-test\` — смоук-тесты ревьюера.
2. Откат: \`git checkout v0.3.1\`.

### Критерии отката

- Ошибки ревью выше 5% за 10 минут.

## 2. Что проверить

- [ ] Документация (RU + EN) обновлена

## 3. Согласование

| Роль | Подписант | Статус |
|------|-----------|--------|
| QA | @guest | ожидает |
| Эксплуатация | @nobody | ожидает |
`;

test('a Russian checklist is imported through the dialog: preview, warnings, then the tab', async t => {
  await page.goto(
    `${appUrl}/catalog/default/component/multipass-reviewer/rollout`,
  );
  await page.getByTestId('status-draft').first().waitFor();
  await toolbar().getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a checklist' });
  await dialog.getByRole('textbox', { name: /^Version/ }).fill('v0.4.0');
  // The version the tab shows is the default previous version.
  const [shownVersion] = (
    await page.locator('[aria-labelledby^="rollout-version-label"]').innerText()
  ).split(' ');
  assert.equal(
    await dialog
      .getByRole('textbox', { name: 'Previous version' })
      .inputValue(),
    shownVersion,
  );
  await dialog
    .getByRole('textbox', { name: 'Checklist markdown' })
    .fill(russianChecklist);

  // Before anything is stored: what each section reads as, and the guesses.
  const preview = dialog.getByRole('region', { name: 'Preview' });
  await preview.getByText('Выкат multipass-reviewer 0.4.0').waitFor();
  await preview
    .getByText('Headings in Russian: the checklist prints back in Russian.')
    .waitFor();
  assert.equal(
    await preview
      .getByRole('table', { name: 'Steps preview' })
      .locator('tbody tr')
      .count(),
    2,
  );
  assert.match(
    await preview.getByTestId('preview-warnings').innerText(),
    /Line 12: the section "2\. Что проверить" is read as the pre-flight validation from its content/,
  );
  assert.match(
    await preview.getByTestId('preview-signer-names').innerText(),
    /Line 20: @guest \(QA\).*Line 21: @nobody \(Эксплуатация\)/s,
  );
  await noViolations('[role="dialog"]');
  t.diagnostic(`screenshot: ${await screenshot(dialog, 'import-preview')}`);

  await dialog.getByRole('button', { name: 'Import' }).click();
  await dialog.waitFor({ state: 'hidden' });

  // The tab shows it, with what the backend guessed or left out.
  await page
    .getByRole('heading', { name: 'Выкат multipass-reviewer 0.4.0' })
    .waitFor();
  assert.equal(new URL(page.url()).searchParams.get('version'), 'v0.4.0');
  const warnings = page.getByTestId('rollout-import-warnings');
  await warnings.waitFor();
  assert.match(
    await warnings.innerText(),
    /v0\.4\.0 was imported with 2 warnings/,
  );
  assert.match(
    await warnings.innerText(),
    /Line 21: the signer "@nobody" of "Эксплуатация" is left out: the catalog has no user or group by that name or email/,
  );
  // @guest is the catalog's guest user: the QA row is the guest's to sign.
  await page
    .getByTestId('signoff-qa')
    .getByRole('button', { name: 'Approve' })
    .waitFor();
  // Its second step, "Откат", is the rollback step.
  assert.match(
    await page
      .getByRole('table', { name: 'Rollback steps' })
      .locator('tbody tr')
      .first()
      .innerText(),
    /Откат: git checkout v0\.3\.1/,
  );
  await noViolations('body');
  t.diagnostic(`screenshot: ${await screenshot(page, 'import-created')}`);

  // It prints back in Russian.
  const markdown = await fetch(
    `${backendUrl}/api/rollout/rollouts/${await rolloutId('v0.4.0')}/markdown`,
    { headers: { authorization: `Bearer ${await guestToken()}` } },
  ).then(res => res.text());
  assert.match(markdown, /^## 1\. Операционный ранбук$/m);
  assert.match(markdown, /^## 4\. Согласование$/m);
  assert.match(markdown, /^\| Шаг \| Команда \/ Действие \| Примечания \|$/m);
});
