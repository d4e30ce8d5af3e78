import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { Cluster } from '@shared/catalogue/cluster';
import { AuthSession } from '../../core/auth-session';
import { ConfigProblem } from '../config-kit/config-problem';
import { ConfigRecords } from '../config-kit/config-records';
import { editBlocker } from '../config-kit/edit-blocker';
import { ListPager } from '../../core/list-pager';
import { PagedList } from '../../core/paged-list';

/** The teams (clusters): everyone may read them; admins create, edit and delete. */
@Component({
  selector: 'app-team-list-page',
  imports: [MatButtonModule, MatProgressBarModule, MatTooltipModule, RouterLink, ConfigProblem, ListPager],
  templateUrl: './team-list-page.html',
  styleUrl: '../config-kit/config-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeamListPage implements OnInit {
  private readonly router = inject(Router);
  private readonly user = inject(AuthSession).user;

  /** The teams and their loading, failure and delete. */
  readonly teams = new ConfigRecords({
    resource: 'clusters',
    schema: Cluster,
    key: (team) => team.ClusterName,
    noun: 'team',
  });
  /** The page of teams shown. */
  readonly list = new PagedList(this.teams.records);
  /** Why the user may not change teams, or null when they may. */
  readonly blocker = computed(() =>
    editBlocker(this.user()?.grants ?? [], { action: 'admin', everywhere: true }),
  );

  ngOnInit(): void {
    void this.teams.load();
  }

  /** Opens the form for a new team. */
  async create(): Promise<void> {
    if (this.blocker() === null) {
      await this.router.navigate(['/configuration/teams/new']);
    }
  }

  /** Deletes a team after confirmation. */
  async remove(team: Cluster): Promise<void> {
    if (this.blocker() === null) {
      await this.teams.remove(team);
    }
  }
}
