import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { EnvironmentType } from '@shared/catalogue/environment-type';
import { AuthSession } from '../../core/auth-session';
import { ConfigProblem } from '../config-kit/config-problem';
import { ConfigRecords } from '../config-kit/config-records';
import { editBlocker } from '../config-kit/edit-blocker';
import { ListPager } from '../../core/list-pager';
import { PagedList } from '../../core/paged-list';

/** The environment types: where their environments live and what is protected there; admins change them. */
@Component({
  selector: 'app-environment-type-list-page',
  imports: [MatButtonModule, MatProgressBarModule, MatTooltipModule, RouterLink, ConfigProblem, ListPager],
  templateUrl: './environment-type-list-page.html',
  styleUrl: '../config-kit/config-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EnvironmentTypeListPage implements OnInit {
  private readonly router = inject(Router);
  private readonly user = inject(AuthSession).user;

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
  readonly blocker = computed(() =>
    editBlocker(this.user()?.grants ?? [], { action: 'admin', everywhere: true }),
  );

  ngOnInit(): void {
    void this.types.load();
  }

  /** Opens the form for a new environment type. */
  async create(): Promise<void> {
    if (this.blocker() === null) {
      await this.router.navigate(['/configuration/environment-types/new']);
    }
  }

  /** Deletes an environment type after confirmation. */
  async remove(type: EnvironmentType): Promise<void> {
    if (this.blocker() === null) {
      await this.types.remove(type);
    }
  }
}
