// `npm start`: the app and backend with the demo data, a local SMTP sink for
// the emails the app sends (examples/mail), and — where Debian's
// prometheus and prometheus-alertmanager are installed — the local
// monitoring stack of examples/monitoring, so that the Monitoring section of
// the demo rollout shows live values. Without them the app starts anyway
// and the Monitoring rows say why they are unknown. The data outlives a
// restart in the SQLite directory of app-config.yaml; `npm run reset`
// empties it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startMailSink } from '../examples/mail/sink.mjs';
import { startMonitoringStack } from '../examples/monitoring/stack.mjs';
import { sqliteDirectory } from './reset.mjs';

let monitoring;
try {
  monitoring = await startMonitoringStack();
  console.log(
    `monitoring: Prometheus ${monitoring.prometheusUrl}, Alertmanager ${monitoring.alertmanagerUrl}, demo exporter ${monitoring.exporterUrl} (examples/monitoring/README.md tells how to steer it)`,
  );
} catch (error) {
  console.warn(
    `monitoring: not started (${error.message}); the app starts without live metrics and alerts`,
  );
}

// Where the notifications backend's email goes (app-config.yaml's
// notifications.processors.email): every message is kept in .data/mail and
// shown at http://127.0.0.1:1080.
let mail;
try {
  mail = await startMailSink();
  console.log(
    `mail: SMTP sink on 127.0.0.1:${
      mail.smtpPort
    }; the emails that went out are at ${mail.httpUrl} and in ${path.relative(
      process.cwd(),
      mail.directory,
    )}`,
  );
} catch (error) {
  console.warn(
    `mail: sink not started (${error.message}); notifications still show in the app, their emails fail`,
  );
}

const data = sqliteDirectory();
if (data) {
  console.log(
    `data: kept in ${path.relative(
      process.cwd(),
      data,
    )} across restarts; \`npm run reset\` (with the app stopped) starts empty`,
  );
}

// The demo's switches: a file named fail-review-test here makes the smoke
// tests of the seed's step 3 fail on purpose (see the README).
const switches = path.resolve(
  process.env.ROLLOUT_DEMO_SWITCHES ?? path.join('.data', 'demo-switches'),
);
fs.mkdirSync(switches, { recursive: true });
process.env.ROLLOUT_DEMO_SWITCHES = switches;
console.log(
  `demo switches: ${path.relative(
    process.cwd(),
    switches,
  )} (touch fail-review-test there to fail step 3 on purpose)`,
);

const app = spawn(
  'npx',
  ['backstage-cli', 'repo', 'start', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);

let stopping = false;
async function stop(code) {
  if (stopping) {
    return;
  }
  stopping = true;
  app.kill('SIGTERM');
  await Promise.all([monitoring?.stop(), mail?.stop()]);
  process.exit(code);
}
process.on('SIGINT', () => stop(130));
process.on('SIGTERM', () => stop(143));
app.on('exit', code => stop(code ?? 1));
