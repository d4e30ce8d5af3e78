import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatAutocompleteModule, type MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

/** How many matches the list shows; the catalogue can hold thousands, so typing narrows it. */
export const shownMatches = 50;

/** A type-ahead over the service catalogue: picks one service name (Enter takes an exact match). */
@Component({
  selector: 'app-service-picker',
  imports: [MatAutocompleteModule, MatFormFieldModule, MatInputModule],
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <input
        #queryInput
        matInput
        class="service-query"
        autocomplete="off"
        [value]="query()"
        [matAutocomplete]="auto"
        (input)="query.set($any($event.target).value)"
        (keydown.enter)="pickExact($event)"
      />
      <mat-autocomplete #auto="matAutocomplete" (optionSelected)="pickOption($event, queryInput)">
        @for (name of matches(); track name) {
          <mat-option [value]="name">{{ name }}</mat-option>
        }
      </mat-autocomplete>
      <mat-hint>
        @if (more() > 0) {
          {{ more() }} more matches; keep typing to narrow.
        } @else if (query() && matches().length === 0) {
          No service in the catalogue matches.
        } @else {
          Type to search the service catalogue.
        }
      </mat-hint>
    </mat-form-field>
  `,
  styles: `
    mat-form-field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServicePicker {
  /** Every service name that may be picked. */
  readonly catalogue = input.required<readonly string[]>();
  /** Names already chosen, left out of the matches. */
  readonly exclude = input<readonly string[]>([]);
  /** The field's label. */
  readonly label = input('Add a service');
  /** The picked service name. */
  readonly picked = output<string>();

  /** What the user has typed. */
  readonly query = signal('');

  private readonly allMatches = computed(() => {
    const query = this.query().trim().toLowerCase();
    const excluded = new Set(this.exclude());
    const found = this.catalogue().filter((n) => !excluded.has(n) && n.toLowerCase().includes(query));
    // Names that start with the query are what people usually mean, so they come first.
    return [
      ...found.filter((n) => n.toLowerCase().startsWith(query)),
      ...found.filter((n) => !n.toLowerCase().startsWith(query)),
    ];
  });
  /** The first matches, at most `shownMatches`. */
  readonly matches = computed(() => this.allMatches().slice(0, shownMatches));
  /** How many matches are not shown. */
  readonly more = computed(() => Math.max(0, this.allMatches().length - shownMatches));

  /** Takes the option chosen from the list. */
  pickOption(event: MatAutocompleteSelectedEvent, field: HTMLInputElement): void {
    this.take(String(event.option.value));
    // The autocomplete writes the chosen name into the field; it is added now, so the field starts afresh.
    field.value = '';
  }

  /** Takes a typed name that is exactly a catalogue entry, without submitting the surrounding form. */
  pickExact(event: Event): void {
    event.preventDefault();
    const typed = this.query().trim();
    if (this.allMatches().includes(typed)) {
      this.take(typed);
    }
  }

  private take(name: string): void {
    this.picked.emit(name);
    this.query.set('');
  }
}
