import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import rolloutPlugin, {
  rolloutEntityContent,
  rolloutSignOffEntityCard,
} from './alpha';
import { rolloutApiRef } from './api';
import { InMemoryRolloutApi } from './__testUtils__/InMemoryRolloutApi';
import { seedMarkdown } from './__testUtils__/seedMarkdown';
import { seedRollout } from './__testUtils__/seedRollout';

function component(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'multipass-reviewer', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

const annotated = component({
  'rollout/enabled': 'true',
  'backstage.io/source-location':
    'url:https://example.com/multipass-reviewer/tree/main/',
});
const plain = component({});

function apis() {
  return [
    [rolloutApiRef, new InMemoryRolloutApi([seedRollout(seedMarkdown)])],
    mockApis.identity({
      userEntityRef: 'user:default/guest',
      ownershipEntityRefs: ['user:default/guest', 'group:default/qa-leads'],
    }),
    mockApis.permission(),
    // The tab's and the page's titles are messages of the translation ref.
    mockApis.translation(),
  ] as const;
}

describe('the rollout plugin for the new frontend system', () => {
  it('is the rollout plugin with its API, tab and card', () => {
    expect(rolloutPlugin.pluginId).toBe('rollout');
    expect(rolloutPlugin.getExtension('api:rollout')).toMatchObject({
      kind: 'api',
      namespace: 'rollout',
    });
    expect(rolloutPlugin.getExtension('entity-content:rollout')).toMatchObject({
      kind: 'entity-content',
      namespace: 'rollout',
    });
    expect(
      rolloutPlugin.getExtension('entity-card:rollout/sign-off'),
    ).toMatchObject({
      kind: 'entity-card',
      namespace: 'rollout',
      name: 'sign-off',
    });
  });

  describe('rolloutEntityContent', () => {
    it('is the Rollout tab at rollout', () => {
      const tester = createExtensionTester(rolloutEntityContent, {
        apis: apis(),
      });

      expect(tester.get(coreExtensionData.routePath)).toBe('rollout');
      expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Rollout');
    });

    it('is shown only on entities with the rollout annotation', () => {
      const filter = createExtensionTester(rolloutEntityContent, {
        apis: apis(),
      }).get(EntityContentBlueprint.dataRefs.filterFunction);

      expect(filter).toBeDefined();
      expect(filter!(annotated)).toBe(true);
      expect(filter!(plain)).toBe(false);
      expect(filter!(component({ 'rollout/enabled': 'false' }))).toBe(false);
    });

    it('renders the rollout of the entity', async () => {
      renderTestApp({
        extensions: [
          createTestEntityPage({ entity: annotated }),
          rolloutEntityContent,
        ],
        apis: apis(),
      });

      expect(
        await screen.findByRole('heading', {
          name: 'Stage 01_03 · Rollout Checklist',
        }),
      ).toBeInTheDocument();
      expect(screen.getByTestId('rollout-versions')).toHaveTextContent(
        'v0.3.0 ← v0.2.0',
      );
    });

    it('is left out of the page of an entity without the annotation', async () => {
      renderTestApp({
        extensions: [
          createTestEntityPage({ entity: plain }),
          rolloutEntityContent,
        ],
        apis: apis(),
      });

      expect(
        await screen.findByTestId('empty-entity-page'),
      ).toBeInTheDocument();
      expect(
        screen.queryByText('Stage 01_03 · Rollout Checklist'),
      ).not.toBeInTheDocument();
    });
  });

  describe('rolloutSignOffEntityCard', () => {
    it('is shown only on entities with the rollout annotation', () => {
      const filter = createExtensionTester(rolloutSignOffEntityCard, {
        apis: apis(),
      }).get(EntityCardBlueprint.dataRefs.filterFunction);

      expect(filter).toBeDefined();
      expect(filter!(annotated)).toBe(true);
      expect(filter!(plain)).toBe(false);
    });

    it('renders the sign-off status of the entity', async () => {
      renderTestApp({
        extensions: [
          createTestEntityPage({ entity: annotated }),
          rolloutSignOffEntityCard,
        ],
        apis: apis(),
      });

      const list = await screen.findByRole('list', {
        name: 'Sign-off status',
      });
      expect(within(list).getAllByRole('listitem')).toHaveLength(4);
      expect(screen.getByText('Rollout sign-off')).toBeInTheDocument();
    });
  });
});
