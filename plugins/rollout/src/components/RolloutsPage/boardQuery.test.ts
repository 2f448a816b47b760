import {
  filtersFromSearch,
  queryOf,
  relativeTime,
  searchFromFilters,
  toCsv,
} from './boardQuery';

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
    const csv = toCsv([
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
    ]);
    const [header, row] = csv.split('\r\n');
    expect(header.split(',')).toContain('pending roles');
    expect(row).toBe(
      'component:default/a,,,"\'=HYPERLINK(""x"")",,blocked,1,2,0,1,0,2,"QA Lead; Ops, on call","QA Lead: rejected (""no evidence"")",2026-12-01T00:00:00.000Z',
    );
  });

  it('says how long ago', () => {
    const now = Date.parse('2026-12-02T12:00:00Z');
    expect(relativeTime('2026-12-02T11:57:00Z', now)).toMatch(/3 minutes ago/);
    expect(relativeTime('2026-11-30T12:00:00Z', now)).toMatch(/2 days ago/);
  });
});
