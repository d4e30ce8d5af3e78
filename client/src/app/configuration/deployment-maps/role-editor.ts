import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
} from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { controlMessage } from '../../core/server-field-errors';
import { desiredCapacityErrors } from './capacity-order';
import { serviceForm, type RoleForm } from './deployment-map-form';
import { ServicePicker } from './service-picker';

/** One server role of a deployment map as a card: its name, team, services, capacity and launch settings. */
@Component({
  selector: 'app-role-editor',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ServicePicker,
  ],
  templateUrl: './role-editor.html',
  styleUrl: './role-editor.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RoleEditor {
  /** The role's controls. */
  readonly role = input.required<RoleForm>();
  /** Its position in the map, from 0. */
  readonly index = input.required<number>();
  /** How many roles the map has, to know which moves are possible. */
  readonly count = input.required<number>();
  /** The clusters a role may belong to. */
  readonly clusters = input.required<readonly string[]>();
  /** The service catalogue's names. */
  readonly catalogue = input.required<readonly string[]>();
  /** Asks the map to remove this role. */
  readonly remove = output<void>();
  /** Asks the map to move this role up (-1) or down (+1). */
  readonly move = output<-1 | 1>();

  /** Shows the order rule's message at the Desired field. */
  readonly desiredErrors = desiredCapacityErrors;
  /** The message under a control. */
  readonly message = controlMessage;

  /** The heading: the role's position and name. */
  readonly title = computed(() => `Role ${this.index() + 1}`);
  /** A stable id prefix for this card's labels. */
  readonly id = computed(() => `role-${this.index()}`);

  constructor() {
    // The page sets server errors on these controls after a save; their events are this card's cue to redraw.
    const changes = inject(ChangeDetectorRef);
    effect((onCleanup) => {
      const subscription = this.role().events.subscribe(() => changes.markForCheck());
      onCleanup(() => subscription.unsubscribe());
    });
  }

  /** The role's name as typed, for the buttons' hidden labels ("Remove role Web"). */
  name(): string {
    return this.role().controls.ServerRoleName.value || this.title();
  }

  /** The names the role already hosts. */
  hosted(): string[] {
    return this.role().controls.Services.controls.map((s) => s.controls.ServiceName.value);
  }

  /** Adds a picked service, once. */
  addService(name: string): void {
    if (!this.hosted().includes(name)) {
      this.role().controls.Services.push(serviceForm(name));
      this.role().markAsDirty();
    }
  }

  /** Stops hosting a service. */
  removeService(index: number): void {
    this.role().controls.Services.removeAt(index);
    this.role().markAsDirty();
  }
}
