import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { RolloutStore } from '../database/RolloutStore';

/** How many entities one catalog request of the refresh asks for. */
const BATCH = 200;

/**
 * The owners of released entities, from the catalog: looked up when a
 * rollout is created, and refreshed on a schedule so that a change of owner
 * in the catalog changes who may edit the entity's rollouts.
 */
export class EntityOwners {
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
   * The owner of an entity the caller can see in the catalog; an InputError
   * naming the field when there is no such entity.
   */
  async ownerOf(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<string | undefined> {
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new InputError(
        `entityRef: the catalog has no entity '${entityRef}'; register it before rolling it out`,
      );
    }
    return ownerRefOf(entity);
  }

  /**
   * Reads the owner of every released entity from the catalog and stores
   * the ones that changed. An entity the catalog no longer has keeps the
   * owner it had. Returns how many rollouts changed owner.
   */
  async refresh(): Promise<number> {
    const known = await this.store.listEntityOwners();
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
            'relations',
          ],
        },
        { credentials },
      );
      for (const [index, entity] of items.entries()) {
        if (!entity) {
          continue;
        }
        const owner = ownerRefOf(entity);
        if (owner !== batch[index].ownerRef) {
          changed += await this.store.setEntityOwner(
            batch[index].entityRef,
            owner,
          );
        }
      }
    }
    return changed;
  }
}

/**
 * The lower-cased owner of an entity: its `ownedBy` relation, else its
 * `spec.owner` read as the catalog reads it (a group by default, in the
 * entity's namespace).
 */
export function ownerRefOf(entity: Entity): string | undefined {
  const relation = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  const owner = entity.spec?.owner;
  let ref: string | undefined = relation?.targetRef;
  if (!ref && typeof owner === 'string' && owner) {
    ref = stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  }
  return ref?.toLocaleLowerCase('en-US');
}
