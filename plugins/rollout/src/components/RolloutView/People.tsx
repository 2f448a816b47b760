import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Fragment } from 'react';
import { useRolloutTranslation } from '../../translation';

/**
 * The rollout backend's own actors. They look like entity refs but name no
 * catalog entity, so they are shown by what they do.
 */
const backendActors = new Map<string, 'gates' | 'reconciler' | 'demoData'>([
  ['plugin:rollout/gates', 'gates'],
  ['plugin:rollout/reconciler', 'reconciler'],
  ['plugin:rollout/demo-data', 'demoData'],
]);

/** The catalog kinds a signer or an actor may be: a person or a team. */
const peopleKinds = new Set(['user', 'group']);

/**
 * Whether the ref names a catalog user or group. A service subject (such as
 * `plugin:scaffolder`) parses as an entity ref too, but has no catalog page.
 */
function isCatalogPerson(ref: string): boolean {
  try {
    return peopleKinds.has(parseEntityRef(ref).kind.toLocaleLowerCase('en-US'));
  } catch {
    return false;
  }
}

/**
 * A user or group as a link to its catalog page, with its display name.
 * A ref that names no user or group, such as a backend service, reads as
 * plain text.
 */
export function PersonRef(props: { entityRef: string }) {
  const { entityRef } = props;
  const { t } = useRolloutTranslation();
  if (!isCatalogPerson(entityRef)) {
    const actor = backendActors.get(entityRef);
    return <span>{actor ? t(`view.people.${actor}`) : entityRef}</span>;
  }
  return <EntityRefLink entityRef={entityRef} />;
}

/** Users and groups, comma-separated, or a dash when there are none. */
export function PeopleList(props: { refs: string[] }) {
  if (!props.refs.length) {
    return <>—</>;
  }
  return (
    <>
      {props.refs.map((ref, index) => (
        <Fragment key={ref}>
          {index > 0 && ', '}
          <PersonRef entityRef={ref} />
        </Fragment>
      ))}
    </>
  );
}
