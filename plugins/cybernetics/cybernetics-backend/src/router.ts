import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  DECISION_STATES,
  DecisionState,
  ExecutionContext,
  decisionApprovePermission,
  decisionExecutability,
} from '@homelab-portal/plugin-cybernetics-common';
import {
  authenticateThenReadJson,
  bodyAlreadyRead,
  parseInput,
  requirePermission,
} from '@homelab-portal/plugin-homelab-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { DecisionStore, StoredDecision } from './database/DecisionStore';
import { Loop } from './Loop';
import { createOpenApiRouter } from './schema/openapi';

const MAX_PAGE = 500;
const listQuery = z
  .object({
    state: z.string().max(200).optional(),
    entityRef: z.string().max(255).optional(),
    policy: z.string().max(100).optional(),
    // Paged, newest first: at most MAX_PAGE decisions per answer.
    limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(MAX_PAGE),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
const reviewBody = z
  .object({ comment: z.string().trim().max(1000).optional() })
  .strict();
const idSchema = z.string().uuid();

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  store: DecisionStore;
  loop: Loop;
  /** What this backend can carry out (from its configuration). */
  execution: ExecutionContext;
}): Promise<express.Router> {
  const { httpAuth, permissions, store, loop, execution } = options;

  /**
   * What the API shows of a decision (the loop's bookkeeping stays inside),
   * with whether approving it would carry it out here.
   */
  const shown = ({
    taskId: _t,
    executedAt: _e,
    ...decision
  }: StoredDecision) => ({
    ...decision,
    executability: decisionExecutability(decision, execution),
  });

  // routes generated from src/schema/openapi.yaml (yarn openapi:generate);
  // the zod checks below say what the spec cannot (a trimmed comment, the
  // page bounds, the known states)
  const router = await createOpenApiRouter({ middleware: bodyAlreadyRead });
  const outer = Router();
  // who calls comes before what the spec checks; a body over 16 kB is a 413
  outer.use(authenticateThenReadJson({ httpAuth, bodyLimit: '16kb' }));
  outer.use(router);

  const decisionOf = async (id: string) => {
    const decision = await store.get(parseInput(idSchema, id, 'decision id'));
    if (!decision) throw new NotFoundError(`No decision ${id}`);
    return decision;
  };

  router.get('/decisions', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const query = parseInput(listQuery, req.query, 'query');
    const states = query.state
      ? query.state.split(',').map(s => {
          if (!(DECISION_STATES as readonly string[]).includes(s)) {
            throw new InputError(`Unknown state ${s.slice(0, 30)}`);
          }
          return s as DecisionState;
        })
      : undefined;
    const filter = { states, entityRef: query.entityRef, policy: query.policy };
    const [decisions, total] = await Promise.all([
      store.list({ ...filter, limit: query.limit, offset: query.offset }),
      store.count(filter),
    ]);
    const next = query.offset + decisions.length;
    res.json({
      items: decisions.map(shown),
      total,
      ...(next < total ? { nextOffset: next } : {}),
    });
  });

  router.get('/decisions/:id', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(shown(await decisionOf(req.params.id)));
  });

  const review = async (req: express.Request) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await requirePermission({
      permissions,
      credentials,
      permission: decisionApprovePermission,
      message: 'You may not approve, reject or acknowledge decisions',
    });
    const body = parseInput(reviewBody, req.body, 'body');
    const decision = await decisionOf(req.params.id);
    return { credentials, body, decision };
  };

  router.post('/decisions/:id/approve', async (req, res) => {
    const { credentials, body, decision } = await review(req);
    // Approving what cannot be carried out would only fail it: refuse, and
    // leave it open for the person to act on otherwise.
    const executability = decisionExecutability(decision, execution);
    if (!executability.executable) {
      throw new ConflictError(
        `This decision cannot be carried out: ${executability.reason} ${executability.instead}`,
      );
    }
    const after = await loop.approve(
      decision,
      credentials.principal.userEntityRef,
      credentials,
      body.comment ? `Approved: ${body.comment}` : 'Approved',
    );
    res.json(shown(after));
  });

  // A page stops escalating once someone acknowledges it.
  router.post('/decisions/:id/acknowledge', async (req, res) => {
    const { credentials, body, decision } = await review(req);
    if (
      decision.action.type !== 'page' ||
      decision.state !== 'executed' ||
      !decision.paging
    ) {
      throw new ConflictError(
        `Only an open page can be acknowledged; this decision is a ${decision.action.type} and ${decision.state}`,
      );
    }
    if (decision.paging.acknowledgedAt) {
      throw new ConflictError(
        `Acknowledged already by ${decision.paging.acknowledgedBy} at ${decision.paging.acknowledgedAt}`,
      );
    }
    const after = await loop.acknowledge(
      decision,
      credentials.principal.userEntityRef,
      body.comment,
    );
    res.json(shown(after));
  });

  router.post('/decisions/:id/reject', async (req, res) => {
    const { credentials, body, decision } = await review(req);
    if (decision.state !== 'proposed' && decision.state !== 'observed') {
      throw new InputError(
        `Only an open, unapproved decision can be rejected; this one is ${decision.state}`,
      );
    }
    await store.transition(
      decision.id,
      decision.state,
      'rejected',
      credentials.principal.userEntityRef,
      body.comment ? `Rejected: ${body.comment}` : 'Rejected',
    );
    res.json(shown((await store.get(decision.id))!));
  });

  router.get('/loop', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(await loop.status());
  });

  return outer;
}
