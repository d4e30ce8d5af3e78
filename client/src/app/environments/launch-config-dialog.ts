import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { AsgImage, Image } from '@shared/fleet/image';
import { LaunchConfigChange, type LaunchConfig } from '@shared/fleet/launch-config';
import type { ApiProblem } from '../core/api-problem';
import { ProblemBanner } from '../core/problem-banner';
import { problemOf } from '../core/problem-of';
import { schemaValidator } from '../core/schema-validator';
import { withUnplacedErrors } from '../core/server-field-errors';
import { EnvironmentsApi } from './environments-api';
import { OperationPermission } from './operation-permission';
import type { OperationScope } from './protectable-blocker';

/** What the launch configuration dialog is opened with. */
export interface LaunchConfigDialogData {
  readonly environment: string;
  readonly asg: string;
  readonly role: string;
  /** The ASG's image as the servers view has it; null when it is not one of the account's. */
  readonly image: AsgImage | null;
  /** Where a change applies (the role's cluster, the environment's type), for whether the user may. */
  readonly scope: OperationScope;
}

/** One choice of the image select. */
export interface ImageChoice {
  readonly id: string;
  readonly label: string;
}

/** The image choices: the account's images, the current one and the latest stable of the current type marked. */
export function imageChoices(images: readonly Image[], current: LaunchConfig): ImageChoice[] {
  const currentType = images.find((image) => image.ImageId === current.ImageId)?.AmiType;
  const choices = images.map((image) => {
    const marks = [
      image.ImageId === current.ImageId ? 'current' : '',
      image.IsLatestStable && image.AmiType === currentType ? 'latest stable' : '',
    ].filter(Boolean);
    const suffix = marks.length > 0 ? ` — ${marks.join(', ')}` : '';
    return { id: image.ImageId, label: `${image.Name} (${image.ImageId})${suffix}` };
  });
  if (current.ImageId && !images.some((image) => image.ImageId === current.ImageId)) {
    choices.unshift({
      id: current.ImageId,
      label: `${current.ImageId} — current, not one of the account's images`,
    });
  }
  return choices;
}

/** An ASG's launch configuration, and a change of its image or instance type for new instances. */
@Component({
  selector: 'app-launch-config-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatTooltipModule,
    ProblemBanner,
  ],
  templateUrl: './launch-config-dialog.html',
  styleUrl: './launch-config-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LaunchConfigDialog implements OnInit {
  private readonly api = inject(EnvironmentsApi);
  private readonly permission = inject(OperationPermission);

  /** The environment, the ASG, and where a change of it applies. */
  readonly data = inject<LaunchConfigDialogData>(MAT_DIALOG_DATA);

  /** Why the user may not change the configuration (operate-asgs, as the server decides), or null. */
  readonly changeBlocker = computed(() =>
    this.permission.blocker({
      action: 'operate-asgs',
      scope: this.data.scope,
      needs: 'Changing launch configurations needs',
    }),
  );

  /** The launch configuration, once loaded. */
  readonly config = signal<LaunchConfig | null>(null);
  /** Why it could not be loaded. */
  readonly loadProblem = signal<ApiProblem | null>(null);
  /** Whether the change form is open. */
  readonly changing = signal(false);
  /** The image choices, once the images are loaded. */
  readonly choices = signal<readonly ImageChoice[]>([]);
  /** Why the last change (or the image list) failed. */
  readonly problem = signal<ApiProblem | null>(null);
  /** Whether a call is in flight. */
  readonly busy = signal(false);
  /** Said after a change was saved. */
  readonly saved = signal(false);
  /** Said when Save was pressed with nothing changed. */
  readonly unchanged = signal(false);

  /** The change: the image and the instance type new instances get. */
  readonly form = inject(NonNullableFormBuilder).group({
    ImageId: ['', Validators.required],
    InstanceType: [
      '',
      [Validators.required, schemaValidator(LaunchConfigChange.shape.InstanceType.unwrap())],
    ],
  });

  /** The services the user data launches; null when the user data is not this portal's. */
  readonly services = computed(() => this.config()?.DecodedUserData?.services ?? null);

  ngOnInit(): void {
    void this.load();
  }

  /** Opens the change form with the current image and instance type, and loads the images to choose from. */
  async startChange(): Promise<void> {
    const config = this.config();
    if (!config || this.changeBlocker()) {
      return;
    }
    this.form.reset({ ImageId: config.ImageId ?? '', InstanceType: config.InstanceType ?? '' });
    this.problem.set(null);
    this.saved.set(false);
    this.unchanged.set(false);
    this.changing.set(true);
    this.busy.set(true);
    try {
      this.choices.set(imageChoices(await this.api.images(), config));
    } catch (error: unknown) {
      this.choices.set(imageChoices([], config));
      this.problem.set(problemOf(error, 'The images could not be loaded.'));
    } finally {
      this.busy.set(false);
    }
  }

  /** Closes the change form without saving. */
  cancelChange(): void {
    this.changing.set(false);
    this.problem.set(null);
  }

  /** Sends only the changed fields; on success closes the form and shows the configuration reloaded. */
  async save(): Promise<void> {
    const config = this.config();
    if (!config) {
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const change = changedFields(config, this.form.getRawValue());
    this.unchanged.set(Object.keys(change).length === 0);
    if (this.unchanged()) {
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      await this.api.changeLaunchConfig(this.data.asg, this.data.environment, change);
      this.changing.set(false);
      this.saved.set(true);
      this.config.set(await this.api.launchConfig(this.data.asg, this.data.environment));
    } catch (error: unknown) {
      const problem = problemOf(error, 'The change could not be saved. Please try again.');
      this.problem.set(withUnplacedErrors(this.form, problem));
    } finally {
      this.busy.set(false);
    }
  }

  private async load(): Promise<void> {
    this.busy.set(true);
    try {
      this.config.set(await this.api.launchConfig(this.data.asg, this.data.environment));
    } catch (error: unknown) {
      this.loadProblem.set(
        problemOf(error, `The launch configuration of ${this.data.asg} could not be loaded.`),
      );
    } finally {
      this.busy.set(false);
    }
  }
}

/** The fields of the form that differ from the configuration: what PUT sends. */
export function changedFields(
  config: LaunchConfig,
  form: { ImageId: string; InstanceType: string },
): LaunchConfigChange {
  const change: LaunchConfigChange = {};
  if (form.ImageId !== '' && form.ImageId !== config.ImageId) {
    change.ImageId = form.ImageId;
  }
  const instanceType = form.InstanceType.trim();
  if (instanceType !== '' && instanceType !== config.InstanceType) {
    change.InstanceType = instanceType;
  }
  return change;
}
