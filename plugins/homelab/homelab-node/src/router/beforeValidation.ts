import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';

/**
 * What runs before a generated OpenAPI router validates a request: who calls
 * comes first, so an anonymous caller gets 401 whatever it sent, and the
 * JSON body is read with a size limit, so a body over it is a 413.
 *
 * It must be mounted outside the generated router: that router turns the
 * errors of its own middleware into 400s. Each route still asks for the
 * credentials it allows (user only, or user and service).
 *
 * @public
 */
export function authenticateThenReadJson(options: {
  httpAuth: HttpAuthService;
  /** The largest JSON body, e.g. '64kb'. */
  bodyLimit: string;
}): express.RequestHandler {
  const { httpAuth, bodyLimit } = options;
  const json = express.json({ limit: bodyLimit });
  return (req, res, next) => {
    httpAuth
      .credentials(req, { allow: ['user', 'service'] })
      .then(() => json(req, res, next), next);
  };
}

/**
 * The `middleware` option of a generated createOpenApiRouter when the body
 * is read before it (see authenticateThenReadJson): nothing more to do.
 *
 * @public
 */
export const bodyAlreadyRead: express.RequestHandler[] = [
  (_req, _res, next) => next(),
];

/**
 * For a route whose spec requires a JSON body, mounted before the generated
 * router: a request without one (no body, or not sent as JSON) gets the
 * route's own 400, `Invalid <what>: ...`, instead of the validator's
 * "unsupported media type undefined".
 *
 * @public
 */
export function requireJsonBody(what: string): express.RequestHandler {
  return (req, _res, next) => {
    if (!req.is('application/json')) {
      next(
        new InputError(
          `Invalid ${what}: the body must be JSON (content-type application/json)`,
        ),
      );
      return;
    }
    next();
  };
}
