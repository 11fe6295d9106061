import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import {
  CHAOS_MESH_EXAMPLES_DIR,
  chaosMeshKinds,
  validateChaosMesh,
} from './__testUtils__/chaosMesh';

if (!fs.existsSync(CHAOS_MESH_EXAMPLES_DIR)) {
  const error = new Error(
    `fixtures missing: ${CHAOS_MESH_EXAMPLES_DIR} (the tests need /work/shared/fixtures, see README)`,
  );
  error.stack = error.message;
  throw error;
}

const examples = fs
  .readdirSync(CHAOS_MESH_EXAMPLES_DIR)
  .filter(f => f.endsWith('.yaml'))
  .sort();

const podKill = () =>
  parse(
    fs.readFileSync(
      path.join(CHAOS_MESH_EXAMPLES_DIR, 'pod-kill-example.yaml'),
      'utf8',
    ),
  );

describe('the Chaos Mesh validator', () => {
  it('knows every kind the CRDs define', () => {
    expect(chaosMeshKinds()).toEqual([
      'chaos-mesh.org/v1alpha1 DNSChaos',
      'chaos-mesh.org/v1alpha1 HTTPChaos',
      'chaos-mesh.org/v1alpha1 IOChaos',
      'chaos-mesh.org/v1alpha1 NetworkChaos',
      'chaos-mesh.org/v1alpha1 PodChaos',
      'chaos-mesh.org/v1alpha1 Schedule',
      'chaos-mesh.org/v1alpha1 StressChaos',
      'chaos-mesh.org/v1alpha1 TimeChaos',
      'chaos-mesh.org/v1alpha1 Workflow',
    ]);
  });

  it('has all of Chaos Mesh’s examples to check', () => {
    expect(examples).toHaveLength(10);
  });

  it.each(examples)('accepts Chaos Mesh’s own example %s', file => {
    const documents = parseAllDocuments(
      fs.readFileSync(path.join(CHAOS_MESH_EXAMPLES_DIR, file), 'utf8'),
    )
      .map(d => d.toJS())
      .filter(Boolean);
    expect(documents.length).toBeGreaterThan(0);
    for (const document of documents) {
      expect(() => validateChaosMesh(document)).not.toThrow();
    }
  });

  it.each([
    ['an action PodChaos does not have', { spec: { action: 'pod-explode' } }],
    ['a mode Chaos Mesh does not have', { spec: { mode: 'some' } }],
    ['no spec', { spec: undefined }],
    ['a selector that is not a mapping', { spec: { selector: ['app'] } }],
    [
      'labels that are not strings',
      { spec: { selector: { labelSelectors: { app: 1 } } } },
    ],
    ['a name Kubernetes refuses', { metadata: { name: 'Kill_Pods' } }],
    [
      'a misspelt selector field the API server would drop',
      { spec: { selector: { labelSelector: { app: 'x' } } } },
    ],
  ])('refuses a PodChaos with %s', (_, change: any) => {
    const example = podKill();
    const document = {
      ...example,
      ...change,
      metadata: { ...example.metadata, ...change.metadata },
      spec:
        'spec' in change && change.spec === undefined
          ? undefined
          : { ...example.spec, ...change.spec },
    };
    expect(() => validateChaosMesh(document)).toThrow(/Not a valid PodChaos/);
  });

  it('refuses a kind no CRD defines', () => {
    expect(() =>
      validateChaosMesh({ ...podKill(), kind: 'NodeChaos' }),
    ).toThrow('No Chaos Mesh CRD defines chaos-mesh.org/v1alpha1 NodeChaos');
  });
});
