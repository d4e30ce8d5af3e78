import { running, succeeded, type Step } from '../engine/step';

/** Waits until someone allowed to approves the deployment (POST /deployments/{id}/approve). */
export const awaitApproval: Step = {
  name: 'await-approval',
  timeoutSeconds: 7 * 24 * 3600,
  waitingStatus: 'Awaiting Approval',
  async run(ctx) {
    return ctx.deployment.ApprovedBy
      ? succeeded({}, `approved by ${ctx.deployment.ApprovedBy}`)
      : running('awaiting approval');
  },
};
