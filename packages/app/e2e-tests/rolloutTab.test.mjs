// End-to-end: the Rollout tab of multipass-reviewer in a real browser, against
// the real app and backend with the demo rollout (the Stage 01_03 seed).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  accessibilityViolations,
  appUrl,
  backendUrl,
  openEntityPage,
  openSignedIn,
  waitForOwnership,
  screenshot,
  startApp,
  startMail,
  startMonitoring,
  tick,
} from './harness.mjs';

// What the seed checklist says, section by section.
const seed = {
  title: 'Stage 01_03 · Rollout Checklist',
  runbook: [
    'poetry install --with dev',
    'make lint-allowlist',
    'make review-test',
    'poetry run pytest packages/multipass-reviewer/tests',
    'poetry run pytest shared/tests/test_code_reviewer_agent.py',
    'docker compose -f docker-compose.butler.yml up -d reviewer',
    'docker compose -f docker-compose.butler.yml ps reviewer',
    'docker compose logs reviewer -f',
    'scripts/dev/run_modular_review.py',
  ],
  rollback: 'git checkout <prev-tag>',
  criteria: [
    'fails post-deploy.',
    'Reviewer container emits fatal errors for multiple tasks.',
    'spikes above baseline.',
  ],
  migration: [
    'Update dependency:',
    'multipass-reviewer = { git = "https://example.com/multipass-reviewer.git", tag = "v0.3.0" }',
    'Delete env vars',
    'Re-run mypy/flake8 with stricter configuration provided by 0.3.0.',
    'Replace ad-hoc reviewer stubs with adapters from',
    'Update documentation references to the new version and mandatory reviewer path.',
  ],
  checks: [
    'make lint-allowlist',
    'make review-test',
    'poetry run pytest packages/multipass-reviewer/tests',
    'poetry run pytest shared/tests/test_code_reviewer_agent.py',
    'label',
    'Documentation diff reviewed (EN + RU guides, MCP API note)',
    'Release notes/changelog approved by tech lead',
  ],
  signOffs: [
    'Architecture Lead',
    'QA Lead',
    'Operations Lead',
    'Product/Programme',
  ],
  metrics: [
    'review_pass_runtime_seconds',
    'review_pass_failures_total',
    'llm_request_latency_seconds',
    'modular_reviewer_sessions_total',
  ],
  alerts: ['MCPReviewerJobFailuresHigh', 'ModularReviewerLatencyHigh'],
  communication: [
    'Notify stakeholders via Stage 01_03 comms plan (email + Slack + board update).',
    'flag and mandatory adoption.',
    'Provide link to migration guide and release notes',
  ],
};

// The checklist the Start a rollout template is given.
const nextChecklist = `# Stage 02_01 · Rollout Checklist

## 1. Operator Runbook

| Step | Command / Action | Notes |
|------|------------------|-------|
| 1 | \`make review-test\` | Reviewer smoke tests must pass. |
| 2 | Rollback (if needed): redeploy v0.3.0 | Use the previous tag. |

## 3. Pre-Flight Validation

- [ ] \`make review-test\`

## 4. Stakeholder Sign-Off

| Stakeholder | Responsibility | Status | Notes |
|-------------|----------------|--------|-------|
| QA Lead | Approves test evidence | ☐ | |
| Security Lead | Reviews the threat model | ☐ | |
`;

let app;
let browser;
let page;
let monitoring;
let mail;

before(async () => {
  // The SMTP sink the notifications backend's email module sends to.
  mail = await startMail();
  // Debian's Prometheus and Alertmanager, scraping the demo exporter every
  // second, on free ports; short windows so that a spike shows in seconds.
  monitoring = await startMonitoring();
  app = await startApp({
    env: {
      APP_CONFIG_rollout_prometheus_baseUrl: monitoring.prometheusUrl,
      APP_CONFIG_rollout_prometheus_rateWindow: '5s',
      APP_CONFIG_rollout_alertmanager_baseUrl: monitoring.alertmanagerUrl,
      APP_CONFIG_rollout_gates_baselineWindow: '10s',
      APP_CONFIG_rollout_gates_seriesWindow: '2m',
      APP_CONFIG_rollout_gates_frequency: '2s',
      APP_CONFIG_notifications_processors_email_transportConfig_port: String(
        mail.smtpPort,
      ),
    },
  });
  ({ browser, page } = await openSignedIn());
});

after(async () => {
  await browser?.close();
  app?.stop();
  await monitoring?.stop();
  await mail?.stop();
});

const section = name => page.getByRole('region', { name });

/**
 * Changes the rollout's status with the header's button and its dialog,
 * confirmed with `confirm` (the action's own label by default).
 */
