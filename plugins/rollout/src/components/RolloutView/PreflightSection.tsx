import {
  Checklist,
  PreflightCheck,
} from '@rollout/backstage-plugin-rollout-common';
import { Section } from './Section';
import { TickList } from './TickList';
import { useRolloutTranslation } from '../../translation';

/** Pre-flight checks a permitted user can tick, with who and when. */
export function PreflightSection(props: {
  checklist: Checklist;
  canEdit: boolean;
  /** Why the user may not tick checks, shown on the disabled boxes. */
  deniedReason?: string;
  onToggle: (check: PreflightCheck, checked: boolean) => void;
}) {
  const { checklist, canEdit, deniedReason, onToggle } = props;
  const checks = checklist.preflightChecks;
  const { t } = useRolloutTranslation();
  return (
    <Section
      id="rollout-preflight"
      title={t('communication.preflight.title')}
      prose={checklist.prose?.preflightChecks}
    >
      <TickList
        kind="check"
        items={checks.map(check => ({
          id: check.id,
          text: check.text,
          ticked: check.checked,
          by: check.checkedBy,
          at: check.checkedAt,
        }))}
        canEdit={canEdit}
        deniedReason={deniedReason}
        onToggle={(id, checked) =>
          onToggle(checks.find(check => check.id === id)!, checked)
        }
      />
    </Section>
  );
}
