import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { AuthSession } from '../core/auth-session';
import { ServerHealth } from '../core/server-health';
import { GrantsTable } from './grants-table';

/** The landing page after sign-in: who you are, what you may do, and what is still to come. */
@Component({
  selector: 'app-home-page',
  imports: [MatCardModule, GrantsTable],
  templateUrl: './home-page.html',
  styleUrl: './home-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomePage {
  /** The signed-in user. */
  readonly user = inject(AuthSession).user;
  /** The server's version, once known. */
  readonly serverVersion = inject(ServerHealth).version;
}
