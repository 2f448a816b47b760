import {
  ChecklistInput,
  ChecklistSignerName,
  ChecklistWarning,
} from '@rollout/backstage-plugin-rollout-common';

/**
 * Puts the catalog's answer for signers a document named by handle, name or
 * email into their sign-off rows. A name the catalog could not resolve is a
 * warning on its line and is left out; a row left with no signers that way
 * is listed in `unsignedRows`, so that app-config's signers by role do not
 * fill it: the document named someone, and someone who may edit the rollout
 * says who it meant.
 */
export function withNamedSigners<T extends Partial<ChecklistInput>>(
  checklist: T,
  names: ReadonlyArray<ChecklistSignerName>,
  resolved: ReadonlyMap<string, { ref: string } | { problem: string }>,
): {
  checklist: T;
  warnings: ChecklistWarning[];
  unsignedRows: Set<number>;
} {
  const added = new Map<number, string[]>();
  const warnings: ChecklistWarning[] = [];
  const named = new Set<number>();
  for (const { signOff, role, line, name } of names) {
    named.add(signOff);
    const answer = resolved.get(name);
    if (answer && 'ref' in answer) {
      added.set(signOff, [...(added.get(signOff) ?? []), answer.ref]);
    } else {
      warnings.push({
        line,
        message: `the signer "${name}" of "${role}" is left out: ${
          answer?.problem ?? 'it was not looked up'
        }`,
      });
    }
  }
  if (!checklist.signOffs) {
    return { checklist, warnings, unsignedRows: new Set() };
  }
  const signOffs = checklist.signOffs.map((row, index) => {
    const refs = added.get(index);
    return refs
      ? { ...row, signers: [...new Set([...(row.signers ?? []), ...refs])] }
      : row;
  });
  const unsignedRows = new Set(
    [...named].filter(index => !signOffs[index]?.signers?.length),
  );
  return { checklist: { ...checklist, signOffs }, warnings, unsignedRows };
}
