import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import {
  commandAllowlistKey,
  commandLineOf,
  isCommandAllowed,
  readCommandAllowlist,
} from './commandAllowlist';
import { examples } from './rolloutCommandRun.examples';

const defaultTimeoutSeconds = 600;
// How long a command has to exit after SIGTERM before it gets SIGKILL.
const killGraceMs = 5_000;

/**
 * Creates the `rollout:command:run` action: runs a command that
 * `rollout.commands.allow` allows, in the task's workspace, without a shell.
 * @public
 */
export function createRolloutCommandRunAction(options: { config: Config }) {
  const allowlist = readCommandAllowlist(options.config);

  return createTemplateAction({
    id: 'rollout:command:run',
    description: `Runs a command in the task's workspace, without a shell, if a pattern of ${commandAllowlistKey} allows it. Its output goes to the task log; the step fails if the command exits with an error, cannot be started or runs out of time.`,
    examples,
    schema: {
      input: {
        command: z =>
          z
            .union([z.array(z.string()).min(1), z.string().min(1)])
            .describe(
              'The command as an argument list, such as ["make", "review-test"]. A string is split on whitespace, without quoting: use a list when an argument holds spaces.',
            ),
        timeoutSeconds: z =>
          z
            .number()
            .int()
            .positive()
            .optional()
            .describe(
              `Seconds the command may run before it is stopped; ${defaultTimeoutSeconds} by default`,
            ),
        workingDirectory: z =>
          z
            .string()
            .optional()
            .describe(
              "Where to run the command, relative to the task's workspace, which it must stay inside; the workspace by default",
            ),
      },
    },
    async handler(ctx) {
      const argv = argvOf(ctx.input.command);
      const line = commandLineOf(argv);
      if (!isCommandAllowed(argv, allowlist)) {
        throw new NotAllowedError(
          `Command "${line}" is not allowed: add a pattern to ${commandAllowlistKey} in app-config to allow it`,
        );
      }
      const cwd = await workingDirectoryOf(
        ctx.workspacePath,
        ctx.input.workingDirectory,
      );
      const timeoutSeconds = ctx.input.timeoutSeconds ?? defaultTimeoutSeconds;

      ctx.logger.info(`Running "${line}"`);
      await runCommand({
        argv,
        cwd,
        timeoutSeconds,
        signal: ctx.signal,
        onStdout: text => ctx.logger.info(text),
        onStderr: text => ctx.logger.warn(text),
      });
      ctx.logger.info(`Command "${line}" succeeded`);
    },
  });
}

function argvOf(command: string | string[]): string[] {
  const argv =
    typeof command === 'string' ? command.trim().split(/\s+/) : command;
  if (!argv[0]) {
    throw new InputError('The command is empty');
  }
  return argv;
}

async function workingDirectoryOf(
  workspacePath: string,
  workingDirectory: string | undefined,
): Promise<string> {
  if (!workingDirectory) {
    return workspacePath;
  }
  const cwd = resolveSafeChildPath(workspacePath, workingDirectory);
  const stats = await stat(cwd).catch(() => undefined);
  // A missing cwd makes spawn fail with ENOENT, which would read as a
  // missing command.
  if (!stats?.isDirectory()) {
    throw new InputError(
      `Working directory "${workingDirectory}" is not a directory in the workspace`,
    );
  }
  return cwd;
}

/**
 * Runs argv and settles once it has exited and its output is read: resolves
 * on exit code 0, rejects with a message naming the command otherwise.
 */
function runCommand(options: {
  argv: string[];
  cwd: string;
  timeoutSeconds: number;
  signal?: AbortSignal;
  onStdout: (line: string) => void;
  onStderr: (line: string) => void;
}): Promise<void> {
  const { argv, cwd, timeoutSeconds, signal } = options;
  const line = commandLineOf(argv);
  if (signal?.aborted) {
    return Promise.reject(new Error(`Command "${line}" was cancelled`));
  }

  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), {
      cwd,
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that stopping it also stops what it
      // started (make's recipes, poetry's pytest) and no grandchild keeps
      // the output pipes open.
      detached: process.platform !== 'win32',
    });
    let stoppedBecause: string | undefined;
    let killTimer: NodeJS.Timeout | undefined;

    const stop = (reason: string) => {
      if (stoppedBecause) {
        return;
      }
      stoppedBecause = reason;
      killGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(
        () => killGroup(child.pid, 'SIGKILL'),
        killGraceMs,
      );
    };
    const timeout = setTimeout(
      () => stop(`timed out after ${timeoutSeconds} s`),
      timeoutSeconds * 1000,
    );
    const onAbort = () => stop('was cancelled');
    signal?.addEventListener('abort', onAbort);

    const cleanUp = () => {
      clearTimeout(timeout);
      clearTimeout(killTimer);
      signal?.removeEventListener('abort', onAbort);
    };

    forEachLine(child.stdout, options.onStdout);
    forEachLine(child.stderr, options.onStderr);

    child.once('error', (error: NodeJS.ErrnoException) => {
      cleanUp();
      reject(
        new Error(
          error.code === 'ENOENT'
            ? `Command "${argv[0]}" was not found: ${error.message}`
            : `Command "${line}" could not be started: ${error.message}`,
        ),
      );
    });
    child.once('close', (code, killSignal) => {
      cleanUp();
      if (stoppedBecause) {
        reject(new Error(`Command "${line}" ${stoppedBecause}`));
      } else if (code === 0) {
        resolve();
      } else if (code !== null) {
        reject(new Error(`Command "${line}" exited with code ${code}`));
      } else {
        reject(new Error(`Command "${line}" was killed by ${killSignal}`));
      }
    });
  });
}

function forEachLine(stream: Readable, onLine: (line: string) => void) {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals) {
  if (pid === undefined) {
    return;
  }
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
  } catch {
    // Already gone.
  }
}
