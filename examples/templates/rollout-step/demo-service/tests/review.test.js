// The reviewer smoke tests of the demo service.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

function review(diff) {
  return diff.includes('TODO') ? ['leftover TODO'] : [];
}

test('a clean diff passes review', () => {
  assert.deepEqual(review('+ const a = 1;'), []);
});

test('a leftover TODO is reported', () => {
  assert.deepEqual(review('+ // TODO remove'), ['leftover TODO']);
});

// The demo's switch to fail this step on purpose: `npm start` points
// ROLLOUT_DEMO_SWITCHES at .data/demo-switches, where a file named
// fail-review-test turns it on (see the README).
test('the demo switch "fail-review-test" is off', () => {
  const switches = process.env.ROLLOUT_DEMO_SWITCHES;
  const on =
    Boolean(switches) && fs.existsSync(path.join(switches, 'fail-review-test'));
  assert.equal(
    on,
    false,
    `${switches}/fail-review-test is there: the smoke tests fail on purpose`,
  );
});
