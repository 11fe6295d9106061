import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  UrlReaderService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  PromiseApi,
  PromiseError,
  RequestValidationError,
  buildResourceRequest,
  parsePromiseYaml,
} from '@homelab-portal/plugin-kratix-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import yaml from 'yaml';
import { examples } from './kratixRequest.examples';
import { withPlainErrors } from './plainErrors';

// A Promise is a few hundred KB at most; refuse anything far larger.
const MAX_PROMISE_BYTES = 2 * 1024 * 1024;

/**
 * `kratix:request`: renders a Kratix resource request for a Promise read from
 * the catalog, a workspace file or a URL the backend may read, validated
 * against the Promise's schema, and writes it as YAML into the workspace.
 */
export function createKratixRequestAction(options: {
  urlReader: UrlReaderService;
  catalog: CatalogService;
}) {
  const { urlReader, catalog } = options;
  return createTemplateAction({
    id: 'kratix:request',
    description:
      "Renders a Kratix resource request for a Promise, validated against the Promise's schema, into the workspace",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        promiseEntityRef: z =>
          z
            .string({
              description:
                'A catalog API entity whose definition is the Promise (or its CRD)',
            })
            .optional(),
        promiseFile: z =>
          z
            .string({ description: 'A Promise YAML file in the workspace' })
            .optional(),
        promiseUrl: z =>
          z
            .string({
              description: 'A URL of a Promise YAML that the backend may read',
            })
            .optional(),
        name: z =>
          z.string({ description: 'metadata.name of the resource request' }),
        namespace: z =>
          z
            .string({
              description:
                'metadata.namespace of the request (default: default)',
            })
            .optional(),
        parameters: z =>
          z
            .record(z.string(), z.unknown(), {
              description: "The request's spec, checked against the Promise",
            })
            .optional(),
        targetPath: z =>
          z
            .string({
              description:
                'Where to write the manifest in the workspace (default: resources/<namespace>/<kind>-<name>.yaml)',
            })
            .optional(),
      },
      output: {
        manifestPath: z =>
          z.string({ description: 'The manifest, relative to the workspace' }),
        apiVersion: z => z.string(),
        kind: z => z.string(),
        name: z => z.string(),
        namespace: z => z.string().optional(),
      },
    },
    async handler(ctx) {
      await withPlainErrors(async () => {
        const { input } = ctx;
        const sources = [
          input.promiseEntityRef,
          input.promiseFile,
          input.promiseUrl,
        ].filter(Boolean);
        if (sources.length !== 1) {
          throw new InputError(
            'Give exactly one of promiseEntityRef, promiseFile or promiseUrl',
          );
        }

        let text: string;
        if (input.promiseFile) {
          const file = resolveSafeChildPath(
            ctx.workspacePath,
            input.promiseFile,
          );
          const stat = await fs.stat(file).catch(() => undefined);
          if (!stat?.isFile()) {
            throw new InputError(
              `promiseFile ${input.promiseFile} is not a file in the workspace`,
            );
          }
          if (stat.size > MAX_PROMISE_BYTES) {
            throw new InputError(
              `promiseFile ${input.promiseFile} is larger than ${MAX_PROMISE_BYTES} bytes`,
            );
          }
          text = await fs.readFile(file, 'utf8');
        } else if (input.promiseUrl) {
          const response = await urlReader.readUrl(input.promiseUrl);
          const buffer = await response.buffer();
          if (buffer.length > MAX_PROMISE_BYTES) {
            throw new InputError(
              `promiseUrl is larger than ${MAX_PROMISE_BYTES} bytes`,
            );
          }
          text = buffer.toString('utf8');
        } else {
          const entity = await catalog.getEntityByRef(input.promiseEntityRef!, {
            credentials: await ctx.getInitiatorCredentials(),
          });
          if (!entity) {
            throw new NotFoundError(
              `No catalog entity ${input.promiseEntityRef}`,
            );
          }
          const definition = entity.spec?.definition;
          if (typeof definition !== 'string') {
            throw new InputError(
              `${input.promiseEntityRef} has no spec.definition holding a Promise or CRD`,
            );
          }
          text = definition;
        }

        let api: PromiseApi;
        try {
          api = parsePromiseYaml(text);
        } catch (error) {
          if (error instanceof PromiseError) {
            throw new InputError(error.message);
          }
          throw error;
        }

        let built;
        try {
          built = buildResourceRequest(api, {
            name: input.name,
            namespace: input.namespace,
            parameters: input.parameters ?? {},
          });
        } catch (error) {
          if (error instanceof RequestValidationError) {
            throw new InputError(
              `The request does not fit Promise ${api.promiseName}: ${error.message}`,
            );
          }
          if (error instanceof PromiseError) {
            throw new InputError(error.message);
          }
          throw error;
        }
        for (const note of built.notes) {
          ctx.logger.warn(
            `Promise ${api.promiseName}: ${note.field} ${note.message}`,
          );
        }

        const { request } = built;
        const relative =
          input.targetPath ??
          path.posix.join(
            'resources',
            request.metadata.namespace ?? 'cluster',
            `${request.kind.toLowerCase()}-${request.metadata.name}.yaml`,
          );
        const target = resolveSafeChildPath(ctx.workspacePath, relative);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, yaml.stringify(request), 'utf8');
        ctx.logger.info(
          `Wrote ${request.kind} ${request.metadata.name} (${request.apiVersion}) to ${relative}`,
        );

        ctx.output('manifestPath', relative);
        ctx.output('apiVersion', request.apiVersion);
        ctx.output('kind', request.kind);
        ctx.output('name', request.metadata.name);
        if (request.metadata.namespace) {
          ctx.output('namespace', request.metadata.namespace);
        }
      });
    },
  });
}
