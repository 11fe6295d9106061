/**
 * The alerts backend as a typed service for other backends.
 *
 * @packageDocumentation
 */
export { alertsServiceRef } from './lib';
export { DefaultAlertsService } from './AlertsService';
export type {
  AlertsService,
  AlertsOverviewAnswer,
  CreateSilenceRequest,
  EntityAlertsAnswer,
  SilenceCreatedAnswer,
} from './AlertsService';
