import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NewButton } from './new-button';

/**
 * A configuration page's top: the way back, the title, on a list the New button, and for a user who may
 * only read, a note saying why (which the page's change buttons name in `aria-describedby`).
 */
@Component({
  selector: 'app-config-heading',
  imports: [RouterLink, NewButton],
  template: `
    <p class="back">
      <a [routerLink]="back()">{{ backLabel() }}</a>
    </p>
    @if (newLabel(); as label) {
      <div class="heading">
        <h1>{{ heading() }}</h1>
        <app-new-button [label]="label" [link]="newLink()" [blocker]="blocker()" [describedBy]="noteId()" />
      </div>
    } @else {
      <h1>{{ heading() }}</h1>
    }
    @if (blocker(); as reason) {
      <p [id]="noteId()" class="read-only">You may read {{ readable() }}. {{ reason }}</p>
    }
  `,
  styleUrl: './config-heading.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfigHeading {
  /** Where the back link leads. */
  readonly back = input.required<string>();
  /** The back link's text. */
  readonly backLabel = input.required<string>();
  /** The page's title (its only `h1`). */
  readonly heading = input.required<string>();
  /** What the user may still read, for the note: "the teams", "this team". */
  readonly readable = input.required<string>();
  /** Why the user may not change what the page shows, or null when they may. */
  readonly blocker = input<string | null>(null);
  /** The note's id, for the page's buttons to point at. */
  readonly noteId = input.required<string>();
  /** The New button's text; a page without it (an edit page) has no New button. */
  readonly newLabel = input<string>();
  /** The new record's form, for the New button. */
  readonly newLink = input('');
}
