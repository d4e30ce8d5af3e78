import { inject, Injectable } from '@angular/core';
import type { Me } from '@shared/auth/user';
import type { Deployment, DeploymentStatus } from '@shared/deployments/deployment';
import type { OpsEnvironment } from '@shared/environments/ops-state';
import type { PatchOperation } from '@shared/patches/patch';
import { DeploymentsApi } from '../deployments/deployments-api';
import { EnvironmentsApi } from '../environments/environments-api';
import { PatchingApi } from '../patching/patching-api';
import { AsgsApi } from './asgs-api';
import { InstancesApi } from './instances-api';
import { groupsWithInstances, outOfDateGroups } from './out-of-date-groups';
import type { GroupConcern } from './group-concern';
import { awaitingYourApproval, runningStatuses } from './home-deployments';
import { patchesAwaitingYourApproval, runningPatches } from './home-patches';
import { unhealthyGroups } from './unhealthy-groups';

/** How far back the home page looks for deployments (one waiting for approval may wait days). */
const LOOK_BACK_MS = 30 * 86_400_000;
/** How many deployments of one status the home page reads; more are behind a link to the history. */
export const DEPLOYMENTS_READ = 100;

/** Deployments and image patches for a panel, and whether the server has more deployments than were read. */
export interface DeploymentGlance {
  readonly deployments: readonly Deployment[];
  readonly patches: readonly PatchOperation[];
  /** The statuses that had more deployments than were read. */
  readonly more: readonly DeploymentStatus[];
}

/**
 * The lists more than one panel needs, each read once as the page opens and shared: the patches of the
 * last 30 days (one `GET /patches`) and every environment (one `GET /environments`).
 */
export interface SharedReads {
  readonly patches: Promise<readonly PatchOperation[]>;
  readonly environments: Promise<readonly OpsEnvironment[]>;
}

/** The estate's groups needing attention, out of how many groups. */
export interface GroupGlance {
  readonly concerns: readonly GroupConcern[];
  readonly total: number;
}

/** The locked environments, out of how many environments. */
export interface LockGlance {
  readonly locked: readonly OpsEnvironment[];
  readonly total: number;
}

/**
 * What the home page shows of the estate, each read with list calls only (never one call per
 * environment), so it stays quick with hundreds of environments.
 */
@Injectable({ providedIn: 'root' })
export class EstateGlance {
  private readonly deployments = inject(DeploymentsApi);
  private readonly environments = inject(EnvironmentsApi);
  private readonly asgs = inject(AsgsApi);
  private readonly instances = inject(InstancesApi);
  private readonly patching = inject(PatchingApi);

  /** Starts the reads that several panels share; each panel awaits the ones it needs. */
  sharedReads(): SharedReads {
    return { patches: this.patching.list(), environments: this.environments.list() };
  }

  /** The deployments (`?status=Awaiting Approval`) and patches waiting for an approval the user may give. */
  async awaitingApproval(user: Me, reads: SharedReads): Promise<DeploymentGlance> {
    // awaited together, so a failed shared read is never a rejection nobody listens to yet
    const [page, patches] = await Promise.all([
      this.deployments.firstPage({ status: 'Awaiting Approval', since: this.since() }, DEPLOYMENTS_READ),
      reads.patches,
    ]);
    return {
      deployments: awaitingYourApproval(page.deployments, user),
      patches: patchesAwaitingYourApproval(patches, user),
      more: page.next ? ['Awaiting Approval'] : [],
    };
  }

  /** The deployments under way (one call per running status) and the patches not over, newest first. */
  async running(reads: SharedReads): Promise<DeploymentGlance> {
    const since = this.since();
    const [pages, patches] = await Promise.all([
      Promise.all(
        runningStatuses.map((status) => this.deployments.firstPage({ status, since }, DEPLOYMENTS_READ)),
      ),
      reads.patches,
    ]);
    return {
      deployments: pages
        .flatMap((p) => p.deployments)
        .sort((a, b) => b.Value.StartTimestamp.localeCompare(a.Value.StartTimestamp)),
      patches: runningPatches(patches),
      more: runningStatuses.filter((_, i) => pages[i]!.next !== undefined),
    };
  }

  /** The groups that are not healthy, from one `GET /asgs` of the whole estate. */
  async unhealthyGroups(): Promise<GroupGlance> {
    const groups = await this.asgs.list();
    return { concerns: unhealthyGroups(groups), total: groups.length };
  }

  /** The groups with instances on an image that is not the latest stable, from one `GET /instances`. */
  async outOfDateGroups(): Promise<GroupGlance> {
    const instances = await this.instances.list();
    return { concerns: outOfDateGroups(instances), total: groupsWithInstances(instances) };
  }

  /** The environments whose deployments are locked, by name. */
  async lockedEnvironments(reads: SharedReads): Promise<LockGlance> {
    const all = await reads.environments;
    const locked = all
      .filter((e) => e.Value.DeploymentsLocked)
      .sort((a, b) => a.EnvironmentName.localeCompare(b.EnvironmentName));
    return { locked, total: all.length };
  }

  /** The user's own recent deployments, newest first. */
  yours(user: Me, count: number): Promise<Deployment[]> {
    return this.deployments.list({ user: user.username, since: this.since() }, count);
  }

  private since(): string {
    return new Date(Date.now() - LOOK_BACK_MS).toISOString();
  }
}
