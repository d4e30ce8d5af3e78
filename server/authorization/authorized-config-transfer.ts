import type { Principal } from '../auth/principal';
import type { ConfigTransfer, ImportResult } from '../catalogue/config-transfer';
import type { Actor, Kind } from '../catalogue/record-store';
import type { TransferFormat } from '../catalogue/transfer-format';
import { authorize, type Requirement } from './authorize';

/** Export and import reach every record of a kind, whoever owns it: both need `admin` everywhere. */
const adminEverywhere: Requirement = { action: 'admin', everywhere: true };

/** Config export and import as routes use them: refused (403) before anything is read or parsed. */
export class AuthorizedConfigTransfer {
  constructor(private readonly transfer: ConfigTransfer) {}

  async export<K extends Kind>(principal: Principal, format: TransferFormat<K>): Promise<unknown[]> {
    await authorize(principal, adminEverywhere);
    return this.transfer.export(format);
  }

  async import<K extends Kind>(
    principal: Principal,
    format: TransferFormat<K>,
    body: readonly unknown[],
    mode: 'merge' | 'replace',
    actor: Actor,
  ): Promise<ImportResult> {
    await authorize(principal, adminEverywhere);
    return this.transfer.import(format, body, mode, actor);
  }
}
