import fs from 'node:fs';
import path from 'node:path';
import { alertApiRef, identityApiRef } from '@backstage/core-plugin-api';
import {
  appLanguageApiRef,
  translationApiRef,
} from '@backstage/core-plugin-api/alpha';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { rolloutApiRef } from '../api';
import { InMemoryRolloutApi } from '../__testUtils__/InMemoryRolloutApi';
import { demoGates } from '../__testUtils__/demoGates';
import { seedMarkdown } from '../__testUtils__/seedMarkdown';
import { seedRollout } from '../__testUtils__/seedRollout';
import {
  rolloutLanguageApi,
  rolloutTranslationApi,
} from '../__testUtils__/translationApis';
import { entity } from '../components/RolloutActions/__testUtils__/renderTab';
import { EntityRolloutContent } from '../components/EntityRolloutContent/EntityRolloutContent';
import { RolloutsBoard } from '../components/RolloutsPage';
import { rolloutMessages } from './ref';
import rolloutRu from './ru';
import { flattenMessages } from './types';
import {
  componentSources,
  visibleStringsOf,
} from './__testUtils__/visibleStrings';

const english = flattenMessages(rolloutMessages);
const russian: Record<string, string | null> = rolloutRu.messages;

/** The `{{name}}` placeholders of a message. */
function placeholders(message: string): string[] {
  return [...message.matchAll(/\{\{\s*(\w+)/g)].map(match => match[1]).sort();
}

/** The key without its plural suffix: `steps_few` → `steps`. */
function pluralBase(key: string): string | undefined {
  return /^(.*)_(?:zero|one|two|few|many|other)$/.exec(key)?.[1];
}

describe('the Russian translation', () => {
  it('has every key of the English messages, and no other', () => {
    const missing = Object.keys(english).filter(key => !(key in russian));
    const extra = Object.keys(russian).filter(key => !(key in english));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('gives every key a text', () => {
    const empty = Object.entries(russian)
      .filter(([, text]) => !text?.trim())
      .map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('keeps the placeholders of every English message', () => {
    const differing = Object.keys(english).flatMap(key => {
      const want = placeholders(english[key]);
      const got = placeholders(russian[key] ?? '');
      // A plural form may spell its number out ("один шаг") instead of
      // printing `{{count}}`.
      const comparable = (names: string[]) =>
        pluralBase(key) ? names.filter(name => name !== 'count') : names;
      return JSON.stringify(comparable(want)) ===
        JSON.stringify(comparable(got))
        ? []
        : [`${key}: ${want.join(',')} → ${got.join(',')}`];
    });
    expect(differing).toEqual([]);
  });

  it('has the one, few and many forms Russian counts with', () => {
    const bases = new Set(
      Object.keys(english).flatMap(key => pluralBase(key) ?? []),
    );
    const incomplete = [...bases].filter(base =>
      ['one', 'few', 'many', 'other'].some(form => !russian[`${base}_${form}`]),
    );
    expect(incomplete).toEqual([]);
  });
});

describe('the components', () => {
  it('show no string that bypasses the translation ref', () => {
    const root = path.resolve(__dirname, '..');
    const found = componentSources(root).flatMap(file =>
      visibleStringsOf(
        path.relative(root, file),
        fs.readFileSync(file, 'utf8'),
      ),
    );
    expect(found).toEqual([]);
  });

  it('finds such strings where they are', () => {
    const found = visibleStringsOf(
      'Example.tsx',
      `export const A = (p: { lang: string }) => (
        <Card title="Sign-offs" aria-label={t('x')}>
          Approve {p.lang === 'ru' && <b>·</b>}
          {'Reject'} {p.lang ?? \`fallback \${p.lang}\`}
          <Chip label={p.lang ? 'On' : t('off')} />
        </Card>
      );
      const group = { title: 'Open items', key: 'open-items' };`,
    );
    expect(found.map(({ line, text }) => `${line}: ${text}`)).toEqual([
      '2: Sign-offs',
      '3: Approve',
      '4: Reject',
      '4: fallback',
      '5: On',
      '8: Open items',
    ]);
  });
});

/**
 * The static stretches of the English messages that a Russian page must
 * not show: two words or more, outside placeholders, where the Russian
 * differs.
 */
const englishPhrases = [
  ...new Set(
    Object.entries(english).flatMap(([key, message]) =>
      russian[key] === message
        ? []
        : message
            .split(/\{\{[^}]*\}\}/)
            .map(part => part.trim())
            .filter(part => /\p{L}{2,}\s+\p{L}{2,}/u.test(part)),
    ),
  ),
];

/** What a person sees or hears on the page: text, labels and titles. */
function visibleText(): string {
  const attributes = [
    ...document.body.querySelectorAll('[aria-label],[title],[placeholder]'),
  ].flatMap(element =>
    ['aria-label', 'title', 'placeholder'].map(
      name => element.getAttribute(name) ?? '',
    ),
  );
  return [document.body.textContent ?? '', ...attributes].join('\n');
}

function inRussian(apis: readonly (readonly [unknown, unknown])[] = []) {
  return [
    ...apis,
    [translationApiRef, rolloutTranslationApi('ru')],
    [appLanguageApiRef, rolloutLanguageApi('ru')],
  ] as const;
}

describe('in Russian', () => {
  const rollout = seedRollout(seedMarkdown);

  it('the tab shows no English message', async () => {
    const api = new InMemoryRolloutApi([rollout]);
    api.setGates(rollout.id, demoGates(rollout));
    await renderInTestApp(
      <TestApiProvider
        apis={
          inRussian([
            [rolloutApiRef, api],
            [identityApiRef, mockApis.identity()],
            [permissionApiRef, mockApis.permission()],
            [alertApiRef, { post: jest.fn() }],
          ]) as any
        }
      >
        <EntityProvider entity={entity}>
          <EntityRolloutContent />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    await screen.findByRole('heading', { name: rollout.title });
    await screen.findAllByText(russian['common.gateState.ok']!);
    const text = visibleText();
    // The checklist's own text is English and stays so.
    const data = JSON.stringify(rollout.checklist);
    expect(
      englishPhrases.filter(
        phrase => text.includes(phrase) && !data.includes(phrase),
      ),
    ).toEqual([]);
  });

  it('the board shows no English message', async () => {
    const api = new InMemoryRolloutApi([rollout]);
    await renderInTestApp(
      <TestApiProvider
        apis={
          inRussian([
            [rolloutApiRef, api],
            [alertApiRef, { post: jest.fn() }],
          ]) as any
        }
      >
        <RolloutsBoard />
      </TestApiProvider>,
      {
        routeEntries: ['/rollouts'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    await screen.findByText('multipass-reviewer');
    const text = visibleText();
    expect(englishPhrases.filter(phrase => text.includes(phrase))).toEqual([]);
  });
});
