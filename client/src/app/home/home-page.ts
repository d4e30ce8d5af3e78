import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { AuthSession } from '../core/auth-session';
import { ServerHealth } from '../core/server-health';

/** The landing page after sign-in: who you are (the account page has the rest) and where to start. */
@Component({
  selector: 'app-home-page',
  imports: [MatCardModule, RouterLink],
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
