import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { KratixRequest } from '@homelab-portal/plugin-kratix-common';

/** What a requester is told about their request. */
export type RequesterNotice = {
  title: string;
  description: string;
  severity: 'normal' | 'high';
};

/** Tells the requester, linking to the request; a failure is logged, never thrown. */
export async function notifyRequester(
  deps: { notifications: NotificationService; logger: LoggerService },
  request: KratixRequest,
  payload: RequesterNotice,
): Promise<void> {
  await deps.notifications
    .send({
      recipients: { type: 'entity', entityRef: request.requester },
      payload: {
        ...payload,
        link: `/kratix/requests/${request.id}`,
        topic: 'kratix-request',
      },
    })
    .catch(error =>
      deps.logger.warn(
        `Could not notify ${request.requester} about request ${request.id}: ${error}`,
      ),
    );
}
