import { z } from 'zod';
import { running, step, succeeded } from '../engine/step';

const WEEK_SECONDS = 7 * 24 * 3600;

/**
 * Waits until someone allowed to approves the deployment (POST /deployments/{id}/approve). Nothing is
 * due meanwhile: the approval itself makes the deployment due again, so no engine holds it while it waits.
 */
export const awaitApproval = step({
  name: 'await-approval',
  timeoutSeconds: WEEK_SECONDS,
  waitingStatus: 'Awaiting Approval',
  needs: z.object({}),
  gives: z.object({}),
  async run(ctx) {
    return ctx.deployment.ApprovedBy
      ? succeeded({}, `approved by ${ctx.deployment.ApprovedBy}`)
      : running('awaiting approval', undefined, WEEK_SECONDS * 1000);
  },
});
