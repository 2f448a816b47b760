import { Entity } from '@backstage/catalog-model';
import { TestApiRegistry } from '@backstage/test-utils';
import { RolloutApi, rolloutApiRef } from './api';
import {
  hasRolloutAnnotation,
  isRolloutAvailable,
  releaseNotesUrl,
  rolloutEntityRef,
} from './conditions';
import { seedMarkdown } from './__testUtils__/seedMarkdown';
import { seedRollout, summaryOf } from './__testUtils__/seedRollout';

function component(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'multipass-reviewer', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

function apisWith(rollouts: ReturnType<typeof seedRollout>[]) {
  const api: Pick<jest.Mocked<RolloutApi>, 'listRollouts'> = {
    listRollouts: jest.fn(async () => ({ items: rollouts.map(summaryOf) })),
  };
  return { api, apis: TestApiRegistry.from([rolloutApiRef, api]) };
}

describe('rolloutEntityRef', () => {
  it('is the entity ref in lower case, in the default namespace when none is set', () => {
    expect(rolloutEntityRef(component())).toBe(
      'component:default/multipass-reviewer',
    );
  });

  it('keeps the namespace the entity is in', () => {
    const entity = component();
    entity.kind = 'System';
    entity.metadata.namespace = 'Payments';
    entity.metadata.name = 'Ledger';
    expect(rolloutEntityRef(entity)).toBe('system:payments/ledger');
  });
});

describe('hasRolloutAnnotation', () => {
  it('is true only for rollout/enabled set to "true"', () => {
    expect(hasRolloutAnnotation(component({ 'rollout/enabled': 'true' }))).toBe(
      true,
    );
    expect(
      hasRolloutAnnotation(component({ 'rollout/enabled': 'false' })),
    ).toBe(false);
    expect(hasRolloutAnnotation(component())).toBe(false);
  });
});

describe('isRolloutAvailable', () => {
  it('is true for an annotated entity without asking the API', async () => {
    const { api, apis } = apisWith([]);

    await expect(
      isRolloutAvailable(component({ 'rollout/enabled': 'true' }), { apis }),
    ).resolves.toBe(true);
    expect(api.listRollouts).not.toHaveBeenCalled();
  });

  it('is true for an entity without the annotation that has a rollout', async () => {
    const { api, apis } = apisWith([seedRollout(seedMarkdown)]);

    await expect(isRolloutAvailable(component(), { apis })).resolves.toBe(true);
    expect(api.listRollouts).toHaveBeenCalledWith({
      entityRef: 'component:default/multipass-reviewer',
      limit: 1,
    });
  });

  it('is false for an entity with neither annotation nor rollout', async () => {
    const { apis } = apisWith([]);

    await expect(isRolloutAvailable(component(), { apis })).resolves.toBe(
      false,
    );
  });

  it('is false without the APIs to ask', async () => {
    await expect(isRolloutAvailable(component())).resolves.toBe(false);
    await expect(
      isRolloutAvailable(component(), { apis: TestApiRegistry.from() }),
    ).resolves.toBe(false);
  });
});

describe('releaseNotesUrl', () => {
  const sourced = component({
    'backstage.io/source-location':
      'url:https://example.com/multipass-reviewer/tree/main/',
  });

  it("prefers the rollout's own URL", () => {
    expect(
      releaseNotesUrl(
        { releaseNotesUrl: 'https://example.com/releases/v0.3.0' },
        sourced,
      ),
    ).toBe('https://example.com/releases/v0.3.0');
  });

  it('is CHANGELOG.md in the source location', () => {
    expect(releaseNotesUrl({}, sourced)).toBe(
      'https://example.com/multipass-reviewer/tree/main/CHANGELOG.md',
    );
  });

  it('treats a source location without a trailing slash as a directory', () => {
    const entity = component({
      'backstage.io/source-location':
        'url:https://example.com/multipass-reviewer/tree/main',
    });
    expect(releaseNotesUrl({}, entity)).toBe(
      'https://example.com/multipass-reviewer/tree/main/CHANGELOG.md',
    );
  });

  it('falls back to the directory of the catalog file the entity came from', () => {
    const entity = component({
      'backstage.io/managed-by-location':
        'url:https://example.com/multipass-reviewer/blob/main/catalog-info.yaml',
    });
    expect(releaseNotesUrl({}, entity)).toBe(
      'https://example.com/multipass-reviewer/blob/main/CHANGELOG.md',
    );
  });

  it('is undefined for a location that is not a URL, or no location', () => {
    const local = component({
      'backstage.io/source-location': 'dir:/srv/multipass-reviewer/',
    });
    expect(releaseNotesUrl({}, local)).toBeUndefined();
    expect(releaseNotesUrl({}, component())).toBeUndefined();
  });
});
