import { ChangeDetectionStrategy, Component, OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Cluster } from '@shared/catalogue/cluster';
import { ConfigHeading } from '../config-kit/config-heading';
import { ConfigRecords } from '../config-kit/config-records';
import { userBlocker } from '../config-kit/user-blocker';
import { ListPager } from '../../core/list-pager';
import { PagedList } from '../../core/paged-list';
import { DeleteButton } from '../config-kit/delete-button';
import { ConfigStatus } from '../config-kit/config-status';

/** The teams (clusters): everyone may read them; admins create, edit and delete. */
@Component({
  selector: 'app-team-list-page',
  imports: [RouterLink, ConfigHeading, ListPager, DeleteButton, ConfigStatus],
  templateUrl: './team-list-page.html',
  styleUrl: '../config-kit/config-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TeamListPage implements OnInit {
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
  readonly blocker = userBlocker({ action: 'admin', everywhere: true });

  ngOnInit(): void {
    void this.teams.load();
  }
}
