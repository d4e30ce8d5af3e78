import { ChangeDetectionStrategy, Component, inject, input, OnInit } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Account, AccountNumber, AccountValue, type NewAccount } from '@shared/catalogue/account';
import type { z } from 'zod';
import { schemaValidator } from '../../core/schema-validator';
import { controlMessage } from '../../core/server-field-errors';
import { ConfigHeading } from '../config-kit/config-heading';
import { ConfigStatus } from '../config-kit/config-status';
import { FormActions } from '../config-kit/form-actions';
import { optionalText } from '../config-kit/optional-text';
import { RecordEditor } from '../config-kit/record-editor';
import { userBlocker } from '../config-kit/user-blocker';

const field = AccountValue.shape;

/** Creates or edits an AWS account: its number (the key), its name, and the role the portal assumes there. */
@Component({
  selector: 'app-aws-account-edit-page',
  imports: [
    ReactiveFormsModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    ConfigHeading,
    FormActions,
    ConfigStatus,
  ],
  templateUrl: './aws-account-edit-page.html',
  styleUrl: '../config-kit/config-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AwsAccountEditPage implements OnInit {
  private readonly fb = inject(NonNullableFormBuilder);

  /** The account's number from the route; absent for a new account. */
  readonly accountNumber = input<string>();

  /** The account's fields, checked with the shared schema's rules. */
  readonly form = this.fb.group({
    AccountNumber: ['', [Validators.required, schemaValidator(AccountNumber)]],
    AccountName: ['', [Validators.required, schemaValidator(field.AccountName)]],
    RoleArn: ['', schemaValidator(field.RoleArn)],
    IncludeAMIs: [false],
  });

  /** Loading, saving and the server's refusals. */
  readonly editor = new RecordEditor({
    resource: 'accounts',
    schema: Account,
    noun: 'account',
    form: this.form,
    keyField: 'AccountNumber',
    fill: (account) => this.fill(account),
    value: () => this.value(),
    createBody: () => this.createBody(),
    blocker: () => this.blocker(),
    list: '/configuration/aws-accounts',
  });

  /** Why the user may not save, or null when they may. */
  readonly blocker = userBlocker({ action: 'admin', everywhere: true });
  /** The message under a field. */
  readonly message = controlMessage;

  ngOnInit(): void {
    void this.editor.open(this.accountNumber());
  }

  private fill(account: Account): void {
    this.form.reset({
      AccountNumber: account.AccountNumber,
      AccountName: account.AccountName,
      RoleArn: account.RoleArn ?? '',
      IncludeAMIs: account.IncludeAMIs,
    });
  }

  // No role is sent as null, so the record says "the portal's own credentials" rather than leaving it out.
  private value(): AccountValue {
    const f = this.form.getRawValue();
    return {
      AccountName: f.AccountName.trim(),
      RoleArn: optionalText(f.RoleArn) ?? null,
      IncludeAMIs: f.IncludeAMIs,
    };
  }

  private createBody(): z.input<typeof NewAccount> {
    return { AccountNumber: this.form.getRawValue().AccountNumber.trim(), ...this.value() };
  }
}
