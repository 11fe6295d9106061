import '@homelab-portal/test-utils/fixtures';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  KRATIX_ANNOTATION_PROMISE,
  KRATIX_ANNOTATION_TEMPLATE,
  readPromiseDocuments,
} from '@homelab-portal/plugin-kratix-common';
import { entitiesForPromise } from '.';

// What the Create page lists in the local start: the hand-written templates
// (templates/all.yaml) and those the Kratix provider generates from promises/.
const repoRoot = path.resolve(__dirname, '../../../..');
const templatesDir = path.join(repoRoot, 'templates');
const promisesDir = path.join(repoRoot, 'promises');

const handWritten: any[] = parse(
  fs.readFileSync(path.join(templatesDir, 'all.yaml'), 'utf8'),
).spec.targets.map((target: string) =>
  parse(fs.readFileSync(path.join(templatesDir, target), 'utf8')),
);

const promises = fs
  .readdirSync(promisesDir)
  .filter(name => fs.existsSync(path.join(promisesDir, name, 'promise.yaml')))
  .map(name =>
    entitiesForPromise(
      readPromiseDocuments(
        fs.readFileSync(path.join(promisesDir, name, 'promise.yaml'), 'utf8'),
      )[0],
      { location: `file:${name}` },
      {
        owner: 'group:default/admins',
        lifecycle: 'production',
        requestsPath: 'platform/requests',
        allowedHosts: ['git.lab.local'],
      },
    ),
  );
const generated = promises.flatMap(p => (p.template ? [p.template] : []));
const all = [...handWritten, ...generated];
// The Create page hides templates tagged internal (app.extensions).
const listed = all.filter(t => !(t.metadata.tags ?? []).includes('internal'));

/** The Promise a template requests: from its kratix:request steps. */
const promiseOf = (template: any): string | undefined => {
  const ref: string | undefined = template.spec.steps.find(
    (s: any) => s.action === 'kratix:request',
  )?.input.promiseEntityRef;
  return ref?.replace(/^api:default\//, '').replace(/-promise$/, '');
};

describe('the templates the Create page lists', () => {
  it('has no two with the same name or title', () => {
    const names = all.map(t => t.metadata.name);
    expect(names.length).toBe(new Set(names).size);
    const titles = listed.map(t => t.metadata.title.toLocaleLowerCase('en'));
    expect(titles.length).toBe(new Set(titles).size);
  });

  it('has exactly one template per Promise', () => {
    const byPromise = new Map<string, string[]>();
    for (const template of all) {
      const promise = promiseOf(template);
      if (promise) {
        byPromise.set(promise, [
          ...(byPromise.get(promise) ?? []),
          template.metadata.name,
        ]);
      }
    }
    expect(
      Object.fromEntries(
        promises.map(p => [p.promiseName, byPromise.get(p.promiseName)]),
      ),
    ).toEqual({
      bucket: ['request-bucket'],
      'exposed-service': ['expose-service'],
      'keycloak-client': ['request-keycloak-client'],
      postgresql: ['request-postgresql'],
      redis: ['request-redis'],
    });
  });

  it('agrees with the Promises on which template is hand-written', () => {
    for (const template of handWritten.filter(promiseOf)) {
      const promise = promiseOf(template)!;
      expect([
        template.metadata.name,
        template.metadata.annotations?.[KRATIX_ANNOTATION_PROMISE],
      ]).toEqual([template.metadata.name, promise]);
      const entities = promises.find(p => p.promiseName === promise)!;
      expect(
        entities.api.metadata.annotations[KRATIX_ANNOTATION_TEMPLATE],
      ).toBe(`template:default/${template.metadata.name}`);
    }
  });

  it('does not list the internal cybernetics template, which the backend still finds', () => {
    const cybernetics = all.find(t => t.metadata.name === 'cybernetics-change');
    expect(cybernetics).toBeDefined();
    expect(listed).not.toContain(cybernetics);
    // Both configs hide templates tagged internal from the Create page.
    for (const file of ['app-config.yaml', 'app-config.production.yaml']) {
      const extensions = parse(
        fs.readFileSync(path.join(repoRoot, file), 'utf8'),
      ).app.extensions as any[];
      const page = extensions.find(
        e => typeof e === 'object' && e['sub-page:scaffolder/templates'],
      );
      expect([file, page?.['sub-page:scaffolder/templates'].config]).toEqual([
        file,
        {
          templateFilter: {
            $not: { 'metadata.tags': { $contains: 'internal' } },
          },
        },
      ]);
    }
  });
});

describe('every form speaks in plain words', () => {
  const problems: string[] = [];
  const visit = (node: any, where: string) => {
    if (!node || typeof node !== 'object') return;
    for (const [name, child] of Object.entries<any>(node.properties ?? {})) {
      const at = `${where} ${name}`;
      if (!child.title) problems.push(`${at}: no title`);
      else if (child.title === name && /[a-z][A-Z]|^[a-z]/.test(name)) {
        problems.push(`${at}: titled with its field name`);
      }
      visit(child, at);
    }
    if (node.items && typeof node.items === 'object') {
      if (!node.items.title) problems.push(`${where}[]: items have no title`);
      visit(node.items, `${where}[]`);
    }
  };
  for (const template of listed) {
    for (const step of template.spec.parameters) {
      visit(step, `${template.metadata.name} / ${step.title}:`);
    }
  }

  it('gives every field and every array item a title that is not its field name', () => {
    expect(problems).toEqual([]);
  });

  it('describes every field a person types into', () => {
    const undescribed: string[] = [];
    for (const template of listed) {
      for (const step of template.spec.parameters) {
        for (const [name, field] of Object.entries<any>(
          step.properties ?? {},
        )) {
          const self =
            field.type === 'string' ||
            field.type === 'integer' ||
            field.type === 'number';
          if (self && !field.enum && !field.description) {
            undescribed.push(`${template.metadata.name}.${name}`);
          }
        }
      }
    }
    expect(undescribed).toEqual([]);
  });

  it('uses pickers, not free text, for entity refs', () => {
    const freeText: string[] = [];
    const visitRefs = (node: any, where: string) => {
      for (const [name, child] of Object.entries<any>(node?.properties ?? {})) {
        const looksLikeRef = [
          'owner',
          'system',
          'cluster',
          'entity',
          'target',
          'vlan',
        ].includes(name);
        if (looksLikeRef && !child['ui:field'])
          freeText.push(`${where}.${name}`);
        visitRefs(child, `${where}.${name}`);
        if (child.items) visitRefs(child.items, `${where}.${name}[]`);
      }
    };
    for (const template of listed) {
      for (const step of template.spec.parameters) {
        visitRefs(step, template.metadata.name);
      }
    }
    expect(freeText).toEqual([]);
  });
});
