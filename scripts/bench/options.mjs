import { parseArgs } from 'node:util';

export const usage = `npm run bench -- [options]

  --rollouts N      rollouts seeded through the API (default 10000, --quick 300)
  --entities N      generated catalog entities (default: as many as rollouts)
  --connections N   concurrent connections of each run (default 32)
  --seconds N       length of each run (default 5, --quick 1)
  --rounds N        times each pair is alternated A B (default 3, --quick 1)
  --sqlite          a temporary SQLite directory instead of PostgreSQL
  --only TEXT       only the measurements whose name contains TEXT
  --skip-frontend   no production build of the app
  --profile         a CPU profile of the backend during the pairs
  --keep            keep the PostgreSQL databases (or the SQLite directory)
  --quick           a small smoke run: 300 rollouts, 1 s runs, 1 round`;

const positive = (name, value) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new Error(`--${name} takes a whole number above 0, not "${value}"`);
  }
  return number;
};

/** The benchmark's options from the command line. */
export function benchOptions(argv = process.argv.slice(2)) {
  const { values } = parseArgs({
    args: argv,
    options: {
      rollouts: { type: 'string' },
      entities: { type: 'string' },
      connections: { type: 'string' },
      seconds: { type: 'string' },
      rounds: { type: 'string' },
      only: { type: 'string' },
      sqlite: { type: 'boolean', default: false },
      'skip-frontend': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const quick = values.quick;
  const rollouts = positive(
    'rollouts',
    values.rollouts ?? (quick ? 300 : 10_000),
  );
  return {
    help: values.help,
    quick,
    rollouts,
    // As many generated entities as rollouts, so that the catalog's page of
    // 100 is read from a table of the same scale as the board's.
    entities: positive('entities', values.entities ?? rollouts),
    connections: positive('connections', values.connections ?? 32),
    seconds: positive('seconds', values.seconds ?? (quick ? 1 : 5)),
    rounds: positive('rounds', values.rounds ?? (quick ? 1 : 3)),
    database: values.sqlite ? 'sqlite' : 'pg',
    only: values.only,
    skipFrontend: values['skip-frontend'],
    profile: values.profile,
    keep: values.keep,
  };
}

/** Whether a measurement of this name is wanted under `--only`. */
export const wanted = (options, name) =>
  !options.only ||
  name
    .toLocaleLowerCase('en-US')
    .includes(options.only.toLocaleLowerCase('en-US'));
