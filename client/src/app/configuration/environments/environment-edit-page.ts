import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import type { Action } from '@shared/auth/permission';
import { Cluster } from '@shared/catalogue/cluster';
import { DeploymentMap } from '@shared/catalogue/deployment-map';
import { Environment, EnvironmentValue } from '@shared/catalogue/environment';
import { EnvironmentType } from '@shared/catalogue/environment-type';
import { isOneOff, isRecurring } from '@shared/catalogue/freeze-window';
import type { ApiProblem } from '../../core/api-problem';
import { AuthSession } from '../../core/auth-session';
import { ConfigApi } from '../../core/config-api';
import { ProblemBanner } from '../../core/problem-banner';
import { problemOf } from '../../core/problem-of';
import { schemaValidator } from '../../core/schema-validator';
import { controlMessage } from '../../core/server-field-errors';
import { editBlocker } from '../config-kit/edit-blocker';
import { optionalText } from '../config-kit/optional-text';
import { RecordEditor } from '../config-kit/record-editor';
import { freezeWindowForm, freezeWindowOf, type FreezeWindowGroup } from './freeze-window-form';
import { ConfigHeading } from '../config-kit/config-heading';
import { FormActions } from '../config-kit/form-actions';
import { ConfigStatus } from '../config-kit/config-status';
import { LowerCasePipe } from '@angular/common';

const field = EnvironmentValue.shape;
const editEnvironments: Action = 'edit-environments';
type AlertSetting = NonNullable<EnvironmentValue['AlertSettings']>;

/** The fields naming another record, with the choices (of `choices()`) each offers. */
const references = [
  { control: 'EnvironmentType', label: 'Environment type', prompt: 'Choose a type', choices: 'types' },
  { control: 'OwningCluster', label: 'Owning team', prompt: 'Choose a team', choices: 'teams' },
  { control: 'DeploymentMap', label: 'Deployment map', prompt: 'Choose a deployment map', choices: 'maps' },
] as const;

/**
 * Creates or edits an environment's settings: type, owning team and deployment map (chosen from those that
 * exist), description, alerts and freeze windows. Saving needs `edit-environments` for the team and type.
 */
