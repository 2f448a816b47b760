/*
 * Which commands rollout:command:run may run. A command is the argv array it
 * is spawned with; patterns match the argv joined by single spaces, which is
 * also how messages name the command.
 */
import { Config } from '@backstage/config';

/** The config key holding the allowed command patterns. */
export const commandAllowlistKey = 'rollout.commands.allow';

/** The command line that patterns match and messages show. */
export function commandLineOf(argv: string[]): string {
  return argv.join(' ');
}

/**
 * Whether a command may run. A pattern matches the whole command line; `*`
 * matches any run of characters (spaces and line breaks included) and every
 * other character matches only itself.
 */
export function isCommandAllowed(
  argv: string[],
  patterns: readonly string[],
): boolean {
  const line = commandLineOf(argv);
  return patterns.some(pattern => patternToRegExp(pattern).test(line));
}

/** The allowed patterns from config; none when the key is missing. */
export function readCommandAllowlist(config: Config): string[] {
  return config.getOptionalStringArray(commandAllowlistKey) ?? [];
}

function patternToRegExp(pattern: string): RegExp {
  const source = pattern
    .split('*')
    .map(literal => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 's');
}
