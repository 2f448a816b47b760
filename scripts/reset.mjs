// `npm run reset`: deletes the local backend's SQLite files, so that the next
// `npm start` begins with an empty database and loads the demo again. Only
// the files of `backend.database.connection.directory` in app-config.yaml
// that SQLite wrote go, never anything else that may share the directory.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const sqliteFile = /\.sqlite(-journal|-wal|-shm)?$/;

function readConfig() {
  const { parse } = require('yaml');
  return parse(fs.readFileSync(path.join(root, 'app-config.yaml'), 'utf8'));
}

/**
 * The directory app-config.yaml keeps the SQLite files in, resolved as the
 * backend resolves it (from packages/backend), or undefined when the
 * database is not a SQLite directory.
 */
export function sqliteDirectory(config = readConfig()) {
  const database = config?.backend?.database;
  const directory = database?.connection?.directory;
  if (!/sqlite/.test(database?.client ?? '') || typeof directory !== 'string') {
    return undefined;
  }
  return path.resolve(root, 'packages', 'backend', directory);
}

async function backendAnswers(baseUrl) {
  try {
    await fetch(`${baseUrl}/.backstage/health/v1/liveness`);
    return true;
  } catch {
    return false;
  }
}

async function reset() {
  const config = readConfig();
  const directory = sqliteDirectory(config);
  if (!directory) {
    console.log(
      'reset: app-config.yaml keeps no SQLite directory; nothing to delete',
    );
    return 0;
  }
  // Under a running backend the deleted files live on, unlinked, until it
  // stops, and it would not load the demo again: refuse instead.
  const backendUrl = config.backend.baseUrl;
  if (await backendAnswers(backendUrl)) {
    console.error(
      `reset: the backend answers on ${backendUrl}; stop \`npm start\` first`,
    );
    return 1;
  }
  const shown = path.relative(root, directory) || '.';
  if (!fs.existsSync(directory)) {
    console.log(`reset: ${shown} does not exist; the next start is empty`);
    return 0;
  }
  const files = fs.readdirSync(directory).filter(file => sqliteFile.test(file));
  for (const file of files) {
    fs.rmSync(path.join(directory, file));
  }
  // Removed only when nothing else was kept there.
  if (fs.readdirSync(directory).length === 0) {
    fs.rmdirSync(directory);
  }
  console.log(
    `reset: deleted ${files.length} SQLite file(s) in ${shown}; the next \`npm start\` is empty and loads the demo again`,
  );
  return 0;
}

// Run as `npm run reset`; start.mjs imports sqliteDirectory only.
if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  process.exitCode = await reset();
}
