import { configApiRef, useApi } from '@backstage/core-plugin-api';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Alert from '@material-ui/lab/Alert';
import {
  ChecklistReading,
  SignOff,
  readChecklist,
  readSignersByRole,
  withRoleSigners,
} from '@rollout/backstage-plugin-rollout-common';
import {
  ReadingNotes,
  sectionCounts,
} from '../RolloutActions/ChecklistPreview';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { useEffect, useMemo } from 'react';
import { WrappingListItemText } from '../ListText/WrappingListItemText';
import {
  RolloutTranslationFunction,
  useRolloutTranslation,
} from '../../translation';

/** The props the scaffolder gives the field. */
export type RolloutSignersFieldProps = FieldExtensionComponentProps<
  string,
  { checklistField?: string }
>;

/**
 * Who signs each row of a checklist once the role mapping is applied, with
 * the signers rows name by handle, name or email (which the backend looks
 * up in the catalog; the mapping does not fill such rows), and what reading
 * the checklist guessed.
 */
export function signersOf(
  markdown: string,
  signersByRole: Record<string, string[]>,
):
  | { rows: SignOff[]; named: Map<number, string[]>; reading: ChecklistReading }
  | { error: string } {
  try {
    const reading = readChecklist(markdown);
    const named = new Map<number, string[]>();
    for (const { signOff, name } of reading.signerNames) {
      named.set(signOff, [...(named.get(signOff) ?? []), name]);
    }
    const mapped = withRoleSigners(reading.checklist, signersByRole).signOffs;
    return {
      rows: mapped.map((row, index) =>
        named.has(index) ? reading.checklist.signOffs[index] : row,
      ),
      named,
      reading,
    };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/**
 * One line per row, as the review step lists the field's value, in the
 * user's language.
 */
export function signersSummary(
  t: RolloutTranslationFunction,
  rows: SignOff[],
  named: ReadonlyMap<number, string[]> = new Map(),
): string {
  return rows
    .map((row, index) => {
      const signers = [...row.signers, ...(named.get(index) ?? [])];
      return t('board.signersField.summaryRow', {
        role: row.role,
        signers: signers.length
          ? signers.join(', ')
          : t('board.signersField.summaryNobody'),
      });
    })
    .join('; ');
}

/**
 * A scaffolder field (`ui:field: RolloutSigners`) that shows who will sign
 * each sign-off row of the checklist entered in the form (the field named
 * by `ui:options.checklistField`, default `checklist`): the row's own
 * signers, or those app-config maps its role to. It warns about a row
 * nobody can sign, and keeps the list as its value, so the review step
 * shows it too.
 */
export function RolloutSignersField(props: RolloutSignersFieldProps) {
  const { formData, onChange, formContext, uiSchema, schema, idSchema } = props;
  const configApi = useApi(configApiRef);
  const { t } = useRolloutTranslation();
  const field = uiSchema?.['ui:options']?.checklistField ?? 'checklist';
  const markdown = formContext?.formData?.[field];
  const signersByRole = useMemo(
    () => readSignersByRole(configApi),
    [configApi],
  );
  const result = useMemo(
    () =>
      typeof markdown === 'string' && markdown.trim()
        ? signersOf(markdown, signersByRole)
        : undefined,
    [markdown, signersByRole],
  );
  const read = result && 'rows' in result ? result : undefined;
  const unreadable = result && 'error' in result ? result.error : undefined;
  const rows = read?.rows ?? [];
  const named = read?.named ?? new Map<number, string[]>();
  const summary = signersSummary(t, rows, named);
  useEffect(() => {
    if (summary !== (formData ?? '')) {
      onChange(summary);
    }
  }, [summary, formData, onChange]);
  const nobody = rows.filter(
    (row, index) => !row.signers.length && !named.has(index),
  );
  const id = idSchema?.$id ?? 'rollout-signers';
  return (
    <FormControl component="fieldset" fullWidth margin="normal">
      <FormLabel component="legend">
        {schema?.title ?? t('board.signersField.title')}
      </FormLabel>
      {schema?.description && (
        <FormHelperText>{schema.description}</FormHelperText>
      )}
      {!result && (
        <FormHelperText id={`${id}-empty`}>
          {t('board.signersField.empty')}
        </FormHelperText>
      )}
      {unreadable !== undefined && (
        <Alert severity="error">
          {t('board.signersField.unreadable', { error: unreadable })}
        </Alert>
      )}
      {nobody.length > 0 && (
        <Alert severity="warning" data-testid="rollout-signers-nobody">
          {t('board.signersField.nobody', {
            count: nobody.length,
            roles: nobody.map(row => row.role).join(', '),
          })}
        </Alert>
      )}
      {read && (
        <FormHelperText data-testid="rollout-checklist-sections">
          {t('board.signersField.sections', {
            sections: sectionCounts(t, read.reading.checklist),
          })}
        </FormHelperText>
      )}
      {read && (
        <ReadingNotes
          warnings={read.reading.warnings}
          signerNames={read.reading.signerNames}
        />
      )}
      {rows.length > 0 && (
        <List dense aria-label={t('board.signersField.listLabel')}>
          {rows.map((row, index) => {
            const signers = [...row.signers, ...(named.get(index) ?? [])];
            return (
              <ListItem key={row.id} disableGutters>
                <WrappingListItemText
                  primary={row.role}
                  secondary={
                    signers.length
                      ? signers.join(', ')
                      : t('board.signersField.nobodyRow')
                  }
                />
              </ListItem>
            );
          })}
        </List>
      )}
    </FormControl>
  );
}
