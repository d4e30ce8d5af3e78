import { inject, Injectable } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { KillSwitchDialog, type KillQuestion } from './kill-switch-dialog';

/** Asks the user to confirm the kill switch with a reason; specs replace it to answer directly. */
@Injectable({ providedIn: 'root' })
export class KillSwitch {
  private readonly dialog = inject(MatDialog);

  /** Resolves the reason given, or null when the user keeps the toggle as it is. */
  async confirm(question: KillQuestion): Promise<string | null> {
    const ref = this.dialog.open<KillSwitchDialog, KillQuestion, string | null>(KillSwitchDialog, {
      data: question,
      role: 'alertdialog',
      width: '32rem',
    });
    return (await firstValueFrom(ref.afterClosed())) ?? null;
  }
}
