import { InfoCard } from '@backstage/core-components';
import { SectionProse } from '@rollout/backstage-plugin-rollout-common';
import { ReactNode } from 'react';
import { Markdown } from './Markdown';

/**
 * One section of the checklist as a card, with the prose the document keeps
 * around its items.
 */
export function Section(props: {
  id: string;
  title: string;
  subheader?: string;
  prose?: SectionProse;
  children: ReactNode;
}) {
  const { id, title, subheader, prose, children } = props;
  return (
    <section id={id} aria-label={title}>
      <InfoCard title={title} subheader={subheader}>
        {prose?.before && <Markdown content={prose.before} />}
        {children}
        {prose?.after && <Markdown content={prose.after} />}
      </InfoCard>
    </section>
  );
}

/** Who did something and when, as a short line. */
export function Attribution(props: { by?: string; at?: string }) {
  if (!props.by) {
    return null;
  }
  const when = props.at ? ` on ${new Date(props.at).toLocaleString()}` : '';
  return (
    <span>
      by {props.by}
      {when}
    </span>
  );
}
