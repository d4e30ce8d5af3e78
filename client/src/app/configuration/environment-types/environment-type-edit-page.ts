import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { EnvironmentType, EnvironmentTypeValue, ProtectedAction } from '@shared/catalogue/environment-type';
import { schemaValidator } from '../../core/schema-validator';
import { controlMessage } from '../../core/server-field-errors';
import { userBlocker } from '../config-kit/user-blocker';
import { optionalText } from '../config-kit/optional-text';
import { RecordEditor } from '../config-kit/record-editor';
import { ConfigHeading } from '../config-kit/config-heading';
import { FormActions } from '../config-kit/form-actions';
import { ConfigStatus } from '../config-kit/config-status';

const field = EnvironmentTypeValue.shape;
const protectable = ProtectedAction.options;
const isProtectable = (a: string): a is ProtectedAction => (protectable as readonly string[]).includes(a);

/** Creates or edits an environment type: its AWS account and region, and what is protected there. */
@Component({
  selector: 'app-environment-type-edit-page',
  imports: [
    ReactiveFormsModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    ConfigHeading,
    FormActions,
    ConfigStatus,
    RouterLink,
  ],
  templateUrl: './environment-type-edit-page.html',
  styleUrl: '../config-kit/config-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EnvironmentTypeEditPage implements OnInit {
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
    blocker: () => this.blocker(),
    list: '/configuration/environment-types',
  });

  /** Why the user may not save, or null when they may. */
  readonly blocker = userBlocker({ action: 'admin', everywhere: true });
  /** The message under a field. */
  readonly message = controlMessage;

  ngOnInit(): void {
    void this.editor.open(this.name());
  }

  /** The loaded type's protected actions this form has no checkbox for (the original's, a script's). */
  readonly otherProtected = signal<readonly string[]>([]);

  private fill(type: EnvironmentType): void {
    this.loaded = type.Value;
    this.otherProtected.set((type.Value.ProtectedActions ?? []).filter((a) => !isProtectable(a)));
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
      // actions this form has no checkbox for (written by the original, or by a script) are kept
      ProtectedActions: [
        ...(this.loaded.ProtectedActions ?? []).filter((a) => !isProtectable(a)),
        ...protectable.filter((action) => f.ProtectedActions[action]),
      ],
      RequiresApproval: f.RequiresApproval,
      DeploymentBucket: optionalText(f.DeploymentBucket),
    };
  }
}
