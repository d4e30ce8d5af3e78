import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Deployment } from '@shared/deployments/deployment';
import { AuthSession } from '../core/auth-session';
import { ServerHealth } from '../core/server-health';
import { DeploymentList } from './deployment-list';
import { EstateGlance, type DeploymentGlance, type GroupGlance, type LockGlance } from './estate-glance';
import { GlancePanel } from './glance-panel';
import { GroupConcernList } from './group-concern-list';
import { approvesAnywhere } from './home-deployments';
import { loadInto, loading, valueOf, type Loaded } from './loaded';
import { LockedEnvironmentList } from './locked-environment-list';
import { PatchList } from './patch-list';

/** How many of the user's own deployments the home page lists. */
const YOURS = 10;

/**
 * The landing page after sign-in: the estate at a glance (the deployments and patches waiting for the
 * user's approval, those under way, unhealthy groups, groups on an out-of-date image, locked
 * environments), then the user's recent deployments. Each panel loads and fails on its own; the lists
 * two panels need are read once.
 */
@Component({
  selector: 'app-home-page',
  imports: [
    DatePipe,
    DeploymentList,
    GlancePanel,
    GroupConcernList,
    LockedEnvironmentList,
    PatchList,
    RouterLink,
  ],
  templateUrl: './home-page.html',
  styleUrl: './home-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomePage implements OnInit {
  private readonly glance = inject(EstateGlance);

  /** The signed-in user. */
  readonly user = inject(AuthSession).user;
  /** The server's version, once known. */
  readonly serverVersion = inject(ServerHealth).version;

  /** Deployments and patches waiting for an approval the user may give. */
  readonly approvals = signal<Loaded<DeploymentGlance>>(loading);
  /** Deployments and patches under way. */
  readonly running = signal<Loaded<DeploymentGlance>>(loading);
  /** Groups that are not healthy. */
  readonly unhealthy = signal<Loaded<GroupGlance>>(loading);
  /** Groups with instances on an out-of-date image. */
  readonly outOfDate = signal<Loaded<GroupGlance>>(loading);
  /** Environments whose deployments are locked. */
  readonly locked = signal<Loaded<LockGlance>>(loading);
  /** The user's own deployments of the last 30 days, newest first. */
  readonly yours = signal<Loaded<readonly Deployment[]>>(loading);

  /** The loaded values, for the template (undefined until loaded). */
  readonly approvalsValue = computed(() => valueOf(this.approvals()));
  readonly runningValue = computed(() => valueOf(this.running()));
  readonly unhealthyValue = computed(() => valueOf(this.unhealthy()));
  readonly outOfDateValue = computed(() => valueOf(this.outOfDate()));
  readonly lockedValue = computed(() => valueOf(this.locked()));
  readonly yoursValue = computed(() => valueOf(this.yours()));

  /** Each panel's count once loaded (undefined until then). */
  readonly counts = computed(() => ({
    approvals: itemsOf(this.approvalsValue()),
    running: itemsOf(this.runningValue()),
    unhealthy: this.unhealthyValue()?.concerns.length,
    outOfDate: this.outOfDateValue()?.concerns.length,
    locked: this.lockedValue()?.locked.length,
    yours: this.yoursValue()?.length,
  }));

  /** The statuses with more deployments than the home page read, to link to their whole list. */
  readonly beyond = computed(() => [
    ...(this.approvalsValue()?.more ?? []),
    ...(this.runningValue()?.more ?? []),
  ]);

  /** What an empty approvals panel means for this user. */
  readonly approvalsEmpty = computed(() => {
    const user = this.user();
    return user && !approvesAnywhere(user)
      ? 'Nothing: you hold no approve-deployments grant, so no deployment or patch waits for you.'
      : 'Nothing waits for your approval.';
  });

  ngOnInit(): void {
    const user = this.user();
    if (!user) {
      return;
    }
    const reads = this.glance.sharedReads();
    void loadInto(
      this.approvals,
      () => this.glance.awaitingApproval(user, reads),
      'The deployments and patches awaiting approval could not be loaded.',
    );
    void loadInto(
      this.running,
      () => this.glance.running(reads),
      'The running deployments and patches could not be loaded.',
    );
    void loadInto(
      this.unhealthy,
      () => this.glance.unhealthyGroups(),
      'The Auto Scaling groups could not be loaded.',
    );
    void loadInto(
      this.locked,
      () => this.glance.lockedEnvironments(reads),
      'The environments could not be loaded.',
    );
    void loadInto(this.outOfDate, () => this.glance.outOfDateGroups(), 'The instances could not be loaded.');
    void loadInto(this.yours, () => this.glance.yours(user, YOURS), 'Your deployments could not be loaded.');
  }
}

/** How many deployments and patches a panel lists, once loaded. */
function itemsOf(glance: DeploymentGlance | undefined): number | undefined {
  return glance && glance.deployments.length + glance.patches.length;
}
