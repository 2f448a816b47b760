import {
  Content,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  EntityDisplayName,
  EntityRefLink,
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { useSignal } from '@backstage/plugin-signals-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import Select from '@material-ui/core/Select';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  RolloutStatus,
  RolloutSummary,
  rolloutSignalChannel,
} from '@rollout/backstage-plugin-rollout-common';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { rolloutApiRef } from '../../api';
import {
  statusLabel,
  useRolloutFormat,
  useRolloutTranslation,
} from '../../translation';
import { StatusChip } from '../RolloutView/StatusChip';
import { YourSignOffs } from './YourSignOffs';
import {
  BoardFilters,
  blockerOf,
  filtersFromSearch,
  queryOf,
  searchFromFilters,
  toCsv,
} from './boardQuery';

const PAGE_SIZE = 50;

const useStyles = makeStyles({
  table: {
    '& th, & td': { paddingLeft: 8, paddingRight: 8 },
  },
  nowrap: { whiteSpace: 'nowrap' },
  // Cells whose text wraps keep a readable width: the table would otherwise
  // squeeze them to a letter a line beside the cells that do not wrap.
  signOffs: { minWidth: 200 },
  blocked: { minWidth: 160, maxWidth: 280 },
  // "3 minutes ago" wraps between its words, never inside one.
  lastActivity: { minWidth: 112 },
  clamp: {
    display: '-webkit-box',
    WebkitBoxOrient: 'vertical',
    WebkitLineClamp: 4,
    overflow: 'hidden',
  },
});

/** The statuses the filter offers, in the order a rollout goes through. */
const statusOptions: RolloutStatus[] = [
  'draft',
  'in_progress',
  'blocked',
  'completed',
  'rolled_back',
];

/**
 * The board's rows for the filters, page after page. `filters` must keep
 * its identity while the URL does not change.
 */
