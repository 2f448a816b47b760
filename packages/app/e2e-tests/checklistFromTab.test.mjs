// End-to-end: every part of the seed checklist worked from the Rollout tab,
// in order, on a fresh app with the demo data: edit the checklist (an
// approval resets), skip step 1, tick the communication plan, start once the
// pre-flight checks are done, fail step 3 on purpose (criterion 1 triggers
// and blocks), run the rollback (rolled back to v0.2.0), then download the
// markdown and import it again as a new version.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  accessibilityViolations,
  openEntityPage,
  openSignedIn,
  waitForOwnership,
  root,
  screenshot,
  startApp,
  tick,
} from './harness.mjs';

// The demo's switch: while this file exists, step 3's smoke tests fail.
const switches = fs.mkdtempSync(path.join(os.tmpdir(), 'rollout-switches-'));
const failReviewTest = path.join(switches, 'fail-review-test');

let app;
let browser;
let page;

before(async () => {
  app = await startApp({ env: { ROLLOUT_DEMO_SWITCHES: switches } });
  ({ browser, page } = await openSignedIn());
});

after(async () => {
  await browser?.close();
  app?.stop();
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

  await step(1).getByRole('button', { name: 'Skip step 1' }).click();
  const skip = page.getByRole('dialog', { name: 'Skip step 1?' });
  await skip
    .getByLabel('Reason')
    .fill('The image already has the dependencies');
  await skip.getByRole('button', { name: 'Skip step' }).click();
  await skip.waitFor({ state: 'hidden' });
  await step(1).getByTestId('status-skipped').waitFor();
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
    /Skipped step 1 \(`poetry install --with dev`\): The image already has the dependencies/,
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
  await confirm.getByRole('button', { name: 'Start rollout' }).click();
  await confirm.waitFor({ state: 'hidden' });
  await page.getByTestId('status-in_progress').first().waitFor();

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
    /step 3 \(`make review-test`\) failed after the rollout started/,
  );
  await page.getByTestId('status-blocked').first().waitFor({ timeout: 60_000 });
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
  await step(10).getByText('checked out: v0.2.0 (VERSION 0.2.0)').waitFor();
  assert.match(
    await section('History').innerText(),
    /Rolled back from v0\.3\.0 to v0\.2\.0: rollback step 10 succeeded/,
  );
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
});
