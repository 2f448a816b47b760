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
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EntityCatalogInfo, RolloutStore } from '../database/RolloutStore';

/** How many entities one catalog request of the refresh asks for. */
const BATCH = 200;

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

  constructor(options: {
    catalog: CatalogService;
    store: RolloutStore;
    auth: AuthService;
  }) {
    this.catalog = options.catalog;
    this.store = options.store;
    this.auth = options.auth;
  }

  /**
   * The owner and system of an entity the caller can see in the catalog; an
   * InputError naming the field when there is no such entity.
   */
  async infoOf(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityCatalogInfo> {
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
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
      const { items } = await this.catalog.getEntitiesByRefs(
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
