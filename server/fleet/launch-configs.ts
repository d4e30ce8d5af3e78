import { createHash } from 'node:crypto';
import type { AutoScalingGroup } from '@shared/fleet/auto-scaling-group';
import type { LaunchConfig, LaunchConfigChange } from '@shared/fleet/launch-config';
import type { Actor } from '../catalogue/record-store';
import type { EnvironmentOperations } from '../environments/operations-state';
import { NotFoundError } from '../errors/domain-errors';
import { locateGroup, passOf, type AccountPorts, type Accounts } from './accounts';
import { assertGroupMayChange } from './group-change-refusal';
import type { ImageFleet } from './image-fleet';
import type { LaunchConfigAudit } from './launch-config-audit';
import { planLaunchChange } from './launch-config-change';
import { launchConfigView } from './launch-config-view';
import type { TemplateVersion } from './launch-templates';
import { launchVersions } from './launch-versions';

/** What launch configurations are read and changed with. */
export interface LaunchConfigParts {
  readonly operations: EnvironmentOperations;
  readonly accounts: Accounts;
  readonly launchConfigAudit: LaunchConfigAudit;
  /** The id of the unfinished deployment that works on the group, if any. */
  readonly deploymentOn: (group: string) => Promise<string | undefined>;
}

/**
 * What an ASG's new instances launch with: read from the launch template version the group launches
 * from, and changed by a new version from it that the group is then pointed at (existing instances keep
 * running as they are until a patch or deployment replaces them). Who may change it is checked around it.
 */
export class LaunchConfigs {
  constructor(
    private readonly parts: LaunchConfigParts,
    private readonly images: ImageFleet,
    /** The group, checked to be one of the environment's when one is given (NotFoundError otherwise). */
    private readonly groupOf: (name: string, environment?: string) => Promise<AutoScalingGroup>,
  ) {}

  private async current(
    name: string,
    environment?: string,
  ): Promise<{ group: AutoScalingGroup; version: TemplateVersion; account: AccountPorts }> {
    const { group, account } =
      environment === undefined
        ? ((await locateGroup(this.parts.accounts, name)) ?? this.missing(name))
        : {
            group: await this.groupOf(name, environment),
            account: await this.parts.accounts.ofEnvironment(environment),
          };
    const version = (await launchVersions(passOf(account), account.fleet.launchTemplates, [group])).get(name);
    if (!version) throw new NotFoundError(`ASG ${name} launches from no launch template version that exists`);
    return { group, version, account };
  }

  private missing(name: string): never {
    throw new NotFoundError(`ASG ${name} does not exist`);
  }

  /** `GET /asgs/{name}/launch-config`. */
  async get(name: string, environment?: string): Promise<LaunchConfig> {
    const { version, account } = await this.current(name, environment);
    return launchConfigView(name, version, await this.images.ranked(account));
  }

  /**
   * `PUT /asgs/{name}/launch-config`: while the environment's deployments are unlocked (423) and no
   * deployment works on the group (409), a new launch template version from the current one with what the
   * body changes, the group pointed at it, and an audit entry of the old and new configuration. A body
   * that changes nothing writes nothing; one that cannot be applied is a 400 naming its fields, before
   * anything is written.
   */
  async change(
    target: { readonly name: string; readonly environment: string },
    body: LaunchConfigChange,
    actor: Actor,
  ): Promise<LaunchConfig> {
    await assertGroupMayChange(this.parts, target);
    const { version, account } = await this.current(target.name, target.environment);
    const images = await this.images.ranked(account);
    const before = launchConfigView(target.name, version, images);
    const plan = planLaunchChange(body, before, version, images);
    if (!plan.fields.length) return before;
    const number = await account.fleet.launchTemplates.createVersion(version.templateId, {
      sourceVersion: version.number,
      ...(plan.payload ? { payload: plan.payload } : {}),
      launch: plan.launch,
      description: `launch config: ${plan.fields.join(', ')} changed by ${actor.username}`,
      // a retry of the same request makes no second version
      clientToken: createHash('sha256')
        .update(`${actor.requestId}:${target.name}`)
        .digest('hex')
        .slice(0, 64),
    });
    await account.fleet.autoScaling.updateGroup(target.name, {
      launchTemplate: { id: version.templateId, version: String(number) },
    });
    const after = await this.get(target.name, target.environment);
    await this.parts.launchConfigAudit.record(
      { group: target.name, templateVersion: number, oldValue: before, newValue: after },
      actor,
    );
    return after;
  }
}
