import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import * as core from 'kubernetes-models/v1';
import * as apps from 'kubernetes-models/apps/v1';
import * as policy from 'kubernetes-models/policy/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';
import * as rbac from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';

const deployDir = path.resolve(__dirname, '../../../deploy');

type Manifest = { apiVersion: string; kind: string; metadata: any; spec?: any };

// Models generated from the Kubernetes and ArgoCD OpenAPI schemas: validate()
// checks types, enums and required fields offline.
const models: Record<string, new (data: any) => { validate(): void }> = {
  'v1/Namespace': core.Namespace,
  'v1/Service': core.Service,
  'v1/ServiceAccount': core.ServiceAccount,
  'apps/v1/Deployment': apps.Deployment,
  'apps/v1/StatefulSet': apps.StatefulSet,
  'policy/v1/PodDisruptionBudget': policy.PodDisruptionBudget,
  'networking.k8s.io/v1/Ingress': networking.Ingress,
  'rbac.authorization.k8s.io/v1/ClusterRole': rbac.ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': rbac.ClusterRoleBinding,
  'argoproj.io/v1alpha1/Application': Application,
};

function load(file: string): Manifest[] {
  return parseAllDocuments(
    fs.readFileSync(path.join(deployDir, file), 'utf8'),
  ).map(doc => {
    if (doc.errors.length) throw doc.errors[0];
    return doc.toJS() as Manifest;
  });
}

const files = fs
  .readdirSync(deployDir)
  .filter(f => f.endsWith('.yaml') && f !== 'kustomization.yaml');
const manifests = files.flatMap(file =>
  load(file).map(m => ({ file, manifest: m })),
);
const find = (kind: string, name: string) =>
  manifests.find(
    ({ manifest }) => manifest.kind === kind && manifest.metadata.name === name,
  )?.manifest;

describe('deploy/', () => {
  it.each(
    manifests.map(({ file, manifest }) => [file, manifest.kind, manifest]),
  )('%s: %s is valid against its schema', (_file, _kind, manifest) => {
    const Model = models[`${manifest.apiVersion}/${manifest.kind}`];
    expect(Model).toBeDefined();
    expect(() => new Model(manifest).validate()).not.toThrow();
  });

  it('lists every manifest but the ArgoCD Application in kustomization.yaml', () => {
    const [kustomization] = load('kustomization.yaml') as any[];
    expect([...kustomization.resources].sort()).toEqual(
      files.filter(f => f !== 'argocd-application.yaml').sort(),
    );
  });

  it('runs 2+ portal replicas on one PostgreSQL, with probes and a PDB', () => {
    const portal = find('Deployment', 'homelab-portal')!;
    expect(portal.spec.replicas).toBeGreaterThanOrEqual(2);
    const [backend] = portal.spec.template.spec.containers;
    expect(backend.readinessProbe.httpGet.path).toBe(
      '/.backstage/health/v1/readiness',
    );
    expect(backend.livenessProbe.httpGet.path).toBe(
      '/.backstage/health/v1/liveness',
    );

    const pdb = find('PodDisruptionBudget', 'homelab-portal')!;
    expect(pdb.spec.selector.matchLabels).toEqual(
      portal.spec.selector.matchLabels,
    );
    expect(pdb.spec.minAvailable).toBeLessThan(portal.spec.replicas);

    expect(find('StatefulSet', 'homelab-portal-postgres')!.spec.replicas).toBe(
      1,
    );
  });

  it('keeps secrets out of Git: credentials come from a Secret reference', () => {
    const text = files
      .map(f => fs.readFileSync(path.join(deployDir, f), 'utf8'))
      .join('\n');
    expect(manifests.some(({ manifest }) => manifest.kind === 'Secret')).toBe(
      false,
    );
    expect(text).not.toMatch(/(PASSWORD|SECRET)\s*\n\s*value:/);
  });

  it('has ArgoCD sync the deploy/ folder', () => {
    const app = find('Application', 'homelab-portal')!;
    expect(app.spec.source.path).toBe('deploy');
    expect(app.spec.destination.namespace).toBe('homelab-portal');
  });
});
