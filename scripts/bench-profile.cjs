// Loaded into the benchmark's backend with --profile (`--require`): the
// profile should cover the measured runs only, not the start and the
// seeding, which --cpu-prof would include. A first SIGUSR2 starts the CPU
// profiler and a second writes
// bench-results/profiles/backend-<pid>-<time>.cpuprofile, for Chrome's
// DevTools.
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');

const dir = path.resolve(__dirname, '..', 'bench-results', 'profiles');
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
        path.join(dir, `backend-${process.pid}-${Date.now()}.cpuprofile`),
        JSON.stringify(result.profile),
      );
    }
  });
});
