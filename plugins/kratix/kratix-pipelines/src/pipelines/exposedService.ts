import { InputError } from '@backstage/errors';
import { stringify } from 'yaml';
import { labelsFor } from '../common';
import { homelab } from '../homelab';
import { Pipeline } from '../runner';
import { KubeObject } from '../schemas';

export interface ExposedServiceSpec {
  hostname: string;
  serviceName: string;
  servicePort: number;
  tls: boolean;
  allowedVlans: number[];
}

/**
 * Exposes a Service of the request's namespace at `<host>.lab.local`:
 * - an nginx Ingress whose source allow-list is the subnets of the VLANs
 *   asked for;
 * - with `tls` (the default), a cert-manager Certificate from the Vault PKI
 *   ClusterIssuer, 90 days, renewed 15 days before expiry (the CertExpiring
 *   alert fires at 14);
 * - the DNS record: a ConfigMap in the gozones namespace, labelled
 *   `gozones.lab.local/record`, whose `record.yaml` is a GoZones record
 *   (a CNAME to the ingress controller's name) for the lab.local zone.
 */
export const exposedServicePipeline: Pipeline<ExposedServiceSpec> = {
  promise: 'exposed-service',
  build(request) {
    const { name, namespace, spec } = request;
    const suffix = `.${homelab.domain}`;
    const host = spec.hostname.slice(0, -suffix.length);
    if (!spec.hostname.endsWith(suffix) || host.includes('.')) {
      throw new InputError(
        `hostname ${spec.hostname} must be one name directly under ${homelab.domain}`,
      );
    }
    if ((homelab.reservedHosts as readonly string[]).includes(host)) {
      throw new InputError(
        `hostname ${spec.hostname} belongs to the homelab's own services`,
      );
    }
    const vlans = [...new Set(spec.allowedVlans)].sort((a, b) => a - b);
    if (vlans.length === 0) {
      throw new InputError('allowedVlans must name at least one VLAN');
    }
    const cidrs = vlans.map(vlan => {
      const cidr = homelab.vlanCidrs[vlan];
      if (!cidr) {
        throw new InputError(
          `VLAN ${vlan} is not one of the homelab's (${Object.keys(
            homelab.vlanCidrs,
          ).join(', ')})`,
        );
      }
      return cidr;
    });
    const labels = labelsFor('exposed-service', request, 'ingress');
    const tlsSecret = `${name}-tls`;

    const ingress: KubeObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name,
        namespace,
        labels,
        annotations: {
          'nginx.ingress.kubernetes.io/whitelist-source-range': cidrs.join(','),
          ...(spec.tls
            ? { 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true' }
            : {}),
        },
      },
      spec: {
        ingressClassName: homelab.ingressClassName,
        ...(spec.tls
          ? { tls: [{ hosts: [spec.hostname], secretName: tlsSecret }] }
          : {}),
        rules: [
          {
            host: spec.hostname,
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: {
                    service: {
                      name: spec.serviceName,
                      port: { number: spec.servicePort },
                    },
                  },
                },
              ],
            },
          },
        ],
      },
    };

    const record = {
      zone: homelab.domain,
      records: {
        CNAME: [{ name: host, value: `${homelab.ingressHost}.` }],
      },
    };
    const dns: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      // One record per name: a second request for the same host collides here.
      metadata: {
        name: `record-${host}`,
        namespace: homelab.gozones.namespace,
        labels: { ...labels, [homelab.gozones.label]: homelab.domain },
      },
      data: { 'record.yaml': stringify(record) },
    };

    const objects: KubeObject[] = [ingress, dns];
    if (spec.tls) {
      objects.push({
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: { name: tlsSecret, namespace, labels },
        spec: {
          secretName: tlsSecret,
          dnsNames: [spec.hostname],
          duration: homelab.certificate.duration,
          renewBefore: homelab.certificate.renewBefore,
          privateKey: {
            algorithm: 'ECDSA',
            size: 256,
            rotationPolicy: 'Always',
          },
          issuerRef: {
            name: homelab.clusterIssuer,
            kind: 'ClusterIssuer',
            group: 'cert-manager.io',
          },
        },
      });
    }

    const url = `${spec.tls ? 'https' : 'http'}://${spec.hostname}/`;
    return {
      objects,
      status: {
        message: `${spec.serviceName}:${
          spec.servicePort
        } exposed at ${url} to VLAN ${vlans.join(', ')}`,
        url,
        dns: `${spec.hostname} CNAME ${homelab.ingressHost}`,
        allowedCidrs: cidrs,
      },
    };
  },
};
