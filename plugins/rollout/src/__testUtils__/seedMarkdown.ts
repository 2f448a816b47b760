// Node built-ins are kept out of frontend code, but this module is only for
// tests, which run in Node and read the fixture as the backend would.
// eslint-disable-next-line no-restricted-imports
import fs from 'fs';

/** The Stage 01_03 checklist of multipass-reviewer v0.3.0, as written. */
export const seedMarkdown = fs.readFileSync(
  `${__dirname}/../__fixtures__/stage-01_03-rollout-checklist.md`,
  'utf8',
);
