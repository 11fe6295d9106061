/**
 * A real Prometheus evaluating the shipped rules, a real Alertmanager, and a
 * node_exporter stand-in. Its own entry point: loading it picks `describe` or
 * `describe.skip`, so it needs jest's globals (or e2e-production's noJest).
 */
export * from './monitoringStack';