function useBoard(filters: BoardFilters) {
  const api = useApi(rolloutApiRef);
  const [items, setItems] = useState<RolloutSummary[]>();
  const [nextCursor, setNextCursor] = useState<string>();
  const [error, setError] = useState<Error>();
  const latest = useRef(0);

  const load = useCallback(
    async (count = PAGE_SIZE) => {
      const request = ++latest.current;
      try {
        const page = await api.listRollouts(
          queryOf(filters, { limit: Math.min(200, count) }),
        );
        if (request === latest.current) {
          setItems(page.items);
          setNextCursor(page.nextCursor);
          setError(undefined);
        }
      } catch (e) {
        if (request === latest.current) {
          setError(e as Error);
        }
      }
    },
    [api, filters],
  );

  useEffect(() => {
    setItems(undefined);
    load();
  }, [load]);

  const more = useCallback(async () => {
    if (!nextCursor) {
      return;
    }
    const page = await api.listRollouts(
      queryOf(filters, { limit: PAGE_SIZE, cursor: nextCursor }),
    );
    setItems(current => [...(current ?? []), ...page.items]);
    setNextCursor(page.nextCursor);
  }, [api, filters, nextCursor]);

  /** Every row of the filters, for the CSV. */
  const all = useCallback(async () => {
    const rows: RolloutSummary[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.listRollouts(
        queryOf(filters, { limit: 200, cursor }),
      );
      rows.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return rows;
  }, [api, filters]);

  return {
    items,
    error,
    hasMore: Boolean(nextCursor),
    more,
    all,
    reload: () => load(Math.max(PAGE_SIZE, items?.length ?? 0)),
  };
}

/** What blocks a row, cut to four lines; the whole text on hover. */
function BlockedBy(props: { text?: string }) {
  const classes = useStyles();
  const text = (
    <Typography variant="body2" className={classes.clamp}>
      {props.text ?? '–'}
    </Typography>
  );
  return props.text && props.text.length > 120 ? (
    <Tooltip title={props.text}>{text}</Tooltip>
  ) : (
    text
  );
}

/** Reloads the board when the rollout of one row changes. */
function RowSignal(props: { rolloutId: string; onChange: () => void }) {
  const { rolloutId, onChange } = props;
  const { lastSignal } = useSignal(rolloutSignalChannel(rolloutId));
  const seen = useRef(lastSignal);
  useEffect(() => {
    if (lastSignal && lastSignal !== seen.current) {
      seen.current = lastSignal;
      onChange();
    }
  }, [lastSignal, onChange]);
  return null;
}

function Filters(props: {
  filters: BoardFilters;
  onChange: (filters: BoardFilters) => void;
  onDownload: () => void;
}) {
  const { filters, onChange, onDownload } = props;
  const { t } = useRolloutTranslation();
  const { locale } = useRolloutFormat();
  // A status as a menu item: "In progress".
  const statusOption = (status: RolloutStatus) => {
    const label = statusLabel(t, status);
    return label.charAt(0).toLocaleUpperCase(locale) + label.slice(1);
  };
  const [text, setText] = useState(filters.q ?? '');
  useEffect(() => setText(filters.q ?? ''), [filters.q]);
  const set = (patch: Partial<BoardFilters>) =>
    onChange({ ...filters, ...patch });
  // On a paper, as the table is: the page's grey behind the small field
  // labels would take them below AA contrast.
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-end"
      gridGap={16}
      mb={2}
      p={2}
      clone
    >
      <Paper
        component="form"
        role="search"
        aria-label={t('board.filters.label')}
        onSubmit={e => {
          e.preventDefault();
          set({ q: text.trim() || undefined });
        }}
      >
        <FormControl style={{ minWidth: 200 }}>
          <InputLabel id="board-mine-label">
            {t('board.filters.show')}
          </InputLabel>
          <Select
            labelId="board-mine-label"
            id="board-mine"
            value={filters.mine ?? 'all'}
            onChange={e => {
              const value = e.target.value as string;
              set({
                mine:
                  value === 'pending' || value === 'owned' ? value : undefined,
              });
            }}
          >
            <MenuItem value="all">{t('board.filters.mine.all')}</MenuItem>
            <MenuItem value="pending">
              {t('board.filters.mine.pending')}
            </MenuItem>
            <MenuItem value="owned">{t('board.filters.mine.owned')}</MenuItem>
          </Select>
        </FormControl>
        <FormControl style={{ minWidth: 200 }}>
          <InputLabel id="board-status-label">
            {t('board.filters.status')}
          </InputLabel>
          <Select
            labelId="board-status-label"
            id="board-status"
            multiple
            value={filters.status}
            renderValue={value =>
              (value as RolloutStatus[]).map(statusOption).join(', ')
            }
            onChange={e => set({ status: e.target.value as RolloutStatus[] })}
          >
            {statusOptions.map(status => (
              <MenuItem key={status} value={status}>
                {statusOption(status)}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <TextField
          id="board-system"
          label={t('board.filters.system')}
          placeholder={t('board.filters.systemPlaceholder')}
          value={filters.system ?? ''}
          onChange={e => set({ system: e.target.value.trim() || undefined })}
        />
        <TextField
          id="board-owner"
          label={t('board.filters.owner')}
          placeholder={t('board.filters.ownerPlaceholder')}
          value={filters.owner ?? ''}
          onChange={e => set({ owner: e.target.value.trim() || undefined })}
        />
        <TextField
          id="board-search"
          label={t('board.filters.search')}
          value={text}
          onChange={e => setText(e.target.value)}
          onBlur={() => set({ q: text.trim() || undefined })}
        />
        <FormControl style={{ minWidth: 160 }}>
          <InputLabel id="board-sort-label">
            {t('board.filters.sortBy')}
          </InputLabel>
          <Select
            labelId="board-sort-label"
            id="board-sort"
            value={filters.sort}
            onChange={e =>
              set({ sort: e.target.value as BoardFilters['sort'] })
            }
          >
            <MenuItem value="lastActivity">
              {t('board.filters.sort.lastActivity')}
            </MenuItem>
            <MenuItem value="entity">{t('board.filters.sort.entity')}</MenuItem>
            <MenuItem value="status">{t('board.filters.sort.status')}</MenuItem>
          </Select>
        </FormControl>
        <Box ml="auto">
          <Button variant="outlined" onClick={onDownload}>
            {t('board.filters.download')}
          </Button>
        </Box>
      </Paper>
    </Box>
  );
}

/**
 * Every rollout the caller may read, filtered, sorted and paged by the
 * backend, with the filters in the URL; signers decide their rows in place.
 */
export function RolloutsBoard() {
  const classes = useStyles();
  const { t } = useRolloutTranslation();
  const format = useRolloutFormat();
  const alertApi = useApi(alertApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const board = useBoard(filters);
  const { reload } = board;
  const onRowChange = useCallback(() => reload(), [reload]);

  const download = async () => {
    try {
      const csv = toCsv(await board.all(), t);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(
        new Blob([csv], { type: 'text/csv;charset=utf-8' }),
      );
      link.download = 'rollouts.csv';
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (e) {
      alertApi.post({ message: (e as Error).message, severity: 'error' });
    }
  };

  const tabOf = (entityRef: string) =>
    `${entityRoute(entityRouteParams(entityRef))}/rollout`;

  return (
    <Content>
      <Filters
        filters={filters}
        onChange={next => setSearch(searchFromFilters(next))}
        onDownload={download}
      />
      {board.error && <ResponseErrorPanel error={board.error} />}
      {!board.error && !board.items && <Progress />}
      {board.items && (
        <Paper style={{ overflowX: 'auto' }}>
          <Table
            size="small"
            aria-label={t('board.table.label')}
            className={classes.table}
          >
            <TableHead>
              <TableRow>
                <TableCell>{t('board.table.column.entity')}</TableCell>
                <TableCell>{t('board.table.column.system')}</TableCell>
                <TableCell>{t('board.table.column.owner')}</TableCell>
                <TableCell>{t('board.table.column.version')}</TableCell>
                <TableCell>{t('board.table.column.status')}</TableCell>
                <TableCell>{t('board.table.column.progress')}</TableCell>
                <TableCell>{t('board.table.column.signOffs')}</TableCell>
                <TableCell>{t('board.table.column.blockedBy')}</TableCell>
                <TableCell className={classes.lastActivity}>
                  {t('board.table.column.lastActivity')}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {board.items.length === 0 && (
                <TableRow>
                  <TableCell colSpan={9}>
                    <Typography variant="body2">
                      {t('board.table.empty')}
                    </Typography>
                  </TableCell>
                </TableRow>
              )}
              {board.items.map(rollout => (
                <TableRow key={rollout.id} data-testid={`board-${rollout.id}`}>
                  <TableCell className={classes.nowrap}>
                    <RowSignal rolloutId={rollout.id} onChange={onRowChange} />
                    <Link to={tabOf(rollout.entityRef)}>
                      <EntityDisplayName
                        entityRef={rollout.entityRef}
                        hideIcon
                        disableTooltip
                      />
                    </Link>
                  </TableCell>
                  <TableCell className={classes.nowrap}>
                    {rollout.systemRef ? (
                      <EntityRefLink entityRef={rollout.systemRef} hideIcon />
                    ) : (
                      '–'
                    )}
                  </TableCell>
                  <TableCell className={classes.nowrap}>
                    {rollout.ownerRef ? (
                      <EntityRefLink entityRef={rollout.ownerRef} hideIcon />
                    ) : (
                      '–'
                    )}
                  </TableCell>
                  <TableCell className={classes.nowrap}>
                    {rollout.version}
                    {rollout.previousVersion && ` ← ${rollout.previousVersion}`}
                  </TableCell>
                  <TableCell>
                    <StatusChip status={rollout.status} />
                  </TableCell>
                  <TableCell>
                    <Typography variant="body2" noWrap>
                      {t('board.table.steps', {
                        done: format.number(rollout.counts.steps.done),
                        total: format.number(rollout.counts.steps.total),
                      })}
                    </Typography>
                    <Typography variant="body2" noWrap>
                      {t('board.table.checks', {
                        done: format.number(rollout.counts.checks.done),
                        total: format.number(rollout.counts.checks.total),
                      })}
                    </Typography>
                  </TableCell>
                  <TableCell className={classes.signOffs}>
                    <Typography variant="body2" noWrap>
                      {t('board.table.approved', {
                        approved: format.number(
                          rollout.counts.signOffs.approved,
                        ),
                        total: format.number(rollout.counts.signOffs.total),
                      })}
                    </Typography>
                    <Box display="flex" flexWrap="wrap" gridGap={4} mt={0.5}>
                      {rollout.pendingRoles.map(role => (
                        <Chip
                          key={role}
                          size="small"
                          variant="outlined"
                          label={role}
                        />
                      ))}
                    </Box>
                    <YourSignOffs rollout={rollout} onDecided={reload} />
                  </TableCell>
                  <TableCell className={classes.blocked}>
                    <BlockedBy text={blockerOf(rollout, t)} />
                  </TableCell>
                  <TableCell className={classes.lastActivity}>
                    <Tooltip title={format.dateTime(rollout.lastActivityAt)}>
                      <Typography variant="body2">
                        {format.relative(rollout.lastActivityAt)}
                      </Typography>
                    </Tooltip>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {board.hasMore && (
            <Box p={2} display="flex" justifyContent="center">
              <Button variant="outlined" onClick={board.more}>
                {t('board.table.showMore')}
              </Button>
            </Box>
          )}
        </Paper>
      )}
    </Content>
  );
}
