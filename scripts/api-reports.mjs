#!/usr/bin/env node
// Writes each plugin's API report (report.api.md, and report-alpha.api.md for
// an /alpha entry point) with API Extractor, from the declarations `tsc`
// emits to dist-types. With --check it writes nothing and fails when a report
// differs from what the code exports now.
import {
  Extractor,
  ExtractorConfig,
  ExtractorLogLevel,
} from '@microsoft/api-extractor';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

// Kept as warnings in the report itself, as Backstage's reports do, so a
// reviewer sees them beside the export.
const reportedInFile = [
  'ae-missing-release-tag',
  'ae-forgotten-export',
  'ae-undocumented',
  'ae-incompatible-release-tags',
];

function entryPoints(pkg) {
  const mounts = Object.entries(pkg.exports ?? { '.': pkg.main }).filter(
    ([mount, target]) => typeof target === 'string' && /\.tsx?$/.test(target),
  );
  return mounts.map(([mount, target]) => ({
    name: mount === '.' ? 'index' : mount.replace(/^\.\//, ''),
    source: target.replace(/^\.\//, ''),
  }));
}

function packageDirs() {
  return fs
    .readdirSync(path.join(root, 'plugins'))
    .map(dir => path.join(root, 'plugins', dir))
    .filter(dir => fs.existsSync(path.join(dir, 'package.json')))
    .filter(dir => !readJson(path.join(dir, 'package.json')).private)
    .sort();
}

function declarationsOf(dir, entry) {
  return path.join(
    root,
    'dist-types',
    path.relative(root, dir),
    entry.source.replace(/\.tsx?$/, '.d.ts'),
  );
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

async function main() {
  console.log('[api-reports] tsc (declarations to dist-types)');
  // A fresh compile: an incremental one reuses the checker's earlier state,
  // and the order in which it then prints inferred object types (zod's, in
  // particular) differs from a clean clone's, so reports would differ too.
  const tsc = spawnSync('npx', ['tsc', '--incremental', 'false'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (tsc.status !== 0) {
    throw new Error('tsc failed; fix the type errors first');
  }

  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'api-reports-'));
  const prettierConfig = await prettier.resolveConfig(
    path.join(root, 'report.api.md'),
  );
  // Our packages import each other; their package.json points at sources.
  // API Extractor takes a package for external only when it resolves under
  // node_modules, so each one's declarations are linked into one.
  const ownDeclarations = {};
  for (const dir of packageDirs()) {
    const pkg = readJson(path.join(dir, 'package.json'));
    const linked = path.join(tempDir, 'node_modules', pkg.name);
    fs.mkdirSync(path.dirname(linked), { recursive: true });
    fs.symlinkSync(
      path.join(root, 'dist-types', path.relative(root, dir)),
      linked,
    );
    for (const entry of entryPoints(pkg)) {
      const specifier =
        entry.name === 'index' ? pkg.name : `${pkg.name}/${entry.name}`;
      ownDeclarations[specifier] = [
        path.join(linked, entry.source.replace(/\.tsx?$/, '.d.ts')),
      ];
    }
  }
  const outdated = [];
  const warnings = new Set();
  try {
    for (const dir of packageDirs()) {
      const packageJsonPath = path.join(dir, 'package.json');
      const pkg = readJson(packageJsonPath);
      for (const entry of entryPoints(pkg)) {
        const declarations = declarationsOf(dir, entry);
        if (!fs.existsSync(declarations)) {
          throw new Error(`no declarations at ${declarations}`);
        }
        const label = `${pkg.name}${
          entry.name === 'index' ? '' : `/${entry.name}`
        }`;
        const reportName =
          entry.name === 'index' ? 'report' : `report-${entry.name}`;
        const config = ExtractorConfig.prepare({
          packageJsonFullPath: packageJsonPath,
          configObjectFullPath: undefined,
          configObject: {
            projectFolder: dir,
            mainEntryPointFilePath: declarations,
            compiler: {
              overrideTsconfig: {
                compilerOptions: {
                  target: 'ES2022',
                  module: 'ESNext',
                  moduleResolution: 'bundler',
                  jsx: 'react-jsx',
                  lib: ['DOM', 'DOM.Iterable', 'ES2022'],
                  strict: true,
                  skipLibCheck: true,
                  esModuleInterop: true,
                  types: [],
                  // Our own packages resolve to their declarations, not to
                  // the sources their package.json points at in the repo.
                  paths: ownDeclarations,
                  preserveSymlinks: true,
                },
                files: [declarations],
              },
            },
            apiReport: {
              enabled: true,
              reportFileName: reportName,
              reportFolder: path.join(tempDir, label),
              reportTempFolder: path.join(tempDir, label, 'temp'),
              includeForgottenExports: false,
            },
            docModel: { enabled: false },
            dtsRollup: { enabled: false },
            tsdocMetadata: { enabled: false },
            messages: {
              compilerMessageReporting: {
                default: { logLevel: 'warning' },
              },
              extractorMessageReporting: {
                default: { logLevel: 'warning' },
                ...Object.fromEntries(
                  reportedInFile.map(id => [
                    id,
                    { logLevel: 'warning', addToApiReportFile: true },
                  ]),
                ),
              },
              tsdocMessageReporting: {
                default: { logLevel: 'none' },
              },
            },
          },
        });
        const result = Extractor.invoke(config, {
          localBuild: true,
          messageCallback: message => {
            // console-* messages narrate the temp report files
            if (
              message.logLevel === ExtractorLogLevel.Warning &&
              !message.messageId.startsWith('console-')
            ) {
              warnings.add(
                `${label}: ${message.messageId} ${message.text}`.trim(),
              );
            }
            message.handled = true;
          },
        });
        if (!result.succeeded) {
          throw new Error(`API Extractor failed for ${label}`);
        }
        const generated = await prettier.format(
          fs.readFileSync(
            path.join(tempDir, label, `${reportName}.api.md`),
            'utf8',
          ),
          { ...prettierConfig, parser: 'markdown' },
        );
        // Warnings name their files from the package folder, not from this
        // machine's root.
        const portable = generated
          .split(`${path.join(root, 'dist-types', path.relative(root, dir))}/`)
          .join('');
        for (const line of portable.split('\n')) {
          const warning = line.match(/\((ae-[a-z-]+)\)\s*(.*)$/);
          if (warning && !line.startsWith('//   ')) {
            warnings.add(`${label}: ${warning[1]} ${warning[2]}`);
          }
        }
        const target = path.join(dir, `${reportName}.api.md`);
        const currentText = fs.existsSync(target)
          ? fs.readFileSync(target, 'utf8')
          : undefined;
        if (currentText === portable) {
          console.log(
            `[api-reports] ${path.relative(root, target)} is up to date`,
          );
        } else if (check) {
          outdated.push(path.relative(root, target));
        } else {
          fs.writeFileSync(target, portable);
          console.log(`[api-reports] wrote ${path.relative(root, target)}`);
        }
      }
    }
  } finally {
    fs.rmSync(tempDir, { recursive: true, force: true });
  }

  if (warnings.size) {
    console.log(`\n[api-reports] ${warnings.size} warning(s):`);
    for (const warning of warnings) {
      console.log(`  ${warning}`);
    }
  }
  if (outdated.length) {
    console.error(
      `\n[api-reports] out of date: ${outdated.join(
        ', ',
      )}\nRun \`npm run api-reports\` and commit the reports.`,
    );
    process.exit(1);
  }
}

main().catch(error => {
  console.error(`[api-reports] ${error.stack ?? error}`);
  process.exit(1);
});
