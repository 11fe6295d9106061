/* eslint-disable no-script-url */ // A script URL is one of this test's bad inputs.
import {
  approvalCommand,
  approvalUrlFor,
  checkApprovalTemplate,
} from './approval';

const request = {
  id: '6f1c0d1e-0000-4000-8000-000000000001',
  apiVersion: 'platform.lab.local/v1alpha1',
  kind: 'PostgreSQL',
  plural: 'postgresqls',
  name: 'photos',
  namespace: 'media',
  promise: 'postgresql',
};

describe('approval links', () => {
  it('fills a template with URL-encoded values', () => {
    const template = checkApprovalTemplate(
      'https://approvals.lab.local/{namespace}/{plural}.{group}/{name}?pipeline={pipeline}&id={id}',
    );
    expect(
      approvalUrlFor({ type: 'template', template }, request, 'approve size&x'),
    ).toBe(
      'https://approvals.lab.local/media/postgresqls.platform.lab.local/photos?pipeline=approve%20size%26x&id=6f1c0d1e-0000-4000-8000-000000000001',
    );
  });

  it('refuses a template that is not an http(s) URL or has unknown placeholders', () => {
    expect(() => checkApprovalTemplate('javascript:alert(1)//{name}')).toThrow(
      /not an http\(s\) URL/,
    );
    expect(() => checkApprovalTemplate('JAVASCRIPT:alert(1)')).toThrow(
      /not an http\(s\) URL/,
    );
    expect(() => checkApprovalTemplate('https://x/{secret}')).toThrow(
      /unknown placeholder/,
    );
    expect(() => checkApprovalTemplate('/relative/{name}')).toThrow(
      /not a URL/,
    );
  });

  it("links the request's node in the ArgoCD Application, or nothing", () => {
    expect(
      approvalUrlFor(
        {
          type: 'argocd',
          baseUrl: 'https://argocd.lab.local/',
          application: 'platform-requests',
        },
        request,
      ),
    ).toBe(
      'https://argocd.lab.local/applications/platform-requests?resource=&node=platform.lab.local%2FPostgreSQL%2Fmedia%2Fphotos%2F0',
    );
    expect(approvalUrlFor({ type: 'none' }, request)).toBeUndefined();
  });

  it('gives the command that resumes the workflow', () => {
    expect(approvalCommand(request)).toBe(
      'kubectl label postgresqls.platform.lab.local photos -n media kratix.io/workflow-suspended-',
    );
  });
});
