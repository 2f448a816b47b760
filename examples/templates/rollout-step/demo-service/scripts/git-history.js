// Gives the workspace the release history a rollback goes back through: a
// git repository whose commits are tagged v0.2.0 and v0.3.0, the release
// being rolled out checked out. Each release writes its version to VERSION.
const { execFileSync } = require('child_process');
const fs = require('fs');

const git = (...args) => execFileSync('git', args, { stdio: 'inherit' });

git('init', '--quiet', '--initial-branch=main');
git('config', 'user.name', 'Rollout demo');
git('config', 'user.email', 'rollout-demo@example.com');
for (const version of ['0.2.0', '0.3.0']) {
  fs.writeFileSync('VERSION', `${version}\n`);
  git('add', '--all');
  git('commit', '--quiet', '--message', `Release ${version}`);
  git('tag', `v${version}`);
}
console.log('history: v0.2.0, v0.3.0; checked out v0.3.0');
