import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { settle } from '../core/settle';
import { fieldErrors, typeInto } from '../core/test-form';
import { KillSwitchDialog } from './kill-switch-dialog';

describe('KillSwitchDialog', () => {
  let fixture: ComponentFixture<KillSwitchDialog>;
  let page: HTMLElement;
  let close: jasmine.Spy;

  async function open(environment?: string): Promise<void> {
    close = jasmine.createSpy('close');
    TestBed.configureTestingModule({
      imports: [KillSwitchDialog],
      providers: [
        { provide: MAT_DIALOG_DATA, useValue: { toggle: 'new-cart', environment } },
        { provide: MatDialogRef, useValue: { close } },
      ],
    });
    fixture = TestBed.createComponent(KillSwitchDialog);
    page = fixture.nativeElement as HTMLElement;
    await settle(fixture);
  }

  it('says what goes off where, and closes only once a reason is given', async () => {
    await open('st1');
    expect(page.querySelector('h2')?.textContent?.trim()).toBe('Turn new-cart off in st1?');

    page.querySelector<HTMLButtonElement>('button.confirm-kill')!.click();
    await settle(fixture);
    expect(close).not.toHaveBeenCalled();
    expect(fieldErrors(page)).toEqual(['Say why it goes off (it is kept in the audit trail).']);

    typeInto(page, 'kill-reason', '  error spike ');
    page.querySelector<HTMLButtonElement>('button.confirm-kill')!.click();
    await settle(fixture);
    expect(close).toHaveBeenCalledWith('error spike');
  });

  it('names every environment when none is given', async () => {
    await open();
    expect(page.querySelector('h2')?.textContent?.trim()).toBe('Turn new-cart off in every environment?');
  });
});
