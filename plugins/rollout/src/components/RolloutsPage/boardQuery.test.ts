import { RolloutSummary } from '@rollout/backstage-plugin-rollout-common';
import { rolloutFormat } from '../../translation';
import { rolloutT } from '../../__testUtils__/translationApis';
import {
  blockerOf,
  filtersFromSearch,
  queryOf,
  searchFromFilters,
  toCsv,
} from './boardQuery';

function summary(overrides: Partial<RolloutSummary>): RolloutSummary {
  return {
    id: 'r1',
    entityRef: 'component:default/a',
    version: 'v1',
    title: 't',
    status: 'in_progress',
    revision: 1,
    createdBy: 'user:default/a',
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
    counts: {
      steps: { done: 1, total: 2 },
      checks: { done: 0, total: 1 },
      signOffs: { approved: 0, total: 2 },
    },
    pendingRoles: [],
    lastActivityAt: '2026-12-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('the board query', () => {
  it('reads the URL back into the filters it wrote, dropping unknown values', () => {
    const filters = filtersFromSearch(
      new URLSearchParams(
        'status=blocked,draft&status=bogus&mine=pending&system=system:default/multipass&q=gate&sort=entity&owner=',
      ),
    );
    expect(filters).toEqual({
      status: ['blocked', 'draft'],
      mine: 'pending',
      system: 'system:default/multipass',
      q: 'gate',
      sort: 'entity',
      owner: undefined,
    });
    expect(filtersFromSearch(searchFromFilters(filters))).toEqual(filters);
    expect(queryOf(filters, { limit: 10 })).toEqual({
      status: ['blocked', 'draft'],
      pendingSignoffBy: 'me',
      system: 'system:default/multipass',
      q: 'gate',
      sort: 'entity',
      limit: 10,
    });
    expect(
      filtersFromSearch(new URLSearchParams('sort=newest&mine=x')),
    ).toEqual({
      status: [],
      sort: 'lastActivity',
      mine: undefined,
      owner: undefined,
      system: undefined,
      q: undefined,
    });
  });

  it('writes CSV that a spreadsheet reads as text, quotes and all', () => {
    const csv = toCsv(
      [
        {
          id: 'r1',
          entityRef: 'component:default/a',
          version: '=HYPERLINK("x")',
          title: 't',
          status: 'blocked',
          revision: 1,
          createdBy: 'user:default/a',
          createdAt: '2026-12-01T00:00:00.000Z',
          updatedAt: '2026-12-01T00:00:00.000Z',
          counts: {
            steps: { done: 1, total: 2 },
            checks: { done: 0, total: 1 },
            signOffs: { approved: 0, total: 2 },
          },
          pendingRoles: ['QA Lead', 'Ops, on call'],
          lastActivityAt: '2026-12-01T00:00:00.000Z',
          blockedReason: 'QA Lead: rejected ("no evidence")',
        },
      ],
      rolloutT('en'),
    );
    const [header, row] = csv.split('\r\n');
    expect(header.split(',')).toContain('pending roles');
    expect(row).toBe(
      'component:default/a,,,"\'=HYPERLINK(""x"")",,blocked,1,2,0,1,0,2,"QA Lead; Ops, on call","QA Lead: rejected (""no evidence"")",2026-12-01T00:00:00.000Z',
    );
  });

  it('says what holds a rollout up, with the counts in the language', () => {
    const rollout = summary({
      counts: {
        steps: { done: 1, total: 2 },
        checks: { done: 0, total: 5 },
        signOffs: { approved: 0, total: 22 },
      },
    });
    expect(blockerOf(rollout, rolloutT('en'))).toBe(
      'Open: 1 step, 5 checks, 22 sign-offs',
    );
    expect(blockerOf(rollout, rolloutT('ru'))).toBe(
      'Не закрыто: 1 шаг, 5 проверок, 22 согласования',
    );
    expect(blockerOf(summary({ status: 'blocked' }), rolloutT('ru'))).toBe(
      'Заблокирована',
    );
    expect(blockerOf(summary({ status: 'completed' }), rolloutT('en'))).toBe(
      undefined,
    );
  });

  it('words what blocked a rollout from its event, in the language', () => {
    const blocked = (type: string, data: Record<string, unknown>) =>
      summary({
        status: 'blocked',
        blockedReason: 'the server wrote this in English',
        blockedEvent: { type, data },
      });
    const rejected = blocked('signoff.decided', {
      signOffId: 'risk',
      role: 'Risk Officer',
      decision: 'rejected',
      note: 'no evidence',
    });
    expect(blockerOf(rejected, rolloutT('en'))).toBe(
      'Risk Officer: rejected ("no evidence")',
    );
    expect(blockerOf(rejected, rolloutT('ru'))).toBe(
      'Risk Officer: отклонено («no evidence»)',
    );
    const gates = blocked('gates.blocked', {
      gates: ['alert:a1', 'criterion:c2'],
      names: ['JobFailuresHigh', 'Errors spike'],
    });
    expect(blockerOf(gates, rolloutT('ru'))).toBe(
      'Срабатывает алерт JobFailuresHigh; Сработал критерий отката «Errors spike»',
    );
    expect(
      blockerOf(
        blocked('criterion.marked', { criterion: 'Container crashes' }),
        rolloutT('en'),
      ),
    ).toBe('Rollback criterion "Container crashes" triggered');
    expect(
      blockerOf(
        blocked('rollout.status', { reason: 'waiting for the vendor' }),
        rolloutT('ru'),
      ),
    ).toBe('Заблокирована: waiting for the vendor');
    // An older event that does not name its items reads as the server wrote it.
    expect(
      blockerOf(
        blocked('signoff.decided', { signOffId: 'risk' }),
        rolloutT('ru'),
      ),
    ).toBe('the server wrote this in English');
  });

  it('says how long ago in the language, as the board shows it', () => {
    const now = Date.parse('2026-12-02T12:00:00Z');
    const en = rolloutFormat('en');
    expect(en.relative('2026-12-02T11:57:00Z', now)).toMatch(/3 minutes ago/);
    expect(en.relative('2026-11-30T12:00:00Z', now)).toMatch(/2 days ago/);
    expect(rolloutFormat('ru').relative('2026-12-02T11:57:00Z', now)).toMatch(
      /3 минуты назад/,
    );
  });
});