async function statusChange(action, reason, confirm = action) {
  await page
    .getByRole('group', { name: 'Status changes' })
    .getByRole('button', { name: action })
    .click();
  const dialog = page.getByRole('dialog');
  if (reason) {
    await dialog.getByLabel('Reason').fill(reason);
  }
  await dialog.getByRole('button', { name: confirm }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Waits for the tab, including its markdown, which renders a moment later. */
async function waitForTab() {
  await page.getByRole('heading', { name: seed.title }).waitFor();
  for (const text of [seed.runbook[0], seed.checks[6], seed.migration[0]]) {
    await page.getByText(text).first().waitFor();
  }
  await section('Communication').getByText(seed.communication[0]).waitFor();
  await section('History').getByText('Created the rollout').waitFor();
}

async function rowTexts(locator) {
  return (await locator.allInnerTexts()).map(text => text.replace(/\s+/g, ' '));
}

test('the Rollout tab shows every section of the seed', async t => {
  await openEntityPage(page, 'component', 'multipass-reviewer');
  await page.getByRole('link', { name: 'Rollout', exact: true }).click();
  await waitForTab();

  assert.match(
    await page.getByTestId('rollout-versions').innerText(),
    /v0\.3\.0 ← v0\.2\.0/,
  );
  assert.equal(
    await page
      .getByRole('link', { name: 'Release notes' })
      .getAttribute('href'),
    'https://example.com/multipass-reviewer/tree/main/CHANGELOG.md',
  );

  const runbook = await rowTexts(
    section('Operator runbook')
      .getByRole('table', { name: 'Runbook steps' })
      .locator('tbody tr'),
  );
  assert.equal(runbook.length, 9);
  seed.runbook.forEach((command, i) =>
    assert.ok(runbook[i].includes(command), `step ${i + 1}: ${runbook[i]}`),
  );
  const rollback = await rowTexts(
    page.getByRole('table', { name: 'Rollback steps' }).locator('tbody tr'),
  );
  assert.equal(rollback.length, 1);
  assert.ok(rollback[0].startsWith('10 '), rollback[0]);
  assert.ok(rollback[0].includes(seed.rollback), rollback[0]);
  const criteria = await rowTexts(
    page.getByLabel('Rollback trigger criteria').locator('li'),
  );
  assert.equal(criteria.length, 3);
  seed.criteria.forEach((text, i) => assert.ok(criteria[i].includes(text)));

  // The header links the migration guide, which this checklist has.
  const guideLink = page.getByRole('link', { name: 'Migration guide' });
  assert.equal(
    await guideLink.getAttribute('href'),
    '#rollout-migration-guide',
  );
  const migration = section('Developer migration guide');
  assert.equal(await migration.locator(':scope ol > li').count(), 5);
  const migrationText = (await migration.innerText()).replace(/\s+/g, ' ');
  for (const text of seed.migration) {
    assert.ok(migrationText.includes(text), `migration guide has ${text}`);
  }

  const checks = await rowTexts(section('Pre-flight validation').locator('li'));
  assert.equal(checks.length, 7);
  seed.checks.forEach((text, i) => assert.ok(checks[i].includes(text)));

  const signOffs = await rowTexts(
    page.getByRole('table', { name: 'Sign-offs' }).locator('tbody tr'),
  );
  assert.equal(signOffs.length, 4);
  seed.signOffs.forEach((role, i) => assert.ok(signOffs[i].startsWith(role)));
  assert.ok(signOffs[0].includes('Not a signer'));
  assert.ok(signOffs[1].includes('Approve'));

  const metrics = await section('Monitoring & observability')
    .getByRole('region')
    .evaluateAll(cards => cards.map(card => card.getAttribute('aria-label')));
  assert.deepEqual(metrics, seed.metrics);
  const alerts = await rowTexts(
    page.getByRole('table', { name: 'Alerts' }).locator('tbody tr'),
  );
  assert.deepEqual(
    alerts.map(row => row.split(' ')[0]),
    seed.alerts,
  );
  assert.ok(alerts[0].includes('Alertmanager'));

  const comms = await rowTexts(section('Communication').locator('li'));
  assert.equal(comms.length, 3);
  seed.communication.forEach((text, i) => assert.ok(comms[i].includes(text)));

  const history = await section('History').innerText();
  assert.match(history, /Created the rollout of v0\.3\.0/);

  const file = await screenshot(page, 'rollout-tab');
  t.diagnostic(`screenshot: ${file}`);
});

test('a pre-flight tick, a skipped step, the communication plan and the guest sign-off persist across a reload', async t => {
  await waitForOwnership(page, waitForTab);
  // A person's check: the command checks tick themselves when their step runs.
  const check = page.getByTestId('check-check-6');
  await tick(check);

  const qa = page.getByTestId('signoff-qa-lead');
  await qa.getByRole('button', { name: 'Approve' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Note').fill('Evidence attached in the QA run');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await qa.filter({ hasText: /by\s+guest on/i }).waitFor();

  // Step 1 skipped for a reason, asked for in a dialog.
  const step1 = page.getByTestId('step-step-1');
  await step1.getByRole('button', { name: 'Skip step 1' }).click();
  const skip = page.getByRole('dialog', { name: 'Skip step 1?' });
  assert.deepEqual(await accessibilityViolations(page, '[role="dialog"]'), []);
  await skip
    .getByLabel('Reason')
    .fill('The image already has the dependencies');
  await skip.getByRole('button', { name: 'Skip step' }).click();
  await skip.waitFor({ state: 'hidden' });
  await step1.getByTestId('status-skipped').waitFor();
  await step1.getByText('The image already has the dependencies').waitFor();

  // Every communication item of the plan, marked done on the tab.
  for (const id of ['comms-1', 'comms-2', 'comms-3']) {
    const item = page.getByTestId(`comms-${id}`);
    await tick(item);
  }

  await page.reload();
  await waitForTab();
  for (const id of ['comms-1', 'comms-2', 'comms-3']) {
    assert.equal(
      await page.getByTestId(`comms-${id}`).getByRole('checkbox').isChecked(),
      true,
    );
  }
  assert.equal(
    await page.getByTestId('check-check-6').getByRole('checkbox').isChecked(),
    true,
  );
  assert.equal(
    await page.getByTestId('check-check-1').getByRole('checkbox').isChecked(),
    false,
  );
  const row = page.getByTestId('signoff-qa-lead');
  await row.getByTestId('status-approved').waitFor();
  assert.match(await row.innerText(), /Evidence attached in the QA run/);
  assert.match(await row.innerText(), /by\s+guest on/i);
  const history = await section('History').innerText();
  assert.match(
    history,
    /Approved as QA Lead: "Evidence attached in the QA run"/,
  );
  assert.match(
    history,
    /Checked the pre-flight check "Documentation diff reviewed/,
  );
  assert.match(
    history,
    /Marked the communication item "Notify stakeholders via Stage 01_03 comms plan/,
  );
  assert.match(
    history,
    /Skipped step 1 \(poetry install --with dev\): The image already has the dependencies/,
  );

  const file = await screenshot(page, 'rollout-tab-after-sign-off');
  t.diagnostic(`screenshot: ${file}`);
});

test('the first communication item goes out as an announcement: on the Notifications page and by email, once', async t => {
  const tab = `${appUrl}/catalog/default/component/multipass-reviewer/rollout?version=v0.3.0`;
  await page.goto(tab);
  await waitForOwnership(page, waitForTab);
  const item = page.getByTestId('comms-comms-1');
  await item
    .getByRole('button', { name: `Send: ${seed.communication[0]}` })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Send announcement' });
  const subject = dialog.getByLabel('Subject');
  await subject.waitFor();
  assert.equal(
    await subject.inputValue(),
    'Release v0.3.0 of multipass-reviewer',
  );
  const message = dialog.getByLabel('Message');
  const body = await message.inputValue();
  for (const line of [
    'It replaces v0.2.0.',
    seed.communication[0],
    `- Migration guide: ${tab}#rollout-migration-guide`,
    '- Release notes: https://example.com/multipass-reviewer/tree/main/CHANGELOG.md',
    `- The rollout: ${tab}`,
  ]) {
    assert.ok(body.includes(line), `the message has "${line}":\n${body}`);
  }
  await message.fill(`${body}\n\nQuestions go to **#multipass**.`);
  await dialog
    .getByTestId('announcement-preview')
    .getByText('#multipass')
    .waitFor();
  assert.deepEqual(await accessibilityViolations(page, '[role="dialog"]'), []);
  t.diagnostic(
    `screenshot: ${await screenshot(dialog, 'send-announcement-dialog')}`,
  );
  await dialog.getByRole('button', { name: 'Send', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });

  // The item is ticked by the guest and says it was sent; the history
  // says to how many and by which channels.
  await item.getByText(/Sent to \d+ people/).waitFor();
  assert.equal(await item.getByRole('checkbox').isChecked(), true);
  assert.match(await item.innerText(), /by\s+guest on/i);
  const sent = section('History').getByText(
    /Sent "Notify stakeholders via Stage 01_03 comms plan .*" to \d+ people by web, email/,
  );
  await sent.waitFor();
  const people = Number(/to (\d+) people/.exec(await sent.innerText())[1]);
  assert.ok(people >= 2, `sent to ${people} people`);
  t.diagnostic(
    `screenshot: ${await screenshot(
      section('Communication'),
      'communication-item-sent',
    )}`,
  );

  // Sending it again asks first, saying when it went.
  await item
    .getByRole('button', { name: `Send: ${seed.communication[0]}` })
    .click();
  await dialog.getByText('Sending it again notifies everyone again').waitFor();
  assert.equal(
    await dialog.getByRole('button', { name: 'Send again' }).isDisabled(),
    true,
  );
  assert.deepEqual(await accessibilityViolations(page, '[role="dialog"]'), []);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });

  // The email: once to each person, the guest among them, through the
  // notifications backend's email module to the sink.
  let messages = [];
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    messages = await (await fetch(`${mail.httpUrl}/messages`)).json();
    if (
      messages.filter(m => m.subject.startsWith('Release')).length >= people
    ) {
      break;
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  const announcements = messages.filter(
    m => m.subject === 'Release v0.3.0 of multipass-reviewer',
  );
  const to = announcements.flatMap(m => m.to).sort();
  assert.equal(to.length, people, `emails to ${to.join(', ')}`);
  assert.deepEqual([...new Set(to)], to);
  const email = announcements.find(m => m.to.includes('guest@example.com'));
  assert.ok(email, `an email to the guest among ${to.join(', ')}`);
  for (const line of [
    'multipass-reviewer v0.3.0 is a draft.',
    seed.communication[0],
    `- Migration guide: ${tab}#rollout-migration-guide`,
    '- Release notes: https://example.com/multipass-reviewer/tree/main/CHANGELOG.md',
    'Questions go to **#multipass**.',
  ]) {
    assert.ok(email.text.includes(line), `the email has "${line}"`);
  }
  t.diagnostic(
    `email as received: ${JSON.stringify(
      {
        from: email.headers.from,
        to: email.headers.to,
        subject: email.headers.subject,
        date: email.headers.date,
        'content-type': email.headers['content-type'],
      },
      null,
      1,
    )}\n${email.text}`,
  );

  // The guest's Notifications page shows it.
  await page.goto(`${appUrl}/notifications`);
  await page
    .getByText('Release v0.3.0 of multipass-reviewer')
    .first()
    .waitFor();
  t.diagnostic(
    `screenshot: ${await screenshot(page, 'notifications-page-announcement')}`,
  );
  await page.goto(tab);
  await waitForTab();
});

test('step 2 runs as a scaffolder task, live on the tab, and ticks its pre-flight check', async t => {
  const row = page.getByTestId('step-step-2');
  const check = page.getByTestId('check-check-1');
  assert.equal(await check.getByRole('checkbox').isChecked(), false);

  // The demo task can finish within half a second, so record every status
  // the row shows rather than hoping to catch "running" on screen.
  await page.evaluate(() => {
    const seen = [];
    window.step2Statuses = seen;
    const record = () => {
      const chip = document.querySelector(
        '[data-testid="step-step-2"] [data-testid^="status-"]',
      );
      const status = chip?.getAttribute('data-testid');
      if (status && seen[seen.length - 1] !== status) {
        seen.push(status);
      }
    };
    record();
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
    });
  });
  const started = page.waitForResponse(
    response =>
      /\/steps\/step-2\/run$/.test(response.url()) &&
      response.request().method() === 'POST',
  );
  await row.getByRole('button', { name: 'Run step 2', exact: true }).click();
  const response = await started;
  assert.equal(response.status(), 202);
  assert.equal((await response.json()).step.status, 'running');
  // No reload from here on: the backend's signal brings the result.
  await row.getByTestId('status-succeeded').waitFor({ timeout: 90_000 });
  assert.deepEqual(await page.evaluate(() => window.step2Statuses), [
    'status-pending',
    'status-running',
    'status-succeeded',
  ]);
  await row.getByText('make lint-allowlist exited with code 0').waitFor();
  // The command's own output, summed up; the whole of it a click away.
  await row.getByTestId('step-step-2-log').waitFor();
  await row.getByRole('button', { name: 'Show the output of step 2' }).click();
  const output = row.getByLabel('Output of step 2', { exact: true });
  await output
    .getByText('allowlist.txt: 3 entries, sorted and unique')
    .waitFor();
  assert.doesNotMatch(
    await output.innerText(),
    /Beginning step|Skipping step|Finished step/,
  );
  await check.filter({ hasText: /by\s+guest on/i }).waitFor();
  assert.equal(await check.getByRole('checkbox').isChecked(), true);
  assert.match(
    await section('History').innerText(),
    /Step 2 \(make lint-allowlist\) succeeded \(task .+ reported\): make lint-allowlist exited with code 0; ticked the pre-flight check "make lint-allowlist"/,
  );
  t.diagnostic(`screenshot: ${await screenshot(page, 'step-2-succeeded')}`);

  // The task opens beside the tab; its page links back to the rollout.
  const task = row.getByRole('link', {
    name: 'Task of step 2 (opens in a new tab)',
  });
  assert.equal(await task.getAttribute('target'), '_blank');
  await page.goto(new URL(await task.getAttribute('href'), appUrl).href);
  await page.waitForURL(/\/create\/tasks\/[0-9a-f-]+$/);
  await page.getByText('Run the command').first().waitFor();
  await page.getByText('Report success').first().waitFor();
  const back = page.getByRole('link', { name: 'Back to the rollout' });
  await back.waitFor();
  assert.match(
    await back.getAttribute('href'),
    /\/catalog\/default\/component\/multipass-reviewer\/rollout\?version=v0\.3\.0$/,
  );
  t.diagnostic(`screenshot: ${await screenshot(page, 'step-2-task-page')}`);
});

test('the Monitoring section shows live gates, and a failure spike blocks the rollout', async t => {
  await page.goto(
    `${appUrl}/catalog/default/component/multipass-reviewer/rollout`,
  );
  await waitForTab();
  const monitoringSection = section('Monitoring & observability');
  const metricCard = name => monitoringSection.getByRole('region', { name });
  const stateOf = async locator =>
    (
      await locator
        .getByTestId(/^gate-state-/)
        .first()
        .innerText()
    ).trim();

  // Live values from Prometheus: every metric within its baseline.
  for (const name of seed.metrics) {
    await metricCard(name).getByTestId('gate-state-ok').waitFor();
    assert.match(await metricCard(name).innerText(), /Baseline/);
  }
  assert.ok(await metricCard(seed.metrics[1]).locator('svg path').count());
  await monitoringSection.getByText(/Last evaluated/).waitFor();
  const alerts = monitoringSection.getByRole('table', { name: 'Alerts' });
  for (const name of seed.alerts) {
    const row = alerts.locator('tbody tr', { hasText: name });
    assert.equal(await stateOf(row), 'inactive');
  }
  const criteria = monitoringSection.getByRole('table', {
    name: 'Rollback criteria',
  });
  const spikeRow = criteria.locator('tbody tr', { hasText: 'spikes above' });
  assert.equal(await stateOf(spikeRow), 'ok');
  t.diagnostic(`screenshot: ${await screenshot(page, 'monitoring-live')}`);
  t.diagnostic(
    `screenshot: ${await screenshot(
      monitoringSection,
      'monitoring-live-section',
    )}`,
  );

  // Start the rollout from the header, then spike the failures: the
  // scheduled evaluation blocks it and the tab shows it without a reload.
  // Starting needs every pre-flight check ticked.
  for (let n = 1; n <= 7; n++) {
    const check = page.getByTestId(`check-check-${n}`);
    if (!(await check.getByRole('checkbox').isChecked())) {
      await tick(check);
    }
  }
  await statusChange('Start rollout');
  await section('History')
    .getByText('Changed the status from draft to in progress')
    .waitFor();
  const steered = await fetch(`${monitoring.exporterUrl}/steer`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ failuresPerSecond: 5 }),
  });
  assert.equal(steered.status, 200);

  await monitoringSection
    .getByText(/Blocked by a gate/)
    .waitFor({ timeout: 60_000 });
  await spikeRow.getByTestId('gate-state-triggered').waitFor();
  await metricCard('review_pass_failures_total')
    .getByTestId('gate-state-breached')
    .waitFor();
  assert.match(
    await section('History').innerText(),
    /Blocked the rollout: the rollback criterion .*review_pass_failures_total.* triggered/,
  );
  t.diagnostic(`screenshot: ${await screenshot(page, 'monitoring-blocked')}`);
  t.diagnostic(
    `screenshot: ${await screenshot(
      monitoringSection,
      'monitoring-blocked-section',
    )}`,
  );

  // An alert posted to Alertmanager shows as firing.
  const posted = await fetch(`${monitoring.alertmanagerUrl}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify([
      {
        labels: {
          alertname: 'MCPReviewerJobFailuresHigh',
          service: 'multipass-reviewer',
          severity: 'page',
        },
        startsAt: new Date().toISOString(),
      },
    ]),
  });
  assert.equal(posted.status, 200);
  await alerts
    .locator('tbody tr', { hasText: 'MCPReviewerJobFailuresHigh' })
    .getByTestId('gate-state-firing')
    .waitFor({ timeout: 60_000 });
  t.diagnostic(
    `screenshot: ${await screenshot(page, 'monitoring-alert-firing')}`,
  );

  // Resume says what the gates would block on, before anyone resumes; from
  // the keyboard, Escape closes it and the focus is back on Resume, with a
  // ring one can see.
  const resume = page
    .getByRole('group', { name: 'Status changes' })
    .getByRole('button', { name: 'Resume' });
  await resume.focus();
  await page.keyboard.press('Enter');
  const resuming = page.getByRole('dialog', { name: 'Resume v0.3.0?' });
  const warnings = resuming.getByRole('list', {
    name: /^The gates would block the rollout/,
  });
  await warnings.waitFor();
  const warned = await warnings.innerText();
  assert.match(warned, /The alert MCPReviewerJobFailuresHigh is firing/);
  assert.match(
    warned,
    /The rollback criterion ".*spikes above baseline\." is triggered/,
  );
  assert.deepEqual(await accessibilityViolations(page, '[role="dialog"]'), []);
  t.diagnostic(`screenshot: ${await screenshot(resuming, 'resume-warnings')}`);
  await page.keyboard.press('Escape');
  await resuming.waitFor({ state: 'hidden' });
  await page.waitForFunction(
    () => document.activeElement?.textContent === 'Resume',
  );
  const ring = await resume.evaluate(button => {
    const style = getComputedStyle(button);
    return { style: style.outlineStyle, width: style.outlineWidth };
  });
  assert.notEqual(ring.style, 'none', 'Resume shows a focus ring');
  assert.ok(parseFloat(ring.width) >= 2, `the ring is ${ring.width} wide`);
  t.diagnostic(
    `screenshot: ${await screenshot(
      page.locator('.MuiCard-root', {
        has: page.getByTestId('rollout-versions'),
      }),
      'resume-focus-ring',
    )}`,
  );
  t.diagnostic(
    `screenshot: ${await screenshot(
      monitoringSection,
      'monitoring-alert-firing-section',
    )}`,
  );

  // The failures calm down while the alert still fires: the metric reads ok
  // again, and says that the alert, whose rule reads it, disagrees.
  const calmed = await fetch(`${monitoring.exporterUrl}/steer`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ failuresPerSecond: 0.2 }),
  });
  assert.equal(calmed.status, 200);
  const failures = metricCard('review_pass_failures_total');
  await failures.getByTestId('gate-contradiction').waitFor({ timeout: 60_000 });
  assert.match(
    await failures.getByTestId('gate-contradiction').innerText(),
    /the alert MCPReviewerJobFailuresHigh, whose rule reads review_pass_failures_total, is firing although this reads ok/,
  );
  t.diagnostic(
    `screenshot: ${await screenshot(failures, 'monitoring-contradiction')}`,
  );

  // A person records the rollback from the header, with a reason, without
  // running the rollback step.
  await statusChange(
    'Roll back',
    'failures spiked after the deploy',
    'Record as rolled back',
  );
  await section('History')
    .getByText(
      'Changed the status from blocked to rolled back: failures spiked after the deploy',
    )
    .waitFor();
  assert.equal(
    await monitoringSection
      .getByRole('alert', { name: 'Blocked by a gate' })
      .count(),
    0,
  );
  t.diagnostic(`screenshot: ${await screenshot(page, 'rolled-back')}`);
});

test('the Start a rollout template creates a rollout the entity shows', async t => {
  await page.goto(`${appUrl}/create`);
  await page.getByText('Start a rollout').first().waitFor();
  await page.goto(`${appUrl}/create/templates/default/start-rollout`);

  const entity = page.locator('#root_entityRef');
  await entity.click();
  await entity.fill('multipass');
  await page.getByRole('option', { name: /multipass-reviewer/ }).click();
  await page.getByLabel(/^Version/).fill('v0.4.0');
  await page.getByLabel(/^Previous version/).fill('v0.3.0');
  await page.getByLabel(/^Checklist/).fill(nextChecklist);
  // The form says who signs each row: QA Lead through app-config's role
  // mapping, Security Lead nobody.
  const signers = page.getByRole('list', { name: 'Signers by sign-off row' });
  await signers.getByText('group:default/qa-leads').waitFor();
  assert.match(
    await page.getByTestId('rollout-signers-nobody').innerText(),
    /^Nobody can sign Security Lead:/,
  );
  assert.deepEqual(await accessibilityViolations(page, 'form'), []);
  t.diagnostic(
    `screenshot: ${await screenshot(page, 'start-rollout-signers')}`,
  );
  await page.getByRole('button', { name: 'Review' }).click();
  // The review step shows it too.
  await page
    .getByText(
      'QA Lead: group:default/qa-leads; Security Lead: nobody can sign',
    )
    .waitFor();
  t.diagnostic(`screenshot: ${await screenshot(page, 'start-rollout-review')}`);
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('link', { name: 'Open the rollout' }).waitFor({
    timeout: 90_000,
  });
  t.diagnostic(`screenshot: ${await screenshot(page, 'start-rollout-task')}`);

  // The output link is absolute, so the scaffolder opens it in a new tab.
  const href = await page
    .getByRole('link', { name: 'Open the rollout' })
    .getAttribute('href');
  assert.match(
    href,
    /^http:\/\/localhost:3000\/catalog\/default\/component\/multipass-reviewer\/rollout$/,
  );
  await page.goto(href);
  await page
    .getByRole('heading', { name: 'Stage 02_01 · Rollout Checklist' })
    .waitFor();
  assert.match(
    await page.getByTestId('rollout-versions').innerText(),
    /v0\.4\.0 ← v0\.3\.0/,
  );
  // The guest, a QA lead, signs the QA row; the tab names the row nobody signs.
  await page
    .getByTestId('signoff-qa-lead')
    .getByRole('button', { name: 'Approve' })
    .waitFor();
  assert.match(
    await page.getByTestId('signoff-unsignable').innerText(),
    /^Nobody can sign Security Lead:/,
  );
  await page.getByLabel('Version').click();
  const versions = await page.getByRole('option').allInnerTexts();
  assert.deepEqual(
    versions.map(v => v.split(' ')[0]),
    ['v0.4.0', 'v0.3.0'],
  );
  await page.keyboard.press('Escape');
  // This checklist has no migration guide: the header does not offer one.
  assert.equal(
    await page.getByRole('link', { name: 'Migration guide' }).count(),
    0,
  );
  assert.equal(await section('Developer migration guide').count(), 0);
  t.diagnostic(`screenshot: ${await screenshot(page, 'new-rollout-tab')}`);
});

test('on an entity the guest does not own, Run and the pre-flight ticks are disabled with the reason', async t => {
  await openEntityPage(page, 'component', 'payments-api');
  await page.getByRole('link', { name: 'Rollout', exact: true }).click();
  await page
    .getByRole('heading', { name: 'Stage 02_04 · Rollout Checklist' })
    .waitFor();
  const reason = 'Only owners of component:default/payments-api can run steps';
  // The permission answers arrive after the rollout.
  const runs = page.getByRole('button', { name: 'Run' });
  await runs.first().waitFor();
  const deadline = Date.now() + 30_000;
  while ((await runs.first().isEnabled()) && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  const states = await Promise.all(
    (await runs.all()).map(run => run.isEnabled()),
  );
  assert.ok(states.length >= 3, `expected Run buttons, got ${states.length}`);
  assert.deepEqual(states.filter(Boolean), [], 'every Run button is disabled');
  assert.equal(
    await page.getByTestId('check-check-2').getByRole('checkbox').isEnabled(),
    false,
  );
  assert.equal(
    await page.getByRole('group', { name: 'Status changes' }).count(),
    0,
    'no status buttons for a reader',
  );
  assert.equal(
    await page.getByTestId('status-denied').innerText(),
    'Only owners of component:default/payments-api can change the status',
  );

  const wrapper = page.getByTestId('permission-denied').first();
  assert.equal(await wrapper.getAttribute('title'), reason);
  // The tooltip opens on the pointer entering the wrapper; should the tab
  // re-render under the pointer first, leave and enter again.
  const tooltip = page.getByRole('tooltip', { name: reason });
  for (let attempt = 1; ; attempt++) {
    await page.mouse.move(0, 0);
    await wrapper.hover();
    try {
      await tooltip.waitFor({ timeout: 5_000 });
      break;
    } catch (error) {
      if (attempt === 3) {
        throw error;
      }
    }
  }
  // Let the tooltip finish fading in before the picture.
  await new Promise(resolve => setTimeout(resolve, 500));
  assert.match(
    await page.getByTestId('runbook-denied').innerText(),
    /^Only owners of component:default\/payments-api can run steps: you can follow this runbook, not run it\.$/,
  );
  t.diagnostic(
    `screenshot: ${await screenshot(
      page.getByRole('region', { name: 'Operator runbook' }),
      'not-owner-run-disabled-section',
    )}`,
  );
  t.diagnostic(
    `screenshot: ${await screenshot(page, 'not-owner-run-disabled')}`,
  );

  // The guest still signs what it is a signer of on its own team's entity,
  // and reads this one: the API agrees with the disabled buttons.
  const { backstageIdentity } = await fetch(
    `${backendUrl}/api/auth/guest/refresh`,
  ).then(res => res.json());
  const { token } = backstageIdentity;
  const list = await fetch(
    `${backendUrl}/api/rollout/rollouts?entityRef=component:default/payments-api`,
    { headers: { Authorization: `Bearer ${token}` } },
  ).then(res => res.json());
  const [{ id, revision }] = list.items;
  const run = await fetch(
    `${backendUrl}/api/rollout/rollouts/${id}/steps/step-2/run`,
    { method: 'POST', headers: { Authorization: `Bearer ${token}` } },
  );
  assert.equal(run.status, 403);
  const refused = await fetch(
    `${backendUrl}/api/rollout/rollouts/${id}/preflight/check-2`,
    {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ expectedRevision: revision, checked: true }),
    },
  );
  assert.equal(refused.status, 403);
  assert.equal((await refused.json()).error.name, 'NotAllowedError');
});

test('the Rollouts board lists every rollout, narrows to my sign-offs in the URL, and approves in place', async t => {
  await page.goto(`${appUrl}/rollouts`);
  const table = page.getByRole('table', { name: 'Rollouts' });
  await table.waitFor();
  const entityLinks = () =>
    table.getByRole('row').locator('td:first-child a').allInnerTexts();
  await table.getByText('payments-api').first().waitFor();
  const all = await entityLinks();
  assert.ok(all.includes('multipass-reviewer'), all.join());
  assert.ok(all.includes('payments-api'), all.join());
  assert.ok(all.length >= 8, `expected the demo's rollouts, got ${all}`);
  assert.deepEqual(await accessibilityViolations(page), []);
  t.diagnostic(`screenshot: ${await screenshot(page, 'board')}`);

  await page.locator('#board-mine').click();
  await page.getByRole('option', { name: 'Waiting for my sign-off' }).click();
  await page.waitForURL(/[?&]mine=pending/);
  // The menu fades out; the screenshot waits for it to be gone.
  await page.locator('.MuiPopover-root').waitFor({ state: 'detached' });
  const mine = table.getByRole('group', { name: 'Your sign-off as QA Lead' });
  await mine.first().waitFor();
  const rows = await table.locator('tbody tr').count();
  assert.equal(await mine.count(), rows, 'every row waits for the guest');
  assert.ok(rows < all.length, 'the filter narrows the board');
  t.diagnostic(`screenshot: ${await screenshot(page, 'board-waiting-for-me')}`);

  // The link restores the filter.
  await page.reload();
  await mine.first().waitFor();
  assert.equal(await table.locator('tbody tr').count(), rows);
  assert.match(
    await page.locator('#board-mine').innerText(),
    /Waiting for my sign-off/,
  );

  const first = table.locator('tbody tr').first();
  const tab = await first.locator('td:first-child a').getAttribute('href');
  // A rejection asks why, in a dialog that passes the same checks.
  await first
    .getByRole('group', { name: 'Your sign-off as QA Lead' })
    .getByRole('button', { name: 'Reject' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Reject as QA Lead' });
  await dialog.waitFor();
  assert.equal(
    await dialog.getByRole('button', { name: 'Reject' }).isDisabled(),
    true,
    'no rejection without a reason',
  );
  assert.deepEqual(await accessibilityViolations(page, '[role="dialog"]'), []);
  t.diagnostic(`screenshot: ${await screenshot(page, 'board-reject-dialog')}`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });

  await first
    .getByRole('group', { name: 'Your sign-off as QA Lead' })
    .getByRole('button', { name: 'Approve' })
    .click();
  // Decided, it no longer waits for the guest.
  await page.waitForFunction(
    count => document.querySelectorAll('tbody tr').length === count,
    rows - 1,
  );
  await page.goto(`${appUrl}${tab}`);
  await page
    .getByTestId('signoff-qa-lead')
    .getByTestId('status-approved')
    .waitFor();
  assert.match(
    await page.getByTestId('signoff-qa-lead').innerText(),
    /by\s+guest on/i,
  );

  await page.goto(`${appUrl}/catalog/default/user/guest`);
  const card = page.getByRole('list', {
    name: 'Rollouts waiting for my sign-off',
  });
  await card.waitFor();
  assert.equal(await card.getByRole('listitem').count(), rows - 1);
  assert.deepEqual(
    await accessibilityViolations(
      page,
      '[aria-label="Rollouts waiting for my sign-off"]',
    ),
    [],
  );
  t.diagnostic(
    `screenshot: ${await screenshot(
      page
        .getByText('Waiting for my sign-off')
        .locator('xpath=ancestor::*[contains(@class, "MuiCard-root")][1]'),
      'pending-sign-offs-card',
    )}`,
  );
});

