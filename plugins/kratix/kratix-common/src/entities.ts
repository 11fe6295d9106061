import { JsonSchema } from './promise';

/** Our annotations on what the Kratix provider generates. */
export const KRATIX_ANNOTATION_PROMISE = 'homelab-portal.io/kratix-promise';
/** Why a Promise has no generated template (the catalog shows it on the API entity). */
export const KRATIX_ANNOTATION_TEMPLATE_PROBLEM =
  'homelab-portal.io/kratix-template-problem';
/** Irregularities in a Promise's schema that the generated form handles (JSON list). */
export const KRATIX_ANNOTATION_SCHEMA_NOTES =
  'homelab-portal.io/kratix-schema-notes';
/**
 * On a Promise: the ref of the request template written for it by hand
 * (`template:default/request-redis`), which the Create page offers instead of
 * a generated one. On a hand-written template, `homelab-portal.io/kratix-promise`
 * names the Promise it requests. On the API entity: the template that requests
 * this Promise, generated or hand-written.
 */
export const KRATIX_ANNOTATION_TEMPLATE = 'homelab-portal.io/kratix-template';
/** A Promise may name its catalog owner and system with these annotations. */
export const KRATIX_ANNOTATION_OWNER = 'homelab-portal.io/owner';
export const KRATIX_ANNOTATION_SYSTEM = 'homelab-portal.io/system';

/** The API entity's name for a Promise. */
export const promiseEntityName = (promiseName: string) =>
  `${promiseName}-promise`;

/** The generated template's name for a Promise. */
export const promiseTemplateName = (promiseName: string) =>
  `kratix-${promiseName}`;

/** Whether an entity is a Kratix Promise's API entity (for entity pages). */
export const isKratixPromise = (entity: {
  kind: string;
  spec?: { type?: unknown } | JsonSchema;
}) =>
  entity.kind.toLocaleLowerCase('en-US') === 'api' &&
  entity.spec?.type === 'kratix-promise';
