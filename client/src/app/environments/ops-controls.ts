import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  LOCALE_ID,
  output,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatTooltipModule } from '@angular/material/tooltip';
import { LockingReason, type OpsEnvironment } from '@shared/environments/ops-state';
import type { ApiProblem } from '../core/api-problem';
import { Confirmation } from '../core/confirmation';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { schemaValidator } from '../core/schema-validator';
import { withUnplacedErrors } from '../core/server-field-errors';
import { EnvironmentsApi } from './environments-api';
import { lockSummary } from './lock-summary';
import { OperationPermission } from './operation-permission';

/**
 * Lock or unlock deployments and start or end maintenance, for users with `lock-environments` on the
 * environment's owning cluster and type, and `admin` there too where the type protects lock-environments
 * (the server's rule); for others the buttons say why not.
 */
@Component({
  selector: 'app-ops-controls',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatTooltipModule,
    ProblemBanner,
  ],
  templateUrl: './ops-controls.html',
  styleUrl: './ops-controls.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OpsControls {
  private readonly api = inject(EnvironmentsApi);
  private readonly confirmation = inject(Confirmation);
  private readonly permission = inject(OperationPermission);
  private readonly locale = inject(LOCALE_ID);

  /** The environment whose state is changed. */
  readonly environment = input.required<OpsEnvironment>();
  /** The environment as the server returned it after a change (or a reload after a conflict). */
  readonly changed = output<OpsEnvironment>();

  /** The longest lock reason the form takes (the shared schema's limit). */
  readonly reasonMax = 200;
  /** Why the lock is taken: required and checked by the shared schema, as the server checks it. */
  readonly lockForm = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, schemaValidator(LockingReason)]],
  });
  /** Whether a change is in flight. */
  readonly busy = signal(false);
  /** Why the last change failed. */
  readonly problem = signal<ApiProblem | null>(null);
  /** Who locked deployments, when and why, while they are locked. */
  readonly lockState = computed(() => lockSummary(this.environment(), this.locale));
  /** Whether the last failure was someone else's change, which a reload resolves. */
  readonly conflict = computed(() => this.problem()?.status === 409);

  /** Why the user may not use these controls, or null when they may. */
  readonly blocker = computed(() => {
    const value = this.environment().Value;
    return this.permission.blocker({
      action: 'lock-environments',
      scope: { cluster: value.OwningCluster, environmentType: value.EnvironmentType },
      needs: 'Locking and maintenance need',
    });
  });

  /** Locks deployments with the reason given, after confirmation. */
  async lock(): Promise<void> {
    if (this.blocker() || this.lockForm.invalid) {
      this.lockForm.markAllAsTouched();
      return;
    }
    const name = this.environment().EnvironmentName;
    const reason = this.lockForm.getRawValue().reason.trim();
    const confirmed = await this.confirmation.ask({
      title: `Lock deployments to ${name}?`,
      message: `No one can deploy to ${name} until it is unlocked. Reason: ${reason}`,
      confirmLabel: 'Lock deployments',
    });
    const locking = (env: OpsEnvironment) =>
      this.api.setDeployLock(name, env.Version, { DeploymentsLocked: true, Reason: reason });
    if (confirmed && (await this.change(locking))) {
      this.lockForm.reset();
    }
  }

  /** Unlocks deployments. */
  async unlock(): Promise<void> {
    const name = this.environment().EnvironmentName;
    await this.change((env) => this.api.setDeployLock(name, env.Version, { DeploymentsLocked: false }));
  }

  /** Starts maintenance (after confirmation) or ends it. */
  async toggleMaintenance(): Promise<void> {
    if (this.blocker()) {
      return;
    }
    const environment = this.environment();
    const on = !environment.Value.InMaintenance;
    const name = environment.EnvironmentName;
    if (
      on &&
      !(await this.confirmation.ask({
        title: `Put ${name} in maintenance?`,
        message: `${name} will show as in maintenance to everyone until it is taken out.`,
        confirmLabel: 'Start maintenance',
      }))
    ) {
      return;
    }
    await this.change((env) => this.api.setMaintenance(name, env.Version, on));
  }

  /** Reads the environment again after someone else changed it, so the user acts on what is there now. */
  async reload(): Promise<void> {
    await this.change(() => this.api.get(this.environment().EnvironmentName));
  }

  private async change(call: (env: OpsEnvironment) => Promise<OpsEnvironment>): Promise<boolean> {
    if (this.blocker() || this.busy()) {
      return false;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      this.changed.emit(await call(this.environment()));
      return true;
    } catch (error: unknown) {
      const problem = problemOf(error, 'The change could not be made. Please try again.');
      // The server's complaint about the reason shows under the reason field, not only in the banner.
      this.problem.set(
        withUnplacedErrors(this.lockForm, problem, {
          toControlPath: (field) => (field === 'body.Reason' ? 'reason' : undefined),
        }),
      );
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