@Component({
  selector: 'app-environment-edit-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    RouterLink,
    ProblemBanner,
    ConfigHeading,
    FormActions,
    ConfigStatus,
    LowerCasePipe,
  ],
  templateUrl: './environment-edit-page.html',
  styleUrls: ['../config-kit/config-form.scss', './environment-edit-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EnvironmentEditPage implements OnInit {
  private readonly api = inject(ConfigApi);
  private readonly user = inject(AuthSession).user;
  private readonly fb = inject(NonNullableFormBuilder);
  private loaded: EnvironmentValue | null = null;

  /** The environment's name from the route; absent for a new environment. */
  readonly name = input<string>();
  /** The alert settings on offer. */
  readonly alertSettings = field.AlertSettings.unwrap().options;
  /** The records an environment names, each chosen from those that exist. */
  readonly references = references;
  /** A freeze window's start and end fields. */
  readonly windowEdges = [
    { control: 'Start', label: 'Starts', noun: 'start' },
    { control: 'End', label: 'Ends', noun: 'end' },
  ] as const;

  /** The environment's fields, checked with the shared schema's rules. */
  readonly form = this.fb.group({
    EnvironmentName: ['', [Validators.required, schemaValidator(Environment.shape.EnvironmentName)]],
    EnvironmentType: ['', Validators.required],
    OwningCluster: ['', Validators.required],
    DeploymentMap: ['', Validators.required],
    Description: ['', schemaValidator(field.Description)],
    AlertSettings: ['' as AlertSetting | ''],
    FreezeWindows: this.fb.array<FreezeWindowGroup>([]),
  });

  /** Loading, saving and the server's refusals. */
  readonly editor = new RecordEditor({
    resource: 'environments',
    schema: Environment,
    noun: 'environment',
    form: this.form,
    keyField: 'EnvironmentName',
    fill: (environment) => this.fill(environment),
    value: () => this.value(),
    blocker: () => this.blocker(),
    list: '/configuration/environments',
  });

  /** The names to choose from. */
  readonly choices = signal<{ types: string[]; teams: string[]; maps: string[] }>({
    types: [],
    teams: [],
    maps: [],
  });
  /** Why the choices could not be loaded. */
  readonly choicesProblem = signal<ApiProblem | null>(null);

  // The team and type the environment had when loaded: moving it away needs the grant there too.
  private readonly loadedScope = signal<{ cluster: string; environmentType: string } | null>(null);
  private readonly formValue = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });

  /** Why the user may not save (the team and type chosen, and those it had when loaded), or null. */
  readonly blocker = computed(() => {
    const grants = this.user()?.grants ?? [];
    const chosen = this.formValue();
    const loaded = this.loadedScope();
    const scopes = [
      ...(loaded ? [loaded] : []),
      { cluster: chosen.OwningCluster || undefined, environmentType: chosen.EnvironmentType || undefined },
    ];
    for (const scope of scopes) {
      const reason = editBlocker(grants, { action: editEnvironments, scope });
      if (reason) {
        return reason;
      }
    }
    return null;
  });
  /** The message under a field. */
  readonly message = controlMessage;

  ngOnInit(): void {
    void this.loadChoices();
    void this.editor.open(this.name());
  }

  /** The freeze windows' groups. */
  get windows(): FreezeWindowGroup[] {
    return this.form.controls.FreezeWindows.controls;
  }

  /** Adds an empty freeze window. */
  addWindow(): void {
    this.form.controls.FreezeWindows.push(freezeWindowForm(this.fb));
  }

  /** Removes a freeze window. */
  removeWindow(index: number): void {
    this.form.controls.FreezeWindows.removeAt(index);
  }

  private async loadChoices(): Promise<void> {
    try {
      const [types, teams, maps] = await Promise.all([
        this.api.list('environment-types', EnvironmentType),
        this.api.list('clusters', Cluster),
        this.api.list('deployment-maps', DeploymentMap),
      ]);
      this.choices.set({
        types: types.map((t) => t.EnvironmentType).sort(),
        teams: teams.map((t) => t.ClusterName).sort(),
        maps: maps.map((m) => m.DeploymentMapName).sort(),
      });
    } catch (error: unknown) {
      this.choicesProblem.set(
        problemOf(error, 'The types, teams and maps to choose from could not be loaded.'),
      );
    }
  }

  private fill(environment: Environment): void {
    const v = environment.Value;
    this.loaded = v;
    this.loadedScope.set({ cluster: v.OwningCluster, environmentType: v.EnvironmentType });
    const windows = this.form.controls.FreezeWindows;
    windows.clear();
    // recurring windows are edited on the Freeze windows screen and kept here as loaded
    for (const window of (v.FreezeWindows ?? []).filter(isOneOff)) {
      windows.push(freezeWindowForm(this.fb, window));
    }
    this.form.reset({
      EnvironmentName: environment.EnvironmentName,
      EnvironmentType: v.EnvironmentType,
      OwningCluster: v.OwningCluster,
      DeploymentMap: v.DeploymentMap,
      Description: v.Description ?? '',
      AlertSettings: v.AlertSettings ?? '',
    });
  }

  // Fields the form does not show (SchemaVersion) are kept as loaded.
  private value(): EnvironmentValue {
    const f = this.form.getRawValue();
    const recurring = (this.loaded?.FreezeWindows ?? []).filter(isRecurring);
    const windows = [...this.windows.map(freezeWindowOf), ...recurring];
    return {
      ...this.loaded,
      EnvironmentType: f.EnvironmentType,
      OwningCluster: f.OwningCluster,
      DeploymentMap: f.DeploymentMap,
      Description: optionalText(f.Description),
      AlertSettings: f.AlertSettings === '' ? undefined : f.AlertSettings,
      FreezeWindows: windows.length > 0 ? windows : undefined,
    };
  }
}
