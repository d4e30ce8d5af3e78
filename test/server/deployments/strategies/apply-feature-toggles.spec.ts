import type { Deployment } from '@shared/deployments/deployment';
import type { FeatureToggle, ToggleChange, ToggleEnvironment } from '@shared/toggles/feature-toggle';
import { decide, type StepOutline } from '../../../../server/deployments/engine/decide';
import { recordRun } from '../../../../server/deployments/engine/record-outcome';
import type { StepContext } from '../../../../server/deployments/engine/step';
import {
  applyFeatureToggles,
  concludeToggles,
} from '../../../../server/deployments/strategies/apply-feature-toggles';
import { stepNames } from '../../../../server/deployments/strategies/strategy-for';
import type { ToggleSettings } from '../../../../server/deployments/toggle-settings';
import { NotFoundError } from '../../../../server/errors/domain-errors';
import type { FleetPass } from '../../../../server/fleet/fleet-pass';
import type { ToggleTarget } from '../../../../server/toggles/feature-toggles';
import { aDeploymentValue } from '../../../fixtures/deployment-value';

/** An in-memory stand-in for FeatureToggles: one toggle `dark` of web in e1, counting its writes. */
class FakeToggles implements ToggleSettings {
  setting: ToggleEnvironment | undefined;
  writes = 0;
  constructor(private readonly protectedType = false) {}
  async ownerOf(): Promise<string> {
    return 'Team';
  }
  async target(service: string, name: string, environment: string): Promise<ToggleTarget> {
    if (name !== 'dark') throw new NotFoundError(`service ${service} has no toggle ${name}`);
    return {
      service,
      name,
      environment,
      environmentType: 'Test',
      owner: 'Team',
      protected: this.protectedType,
    };
  }
  async get(service: string, name: string): Promise<FeatureToggle> {
    return {
      service,
      name,
      description: '',
      type: 'release',
      owner: 'Team',
      createdAt: '',
      createdBy: '',
      archived: false,
      version: 1,
      environments: this.setting ? [this.setting] : [],
    };
  }
  async set(
    target: ToggleTarget,
    change: ToggleChange,
    expectedVersion: number,
    actor: { username: string },
    extra: { deploymentId?: string; approvedBy?: string } = {},
  ) {
    expect(expectedVersion).toBe(this.setting?.version ?? 0);
    this.writes += 1;
    const waits = target.protected && !extra.approvedBy;
    const base = {
      environment: target.environment,
      environmentType: 'Test',
      updatedAt: '',
      updatedBy: actor.username,
      settledSince: null,
      version: expectedVersion + 1,
    };
    this.setting = waits
      ? {
          ...base,
          state: 'off',
          include: { users: [], groups: [] },
          exclude: { users: [], groups: [] },
          reason: 'created off',
          pending: { ...change, requestedBy: actor.username, requestedAt: '' },
        }
      : {
          ...base,
          ...change,
          pending: null,
          ...(extra.deploymentId ? { deploymentId: extra.deploymentId } : {}),
        };
    return { toggle: await this.get(target.service, target.name), pending: waits };
  }
}

