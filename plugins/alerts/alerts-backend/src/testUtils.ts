/**
 * For other packages' tests: a real Prometheus evaluating the shipped rules,
 * a real Alertmanager, and a node_exporter stand-in.
 */
// eslint-disable-next-line no-restricted-imports
export * from './__testUtils__/monitoringStack';
