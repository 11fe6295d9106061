import { Pipeline } from '../runner';
import { bucketPipeline } from './bucket';
import { exposedServicePipeline } from './exposedService';
import { keycloakClientPipeline } from './keycloakClient';
import { postgresqlPipeline } from './postgresql';
import { redisPipeline } from './redis';

/** Every pipeline, by the name of its Promise. */
export const pipelines: Record<string, Pipeline> = {
  postgresql: postgresqlPipeline,
  redis: redisPipeline,
  bucket: bucketPipeline,
  'exposed-service': exposedServicePipeline,
  'keycloak-client': keycloakClientPipeline,
};

export {
  bucketPipeline,
  exposedServicePipeline,
  keycloakClientPipeline,
  postgresqlPipeline,
  redisPipeline,
};
