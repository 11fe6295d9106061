import { InputError } from '@backstage/errors';
import {
  KRATIX_WORKFLOW_SUSPENDED_LABEL,
  KratixRequest,
} from '@homelab-portal/plugin-kratix-common';

/** Where a suspended Kratix workflow is approved, from `kratix.tracking.approval`. */
export type ApprovalLinks =
  | { type: 'template'; template: string }
  | { type: 'argocd'; baseUrl: string; application: string }
  | { type: 'none' };

const PLACEHOLDER =
  /\{(namespace|name|kind|plural|group|version|promise|pipeline|id)\}/g;

/**
 * Checks a `kratix.tracking.approval.urlTemplate` at start-up: an http(s)
 * URL whose placeholders are all known ones.
 */
export function checkApprovalTemplate(template: string): string {
  const probe = template.replace(PLACEHOLDER, 'x');
  if (/[{}]/.test(probe)) {
    throw new InputError(
      `kratix.tracking.approval.urlTemplate: unknown placeholder in ${template} (known: {namespace} {name} {kind} {plural} {group} {version} {promise} {pipeline} {id})`,
    );
  }
  let url: URL;
  try {
    url = new URL(probe);
  } catch {
    throw new InputError(
      `kratix.tracking.approval.urlTemplate: ${template} is not a URL`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(
      `kratix.tracking.approval.urlTemplate: ${template} is not an http(s) URL`,
    );
  }
  return template;
}

/**
 * The link to where a request's suspended workflow is approved: the
 * configured template, filled with URL-encoded values; else the request's
 * node in the ArgoCD Application that syncs it, where its
 * `kratix.io/workflow-suspended` label can be removed; else none.
 */
export function approvalUrlFor(
  links: ApprovalLinks,
  request: Pick<
    KratixRequest,
    'id' | 'apiVersion' | 'kind' | 'plural' | 'name' | 'namespace' | 'promise'
  >,
  pipeline?: string,
): string | undefined {
  const [group, version] = request.apiVersion.split('/');
  if (links.type === 'template') {
    const values: Record<string, string> = {
      namespace: request.namespace ?? '',
      name: request.name,
      kind: request.kind,
      plural: request.plural,
      group,
      version: version ?? '',
      promise: request.promise,
      pipeline: pipeline ?? '',
      id: request.id,
    };
    return links.template.replace(PLACEHOLDER, (_m, key: string) =>
      encodeURIComponent(values[key]),
    );
  }
  if (links.type === 'argocd') {
    const node = `${group}/${request.kind}/${request.namespace ?? ''}/${
      request.name
    }/0`;
    return `${links.baseUrl.replace(
      /\/+$/,
      '',
    )}/applications/${encodeURIComponent(
      links.application,
    )}?resource=&node=${encodeURIComponent(node)}`;
  }
  return undefined;
}

/** The command that approves (resumes) a suspended workflow, for the timeline. */
export function approvalCommand(
  request: Pick<KratixRequest, 'apiVersion' | 'plural' | 'name' | 'namespace'>,
) {
  const group = request.apiVersion.split('/')[0];
  return `kubectl label ${request.plural}.${group} ${request.name}${
    request.namespace ? ` -n ${request.namespace}` : ''
  } ${KRATIX_WORKFLOW_SUSPENDED_LABEL}-`;
}
