import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Open a pull request in the homelab GitOps repository on Gitea',
    example: yaml.stringify({
      steps: [
        {
          id: 'pr',
          action: 'publish:gitea:pull-request',
          name: 'Open a pull request',
          input: {
            repoUrl: 'git.lab.local?owner=homelab&repo=gitops',
            branchName: 'request/postgresql-photos-db',
            title: 'Request PostgreSQL photos-db',
            description: 'Requested from the Homelab Portal',
            targetPath: 'platform/requests',
            reviewers: ['operator'],
            labels: ['self-service'],
          },
        },
      ],
    }),
  },
];
