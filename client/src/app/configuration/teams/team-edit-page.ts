import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { Cluster, ClusterValue } from '@shared/catalogue/cluster';
import { AuthSession } from '../../core/auth-session';
import { schemaValidator } from '../../core/schema-validator';
import { controlMessage } from '../../core/server-field-errors';
import { ConfigProblem } from '../config-kit/config-problem';
import { editBlocker } from '../config-kit/edit-blocker';
import { optionalText } from '../config-kit/optional-text';
import { RecordEditor } from '../config-kit/record-editor';

const field = ClusterValue.shape;

/** Creates or edits a team (cluster); only admins may save. */
@Component({
  selector: 'app-team-edit-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatTooltipModule,
    RouterLink,
    ConfigProblem,
  ],
  templateUrl: './team-edit-page.html',
  styleUrl: '../config-kit/config-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeamEditPage implements OnInit {
  private readonly router = inject(Router);
  private readonly user = inject(AuthSession).user;
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

  /** Saves the team and returns to the list. */
  async save(): Promise<void> {
    // A disabled-interactive button still submits: it stays focusable to show its reason.
    if (this.blocker() !== null || this.editor.saving()) {
      return;
    }
    if (await this.editor.save()) {
      await this.router.navigate(['/configuration/teams']);
    }
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
