import { loadConfigSchema } from '@backstage/config-loader';
import { resolve as resolvePath } from 'node:path';

// The backend redacts from its logs every string that config.d.ts marks as
// secret, and the app never sees them. A `@visibility secret` on `headers`
// would only mark the object, not the header values below it.
describe('config schema', () => {
  const config = {
    rollout: {
      prometheus: {
        baseUrl: 'http://prometheus:9090',
        headers: { Authorization: 'Bearer prometheus-token' },
      },
      alertmanager: {
        baseUrl: 'http://alertmanager:9093',
        headers: { Authorization: 'Bearer alertmanager-token' },
      },
    },
  };

  async function loadSchema() {
    return loadConfigSchema({
      dependencies: [],
      packagePaths: [resolvePath(__dirname, '../package.json')],
      excludePackageDependencies: true,
    });
  }

  it('treats every header value as a secret', async () => {
    const schema = await loadSchema();

    // What the backend's secret enumerator reads to redact its logs
    const [secrets] = schema.process([{ data: config, context: 'test' }], {
      visibility: ['secret'],
      ignoreSchemaErrors: true,
    });

    expect(secrets.data).toEqual({
      rollout: {
        prometheus: {
          headers: { Authorization: 'Bearer prometheus-token' },
        },
        alertmanager: {
          headers: { Authorization: 'Bearer alertmanager-token' },
        },
      },
    });
  });

  it('keeps header values out of the frontend and plain backend config', async () => {
    const schema = await loadSchema();

    const [visible] = schema.process([{ data: config, context: 'test' }], {
      visibility: ['frontend', 'backend'],
      withFilteredKeys: true,
    });

    expect(visible.data).toEqual({
      rollout: {
        prometheus: { baseUrl: 'http://prometheus:9090', headers: {} },
        alertmanager: { baseUrl: 'http://alertmanager:9093', headers: {} },
      },
    });
    expect(visible.filteredKeys).toEqual(
      expect.arrayContaining([
        'rollout.prometheus.headers.Authorization',
        'rollout.alertmanager.headers.Authorization',
      ]),
    );
  });
});

describe('rollout.signOffs.signersByRole', () => {
  // The backend reads it, but the frontend plugin declares it: the app's
  // frontend config schema is built from the app's own dependencies.
  it('reaches the frontend whole, role names as written', async () => {
    const schema = await loadConfigSchema({
      dependencies: [],
      packagePaths: [resolvePath(__dirname, '../../rollout/package.json')],
      excludePackageDependencies: true,
    });
    const signOffs = {
      signersByRole: {
        'QA Lead': ['group:default/qa-leads'],
        'Product/Programme': ['group:default/programme-leads'],
      },
    };

    const [frontend] = schema.process(
      [{ data: { rollout: { signOffs } }, context: 'test' }],
      { visibility: ['frontend'] },
    );

    expect(frontend.data).toEqual({ rollout: { signOffs } });
  });
});
