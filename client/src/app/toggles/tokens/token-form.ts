import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { DeploymentMap } from '@shared/catalogue/deployment-map';
import type { Environment } from '@shared/catalogue/environment';
import type { Service } from '@shared/catalogue/service';
import { NewToggleToken, type CreatedToggleToken } from '@shared/toggles/toggle-token';
import { hostingEnvironments } from '../../catalogue/hosting-environments';
import { ServicePicker } from '../../configuration/deployment-maps/service-picker';
import type { ApiProblem } from '../../core/api-problem';
import { AuthSession } from '../../core/auth-session';
import { ProblemBanner } from '../../core/problem-banner';
import { problemOf } from '../../core/problem-of';
import { schemaValidator } from '../../core/schema-validator';
import { controlMessage, withUnplacedErrors } from '../../core/server-field-errors';
import { createBlocker } from '../toggle-permission';
import { tokenBlocker, tokenScopeOf } from './token-permission';
import { ToggleTokensApi } from './toggle-tokens-api';

/**
 * The form that makes a feature toggle token: a catalogue service, one of the environments hosting it and
 * what uses the token; Create for whoever may manage the service's toggles there.
 */
@Component({
  selector: 'app-token-form',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatTooltipModule,
    ProblemBanner,
    ServicePicker,
  ],
  templateUrl: './token-form.html',
  styleUrl: './token-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TokenForm {
  private readonly api = inject(ToggleTokensApi);
  private readonly user = inject(AuthSession).user;

  /** The catalogue's services. */
  readonly services = input.required<readonly Service[]>();
  /** The catalogue's environments. */
  readonly environments = input.required<readonly Environment[]>();
  /** The deployment maps, which say which environments host a service. */
  readonly maps = input.required<readonly DeploymentMap[]>();
  /** A token was made: the reply, with its secret. */
  readonly created = output<CreatedToggleToken>();

  /** Why the token could not be made (what no field took). */
  readonly problem = signal<ApiProblem | null>(null);
  /** Whether the token is being made. */
  readonly busy = signal(false);

  /** The token's fields, checked as the server checks them. */
  readonly form = inject(NonNullableFormBuilder).group({
    service: ['', Validators.required],
    environment: ['', Validators.required],
    description: ['', [Validators.required, schemaValidator(NewToggleToken.shape.description)]],
  });
  // resetting through the directive clears its submitted state too, so no field shows an error afterwards
  private readonly formDirective = viewChild.required(FormGroupDirective);
  private readonly chosenService = toSignal(this.form.controls.service.valueChanges, { initialValue: '' });
  private readonly chosenEnvironment = toSignal(this.form.controls.environment.valueChanges, {
    initialValue: '',
  });
  /** The message under a field. */
  readonly message = controlMessage;

  /** The service names, for the picker. */
  readonly serviceNames = computed(() => this.services().map((s) => s.ServiceName));
  /** The service chosen, once it is one of the catalogue's. */
  readonly service = computed(
    () => this.services().find((s) => s.ServiceName === this.chosenService()) ?? null,
  );
  /** The environments hosting the service chosen, by name. */
  readonly hosting = computed(() => {
    const service = this.service();
    return service ? hostingEnvironments(service.ServiceName, this.environments(), this.maps()) : [];
  });
  /** Why the user may not make this token, or null (nothing chosen yet: only whether they may make any). */
  readonly blocker = computed(() => {
    const grants = this.user()?.grants ?? [];
    const scope = tokenScopeOf(
      { service: this.chosenService(), environment: this.chosenEnvironment() },
      this.services(),
      this.environments(),
    );
    return createBlocker(grants) ?? (scope ? tokenBlocker(grants, scope) : null);
  });

  /** Takes the service picked; its environment is chosen afresh (the only one, when one hosts it). */
  pick(name: string): void {
    this.form.controls.service.setValue(name);
    const hosting = this.hosting();
    this.form.controls.environment.setValue(hosting.length === 1 ? hosting[0]! : '');
  }

  /** Makes the token and hands it, with its secret, to the page. */
  async create(): Promise<void> {
    if (this.busy() || this.blocker() !== null) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { service, environment, description } = this.form.getRawValue();
    const parsed = NewToggleToken.safeParse({ service, environment, description: description.trim() });
    if (!parsed.success) {
      // only blanks pass the field's own check: trimmed, nothing is left
      this.form.controls.description.setErrors({ required: true });
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    try {
      const created = await this.api.create(parsed.data);
      this.formDirective().resetForm();
      this.created.emit(created);
    } catch (error: unknown) {
      const problem = problemOf(error, 'The token could not be created.');
      const unplaced = withUnplacedErrors(this.form, problem, { prefixes: ['body.'] });
      // when every field error is under its field, a banner would only repeat "not valid"
      this.problem.set(problem.errors.length > 0 && unplaced.errors.length === 0 ? null : unplaced);
    } finally {
      this.busy.set(false);
    }
  }
}
