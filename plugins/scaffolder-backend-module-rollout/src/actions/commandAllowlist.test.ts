import { ConfigReader } from '@backstage/config';
import {
  commandLineOf,
  isCommandAllowed,
  readCommandAllowlist,
} from './commandAllowlist';

describe('isCommandAllowed', () => {
  const patterns = ['make lint-allowlist', 'make review-test', 'poetry *'];

  it.each([
    [['make', 'lint-allowlist']],
    [['make', 'review-test']],
    [['poetry', 'run', 'pytest', '-q']],
    [['poetry', '']],
  ])('allows %j', argv => {
    expect(isCommandAllowed(argv, patterns)).toBe(true);
  });

  it.each([
    [['make', 'review-test', 'EXTRA=1']],
    [['make']],
    [['poetry']],
    [['rm', '-rf', '/']],
    [['sudo', 'make', 'review-test']],
    [['Make', 'review-test']],
  ])('refuses %j', argv => {
    expect(isCommandAllowed(argv, patterns)).toBe(false);
  });

  it('refuses everything when there are no patterns', () => {
    expect(isCommandAllowed(['make', 'review-test'], [])).toBe(false);
  });

  it('lets * match any run of characters, line breaks included', () => {
    expect(isCommandAllowed(['node', '-e', 'a\nb'], ['node *'])).toBe(true);
    expect(isCommandAllowed(['make', 'test'], ['*'])).toBe(true);
    expect(isCommandAllowed(['make', 'a-test'], ['make *-test'])).toBe(true);
    expect(isCommandAllowed(['make', 'a-tests'], ['make *-test'])).toBe(false);
  });

  it('matches every other character literally', () => {
    expect(isCommandAllowed(['make', 'test'], ['make.test'])).toBe(false);
    expect(isCommandAllowed(['make', 'test'], ['make (test|lint)'])).toBe(
      false,
    );
    expect(isCommandAllowed(['a+b', '[x]'], ['a+b [x]'])).toBe(true);
  });

  it('matches the argv joined by single spaces', () => {
    expect(commandLineOf(['make', 'review-test'])).toBe('make review-test');
    expect(isCommandAllowed(['make', '', 'review-test'], patterns)).toBe(false);
  });
});

describe('readCommandAllowlist', () => {
  it('reads rollout.commands.allow', () => {
    const config = new ConfigReader({
      rollout: { commands: { allow: ['make review-test', 'poetry *'] } },
    });
    expect(readCommandAllowlist(config)).toEqual([
      'make review-test',
      'poetry *',
    ]);
  });

  it('gives no patterns when the key is missing', () => {
    expect(readCommandAllowlist(new ConfigReader({}))).toEqual([]);
  });
});
