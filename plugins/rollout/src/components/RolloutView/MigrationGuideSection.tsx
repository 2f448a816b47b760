import { Checklist } from '@rollout/backstage-plugin-rollout-common';
import { Section } from './Section';
import { Markdown } from './Markdown';
import { useRolloutTranslation } from '../../translation';

/**
 * Whether the checklist has a migration guide to show: items, or prose
 * around them. Without one the tab neither shows the section nor links it.
 */
export function hasMigrationGuide(checklist: Checklist): boolean {
  const prose = checklist.prose?.migrationGuide;
  return (
    checklist.migrationGuide.length > 0 ||
    Boolean(prose?.before || prose?.after)
  );
}

/**
 * The developer migration guide, its code blocks kept and its raw HTML shown
 * as text.
 */
export function MigrationGuideSection(props: { checklist: Checklist }) {
  const { checklist } = props;
  const { t } = useRolloutTranslation();
  return (
    <Section
      id="rollout-migration-guide"
      title={t('communication.migrationGuide.title')}
      prose={checklist.prose?.migrationGuide}
    >
      <ol>
        {checklist.migrationGuide.map(item => (
          <li key={item.id}>
            <Markdown content={item.text} />
          </li>
        ))}
      </ol>
    </Section>
  );
}
