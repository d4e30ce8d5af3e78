import type { Deployment, DeploymentStatus, StepState } from '@shared/deployments/deployment';

/** Builds a deployment for specs; pass only what the spec is about. */
export function testDeployment(
  options: { id?: string; status?: DeploymentStatus; steps?: StepState['status'][]; started?: string } = {},
): Deployment {
  const names = ['launch-new-instances', 'wait-healthy', 'remove-old-instances'];
  return {
    DeploymentID: options.id ?? '01JTESTDEPLOYMENT000000001',
    Value: {
      EnvironmentName: 'st1',
      EnvironmentType: 'Staging',
      ServiceName: 'checkout',
      ServiceVersion: '1.3.0',
      ServiceSlice: 'none',
      ServerRoleName: 'Web',
      OwningCluster: 'Infra',
      AutoScalingGroupName: 'st1-inf-Web',
      DeploymentType: 'overwrite',
      Status: options.status ?? 'In Progress',
      User: 'grace',
      StartTimestamp: options.started ?? '2026-11-27T10:00:00.000Z',
      CanarySteps: [],
      BakeSeconds: 0,
      RequireApproval: false,
      Steps: (options.steps ?? ['succeeded', 'running', 'pending']).map((status, i) => ({
        name: names[i] ?? `step-${i}`,
        status,
        attempts: 0,
        outputs: {},
      })),
    },
    Version: 1,
  };
}
