// The reviewer smoke tests of the demo service.
const assert = require('node:assert/strict');
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
