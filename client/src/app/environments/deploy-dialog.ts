import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { Router } from '@angular/router';
import { ServiceVersion, type DeploymentPlan } from '@shared/deployments/deployment';
import type { ApiProblem } from '../core/api-problem';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { schemaValidator } from '../core/schema-validator';
import { DeployToggles } from '../deployments/deploy-toggles';
import { DeploymentsApi } from '../deployments/deployments-api';
import { PlannedToggles } from '../deployments/planned-toggles';
import { BreakGlassOverride } from '../freeze-windows/break-glass-override';
import { canaryStepsValidator } from './canary-steps';
import { controlForField, deployRequest } from './deploy-request';
import type { DeployTarget } from './deploy-target';

/** What the deploy dialog is opened with. */
export interface DeployDialogData {
  readonly environment: string;
  /** Its environment type, which toggle changes are authorized on. */
  readonly environmentType: string;
  /** The services the user may deploy here, each on its server role. */
  readonly targets: readonly DeployTarget[];
}

/** Deploy a service version: choose it, dry-run to see the plan and any refusal, then deploy and follow it. */
@Component({
  selector: 'app-deploy-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    ProblemBanner,
    BreakGlassOverride,
    DeployToggles,
    PlannedToggles,
  ],
  templateUrl: './deploy-dialog.html',
  styleUrl: './deploy-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeployDialog {
  private readonly api = inject(DeploymentsApi);
  private readonly router = inject(Router);
  private readonly dialogRef = inject(MatDialogRef<DeployDialog>);

  /** The environment and what may be deployed there. */
  readonly data = inject<DeployDialogData>(MAT_DIALOG_DATA);

  /** The deployment's settings; `target` is the index of the chosen service and role. */
  readonly form = inject(NonNullableFormBuilder).group({
    target: ['0', Validators.required],
    version: ['', [Validators.required, schemaValidator(ServiceVersion)]],
    mode: ['overwrite' as 'overwrite' | 'bg'],
    slice: ['blue' as 'blue' | 'green'],
    canarySteps: ['', canaryStepsValidator],
    bakeSeconds: ['', [Validators.min(0), Validators.max(3600), Validators.pattern(/^\d*$/)]],
    requireApproval: [false],
  });

  private readonly formValue = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });

  /** The chosen service and role. */
  readonly target = computed<DeployTarget | undefined>(
    () => this.data.targets[Number(this.formValue().target ?? 0)],
  );
  /** Whether blue/green is on offer (only for roles with a fleet per slice) and chosen. */
  readonly blueGreen = computed(
    () => this.target()?.fleetPerSlice === true && this.formValue().mode === 'bg',
  );
  /** Whether blue/green has canary steps, so a canary toggle may follow them. */
  readonly canary = computed(() => this.blueGreen() && (this.formValue().canarySteps ?? '').trim() !== '');
  /** The feature toggle changes the deployment carries. */
  private readonly toggles = viewChild(DeployToggles);
  /** The last dry run's plan. */
  readonly plan = signal<DeploymentPlan | null>(null);
  /** The last refusal. */
  readonly problem = signal<ApiProblem | null>(null);
  /** Whether a call is in flight. */
  readonly busy = signal(false);
  /** The freeze window the last refusal named (423), which break-glass can override. */
  readonly freezeWindow = computed(() => this.problem()?.freezeWindow ?? null);

  /** Asks the server what would happen, and shows the plan or its reasons for refusing. */
  async dryRun(): Promise<void> {
    const request = this.validRequest();
    if (!request) {
      return;
    }
    await this.call(async () => this.plan.set(await this.api.plan(request)));
  }

  /** Requests the deployment and goes to its page. */
  async deploy(): Promise<void> {
    const request = this.validRequest();
    if (!request) {
      return;
    }
    await this.call(async () => {
      const deployment = await this.api.start(request);
      this.dialogRef.close(deployment.DeploymentID);
      await this.router.navigate(['/deployments', deployment.DeploymentID]);
    });
  }

  /** Requests the deployment inside the freeze window, with break-glass and its reason. */
  async deployAnyway(reason: string): Promise<void> {
    const request = this.validRequest();
    if (!request) {
      return;
    }
    await this.call(async () => {
      const deployment = await this.api.start({ ...request, breakGlass: { reason } });
      this.dialogRef.close(deployment.DeploymentID);
      await this.router.navigate(['/deployments', deployment.DeploymentID]);
    });
  }

  private validRequest() {
    const target = this.target();
    const section = this.toggles();
    const toggles = section ? section.request() : {};
    if (this.form.invalid || !target || toggles === null) {
      this.form.markAllAsTouched();
      return null;
    }
    return { ...deployRequest(this.data.environment, target, this.form.getRawValue()), ...toggles };
  }

  private async call(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    this.plan.set(null);
    try {
      await work();
    } catch (error: unknown) {
      this.showRefusal(problemOf(error, 'The server could not be asked. Please try again.'));
    } finally {
      this.busy.set(false);
    }
  }

  private showRefusal(problem: ApiProblem): void {
    this.problem.set(problem);
    for (const fieldError of this.toggles()?.place(problem.errors) ?? problem.errors) {
      const name = controlForField(fieldError.field);
      const control = name ? this.form.get(name) : null;
      control?.setErrors({ server: fieldError.message });
      control?.markAsTouched();
    }
  }
}
