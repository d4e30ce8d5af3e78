import { inject, Injectable } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { ConfirmDialog, type ConfirmQuestion } from './confirm-dialog';

/** Asks the user to confirm an action that changes something; specs replace it to answer directly. */
@Injectable({ providedIn: 'root' })
export class Confirmation {
  private readonly dialog = inject(MatDialog);

  /** Resolves true only when the user confirms. */
  async ask(question: ConfirmQuestion): Promise<boolean> {
    const ref = this.dialog.open<ConfirmDialog, ConfirmQuestion, boolean>(ConfirmDialog, {
      data: question,
      role: 'alertdialog',
    });
    return (await firstValueFrom(ref.afterClosed())) === true;
  }
}