describe('applying a deployment’s feature toggles', () => {
  const id = '01JDEPLOYMENT0000000000000';
  const withToggles = (extra: Partial<Deployment['Value']> = {}) =>
    aDeploymentValue({
      Status: 'In Progress',
      FeatureToggles: {
        Changes: [
          {
            Name: 'dark',
            State: 'percentage',
            Percentage: 5,
            Include: { Users: [], Groups: [] },
            Exclude: { Users: [], Groups: [] },
          },
        ],
      },
      ...extra,
    });
  const contextOf = (
    d: Deployment['Value'],
    toggles: ToggleSettings,
  ): StepContext<Record<string, never>> => ({
    deploymentId: id,
    deployment: d,
    resources: { AutoScalingGroup: 'e1-tm-web' },
    inputs: {},
    fleet: {} as FleetPass,
    now: 0,
    toggles,
  });

  it('writes each change once, linked to the deployment: run again after a crash, it writes nothing', async () => {
    const toggles = new FakeToggles();
    const d = withToggles();
    const first = await applyFeatureToggles.run(contextOf(d, toggles));
    const again = await applyFeatureToggles.run(contextOf(d, toggles));
    expect(toggles.writes).toBe(1);
    expect(toggles.setting).toEqual(
      jasmine.objectContaining({ state: 'percentage', percentage: 5, deploymentId: id, updatedBy: 'alice' }),
    );
    for (const r of [first, again])
      expect(r).toEqual(
        jasmine.objectContaining({
          kind: 'succeeded',
          outputs: {
            toggleResults: [
              {
                Name: 'dark',
                Result: 'applied',
                SettingVersion: 1,
                Link: '/api/v1/feature-toggles/web/dark',
                Detail: `deployment ${id} succeeded`,
              },
            ],
          },
        }),
      );
  });

  it('leaves the change waiting where the type protects toggles and no one approved the deployment; once', async () => {
    const toggles = new FakeToggles(true);
    const d = withToggles();
    await applyFeatureToggles.run(contextOf(d, toggles));
    const again = await applyFeatureToggles.run(contextOf(d, toggles));
    expect(toggles.writes).toBe(1);
    expect(toggles.setting?.pending?.reason).toBe(`deployment ${id} succeeded`);
    expect(again.kind === 'succeeded' && again.outputs.toggleResults[0]!.Result).toBe('pending');
    // approved by someone else: applied
    const approved = new FakeToggles(true);
    await applyFeatureToggles.run(contextOf(withToggles({ ApprovedBy: 'bob' }), approved));
    expect(approved.setting).toEqual(jasmine.objectContaining({ deploymentId: id, pending: null }));
  });

  it('reports a toggle gone since the request as refused, without failing', async () => {
    const d = withToggles();
    d.FeatureToggles!.Changes[0]!.Name = 'gone';
    const r = await applyFeatureToggles.run(contextOf(d, new FakeToggles()));
    expect(r.kind === 'succeeded' && r.outputs.toggleResults[0]!.Result).toBe('refused');
  });

  it('runs last, after the rollout: its failure ends the deployment Success, never a rollback', () => {
    const names = stepNames({
      DeploymentType: 'overwrite',
      CanarySteps: [],
      RequireApproval: false,
      FeatureToggles: withToggles().FeatureToggles!,
    });
    expect(names[names.length - 1]).toBe('apply-feature-toggles');
    const steps: StepOutline[] = [
      { name: 'restore-capacity', timeoutSeconds: 60, canUndo: true },
      {
        name: 'apply-feature-toggles',
        timeoutSeconds: 60,
        canUndo: false,
        givesOutputs: true,
        afterRollout: true,
      },
    ];
    const d = withToggles({
      Steps: [
        { name: 'restore-capacity', status: 'succeeded', attempts: 0, outputs: {} },
        { name: 'apply-feature-toggles', status: 'pending', attempts: 0, outputs: {} },
      ],
    });
    const policy = { maxAttempts: 1, backoffMs: () => 10 };
    const failedOnce = recordRun(
      d,
      steps[1]!,
      { kind: 'error', message: 'throttled', transient: true },
      { now: 0, policy, pollMs: 100 },
    );
    expect(failedOnce.value.Status).toBe('In Progress');
    expect(failedOnce.value.Steps[1]!.status).toBe('failed');
    expect(decide(failedOnce.value, steps, 0, policy)).toEqual({ kind: 'finish', status: 'Success' });
    const concluded = concludeToggles(failedOnce.value, 'Success');
    expect(concluded.FeatureToggles!.Outcome).toEqual(
      jasmine.objectContaining({ Applied: false, Settings: [] }),
    );
    expect(concluded.FeatureToggles!.Outcome!.Reason).toContain('throttled');
    // timed out: over all the same
    const stuck = withToggles({
      Steps: [
        { name: 'restore-capacity', status: 'succeeded', attempts: 0, outputs: {} },
        {
          name: 'apply-feature-toggles',
          status: 'running',
          attempts: 1,
          outputs: {},
          startedAt: new Date(0).toISOString(),
        },
      ],
    });
    expect(decide(stuck, steps, 61_000, policy)).toEqual({ kind: 'finish', status: 'Success' });
  });

  it('says on any other end that the changes were not applied', () => {
    for (const status of ['Cancelled', 'Rolled Back', 'Rollback Failed'] as const)
      expect(concludeToggles(withToggles(), status).FeatureToggles!.Outcome).toEqual({
        Applied: false,
        Reason: `not applied: the deployment ended ${status}`,
        Settings: [],
      });
    const plain = aDeploymentValue();
    expect(concludeToggles(plain, 'Success')).toBe(plain);
  });
});
