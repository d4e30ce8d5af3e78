import { ChangeDetectionStrategy, Component, inject, input, OnInit } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Cluster, ClusterValue } from '@shared/catalogue/cluster';
import { schemaValidator } from '../../core/schema-validator';
import { controlMessage } from '../../core/server-field-errors';
import { userBlocker } from '../config-kit/user-blocker';
import { optionalText } from '../config-kit/optional-text';
import { RecordEditor } from '../config-kit/record-editor';
import { ConfigHeading } from '../config-kit/config-heading';
import { FormActions } from '../config-kit/form-actions';
import { ConfigStatus } from '../config-kit/config-status';

const field = ClusterValue.shape;

/** Creates or edits a team (cluster); only admins may save. */
@Component({
  selector: 'app-team-edit-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    ConfigHeading,
    FormActions,
    ConfigStatus,
  ],
  templateUrl: './team-edit-page.html',
  styleUrl: '../config-kit/config-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeamEditPage implements OnInit {
  private loaded: ClusterValue = { ShortName: '' };

  /** The team's name from the route; absent for a new team. */
  readonly name = input<string>();

  /** The team's fields, checked with the shared schema's rules. */
  readonly form = inject(NonNullableFormBuilder).group({
    ClusterName: ['', [Validators.required, schemaValidator(Cluster.shape.ClusterName)]],
    ShortName: ['', [Validators.required, schemaValidator(field.ShortName)]],
    Description: ['', schemaValidator(field.Description)],
    GroupEmailAddress: ['', schemaValidator(field.GroupEmailAddress)],
    ADMembershipGroup: ['', schemaValidator(field.ADMembershipGroup)],
    KeyPair: ['', schemaValidator(field.KeyPair)],
  });

  /** Loading, saving and the server's refusals. */
  readonly editor = new RecordEditor({
    resource: 'clusters',
    schema: Cluster,
    noun: 'team',
    form: this.form,
    keyField: 'ClusterName',
    fill: (team) => this.fill(team),
    value: () => this.value(),
    blocker: () => this.blocker(),
    list: '/configuration/teams',
  });

  /** Why the user may not save, or null when they may. */
  readonly blocker = userBlocker({ action: 'admin', everywhere: true });
  /** The message under a field. */
  readonly message = controlMessage;

  ngOnInit(): void {
    void this.editor.open(this.name());
  }

  private fill(team: Cluster): void {
    this.loaded = team.Value;
    const v = team.Value;
    this.form.reset({
      ClusterName: team.ClusterName,
      ShortName: v.ShortName,
      Description: v.Description ?? '',
      GroupEmailAddress: v.GroupEmailAddress ?? '',
      ADMembershipGroup: v.ADMembershipGroup ?? '',
      KeyPair: v.KeyPair ?? '',
    });
  }

  // Fields the form does not show (SchemaVersion) are kept as loaded.
  private value(): ClusterValue {
    const f = this.form.getRawValue();
    return {
      ...this.loaded,
      ShortName: f.ShortName.trim(),
      Description: optionalText(f.Description),
      GroupEmailAddress: optionalText(f.GroupEmailAddress),
      ADMembershipGroup: optionalText(f.ADMembershipGroup),
      KeyPair: optionalText(f.KeyPair),
    };
  }
}
