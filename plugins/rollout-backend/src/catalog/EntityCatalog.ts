import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InputError,
  isError,
  isErrorWithName,
  ResponseError,
  ServiceUnavailableError,
  stringifyError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EntityCatalogInfo, RolloutStore } from '../database/RolloutStore';

/** How many entities one catalog request of the refresh asks for. */
const BATCH = 200;

/** How many signer names one catalog request looks up. */
const PEOPLE_BATCH = 50;

/** How long one catalog request may take before it counts as unanswered. */
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * What the catalog says of released entities, their owner and system:
 * looked up when a rollout is created, and refreshed on a schedule so that
 * a change of owner in the catalog changes who may edit the entity's
 * rollouts, and the board's system filter follows the catalog.
 */
export class EntityCatalog {
  private readonly catalog: CatalogService;
  private readonly store: RolloutStore;
  private readonly auth: AuthService;
  private readonly timeoutMs: number;

  constructor(options: {
    catalog: CatalogService;
    store: RolloutStore;
    auth: AuthService;
    /** How long one catalog request may take; 10 seconds unless given. */
    timeoutMs?: number;
  }) {
    this.catalog = options.catalog;
    this.store = options.store;
    this.auth = options.auth;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /**
   * The owner and system of an entity the caller can see in the catalog; an
   * InputError naming the field when there is no such entity, a
   * ServiceUnavailableError when the catalog does not answer (down,
   * failing or slower than the timeout): then nobody can tell whether the
   * entity exists.
   */
  async infoOf(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityCatalogInfo> {
    const entity = await this.ask(`the lookup of '${entityRef}'`, () =>
      this.catalog.getEntityByRef(entityRef, { credentials }),
    );
    if (!entity) {
      throw new InputError(
        `entityRef: the catalog has no entity '${entityRef}'; register it before rolling it out`,
      );
    }
    return catalogInfoOf(entity);
  }

  /**
   * Reads the owner and system of every released entity from the catalog
   * and stores the ones that changed. An entity the catalog no longer has
   * keeps what it had. Returns how many rollouts changed.
   */
  async refresh(): Promise<number> {
    const known = await this.store.listEntityCatalogInfo();
    const credentials = await this.auth.getOwnServiceCredentials();
    let changed = 0;
    for (let i = 0; i < known.length; i += BATCH) {
      const batch = known.slice(i, i + BATCH);
      const { items } = await this.ask('the refresh of owners', () =>
        this.catalog.getEntitiesByRefs(
          {
            entityRefs: batch.map(entry => entry.entityRef),
            fields: [
              'kind',
              'metadata.name',
              'metadata.namespace',
              'spec.owner',
              'spec.system',
              'relations',
            ],
          },
          { credentials },
        ),
      );
      for (const [index, entity] of items.entries()) {
        if (!entity) {
          continue;
        }
        const info = catalogInfoOf(entity);
        const stored = batch[index];
        if (
          info.ownerRef !== stored.ownerRef ||
          info.systemRef !== stored.systemRef
        ) {
          changed += await this.store.setEntityCatalogInfo(
            stored.entityRef,
            info,
          );
        }
      }
    }
    return changed;
  }

  /**
   * The catalog's users and groups for names a checklist gives its signers
   * by (`@maria`, `maria`, `maria@example.com`, `qa-leads`): a user by name
   * or by `spec.profile.email`, a group by name, as the caller sees the
   * catalog. A name that matches nothing, or more than one entity, gets the
   * reason it stays unresolved instead.
   */
  async resolvePeople(
    names: ReadonlyArray<string>,
    credentials: BackstageCredentials,
  ): Promise<Map<string, { ref: string } | { problem: string }>> {
    const wanted = [...new Set(names)];
    const found = new Map<string, string[]>();
    for (let i = 0; i < wanted.length; i += PEOPLE_BATCH) {
      const batch = wanted.slice(i, i + PEOPLE_BATCH);
      const { items } = await this.ask('the lookup of signers', () =>
        this.catalog.getEntities(
          {
            filter: batch.flatMap((name): Array<Record<string, string>> => {
              const handle = name.replace(/^@/, '');
              return handle.includes('@')
                ? [{ kind: 'User', 'spec.profile.email': handle }]
                : [
                    { kind: 'User', 'metadata.name': handle },
                    { kind: 'Group', 'metadata.name': handle },
                  ];
            }),
            fields: [
              'kind',
              'metadata.name',
              'metadata.namespace',
              'spec.profile.email',
            ],
          },
          { credentials },
        ),
      );
      for (const entity of items) {
        const ref = stringifyEntityRef(entity);
        const email = (entity.spec?.profile as { email?: unknown } | undefined)
          ?.email;
        const keys = [
          entity.metadata.name,
          ...(typeof email === 'string' ? [email] : []),
        ].map(key => key.toLocaleLowerCase('en-US'));
        for (const key of keys) {
          found.set(key, [...(found.get(key) ?? []), ref]);
        }
      }
    }
    return new Map(
      wanted.map((name): [string, { ref: string } | { problem: string }] => {
        const refs = [
          ...new Set(
            found.get(name.replace(/^@/, '').toLocaleLowerCase('en-US')) ?? [],
          ),
        ];
        if (refs.length === 1) {
          return [name, { ref: refs[0] }];
        }
        return [
          name,
          {
            problem: refs.length
              ? `matches ${refs.join(', ')}; name one of them`
              : 'the catalog has no user or group by that name or email',
          },
        ];
      }),
    );
  }

  /**
   * The users that users and groups stand for, each once and sorted, as
   * the caller sees the catalog: a user itself, a group its direct members.
   * Refs the catalog does not have, or of another kind, come back apart in
   * `unknown`.
   */
  async usersOf(
    refs: ReadonlyArray<string>,
    credentials: BackstageCredentials,
  ): Promise<{ users: string[]; unknown: string[] }> {
    const wanted = [...new Set(refs)];
    const users = new Set<string>();
    const groups: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < wanted.length; i += BATCH) {
      const batch = wanted.slice(i, i + BATCH);
      const { items } = await this.ask('the lookup of recipients', () =>
        this.catalog.getEntitiesByRefs(
          {
            entityRefs: batch,
            fields: ['kind', 'metadata.name', 'metadata.namespace'],
          },
          { credentials },
        ),
      );
      items.forEach((entity, index) => {
        const kind = entity?.kind.toLocaleLowerCase('en-US');
        if (kind === 'user') {
          users.add(stringifyEntityRef(entity!));
        } else if (kind === 'group') {
          groups.push(stringifyEntityRef(entity!));
        } else {
          unknown.push(batch[index]);
        }
      });
    }
    for (let i = 0; i < groups.length; i += PEOPLE_BATCH) {
      const batch = groups.slice(i, i + PEOPLE_BATCH);
      const { items } = await this.ask('the lookup of group members', () =>
        this.catalog.getEntities(
          {
            filter: { kind: 'User', 'relations.memberOf': batch },
            fields: ['kind', 'metadata.name', 'metadata.namespace'],
          },
          { credentials },
        ),
      );
      for (const entity of items) {
        users.add(stringifyEntityRef(entity));
      }
    }
    return { users: [...users].sort(), unknown };
  }

  /**
   * Runs one catalog request within the timeout. A catalog that refuses
   * the connection, answers an error or does not answer in time is a
   * ServiceUnavailableError saying so, never the raw error (a 500).
   */
  private async ask<T>(what: string, request: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ServiceUnavailableError(
              `The catalog did not answer ${what} within ${this.timeoutMs}ms; try again later`,
            ),
          ),
        this.timeoutMs,
      );
    });
    const answer = Promise.resolve().then(request);
    // The request may still fail after the timeout won the race.
    answer.catch(() => {});
    try {
      return await Promise.race([answer, timeout]);
    } catch (error) {
      if (error instanceof ServiceUnavailableError) {
        throw error;
      }
      // By name: the catalog client may bring its own copy of the errors.
      const reply = isErrorWithName(error, 'ResponseError')
        ? `answered ${what} with ${statusOf(error as unknown as ResponseError)}`
        : `did not answer ${what}`;
      // Not as a cause: that would repeat itself in the message.
      throw new ServiceUnavailableError(
        `The catalog ${reply}: ${innermostMessage(error)}; try again later`,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}

function statusOf(error: ResponseError): string {
  return `HTTP ${error.response.status} ${error.response.statusText}`.trim();
}

/**
 * What went wrong, from the innermost cause: a failed fetch names the
 * refused address there, a ResponseError the catalog's own error.
 */
function innermostMessage(error: unknown): string {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  if (isError(cause)) {
    return innermostMessage(cause);
  }
  return isError(error) ? error.message : stringifyError(error);
}

/**
 * The lower-cased owner and system of an entity: its `ownedBy` and
 * `partOf` relations, else its `spec.owner` and `spec.system` read as the
 * catalog reads them (a group and a system by default, in the entity's
 * namespace).
 */
export function catalogInfoOf(entity: Entity): EntityCatalogInfo {
  const ownerRef = relatedRef(entity, RELATION_OWNED_BY, 'owner', 'group');
  const systemRef = relatedRef(entity, RELATION_PART_OF, 'system', 'system');
  return {
    ...(ownerRef ? { ownerRef } : {}),
    ...(systemRef?.startsWith('system:') ? { systemRef } : {}),
  };
}

function relatedRef(
  entity: Entity,
  relationType: string,
  specField: string,
  defaultKind: string,
): string | undefined {
  const relation = entity.relations?.find(
    r =>
      r.type === relationType &&
      (relationType !== RELATION_PART_OF || r.targetRef.startsWith('system:')),
  );
  const value = entity.spec?.[specField];
  let ref: string | undefined = relation?.targetRef;
  if (!ref && typeof value === 'string' && value) {
    ref = stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind,
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  }
  return ref?.toLocaleLowerCase('en-US');
}
