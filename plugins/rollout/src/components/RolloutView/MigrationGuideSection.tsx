import { MarkdownContent } from '@backstage/core-components';
import { Checklist } from '@rollout/backstage-plugin-rollout-common';
import { Section } from './Section';

/**
 * The developer migration guide. Items are rendered as markdown without raw
 * HTML, so nothing a document author wrote can run in the page.
 */
export function MigrationGuideSection(props: { checklist: Checklist }) {
  const { checklist } = props;
  return (
    <Section
      id="rollout-migration-guide"
      title="Developer migration guide"
      prose={checklist.prose?.migrationGuide}
    >
      <ol>
        {checklist.migrationGuide.map(item => (
          <li key={item.id}>
            <MarkdownContent content={item.text} />
          </li>
        ))}
      </ol>
    </Section>
  );
}
