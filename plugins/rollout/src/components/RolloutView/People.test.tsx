import {
  EntityPresentationApi,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ReactNode } from 'react';
import { PeopleList, PersonRef } from './People';

/** Display names as the catalog gives them (`spec.profile.displayName`). */
const displayNames: Record<string, string> = {
  'user:default/qa-anna': 'Anna Lindqvist',
  'group:default/qa-leads': 'QA Leads',
};

const presentationApi: EntityPresentationApi = {
  forEntity(entityOrRef) {
    const entityRef = String(entityOrRef);
    const snapshot = {
      entityRef,
      primaryTitle: displayNames[entityRef] ?? entityRef,
    };
    return { snapshot, promise: Promise.resolve(snapshot) };
  },
};

async function render(children: ReactNode) {
  await renderInTestApp(
    <TestApiProvider apis={[[entityPresentationApiRef, presentationApi]]}>
      {children}
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('PersonRef', () => {
  it.each([
    ['user:default/qa-anna', 'Anna Lindqvist', '/catalog/default/user/qa-anna'],
    ['group:default/qa-leads', 'QA Leads', '/catalog/default/group/qa-leads'],
  ])(
    'links %s to its catalog page by its display name',
    async (ref, name, href) => {
      await render(<PersonRef entityRef={ref} />);

      expect(screen.getByRole('link', { name })).toHaveAttribute('href', href);
    },
  );

  it.each([
    ['plugin:rollout/gates', 'Rollout gates'],
    ['plugin:rollout/reconciler', 'Rollout reconciler'],
    ['plugin:rollout/demo-data', 'Rollout demo data'],
    ['plugin:scaffolder', 'plugin:scaffolder'],
    ['external:release-bot', 'external:release-bot'],
    [
      'component:default/multipass-reviewer',
      'component:default/multipass-reviewer',
    ],
    ['not a ref at all', 'not a ref at all'],
  ])('shows %s as plain text', async (ref, text) => {
    await render(<PersonRef entityRef={ref} />);

    expect(screen.getByText(text)).toBeInTheDocument();
    expect(screen.queryByRole('link')).toBeNull();
  });
});

describe('PeopleList', () => {
  it('lists users and groups, comma-separated', async () => {
    await render(
      <div data-testid="people">
        <PeopleList refs={['group:default/qa-leads', 'user:default/qa-anna']} />
      </div>,
    );

    expect(screen.getByTestId('people')).toHaveTextContent(
      'QA Leads, Anna Lindqvist',
    );
    expect(screen.getAllByRole('link')).toHaveLength(2);
  });

  it('shows a dash for nobody', async () => {
    await render(
      <div data-testid="people">
        <PeopleList refs={[]} />
      </div>,
    );

    expect(screen.getByTestId('people')).toHaveTextContent(/^—$/);
  });
});