/**
 * Picks a language in Settings → Language. The select shows each language
 * in itself ("English", "Русский"), whatever the page's language.
 */
async function pickLanguage(from, to) {
  await page.goto(`${appUrl}/settings`);
  await page.getByRole('button', { name: from, exact: true }).click();
  await page.getByRole('option', { name: to, exact: true }).click();
  await page.getByRole('button', { name: to, exact: true }).waitFor();
}

test('in Russian, picked in Settings, the tab and the board speak Russian; English comes back', async t => {
  await pickLanguage('English', 'Русский');

  await openEntityPage(page, 'component', 'multipass-reviewer');
  await page.getByRole('link', { name: 'Выкатка', exact: true }).waitFor();
  // The seed's rollout: a test above started a newer version.
  await page.goto(
    `${appUrl}/catalog/default/component/multipass-reviewer/rollout?version=v0.3.0`,
  );
  await page.getByRole('heading', { name: seed.title }).waitFor();
  for (const title of [
    'Ранбук оператора',
    'Согласование с участниками',
    'История',
  ]) {
    await page.getByRole('heading', { name: title }).first().waitFor();
  }
  const tab = await page.locator('body').innerText();
  // Server-written sentences, worded from their data in Russian.
  assert.match(tab, /Создана выкатка v0\.3\.0/);
  // Gates and statuses in Russian, the checklist's own text as written.
  assert.match(tab, /в норме|нарушен|срабатывает/);
  assert.match(tab, /Documentation diff reviewed \(EN \+ RU guides/);
  const headings = await page.getByRole('heading').allInnerTexts();
  for (const english of ['Operator runbook', 'History', 'Sign-off']) {
    assert.ok(
      !headings.some(heading => heading.startsWith(english)),
      headings.join(' | '),
    );
  }
  assert.deepEqual(await accessibilityViolations(page), []);
  t.diagnostic(`screenshot: ${await screenshot(page, 'tab-ru')}`);

  await page.goto(`${appUrl}/rollouts`);
  const table = page.getByRole('table', { name: 'Выкатки' });
  await table.getByText('payments-api').first().waitFor();
  const board = await page.locator('body').innerText();
  assert.match(board, /Сущность/);
  assert.match(board, /Ждут моего согласования|Все выкатки/);
  assert.doesNotMatch(board, /Last activity|Waiting for my sign-off/);
  assert.deepEqual(await accessibilityViolations(page), []);
  t.diagnostic(`screenshot: ${await screenshot(page, 'board-ru')}`);

  await pickLanguage('Русский', 'English');
  await page.goto(`${appUrl}/rollouts`);
  await page
    .getByRole('table', { name: 'Rollouts' })
    .getByText('payments-api')
    .first()
    .waitFor();
});
