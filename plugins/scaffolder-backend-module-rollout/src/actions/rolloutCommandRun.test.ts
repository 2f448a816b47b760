import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { spawn } from 'node:child_process';
import yaml from 'yaml';
import { createRolloutCommandRunAction } from './rolloutCommandRun';
import { examples } from './rolloutCommandRun.examples';

jest.mock('node:child_process', () => {
  const actual = jest.requireActual('node:child_process');
  return { ...actual, spawn: jest.fn(actual.spawn) };
});

const spawnMock = spawn as jest.MockedFunction<typeof spawn>;
const { spawn: realSpawn } = jest.requireActual('node:child_process');

describe('rollout:command:run', () => {
  const workspace = createMockDirectory({
    content: { 'packages/multipass-reviewer': {}, 'README.md': 'hello' },
  });

  const actionAllowing = (...allow: string[]) =>
    createRolloutCommandRunAction({
      config: new ConfigReader({ rollout: { commands: { allow } } }),
    });

  function contextOf(input: any, signal?: AbortSignal) {
    const logger = mockServices.logger.mock();
    const ctx = {
      ...createMockActionContext({
        input,
        logger,
        workspacePath: workspace.path,
      }),
      signal,
    };
    const logged = (method: 'info' | 'warn') =>
      logger[method].mock.calls.map(([message]) => message);
    return { ctx, logged };
  }

  beforeEach(() => {
    spawnMock.mockClear();
  });

  describe('examples', () => {
    // The examples' tools need not be installed here: the spawned argv is
    // checked, and node stands in for the tool.
    beforeEach(() => {
      spawnMock.mockImplementationOnce((_command, _args, options) =>
        realSpawn(process.execPath, ['-e', 'console.log("ok")'], options),
      );
    });

    it(`should ${examples[0].description}`, async () => {
      const { ctx, logged } = contextOf(
        yaml.parse(examples[0].example).steps[0].input,
      );

      await actionAllowing('make review-test').handler(ctx);

      expect(spawnMock).toHaveBeenCalledWith(
        'make',
        ['review-test'],
        expect.objectContaining({ cwd: workspace.path, shell: false }),
      );
      expect(logged('info')).toContain('ok');
    });

    it(`should ${examples[1].description}`, async () => {
      const { ctx } = contextOf(yaml.parse(examples[1].example).steps[0].input);

      await actionAllowing('poetry *').handler(ctx);

      expect(spawnMock).toHaveBeenCalledWith(
        'poetry',
        ['run', 'pytest', 'tests'],
        expect.objectContaining({
          cwd: workspace.resolve('packages/multipass-reviewer'),
          shell: false,
        }),
      );
    });
  });

  describe('allowlist', () => {
    it('refuses a command no pattern allows, and runs nothing', async () => {
      const { ctx } = contextOf({ command: ['rm', '-rf', '/'] });

      await expect(
        actionAllowing('make review-test', 'poetry *').handler(ctx),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message:
          'Command "rm -rf /" is not allowed: add a pattern to rollout.commands.allow in app-config to allow it',
      });
      expect(spawnMock).not.toHaveBeenCalled();
    });

    it('runs nothing when rollout.commands.allow is missing', async () => {
      const action = createRolloutCommandRunAction({
        config: new ConfigReader({}),
      });
      const { ctx } = contextOf({ command: 'make review-test' });

      await expect(action.handler(ctx)).rejects.toThrow(
        'Command "make review-test" is not allowed',
      );
      expect(spawnMock).not.toHaveBeenCalled();
    });
  });

  it('runs an allowed command and logs its output', async () => {
    const { ctx, logged } = contextOf({
      command: ['node', '-e', "console.log('hi'); console.error('careful')"],
    });

    await actionAllowing('node *').handler(ctx);

    expect(spawnMock).toHaveBeenCalledWith(
      'node',
      ['-e', "console.log('hi'); console.error('careful')"],
      expect.objectContaining({ cwd: workspace.path, shell: false }),
    );
    expect(logged('info')).toContain('hi');
    expect(logged('warn')).toContain('careful');
  });

  it('splits a command given as a string on whitespace', async () => {
    const { ctx, logged } = contextOf({
      command: '  node   -e\tconsole.log(6*7) ',
    });

    await actionAllowing('node -e *').handler(ctx);

    expect(spawnMock).toHaveBeenCalledWith(
      'node',
      ['-e', 'console.log(6*7)'],
      expect.anything(),
    );
    expect(logged('info')).toContain('42');
  });

  it('runs in a working directory inside the workspace', async () => {
    const { ctx, logged } = contextOf({
      command: ['node', '-e', 'console.log(process.cwd())'],
      workingDirectory: 'packages/multipass-reviewer',
    });

    await actionAllowing('node *').handler(ctx);

    expect(logged('info')).toContain(
      workspace.resolve('packages/multipass-reviewer'),
    );
  });

  it('refuses a working directory outside the workspace', async () => {
    const { ctx } = contextOf({
      command: ['node', '-e', '0'],
      workingDirectory: '../elsewhere',
    });

    await expect(actionAllowing('node *').handler(ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    expect(spawnMock).not.toHaveBeenCalled();
  });

  it('refuses a working directory that is not there', async () => {
    const { ctx } = contextOf({
      command: ['node', '-e', '0'],
      workingDirectory: 'README.md',
    });

    await expect(actionAllowing('node *').handler(ctx)).rejects.toThrow(
      'Working directory "README.md" is not a directory in the workspace',
    );
    expect(spawnMock).not.toHaveBeenCalled();
  });

  it('fails when the command exits with an error', async () => {
    const { ctx } = contextOf({ command: ['node', '-e', 'process.exit(2)'] });

    await expect(actionAllowing('node *').handler(ctx)).rejects.toThrow(
      'Command "node -e process.exit(2)" exited with code 2',
    );
  });

  it('fails when the tool is not installed, with the error of the system', async () => {
    const { ctx } = contextOf({ command: ['definitely-not-a-tool-xyz', '-v'] });

    await expect(
      actionAllowing('definitely-not-a-tool-xyz *').handler(ctx),
    ).rejects.toThrow(
      'Command "definitely-not-a-tool-xyz" was not found: spawn definitely-not-a-tool-xyz ENOENT',
    );
  });

  it('stops a command that runs out of time', async () => {
    const { ctx } = contextOf({
      command: ['node', '-e', 'setTimeout(()=>{},10000)'],
      timeoutSeconds: 1,
    });

    await expect(actionAllowing('node *').handler(ctx)).rejects.toThrow(
      'Command "node -e setTimeout(()=>{},10000)" timed out after 1 s',
    );
  });

  it('stops a command when the task is cancelled', async () => {
    const controller = new AbortController();
    const { ctx } = contextOf(
      {
        command: [
          'node',
          '-e',
          "console.log('started'); setTimeout(()=>{},10000)",
        ],
      },
      controller.signal,
    );
    (ctx.logger.info as jest.Mock).mockImplementation(message => {
      if (message === 'started') {
        controller.abort();
      }
    });

    await expect(actionAllowing('node *').handler(ctx)).rejects.toThrow(
      `Command "node -e console.log('started'); setTimeout(()=>{},10000)" was cancelled`,
    );
  });

  it('runs nothing when the task is already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const { ctx } = contextOf(
      { command: ['node', '-e', '0'] },
      controller.signal,
    );

    await expect(actionAllowing('node *').handler(ctx)).rejects.toThrow(
      'was cancelled',
    );
    expect(spawnMock).not.toHaveBeenCalled();
  });
});
