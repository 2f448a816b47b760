// Loaded into the benchmark's backend with --profile (NODE_OPTIONS may not
// carry --cpu-prof). In the backend process, the one running src/index, a
// first SIGUSR2 starts the CPU profiler and a second writes
// e2e-results/profiles/backend-<pid>.cpuprofile; the group's other
// processes ignore the signal.
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');

const dir = path.resolve(__dirname, '..', 'e2e-results', 'profiles');
if (process.argv.some(arg => /src[\\/]index(\.ts)?$/.test(arg))) {
  const session = new inspector.Session();
  session.connect();
  let profiling = false;
  process.on('SIGUSR2', () => {
    if (!profiling) {
      profiling = true;
      session.post('Profiler.enable');
      session.post('Profiler.start');
      return;
    }
    profiling = false;
    session.post('Profiler.stop', (error, result) => {
      if (!error) {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(
          path.join(dir, `backend-${process.pid}.cpuprofile`),
          JSON.stringify(result.profile),
        );
      }
    });
  });
} else {
  process.on('SIGUSR2', () => {});
}
