import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { CreatedApiToken } from '@shared/auth/user';
import type { z } from 'zod';

/** A token just created: its secret, shown this once, with Copy and a warning that it will not be shown again. */
@Component({
  selector: 'app-new-token-secret',
  imports: [MatButtonModule],
  template: `
    <section class="secret" aria-labelledby="secret-heading">
      <h3 id="secret-heading">Your new token "{{ token().name }}"</h3>
      <p class="warning">
        <strong>Copy it now: this is the only time it is shown.</strong> It will not be shown again; if you
        lose it, revoke it and create another.
      </p>
      <code class="value" tabindex="0" aria-label="The token">{{ token().token }}</code>
      <div class="actions">
        <button mat-flat-button type="button" class="copy" (click)="copy()">Copy</button>
        <button mat-stroked-button type="button" class="dismiss" (click)="dismissed.emit()">
          I have copied it
        </button>
      </div>
      <p class="copy-status" aria-live="polite">{{ copyStatus() }}</p>
    </section>
  `,
  styles: `
    .secret {
      padding: 1rem;
      margin: 1rem 0;
      border-radius: 0.5rem;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    h3 {
      margin-top: 0;
      font: var(--mat-sys-title-small);
    }
    .value {
      display: block;
      padding: 0.5rem;
      overflow-wrap: anywhere;
      user-select: all;
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
      border-radius: 0.25rem;
    }
    .actions {
      display: flex;
      gap: 0.75rem;
      margin-top: 0.75rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewTokenSecret {
  /** The token just created, with its secret. */
  readonly token = input.required<z.infer<typeof CreatedApiToken>>();
  /** The user is done with the secret: the panel goes away for good. */
  readonly dismissed = output<void>();

  /** What the last Copy did, for the user and screen readers. */
  readonly copyStatus = signal('');

  /** Puts the secret on the clipboard; where the browser refuses, says how to copy it by hand. */
  async copy(): Promise<void> {
    try {
      // the Clipboard API is missing on plain-HTTP pages other than localhost
      if (!navigator.clipboard) {
        throw new Error('no clipboard');
      }
      await navigator.clipboard.writeText(this.token().token);
      this.copyStatus.set('Copied to the clipboard.');
    } catch {
      this.copyStatus.set('This browser would not copy it: select the token above and copy it by hand.');
    }
  }
}
