import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { EnvironmentType, EnvironmentTypeValue, ProtectedAction } from '@shared/catalogue/environment-type';
import { AuthSession } from '../../core/auth-session';
import { schemaValidator } from '../../core/schema-validator';
import { controlMessage } from '../../core/server-field-errors';
import { ConfigProblem } from '../config-kit/config-problem';
import { editBlocker } from '../config-kit/edit-blocker';
import { optionalText } from '../config-kit/optional-text';
import { RecordEditor } from '../config-kit/record-editor';

const field = EnvironmentTypeValue.shape;
const protectable = ProtectedAction.options;

/** Creates or edits an environment type: its AWS account and region, and what is protected there. */
@Component({
  selector: 'app-environment-type-edit-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatTooltipModule,
    RouterLink,
    ConfigProblem,
  ],
  templateUrl: './environment-type-edit-page.html',
  styleUrl: '../config-kit/config-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EnvironmentTypeEditPage implements OnInit {
  private readonly router = inject(Router);
  private readonly user = inject(AuthSession).user;
  private readonly fb = inject(NonNullableFormBuilder);
  private loaded: EnvironmentTypeValue = {};

  /** The type's name from the route; absent for a new type. */
  readonly name = input<string>();
  /** The actions a type may protect, in the shared schema's order. */
  readonly protectable = protectable;

  /** The type's fields, checked with the shared schema's rules; one checkbox per protectable action. */
  readonly form = this.fb.group({
    EnvironmentType: ['', [Validators.required, schemaValidator(EnvironmentType.shape.EnvironmentType)]],
    Description: ['', schemaValidator(field.Description)],
    AWSAccountNumber: ['', schemaValidator(field.AWSAccountNumber)],
    AWSAccountName: ['', schemaValidator(field.AWSAccountName)],
    Region: ['', schemaValidator(field.Region)],
    ProtectedActions: this.fb.group(
      Object.fromEntries(protectable.map((action) => [action, false])) as Record<ProtectedAction, boolean>,
    ),
    RequiresApproval: [false],
    DeploymentBucket: ['', schemaValidator(field.DeploymentBucket)],
  });

  /** Loading, saving and the server's refusals. */
  readonly editor = new RecordEditor({
    resource: 'environment-types',
    schema: EnvironmentType,
    noun: 'environment type',
    form: this.form,
    keyField: 'EnvironmentType',
    fill: (type) => this.fill(type),
    value: () => this.value(),
  });

  /** Why the user may not save, or null when they may. */
  readonly blocker = computed(() =>
    editBlocker(this.user()?.grants ?? [], { action: 'admin', everywhere: true }),
  );
  /** The message under a field. */
  readonly message = controlMessage;

  ngOnInit(): void {
    void this.editor.open(this.name());
  }

  /** Saves the type and returns to the list. */
  async save(): Promise<void> {
    // A disabled-interactive button still submits: it stays focusable to show its reason.
    if (this.blocker() !== null || this.editor.saving()) {
      return;
    }
    if (await this.editor.save()) {
      await this.router.navigate(['/configuration/environment-types']);
    }
  }

  private fill(type: EnvironmentType): void {
    this.loaded = type.Value;
    const v = type.Value;
    const protectedActions = new Set(v.ProtectedActions ?? []);
    this.form.reset({
      EnvironmentType: type.EnvironmentType,
      Description: v.Description ?? '',
      AWSAccountNumber: v.AWSAccountNumber ?? '',
      AWSAccountName: v.AWSAccountName ?? '',
      Region: v.Region ?? '',
      ProtectedActions: Object.fromEntries(
        protectable.map((action) => [action, protectedActions.has(action)]),
      ),
      RequiresApproval: v.RequiresApproval ?? false,
      DeploymentBucket: v.DeploymentBucket ?? '',
    });
  }

  // Fields the form does not show (SchemaVersion) are kept as loaded.
  private value(): EnvironmentTypeValue {
    const f = this.form.getRawValue();
    return {
      ...this.loaded,
      Description: optionalText(f.Description),
      AWSAccountNumber: optionalText(f.AWSAccountNumber),
      AWSAccountName: optionalText(f.AWSAccountName),
      Region: optionalText(f.Region),
      ProtectedActions: protectable.filter((action) => f.ProtectedActions[action]),
      RequiresApproval: f.RequiresApproval,
      DeploymentBucket: optionalText(f.DeploymentBucket),
    };
  }
}
