import { ChangeDetectionStrategy, Component, OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import { EnvironmentType } from '@shared/catalogue/environment-type';
import { ConfigRecords } from '../config-kit/config-records';
import { userBlocker } from '../config-kit/user-blocker';
import { ListPager } from '../../core/list-pager';
import { PagedList } from '../../core/paged-list';
import { ConfigHeading } from '../config-kit/config-heading';
import { DeleteButton } from '../config-kit/delete-button';
import { ConfigStatus } from '../config-kit/config-status';

/** The environment types: where their environments live and what is protected there; admins change them. */
@Component({
  selector: 'app-environment-type-list-page',
  imports: [RouterLink, ListPager, ConfigHeading, DeleteButton, ConfigStatus],
  templateUrl: './environment-type-list-page.html',
  styleUrl: '../config-kit/config-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EnvironmentTypeListPage implements OnInit {
  /** The environment types and their loading, failure and delete. */
  readonly types = new ConfigRecords({
    resource: 'environment-types',
    schema: EnvironmentType,
    key: (type) => type.EnvironmentType,
    noun: 'environment type',
  });
  /** The page of environment types shown. */
  readonly list = new PagedList(this.types.records);
  /** Why the user may not change environment types, or null when they may. */
  readonly blocker = userBlocker({ action: 'admin', everywhere: true });

  ngOnInit(): void {
    void this.types.load();
  }
}
