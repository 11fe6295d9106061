import { timingSafeEqual, createHash } from 'node:crypto';
import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  alertsReadPermission,
  alertsSilenceCreatePermission,
  alertsSilenceExpirePermission,
} from '@homelab-portal/plugin-alerts-common';
import {
  parseEntityRefParam as entityRef,
  parseInput,
  requirePermission,
} from '@homelab-portal/plugin-homelab-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { createOpenApiRouter } from './schema/openapi';
import { AlertmanagerError } from './services/AlertmanagerClient';
import { AlertsService } from './services/AlertsService';

export type RouterOptions = {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  logger: LoggerService;
  alerts: AlertsService;
  /** The bearer token Alertmanager's webhook_configs send; none disables the webhook. */
  webhookToken?: string;
};

const name = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, . _ -');

const entityQuery = z
  .object({ entityRef: z.string().min(3).max(512) })
  .strict();
/** History pages: `limit` events (default 50, at most 200) after `cursor`. */
export const HISTORY_PAGE = { default: 50, max: 200 };
const historyQuery = entityQuery
  .extend({
    days: z
      .string()
      .regex(/^[1-9][0-9]{0,2}$/)
      .optional(),
    limit: z
      .string()
      .regex(/^[1-9][0-9]{0,3}$/, 'a whole number from 1')
      .optional(),
    cursor: z.string().max(200).optional(),
  })
  .strict();
const silenceBody = z
  .object({
    alertmanager: name,
    matchers: z.string().min(1).max(2000),
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 90),
    comment: z.string().trim().min(1).max(1000),
    /** The cybernetics decision this silence carries out (the loop sends it). */
    decisionId: z.string().uuid('a decision id (UUID)').optional(),
  })
  .strict();
const ackBody = z
  .object({
    alertmanager: name,
    fingerprint: z.string().regex(/^[0-9a-f]{1,64}$/, 'a hex fingerprint'),
    comment: z.string().max(1000).optional(),
  })
  .strict();
const labelSet = z.record(z.string().max(200), z.string().max(10_000));
const webhookPayload = z.object({
  version: z.string().optional(),
  status: z.string(),
  alerts: z
    .array(
      z.object({
        status: z.enum(['firing', 'resolved']),
        labels: labelSet,
        annotations: labelSet.optional(),
        startsAt: z.string().datetime({ offset: true }),
        // Alertmanager sends 0001-01-01T00:00:00Z while an alert fires
        endsAt: z.string().datetime({ offset: true }).optional(),
        fingerprint: z.string().regex(/^[0-9a-f]{1,64}$/),
      }),
    )
    .max(5000),
});

/** The service principal of the cybernetics plugin's own requests. */
const CYBERNETICS_SUBJECT = 'plugin:cybernetics';

function sameSecret(given: string, expected: string): boolean {
  // hash first: timingSafeEqual needs equal lengths, and length must not leak
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Alertmanager failures: its 400 is the caller's bad input, its 404 a missing thing. */
async function upstream<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AlertmanagerError) {
      if (error.upstreamStatus === 400) throw new InputError(error.message);
      if (error.upstreamStatus === 404) throw new NotFoundError(error.message);
      throw new ServiceUnavailableError(error.message);
    }
    throw error;
  }
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, alerts } = options;

  const allowed = async (
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    permission: BasicPermission,
  ) => {
    await requirePermission({
      permissions,
      credentials,
      permission,
      message: `You may not do ${permission.name}`,
    });
    return credentials.principal.userEntityRef;
  };
  const authorize = async (req: Request, permission: BasicPermission) =>
    allowed(await httpAuth.credentials(req, { allow: ['user'] }), permission);

  // The webhook's token is checked before its body is read: an
  // unauthenticated sender never gets up to 2 MB parsed.
  const checkWebhookToken = (req: Request) => {
    if (!options.webhookToken) {
      throw new NotFoundError(
        'The alert webhook is not configured (alerts.webhook.token)',
      );
    }
    const header = req.header('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!token || !sameSecret(token, options.webhookToken)) {
      throw new AuthenticationError(
        'The webhook needs the configured bearer token',
      );
    }
  };
  // room for the 5,000 alerts the schema takes in one delivery
  const webhookBody = express.json({ limit: '2mb' });
  const jsonBody = express.json({ limit: '64kb' });

  // Runs before the spec validates a request: who calls comes first, so an
  // anonymous caller gets 401 whatever it sent, and bodies are bounded.
  // (Outside the generated router: errors of its own middleware become 400s.)
  const beforeValidation: express.RequestHandler = async (req, res, next) => {
    if (req.path.startsWith('/webhook/')) {
      checkWebhookToken(req);
      webhookBody(req, res, next);
      return;
    }
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    jsonBody(req, res, next);
  };

  const router = await createOpenApiRouter({
    // the body is read above, before validation
    middleware: [(_req, _res, next) => next()],
  });
  const outer = Router();
  outer.use(beforeValidation);
  outer.use(router);

  router.post('/webhook/:alertmanager', async (req, res) => {
    const alertmanager = parseInput(
      name,
      req.params.alertmanager,
      'alertmanager',
    );
    const payload = parseInput(webhookPayload, req.body, 'delivery');
    const stored = await alerts.receive(alertmanager, payload);
    res.json({ received: payload.alerts.length, stored });
  });

  router.get('/entity', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(entityQuery, req.query, 'query');
    res.json(
      await upstream(() =>
        alerts.entityAlerts(entityRef(query.entityRef), credentials),
      ),
    );
  });

  router.get('/history', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(historyQuery, req.query, 'query');
    const days = query.days ? Math.min(Number(query.days), 365) : 30;
    const limit = query.limit
      ? Math.min(Number(query.limit), HISTORY_PAGE.max)
      : HISTORY_PAGE.default;
    res.json(
      await alerts.history(
        entityRef(query.entityRef),
        { days, limit, cursor: query.cursor },
        credentials,
      ),
    );
  });

  router.get('/overview', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requirePermission({
      permissions,
      credentials,
      permission: alertsReadPermission,
      message: 'You may not read the alerts overview',
    });
    res.json(await upstream(() => alerts.overview(credentials)));
  });

  router.get('/silences', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requirePermission({
      permissions,
      credentials,
      permission: alertsReadPermission,
      message: 'You may not read silences',
    });
    res.json(await upstream(() => alerts.silences()));
  });

  // People silence with the permission; the cybernetics loop silences with
  // its own service credentials when a decision was approved automatically.
  router.post('/silences', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const isService = credentials.principal.type === 'service';
    let createdBy: string;
    if (credentials.principal.type === 'service') {
      if (credentials.principal.subject !== CYBERNETICS_SUBJECT) {
        throw new NotAllowedError(
          `Only the cybernetics loop may silence as a service, not ${credentials.principal.subject}`,
        );
      }
      createdBy = `${CYBERNETICS_SUBJECT} (the portal's cybernetics loop)`;
    } else {
      createdBy = await allowed(
        credentials as BackstageCredentials<BackstageUserPrincipal>,
        alertsSilenceCreatePermission,
      );
    }
    const { decisionId, ...body } = parseInput(
      silenceBody,
      req.body,
      'silence',
    );
    if (decisionId) {
      if (!isService) {
        throw new InputError(
          'decisionId: only the cybernetics loop says which decision a silence carries out',
        );
      }
      createdBy = `${CYBERNETICS_SUBJECT} (the portal's cybernetics loop, for decision ${decisionId})`;
    }
    res
      .status(201)
      .json(await upstream(() => alerts.createSilence({ ...body, createdBy })));
  });

  router.delete('/silences/:alertmanager/:id', async (req, res) => {
    const by = await authorize(req, alertsSilenceExpirePermission);
    const alertmanager = parseInput(
      name,
      req.params.alertmanager,
      'alertmanager',
    );
    const id = parseInput(
      z.string().uuid('a silence id (UUID)'),
      req.params.id,
      'silence id',
    );
    await upstream(() => alerts.expireSilence(alertmanager, id, by));
    res.status(204).end();
  });

  router.post('/acknowledge', async (req, res) => {
    const createdBy = await authorize(req, alertsSilenceCreatePermission);
    const body = parseInput(ackBody, req.body, 'acknowledgement');
    res
      .status(201)
      .json(await upstream(() => alerts.acknowledge({ ...body, createdBy })));
  });

  return outer;
}
